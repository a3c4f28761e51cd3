"""``GET /api/export``: the events matching the dashboard's filters as a file download.

``format=csv|jsonl|parquet`` with the filters of ``/api/events`` (the rules of
:mod:`cronica.filters`). CSV and JSONL are streamed batch by batch; Parquet is written to
a temporary file first (its footer comes last) and removed once sent. The columns are
those of ``cronica export`` (docs/schema.md); ``jsonl`` is its PLOVER JSONL.
Also ``GET /api/labels``: names for actor codes, countries and sectors (the dashboard
shows them beside the codes).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, StreamingResponse
from starlette.background import BackgroundTask

from cronica.api_params import Filter
from cronica.export import COLUMN_NAMES, flat_row, write_parquet
from cronica.filters import all_modes
from cronica.labels import code_label, country_names, sector_names
from cronica.model import SECTOR_CODES
from cronica.store.base import Store

EXPORT_FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet")
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
         "parquet": "application/vnd.apache.parquet"}
BATCH = 1000


def _csv_lines(events: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMN_NAMES)
    writer.writeheader()
    for n, ev in enumerate(events, 1):
        writer.writerow(flat_row(ev))
        if n % 200 == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")


def _jsonl_lines(events: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    for ev in events:
        yield (json.dumps(ev, ensure_ascii=False) + "\n").encode("utf-8")


def _parquet_file(events: Iterator[dict[str, Any]]) -> str:
    fd, path = tempfile.mkstemp(prefix="cronica-export-", suffix=".parquet")
    try:
        with os.fdopen(fd, "wb") as fh:
            write_parquet(events, fh, BATCH)
    except BaseException:
        os.unlink(path)
        raise
    return path


def register_export(app: FastAPI, get_store: Callable[[], Store]) -> None:
    """Add ``/api/export`` and ``/api/labels`` to ``app``."""

    @app.get("/api/export", tags=["events"], summary="Download the matching events",
             response_class=StreamingResponse,
             responses={200: {"content": {m: {} for m in MEDIA.values()}}})
    def export_events(
        flt: Filter,
        format: Annotated[str, Query(description="csv | jsonl | parquet")] = "csv",
    ) -> Any:
        """Every event matching the filters (no page limit), in the columns of
        ``cronica export``; the default hides historical, future, hypothetical and negated
        events, as everywhere (``include=all`` adds them)."""
        if format not in EXPORT_FORMATS:
            raise HTTPException(422, f"unknown format {format!r}; expected one of "
                                     f"{', '.join(EXPORT_FORMATS)}")
        events = get_store().iter_events(flt, batch_size=BATCH, with_mentions=True)
        name = f"cronica-events.{format}"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        if format == "parquet":
            path = _parquet_file(events)
            return FileResponse(path, media_type=MEDIA[format], headers=headers,
                                background=BackgroundTask(os.unlink, path))
        body = _csv_lines(events) if format == "csv" else _jsonl_lines(events)
        return StreamingResponse(body, media_type=MEDIA[format], headers=headers)

    @app.get("/api/labels", tags=["meta"], summary="Names of actor codes, countries, sectors")
    def get_labels(
        lang: Annotated[str, Query(pattern="^(en|es)$")] = "en",
        code: Annotated[list[str] | None, Query(max_length=40)] = None,
    ) -> dict[str, Any]:
        """``countries`` (ISO3 -> name), ``sectors`` (code -> name) and, for each ``code``
        asked, its label ('IRQGOV' -> 'Iraq: government')."""
        codes = {c: label for c in (code or [])[:500] if (label := code_label(c.upper(), lang))}
        return {"lang": lang, "countries": country_names(lang), "sectors": sector_names(lang),
                "codes": codes, "modes": all_modes(), "sector_codes": sorted(SECTOR_CODES)}


NETWORK_EVENTS = 2000  # most recent matching events the actor network is drawn from
NETWORK_EDGES = 16


def node_of(ev: dict[str, Any], role: str) -> dict[str, Any] | None:
    """The network node of an event's actor or recipient: its full code when the code names
    a country; a sector-only code (CVL, GOV) is qualified by the event's place country, so
    Colombia's civilians and Lebanon's are two nodes; an uncoded actor is its text."""
    arg = ev.get(role) or {}
    code, text = arg.get("code") or "", (arg.get("text") or "").strip()
    place_country = (ev.get("event_loc") or {}).get("country")
    # the actor's own country (its code's, or one settled from context), else the place's
    country = ev.get(f"{role}_country") or place_country
    if code:
        named = country is not None and code.startswith(country)
        key = code if named or not country else f"{code}@{country}"
        return {"id": key, "code": code, "country": country, "text": None}
    if text:
        return {"id": f"text:{text.casefold()}", "code": None, "country": place_country,
                "text": text}
    return None


def network(events: list[dict[str, Any]], max_edges: int = NETWORK_EDGES) -> dict[str, Any]:
    """Nodes and weighted edges (actor -> recipient) of the most frequent pairs."""
    edges: dict[tuple[str, str], int] = {}
    nodes: dict[str, dict[str, Any]] = {}
    for ev in events:
        a, r = node_of(ev, "actor"), node_of(ev, "recipient")
        if a is None or r is None or a["id"] == r["id"]:
            continue
        nodes.setdefault(a["id"], a)
        nodes.setdefault(r["id"], r)
        edges[(a["id"], r["id"])] = edges.get((a["id"], r["id"]), 0) + 1
    top = sorted(edges.items(), key=lambda kv: (-kv[1], kv[0]))[:max_edges]
    used = {n for (a, r), _ in top for n in (a, r)}
    weight = {n: sum(c for (a, r), c in top if n in (a, r)) for n in used}
    return {
        "events": len(events),
        "nodes": [{**nodes[n], "count": weight[n]} for n in sorted(used)],
        "edges": [{"source": a, "target": r, "count": c} for (a, r), c in top],
    }


def register_views(app: FastAPI, get_store: Callable[[], Store]) -> None:
    """Add ``/api/network`` and ``/api/years`` (dashboard views) to ``app``."""

    @app.get("/api/network", tags=["stats"], summary="Actor network of the matching events")
    def actor_network(flt: Filter) -> dict[str, Any]:
        """Pairs (actor -> recipient) among the most recent matching events. A node is a
        full actor code; a code without a country (CVL, GOV) is qualified by the event's
        place country ('CVL@COL'); an uncoded actor is its text ('text:...')."""
        events = get_store().query_events(flt, limit=NETWORK_EVENTS, sort="-date")
        return network(events)

    @app.get("/api/years", tags=["stats"], summary="Events dated to the year only")
    def year_only(flt: Filter) -> dict[str, Any]:
        """Counts by year and type of the events whose date is a year ('2019'), which the
        day, week and month timelines cannot place."""
        store = get_store()
        rows = store.year_counts(flt) if hasattr(store, "year_counts") else []
        years: dict[str, dict[str, int]] = {}
        for r in rows:
            years.setdefault(str(r["key"]), {})[r["type"]] = int(r["count"])
        return {"years": [{"key": y, "total": sum(c.values()), "counts": c}
                          for y, c in sorted(years.items())]}
