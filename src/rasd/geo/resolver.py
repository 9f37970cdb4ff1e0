"""Pick one gazetteer entry per mention and turn it into the contract's Place.

Homonyms are ranked by: the kind word before the name (محافظة → the province, حي → a
neighbourhood near the city the text names), the countries the article names, closeness
to the places the article names unambiguously, curated tables over raw GeoNames, and
population. GeoNames' Arabic transliterations of foreign towns often spell Arabic words
(إلى = Ely), so a bare GeoNames name needs a real population, and more of it abroad.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Iterable, Optional

from ..model import Place
from .gazetteer import Entry, Gazetteer
from .matcher import Match

# Countries whose GeoNames Arabic names are native spellings, not transliterations.
ARAB = {"SY", "IQ", "LB", "JO", "PS", "IL", "SA", "YE", "EG", "LY", "TN", "DZ", "MA", "SD", "KW",
        "QA", "AE", "OM", "BH", "MR", "SO", "DJ", "KM", "TR", "IR"}
MIN_POP_ARAB = 1000
MIN_POP_ABROAD = 1_000_000
# Below these, a bare GeoNames name also needs its country named in the article.
MIN_POP_ARAB_ALONE = 50_000
MIN_POP_ABROAD_KNOWN = 100_000
# Common words that are also GeoNames names; they only count after a kind word.
STOPWORDS = set("""
المدينه مدينه المدن السد التحالف الان امل سوري بشري عمد سلامه الحريه الوحده الثوره النصر السلام
الخير الدوله العالم الصور الدوره الكرامه بلد سلوك القصور التضامن الصناعه الامل الفجر العاصمه
الشمال الجنوب الشرق الغرب الوسط المركز الجزيره الجانب الايمن السلطان الامير الملك الشيخ النور
الاسلام الحرم العين الحصن القلعه السوق المزرعه البيت البلد الوطن القريه الحي الساحل الجبل الوادي
الرياض الفيصليه الشهداء الامام الحسين الحسن علي عمر محمد احمد حسن خالد ابراهيم يوسف سالم ناصر
الزهراء الرحمه الصحه النهضه التقدم الاستقلال البعث العروبه الاتحاد الجمهوريه القدس صباح
الخليج الحمراء البحر النخيل الزيتون الفردوس الربيع الصفا المروه الصالحيه المنصور الرشيد كركوك
السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه الاشاره معسكر مشهد صور الصف الجيب حصار الشيوخ
الخارجه جديده جديد حديثه كلمه مسجدين مسجد حجه كرد دوله بلد الكرامه سلوك الراعي نبل الجزره القاع
قنديل الضمير الدبس الجانب الايسر الخضر ليل شبه سوريه وان
""".split()) - {"كركوك", "الرياض", "القدس", "الخليج", "الصالحيه"}
KIND_TYPES = {
    "neighbourhood": {"neighbourhood"}, "camp": {"camp"}, "village": {"village", "town", "city"},
    "town": {"town", "city", "village"}, "city": {"city", "town"}, "admin1": {"admin1"},
    "base": {"base", "airport"}, "dam": {"dam"}, "crossing": {"crossing"},
}


def _km(a: Entry, b: Entry) -> float:
    """Great-circle distance in km."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


def admissible(m: Match, e: Entry, entity_loc: bool = False, countries: frozenset = frozenset()) -> bool:
    """Whether ``e`` may stand for the bare name ``m`` at all."""
    if m.kind or entity_loc:
        return True
    if e.needs_kind or (m.key in STOPWORDS and e.type not in ("country", "admin1")):
        return False
    if e.source != "geonames":
        return True
    if len(m.key.replace(" ", "")) < 3:
        return False
    known = e.country in countries
    if e.country in ARAB:
        if e.population == 0:
            return known and len(m.key) >= 5
        return e.population >= (MIN_POP_ARAB if known else MIN_POP_ARAB_ALONE)
    return e.population >= (MIN_POP_ABROAD_KNOWN if known else MIN_POP_ABROAD)


def _score(m: Match, e: Entry, countries: Counter, anchors: list[Entry]) -> float:
    s = math.log10(e.population + 10) / 2
    s += {"conflict": 2.0, "admin1": 1.0, "countries": 1.5, "geonames": 0.0}[e.source]
    if e.country and countries:
        s += 3.0 * countries[e.country] / max(countries.values())
    if anchors and e.type not in ("country", "region"):
        d = min(_km(e, a) for a in anchors)
        s += 2.0 if d < 60 else 1.0 if d < 200 else 0.0
    if m.kind == "admin1":
        s += 6.0 if e.type == "admin1" else 0.0
    elif m.kind in KIND_TYPES:
        s += 2.5 if e.type in KIND_TYPES[m.kind] else 0.0
    elif e.type == "admin1":
        s -= 1.5  # a bare "الرقة" is the city; the province needs محافظة/ولاية
    return s


def _unambiguous(matches: list[Match]) -> tuple[Counter, list[Entry]]:
    """Countries named in the text, and the places that have only one reading."""
    countries: Counter = Counter()
    anchors: list[Entry] = []
    for m in matches:
        ok = [e for e in m.entries if e.source != "geonames" and admissible(m, e)]
        ccs = {e.country for e in ok if e.country}
        if len(ccs) == 1:
            countries[ccs.pop()] += 1
            places = [e for e in ok if e.type not in ("country", "region", "admin1")]
            if len(places) == 1:
                anchors.append(places[0])
    return countries, anchors


def resolve(matches: list[Match], text: str, entity_spans: Iterable[tuple[int, int, str]] = (),
            gz: Optional[Gazetteer] = None) -> list[Place]:
    """Places for ``matches`` (a mention with no admissible reading is dropped)."""
    ents = list(entity_spans)
    countries, anchors = _unambiguous(matches)
    known = frozenset(countries)
    out: list[Place] = []
    for m in matches:
        labels = {lab for s, e, lab in ents if s < m.end and m.start < e}
        if labels & {"PER", "ORG", "NORP"} and not labels & {"LOC", "GPE", "FAC"}:
            continue
        loc = bool(labels & {"LOC", "GPE", "FAC"})
        cands = [e for e in m.entries if admissible(m, e, loc, known)]
        if not cands:
            continue
        best = max(cands, key=lambda e: _score(m, e, countries, anchors))
        precision = best.precision
        if m.kind == "countryside" and best.type not in ("admin1", "country", "region"):
            precision = 2
        elif m.kind == "desert" and best.type not in ("region",):
            precision = 3
        elif m.kind == "admin1" and best.type != "admin1" and gz is not None:
            prov = gz.admin1_by_name.get((best.country, best.admin1))
            if prov is not None:
                best, precision = prov, 3
        out.append(Place(m.start, m.end, text[m.start:m.end], best.name_en, round(best.lat, 4),
                         round(best.lon, 4), best.country, best.admin1, best.geonameid, precision))
    return out
