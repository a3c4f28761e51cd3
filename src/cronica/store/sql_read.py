"""Reading the SQL store: filters, pages, counts, one event or article, and groupings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from cronica.store import schema
from cronica.store.base import EventFilter
from cronica.store.sql_base import SORTS, STATS_BY, SQLBase
from cronica.textfold import search_words

_EVENT_COLS = (
    "id, type, mode, context, aux_mode, actor_code, actor_text, actor_country, actor_sector, "
    "recipient_code, recipient_text, recipient_country, recipient_sector, "
    "date, date_precision, date_inferred, event_loc, place_name, place_country, lat, lon, "
    "confidence, language, sources, article_ids, n_sources, n_publishers, first_seen, last_seen"
)
#: columns of schema version 4 that an event dict carries (a read-only store of an older
#: version has none of them)
_V4_EVENT_COLS = ", embedded_in, actor_country_source, recipient_country_source"


def place_column(version: int) -> str:
    """The column the place filter matches: the folded names of the place from schema
    version 4 on (see cronica.store.place_names), the gazetteer name before."""
    return "place_search" if version >= 4 else "place_name"


def place_words(place: str | None, version: int) -> str | None:
    """The place filter's text as its column keeps it (folded from version 4 on)."""
    return search_words(place) if version >= 4 else place


def place_name_conds(place: str | None, version: int, column: str = "place_search"
                     ) -> tuple[list[str], list[Any]]:
    """The place filter's whole-name condition: its folded text is one of the place's names
    (the ' | '-separated names of ``place_search``), not part of one, so 'sur' (Spanish
    'south') finds Sur in Oman but not Tyre ('es sur', 'surru') nor 'Corea del Sur'. The
    substring condition (trigram index) only narrows the rows this one tests. Stores
    before version 4 keep the substring match on the gazetteer name."""
    words = place_words(place, version)
    if version < 4 or not words or not no_nul(words).strip():
        return [], []
    # the column between separators: one of its names is the whole text
    return ([f"(' | ' || {column} || ' | ') LIKE ? ESCAPE '\\'"],
            [f"% | {_like_escape(no_nul(words).strip())} | %"])



_MAX_CHAR = "\U0010ffff"


def _prefix_upper(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``.

    A last character that is already the largest code point (U+10FFFF) cannot be
    incremented: the one before it is (and with nothing left, every string qualifies)."""
    stem = prefix.rstrip(_MAX_CHAR)
    if not stem:
        return _MAX_CHAR * (len(prefix) + 1)
    return stem[:-1] + chr(ord(stem[-1]) + 1)


def no_nul(text: str) -> str:
    """``text`` without NUL characters: SQLite's full-text parser stops at one
    ("unterminated string") and PostgreSQL refuses them; stored text holds none."""
    return text.replace("\x00", "") if "\x00" in text else text


def _like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards and escape character escaped (ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_pattern(text: str) -> str:
    return f"%{_like_escape(no_nul(text))}%"



class SQLReader(SQLBase):
    """The reading half of :class:`cronica.store.sql.SQLStore`."""

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
            if prefix and no_nul(prefix):
                p = no_nul(prefix).upper()
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
        version = self._store_version
        substrings = [(col, no_nul(text)) for col, text in (
                      (place_column(version), place_words(flt.place, version)),
                      ("sources", flt.source), ("search_text", search_words(flt.text)))
                      if text and no_nul(text)]
        conds_sub, params_sub = self._substring_conds(substrings, page)
        conds.extend(conds_sub)
        params.extend(params_sub)
        conds_name, params_name = place_name_conds(flt.place, version)
        conds.extend(conds_name)
        params.extend(params_name)
        if flt.min_sources and flt.min_sources > 1:
            # most events have one source: say so, or SQLite walks the date index to find them
            conds.append(self._likely("n_sources >= ?", 0.01 if flt.min_sources > 2 else 0.1))
            params.append(flt.min_sources)
        if not flt.include_all_aux:
            allowed = ["", *[m for m in flt.aux_modes if m]]
            conds.append(f"aux_key IN ({', '.join('?' * len(allowed))})")
            params.extend(allowed)
        self._extra_conds(flt, conds, params)
        if flt.article_id:
            conds.append("id IN (SELECT event_id FROM mentions WHERE article_id = ?)")
            params.append(flt.article_id)
        return (" WHERE " + " AND ".join(conds)) if conds else "", params

    @staticmethod
    def _extra_conds(flt: EventFilter, conds: list[str], params: list[Any]) -> None:
        """The dashboard's confidence and sector filters (no index: they narrow a scan)."""
        if flt.min_confidence is not None and flt.min_confidence > 0:
            conds.append("confidence >= ?")
            params.append(float(flt.min_confidence))
        if flt.sectors:
            marks = ", ".join("?" * len(flt.sectors))
            conds.append(f"(actor_sector IN ({marks}) OR recipient_sector IN ({marks}))")
            params.extend([*flt.sectors, *flt.sectors])

    def _substring_conds(
        self, subs: list[tuple[str, str]], page: bool = False
    ) -> tuple[list[str], list[Any]]:
        """Case-insensitive substring conditions on text columns (a scan; SQLite overrides
        this with its trigram index)."""
        conds = [f"{col} {self.like} ? ESCAPE '\\'" for col, _ in subs]
        return conds, [_like_pattern(text) for _, text in subs]

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
        indexed = self._index_from(flt, page=True) if sort.lstrip("-") == "date" else None
        if indexed is not None:
            table, where, params = indexed
            sql = f"SELECT rk AS k FROM {table}{where}{self._links_order(sort)}"
        elif flt.country and self.country_union and sort.lstrip("-") == "date":
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
                f"SELECT {self.row_key} AS k, {self._event_cols()} FROM events WHERE {self.row_key} IN "
                f"({', '.join('?' * len(keys))})",
                keys,
            )
            records = self._records(cur, [r["id"] for r in rows])
        by_key = {r["k"]: r for r in rows}
        return [self._event_dict(by_key[k], records[by_key[k]["id"]]) for k in keys]

    #: a source filter matching more names than this is not read from ``event_sources``
    SOURCE_NAMES = 50

    def _source_names(self, text: str) -> list[str] | None:
        """The stored source names (``publishers``) that contain ``text``, case-insensitively
        (the source filter's meaning); None when ``event_sources`` cannot answer: ``text``
        spans two names (has a '|') or too many names match."""
        if "|" in text:
            return None
        with self._read() as cur:
            rows = self._rows(cur, f"SELECT name FROM publishers WHERE name {self.like} ? "
                                   f"ESCAPE '\\' ORDER BY name LIMIT ?",
                              [_like_pattern(text.lower()), self.SOURCE_NAMES + 1])
        names = [r["name"] for r in rows]
        return names if len(names) <= self.SOURCE_NAMES else None

    def _index_from(self, flt: EventFilter, page: bool = False
                    ) -> tuple[str, str, list[Any]] | None:
        """(FROM, WHERE, parameters) answering ``flt`` from ``event_country_links`` or
        ``event_sources`` (one row per matching event, columns as in schema.LINK_COLS plus
        ``rk``), or None when neither covers it (see :func:`links_cover`)."""
        if links_cover(flt):
            where, params = self.where(flt, page=page, country_col="country")
            return "event_country_links", where, params
        if not sources_cover(flt) or flt.source is None:
            return None
        names = self._source_names(flt.source)
        if names is None:
            return None
        where, params = self.where(replace(flt, source=None), page=page)
        conj = " AND " if where else " WHERE "
        if len(names) <= 1:  # one index range ('' is never stored: no match)
            return "event_sources", f"{where}{conj}source = ?", [*params, *(names or [""])]
        # an event with two matching names has two rows: keep one
        cols = ", ".join(("rk", *schema.LINK_COLS))
        marks = ", ".join("?" * len(names))
        return (f"(SELECT DISTINCT {cols} FROM event_sources WHERE source IN ({marks})) AS es",
                where, [*names, *params])

    def _links_order(self, sort: str) -> str:
        """:meth:`order_by` over ``event_country_links`` (its ``rk`` is the row key)."""
        return self.order_by(sort).replace(f", {self.row_key}", ", rk")

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
            sql = f"SELECT {self._event_cols()} FROM events{where}{joiner}id > ? ORDER BY id LIMIT ?"
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
        an exact count of a broad filter over millions of events takes a scan. A filter
        on dates, types, actor/recipient codes and aux modes only is counted from the
        pre-computed counts."""
        for table in ("event_days", "event_pairs"):
            if rollup_for(flt, table) == table:  # exact, from a few thousand counters
                where, params = self.where(flt)
                with self._read() as cur:
                    row = self._one(cur, f"SELECT CAST(SUM(n) AS BIGINT) AS n FROM {table}{where}",
                                    params)
                n = int(row["n"] or 0) if row else 0
                return n if limit is None else min(n, int(limit))
        indexed = self._index_from(flt, page=limit is not None)
        if indexed is not None:
            table, where, params = indexed
        else:
            table = "events"
            where, params = self.where(flt, page=limit is not None)
        sql = f"SELECT COUNT(*) AS n FROM {table}{where}"
        if limit is not None:
            sql = f"SELECT COUNT(*) AS n FROM (SELECT 1 AS x FROM {table}{where} LIMIT ?) AS capped"
            params = [*params, int(limit)]
        with self._read() as cur:
            row = self._one(cur, sql, params)
        return int(row["n"]) if row else 0

    def _event_cols(self) -> str:
        """The ``events`` columns an event dict is made from, for this store's version."""
        return _EVENT_COLS + (_V4_EVENT_COLS if self._store_version >= 4 else "")

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
        if "embedded_in" in r:
            # the stored id of the governing event (the record's is the article's local id)
            ev["embedded_in"] = r["embedded_in"]
            for side in ("actor", "recipient"):
                source = r[f"{side}_country_source"]
                if source or not ev.get(f"{side}_country_source"):
                    ev[f"{side}_country_source"] = source
        return ev

    def _mentions(self, cur: Any, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        if not event_ids:
            return out
        rows = self._rows(
            cur,
            "SELECT m.*, a.title AS article_title, a.date AS article_date, a.source AS "
            "article_source, a.url AS article_url, a.lang AS article_lang"
            f"{', a.contentious AS article_contentious' if self._store_version >= 4 else ''} "
            "FROM mentions m "
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
                "article_contentious": m.get("article_contentious"),
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
            row = self._one(cur, f"SELECT {self._event_cols()} FROM events WHERE id = ?", (event_id,))
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

        When the filter only uses what a pre-computed count is keyed on (see
        :func:`rollup_for`), the counts are read from it instead of the events.
        """
        if by not in STATS_BY:
            raise ValueError(f"unknown grouping {by!r}; one of {', '.join(STATS_BY)}")
        base = by.removesuffix("_type")
        with_type = by.endswith("_type")
        table = rollup_for(flt, by)
        indexed = self._index_from(flt) if table == "events" else None
        if indexed is not None:  # a country's or a source's events: one index range
            table, where, params = indexed
        else:
            where, params = self.where(flt)
        conj = " AND " if where else " WHERE "
        scan = table == "events" or indexed is not None  # one row per event
        count = "COUNT(*)" if scan else "CAST(SUM(n) AS BIGINT)"
        # a rollup row may have dropped to 0 (a merge moved its event elsewhere)
        having = "" if scan else f" HAVING {count} > 0"
        time_keys = {
            "day": ("substr(date, 1, 10)", "length(date) >= 10"),
            "week": (self._week_expr(), "length(date) >= 10"),
            "month": ("substr(date, 1, 7)", "length(date) >= 7"),
        }
        if base in time_keys:
            expr, cond = time_keys[base]
            cols = f"{expr} AS key" + (", type" if with_type else "")
            group = "key" + (", type" if with_type else "")
            sql = (f"SELECT {cols}, {count} AS count FROM {table}{where}{conj}{cond} "
                   f"GROUP BY {group}{having} ORDER BY {group}")
            with self._read() as cur:
                return self._rows(cur, sql, params)
        if by == "pair" and table == "event_pairs" and _single_aux(flt) is not None and not (
                flt.actor or flt.recipient):  # one row per pair: walk the (aux_key, n) index
            sql = ("SELECT actor_code AS actor, recipient_code AS recipient, n AS count "
                   "FROM event_pairs WHERE aux_key = ? AND actor_code <> '' AND "
                   "recipient_code <> '' AND n > 0 ORDER BY n DESC, actor, recipient LIMIT ?")
            with self._read() as cur:
                rows = self._rows(cur, sql, [_single_aux(flt), int(limit)])
            return [{"key": f"{r['actor']}>{r['recipient']}", **r} for r in rows]
        if by == "pair":
            sql = (f"SELECT actor_code AS actor, recipient_code AS recipient, {count} AS count "
                   f"FROM {table}{where}{conj}actor_code <> '' AND recipient_code <> '' "
                   f"GROUP BY actor_code, recipient_code{having} "
                   f"ORDER BY count DESC, actor, recipient LIMIT ?")
            with self._read() as cur:
                rows = self._rows(cur, sql, [*params, int(limit)])
            return [{"key": f"{r['actor']}>{r['recipient']}", **r} for r in rows]
        expr = {
            "type": "type",
            "actor": "actor_code",
            "recipient": "recipient_code",
            "country": "COALESCE(place_country, actor_country)" if scan else "country",
        }[by]
        sql = (f"SELECT {expr} AS key, {count} AS count FROM {table}{where}{conj}{expr} <> '' "
               f"GROUP BY {expr}{having} ORDER BY count DESC, key LIMIT ?")
        with self._read() as cur:
            return self._rows(cur, sql, [*params, int(limit)])

    def year_counts(self, flt: EventFilter) -> list[dict[str, Any]]:
        """Events dated to the year only ('2019'), counted by year and type: the day, week
        and month groupings of :meth:`stats` leave them out."""
        where, params = self.where(flt)
        conj = " AND " if where else " WHERE "
        sql = (f"SELECT substr(date, 1, 4) AS key, type, COUNT(*) AS count FROM events{where}"
               f"{conj}length(date) = 4 GROUP BY key, type ORDER BY key, type")
        with self._read() as cur:
            return self._rows(cur, sql, params)

    #: events listed per place
    PLACE_EVENTS = 5

    def places(self, flt: EventFilter, limit: int = 1000) -> list[dict[str, Any]]:
        """Geocoded events grouped by place (name, country, lat, lon), the ``limit`` largest
        first: ``lat``, ``lon``, ``name``, ``country``, ``count`` and ``events`` (up to
        :data:`PLACE_EVENTS` of the most recent, each ``id``, ``event``, ``date``, ``actor``,
        ``recipient``), plus ``complete`` (False when the counts are over only the
        :data:`PLACES_SCAN` most recent matching events).

        A filter on aux modes only is answered from ``event_places``; any other groups the
        most recent matching events, read in one index walk."""
        if rollup_for(flt, "place") != "event_places":
            return self._recent_places(flt, limit)
        where, params = self.where(flt)
        sql = (f"SELECT name, country, lat, lon, CAST(SUM(n) AS BIGINT) AS count "
               f"FROM event_places{where} GROUP BY name, country, lat, lon "
               f"HAVING SUM(n) > 0 ORDER BY count DESC, name LIMIT ?")
        if _single_aux(flt) is not None:  # one row per place: walk the (aux_key, n) index
            sql = ("SELECT name, country, lat, lon, n AS count FROM event_places "
                   "WHERE aux_key = ? AND n > 0 ORDER BY n DESC, name LIMIT ?")
            params = [_single_aux(flt)]
        with self._read() as cur:
            groups = self._rows(cur, sql, [*params, int(limit)])
        out: list[dict[str, Any]] = [{"lat": float(g["lat"]), "lon": float(g["lon"]), "name": g["name"] or None,
                "country": g["country"] or None, "count": int(g["count"]), "events": [],
                "complete": True} for g in groups]
        self._place_events(flt, out)
        return out

    _PLACE_COLS = ("id, type, date, actor_code, recipient_code, COALESCE(place_name, '') AS name, "
                   "COALESCE(place_country, '') AS country, lat, lon")

    def _recent_places(self, flt: EventFilter, limit: int) -> list[dict[str, Any]]:
        """:meth:`places` over the :data:`PLACES_SCAN` most recent matching events."""
        sql, params = self._recent_places_sql(flt)
        with self._read() as cur:
            rows = self._rows(cur, sql, params)
        by_key: dict[tuple[str, str, float, float], dict[str, Any]] = {}
        for r in rows:
            key = (r["name"], r["country"], float(r["lat"]), float(r["lon"]))
            if key not in by_key:
                by_key[key] = {"lat": key[2], "lon": key[3], "name": key[0] or None,
                               "country": key[1] or None, "count": 0, "events": [],
                               "complete": len(rows) < self.PLACES_SCAN}
            by_key[key]["count"] += 1
        self._add_place_events(by_key, rows)
        out = sorted(by_key.values(), key=lambda p: (-p["count"], p["name"] or ""))
        return out[: int(limit)]

    def _recent_places_sql(self, flt: EventFilter) -> tuple[str, list[Any]]:
        """The query (and parameters) of the events :meth:`_recent_places` groups. Under a
        country or source filter (see :meth:`_indexed_places_sql`) no event row is read."""
        indexed = self._indexed_places_sql(flt)
        if indexed is not None:
            return indexed
        where, params = self.where(flt, page=True)
        conj = " AND " if where else " WHERE "
        sql = (f"SELECT {self._PLACE_COLS} FROM events{where}{conj}lat IS NOT NULL AND "
               f"lon IS NOT NULL{self.order_by('-date')} LIMIT ?")
        return sql, [*params, self.PLACES_SCAN]

    def _indexed_places_sql(self, flt: EventFilter) -> tuple[str, list[Any]] | None:
        """:meth:`_recent_places_sql` through the country links or the source table (they
        carry the map's columns: no event row is read), if one covers ``flt``."""
        indexed = self._index_from(flt, page=True)
        if indexed is None:
            return None
        table, where, params = indexed
        conj = " AND " if where else " WHERE "
        cols = ("event_id AS id, type, date, actor_code, recipient_code, "
                "COALESCE(place_name, '') AS name, COALESCE(place_country, '') AS country, lat, lon")
        sql = (f"SELECT {cols} FROM {table}{where}{conj}geo = 1{self._links_order('-date')} "
               f"LIMIT ?")
        return sql, [*params, self.PLACES_SCAN]

    #: places (the largest) whose events :meth:`places` looks up one by one
    PLACE_LOOKUPS = 100

    def _place_events(self, flt: EventFilter, places: list[dict[str, Any]]) -> None:
        """Fill ``events`` of each place: the most recent matching events, then a look-up
        by place name (``events_place`` index) for the largest places still without any.
        ``flt`` filters on aux modes only (the look-ups use no other index)."""
        if not places:
            return
        by_key = {(p["name"] or "", p["country"] or "", p["lat"], p["lon"]): p for p in places}
        where, params = self.where(flt)
        conj = " AND " if where else " WHERE "
        sql = (f"SELECT {self._PLACE_COLS} FROM events{where}{conj}lat IS NOT NULL AND "
               f"lon IS NOT NULL{self.order_by('-date')} LIMIT ?")
        with self._read() as cur:
            self._add_place_events(by_key, self._rows(cur, sql, [*params, 1000]))
            for p in [p for p in places[: self.PLACE_LOOKUPS] if not p["events"]]:
                name_cond = "place_name = ?" if p["name"] else "place_name IS NULL"
                rows = self._rows(
                    cur,
                    f"SELECT {self._PLACE_COLS} FROM events{where}{conj}{name_cond} "
                    f"AND lat = ? AND lon = ? ORDER BY date DESC LIMIT ?",
                    [*params, *([p["name"]] if p["name"] else []), p["lat"], p["lon"],
                     self.PLACE_EVENTS * 4],
                )
                self._add_place_events(by_key, rows)

    def _add_place_events(
        self, by_key: dict[tuple[str, str, float, float], dict[str, Any]],
        rows: list[dict[str, Any]],
    ) -> None:
        for r in rows:
            p = by_key.get((r["name"], r["country"], float(r["lat"]), float(r["lon"])))
            if p is not None and len(p["events"]) < self.PLACE_EVENTS:
                p["events"].append({"id": r["id"], "event": r["type"], "date": r["date"],
                                    "actor": r["actor_code"], "recipient": r["recipient_code"]})


#: the filter fields each pre-computed count (schema.ROLLUPS) is keyed on, besides aux_key
_ROLLUP_FIELDS: dict[str, frozenset[str]] = {
    "event_days": frozenset({"date_from", "date_to", "types"}),
    "event_pairs": frozenset({"actor", "recipient"}),
    "event_countries": frozenset(),
    "event_places": frozenset(),
}
_ROLLUP_BY: dict[str, str] = {
    **{t: t for t in _ROLLUP_FIELDS},
    **dict.fromkeys(("day", "week", "month", "day_type", "week_type", "month_type", "type"),
                    "event_days"),
    **dict.fromkeys(("actor", "recipient", "pair"), "event_pairs"),
    "country": "event_countries",
    "place": "event_places",
}
_EMPTY = EventFilter()
#: the filter fields that ``event_country_links`` can test (its columns), besides country
_LINK_FIELDS = frozenset({"country", "date_from", "date_to", "types", "actor", "recipient",
                          "min_sources", "aux_modes", "include_all_aux"})


def sources_cover(flt: EventFilter) -> bool:
    """Whether ``flt`` filters on a source and otherwise only on columns of
    ``event_sources`` (as :func:`links_cover`, without a country)."""
    if not flt.source:
        return False
    allowed = (_LINK_FIELDS - {"country"}) | {"source"}
    return all(name in allowed or getattr(flt, name) == getattr(_EMPTY, name)
               for name in EventFilter.__dataclass_fields__)


def links_cover(flt: EventFilter) -> bool:
    """Whether ``flt`` filters on a country and otherwise only on columns of
    ``event_country_links`` (dates, types, codes, sources count, aux modes): its events
    are then read from the links instead of an OR over three columns of ``events``."""
    if not flt.country:
        return False
    return all(name in _LINK_FIELDS or getattr(flt, name) == getattr(_EMPTY, name)
               for name in EventFilter.__dataclass_fields__)


def _single_aux(flt: EventFilter) -> str | None:
    """The one aux key ``flt`` selects ('' by default), None when it selects several."""
    if flt.include_all_aux:
        return None
    modes = {m for m in flt.aux_modes if m}
    return None if modes else ""


def rollup_for(flt: EventFilter, by: str) -> str:
    """The table that answers the grouping ``by`` under ``flt``: a pre-computed count
    table when every filter used is one of its keys (or the aux mode), else 'events'."""
    table = _ROLLUP_BY.get(by, "events")
    if table == "events":
        return table
    allowed = _ROLLUP_FIELDS[table] | {"aux_modes", "include_all_aux"}
    for name in EventFilter.__dataclass_fields__:
        value = getattr(flt, name)
        if name == "min_sources":
            if value and value > 1:
                return "events"
        elif name not in allowed and value != getattr(_EMPTY, name):
            return "events"
    return table
