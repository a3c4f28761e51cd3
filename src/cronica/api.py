"""The HTTP API and the dashboard, one FastAPI app over a :class:`~cronica.store.base.Store`.

``create_app`` takes its dependencies (store, database location, ingest token, pipeline),
so tests hand in their own. Routes (JSON; OpenAPI at ``/openapi.json``, readable at
``/docs``; the dashboard at ``/``):

- ``GET /api/events``: filters as :class:`EventFilter` (``from``, ``to``, ``type``, ``mode``,
  ``actor``, ``recipient``, ``country``, ``place``, ``source``, ``q``, ``min_sources``,
  ``include``, ``article_id``), ``limit`` (at most :data:`MAX_PAGE`), ``offset``, ``sort``.
- ``GET /api/events/{id}``: one event with its mentions and their sentences.
- ``GET /api/articles`` and ``GET /api/articles/{id}`` (text and every layer).
- ``GET /api/stats?by=...`` counts; ``GET /api/timeline`` counts per period and type;
  ``GET /api/map`` geocoded events grouped by place.
- ``POST /api/ingest``: one article JSON object, a JSON list, or a JSONL body; needs
  ``Authorization: Bearer <token>``; disabled (403) when no token is configured.
- ``GET /api/health``.

Errors are JSON ``{"detail": ...}`` with a 4xx status for bad requests; an unexpected
failure is logged and answered with a generic 500, never a stack trace.
"""

from __future__ import annotations

import hmac
import io
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import asynccontextmanager
from dataclasses import asdict, replace
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Protocol

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from cronica import __version__
from cronica.errors import Rejection
from cronica.model import AUX_MODES, PLOVER_TYPES, Article, ArticleDoc
from cronica.store.base import EventFilter, Store, open_store

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

MAX_PAGE = 500  # events or articles per page
DEFAULT_PAGE = 50
MAX_BODY_BYTES = 10 * 1024 * 1024  # a request body over this gets 413
MAX_INGEST_DOCS = 1000  # documents per ingest request
MAX_MAP_EVENTS = 5000  # events scanned for the map
MAX_BUCKETS = 2000  # periods in a timeline
CACHE_SECONDS = 30.0  # how long counts and groupings are reused (see AggregateCache)
_SORT_KEYS = ("date", "n_sources", "confidence", "first_seen", "last_seen", "id")
SORTS: tuple[str, ...] = tuple(p + k for k in _SORT_KEYS for p in ("", "-"))  # '-': descending
STATS_BY: tuple[str, ...] = ("day", "week", "month", "type", "actor", "recipient", "pair", "country")
INTERVALS: tuple[str, ...] = ("auto", "day", "week", "month")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # ISO date or a prefix of one: 2024, 2024-01
ID_PATTERN = r"^[^\x00-\x1f]{1,300}$"

WEB_DIR = Path(str(resources.files("cronica").joinpath("web")))
WORLD_MAP = "world.json"

class ArticlePipeline(Protocol):
    """What ingest needs from :class:`cronica.pipeline.Pipeline` (tests hand in a fake)."""

    def pipe(self, items: Iterable[Article | Rejection]) -> Iterator[ArticleDoc | Rejection]: ...


class BodyTooLarge(Exception):
    """Raised while reading a request body that grows past the limit."""


class BodyLimitMiddleware:
    """Answer 413 to a request body over ``max_bytes``.

    A declared Content-Length is checked before anything is read; a chunked body is
    counted while the endpoint reads it (``BodyTooLarge``, turned into 413 by a handler).
    """

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > self.max_bytes:
                    status = 400 if declared < 0 else 413
                    detail = "bad Content-Length" if declared < 0 else self._too_large()
                    await JSONResponse({"detail": detail}, status_code=status)(scope, receive, send)
                    return
        seen = 0

        async def counted_receive() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge()
            return message

        await self.app(scope, counted_receive, send)

    def _too_large(self) -> str:
        return f"request body over {self.max_bytes:,} bytes"


class SecurityHeadersMiddleware:
    """Headers that keep the dashboard to its own origin (no CDN, no framing)."""

    CSP = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"content-security-policy", self.CSP.encode()),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class AggregateCache:
    """Answers of the costly aggregate queries, kept ``ttl`` seconds (0 disables).

    On a million events an unfiltered grouping scans the whole table (seconds in SQLite);
    the dashboard asks the same ones on every reload, page turn and language switch.
    Ingest through this API clears the cache; data that another process ingests shows
    up within ``ttl`` seconds.
    """

    def __init__(self, ttl: float, max_entries: int = 256) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._data: dict[Any, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get_or_compute(self, key: Any, compute: Callable[[], Any]) -> Any:
        if self.ttl <= 0:
            return compute()
        now = time.monotonic()
        with self._lock:
            hit = self._data.get(key)
            if hit and hit[0] > now:
                return hit[1]
        value = compute()  # outside the lock: a slow query must not hold up cache hits
        with self._lock:
            if len(self._data) >= self.max_entries:
                for k in [k for k, (exp, _) in self._data.items() if exp <= now] or list(self._data)[:1]:
                    del self._data[k]
            self._data[key] = (now + self.ttl, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


def _filter_key(flt: EventFilter) -> str:
    return json.dumps(asdict(flt), sort_keys=True)


# -- filters ------------------------------------------------------------------------
def _split(values: list[str] | None) -> list[str]:
    """Repeated parameters and comma-separated lists alike: ``type=A&type=B`` or ``type=A,B``."""
    out: list[str] = []
    for v in values or []:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


def _check_date(value: str | None, name: str) -> None:
    """A real calendar date (or year / year-month), not just the right shape."""
    if not value:
        return
    parts = value.split("-")
    try:
        if len(parts) == 3:
            date.fromisoformat(value)
        elif len(parts) == 2 and not 1 <= int(parts[1]) <= 12:
            raise ValueError
    except ValueError:
        raise HTTPException(422, f"invalid parameter '{name}': {value!r} is not a date") from None


def event_filter(
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN,
                                           description="first date, inclusive (YYYY[-MM[-DD]])")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN,
                                         description="last date, inclusive")] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER event types")] = None,
    mode: Annotated[list[str] | None, Query(max_length=100, description="PLOVER modes")] = None,
    actor: Annotated[str | None, Query(max_length=100, description="actor code prefix: IRQ")] = None,
    recipient: Annotated[str | None, Query(max_length=100, description="recipient code prefix")] = None,
    country: Annotated[str | None, Query(max_length=3, description="ISO alpha-3 country")] = None,
    place: Annotated[str | None, Query(max_length=200, description="place name substring")] = None,
    source: Annotated[str | None, Query(max_length=200, description="publisher or reporting source")] = None,
    q: Annotated[str | None, Query(max_length=500, description="free text in the evidence sentence")] = None,
    min_sources: Annotated[int, Query(ge=1, le=10_000, description="independent sources at least")] = 1,
    include: Annotated[list[str] | None, Query(
        description="aux modes to include besides plain events: historical, future, hypothetical, "
                    "negation, or all")] = None,
    article_id: Annotated[str | None, Query(max_length=300)] = None,
) -> EventFilter:
    """Query parameters -> :class:`EventFilter`; unknown types or aux modes are a 422."""
    types = [t.upper() for t in _split(type)]
    bad = [t for t in types if t not in PLOVER_TYPES]
    if bad:
        raise HTTPException(422, f"unknown event type {bad[0]!r}; expected one of {', '.join(PLOVER_TYPES)}")
    aux = [a.lower() for a in _split(include)]
    bad = [a for a in aux if a not in (*AUX_MODES, "all")]
    if bad:
        raise HTTPException(422, f"unknown aux mode {bad[0]!r}; expected any of {', '.join(AUX_MODES)} or all")
    _check_date(date_from, "from")
    _check_date(date_to, "to")
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"'from' ({date_from}) is after 'to' ({date_to})")
    return EventFilter(
        date_from=date_from, date_to=date_to, types=types, modes=_split(mode),
        actor=(actor or "").strip().upper() or None,
        recipient=(recipient or "").strip().upper() or None,
        country=(country or "").strip().upper() or None,
        place=(place or "").strip() or None, source=(source or "").strip() or None,
        text=(q or "").strip() or None, min_sources=min_sources,
        aux_modes=[a for a in aux if a != "all"], include_all_aux="all" in aux,
        article_id=article_id or None,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


# -- stats rows -----------------------------------------------------------------------
def _row(row: dict[str, Any], by: str) -> dict[str, Any]:
    """A store stats row as ``{"key", "count"}`` (plus ``actor``/``recipient`` for pairs)."""
    count = row.get("count", row.get("n", 0))
    if by == "pair":
        actor = row.get("actor")
        recipient = row.get("recipient")
        key = row.get("key")
        if (actor is None or recipient is None) and isinstance(key, (list, tuple)):
            actor, recipient = key[0], key[1]
        elif (actor is None or recipient is None) and isinstance(key, str):
            actor, _, recipient = key.partition("|") if "|" in key else key.partition("→")
        return {"key": f"{actor}|{recipient}", "actor": actor, "recipient": recipient,
                "count": int(count or 0)}
    key = row.get("key", row.get(by, row.get("value")))
    return {"key": "" if key is None else str(key), "count": int(count or 0)}


def _periods(first: str, last: str, interval: str) -> list[str] | None:
    """Every period key from ``first`` to ``last`` (days, Mondays, or YYYY-MM), so that a
    timeline's axis is linear in time; None when the keys are not ISO dates."""
    try:
        if interval == "month":
            y, m = int(first[:4]), int(first[5:7])
            end = (int(last[:4]), int(last[5:7]))
            keys = []
            while (y, m) <= end and len(keys) <= MAX_BUCKETS:
                keys.append(f"{y:04d}-{m:02d}")
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            return keys
        step = timedelta(days=7 if interval == "week" else 1)
        d, end_d = date.fromisoformat(first), date.fromisoformat(last)
        keys = []
        while d <= end_d and len(keys) <= MAX_BUCKETS:
            keys.append(d.isoformat())
            d += step
        return keys
    except ValueError:
        return None


def _auto_interval(months: list[str]) -> str:
    """Daily bars for up to two months of data, weekly up to a year, monthly beyond."""
    if len(months) <= 2:
        return "day"
    if len(months) <= 12:
        return "week"
    return "month"


# -- ingest ---------------------------------------------------------------------------
def parse_ingest_body(body: bytes) -> list[Article | Rejection]:
    """One JSON object, a JSON list of objects, or JSONL -> Articles and Rejections.

    Records are read by :mod:`cronica.read` (the same rules as ``cronica ingest``);
    origins are ``request:N`` (N counts records from 1). Raises HTTPException(400) for a
    body that is empty or not UTF-8, 413 for too many documents.
    """
    from cronica.read import read_inputs

    if not body.strip():
        raise HTTPException(400, "empty body: send an article JSON object or JSONL lines")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "the body is not UTF-8") from None
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None  # not one JSON document: read it as JSONL, line by line
    if isinstance(whole, (dict, list)):
        records = whole if isinstance(whole, list) else [whole]
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
    elif whole is not None:
        raise HTTPException(400, "the body must be a JSON object, a list of objects, or JSONL")
    else:
        lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) > MAX_INGEST_DOCS:
        raise HTTPException(413, f"{len(lines)} documents; at most {MAX_INGEST_DOCS} per request")
    stream = io.BytesIO("\n".join(lines).encode("utf-8") + b"\n")
    items = list(read_inputs(["-"], stdin=stream, fmt="jsonl", max_bytes=MAX_BODY_BYTES))
    for n, item in enumerate(items, 1):
        where = f"request:{n}"
        if isinstance(item, Rejection):
            item.reason = item.reason.replace(item.origin, where, 1)
            item.origin = where
        else:
            item.origin = where
            if not item.id or item.id.startswith("stdin-"):
                # no id given: name it by its text, so resending it names the same article
                item.id = "api-" + item.content_hash[:16]
    return items


def _check_token(request: Request, token: str | None) -> None:
    if not token:
        raise HTTPException(403, "ingest is disabled: start the server with --token or CRONICA_TOKEN")
    auth = request.headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "missing 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "invalid token")


async def _read_body(request: Request) -> bytes:
    chunks = []
    async for chunk in request.stream():
        chunks.append(chunk)
    return b"".join(chunks)


_INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {
                "oneOf": [{"$ref": "#/components/schemas/ArticleIn"},
                          {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}}]}},
            "application/x-ndjson": {"schema": {"type": "string", "description": "one ArticleIn per line"}},
        },
    }
}
_ARTICLE_IN_SCHEMA = {
    "type": "object",
    "required": ["text"],
    "properties": {
        "id": {"type": "string"}, "text": {"type": "string"}, "title": {"type": "string"},
        "date": {"type": "string", "description": "YYYY-MM-DD"},
        "lang": {"type": "string", "enum": ["es", "en"]},
        "url": {"type": "string"}, "source": {"type": "string"},
    },
}


# -- the app --------------------------------------------------------------------------
def create_app(
    store: Store | None = None,
    db: str | None = None,
    token: str | None = None,
    pipeline: ArticlePipeline | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    cache_seconds: float = CACHE_SECONDS,
) -> FastAPI:
    """The API and dashboard app.

    ``store`` is used as given (the caller closes it); without one, the store at ``db``
    (or ``$CRONICA_DB``, or the default path) is opened and closed with the app.
    ``token`` enables ``POST /api/ingest``; None disables it. ``pipeline`` defaults to
    :func:`cronica.pipeline.default_pipeline`, loaded on the first ingest. Counts and
    groupings are cached ``cache_seconds`` (0: never), see :class:`AggregateCache`.
    """
    own_store = store is None
    holder: dict[str, Any] = {"store": store, "pipeline": pipeline}
    # Ingest writes are serialised: one article is one transaction, and two requests
    # ingesting the same text at once must not both find it absent.
    ingest_lock = threading.Lock()
    cache = AggregateCache(cache_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if holder["store"] is None:
            holder["store"] = open_store(db)
        try:
            yield
        finally:
            if own_store and holder["store"] is not None:
                holder["store"].close()
                holder["store"] = None

    app = FastAPI(
        title="cronica",
        version=__version__,
        description="Political event data (PLOVER 2.0) from news articles: events, their "
                    "evidence, counts, and ingest.",
        docs_url=None, redoc_url=None,  # the stock pages load from a CDN; /docs is served offline
        lifespan=lifespan,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)

    def get_store() -> Store:
        if holder["store"] is None:  # a TestClient used without its context manager
            holder["store"] = open_store(db)
        return holder["store"]

    # -- errors ------------------------------------------------------------------
    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first["loc"] if p not in ("query", "path", "body"))
        return JSONResponse(
            {"detail": f"invalid parameter {where!r}: {first['msg']}" if where else first["msg"],
             "errors": errors},
            status_code=422,
        )

    @app.exception_handler(BodyTooLarge)
    async def on_too_large(request: Request, exc: BodyTooLarge) -> JSONResponse:
        return JSONResponse({"detail": f"request body over {max_body_bytes:,} bytes"}, status_code=413)

    @app.exception_handler(Exception)
    async def on_error(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("%s %s failed", request.method, request.url.path)
        return JSONResponse({"detail": "internal server error"}, status_code=500)

    # -- API ---------------------------------------------------------------------
    @app.get("/api/health", tags=["meta"], summary="Liveness and configuration")
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "ingest": bool(token)}

    @app.get("/api/meta", tags=["meta"], summary="Vocabularies the filters accept")
    def meta() -> dict[str, Any]:
        return {"types": list(PLOVER_TYPES), "aux_modes": list(AUX_MODES), "sorts": list(SORTS),
                "stats_by": list(STATS_BY), "max_page": MAX_PAGE}

    @app.get("/api/events", tags=["events"], summary="Events matching the filters, one page")
    def list_events(
        flt: Filter,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        sort: Annotated[str, Query(description=" | ".join(SORTS))] = "-date",
    ) -> dict[str, Any]:
        if sort not in SORTS:
            raise HTTPException(422, f"unknown sort {sort!r}; expected one of {', '.join(SORTS)}")
        st = get_store()
        return {
            "total": cache.get_or_compute(("count", _filter_key(flt)), lambda: st.count_events(flt)),
            "limit": limit,
            "offset": offset,
            "sort": sort,
            "events": st.query_events(flt, limit=limit, offset=offset, sort=sort),
        }

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with its mentions")
    def get_event(event_id: Annotated[str, PathParam(pattern=ID_PATTERN)]) -> dict[str, Any]:
        ev = get_store().get_event(event_id)
        if ev is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return ev

    @app.get("/api/articles", tags=["articles"], summary="Stored articles, one page")
    def list_articles(
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> dict[str, Any]:
        rows = get_store().list_articles(limit=limit, offset=offset)
        return {"limit": limit, "offset": offset, "articles": rows}

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="One article: text and layers")
    def get_article(article_id: Annotated[str, PathParam(pattern=ID_PATTERN)]) -> dict[str, Any]:
        art = get_store().get_article(article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return art

    @app.get("/api/stats", tags=["stats"], summary="Event counts grouped by one dimension")
    def stats(
        flt: Filter,
        by: Annotated[str, Query(description=" | ".join(STATS_BY))] = "type",
        limit: Annotated[int, Query(ge=1, le=MAX_BUCKETS)] = 50,
    ) -> dict[str, Any]:
        if by not in STATS_BY:
            raise HTTPException(422, f"unknown grouping {by!r}; expected one of {', '.join(STATS_BY)}")
        st = get_store()
        raw = cache.get_or_compute(("stats", _filter_key(flt), by, limit), lambda: st.stats(flt, by, limit=limit))
        rows = [_row(r, by) for r in raw]
        if by in ("day", "week", "month"):
            rows.sort(key=lambda r: r["key"])
        return {"by": by, "rows": rows}

    @app.get("/api/timeline", tags=["stats"], summary="Event counts per period, split by type")
    def timeline(
        flt: Filter,
        interval: Annotated[str, Query(description=" | ".join(INTERVALS))] = "auto",
    ) -> dict[str, Any]:
        if interval not in INTERVALS:
            raise HTTPException(422, f"unknown interval {interval!r}; expected one of {', '.join(INTERVALS)}")
        return cache.get_or_compute(("timeline", _filter_key(flt), interval),
                                    lambda: _timeline(flt, interval))

    def _timeline(flt: EventFilter, interval: str) -> dict[str, Any]:
        st = get_store()

        def typed_rows(by: str) -> list[dict[str, Any]]:
            try:
                return st.stats(flt, f"{by}_type", limit=MAX_BUCKETS)
            except ValueError:  # a store without the combined grouping: one query per type
                rows: list[dict[str, Any]] = []
                for t in (_row(x, "type") for x in st.stats(flt, "type", limit=len(PLOVER_TYPES))):
                    if t["count"] > 0:
                        sub = st.stats(replace(flt, types=[t["key"]]), by, limit=MAX_BUCKETS)
                        rows.extend({**r, "type": t["key"]} for r in sub)
                return rows

        if interval == "auto":
            # months first: on a long span that is already the answer, in one grouped scan
            rows = typed_rows("month")
            interval = _auto_interval(sorted({_row(r, "month")["key"] for r in rows} - {""}))
            if interval != "month":
                rows = typed_rows(interval)
        else:
            rows = typed_rows(interval)
        buckets: dict[str, dict[str, int]] = {}
        totals: dict[str, int] = {}
        for r in rows:
            row = _row(r, interval)
            if row["key"] and r.get("type"):
                buckets.setdefault(row["key"], {})[r["type"]] = row["count"]
                totals[r["type"]] = totals.get(r["type"], 0) + row["count"]
        types = sorted(totals, key=lambda k: (-totals[k], k))
        if buckets:
            keys = sorted(buckets)
            filled = _periods(keys[0], keys[-1], interval)
            if filled and len(filled) <= MAX_BUCKETS and set(keys) <= set(filled):
                for k in filled:
                    buckets.setdefault(k, {})
        return {
            "interval": interval,
            "types": types,
            "buckets": [{"key": k, "total": sum(c.values()), "counts": c} for k, c in sorted(buckets.items())],
        }

    @app.get("/api/map", tags=["stats"], summary="Geocoded events grouped by place")
    def event_map(
        flt: Filter,
        limit: Annotated[int, Query(ge=1, le=MAX_MAP_EVENTS,
                                    description="most recent events scanned")] = 1000,
    ) -> dict[str, Any]:
        return cache.get_or_compute(("map", _filter_key(flt), limit), lambda: _event_map(flt, limit))

    def _event_map(flt: EventFilter, limit: int) -> dict[str, Any]:
        st = get_store()
        places: dict[tuple[float, float], dict[str, Any]] = {}
        scanned = 0
        while scanned < limit:
            page = st.query_events(flt, limit=min(MAX_PAGE, limit - scanned), offset=scanned, sort="-date")
            scanned += len(page)
            for ev in page:
                loc = ev.get("event_loc") or {}
                lat, lon = loc.get("lat"), loc.get("lon")
                if lat is None or lon is None:
                    continue
                key = (round(float(lat), 2), round(float(lon), 2))
                p = places.setdefault(key, {"lat": key[0], "lon": key[1], "name": loc.get("name"),
                                            "country": loc.get("country"), "count": 0, "events": []})
                p["count"] += 1
                if len(p["events"]) < 20:
                    p["events"].append({
                        "id": ev.get("id"), "event": ev.get("event"), "date": ev.get("date"),
                        "actor": (ev.get("actor") or {}).get("code"),
                        "recipient": (ev.get("recipient") or {}).get("code"),
                    })
            if len(page) < MAX_PAGE:
                break
        points = sorted(places.values(), key=lambda p: -p["count"])
        return {"scanned": scanned, "points": points}

    @app.post("/api/ingest", tags=["ingest"], summary="Extract events from articles and store them",
              openapi_extra=_INGEST_BODY, responses={401: {"description": "no bearer token"},
                                                     403: {"description": "ingest disabled or bad token"},
                                                     413: {"description": "body too large"}})
    async def ingest(request: Request) -> dict[str, Any]:
        """Runs the pipeline on each document and stores it. Per document the answer says
        ``stored``, ``present`` (the same text was stored before) or ``rejected`` (with the
        error code and reason; rejections are also kept in the store)."""
        _check_token(request, token)
        body = await _read_body(request)
        items = parse_ingest_body(body)
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_ingest_items, items)

    def _ingest_items(items: list[Article | Rejection]) -> dict[str, Any]:
        st = get_store()
        results: list[dict[str, Any]] = [{} for _ in items]
        todo: list[tuple[int, Article]] = []
        with ingest_lock:
            for i, item in enumerate(items):
                if isinstance(item, Rejection):
                    results[i] = _rejected(st, item)
                elif st.has_article(item.content_hash):
                    results[i] = {"id": item.id, "status": "present", "n_events": 0}
                else:
                    todo.append((i, item))
            if todo:
                if holder["pipeline"] is None:
                    from cronica.pipeline import default_pipeline

                    holder["pipeline"] = default_pipeline()
                outputs = list(holder["pipeline"].pipe([a for _, a in todo]))
                for (i, _), out in zip(todo, outputs, strict=True):
                    if isinstance(out, Rejection):
                        results[i] = _rejected(st, out)
                    else:
                        res = st.add(out)
                        results[i] = {"id": res.article_id, "status": res.status, "n_events": res.n_events}
        if todo:
            cache.clear()
        for n, r in enumerate(results):
            r["index"] = n
        counts = {s: sum(1 for r in results if r["status"] == s) for s in ("stored", "present", "rejected")}
        return {**counts, "documents": results}

    def _rejected(st: Store, rej: Rejection) -> dict[str, Any]:
        st.add_rejection(rej)
        return {"id": rej.doc_id, "status": "rejected", "code": rej.code, "reason": rej.reason,
                "origin": rej.origin}

    def _openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes)
            schema.setdefault("components", {}).setdefault("schemas", {})["ArticleIn"] = _ARTICLE_IN_SCHEMA
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = _openapi  # type: ignore[method-assign]

    # -- dashboard ---------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(WEB_DIR / "docs.html", headers={"Cache-Control": "no-cache"})

    @app.get("/world.json", include_in_schema=False)
    def world() -> Response:
        data = resources.files("cronica").joinpath("data", WORLD_MAP).read_bytes()
        return Response(data, media_type="application/json",
                        headers={"Cache-Control": "public, max-age=86400"})

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    return app
