"""GSR experiments with more embedding blocks (trigger window, both e5 prefixes, USE) and
out-of-fold stacking, scored like gsr_experiments.py: grouped 5-fold CV inside train (threshold
from the out-of-fold predictions) and, for the record only, dev at that threshold. Needs
embed_cache.py --kind {query,passage,wquery,wpassage,use,wuse} first. From the repo root:

    .venv/bin/python training/events/gsr_window_exp.py '[{"etype": "ASSAULT", "blocks": ["q", "wq"], "C": 4, "soft": true}]'

blocks: q / p (e5 query / passage of the sentence), wq / wp (of its trigger window), use / wuse
(USE of sentence / window), prod (q*wq), diff (|q-wq|); tfidf: add the lemmatized TF-IDF (default
true); stack: [[blocks, tfidf, C, soft], ...] level-1 models whose out-of-fold logits a
logistic regression combines (its own scores out-of-fold by a second grouped CV); seed: a
random grouped fold assignment instead of GroupKFold's (repeated CV); width: trigger-window
width (embed_cache.py --kind wquery --width N first).
"""
import hashlib
import json
import sys

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, "training/events")
from embed_cache import key, load_cache, path_of  # noqa: E402
from gsr_data import load  # noqa: E402
from gsr_experiments import f1, tfidf  # noqa: E402
from train_gsr import best_threshold  # noqa: E402

from rasd.events.embed import trigger_window  # noqa: E402
from rasd.text import norm  # noqa: E402

CACHES = {k: load_cache(path_of(v)) for k, v in
          {"q": "query", "p": "passage", "wq": "wquery", "wp": "wpassage", "use": "use", "wuse": "wuse"}.items()}
DATA, TF = {}, {}
WIDTH = [8]  # trigger-window width of the current run (see run's width)
SEED = [None]  # fold assignment of the current run (see run's seed)


def data(etype, seed=None):
    """(train rows, dev rows, folds); seed: folds by md5(seed + doc) % 5 instead of GroupKFold."""
    if (etype, seed, WIDTH[0]) not in DATA:
        rows = load(etype)
        for r in rows:
            r["win"] = trigger_window(r["text"], WIDTH[0])
        tr = [r for r in rows if not r["dev"]]
        dv = [r for r in rows if r["dev"]]
        if seed is None:
            folds = list(GroupKFold(5).split(tr, [r["y"] for r in tr], [r["doc"] for r in tr]))
        else:
            f = np.array([int(hashlib.md5(f"{seed}{r['doc']}".encode()).hexdigest(), 16) % 5 for r in tr])
            folds = [(np.where(f != k)[0], np.where(f == k)[0]) for k in range(5)]
        DATA[(etype, seed, WIDTH[0])] = (tr, dv, folds)
    return DATA[(etype, seed, WIDTH[0])]


def emb(rows, b):
    if b == "prod":
        return emb(rows, "q") * emb(rows, "wq")
    if b == "diff":
        return np.abs(emb(rows, "q") - emb(rows, "wq"))
    c = CACHES[b]
    return np.stack([c[key(r["win"] if b.startswith("w") else r["text"])] for r in rows]).astype(np.float32)


def tf_mats(etype, fold):
    """TF-IDF fitted on the training rows of ``fold`` (-1: all train): (train matrix, test matrix)."""
    if (etype, SEED[0], fold) not in TF:
        tr, dv, folds = data(etype, SEED[0])
        a, b = (np.arange(len(tr)), None) if fold < 0 else folds[fold]
        test = dv if fold < 0 else [tr[i] for i in b]
        t = tfidf()
        TF[(etype, SEED[0], fold)] = (t.fit_transform([norm(tr[i]["text"]) for i in a]),
                             t.transform([norm(r["text"]) for r in test]))
    return TF[(etype, SEED[0], fold)]


def fit_predict(etype, fold, blocks, use_tf, C, soft, emb_w=1.0):
    tr, dv, folds = data(etype, SEED[0])
    a, b = (np.arange(len(tr)), None) if fold < 0 else folds[fold]
    train = [tr[i] for i in a]
    test = dv if fold < 0 else [tr[i] for i in b]
    parts_a, parts_b = [], []
    if use_tf:
        ma, mb = tf_mats(etype, fold)
        parts_a.append(ma); parts_b.append(mb)
    for bl in blocks:
        parts_a.append(sparse.csr_matrix(emb(train, bl) * emb_w)); parts_b.append(sparse.csr_matrix(emb(test, bl) * emb_w))
    Xa, Xb = sparse.hstack(parts_a).tocsr(), sparse.hstack(parts_b).tocsr()
    y = np.array([r["y"] for r in train])
    if soft:
        frac = np.array([r["frac"] for r in train])
        Xa = sparse.vstack([Xa, Xa]).tocsr()
        yy = np.concatenate([np.ones(len(y), int), np.zeros(len(y), int)])
        w = np.concatenate([frac, 1 - frac]) + 1e-6
    else:
        yy, w = y, None
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(Xa, yy, sample_weight=w)
    return clf.predict_proba(Xb)[:, 1]


def oof_and_dev(etype, blocks, use_tf, C, soft, emb_w=1.0):
    tr, dv, folds = data(etype, SEED[0])
    oof = np.zeros(len(tr))
    for k, (a, b) in enumerate(folds):
        oof[b] = fit_predict(etype, k, blocks, use_tf, C, soft, emb_w)
    return oof, fit_predict(etype, -1, blocks, use_tf, C, soft, emb_w)


def logit(p):
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def run(etype, blocks=("q",), tfidf=True, C=2.0, soft=False, emb_w=1.0, stack=None, seed=None, width=8):
    SEED[0], WIDTH[0] = seed, width
    tr, dv, folds = data(etype, SEED[0])
    y = np.array([r["y"] for r in tr]); yd = np.array([r["y"] for r in dv])
    if stack:
        outs = [oof_and_dev(etype, bl, t, c, s) for bl, t, c, s in stack]
        Z = np.column_stack([logit(o) for o, _ in outs]); Zd = np.column_stack([logit(d) for _, d in outs])
        oof = np.zeros(len(tr))
        for a, b in folds:  # the stacker's own scores, out of fold
            oof[b] = LogisticRegression(class_weight="balanced").fit(Z[a], y[a]).predict_proba(Z[b])[:, 1]
        pd = LogisticRegression(class_weight="balanced").fit(Z, y).predict_proba(Zd)[:, 1]
        cfg = {"stack": stack}
    else:
        oof, pd = oof_and_dev(etype, list(blocks), tfidf, C, soft, emb_w)
        cfg = {"blocks": list(blocks), "tfidf": tfidf, "C": C, "soft": soft, "emb_w": emb_w}
    t, cv = best_threshold(y, oof)
    return {"type": etype, **cfg, "seed": seed, "width": width, "cv_f1": round(cv, 3), "thr": round(t, 2), "dev_f1": round(f1(yd, pd >= t), 3),
            "dev_f1_at_best": round(best_threshold(yd, pd)[1], 3)}


if __name__ == "__main__":
    for cfg in json.loads(sys.argv[1]):
        print(json.dumps(run(**cfg)), flush=True)
