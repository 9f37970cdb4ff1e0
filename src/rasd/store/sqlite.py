"""The embedded SQLite backend: WAL mode, one writer, migrations from the registry."""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import urllib.parse
from typing import Iterator, Optional

from ..model import LAYERS, Article, ItemError
from .base import Store, StoreError
from .feeds import FeedStates
from .migrations import MIGRATIONS, SEARCH_INDEX_VERSION, check_version
from .rows import content_hash, dumps, input_hash, layer_rows, search_body
from .search import SQLQueries


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class SQLiteStore(SQLQueries, FeedStates, Store):
    """A SQLite file (or ``:memory:``)."""

    dialect = "sqlite"

    def __init__(self, path: str, create: bool = True, synchronous: Optional[str] = None):
        self.path, self.create = path, create
        self.conn = _connect(path, create)
        try:
            self._configure(synchronous or "normal")
        except sqlite3.DatabaseError as e:
            self.conn.close()
            raise StoreError(f"{path} is not a SQLite database ({e})") from None

    def _configure(self, synchronous: str) -> None:
        if synchronous.upper() not in SYNCHRONOUS:
            raise StoreError(f"synchronous must be one of {', '.join(s.lower() for s in SYNCHRONOUS)}, "
                             f"got {synchronous!r}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 10000")
        # Reading the schema first: a file that is not a database fails here, before any write.
        self.conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL (default): no fsync per commit (an fsync per article was 3/4 of ingest
            # time); the database stays consistent, a power cut may drop the last commits.
            # FULL: fsync at every commit, so a committed article survives a power cut.
            self.conn.execute(f"PRAGMA synchronous = {synchronous.upper()}")

    def migrate(self) -> int:
        c = self.conn
        exists = c.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").fetchone()
        recorded = c.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0] \
            if exists else None
        current = check_version(recorded, self.path, self.create)
        c.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                  "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        for m in MIGRATIONS:
            if m.version > current:
                with c:
                    for stmt in _statements(m.sqlite):
                        c.execute(stmt)
                    c.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (m.version, m.name, _now()))
                current = m.version
        if current >= SEARCH_INDEX_VERSION:
            self._index_missing()
        return current

    def _index_missing(self) -> None:
        """Put articles stored before the search index existed into it."""
        missing = self.conn.execute("SELECT id FROM articles WHERE rowid NOT IN (SELECT rowid FROM articles_fts)")
        for (aid,) in missing.fetchall():
            art = self.get(aid)
            with self.conn as c:
                self._index(c, art)

    @staticmethod
    def _index(c, article: Article) -> None:
        # The index row shares the article row's rowid: lookups and deletes go by rowid.
        c.execute("INSERT INTO articles_fts (rowid, article_id, body) "
                  "SELECT rowid, id, ? FROM articles WHERE id = ?", (search_body(article), article.id))

    def _rows(self, sql: str, params=()) -> list[tuple]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    def _execute(self, sql: str, params=()) -> None:
        with self.conn as c:
            c.execute(sql, tuple(params))

    def _fts_clause(self, column: str, terms: list[str]) -> tuple[str, list]:
        # Each term quoted: FTS5 syntax characters in user input stay literal.
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        return "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", [match]

    def has(self, article_id: str, chash: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ? AND content_hash = ?",
                                (article_id, chash)).fetchone()
        return row is not None

    def put(self, article: Article, provenance: Optional[dict] = None) -> bool:
        chash = content_hash(article)
        if self.has(article.id, chash):
            return False
        with self.conn as c:
            c.execute("DELETE FROM articles_fts WHERE rowid IN (SELECT rowid FROM articles WHERE id = ?)", (article.id,))
            c.execute("DELETE FROM articles WHERE id = ?", (article.id,))
            c.execute("INSERT INTO articles (id, content_hash, title, outlet, url, published, text, source, "
                      "ingested_at, provenance, input_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      (article.id, chash, article.title, article.outlet, article.url, article.published,
                       article.text, article.source, _now(), dumps(provenance) if provenance else None,
                       input_hash(article)))
            for table, cols, rows in layer_rows(article):
                if rows:
                    marks = ", ".join("?" * len(cols))
                    c.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
            self._index(c, article)
        return True

    def put_error(self, error: ItemError) -> None:
        with self.conn as c:
            c.execute("INSERT OR IGNORE INTO errors (source, error, message, recorded_at) VALUES (?, ?, ?, ?)",
                      (error.source, error.error, error.message, _now()))

    def _article(self, row) -> Article:
        aid = row[0]
        layers = {}
        for name in LAYERS:
            recs = self.conn.execute(f"SELECT record FROM {name} WHERE article_id = ? ORDER BY idx", (aid,))
            layers[name] = [json.loads(r[0]) for r in recs]
        return Article.from_json({"id": aid, "title": row[1], "outlet": row[2], "url": row[3],
                                  "published": row[4], "text": row[5], **layers})

    _COLS = "id, title, outlet, url, published, text"

    def get(self, article_id: str) -> Optional[Article]:
        row = self.conn.execute(f"SELECT {self._COLS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(row) if row else None

    def articles(self, **filters) -> Iterator[Article]:
        if filters:
            yield from self.iter_filtered(**filters)
            return
        rows = self.conn.execute(f"SELECT {self._COLS} FROM articles ORDER BY published IS NULL, published, id")
        for row in rows.fetchall():
            yield self._article(row)

    def errors(self) -> list[ItemError]:
        rows = self.conn.execute("SELECT source, error, message FROM errors ORDER BY id")
        return [ItemError(*r) for r in rows]

    def put_stories(self, stories) -> None:
        """Write ``stories`` (Story records), replacing stored stories of the same ids."""
        with self.conn as c:
            for st in stories:
                c.execute("DELETE FROM story_articles WHERE story_id = ?", (st.id,))
                c.execute("DELETE FROM stories WHERE id = ?", (st.id,))
                c.execute("INSERT INTO stories (id, title, first_published, last_published, record, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?)", (st.id, st.title, st.first_published,
                                                        st.last_published, dumps(st.to_json()), _now()))
                c.executemany("INSERT OR IGNORE INTO story_articles VALUES (?, ?)", [(st.id, a) for a in st.articles])

    def put_embeddings(self, kind: str, rows: list[tuple[str, str, bytes]]) -> None:
        """Cache (article id, text hash, vector bytes) rows of ``kind``, replacing older ones."""
        with self.conn as c:
            c.executemany("INSERT OR REPLACE INTO embeddings (article_id, kind, text_hash, vec) VALUES (?, ?, ?, ?)",
                          [(i, kind, h, v) for i, h, v in rows])

    def count(self, table: str) -> int:
        return self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def close(self) -> None:
        self.conn.close()


SYNCHRONOUS = ("NORMAL", "FULL", "EXTRA")


def _connect(path: str, create: bool) -> sqlite3.Connection:
    """A connection; with ``create=False`` a missing file is refused instead of created."""
    if create or path == ":memory:":
        try:
            return sqlite3.connect(path, check_same_thread=False)
        except sqlite3.OperationalError as e:
            raise StoreError(f"cannot open {path}: {e}") from None
    if not os.path.exists(path):
        raise StoreError(f"no database at {path}")
    if not os.path.isfile(path):
        raise StoreError(f"{path} is not a database file")
    # mode=rw: SQLite opens the file read-write but never creates it.
    return sqlite3.connect(f"file:{urllib.parse.quote(os.path.abspath(path))}?mode=rw", uri=True,
                           check_same_thread=False)


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (ours hold no semicolons in literals); a
    trigger's BEGIN ... END body, semicolons and all, stays one statement."""
    out, buf = [], ""
    for part in script.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \t\n;"):
                out.append(buf.strip())
            buf = ""
    return out
