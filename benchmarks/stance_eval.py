"""Relation (agree / disagree / unrelated) macro F1 on ANS stance dev.csv.

    .venv/bin/python benchmarks/stance_eval.py [--data ../shared/data/ans/stance] [--json]

Each headline pair goes through the same relation decision as ``rasd compare``
(rasd.stories.compare.relation_of_texts); ANS "other" is our "unrelated". The classifier was
trained on train.csv only (training/stance/train.py).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TO_RELATION = {"agree": "agree", "disagree": "disagree", "other": "unrelated"}


def evaluate(path: Path, every: int = 1) -> dict:
    """Relation metrics on the CSV's pairs (every ``every``-th one: the CI gate uses 2)."""
    from sklearn.metrics import classification_report, f1_score

    from rasd.stories.compare import relation_of_texts

    rows = list(csv.DictReader(open(path, encoding="utf-8")))[::every]
    t = time.time()
    pred = relation_of_texts([(r["s1"], r["s2"]) for r in rows])
    gold = [TO_RELATION[r["stance"]] for r in rows]
    labels = ["agree", "disagree", "unrelated"]
    rep = classification_report(gold, pred, labels=labels, output_dict=True, zero_division=0)
    return {"pairs": len(rows), "macro_f1": round(f1_score(gold, pred, labels=labels, average="macro"), 4),
            "per_class_f1": {k: round(rep[k]["f1-score"], 4) for k in labels},
            "accuracy": round(rep["accuracy"], 4), "seconds": round(time.time() - t, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ans" / "stance")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--every", type=int, default=1, help="score every N-th pair only")
    args = ap.parse_args()
    print(json.dumps(evaluate(args.data / f"{args.split}.csv", args.every), ensure_ascii=False))


if __name__ == "__main__":
    main()
