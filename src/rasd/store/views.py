"""Migration 7's SQL: names as real columns, readable views, and SQLite's raw-text search index.

The layer tables kept each record's JSON plus the few columns the first filters needed; a
filter by name (``actor=داعش``, ``place=Raqqa``, ``event_type=Battles``) and anyone opening the
database in an SQL tool (datasette, sqlite3, psql) need the rest as columns: actor names,
ACLED types, modes, geonameids, quote speakers. Existing rows are backfilled from their JSON.

The views (``event_details``, ``quote_details``) join each row with its article and cut the
evidence sentence out of the text. ``articles_text_fts`` (SQLite only) indexes titles and text
as written, with ``content="articles"`` so that datasette finds it and offers a search box on
the articles table; triggers keep it in step with every insert and delete. rasd's own search
(``articles_fts``, folded spelling and clitics) is unchanged.
"""
from __future__ import annotations

# table -> (column, type, JSON path in the record)
COLUMNS = {
    "events": (("geonameid", "INTEGER", "place.geonameid"), ("acled_event_type", "TEXT", "acled.event_type"),
               ("acled_sub_event_type", "TEXT", "acled.sub_event_type"), ("mode", "TEXT", "mode"),
               ("actor1_name", "TEXT", "actor1.name_en"), ("actor2_name", "TEXT", "actor2.name_en"),
               ("date_precision", "TEXT", "date.precision"), ("lat", "REAL", "place.lat"), ("lon", "REAL", "place.lon")),
    "places": (("geonameid", "INTEGER", "geonameid"), ("text", "TEXT", "text"), ("precision", "INTEGER", "precision")),
    "entities": (("text", "TEXT", "text"),),
    "quotes": (("text", "TEXT", "text"), ("kind", "TEXT", "kind"), ("speaker_name", "TEXT", "speaker.name_en"),
               ("speaker_text", "TEXT", "speaker.text"), ("via", "TEXT", "via")),
}
# An actor without an English name is stored under the words of the text (rows.layer_values).
_FALLBACK = {"actor1_name": "actor1.text", "actor2_name": "actor2.text"}

INDEXES = """
CREATE INDEX events_geonameid ON events(geonameid);
CREATE INDEX events_acled_type ON events(acled_event_type);
CREATE INDEX events_status ON events(status);
CREATE INDEX places_geonameid ON places(geonameid);
CREATE INDEX places_name ON places(name_en);
CREATE INDEX entities_name ON entities(name_en);
"""

VIEWS = """
CREATE VIEW event_details AS
SELECT e.article_id || ':' || e.idx AS id, e.article_id, a.title, a.outlet, a.published,
       COALESCE(e.event_date, a.published) AS date, e.event_date, e.date_precision,
       e.type, e.mode, e.status, e.acled_event_type, e.acled_sub_event_type,
       e.actor1_name AS actor1, e.actor1_kb_id, e.actor2_name AS actor2, e.actor2_kb_id,
       e.place_name AS place, e.admin1, e.country, e.geonameid, e.lat AS latitude, e.lon AS longitude,
       e.fatalities, SUBSTR(a.text, e.start_offset + 1, e.end_offset - e.start_offset) AS evidence
FROM events e JOIN articles a ON a.id = e.article_id;
CREATE VIEW quote_details AS
SELECT q.article_id || ':' || q.idx AS id, q.article_id, a.title, a.outlet, a.published,
       q.text AS quote, q.kind, q.speaker_name AS speaker, q.speaker_kb_id, q.speaker_text, q.via,
       q.incitement
FROM quotes q JOIN articles a ON a.id = q.article_id;
"""

# External content: the index reads titles and text from ``articles`` by rowid.
SQLITE_SEARCH = """
CREATE VIRTUAL TABLE articles_text_fts USING fts5(title, text, content="articles", content_rowid="rowid",
    tokenize="unicode61 categories 'L* N* Co Mn'");
INSERT INTO articles_text_fts (articles_text_fts) VALUES ('rebuild');
CREATE TRIGGER articles_text_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_text_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_text_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_text_fts (articles_text_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_text_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_text_fts (articles_text_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_text_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
"""


def _json(dialect: str, path: str, type_: str) -> str:
    if dialect == "sqlite":
        return f"json_extract(record, '$.{path}')"
    value = "CAST(record AS JSONB) #>> '{" + path.replace(".", ",") + "}'"
    return value if type_ == "TEXT" else f"CAST({value} AS {'DOUBLE PRECISION' if type_ == 'REAL' else type_})"


def columns_sql(dialect: str) -> str:
    """ALTER TABLE ... ADD COLUMN for every new column, then one UPDATE per table to fill them."""
    out = []
    for table, cols in COLUMNS.items():
        out += [f"ALTER TABLE {table} ADD COLUMN {c} {t};" for c, t, _ in cols]
        sets = []
        for c, t, path in cols:
            v = _json(dialect, path, t)
            if c in _FALLBACK:
                v = f"COALESCE({v}, {_json(dialect, _FALLBACK[c], t)})"
            sets.append(f"{c} = {v}")
        out.append(f"UPDATE {table} SET {', '.join(sets)};")
    return "\n".join(out) + "\n"


SQLITE = columns_sql("sqlite") + INDEXES + VIEWS + SQLITE_SEARCH
POSTGRES = columns_sql("postgres") + INDEXES + VIEWS

# Migration 8: names are looked up case-blind (actor=islamic state) and as written (داعش):
# indexes on the same expressions the lookups use (rasd.store.names), so that resolving a
# name reads a few rows instead of every entity, event and quote.
NAME_INDEXES = """
CREATE INDEX entities_name_lower ON entities(LOWER(name_en));
CREATE INDEX entities_text ON entities(text);
CREATE INDEX events_actor1_name_lower ON events(LOWER(actor1_name));
CREATE INDEX events_actor2_name_lower ON events(LOWER(actor2_name));
CREATE INDEX events_place_name_lower ON events(LOWER(place_name));
CREATE INDEX events_admin1 ON events(admin1);
CREATE INDEX quotes_speaker_name_lower ON quotes(LOWER(speaker_name));
CREATE INDEX quotes_speaker_text ON quotes(speaker_text);
CREATE INDEX places_name_lower ON places(LOWER(name_en));
CREATE INDEX places_text ON places(text);
CREATE INDEX places_admin1 ON places(admin1);
"""
