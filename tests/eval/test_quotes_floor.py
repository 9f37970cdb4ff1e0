"""Evaluation gate: quote detection, speaker attribution and the incitement flag on the
hand-labelled samples (development and held-out) stay above their floors."""
from __future__ import annotations

import pytest

from conftest import benchmark, floors, shared_path

FLOORS = floors("quotes")
CASES = [(split, metric) for split in ("development", "heldout") for metric in FLOORS[split]]


@pytest.fixture(scope="module")
def results():
    shared_path("seeds")
    shared = shared_path("data", "raw_news", "articles.jsonl.gz").parents[2]
    mod = benchmark("quotes_eval")
    return {"development": mod.evaluate(shared, mod.GOLD), "heldout": mod.evaluate(shared, mod.HELDOUT)}


@pytest.mark.parametrize("split, metric", CASES)
def test_quote_metric_stays_above_floor(results, split, metric):
    assert results[split][metric] >= FLOORS[split][metric], results[split]
