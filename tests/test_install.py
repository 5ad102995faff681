"""The student install stays lean: ``requirements.txt`` holds what the lessons use, nothing more.

A student's environment (and every Binder build) comes from ``requirements.txt`` alone; test and
development tools live in ``requirements-dev.txt``, which includes it. The package itself must
run on the student install, so nothing under ``negotiation_kit/`` may import a development tool.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_TOOLS = {"pytest", "pytest-cov", "pytest-xdist", "xdist", "hypothesis", "nbval", "playwright",
             "ruff", "mypy"}  # fmt: skip
"""Distributions a student never needs (their import names are the same, bar ``pytest-cov`` and
``pytest-xdist``, imported as ``xdist``)."""


def _names(path: Path) -> set[str]:
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0].lower())
    return names


def test_the_student_requirements_hold_no_development_tool() -> None:
    assert not _names(ROOT / "requirements.txt") & DEV_TOOLS


def test_the_development_requirements_add_the_tools_to_the_student_install() -> None:
    dev = ROOT / "requirements-dev.txt"
    assert "-r requirements.txt" in dev.read_text(encoding="utf-8").splitlines()
    assert _names(dev) >= {"pytest", "pytest-xdist", "nbval", "playwright", "hypothesis"}


def test_the_package_never_imports_a_development_tool() -> None:
    offenders = []
    for path in sorted((ROOT / "negotiation_kit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            offenders += [
                f"{path.relative_to(ROOT)}:{node.lineno} imports {module}"
                for module in modules
                if module.split(".")[0] in DEV_TOOLS
            ]
    assert not offenders, "\n".join(offenders)


def test_the_readme_test_command_installs_the_development_tools() -> None:
    block = re.search(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert block is not None
    setup, test = block.group(1).strip().splitlines()
    assert "requirements.txt" in setup and "jupyter lab" in setup
    assert "requirements-dev.txt" in test and "pytest -n 2" in test  # two processes in CI
