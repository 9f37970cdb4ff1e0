"""Pipeline gate variants for an occurred ASSAULT/PROTEST (rasd.events.gate), scored
through the events stage with out-of-fold classifier probabilities inside train ("cv") and with
the stored model on dev. Run from the repo root after embed_cache.py:

    .venv/bin/python training/events/gsr_gate.py src/rasd/data/events/gsr_classifier.joblib
"""
import sys, json
import numpy as np
sys.path.insert(0, "training/events"); sys.path.insert(0, "benchmarks")
import joblib
from sklearn.model_selection import GroupKFold
from gsr_data import load, extra_positives
from embed_cache import load_cache, key, path_of
from rasd.events import embed as e5
import train_gsr
from rasd.events import extract_events
from rasd.model import Article
from gsr_eval import prf

for kind in ("query", "passage", "wquery", "wpassage"):
    cache = load_cache(path_of(kind))
    for et in ("ASSAULT", "PROTEST"):
        texts = [r["text"] for r in load(et)]
        if kind.startswith("w"):
            texts = [e5.trigger_window(t) for t in texts]
        have = [t for t in texts if key(t) in cache]
        e5.prefill(have, [cache[key(t)] for t in have], kind.removeprefix("w"))
model = joblib.load(sys.argv[1])
variants = {
    "toll@0.5": lambda thr, p, killed, entry: p >= thr or (killed and entry.type == "ASSAULT" and p >= thr * 0.5),
    "toll+thr": lambda thr, p, killed, entry: p >= thr or (killed and entry.type == "ASSAULT"),
    "thr": lambda thr, p, killed, entry: p >= thr,
    "toll+thr+relax": lambda thr, p, killed, entry: p >= thr or (killed and entry.type == "ASSAULT") or (entry.mode not in (None, "beat") and p >= thr / 2),
    "toll+thr*0.8": lambda thr, p, killed, entry: p >= thr * 0.8 or (killed and entry.type == "ASSAULT"),
}


class VariantGate:
    """A gate (rasd.events.gate.Gate) that applies one of the variants above."""

    def __init__(self, name):
        self.name = name

    def keep(self, etype, threshold, p, killed, entry, armed):
        return bool(variants[self.name](threshold, p, killed, entry))


def fixed_scorer(etype, thr, p):
    """A scorer (rasd.events.classifier.Scorer) that gives every sentence the precomputed ``p``."""
    return lambda sents: {etype: (thr, [p] * len(sents))}


out = {}
for et in ("ASSAULT", "PROTEST"):
    info = model["info"][et]
    rows = load(et)
    tr = [r for r in rows if not r["dev"]]; dv = [r for r in rows if r["dev"]]
    X = [r["text"] for r in tr]; y = np.array([r["y"] for r in tr]); g = [r["doc"] for r in tr]
    oof = np.zeros(len(tr))
    for a, b in GroupKFold(5).split(X, y, g):
        frac = np.array([tr[i]["frac"] for i in a])
        pipe = train_gsr.fit(info["C"], info["e5"], [X[i] for i in a], y[a], frac, [], info.get("soft", False),
                             info.get("tfidf", True), info.get("blocks") or ("query",))
        oof[b] = pipe.predict_proba([X[i] for i in b])[:, 1]
    thr = info["threshold"]
    pipe, _ = model["models"][et]
    pdv = pipe.predict_proba([r["text"] for r in dv])[:, 1]
    for v in variants:
        gate = VariantGate(v)
        res = {}
        for name, rs, ps in (("cv", tr, oof), ("dev", dv, pdv)):
            pred = []
            for r, p in zip(rs, ps):
                evs = extract_events(Article.create(r["text"]), scorer=fixed_scorer(et, thr, p), gate=gate)
                pred.append(any(e.type == et and e.status == "occurred" for e in evs))
            res[name] = prf([r["y"] for r in rs], pred)
        print(et, v, "cv", res["cv"]["f1"], "dev", res["dev"]["f1"], res["dev"], flush=True)
