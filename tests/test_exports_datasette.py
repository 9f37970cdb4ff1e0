"""The SQLite database as SQL tools see it: names as columns, readable views, a full-text index
datasette finds (its search box on articles), and the metadata describing it all."""
from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest

import fixtures_store as fx
from rasd.store import open_store
from rasd.store.datasette import metadata

DOCS = Path(__file__).resolve().parents[1] / "docs" / "datasette-metadata.json"


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "rasd.db")
    with open_store(path) as s:
        fx.fill(s)
    return path


def sql(db, query, *params):
    with sqlite3.connect(db) as c:
        return c.execute(query, params).fetchall()


@pytest.mark.parametrize("query, expected", [
    ("SELECT actor1, type, status, fatalities, place FROM event_details WHERE id = 'art-idlib-b:0'",
     [("Military Forces of Syria", "ASSAULT", "occurred", 3, "Idlib")]),
    ("SELECT evidence FROM event_details WHERE id = 'art-baghdad:0'", [("تظاهر مئات الطلاب في بغداد يوم الأحد للمطالبة بفرص العمل.",)]),
    ("SELECT speaker, quote FROM quote_details WHERE article_id = 'art-idlib-b'", [("Military source", "الغارات لم تصب أي مدني")]),
    ("SELECT acled_event_type, geonameid, mode FROM events WHERE article_id = 'art-idlib-a'",
     [("Explosions/Remote violence", 169388, "aerial")]),
    ("SELECT text, geonameid, precision FROM places WHERE article_id = 'art-xss'", [("حلب", 170063, 2)]),
])
def test_names_types_and_speakers_are_columns_and_views(db, query, expected):
    assert sql(db, query) == expected


def test_the_raw_text_index_follows_every_write(db):
    find = "SELECT a.id FROM articles_text_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_text_fts MATCH ?"
    assert sql(db, find, "الطلاب") == [("art-baghdad",)]
    with open_store(db) as s:
        s.put(fx.article_baghdad().with_layer("events", []))    # replaced: deleted and inserted again
    assert sql(db, find, "الطلاب") == [("art-baghdad",)]
    assert sql(db, "INSERT INTO articles_text_fts (articles_text_fts) VALUES ('integrity-check')") == []


def test_the_docs_metadata_is_the_generated_one():
    assert json.loads(DOCS.read_text(encoding="utf-8")) == metadata("rasd")


def test_every_column_is_described(db):
    tables = metadata("rasd")["databases"]["rasd"]["tables"]
    for table in ("articles", "entities", "places", "quotes", "events", "stories"):
        cols = {r[1] for r in sql(db, f"PRAGMA table_info({table})")}
        assert cols <= set(tables[table]["columns"]), table


def test_datasette_finds_the_search_index_and_reads_the_metadata(db):
    datasette = pytest.importorskip("datasette.app", reason="pip install datasette to open the db with it")

    async def check():
        ds = datasette.Datasette([db], metadata=metadata("rasd"))
        await ds.invoke_startup()
        assert await ds.get_database("rasd").fts_table("articles") == "articles_text_fts"
        found = (await ds.client.get("/rasd/articles.json?_search=بغداد&_shape=array&_col=title")).json()
        views = await ds.get_database("rasd").view_names()
        page = (await ds.client.get("/rasd/events")).text
        return [a["id"] for a in found], views, page

    found, views, page = asyncio.run(check())
    assert found == ["art-baghdad"] and {"event_details", "quote_details"} <= set(views)
    assert "PLOVER type" in page        # the column descriptions from the metadata
