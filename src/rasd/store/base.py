"""The store interface: what every backend (SQLite, PostgreSQL) provides."""
from __future__ import annotations

import abc
from typing import Iterable, Iterator, Optional

from ..model import Article, ItemError, Story


class StoreError(RuntimeError):
    """A database that cannot be used as asked: missing for a read, not a rasd database, a
    schema newer than this code, a server that cannot be reached. One line, for people."""


class Store(abc.ABC):
    """Articles with their layers, per-item errors, and (later) stories.

    Writes are idempotent: an article whose id is already stored with the same content is
    not written again.
    """

    @abc.abstractmethod
    def migrate(self) -> int:
        """Apply pending migrations; returns the schema version."""

    @abc.abstractmethod
    def has(self, article_id: str, content_hash: str) -> bool:
        """Whether this exact article is stored already."""

    @abc.abstractmethod
    def put(self, article: Article, provenance: Optional[dict] = None) -> bool:
        """Store one analyzed article (replacing an older version) with what produced it
        (:meth:`rasd.settings.Settings.provenance`); True if written."""

    def put_many(self, articles: list[Article], provenance: Optional[dict] = None) -> list[bool]:
        """Store several articles, as :meth:`put` each would (True where written); a backend
        may write them in one transaction (PostgreSQL does: 3-4x the rate of one at a time)."""
        return [self.put(a, provenance) for a in articles]

    @abc.abstractmethod
    def put_error(self, error: ItemError) -> None:
        """Record one failed input (once)."""

    @abc.abstractmethod
    def get(self, article_id: str) -> Optional[Article]:
        """One article with all its layers, or None."""

    @abc.abstractmethod
    def articles(self, **filters) -> Iterator[Article]:
        """All stored articles, oldest publication first, then id."""

    @abc.abstractmethod
    def errors(self) -> list[ItemError]:
        """Every recorded input error."""

    @abc.abstractmethod
    def put_stories(self, stories: list[Story]) -> None:
        """Write ``stories``, replacing the stored stories of the same ids (others stay)."""

    @abc.abstractmethod
    def stories(self) -> list[Story]:
        """Every stored story, oldest first."""

    @abc.abstractmethod
    def put_embeddings(self, kind: str, rows: list[tuple[str, str, bytes]]) -> None:
        """Cache article embeddings: (article id, hash of the embedded text, float32 bytes)."""

    # Filtered reads: one protocol, implemented once for both SQL backends by
    # ``search.SQLQueries``. Filters (``filters.FILTERS``), all optional: q (full text,
    # Arabic-normalized, clitic-insensitive), date_from, date_to (inclusive ISO dates), story
    # (story id), fatalities_min, fatalities_max, and names in English or Arabic resolved by
    # ``names``: country (name or ISO code), admin1, place (name or geonameid), actor (name or
    # kb_id), outlet, event_type (PLOVER, ACLED type or sub-event type), status. An unknown name
    # raises ``filters.UnknownName`` with suggestions.

    @abc.abstractmethod
    def resolve_filters(self, **filters) -> dict:
        """The checked filters, each name replaced by what it matches (``names.Match``)."""

    @abc.abstractmethod
    def suggest(self, kind: str, q: str, limit: int = 10) -> list[dict]:
        """Names of ``kind`` starting with ``q``, stored ones first: value, label, match, count."""

    @abc.abstractmethod
    def count_quotes(self, speaker: Optional[str] = None, **filters) -> int:
        """(see the filters above)"""

    @abc.abstractmethod
    def article_ids(self, limit: Optional[int] = None, offset: int = 0, **filters) -> list[str]:
        """Ids of matching articles, oldest first."""

    @abc.abstractmethod
    def count_articles(self, **filters) -> int:
        """(see the filters above)"""

    @abc.abstractmethod
    def article_summaries(self, limit: Optional[int] = None, offset: int = 0, **filters) -> list[dict]:
        """Metadata, preview and counts of matching articles."""

    @abc.abstractmethod
    def events(self, limit: Optional[int] = None, offset: int = 0, **filters) -> list[dict]:
        """Matching events: contract Event plus id, article, outlet, published, title."""

    @abc.abstractmethod
    def count_events(self, **filters) -> int:
        """(see the filters above)"""

    @abc.abstractmethod
    def quotes(self, speaker: Optional[str] = None, limit: Optional[int] = None, offset: int = 0,
               **filters) -> list[dict]:
        """(see the filters above)"""

    @abc.abstractmethod
    def entities(self, label: Optional[str] = None, **filters) -> list[dict]:
        """Entities aggregated by kb_id."""

    @abc.abstractmethod
    def entity(self, entity_id: str) -> Optional[dict]:
        """One entity aggregate by id (kb_id, or ``~LABEL:text`` when unlinked)."""

    @abc.abstractmethod
    def texts(self, ids: list[str]) -> dict[str, str]:
        """(see the filters above)"""

    @abc.abstractmethod
    def places(self, **filters) -> list[dict]:
        """Places aggregated by geonameid / name."""

    @abc.abstractmethod
    def story(self, story_id: str) -> Optional[Story]:
        """(see the filters above)"""

    @abc.abstractmethod
    def find_stories(self, limit: Optional[int] = None, offset: int = 0, **filters) -> list[Story]:
        """(see the filters above)"""

    @abc.abstractmethod
    def stories_of(self, article_id: str) -> list[str]:
        """Ids of the stories an article belongs to."""

    @abc.abstractmethod
    def provenance(self, article_id: str) -> Optional[dict]:
        """What produced a stored article: rasd version, profile, models hash."""

    @abc.abstractmethod
    def known_input(self, input_hash: str, provenance: Optional[dict]) -> bool:
        """Whether an input with this hash is stored, analyzed by the same build."""

    @abc.abstractmethod
    def get_many(self, ids: Iterable[str]) -> list[Article]:
        """The stored articles among ``ids``, in story order (oldest first, then id)."""

    @abc.abstractmethod
    def unclustered_ids(self) -> list[str]:
        """Ids of stored articles that belong to no story."""

    @abc.abstractmethod
    def clustered_near(self, date_from: Optional[str], date_to: Optional[str]) -> list[str]:
        """Ids of articles in a story published in ``[date_from, date_to]`` or undated."""

    def exclusive(self, name: str):
        """A context manager held by one writer at a time, across processes, for a
        read-modify-write that must not interleave (the story update). This default holds
        nothing: PostgreSQL, the store for many writers, takes an advisory lock."""
        import contextlib

        return contextlib.nullcontext()

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
