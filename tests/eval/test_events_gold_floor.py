"""Evaluation gate: events on the dev half of our gold set of current reports stay above their floors."""
from __future__ import annotations

import pytest

from conftest import benchmark, floors, shared_path

FLOORS = floors("events_gold")


@pytest.fixture(scope="module")
def results():
    shared = shared_path("data", "raw_news").parent.parent
    return benchmark("events_gold_eval").evaluate(shared, "dev")


@pytest.mark.parametrize("etype", ["ASSAULT", "PROTEST", "ALL"])
def test_event_detection_f1_stays_above_floor(results, etype):
    assert results[etype]["f1"] >= FLOORS[etype]["f1"], results[etype]


def test_precision_over_all_violence_types_stays_above_floor(results):
    assert results["ALL"]["p"] >= FLOORS["ALL"]["p"], results["ALL"]
