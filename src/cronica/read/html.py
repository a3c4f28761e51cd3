"""HTML pages -> article body (trafilatura, offline) and the metadata the page states."""

from __future__ import annotations

import html as html_lib
import logging
import re
from html.parser import HTMLParser
from typing import Any

from cronica.errors import ErrorCode, InputError
from cronica.read.metadata import normalize_date, normalize_lang

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

MIN_ARTICLE_LINE_WORDS = 6  # an HTML page's text must hold at least one line this long
MAX_NESTING = 200  # layout containers nested deeper than this are flattened before extraction
_CONTAINERS = r"(?:div|span|section|article|main|font|center|table|tbody|tr|td|ul|li|blockquote)"
_CONTAINER_TAG = re.compile(rf"<(/?){_CONTAINERS}\b[^>]*>", re.IGNORECASE)
_FLATTEN = _CONTAINER_TAG


def container_depth(html: str) -> int:
    """How deeply layout containers (div, span, table cells, ...) nest in ``html``."""
    depth = deepest = 0
    for m in _CONTAINER_TAG.finditer(html):
        if m[1]:
            depth = max(0, depth - 1)
        elif not m[0].endswith("/>"):
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _extract(trafilatura: Any, html: str) -> str:
    body = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=False,
        deduplicate=False,
    )
    return (body or "").strip()


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
    body = _extract(trafilatura, html)
    if not body and container_depth(html) > MAX_NESTING:
        # the HTML parser gives up on deep nesting (libxml2 stops at 256 levels) and the
        # text inside is lost: without the layout containers the text is reachable again
        body = _extract(trafilatura, _FLATTEN.sub(lambda m: "\n" if m[1] else "", html))
    if not any(len(line.split()) >= MIN_ARTICLE_LINE_WORDS for line in body.splitlines()):
        detail = "nothing left after removing boilerplate" if not body else f"only {body[:60]!r}"
        raise InputError(ErrorCode.E005_NO_ARTICLE_TEXT, origin, detail, doc_id=doc_id)
    return body, meta
