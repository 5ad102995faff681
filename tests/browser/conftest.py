"""Fixtures of the browser tests: one JupyterLab and one Voila per session, one Chromium a module.

The servers run from this Python environment on 127.0.0.1 (a free port, a token), keep all
Jupyter state in a temporary folder and serve *copies* of ``notebooks/`` from it, so nothing
in the repository is ever written; each is stopped at the end of the session whatever
happens. Screenshots go to ``artifacts/browser/`` (gitignored).

Outside CI, with no Chromium at ``/usr/bin/chromium`` or no playwright, the browser tests
skip and say how to install them; in CI (``CI=true``) they fail instead.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import harness
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ARTIFACTS = harness.ROOT / "artifacts" / "browser"


def require_browser() -> None:
    """Skip (outside CI) or fail (in CI) when Chromium or playwright is missing."""
    reason = harness.missing()
    if reason is None:
        return
    if harness.in_ci():
        pytest.fail(f"CI=true but the browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped, {reason}")


@pytest.fixture(scope="session")
def temp() -> Iterator[Path]:
    """A temporary folder of our own for the session.

    Not pytest's ``tmp_path_factory``: pytest removes old base folders of *other* pytest
    runs, and a concurrent run could remove the folder a server is serving.
    """
    require_browser()
    with tempfile.TemporaryDirectory(prefix="nk-browser-") as folder:
        yield Path(folder)


@pytest.fixture(scope="session")
def served(temp: Path) -> Path:
    """A temporary folder holding a copy of ``notebooks/`` (what the servers serve)."""
    root = temp / "served"
    root.mkdir()
    harness.copy_notebooks(harness.ROOT / "notebooks", root)
    return root


@pytest.fixture(scope="session")
def lab(served: Path, temp: Path) -> Iterator[harness.Server]:
    """A JupyterLab server for the whole session, stopped at the end whatever happens."""
    server = harness.start_lab(served, temp / "lab-state")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def voila(served: Path, temp: Path) -> Iterator[harness.Server]:
    """A Voila server for the whole session, stopped at the end whatever happens."""
    server = harness.start_voila(served, temp / "voila-state")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, launched once for each module (a second or two).

    Not once for the session: while Playwright's sync API runs it keeps an asyncio loop
    running in this thread, and with ``-n 2`` the process that runs the browser tests first
    goes on to the explorers' tests, which must find no loop running (the root conftest)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = harness.launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in a fresh browser context (no cookies or storage from other tests)."""
    context = browser.new_context(viewport=harness.VIEWPORT)  # type: ignore[arg-type]
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go: ``artifacts/browser/`` (gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
