"""Shared test fixtures: hand-built Articles and the ../shared data folder (skips when absent)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

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


def benchmark(name: str) -> ModuleType:
    """A script under benchmarks/ loaded as a module (the evaluation gates call its functions)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def floors(name: str) -> dict:
    """The stored floors of one evaluation gate (benchmarks/floors/NAME.json)."""
    return json.loads((ROOT / "benchmarks" / "floors" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def make_article():
    """Build an Article by hand from a short text of our own."""
    def make(text: str, **meta) -> Article:
        return Article.create(text, **meta)
    return make


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("seeds")
