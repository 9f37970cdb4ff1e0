"""Evaluation gate: the shipped accurate NER model on a fixed ANERcorp dev subset stays above its floors.

The subset is the first 200 sentences of the dev split (the last 10% of train.txt); tagging it
takes well under 90 s on 2 CPU cores.
"""
from __future__ import annotations

import pytest

from conftest import floors, shared_path

torch = pytest.importorskip("torch")

FLOORS = floors("ner_accurate")


@pytest.fixture(scope="module")
def report():
    from rasd.ner.transformer import f1_report, load_tagger
    path = shared_path("data", "anercorp", "train.txt")
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split()
        if parts:
            cur.append((parts[0], parts[-1]))
        elif cur:
            sents.append(cur)
            cur = []
    dev = sents[len(sents) - len(sents) // 10:][:FLOORS["subset_sentences"]]
    pred = load_tagger().tag([[w for w, _ in s] for s in dev])
    return f1_report([[t for _, t in s] for s in dev], pred)


def test_micro_f1_stays_above_floor(report):
    assert report["f1"] >= FLOORS["micro_f1"], report


@pytest.mark.parametrize("label", sorted(FLOORS["per_label_f1"]))
def test_label_f1_stays_above_floor(report, label):
    assert report["per_class"][label] >= FLOORS["per_label_f1"][label], report
