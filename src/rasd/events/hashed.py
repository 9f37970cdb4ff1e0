"""The ``fast`` profile's ASSAULT/PROTEST classifier: hashed n-grams and a linear model.

The ``accurate`` profile confirms triggers with multilingual-e5 embeddings (rasd.events.vectors,
four encoder passes a sentence, about 0.2 s on two cores). This model reads the same sentence
as character 2–5-grams inside each normalized word and word uni- and bigrams, plus the same
n-grams of the trigger window (rasd.events.vectors.trigger_window) in their own namespace;
features are hashed into ``2**bits`` columns (crc32, stable across processes and machines),
weighted by sublinear tf × idf and L2-normalized, then scored by one logistic regression per
type. Training (``training/events/train_fast.py``) writes idf, weights and thresholds into
one ``.npz``; applying it needs numpy alone and costs well under a millisecond a sentence.
"""
from __future__ import annotations

import math
import re
import zlib
from functools import lru_cache

import numpy as np

from ..text import norm

_WORD = re.compile(r"[^\W\d_]+|\d+")
MAX_CHARS = 1500  # as the e5 model: a longer "sentence" is a run-on paragraph, its head carries the event


@lru_cache(maxsize=200_000)
def _word_grams(word: str, bits: int, space: str) -> tuple[int, ...]:
    """Hashed char 2–5-grams of `` word `` (word-bounded, as scikit-learn's char_wb) and the word."""
    w = f" {word} "
    grams = [w[i:i + n] for n in (2, 3, 4, 5) for i in range(len(w) - n + 1)]
    grams.append("w:" + word)
    mask = (1 << bits) - 1
    return tuple(zlib.crc32((space + g).encode("utf-8")) & mask for g in grams)


def _counts(text: str, bits: int, space: str, out: dict[int, int]) -> None:
    words = _WORD.findall(norm(text[:MAX_CHARS]))
    mask = (1 << bits) - 1
    for w in words:
        for h in _word_grams(w, bits, space):
            out[h] = out.get(h, 0) + 1
    for a, b in zip(words, words[1:]):
        h = zlib.crc32(f"{space}b:{a} {b}".encode("utf-8")) & mask
        out[h] = out.get(h, 0) + 1


def counts(sentence: str, bits: int = 18, window: bool = True) -> dict[int, int]:
    """Hashed n-gram counts of ``sentence`` (and of its trigger window when ``window``)."""
    out: dict[int, int] = {}
    _counts(sentence, bits, "", out)
    if window:
        from .vectors import trigger_window

        _counts(trigger_window(sentence), bits, "W", out)
    return out


def weighted(c: dict[int, int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(column indices, values): sublinear tf × idf, L2-normalized."""
    if not c:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    idx = np.fromiter(c.keys(), dtype=np.int64, count=len(c))
    tf = np.fromiter((1.0 + math.log(v) for v in c.values()), dtype=np.float32, count=len(c))
    val = tf * idf[idx]
    n = float(np.sqrt(val @ val))
    return idx, (val / n if n else val)


class HashedModels:
    """One logistic regression per type over hashed n-gram features (a :data:`Scorer`)."""

    def __init__(self, arrays) -> None:
        self.bits = int(arrays["bits"])
        self.window = bool(arrays["window"])
        self.idf = np.asarray(arrays["idf"], dtype=np.float32)
        self.types = [str(t) for t in arrays["types"]]
        self.coef = {t: np.asarray(arrays[f"{t}_coef"], dtype=np.float32) for t in self.types}
        self.intercept = {t: float(arrays[f"{t}_intercept"]) for t in self.types}
        self.threshold = {t: float(arrays[f"{t}_threshold"]) for t in self.types}

    def scores(self, sentences: list[str]):
        if not sentences:
            return None
        feats = [weighted(counts(s, self.bits, self.window), self.idf) for s in sentences]
        out = {}
        for t in self.types:
            d = [float(self.coef[t][i] @ v) + self.intercept[t] for i, v in feats]
            out[t] = (self.threshold[t], [1.0 / (1.0 + math.exp(-x)) for x in d])
        return out
