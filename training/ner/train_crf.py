"""Train the `fast` NER CRF from ../shared/data and score it on the fixed dev split.

Dev = the last 10% of sentences of anercorp/train.txt (never trained on).

    python training/ner/build_gazetteer.py          # gazetteer lists (from installed packages)
    python training/ner/pseudo_label.py              # pseudo-labels (needs the accurate profile / torch)
    python training/ner/build_clusters.py            # clusters.tsv (cluster feature group)
    python training/ner/train_crf.py --memory --pseudo all   # the shipped model: trains, scores, writes it
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
sys.path.insert(0, str(Path(__file__).parent))
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


def featurize(sents, groups, window: int, lex_pool=None):
    """Stage-1 features per sentence (lexicon features jackknifed over contiguous blocks).

    ``lex_pool`` (same length as ``sents``): per sentence, whether its entity names may feed
    the lexicon (default: all of them).
    """
    if "lex" not in groups:
        ext = Extractor(groups, window=window)
        return [ext.sentence(toks) for toks, _ in sents]
    # Each block is featurized with a lexicon of the other blocks, so lexicon hits in
    # training are as (un)reliable as on unseen text.
    pool = lex_pool or [True] * len(sents)
    idx = _index(sents)
    feats: list = [None] * len(sents)
    for i, block in enumerate(_blocks(idx)):
        lex = Lexicon.from_sentences([sents[j] for b, blk in enumerate(_blocks(idx)) if b != i
                                      for j in blk if pool[j]])
        ext = Extractor(groups, window=window, lex=lex)
        for j in block:
            feats[j] = ext.sentence(sents[j][0])
    return feats


def _blocks(seq):
    """FOLDS blocks of ``seq``: contiguous, or interleaved when it is a Mixed list."""
    k = len(seq)
    if isinstance(seq, Mixed):
        return seq.blocks()
    return [seq[i * k // FOLDS:(i + 1) * k // FOLDS] for i in range(FOLDS)]


def _index(sents):
    """Sentence indices, blocked the way ``sents`` is."""
    n = len(sents)
    return Mixed(range(n), sents.n_gold) if isinstance(sents, Mixed) else list(range(n))


def _windows(sents):
    """(start, end) memory windows; gold and pseudo-labelled sentences never share one."""
    cut = sents.n_gold if isinstance(sents, Mixed) else len(sents)
    return [(w, min(w + MEMORY_WINDOW, hi)) for lo, hi in ((0, cut), (cut, len(sents)))
            for w in range(lo, hi, MEMORY_WINDOW)]


class Mixed(list):
    """Gold sentences followed by pseudo-labelled ones; block i = gold block i + pseudo block i."""

    def __init__(self, items, n_gold: int) -> None:
        super().__init__(items)
        self.n_gold = n_gold

    def blocks(self):
        g, k = self.n_gold, len(self) - self.n_gold
        return [self[i * g // FOLDS:(i + 1) * g // FOLDS] + self[g + i * k // FOLDS:g + (i + 1) * k // FOLDS]
                for i in range(FOLDS)]


def _fit(xs, ys, out: Path, c1: float, c2: float, max_iter: int, reps=None) -> None:
    """Train a CRF; ``reps`` (optional) repeats each sentence that many times (a weight)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for i, (x, y) in enumerate(zip(xs, ys)):
        for _ in range(reps[i] if reps else 1):
            trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iter,
                        "feature.possible_transitions": True})
    trainer.train(str(out))


def train(sents, groups, out: Path, c1: float, c2: float, max_iter: int, window: int = 2,
          memory: bool = False, lex_pool=None, reps=None) -> float:
    """Train one CRF to ``out`` (+ .json meta, .lex.tsv, .mem.crfsuite); returns seconds spent."""
    t0 = time.time()
    xs, ys = featurize(sents, groups, window, lex_pool), [t for _, t in sents]
    _fit(xs, ys, out, c1, c2, max_iter, reps)
    lex_out, mem_out = out.with_suffix(".lex.tsv"), out.with_suffix(".mem.crfsuite")
    if "lex" in groups:
        pool = lex_pool or [True] * len(sents)
        Lexicon.from_sentences([s for s, keep in zip(sents, pool) if keep]).save(lex_out)
    else:
        lex_out.unlink(missing_ok=True)
    mem_out.unlink(missing_ok=True)
    if memory:
        # Out-of-fold first-pass tags for every block, then the second pass on top of them.
        first: list = [None] * len(sents)
        idx = _index(sents)
        for i, block in enumerate(_blocks(idx)):
            keep = [j for b, blk in enumerate(_blocks(idx)) if b != i for j in blk]
            tmp = out.with_suffix(f".fold{i}.crfsuite")
            _fit([xs[j] for j in keep], [ys[j] for j in keep], tmp, c1, c2, max_iter,
                 [reps[j] for j in keep] if reps else None)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(tmp))
            for j in block:
                first[j] = list(tagger.tag(xs[j]))
            tagger.close()
            tmp.unlink()
        ext = Extractor(groups, window=window)
        x2 = []
        for a, b in _windows(sents):
            toks = [t for t, _ in sents[a:b]]
            mem = memory_features(ext, toks, first[a:b])
            x2 += [[u + v for u, v in zip(f, m)] for f, m in zip(xs[a:b], mem)]
        _fit(x2, ys, mem_out, c1, c2, max_iter, reps)
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


def pseudo_sentences(args) -> list:
    """Pseudo-labelled unlabeled sentences (tagged by the accurate profile), filtered."""
    import pseudo_label
    if not pseudo_label.CACHE.exists():
        pseudo_label.main(["--data", str(args.data)])
    out = []
    for s in pseudo_label.load():
        if args.pseudo == "ent" and all(t == "O" for t in s["tags"]):
            continue
        if args.pseudo_margin and s["margin"] and min(s["margin"]) < args.pseudo_margin:
            continue
        out.append((s["tokens"], s["tags"]))
    return out


def run(train_sents, dev, groups, out: Path, args, n_gold: int | None = None) -> dict:
    n_gold = len(train_sents) if n_gold is None else n_gold
    sents = Mixed(train_sents, n_gold)
    pool = [True] * n_gold + [args.pseudo_lex] * (len(sents) - n_gold)
    reps = [args.gold_reps] * n_gold + [1] * (len(sents) - n_gold) if args.gold_reps > 1 else None
    secs = train(sents, groups, out, args.c1, args.c2, args.max_iter, args.window, args.memory, pool, reps)
    scores, tps = score(out, dev)
    row = {"groups": sorted(groups), "memory": args.memory, "c1": args.c1, "c2": args.c2, "extra": args.extra,
           "pseudo": args.pseudo, "pseudo_n": len(sents) - n_gold, "pseudo_lex": args.pseudo_lex,
           "pseudo_margin": args.pseudo_margin, "gold_reps": args.gold_reps, "max_iter": args.max_iter,
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
    ap.add_argument("--pseudo", choices=("none", "all", "ent"), default="none",
                    help="add the unlabeled open-licence sentences tagged by the accurate profile "
                         "(training/ner/pseudo_label.py; all of them, or those with an entity)")
    ap.add_argument("--pseudo-lex", action="store_true", help="pseudo-labelled names also feed the lexicon")
    ap.add_argument("--pseudo-margin", type=float, default=0.0,
                    help="keep only pseudo sentences whose every word's emission margin is at least this")
    ap.add_argument("--gold-reps", type=int, default=1, help="repeat each gold sentence (a weight)")
    ap.add_argument("--ablation", action="store_true", help="one run per left-out group (no save)")
    ap.add_argument("--no-save", action="store_true", help="do not overwrite the packaged model")
    args = ap.parse_args(argv)

    sents = tokens_and_tags(args.data / "anercorp" / "train.txt")
    train_sents, dev = train_dev_split(sents)
    train_sents = train_sents + extra_sentences(args.data, [x for x in args.extra.split(",") if x])
    n_gold = len(train_sents)
    pseudo = pseudo_sentences(args) if args.pseudo != "none" else []
    print(f"train {n_gold} sentences (+{len(pseudo)} pseudo-labelled), dev {len(dev)}", file=sys.stderr)
    groups = ALL_GROUPS - {g for g in args.drop.split(",") if g}
    tmp = Path(tempfile.mkdtemp(prefix="rasd-crf-"))
    if args.ablation:
        for g in ["none"] + sorted(ALL_GROUPS):
            run(train_sents + pseudo, dev, groups - {g}, tmp / f"minus-{g}.crfsuite", args, n_gold)
        return
    out = tmp / "model.crfsuite" if args.no_save else MODEL
    run(train_sents + pseudo, dev, groups, out, args, n_gold)
    if not args.no_save:
        print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) and {META}", file=sys.stderr)


if __name__ == "__main__":
    main()
