"""scikit-learn wrappers over the e5 sentence vectors (:mod:`rasd.events.vectors`), for training
and for the pickled models it produced; the pipeline itself never imports this module.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from ..text import norm
from .vectors import _CACHE, DIM, WIDTH, embed, prefill, trigger_window  # noqa: F401  (training imports them here)


class E5Features(BaseEstimator, TransformerMixin):
    """Raw sentences -> their e5 embeddings (dense, 384 columns per block).

    blocks: ("query",) by default; "passage" adds the "passage: " embedding, "wquery" /
    "wpassage" those of the trigger window, "prod" the element-wise product of the sentence's
    and the window's query embeddings."""

    def __init__(self, blocks: tuple[str, ...] = ("query",)):
        self.blocks = blocks

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        X = list(X)
        blocks = getattr(self, "blocks", ("query",))  # models pickled before blocks existed
        wins = [trigger_window(s) for s in X] if any(b in ("wquery", "wpassage", "prod") for b in blocks) else []
        got: dict[str, np.ndarray] = {}

        def block(b: str) -> np.ndarray:
            if b not in got:
                if b == "prod":
                    got[b] = block("query") * block("wquery")
                else:
                    kind = b.removeprefix("w")
                    got[b] = embed(wins if b.startswith("w") else X, kind)
            return got[b]

        return np.hstack([block(b) for b in blocks])


class Normalize(BaseEstimator, TransformerMixin):
    """Raw sentences -> rasd.text.norm (the TF-IDF branch reads folded text, e5 the raw text)."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return [norm(s) for s in X]
