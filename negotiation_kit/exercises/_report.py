"""Write what grading found: the grades CSV, a feedback file per student, the written answers.

From ``--out results.csv``: ``results.csv`` (one row per student, a column per task, the total
of passed auto-graded tasks out of their number, notes), ``results_feedback/<student>.md``,
``results_answers.csv`` (student, task, text of every written answer) and
``results_answers/<student>.md`` plus ``results_answers/by_task.md`` (every answer to one
task after another, for marking; no student's file takes that name). CSV files are UTF-8
with a BOM, so spreadsheets open them right.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ._collect import file_names
from ._verdict import MISSING, meant_id

if TYPE_CHECKING:
    from ._grade import Graded

Key = tuple[str, "str | None"]
BY_TASK = "by_task"


def _title(task_id: str) -> str:
    from ._core import registered

    found = registered().get(task_id)
    return found.title if found else ""


def _replace(path: Path, write: object) -> None:
    partial = path.with_name(path.name + ".part")
    write(partial)  # type: ignore[operator]
    partial.replace(path)


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    def write(target: Path) -> None:
        with target.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)

    _replace(path, write)


@dataclass
class _Student:
    """What one student handed in, as the reports show it."""

    student: str
    name: str
    own: list[Graded]
    aside: list[Graded]
    roster_note: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return (
            f"{self.name} ({self.student})"
            if self.name and self.name != self.student
            else self.student
        )


def _feedback(who: _Student) -> str:
    lines = [f"# Feedback for {who.heading}", ""]
    if who.roster_note:
        lines += [who.roster_note, ""]
    if not who.own and not who.aside:
        lines += ["No exercise notebook of yours was found.", ""]
    for graded in who.own:
        out = graded.outcome
        lines += [f"## {graded.submission.shown}", ""]
        lines += [f"Status: **{out.status}** ({out.seconds:.1f} s)", ""]
        lines += [f"- {problem}" for problem in out.problems]
        lines += [
            f"- check('{t}', ...): there is no task '{t}' (did you mean '{meant_id(t)}'?), "
            "so it was not graded"
            for t in graded.unknown
        ]
        lines += [f"- {note}" for note in graded.notes]
        lines += [""] if out.problems or graded.unknown or graded.notes else []
        lines += [f"- {verdict.message}" for _, verdict in sorted(graded.verdicts.items())]
        lines.append("")
    for graded in who.aside:
        lines += [f"## {graded.submission.shown} (not graded)", ""]
        lines += [f"Status: {graded.outcome.status}; {graded.answered} tasks answered.", ""]
    return "\n".join(lines)


def _answers_markdown(title: str, entries: list[tuple[str, str, str]]) -> str:
    lines = [f"# {title}", ""]
    for heading, notebook, text in entries:
        lines += [f"## {heading}", "", f"*{notebook}*", ""]
        lines += [f"> {line}" if line.strip() else ">" for line in text.splitlines()]
        lines += ["", "Mark: ______", ""]
    return "\n".join(lines)


def _students(
    chosen: dict[Key, Graded], aside: list[Graded], roster: dict[str, str] | None
) -> list[_Student]:
    names = {k[0] for k in chosen} | {g.submission.student for g in aside} | set(roster or {})
    found = []
    for student in sorted(names):
        own = [chosen[k] for k in sorted(chosen, key=str) if k[0] == student]
        set_aside = [g for g in aside if g.submission.student == student]
        who = _Student(student, (roster or {}).get(student, ""), own, set_aside)
        if roster is not None and student not in roster:
            who.roster_note = "Not on the roster: graded against the default numbers."
        elif not own and not set_aside:
            who.roster_note = "On the roster, but no notebook was handed in."
        who.notes = [f"{g.submission.lesson}: {n}" for g in own for n in g.notes]
        who.notes += [
            f"{g.submission.lesson}: unknown task id '{t}'" for g in own for t in g.unknown
        ]
        who.notes += [
            f"{g.submission.shown}: no lesson found, not graded"
            for g in set_aside
            if g.submission.lesson is None
        ]
        who.notes += [who.roster_note] if who.roster_note else []
        found.append(who)
    return found


def _row(who: _Student, columns: list[str], auto: list[str], roster: bool) -> list[object]:
    verdicts = {t: v for g in who.own for t, v in g.verdicts.items()}
    cells = [verdicts[t].status if t in verdicts else MISSING for t in columns]
    total = sum(verdicts[t].counts for t in auto if t in verdicts)
    status = "; ".join(f"{g.submission.lesson}: {g.outcome.status}" for g in who.own)
    row: list[object] = [who.student, *([who.name] if roster else [])]
    row += ["; ".join(g.submission.shown for g in who.own), status or "nothing handed in"]
    return [*row, total, len(auto), *cells, " | ".join(who.notes)]


def write(
    out: Path,
    feedback: Path | None,
    chosen: dict[Key, Graded],
    aside: list[Graded],
    known: list[str],
    roster: dict[str, str] | None,
) -> str:
    """Write every output; return one line saying what was written where."""
    from ._verdict import kind_of

    students = _students(chosen, aside, roster)
    columns = [t for t in known if t[:2] in {k[1] for k in chosen}]
    auto = [t for t in columns if kind_of(t) != "explain"]
    header = ["student", *(["name"] if roster else []), "notebooks", "status", "total", "out of"]
    feedback = feedback if feedback is not None else out.with_name(out.stem + "_feedback")
    answers_dir = out.with_name(out.stem + "_answers")
    for folder in (out.parent, feedback, answers_dir):
        folder.mkdir(parents=True, exist_ok=True)
    files = file_names([who.student for who in students], reserved=(BY_TASK,))
    answers: list[list[object]] = []
    by_task: dict[str, list[tuple[str, str, str]]] = {}
    for who in students:
        (feedback / f"{files[who.student]}.md").write_text(_feedback(who), encoding="utf-8")
        entries = []
        for graded in who.own:
            shown = graded.submission.shown
            for task_id, written in sorted(graded.texts.items()):
                title = _title(task_id)
                answers.append([who.student, shown, task_id, title, len(written.split()), written])
                entries.append((f"{task_id} {title}", shown, written))
                by_task.setdefault(f"{task_id} {title}", []).append((who.heading, shown, written))
        if entries:
            page = _answers_markdown(f"Written answers of {who.heading}", entries)
            (answers_dir / f"{files[who.student]}.md").write_text(page, encoding="utf-8")
    rows = [_row(who, columns, auto, roster is not None) for who in students]
    _write_csv(out, [*header, *columns, "notes"], rows)
    answers_csv = out.with_name(out.stem + "_answers.csv")
    _write_csv(answers_csv, ["student", "notebook", "task", "title", "words", "text"], answers)
    pages = [_answers_markdown(h, e) for h, e in sorted(by_task.items())]
    text = "\n".join(pages) or "# No written answers\n"
    (answers_dir / f"{BY_TASK}.md").write_text(text, encoding="utf-8")
    unknown = sorted({t for g in chosen.values() for t in g.unknown})
    warning = f"; unknown task ids in notebooks: {', '.join(unknown)}" if unknown else ""
    return (
        f"wrote {out} ({len(students)} students), feedback in {feedback}, "
        f"{len(answers)} written answers in {answers_csv} and {answers_dir}{warning}"
    )
