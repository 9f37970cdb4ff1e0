"""GSR experiments behind the table in docs/events_quotes.md: one JSON config per run, scored by
grouped 5-fold cross-validation inside train (threshold from the out-of-fold predictions) and,
for the record only, on dev. Needs training/events/embed_cache.py first. Run from the repo root:

    .venv/bin/python training/events/gsr_experiments.py '[{"etype": "PROTEST", "feats": ["tfidf", "e5"], "C": 2}]'

feats: any of tfidf, e5, lex (trigger counts); joint: weight of the other type's train rows added
as negatives; dn_w: weight of "difficult no"; amb_w: "ambiguous" rows as positives of that
weight; fuse: [[feats, C], ...] averaged; lexonly: train/score only sentences with a trigger.
"""
import sys, json, itertools
from pathlib import Path
import numpy as np
sys.path.insert(0, "training/events")
from gsr_data import load, extra_positives
from embed_cache import load_cache, cached_embed
from train_gsr import make_pipeline, best_threshold
from rasd.text import norm
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from rasd.events.features import Lemmatize, TriggerFeatures
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

cache = load_cache()
def f1(y, pred):
    tp = int((pred & (y == 1)).sum()); fp = int((pred & (y == 0)).sum()); fn = int((~pred & (y == 1)).sum())
    return 2*tp/(2*tp+fp+fn) if tp else 0.0

def tfidf():
    text = FeatureUnion([
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, max_features=60000)),
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r"[^\s\W\d_]{2,}"))])
    return Pipeline([("lemmatize", Lemmatize()), ("tfidf", text)])

class Model:
    def __init__(self, feats, C, emb_w=1.0):
        self.feats, self.C, self.emb_w = feats, C, emb_w
    def _X(self, texts, fit=False):
        parts = []
        n = [norm(t) for t in texts]
        if "tfidf" in self.feats:
            parts.append(self.tf.fit_transform(n) if fit else self.tf.transform(n))
        if "lex" in self.feats:
            parts.append(self.lex.transform(n))
        if "e5" in self.feats:
            E = cached_embed(texts, cache)
            parts.append(sparse.csr_matrix(E * self.emb_w))
        return sparse.hstack(parts).tocsr()
    def fit(self, texts, y, w=None):
        self.tf = tfidf(); self.lex = TriggerFeatures().fit(None)
        X = self._X(texts, True)
        self.clf = LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000).fit(X, y, sample_weight=w)
        return self
    def proba(self, texts):
        return self.clf.predict_proba(self._X(texts))[:, 1]

class Fused:
    def __init__(self, ms): self.ms = ms
    def proba(self, texts): return np.mean([m.proba(texts) for m in self.ms], axis=0)

OTHER = {"ASSAULT": "PROTEST", "PROTEST": "ASSAULT"}
import csv
from gsr_data import GSR, FILES, is_dev, doc_of
def load_all(etype):
    with open(GSR / FILES[etype], encoding="utf-8") as f:
        return [{"id": r["id"], "text": r["text"], "y": int(r["label"] == "yes"), "label": r["label"],
                 "dev": is_dev(r["id"]), "doc": doc_of(r["id"])} for r in csv.DictReader(f)]
from rasd.events.lexicon import find_triggers
def has_trig(t, et): return any(h.entry.type == et for h in find_triggers(norm(t).split()))
def run(etype, feats, C, emb_w=1.0, joint=0.0, dn_w=1.0, amb_w=0.0, fuse=None, lexonly=False):
    allr = load_all(etype)
    rows = [r for r in allr if r["label"] != "ambiguous"]
    if lexonly:
        allpos = {"tr": sum(r["y"] for r in rows if not r["dev"]), "dv": sum(r["y"] for r in rows if r["dev"])}
        rows = [r for r in rows if has_trig(r["text"], etype)]
    amb = [r for r in allr if r["label"] == "ambiguous" and not r["dev"]]
    tr = [r for r in rows if not r["dev"]]; dv = [r for r in rows if r["dev"]]
    X = [r["text"] for r in tr]; y = np.array([r["y"] for r in tr]); g = [r["doc"] for r in tr]
    ox = []
    if joint:
        ox = [r["text"] for r in load(OTHER[etype]) if not r["dev"]]
    lab = [r["label"] for r in tr]
    base_w = np.array([dn_w if l == "difficult no" else 1.0 for l in lab])
    def fit(idx):
        tr_docs = {g[i] for i in idx}
        ax = [r["text"] for r in amb if r["doc"] in tr_docs] if amb_w else []
        texts = [X[i] for i in idx] + ox + ax
        yy = np.concatenate([y[idx], np.zeros(len(ox), int), np.ones(len(ax), int)])
        w = np.concatenate([base_w[idx], np.full(len(ox), joint), np.full(len(ax), amb_w)])
        if fuse:
            return Fused([Model(f, c, emb_w).fit(texts, yy, w) for f, c in fuse])
        return Model(feats, C, emb_w).fit(texts, yy, w)
    oof = np.zeros(len(tr))
    for a, b in GroupKFold(5).split(X, y, g):
        oof[b] = fit(a).proba([X[i] for i in b])
    t, cv = best_threshold(y, oof)
    if lexonly:  # rows without a trigger are predicted negative: their positives are misses
        pred = oof >= t; tp = int((pred & (y == 1)).sum()); fp = int((pred & (y == 0)).sum())
        cv = 2 * tp / (2 * tp + fp + allpos["tr"] - tp)
    m = fit(np.arange(len(tr)))
    yd = np.array([r["y"] for r in dv]); pd = m.proba([r["text"] for r in dv])
    if lexonly:
        pred = pd >= t; tp = int((pred & (yd == 1)).sum()); fp = int((pred & (yd == 0)).sum())
        return {"type": etype, "lexonly": True, "C": C, "feats": feats, "cv_f1": round(cv, 3), "dev_f1": round(2 * tp / (2 * tp + fp + allpos["dv"] - tp), 3), "rows": len(tr), "pos": int(y.sum())}
    return {"type": etype, "feats": feats, "C": C, "emb_w": emb_w, "joint": joint, "cv_f1": round(cv, 3),
            "thr": round(t, 2), "dev_f1": round(f1(yd, pd >= t), 3), "dev_f1_at_best": round(best_threshold(yd, pd)[1], 3)}

if __name__ == "__main__":
    grid = json.loads(sys.argv[1])
    for cfg in grid:
        print(json.dumps(run(**cfg)), flush=True)
