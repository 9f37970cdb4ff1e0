"""Train the stance classifier (agree / disagree / other) on ANS stance train.csv only.

    .venv/bin/python training/stance/train.py [--data ../shared/data/ans/stance] [--cache DIR]

Picks the regularisation by 5-fold cross-validation on train.csv (macro F1), fits on all of
train.csv, and writes src/rasd/data/stance/stance.npz (scaler + logistic-regression weights as
plain arrays). dev.csv is never read here: benchmarks/stance_eval.py measures on it.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from rasd.stories.stance import LABELS, MODEL_PATH, encode, lexical, pair_features  # noqa: E402


def load(path: Path) -> tuple[list[tuple[str, str]], list[str]]:
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    return [(r["s1"], r["s2"]) for r in rows], [r["stance"] for r in rows]


def embeddings(pairs, cache: Path | None, name: str):
    """e5 embeddings of both sides, cached as .npz when --cache is given."""
    f = cache / f"ans_e5use_{name}.npz" if cache else None
    if f and f.exists():
        z = np.load(f)
        return z["A"], z["B"]
    a, b = encode([p[0] for p in pairs]), encode([p[1] for p in pairs])
    if f:
        cache.mkdir(parents=True, exist_ok=True)
        np.savez(f, A=a, B=b)
    return a, b


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ans" / "stance")
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args()
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.preprocessing import StandardScaler

    t0 = time.time()
    pairs, y = load(args.data / "train.csv")
    ea, eb = embeddings(pairs, args.cache, "train")
    lex = np.vstack([lexical(a, b) for a, b in pairs])
    x = pair_features(ea, eb, lex)
    scaler = StandardScaler().fit(x)
    xs = scaler.transform(x)
    y = np.array(y)
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    best = None
    for c in (0.001, 0.003, 0.01):
        for cw in ("balanced",):  # "other" is 2% of pairs: unweighted fits never predict it
            clf = LogisticRegression(C=c, class_weight=cw, max_iter=3000)
            pred = cross_val_predict(clf, xs, y, cv=cv)
            f1 = f1_score(y, pred, average="macro")
            print(f"C={c} class_weight={cw}: cv macro F1 {f1:.4f}", flush=True)
            if best is None or f1 > best[0]:
                best = (f1, c, cw)
    f1, c, cw = best
    clf = LogisticRegression(C=c, class_weight=cw, max_iter=3000).fit(xs, y)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, mean=scaler.mean_.astype(np.float32), scale=scaler.scale_.astype(np.float32),
                        coef=clf.coef_.astype(np.float32), intercept=clf.intercept_.astype(np.float32),
                        classes=np.array(clf.classes_))
    meta = {"train_pairs": len(y), "cv_macro_f1": round(f1, 4), "C": c, "class_weight": cw,
            "labels": list(LABELS), "seconds": round(time.time() - t0, 1)}
    (args.out.parent / "stance.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
