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
from rasd.ner.crf import MEMORY_WINDOW, CrfTagger, META, MODEL
from rasd.ner.features import ALL_GROUPS, Extractor, Lexicon, memory_features
from rasd.ner.metrics import evaluate, format_report

ROOT = Path(__file__).resolve().parents[2]
LABELS = ("PERS", "LOC", "ORG", "MISC")
FOLDS = 5


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


def featurize(sents, groups, window: int):
    """Stage-1 features per sentence (lexicon features jackknifed over contiguous blocks)."""
    if "lex" not in groups:
        ext = Extractor(groups, window=window)
        return [ext.sentence(toks) for toks, _ in sents]
    # Each block is featurized with a lexicon of the other blocks, so lexicon hits in
    # training are as (un)reliable as on unseen text.
    feats = []
    for i, block in enumerate(_blocks(sents)):
        lex = Lexicon.from_sentences([s for j, b in enumerate(_blocks(sents)) if j != i for s in b])
        ext = Extractor(groups, window=window, lex=lex)
        feats += [ext.sentence(toks) for toks, _ in block]
    return feats


def _blocks(seq):
    """FOLDS contiguous blocks of ``seq``."""
    k = len(seq)
    return [seq[i * k // FOLDS:(i + 1) * k // FOLDS] for i in range(FOLDS)]


def _fit(xs, ys, out: Path, c1: float, c2: float, max_iter: int) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys):
        trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iter,
                        "feature.possible_transitions": True})
    trainer.train(str(out))


def train(sents, groups, out: Path, c1: float, c2: float, max_iter: int, window: int = 2,
          memory: bool = False) -> float:
    """Train one CRF to ``out`` (+ .json meta, .lex.tsv, .mem.crfsuite); returns seconds spent."""
    t0 = time.time()
    xs, ys = featurize(sents, groups, window), [t for _, t in sents]
    _fit(xs, ys, out, c1, c2, max_iter)
    lex_out, mem_out = out.with_suffix(".lex.tsv"), out.with_suffix(".mem.crfsuite")
    if "lex" in groups:
        Lexicon.from_sentences(sents).save(lex_out)
    else:
        lex_out.unlink(missing_ok=True)
    mem_out.unlink(missing_ok=True)
    if memory:
        # Out-of-fold first-pass tags for every block, then the second pass on top of them.
        first: list[list[str]] = []
        idx = list(range(len(sents)))
        for i, block in enumerate(_blocks(idx)):
            keep = [j for b, blk in enumerate(_blocks(idx)) if b != i for j in blk]
            tmp = out.with_suffix(f".fold{i}.crfsuite")
            _fit([xs[j] for j in keep], [ys[j] for j in keep], tmp, c1, c2, max_iter)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(tmp))
            first += [list(tagger.tag(xs[j])) for j in block]
            tagger.close()
            tmp.unlink()
        ext = Extractor(groups, window=window)
        x2 = []
        for w in range(0, len(sents), MEMORY_WINDOW):
            toks = [t for t, _ in sents[w:w + MEMORY_WINDOW]]
            mem = memory_features(ext, toks, first[w:w + MEMORY_WINDOW])
            x2 += [[a + b for a, b in zip(f, m)] for f, m in zip(xs[w:w + MEMORY_WINDOW], mem)]
        _fit(x2, ys, mem_out, c1, c2, max_iter)
    out.with_suffix(".json").write_text(json.dumps(
        {"groups": sorted(groups), "window": window, "c1": c1, "c2": c2, "max_iterations": max_iter,
         "memory": memory}, indent=1) + "\n", encoding="utf-8")
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
    secs = train(train_sents, groups, out, args.c1, args.c2, args.max_iter, args.window, args.memory)
    scores, tps = score(out, dev)
    row = {"groups": sorted(groups), "memory": args.memory, "c1": args.c1, "c2": args.c2, "extra": args.extra,
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
    ap.add_argument("--memory", action="store_true", help="add the second (document memory) pass")
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
