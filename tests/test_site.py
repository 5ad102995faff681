"""The lessons as a website: ``python -m negotiation_kit.site OUT`` builds every page.

The site is built once for the run (``built_site``) from the committed lessons (every lesson
runs on a fresh kernel, as a student's would), then each page is read: a page per lesson with
its title, the navigation and launch links, every explorer frozen into an image whose
alternative text is its description, the checks' code hidden as in the notebook, equations as
MathML, a print style sheet, links that resolve, and nothing from ``solutions/``.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from builders import SITE_LINKS

from negotiation_kit.site.build import lessons, mathml

ROOT = Path(__file__).resolve().parent.parent
LESSONS = lessons(ROOT)
LINKS = SITE_LINKS


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    """The site, built once for the run (``tests/conftest.py``; the accessibility audit opens
    the same pages)."""
    return built_site


def _page(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def _explorer_cells(path: Path) -> int:
    notebook = nbformat.read(path, as_version=4)
    return sum(
        1
        for cell in notebook.cells
        if cell.cell_type == "code" and re.search(r"Explorer\(", cell.source)
    )


def test_every_lesson_has_a_page_and_the_index_and_references_exist(site: Path) -> None:
    names = {path.name for path in site.iterdir()}
    expected = {f"{path.stem}.html" for path in LESSONS} | {"index.html", "references.html"}
    assert expected <= names


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.stem)
def test_a_lesson_page_reads_like_the_lesson(site: Path, lesson: Path) -> None:
    page = _page(site, f"{lesson.stem}.html")
    notebook = nbformat.read(lesson, as_version=4)
    heading = re.search(r"^#\s+(.+)$", notebook.cells[0].source, re.M)
    assert heading is not None
    assert f"<title>{html.escape(heading.group(1).strip())}</title>" in page
    assert '<nav class="nk-nav"' in page and 'href="index.html"' in page
    for link in (LINKS.binder, LINKS.colab, LINKS.jupyterhub):
        assert html.escape(link(f"notebooks/{lesson.name}")) in page
    assert "application/vnd.jupyter.widget-view+json" not in page
    assert "cdnjs.cloudflare.com/ajax/libs/mathjax" not in page
    assert "$$" not in re.sub(r"<pre.*?</pre>|<code.*?</code>", "", page, flags=re.S)


class _Figures(HTMLParser):
    """The explorers frozen on a page: (image source, alternative text, caption) each."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[list[str]] = []
        self._inside = False
        self._caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "figure" and "nk-explorer" in values.get("class", ""):
            self._inside = True
            self.found.append(["", "", ""])
        elif self._inside and tag == "img":
            self.found[-1][0], self.found[-1][1] = values.get("src", ""), values.get("alt", "")
        elif self._inside and tag == "figcaption":
            self._caption = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "figcaption":
            self._caption = False
        elif tag == "figure":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._caption:
            self.found[-1][2] += data


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.stem)
def test_every_explorer_is_an_image_described_in_words(site: Path, lesson: Path) -> None:
    figures = _Figures()
    figures.feed(_page(site, f"{lesson.stem}.html"))
    assert len(figures.found) == _explorer_cells(lesson)
    for source, alt, caption in figures.found:
        assert source.startswith("data:image/png;base64,") and len(source) > 5000
        assert len(alt.split()) >= 8, f"a short alternative text: {alt!r}"
        assert alt == caption


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.stem)
def test_code_the_lesson_hides_stays_hidden(site: Path, lesson: Path) -> None:
    page = _page(site, f"{lesson.stem}.html")
    notebook = nbformat.read(lesson, as_version=4)
    for cell in notebook.cells:
        if cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"):
            for line in cell.source.splitlines():
                if line.strip().startswith("assert "):
                    assert html.escape(line.strip()) not in page


def test_the_print_style_sheet_keeps_figures_whole_and_drops_navigation(site: Path) -> None:
    page = _page(site, f"{LESSONS[1].stem}.html")
    sheet = page[page.index("@media print") :]
    assert "nav.nk-nav" in sheet and "display: none" in sheet
    assert "break-inside: avoid" in sheet
    assert "white-space: pre-wrap" in sheet  # code lines wrap on paper (test_print.py)


def test_the_index_maps_every_lesson(site: Path) -> None:
    index = _page(site, "index.html")
    for lesson in LESSONS[1:]:
        assert f'href="{lesson.stem}.html"' in index
    assert ".ipynb" not in re.sub(r"<code>.*?</code>|href=\"https://[^\"]*\"", "", index)


def test_every_local_link_resolves(site: Path) -> None:
    for page in site.glob("*.html"):
        for target in re.findall(r'href="([^"#:]+?)(?:#[^"]*)?"', _page(site, page.name)):
            assert (site / target).is_file(), f"{page.name} links to a missing {target}"


def test_no_solution_reaches_the_site(site: Path) -> None:
    for page in site.glob("*.html"):
        text = _page(site, page.name)
        assert "BEGIN SOLUTION" not in text and "solutions/" not in text, page.name


def test_formulas_become_mathml_and_code_spans_stay_as_they_are() -> None:
    assert mathml("$x$").startswith("<math") and 'display="inline"' in mathml("$x$")
    assert 'display="block"' in mathml("$$W_A(x) = x - 0.2$$")
    assert mathml("costs 5$ or `$x$`") == "costs 5$ or `$x$`"


def _site_command(root: Path) -> subprocess.CompletedProcess[str]:
    """``python -m negotiation_kit.site`` on the kit folder ``root``, writing to ``root/out``."""
    command = [sys.executable, "-m", "negotiation_kit.site", str(root / "out"), "--root", str(root)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_the_command_says_what_is_wrong_in_one_line(tmp_path: Path) -> None:
    result = _site_command(tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no notebooks/ folder" in result.stderr and "Traceback" not in result.stderr


def test_a_lesson_that_fails_names_itself(tmp_path: Path) -> None:
    (tmp_path / "notebooks").mkdir()
    broken = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# Broken"), nbformat.v4.new_code_cell("1 / 0")]
    )
    broken.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    (tmp_path / "notebooks" / "01_broken.ipynb").write_text(json.dumps(broken), encoding="utf-8")
    result = _site_command(tmp_path)
    assert result.returncode == 2
    assert "01_broken.ipynb did not run" in result.stderr and "ZeroDivisionError" in result.stderr
