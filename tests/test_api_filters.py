"""Filters by the names people type (English or Arabic), status, types, fatalities and dates;
unknown names refused with suggestions; GET /suggest as people type."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import fixtures_store as fx
from fixtures_store import db_url  # noqa: F401  (the backend-parametrized fixture)
from rasd.api.app import create_app
from rasd.model import Acled, Actor, Article, Event
from rasd.store import open_store

RAQQA = dict(name_en="Ar Raqqah", lat=35.9528, lon=39.0079, country="SY", admin1="Ar-Raqqa", geonameid=172955)
IS = ("داعش", "Islamic State", "org:islamic-state")
SDF = ("قوات سوريا الديمقراطية", "Syrian Democratic Forces", "org:sdf")


def article_raqqa() -> Article:
    """A clash in Raqqa (Battles) and a call to arms, both by the Islamic State."""
    t = ("اشتبك مقاتلو داعش مع قوات سوريا الديمقراطية في الرقة يوم الجمعة، ما أدى إلى مقتل سبعة مقاتلين. "
         "ودعا التنظيم أنصاره إلى النفير العام.")
    a = Article.create(t, id="art-raqqa", title="اشتباكات في الرقة", outlet="الشرق الأوسط", published="2024-03-09")
    pl, dt = fx.place(t, "الرقة", RAQQA), fx.date(t, "يوم الجمعة", "2024-03-08")
    return (a.with_layer("entities", [fx.ent(t, "داعش", "ORG", *IS[1:]), fx.ent(t, "قوات سوريا الديمقراطية", "ORG", *SDF[1:])])
             .with_layer("places", [pl]).with_layer("dates", [dt])
             .with_layer("events", [
                 Event("ASSAULT", None, "occurred", Acled("Battles", "Armed clash"), fx.actor(IS), fx.actor(SDF),
                       pl, dt, 7, fx.sentence(t, "اشتبك")),
                 Event("MOBILIZE", None, "called", None, Actor("التنظيم", "Islamic State", "org:islamic-state"),
                       None, None, None, None, fx.sentence(t, "ودعا"))]))


@pytest.fixture
def client(db_url, monkeypatch):
    monkeypatch.delenv("RASD_API_TOKEN", raising=False)
    with open_store(db_url) as s:
        fx.fill(s)
        s.put(article_raqqa())
    with TestClient(create_app(db_url)) as c:
        yield c


def ids(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["items"]]


@pytest.mark.parametrize("query", ["country=Syria", "country=سوريا", "country=SYR", "country=sy"])
def test_country_by_name_or_code_in_english_or_arabic(client, query):
    assert ids(client, f"/events?{query}") == ["art-idlib-a:0", "art-idlib-b:0", "art-xss:0", "art-raqqa:0"]


@pytest.mark.parametrize("query", ["actor=Islamic State", "actor=داعش", "actor=ISIS", "actor=org:islamic-state"])
def test_actor_by_name_in_english_or_arabic(client, query):
    assert ids(client, f"/events?{query}") == ["art-raqqa:0", "art-raqqa:1"]


@pytest.mark.parametrize("query", ["place=Raqqa", "place=الرقة", "place=Ar Raqqah", "place=172955",
                                   "admin1=Raqqa", "admin1=الرقة"])
def test_place_and_admin1_by_name(client, query):
    assert ids(client, f"/events?{query}") == ["art-raqqa:0"]


@pytest.mark.parametrize("query, expected", [
    ("event_type=Battles", ["art-raqqa:0"]),
    ("event_type=Air/drone strike", ["art-idlib-a:0", "art-idlib-b:0"]),
    ("event_type=assault", ["art-idlib-a:0", "art-idlib-b:0", "art-raqqa:0"]),
    ("event_type=PROTEST,Battles", ["art-raqqa:0", "art-baghdad:0"]),
    ("status=called", ["art-raqqa:1"]),
    ("status=called,threatened", ["art-xss:0", "art-raqqa:1"]),
    ("fatalities_min=4", ["art-idlib-a:0", "art-raqqa:0"]),
    ("fatalities_min=1&fatalities_max=5", ["art-idlib-a:0", "art-idlib-b:0"]),
    ("date_from=2024-03-08&date_to=2024-03-09", ["art-raqqa:0", "art-raqqa:1"]),
    ("outlet=Asharq Al-Awsat", ["art-raqqa:0", "art-raqqa:1"]),
])
def test_type_status_fatalities_dates_and_outlet(client, query, expected):
    assert ids(client, f"/events?{query}") == expected


@pytest.mark.parametrize("url, expected", [
    ("/articles?actor=داعش", ["art-raqqa"]),
    ("/articles?status=called", ["art-raqqa"]),
    ("/articles?event_type=Battles&status=called", []),   # one same event must match both
    ("/stories?country=Syria", ["story-idlib", "story-threat"]),
])
def test_listings_of_articles_and_stories_take_the_same_names(client, url, expected):
    assert ids(client, url) == expected


def test_the_listing_says_how_each_name_was_read(client):
    resolved = client.get("/events?place=Raqqa&country=سوريا").json()["resolved"]
    assert resolved["country"]["matches"] == ["Syria"] and "Ar Raqqah (SY)" in resolved["place"]["matches"]


@pytest.mark.parametrize("query, suggestion", [
    ("country=Syrai", "SY"), ("actor=Islamc State", "org:islamic-state"), ("place=Raqa", "172955"),
    ("status=calld", "called"), ("event_type=Battle", "Battles"), ("outlet=Reutres", "org:reuters"),
])
def test_an_unknown_name_is_a_400_with_suggestions_not_zero_rows(client, query, suggestion):
    r = client.get(f"/events?{query}")
    err = r.json()["error"]
    assert r.status_code == 400 and err["code"] == "unknown_name" and err["param"] == query.split("=")[0]
    assert suggestion in [s["value"] for s in err["suggestions"]]


@pytest.mark.parametrize("kind, typed, first", [
    ("actor", "داع", "org:islamic-state"), ("actor", "Islamic St", "org:islamic-state"),
    ("actor", "Mil", "generic:military:SY"),        # in the database: first
    ("country", "سور", "SY"), ("place", "الرق", "172955"), ("place", "Raqq", "172955"),
    ("status", "thr", "threatened"), ("event_type", "Batt", "Battles"), ("outlet", "وكالة ال", "وكالة النهار"),
])
def test_suggest_offers_names_as_people_type(client, kind, typed, first):
    items = client.get("/suggest", params={"kind": kind, "q": typed}).json()["items"]
    assert items[0]["value"] == first


def test_a_suggestion_is_a_value_the_filter_takes(client):
    for s in client.get("/suggest", params={"kind": "place", "q": "الرق", "limit": 5}).json()["items"]:
        assert client.get("/events", params={"place": s["value"]}).status_code == 200


@pytest.mark.parametrize("params", [{"kind": "colour", "q": "x"}, {"kind": "actor"}, {"kind": "actor", "q": "x", "n": 1}])
def test_suggest_refuses_bad_parameters(client, params):
    r = client.get("/suggest", params=params)
    assert r.status_code in (400, 422) and r.json()["error"]["code"]
