"""What an article says about where it is: its countries, its dateline, lists of places.

:func:`country_prior` weighs the countries an article is about: names with one curated
reading (a country, a province, a conflict locality) and big or capital GeoNames places with
one country count one each, the dateline's country counts two, nisba adjectives (المغربية،
السوداني) a little each, and the outlet's country (a national paper) counts as a mention and
a half. :func:`mention_context` gives each mention's neighbours: whether it is the dateline,
whether it stands in a list of places ("العرائش وسيدي إفني والعيون"), and which place follows a
part of a city ("حي الشهداء بمدينة أم درمان").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from ..text import norm
from .gazetteer import Entry, Gazetteer
from .matcher import Match
from .words import AMBIGUOUS_COUNTRIES, ARAB, PARENT_GAP, PRIOR_ALIASES, STOPWORDS

# After a dateline place: optional "(أ ف ب)"-style agency, then a dash or colon.
DATELINE_AFTER = re.compile(r"^\s*(?:\([^)\n]{0,30}\))?\s*[-–—:ـ]")
_LIST_GAP = re.compile(r"^\s*[،,]?\s*و?\s*$")
_WORD = re.compile(r"[\u0621-\u064A]+")
DATELINE_WEIGHT = 2.0
MAX_DATELINE_PREFIX = 60
OUTLET_WEIGHT = 1.5
NISBA_WEIGHT, NISBA_CAP = 0.3, 2.0
BIG_CITY = {True: 100_000, False: 1_000_000}  # population a bare GeoNames city votes with (Arab / abroad)


@dataclass(frozen=True, slots=True)
class Neighbours:
    """One mention's place in the text."""

    dateline: bool = False
    listed: bool = False          # next to another place name, joined by و or a comma
    parent: Optional[int] = None  # index of the place this one is said to be in ("X في Y")


def is_dateline_at(text: str, start: int, end: int) -> bool:
    """True when text[start:end] opens a line as a dateline ("بيروت -", "دمشق (أ ف ب) -")."""
    # at most two words before it on its line: never more than a short stretch back (news
    # articles are often one long line, so the line itself is never split)
    line_start = text.rfind("\n", max(0, start - MAX_DATELINE_PREFIX), start) + 1
    if line_start == 0 and start > MAX_DATELINE_PREFIX:
        return False
    if len(text[line_start:start].split()) > 2:
        return False
    return bool(DATELINE_AFTER.match(text[end:end + 40]))


def mention_context(matches: list[Match], text: str) -> list[Neighbours]:
    """Per mention: dateline, list membership and parent city (see :class:`Neighbours`)."""
    out = []
    for i, m in enumerate(matches):
        listed = any(0 <= j < len(matches) and _joined(text, *sorted((matches[i], matches[j]), key=lambda x: x.start))
                     for j in (i - 1, i + 1))
        out.append(Neighbours(is_dateline_at(text, m.start, m.end), listed, _parent(matches, i, text)))
    return out


def _joined(text: str, a: Match, b: Match) -> bool:
    """``a`` and ``b`` follow each other in a list: "X وY", "X، Y"."""
    gap = text[a.end:b.start]
    return len(gap) <= 4 and bool(_LIST_GAP.match(gap))


def _parent(matches: list[Match], i: int, text: str) -> Optional[int]:
    """The next mention, when only "في"/"بمدينة"/"وسط"... lie between: the place mention ``i`` is in
    ("حي الشهداء بمدينة أم درمان", "صلاح الدين بحلب")."""
    m = matches[i]
    for j in range(i + 1, min(i + 3, len(matches))):
        nxt = matches[j]
        if nxt.key in STOPWORDS:
            continue  # "بمدينة" is itself a gazetteer name (Medina): step over it
        if nxt.start - m.end <= 25 and all(w in PARENT_GAP for w in norm(text[m.end:nxt.start]).split()):
            return j
        return None
    return None


def country_prior(matches: list[Match], neighbours: list[Neighbours], text: str, gz: Gazetteer,
                  outlet: Optional[str] = None) -> tuple[Counter, Counter, dict[str, Counter]]:
    """(country -> weight for ranking, country -> weight from place mentions only, mention key ->
    the weight that key gave). Only mentions make a country *named* (lowering what a town needs to
    count as a place): an outlet or an adjective shifts the ranking, never the threshold; and a
    name never vouches for itself."""
    total: Counter = Counter()
    by_key: dict[str, Counter] = {}
    for m, nb in zip(matches, neighbours):
        cc = single_country(m, gz)
        if cc is None:
            continue
        w = DATELINE_WEIGHT if nb.dateline else 1.0
        total[cc] += w
        by_key.setdefault(m.key, Counter())[cc] += w
    named = Counter(total)
    nisba: Counter = Counter(gz.nisba[w] for w in _WORD.findall(norm(text)) if w in gz.nisba)
    for cc, n in nisba.items():
        total[cc] += min(NISBA_CAP, NISBA_WEIGHT * n)
    if outlet:
        cc = gz.outlets.get(" ".join(norm(outlet).lower().split()))
        if cc:
            total[cc] += OUTLET_WEIGHT
    for alias, cc in PRIOR_ALIASES.items():
        if total[cc]:
            total[alias] = max(total[alias], total[cc])
    return total, named, by_key


def single_country(m: Match, gz: Gazetteer) -> Optional[str]:
    """The one country a mention names on its own, if its confident readings agree."""
    if m.key in STOPWORDS or m.key in AMBIGUOUS_COUNTRIES:
        return None
    # an everyday word votes only through a curated reading (the country names are frequent words)
    word = m.key in gz.not_places or m.key in gz.common
    ok = [e for e in m.entries if not e.needs_kind and _votes(e) and not (word and e.source == "geonames")]
    ccs = {e.country for e in ok if e.country}
    return ccs.pop() if len(ccs) == 1 else None


def _votes(e: Entry) -> bool:
    """Curated rows vote for their country; a GeoNames place only when it is big or a capital."""
    if e.source != "geonames":
        return True
    return e.type == "capital" or e.population >= BIG_CITY[e.country in ARAB]


def known_countries(total: Counter, own: Optional[Counter]) -> frozenset:
    """Countries the article names through mentions other than ``own``'s."""
    own = own or Counter()
    return frozenset(c for c, w in total.items() if w - own[c] >= 0.9)
