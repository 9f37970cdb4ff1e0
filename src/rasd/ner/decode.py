"""CRF tagging without python-crfsuite at run time: the model's weights in numpy, per-token
score rows cached, Viterbi over a batch of sentences.

python-crfsuite scores every feature string of every token of every sentence through its
attribute dictionary, although nearly all of a token's features depend on the token alone
(rasd.ner.features). Here a token's own features, and the features it lends each neighbour,
are summed once into rows of label scores; a sentence then costs a few array gathers plus
its sentence-level features (edges, multi-token names, bigrams), and one batched Viterbi.
The decoding is the same first-order linear-chain Viterbi as crfsuite's (no start or end
transitions; the first of equal scores wins), so the tags are crfsuite's
(tests/test_ner_decode.py and ``benchmarks/ner_decode_check.py`` compare the two).

Weights are read from the crfsuite model file itself (the ``lCRF``/``FOMC`` format: a CQDB
of labels, one of attributes, and a FEAT chunk of (type, source, target, weight) records),
so the trained file stays the single source.
"""
from __future__ import annotations

import struct
from itertools import repeat
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


def _cqdb_strings(buf: bytes, off: int, count: int) -> list[str]:
    """Strings ``0..count-1`` of the CQDB at ``off`` (its backward array maps id → record:
    a uint32 id, a uint32 size counting the final NUL, the UTF-8 bytes)."""
    chunk, _size, _flag, _order, _bwd_size, bwd_off = struct.unpack_from("<4sIIIII", buf, off)
    if chunk != b"CQDB":
        raise ValueError(f"not a crfsuite model: no string table at byte {off}")
    raw = np.frombuffer(buf, dtype=np.uint8)
    recs = off + np.frombuffer(buf, dtype="<u4", count=count, offset=off + bwd_off).astype(np.int64)

    def u32(at: np.ndarray) -> np.ndarray:
        """Little-endian uint32 at each (unaligned) byte offset."""
        return sum(raw[at + k].astype(np.int64) << (8 * k) for k in range(4))

    if count and not np.array_equal(u32(recs), np.arange(count)):
        raise ValueError(f"corrupt crfsuite string table at byte {off}")
    sizes = u32(recs + 4)
    return [buf[r:r + n].decode("utf-8") for r, n in zip((recs + 8).tolist(), (sizes - 1).tolist())]


@dataclass(frozen=True)
class CrfModel:
    """A linear-chain CRF: label names, attribute → row, state scores and transitions."""

    labels: tuple[str, ...]
    attrs: dict[str, int]
    state: np.ndarray        # (attributes, labels)
    transitions: np.ndarray  # (from label, to label)

    @classmethod
    def load(cls, path: str | Path) -> "CrfModel":
        """The weights of a python-crfsuite (CRFsuite 1st-order) model file."""
        buf = Path(path).read_bytes()
        magic, _size, kind, _ver, _nf, n_labels, n_attrs, off_feat, off_labels, off_attrs = \
            struct.unpack_from("<4sI4sIIIIIII", buf, 0)
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError(f"{path} is not a first-order crfsuite model")
        labels = _cqdb_strings(buf, off_labels, n_labels)
        attrs = _cqdb_strings(buf, off_attrs, n_attrs)
        chunk, _csize, n_feat = struct.unpack_from("<4sII", buf, off_feat)
        if chunk != b"FEAT":
            raise ValueError(f"{path}: no feature chunk")
        feats = np.frombuffer(buf, dtype=_FEATURE, count=n_feat, offset=off_feat + 12)
        state = np.zeros((n_attrs, n_labels))
        trans = np.zeros((n_labels, n_labels))
        s, t = feats[feats["type"] == _STATE], feats[feats["type"] == _TRANSITION]
        np.add.at(state, (s["src"], s["dst"]), s["weight"])
        np.add.at(trans, (t["src"], t["dst"]), t["weight"])
        return cls(tuple(labels), {a: i for i, a in enumerate(attrs)}, state, trans)

    def indexes(self, features: Sequence[str]) -> list[int]:
        """Rows of the features the model knows (unknown ones score nothing, as in crfsuite)."""
        get = self.attrs.get
        return [i for i in map(get, features) if i is not None]

    def score(self, features: Sequence[str]) -> np.ndarray:
        """Summed label scores of a bag of features (repeats count each time)."""
        idx = self.indexes(features)
        return self.state[idx].sum(axis=0) if idx else np.zeros(len(self.labels))


class Stack:
    """Several CRFs over one feature space: their label scores side by side, so a feature
    string is looked up once for all of them (the two passes share nearly all features)."""

    def __init__(self, models: Sequence[CrfModel]) -> None:
        self.models = tuple(models)
        self.attrs: dict[str, int] = {}
        for m in self.models:
            for a in m.attrs:
                self.attrs.setdefault(a, len(self.attrs))
        widths = [len(m.labels) for m in self.models]
        self.state = np.zeros((len(self.attrs), sum(widths)))
        self.columns: list[slice] = []
        start = 0
        for m, w in zip(self.models, widths):
            rows = np.fromiter((self.attrs[a] for a in m.attrs), dtype=np.intp, count=len(m.attrs))
            self.state[rows, start:start + w] = m.state[np.fromiter(m.attrs.values(), dtype=np.intp,
                                                                   count=len(m.attrs))]
            self.columns.append(slice(start, start + w))
            start += w


class RowTable:
    """Growing per-token rows of a :class:`Stack`: a token's own scores and what it lends
    each neighbour offset."""

    def __init__(self, stack: Stack, offsets: Sequence[int], capacity: int = 4096) -> None:
        self.stack, self.offsets = stack, tuple(offsets)
        # Slot 0 of every row block: own features; slot 1 + k: lent at offsets[k].
        self.rows = np.zeros((1 + len(self.offsets), capacity, stack.state.shape[1]))
        self.size = 0

    def add(self, tokens: Sequence[tuple[list[str], dict[int, list[str]]]]) -> None:
        """Append the rows of new tokens, given as (own features, features lent per offset)."""
        need = self.size + len(tokens)
        slots_n, cap, width = self.rows.shape
        if need > cap:
            cap = max(need, 2 * cap)
            grown = np.zeros((slots_n, cap, width))
            grown[:, :self.size] = self.rows[:, :self.size]
            self.rows = grown
        flat: list[str] = []
        counts: list[int] = []
        for own, lent in tokens:
            for feats in [own] + [lent[o] for o in self.offsets]:
                flat.extend(feats)
                counts.append(len(feats))
        # Row r's slot k sits at k * cap + r of the flattened table.
        r = np.arange(self.size, need)
        targets = (np.arange(slots_n)[None, :] * cap + r[:, None]).ravel()
        add_runs(self.rows.reshape(-1, width), self.stack, targets, counts, flat)
        self.size = need

    def emissions(self, rows: np.ndarray, sid: np.ndarray) -> np.ndarray:
        """Label scores of concatenated sentences (``sid``: each token's sentence number) from
        the tokens' own rows and their neighbours' lent rows; sentence edges lend nothing."""
        e = self.rows[0][rows]
        for k, o in enumerate(self.offsets, start=1):
            if abs(o) >= len(rows):
                continue
            if o > 0:
                same = (sid[:-o] == sid[o:])[:, None]
                e[:-o] += self.rows[k][rows[o:]] * same
            else:
                same = (sid[-o:] == sid[:o])[:, None]
                e[-o:] += self.rows[k][rows[:o]] * same
        return e


def add_runs(e: np.ndarray, stack: Stack, targets: np.ndarray, counts: Sequence[int],
              features: list[str]) -> None:
    """``e[targets[k]] +=`` the summed scores of the k-th run of ``counts[k]`` features.

    ``targets`` are distinct rows of ``e``; features the stack does not know add nothing."""
    ids = np.fromiter(map(stack.attrs.get, features, repeat(-1)), dtype=np.intp, count=len(features))
    known = ids >= 0
    if not known.any():
        return
    seg = np.repeat(np.arange(len(counts)), counts)[known]
    # Runs are contiguous, so each run's sum is one reduceat segment of the known features.
    firsts = np.flatnonzero(np.r_[True, seg[1:] != seg[:-1]])
    e[targets[seg[firsts]]] += np.add.reduceat(stack.state[ids[known]], firsts, axis=0)


def add_features(e: np.ndarray, stack: Stack, features: Sequence[Sequence[str]]) -> None:
    """Add to ``e`` (tokens × stacked labels) the scores of each token's extra feature strings."""
    flat = [f for feats in features for f in feats]
    if flat:
        add_runs(e, stack, np.arange(len(features)), [len(f) for f in features], flat)


def viterbi(emissions: np.ndarray, lengths: Sequence[int], transitions: np.ndarray) -> list[list[int]]:
    """Best label path of each sentence; ``emissions`` holds the sentences concatenated.

    Sentences are decoded together, longest first, so that each step is one array operation
    over the sentences still running."""
    n_labels = transitions.shape[0]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(int)
    order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: -lengths[i])
    out: list[list[int]] = [[] for _ in lengths]
    if not order:
        return out
    longest = lengths[order[0]]
    pad = np.zeros((len(order), longest, n_labels))
    for b, i in enumerate(order):
        pad[b, :lengths[i]] = emissions[starts[i]:starts[i] + lengths[i]]
    active = np.array([lengths[i] for i in order])
    delta = pad[:, 0].copy()
    back = np.zeros((len(order), longest, n_labels), dtype=np.intp)
    for t in range(1, longest):
        k = int((active > t).sum())  # sentences longer than t: a prefix, by the order
        cand = delta[:k, :, None] + transitions[None]
        back[:k, t] = cand.argmax(axis=1)
        delta[:k] = cand.max(axis=1) + pad[:k, t]
    for b, i in enumerate(order):
        n = lengths[i]
        y = int(delta[b].argmax())
        path = [y]
        for t in range(n - 1, 0, -1):
            y = int(back[b, t, y])
            path.append(y)
        out[i] = path[::-1]
    return out
