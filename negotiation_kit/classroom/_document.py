"""Documents written twice from one source: HTML (to print) and Markdown (to edit or mail).

A document is a list of blocks: headings, paragraphs, bullet lists and tables. Cards and
debrief reports build blocks; ``html`` and ``markdown`` write them, so both formats always
say the same thing.
"""

from __future__ import annotations

import html as _html
from dataclasses import dataclass, field

PRINT_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4;
       max-width: 52em; margin: 1.5em auto; padding: 0 1em; color: #111; }
h1 { font-size: 17pt; margin: 0 0 0.2em; }
h2 { font-size: 13pt; margin: 1.1em 0 0.3em; border-bottom: 1px solid #999; }
.subtitle { color: #444; margin: 0 0 1em; }
.secret { font-weight: bold; color: #7A3500; }
table { border-collapse: collapse; margin: 0.4em 0 0.8em; }
th, td { border: 1px solid #999; padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #eee; }
.card + .card { margin-top: 3em; }
figure img { max-width: 100%; }
@page { size: A4; margin: 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  .card { break-after: page; page-break-after: always; }
  .card:last-child { break-after: auto; page-break-after: auto; }
  table, figure, tr, li, .part { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


@dataclass
class Table:
    """A table: a header row and rows of cells; ``numeric`` columns are right-aligned."""

    header: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)


@dataclass
class Document:
    """A titled list of blocks: ``("h2", text)``, ``("p", text)``, ``("list", items)``,
    ``("table", Table)``, ``("image", path)``."""

    title: str
    subtitle: str = ""
    blocks: list[tuple[str, object]] = field(default_factory=list)

    def heading(self, text: str) -> None:
        self.blocks.append(("h2", text))

    def paragraph(self, text: str) -> None:
        if text:
            self.blocks.append(("p", text))

    def bullets(self, items: list[str]) -> None:
        self.blocks.append(("list", items))

    def table(self, table: Table) -> None:
        self.blocks.append(("table", table))

    def image(self, path: str) -> None:
        self.blocks.append(("image", path))


def html_body(doc: Document) -> str:
    """The document as an HTML ``<section class="card">`` (no page around it)."""
    esc = _html.escape
    out = [f'<section class="card">\n<h1>{esc(doc.title)}</h1>']
    if doc.subtitle:
        out.append(f'<p class="subtitle">{esc(doc.subtitle)}</p>')
    opened = False
    for kind, value in doc.blocks:
        if kind == "h2":  # a part: its heading and what follows, kept on one printed page
            out.append(("</div>\n" if opened else "") + '<div class="part">')
            opened = True
            out.append(f"<h2>{esc(str(value))}</h2>")
        elif kind == "p":
            out.append(f"<p>{esc(str(value))}</p>")
        elif kind == "list":
            assert isinstance(value, list)
            out.append("<ul>" + "".join(f"<li>{esc(item)}</li>" for item in value) + "</ul>")
        elif kind == "image":
            out.append(f'<figure><img src="{esc(str(value))}" alt="the class\'s deals"></figure>')
        else:
            assert isinstance(value, Table)
            out.append(_html_table(value))
    out.append(("</div>\n" if opened else "") + "</section>")
    return "\n".join(out)


def _html_table(table: Table) -> str:
    esc = _html.escape

    def cls(k: int) -> str:
        return ' class="number"' if k in table.numeric else ""

    head = "".join(f"<th{cls(k)}>{esc(h)}</th>" for k, h in enumerate(table.header))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(k)}>{esc(c)}</td>" for k, c in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html_page(title: str, bodies: list[str]) -> str:
    """A whole HTML page holding ``bodies`` (one printed page each), with the print style."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_html.escape(title)}</title>\n<style>{PRINT_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(bodies)
        + "\n</body>\n</html>\n"
    )


def markdown(doc: Document) -> str:
    """The document as Markdown."""
    out = [f"# {doc.title}", ""]
    if doc.subtitle:
        out += [f"*{_md(doc.subtitle)}*", ""]
    for kind, value in doc.blocks:
        if kind == "h2":
            out += [f"## {value}", ""]
        elif kind == "p":
            out += [_md(str(value)), ""]
        elif kind == "list":
            assert isinstance(value, list)
            out += [f"- {_md(item)}" for item in value] + [""]
        elif kind == "image":
            out += [f"![the class's deals]({value})", ""]
        else:
            assert isinstance(value, Table)
            out += [_md_row(value.header)]
            out += ["|" + "|".join("---:" if k in value.numeric else "---"
                                   for k in range(len(value.header))) + "|"]  # fmt: skip
            out += [_md_row(row) for row in value.rows] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def _md(text: str) -> str:
    """Text with the characters Markdown would read as formatting escaped."""
    for char in "\\*_`[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(_md(c) for c in cells) + " |"
