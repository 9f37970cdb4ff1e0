"""Find gazetteer names in Arabic text: normalized, clitic-aware, longest match first.

A mention is a run of words whose normalized spelling (first word read without its
proclitics: بالرقة → الرقة, وريف → ريف) is a gazetteer name. The word before it is kept
as the *kind word* (مدينة، قرية، حي، محافظة، ريف، العاصمة ...) when it is one, because it
decides between homonyms and the precision; a nisba adjective right after the name (سلا
المغربية) or between العاصمة and the name (العاصمة الأردنية عمّان) is kept as the country the
text puts the place in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..text import normalize, stems
from .gazetteer import Entry, Gazetteer

_WORD = re.compile(r"\w+")

# Kind words (normalized), plural forms included; value = the kind they announce.
KIND_WORDS = {
    "مدينه": "city", "مدينتي": "city", "مدن": "city", "بلده": "town", "بلدتي": "town", "بلدات": "town",
    "قريه": "village", "قريتي": "village", "قري": "village", "حي": "neighbourhood", "حيي": "neighbourhood",
    "احياء": "neighbourhood", "ضاحيه": "neighbourhood", "محافظه": "admin1", "محافظتي": "admin1",
    "محافظات": "admin1", "ولايه": "admin1", "ولايات": "admin1", "ريف": "countryside",
    "ارياف": "countryside", "باديه": "desert", "صحراء": "desert", "منطقه": "area", "ناحيه": "district",
    "قضاء": "district", "مخيم": "camp", "مخيمات": "camp", "مطار": "base",
    "قاعده": "base", "معبر": "crossing", "سد": "dam", "مديريه": "district", "مديريات": "district",
    "اقليم": "admin1", "اقاليم": "admin1", "عماله": "admin1", "دوار": "village", "العاصمه": "capital",
    "سلطنه": "country", "مملكه": "country", "جمهوريه": "country",
}
# Words before a name that make it part of a person's name (أبو بكر البغدادي, ابن تيمية).
KUNYA = {"ابو", "ابي", "ابا", "ابن", "بن", "ام", "ال", "بنت"}
# Words before a name that make it the name of a prize or a person's title (جائزة الشيخ زايد).
NAME_CUES = {"جايزه", "الامير", "الملك", "السلطان", "الشيخ", "عروض"}
# Names inside these phrases are not places (organisations, clubs).
BLOCKED_PHRASES = (
    "قوات سوريا الديمقراطيه", "قوات سوريا الديموقراطيه", "قوات سورية الديمقراطيه",
    "الدوله الاسلاميه في العراق والشام", "الدوله الاسلاميه في العراق", "هيئه تحرير الشام",
    "جبهه فتح الشام", "احرار الشام", "فيلق الشام", "جيش الشام", "ريال مدريد", "اتلتيكو مدريد",
    "الرقه تذبح بصمت", "دير الزور 24", "فرات بوست", "جبهه تحرير سوريا", "جيش سوريا الحره",
    "غضب الفرات", "درع الفرات", "عاصفه الجزيره", "نبع السلام", "غصن الزيتون", "والخير والفرات",
    "غير سوريه", "غير سوريا", "غرب تكساس الوسيط",
)
# Words right before an outlet's name: لـ«الشرق الأوسط», صحيفة «...».
OUTLET_CUES = {"ل", "لـ", "صحيفه", "جريده", "موقع", "وكاله", "قناه", "تلفزيون", "اذاعه", "مجله"}
QUOTES = set('"\'')

# U+FD3E/U+FD3F (ornate parentheses) make rasd.text.normalize recurse without end; swapping
# them one-for-one for plain parentheses keeps every offset.
_ORNATE = {0xFD3E: "(", 0xFD3F: ")"}


@dataclass(frozen=True, slots=True)
class Match:
    """One name found in the text (offsets into the original text)."""

    start: int
    end: int
    key: str                      # the normalized name that matched
    entries: tuple[Entry, ...]
    kind: Optional[str] = None    # kind announced by the word before
    kind_start: Optional[int] = None
    prev: str = ""                # the normalized word before (for preposition checks)
    clitic: bool = False          # the first word carried a proclitic (بسورية، وسورية)
    kind_word: str = ""           # the kind word itself, normalized (محافظات: a plural)
    nisba: Optional[str] = None   # country of a nisba adjective after the name or after العاصمة


def _kind_of(word: str) -> Optional[str]:
    """The kind a (possibly cliticized) normalized word announces, if any."""
    for _, s in stems(word):
        if s in KIND_WORDS:
            return KIND_WORDS[s]
    return None


def _blocked_spans(folded: str) -> list[tuple[int, int]]:
    out = []
    for ph in BLOCKED_PHRASES:
        for m in re.finditer(re.escape(ph), folded):
            out.append((m.start(), m.end()))
    return out


def find(text: str, gz: Gazetteer) -> list[Match]:
    """All gazetteer names in ``text``, longest first, never overlapping."""
    nz = normalize(text.translate(_ORNATE))
    folded = nz.text
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
    blocked = _blocked_spans(folded)
    out: list[Match] = []
    i = 0
    while i < len(words):
        best = None  # (n_words, -prefix_len, key, entries, prefix_len)
        for plen, stem in sorted(stems(words[i][2])):
            if "ال" in words[i][2][:plen] and not stem.startswith("ال"):
                # the article was stripped but the name has none: ألباريس (Albares) is not باريس
                continue
            n_max = gz.max_words.get(stem, 0)
            for n in range(min(n_max, len(words) - i), 0, -1):
                if best is not None and n < best[0]:
                    break
                # words must be separated by spaces only (or a hyphen) to form one name
                if n > 1 and any(folded[words[j][1]:words[j + 1][0]].strip(" -") for j in range(i, i + n - 1)):
                    continue
                key = " ".join([stem] + [w[2] for w in words[i + 1:i + n]])
                entries = gz.lookup(key)
                if entries and (best is None or n > best[0]):
                    best = (n, key, entries, plen)
                    break
        if best is None:
            i += 1
            continue
        n, key, entries, plen = best
        fs, fe = words[i][0] + plen, words[i + n - 1][1]
        if _rejected(folded, words, i, fs, fe, blocked):
            i += n
            continue
        kind, kind_start, kind_word, nisba = _context(folded, words, i, n, gz)
        if kind_start is not None:
            kind_start = nz.span(kind_start, kind_start + 1)[0]
        s, e = nz.span(fs, fe)
        prev = words[i - 1][2] if i > 0 and not folded[words[i - 1][1]:words[i][0]].strip() else ""
        out.append(Match(s, e, key, tuple(entries), kind, kind_start, prev, plen > 0, kind_word, nisba))
        i += n
    return out


def _adjacent(folded: str, words, a: int, b: int, brackets: bool = False) -> bool:
    """Words ``a`` and ``b`` (= a + 1) are separated by spaces only (or by an opening bracket or
    quote, with ``brackets``: "العاصمة السويسرية (برن)")."""
    if not (0 <= a and b < len(words)):
        return False
    gap = folded[words[a][1]:words[b][0]]
    return not (gap.strip(' («"') if brackets else gap.strip())


def _context(folded: str, words, i: int, n: int, gz: Gazetteer):
    """(kind, kind word start, kind word, nisba country) around the name at words[i:i+n]."""
    kind = kind_start = nisba = None
    kind_word = ""
    if _adjacent(folded, words, i - 1, i):
        kind = _kind_of(words[i - 1][2])
        if kind:
            kind_start, kind_word = words[i - 1][0], words[i - 1][2]
    if kind is None and _adjacent(folded, words, i - 1, i, brackets=True):
        if words[i - 1][2] in gz.nisba and _adjacent(folded, words, i - 2, i - 1) \
                and _kind_of(words[i - 2][2]) == "capital":
            # العاصمة الأردنية عمّان: the capital, of the country the adjective names
            kind, kind_start, kind_word = "capital", words[i - 2][0], words[i - 2][2]
            nisba = gz.nisba[words[i - 1][2]]
    after = i + n
    if nisba is None and _adjacent(folded, words, after - 1, after):
        nisba = gz.nisba.get(words[after][2])
    return kind, kind_start, kind_word, nisba


def _rejected(folded: str, words, i: int, fs: int, fe: int, blocked) -> bool:
    """A name that is part of a person's name, an organisation or an outlet's title."""
    if any(bs <= fs and fe <= be for bs, be in blocked):
        return True
    if i > 0 and (words[i - 1][2] in KUNYA or words[i - 1][2] in NAME_CUES) and fs == words[i][0]:
        return True
    before = folded[max(0, fs - 1):fs]
    after = folded[fe:fe + 1]
    if before in QUOTES:
        # «الرقة تذبح بصمت»: a title that only starts with the name
        close = folded.find(before, fe)
        line_end = folded.find("\n", fe)
        if close > fe and (line_end < 0 or close < line_end) and after not in QUOTES and close - fe < 60:
            return True
        if after in QUOTES and i > 0:
            cue = folded[words[i - 1][0]:words[i - 1][1]]
            gap = folded[words[i - 1][1]:fs - 1].strip()
            if (cue in OUTLET_CUES or cue.endswith("ل") and len(cue) <= 2) and gap in ("", "ـ"):
                return True
    return False
