"""The feed watcher's state in the store (table ``feeds``, migration 6) and its lookups.

``rasd watch`` keeps, per feed URL, what a conditional GET needs next time (ETag,
Last-Modified), when it last looked and last got an answer, the newest entry it saw, and how
many times in a row it failed, so a run started by cron knows what the previous one did.
A mixin for the SQL backends: it needs ``_rows`` (reads) and ``_execute`` (one write, one
transaction), both with ``?`` placeholders.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Optional


@dataclass(frozen=True)
class FeedState:
    """What is known about one feed; times are ISO 8601 UTC strings."""

    url: str
    title: Optional[str] = None
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    last_checked: Optional[str] = None  # the last attempt, answered or not
    last_seen: Optional[str] = None  # the last time the feed answered (200 or 304)
    last_entry: Optional[str] = None  # URL of the newest entry of the last parsed feed
    failures: int = 0  # failed attempts in a row (0 after any answer)
    last_error: Optional[str] = None

    def but(self, **changes) -> "FeedState":
        return replace(self, **changes)

    def to_json(self) -> dict:
        return asdict(self)


_COLUMNS = tuple(f.name for f in fields(FeedState))


class FeedStates:
    """Mixin: per-feed state and the URL / id lookups the watcher dedupes by."""

    def _rows(self, sql: str, params=()) -> list[tuple]:
        raise NotImplementedError

    def _execute(self, sql: str, params=()) -> None:
        raise NotImplementedError

    def feed_state(self, url: str) -> Optional[FeedState]:
        """The stored state of the feed at ``url``, or None if it was never polled."""
        rows = self._rows(f"SELECT {', '.join(_COLUMNS)} FROM feeds WHERE url = ?", (url,))
        return FeedState(*rows[0]) if rows else None

    def feed_states(self) -> list[FeedState]:
        """Every polled feed, by URL."""
        return [FeedState(*r) for r in self._rows(f"SELECT {', '.join(_COLUMNS)} FROM feeds ORDER BY url")]

    def put_feed_state(self, state: FeedState) -> None:
        """Insert or replace the state of ``state.url`` (an upsert: SQLite and PostgreSQL
        spell it the same way)."""
        cols = ", ".join(_COLUMNS)
        marks = ", ".join("?" * len(_COLUMNS))
        sets = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c != "url")
        self._execute(f"INSERT INTO feeds ({cols}) VALUES ({marks}) ON CONFLICT (url) DO UPDATE SET {sets}",
                      tuple(getattr(state, c) for c in _COLUMNS))

    def has_url(self, url: str) -> bool:
        """Whether an article with this URL is stored."""
        return bool(self._rows("SELECT 1 FROM articles WHERE url = ? LIMIT 1", (url,)))

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id (for a text without an id: its text's hash) is stored."""
        return bool(self._rows("SELECT 1 FROM articles WHERE id = ?", (article_id,)))
