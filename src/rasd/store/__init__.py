"""Storage: one interface, SQLite (default) and PostgreSQL backends, migrations in code."""
from .base import IngestSummary, Store, open_store

__all__ = ["IngestSummary", "Store", "open_store"]
