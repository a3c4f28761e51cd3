"""The store interface: what ingest, query, export, the API and the dashboard rely on.

Backends: SQLite (embedded default, ``cronica.store.sqlite``) and PostgreSQL
(``cronica.store.postgres``). ``open_store(url)`` picks one from the URL or path.

Stored events are *merged* events: the same event reported by several articles is one
row with several mentions (see docs/architecture.md, "Cross-article merging").
Event dicts returned by queries have the fields of ``cronica.model.event_to_dict`` plus
``n_sources`` (independent articles/sources reporting it) and ``article_ids``.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cronica.errors import Rejection
from cronica.model import ArticleDoc

DB_ENV = "CRONICA_DB"
DEFAULT_DB = os.path.join("data", "cronica.db")


@dataclass
class EventFilter:
    """Filters shared by ``cronica query``, ``cronica export`` and the HTTP API."""

    date_from: str | None = None  # inclusive, ISO date prefix
    date_to: str | None = None  # inclusive
    types: list[str] = field(default_factory=list)  # PLOVER types
    modes: list[str] = field(default_factory=list)
    actor: str | None = None  # code prefix: 'IRQ' matches 'IRQGOV'
    recipient: str | None = None  # code prefix
    country: str | None = None  # actor or recipient country, or the event's place country
    place: str | None = None  # one whole name of the place, folded (see sql_read.place_name_conds)
    source: str | None = None  # publisher or reporting source (substring)
    text: str | None = None  # free text over the evidence sentence
    min_sources: int = 1
    aux_modes: list[str] = field(default_factory=list)  # which aux modes to include besides none
    include_all_aux: bool = False  # include every aux mode
    article_id: str | None = None
    min_confidence: float | None = None  # events at least this confident (0-1)
    sectors: list[str] = field(default_factory=list)  # actor's or recipient's sector

    def __post_init__(self) -> None:
        # NUL characters cannot be in stored text and break SQL engines (SQLite's
        # full-text parser, PostgreSQL): no filter carries one to a query
        for name in ("actor", "recipient", "country", "place", "source", "text", "article_id"):
            value = getattr(self, name)
            if isinstance(value, str) and "\x00" in value:
                setattr(self, name, value.replace("\x00", "") or None)


@dataclass
class StoreResult:
    status: str  # 'stored' | 'present'
    article_id: str
    n_events: int = 0


class Store(ABC):
    """An event store. Every write of one article is one transaction."""

    @abstractmethod
    def add(self, adoc: ArticleDoc) -> StoreResult:
        """Store an article and its layers; idempotent by content hash."""

    @abstractmethod
    def has_article(self, content_hash: str) -> bool: ...

    @abstractmethod
    def add_rejection(self, rejection: Rejection, content_hash: str | None = None) -> None:
        """Record a rejected input (``content_hash`` when its text is known)."""

    @abstractmethod
    def rejections(self, limit: int = 1000) -> list[dict[str, Any]]: ...

    @abstractmethod
    def query_events(
        self, flt: EventFilter, limit: int = 100, offset: int = 0, sort: str = "date"
    ) -> list[dict[str, Any]]:
        """Matching events. ``sort``: date, n_sources, confidence, first_seen, last_seen or
        id, ascending; a leading '-' sorts descending ('-date': newest first)."""

    @abstractmethod
    def count_events(self, flt: EventFilter, limit: int | None = None) -> int:
        """How many events match; with ``limit``, counting may stop there (a result equal
        to ``limit`` then means 'at least ``limit``')."""

    @abstractmethod
    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """One event with its mentions: article id, sentence text, offsets."""

    @abstractmethod
    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """The article text and every layer (events, actors, dates, places, quotes)."""

    @abstractmethod
    def list_articles(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]: ...

    @abstractmethod
    def stats(self, flt: EventFilter, by: str, limit: int = 50) -> list[dict[str, Any]]:
        """Counts grouped ``by`` one of: day, week, month, type, actor, recipient, pair, country."""

    def places(self, flt: EventFilter, limit: int = 1000) -> list[dict[str, Any]]:
        """Geocoded events grouped by place, the ``limit`` largest first: dicts with ``lat``,
        ``lon``, ``name``, ``country``, ``count``, ``events`` (a few of the most recent,
        each ``id``, ``event``, ``date``, ``actor``, ``recipient``) and ``complete`` (False
        when only the most recent matching events were counted).

        This default groups the :data:`PLACES_SCAN` most recent matching events; the SQL
        stores answer from pre-computed counts where the filter allows."""
        groups: dict[tuple[Any, ...], dict[str, Any]] = {}
        scanned = 0
        while scanned < self.PLACES_SCAN:
            page = self.query_events(flt, limit=500, offset=scanned, sort="-date")
            scanned += len(page)
            for ev in page:
                loc = ev.get("event_loc") or {}
                if loc.get("lat") is None or loc.get("lon") is None:
                    continue
                key = (loc.get("name"), loc.get("country"), float(loc["lat"]), float(loc["lon"]))
                p = groups.setdefault(key, {"lat": key[2], "lon": key[3], "name": key[0],
                                            "country": key[1], "count": 0, "events": []})
                p["count"] += 1
                if len(p["events"]) < 5:
                    p["events"].append({
                        "id": ev.get("id"), "event": ev.get("event"), "date": ev.get("date"),
                        "actor": (ev.get("actor") or {}).get("code"),
                        "recipient": (ev.get("recipient") or {}).get("code"),
                    })
            if len(page) < 500:
                break
        complete = scanned < self.PLACES_SCAN
        out = sorted(groups.values(), key=lambda p: (-p["count"], p["name"] or ""))[:limit]
        return [{**p, "complete": complete} for p in out]

    #: events scanned (the most recent matching) by :meth:`places` when nothing better exists
    PLACES_SCAN = 5_000

    @abstractmethod
    def close(self) -> None: ...

    def iter_events(
        self, flt: EventFilter, batch_size: int = 1000, with_mentions: bool = False
    ) -> Iterator[dict[str, Any]]:
        """Every matching event, page by page (for export). With ``with_mentions`` each
        event's ``mentions`` is the cross-article list of :meth:`get_event`."""
        offset = 0
        while page := self.query_events(flt, limit=batch_size, offset=offset, sort="id"):
            for ev in page:
                if with_mentions:
                    ev["mentions"] = (self.get_event(ev["id"]) or {}).get("mentions", [])
                yield ev
            offset += len(page)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def resolve_db(url: str | None) -> str:
    return url or os.environ.get(DB_ENV) or DEFAULT_DB
