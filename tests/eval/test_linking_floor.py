"""Evaluation gate: linking accuracy on the hand-checked mention sample stays above its floors."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import shared_path

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((ROOT / "benchmarks/floors/linking.json").read_text())


def _eval_module():
    spec = importlib.util.spec_from_file_location("linking_eval", ROOT / "benchmarks/linking_eval.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def scores():
    mod = _eval_module()
    sample = mod.load_sample()
    return mod.evaluate(sample, mod.load_texts(sample, shared_path()))


@pytest.mark.parametrize("group", [k for k in FLOORS if not k.startswith("_")])
def test_linking_accuracy_stays_above_floor(scores, group):
    assert scores[group]["accuracy"] >= FLOORS[group], scores[group]
