"""Places the gazetteer does not know, placed at the town the text says they are in.

"حي أفشار غربي كابل", "مخيم الجلزون شمالي مدينة رام الله", "قرية X جنوب Y": a kind word for a
part of a town or a village, one to three words the gazetteer lacks, then only a preposition or
a direction before a town the resolver placed. The unknown name becomes a Place at that town's
point with ACLED precision 2 ("near / part of"), named by transliteration. No word of the name
may be a frequent word of the news ("قرية صغيرة في ريف حلب", "مخيم يأوي نازحين ويقع جنوب الموصل"
name no village).
"""
from __future__ import annotations

import re
from typing import Optional

from ..kb.romanize import romanize
from ..model import Place
from ..text import normalize
from .gazetteer import Gazetteer
from .words import PARENT_GAP, STOPWORDS

# Kind words that announce a part of a town or a village (not منطقة, which opens any "area of").
PART_WORDS = {"حي", "احياء", "مخيم", "قريه", "بلده", "مديريه", "ضاحيه", "ناحيه", "دوار"}
_WORD = re.compile(r"\w+")
# A cheap look for any of PART_WORDS in the raw text before normalizing it (most texts have none).
_CUE = re.compile(r"حي|أحياء|احياء|مخيم|قري|بلد|مديري|ضاحي|ناحي|دوار")
MAX_NAME_WORDS = 2
MAX_GAP_CHARS = 25


def unknown_parts(text: str, places: list[Place], gz: Gazetteer) -> list[Place]:
    """Places for unknown names of parts and villages that the text puts in a placed town."""
    if not places or not _CUE.search(text):
        return []
    nz = normalize(text)
    folded = nz.text
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
    towns = sorted((p for p in places if p.precision == 1), key=lambda p: p.start)
    taken = [(p.start, p.end) for p in places]
    out = []
    for i, (_, we, w) in enumerate(words):
        if _bare(w) not in PART_WORDS:
            continue
        hit = _name_before_town(folded, words, i, towns, nz, gz)
        if hit is None:
            continue
        start, end, town = hit
        if any(s < end and start < e for s, e in taken):
            continue
        surface = text[start:end]
        out.append(Place(start, end, surface, romanize(surface) or town.name_en, town.lat, town.lon,
                         town.country, town.admin1, None, 2))
        taken.append((start, end))
    return out


def _bare(word: str) -> str:
    """A kind word read without a leading و/ب/ل/ف (ومخيم, بقرية)."""
    return word[1:] if word[:1] in "وبلف" and word[1:] in PART_WORDS else word


def _name_before_town(folded: str, words, i: int, towns: list[Place], nz, gz: Gazetteer
                      ) -> Optional[tuple[int, int, Place]]:
    """(start, end, town) of the unknown name after the kind word ``words[i]``, if a town follows."""
    for n in range(1, MAX_NAME_WORDS + 1):
        last = i + n
        if last >= len(words):
            return None
        name_words = [w for _, _, w in words[i + 1:last + 1]]
        if any(w in PARENT_GAP for w in name_words):
            return None
        first = name_words[0]
        if first in STOPWORDS or first in gz.not_places or any(_wordy(w, gz) for w in name_words):
            return None
        if n > 1 and name_words[-1][:1] == "و":
            return None  # "بيتروف وكويبيشوفو": two names, not one
        s0 = nz.span(words[i + 1][0], words[i + 1][1])[0]
        s1 = nz.span(words[last][0], words[last][1])[1]
        town = _town_after(folded, words, last, towns, nz)
        if town is not None:
            return s0, s1, town
    return None


def _wordy(w: str, gz: Gazetteer) -> bool:
    """A frequent word, or one behind a clitic ("بقلب" in the heart of, "لمطار" to the airport)."""
    return w in gz.frequent or (w[:1] in "وبلف" and w[1:] in gz.frequent)


def _town_after(folded: str, words, last: int, towns: list[Place], nz) -> Optional[Place]:
    """The placed town right after words[last], with only PARENT_GAP words between."""
    end = nz.span(words[last][0], words[last][1])[1]
    for t in towns:
        if t.start < end:
            continue
        if t.start - end > MAX_GAP_CHARS:
            return None
        # words wholly between the name and the town (a clitic on the town's word is no gap word)
        gap_words = [w for s, e, w in words if nz.span(s, e)[0] >= end and nz.span(s, e)[1] <= t.start]
        return t if all(w in PARENT_GAP for w in gap_words) else None
    return None
