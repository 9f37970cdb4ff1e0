"""Evaluation gate: the committed `fast` CRF keeps its entity F1 on the ANERcorp dev split."""
from __future__ import annotations


from rasd.ner import load_tagger
from rasd.ner.conll import anercorp_dev
from rasd.ner.metrics import evaluate
from conftest import floors, shared_path

FLOORS = floors("ner_fast")


def test_fast_ner_dev_f1_stays_above_floor():
    dev = anercorp_dev(shared_path("data", "anercorp", "train.txt"))
    pred = load_tagger("fast").tag([t for t, _ in dev])
    scores = evaluate([g for _, g in dev], pred)
    assert scores["micro"]["f1"] >= FLOORS["micro_f1"], scores["micro"]
    for label, floor in FLOORS["per_label_f1"].items():
        assert scores["per_label"][label]["f1"] >= floor, (label, scores["per_label"][label])
