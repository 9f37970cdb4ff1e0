"""Storage: one interface, SQLite (default) and PostgreSQL backends, migrations in code.

:func:`open_store` picks the backend from the URL; the backends import the interface
(:mod:`.base`), never each other, and nothing in :mod:`.base` imports a backend.
"""
from __future__ import annotations

import importlib.util

from .base import Store

__all__ = ["Store", "open_store"]


def open_store(url: str) -> Store:
    """A migrated store for ``url``: a ``postgresql://`` URL, else a SQLite file path."""
    if url.startswith(("postgresql://", "postgres://")):
        if importlib.util.find_spec("psycopg") is None:
            raise RuntimeError("PostgreSQL support is not installed: pip install 'rasd[postgres]'")
        from .postgres import PostgresStore

        store: Store = PostgresStore(url)
    else:
        from .sqlite import SQLiteStore

        store = SQLiteStore(url)
    store.migrate()
    return store
