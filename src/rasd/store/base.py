"""The store interface: what every backend (SQLite, PostgreSQL) provides."""
from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from ..model import Article, ItemError


@dataclass
class IngestSummary:
    """What one ``ingest`` did."""

    added: int = 0
    unchanged: int = 0
    errors: int = 0
    error_records: list[ItemError] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"added": self.added, "unchanged": self.unchanged, "errors": self.errors}


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
    def put(self, article: Article) -> bool:
        """Store one analyzed article (replacing an older version); True if written."""

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
    def put_stories(self, stories: list[dict]) -> None:
        """Replace the stored stories with ``stories`` (contract Story dicts)."""

    @abc.abstractmethod
    def stories(self) -> list[dict]:
        """Every stored story (contract Story dicts), oldest first."""

    # Filtered reads (both SQL backends get them from ``search.SQLQueries``). Filters, all
    # optional strings: q (full text, Arabic-normalized, clitic-insensitive), date_from,
    # date_to (inclusive ISO dates), country (ISO alpha-2), admin1, place (English name),
    # actor (kb_id), event_type (PLOVER), outlet, story (story id).

    def article_ids(self, limit: Optional[int] = None, offset: int = 0, **filters) -> list[str]:
        """Ids of matching articles, oldest first."""
        raise NotImplementedError

    def count_articles(self, **filters) -> int:
        raise NotImplementedError

    def article_summaries(self, limit: Optional[int] = None, offset: int = 0, **filters) -> list[dict]:
        """Metadata, preview and counts of matching articles."""
        raise NotImplementedError

    def events(self, limit: Optional[int] = None, offset: int = 0, **filters) -> list[dict]:
        """Matching events: contract Event plus id, article, outlet, published, title."""
        raise NotImplementedError

    def count_events(self, **filters) -> int:
        raise NotImplementedError

    def quotes(self, speaker: Optional[str] = None, limit: Optional[int] = None, offset: int = 0,
               **filters) -> list[dict]:
        raise NotImplementedError

    def entities(self, label: Optional[str] = None, **filters) -> list[dict]:
        """Entities aggregated by kb_id."""
        raise NotImplementedError

    def entity(self, entity_id: str) -> Optional[dict]:
        """One entity aggregate by id (kb_id, or ``~LABEL:text`` when unlinked)."""
        raise NotImplementedError

    def texts(self, ids: list[str]) -> dict[str, str]:
        raise NotImplementedError

    def places(self, **filters) -> list[dict]:
        """Places aggregated by geonameid / name."""
        raise NotImplementedError

    def story(self, story_id: str) -> Optional[dict]:
        raise NotImplementedError

    def find_stories(self, limit: Optional[int] = None, offset: int = 0, **filters) -> list[dict]:
        raise NotImplementedError

    def stories_of(self, article_id: str) -> list[str]:
        """Ids of the stories an article belongs to."""
        raise NotImplementedError

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def ingest(self, items: Iterable) -> IngestSummary:
        """Store analyzed articles and error records; counts what happened."""
        summary = IngestSummary()
        for item in items:
            if isinstance(item, ItemError):
                self.put_error(item)
                summary.errors += 1
                summary.error_records.append(item)
            elif self.put(item):
                summary.added += 1
            else:
                summary.unchanged += 1
        return summary


def open_store(url: str) -> Store:
    """A store for ``url``: a ``postgresql://`` URL, else a SQLite file path."""
    if url.startswith(("postgresql://", "postgres://")):
        try:
            from .postgres import PostgresStore
        except ModuleNotFoundError as e:
            raise RuntimeError("PostgreSQL support is not installed: pip install 'rasd[postgres]'") from e
        store: Store = PostgresStore(url)
    else:
        from .sqlite import SQLiteStore

        store = SQLiteStore(url)
    store.migrate()
    return store
