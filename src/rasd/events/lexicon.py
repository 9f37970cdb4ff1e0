"""The trigger lexicon (data/events/triggers.tsv) and the ACLED table (data/events/acled.tsv).

Matching is clitic-aware: a word is looked up as written, with its proclitics removed
(rasd.text.stems), with a pronoun suffix removed, and as simplemma's lemma, so a form listed
once matches وقصفت، بالقصف، قصفها.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

import simplemma

from ..text import norm, stems

_SUFFIXES = ("هما", "هم", "ها", "كم", "نا", "ه")


@dataclass(frozen=True, slots=True)
class Entry:
    type: str
    mode: Optional[str]
    kind: Optional[str]
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger found in a sentence: token indexes [i, j) and the lexicon entry."""

    i: int
    j: int
    entry: Entry


def _rows(name: str):
    text = resources.files("rasd.data.events").joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield [c.strip() for c in line.split("\t")]


@lru_cache(maxsize=1)
def triggers() -> dict[str, list[Entry]]:
    """First word of each trigger -> entries starting with it (longest first)."""
    table: dict[str, list[Entry]] = {}
    for row in _rows("triggers.tsv"):
        form, typ, mode, kind = (row + ["-"] * 4)[:4]
        ws = tuple(norm(w) for w in form.split())
        e = Entry(typ, None if mode == "-" else mode, None if kind == "-" else kind, ws)
        table.setdefault(ws[0], []).append(e)
    for v in table.values():
        v.sort(key=lambda e: -len(e.words))
    return table


@lru_cache(maxsize=1)
def acled_rows() -> list[tuple[str, str, str, str, str]]:
    return [tuple(r[:5]) for r in _rows("acled.tsv")]  # type: ignore[misc]


# Words that are never triggers whatever their lemma: "وفقا لـ" is "according to" (simplemma
# reads it as the verb وافق, "agreed"), "طبقا" likewise.
_NEVER = {"وفقا", "ووفقا", "طبقا", "وطبقا", "وفق", "ووفق"}


@lru_cache(maxsize=65536)
def readings(word: str) -> frozenset[str]:
    """Lexicon keys a normalized word can stand for (clitics and suffixes off, lemma)."""
    out: set[str] = set()
    if not word or word in _NEVER:
        return frozenset()
    for _, st in stems(word):
        out.add(st)
        for suf in _SUFFIXES:
            if st.endswith(suf) and len(st) - len(suf) >= 3:
                base = st[: -len(suf)]
                if not base.endswith("ت"):  # سيطرته is سيطرة + ه, not the verb سيطرت
                    out.add(base)
    if len(word) >= 5 and word[0] == "س" and word[1] in "يتن":
        out |= readings(word[1:])  # the future prefix: سيقصف is يقصف (status says planned)
    lemma = norm(simplemma.lemmatize(word, lang="ar"))
    if lemma:
        out.add(lemma)
    return frozenset(out)


def find_triggers(words: list[str]) -> list[Hit]:
    """Trigger hits in a list of normalized words, phrases before single words."""
    table = triggers()
    hits: list[Hit] = []
    i = 0
    while i < len(words):
        best: Optional[Hit] = None
        for r in readings(words[i]):
            for e in table.get(r, ()):
                n = len(e.words)
                if n > 1:
                    if i + n > len(words):
                        continue
                    if not all(e.words[k] in readings(words[i + k]) or e.words[k] == words[i + k]
                               for k in range(1, n)):
                        continue
                if best is None or n > best.j - best.i:
                    best = Hit(i, i + n, e)
        if best is not None:
            hits.append(best)
            i = best.j
        else:
            i += 1
    return hits
