"""ASSAULT and PROTEST detection on the held-out dev split of the Arabic event GSR.

    .venv/bin/python benchmarks/gsr_eval.py [--gsr ../shared/data/arabic_event_gsr] [--json]

"yes" is positive, "easy no"/"difficult no" negative, "ambiguous" skipped; the dev split is
the fixed one of training/events/gsr_data.py (never trained on). Three systems are scored:
the trigger lexicon alone, the sentence classifier alone (at its CV-chosen threshold), and
the events stage as it runs in the pipeline (lexicon triggers confirmed by the classifier or
by a stated death toll; an ASSAULT/PROTEST event with status "occurred" counts as a
detection: the GSR marks reported events, not calls, threats or denials).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training" / "events"))

from gsr_data import GSR, load  # noqa: E402

from rasd.events import extract_events  # noqa: E402
from rasd.events.classifier import load_model, probabilities  # noqa: E402
from rasd.events.lexicon import find_triggers  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.text import norm  # noqa: E402



def prf(gold: list[int], pred: list[bool]) -> dict:
    tp = sum(1 for g, p in zip(gold, pred) if g and p)
    fp = sum(1 for g, p in zip(gold, pred) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred) if g and not p)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}


def evaluate(gsr_dir: Path) -> dict:
    model = load_model()
    out = {}
    for etype in ("ASSAULT", "PROTEST"):
        rows = [r for r in load(etype, gsr_dir) if r["dev"]]
        gold = [r["y"] for r in rows]
        texts = [r["text"] for r in rows]
        lex = [any(h.entry.type == etype for h in find_triggers(norm(t).split())) for t in texts]
        res = {"dev_rows": len(rows), "dev_positive": sum(gold), "lexicon": prf(gold, lex)}
        if model is not None:
            thr = model["models"][etype][1]
            probs = probabilities(texts)[etype]
            res["classifier"] = prf(gold, [p >= thr for p in probs])
            res["threshold"] = thr
        stage = []
        for t in texts:
            evs = extract_events(Article.create(t))
            base = {"ASSAULT": {"ASSAULT"}, "PROTEST": {"PROTEST"}}[etype]
            stage.append(any(e.type in base and e.status == "occurred" for e in evs))
        res["pipeline"] = prf(gold, stage)
        out[etype] = res
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gsr", type=Path, default=GSR)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    res = evaluate(args.gsr)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return
    for etype, r in res.items():
        print(f"{etype}: dev {r['dev_rows']} sentences, {r['dev_positive']} positive")
        for system in ("lexicon", "classifier", "pipeline"):
            if system in r:
                m = r[system]
                print(f"  {system:10s} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"
                      f"  (tp {m['tp']} fp {m['fp']} fn {m['fn']})")


if __name__ == "__main__":
    main()
