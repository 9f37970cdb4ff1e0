"""The `fast` NER profile: a CRF (python-crfsuite) over rasd.ner.features."""
from __future__ import annotations

import json
from pathlib import Path

import pycrfsuite

from .features import DATA, Extractor

MODEL = DATA / "model.crfsuite"
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
        self.extractor = Extractor(info.get("groups") or sorted(Extractor().groups),
                                   window=info.get("window", 2))
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model))

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags, one list per sentence; an empty sentence gives an empty list."""
        out = []
        for toks in sentences:
            out.append(list(self._tagger.tag(self.extractor.sentence(list(toks)))) if toks else [])
        return out
