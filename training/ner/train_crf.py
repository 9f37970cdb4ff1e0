"""Train the `fast` NER CRF from ../shared/data and score it on the fixed dev split.

Dev = the last 10% of sentences of anercorp/train.txt (never trained on).

    python training/ner/build_gazetteer.py          # gazetteer lists (from installed packages)
    python training/ner/train_crf.py                 # trains, scores, writes the packaged model
    python training/ner/train_crf.py --ablation      # one model per left-out feature group
    python training/ner/train_crf.py --extra aqmar,wojood --no-save   # measure extra data
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pycrfsuite

from rasd.ner.conll import tokens_and_tags, train_dev_split
from rasd.ner.crf import CrfTagger, META, MODEL
from rasd.ner.features import ALL_GROUPS, Extractor
from rasd.ner.metrics import evaluate, format_report

ROOT = Path(__file__).resolve().parents[2]
LABELS = ("PERS", "LOC", "ORG", "MISC")


def _map_tag(tag: str, table: dict[str, str]) -> str:
    """Map a foreign B-/I- tag onto the ANERcorp labels (unknown types become O)."""
    if tag == "O" or "-" not in tag:
        return "O"
    p, lab = tag.split("-", 1)
    lab = table.get(lab, "O")
    return "O" if lab == "O" or p not in ("B", "I") else f"{p}-{lab}"


# AQMAR: PER→PERS, LOC, ORG, every MIS0-3 (and stray MIS, MIS-1...) → MISC.
AQMAR = {"PER": "PERS", "LOC": "LOC", "ORG": "ORG", "MIS": "MISC", "MIS0": "MISC", "MIS1": "MISC",
         "MIS2": "MISC", "MIS3": "MISC", "MIS-1": "MISC", "MIS-2": "MISC"}
# Wojood (outermost layer): PERS, GPE/LOC→LOC, ORG, EVENT→MISC; the rest (DATE, OCC, NORP…) → O.
WOJOOD = {"PERS": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG", "EVENT": "MISC"}


def extra_sentences(data: Path, names: list[str]):
    """Extra training sentences from AQMAR / the Wojood sample, tags mapped."""
    out = []
    for name in names:
        if name == "aqmar":
            files, table = sorted((data / "aqmar").glob("*.txt")), AQMAR
        elif name == "wojood":
            files, table = [data / "wojood_sample" / "train.txt", data / "wojood_sample" / "val.txt"], WOJOOD
        else:
            raise SystemExit(f"unknown extra data set {name!r} (aqmar, wojood)")
        for f in files:
            for toks, tags in tokens_and_tags(f):
                out.append((toks, [_map_tag(t, table) for t in tags]))
    return out


def train(sents, groups, out: Path, c1: float, c2: float, max_iter: int, window: int = 2) -> float:
    """Train one CRF to ``out`` (+ its .json meta); returns seconds spent."""
    ext = Extractor(groups, window=window)
    t0 = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in sents:
        trainer.append(ext.sentence(toks), tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iter,
                        "feature.possible_transitions": True})
    trainer.train(str(out))
    out.with_suffix(".json").write_text(json.dumps(
        {"groups": sorted(groups), "window": window, "c1": c1, "c2": c2, "max_iterations": max_iter},
        indent=1) + "\n", encoding="utf-8")
    return time.time() - t0


def score(model: Path, dev) -> tuple[dict, float]:
    """Dev scores and tagging speed (tokens/s, features included, warm cache excluded)."""
    tagger = CrfTagger(model)
    toks = [t for t, _ in dev]
    t0 = time.perf_counter()
    pred = tagger.tag(toks)
    secs = time.perf_counter() - t0
    return evaluate([g for _, g in dev], pred), sum(map(len, toks)) / secs


def run(train_sents, dev, groups, out: Path, args) -> dict:
    secs = train(train_sents, groups, out, args.c1, args.c2, args.max_iter, args.window)
    scores, tps = score(out, dev)
    row = {"groups": sorted(groups), "c1": args.c1, "c2": args.c2, "extra": args.extra,
           "f1": round(scores["micro"]["f1"], 4),
           "per_label": {k: round(v["f1"], 4) for k, v in scores["per_label"].items()},
           "train_s": round(secs, 1), "tokens_per_s": round(tps)}
    print(format_report(scores), file=sys.stderr)
    print(json.dumps(row, ensure_ascii=False), flush=True)
    return row


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--max-iter", type=int, default=150)
    ap.add_argument("--window", type=int, default=2)
    ap.add_argument("--drop", default="", help="comma-separated feature groups to leave out")
    ap.add_argument("--extra", default="", help="comma-separated extra data: aqmar,wojood")
    ap.add_argument("--ablation", action="store_true", help="one run per left-out group (no save)")
    ap.add_argument("--no-save", action="store_true", help="do not overwrite the packaged model")
    args = ap.parse_args(argv)

    sents = tokens_and_tags(args.data / "anercorp" / "train.txt")
    train_sents, dev = train_dev_split(sents)
    extra = extra_sentences(args.data, [x for x in args.extra.split(",") if x])
    print(f"train {len(train_sents)} sentences (+{len(extra)} extra), dev {len(dev)}", file=sys.stderr)
    groups = ALL_GROUPS - {g for g in args.drop.split(",") if g}
    tmp = Path(tempfile.mkdtemp(prefix="rasd-crf-"))
    if args.ablation:
        for g in ["none"] + sorted(ALL_GROUPS):
            run(train_sents + extra, dev, groups - {g}, tmp / f"minus-{g}.crfsuite", args)
        return
    out = tmp / "model.crfsuite" if args.no_save else MODEL
    run(train_sents + extra, dev, groups, out, args)
    if not args.no_save:
        print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) and {META}", file=sys.stderr)


if __name__ == "__main__":
    main()
