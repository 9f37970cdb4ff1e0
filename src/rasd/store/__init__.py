"""Storage: one interface, SQLite (default) and PostgreSQL backends, migrations in code.

:func:`open_store` picks the backend from the URL; the backends import the interface
(:mod:`.base`), never each other, and nothing in :mod:`.base` imports a backend.
"""
from __future__ import annotations

import importlib.util
from typing import Optional

from .base import Store, StoreError

__all__ = ["Store", "StoreError", "open_store"]


def open_store(url: str, create: bool = True, synchronous: Optional[str] = None) -> Store:
    """A migrated store for ``url``: a ``postgresql://`` URL, else a SQLite file path.

    ``create=False`` (the read commands) refuses, with a :class:`StoreError`, a database that
    does not exist or holds no rasd schema, and creates nothing. ``synchronous`` is SQLite's
    durability level (``normal``, the default, or ``full``; see :mod:`.sqlite`)."""
    if url.startswith(("postgresql://", "postgres://")):
        if importlib.util.find_spec("psycopg") is None:
            raise StoreError("PostgreSQL support is not installed: pip install 'rasd[postgres]'")
        from .postgres import PostgresStore

        store: Store = PostgresStore(url, create=create)
    else:
        from .sqlite import SQLiteStore

        store = SQLiteStore(url, create=create, synchronous=synchronous)
    try:
        store.migrate()
    except BaseException:
        store.close()
        raise
    return store
