"""Find Arabic date expressions and resolve them against the publication date.

Trigger words (month, weekday and relative-day names, years, d/m pairs) are found in the
raw text; only windows around them are normalized (rasd.text.normalize) and scanned with
the regular expressions built from :mod:`rasd.dates.lexicon`, and spans are mapped back to
the original text. Each pattern yields a candidate; overlapping candidates keep the longest. Resolution never invents
a day: without a publication date only absolute expressions (and a weekday-checked year,
see :func:`_infer_year`) get a value; the rest are dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from ..text import normalize
from .lexicon import (AMBIGUOUS_MONTHS, CURRENT, FUTURE, HIJRI_MONTHS, MONTH_CUES, MONTH_PARTS,
                      MONTHS, ORDINAL_DAYS, PAST, RELATIVE_DAYS, WEEKDAYS)

# U+FD3E/U+FD3F (ornate parentheses) make rasd.text.normalize recurse without end; swapping
# them one-for-one for plain parentheses keeps every offset.
_ORNATE = {0xFD3E: "(", 0xFD3F: ")"}


def _alt(words) -> str:
    """Regex alternation, longest first, spaces as \\s+."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_MON = _alt(MONTHS)
_MONX = rf"(?P<m1>{_MON})(?:\s*[/(\-]\s*(?P<m2>{_MON})\s*\)?)?"
_MOD = _alt(PAST | FUTURE | CURRENT - {"هذا", "هذه"})
_WD = _alt(k for k in WEEKDAYS if k.startswith("ال"))
_REL = _alt(RELATIVE_DAYS)
_PART = _alt(MONTH_PARTS)
_ORD = _alt(ORDINAL_DAYS)
_YREL = _alt(PAST | FUTURE | CURRENT - {"هذا", "هذه"})
_B = r"(?<![^\W\d_])"   # not glued to a preceding letter (digits and clitics handled apart)
_E = r"(?![^\W\d_])"
_CL = r"(?:[وفبلك](?=\S))?"  # one proclitic letter before the expression, kept out of the span

_FULL = re.compile(
    rf"{_B}{_CL}(?P<body>(?:(?:(?P<rel>{_REL})\s+)?(?:يوم\s+)?(?P<wd>{_WD})\s*[،,]?\s*(?:الموافق\s+(?:ل\s*)?)?)?"
    rf"(?:(?P<part>{_PART})\s+)?(?:(?:ال\s*)?(?P<d>\d{{1,2}})|(?P<dord>{_ORD})(?=\s+من\s))?\s*(?:من\s+)?(?:شهر\s+)?{_MONX}"
    rf"(?:\s+(?P<mod>{_MOD}))?"
    rf"(?:\s*[،,]?\s*(?:من\s+)?(?:(?:ال)?عام|(?:ال)?سنه|لعام)\s+(?P<yrel>{_YREL}))?"
    rf"(?:\s*[،,]?\s*(?:من\s+)?(?:(?:ال)?عام|(?:ال)?سنه|لعام)?\s*(?P<y>(?:19|20)\d\d)(?!\d))?){_E}")
_NUMERIC = re.compile(r"(?<![\d/.\-])(?P<body>(?P<d>\d{1,2})\s*(?P<sep>[/\-.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>(?:19|20)\d\d))(?![\d/.\-]\d)")
_ISO = re.compile(r"(?<![\d/.\-])(?P<body>(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2}))(?!\d)")
_RELDAY = re.compile(
    rf"{_B}{_CL}(?P<body>(?:(?:صباح|مساء|ليل|ليله|فجر|ظهر|عصر|منتصف\s+ليل)\s+)?(?P<rel>{_REL})"
    rf"(?:\s+(?P<wd>{_WD}))?){_E}(?!\s+(?:التالي|الموالي|نفسه|ذاته|الذي|الاول\b|الحاجه))"
    # "اليوم الانتخابي/العالمي" (the election day, world day) is not today; a weekday may follow
    rf"(?!(?<=اليوم)\s+(?!{_WD}|الي\b)ال\w+)")
_WEEKDAY = re.compile(rf"{_B}{_CL}(?P<body>(?:يوم\s+)?(?P<wd>{_WD})(?:\s+(?P<mod>{_MOD}))?){_E}")
_PERIOD = re.compile(
    rf"{_B}{_CL}(?P<body>(?:(?P<unit>الشهر|العام|السنه|الاسبوع)\s+(?P<mod>{_MOD})"
    rf"|(?:هذا|هذه)\s+(?P<unit2>الشهر|العام|السنه|الاسبوع))(?:\s+(?P<y>(?:19|20)\d\d))?){_E}")
_YEAR = re.compile(
    rf"{_B}{_CL}(?P<body>(?:(?P<part>{_PART})\s+)?(?:(?:ال)?عام|(?:ال)?سنه|لعام)\s+(?P<y>(?:19|20)\d\d)){_E}(?!\s*[/\-]\s*\d)"
    rf"|(?:(?<=\s)|^)(?:في|خلال|منذ|حتي|مطلع|اواخر|اوائل|منتصف)\s+(?P<body2>(?P<y2>(?:19|20)\d\d))(?![\d/\-.,%]|\s*(?:شخص|قتيل|عنصر|مقاتل|مدني|الف|دولار|كيلو|متر))")
_HIJRI_MON = _alt(HIJRI_MONTHS)
_HIJRI = re.compile(
    rf"{_B}{_CL}(?P<body>(?:(?P<d>\d{{1,2}})\s+)?(?:من\s+)?(?:شهر\s+)?(?P<hm>{_HIJRI_MON})\s+(?:من\s+)?(?:(?:ال)?عام\s+|سنه\s+)?"
    rf"(?P<y>1[34]\d\d)(?:\s*(?:ه|للهجره|هجريه|هجري)(?![^\W\d_]))?)")
_NOT_BEFORE_WEEKDAY = {"خطبه", "خطب", "صلاه", "صلوات", "خطبتي", "لصلاه", "بصلاه", "وصلاه", "جمعه"}


@dataclass
class _Cand:
    start: int          # folded offsets
    end: int
    kind: str
    m: re.Match


def _candidates(folded: str) -> list[_Cand]:
    out = []
    for kind, rx in (("hijri", _HIJRI), ("numeric", _NUMERIC), ("iso", _ISO), ("full", _FULL),
                     ("relday", _RELDAY), ("period", _PERIOD), ("year", _YEAR), ("weekday", _WEEKDAY)):
        for m in rx.finditer(folded):
            g = "body" if m.group("body") is not None else "body2"
            out.append(_Cand(m.start(g), m.end(g), kind, m))
    out.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[_Cand] = []
    for c in out:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept


def _safe_date(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_shift(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _prev_word(folded: str, start: int) -> str:
    words = re.findall(r"\w+", folded[max(0, start - 30):start])
    return words[-1] if words else ""


def _year_for_month(month: int, mod: Optional[str], pub: date) -> int:
    """The year of a month named without one, from the publication date."""
    if mod in PAST:
        return pub.year if month < pub.month else pub.year - 1
    if mod in FUTURE:
        return pub.year if month > pub.month else pub.year + 1
    if mod in CURRENT:
        return pub.year
    # bare: the latest such month up to publication (news looks back)
    return pub.year if month <= pub.month else pub.year - 1


def _infer_year(month: int, day: int, weekday: int, years: list[int]) -> Optional[int]:
    """The one year within ±5 of the text's other years where day/month falls on ``weekday``."""
    if not years:
        return None
    lo, hi = min(years) - 5, max(years) + 5
    fits = [y for y in range(lo, hi + 1) if (d := _safe_date(y, month, day)) and d.weekday() == weekday]
    return fits[0] if len(fits) == 1 else None


def _resolve(c: _Cand, folded: str, pub: Optional[date], years: list[int]) -> Optional[tuple[str, str]]:
    """(value, precision) for one candidate, or None when it cannot be resolved."""
    g = c.m.groupdict()
    if c.kind in ("numeric", "iso"):
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (d.isoformat(), "day") if d else None
    if c.kind == "hijri":
        from hijridate import Hijri
        hm = HIJRI_MONTHS[" ".join(g["hm"].split())]
        try:
            gd = Hijri(int(g["y"]), hm, int(g["d"] or 1)).to_gregorian()
        except (ValueError, OverflowError):
            return None
        gd = date(gd.year, gd.month, gd.day)
        return (gd.isoformat(), "day") if g["d"] else (gd.isoformat()[:7], "month")
    if c.kind == "full":
        return _resolve_full(g, c, folded, pub, years)
    if c.kind == "relday":
        if pub is None:
            return None
        d = pub + timedelta(days=RELATIVE_DAYS[" ".join(g["rel"].split())])
        return d.isoformat(), "day"
    if c.kind == "weekday":
        if pub is None or _prev_word(folded, c.start) in _NOT_BEFORE_WEEKDAY:
            return None
        wd = WEEKDAYS[g["wd"]]
        mod = g.get("mod")
        back = (pub.weekday() - wd) % 7
        if mod in FUTURE:
            return (pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)).isoformat(), "day"
        if mod in PAST and back == 0:
            back = 7
        return (pub - timedelta(days=back)).isoformat(), "day"
    if c.kind == "period":
        unit = g["unit"] or g["unit2"]
        mod = g["mod"]
        if g["y"] and unit in ("العام", "السنه"):
            return g["y"], "year"
        if pub is None:
            return None
        k = -1 if mod in PAST else 1 if mod in FUTURE else 0
        if unit == "الشهر":
            y, m = _month_shift(pub.year, pub.month, k)
            return f"{y:04d}-{m:02d}", "month"
        if unit == "الاسبوع":
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=k)
            return monday.isoformat(), "week"
        return str(pub.year + k), "year"
    if c.kind == "year":
        return (g["y"] or g["y2"]), "year"
    return None


def _resolve_full(g: dict, c: _Cand, folded: str, pub: Optional[date], years: list[int]):
    m1 = " ".join(g["m1"].split())
    month = MONTHS[m1]
    if g["m2"] and MONTHS[" ".join(g["m2"].split())] != month:
        return None  # "آذار/أبريل": inconsistent twins, leave it
    day = int(g["d"]) if g["d"] else ORDINAL_DAYS.get(" ".join(g["dord"].split())) if g["dord"] else None
    mod, yrel = g.get("mod"), g.get("yrel")
    if day is None and not (g["y"] or mod or yrel or g["m2"] or g["part"]):
        if m1 in AMBIGUOUS_MONTHS or _prev_word(folded, c.start) not in MONTH_CUES:
            return None
    if day is not None and not 1 <= day <= 31:
        return None
    year: Optional[int] = None
    if g["y"]:
        year = int(g["y"])
    elif yrel and pub is not None:
        year = pub.year + (-1 if yrel in PAST else 1 if yrel in FUTURE else 0)
    elif pub is not None and g["rel"] and day:
        base = pub + timedelta(days=RELATIVE_DAYS[" ".join(g["rel"].split())])
        year = base.year
    elif pub is not None:
        year = _year_for_month(month, mod, pub)
        if day is not None and mod is None and (d := _safe_date(year, month, day)) and d > pub + timedelta(days=7):
            year -= 1 if month <= pub.month else 0
    elif day is not None and g["wd"]:
        year = _infer_year(month, day, WEEKDAYS[g["wd"]], years)
    if year is None:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    d = _safe_date(year, month, day)
    if d is None:
        return None
    return d.isoformat(), "day"


# Every date expression contains one of these words, a year or a d/m pair. Normalizing the
# whole text and scanning every position with the full patterns cost ~1 ms per 1,000
# characters; the full work now runs only on windows around these triggers.
_TRIGGER_WORDS = ({k.split()[0] for k in MONTHS} | {k.split()[0] for k in HIJRI_MONTHS} | set(WEEKDAYS)
                  | {k.split()[0] for k in RELATIVE_DAYS} | {"غد", "الشهر", "العام", "السنه", "الاسبوع",
                                                               "عام", "سنه", "لعام"})
_BEFORE, _AFTER = 70, 80


# Letters that rasd.text.norm folds together, as regex classes, so triggers are found in the
# raw text without normalizing it first.
_VARIANTS = {"ا": "اأإآٱ", "ي": "يىئی", "ه": "هة", "و": "وؤ", "ك": "كک"}
for _d in range(10):
    _VARIANTS[str(_d)] = str(_d) + chr(0x0660 + _d) + chr(0x06F0 + _d)


def _char_class(ch: str) -> str:
    v = _VARIANTS.get(ch)
    return f"[{v}]" if v else re.escape(ch)


def _trie_regex(words) -> str:
    """An alternation of ``words`` factored by common prefixes (Python's re has no trie)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [_char_class(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


_D = r"[0-9\u0660-\u0669\u06F0-\u06F9]"
_TRIGGER = re.compile(rf"(?<!{_D})(?:(?:19|20|13|14|١٩|٢٠|١٣|١٤){_D}{{2}}|{_D}{{1,2}}\s*[/.\-]\s*{_D}{{1,2}})"
                      rf"|(?<![^\W\d_])[وفبلك]?(?:{_trie_regex(_TRIGGER_WORDS)})(?![^\W\d_])")
_YEARS = re.compile(rf"(?<!{_D})((?:19|20|١٩|٢٠){_D}{{2}})(?!{_D})")


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged windows of ``text`` (on word boundaries) around date triggers."""
    out: list[list[int]] = []
    for m in _TRIGGER.finditer(text):
        s, e = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        while s > 0 and not text[s - 1].isspace():
            s -= 1
        while e < len(text) and not text[e].isspace():
            e += 1
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def find(text: str, published: Optional[str] = None) -> list[tuple[int, int, str, str]]:
    """(start, end, value, precision) for every resolved date expression in ``text``."""
    pub = None
    if published:
        try:
            pub = date.fromisoformat(published[:10])
        except ValueError:
            pub = None  # a malformed publication date only loses the relative dates
    if "\ufd3e" in text or "\ufd3f" in text:
        text = text.translate(_ORNATE)  # one-for-one, offsets unchanged
    windows = _windows(text)
    years = [int(y) for y in _YEARS.findall(text)]
    if pub is not None:
        years.append(pub.year)
    out = []
    for ws, we in windows:
        nz = normalize(text[ws:we])
        folded = nz.text
        for c in _candidates(folded):
            try:
                r = _resolve(c, folded, pub, years)
            except (ValueError, KeyError, OverflowError):
                r = None  # a malformed date leaves this expression out, never the article
            if r is None:
                continue
            s, e = nz.span(c.start, c.end)
            s, e = s + ws, e + ws
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            out.append((s, e, r[0], r[1]))
    return out
