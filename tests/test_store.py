"""One suite over both backends: SQLite always, PostgreSQL when RASD_TEST_PG_URL is set."""
from __future__ import annotations

import pytest

import fixtures_store as fx
from fixtures_store import db_url  # noqa: F401  (the backend-parametrized fixture)
from rasd.model import ItemError
from rasd.store import open_store
from rasd.store.migrations import MIGRATIONS
from rasd.store.search import FilterError


@pytest.fixture
def store(db_url):
    with open_store(db_url) as s:
        fx.fill(s)
        yield s


def test_migrate_is_idempotent_and_reaches_latest(db_url):
    with open_store(db_url) as s:
        assert s.migrate() == MIGRATIONS[-1].version
        assert s.migrate() == MIGRATIONS[-1].version


def test_put_then_get_round_trips_every_layer(store):
    for art in fx.articles():
        assert store.get(art.id) == art
        assert store.get(art.id).to_json() == art.to_json()


def test_same_article_twice_is_stored_once(store):
    assert [store.put(a) for a in fx.articles()] == [False] * 4
    assert len(list(store.articles())) == 4


def test_changed_analysis_replaces_the_old_version(store):
    art = fx.article_baghdad().with_layer("events", [])
    assert store.put(art)
    assert store.get(art.id).events == ()
    assert store.count_events(outlet="صحيفة الشرق") == 1


def test_errors_are_recorded_once(store):
    err = ItemError("x.html", "empty", "no text")
    store.put_error(err)
    store.put_error(err)
    assert store.errors() == [err]


def test_articles_come_oldest_first(store):
    assert [a.id for a in store.articles()] == ["art-idlib-a", "art-idlib-b", "art-xss", "art-baghdad"]


@pytest.mark.parametrize("query, expected", [
    ("إدلب", {"art-idlib-a", "art-idlib-b"}),
    ("ادلب", {"art-idlib-a", "art-idlib-b"}),           # hamza folded
    ("مدنيين", {"art-idlib-a"}),
    ("المدنيين", {"art-idlib-a"}),                      # with the article
    ("مدني", {"art-idlib-a", "art-idlib-b"}),           # المدني / مدني
    ("مدن", set()),                                     # whole words, not prefixes
    ("الطلاب بغداد", {"art-baghdad"}),                   # every word must occur
    ("مدينة", {"art-idlib-a"}),                         # ة/ه folded
    ("حماية", {"art-idlib-a"}),
    ("قرية", {"art-xss"}),
    ("الاعتصام", {"art-baghdad"}),
    ("غزة", set()),
    ('"OR *', set()),                                   # FTS syntax stays literal
])
def test_full_text_search_folds_arabic_spelling(store, query, expected):
    assert set(store.article_ids(q=query)) == expected


def test_search_matches_words_behind_clitics(store):
    # "والمسلحين" is not in the text but "للمسلحين" is: both fold to the stem "مسلحين".
    assert store.article_ids(q="مسلحين") == ["art-idlib-b"]


@pytest.mark.parametrize("filters, expected", [
    ({"outlet": "صحيفة الشرق"}, ["art-idlib-a", "art-baghdad"]),
    ({"date_from": "2024-03-05", "date_to": "2024-03-07"}, ["art-idlib-b", "art-xss"]),
    ({"date_to": "2024-03"}, ["art-idlib-a", "art-idlib-b", "art-xss", "art-baghdad"]),
    ({"country": "IQ"}, ["art-baghdad"]),
    ({"admin1": "Aleppo"}, ["art-xss"]),
    ({"place": "idlib"}, ["art-idlib-a", "art-idlib-b"]),
    ({"actor": "generic:military:SY"}, ["art-idlib-a", "art-idlib-b"]),
    ({"actor": "Q-WHITE-HELMETS"}, ["art-idlib-a"]),
    ({"event_type": "protest"}, ["art-baghdad"]),
    ({"story": "story-idlib"}, ["art-idlib-a", "art-idlib-b"]),
    ({"story": "story-idlib", "q": "ثلاثة"}, ["art-idlib-b"]),
])
def test_article_filters(store, filters, expected):
    assert store.article_ids(**filters) == expected
    assert store.count_articles(**filters) == len(expected)
    assert [a.id for a in store.articles(**filters)] == expected


def test_pagination_slices_the_ordered_list(store):
    assert store.article_ids(limit=2, offset=1) == ["art-idlib-b", "art-xss"]


@pytest.mark.parametrize("filters, expected", [
    ({}, ["art-idlib-a:0", "art-idlib-b:0", "art-xss:0", "art-baghdad:0"]),
    ({"country": "SY", "event_type": "ASSAULT"}, ["art-idlib-a:0", "art-idlib-b:0"]),
    ({"date_from": "2024-03-05"}, ["art-xss:0", "art-baghdad:0"]),   # event date, not publication
    ({"actor": "Q-GUNMEN"}, ["art-xss:0"]),
    ({"admin1": "Baghdad"}, ["art-baghdad:0"]),
    ({"place": "Aleppo"}, ["art-xss:0"]),
    ({"outlet": "وكالة النهار"}, ["art-idlib-b:0"]),
])
def test_event_filters(store, filters, expected):
    assert [e["id"] for e in store.events(**filters)] == expected
    assert store.count_events(**filters) == len(expected)


def test_events_carry_their_article_and_record(store):
    ev = store.events(outlet="وكالة النهار")[0]
    assert (ev["article"], ev["fatalities"], ev["place"]["name_en"]) == ("art-idlib-b", 3, "Idlib")


def test_entities_aggregate_by_kb_id(store):
    army = next(e for e in store.entities() if e["kb_id"] == "generic:military:SY")
    assert (army["mentions"], army["articles"], army["names"]) == (2, 2, ["الجيش السوري"])
    assert (army["first_seen"], army["last_seen"]) == ("2024-03-04", "2024-03-05")


def test_entity_by_id_linked_and_unlinked(store):
    assert store.entity("Q-BAGHDAD")["names"] == ["بغداد"]
    store.put(fx.article_baghdad().with_layer("entities", [fx.ent(fx.article_baghdad().text, "الطلاب", "NORP")]))
    assert store.entity("~NORP:الطلاب")["mentions"] == 1
    assert store.entity("nope") is None


def test_places_aggregate_by_geonameid(store):
    idlib = next(p for p in store.places(country="SY") if p["name_en"] == "Idlib")
    assert (idlib["mentions"], idlib["articles"], idlib["lat"]) == (2, ["art-idlib-a", "art-idlib-b"], 35.9306)


def test_quotes_by_speaker(store):
    assert [q["article"] for q in store.quotes(speaker="generic:military:SY")] == ["art-idlib-b"]


def test_stories_round_trip_and_filter(store):
    assert store.stories() == sorted(fx.stories(), key=lambda s: s.first_published)
    assert store.story("story-idlib").contradictions[0].about == "fatalities"
    assert [s.id for s in store.find_stories(country="IQ")] == ["story-baghdad"]
    assert store.stories_of("art-idlib-b") == ["story-idlib"]


@pytest.mark.parametrize("filters", [{"date_from": "yesterday"}, {"colour": "red"}])
def test_bad_filters_are_refused(store, filters):
    with pytest.raises(FilterError):
        store.article_ids(**filters)


def test_upgrade_from_schema_2_backfills_event_places_and_search(db_url, monkeypatch):
    """A database made before migration 3 gets its event columns and search index filled."""
    import rasd.store.migrations as mig
    from rasd.store.rows import dumps

    monkeypatch.setattr(mig, "MIGRATIONS", mig.MIGRATIONS[:2])
    for mod in ("rasd.store.sqlite", "rasd.store.postgres"):
        monkeypatch.setattr(f"{mod}.MIGRATIONS", mig.MIGRATIONS[:2], raising=False)
    art = fx.article_baghdad()
    with open_store(db_url) as old:
        ph = "%s" if old.dialect == "postgres" else "?"
        ev = art.to_json()["events"][0]
        with old.conn.cursor() if old.dialect == "postgres" else _nullctx(old.conn) as c:
            c.execute(f"INSERT INTO articles (id, content_hash, title, outlet, published, text, ingested_at) "
                      f"VALUES ({', '.join([ph] * 7)})", (art.id, "h", art.title, art.outlet, art.published, art.text, "t"))
            c.execute(f"INSERT INTO events (article_id, idx, start_offset, end_offset, type, status, country, record) "
                      f"VALUES ({', '.join([ph] * 8)})", (art.id, 0, 0, 10, "PROTEST", "occurred", "IQ", dumps(ev)))
        if old.dialect == "sqlite":
            old.conn.commit()
    monkeypatch.undo()
    with open_store(db_url) as s:
        assert [e["id"] for e in s.events(admin1="Baghdad", place="baghdad")] == ["art-baghdad:0"]
        assert s.article_ids(q="الطلاب") == ["art-baghdad"]


class _nullctx:
    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        return self.conn

    def __exit__(self, *exc):
        return False
