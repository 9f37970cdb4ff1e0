"""Evaluation gate: place accuracy within 25 km on the labelled mentions stays above its floors."""
from __future__ import annotations

import pytest

from conftest import benchmark, floors, shared_path

FLOORS = floors("places")


def _eval_module():
    return benchmark("places_eval")


@pytest.fixture(scope="module")
def mod():
    shared_path("seeds")
    shared_path("data", "raw_news", "articles.jsonl.gz")
    return _eval_module()


@pytest.mark.parametrize("split", ["development", "heldout", "heldout2"])
def test_place_accuracy_stays_above_floor(mod, split):
    labels = mod.load_labels({"development": mod.LABELS, "heldout": mod.HELDOUT, "heldout2": mod.HELDOUT2}[split])
    res = mod.evaluate(labels)
    assert res["accuracy_25km"] >= FLOORS[split]["accuracy_25km"], res["errors"]
    assert res["false_positives_on_none_labels"] <= FLOORS[split]["max_false_positives"]
