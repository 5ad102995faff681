"""Write what grading found: the grades CSV, a feedback file per student, the written answers.

From ``--out results.csv``: ``results.csv`` (one row per student, a column per task, the total
of passed auto-graded tasks out of their number, notes), ``results_feedback/<student>.md``,
``results_answers.csv`` (student, task, text of every written answer) and
``results_answers/<student>.md`` plus ``results_answers/by_task.md`` (every answer to one
task after another, for marking). CSV files are UTF-8 with a BOM, so spreadsheets open them
right.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from ._collect import file_names
from ._verdict import MISSING, meant_id

if TYPE_CHECKING:
    from ._grade import Graded

Key = tuple[str, "str | None"]


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


def _feedback(student: str, own: list[Graded], aside: list[Graded], roster_note: str) -> str:
    lines = [f"# Feedback for {student}", ""]
    if roster_note:
        lines += [roster_note, ""]
    if not own and not aside:
        lines += ["No exercise notebook of yours was found.", ""]
    for graded in own:
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
    for graded in aside:
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


def write(
    out: Path,
    feedback: Path | None,
    folder: Path,
    chosen: dict[Key, Graded],
    aside: list[Graded],
    known: list[str],
    roster: dict[str, str] | None,
) -> str:
    """Write every output; return one line saying what was written where."""
    from ._verdict import kind_of

    students = sorted(
        {k[0] for k in chosen} | {g.submission.student for g in aside} | set(roster or {})
    )
    lessons = sorted({k[1] for k in chosen if k[1]})
    columns = [t for t in known if t[:2] in lessons]
    auto = [t for t in columns if kind_of(t) != "explain"]
    header = ["student", *(["name"] if roster else []), "notebooks", "status", "total", "out of"]
    header += [*columns, "notes"]
    rows: list[list[object]] = []
    answers: list[list[object]] = []
    names = file_names(students)
    feedback = feedback if feedback is not None else out.with_name(out.stem + "_feedback")
    answers_dir = out.with_name(out.stem + "_answers")
    for folder_ in (out.parent, feedback, answers_dir):
        folder_.mkdir(parents=True, exist_ok=True)
    by_task: dict[str, list[tuple[str, str, str]]] = {}
    for student in students:
        own = [chosen[k] for k in sorted(chosen, key=str) if k[0] == student]
        set_aside = [g for g in aside if g.submission.student == student]
        verdicts = {t: v for g in own for t, v in g.verdicts.items()}
        cells = [verdicts[t].status if t in verdicts else MISSING for t in columns]
        total = sum(verdicts[t].counts for t in auto if t in verdicts)
        notes = [f"{g.submission.lesson}: {n}" for g in own for n in g.notes]
        notes += [f"{g.submission.lesson}: unknown task id '{t}'" for g in own for t in g.unknown]
        notes += [
            f"{g.submission.shown}: not graded (no lesson found)"
            for g in set_aside
            if g.submission.lesson is None
        ]
        roster_note = ""
        if roster is not None and student not in roster:
            roster_note = "Not on the roster: graded against the default numbers."
        elif not own and not set_aside:
            roster_note = "On the roster, but no notebook was handed in."
        notes += [roster_note] if roster_note else []
        status = (
            "; ".join(f"{g.submission.lesson}: {g.outcome.status}" for g in own)
            or "nothing handed in"
        )
        row: list[object] = [student, *([roster.get(student, "")] if roster else [])]
        row += ["; ".join(g.submission.shown for g in own), status, total, len(auto)]
        rows.append([*row, *cells, " | ".join(notes)])
        text = _feedback(student, own, set_aside, roster_note)
        (feedback / f"{names[student]}.md").write_text(text, encoding="utf-8")
        entries = []
        for graded in own:
            for task_id, written in sorted(graded.texts.items()):
                heading = f"{task_id} {_title(task_id)}"
                answers.append(
                    [
                        student,
                        graded.submission.shown,
                        task_id,
                        _title(task_id),
                        len(written.split()),
                        written,
                    ]
                )
                entries.append((heading, graded.submission.shown, written))
                by_task.setdefault(heading, []).append((student, graded.submission.shown, written))
        if entries:
            page = _answers_markdown(f"Written answers of {student}", entries)
            (answers_dir / f"{names[student]}.md").write_text(page, encoding="utf-8")
    _write_csv(out, header, rows)
    answers_csv = out.with_name(out.stem + "_answers.csv")
    _write_csv(answers_csv, ["student", "notebook", "task", "title", "words", "text"], answers)
    pages = [_answers_markdown(h, e) for h, e in sorted(by_task.items())]
    (answers_dir / "by_task.md").write_text(
        "\n".join(pages) or "# No written answers\n", encoding="utf-8"
    )
    unknown = sorted({t for g in chosen.values() for t in g.unknown})
    warning = f"; unknown task ids in notebooks: {', '.join(unknown)}" if unknown else ""
    return (
        f"wrote {out} ({len(students)} students), feedback in {feedback}, "
        f"{len(answers)} written answers in {answers_csv} and {answers_dir}{warning}"
    )
