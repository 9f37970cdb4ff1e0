"""Occurred-ASSAULT detection on the seeds' attack sentences (benchmarks/labels/seed_assault.tsv).

    .venv/bin/python benchmarks/seed_events_eval.py [--shared ../shared] [--show] [--gate broad]

The GSR measures detection on 2007-2011 newswire with a strict standard (a "yes" is accepted
by every annotator). This sample asks the monitoring question on the canonical input: in the
seed sentences where the events stage finds an ASSAULT trigger read as occurred, did an attack,
clash or strike happen? 19 sentences, 8 yes, labelled by hand (references only). A sentence is
predicted yes when an occurred ASSAULT event has it as evidence.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
LABELS = ROOT / "benchmarks" / "labels" / "seed_assault.tsv"


def load(path: Path = LABELS) -> list[tuple[str, int, int, bool]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            f, s, e, lab = line.split("\t")
            rows.append((f, int(s), int(e), lab == "yes"))
    return rows


def evaluate(shared: Path, gate: str = "strict") -> dict:
    from rasd.ingest.readers import IngestOptions, make_article
    from rasd.pipeline import Pipeline
    from rasd.settings import Settings

    pipe = Pipeline(Settings(events_gate=gate))
    rows = load()
    arts = {}
    out = {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "sentences": []}
    for f, s, e, gold in rows:
        if f not in arts:
            raw = (shared / f).read_text(encoding="utf-8")
            arts[f] = (raw, pipe(make_article(raw, IngestOptions(), source=f)))
        raw, art = arts[f]
        k = art.text.find(raw[s:e])
        if k < 0:
            raise ValueError(f"labelled sentence not found in the cleaned text of {f} at {s}")
        pred = any(ev.type == "ASSAULT" and ev.status == "occurred"
                   and ev.evidence.start < k + (e - s) and k < ev.evidence.end for ev in art.events)
        key = ("tp" if gold else "fp") if pred else ("fn" if gold else "tn")
        out[key] += 1
        out["sentences"].append({"file": f, "start": s, "gold": gold, "pred": pred})
    tp, fp, fn = out["tp"], out["fp"], out["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    out.update(precision=round(p, 3), recall=round(r, 3), f1=round(2 * p * r / (p + r), 3) if p + r else 0.0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", action="store_true", help="list each sentence's gold and prediction")
    ap.add_argument("--gate", choices=("strict", "broad", "news"), default="strict", help="the ASSAULT operating point")
    args = ap.parse_args()
    res = evaluate(args.shared, args.gate)
    sents = res.pop("sentences")
    print(json.dumps(res))
    if args.show:
        for x in sents:
            print(x)


if __name__ == "__main__":
    main()
