"""Build lecture notebooks from the tagged cells of the lessons (see the package's docstring).

>>> headings("## 3. Tied hands\\n\\nThe next cell computes...\\n### Try this")
['## 3. Tied hands', '### Try this']
>>> heading = nbformat.v4.new_markdown_cell("## 7. Explore: x\\n\\nThe next cell...")
>>> heading.metadata["tags"] = [HEADING]
>>> lecture_cell(heading).source
'## Explore: x'
>>> closing = nbformat.v4.new_markdown_cell("## 6. What we saw\\n\\n1. Vetoes block.")
>>> closing.metadata["tags"] = [SHOWN]
>>> lecture_cell(closing).source
'## What we saw\\n\\n1. Vetoes block.'
>>> setup = nbformat.v4.new_code_cell("x = 1\\nprint(x)", metadata={"tags": [SETUP]})
>>> lecture_cell(setup).source
'%%capture\\nx = 1\\nprint(x)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat as _nbformat

nbformat: Any = _nbformat  # untyped library
SHOWN = "lecture"
"""Tag of a cell the lecture shows whole (Markdown) or runs with its output shown (code)."""
HEADING = "lecture-heading"
"""Tag of a Markdown cell of which the lecture shows only the headings."""
SETUP = "lecture-setup"
"""Tag of a code cell the lecture runs with its output hidden."""
TAGS = (SHOWN, HEADING, SETUP)

KIT = Path(__file__).resolve().parents[2]
"""The kit's folder when the kit is installed editable, as ``requirements.txt`` installs it."""
LESSON = re.compile(r"^(?P<id>\d\d[a-z]?)_\w+\.ipynb$")
NUMBERED = re.compile(r"^(#+ )\d+[a-z]?\. ")
"""A section's number (``## 7. Explore: ...``): the lecture shows no sections around it."""
FENCE = re.compile(r"^(```|~~~)")

STYLE_CELL = """\
# The projector style of the lecture view (negotiation_kit.lecture)
from negotiation_kit.lecture import projector_style

projector_style()"""

PROJECTOR_CSS = """
body {
  --jp-content-font-size0: 18px;
  --jp-content-font-size1: 22px;
  --jp-content-font-size2: 26px;
  --jp-content-font-size3: 30px;
  --jp-content-font-size4: 34px;
  --jp-content-font-size5: 40px;
  --jp-ui-font-size0: 18px;
  --jp-ui-font-size1: 20px;
  --jp-ui-font-size2: 22px;
  --jp-ui-font-size3: 24px;
  --jp-widgets-font-size: 20px;
  --jp-widgets-inline-height: 36px;
  --jp-widgets-inline-label-width: 220px;
  --jp-content-line-height: 1.45;
}
.jp-RenderedHTMLCommon, .jp-RenderedMarkdown { font-size: 22px; line-height: 1.45; }
.jp-RenderedHTMLCommon p, .jp-RenderedHTMLCommon li { font-size: 22px; }
.jp-RenderedHTMLCommon h1 { font-size: 40px; }
.jp-RenderedHTMLCommon h2 { font-size: 32px; margin-top: 1.6em; }
.jp-RenderedHTMLCommon h3 { font-size: 26px; }
.jupyter-widgets, .widget-label, .widget-readout, .widget-html-content,
.widget-dropdown select, .widget-button, .widget-toggle-button,
.jupyter-widgets [role="status"], .jupyter-widgets [role="alert"] {
  font-size: 20px !important;
}
.widget-radio-box label {
  display: flex; align-items: center; gap: 0.3em;
  line-height: 1.4 !important; height: auto !important; margin: 2px 0;
}
.widget-image { max-width: 100%; height: auto; }
/* the cell that holds this style takes no room */
.jp-Cell:has(style.nk-lecture-style), .jp-OutputArea-child:has(style.nk-lecture-style) {
  display: none;
}
"""
"""The lecture view's style: body text 22 px, headings, controls and captions to match."""


class LectureError(ValueError):
    """A lecture view that cannot be built (a message for the instructor)."""


@dataclass(frozen=True)
class Lesson:
    """One lesson notebook: its id (``03``, ``04b``) and its title."""

    path: Path

    @property
    def id(self) -> str:
        match = LESSON.match(self.path.name)
        assert match, self.path
        return match.group("id")

    @property
    def title(self) -> str:
        """The text of the lesson's first heading (``Lesson 3: Divided nations ...``)."""
        notebook = read(self.path)
        for cell in notebook.cells:
            for line in headings(cell.source) if cell.cell_type == "markdown" else []:
                return line.lstrip("#").strip()
        return self.path.stem

    @property
    def has_lecture(self) -> bool:
        """Whether the lesson tags any cell for the lecture."""
        return any(set(c.metadata.get("tags", [])) & set(TAGS) for c in read(self.path).cells)


def read(path: Path) -> Any:
    return nbformat.read(path, as_version=4)


def lessons(root: Path) -> list[Lesson]:
    """The lessons of ``root/notebooks`` in order (``00_start_here.ipynb``, ...)."""
    folder = root / "notebooks"
    if not folder.is_dir():
        raise LectureError(
            f"there is no notebooks/ folder in {root}; run this in the kit's folder "
            "(the one holding notebooks/) or give that folder with --root"
        )
    found = sorted(p for p in folder.iterdir() if LESSON.match(p.name))
    if not found:
        raise LectureError(f"no lesson notebooks (like 03_tied_hands.ipynb) in {folder}")
    return [Lesson(path) for path in found]


def find(root: Path, name: str) -> Lesson:
    """The lesson ``name`` names: ``03``, ``3``, ``4b``, ``03_tied_hands`` or its file name.

    >>> find(KIT, "3").path.name
    '03_tied_hands.ipynb'
    """
    available = lessons(root)
    wanted = name.strip().removesuffix(".ipynb").lower()
    number = re.fullmatch(r"(\d{1,2})([a-z]?)", wanted)
    if number:
        wanted = f"{int(number.group(1)):02d}{number.group(2)}"
    for lesson in available:
        if wanted in (lesson.id, lesson.path.stem.lower()):
            return lesson
    allowed = ", ".join(lesson.id for lesson in available)
    raise LectureError(f"there is no lesson {name!r}; the lessons are {allowed}")


def headings(source: str) -> list[str]:
    """The Markdown heading lines of ``source`` (outside code blocks)."""
    found, fenced = [], False
    for line in source.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            found.append(line.rstrip())
    return found


def unnumbered(source: str) -> str:
    """``source`` with its headings' section numbers taken off (outside code blocks).

    >>> unnumbered("## 6. What the lessons have shown\\n\\n1. A numbered point keeps its number")
    '## What the lessons have shown\\n\\n1. A numbered point keeps its number'
    """
    lines, fenced = [], False
    for line in source.splitlines(keepends=True):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = NUMBERED.sub(r"\1", line)
        lines.append(line)
    return "".join(lines)


def lecture_cell(cell: Any) -> Any | None:
    """The cell as the lecture shows it, or None if the lecture leaves it out."""
    tags = set(cell.metadata.get("tags", []))
    if cell.cell_type == "markdown":
        if SHOWN in tags:
            return nbformat.v4.new_markdown_cell(
                unnumbered(cell.source), metadata={"tags": [SHOWN]}
            )
        if HEADING in tags:
            lines = [NUMBERED.sub(r"\1", line) for line in headings(cell.source)]
            return nbformat.v4.new_markdown_cell("\n\n".join(lines))
        return None
    if cell.cell_type != "code":
        return None
    if SHOWN in tags:
        return nbformat.v4.new_code_cell(cell.source, metadata={"tags": [SHOWN]})
    if SETUP in tags:
        return nbformat.v4.new_code_cell(f"%%capture\n{cell.source}")
    return None


def lecture_notebook(path: Path) -> Any:
    """The lecture view of the lesson at ``path``: its style, then its tagged cells in order.

    Raises LectureError if the lesson tags no cell for the lecture.
    """
    lesson = read(path)
    cells = [shown for cell in lesson.cells if (shown := lecture_cell(cell)) is not None]
    if not cells:
        raise LectureError(f"{path.name} has no cells tagged for the lecture ({', '.join(TAGS)})")
    style = nbformat.v4.new_code_cell(STYLE_CELL, metadata={"jupyter": {"source_hidden": True}})
    notebook = nbformat.v4.new_notebook(cells=[style, *cells])
    notebook.metadata["kernelspec"] = lesson.metadata.get(
        "kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"}
    )
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def build(root: Path, out: Path, names: list[str] | None = None) -> list[Path]:
    """Write the lecture notebooks of the lessons ``names`` into ``out``.

    With ``names`` None, every lesson that tags cells for the lecture. ``out`` may not lie
    inside ``root/notebooks``: the lessons there are never written. Returns the notebooks
    written, named like their lessons (``03_tied_hands.ipynb``).
    """
    if names is None:
        chosen = [lesson for lesson in lessons(root) if lesson.has_lecture]
        if not chosen:
            raise LectureError(f"no lesson in {root / 'notebooks'} tags cells for the lecture")
    else:
        chosen = [find(root, name) for name in names]
    notebooks = (root / "notebooks").resolve()
    target = out.resolve()
    if target == notebooks or notebooks in target.parents:
        raise LectureError(f"{out} is inside {notebooks}; write the lecture views elsewhere")
    if out.exists() and not out.is_dir():
        raise LectureError(f"{out} is a file; give a folder for the lecture views")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lesson in chosen:
        notebook = lecture_notebook(lesson.path)
        nbformat.validate(notebook)
        path = out / lesson.path.name
        nbformat.write(notebook, path)
        written.append(path)
    return written


def projector_style() -> Any:
    """The lecture view's style, as an HTML output (the first cell of every lecture view)."""
    from IPython import display

    html: Any = display.HTML  # untyped library
    return html(f'<style class="nk-lecture-style">{PROJECTOR_CSS}</style>')
