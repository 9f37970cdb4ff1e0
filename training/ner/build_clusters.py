"""Build distributional word clusters for the CRF's `cluster` feature group.

Text: the ANERcorp training part (first 90% of sentences; the dev split is never read) plus
the open-licence unlabeled sentences of training/ner/pseudo_label.py (event GSR, ANS, the
Wojood sample's text). Words are in rasd.text.norm spelling. Recipe: PPMI of word / context
word co-occurrence (±2 tokens, context vocabulary = the most frequent words), truncated SVD,
L2-normalised rows, then k-means at several granularities. Output: clusters.tsv
(`word<TAB>id1<TAB>id2...`, one line per word seen at least --min-count times; a word table,
not text).

    OMP_NUM_THREADS=1 nice .venv/bin/python training/ner/build_clusters.py
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from rasd.ner.conll import tokens_and_tags, train_dev_split  # noqa: E402
from rasd.ner.features import DATA  # noqa: E402
from rasd.text import norm  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def corpus(data: Path) -> list[list[str]]:
    """Normalized token lists: ANERcorp train part + the unlabeled open-licence sentences."""
    import pseudo_label
    train, _dev = train_dev_split(tokens_and_tags(data / "anercorp" / "train.txt"))
    sents = [toks for toks, _ in train] + pseudo_label.unlabeled_sentences(data)
    return [[norm(t) for t in s] for s in sents]


def build(sents, min_count: int, n_ctx: int, dim: int, ks: list[int], window: int = 2, seed: int = 0):
    from scipy import sparse
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    freq = Counter(t for s in sents for t in s)
    words = [w for w, c in freq.most_common() if c >= min_count and any(ch.isalnum() for ch in w)]
    wid = {w: i for i, w in enumerate(words)}
    ctx = [w for w, _ in freq.most_common(n_ctx)]
    cid = {w: i for i, w in enumerate(ctx)}
    rows, cols = [], []
    for s in sents:
        for i, t in enumerate(s):
            a = wid.get(t)
            if a is None:
                continue
            for o in range(-window, window + 1):
                if o and 0 <= i + o < len(s):
                    c = cid.get(s[i + o])
                    if c is not None:
                        # Left and right contexts are separate columns (word order matters).
                        rows.append(a)
                        cols.append(c * 2 + (o > 0))
    m = sparse.coo_matrix((np.ones(len(rows), np.float32), (rows, cols)),
                          shape=(len(words), 2 * len(ctx))).tocsr()
    m.sum_duplicates()
    total = m.sum()
    pw = np.asarray(m.sum(axis=1)).ravel() / total
    pc = (np.asarray(m.sum(axis=0)).ravel() / total) ** 0.75
    pc /= pc.sum()
    m = m.tocoo()
    pmi = np.log(m.data / total / (pw[m.row] * pc[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    vec = TruncatedSVD(dim, random_state=seed).fit_transform(ppmi)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    ids = [KMeans(k, n_init=1, random_state=seed, max_iter=100).fit_predict(vec) for k in ks]
    return words, ids


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=DATA / "clusters.tsv")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--ctx", type=int, default=5000, help="context vocabulary size")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--k", default="64,256,1024")
    args = ap.parse_args(argv)
    t0 = time.time()
    sents = corpus(args.data)
    print(f"{len(sents)} sentences, {sum(map(len, sents))} tokens", file=sys.stderr)
    words, ids = build(sents, args.min_count, args.ctx, args.dim, [int(k) for k in args.k.split(",")])
    lines = ["\t".join([w] + [str(int(c[i])) for c in ids]) for i, w in enumerate(words)]
    args.out.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(words)} words, k = {args.k} ({time.time() - t0:.0f}s, "
          f"{args.out.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
