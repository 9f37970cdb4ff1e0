"""Dev F1 of an ensemble of exported models (mean emissions and CRF parameters), on CPU.

    .venv/bin/python training/ner_transformer/ensemble_eval.py DIR [DIR ...]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from ner_accurate_eval import dev_sentences  # noqa: E402
from rasd.ner.transformer import LABELS, TransformerTagger, f1_report, viterbi  # noqa: E402


def main(dirs: list[str]) -> None:
    sents = dev_sentences()
    words = [w for w, _ in sents]
    gold = [t for _, t in sents]
    runs = []
    for d in dirs:
        t = TransformerTagger(Path(d), threads=2)
        runs.append((t.emissions(words), t._crf))
        print(d, json.dumps(f1_report(gold, t.tag(words))), flush=True)
    crf = [np.mean([r[1][k] for r in runs], axis=0) for k in range(3)]
    pred = []
    for si in range(len(words)):
        em = np.mean([r[0][si] for r in runs], axis=0)
        pred.append([LABELS[i] for i in viterbi(em, *crf)] if len(em) else [])
    print("ensemble", json.dumps(f1_report(gold, pred)))


if __name__ == "__main__":
    main(sys.argv[1:])
