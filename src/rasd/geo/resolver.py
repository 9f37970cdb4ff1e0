"""Pick one gazetteer entry per mention and turn it into the contract's Place.

A mention's readings are first filtered (:func:`admissible`): everyday words (the hand
stoplist and the measured ``not_places.tsv``) need context, foreign transliterations need a
real population, a nisba adjective (سلا المغربية) rules out other countries. The survivors are
ranked in two passes by population, the curated tables, the kind word before the name (محافظة →
the province, حي → a neighbourhood, العاصمة → the capital), the article's country prior
(:mod:`rasd.geo.context`: dateline, most-named countries, the outlet's country), the dateline
(a city, not its country), and, in the second pass, closeness to the places the first pass put
on the map: a homograph far from every other place of the article is penalised, and a small
town abroad far from all of them and from the article's countries is dropped. A part of a city
whose name the gazetteer lacks (حي الشهداء بمدينة أم درمان) takes the city's point at precision 2.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Optional

from ..model import Place
from .context import Neighbours, country_prior, known_countries, mention_context, single_country
from .gazetteer import Entry, Gazetteer
from .matcher import KIND_WORDS, Match
from .words import (ADJECTIVE_COUNTRIES, AMBIGUOUS_COUNTRIES, AMBIGUOUS_WORDS, ARAB, CONTEXT_PREPS,
                    KIND_TYPES, MIN_POP_ABROAD, MIN_POP_ABROAD_KNOWN, MIN_POP_ARAB, MIN_POP_ARAB_ALONE,
                    MIN_POP_CAPITAL_ABROAD, PART_KINDS, PLACE_PREPS, PLURAL_KINDS, PRIOR_ALIASES, STOPWORDS,
                    STRONG_KINDS)

SOURCE_BONUS = {"conflict": 3.0, "admin1": 2.0, "countries": 3.0, "geonames": 0.0}
POINT_TYPES_EXCLUDED = ("country", "region", "admin1", "river", "mountain")
FAR_KM = 1500            # farther than this from every other place: a homograph read abroad
DROP_MAX_POP = 500_000   # ... and dropped when it is no bigger than this
PARENT_KM = 50           # a neighbourhood lies within this of the city it is said to be in
METROPOLIS = 200_000     # the prior never moves a name off a city this big to a small namesake
NEAR_KM = 30             # a reading this close to another place of the article is admitted
LOCAL_CHARS = 200        # a country named this close in the text counts twice for a homograph
SETTLEMENT_KINDS = {"city", "town", "village", "neighbourhood", "capital", "camp"}


@dataclass(slots=True)
class _Mention:
    """One match with what the resolver learns about it."""

    m: Match
    nb: Neighbours
    loc: bool = False                  # an NER LOC/GPE/FAC span overlaps it
    cands: tuple[Entry, ...] = ()
    known: frozenset = frozenset()     # countries named by other mentions
    nearby: frozenset = frozenset()    # countries named by other mentions in the same stretch of text
    best: Optional[Entry] = None
    allowed: bool = False              # its words may name a place (see words_allow)


def _km(a: Entry, b: Entry) -> float:
    """Great-circle distance in km."""
    return _km_pts(a.lat, a.lon, b.lat, b.lon)


def _km_pts(la1: float, lo1: float, la2: float, lo2: float) -> float:
    """Great-circle distance in km between two points."""
    la1, lo1, la2, lo2 = map(math.radians, (la1, lo1, la2, lo2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


def words_allow(m: Match, gz: Gazetteer, nb: Neighbours = Neighbours(), listed: bool = False) -> bool:
    """Whether the words of mention ``m`` may name a place at all, whatever its reading."""
    key = m.key
    if len(key.replace(" ", "")) < 3 and not (m.kind and not m.clitic and any(e.needs_kind for e in m.entries)):
        return False  # "إب" only as "محافظة إب"; "باب" is no ب + إب
    everyday = key in STOPWORDS or key in gz.not_places
    if m.kind and everyday and (not key.startswith("ال") or m.kind_word in PLURAL_KINDS
                                or m.kind_word.startswith("ال")):
        # "مدينة جديدة" (a new city), "محافظات البلاد" (the country's provinces), "المدينة
        # الجديدة" (the new city): a noun and its adjective, not a kind word and a name
        return False
    if key in STOPWORDS and m.kind not in STRONG_KINDS:
        return False
    if key in gz.not_places and not m.kind:
        # a measured everyday word (الميادين "the squares", السلمية "peaceful") is a place only
        # where the sentence puts a place: after في/إلى/من (its country then named elsewhere, see
        # admissible), in a list of places, as a dateline, with a nisba
        return bool(m.nisba or nb.dateline or listed or m.prev in CONTEXT_PREPS)
    return True


def admissible(m: Match, e: Entry, entity_loc: bool = False, countries: frozenset = frozenset(),
               common: frozenset = frozenset(), listed: bool = False, within: Optional[str] = None,
               everyday: bool = False) -> bool:
    """Whether ``e`` may stand for the mention ``m`` (its words already allowed). ``within``: the
    country the text puts the mention in ("إقليم السند جنوبي باكستان"); ``everyday``: the name is a
    measured everyday word let in by a preposition alone."""
    if m.nisba and e.country and m.kind not in ("base", "dam", "crossing") \
            and m.nisba not in (e.country, PRIOR_ALIASES.get(e.country)):
        return False  # "منطقة الري الكويتية" is in Kuwait, whatever Iran's Rey
    if within and e.country and e.type not in ("country", "region") and within != e.country:
        return False
    if everyday and not (e.country in countries and e.population >= MIN_POP_ARAB_ALONE):
        return False  # "إلى الوقف الفوري" (to an immediate halt) is no Egyptian town
    if m.kind or entity_loc:
        # a kind word vouches for the name, not for any foreign homonym
        return e.source != "geonames" or e.country in ARAB or e.country in countries or e.population >= 10_000
    if e.needs_kind:
        return False
    if m.key in ADJECTIVE_COUNTRIES and not (m.clitic or m.prev in PLACE_PREPS or not m.prev or listed):
        return False  # "فصائل سورية" (Syrian factions), not "في سورية"
    if m.key in AMBIGUOUS_COUNTRIES:
        return e.country in countries or m.prev in PLACE_PREPS or listed
    return _big_enough(m, e, countries, common)


def _big_enough(m: Match, e: Entry, countries: frozenset, common: frozenset) -> bool:
    """A bare name: curated rows count as they are; GeoNames needs people, more of them abroad."""
    capital = e.type == "capital" and (e.source != "geonames" or e.country in ARAB
                                       or e.population >= MIN_POP_CAPITAL_ABROAD)
    capital = capital or e.type == "major"  # a hand-marked second city of a small country
    big = e.population >= (100_000 if e.country in ARAB else 150_000) or capital
    area = e.type in ("country", "admin1", "region", "countryside", "river", "mountain")
    if (m.key in common or m.key in AMBIGUOUS_WORDS) and not area and not big:
        # a frequent word (الطبقة "the class", القائم "the existing"): its country must be
        # named elsewhere in the article, and a GeoNames town must be a real city
        if e.country not in countries or (e.source == "geonames" and e.population < 50_000):
            return False
    if e.source != "geonames" or capital:
        return True
    known = e.country in countries
    if e.country in ARAB:
        if e.population == 0:
            return known and len(m.key) >= 5
        return e.population >= (MIN_POP_ARAB if known else MIN_POP_ARAB_ALONE)
    return e.population >= (MIN_POP_ABROAD_KNOWN if known else MIN_POP_ABROAD)


def _share(prior: Counter, cc: Optional[str]) -> float:
    if not cc or not prior:
        return 0.0
    return prior[cc] / max(prior.values())


def _score(x: _Mention, e: Entry, prior: Counter, anchors: list[tuple[str, Entry]], top_pop: int,
           parent: Optional[Entry]) -> float:
    m = x.m
    s = math.log10(e.population + 10) + SOURCE_BONUS[e.source]
    # the article's countries decide between comparable homonyms (Tripoli LB/LY), never
    # between a metropolis and a namesake town abroad (Moscow RU / Moscow, Idaho); a town of
    # unknown size (GeoNames population 0: Ariha in Idlib) is no namesake of a small town
    if e.country and (e.source != "geonames" or top_pop < METROPOLIS or e.population * 20 >= top_pop):
        s += 4.0 * _share(prior, e.country)
        if e.country in x.nearby:
            s += 2.0  # "اعتقاله في طرابلس أثناء أحداث ليبيا": the country named beside it
    if e.type not in POINT_TYPES_EXCLUDED:
        others = [a for k, a in anchors if k != m.key]
        if others:
            d = min(_km(e, a) for a in others)
            s += 2.5 if d < 60 else 1.5 if d < 200 else 0.5 if d < 500 else 0.0
            if d > FAR_KM and e.country not in x.known:
                s -= 3.0  # a homograph far from every other place of the article
    if parent is not None and e.type not in POINT_TYPES_EXCLUDED:
        s += 5.0 if _km(e, parent) < PARENT_KM else 0.0
    if m.kind == "admin1":
        s += 6.0 if e.type == "admin1" else 0.0
    elif m.kind in ("capital", "country"):
        s += 6.0 if e.type in KIND_TYPES[m.kind] else 0.0
    elif m.kind in KIND_TYPES:
        s += 2.5 if e.type in KIND_TYPES[m.kind] else 0.0
    if m.kind in SETTLEMENT_KINDS and e.type in ("country", "region"):
        s -= 6.0  # "مدينة جيبوتي" is the city, never the country
    if x.nb.dateline and e.type not in POINT_TYPES_EXCLUDED:
        s += 6.0  # a dateline names a city ("تونس -" is Tunis, not Tunisia)
    return s


def _province_or_city(m: Match, cands: list[Entry], gz: Gazetteer) -> list[Entry]:
    """"حمص" alone is the city: drop the province when its capital is a reading; a province's
    name that is not its capital's (صلاح الدين) is the province."""
    if m.kind == "admin1":
        return cands
    ids = {e.geonameid for e in cands if e.geonameid}
    kept = [e for e in cands if not (e.type == "admin1" and gz.admin1_capital.get((e.country, e.name_en)) in ids)]
    if kept and len(kept) < len(cands):
        return kept
    if any(e.type == "admin1" for e in cands) and m.kind not in PART_KINDS:
        return [e for e in cands if e.type == "admin1"]
    return cands


def _vetoed(m: Match, ents: list[tuple[int, int, str]]) -> tuple[bool, bool]:
    """(vetoed, location): a person's or organisation's name that holds the whole mention
    vetoes it (البغدادي in a PER span), unless a location span overlaps or a kind word marks it
    ("ولايات الرقة" tagged as an IS unit stays the province); a nisba beside it does not veto."""
    labels = {lab for s, e, lab in ents if s < m.end and m.start < e}
    covering = {lab for s, e, lab in ents if s <= m.start and m.end <= e}
    kinded = m.kind is not None or m.key.split(" ")[0] in KIND_WORDS
    loc = bool(labels & {"LOC", "GPE", "FAC"})
    return bool(covering & {"PER", "ORG", "NORP"}) and not loc and not kinded, loc


def _candidates(xs: list[_Mention], gz: Gazetteer, named: Counter, by_key: dict) -> None:
    """Fill each mention's admissible readings (a list of places lets an everyday word in)."""
    allowed = [words_allow(x.m, gz, x.nb) for x in xs]
    votes = [(y, c) for y in xs if (c := single_country(y.m, gz))]
    for i, x in enumerate(xs):
        listed = x.nb.listed and any(allowed[j] and _adjacent(xs[i].m, xs[j].m) for j in (i - 1, i + 1)
                                     if 0 <= j < len(xs))
        if not (allowed[i] or words_allow(x.m, gz, x.nb, listed)):
            continue
        x.allowed = True
        x.known = known_countries(named, by_key.get(x.m.key))
        x.nearby = frozenset(c for y, c in votes if y.m.key != x.m.key and abs(y.m.start - x.m.start) <= LOCAL_CHARS)
        everyday = x.m.key in gz.not_places and not (x.m.kind or x.m.nisba or x.nb.dateline or listed)
        within = _within(xs, x)
        cands = [e for e in x.m.entries
                 if admissible(x.m, e, x.loc, x.known, gz.common, listed, within, everyday)]
        x.cands = tuple(_province_or_city(x.m, cands, gz)) if cands else ()


def _within(xs: list[_Mention], x: _Mention) -> Optional[str]:
    """The country the text puts a mention in ("X جنوبي باكستان", "X في سوريا"), if it names one."""
    if x.nb.parent is None:
        return None
    countries = {e.country for e in xs[x.nb.parent].m.entries if e.type == "country" and e.country}
    return countries.pop() if len(countries) == 1 else None


def _admit_near(xs: list[_Mention], anchors: list[tuple[str, Entry]]) -> None:
    """A reading kept for kind words ("~صلاح الدين", the Aleppo district) is admitted when the
    article puts another place within ``NEAR_KM`` of it, or names it as the place it lies in."""
    for x in xs:
        if not x.cands and not words_allow_bare(x.m):
            continue
        parent = xs[x.nb.parent].best if x.nb.parent is not None else None
        near = [a for k, a in anchors if k != x.m.key] + ([parent] if parent is not None else [])
        extra = tuple(e for e in x.m.entries if e.needs_kind and e not in x.cands
                      and any(_km(e, a) <= NEAR_KM for a in near))
        x.cands += extra


def words_allow_bare(m: Match) -> bool:
    """The words themselves are no stopword (a reading for kind words may then be admitted)."""
    return m.key not in STOPWORDS and len(m.key.replace(" ", "")) >= 3


def _adjacent(a: Match, b: Match) -> bool:
    return abs(a.start - b.end) <= 4 or abs(b.start - a.end) <= 4


def _pick(xs: list[_Mention], prior: Counter, anchors: list[tuple[str, Entry]]) -> None:
    for i, x in enumerate(xs):
        if not x.cands:
            x.best = None
            continue
        parent = xs[x.nb.parent].best if x.nb.parent is not None else None
        # the metropolis guard compares towns with towns, not a capital with its country
        top_pop = max((e.population for e in x.cands if e.type not in POINT_TYPES_EXCLUDED), default=0)
        x.best = max(x.cands, key=lambda e: _score(x, e, prior, anchors, top_pop, parent))


def _anchors(xs: list[_Mention]) -> list[tuple[str, Entry]]:
    return [(x.m.key, x.best) for x in xs if x.best is not None and x.best.type not in POINT_TYPES_EXCLUDED]


def _doubtful(m: Match, gz: Gazetteer) -> bool:
    """A homograph (readings far apart) or an everyday word: its reading needs the article's support."""
    if m.key in gz.common or m.key in gz.not_places or m.key in AMBIGUOUS_WORDS:
        return True
    pts = [e for e in m.entries if e.type not in POINT_TYPES_EXCLUDED]
    return any(_km(a, b) > 100 for a in pts for b in pts)


def _drop_far(x: _Mention, anchors: list[tuple[str, Entry]], gz: Gazetteer) -> bool:
    """A small doubtful town abroad, far from every other place and from the article's countries."""
    e, m = x.best, x.m
    if e is None or m.kind or m.nisba or x.loc or e.type in POINT_TYPES_EXCLUDED or e.type == "capital":
        return False
    if e.source != "geonames" and not _doubtful(m, gz):
        return False
    others = [a for k, a in anchors if k != m.key]
    if not others or e.country in x.known:
        return False
    return e.population < DROP_MAX_POP and min(_km(e, a) for a in others) > FAR_KM


def resolve(matches: list[Match], text: str, entity_spans: Iterable[tuple[int, int, str]] = (),
            gz: Optional[Gazetteer] = None, outlet: Optional[str] = None) -> list[Place]:
    """Places for ``matches`` (a mention with no admissible reading is dropped)."""
    if gz is None:
        from .gazetteer import load
        gz = load()
    ents = list(entity_spans)
    xs = []
    for m in matches:
        vetoed, loc = _vetoed(m, ents)
        if not vetoed:
            xs.append(_Mention(m, Neighbours(), loc))
    # the context is computed over the surviving mentions, so a vetoed name neither votes nor lists
    for x, nb in zip(xs, mention_context([x.m for x in xs], text)):
        x.nb = nb
    prior, named, by_key = country_prior([x.m for x in xs], [x.nb for x in xs], text, gz, outlet)
    _candidates(xs, gz, named, by_key)
    _pick(xs, prior, [])
    anchors = _anchors(xs)
    _admit_near(xs, anchors)
    _pick(xs, prior, anchors)
    anchors = _anchors(xs)
    out = [p for p in (_place(x, xs, text, gz) for x in xs if not _drop_far(x, anchors, gz)) if p is not None]
    if gz.rivers:
        out = [_on_river(p, out, gz.rivers[p.name_en]) if p.name_en in gz.rivers else p for p in out]
    return out


def _place(x: _Mention, xs: list[_Mention], text: str, gz: Gazetteer) -> Optional[Place]:
    """The contract's Place for one resolved mention (or its parent city's point)."""
    m, best = x.m, x.best
    parent = xs[x.nb.parent].best if x.nb.parent is not None else None
    if parent is not None and parent.type not in POINT_TYPES_EXCLUDED and _inside(x, parent):
        # a part of a city the gazetteer does not know: the city's point, "near/part of"
        return Place(m.start, m.end, text[m.start:m.end], parent.name_en, round(parent.lat, 4),
                     round(parent.lon, 4), parent.country, parent.admin1, None, 2)
    if best is None:
        return None
    precision = best.precision
    if m.kind == "countryside" and best.type not in ("admin1", "country", "region"):
        precision = 2
    elif m.kind == "desert" and best.type not in ("region",):
        precision = 3
    elif m.kind == "admin1" and best.type != "admin1":
        prov = gz.admin1_by_name.get((best.country, best.admin1))
        if prov is not None:
            best, precision = prov, 3
    return Place(m.start, m.end, text[m.start:m.end], best.name_en, round(best.lat, 4),
                 round(best.lon, 4), best.country, best.admin1, best.geonameid, precision)


def _inside(x: _Mention, parent: Entry) -> bool:
    """Whether the mention must be read as a part of ``parent`` (the city named after it): a part
    of a city (حي، منطقة ...) the gazetteer puts elsewhere, or a province of another country
    ("صلاح الدين بحلب" is Aleppo's district, not Iraq's province). "سفير طهران في بيروت" is no part."""
    m, best = x.m, x.best
    if best is None:
        return m.kind in PART_KINDS and x.allowed
    if _km(best, parent) <= PARENT_KM:
        return False
    if m.kind in PART_KINDS:
        return True
    return best.type == "admin1" and best.country is not None and best.country != parent.country


def _on_river(river: Place, places: list[Place], points: list[tuple[float, float]]) -> Place:
    """A river mention placed at the bank of the nearest town (in the text) the river passes.

    "الباغوز الواقعة على ضفاف نهر الفرات" means the Euphrates at Baghuz, not at its midpoint.
    """
    def gap(p: Place) -> int:
        return min(abs(p.start - river.end), abs(river.start - p.end))

    towns = sorted((p for p in places if p.precision == 1 and p.lat is not None and gap(p) < 400), key=gap)
    for town in towns:
        lat, lon = min(points, key=lambda q: (q[0] - town.lat) ** 2 + (q[1] - town.lon) ** 2)
        if _km_pts(lat, lon, town.lat, town.lon) <= 40:
            return Place(river.start, river.end, river.text, river.name_en, lat, lon, river.country,
                         town.admin1, river.geonameid, 2)
    return river
