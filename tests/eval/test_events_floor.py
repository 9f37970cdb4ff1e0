"""Evaluation gate: ASSAULT / PROTEST detection on the GSR dev split stays above its floors."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import benchmark, floors, shared_path

ROOT = Path(__file__).resolve().parents[2]
FLOORS = floors("events")


_RESULTS: dict = {}


def results(profile: str) -> dict:
    if profile not in _RESULTS:
        gsr = shared_path("data", "arabic_event_gsr")
        sys.path.insert(0, str(ROOT / "training" / "events"))
        _RESULTS[profile] = benchmark("gsr_eval").evaluate(gsr, profile=profile)
    return _RESULTS[profile]


@pytest.mark.parametrize("profile", ["fast", "accurate"])
@pytest.mark.parametrize("etype", ["ASSAULT", "PROTEST"])
@pytest.mark.parametrize("system", ["pipeline", "classifier"])
def test_detection_f1_stays_above_floor(profile, etype, system):
    res = results(profile)[etype]
    assert res[system]["f1"] >= FLOORS[profile][etype][f"{system}_f1"], res


@pytest.mark.parametrize("gate", ["strict", "broad"])
def test_seed_attack_sentences_keep_their_recall_and_no_false_attack(gate):
    shared = shared_path("seeds").parent
    mod = benchmark("seed_events_eval")
    res = mod.evaluate(shared, gate)
    floor = FLOORS["seed_assault"]
    assert res["recall"] >= floor[f"{gate}_recall"] and res["fp"] <= floor["max_false_positives"][gate], res
