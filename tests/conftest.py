"""Shared fixtures: the scenarios of docs/model.md §5 (B unitary, A with W_A(x) = x - 0.2)."""

from __future__ import annotations

from collections.abc import Iterator

import hypothesis
import pytest
from builders import nation

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
