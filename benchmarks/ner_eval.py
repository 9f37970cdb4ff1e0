"""Entity F1 and tagging speed of an NER profile on the ANERcorp dev split.

Dev = the last 10% of sentences of ../shared/data/anercorp/train.txt (never trained on).

    python benchmarks/ner_eval.py [--profile fast] [--data ../shared/data] [--repeat 3]

Speed is tokens per second on one core for tag() (features + both Viterbi passes): cold
(first pass, empty feature cache) and warm (best of the repeats), each as wall-clock and as
CPU time of this single-threaded process (the CPU figure is the one that stays meaningful
on a machine shared with other jobs).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rasd.ner import load_tagger
from rasd.ner.conll import anercorp_dev
from rasd.ner.metrics import evaluate, format_report

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--profile", default="fast")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    dev = anercorp_dev(args.data / "anercorp" / "train.txt")
    toks = [t for t, _ in dev]
    n = sum(map(len, toks))
    t0 = time.perf_counter()
    tagger = load_tagger(args.profile)
    load_s = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    pred = tagger.tag(toks)
    cold, cold_cpu = n / (time.perf_counter() - t0), n / (time.process_time() - c0)
    warm = warm_cpu = 0.0
    for _ in range(max(args.repeat - 1, 0)):
        t0, c0 = time.perf_counter(), time.process_time()
        tagger.tag(toks)
        warm = max(warm, n / (time.perf_counter() - t0))
        warm_cpu = max(warm_cpu, n / (time.process_time() - c0))
    scores = evaluate([g for _, g in dev], pred)
    print(format_report(scores), file=sys.stderr)
    print(json.dumps({"profile": args.profile, "sentences": len(dev), "tokens": n,
                      "f1": round(scores["micro"]["f1"], 4),
                      "precision": round(scores["micro"]["precision"], 4),
                      "recall": round(scores["micro"]["recall"], 4),
                      "per_label_f1": {k: round(v["f1"], 4) for k, v in scores["per_label"].items()},
                      "load_s": round(load_s, 2),
                      "tokens_per_s_cold": round(cold), "tokens_per_cpu_s_cold": round(cold_cpu),
                      "tokens_per_s_warm": round(warm) or None,
                      "tokens_per_cpu_s_warm": round(warm_cpu) or None}))


if __name__ == "__main__":
    main()
