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
from ..text import norm
from .gazetteer import Entry, Gazetteer
from .matcher import KIND_WORDS, Match

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
الخارجه جديده جديد حديثه كلمه مسجدين مسجد كرد دوله بلد الكرامه سلوك الراعي نبل الجزره القاع
قنديل الضمير الدبس الجانب الايسر الخضر ليل شبه وان سنه الجديد الجديده بانه الي سلطات ميدان
هويه الزعيم يهود ريم جمال جامعه اطار بحري الابيض عاليه خالص بركه الخمس الدور قبلي المطريه الحراك قاره
كسب ثوره الهنديه رشيد فلاديمير اوستن انه لانه بان ان السفيره سفيره الحكومه الفصائل خبر كورونا
قنوات لوم ابا امان الشقيق موصول الحاضر حربيه القاسم نقده واها رياض مساكن السلمان البلده بلده المنطقه القريه المخيم الجماليه العماره روم الروم سلاله لاد بشار الام اشرف عثمانيه اباده الجميل سعيده
البيض افران كانو رقه خفي سويس
""".split()) - {"كركوك", "الرياض", "القدس", "الخليج", "الصالحيه"}
STOPWORDS = {norm(w) for w in STOPWORDS}
# Kind words strong enough to make a common word a place name (حي الثورة، قرية الجديدة).
STRONG_KINDS = {"neighbourhood", "village", "town", "city", "admin1", "camp", "countryside", "district"}
# Place names that are everyday words but missing from common_words.txt (حجة "pretext",
# الجوف "the hollow"): like frequent words, they need their country named elsewhere.
AMBIGUOUS_WORDS = {norm(w) for w in "حجة الجوف البيضاء الضباب الرقو المخا العمارة الحمدانية بركان عقبة "
                   "بورصة عمران".split()}
# Country names that are also everyday words (مالي "financial"): only after a preposition
# or a direction, or when the article names the country otherwise.
AMBIGUOUS_COUNTRIES = {"مالي", "تشاد"}
PLACE_PREPS = {"في", "الى", "الي", "شمال", "جنوب", "شرق", "غرب", "وسط", "دوله", "جمهوريه", "حكومه",
               "من", "عن", "مع", "داخل", "خارج", "حول", "نحو", "شمالي", "جنوبي", "شرقي", "غربي", "سفير",
               "رئيس", "حدود", "اراضي", "زار", "زياره", "دخل", "دخول", "مغادره", "غادر"}
# Country names that are also the feminine adjective (سورية "Syrian").
ADJECTIVE_COUNTRIES = {"سوريه"}
KIND_TYPES = {
    "neighbourhood": {"neighbourhood"}, "camp": {"camp"}, "village": {"village", "town", "city"},
    "town": {"town", "city", "village"}, "city": {"city", "town", "capital"}, "admin1": {"admin1"},
    "base": {"base", "airport"}, "dam": {"dam"}, "crossing": {"crossing"},
}


def _km(a: Entry, b: Entry) -> float:
    """Great-circle distance in km."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


def admissible(m: Match, e: Entry, entity_loc: bool = False, countries: frozenset = frozenset(),
               common: frozenset = frozenset()) -> bool:
    """Whether ``e`` may stand for the bare name ``m`` at all."""
    # an NER LOC span does not rescue a stopword: taggers call "المدينة" (the city) a LOC
    strong = m.kind in STRONG_KINDS
    if m.key in STOPWORDS and not strong or len(m.key.replace(" ", "")) < 3:
        return False
    if m.kind or entity_loc:
        # a kind word (حي، قرية، مدينة ...) vouches for the name, not for any foreign homonym
        return e.source != "geonames" or e.country in ARAB or e.country in countries or e.population >= 10_000
    if e.needs_kind:
        return False
    if m.key in ADJECTIVE_COUNTRIES and not (m.clitic or m.prev in PLACE_PREPS or not m.prev):
        return False  # "فصائل سورية" (Syrian factions), not "في سورية"
    if m.key in AMBIGUOUS_COUNTRIES:
        return e.country in countries or m.prev in PLACE_PREPS
    big = e.population >= (100_000 if e.country in ARAB else 150_000) or e.type == "capital"
    area = e.type in ("country", "admin1", "region", "countryside", "river", "mountain")
    if (m.key in common or m.key in AMBIGUOUS_WORDS) and not area and not big:
        # a frequent word (الطبقة "the class", القائم "the existing"): its country must be
        # named elsewhere in the article, and a GeoNames town must be a real city
        if e.country not in countries or (e.source == "geonames" and e.population < 50_000):
            return False
    if e.source != "geonames":
        return True
    known = e.country in countries
    if e.country in ARAB:
        if e.population == 0:
            return known and len(m.key) >= 5
        return e.population >= (MIN_POP_ARAB if known else MIN_POP_ARAB_ALONE)
    return e.population >= (MIN_POP_ABROAD_KNOWN if known else MIN_POP_ABROAD)


SOURCE_BONUS = {"conflict": 3.0, "admin1": 2.0, "countries": 3.0, "geonames": 0.0}


def _score(m: Match, e: Entry, countries: Counter, anchors: list[Entry], top_pop: int) -> float:
    s = math.log10(e.population + 10) + SOURCE_BONUS[e.source]
    # the article's countries decide between comparable homonyms (Tripoli LB/LY), never
    # between a metropolis and a namesake town abroad (Moscow RU / Moscow, Idaho)
    if e.country and countries and (e.source != "geonames" or e.population * 20 >= top_pop):
        s += 4.0 * countries[e.country] / max(countries.values())
    if anchors and e.type not in ("country", "region"):
        d = min(_km(e, a) for a in anchors)
        s += 2.0 if d < 60 else 1.0 if d < 200 else 0.0
    if m.kind == "admin1":
        s += 6.0 if e.type == "admin1" else 0.0
    elif m.kind in KIND_TYPES:
        s += 2.5 if e.type in KIND_TYPES[m.kind] else 0.0
    return s


def _unambiguous(matches: list[Match]) -> tuple[list[tuple[str, str]], list[Entry]]:
    """(name, country) for each name with one country among curated readings, and the
    places that have only one reading (anchors for "حي X" and homonyms)."""
    votes: list[tuple[str, str]] = []
    anchors: list[Entry] = []
    for m in matches:
        if m.key in STOPWORDS or m.key in AMBIGUOUS_COUNTRIES:
            continue
        ok = [e for e in m.entries if e.source != "geonames" and not e.needs_kind]
        ccs = {e.country for e in ok if e.country}
        if len(ccs) == 1:
            votes.append((m.key, ccs.pop()))
            places = [e for e in ok if e.type not in ("country", "region", "admin1")]
            if len(places) == 1:
                anchors.append(places[0])
    return votes, anchors


def resolve(matches: list[Match], text: str, entity_spans: Iterable[tuple[int, int, str]] = (),
            gz: Optional[Gazetteer] = None) -> list[Place]:
    """Places for ``matches`` (a mention with no admissible reading is dropped)."""
    ents = list(entity_spans)
    common = gz.common if gz is not None else frozenset()
    votes, anchors = _unambiguous(matches)
    countries = Counter(c for _, c in votes)
    out: list[Place] = []
    for m in matches:
        labels = {lab for s, e, lab in ents if s < m.end and m.start < e}
        # a person's or organisation's name that contains the whole mention vetoes it
        # (البغدادي in a PER span); a nisba next to it (الحدود + العراقية NORP) does not
        # (a kind word keeps it: "ولايات الرقة" is a province even when tagged as an IS unit)
        covering = {lab for s, e, lab in ents if s <= m.start and m.end <= e}
        kinded = m.kind is not None or m.key.split(" ")[0] in KIND_WORDS
        if covering & {"PER", "ORG", "NORP"} and not labels & {"LOC", "GPE", "FAC"} and not kinded:
            continue
        loc = bool(labels & {"LOC", "GPE", "FAC"})
        # a name never vouches for itself: its own votes leave the country count
        own = Counter(c for k, c in votes if k == m.key)
        known = frozenset(c for c, n in countries.items() if n > own[c])
        cands = [e for e in m.entries if admissible(m, e, loc, known, common)]
        if gz is not None and m.kind != "admin1":
            # "حمص" alone is the city: drop the province when its capital is a reading
            ids = {e.geonameid for e in cands if e.geonameid}
            kept = [e for e in cands if not (e.type == "admin1" and gz.admin1_capital.get((e.country, e.name_en)) in ids)]
            if kept and len(kept) < len(cands):
                cands = kept
            elif any(e.type == "admin1" for e in cands):
                # the province's name but not its capital's (صلاح الدين): the province
                cands = [e for e in cands if e.type == "admin1"]
        if not cands:
            continue
        top_pop = max(e.population for e in cands)
        best = max(cands, key=lambda e: _score(m, e, countries, anchors, top_pop))
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
    if gz is not None and gz.rivers:
        out = [_on_river(p, out, gz.rivers[p.name_en]) if p.name_en in gz.rivers else p for p in out]
    return out


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


def _km_pts(la1: float, lo1: float, la2: float, lo2: float) -> float:
    """Great-circle distance in km between two points."""
    la1, lo1, la2, lo2 = map(math.radians, (la1, lo1, la2, lo2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))
