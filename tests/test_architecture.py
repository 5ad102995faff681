"""docs/architecture.md's recipe works: an explorer written as it says joins the contract.

The explorer below is built exactly as the page's "Adding an explorer" shows (five hooks,
a preset, a plotting view), and is driven through the same checks ``tests/test_widgets.py``
applies to every listed explorer: controls at their extremes, presets, frames equal to a
full redraw, errors shown on screen.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from matplotlib.figure import Figure
from test_widgets import (
    assert_same_picture,
    check,
    drive,
    reference_frame,
    settings,
)

import negotiation_kit as nk
from negotiation_kit.plotting import LineView, draw_issue_line
from negotiation_kit.widgets import Explorer
from negotiation_kit.widgets._controls import slider

PAGE = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"
BOREALIA = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, 0.8)),))


@dataclass(frozen=True)
class Views:
    line: LineView


class ZoneExplorer(Explorer):
    """Atlantica's reservation moves; the zone of agreement follows."""

    _views: Views

    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {"a case worth seeing": {"reservation": 0.6}}

    def _make_controls(self) -> dict[str, Any]:
        return {"reservation": slider("Atlantica's reservation", 0.2, 0.0, 1.0, 0.01)}

    def _scenario(self, values: Mapping[str, Any]) -> nk.Negotiation:
        gain = nk.Linear(1, values["reservation"])
        atlantica = nk.Nation("Atlantica", (nk.Faction("Atlantica", gain),))
        return nk.Negotiation(atlantica, BOREALIA, nk.Line())

    def _draw(
        self, figure: Figure, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> Views:
        return Views(line=draw_issue_line(figure.add_subplot(), negotiation))

    def _update(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> None:
        self._views.line.update(negotiation)

    def _describe(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> str:
        return f"The zone of agreement is {negotiation.zone().intervals}."


def test_the_page_shows_the_five_hooks_the_test_uses() -> None:
    page = PAGE.read_text(encoding="utf-8")
    for hook in ("_make_controls", "_scenario", "_draw", "_update", "_describe", "__all__"):
        assert hook in page
    assert "self._views.line" in page  # views are read by name


class Unnamed(ZoneExplorer):
    """Views returned as a list, read by position: refused with a message saying how."""

    def _draw(self, figure: Figure, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> Any:
        return [draw_issue_line(figure.add_subplot(), negotiation)]


def test_views_unnamed_are_refused_saying_how_to_name_them() -> None:
    with pytest.raises(TypeError, match="dataclass instance whose fields are the views"):
        Unnamed()


def test_an_explorer_built_by_the_recipe_keeps_the_contract() -> None:
    explorer = ZoneExplorer()
    check(explorer)
    assert explorer.describe() == "The zone of agreement is [(0.2, 0.8)]."
    for value in settings(explorer.controls["reservation"]):
        drive(explorer, "reservation", value)
        assert explorer.negotiation == explorer._scenario(explorer.values())
        assert_same_picture(explorer._image.value, reference_frame(explorer))
    explorer.apply_preset("a case worth seeing")
    assert explorer.describe() == "The zone of agreement is [(0.6, 0.8)]."
    explorer.reset()
    assert explorer.values() == {"reservation": 0.2}
    with pytest.raises(ValueError, match="reservation"):
        explorer.set(reservation=2.0)


MODEL = Path(nk.__file__).resolve().parent / "model"
ABOVE_THE_MODEL = [
    path
    for path in [*MODEL.parent.rglob("*.py"), *(PAGE.parents[1] / "benchmarks").glob("*.py")]
    if MODEL not in path.parents
]


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name | ast.Attribute) and "TYPE_CHECKING" in ast.unparse(
        node.test
    )


def _imports(tree: ast.AST, annotations: bool = False) -> list[ast.ImportFrom]:
    """Every ``from ... import`` that runs, at any depth, outside ``if TYPE_CHECKING:``
    (with ``annotations``, those inside it too)."""
    found: list[ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node) and not annotations:
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def model_imports(annotations: bool = False) -> dict[str, set[str]]:
    """Model module -> the model modules it imports when it runs (with ``annotations``, also
    those it imports for type checkers only)."""
    modules = {path.stem for path in MODEL.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in MODEL.glob("*.py"):
        edges: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8")), annotations):
            if node.level != 1:
                continue
            if node.module is None:  # from . import a, b
                edges.update(alias.name for alias in node.names if alias.name in modules)
            else:  # from .a import x
                edges.add(node.module.split(".")[0])
        graph[path.stem] = edges - {path.stem}
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """A cycle of ``graph`` as a list of nodes (first repeated last), or [] if there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node], found = 1, []
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return found

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_model_imports_run_one_way() -> None:
    graph = model_imports()
    assert graph["nations"] >= {"ratification", "winsets"}  # the scan sees real imports
    assert cycle(graph) == [], f"model modules import each other: {' -> '.join(cycle(graph))}"


def below(graph: dict[str, set[str]], top: str) -> set[str]:
    """The modules ``top`` imports, directly or through others."""
    found: set[str] = set()
    todo = [top]
    while todo:
        for module in graph.get(todo.pop(), set()) - found:
            found.add(module)
            todo.append(module)
    return found - {top}


def importers_from_below(
    runs: dict[str, set[str]], every: dict[str, set[str]], top: str
) -> list[str]:
    """The modules ``top`` builds on (``runs``: the imports that run) that import ``top``
    anyway, if only for annotations (``every``: all imports)."""
    return sorted(module for module in below(runs, top) if top in every.get(module, set()))


def test_the_check_from_below_finds_a_type_only_import() -> None:
    runs = {"nations": {"winsets"}, "winsets": {"rules"}, "rules": set(), "statics": {"nations"}}
    every = {**runs, "rules": {"nations"}, "statics": {"nations"}}
    assert below(runs, "nations") == {"winsets", "rules"}
    assert importers_from_below(runs, every, "nations") == ["rules"]
    assert model_imports(annotations=True)["party"] >= {"factions", "rules"}  # type-only seen


def test_what_nation_is_built_on_never_imports_it_not_even_for_annotations() -> None:
    runs, every = model_imports(), model_imports(annotations=True)
    assert below(runs, "nations") >= {"ratification", "winsets", "expected", "uncertainty"}
    offenders = importers_from_below(runs, every, "nations")
    assert offenders == [], (
        f"{', '.join(offenders)} import nations, which imports them: annotate with "
        "model.party.Party (what they read of a nation) instead of Nation"
    )


def private_members_of_the_model() -> set[str]:
    """Names of the model's private methods, attributes and module-level helpers."""
    names: set[str] = set()
    for path in MODEL.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
    names.update(path.stem for path in MODEL.glob("_*.py"))
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def private_uses(source: str, private: set[str]) -> list[str]:
    """Where ``source`` reaches a private member of a model object or module (its own
    ``self._x`` aside), in code or in its doctests."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in private:
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom) and "model" in (node.module or "").split("."):
            for alias in node.names:
                dunder = alias.name.startswith("__") and alias.name.endswith("__")  # __all__
                hidden = alias.name.startswith("_") and not dunder
                if hidden or (node.module or "").split(".")[-1][:1] == "_":
                    found.append(f"line {node.lineno}: from {node.module} import {alias.name}")
    for number, text in enumerate(source.splitlines(), start=1):
        doctest = text.strip().removeprefix(">>> ")
        if text.strip().startswith(">>> ") and "model" in doctest:
            found += [
                f"line {number}: {doctest}" for name in private if f"import {name}" in doctest
            ]
    return found


def test_the_private_member_scan_sees_a_use() -> None:
    private = private_members_of_the_model()
    assert {"_evaluate", "_example", "_checks", "_outcome"} <= private
    source = (
        "from ..model.nations import _example\nfrom ..model import _checks\n"
        "def f(nation):\n    '''\n    >>> from negotiation_kit.model.bargaining import _example\n"
        "    '''\n    self._outcome = nation._evaluate(0.5)\n"
    )
    assert len(private_uses(source, private)) == 4


@pytest.mark.parametrize(
    "path", ABOVE_THE_MODEL, ids=lambda p: str(p.relative_to(MODEL.parents[1]))
)
def test_no_layer_above_the_model_uses_a_private_member_of_a_model_object(path: Path) -> None:
    uses = private_uses(path.read_text(encoding="utf-8"), private_members_of_the_model())
    assert uses == [], "make the model function public instead: " + "; ".join(uses)
