"""Evaluation gate: linking accuracy on the hand-checked mention sample stays above its floors."""
from __future__ import annotations

import pytest

from conftest import benchmark, floors, shared_path

FLOORS = floors("linking")


def _eval_module():
    return benchmark("linking_eval")


@pytest.fixture(scope="module")
def scores():
    mod = _eval_module()
    sample = mod.load_sample()
    return mod.evaluate(sample, mod.load_texts(sample, shared_path()))


@pytest.mark.parametrize("group", [k for k in FLOORS if not k.startswith("_")])
def test_linking_accuracy_stays_above_floor(scores, group):
    assert scores[group]["accuracy"] >= FLOORS[group], scores[group]
