"""Build the static site: run each lesson, freeze its explorers, write HTML pages.

>>> links = Links(repo="ada/kit", hub="hub.example.edu")
>>> links.binder("notebooks/01_one_issue.ipynb")
'https://mybinder.org/v2/gh/ada/kit/main?urlpath=lab/tree/notebooks/01_one_issue.ipynb'
>>> links.colab("notebooks/01_one_issue.ipynb")
'https://colab.research.google.com/github/ada/kit/blob/main/notebooks/01_one_issue.ipynb'
"""

from __future__ import annotations

import html
import json
import multiprocessing
import os
import re
import subprocess
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import nbformat as _nbformat

nbformat: Any = _nbformat  # untyped library
WIDGET = "application/vnd.jupyter.widget-view+json"
LESSON = re.compile(r"^\d\d[a-z]?_[\w-]+\.ipynb$")
SNAPSHOT = """\
import base64 as _nk_base64, io as _nk_io, json as _nk_json
_nk_shown = _
if hasattr(_nk_shown, "figure") and hasattr(_nk_shown, "describe"):
    _nk_buffer = _nk_io.BytesIO()
    _nk_shown.figure.savefig(_nk_buffer, format="png")
    print(_nk_json.dumps({"png": _nk_base64.b64encode(_nk_buffer.getvalue()).decode(),
                          "alt": _nk_shown.describe()}))
else:
    print(_nk_json.dumps({}))
"""
"""Run in the lesson's kernel right after a cell displayed an explorer (IPython's ``_`` is the
value the cell displayed): its figure as it starts, and its description."""

STYLE = """\
:root {  /* code colours dark enough for 4.5:1 on the code cells' grey (WCAG AA) */
  --jp-mirror-editor-number-color: #006000; --jp-mirror-editor-keyword-color: #006000;
  --jp-mirror-editor-builtin-color: #006000; --jp-mirror-editor-operator-color: #7a1fa8;
  --jp-mirror-editor-meta-color: #7a1fa8; --jp-mirror-editor-comment-color: #2f5f5f;
  --jp-mirror-editor-atom-color: #3030c0; --jp-mirror-editor-quote-color: #006000;
}
body { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
nav.nk-nav { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: baseline;
  padding: 0.6rem 0; border-bottom: 1px solid #c8c8c8; margin-bottom: 1rem;
  font-family: system-ui, sans-serif; }
nav.nk-nav a { color: #0b57d0; }
main a, .jp-RenderedHTMLCommon a { text-decoration: underline !important; }  /* not colour alone */
.nk-launch { font-family: system-ui, sans-serif; font-size: 0.95rem; }
figure.nk-explorer { margin: 0.5rem 0; }
figure.nk-explorer img { max-width: 100%; height: auto; border: 1px solid #dadada; }
figure.nk-explorer figcaption { font-size: 0.95rem; line-height: 1.4; color: #222;
  margin-top: 0.3rem; }
p.nk-static { font-size: 0.9rem; color: #444; font-style: italic; }
@media print {
  nav.nk-nav, .nk-launch, p.nk-static, a.anchor-link { display: none !important; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  img, figure, table, pre, .jp-OutputArea-output { break-inside: avoid; page-break-inside: avoid; }
  /* a code cell and its output on one page when they fit (a longer one still breaks) */
  .jp-CodeCell { break-inside: avoid; page-break-inside: avoid; }
  /* long code lines wrap on paper instead of being cut off at the page's edge */
  pre { white-space: pre-wrap !important; overflow-wrap: anywhere; }
  .jp-InputArea-editor, .jp-OutputArea-output, .highlight { overflow: visible !important; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


class SiteError(RuntimeError):
    """A site that cannot be built (a message for the instructor)."""


@dataclass(frozen=True)
class Links:
    """Where a lesson can be opened live: Binder, Colab and a JupyterHub (nbgitpuller).

    ``repo`` is the GitHub ``owner/name`` of the repository students use (the student bundle's
    repository, never one holding ``solutions/``); the defaults are the README's placeholders.
    """

    repo: str = "YOUR-ORG/negotiation-kit-student"
    branch: str = "main"
    hub: str = "YOUR-HUB"

    def binder(self, path: str) -> str:
        return f"https://mybinder.org/v2/gh/{self.repo}/{self.branch}?urlpath=lab/tree/{path}"

    def colab(self, path: str) -> str:
        return f"https://colab.research.google.com/github/{self.repo}/blob/{self.branch}/{path}"

    def jupyterhub(self, path: str) -> str:
        folder = self.repo.rsplit("/", 1)[-1]
        return (
            f"https://{self.hub}/hub/user-redirect/git-pull"
            f"?repo={quote('https://github.com/' + self.repo, safe='')}&branch={self.branch}"
            f"&urlpath={quote(f'lab/tree/{folder}/{path}', safe='')}"
        )

    def html(self, path: str) -> str:
        """The launch links of one notebook, as a line of HTML."""
        return (
            '<span class="nk-launch">Open this lesson live: '
            f'<a href="{html.escape(self.binder(path))}">Binder</a> · '
            f'<a href="{html.escape(self.colab(path))}">Colab</a> · '
            f'<a href="{html.escape(self.jupyterhub(path))}">your JupyterHub</a></span>'
        )


@dataclass
class Site:
    """What a build wrote: the pages, and the explorers frozen on each lesson page."""

    out: Path
    pages: list[Path] = field(default_factory=list)
    explorers: dict[str, int] = field(default_factory=dict)


def lessons(root: Path) -> list[Path]:
    """The lesson notebooks of ``root/notebooks`` in order (``00_start_here.ipynb``, ...)."""
    folder = root / "notebooks"
    if not folder.is_dir():
        raise SiteError(f"there is no notebooks/ folder in {root}; pass the kit's folder as --root")
    found = sorted(p for p in folder.iterdir() if LESSON.match(p.name))
    if not found:
        raise SiteError(f"no lesson notebooks (like 01_one_issue.ipynb) in {folder}")
    return found


MATH = re.compile(
    r"(`+)(?:.+?)\1"  # a code span: kept as it is
    r"|\$\$(?P<display>.+?)\$\$"
    r"|(?<![\\$\w])\$(?![\s$])(?P<inline>[^$]+?)(?<![\s\\])\$(?![\w$])",
    re.S,
)
MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)


def mathml(markdown: str) -> str:
    """Markdown with each ``$...$`` and ``$$...$$`` formula written as MathML.

    Browsers draw MathML themselves and screen readers read it, so a page needs no script
    from the network to show its equations, on screen or on paper.

    >>> mathml("Gain $g(x) = x - 0.2$, in `$HOME`.").startswith('Gain <math')
    True
    >>> "`$HOME`" in mathml("in `$HOME`")
    True
    """
    from latex2mathml.converter import convert

    def swap(match: re.Match[str]) -> str:
        display, inline = match.group("display"), match.group("inline")
        if display is None and inline is None:
            return match.group(0)
        tex = (display if display is not None else inline).strip()
        return str(convert(tex, display="block" if display is not None else "inline"))

    return MATH.sub(swap, markdown)


def _title(notebook: Any, fallback: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if match:
                return match.group(1).strip()
    return fallback


def _frozen(snapshot: dict[str, str]) -> dict[str, Any]:
    """The output that stands for an explorer on a static page."""
    alt = snapshot["alt"]
    figure = (
        '<figure class="nk-explorer">'
        f'<img src="data:image/png;base64,{snapshot["png"]}" alt="{html.escape(alt)}">'
        f"<figcaption>{html.escape(alt)}</figcaption></figure>"
        '<p class="nk-static">On this page the explorer shows its starting figure; open the '
        "lesson live (links at the top) to move its sliders.</p>"
    )
    return nbformat.v4.new_output("display_data", data={"text/html": figure, "text/plain": alt})


def run_lesson(path: Path, timeout: float = 120.0) -> tuple[Any, int]:
    """Run a lesson on a fresh kernel; return it with each explorer frozen, and how many."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    frozen = 0
    try:
        with client.setup_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type != "code":
                    continue
                client.execute_cell(cell, index)
                if not any(WIDGET in output.get("data", {}) for output in cell.outputs):
                    continue
                probe = nbformat.v4.new_code_cell(SNAPSHOT)
                client.execute_cell(probe, index)
                notebook.cells[index] = cell  # nbclient files the probe in the cell's place
                printed = "".join(
                    o.get("text", "") for o in probe.outputs if o.get("name") == "stdout"
                )
                snapshot = json.loads(printed or "{}")
                kept = [o for o in cell.outputs if WIDGET not in o.get("data", {})]
                if snapshot:
                    kept.append(_frozen(snapshot))
                    frozen += 1
                cell.outputs = kept
    except CellExecutionError as error:
        first = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
        raise SiteError(f"{path.name} did not run: {first}") from error
    for cell in notebook.cells:
        if cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"):
            cell.metadata["transient"] = {"remove_source": True}
        if cell.cell_type == "markdown":
            cell.source = mathml(cell.source)
    return notebook, frozen


def _relink(page: str, links: Links) -> str:
    """Links between notebooks become links between pages; exercises open live."""

    def exercise(match: re.Match[str]) -> str:
        return f'href="{html.escape(links.binder("exercises/" + match.group(1)))}"'

    page = re.sub(r'href="\.\./exercises/([\w-]+\.ipynb)"', exercise, page)
    page = re.sub(r'href="(?:\./)?(\d\d[a-z]?_[\w-]+)\.ipynb(#[^"]*)?"', r'href="\1.html\2"', page)
    return re.sub(
        r'href="(?:\.\./)?docs/references\.md(#[^"]*)?"', r'href="references.html\1"', page
    )


def _nav(titles: list[tuple[str, str]], current: str) -> str:
    items = ['<a href="index.html">Contents</a>']
    for name, title in titles:
        number = name[:2]
        label = "Start here" if number == "00" else f"Lesson {number.lstrip('0') or '0'}"
        if name == current:
            items.append(f'<strong aria-current="page">{html.escape(label)}</strong>')
        else:
            items.append(
                f'<a href="{name}.html" title="{html.escape(title)}">{html.escape(label)}</a>'
            )
    items.append('<a href="references.html">References</a>')
    return '<nav class="nk-nav" aria-label="Lessons">' + " ".join(items) + "</nav>"


def _inject(page: str, title: str, top: str) -> str:
    page = re.sub(r"<title>.*?</title>", f"<title>{html.escape(title)}</title>", page, flags=re.S)
    page = MATHJAX.sub("", page)
    page = page.replace("</head>", f"<style>{STYLE}</style>\n</head>", 1)
    page = re.sub(r"<html(?![^>]*\blang=)", '<html lang="en"', page, count=1)
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + top, page, count=1)


def _plain_page(title: str, body: str, top: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        "<style>body { font-family: Georgia, serif; line-height: 1.5; color: #1a1a1a; }\n"
        "table { border-collapse: collapse; } th, td { border: 1px solid #c8c8c8; "
        f"padding: 0.3rem 0.5rem; vertical-align: top; }}\n{STYLE}</style>\n</head>\n"
        f"<body>\n{top}\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _markdown(text: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return str(markdown2html_mistune(mathml(text)))


def _map_of(start_here: Any) -> str:
    """Lesson 00's map of the lessons (the markdown cell with a heading naming the map)."""
    for cell in start_here.cells:
        if cell.cell_type == "markdown" and re.search(r"^##\s+The map", cell.source, re.M):
            return str(cell.source)
    raise SiteError("lesson 00 has no '## The map' section to build the index from")


def build(
    root: Path,
    out: Path,
    links: Links | None = None,
    timeout: float = 120.0,
    jobs: int = os.cpu_count() or 1,
    progress: Callable[[str], None] = print,
) -> Site:
    """Build the site of the lessons under ``root`` into the folder ``out``."""
    from nbconvert import HTMLExporter

    links = links or Links()
    notebooks = lessons(root)
    out.mkdir(parents=True, exist_ok=True)
    site = Site(out)
    exporter = HTMLExporter(  # type: ignore[no-untyped-call]
        template_name="lab", exclude_input_prompt=True, exclude_output_prompt=True
    )
    progress(f"running {len(notebooks)} lessons, {jobs} at a time")
    if jobs > 1:  # a process per lesson: nbclient's event loops are not for sharing threads
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            results = list(pool.map(run_lesson, notebooks, [timeout] * len(notebooks)))
    else:
        results = [run_lesson(path, timeout) for path in notebooks]
    ran: list[tuple[Path, Any]] = []
    for path, (notebook, frozen) in zip(notebooks, results, strict=True):
        site.explorers[path.stem] = frozen
        ran.append((path, notebook))
    titles = [(path.stem, _title(nb, path.stem)) for path, nb in ran]
    for (path, notebook), (_, title) in zip(ran, titles, strict=True):
        body, _ = exporter.from_notebook_node(notebook)
        top = _nav(titles, path.stem) + "\n" + links.html(f"notebooks/{path.name}")
        page = out / f"{path.stem}.html"
        page.write_text(_relink(_inject(body, title, top), links), encoding="utf-8")
        site.pages.append(page)
    start = next((nb for path, nb in ran if path.name.startswith("00_")), None)
    if start is None:
        raise SiteError("there is no lesson 00 (start here) to build the index from")
    intro = (
        "<h1>Two-level games, hands on</h1>\n<p>How domestic politics shapes international "
        "bargaining: the lessons of negotiation_kit as pages to read and print. Each page links to "
        'the live notebook, where the explorers\' sliders move. <a href="00_start_here.html">'
        "Start here</a>.</p>\n"
    )
    index = _plain_page(
        "negotiation_kit: the lessons",
        intro + _relink(_markdown(_map_of(start)), links),
        _nav(titles, "index"),
    )
    (out / "index.html").write_text(index, encoding="utf-8")
    site.pages.insert(0, out / "index.html")
    references = root / "docs" / "references.md"
    if references.is_file():
        text = references.read_text(encoding="utf-8")
        refs = _plain_page("References", _relink(_markdown(text), links), _nav(titles, "refs"))
        (out / "references.html").write_text(refs, encoding="utf-8")
        site.pages.append(out / "references.html")
    progress(f"wrote {len(site.pages)} pages to {out}")
    return site
