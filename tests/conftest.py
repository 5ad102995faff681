"""Shared fixtures: the scenarios of docs/model.md §5 (B unitary, A with W_A(x) = x - 0.2)."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import hypothesis
import pytest
from builders import SITE_LINKS, nation

import negotiation_kit as nk

hypothesis.settings.register_profile("ci", deadline=None, print_blob=True)
hypothesis.settings.load_profile("ci")


@pytest.fixture
def line() -> nk.Line:
    return nk.Line()


@pytest.fixture
def borealia() -> nk.Nation:
    """Nation B of the worked examples: unitary, accepts x <= 0.8, W_B = 0.8 - x."""
    return nation("Borealia", ("Borealia", nk.Linear(-1, 0.8)))


@pytest.fixture(scope="module")
def scratch_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """``check`` records predictions in the working folder: keep them out of the repository
    (a module of exercise tests uses it with ``pytest.mark.usefixtures``)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path_factory.mktemp("attempts"))
        patch.delenv("JPY_SESSION_NAME", raising=False)
        yield


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lessons' website (``python -m negotiation_kit.site``), built once for the whole run
    with launch links to a students' repository and a hub: ``test_site.py`` reads its pages,
    the accessibility audit (``tests/browser/``) opens them.

    Building runs every lesson, each on a fresh kernel, so with ``-n 2`` the process that asks
    first builds it into the run's shared temporary folder and the other waits and reads it."""
    from negotiation_kit.site import build

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out, built = shared / "site", shared / "site.built"
    with (shared / "site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not built.exists():
            shutil.rmtree(out, ignore_errors=True)  # what a build that failed left
            build(Path(__file__).resolve().parent.parent, out, SITE_LINKS, jobs=2,
                  progress=lambda line: None)  # fmt: skip
            built.touch()
    return out
