"""Evaluation gate: date resolution on our labelled sentences stays above its floors (no dateparser)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((ROOT / "benchmarks/floors/dates.json").read_text())


def _bench():
    spec = importlib.util.spec_from_file_location("dates_bench", ROOT / "benchmarks/dates_vs_dateparser.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_date_accuracy_stays_above_floor():
    mod = _bench()
    rows = mod.load()
    res = mod.score(rows, [mod.ours(p, s) for p, s, _ in rows], prefix_match=False)
    assert res["sentence_accuracy"] >= FLOORS["sentence_accuracy"], res
    assert res["expression_recall"] >= FLOORS["expression_recall"], res
    assert res["spurious"] <= FLOORS["max_spurious"], res
