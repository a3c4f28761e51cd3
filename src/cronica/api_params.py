"""Request parameters of the API: event filters, stats rows, timeline periods, ingest bodies.

Everything here turns what a client sent into cronica's own types (or a 4xx with a
message), and the store's answers into the API's documented shapes.
"""

from __future__ import annotations

import hmac
import io
import json
import re
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request

from cronica.errors import Rejection
from cronica.filters import FilterError, FilterInput, build_filter
from cronica.model import Article
from cronica.resources import SUPPORTED_LANGS
from cronica.store.base import EventFilter

MAX_BODY_BYTES = 10 * 1024 * 1024  # a request body over this gets 413
MAX_INGEST_DOCS = 1000  # documents per ingest request
MAX_BUCKETS = 2000  # periods in a timeline
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # ISO date or a prefix of one: 2024, 2024-01


# -- filters ------------------------------------------------------------------------
def _split(values: list[str] | None) -> list[str]:
    """Repeated parameters and comma-separated lists alike: ``type=A&type=B`` or ``type=A,B``."""
    out: list[str] = []
    for v in values or []:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


_BAD_CHARS = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                        "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]")


def check_text_params(**params: str | list[str] | None) -> None:
    """422 for a parameter holding a control character, a surrogate or a noncharacter
    (U+FFFE, U+10FFFF, ...): no code, name or text of an event holds one, and some of
    them break SQL engines (a NUL ends SQLite's full-text query)."""
    for name, value in params.items():
        for v in value if isinstance(value, list) else [value]:
            m = _BAD_CHARS.search(v) if v else None
            if m:
                raise HTTPException(
                    422, f"invalid parameter {name!r}: character U+{ord(m.group()):04X} at "
                         f"position {m.start()} is not allowed")


def event_filter(
    date_from: Annotated[
        str | None,
        Query(
            alias="from", pattern=DATE_PATTERN, description="first date, inclusive (YYYY[-MM[-DD]])"
        ),
    ] = None,
    date_to: Annotated[
        str | None, Query(alias="to", pattern=DATE_PATTERN, description="last date, inclusive")
    ] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER event types")] = None,
    mode: Annotated[list[str] | None, Query(max_length=100, description="PLOVER modes")] = None,
    actor: Annotated[
        str | None, Query(max_length=100, description="actor code prefix: IRQ")
    ] = None,
    recipient: Annotated[
        str | None, Query(max_length=100, description="recipient code prefix")
    ] = None,
    country: Annotated[
        str | None,
        Query(max_length=100, description="country: ISO code (COL) or English/Spanish name"),
    ] = None,
    place: Annotated[str | None, Query(
        max_length=200, description="a whole name of the place (as written, the gazetteer's or "
        "an alternate name), case and accents ignored")] = None,
    source: Annotated[
        str | None, Query(max_length=200, description="publisher or reporting source")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=500, description="free text in the evidence sentence")
    ] = None,
    min_sources: Annotated[
        int, Query(ge=1, le=10_000, description="independent sources at least")
    ] = 1,
    include: Annotated[
        list[str] | None,
        Query(
            description="aux modes to include besides plain events: historical, future, "
            "hypothetical, negation, or all"
        ),
    ] = None,
    article_id: Annotated[str | None, Query(max_length=300)] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0, le=1, description="events at least this confident (0-1)")
    ] = None,
    sector: Annotated[
        list[str] | None, Query(description="actor's or recipient's sector: GOV, MIL, CVL, ...")
    ] = None,
) -> EventFilter:
    """Query parameters -> :class:`EventFilter`, checked by :mod:`cronica.filters` (the rules
    of ``cronica query``); a bad value is a 422 naming the valid ones."""
    check_text_params(type=type, mode=mode, actor=actor, recipient=recipient, country=country,
                      place=place, source=source, q=q, include=include, article_id=article_id,
                      sector=sector)
    try:
        return build_filter(FilterInput(
            date_from=date_from, date_to=date_to, types=type, modes=mode, actor=actor,
            recipient=recipient, country=country, place=place, source=source, text=q,
            min_sources=min_sources, include=include, article_id=article_id,
            min_confidence=min_confidence, sectors=sector,
        ))
    except FilterError as exc:
        raise HTTPException(422, str(exc)) from None


Filter = Annotated[EventFilter, Depends(event_filter)]


# -- stats rows -----------------------------------------------------------------------
def stats_row(row: dict[str, Any], by: str) -> dict[str, Any]:
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
        return {
            "key": f"{actor}|{recipient}",
            "actor": actor,
            "recipient": recipient,
            "count": int(count or 0),
        }
    key = row.get("key", row.get(by, row.get("value")))
    return {"key": "" if key is None else str(key), "count": int(count or 0)}


def periods(first: str, last: str, interval: str) -> list[str] | None:
    """Every period key from ``first`` to ``last`` (days, Mondays, or YYYY-MM), so that a
    timeline's axis is linear in time; None when the keys are not ISO dates."""
    try:
        if interval == "month":
            y, m = int(first[:4]), int(first[5:7])
            end = (int(last[:4]), int(last[5:7]))
            keys: list[str] = []
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


def auto_interval(months: list[str]) -> str:
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
    except RecursionError:
        raise HTTPException(400, "the body is JSON nested too deeply") from None
    if isinstance(whole, (dict, list)):
        records = whole if isinstance(whole, list) else [whole]
        # ASCII escapes, so that a lone surrogate in a string survives re-encoding
        lines = [json.dumps(r) for r in records]
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


def check_token(request: Request, token: str | None) -> None:
    if not token:
        raise HTTPException(
            403, "ingest is disabled: start the server with --token or CRONICA_TOKEN"
        )
    auth = request.headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(
            401, "missing 'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"}
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "invalid token")


async def read_body(request: Request) -> bytes:
    chunks = []
    async for chunk in request.stream():
        chunks.append(chunk)
    return b"".join(chunks)


INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/ArticleIn"},
                        {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}},
                    ]
                }
            },
            "application/x-ndjson": {
                "schema": {"type": "string", "description": "one ArticleIn per line"}
            },
        },
    }
}
ARTICLE_IN_SCHEMA = {
    "type": "object",
    "required": ["text"],
    "properties": {
        "id": {"type": "string"},
        "text": {"type": "string"},
        "title": {"type": "string"},
        "date": {"type": "string", "description": "YYYY-MM-DD"},
        "lang": {"type": "string", "enum": list(SUPPORTED_LANGS)},
        "url": {"type": "string"},
        "source": {"type": "string"},
    },
}
