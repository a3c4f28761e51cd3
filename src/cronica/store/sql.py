"""The SQL behind both backends, put together from its reading and writing halves.

:class:`SQLStore` holds everything that does not depend on the database engine. The
SQL is written once with ``?`` placeholders; a backend supplies a connection, a write
transaction, a lock for the merge step and the few dialect differences
(``ILIKE`` vs ``LIKE``, week arithmetic): see :class:`cronica.store.sql_base.SQLBase`.
Writing (articles, merging, counts) is in :mod:`cronica.store.sql_write`; filters,
pages, counts and groupings in :mod:`cronica.store.sql_read`.
"""

from __future__ import annotations

from cronica.store.sql_base import (
    MAX_SEARCH_TEXT,
    SORTS,
    STATS_BY,
    SQLBase,
    now_iso,
)
from cronica.store.sql_read import SQLReader
from cronica.store.sql_write import SQLWriter

__all__ = [
    "MAX_SEARCH_TEXT", "SORTS", "STATS_BY", "SQLBase", "SQLReader", "SQLStore", "SQLWriter",
    "now_iso",
]


class SQLStore(SQLWriter, SQLReader):
    """Store logic shared by SQLite and PostgreSQL (see :mod:`cronica.store.schema`)."""
