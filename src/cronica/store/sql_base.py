"""The engine-neutral base of the SQL store: connection hooks, shared helpers, constants.

:class:`SQLBase` is what both halves of the SQL store build on: the backend supplies a
connection, a write transaction, a lock for the merge step and the few dialect
differences (``ILIKE`` vs ``LIKE``, week arithmetic). Writing lives in
:mod:`cronica.store.sql_write`, reading in :mod:`cronica.store.sql_read`; they are put
together as :class:`cronica.store.sql.SQLStore`.
"""

from __future__ import annotations

import json
import logging
from abc import abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from cronica.errors import ErrorCode, StoreError
from cronica.store.base import Store

logger = logging.getLogger("cronica.store.sql")
logger.addHandler(logging.NullHandler())

MAX_SEARCH_TEXT = 4000  # characters of evidence sentences kept per event for --text
STATS_BY: tuple[str, ...] = (
    "day", "week", "month", "type", "actor", "recipient", "pair", "country",
    "day_type", "week_type", "month_type",
)
SORTS: tuple[str, ...] = ("date", "n_sources", "confidence", "last_seen", "first_seen", "id")


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class SQLBase(Store):
    """Store plumbing shared by SQLite and PostgreSQL (see :mod:`cronica.store.schema`)."""

    dialect: str = "sqlite"
    like: str = "LIKE"
    #: the row key that every index carries: pages are found from indexes alone, and
    #: only their rows are then read (SQLite: rowid; PostgreSQL: the primary key)
    row_key: str = "id"
    #: page a country filter as a union of one index walk per country column
    country_union: bool = False

    #: the schema version the store records (set when it is opened); above the code's
    #: :data:`cronica.store.schema.SCHEMA_VERSION` the store was written by newer code
    _store_version: int = 0

    def _target(self) -> str:
        """The store's location as it may be printed (no password)."""
        return "store"

    def _refuse_if_newer(self) -> None:
        """E014 before any write to a store whose schema is newer than this code knows:
        older code would leave the newer tables (links, counts) stale."""
        from cronica.store.schema import MIGRATIONS

        known = max(MIGRATIONS)  # SCHEMA_VERSION, or more where a test adds a migration
        if self._store_version > known:
            raise StoreError(
                ErrorCode.E014_STORE_NEWER, self._target(),
                f"store schema version {self._store_version}, this cronica writes version "
                f"{known}; reading still works",
            )

    #: indexes that let a stored article clear its rejections without a scan; created
    #: when a store is opened for writing (not a schema version: older code may keep
    #: writing a store that has them)
    REJECTION_INDEXES = (
        "CREATE INDEX IF NOT EXISTS rejections_hash ON rejections(content_hash)",
        "CREATE INDEX IF NOT EXISTS rejections_doc ON rejections(doc_id, origin)",
    )

    def _ensure_indexes(self) -> None:
        """Create :data:`REJECTION_INDEXES`; a store that cannot take them (full, read-only,
        newer) is still opened: reading must work, and writing reports its own error."""
        if self._store_version > 0 and self._refuses_writes():
            return
        table = "sqlite_master" if self.dialect == "sqlite" else "pg_indexes"
        column = "name" if self.dialect == "sqlite" else "indexname"
        with self._read() as cur:
            sql = (f"SELECT {column} AS name FROM {table} "
                   f"WHERE {column} IN ('rejections_hash', 'rejections_doc')")
            have = self._rows(cur, sql)
        if len(have) == len(self.REJECTION_INDEXES):
            return  # no write transaction: opening must not wait for a running ingest
        try:
            with self._write() as cur:
                for stmt in self.REJECTION_INDEXES:
                    self._exec(cur, stmt)
        except StoreError as err:
            logger.warning("%s", err.message)

    def _refuses_writes(self) -> bool:
        try:
            self._refuse_if_newer()
        except StoreError:
            return True
        return False

    # -- backend hooks ----------------------------------------------------------------
    @abstractmethod
    def _write(self) -> AbstractContextManager[Any]:
        """A write transaction; yields a cursor. Commits on exit, rolls back on error."""

    @abstractmethod
    def _read(self) -> AbstractContextManager[Any]:
        """A cursor for reads (a consistent snapshot where the engine offers one)."""

    def _lock_merge_keys(self, cur: Any, keys: list[str]) -> None:
        """Serialise writers that may merge into the same events (called once per article,
        inside its transaction). SQLite: writers are already serialised by BEGIN IMMEDIATE."""

    def _sql(self, sql: str) -> str:
        return sql

    def _likely(self, cond: str, probability: float) -> str:
        """``cond`` with a hint of how often it holds, where the planner takes hints."""
        return cond

    def _unindexed(self, col: str) -> str:
        """``col`` written so that the planner does not use its index, where it can be told."""
        return col

    def _week_expr(self) -> str:
        return "date(date, 'weekday 0', '-6 days')"

    def _exec(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> Any:
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def _rows(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        self._exec(cur, sql, params)
        return [dict(r) for r in cur.fetchall()]

    def _one(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        self._exec(cur, sql, params)
        row = cur.fetchone()
        return dict(row) if row is not None else None

    def _many(self, cur: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            cur.executemany(self._sql(sql), rows)
