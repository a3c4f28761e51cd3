"""Opening a store: the one place that knows every backend.

Kept apart from :mod:`cronica.store.base` so that the base class never imports its own
subclasses (``base`` <- ``sqlite``/``postgres`` <- ``factory``, no circle).
"""

from __future__ import annotations

from cronica.store.base import Store, resolve_db
from cronica.store.postgres import PostgresStore
from cronica.store.sqlite import SQLiteStore


def open_store(url: str | None = None) -> Store:
    """SQLite for a path (the default), PostgreSQL for a ``postgresql://`` URL."""
    target = resolve_db(url)
    if target.startswith(("postgresql://", "postgres://")):
        return PostgresStore(target)
    return SQLiteStore(target)
