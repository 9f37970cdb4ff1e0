"""Evaluation gate: date resolution on our labelled sentences stays above its floors (no dateparser)."""
from __future__ import annotations

import pytest

from conftest import benchmark, floors

FLOORS = floors("dates")


def _bench():
    return benchmark("dates_vs_dateparser")


@pytest.mark.parametrize("split", ["development", "heldout"])
def test_date_accuracy_stays_above_floor(split):
    mod = _bench()
    rows = mod.load(mod.LABELS if split == "development" else mod.HELDOUT)
    res = mod.score(rows, [mod.ours(p, s) for p, s, _ in rows], prefix_match=False)
    floor = FLOORS[split]
    assert res["sentence_accuracy"] >= floor["sentence_accuracy"], res
    assert res["expression_recall"] >= floor["expression_recall"], res
    assert res["spurious"] <= floor["max_spurious"], res
