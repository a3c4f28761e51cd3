"""JSON and JSONL records -> articles; one bad line or record never stops the rest."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from cronica.errors import ErrorCode, InputError, Rejection
from cronica.model import Article
from cronica.read.decode import decode_bytes, path_text, read_limited
from cronica.read.html import html_to_text
from cronica.read.metadata import as_text, make_article

MAX_JSON_DEPTH = 64  # arrays and objects nested deeper than this are not an article


def _safe(make: Any, *args: Any) -> Article | Rejection:
    """``make(*args)``, or the Rejection for the InputError it raised."""
    try:
        return make(*args)
    except InputError as err:
        return Rejection.from_error(err)


def loads(text: str, where: str, doc_id: str | None = None) -> Any:
    """``json.loads``; E006 for malformed JSON and for nesting deeper than
    :data:`MAX_JSON_DEPTH` (json itself stops at about 1,000 levels with a RecursionError,
    which would end the whole batch)."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        # some of json's messages end in ' at' ('Unterminated string starting at')
        detail = f"{exc.msg.removesuffix(' at')} at column {exc.colno}"
        raise InputError(ErrorCode.E006_MALFORMED_JSON, where, detail, doc_id=doc_id) from None
    except RecursionError:
        obj = None
        depth = MAX_JSON_DEPTH + 1
    else:
        depth = json_depth(obj)
    if depth > MAX_JSON_DEPTH:
        raise InputError(ErrorCode.E006_MALFORMED_JSON, where,
                         f"nested deeper than {MAX_JSON_DEPTH} levels", doc_id=doc_id)
    return obj


def json_depth(obj: Any) -> int:
    """How deeply lists and dicts nest in ``obj`` (0 for a scalar); no recursion."""
    deepest = 0
    stack = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                return depth
            stack.extend((v, depth + 1) for v in value)
    return deepest


def read_jsonl_file(path: Path, origin: str, max_bytes: int) -> Iterator[Article | Rejection]:
    """The records of a JSONL file, streamed line by line."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(ErrorCode.E009_NOT_FOUND, origin, exc.strerror or str(exc)) from None
    with fh:
        yield from jsonl_lines(fh, origin, max_bytes, path_text(path.stem))


def jsonl_lines(
    fh: IO[bytes],
    origin: str,
    max_bytes: int,
    stem: str,
    first: tuple[int, bytes] | None = None,
    start: int = 1,
    expect_records: bool = True,
) -> Iterator[Article | Rejection]:
    """One Article or Rejection per non-blank line; a bad line never stops the rest.

    ``first`` is a line already read (by the stdin sniffer), with its number. A source
    with no non-blank line at all is one E001 rejection (unless ``expect_records`` is
    false: the caller has already reported on it), so that an empty file is never
    passed over in silence.
    """
    lines = _numbered_lines(fh, max_bytes, start=start if first is None else first[0] + 1)
    seen = first is not None or not expect_records
    if first is not None:
        yield _safe(_jsonl_record, first[1], f"{origin}:{first[0]}", stem, first[0])
    for lineno, raw in lines:
        where = f"{origin}:{lineno}"
        seen = seen or raw is None or bool(raw.strip())
        if raw is None:
            yield Rejection.from_error(
                InputError(
                    ErrorCode.E004_TOO_LARGE,
                    where,
                    f"a line over the limit of {max_bytes:,} bytes set by --max-bytes",
                )
            )
            continue
        if not raw.strip():
            continue
        yield _safe(_jsonl_record, raw, where, stem, lineno)
    if not seen:
        yield Rejection.from_error(
            InputError(ErrorCode.E001_EMPTY, origin, "no JSON lines", doc_id=stem)
        )


def _numbered_lines(fh: IO[bytes], max_bytes: int, start: int) -> Iterator[tuple[int, Any]]:
    """(line number, bytes) pairs; bytes is None for a line over the limit (skipped unread)."""
    lineno = start - 1
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                raw = fh.readline(1 << 20)
            yield lineno, None
            continue
        yield lineno, raw


def _jsonl_record(raw: bytes, where: str, stem: str, lineno: int) -> Article:
    """The Article of one JSONL line; E006 when it is not a JSON object."""
    line, encoding = decode_bytes(raw, where)
    rec = loads(line.rstrip("\r\n"), where)  # else a cut string reads as a control character
    if not isinstance(rec, dict):
        raise InputError(
            ErrorCode.E006_MALFORMED_JSON, where, f"a JSON {type(rec).__name__}, not an object"
        )
    return _record_to_article(
        rec, where, f"{stem}-{lineno}", None, encoding if encoding != "utf-8" else None
    )


def _record_to_article(
    rec: dict[str, Any],
    where: str,
    default_id: str,
    base: Path | None,
    encoding: str | None,
    max_bytes: int = sys.maxsize,
) -> Article:
    """The Article of one JSON record; its text from 'text', 'html', or (in a JSON file,
    ``base`` its folder) 'text_file', read under the same ``max_bytes`` limit."""
    doc_id = as_text(rec.get("id") or default_id)
    fields = {k: v for k, v in rec.items() if k not in ("text", "html", "text_file", "id")}
    text = rec.get("text")
    if text is None and isinstance(rec.get("html"), str):
        text, page = html_to_text(rec["html"], where, doc_id)
        fields = {**page, **{k: v for k, v in fields.items() if v is not None}}
    elif text is None and isinstance(rec.get("text_file"), str) and base is not None:
        tpath = base / rec["text_file"]
        data = read_limited(tpath, path_text(tpath), max_bytes, doc_id)
        text, encoding = decode_bytes(data, path_text(tpath), doc_id)
    if not isinstance(text, str):
        detail = "no 'text'" if text is None else f"'text' is a {type(text).__name__}, not a string"
        raise InputError(ErrorCode.E008_MISSING_FIELD, where, detail, doc_id=doc_id)
    return make_article(text, fields, where, doc_id, encoding)


def read_json_file(path: Path, origin: str, max_bytes: int) -> Iterator[Article | Rejection]:
    """One record or a list of records from a JSON file."""
    stem = path_text(path.stem)
    data = read_limited(path, origin, max_bytes, doc_id=stem)
    text, _ = decode_bytes(data, origin, stem)
    obj = loads(text, origin, stem)
    records = obj if isinstance(obj, list) else [obj]
    if not records:
        raise InputError(ErrorCode.E001_EMPTY, origin, "an empty JSON list", doc_id=stem)
    for i, rec in enumerate(records):
        where = origin if len(records) == 1 else f"{origin}[{i}]"
        if not isinstance(rec, dict):
            yield Rejection.from_error(
                InputError(ErrorCode.E006_MALFORMED_JSON, where, "not an object")
            )
            continue
        default_id = stem if len(records) == 1 else f"{stem}-{i}"
        yield _safe(_record_to_article, rec, where, default_id, path.parent, None, max_bytes)
