"""Shared test fixtures: hand-built Articles and the ../shared data folder (skips when absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

from rasd.model import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a message saying what is missing."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"needs {p} (the ../shared data folder beside the checkout), which is absent")
    return p


@pytest.fixture
def make_article():
    """Build an Article by hand from a short text of our own."""
    def make(text: str, **meta) -> Article:
        return Article.create(text, **meta)
    return make


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("seeds")
