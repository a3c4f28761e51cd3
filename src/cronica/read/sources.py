"""Where documents come from: paths, folders, stdin and sidecar metadata files."""

from __future__ import annotations

import errno
import io
import logging
import os
import stat
import sys
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from cronica.errors import ErrorCode, InputError, Rejection
from cronica.model import Article
from cronica.read.decode import (
    decode_bytes,
    path_text,
    read_limited,
    replace_surrogates,
    sniff_format,
)
from cronica.read.html import html_to_text
from cronica.read.jsonl import jsonl_lines, loads, read_json_file, read_jsonl_file
from cronica.read.metadata import as_text, make_article

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a long news article is ~50 KB; 5 MB is surely not one
SIDECAR_MAX_BYTES = 1024 * 1024  # a metadata file beside a text
TEXT_EXTS = frozenset({".txt", ".text"})
HTML_EXTS = frozenset({".html", ".htm", ".xhtml"})
JSONL_EXTS = frozenset({".jsonl", ".ndjson"})
JSON_EXTS = frozenset({".json"})
# Folders are walked for these; .json is left out because beside a .txt it is a sidecar.
FOLDER_EXTS = TEXT_EXTS | HTML_EXTS | JSONL_EXTS
FORMATS: tuple[str, ...] = ("auto", "text", "html", "jsonl")


def read_inputs(
    paths: Sequence[str],
    *,
    stdin: IO[Any] | None = None,
    fmt: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    skip: Collection[str | Path] = (),
) -> Iterator[Article | Rejection]:
    """Every article in ``paths`` (files, folders, '-' for stdin), in order.

    No paths means stdin. ``fmt`` forces a format ('text', 'html', 'jsonl') instead of
    deciding from the extension or the content. Documents over ``max_bytes`` are
    rejected (E004) before they are read; for JSONL the limit applies to each line.
    Files in ``skip`` are left out of folder walks (a command's own output file, which
    may sit in the folder it reads). Never raises for bad input: yields a
    :class:`Rejection` instead.
    """
    skipped = frozenset(Path(f).resolve() for f in skip)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    for p in paths or ["-"]:
        if p == "-":
            yield from _guard(
                _read_stream(stdin if stdin is not None else sys.stdin, fmt, max_bytes)
            )
            continue
        path = Path(p)
        try:
            is_dir = path.is_dir()
        except OSError as exc:  # e.g. a file inside a folder that cannot be entered
            yield Rejection.from_error(InputError(
                ErrorCode.E009_NOT_FOUND, path_text(p), exc.strerror or str(exc),
                doc_id=path_text(path.stem)))
            continue
        if is_dir:
            yield from _read_folder(path, fmt, max_bytes, skipped)
        else:
            yield from _guard(_read_path(path, path_text(p), fmt, max_bytes, skipped))


def read_file(path: str | Path, **kwargs: Any) -> list[Article | Rejection]:
    """Everything in one file or folder, as a list (convenience for the library and tests)."""
    return list(read_inputs([str(path)], **kwargs))


def _guard(items: Iterator[Article | Rejection]) -> Iterator[Article | Rejection]:
    """Turn an InputError raised by a reader into a Rejection and stop that input only."""
    try:
        yield from items
    except InputError as err:
        yield Rejection.from_error(err)


def _read_folder(
    folder: Path, fmt: str, max_bytes: int, skip: frozenset[Path] = frozenset()
) -> Iterator[Article | Rejection]:
    """Every supported file below ``folder`` (hidden ones and ``skip`` left out), sorted.

    What the walk cannot enter or follow (an unreadable subfolder, a dangling or looping
    symbolic link) is an E009 rejection naming the path, not a silent gap."""
    files, problems = walk_folder(folder, skip)
    yield from problems
    if not files and not problems:
        exts = ", ".join(sorted(FOLDER_EXTS))
        err = InputError(
            ErrorCode.E009_NOT_FOUND, path_text(folder), f"no files with {exts} in this folder"
        )
        yield Rejection.from_error(err)
        return
    for p in files:
        yield from _guard(_read_path(p, path_text(p), fmt, max_bytes, skip))


def walk_folder(
    folder: Path, skip: frozenset[Path] = frozenset()
) -> tuple[list[Path], list[Rejection]]:
    """(supported files below ``folder``, sorted; rejections for what could not be walked).

    Symbolic links to folders are followed once: a link back to a folder already being
    read (a loop) is reported, as are dangling links and folders that cannot be listed.
    """
    files: list[Path] = []
    problems: list[Rejection] = []

    def problem(path: Path | str, detail: str) -> None:
        problems.append(Rejection.from_error(
            InputError(ErrorCode.E009_NOT_FOUND, path_text(path), detail)))

    try:
        top = folder.stat()
    except OSError as exc:
        problem(folder, exc.strerror or str(exc))
        return files, problems
    stack: list[tuple[Path, frozenset[tuple[int, int]]]] = [
        (folder, frozenset({(top.st_dev, top.st_ino)}))]
    while stack:
        here, ancestors = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problem(here, f"this folder cannot be read: {exc.strerror or exc}")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                info = os.stat(entry.path)  # follows links
            except FileNotFoundError:
                if entry.is_symlink():
                    problem(path, f"a dangling symbolic link (to {os.readlink(entry.path)!r})")
                continue
            except OSError as exc:
                is_loop = exc.errno == errno.ELOOP
                problem(path, "a symbolic link loop" if is_loop else (exc.strerror or str(exc)))
                continue
            if stat.S_ISDIR(info.st_mode):
                key = (info.st_dev, info.st_ino)
                if key in ancestors:
                    problem(path, "a symbolic link back to a folder above it (a loop)")
                    continue
                stack.append((path, ancestors | {key}))
            elif (stat.S_ISREG(info.st_mode) and path.suffix.lower() in FOLDER_EXTS
                  and not (skip and path.resolve() in skip)):
                files.append(path)
    files.sort()
    problems.sort(key=lambda r: r.origin)
    return files, problems


def _read_path(
    path: Path, origin: str, fmt: str, max_bytes: int, skip: frozenset[Path] = frozenset()
) -> Iterator[Article | Rejection]:
    """The articles of one file, its format from ``fmt``, the extension or the content."""
    stem = path_text(path.stem)
    try:
        path.stat()
    except FileNotFoundError:
        raise InputError(ErrorCode.E009_NOT_FOUND, origin, "no such file or folder",
                         doc_id=stem) from None
    except OSError as exc:
        raise InputError(ErrorCode.E009_NOT_FOUND, origin, exc.strerror or str(exc),
                         doc_id=stem) from None
    ext = path.suffix.lower()
    kind = fmt
    if kind == "auto":
        kind = (
            "jsonl"
            if ext in JSONL_EXTS
            else "html"
            if ext in HTML_EXTS
            else "json"
            if ext in JSON_EXTS
            else "text"
            if ext in TEXT_EXTS
            else "sniff"
        )
    if kind == "jsonl":
        yield from read_jsonl_file(path, origin, max_bytes)
        return
    if kind == "json":
        yield from read_json_file(path, origin, max_bytes)
        return
    meta = _sidecar(path, origin, skip)
    data = read_limited(path, origin, max_bytes, doc_id=meta.get("id") or stem)
    if kind == "sniff":
        kind = sniff_format(data[:4096])
        if kind == "jsonl":
            yield from jsonl_lines(io.BytesIO(data), origin, max_bytes, stem)
            return
    yield _article_from_bytes(data, kind, origin, stem, meta)


def _sidecar(path: Path, origin: str, skip: frozenset[Path] = frozenset()) -> dict[str, Any]:
    """Metadata from '<stem>.json' beside a text or HTML file, if there is one (and it is not
    in ``skip``: 'cronica extract x.html -o x.json' must not read its own output as metadata)."""
    side = path.with_suffix(".json")
    try:
        if path.suffix.lower() in JSON_EXTS or not side.is_file():
            return {}
    except OSError:  # cannot even be looked at: the text alone is read
        return {}
    if skip and side.resolve() in skip:
        return {}
    try:
        meta = loads(read_limited(side, path_text(side), SIDECAR_MAX_BYTES, None).decode("utf-8"),
                     path_text(side), path_text(path.stem))
    except UnicodeDecodeError as exc:
        raise InputError(
            ErrorCode.E006_MALFORMED_JSON,
            path_text(side),
            f"metadata for {origin}: {exc}",
            doc_id=path_text(path.stem),
        ) from None
    except InputError as err:
        raise InputError(err.code, path_text(side), f"metadata for {origin}: {err.detail}",
                         doc_id=path_text(path.stem)) from None
    if _extract_output(meta):
        logger.warning("%s: an earlier output of 'cronica extract', not metadata for %s; "
                       "the text is read without it", path_text(side), origin)
        return {}
    if not isinstance(meta, dict):
        raise InputError(
            ErrorCode.E006_MALFORMED_JSON,
            path_text(side),
            f"metadata for {origin} must be an object",
            doc_id=path_text(path.stem),
        )
    meta.pop("text_file", None)
    meta.pop("text", None)
    return meta


def _extract_output(value: Any) -> bool:
    """A JSON list of results as 'cronica extract -o' writes them (each an object with its
    'article' and 'events'): an earlier run's output left beside its input under the
    sidecar's name, which must not make the article a rejection on the next run."""
    return (isinstance(value, list) and bool(value)
            and all(isinstance(v, dict) and "article" in v and "events" in v for v in value))


def _article_from_bytes(
    data: bytes, kind: str, origin: str, stem: str, meta: dict[str, Any]
) -> Article:
    """One text or HTML document; sidecar metadata wins over what the page states."""
    doc_id = as_text(meta.get("id") or stem)
    text, encoding = decode_bytes(data, origin, doc_id)
    page: dict[str, Any] = {}
    if kind == "html":
        text, page = html_to_text(text, origin, doc_id)
    fields = {**page, **{k: v for k, v in meta.items() if v is not None}}
    return make_article(text, fields, origin, doc_id, encoding)


def _read_stream(stream: IO[Any], fmt: str, max_bytes: int) -> Iterator[Article | Rejection]:
    """stdin: JSONL is streamed line by line; text and HTML are read whole (up to the limit)."""
    binary = _binary(stream)
    origin = "stdin"
    first = b""
    while True:  # skip leading blank lines to see what the content starts with
        line = binary.readline(max_bytes + 1)
        first += line
        if not line or line.strip() or len(first) > max_bytes:
            break
    kind = fmt if fmt != "auto" else sniff_format(first)
    if kind == "jsonl":
        lineno = first.count(b"\n") if first.endswith(b"\n") else first.count(b"\n") + 1
        if len(first) > max_bytes:
            while first and not first.endswith(b"\n"):  # skip the rest of the long line
                first = binary.readline(1 << 20)
            yield Rejection.from_error(
                InputError(
                    ErrorCode.E004_TOO_LARGE,
                    f"{origin}:{lineno}",
                    f"a line over the limit of {max_bytes:,} bytes set by --max-bytes",
                )
            )
            yield from jsonl_lines(
                binary, origin, max_bytes, "stdin", start=lineno + 1, expect_records=False
            )
            return
        # only blank lines before the end: jsonl_lines reports stdin as empty (E001)
        head = (lineno, first.strip()) if first.strip() else None
        yield from jsonl_lines(binary, origin, max_bytes, "stdin", first=head)
        return
    rest = binary.read(max_bytes + 1 - len(first)) if len(first) <= max_bytes else b""
    data = first + rest
    if len(data) > max_bytes:
        raise InputError(
            ErrorCode.E004_TOO_LARGE,
            origin,
            f"over the limit of {max_bytes:,} bytes set by --max-bytes",
            doc_id="stdin",
        )
    yield _article_from_bytes(data, kind, origin, "stdin", {})


def _binary(stream: IO[Any]) -> IO[bytes]:
    """The byte stream under ``stream``; a text stream with no buffer (StringIO) is encoded.

    Its lone surrogates become U+FFFD: they cannot be encoded, and they would stop the read.
    """
    if isinstance(stream, io.TextIOBase):
        buf = getattr(stream, "buffer", None)
        if buf is not None:
            return buf
        return io.BytesIO(replace_surrogates(stream.read()).encode("utf-8"))
    return stream
