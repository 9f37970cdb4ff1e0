"""Arabic normalization for matching, with a map back to offsets in the original text.

Matching needs one spelling for many: diacritics and tatweel dropped, alef/hamza
forms folded to ا, ى to ي, ة to ه, Arabic-Indic and Persian digits to ASCII, every
quote mark to ``"`` and every dash to ``-``, zero-width and bidi controls removed,
presentation-form ligatures expanded. Records must still point at the original
characters, so :func:`normalize` returns the folded text together with, for each of
its characters, the index of the original character it came from.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Harakat, Quranic marks and the dagger alef carry no letter identity for matching.
_DROP = set(range(0x064B, 0x0660)) | {0x0670, 0x0640} | set(range(0x06D6, 0x06EE))
# Zero-width and bidi controls: invisible, but they break string equality.
_DROP |= set(range(0x200B, 0x2010)) | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
_MARKS = set(range(0x064B, 0x0660)) | {0x0670, 0x0640} | set(range(0x06D6, 0x06EE))
_DROP |= {0xFEFF, 0x061C, 0x00AD}

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي", "ؤ": "و", "ة": "ه", "ک": "ك", "ڪ": "ك",
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"', "‹": '"', "›": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'",
    "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-", "‐": "-", "‑": "-", "ـ": "",
    "٫": ".", "٬": ",", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)
    _FOLD[chr(0x06F0 + _i)] = str(_i)


def _fold_char(ch: str) -> str:
    """The folded form of one character ('' when it is dropped)."""
    cp = ord(ch)
    if cp in _DROP:
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFC:
        # Presentation forms (lam-alef ligatures and the like): expand, then fold each part.
        # NFKC leaves some of them (the ornate parentheses ﴾ ﴿) as they are: stop there.
        expanded = unicodedata.normalize("NFKC", ch)
        if expanded == ch:
            return ch
        return "".join(_fold_char(c) for c in expanded)
    return ch


_CACHE: dict[str, str] = {}


def fold_char(ch: str) -> str:
    """Cached :func:`_fold_char`."""
    out = _CACHE.get(ch)
    if out is None:
        out = _CACHE[ch] = _fold_char(ch)
    return out


@dataclass(frozen=True)
class Normalized:
    """Folded text plus ``origin[i]``: the original index of folded character ``i``.

    ``origin`` has one extra final entry, the original length, so an empty span at the
    end maps too.
    """

    text: str
    origin: tuple[int, ...]
    source: str = ""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span [start, end) to the original span that covers it.

        Diacritics and tatweel right after the last letter belong to it, so the
        original span takes them in (a word's final damma is part of the word).
        """
        if end <= start:
            o = self.origin[start]
            return o, o
        o_end = self.origin[end - 1] + 1
        limit = self.origin[end] if end < len(self.text) else len(self.source)
        while o_end < limit and ord(self.source[o_end]) in _MARKS:
            o_end += 1
        return self.origin[start], o_end


class _Table:
    """``str.translate`` table of the folding, learnt a character at a time as texts arrive.

    Normalizing is the hottest loop of the pipeline (every stage folds text), so the folded
    text comes from one ``translate`` call and the offset map from runs of characters that
    fold to exactly one character; only the others (dropped marks, expanded ligatures) are
    visited one by one, found by a regular expression over the ones seen so far.
    """

    def __init__(self, lower: bool) -> None:
        self.lower = lower
        self.map: dict[int, str] = {}
        self.seen: set[str] = set()
        self.irregular: set[str] = set()
        self.pattern = None

    def learn(self, chars: set[str]) -> None:
        import re

        for ch in chars:
            folded = fold_char(ch)
            if self.lower and folded.isascii():
                folded = folded.lower()
            if folded != ch:
                self.map[ord(ch)] = folded
            if len(folded) != 1:
                self.irregular.add(ch)
        self.seen |= chars
        if self.irregular:
            self.pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(self.irregular)) + "]")


_TABLES = {True: _Table(True), False: _Table(False)}


def normalize(text: str, *, lower: bool = True) -> Normalized:
    """Fold ``text`` for matching and keep the offset map back to it."""
    # Stages fold the same article text and the same words again and again: a Normalized is
    # immutable, so short strings come from a large cache and whole texts from a small one.
    return _short(text, lower) if len(text) <= 64 else _long(text, lower)


def _normalize(text: str, lower: bool) -> Normalized:
    table = _TABLES[lower]
    chars = set(text)
    if not chars <= table.seen:
        table.learn(chars - table.seen)
    folded = text.translate(table.map)
    if table.pattern is None or chars.isdisjoint(table.irregular):
        return Normalized(folded, tuple(range(len(text) + 1)), text)
    origin: list[int] = []
    prev = 0
    for m in table.pattern.finditer(text):
        i = m.start()
        origin.extend(range(prev, i))
        origin.extend([i] * len(table.map[ord(text[i])]))
        prev = i + 1
    origin.extend(range(prev, len(text) + 1))
    return Normalized(folded, tuple(origin), text)


_short = lru_cache(maxsize=1 << 16)(_normalize)
_long = lru_cache(maxsize=16)(_normalize)


def norm(text: str) -> str:
    """Just the folded text (for keys of lexicons and gazetteers)."""
    return normalize(text).text
