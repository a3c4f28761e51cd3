"""Metadata fields (date, language, title, ...) -> the :class:`Article` record."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from cronica.model import Article
from cronica.read.decode import clean_text, replace_surrogates

METADATA_KEYS: tuple[str, ...] = ("id", "title", "date", "lang", "url", "source")
#: ids are kept to this many characters (the API serves ids of up to 300; the store may
#: add '~' and 12 hex digits to an id another text already took)
MAX_ID_CHARS = 280
_ID_CONTROLS = re.compile(r"[\x00-\x1f\x7f]+")
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
    s = replace_surrogates(as_text(value)).strip().lower()
    if not s:
        return None
    if s in _LANG_NAMES:
        return _LANG_NAMES[s]
    return re.split(r"[-_]", s, maxsplit=1)[0]


def make_article(
    text: str, fields: dict[str, Any], origin: str, doc_id: str, encoding: str | None
) -> Article:
    """The Article for ``text``; keys of ``fields`` other than METADATA_KEYS go to ``meta``."""
    extra = {k: _scrub(v) for k, v in fields.items() if k not in METADATA_KEYS}
    if encoding:
        extra["encoding"] = encoding
    return Article(
        id=clean_id(doc_id),
        text=clean_text(text),
        title=_opt_str(fields.get("title")),
        date=normalize_date(fields.get("date")),
        lang=normalize_lang(fields.get("lang")),
        url=_opt_str(fields.get("url")),
        source=_opt_str(fields.get("source")),
        origin=origin,
        meta=extra,
    )


def clean_id(doc_id: Any) -> str:
    """An id that every command and the API can show and look up: control characters
    (a run of them) become one space; an id over :data:`MAX_ID_CHARS` characters keeps
    its start and ends in '~' and 16 hex digits of its SHA-1, so that it stays unique."""
    import hashlib

    raw = replace_surrogates(as_text(doc_id))
    s = " ".join(_ID_CONTROLS.sub(" ", raw).split()) or "doc"
    if len(s) > MAX_ID_CHARS:
        digest = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
        s = s[: MAX_ID_CHARS - 17].rstrip() + "~" + digest
    return s


def as_text(v: Any) -> str:
    """A metadata value as text: strings as they are, other values as JSON (a dict stays
    ``{"x": 1}``, not Python's ``{'x': 1}``)."""
    if isinstance(v, str):
        return v
    import json

    try:
        return json.dumps(v, ensure_ascii=False, default=str)
    except (ValueError, RecursionError):
        return str(v)


def _opt_str(v: Any) -> str | None:
    """A stripped string, or None for nothing."""
    return None if v is None else (replace_surrogates(as_text(v)).strip() or None)


def _scrub(value: Any) -> Any:
    """A metadata value with lone surrogates replaced in every string it holds."""
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {replace_surrogates(str(k)): _scrub(v) for k, v in value.items()}
    return value
