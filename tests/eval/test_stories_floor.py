"""Evaluation gates: story similarity vs. SemEval Overall, and relation macro F1 on ANS dev."""
from __future__ import annotations

from conftest import benchmark, floors, shared_path

FLOORS = floors("stories")


def _bench(name):
    return benchmark(name)


def test_similarity_correlates_with_semeval_overall():
    path = shared_path("data", "semeval2022_task8", "arabic_pairs_with_text.jsonl")
    assert _bench("similarity_eval").cheap_pearson(path) >= FLOORS["similarity_pearson_text_only"]


def test_relation_macro_f1_on_ans_dev():
    path = shared_path("data", "ans", "stance", "dev.csv")
    res = _bench("stance_eval").evaluate(path, every=2)  # half of dev keeps the gate under a minute
    assert res["macro_f1"] >= FLOORS["stance_macro_f1_dev_every2"], res
