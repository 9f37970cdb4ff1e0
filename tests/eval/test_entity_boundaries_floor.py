"""Evaluation gate: entity boundaries and place-vs-person labels on the hand-checked raw_news
cases (docs/entity_boundaries.md) stay above their floors."""
from __future__ import annotations

import pytest

from conftest import benchmark, floors, shared_path

FLOORS = floors("entity_boundaries")


@pytest.fixture(scope="module")
def scores():
    mod = benchmark("entity_boundaries_eval")
    labels = mod.load_labels()
    shared_path("data", "raw_news", "articles.jsonl.gz")
    return mod.evaluate(labels, mod.load_articles(labels))


@pytest.mark.parametrize("split", [k for k in FLOORS if not k.startswith("_")])
def test_entity_boundary_accuracy_stays_above_floor(scores, split):
    assert scores[split]["accuracy"] >= FLOORS[split], scores[split]
