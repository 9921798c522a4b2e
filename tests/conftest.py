"""Shared fixtures: one loaded pipeline per test session, in-memory stores, the shared examples."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = Path(__file__).parent / "resources"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    import dyad

    return dyad.load()


@pytest.fixture()
def store():
    from dyad.store import Store

    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared when present (developers); tests that need it skip otherwise (users, CI without it)."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def rubio_text(shared: Path) -> str:
    path = shared / "examples" / "rubio-lavrov-kuala-lumpur.txt"
    if not path.exists():
        pytest.skip("example article not present")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def rubio(nlp, rubio_text):
    """The Rubio–Lavrov example coded with its publication date (2025-07-10)."""
    import dyad

    return dyad.code_text(nlp, rubio_text, published="2025-07-10", input="rubio-lavrov-kuala-lumpur.txt")
