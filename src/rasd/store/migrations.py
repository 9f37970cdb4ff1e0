"""Schema migrations, registered in code and applied in order by every backend.

Each migration has a version, a name, and one SQL script per dialect. A backend applies
those above its recorded version inside a transaction and records them in
``schema_migrations``; never edit a released migration, add a new one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .base import StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sqlite: str
    postgres: str


MIGRATIONS: list[Migration] = []


def register(version: int, name: str, sqlite: str, postgres: str | None = None) -> None:
    """Add a migration; versions must be new and increasing."""
    if MIGRATIONS and version <= MIGRATIONS[-1].version:
        raise ValueError(f"migration {version} is not after {MIGRATIONS[-1].version}")
    MIGRATIONS.append(Migration(version, name, sqlite, postgres if postgres is not None else sqlite))


def check_version(current: Optional[int], where: str, create: bool) -> int:
    """The recorded schema version, refusing what this code must not touch: a database with
    no rasd schema when it may not create one (``current`` None), a schema newer than this
    code (an older rasd would write rows the newer schema does not expect)."""
    if current is None:
        if not create:
            raise StoreError(f"{where} is not a rasd database (it has no schema_migrations table)")
        return 0
    latest = MIGRATIONS[-1].version
    if current > latest:
        raise StoreError(f"{where} has schema version {current}, newer than this rasd knows ({latest}): "
                         "upgrade rasd to use it")
    return current


# Layer tables share one shape: the record's JSON plus the columns filters need.
_LAYER = """
CREATE TABLE {name} (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    {extra}
    record TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
"""

register(1, "articles, layers, errors", sqlite="""
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    title TEXT, outlet TEXT, url TEXT, published TEXT,
    text TEXT NOT NULL,
    source TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_hash ON articles(content_hash);
""" + _LAYER.format(name="entities", extra="label TEXT NOT NULL, kb_id TEXT, name_en TEXT,")
    + _LAYER.format(name="places", extra="name_en TEXT, country TEXT, admin1 TEXT, lat REAL, lon REAL,")
    + _LAYER.format(name="dates", extra="value TEXT NOT NULL, precision TEXT NOT NULL,")
    + _LAYER.format(name="quotes", extra="speaker_kb_id TEXT, incitement INTEGER NOT NULL,")
    + _LAYER.format(name="events", extra="type TEXT NOT NULL, status TEXT NOT NULL, event_date TEXT, "
                                         "country TEXT, actor1_kb_id TEXT, actor2_kb_id TEXT, fatalities INTEGER,")
    + """
CREATE INDEX entities_kb ON entities(kb_id);
CREATE INDEX events_type ON events(type);
CREATE TABLE errors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    error TEXT NOT NULL,
    message TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (source, error, message)
);
""", postgres=None)

register(2, "stories", sqlite="""
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    first_published TEXT,
    last_published TEXT,
    record TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE story_articles (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article ON story_articles(article_id);
""")

# 3: full-text search over normalized text (SQLite FTS5 / PostgreSQL tsvector) and the event
# columns the place filters need. Existing rows are backfilled from their JSON records here;
# the search index is filled by the backend after migrating (normalization lives in Python).
_EVENT_COLUMNS = """
ALTER TABLE events ADD COLUMN admin1 TEXT;
ALTER TABLE events ADD COLUMN place_name TEXT;
CREATE INDEX events_country ON events(country);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_actor1 ON events(actor1_kb_id);
CREATE INDEX events_actor2 ON events(actor2_kb_id);
CREATE INDEX places_country ON places(country);
CREATE INDEX quotes_speaker ON quotes(speaker_kb_id);
"""
SEARCH_INDEX_VERSION = 3  # the migration that creates the full-text index tables
register(3, "search index, event place columns", sqlite=_EVENT_COLUMNS + """
UPDATE events SET admin1 = json_extract(record, '$.place.admin1'),
                  place_name = json_extract(record, '$.place.name_en');
CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 0');
""", postgres=_EVENT_COLUMNS + """
UPDATE events SET admin1 = CAST(record AS JSONB) #>> '{place,admin1}',
                  place_name = CAST(record AS JSONB) #>> '{place,name_en}';
CREATE TABLE article_search (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    doc TSVECTOR NOT NULL
);
CREATE INDEX article_search_doc ON article_search USING GIN (doc);
""")

# 4: what produced each article (rasd version, profile, models hash: Settings.provenance), and
# the hash of its input, so a known input is not analyzed again; stories are looked up by date.
register(4, "article provenance and input hash", sqlite="""
ALTER TABLE articles ADD COLUMN provenance TEXT;
ALTER TABLE articles ADD COLUMN input_hash TEXT;
CREATE INDEX articles_input_hash ON articles(input_hash);
""")

# 5: the stories layer's article embeddings, keyed by the embedded text's hash, so a story
# update embeds only new or changed articles, never the stored ones inside its window again.
register(5, "embedding cache", sqlite="""
CREATE TABLE embeddings (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    vec BLOB NOT NULL,
    PRIMARY KEY (article_id, kind)
);
""", postgres="""
CREATE TABLE embeddings (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    vec BYTEA NOT NULL,
    PRIMARY KEY (article_id, kind)
);
""")

# 6: the feed watcher's per-feed state (rasd watch: conditional GET, failures in a row), and
# articles looked up by URL, which is how the watcher drops an entry it has already stored.
register(6, "feed state, articles by url", sqlite="""
CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    title TEXT,
    etag TEXT,
    last_modified TEXT,
    last_checked TEXT,
    last_seen TEXT,
    last_entry TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX articles_url ON articles(url);
""")

# 7: names as columns (actor names, ACLED types, modes, geonameids, quote speakers) for filters
# by name and SQL tools, the event_details / quote_details views, and SQLite's raw-text index
# that datasette's search box finds (the SQL is in rasd.store.views).
from .views import POSTGRES as _V7_POSTGRES, SQLITE as _V7_SQLITE  # noqa: E402

register(7, "name columns, detail views, raw-text search", sqlite=_V7_SQLITE, postgres=_V7_POSTGRES)

# 8: indexes for looking names up case-blind and as written (rasd.store.views.NAME_INDEXES).
from .views import NAME_INDEXES as _V8  # noqa: E402

register(8, "name lookup indexes", sqlite=_V8)
