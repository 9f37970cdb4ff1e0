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

from .decode import CrfModel, RowTable, Stack, add_features, add_runs, viterbi
from .features import DATA, Extractor, Lexicon, memory_counts, memory_features, memory_of

MODEL = DATA / "model.crfsuite"
# Sentences per memory window of the second pass (training uses the same windows).
MEMORY_WINDOW = 64
META = DATA / "model.json"
ENGINES = ("numpy", "crfsuite")
# Distinct tokens whose score rows are kept before the tables start again: 60k rows of
# 5 slots x 18 labels in float64 are about 45 MB (RSS stays flat on long streams).
_MAX_ROWS = 60_000


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
            # The memory pass's "own / previous / next first-pass tag" features, per tag.
            first = self._stack.models[0].labels
            self._tag_rows = [self._rows_for([prefix + y for y in first]) for prefix in ("s1=", "-1s1=", "1s1=")]
            self._reset()

    def _rows_for(self, features: list[str]) -> np.ndarray:
        """One stacked score row per feature (zero for a feature no model knows)."""
        st = self._stack
        return np.array([st.state[st.attrs[f]] if f in st.attrs else np.zeros(st.state.shape[1])
                         for f in features])

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
        paths, tags = self._decode(0, e, lengths)
        if len(self._stack.models) == 1:
            return tags
        self._add_memory(e, sid, chunk, paths, tags)
        return self._decode(1, e, lengths)[1]

    def _add_memory(self, e: np.ndarray, sid: np.ndarray, chunk, paths, tags) -> None:
        """The memory pass's features (:func:`rasd.ner.features.memory_features`) as scores:
        the first-pass tags of the token and its neighbours, and what the window's other
        occurrences of its stem were tagged."""
        t = np.fromiter((y for p in paths for y in p), dtype=np.intp, count=len(e))
        own, prev, nxt = self._tag_rows
        same = (sid[1:] == sid[:-1])[:, None]
        e += own[t]
        e[1:] += prev[t[:-1]] * same
        e[:-1] += nxt[t[1:]] * same
        keys, counts = memory_counts(self.extractor, chunk, tags)
        done: dict[tuple[str, str], list[str]] = {}
        flat: list[str] = []
        runs: list[int] = []
        targets: list[int] = []
        pos = 0
        for ks, ts in zip(keys, tags):
            for k, tag in zip(ks, ts):
                if len(k) >= 3:
                    lab = tag[2:] if tag != "O" else "O"
                    m = done.get((k, lab))
                    if m is None:
                        m = done[(k, lab)] = memory_of(counts[k], lab)
                    if m:
                        flat.extend(m)
                        runs.append(len(m))
                        targets.append(pos)
                pos += 1
        if flat:
            add_runs(e, self._stack, np.array(targets), runs, flat)

    def _decode(self, m: int, e: np.ndarray, lengths: list[int]) -> tuple[list[list[int]], list[list[str]]]:
        """(label paths, tags) of one window under model ``m`` of the stack."""
        model = self._stack.models[m]
        labels = model.labels
        paths = viterbi(e[:, self._stack.columns[m]], lengths, model.transitions)
        return paths, [[labels[y] for y in path] for path in paths]
