"""The five seeds: every place the texts name resolves, and their dates come out right.

Expectations checked by hand against the seed texts (see docs/places_dates.md). Publication
dates come from ../shared/seeds/README.md (000 is "June 2017": any June day gives the same values
for the expressions tested here except the relative ones, which are not tested for it).
"""
from __future__ import annotations


import pytest

from conftest import shared_path
from rasd.geo import is_dateline
from rasd.model import Article
from rasd.stages import DatesStage, EntitiesStage, PlacesStage
from rasd.geo.resolver import _km_pts

SEEDS = {"000": "000_141a6f80f6be6476.txt", "001": "001_f8a55f972cacf096.txt",
         "002": "002_8a825199df394cb4.txt", "003": "003_100c345eab92095f.txt",
         "004": "004_13e14b1b79b6834b.txt"}
PUB = {"000": "2017-06-10", "001": None, "002": "2019-03-18", "003": None, "004": "2019-03-19"}


def _article(seed: str) -> Article:
    text = shared_path("seeds", SEEDS[seed]).read_text(encoding="utf-8")
    art = Article.create(text, published=PUB[seed])
    return DatesStage()(PlacesStage()(art))


def _km(p, lat, lon):
    return _km_pts(p.lat, p.lon, lat, lon)


# (seed, surface, lat, lon, precision): the point a reader would put on the map.
PLACES = [
    ("000", "الرقة", 35.95, 39.01, 1), ("000", "دير الزور", 35.34, 40.14, 1),
    ("000", "الحسكة", 36.50, 40.75, 2), ("000", "بادية حمص", 34.6, 38.2, 3),
    ("000", "حي المشلب", 35.95, 39.03, 1), ("000", "ضاحية الجزرة", 35.95, 38.96, 1),
    ("000", "ولاية الخير", 35.0, 40.45, 3),
    ("001", "الطبقة", 35.84, 38.55, 1), ("001", "سد الفرات", 35.87, 38.55, 1),
    ("001", "الهول", 36.37, 41.15, 1), ("001", "الشدادي", 36.06, 40.73, 1),
    ("001", "مدينة الثورة", 35.84, 38.55, 1), ("001", "دير الزور", 35.34, 40.14, 1),
    ("002", "الباغوز", 34.45, 40.95, 1), ("002", "كرايست تشيرش", -43.53, 172.63, 1),
    ("002", "نيوزيلندا", -40.5, 174.7, 3), ("002", "البادية السورية", 34.6, 38.6, 3),
    ("002", "بيروت", 33.89, 35.50, 1),
    ("003", "الموصل", 36.34, 43.12, 1), ("003", "الأنبار", 32.8, 42.0, 3),
    ("003", "مقر الفرقة 17", 35.99, 39.02, 1), ("003", "صحراء ديرالزور", 34.7, 39.9, 3),
    ("003", "باريس", 48.85, 2.35, 1),
    ("004", "الباغوز", 34.45, 40.95, 1), ("004", "نيوزيلندا", -40.5, 174.7, 3),
    ("004", "الشام", 34.5, 37.0, 3), ("004", "غرب أفريقيا", 12.0, -2.0, 3),
]


@pytest.mark.parametrize("seed, surface, lat, lon, precision", PLACES)
def test_seed_places_resolve(seed, surface, lat, lon, precision):
    hits = [p for p in _article(seed).places if p.text == surface]
    assert hits, surface
    assert _km(hits[0], lat, lon) <= 25 and hits[0].precision == precision, hits[0]


@pytest.mark.parametrize("seed, surface, dateline", [("002", "بيروت", True), ("002", "الباغوز", False)])
def test_seed_dateline(seed, surface, dateline):
    art = _article(seed)
    assert is_dateline(art, next(p for p in art.places if p.text == surface)) is dateline


@pytest.mark.parametrize("seed, surface, country", [
    ("002", "العراق", "IQ"), ("002", "الولايات المتحدة", "US"), ("004", "العراق", "IQ"),
    ("004", "واشنطن", "US"), ("001", "سوريا", "SY"),
])
def test_seed_countries(seed, surface, country):
    assert {p.country for p in _article(seed).places if p.text == surface} == {country}


@pytest.mark.parametrize("seed, surface", [("001", "سورية"), ("002", "البغدادي"), ("000", "الجمعة")])
def test_seed_non_places_stay_out(seed, surface):
    # "غير سورية" is an adjective, البغدادي a surname, الجمعة Friday prayers
    assert not [p for p in _article(seed).places if p.text == surface]


@pytest.mark.parametrize("seed, text, value, precision", [
    ("000", "الشهر المنصرم", "2017-05", "month"),
    ("000", "الثلث الأول من شهر أيار / مايو الفائت من العام الجاري 2017", "2017-05", "month"),
    ("000", "الـ 5 من أيار / مايو الفائت من العام الجاري 2017", "2017-05-05", "day"),
    ("000", "النصف الثاني من شهر شباط / فبراير الفائت من العام الجاري 2017", "2017-02", "month"),
    ("002", "الإثنين", "2019-03-18", "day"),
    ("002", "أيلول/سبتمبر", "2018-09", "month"),
    ("002", "الجمعة", "2019-03-15", "day"),
    ("002", "العام 2014", "2014", "year"),
    ("004", "أمس الإثنين 18 آذار/مارس", "2019-03-18", "day"),
    ("004", "عام 2014", "2014", "year"),
])
def test_seed_dates(seed, text, value, precision):
    assert (text, value, precision) in [(d.text, d.value, d.precision) for d in _article(seed).dates]


@pytest.mark.parametrize("seed", ["001", "003"])
def test_seeds_without_publication_date_invent_nothing(seed):
    assert _article(seed).dates == ()


@pytest.fixture(scope="module")
def with_entities():
    """Seeds run through the entities stage first, as in the real pipeline (skips if absent)."""
    stage = EntitiesStage()
    cache: dict[str, Article] = {}

    def get(seed: str) -> Article:
        if seed not in cache:
            text = shared_path("seeds", SEEDS[seed]).read_text(encoding="utf-8")
            cache[seed] = PlacesStage()(stage(Article.create(text, published=PUB[seed])))
        return cache[seed]
    return get


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("seed, surface, lat, lon, precision", PLACES)
def test_seed_places_resolve_after_the_entities_stage(with_entities, seed, surface, lat, lon, precision):
    hits = [p for p in with_entities(seed).places if p.text == surface]
    assert hits and _km(hits[0], lat, lon) <= 25 and hits[0].precision == precision, surface
