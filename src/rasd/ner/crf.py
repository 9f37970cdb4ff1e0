"""The `fast` NER profile: a CRF trained with python-crfsuite over rasd.ner.features.

Two passes: a first CRF over the token features, then a second ("memory") CRF that also
sees what the first pass tagged the same word as elsewhere in a window of sentences.
Tagging runs in numpy (:mod:`rasd.ner.decode`): per-token score rows are cached, so a
sentence costs array gathers and one Viterbi; ``engine="crfsuite"`` tags through
python-crfsuite instead, with the same tags (the decode check compares them).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .decode import CrfModel, RowTable, Stack, add_features, viterbi
from .features import DATA, Extractor, Lexicon, memory_features

MODEL = DATA / "model.crfsuite"
# Sentences per memory window of the second pass (training uses the same windows).
MEMORY_WINDOW = 64
META = DATA / "model.json"
ENGINES = ("numpy", "crfsuite")
# Distinct tokens whose score rows are kept before the tables start again (bounded memory).
_MAX_ROWS = 300_000


class CrfTagger:
    """Tags tokenized sentences with B-/I- PERS, LOC, ORG, MISC or O."""

    def __init__(self, model: str | Path = MODEL, meta: str | Path | None = None,
                 engine: str = "numpy") -> None:
        model = Path(model)
        meta_path = Path(meta) if meta else model.with_suffix(".json")
        if not model.exists():
            raise FileNotFoundError(f"CRF model {model} is missing; rebuild it with "
                                    "`python training/ner/train_crf.py`")
        if engine not in ENGINES:
            raise ValueError(f"unknown CRF engine {engine!r}; engines are {ENGINES}")
        info = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        lex_path = model.with_suffix(".lex.tsv")
        self.extractor = Extractor(info.get("groups") or sorted(Extractor().groups),
                                   window=info.get("window", 2),
                                   lex=Lexicon.load(lex_path) if lex_path.exists() else None)
        self.engine = engine
        mem = model.with_suffix(".mem.crfsuite")  # optional second pass (document memory)
        self._files = [model] + ([mem] if mem.exists() else [])
        if engine == "crfsuite":
            import pycrfsuite

            self._taggers = []
            for f in self._files:
                t = pycrfsuite.Tagger()
                t.open(str(f))
                self._taggers.append(t)
        else:
            self._stack = Stack([CrfModel.load(f) for f in self._files])
            self._reset()

    def _reset(self) -> None:
        self._table = RowTable(self._stack, self.extractor.offsets)
        self._rows: dict[str, int] = {}

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags, one list per sentence; an empty sentence gives an empty list."""
        out: list[list[str]] = []
        for w in range(0, len(sentences), MEMORY_WINDOW):
            chunk = [list(s) for s in sentences[w:w + MEMORY_WINDOW]]
            out.extend(self._crfsuite(chunk) if self.engine == "crfsuite" else self._numpy(chunk))
        return out

    def _crfsuite(self, chunk: list[list[str]]) -> list[list[str]]:
        """One window through python-crfsuite."""
        feats = [self.extractor.sentence(toks) for toks in chunk]
        first = [list(self._taggers[0].tag(f)) if f else [] for f in feats]
        if len(self._taggers) == 1:
            return first
        mem = memory_features(self.extractor, chunk, first)
        return [list(self._taggers[1].tag([a + b for a, b in zip(f, m)])) if f else []
                for f, m in zip(feats, mem)]

    def _rows_of(self, chunk: list[list[str]]) -> np.ndarray:
        """Row numbers of the window's tokens, adding rows for tokens not seen before."""
        if len(self._rows) > _MAX_ROWS:
            self._reset()
        rows = self._rows
        new = [t for t in dict.fromkeys(t for s in chunk for t in s) if t not in rows]
        if new:
            infos = [self.extractor.token(t) for t in new]
            self._table.add([(own, lent) for own, _, lent in infos])
            base = len(rows)
            rows.update((t, base + i) for i, t in enumerate(new))
        return np.fromiter((rows[t] for s in chunk for t in s), dtype=np.intp,
                           count=sum(len(s) for s in chunk))

    def _numpy(self, chunk: list[list[str]]) -> list[list[str]]:
        """One window through the cached score rows and the batched Viterbi."""
        lengths = [len(s) for s in chunk]
        n = sum(lengths)
        if not n:
            return [[] for _ in chunk]
        rows = self._rows_of(chunk)
        sid = np.repeat(np.arange(len(chunk)), lengths)
        ext = self.extractor
        e = self._table.emissions(rows, sid)
        add_features(e, self._stack, [f for s in chunk for f in ext.extras([ext.token(t) for t in s])])
        tags = self._decode(0, e, lengths)
        if len(self._stack.models) == 1:
            return tags
        add_features(e, self._stack, [f for m in memory_features(ext, chunk, tags) for f in m])
        return self._decode(1, e, lengths)

    def _decode(self, m: int, e: np.ndarray, lengths: list[int]) -> list[list[str]]:
        """Tags of one window under model ``m`` of the stack."""
        model = self._stack.models[m]
        labels = model.labels
        paths = viterbi(e[:, self._stack.columns[m]], lengths, model.transitions)
        return [[labels[y] for y in path] for path in paths]
