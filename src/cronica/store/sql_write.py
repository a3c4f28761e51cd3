"""Writing to the SQL store: an article and its layers in one transaction, event merging,
rejections, and the pre-computed counts kept in step with the events."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from cronica.errors import Rejection
from cronica.model import ArticleDoc, Event, arg_parts, event_to_dict
from cronica.store import merge, schema
from cronica.store.base import StoreResult
from cronica.store.place_names import place_search
from cronica.store.sql_base import MAX_SEARCH_TEXT, SQLBase, _dumps, now_iso
from cronica.textfold import search_blob


def _search_of(e: Event, record: dict[str, Any], sentence: str) -> str:
    """The event's ``search_text``: its sentence and names, folded (cronica.textfold),
    with every name of its place (``place_search``: 'Tiro' finds Tyre, and back)."""
    loc = e.event_loc or {}
    names = [loc.get("text"), loc.get("name"), loc.get("admin1"),
             e.actor.text if e.actor else None, e.recipient.text if e.recipient else None,
             record.get("actor_name"), record.get("recipient_name"),
             *place_search(loc).split(" | ")]
    return search_blob(sentence, names)


def _country_sector(adoc: ArticleDoc, arg: Any, record: dict[str, Any], side: str
                    ) -> tuple[str | None, str | None]:
    """(country, sector) of the event's actor or recipient as its record gives them."""
    country, sector = arg_parts(adoc, arg)
    return record.get(f"{side}_country") or country, record.get(f"{side}_sector") or sector


def _publisher(adoc: ArticleDoc, e: Event) -> str:
    """Who originally reported the event: the cited source, else the publisher, else the article.

    Two outlets re-running the same wire story count as one publisher.
    """
    if e.reported_by:
        return e.reported_by[0].strip().lower()
    if adoc.article.source:
        return adoc.article.source.strip().lower()
    return f"article:{adoc.article.content_hash[:16]}"


_ROLLUP_COLS = ("aux_key, date, type, actor_code, recipient_code, place_country, actor_country, "
                "place_name, lat, lon")


def rollup_keys(row: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    """(table, key) of each pre-computed count that the event ``row`` is counted in; the
    same keys as the SQL of :func:`cronica.store.schema.rollup_fill`."""
    aux = row["aux_key"] or ""
    place_country = row["place_country"]
    country = place_country if place_country is not None else (row["actor_country"] or "")
    keys: list[tuple[str, tuple[Any, ...]]] = [
        ("event_days", (aux, (row["date"] or "")[:10], row["type"])),
        ("event_pairs", (aux, row["actor_code"] or "", row["recipient_code"] or "")),
        ("event_countries", (aux, country)),
    ]
    if row["lat"] is not None and row["lon"] is not None:
        keys.append(("event_places", (aux, row["place_name"] or "", place_country or "",
                                      float(row["lat"]), float(row["lon"]))))
    return keys


class SQLWriter(SQLBase):
    """The writing half of :class:`cronica.store.sql.SQLStore`."""

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
        self._refuse_if_newer()
        a = adoc.article
        h = a.content_hash
        # serialise before taking the write lock: other writers wait only for the SQL
        doc = adoc.to_dict()
        layers = _dumps(doc)
        with self._write() as cur:
            row = self._one(cur, "SELECT id FROM articles WHERE content_hash = ?", (h,))
            if row:
                self._clear_rejections(cur, a, h)
                return StoreResult("present", row["id"])
            article_id = a.id
            if self._one(cur, "SELECT 1 AS x FROM articles WHERE id = ?", (article_id,)):
                article_id = f"{a.id}~{h[:12]}"  # another text already took this id
            inserted = self._one(
                cur,
                "INSERT INTO articles (id, content_hash, title, date, lang, url, source, origin, "
                "status, text, metadata, layers, n_events, ingested_at"
                f"{', contentious' if self._v4 else ''}) "
                f"VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'stored', ?, ?, ?, ?, ?{', ?' if self._v4 else ''}) "
                "ON CONFLICT (content_hash) DO NOTHING RETURNING id",
                (
                    article_id, h, a.title, a.date, adoc.lang or a.lang, a.url, a.source,
                    a.origin, a.text, _dumps(a.meta), layers, len(adoc.events), now_iso(),
                    *([None if adoc.contentious is None else round(adoc.contentious, 4)]
                      if self._v4 else []),
                ),
            )
            if inserted is None:  # a concurrent writer stored the same text first
                row = self._one(cur, "SELECT id FROM articles WHERE content_hash = ?", (h,))
                return StoreResult("present", row["id"] if row else a.id)
            self._clear_rejections(cur, a, h)
            self._add_layers(cur, article_id, adoc)
            self._lock_merge_keys(cur, [merge.merge_key(e) for e in adoc.events])
            # the article's changes to the pre-computed counts, applied once at the end
            self._count_deltas = {}
            self._new_names = set()
            try:
                stored: dict[str, str] = {}  # the article's event id -> stored event id
                for e, record in zip(adoc.events, doc["events"], strict=True):
                    stored[e.id] = self._add_event(cur, article_id, adoc, e, record)
                if self._v4:
                    self._link_embedded(cur, adoc, stored)
                deltas, self._count_deltas = self._count_deltas, None
                self._apply_counts(cur, deltas)
                names, self._new_names = self._new_names, None
                self._add_names(cur, names)
            finally:
                self._count_deltas = None
                self._new_names = None
        return StoreResult("stored", article_id, len(adoc.events))

    @property
    def _v4(self) -> bool:
        """Whether the store has the columns of schema version 4 (a store is migrated when
        opened for writing; only a test's store of an older version lacks them)."""
        return self._store_version >= 4

    def _link_embedded(self, cur: Any, adoc: ArticleDoc, stored: dict[str, str]) -> None:
        """Point ``events.embedded_in`` of each embedded act at the stored id of its governing
        event (the article's ``embedded_in`` names the governing event by its local id)."""
        for e in adoc.events:
            target = stored.get(e.embedded_in or "")
            if target and stored.get(e.id) and stored[e.id] != target:
                self._exec(cur, "UPDATE events SET embedded_in = ? WHERE id = ? AND "
                                "embedded_in IS NULL", (target, stored[e.id]))

    # -- pre-computed counts (schema.ROLLUPS) -----------------------------------------------
    #: pending count changes of the article being written; None: apply at once
    _count_deltas: dict[tuple[str, tuple[Any, ...]], int] | None = None
    #: source names of the article being written, added to ``publishers`` at the end
    _new_names: set[str] | None = None

    def _count_row(self, cur: Any, event_id: str) -> dict[str, Any]:
        """The columns of an event that its pre-computed counts are keyed on."""
        row = self._one(cur, f"SELECT {_ROLLUP_COLS} FROM events WHERE id = ?", (event_id,))
        assert row is not None, event_id
        return row

    def _count(self, cur: Any, row: dict[str, Any], sign: int) -> None:
        """Count the event ``row`` in (``sign`` +1) or out of (-1) every rollup."""
        deltas = self._count_deltas
        pending = deltas if deltas is not None else {}
        for key in rollup_keys(row):
            pending[key] = pending.get(key, 0) + sign
        if deltas is None:
            self._apply_counts(cur, pending)

    def _apply_counts(self, cur: Any, deltas: dict[tuple[str, tuple[Any, ...]], int]) -> None:
        """Add ``deltas`` to the rollup rows, in key order (two PostgreSQL writers then take
        the counter rows' locks in the same order and never deadlock on them)."""
        by_table: dict[str, list[tuple[Any, ...]]] = {}
        for (table, key), n in sorted(deltas.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            if n:
                by_table.setdefault(table, []).append((*key, n))
        for table, rows in by_table.items():
            cols = ", ".join(schema.ROLLUPS[table][0])
            marks = ", ".join("?" * (len(rows[0])))
            self._many(
                cur,
                f"INSERT INTO {table} ({cols}, n) VALUES ({marks}) ON CONFLICT ({cols}) "
                f"DO UPDATE SET n = {table}.n + excluded.n",
                rows,
            )

    def rebuild_counts(self) -> None:
        """Recompute every pre-computed count, the country links and the source rows from
        ``events`` (after a bulk load that bypassed :meth:`add`, or to repair them); one
        transaction."""
        with self._write() as cur:
            for table in schema.ROLLUPS:
                self._exec(cur, f"DELETE FROM {table}")
                self._exec(cur, schema.rollup_fill(table))
            self._exec(cur, "DELETE FROM event_country_links")
            self._exec(cur, schema.links_fill(self.row_key))
            self._exec(cur, "DELETE FROM event_sources")
            self._exec(cur, schema.sources_fill(self.dialect))
            self._exec(cur, "INSERT INTO publishers (name) SELECT DISTINCT source FROM "
                            "event_sources WHERE true ON CONFLICT (name) DO NOTHING")

    def _sync_links(self, cur: Any, event_id: str, fresh: bool = False) -> None:
        """(Re)write the ``event_country_links`` and ``event_sources`` rows of one event
        from its current row, and add its new source names to ``publishers`` (``fresh``: a
        new event, without any yet). Every merge rewrites them: n_sources, the sources, the
        date or the place may have changed."""
        row = self._one(cur, f"SELECT {self.row_key} AS rk, sources, {schema.LINK_SELECT} "
                             f"FROM events WHERE id = ?", (event_id,))
        assert row is not None, event_id
        if not fresh:
            self._exec(cur, "DELETE FROM event_country_links WHERE rk = ?", (row["rk"],))
            self._exec(cur, "DELETE FROM event_sources WHERE rk = ?", (row["rk"],))
        self._exec(cur, schema.links_fill(self.row_key, " AND id = ?"), (event_id,) * 3)
        names = sorted({s for s in (row["sources"] or "").split("|") if s})
        if not names:
            return
        carried = tuple(row[c] for c in schema.LINK_COLS)
        cols = ", ".join(schema.LINK_COLS)
        marks = ", ".join("?" * (len(schema.LINK_COLS) + 2))
        self._many(cur, f"INSERT INTO event_sources (source, rk, {cols}) VALUES ({marks})",
                   [(name, row["rk"], *carried) for name in names])
        if self._new_names is not None:
            self._new_names.update(names)
        else:
            self._add_names(cur, names)

    def _add_names(self, cur: Any, names: set[str] | list[str]) -> None:
        """Add source names to ``publishers``, in sorted order (two PostgreSQL writers adding
        the same new names then lock them in the same order and never deadlock)."""
        self._many(cur, "INSERT INTO publishers (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
                   [(name,) for name in sorted(names)])

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
            self._count(cur, self._count_row(cur, event_id), +1)
            self._sync_links(cur, event_id, fresh=True)
        else:
            event_id = target["id"]
            self._merge_into(cur, target, e, bounds, loc, record, article_id, sources, sentence,
                             seen, publisher)
            # a merged event is counted once: only a change of its date or place moves it
            after = self._count_row(cur, event_id)
            if rollup_keys(after) != rollup_keys(target):
                self._count(cur, target, -1)
                self._count(cur, after, +1)
            self._sync_links(cur, event_id)

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
        v4 = [place_search(e.event_loc) or None, record.get("actor_country_source"),
              record.get("recipient_country_source")] if self._v4 else []
        v4_cols = ", place_search, actor_country_source, recipient_country_source" if v4 else ""
        return (
            "INSERT INTO events (id, merge_key, type, mode, context, aux_mode, aux_key, actor_code, "
            "actor_text, actor_country, actor_sector, recipient_code, recipient_text, "
            "recipient_country, recipient_sector, date, date_precision, date_inferred, date_lo, "
            "date_hi, event_loc, place_name, place_country, lat, lon, confidence, language, "
            "search_text, sources, article_ids, n_sources, n_publishers, first_seen, "
            f"last_seen{v4_cols}) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,1,?,?"
            f"{',?' * len(v4)})",
            (
                event_id, key, e.event, e.mode, ";".join(e.context), e.aux_mode, e.aux_mode or "",
                e.actor.code if e.actor else None, e.actor.text if e.actor else None,
                # the record's country: the code's, else the one context settled (the
                # stage 'actor_context': 'police' in an article placed in Kenya)
                *_country_sector(adoc, e.actor, record, "actor"),
                e.recipient.code if e.recipient else None,
                e.recipient.text if e.recipient else None,
                *_country_sector(adoc, e.recipient, record, "recipient"),
                e.date, e.date_precision, int(e.date_inferred),
                bounds.lo.isoformat() if bounds else None,
                bounds.hi.isoformat() if bounds else None,
                _dumps(e.event_loc) if e.event_loc else None, loc.get("name"),
                loc.get("country"), loc.get("lat"), loc.get("lon"), round(e.confidence, 3),
                record.get("language"), _search_of(e, record, sentence)[:MAX_SEARCH_TEXT],
                "|".join(sorted(sources)), _dumps([article_id]), seen, seen, *v4,
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
        blob = _search_of(e, record, sentence)
        if blob and blob not in search and len(search) < MAX_SEARCH_TEXT:
            search = (search + "\n" + blob)[:MAX_SEARCH_TEXT]
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
                        **({"place_search": place_search(loc) or None} if self._v4 else {}),
                        place_country=loc.get("country"), lat=loc.get("lat"), lon=loc.get("lon"))
        cols = ", ".join(f"{k} = ?" for k in sets)
        self._exec(cur, f"UPDATE events SET {cols} WHERE id = ?", (*sets.values(), target["id"]))

    def _clear_rejections(self, cur: Any, a: Any, content_hash: str) -> None:
        """A document that is stored is no longer rejected: drop its earlier rejections
        (same text; or same id from the same origin, e.g. a file rejected before it was
        fixed, or an article a full disk kept out)."""
        self._exec(
            cur,
            "DELETE FROM rejections WHERE content_hash = ? OR (doc_id = ? AND origin = ?)",
            (content_hash, a.id, a.origin or ""),
        )

    def add_rejection(self, rejection: Rejection, content_hash: str | None = None) -> None:
        """Record a rejected input; the same input rejected again only bumps ``count``."""
        self._refuse_if_newer()
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
