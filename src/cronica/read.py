"""Stage 'read': files, folders and stdin -> :class:`Article` records (or Rejections).

Formats
- plain text (``.txt``): id from the file stem; an optional sidecar ``<stem>.json`` gives
  metadata (id, lang, date, title, source, url), as in ``examples/seed/article.json``.
- HTML (``.html``/``.htm``, or sniffed): the article body through trafilatura (offline),
  boilerplate removed; title, date and language from the page when it states them.
- JSONL (``.jsonl``/``.ndjson``): one record per line, ``{id, text, title?, date?, lang?,
  url?, source?}`` (``html`` instead of ``text`` is accepted); other keys go to ``meta``.
- JSON (``.json``, explicit paths only): one such record or a list of them; a record may
  name its text with ``text_file`` (relative to the JSON file).
- a folder: every supported file below it, recursively, in sorted order.
- ``-``: stdin, sniffed as JSONL, HTML or text.

Bad input never raises: it comes out as a :class:`Rejection` that names the input and
the problem, and reading goes on with the next one. Legacy encodings are decoded, not
rejected: UTF-8 first, then cp1252, then Latin-1; the one used is recorded in
``article.meta['encoding']``.
"""

from __future__ import annotations

import html as html_lib
import io
import json
import logging
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from cronica.errors import ErrorCode, InputError, Rejection
from cronica.model import Article

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a long news article is ~50 KB; 5 MB is surely not one

TEXT_EXTS = frozenset({".txt", ".text"})
HTML_EXTS = frozenset({".html", ".htm", ".xhtml"})
JSONL_EXTS = frozenset({".jsonl", ".ndjson"})
JSON_EXTS = frozenset({".json"})
# Folders are walked for these; .json is left out because beside a .txt it is a sidecar.
FOLDER_EXTS = TEXT_EXTS | HTML_EXTS | JSONL_EXTS
FORMATS: tuple[str, ...] = ("auto", "text", "html", "jsonl")

METADATA_KEYS: tuple[str, ...] = ("id", "title", "date", "lang", "url", "source")

# Share of control characters (other than whitespace) above which bytes are not text.
MAX_CONTROL_RATIO = 0.05
MIN_ARTICLE_LINE_WORDS = 6  # an HTML page's text must hold at least one line this long

_LANG_NAMES = {
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "castellano": "es",
    "spa": "es",
    "english": "en",
    "inglés": "en",
    "ingles": "en",
    "eng": "en",
}


# -- public API -------------------------------------------------------------------
def read_inputs(
    paths: Sequence[str],
    *,
    stdin: IO[Any] | None = None,
    fmt: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Rejection]:
    """Every article in ``paths`` (files, folders, '-' for stdin), in order.

    No paths means stdin. ``fmt`` forces a format ('text', 'html', 'jsonl') instead of
    deciding from the extension or the content. Documents over ``max_bytes`` are
    rejected (E004) before they are read; for JSONL the limit applies to each line.
    Never raises for bad input: yields a :class:`Rejection` instead.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    for p in paths or ["-"]:
        if p == "-":
            yield from _guard(
                _read_stream(stdin if stdin is not None else sys.stdin, fmt, max_bytes)
            )
            continue
        path = Path(p)
        if path.is_dir():
            yield from _read_folder(path, fmt, max_bytes)
        else:
            yield from _guard(_read_path(path, str(p), fmt, max_bytes))


def read_file(path: str | Path, **kwargs: Any) -> list[Article | Rejection]:
    """Everything in one file or folder, as a list (convenience for the library and tests)."""
    return list(read_inputs([str(path)], **kwargs))


def normalize_date(value: Any) -> str | None:
    """An ISO date 'YYYY-MM-DD' from common timestamp forms; other values come back as str.

    '2024-01-26T10:00:00Z', '2024-01-26 10:00', '2024/01/26' and '20240126' all give
    '2024-01-26'. What cannot be read is returned unchanged (stripped) so that the
    pipeline rejects it with E011 naming the value, rather than dropping it silently.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    s = str(value).strip()
    if not s:
        return None
    m = re.match(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T ])", s) or re.match(
        r"^(\d{4})(\d{2})(\d{2})$", s
    )
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return s
    try:
        return datetime.fromisoformat(s).date().isoformat()
    except ValueError:
        return s


def normalize_lang(value: Any) -> str | None:
    """'es-ES', 'ES', 'es_MX', 'Spanish' -> 'es'; None for nothing."""
    if value is None:
        return None
    s = str(value).strip().lower()
    if not s:
        return None
    if s in _LANG_NAMES:
        return _LANG_NAMES[s]
    return re.split(r"[-_]", s, maxsplit=1)[0]


def decode_bytes(data: bytes, origin: str, doc_id: str | None = None) -> tuple[str, str]:
    """(text, encoding name) for raw bytes; raises InputError E001/E002/E003.

    Order: a BOM decides; else UTF-8; else cp1252 (Windows Spanish: curly quotes, '€');
    else Latin-1. Latin-1 decodes any byte, so its result is checked for C1 control
    characters, which real Latin-1 text does not contain: many of them means the bytes
    are in some other encoding we cannot guess (E003).
    """
    if not data.strip():
        raise InputError(ErrorCode.E001_EMPTY, origin, doc_id=doc_id)
    for bom, enc in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(
                    ErrorCode.E003_ENCODING, origin, f"bad {enc}: {exc.reason}", doc_id=doc_id
                ) from None
    _check_not_binary(data, origin, doc_id)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    c1 = sum(1 for ch in text if "\x80" <= ch <= "\x9f")
    if c1 > max(2, MAX_CONTROL_RATIO * len(text)):
        raise InputError(
            ErrorCode.E003_ENCODING,
            origin,
            f"not UTF-8 (byte 0x{data[first_error.start]:02x} at offset {first_error.start}), "
            "nor cp1252 or Latin-1",
            doc_id=doc_id,
        )
    return text, "latin-1"


def clean_text(text: str) -> str:
    """Unicode NFC and '\\n' line ends: every offset downstream points into this form."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return unicodedata.normalize("NFC", text)


def sniff_format(head: bytes | str) -> str:
    """'jsonl', 'html' or 'text' from the opening of a document."""
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="replace")
    s = head.lstrip("\ufeff \t\r\n")
    if s.startswith("{"):
        # a text may open with a brace too: JSONL when its first line is (or ends like) one
        first = s.split("\n", 1)[0].strip()
        return "jsonl" if first.endswith("}") or "\n" not in s else "text"
    low = s[:1000].lower()
    if s.startswith("<") and re.search(r"<(!doctype html|html|head|body|article|p|div)\b", low):
        return "html"
    return "text"


# -- files and folders ------------------------------------------------------------
def _guard(items: Iterator[Article | Rejection]) -> Iterator[Article | Rejection]:
    """Turn an InputError raised by a reader into a Rejection and stop that input only."""
    try:
        yield from items
    except InputError as err:
        yield Rejection.from_error(err)


def _safe(make: Any, *args: Any) -> Article | Rejection:
    """``make(*args)``, or the Rejection for the InputError it raised."""
    try:
        return make(*args)
    except InputError as err:
        return Rejection.from_error(err)


def _read_folder(folder: Path, fmt: str, max_bytes: int) -> Iterator[Article | Rejection]:
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in FOLDER_EXTS
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    if not files:
        exts = ", ".join(sorted(FOLDER_EXTS))
        err = InputError(
            ErrorCode.E009_NOT_FOUND, str(folder), f"no files with {exts} in this folder"
        )
        yield Rejection.from_error(err)
        return
    for p in files:
        yield from _guard(_read_path(p, str(p), fmt, max_bytes))


def _read_path(path: Path, origin: str, fmt: str, max_bytes: int) -> Iterator[Article | Rejection]:
    stem = path.stem
    if not path.exists():
        raise InputError(ErrorCode.E009_NOT_FOUND, origin, "no such file or folder", doc_id=stem)
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
        yield from _read_jsonl_file(path, origin, max_bytes)
        return
    if kind == "json":
        yield from _read_json_file(path, origin, max_bytes)
        return
    meta = _sidecar(path, origin)
    data = _read_bytes(path, origin, max_bytes, doc_id=meta.get("id") or stem)
    if kind == "sniff":
        kind = sniff_format(data[:4096])
        if kind == "jsonl":
            yield from _jsonl_lines(io.BytesIO(data), origin, max_bytes, stem)
            return
    yield _article_from_bytes(data, kind, origin, stem, meta)


def _read_bytes(path: Path, origin: str, max_bytes: int, doc_id: str | None) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                ErrorCode.E004_TOO_LARGE,
                origin,
                f"{size:,} bytes, over the limit of {max_bytes:,} set by --max-bytes",
                doc_id=doc_id,
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            ErrorCode.E009_NOT_FOUND, origin, exc.strerror or str(exc), doc_id=doc_id
        ) from None


def _sidecar(path: Path, origin: str) -> dict[str, Any]:
    """Metadata from '<stem>.json' beside a text or HTML file, if there is one."""
    side = path.with_suffix(".json")
    if path.suffix.lower() in JSON_EXTS or not side.is_file():
        return {}
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(
            ErrorCode.E006_MALFORMED_JSON,
            str(side),
            f"metadata for {origin}: {exc}",
            doc_id=path.stem,
        ) from None
    if not isinstance(meta, dict):
        raise InputError(
            ErrorCode.E006_MALFORMED_JSON,
            str(side),
            f"metadata for {origin} must be an object",
            doc_id=path.stem,
        )
    meta.pop("text_file", None)
    meta.pop("text", None)
    return meta


def _article_from_bytes(
    data: bytes, kind: str, origin: str, stem: str, meta: dict[str, Any]
) -> Article:
    doc_id = str(meta.get("id") or stem)
    text, encoding = decode_bytes(data, origin, doc_id)
    page: dict[str, Any] = {}
    if kind == "html":
        text, page = html_to_text(text, origin, doc_id)
    fields = {**page, **{k: v for k, v in meta.items() if v is not None}}
    return _make_article(text, fields, origin, doc_id, encoding)


def _make_article(
    text: str, fields: dict[str, Any], origin: str, doc_id: str, encoding: str | None
) -> Article:
    extra = {k: v for k, v in fields.items() if k not in METADATA_KEYS}
    if encoding:
        extra["encoding"] = encoding
    return Article(
        id=doc_id,
        text=clean_text(text),
        title=_opt_str(fields.get("title")),
        date=normalize_date(fields.get("date")),
        lang=normalize_lang(fields.get("lang")),
        url=_opt_str(fields.get("url")),
        source=_opt_str(fields.get("source")),
        origin=origin,
        meta=extra,
    )


def _opt_str(v: Any) -> str | None:
    return None if v is None else (str(v).strip() or None)


# -- JSON and JSONL ---------------------------------------------------------------
def _read_jsonl_file(path: Path, origin: str, max_bytes: int) -> Iterator[Article | Rejection]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(ErrorCode.E009_NOT_FOUND, origin, exc.strerror or str(exc)) from None
    with fh:
        yield from _jsonl_lines(fh, origin, max_bytes, path.stem)


def _jsonl_lines(
    fh: IO[bytes],
    origin: str,
    max_bytes: int,
    stem: str,
    first: tuple[int, bytes] | None = None,
    start: int = 1,
) -> Iterator[Article | Rejection]:
    """One Article or Rejection per non-blank line; a bad line never stops the rest.

    ``first`` is a line already read (by the stdin sniffer), with its number.
    """
    lines = _numbered_lines(fh, max_bytes, start=start if first is None else first[0] + 1)
    if first is not None:
        yield _safe(_jsonl_record, first[1], f"{origin}:{first[0]}", stem, first[0])
    for lineno, raw in lines:
        where = f"{origin}:{lineno}"
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
    line, encoding = decode_bytes(raw, where)
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            ErrorCode.E006_MALFORMED_JSON, where, exc.msg + f" at column {exc.colno}"
        ) from None
    if not isinstance(rec, dict):
        raise InputError(
            ErrorCode.E006_MALFORMED_JSON, where, f"a JSON {type(rec).__name__}, not an object"
        )
    return _record_to_article(
        rec, where, f"{stem}-{lineno}", None, encoding if encoding != "utf-8" else None
    )


def _record_to_article(
    rec: dict[str, Any], where: str, default_id: str, base: Path | None, encoding: str | None
) -> Article:
    doc_id = str(rec.get("id") or default_id)
    fields = {k: v for k, v in rec.items() if k not in ("text", "html", "text_file", "id")}
    text = rec.get("text")
    if text is None and isinstance(rec.get("html"), str):
        text, page = html_to_text(rec["html"], where, doc_id)
        fields = {**page, **{k: v for k, v in fields.items() if v is not None}}
    elif text is None and isinstance(rec.get("text_file"), str) and base is not None:
        tpath = base / rec["text_file"]
        data = _read_bytes(tpath, str(tpath), 1 << 62, doc_id)
        text, encoding = decode_bytes(data, str(tpath), doc_id)
    if not isinstance(text, str):
        detail = "no 'text'" if text is None else f"'text' is a {type(text).__name__}, not a string"
        raise InputError(ErrorCode.E008_MISSING_FIELD, where, detail, doc_id=doc_id)
    return _make_article(text, fields, where, doc_id, encoding)


def _read_json_file(path: Path, origin: str, max_bytes: int) -> Iterator[Article | Rejection]:
    data = _read_bytes(path, origin, max_bytes, doc_id=path.stem)
    text, _ = decode_bytes(data, origin, path.stem)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(ErrorCode.E006_MALFORMED_JSON, origin, exc.msg, doc_id=path.stem) from None
    records = obj if isinstance(obj, list) else [obj]
    for i, rec in enumerate(records):
        where = origin if len(records) == 1 else f"{origin}[{i}]"
        if not isinstance(rec, dict):
            yield Rejection.from_error(
                InputError(ErrorCode.E006_MALFORMED_JSON, where, "not an object")
            )
            continue
        default_id = path.stem if len(records) == 1 else f"{path.stem}-{i}"
        yield _safe(_record_to_article, rec, where, default_id, path.parent, None)


# -- stdin ------------------------------------------------------------------------
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
            yield from _jsonl_lines(binary, origin, max_bytes, "stdin", start=lineno + 1)
            return
        if first.strip():
            yield from _jsonl_lines(
                binary, origin, max_bytes, "stdin", first=(lineno, first.strip())
            )
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
    if isinstance(stream, io.TextIOBase):
        buf = getattr(stream, "buffer", None)
        if buf is not None:
            return buf
        return io.BytesIO(stream.read().encode("utf-8"))
    return stream


# -- bytes checks -----------------------------------------------------------------
def _check_not_binary(data: bytes, origin: str, doc_id: str | None) -> None:
    head = data[:65536]
    if b"\x00" in head:
        raise InputError(
            ErrorCode.E002_BINARY, origin, f"NUL byte at offset {head.index(0)}", doc_id=doc_id
        )
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if control > max(2, MAX_CONTROL_RATIO * len(head)):
        raise InputError(
            ErrorCode.E002_BINARY,
            origin,
            f"{control} control bytes in the first {len(head):,}",
            doc_id=doc_id,
        )


# -- HTML -------------------------------------------------------------------------
class _PageMeta(HTMLParser):
    """<title>, <html lang> and the publication-date <meta> tags of a page."""

    DATE_KEYS = (
        "article:published_time",
        "datepublished",
        "date",
        "dc.date",
        "dc.date.issued",
        "pubdate",
        "publishdate",
        "og:published_time",
        "sailthru.date",
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: str | None = None
        self.og_title: str | None = None
        self.lang: str | None = None
        self.dates: dict[str, str] = {}
        self.locale: str | None = None
        self._in_title = False
        self._title_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        elif tag == "title" and self.title is None:
            self._in_title = True
        elif tag == "meta":
            key = (
                a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv") or ""
            ).lower()
            content = a.get("content", "").strip()
            if not content:
                return
            if key in self.DATE_KEYS:
                self.dates.setdefault(key, content)
            elif key == "og:title":
                self.og_title = content
            elif key in ("og:locale", "content-language", "language", "dc.language"):
                self.locale = self.locale or content
        elif tag == "time" and "datetime" in a and "pubdate" in a:
            self.dates.setdefault("pubdate", a["datetime"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self.title = " ".join("".join(self._title_parts).split()) or None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)


def page_metadata(html: str) -> dict[str, Any]:
    """title, date (ISO) and lang that the page itself states; keys absent when it does not."""
    parser = _PageMeta()
    try:
        # the metadata lives in <head>: no need to parse a whole long page for it
        head_end = html.lower().find("</head>")
        parser.feed(html[: head_end + 7] if head_end != -1 else html[:200_000])
        parser.close()
    except Exception:  # noqa: BLE001 - malformed markup must not lose the article body
        logger.debug("could not parse the page's <head>", exc_info=True)
    out: dict[str, Any] = {}
    title = parser.og_title or parser.title
    if title:
        out["title"] = html_lib.unescape(title)
    for key in _PageMeta.DATE_KEYS:
        if key in parser.dates:
            d = normalize_date(parser.dates[key])
            if d and re.match(r"^\d{4}-\d{2}-\d{2}$", d):
                out["date"] = d
                break
    lang = normalize_lang(parser.lang or parser.locale)
    if lang:
        out["lang"] = lang
    return out


def html_to_text(html: str, origin: str, doc_id: str | None = None) -> tuple[str, dict[str, Any]]:
    """(article body, page metadata); raises E005 when the page holds no article text.

    trafilatura removes navigation, footers and comments; it works on the string, with
    no network access. A page counts as holding an article when a line of its extracted
    text has at least MIN_ARTICLE_LINE_WORDS words (menus and footers have shorter ones).
    """
    import trafilatura

    meta = page_metadata(html)
    body = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=False,
        deduplicate=False,
    )
    body = (body or "").strip()
    if not any(len(line.split()) >= MIN_ARTICLE_LINE_WORDS for line in body.splitlines()):
        detail = "nothing left after removing boilerplate" if not body else f"only {body[:60]!r}"
        raise InputError(ErrorCode.E005_NO_ARTICLE_TEXT, origin, detail, doc_id=doc_id)
    return body, meta
