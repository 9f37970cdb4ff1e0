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


def normalize(text: str, *, lower: bool = True) -> Normalized:
    """Fold ``text`` for matching and keep the offset map back to it."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = fold_char(ch)
        if lower and folded.isascii():
            folded = folded.lower()
        for c in folded:
            out.append(c)
            origin.append(i)
    origin.append(len(text))
    return Normalized("".join(out), tuple(origin), text)


def norm(text: str) -> str:
    """Just the folded text (for keys of lexicons and gazetteers)."""
    return normalize(text).text
