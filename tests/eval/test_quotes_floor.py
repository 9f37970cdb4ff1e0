"""Evaluation gate: quote detection, speaker attribution and the incitement flag on the
hand-labelled samples (development and held-out) stay above their floors."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import shared_path

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((ROOT / "benchmarks/floors/quotes.json").read_text())
CASES = [(split, metric) for split in ("development", "heldout") for metric in FLOORS[split]]


@pytest.fixture(scope="module")
def results():
    shared_path("seeds")
    shared = shared_path("data", "raw_news", "articles.jsonl.gz").parents[2]
    spec = importlib.util.spec_from_file_location("quotes_eval", ROOT / "benchmarks/quotes_eval.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return {"development": mod.evaluate(shared, mod.GOLD), "heldout": mod.evaluate(shared, mod.HELDOUT)}


@pytest.mark.parametrize("split, metric", CASES)
def test_quote_metric_stays_above_floor(results, split, metric):
    assert results[split][metric] >= FLOORS[split][metric], results[split]
