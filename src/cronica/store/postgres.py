"""The shared store: PostgreSQL through psycopg 3, same schema meaning as SQLite.

Several ingest workers may write at once. Constraints, not luck, keep them from
duplicating anything:

- an article: ``content_hash`` is UNIQUE and inserted with ``ON CONFLICT DO NOTHING``;
  a second writer of the same text waits for the first to commit, then sees 'present';
- a merged event: before looking for an event to merge into, a writer takes a
  transaction-scoped advisory lock on each merge key of its article (in sorted order,
  so two writers never deadlock), so two reports of the same event can never both
  decide that it is new; event ids and ``UNIQUE (article_id, local_id)`` on mentions
  back this up.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from cronica.errors import ErrorCode, StoreError, redact_url
from cronica.store import schema
from cronica.store.sql import SQLStore, now_iso

CONNECT_TIMEOUT = 10  # seconds to wait for the server before giving up
_MIGRATION_LOCK = 0x63726F6E  # advisory lock id held while migrating ('cron')


class PostgresStore(SQLStore):
    """PostgreSQL backend; ``url`` is a libpq URL (``postgresql://user@host:port/db``)."""

    dialect = "postgres"
    like = "ILIKE"

    def __init__(self, url: str) -> None:
        import psycopg
        from psycopg.rows import dict_row

        self.url = url
        try:
            self._conn = psycopg.connect(url, autocommit=True, row_factory=dict_row,
                                         connect_timeout=CONNECT_TIMEOUT)
        except psycopg.OperationalError as exc:
            detail = " ".join(str(exc).replace(url, redact_url(url)).split())
            raise StoreError(ErrorCode.E020_STORE_UNREACHABLE, redact_url(url), detail) from None
        self._lock = threading.RLock()  # one connection shared by a web server's threads
        self.migrate()
        self._store_version = self.schema_version()

    def _target(self) -> str:
        return redact_url(self.url)

    def _sql(self, sql: str) -> str:
        # the shared SQL uses '?' placeholders and no literal '?' or '%'
        return sql.replace("?", "%s")

    def _week_expr(self) -> str:
        return "to_char(date_trunc('week', substr(date, 1, 10)::date), 'YYYY-MM-DD')"

    def _lock_merge_keys(self, cur: Any, keys: list[str]) -> None:
        for key in sorted(set(keys)):
            cur.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (key,))

    # -- schema ------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self._read() as cur:
            cur.execute("SELECT to_regclass('schema_version') AS t")
            if cur.fetchone()["t"] is None:
                return 0
            cur.execute("SELECT MAX(version) AS v FROM schema_version")
            return int(cur.fetchone()["v"] or 0)

    def migrate(self) -> list[int]:
        """Apply pending migrations in one transaction, under an advisory lock so that
        workers starting together migrate once."""
        applied: list[int] = []
        with self._write() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            cur.execute(schema.VERSION_TABLE)
            cur.execute("SELECT MAX(version) AS v FROM schema_version")
            current = int(cur.fetchone()["v"] or 0)
            for version in schema.pending(current):
                for stmt in schema.statements(version, "postgres"):
                    cur.execute(stmt)
                cur.execute("INSERT INTO schema_version (version, applied_at) VALUES (%s, %s)",
                            (version, now_iso()))
                applied.append(version)
            if current or applied:  # under the migration lock: two openers never race
                for stmt in self.REJECTION_INDEXES:
                    cur.execute(stmt)
        return applied

    # -- transactions ------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[Any]:
        import psycopg

        try:
            with self._lock, self._conn.transaction(), self._conn.cursor() as cur:
                yield cur
        except (psycopg.errors.DiskFull, psycopg.errors.ReadOnlySqlTransaction,
                psycopg.errors.InsufficientPrivilege, psycopg.errors.IoError) as exc:
            # the store as a whole cannot be written: stop, as with a full SQLite disk
            raise StoreError(ErrorCode.E015_STORE_WRITE, self._target(), str(exc)) from exc

    @contextmanager
    def _read(self) -> Iterator[Any]:
        with self._lock, self._conn.cursor() as cur:
            yield cur

    def optimize(self) -> None:
        with self._lock, self._conn.cursor() as cur:
            cur.execute("ANALYZE")

    def close(self) -> None:
        with self._lock:
            self._conn.close()
