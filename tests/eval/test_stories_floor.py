"""Evaluation gates: story similarity vs. SemEval Overall, and relation macro F1 on ANS dev."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from conftest import shared_path

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((ROOT / "benchmarks/floors/stories.json").read_text())


def _bench(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / f"benchmarks/{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_similarity_correlates_with_semeval_overall():
    path = shared_path("data", "semeval2022_task8", "arabic_pairs_with_text.jsonl")
    assert _bench("similarity_eval").cheap_pearson(path) >= FLOORS["similarity_pearson_text_only"]


def test_relation_macro_f1_on_ans_dev():
    path = shared_path("data", "ans", "stance", "dev.csv")
    res = _bench("stance_eval").evaluate(path, every=2)  # half of dev keeps the gate under a minute
    assert res["macro_f1"] >= FLOORS["stance_macro_f1_dev_every2"], res
