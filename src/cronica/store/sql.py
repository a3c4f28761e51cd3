"""The SQL behind both backends: writing an article, merging events, filtering, stats.

:class:`SQLStore` holds everything that does not depend on the database engine. The
SQL is written once with ``?`` placeholders; a backend supplies a connection, a write
transaction, a lock for the merge step and the few dialect differences
(``ILIKE`` vs ``LIKE``, week arithmetic).
"""

from __future__ import annotations

import json
import logging
from abc import abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any

from cronica.errors import Rejection
from cronica.model import ArticleDoc, Event, EventArg, event_to_dict
from cronica.store import merge
from cronica.store.base import EventFilter, Store, StoreResult

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

MAX_SEARCH_TEXT = 4000  # characters of evidence sentences kept per event for --text
STATS_BY: tuple[str, ...] = (
    "day", "week", "month", "type", "actor", "recipient", "pair", "country",
    "day_type", "week_type", "month_type",
)
SORTS: tuple[str, ...] = ("date", "n_sources", "confidence", "last_seen", "first_seen", "id")

_EVENT_COLS = (
    "id, type, mode, context, aux_mode, actor_code, actor_text, actor_country, actor_sector, "
    "recipient_code, recipient_text, recipient_country, recipient_sector, "
    "date, date_precision, date_inferred, event_loc, place_name, place_country, lat, lon, "
    "confidence, language, sources, article_ids, n_sources, n_publishers, first_seen, last_seen"
)


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _prefix_upper(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _publisher(adoc: ArticleDoc, e: Event) -> str:
    """Who originally reported the event: the cited source, else the publisher, else the article.

    Two outlets re-running the same wire story count as one publisher.
    """
    if e.reported_by:
        return e.reported_by[0].strip().lower()
    if adoc.article.source:
        return adoc.article.source.strip().lower()
    return f"article:{adoc.article.content_hash[:16]}"


class SQLStore(Store):
    """Store logic shared by SQLite and PostgreSQL (see :mod:`cronica.store.schema`)."""

    dialect: str = "sqlite"
    like: str = "LIKE"

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

    # -- writing -----------------------------------------------------------------------
    def has_article(self, content_hash: str) -> bool:
        with self._read() as cur:
            return (
                self._one(cur, "SELECT 1 AS x FROM articles WHERE content_hash = ?", (content_hash,))
                is not None
            )

    def article_id_for(self, content_hash: str) -> str | None:
        """The stored id of the article with this text, if any."""
        with self._read() as cur:
            row = self._one(cur, "SELECT id FROM articles WHERE content_hash = ?", (content_hash,))
        return row["id"] if row else None

    def add(self, adoc: ArticleDoc) -> StoreResult:
        """Store an article, its layers and its events, merging events across articles.

        One transaction: either everything about the article is stored or nothing.
        Idempotent by content hash: a text already stored gives ``status='present'``.
        """
        a = adoc.article
        h = a.content_hash
        # serialise before taking the write lock: other writers wait only for the SQL
        doc = adoc.to_dict()
        layers = _dumps(doc)
        with self._write() as cur:
            row = self._one(cur, "SELECT id FROM articles WHERE content_hash = ?", (h,))
            if row:
                return StoreResult("present", row["id"])
            article_id = a.id
            if self._one(cur, "SELECT 1 AS x FROM articles WHERE id = ?", (article_id,)):
                article_id = f"{a.id}~{h[:12]}"  # another text already took this id
            inserted = self._one(
                cur,
                "INSERT INTO articles (id, content_hash, title, date, lang, url, source, origin, "
                "status, text, metadata, layers, n_events, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'stored', ?, ?, ?, ?, ?) "
                "ON CONFLICT (content_hash) DO NOTHING RETURNING id",
                (
                    article_id, h, a.title, a.date, adoc.lang or a.lang, a.url, a.source,
                    a.origin, a.text, _dumps(a.meta), layers, len(adoc.events), now_iso(),
                ),
            )
            if inserted is None:  # a concurrent writer stored the same text first
                row = self._one(cur, "SELECT id FROM articles WHERE content_hash = ?", (h,))
                return StoreResult("present", row["id"] if row else a.id)
            self._add_layers(cur, article_id, adoc)
            self._lock_merge_keys(cur, [merge.merge_key(e) for e in adoc.events])
            for e, record in zip(adoc.events, doc["events"], strict=True):
                self._add_event(cur, article_id, adoc, e, record)
        return StoreResult("stored", article_id, len(adoc.events))

    def _add_layers(self, cur: Any, article_id: str, adoc: ArticleDoc) -> None:
        self._many(
            cur,
            "INSERT INTO actors (article_id, local_id, start_char, end_char, sentence, text, code, "
            "codes, country, sector, kind, name, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    article_id, m.id, m.span.start, m.span.end, m.span.sentence, m.span.text,
                    m.code, _dumps(m.codes), m.country, m.sector, m.kind, m.name, m.confidence,
                )
                for m in adoc.actors
            ],
        )
        self._many(
            cur,
            "INSERT INTO dates (article_id, start_char, end_char, sentence, text, value, precision, "
            "resolved, relative, note) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    article_id, d.span.start, d.span.end, d.span.sentence, d.span.text, d.value,
                    d.precision, int(d.resolved), int(d.relative), d.note,
                )
                for d in adoc.dates
            ],
        )
        self._many(
            cur,
            "INSERT INTO places (article_id, start_char, end_char, sentence, text, name, country, "
            "lat, lon, geonameid, feature, metonymy, from_dateline) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    article_id, p.span.start, p.span.end, p.span.sentence, p.span.text, p.name,
                    p.country, p.lat, p.lon, p.geonameid, p.feature, int(p.metonymy),
                    int(p.from_dateline),
                )
                for p in adoc.places
            ],
        )
        self._many(
            cur,
            "INSERT INTO quotes (article_id, local_id, speaker_start, speaker_end, speaker_text, "
            "speaker_code, cue_start, cue_end, content_start, content_end, content_text, kind) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    article_id, q.id, q.speaker.start if q.speaker else None,
                    q.speaker.end if q.speaker else None, q.speaker.text if q.speaker else None,
                    q.speaker_code, q.cue.start, q.cue.end, q.content.start, q.content.end,
                    q.content.text, q.kind,
                )
                for q in adoc.quotes
            ],
        )

    def _add_event(
        self, cur: Any, article_id: str, adoc: ArticleDoc, e: Event,
        record: dict[str, Any] | None = None,
    ) -> str:
        """Merge ``e`` into a stored event or create one; add its mention. Returns the event id.

        ``record`` is ``event_to_dict(e, adoc)`` when the caller already has it."""
        key = merge.merge_key(e)
        bounds = merge.DateBounds.of(e.date, e.date_precision, e.date_inferred)
        loc = e.event_loc or {}
        country = loc.get("country")
        record = record if record is not None else event_to_dict(e, adoc)
        publisher = _publisher(adoc, e)
        sentence = record.get("event_text") or ""
        sources = {s.strip().lower() for s in [adoc.article.source or "", *e.reported_by] if s}

        target = None
        if bounds is not None:
            lo, hi = bounds.search_window()
            # a stored interval is at most a year long, so date_lo >= lo - 366 days bounds the scan
            floor = (bounds.lo - timedelta(days=367)).isoformat()
            rows = self._rows(
                cur,
                "SELECT * FROM events WHERE merge_key = ? AND date_lo >= ? AND date_lo <= ? "
                "AND date_hi >= ?",
                (key, floor, hi, lo),
            )
            rows = [r for r in rows if article_id not in json.loads(r["article_ids"])]
            target = merge.best_candidate(bounds, country, rows)

        seen = adoc.article.date
        if target is None:
            event_id = merge.event_uid(adoc.article.content_hash, e.id)
            self._exec(cur, *self._event_insert(event_id, key, adoc, e, bounds, record,
                                                article_id, sources, sentence, seen))
            self._exec(cur, "INSERT INTO event_records (event_id, record) VALUES (?, ?)",
                       (event_id, _dumps(record)))
        else:
            event_id = target["id"]
            self._merge_into(cur, target, e, bounds, loc, record, article_id, sources, sentence,
                             seen, publisher)

        self._exec(
            cur,
            "INSERT INTO mentions (event_id, article_id, local_id, sentence, sentence_text, "
            "trigger_start, trigger_end, trigger_text, evidence, actor_start, actor_end, "
            "recipient_start, recipient_end, reported_by, quote, publisher, date, date_precision, "
            "date_inferred, place_country, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                event_id, article_id, e.id, e.trigger.sentence, sentence or None, e.trigger.start,
                e.trigger.end, e.trigger.text, _dumps([[m.start, m.end] for m in e.mentions]),
                e.actor.start if e.actor else None, e.actor.end if e.actor else None,
                e.recipient.start if e.recipient else None,
                e.recipient.end if e.recipient else None, _dumps(e.reported_by), e.quote,
                publisher, e.date, e.date_precision, int(e.date_inferred), country,
                _dumps(record),
            ),
        )
        if target is not None:
            n_pub = self._one(
                cur, "SELECT COUNT(DISTINCT publisher) AS n FROM mentions WHERE event_id = ?",
                (event_id,),
            )
            self._exec(cur, "UPDATE events SET n_publishers = ? WHERE id = ?",
                       (n_pub["n"] if n_pub else 1, event_id))
        return event_id

    def _event_insert(
        self, event_id: str, key: str, adoc: ArticleDoc, e: Event,
        bounds: merge.DateBounds | None,
        record: dict[str, Any], article_id: str, sources: set[str], sentence: str,
        seen: str | None,
    ) -> tuple[str, tuple[Any, ...]]:
        loc = e.event_loc or {}
        return (
            "INSERT INTO events (id, merge_key, type, mode, context, aux_mode, aux_key, actor_code, "
            "actor_text, actor_country, actor_sector, recipient_code, recipient_text, "
            "recipient_country, recipient_sector, date, date_precision, date_inferred, date_lo, "
            "date_hi, event_loc, place_name, place_country, lat, lon, confidence, language, "
            "search_text, sources, article_ids, n_sources, n_publishers, first_seen, "
            "last_seen) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,1,?,?)",
            (
                event_id, key, e.event, e.mode, ";".join(e.context), e.aux_mode, e.aux_mode or "",
                e.actor.code if e.actor else None, e.actor.text if e.actor else None,
                *_arg_parts(adoc, e.actor),
                e.recipient.code if e.recipient else None,
                e.recipient.text if e.recipient else None,
                *_arg_parts(adoc, e.recipient),
                e.date, e.date_precision, int(e.date_inferred),
                bounds.lo.isoformat() if bounds else None,
                bounds.hi.isoformat() if bounds else None,
                _dumps(e.event_loc) if e.event_loc else None, loc.get("name"),
                loc.get("country"), loc.get("lat"), loc.get("lon"), round(e.confidence, 3),
                record.get("language"), sentence[:MAX_SEARCH_TEXT],
                "|".join(sorted(sources)), _dumps([article_id]), seen, seen,
            ),
        )

    def _merge_into(
        self, cur: Any, target: dict[str, Any], e: Event, bounds: merge.DateBounds | None,
        loc: dict[str, Any], record: dict[str, Any], article_id: str, sources: set[str],
        sentence: str, seen: str | None, publisher: str,
    ) -> None:
        ids = json.loads(target["article_ids"])
        ids.append(article_id)
        all_sources = set(filter(None, (target["sources"] or "").split("|"))) | sources
        search = target["search_text"] or ""
        if sentence and sentence not in search and len(search) < MAX_SEARCH_TEXT:
            search = (search + "\n" + sentence)[:MAX_SEARCH_TEXT]
        sets = {
            "article_ids": _dumps(ids),
            "n_sources": len(set(ids)),
            "sources": "|".join(sorted(all_sources)),
            "search_text": search,
            "confidence": max(float(target["confidence"] or 0), round(e.confidence, 3)),
            "first_seen": min(filter(None, [target["first_seen"], seen]), default=None),
            "last_seen": max(filter(None, [target["last_seen"], seen]), default=None),
        }
        current = (target["date"], target["date_precision"], bool(target["date_inferred"]))
        if bounds is not None and merge.better_date(current, (e.date, e.date_precision,
                                                              e.date_inferred)):
            sets.update(date=e.date, date_precision=e.date_precision,
                        date_inferred=int(e.date_inferred), date_lo=bounds.lo.isoformat(),
                        date_hi=bounds.hi.isoformat())
        if not target["place_country"] and loc.get("country"):
            sets.update(event_loc=_dumps(loc), place_name=loc.get("name"),
                        place_country=loc.get("country"), lat=loc.get("lat"), lon=loc.get("lon"))
        cols = ", ".join(f"{k} = ?" for k in sets)
        self._exec(cur, f"UPDATE events SET {cols} WHERE id = ?", (*sets.values(), target["id"]))

    def add_rejection(self, rejection: Rejection, content_hash: str | None = None) -> None:
        """Record a rejected input; the same input rejected again only bumps ``count``."""
        key = f"{rejection.code}|{rejection.origin}|{content_hash or ''}"
        with self._write() as cur:
            self._exec(
                cur,
                "INSERT INTO rejections (key, origin, code, reason, doc_id, content_hash, at) "
                "VALUES (?,?,?,?,?,?,?) ON CONFLICT (key) DO UPDATE SET "
                "count = rejections.count + 1, at = excluded.at, reason = excluded.reason",
                (key, rejection.origin, rejection.code, rejection.reason, rejection.doc_id,
                 content_hash, now_iso()),
            )

    def rejections(self, limit: int = 1000) -> list[dict[str, Any]]:
        """Rejected inputs, newest first: origin, code, reason, doc_id, content_hash, at, count."""
        with self._read() as cur:
            return self._rows(
                cur,
                "SELECT origin, code, reason, doc_id, content_hash, at, count FROM rejections "
                "ORDER BY at DESC, id DESC LIMIT ?",
                (limit,),
            )

    # -- reading -----------------------------------------------------------------------
    def where(
        self, flt: EventFilter, page: bool = False, country_col: str | None = None
    ) -> tuple[str, list[Any]]:
        """The WHERE clause (with its parameters) for an :class:`EventFilter`.

        ``page``: the clause serves a page (ORDER BY ... LIMIT) or a capped count; substring
        filters may then be planned differently (see the SQLite backend).
        ``country_col``: test the country filter on this column only (one branch of
        :meth:`_country_page`).
        """
        conds: list[str] = []
        params: list[Any] = []
        if flt.date_from:
            conds.append("date >= ?")
            params.append(flt.date_from)
        if flt.date_to:
            conds.append("date < ?")
            params.append(flt.date_to + "~")  # '~' sorts after digits: the whole prefix matches
        if flt.types:
            conds.append(f"type IN ({', '.join('?' * len(flt.types))})")
            params.extend(t.upper() for t in flt.types)
        if flt.modes:
            conds.append(f"mode IN ({', '.join('?' * len(flt.modes))})")
            params.extend(flt.modes)
        both = bool(flt.actor and flt.recipient)
        for col, prefix, other in (("actor_code", flt.actor, flt.recipient),
                                   ("recipient_code", flt.recipient, flt.actor)):
            if prefix:
                p = prefix.upper()
                # both codes given: the longer prefix is the more selective; keep the planner
                # off the other one's index ('+col' is not indexable), which it cannot rank
                ref = self._unindexed(col) if both and len(p) < len(other or "") else col
                conds.append(f"{ref} >= ? AND {ref} < ?")
                params.extend([p, _prefix_upper(p)])
        if flt.country and country_col:
            conds.append(f"{country_col} = ?")
            params.append(flt.country.upper())
        elif flt.country:
            c = flt.country.upper()
            conds.append("(actor_country = ? OR recipient_country = ? OR place_country = ?)")
            params.extend([c, c, c])
        substrings = [(col, text) for col, text in (("place_name", flt.place),
                      ("sources", flt.source), ("search_text", flt.text)) if text]
        conds_sub, params_sub = self._substring_conds(substrings, page)
        conds.extend(conds_sub)
        params.extend(params_sub)
        if flt.min_sources and flt.min_sources > 1:
            # most events have one source: say so, or SQLite walks the date index to find them
            conds.append(self._likely("n_sources >= ?", 0.01 if flt.min_sources > 2 else 0.1))
            params.append(flt.min_sources)
        if not flt.include_all_aux:
            allowed = ["", *[m for m in flt.aux_modes if m]]
            conds.append(f"aux_key IN ({', '.join('?' * len(allowed))})")
            params.extend(allowed)
        if flt.article_id:
            conds.append("id IN (SELECT event_id FROM mentions WHERE article_id = ?)")
            params.append(flt.article_id)
        return (" WHERE " + " AND ".join(conds)) if conds else "", params

    def _substring_conds(
        self, subs: list[tuple[str, str]], page: bool = False
    ) -> tuple[list[str], list[Any]]:
        """Case-insensitive substring conditions on text columns (a scan; SQLite overrides
        this with its trigram index)."""
        conds = [f"{col} {self.like} ? ESCAPE '\\'" for col, _ in subs]
        return conds, [_like_pattern(text) for _, text in subs]

    #: the row key that every index carries: pages are found from indexes alone, and
    #: only their rows are then read (SQLite: rowid; PostgreSQL: the primary key)
    row_key: str = "id"

    def order_by(self, sort: str) -> str:
        """``sort`` is a column name from :data:`SORTS`, '-' in front for descending.

        Ties are broken by the row key so that pages are stable.
        """
        desc = sort.startswith("-")
        col = sort.lstrip("-") or "date"
        if col not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORTS)} (prefix - to reverse)")
        d = " DESC" if desc else ""
        return f" ORDER BY {col}{d}, {self.row_key}{d}" if col != "id" else f" ORDER BY id{d}"

    def query_events(
        self, flt: EventFilter, limit: int = 100, offset: int = 0, sort: str = "date"
    ) -> list[dict[str, Any]]:
        """Merged events matching ``flt``; ``sort`` as in :meth:`order_by` ('-date': newest first)."""
        # two steps: the page's keys (answered from an index when one covers the filter),
        # then the rows of that page only
        if flt.country and self.country_union and sort.lstrip("-") == "date":
            sql, params = self._country_page(flt, sort, int(limit) + int(offset))
        else:
            where, params = self.where(flt, page=True)
            sql = f"SELECT {self.row_key} AS k FROM events{where}{self.order_by(sort)}"
        sql += " LIMIT ? OFFSET ?"
        with self._read() as cur:
            keys = [r["k"] for r in self._rows(cur, sql, [*params, int(limit), int(offset)])]
            if not keys:
                return []
            rows = self._rows(
                cur,
                f"SELECT {self.row_key} AS k, {_EVENT_COLS} FROM events WHERE {self.row_key} IN "
                f"({', '.join('?' * len(keys))})",
                keys,
            )
            records = self._records(cur, [r["id"] for r in rows])
        by_key = {r["k"]: r for r in rows}
        return [self._event_dict(by_key[k], records[by_key[k]["id"]]) for k in keys]

    #: page a country filter as a union of one index walk per country column
    country_union: bool = False

    def _country_page(self, flt: EventFilter, sort: str, n: int) -> tuple[str, list[Any]]:
        """The keys of a date-sorted page of events with ``flt.country`` as actor, recipient
        or place country: the first ``n`` of each column's index walk, merged. (An OR of the
        three would collect every event of the country and sort them all.)"""
        parts: list[str] = []
        params: list[Any] = []
        order = self.order_by(sort)
        for col in ("actor_country", "recipient_country", "place_country"):
            where, p = self.where(flt, page=True, country_col=col)
            parts.append(f"SELECT * FROM (SELECT {self.row_key} AS k, date FROM events{where}"
                         f"{order} LIMIT {int(n)})")
            params.extend(p)
        outer = order.replace(self.row_key, "k")
        return f"SELECT k FROM ({' UNION '.join(parts)}){outer}", params

    def _records(self, cur: Any, event_ids: list[str]) -> dict[str, str]:
        """The JSON records of these events (fetched apart: see schema.event_records)."""
        if not event_ids:
            return {}
        rows = self._rows(
            cur,
            f"SELECT event_id, record FROM event_records WHERE event_id IN "
            f"({', '.join('?' * len(event_ids))})",
            event_ids,
        )
        return {r["event_id"]: r["record"] for r in rows}

    def iter_events(
        self, flt: EventFilter, batch_size: int = 1000, with_mentions: bool = False
    ) -> Iterator[dict[str, Any]]:
        """Every matching event, in id order, fetched in pages (for export).

        With ``with_mentions`` each event carries ``mentions`` as in :meth:`get_event`.
        """
        where, params = self.where(flt)
        joiner = " AND " if where else " WHERE "
        last = ""
        while True:
            sql = f"SELECT {_EVENT_COLS} FROM events{where}{joiner}id > ? ORDER BY id LIMIT ?"
            with self._read() as cur:
                rows = self._rows(cur, sql, [*params, last, batch_size])
                records = self._records(cur, [r["id"] for r in rows])
                mentions = self._mentions(cur, [r["id"] for r in rows]) if with_mentions else {}
            if not rows:
                return
            for r in rows:
                ev = self._event_dict(r, records[r["id"]])
                if with_mentions:
                    ev["mentions"] = mentions.get(r["id"], [])
                yield ev
            last = rows[-1]["id"]

    def count_events(self, flt: EventFilter, limit: int | None = None) -> int:
        """How many events match; with ``limit``, counting stops there (a result equal to
        ``limit`` means 'at least'): a page header can say '10,000+' in a few ms where
        an exact count of a broad filter over millions of events takes a scan."""
        where, params = self.where(flt, page=limit is not None)
        sql = f"SELECT COUNT(*) AS n FROM events{where}"
        if limit is not None:
            sql = f"SELECT COUNT(*) AS n FROM (SELECT 1 AS x FROM events{where} LIMIT ?) AS capped"
            params = [*params, int(limit)]
        with self._read() as cur:
            row = self._one(cur, sql, params)
        return int(row["n"]) if row else 0

    def _event_dict(self, r: dict[str, Any], record: str) -> dict[str, Any]:
        """The event_to_dict record of the first report, with the merged fields on top."""
        ev = json.loads(record)
        ev.update(
            id=r["id"],
            date=r["date"],
            date_precision=r["date_precision"],
            date_inferred=bool(r["date_inferred"]),
            event_loc=json.loads(r["event_loc"]) if r["event_loc"] else None,
            confidence=r["confidence"],
            n_sources=int(r["n_sources"]),
            n_publishers=int(r["n_publishers"]),
            article_ids=json.loads(r["article_ids"]),
            sources=[s for s in (r["sources"] or "").split("|") if s],
            first_seen=r["first_seen"],
            last_seen=r["last_seen"],
            actor_country=r["actor_country"],
            actor_sector=r["actor_sector"],
            recipient_country=r["recipient_country"],
            recipient_sector=r["recipient_sector"],
        )
        return ev

    def _mentions(self, cur: Any, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        if not event_ids:
            return out
        rows = self._rows(
            cur,
            "SELECT m.*, a.title AS article_title, a.date AS article_date, a.source AS "
            "article_source, a.url AS article_url, a.lang AS article_lang FROM mentions m "
            f"JOIN articles a ON a.id = m.article_id WHERE m.event_id IN "
            f"({', '.join('?' * len(event_ids))}) ORDER BY m.event_id, m.id",
            event_ids,
        )
        for m in rows:
            record = json.loads(m["record"])
            out.setdefault(m["event_id"], []).append({
                "article_id": m["article_id"],
                "article_title": m["article_title"],
                "article_date": m["article_date"],
                "article_source": m["article_source"],
                "article_url": m["article_url"],
                "language": m["article_lang"],
                "local_id": m["local_id"],
                "sentence": m["sentence"],
                "sentence_text": m["sentence_text"],
                "trigger": {"text": m["trigger_text"], "start": m["trigger_start"],
                            "end": m["trigger_end"]},
                "evidence": json.loads(m["evidence"] or "[]"),
                "actor": record.get("actor"),
                "recipient": record.get("recipient"),
                "date": m["date"],
                "date_precision": m["date_precision"],
                "date_inferred": bool(m["date_inferred"]),
                "date_text": record.get("date_text"),
                "event_loc": record.get("event_loc"),
                "reported_by": json.loads(m["reported_by"] or "[]"),
                "quote": m["quote"],
                "publisher": m["publisher"],
            })
        return out

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """One merged event. ``mentions`` here lists its reports across articles (article
        id and title, sentence index and text, trigger/actor/recipient offsets), replacing
        the in-article trigger spans of ``event_to_dict``; those stay in ``evidence``."""
        with self._read() as cur:
            row = self._one(cur, f"SELECT {_EVENT_COLS} FROM events WHERE id = ?", (event_id,))
            if row is None:
                return None
            record = self._records(cur, [event_id])[event_id]
            mentions = self._mentions(cur, [event_id]).get(event_id, [])
        ev = self._event_dict(row, record)
        ev["mentions"] = mentions
        return ev

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """The article (with ``text``) and every layer in the ``ArticleDoc.to_dict`` layout.

        Each entry of ``events`` gains ``event_id`` (the merged event it belongs to) and
        ``n_sources``.
        """
        with self._read() as cur:
            row = self._one(cur, "SELECT * FROM articles WHERE id = ?", (article_id,))
            if row is None:
                return None
            links = self._rows(
                cur,
                "SELECT m.local_id, m.event_id, e.n_sources FROM mentions m "
                "JOIN events e ON e.id = m.event_id WHERE m.article_id = ?",
                (article_id,),
            )
        layers = json.loads(row["layers"] or "{}")
        by_local = {link["local_id"]: link for link in links}
        for ev in layers.get("events", []):
            link = by_local.get(ev.get("id"))
            ev["event_id"] = link["event_id"] if link else None
            ev["n_sources"] = int(link["n_sources"]) if link else None
        article = {
            "id": row["id"],
            "title": row["title"],
            "date": row["date"],
            "lang": row["lang"],
            "url": row["url"],
            "source": row["source"],
            "origin": row["origin"],
            "content_hash": row["content_hash"],
            "status": row["status"],
            "metadata": json.loads(row["metadata"] or "{}"),
            "ingested_at": row["ingested_at"],
            "n_events": row["n_events"],
            "text": row["text"],
        }
        header = layers.pop("article", None) or {}
        article["dateline"] = header.get("dateline")
        return {"article": article, **layers}

    def list_articles(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Articles, most recently ingested first, without their text."""
        with self._read() as cur:
            return self._rows(
                cur,
                "SELECT id, title, date, lang, url, source, origin, content_hash, status, "
                "n_events, ingested_at FROM articles ORDER BY ingested_at DESC, id LIMIT ? OFFSET ?",
                (int(limit), int(offset)),
            )

    def count_articles(self) -> int:
        with self._read() as cur:
            row = self._one(cur, "SELECT COUNT(*) AS n FROM articles")
        return int(row["n"]) if row else 0

    def stats(self, flt: EventFilter, by: str, limit: int = 50) -> list[dict[str, Any]]:
        """Event counts grouped ``by`` (see :data:`STATS_BY`), as ``{"key", "count"}`` dicts.

        Time groupings (day, week = the Monday's date, month) are sorted by key and only
        count events dated at least that precisely; ``*_type`` adds a ``type`` field for a
        timeline by type. Other groupings are the ``limit`` largest, biggest first;
        ``pair`` adds ``actor`` and ``recipient``; ``country`` is the event's place
        country, else its actor's.
        """
        if by not in STATS_BY:
            raise ValueError(f"unknown grouping {by!r}; one of {', '.join(STATS_BY)}")
        where, params = self.where(flt)
        conj = " AND " if where else " WHERE "
        base = by.removesuffix("_type")
        with_type = by.endswith("_type")
        time_keys = {
            "day": ("substr(date, 1, 10)", "length(date) >= 10"),
            "week": (self._week_expr(), "length(date) >= 10"),
            "month": ("substr(date, 1, 7)", "length(date) >= 7"),
        }
        if base in time_keys:
            expr, cond = time_keys[base]
            cols = f"{expr} AS key" + (", type" if with_type else "")
            group = "key" + (", type" if with_type else "")
            sql = (f"SELECT {cols}, COUNT(*) AS count FROM events{where}{conj}{cond} "
                   f"GROUP BY {group} ORDER BY {group}")
            with self._read() as cur:
                return self._rows(cur, sql, params)
        if by == "pair":
            sql = (f"SELECT actor_code AS actor, recipient_code AS recipient, COUNT(*) AS count "
                   f"FROM events{where}{conj}actor_code <> '' AND recipient_code <> '' "
                   f"GROUP BY actor_code, recipient_code ORDER BY count DESC, actor, recipient "
                   f"LIMIT ?")
            with self._read() as cur:
                rows = self._rows(cur, sql, [*params, int(limit)])
            return [{"key": f"{r['actor']}>{r['recipient']}", **r} for r in rows]
        expr = {
            "type": "type",
            "actor": "actor_code",
            "recipient": "recipient_code",
            "country": "COALESCE(place_country, actor_country)",
        }[by]
        sql = (f"SELECT {expr} AS key, COUNT(*) AS count FROM events{where}{conj}{expr} <> '' "
               f"GROUP BY {expr} ORDER BY count DESC, key LIMIT ?")
        with self._read() as cur:
            return self._rows(cur, sql, [*params, int(limit)])


def _arg_parts(adoc: ArticleDoc, arg: EventArg | None) -> tuple[str | None, str | None]:
    """(country, sector) of an event's actor or recipient: from its ActorMention when the
    coder linked one, else read off the code."""
    if arg is None:
        return None, None
    if arg.mention:
        for m in adoc.actors:
            if m.id == arg.mention and (m.country or m.sector):
                return m.country or None, m.sector or None
    return _code_parts(arg.code)


def _code_parts(code: str | None) -> tuple[str | None, str | None]:
    """(country, sector) of an actor code: 'IRQGOV' -> ('IRQ', 'GOV'); 'IGO' -> (None, 'IGO').

    A code starts with a country only when its first three letters are not a sector code.
    """
    if not code:
        return None, None
    if len(code) >= 3 and code[:3] not in _SECTOR_CODES:
        return code[:3], (code[3:] or None)
    return None, code


# PLOVER/CAMEO sector and organisation codes that may open an actor code without a country
_SECTOR_CODES = frozenset(
    "GOV MIL COP REB OPP PTY JUD LEG ELI MED EDU BUS CVL LAB REF HLH AGR ENV CRM SPY "
    "IGO IMG NGO NGM MNC UAF INS SET RAD HRI CHR MUS JEW BUD HIN ATH".split()
)
