"""The `fast` NER profile: a CRF (python-crfsuite) over rasd.ner.features."""
from __future__ import annotations

import json
from pathlib import Path

import pycrfsuite

from .features import DATA, Extractor, Lexicon, memory_features

MODEL = DATA / "model.crfsuite"
# Sentences per memory window of the second pass (training uses the same windows).
MEMORY_WINDOW = 64
META = DATA / "model.json"


class CrfTagger:
    """Tags tokenized sentences with B-/I- PERS, LOC, ORG, MISC or O."""

    def __init__(self, model: str | Path = MODEL, meta: str | Path | None = None) -> None:
        model = Path(model)
        meta_path = Path(meta) if meta else model.with_suffix(".json")
        if not model.exists():
            raise FileNotFoundError(f"CRF model {model} is missing; rebuild it with "
                                    "`python training/ner/train_crf.py`")
        info = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        lex_path = model.with_suffix(".lex.tsv")
        self.extractor = Extractor(info.get("groups") or sorted(Extractor().groups),
                                   window=info.get("window", 2),
                                   lex=Lexicon.load(lex_path) if lex_path.exists() else None)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model))
        mem = model.with_suffix(".mem.crfsuite")
        self._memory = None
        if mem.exists():  # optional second pass (document memory)
            self._memory = pycrfsuite.Tagger()
            self._memory.open(str(mem))

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags, one list per sentence; an empty sentence gives an empty list."""
        out: list[list[str]] = []
        for w in range(0, len(sentences), MEMORY_WINDOW):
            chunk = [list(s) for s in sentences[w:w + MEMORY_WINDOW]]
            feats = [self.extractor.sentence(toks) for toks in chunk]
            first = [list(self._tagger.tag(f)) if f else [] for f in feats]
            if self._memory is None:
                out.extend(first)
                continue
            mem = memory_features(self.extractor, chunk, first)
            out.extend(list(self._memory.tag([a + b for a, b in zip(f, m)])) if f else []
                       for f, m in zip(feats, mem))
        return out
