"""Train the ASSAULT / PROTEST sentence classifiers on the GSR train split.

    .venv/bin/python training/events/embed_cache.py      # once: e5 vectors of the GSR (~3 min)
    .venv/bin/python training/events/train_gsr.py [--out src/rasd/data/events/gsr_classifier.joblib]

    .venv/bin/python training/events/embed_cache.py --kind passage   # and wquery, wpassage

Features: char n-gram TF-IDF (2-5, word-bounded) + word TF-IDF over simplemma-lemmatized
normalized text, optionally + multilingual-e5-small sentence embeddings (rasd.events.embed,
on the raw sentence); or, without TF-IDF, e5 "query: " and "passage: " embeddings of the
sentence and of its trigger window (rasd.events.embed.trigger_window). Logistic regression
with balanced classes, on hard labels or on soft ones (the share of annotators who accepted
the sentence); C, the feature set and hard or soft labels are chosen per type by the
cross-validation (trigger-count features never won it and are no longer tried). Input of the
stored pipelines: raw sentences.
The decision threshold is the one that maximises F1 of out-of-fold predictions (5-fold,
grouped by document) inside train; the dev split is never read here.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import FeatureUnion, Pipeline

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gsr_data import ROOT, extra_positives, load  # noqa: E402

from embed_cache import load_cache, key, path_of  # noqa: E402
from rasd.events import embed as e5  # noqa: E402
from rasd.events.features import Lemmatize  # noqa: E402


WINDOW = ("query", "passage", "wquery", "wpassage")  # the e5 blocks of the TF-IDF-free model


def make_pipeline(C: float = 4.0, emb: bool = True, tfidf: bool = True, blocks=("query",)) -> Pipeline:
    text = FeatureUnion([
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                                 max_features=60000)),
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                 token_pattern=r"[^\s\W\d_]{2,}")),
    ])
    parts = [("lemmas", Pipeline([("norm", e5.Normalize()), ("lemmatize", Lemmatize()), ("tfidf", text)]))] if tfidf else []
    if emb:
        parts.append(("e5", e5.E5Features(tuple(blocks))))
    feats = FeatureUnion(parts)
    return Pipeline([("features", feats),
                     ("clf", LogisticRegression(C=C, class_weight="balanced", max_iter=2000))])


def best_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """The threshold with the best F1 on (y, p), and that F1."""
    best = (0.5, -1.0)
    for t in np.arange(0.05, 0.96, 0.01):
        pred = p >= t
        tp = int((pred & (y == 1)).sum())
        fp = int((pred & (y == 0)).sum())
        fn = int((~pred & (y == 1)).sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[1]:
            best = (float(t), f1)
    return best


def fit(C: float, emb: bool, X: list[str], y: np.ndarray, frac: np.ndarray, extra: list[str],
        soft: bool, tfidf: bool = True, blocks=("query",)) -> Pipeline:
    """Hard labels (yes vs no), or soft ones: each sentence is a positive weighted by the share of
    annotators who accepted it and a negative weighted by the rest ("difficult no" is 1/3 or
    1/2 an attack report, not a plain negative)."""
    if soft:
        texts = X + X + extra
        labels = np.concatenate([np.ones(len(X), int), np.zeros(len(X), int), np.ones(len(extra), int)])
        w = np.concatenate([frac, 1 - frac, np.ones(len(extra))]) + 1e-6
        return make_pipeline(C, emb, tfidf, blocks).fit(texts, labels, clf__sample_weight=w)
    return make_pipeline(C, emb, tfidf, blocks).fit(X + extra, np.concatenate([y, np.ones(len(extra), int)]))


def train_type(etype: str, C: float, use_extra: bool = False, emb: bool = True,
               soft: bool = False, tfidf: bool = True, blocks=("query",)) -> tuple[Pipeline, float, dict]:
    rows = [r for r in load(etype) if not r["dev"]]
    X = [r["text"] for r in rows]
    y = np.array([r["y"] for r in rows])
    frac = np.array([r["frac"] for r in rows])
    groups = [r["doc"] for r in rows]
    extra = extra_positives(etype) if use_extra else []
    oof = np.zeros(len(rows))
    for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
        # extra positives only ever join the training folds; CV scores the CSV rows (hard labels)
        pipe = fit(C, emb, [X[i] for i in tr], y[tr], frac[tr], extra, soft, tfidf, blocks)
        oof[te] = pipe.predict_proba([X[i] for i in te])[:, 1]
    t, f1 = best_threshold(y, oof)
    final = fit(C, emb, X, y, frac, extra, soft, tfidf, blocks)
    return final, t, {"train_rows": len(rows), "train_pos": int(y.sum()), "extra_pos": len(extra),
                      "cv_f1": round(f1, 4), "threshold": round(t, 2), "C": C, "e5": emb, "soft": soft,
                      "tfidf": tfidf, "blocks": list(blocks) if emb else []}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "src/rasd/data/events/gsr_classifier.joblib"))
    ap.add_argument("--C", type=float, default=None, help="fix C instead of choosing 2 or 8 by CV")
    ap.add_argument("--extra", action="store_true",
                    help="add the spans-file sentences missing from the CSV as positives (no CV gain measured)")
    args = ap.parse_args()
    for kind in ("query", "passage", "wquery", "wpassage"):  # seed the embedding cache (embed_cache.py)
        cache = load_cache(path_of(kind))
        for etype in ("ASSAULT", "PROTEST"):
            texts = [r["text"] for r in load(etype)] + extra_positives(etype)
            if kind.startswith("w"):
                texts = [e5.trigger_window(t) for t in texts]
            have = [t for t in texts if key(t) in cache]
            e5.prefill(have, [cache[key(t)] for t in have], kind.removeprefix("w"))
    models, info = {}, {}
    for etype in ("ASSAULT", "PROTEST"):
        # C is chosen per type by the same grouped cross-validation inside train.
        best = None
        Cs = [args.C] if args.C else (2.0, 4.0, 8.0)
        grid = [(C, emb, soft, True, ("query",)) for C in Cs
                for emb, soft in ((True, False), (False, False), (True, True))]
        grid += [(C, True, False, True, ("query", "passage")) for C in Cs]  # both prefixes, hard labels
        # e5 alone, sentence and trigger window, both prefixes (lower C: 1,536 dense columns)
        grid += [(C, True, soft, False, WINDOW) for C in ([args.C] if args.C else (0.5, 1.0, 2.0))
                 for soft in (False, True)]
        for C, emb, soft, tfidf, blocks in grid:
            pipe, t, meta = train_type(etype, C, args.extra, emb, soft, tfidf, blocks)
            print(etype, meta, flush=True)
            if best is None or meta["cv_f1"] > best[2]["cv_f1"]:
                best = (pipe, t, meta)
        models[etype] = best[:2]
        info[etype] = best[2]
    joblib.dump({"models": models, "info": info, "input": "raw"}, args.out, compress=3)
    print("wrote", args.out, Path(args.out).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
