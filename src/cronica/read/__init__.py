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

Modules: :mod:`~cronica.read.sources` (paths, folders, stdin, sidecars),
:mod:`~cronica.read.decode` (bytes -> text), :mod:`~cronica.read.html` (pages),
:mod:`~cronica.read.jsonl` (records), :mod:`~cronica.read.metadata` (fields -> Article).
"""

from cronica.read.decode import MAX_CONTROL_RATIO, clean_text, decode_bytes, sniff_format
from cronica.read.html import MIN_ARTICLE_LINE_WORDS, html_to_text, page_metadata
from cronica.read.metadata import METADATA_KEYS, normalize_date, normalize_lang
from cronica.read.sources import (
    DEFAULT_MAX_BYTES,
    FOLDER_EXTS,
    FORMATS,
    HTML_EXTS,
    JSON_EXTS,
    JSONL_EXTS,
    TEXT_EXTS,
    read_file,
    read_inputs,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FOLDER_EXTS",
    "FORMATS",
    "HTML_EXTS",
    "JSONL_EXTS",
    "JSON_EXTS",
    "MAX_CONTROL_RATIO",
    "METADATA_KEYS",
    "MIN_ARTICLE_LINE_WORDS",
    "TEXT_EXTS",
    "clean_text",
    "decode_bytes",
    "html_to_text",
    "normalize_date",
    "normalize_lang",
    "page_metadata",
    "read_file",
    "read_inputs",
    "sniff_format",
]
