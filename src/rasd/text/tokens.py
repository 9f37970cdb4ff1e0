"""Tokenization with character offsets, and clitic-aware stems for matching.

Arabic glues conjunctions, prepositions and the article onto the next word
(وقسد، لقوات، بالرقة، للتنظيم). :func:`stems` lists the ways a word can be read
with those clitics removed, so lexicon look-ups can match "قسد" inside "وقسد".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .normalize import normalize

# A word is a run of letters, digits and combining marks; everything else but space is
# a one-character token. "بـ" keeps its tatweel so "بـ«الشرق»" stays readable.
_TOKEN = re.compile(r"[\w\u0640\u064B-\u065F\u0670]+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    """One token; ``norm`` is its normalized spelling when the text layer filled it."""

    start: int
    end: int
    text: str
    norm: str = ""

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "\u0640"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


@lru_cache(maxsize=200_000)
def word_norm(word: str) -> str:
    """The normalized spelling of one token (cached: news repeats its words)."""
    return normalize(word).text


def normalized(tokens: list[Token]) -> list[Token]:
    """The same tokens with ``norm`` filled."""
    return [Token(t.start, t.end, t.text, word_norm(t.text)) for t in tokens]


# The one proclitic table: sequences in normalized spelling, longest first (a sequence always
# precedes the shorter ones it starts with). "لل" is ل + ال with the alef elided
# (للتنظيم = ل + التنظيم).
PROCLITICS = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل",
              "ال", "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_PREFIXES = PROCLITICS


def proclitics(*members: str) -> tuple[str, ...]:
    """The named sequences of :data:`PROCLITICS`, in its longest-first order.

    Each matcher strips its own subset (a date keeps ال, a name list strips only the
    article); taking them from the one table keeps spelling and order consistent."""
    unknown = set(members) - set(PROCLITICS)
    if unknown:
        raise ValueError(f"not proclitics of rasd.text: {sorted(unknown)}")
    return tuple(p for p in PROCLITICS if p in members)


@lru_cache(maxsize=200_000)
def stems(word: str, min_len: int = 2) -> tuple[tuple[int, str], ...]:
    """Readings of a normalized word as (prefix length, stem), the whole word first.

    Every reading keeps at least ``min_len`` letters of stem; the article ال stays
    attached in a second reading so that both "الرقة" and "رقة" can be looked up.
    Cached: every matcher (KB, gazetteer, lexicons, NER features) asks for the same words.
    """
    out = [(0, word)]
    seen = {word}
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= min_len:
            rest = word[len(p):]
            if p.endswith("لل"):
                # للتنظيم → التنظيم (restore the elided alef) and تنظيم
                for cand, plen in (("ال" + rest, len(p) - 1), (rest, len(p))):
                    if cand not in seen:
                        seen.add(cand)
                        out.append((plen, cand))
                continue
            if rest not in seen:
                seen.add(rest)
                out.append((len(p), rest))
            if p.endswith("ال") and len(p) > 2 and "ال" + rest not in seen:
                seen.add("ال" + rest)
                out.append((len(p) - 2, "ال" + rest))
    return tuple(out)


def strip_article(word: str) -> str:
    """The normalized word without a leading ال (for article-insensitive keys)."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def normalized_tokens(text: str) -> list[tuple[Token, str]]:
    """Word tokens of ``text`` paired with their normalized spelling."""
    return [(t, normalize(t.text).text) for t in tokenize(text) if t.is_word]
