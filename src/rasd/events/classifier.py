"""The sentence classifier for ASSAULT and PROTEST (trained by training/events/train_gsr.py).

It confirms lexicon triggers: "هجوم" in a football report or "احتجاج" in a diplomatic
note is dropped when the classifier scores the sentence below its threshold. The model is
char n-gram TF-IDF + logistic regression over normalized text, stored with joblib under
data/events/; without it every trigger is kept.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Optional

from ..text import norm

MODEL_FILE = "gsr_classifier.joblib"


@lru_cache(maxsize=1)
def load_model() -> Optional[dict]:
    """{"ASSAULT": (pipeline, threshold), "PROTEST": ...} or None when not installed."""
    path = resources.files("rasd.data.events").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    import joblib

    with resources.as_file(path) as p:
        return joblib.load(p)


def sentence_scores(sentences: list[str]) -> Optional[dict[str, list[bool]]]:
    """For each type the model covers, whether each sentence passes its threshold."""
    model = load_model()
    if model is None or not sentences:
        return None
    texts = [norm(s) for s in sentences]
    out = {}
    for etype, (pipe, threshold) in model["models"].items():
        probs = pipe.predict_proba(texts)[:, 1]
        out[etype] = [bool(p >= threshold) for p in probs]
    return out


def probabilities(sentences: list[str]) -> dict[str, list[float]]:
    """Raw probabilities per type (for evaluation)."""
    model = load_model()
    texts = [norm(s) for s in sentences]
    return {t: list(pipe.predict_proba(texts)[:, 1]) for t, (pipe, _) in model["models"].items()}
