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
- ``GET /api/export?format=csv|jsonl|parquet`` with the filters: a download of every
  matching event; ``GET /api/labels``: names of codes (see :mod:`cronica.api_export`).
- ``GET /api/health``.

Errors are JSON ``{"detail": ...}`` with a 4xx status for bad requests (every malformed
parameter is a 422), 503 when the store cannot be used (damaged, disk full, read-only:
a coded message); an unexpected failure is logged and answered with a generic 500,
never a stack trace. Every response carries the security headers. Requests whose
``Host`` header names none of the allowed hosts get 400 (DNS rebinding). Parameter
parsing lives in :mod:`cronica.api_params`, HTTP plumbing in :mod:`cronica.api_http`;
the dashboard's static files in ``cronica/web/`` and its base map in ``data/world.json``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Protocol

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from cronica import __version__
from cronica.api_export import register_export, register_views
from cronica.api_http import (
    LOOPBACK_HOSTS,
    SECURITY_HEADERS,
    AggregateCache,
    BodyLimitMiddleware,
    BodyTooLarge,
    HostAllowMiddleware,
    SecurityHeadersMiddleware,
    filter_key,
)
from cronica.api_params import (
    ARTICLE_IN_SCHEMA,
    INGEST_BODY,
    MAX_BODY_BYTES,
    MAX_BUCKETS,
    Filter,
    auto_interval,
    check_token,
    parse_ingest_body,
    periods,
    read_body,
    stats_row,
)
from cronica.errors import Rejection, StoreError
from cronica.ingest import IngestService
from cronica.model import AUX_MODES, PLOVER_TYPES, Article, ArticleDoc
from cronica.store.base import EventFilter, Store
from cronica.store.factory import open_store

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

MAX_PAGE = 500  # events or articles per page
DEFAULT_PAGE = 50
MAX_MAP_EVENTS = 5000  # places on the map
COUNT_CAP = 10_000  # /api/events counts stop here ('10,000+'): an exact count may scan
CACHE_SECONDS = 30.0  # how long counts and groupings are reused (see AggregateCache)
_SORT_KEYS = ("date", "n_sources", "confidence", "first_seen", "last_seen", "id")
SORTS: tuple[str, ...] = tuple(p + k for k in _SORT_KEYS for p in ("", "-"))  # '-': descending
STATS_BY: tuple[str, ...] = (
    "day",
    "week",
    "month",
    "type",
    "actor",
    "recipient",
    "pair",
    "country",
)
INTERVALS: tuple[str, ...] = ("auto", "day", "week", "month")
#: hosts a ``create_app`` without ``allowed_hosts`` answers to: loopback names, and
#: 'testserver' (the name Starlette's test client sends)
DEFAULT_ALLOWED_HOSTS: tuple[str, ...] = (*LOOPBACK_HOSTS, "testserver")
ID_PATTERN = r"^[^\x00-\x1f]{1,300}$"

WEB_DIR = Path(str(resources.files("cronica").joinpath("web")))
WORLD_MAP = "world.json"


class ArticlePipeline(Protocol):
    """What ingest needs from :class:`cronica.pipeline.Pipeline` (tests hand in a fake)."""

    def pipe(self, items: Iterable[Article | Rejection]) -> Iterator[ArticleDoc | Rejection]: ...


# -- the app --------------------------------------------------------------------------
class AppState:
    """What the routes share: the store (opened lazily), the ingest service, the cache."""

    def __init__(self, store: Store | None, db: str | None, token: str | None,
                 pipeline: ArticlePipeline | None, cache_seconds: float) -> None:
        self.own_store = store is None
        self.db = db
        self.token = token
        self._store = store
        self.cache = AggregateCache(cache_seconds)
        self.ingest = IngestService(self.get_store, pipeline)

    def get_store(self) -> Store:
        if self._store is None:  # also for a TestClient used without its context manager
            self._store = open_store(self.db)
        return self._store

    def close(self) -> None:
        if self.own_store and self._store is not None:
            self._store.close()
            self._store = None


def create_app(
    store: Store | None = None,
    db: str | None = None,
    token: str | None = None,
    pipeline: ArticlePipeline | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    cache_seconds: float = CACHE_SECONDS,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The API and dashboard app.

    ``store`` is used as given (the caller closes it); without one, the store at ``db``
    (or ``$CRONICA_DB``, or the default path) is opened and closed with the app.
    ``token`` enables ``POST /api/ingest``; None disables it. ``pipeline`` defaults to
    :func:`cronica.pipeline.default_pipeline`, loaded on the first ingest. Counts and
    groupings are cached ``cache_seconds`` (0: never), see :class:`AggregateCache`.
    ``allowed_hosts``: the names the Host header may carry (default
    :data:`DEFAULT_ALLOWED_HOSTS`; '*' allows any).
    """
    state = AppState(store, db, token, pipeline, cache_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        state.get_store()
        try:
            yield
        finally:
            state.close()

    app = FastAPI(
        title="cronica",
        version=__version__,
        description="Political event data (PLOVER 2.0) from news articles: events, their "
        "evidence, counts, and ingest.",
        docs_url=None,
        redoc_url=None,  # the stock pages load from a CDN; /docs is served offline
        lifespan=lifespan,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(HostAllowMiddleware, allowed=allowed_hosts or DEFAULT_ALLOWED_HOSTS)
    _add_error_handlers(app, max_body_bytes)
    _add_meta_routes(app, state)
    _add_event_routes(app, state)
    _add_stats_routes(app, state)
    _add_ingest_route(app, state)
    register_export(app, state.get_store)
    register_views(app, state.get_store)
    _add_dashboard(app)
    return app


def _json_error(detail: str, status: int, **extra: Any) -> JSONResponse:
    return JSONResponse({"detail": detail, **extra}, status_code=status)


def _add_error_handlers(app: FastAPI, max_body_bytes: int) -> None:
    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()]
        loc, msg = (errors[0]["loc"], errors[0]["msg"]) if errors else ([], "invalid request")
        where = ".".join(str(p) for p in loc if p not in ("query", "path", "body"))
        detail = f"invalid parameter {where!r}: {msg}" if where else str(msg)
        return _json_error(detail, 422, errors=errors)

    @app.exception_handler(BodyTooLarge)
    async def on_too_large(request: Request, exc: BodyTooLarge) -> JSONResponse:
        return _json_error(f"request body over {max_body_bytes:,} bytes", 413)

    @app.exception_handler(StoreError)
    async def on_store(request: Request, exc: StoreError) -> JSONResponse:
        logger.error("%s %s: %s", request.method, request.url.path, exc.message)
        return _json_error(exc.message, 503, code=exc.code.value)

    @app.exception_handler(Exception)
    async def on_error(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("%s %s failed", request.method, request.url.path)
        # sent by the outermost layer, past the header middleware: add the headers here
        return JSONResponse({"detail": "internal server error"}, status_code=500,
                            headers=SECURITY_HEADERS)


def _add_meta_routes(app: FastAPI, state: AppState) -> None:
    @app.get("/api/health", tags=["meta"], summary="Liveness and configuration")
    def health() -> JSONResponse:
        """200 when the store answers a trivial read, 503 otherwise."""
        body = {"status": "ok", "version": __version__, "ingest": bool(state.token)}
        try:
            state.get_store().list_articles(limit=1)
        except Exception:
            logger.exception("health check: the store does not answer")
            return JSONResponse({**body, "status": "unavailable"}, status_code=503)
        return JSONResponse(body)

    @app.get("/api/meta", tags=["meta"], summary="Vocabularies the filters accept")
    def meta() -> dict[str, Any]:
        return {
            "types": list(PLOVER_TYPES),
            "aux_modes": list(AUX_MODES),
            "sorts": list(SORTS),
            "stats_by": list(STATS_BY),
            "max_page": MAX_PAGE,
        }


def _add_event_routes(app: FastAPI, state: AppState) -> None:
    @app.get("/api/events", tags=["events"], summary="Events matching the filters, one page")
    def list_events(
        flt: Filter,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        sort: Annotated[str, Query(description=" | ".join(SORTS))] = "-date",
    ) -> dict[str, Any]:
        if sort not in SORTS:
            raise HTTPException(422, f"unknown sort {sort!r}; expected one of {', '.join(SORTS)}")
        st = state.get_store()
        total = state.cache.get_or_compute(
            ("count", filter_key(flt)), lambda: st.count_events(flt, limit=COUNT_CAP)
        )
        return {
            "total": total,
            # True: there are at least ``total`` events (the count stopped there)
            "total_capped": total == COUNT_CAP,
            "limit": limit,
            "offset": offset,
            "sort": sort,
            "events": st.query_events(flt, limit=limit, offset=offset, sort=sort),
        }

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with its mentions")
    def get_event(event_id: Annotated[str, PathParam(pattern=ID_PATTERN)]) -> dict[str, Any]:
        ev = state.get_store().get_event(event_id)
        if ev is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return ev

    @app.get("/api/articles", tags=["articles"], summary="Stored articles, one page")
    def list_articles(
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> dict[str, Any]:
        rows = state.get_store().list_articles(limit=limit, offset=offset)
        return {"limit": limit, "offset": offset, "articles": rows}

    @app.get(
        "/api/articles/{article_id}", tags=["articles"], summary="One article: text and layers"
    )
    def get_article(article_id: Annotated[str, PathParam(pattern=ID_PATTERN)]) -> dict[str, Any]:
        art = state.get_store().get_article(article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return art


def _add_stats_routes(app: FastAPI, state: AppState) -> None:
    @app.get("/api/stats", tags=["stats"], summary="Event counts grouped by one dimension")
    def stats(
        flt: Filter,
        by: Annotated[str, Query(description=" | ".join(STATS_BY))] = "type",
        limit: Annotated[int, Query(ge=1, le=MAX_BUCKETS)] = 50,
    ) -> dict[str, Any]:
        if by not in STATS_BY:
            raise HTTPException(
                422, f"unknown grouping {by!r}; expected one of {', '.join(STATS_BY)}"
            )
        st = state.get_store()
        raw = state.cache.get_or_compute(
            ("stats", filter_key(flt), by, limit), lambda: st.stats(flt, by, limit=limit)
        )
        rows = [stats_row(r, by) for r in raw]
        if by in ("day", "week", "month"):
            rows.sort(key=lambda r: r["key"])
        return {"by": by, "rows": rows}

    @app.get("/api/timeline", tags=["stats"], summary="Event counts per period, split by type")
    def timeline(
        flt: Filter,
        interval: Annotated[str, Query(description=" | ".join(INTERVALS))] = "auto",
    ) -> dict[str, Any]:
        if interval not in INTERVALS:
            raise HTTPException(
                422, f"unknown interval {interval!r}; expected one of {', '.join(INTERVALS)}"
            )
        return state.cache.get_or_compute(
            ("timeline", filter_key(flt), interval),
            lambda: build_timeline(state.get_store(), flt, interval),
        )

    @app.get("/api/map", tags=["stats"], summary="Geocoded events grouped by place")
    def event_map(
        flt: Filter,
        limit: Annotated[
            int, Query(ge=1, le=MAX_MAP_EVENTS, description="most places returned, largest first")
        ] = 1000,
    ) -> dict[str, Any]:
        """Places with their event counts and a few of their most recent events.
        ``complete`` is False when only the most recent matching events were counted."""
        return state.cache.get_or_compute(
            ("map", filter_key(flt), limit), lambda: build_map(state.get_store(), flt, limit)
        )


def _typed_rows(st: Store, flt: EventFilter, by: str) -> list[dict[str, Any]]:
    """Counts per period ``by`` and type."""
    try:
        return st.stats(flt, f"{by}_type", limit=MAX_BUCKETS)
    except ValueError:  # a store without the combined grouping: one query per type
        rows: list[dict[str, Any]] = []
        for t in (stats_row(x, "type") for x in st.stats(flt, "type", limit=len(PLOVER_TYPES))):
            if t["count"] > 0:
                sub = st.stats(replace(flt, types=[t["key"]]), by, limit=MAX_BUCKETS)
                rows.extend({**r, "type": t["key"]} for r in sub)
        return rows


def build_timeline(st: Store, flt: EventFilter, interval: str) -> dict[str, Any]:
    """The ``/api/timeline`` answer: counts per period (gaps filled) and type."""
    if interval == "auto":
        # months first: on a long span that is already the answer, in one grouped scan
        rows = _typed_rows(st, flt, "month")
        interval = auto_interval(sorted({stats_row(r, "month")["key"] for r in rows} - {""}))
        if interval != "month":
            rows = _typed_rows(st, flt, interval)
    else:
        rows = _typed_rows(st, flt, interval)
    buckets: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    for r in rows:
        row = stats_row(r, interval)
        if row["key"] and r.get("type"):
            buckets.setdefault(row["key"], {})[r["type"]] = row["count"]
            totals[r["type"]] = totals.get(r["type"], 0) + row["count"]
    types = sorted(totals, key=lambda k: (-totals[k], k))
    if buckets:
        keys = sorted(buckets)
        filled = periods(keys[0], keys[-1], interval)
        if filled and len(filled) <= MAX_BUCKETS and set(keys) <= set(filled):
            for k in filled:
                buckets.setdefault(k, {})
    return {
        "interval": interval,
        "types": types,
        "buckets": [
            {"key": k, "total": sum(c.values()), "counts": c} for k, c in sorted(buckets.items())
        ],
    }


def build_map(st: Store, flt: EventFilter, limit: int) -> dict[str, Any]:
    """The ``/api/map`` answer: places with their counts, coordinates rounded."""
    places = st.places(flt, limit=limit)
    points = [
        {**{k: v for k, v in p.items() if k != "complete"},
         "lat": round(float(p["lat"]), 2), "lon": round(float(p["lon"]), 2)}
        for p in places
    ]
    return {
        "complete": all(p.get("complete", True) for p in places),
        "events": sum(p["count"] for p in points),
        "points": points,
    }


def _add_ingest_route(app: FastAPI, state: AppState) -> None:
    @app.post(
        "/api/ingest",
        tags=["ingest"],
        summary="Extract events from articles and store them",
        openapi_extra=INGEST_BODY,
        responses={
            401: {"description": "no bearer token"},
            403: {"description": "ingest disabled or bad token"},
            413: {"description": "body too large"},
            503: {"description": "the store cannot be written: the documents listed as "
                                 "'failed' were not stored; send them again later"},
        },
    )
    async def ingest(request: Request) -> JSONResponse:
        """Runs the pipeline on each document and stores it. Per document the answer says
        ``stored``, ``present`` (the same text was stored before), ``rejected`` (with the
        error code and reason; rejections are also kept in the store) or ``failed`` (the
        store could not be written: not stored, send again; the status is then 503)."""
        check_token(request, state.token)
        body = await read_body(request)
        items = parse_ingest_body(body)
        from starlette.concurrency import run_in_threadpool

        result = await run_in_threadpool(state.ingest.ingest_items, items)
        if any(d.status == "stored" for d in result.documents):
            state.cache.clear()
        return JSONResponse(result.to_dict(), status_code=503 if result.error else 200)

    def _openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            schema.setdefault("components", {}).setdefault("schemas", {})["ArticleIn"] = (
                ARTICLE_IN_SCHEMA
            )
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = _openapi  # type: ignore[method-assign]


def _add_dashboard(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(WEB_DIR / "docs.html", headers={"Cache-Control": "no-cache"})

    @app.get("/world.json", include_in_schema=False)
    def world() -> Response:
        data = resources.files("cronica").joinpath("data", WORLD_MAP).read_bytes()
        return Response(
            data, media_type="application/json", headers={"Cache-Control": "public, max-age=86400"}
        )

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
