"""Fatality counts from Arabic text: numerals, number words, duals, vague quantities.

ACLED's conservative rules: a vague plural takes its floor (عشرات "dozens" → 10, مئات → 100,
آلاف → 1000, بضعة/عدة → 3), a range takes its lower bound, and only the killed count: the
wounded, fighters and displaced are never fatalities. A sentence's count is the largest
one read from it ("عشرات الشهداء ... آخرهم 23 شهيداً" is one toll, not a sum).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..text import proclitics, norm, normalize

_UNITS = {
    "واحد": 1, "واحده": 1, "احد": 1, "اثنان": 2, "اثنين": 2, "اثنتين": 2, "اثنتان": 2, "اثنا": 2, "اثني": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10,
}
_TENS = {"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
         "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
         "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90}
_HUNDREDS = {"مئه": 100, "مائه": 100, "مئتان": 200, "مئتين": 200, "مائتين": 200, "مائتان": 200,
             "الف": 1000, "الفا": 1000, "الفين": 2000, "الفان": 2000}
for _u, _v in list(_UNITS.items()):
    if 3 <= _v <= 9:
        _HUNDREDS[_u + "مئه"] = _v * 100
        _HUNDREDS[_u + "مائه"] = _v * 100
_VAGUE = {"عشرات": 10, "مئات": 100, "الاف": 1000, "بضعه": 3, "بضع": 3, "عده": 3}

# Nouns that are themselves the dead: "23 شهيداً", "قتيلين".
_DEAD = {"قتيل", "قتيلا", "قتلي", "شهيد", "شهيدا", "شهداء", "ضحيه", "ضحايا", "جثه", "جثث", "جثمان"}
_DEAD_DUAL = {"قتيلين": 2, "قتيلان": 2, "شهيدين": 2, "شهيدان": 2, "ضحيتين": 2, "جثتين": 2}
# Words that make what follows a killed count: "مقتل عشرة أشخاص", "قتل خلاله خمسين مصلياً".
_KILL = {"قتل", "مقتل", "قتلت", "قتلوا", "يقتل", "مصرع", "اعدام", "اعدم", "ذبح", "استشهاد",
         "استشهد", "استشهدوا", "وفاه", "اغتيال", "حصد", "اودي", "اودت", "حصيله", "لقي", "لقوا"}
# Verbs after a count: "خمسة أشخاص لقوا حتفهم".
_DIED = {"لقوا", "لقي", "قضوا", "قتلوا", "استشهدوا", "ماتوا", "توفوا", "لقيت"}
_WOUNDED = {"جريح", "جريحا", "جرحي", "مصاب", "مصابا", "مصابين", "مصابون", "اصابه", "اصابات", "جروح"}
# Words allowed between a kill word and its count.
_SKIP = {"خلاله", "خلالها", "فيه", "فيها", "نحو", "حوالي", "قرابه", "ما", "لا", "يقل", "عن",
         "اكثر", "من", "علي", "الاقل", "اقل", "زهاء", "ب", "الي", "يصل", "حيث", "تم", "بين", "ما", "وقوع", "سقوط"}
# Duals of nouns whose plural is broken, so "-ين" can only mean two: "مقتل عنصرين",
# "جنديين ... قتلا". (مدنيين, مقاتلين are plurals as often as duals: never counted as 2.)
_DUAL = {"شخصين", "شخصان", "جنديين", "جنديان", "طفلين", "طفلان", "عنصرين", "عنصران", "رجلين",
         "رجلان", "امراتين", "امراتان", "شابين", "شابان", "ضابطين", "ضابطان", "فتاتين", "فتاتان",
         "طفلتين", "سيدتين", "شقيقين", "شقيقان", "اخوين", "شرطيين"}
_DIED_DUAL = {"قتلا", "لقيا", "استشهدا", "قضيا", "توفيا", "قتلتا"}
_SINGLE = {"شخص", "مدني", "جندي", "طفل", "امراه", "رجل", "شرطي", "عنصر", "مقاتل", "ضابط",
           "مواطن", "صحفي", "ناشط", "فتي", "فتاه", "شاب"}
_PREFIX = proclitics("وال", "بال", "لل", "ال", "و", "ف", "ب", "ل")


def _n(table):
    """A table re-keyed in normalized spelling (ئ→ي, ة→ه ...), as the text is read."""
    return {norm(k): v for k, v in table.items()} if isinstance(table, dict) else {norm(k) for k in table}


_UNITS, _TENS, _HUNDREDS, _VAGUE, _DEAD_DUAL = _n(_UNITS), _n(_TENS), _n(_HUNDREDS), _n(_VAGUE), _n(_DEAD_DUAL)
_DEAD, _KILL, _DIED, _WOUNDED, _SKIP = _n(_DEAD), _n(_KILL), _n(_DIED), _n(_WOUNDED), _n(_SKIP)
_DUAL, _DIED_DUAL = _n(_DUAL), _n(_DIED_DUAL)
_NUMBERS = set(_UNITS) | set(_TENS) | set(_HUNDREDS) | set(_VAGUE)


@lru_cache(maxsize=1 << 16)
def _clean(word: str) -> str:
    """A normalized word without a conjunction or the article, for the tables above."""
    for p in _PREFIX:
        if p == "و" and word[1:] in _NUMBERS:
            return word  # "وعشرين" stays: the conjunction joins a compound number
        if word.startswith(p) and len(word) - len(p) >= 3:
            rest = word[len(p):]
            if rest in _DEAD or rest in _WOUNDED or rest in _KILL or rest in _UNITS or rest in _TENS \
                    or rest in _HUNDREDS or rest in _VAGUE or rest in _DEAD_DUAL or rest in _DIED \
                    or rest in _DUAL:
                return rest
    return word


def words(text: str) -> list[str]:
    """Normalized words and digit runs of ``text``."""
    return [_clean(w) for w in re.findall(r"\d+(?:[.,]\d+)?|[^\W\d_]+", normalize(text).text)]


def parse_number(ws: list[str], i: int) -> Optional[tuple[int, int]]:
    """The number starting at ``ws[i]``: (value, index after it), or None."""
    if i >= len(ws):
        return None
    w = ws[i]
    if w.isdigit():
        value, j = int(w), i + 1
    elif w in _VAGUE:
        return _VAGUE[w], i + 1
    elif w in _HUNDREDS:
        value, j = _HUNDREDS[w], i + 1
    elif w in _TENS:
        value, j = _TENS[w], i + 1
    elif w in _UNITS:
        value, j = _UNITS[w], i + 1
        if j < len(ws) and ws[j] in ("عشر", "عشره") and value < 10:
            value, j = value + 10, j + 1
    else:
        return None
    # "ثلاثة وعشرين", "مئة وخمسين": a conjunction joins the parts.
    while j < len(ws) and ws[j].startswith("و") and len(ws[j]) > 2:
        part = ws[j][1:]
        add = _TENS.get(part) or _UNITS.get(part) or _HUNDREDS.get(part)
        if not add:
            break
        value, j = value + add, j + 1
    # A range takes its lower bound: "10 الى 15", "بين 10 و15".
    if j + 1 < len(ws) and ws[j] in ("الي", "و") and (ws[j + 1].isdigit() or ws[j + 1] in _TENS or ws[j + 1] in _UNITS):
        j += 2
    return value, j


def count_killed(text: str) -> Optional[int]:
    """The killed count of a sentence, or None when it states none."""
    ws = words(text)
    found: list[int] = []
    for i, w in enumerate(ws):
        if w in _DEAD_DUAL:
            found.append(_DEAD_DUAL[w])
            continue
        if w in _DUAL and _killed_dual(ws, i):
            found.append(2)
            continue
        num = parse_number(ws, i)
        if num is None:
            continue
        value, j = num
        nxt = ws[j] if j < len(ws) else ""
        if nxt in _WOUNDED:
            continue
        if nxt in _DEAD:
            found.append(value)
            continue
        # a kill word before the count, with only fillers between
        k = i - 1
        while k >= 0 and ws[k] in _SKIP and i - k <= 5:
            k -= 1
        if k >= 0 and ws[k] in _KILL and nxt not in _WOUNDED:
            found.append(value)
            continue
        # a count followed by its noun and a death verb: "خمسة أشخاص لقوا حتفهم"
        if j + 1 < len(ws) and ws[j + 1] in _DIED:
            found.append(value)
    if not found:
        # "مقتل شخص" / "مقتل جندي": a kill word and a singular noun is one dead
        for i, w in enumerate(ws[:-1]):
            if w in ("مقتل", "مصرع", "اغتيال", "استشهاد") and ws[i + 1] in _SINGLE:
                found.append(1)
    return max(found) if found else None


def _killed_dual(ws: list[str], i: int) -> bool:
    """Whether the dual noun at ``ws[i]`` counts two dead: a kill word before it ("مقتل
    عنصرين") or a dual death verb within five words after it ("جنديين من الجيش قتلا")."""
    k = i - 1
    while k >= 0 and ws[k] in _SKIP and i - k <= 5:
        k -= 1
    if k >= 0 and ws[k] in _KILL:
        return True
    for w in ws[i + 1:i + 6]:
        if w in _WOUNDED:
            return False
        if w in _DIED_DUAL or (w.startswith("و") and w[1:] in _DIED_DUAL):
            return True
    return False
