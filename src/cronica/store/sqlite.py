"""The embedded store: one SQLite file in WAL mode.

WAL lets the dashboard (another process) read while an ingest writes; writers wait
for each other up to ``busy_timeout``. Each article is written in one
``BEGIN IMMEDIATE ... COMMIT`` transaction, so a kill -9 at any moment leaves either
the whole article or nothing. ``synchronous=NORMAL`` is durable against process
crashes (the WAL is on disk) and may lose only the last commits on power loss.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from cronica.errors import ErrorCode, StoreError
from cronica.store import schema
from cronica.store.base import EventFilter
from cronica.store.sql import SQLStore, now_iso
from cronica.store.sql_read import no_nul, place_column, place_name_conds, place_words
from cronica.textfold import search_words

BUSY_TIMEOUT_MS = 30_000
# SQLite's messages for a store that cannot be written, and for one that is not a store
_UNWRITABLE = ("disk is full", "readonly database", "disk i/o error", "read-only")
_DAMAGED = ("not a database", "malformed", "unable to open database file", "corrupt")


def store_error(exc: sqlite3.Error, target: str) -> StoreError | None:
    """The coded error for an SQLite failure of the store as a whole (E015 cannot be
    written, E013 damaged or not a database); None for any other failure (a bug)."""
    msg = str(exc).lower()
    if any(m in msg for m in _UNWRITABLE):
        return StoreError(ErrorCode.E015_STORE_WRITE, target, str(exc))
    if any(m in msg for m in _DAMAGED):
        return StoreError(ErrorCode.E013_STORE_DAMAGED, target, str(exc))
    return None


@contextmanager
def _coded(target: str) -> Iterator[None]:
    """Turn SQLite's store-wide failures into :class:`StoreError` (exit status 2, no traceback)."""
    try:
        yield
    except sqlite3.Error as exc:
        err = store_error(exc, target)
        if err is None:
            raise
        raise err from exc


def _substrings(flt: EventFilter, version: int = schema.SCHEMA_VERSION) -> list[tuple[str, str]]:
    """The substring filters of ``flt`` as (column, text), for a store of ``version``."""
    return [(col, no_nul(text)) for col, text in ((place_column(version),
                                                   place_words(flt.place, version)),
                                                  ("sources", flt.source),
                                                  ("search_text", search_words(flt.text)))
            if text and no_nul(text)]


def _fts_query(subs: list[tuple[str, str]]) -> str:
    """An FTS5 query: each text as a quoted phrase in its column, all required."""
    return " AND ".join(
        f'{col} : "{text.strip().replace(chr(34), chr(34) * 2)}"' for col, text in subs
    )


class SQLiteStore(SQLStore):
    """SQLite backend. ``path`` is a file (its folder is created) or ':memory:'."""

    dialect = "sqlite"
    like = "LIKE"  # case-insensitive for ASCII in SQLite
    row_key = "rowid"
    country_union = True

    def __init__(self, path: str, readonly: bool = False) -> None:
        self.path = path
        if path != ":memory:" and os.path.isdir(path):
            raise StoreError(ErrorCode.E013_STORE_DAMAGED, path, "a folder, not a store file")
        try:
            with _coded(path):
                self._open(path, readonly)
        except OSError as exc:  # the store's folder cannot be created
            raise StoreError(ErrorCode.E015_STORE_WRITE, path, exc.strerror or str(exc)) from None
        except StoreError:
            conn = getattr(self, "_conn", None)
            if conn is not None:
                conn.close()
            raise

    def _target(self) -> str:
        return self.path

    def _open(self, path: str, readonly: bool) -> None:
        if path != ":memory:":
            folder = os.path.dirname(os.path.abspath(path))
            os.makedirs(folder, exist_ok=True)
        # autocommit mode: transactions are opened explicitly with BEGIN IMMEDIATE
        self._conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        self._conn.row_factory = sqlite3.Row
        # one connection shared by the threads of a web server: serialise its use
        self._lock = threading.RLock()
        c = self._conn
        c.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if path != ":memory:":
            c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = NORMAL")
        c.execute("PRAGMA foreign_keys = ON")
        c.execute("PRAGMA cache_size = -65536")  # 64 MB page cache
        c.execute("PRAGMA mmap_size = 268435456")
        c.execute("PRAGMA temp_store = MEMORY")
        if not readonly:
            self.migrate()
        self._store_version = self.schema_version()
        if not readonly:
            self._ensure_indexes()

    # -- schema ------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self._lock:
            self._conn.execute(schema.VERSION_TABLE)
            row = self._conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> list[int]:
        """Apply pending migrations, each in one transaction; returns the versions applied."""
        applied: list[int] = []
        with self._lock:
            for version in schema.pending(self.schema_version()):
                with self._write() as cur:
                    # re-check inside the lock: another process may have migrated meanwhile
                    current = cur.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
                    if (current or 0) >= version:
                        continue
                    for stmt in schema.statements(version, "sqlite"):
                        cur.execute(stmt)
                    cur.execute(
                        "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                        (version, now_iso()),
                    )
                applied.append(version)
        return applied

    # -- transactions ------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[Any]:
        with self._lock, _coded(self.path):
            cur = self._conn.cursor()
            # IMMEDIATE takes the write lock now, so two writers never deadlock mid-transaction
            cur.execute("BEGIN IMMEDIATE")
            try:
                yield cur
            except BaseException:
                if self._conn.in_transaction:
                    cur.execute("ROLLBACK")
                raise
            else:
                cur.execute("COMMIT")
            finally:
                cur.close()

    @contextmanager
    def _read(self) -> Iterator[Any]:
        with self._lock, _coded(self.path):
            cur = self._conn.cursor()
            try:
                yield cur
            finally:
                cur.close()

    #: above this many full-text matches a page is found faster by walking the date
    #: index and testing each row (matches are dense) than by collecting every match
    FTS_DENSE = 5000

    def _substring_conds(
        self, subs: list[tuple[str, str]], page: bool = False
    ) -> tuple[list[str], list[Any]]:
        """Substrings of 3+ characters go through the trigram index (events_fts); shorter
        ones, which trigrams cannot find, fall back to LIKE. For a page or a capped count
        (``page``), frequent ones use LIKE too (see :data:`FTS_DENSE`): the scan then stops
        after a few rows; an exact count is always fastest through the index."""
        indexed = [(col, text) for col, text in subs if len(text.strip()) >= 3]
        rest = [(col, text) for col, text in subs if len(text.strip()) < 3]
        if indexed:
            query = _fts_query(indexed)
            if page and self._fts_matches(query, self.FTS_DENSE) >= self.FTS_DENSE:
                rest = subs
            else:
                conds, params = super()._substring_conds(rest)
                conds.append("rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
                return conds, [*params, query]
        return super()._substring_conds(rest)

    def count_events(self, flt: EventFilter, limit: int | None = None) -> int:
        """As :meth:`SQLStore.count_events`; a capped count of a substring filter walks the
        trigram index's matches in order and stops at ``limit`` (tens of ms where a scan
        for ten thousand matches of a frequent word takes seconds)."""
        subs = _substrings(flt, self._store_version)
        if (limit is None or not subs or any(len(text.strip()) < 3 for _, text in subs)
                or self._index_from(flt, page=True) is not None):
            return super().count_events(flt, limit)
        rest = replace(flt, place=None, source=None, text=None)
        query = _fts_query(subs)
        if (self._fts_matches(query, self.FTS_DENSE) < self.FTS_DENSE
                or super().count_events(rest, limit=self.REST_SELECTIVE) < self.REST_SELECTIVE):
            # few matches (the index collects them) or a selective rest of the filter (its
            # index walk tests each row's text): as for any filter
            return super().count_events(flt, limit)
        where, params = self._fts_rest_where(flt)
        conds = f" AND {where.removeprefix(' WHERE ')}" if where else ""
        sql = f"SELECT COUNT(*) FROM (SELECT 1{self._fts_driven(conds)} LIMIT ?)"
        with self._read() as cur:
            row = cur.execute(sql, (query, *params, int(limit))).fetchone()
        return int(row[0])

    def _fts_rest_where(self, flt: EventFilter) -> tuple[str, list[Any]]:
        """The WHERE clause of a query the full-text matches drive: the filter without its
        substrings (the index matches them), plus the place filter's whole-name test."""
        where, params = self.where(replace(flt, place=None, source=None, text=None))
        conds, extra = place_name_conds(flt.place, self._store_version, "events.place_search")
        if not conds:
            return where, params
        joined = " AND ".join([where.removeprefix(" WHERE "), *conds] if where else conds)
        return " WHERE " + joined, [*params, *extra]

    #: a filter (without its substrings) matching fewer events than this is walked by its
    #: own index when counting; otherwise the full-text matches drive (see count_events)
    REST_SELECTIVE = 50_000

    @staticmethod
    def _fts_driven(conds: str) -> str:
        """FROM ... WHERE of a query driven by the full-text matches (CROSS JOIN keeps that
        order), each looking up its event row and testing ``conds``."""
        return (" FROM events_fts CROSS JOIN events ON events.rowid = events_fts.rowid "
                f"WHERE events_fts MATCH ?{conds}")

    def _recent_places_sql(self, flt: EventFilter) -> tuple[str, list[Any]]:
        """With substring filters: the most recently *stored* matching events, walked from
        the full-text index backwards (a date-ordered walk testing each row's text, or
        sorting every match, takes seconds for a frequent word)."""
        subs = _substrings(flt, self._store_version)
        if (not subs or any(len(text.strip()) < 3 for _, text in subs)
                or self._index_from(flt, page=True) is not None):
            return super()._recent_places_sql(flt)
        where, params = self._fts_rest_where(flt)
        conds = f" AND {where.removeprefix(' WHERE ')}" if where else ""
        cols = ("events.id AS id, type, date, actor_code, recipient_code, "
                "COALESCE(events.place_name, '') AS name, COALESCE(place_country, '') AS country, "
                "lat, lon")
        sql = (f"SELECT {cols}{self._fts_driven(conds)} AND lat IS NOT NULL AND lon IS NOT NULL "
               "ORDER BY events_fts.rowid DESC LIMIT ?")
        return sql, [_fts_query(subs), *params, self.PLACES_SCAN]

    def _fts_matches(self, query: str, cap: int) -> int:
        with self._read() as cur:
            row = cur.execute(
                "SELECT COUNT(*) FROM (SELECT rowid FROM events_fts WHERE events_fts MATCH ? "
                "LIMIT ?)", (query, cap)).fetchone()
        return int(row[0])

    def _unindexed(self, col: str) -> str:
        return f"+{col}"  # unary plus: same value, not indexable

    def _likely(self, cond: str, probability: float) -> str:
        return f"likelihood({cond}, {probability})"

    def optimize(self) -> None:
        """Refresh the planner's statistics (after a large ingest)."""
        with self._lock:
            # a full ANALYZE (about 1.5 s per million events): sampled statistics mislead the
            # planner into scanning the aux_key index for every filter
            self._conn.execute("PRAGMA analysis_limit = 0")
            self._conn.execute("ANALYZE")

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass  # closing must not fail because the planner hint could not run
            self._conn.close()
