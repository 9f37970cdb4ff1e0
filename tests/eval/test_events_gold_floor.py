"""Evaluation gate: events on the dev half of our gold set of current reports stay above their floors."""
from __future__ import annotations

import pytest

from conftest import benchmark, floors, shared_path
from rasd.settings import Settings

FLOORS = floors("events_gold")
_RESULTS: dict = {}


def results(gate: str) -> dict:
    if gate not in _RESULTS:
        shared = shared_path("data", "raw_news").parent.parent
        _RESULTS[gate] = benchmark("events_gold_eval").evaluate(shared, "dev", Settings(events_gate=gate))
    return _RESULTS[gate]


@pytest.mark.parametrize("gate", ["strict", "news"])
@pytest.mark.parametrize("etype", ["ASSAULT", "PROTEST", "ALL"])
def test_event_detection_f1_stays_above_floor(gate, etype):
    assert results(gate)[etype]["f1"] >= FLOORS[gate][etype], results(gate)[etype]


@pytest.mark.parametrize("gate", ["strict", "news"])
def test_precision_over_all_violence_types_stays_above_floor(gate):
    assert results(gate)["ALL"]["p"] >= FLOORS[gate]["ALL_p"], results(gate)["ALL"]


@pytest.mark.parametrize("gate", ["strict", "news"])
def test_actor1_accuracy_on_matched_events_stays_above_floor(gate):
    assert results(gate)["ALL"]["actor1_acc"] >= FLOORS[gate]["ALL_actor1"], results(gate)["ALL"]
