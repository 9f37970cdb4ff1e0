"""Evaluation gate: date resolution on our labelled sentences stays above its floors (no dateparser)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((ROOT / "benchmarks/floors/dates.json").read_text())


def _bench():
    spec = importlib.util.spec_from_file_location("dates_bench", ROOT / "benchmarks/dates_vs_dateparser.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("split", ["development", "heldout"])
def test_date_accuracy_stays_above_floor(split):
    mod = _bench()
    rows = mod.load(mod.LABELS if split == "development" else mod.HELDOUT)
    res = mod.score(rows, [mod.ours(p, s) for p, s, _ in rows], prefix_match=False)
    floor = FLOORS[split]
    assert res["sentence_accuracy"] >= floor["sentence_accuracy"], res
    assert res["expression_recall"] >= floor["expression_recall"], res
    assert res["spurious"] <= floor["max_spurious"], res
