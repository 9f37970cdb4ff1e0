"""Pseudo-label open-licence unlabeled news sentences with the `accurate` NER profile.

The `fast` CRF is trained on ANERcorp train plus these sentences tagged by the transformer
(distillation; see docs/ner.md). Needs the accurate profile installed (torch:
`pip install 'rasd[accurate]'`). Runs on CPU in a few minutes; the result is cached in
scratch/ner_crf/pseudo.json.gz (git-ignored, never committed: it holds the sentences).

Sentences (the same 8,555 the accurate profile was self-trained on, docs/ner_accurate.md §7):
the Arabic event GSR texts (MIT), the ANS stance/claim sentences (Apache-2.0) and the
Wojood sample's text (MIT, its own tags ignored). raw_news is never used: it has no licence.

    OMP_NUM_THREADS=1 nice .venv/bin/python training/ner/pseudo_label.py
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "scratch" / "ner_crf" / "pseudo.json.gz"


def unlabeled_sentences(data: Path) -> list[list[str]]:
    """The unlabeled sentences, tokenized: the accurate profile's own selection (one list)."""
    sys.path.insert(0, str(ROOT / "training" / "ner_transformer"))
    from prepare import unlabeled_sentences as selection  # noqa: E402

    return selection(data)


def load(path: Path = CACHE) -> list[dict]:
    """Cached pseudo-labelled sentences: dicts with tokens, tags, margin (per word)."""
    if not path.exists():
        raise SystemExit(f"{path} is missing: run training/ner/pseudo_label.py first "
                         "(needs the accurate profile: pip install 'rasd[accurate]')")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)["sentences"]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=CACHE)
    ap.add_argument("--chunk", type=int, default=256, help="sentences per tagging call")
    args = ap.parse_args(argv)
    import numpy as np

    from rasd.ner.transformer import LABELS, TransformerTagger, viterbi
    sents = unlabeled_sentences(args.data)
    print(f"{len(sents)} sentences, {sum(map(len, sents))} tokens", file=sys.stderr)
    tagger = TransformerTagger(threads=1)
    out = []
    t0 = time.time()
    for c in range(0, len(sents), args.chunk):
        chunk = sents[c:c + args.chunk]
        for toks, em in zip(chunk, tagger.emissions(chunk)):
            tags = [LABELS[i] for i in viterbi(em, *tagger._crf)] if len(em) else []
            top = np.sort(em, axis=1)
            margin = (top[:, -1] - top[:, -2]).round(2).tolist() if len(em) else []
            out.append({"tokens": toks, "tags": tags, "margin": margin})
        print(f"{len(out)}/{len(sents)} {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8") as f:
        json.dump({"source": "accurate profile, rasd.ner.transformer", "sentences": out}, f, ensure_ascii=False)
    n_ent = sum(t.startswith("B-") for s in out for t in s["tags"])
    print(f"wrote {args.out}: {len(out)} sentences, {n_ent} entities", file=sys.stderr)


if __name__ == "__main__":
    main()
