"""Train the ``fast`` profile's ASSAULT / PROTEST classifier (rasd.events.hashed) on GSR train.

    .venv/bin/python training/events/train_fast.py [--out src/rasd/data/events/gsr_fast.npz]
                                                  [--teacher scratch/teacher.jsonl]

Features: hashed char 2–5-grams and word 1–2-grams of the normalized sentence, optionally
plus those of its trigger window (rasd.events.hashed). Logistic regression with balanced
classes on hard labels ("yes" vs the rest) or soft ones (the share of annotators who
accepted the sentence). C, window and label kind are chosen per type by document-grouped
5-fold cross-validation inside train, averaged over four fold assignments; the threshold is
the one that maximises F1 of the out-of-fold predictions. The dev split is never read.

--teacher adds sentences outside the GSR (raw_news, none of the events gold articles) with
the ``accurate`` model's probabilities as soft labels (training/events/teacher.py): they
only ever join the training folds, the CV scores GSR rows alone.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gsr_data import ROOT, load  # noqa: E402
from train_gsr import best_threshold  # noqa: E402

from rasd.events.hashed import counts  # noqa: E402

BITS = 18


def matrix(rows: list[dict[int, int]]) -> sparse.csr_matrix:
    """Raw counts as a CSR matrix of 2**BITS columns."""
    indptr, idx, val = [0], [], []
    for c in rows:
        idx.extend(c.keys())
        val.extend(c.values())
        indptr.append(len(idx))
    return sparse.csr_matrix((np.array(val, np.float32), np.array(idx, np.int64), np.array(indptr)),
                             shape=(len(rows), 1 << BITS))


def idf_of(X: sparse.csr_matrix) -> np.ndarray:
    """scikit-learn's smoothed idf: ln((1 + n) / (1 + df)) + 1."""
    df = np.bincount(X.indices, minlength=X.shape[1])
    return (np.log((1 + X.shape[0]) / (1 + df)) + 1).astype(np.float32)


def weigh(X: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear tf × idf, rows L2-normalized (rasd.events.hashed.weighted, batched)."""
    W = X.copy()
    W.data = (1 + np.log(W.data)) * idf[W.indices]
    norms = np.sqrt(np.asarray(W.multiply(W).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sparse.diags(1 / norms) @ W


def fit(X: sparse.csr_matrix, y: np.ndarray, frac: np.ndarray, soft: bool, C: float,
        T: sparse.csr_matrix = None, tp: np.ndarray = None, idf: np.ndarray = None):
    """(idf, LogisticRegression) on counts X (plus teacher rows T with probabilities tp)."""
    if T is not None and T.shape[0]:
        # Teacher rows are soft by nature; human rows keep hard labels unless asked for soft.
        human = frac if soft else y.astype(float)
        X, frac = sparse.vstack([X, T]).tocsr(), np.concatenate([human, tp])
        y = np.concatenate([y, (tp >= 0.5).astype(int)])
        soft = True
    idf = idf_of(X) if idf is None else idf
    W = weigh(X, idf)
    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=3000)
    if soft:
        lr.fit(sparse.vstack([W, W]).tocsr(), np.r_[np.ones(W.shape[0]), np.zeros(W.shape[0])],
               sample_weight=np.r_[frac, 1 - frac] + 1e-6)
    else:
        lr.fit(W, y)
    return idf, lr


def cv(X, y, frac, groups, soft, C, T=None, tp=None, seeds=(0, 1, 2, 3), parts=None):
    """Mean out-of-fold best F1 over fold assignments, and the threshold of the first; with
    ``parts`` (a boolean mask per row), also the mean F1 of each part at that threshold."""
    f1s, first_t, by_part = [], None, {k: [] for k in (parts or {})}
    for seed in seeds:
        oof = np.zeros(len(y))
        if seed == 0:
            splits = GroupKFold(n_splits=5).split(X, y, groups)
        else:
            docs = sorted(set(groups))
            fold = dict(zip(docs, np.random.default_rng(seed).permutation(len(docs)) % 5))
            g = np.array([fold[d] for d in groups])
            splits = [(np.where(g != k)[0], np.where(g == k)[0]) for k in range(5)]
        for tr, te in splits:
            idf, lr = fit(X[tr], y[tr], frac[tr], soft, C, T, tp)
            oof[te] = lr.predict_proba(weigh(X[te], idf))[:, 1]
        t, f1 = best_threshold(y, oof)
        first_t = t if first_t is None else first_t
        f1s.append(f1)
        for k, m in (parts or {}).items():
            pred, g = oof[m] >= t, y[m] == 1
            tp_ = int((pred & g).sum())
            by_part[k].append(2 * tp_ / (pred.sum() + g.sum()) if tp_ else 0.0)
    if parts:
        return float(np.mean(f1s)), first_t, {k: round(float(np.mean(v)), 4) for k, v in by_part.items()}
    return float(np.mean(f1s)), first_t


def news_rows(etype: str, shared: Path = ROOT.parent / "shared") -> list[dict]:
    """Our in-domain labels (training/events/news_labels.jsonl, docs/events_training_labels.md)
    as GSR-like rows: hard labels, grouped by article. None of them is an events-gold article."""
    import gzip

    from rasd.ingest.readers import IngestOptions, make_article

    labels = [json.loads(line) for line in open(Path(__file__).with_name("news_labels.jsonl"), encoding="utf-8")]
    labels = [r for r in labels if r["type"] == etype]
    want = {r["article"] for r in labels}
    text = {}
    with gzip.open(shared / "data" / "raw_news" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in want:
                text[r["id"]] = make_article(r["text"], IngestOptions(), source="train", id=r["id"]).text
    return [{"text": text[r["article"]][r["start"]:r["end"]], "y": int(r["label"]), "frac": float(r["label"]),
             "doc": r["article"], "news": True} for r in labels]


def teacher_rows(path: str, etype: str, window: bool):
    """Counts and teacher probabilities of the distillation sentences for ``etype``."""
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    # Articles with our human labels stay out: the CV scores them, a teacher copy would leak them.
    labelled = {json.loads(line)["article"] for line in open(Path(__file__).with_name("news_labels.jsonl"),
                                                              encoding="utf-8")}
    rows = [r for r in rows if etype in r["p"] and r["article"] not in labelled]
    return matrix([counts(r["text"], BITS, window) for r in rows]), np.array([r["p"][etype] for r in rows])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "src/rasd/data/events/gsr_fast.npz"))
    ap.add_argument("--teacher", default=None)
    ap.add_argument("--no-news", action="store_true", help="GSR train alone, without our in-domain labels")
    ap.add_argument("--teacher-types", nargs="+", default=["ASSAULT"],
                    help="types that take teacher rows (PROTEST CV fell from 0.49 to 0.29 with them)")
    ap.add_argument("--quick", action="store_true", help="hard labels and C 4-16 only (soft never won with news rows)")
    args = ap.parse_args()
    arrays, info, per_type, data = {"bits": BITS, "types": np.array(["ASSAULT", "PROTEST"])}, {}, {}, {}
    ap_quick = args.quick
    grid = [(True, soft, C) for soft in ((False,) if ap_quick else (False, True))
            for C in ((4.0, 8.0, 16.0) if ap_quick else (2.0, 4.0, 8.0, 16.0))]
    for etype in ("ASSAULT", "PROTEST"):
        rows = [r for r in load(etype) if not r["dev"]] + ([] if args.no_news else news_rows(etype))
        y = np.array([r["y"] for r in rows])
        frac = np.array([r["frac"] for r in rows])
        groups = [r["doc"] for r in rows]
        news = np.array([bool(r.get("news")) for r in rows])
        parts = {"gsr": ~news, "news": news} if news.any() else None
        Xw = {True: matrix([counts(r["text"], BITS, True) for r in rows])}
        Tw = {True: teacher_rows(args.teacher, etype, True)} if args.teacher and etype in args.teacher_types else {}
        for w, soft, C in grid:
            T, tp = Tw.get(w, (None, None))
            got = cv(Xw[w], y, frac, groups, soft, C, T, tp, parts=parts)
            f1, t, by = got if parts else (*got, {})
            # Chosen by the mean of the GSR rows' and our news rows' F1: both domains count.
            score = float(np.mean(list(by.values()))) if by else f1
            per_type.setdefault(etype, []).append((score, t, w, soft, C, by))
            print(etype, {"window": w, "soft": soft, "C": C, "cv_f1": round(f1, 4), "threshold": round(t, 2), **by},
                  flush=True)
        data[etype] = (Xw, Tw, y, frac, int(news.sum()))
    window = True
    parts = [data[e][0][window] for e in data] + [data[e][1][window][0] for e in data if data[e][1]]
    idf = idf_of(sparse.vstack(parts).tocsr())  # one idf over both types' training rows
    for etype, (Xw, Tw, y, frac, n_news) in data.items():
        score, t, w, soft, C, by = max(per_type[etype], key=lambda r: r[0])
        T, tp = Tw.get(w, (None, None))
        _, lr = fit(Xw[w], y, frac, soft, C, T, tp, idf)
        arrays[f"{etype}_coef"] = lr.coef_[0].astype(np.float32)
        arrays[f"{etype}_intercept"] = np.float32(lr.intercept_[0])
        arrays[f"{etype}_threshold"] = np.float32(t)
        info[etype] = {"cv_f1": round(score, 4), **by, "threshold": round(t, 2), "window": w, "soft": soft,
                       "C": C, "train_rows": int(len(y)), "train_pos": int(y.sum()), "news_rows": n_news,
                       "teacher_rows": int(Tw[w][0].shape[0]) if Tw else 0}
    arrays["window"] = window
    arrays["idf"] = idf
    arrays["info"] = json.dumps(info)
    np.savez_compressed(args.out, **arrays)
    print("wrote", args.out, Path(args.out).stat().st_size, "bytes")
    print(json.dumps(info, indent=1))


if __name__ == "__main__":
    main()
