"""Arabic named-entity tagging with two profiles.

``fast`` (default): a CRF with gazetteer features, shipped in the package (rasd.ner.crf).
``accurate``: a transformer tagger (rasd.ner.transformer), needs the `accurate` extra.
Both tag tokenized sentences with BIO tags over PERS, LOC, ORG, MISC (the ANERcorp scheme).
"""
from __future__ import annotations

import importlib
import importlib.util
from typing import Iterable, Iterator, Protocol

from .conll import read_conll, tokens_and_tags, train_dev_split
from .metrics import entities, evaluate

__all__ = ["Tagger", "load_tagger", "tag_conll", "tokens_and_tags", "evaluate", "entities",
           "read_conll", "train_dev_split", "PROFILES"]

PROFILES = ("fast", "accurate")
_TAGGERS: dict[str, "Tagger"] = {}


class Tagger(Protocol):
    def tag(self, sentences: list[list[str]]) -> list[list[str]]: ...


def load_tagger(profile: str = "fast", model: str | None = None) -> Tagger:
    """The tagger of one profile (``model``: another CRF model file), loaded once and cached."""
    key = f"{profile}:{model or ''}"
    if key in _TAGGERS:
        return _TAGGERS[key]
    if profile == "fast":
        from .crf import MODEL, CrfTagger
        tagger: Tagger = CrfTagger(model or MODEL)
    elif profile == "accurate":
        if importlib.util.find_spec("torch") is None:  # the extra, not our module, may be absent
            raise RuntimeError("the accurate NER profile needs torch: pip install 'rasd[accurate]'")
        from .transformer import load_tagger as load_transformer

        tagger = load_transformer()
    else:
        raise ValueError(f"unknown NER profile {profile!r}; profiles are {PROFILES}")
    _TAGGERS[key] = tagger
    return tagger


def tag_conll(lines: Iterable[str], profile: str = "fast", batch: int = 64) -> Iterator[str]:
    """`token PRED` lines for `token [TAG]` lines, keeping order and blank lines."""
    tagger = load_tagger(profile)
    pending: list[list[str]] = []  # sentences waiting to be tagged
    layout: list[int | None] = []  # per output item: a sentence index or None for a blank line
    cur: list[str] = []

    def flush() -> Iterator[str]:
        preds = tagger.tag(pending) if pending else []
        for item in layout:
            if item is None:
                yield ""
            else:
                yield from (f"{t} {p}" for t, p in zip(pending[item], preds[item]))
        pending.clear()
        layout.clear()

    for line in lines:
        parts = line.split()
        if parts:
            cur.append(parts[0])
            continue
        if cur:
            layout.append(len(pending))
            pending.append(cur)
            cur = []
        layout.append(None)
        if len(pending) >= batch:
            yield from flush()
    if cur:
        layout.append(len(pending))
        pending.append(cur)
    yield from flush()
