"""Export stored events: PLOVER JSONL, and a POLECAT-like flat table as CSV or Parquet.

PLOVER JSONL: one merged event per line, the fields of
:func:`cronica.model.event_to_dict` (of the first article that reported it, with the
merged date, place and confidence) plus ``n_sources``, ``n_publishers``,
``article_ids``, ``sources``, ``first_seen``, ``last_seen`` and ``mentions`` (every
report: article id, sentence, offsets; see ``Store.get_event``).

Flat table columns (one row per merged event):

========================  ======  ==========================================================
column                    type    meaning
========================  ======  ==========================================================
id                        string  merged event id (stable: derived from the first report)
date                      string  ISO date, possibly partial ('2024-01-25', '2024-01', '2024')
date_precision            string  day | month | year
date_inferred             bool    the date is the publication date, not stated in the text
event                     string  PLOVER event type (AGREE ... ASSAULT)
mode                      string  PLOVER mode of the event type, empty when none
context                   string  PLOVER contexts, joined with ';'
aux_mode                  string  historical | future | hypothetical | negation; empty if current
actor                     string  actor as written in the text
actor_code                string  actor code: ISO 3166 alpha-3 country + sector ('IRQGOV')
actor_country             string  actor's ISO 3166 alpha-3 country
actor_sector              string  actor's sector or organisation code (GOV, MIL, IGO, ...)
recipient                 string  recipient as written in the text
recipient_code            string  recipient code
recipient_country         string  recipient's country
recipient_sector          string  recipient's sector
event_loc_name            string  place name of the event
event_loc_country         string  place's ISO 3166 alpha-3 country
event_loc_lat             double  latitude (WGS84)
event_loc_lon             double  longitude (WGS84)
n_sources                 int64   distinct articles reporting the event
n_publishers              int64   distinct original sources (cited source, else publisher)
article_ids               string  ids of the reporting articles, joined with ';'
sources                   string  publishers and cited sources, joined with ';'
event_text                string  evidence sentence of the first report
confidence                double  highest confidence among the reports (0-1)
language                  string  language of the first report (es, en)
first_seen                string  earliest publication date among the reports
last_seen                 string  latest publication date among the reports
cameo                     string  CAMEO code of the event, when the coder gave one
actor_name                string  actor's canonical name ('Lloyd Austin'), else its code's label
actor_label               string  actor code in words ('Iraq: government')
recipient_name            string  recipient's canonical name, else its code's label
recipient_label           string  recipient code in words
event_loc_admin1          string  first-level area of the place ('Antioquia')
event_loc_admin2          string  second-level area of the place
event_loc_feature         string  city | admin1 | admin2 | country | region
quote_speaker             string  who is quoted saying the event ('el ministro'), if quoted
quote_speaker_code        string  the speaker's actor code
reported_by               string  reporting chain of the first report, nearest first, ';'
article_urls              string  urls of the reporting articles, ';'
article_titles            string  titles of the reporting articles, joined with ' | '
publishers                string  publishers of the reporting articles, ';'
dead                      int64   people killed (the number stated; null if none stated)
injured                   int64   people injured
arrested                  int64   people arrested
size                      int64   size of a crowd or force
plover_score              double  PLOVER conflict-cooperation score of the event
embedded_in               string  id of the event that governs this embedded act (the threat of
                                  'amenazaron con una huelga' for the strike), else empty
aux_evidence              string  the words that decided aux_mode ('amenazaron con')
aux_rule                  string  the rule that read them
actor_country_source      string  evidence of actor_country: text | place | dateline | article | anaphora
recipient_country_source  string  evidence of recipient_country, likewise
event_loc_text            string  the place as the article writes it ('Tiro'; the gazetteer's
                                  name is event_loc_name: 'Tyre')
contentious               double  highest contentious-event probability among the reporting
                                  articles (0-1), empty when not scored
========================  ======  ==========================================================

The four counts hold the ``value`` of the event's ``dead``/``injured``/``arrested``/``size``
objects (PLOVER JSONL keeps the whole object: value, min, max, category, text, offsets).
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from cronica.errors import OutputError
from cronica.labels import code_label
from cronica.store.base import EventFilter, Store

FORMATS: tuple[str, ...] = ("plover-jsonl", "csv", "parquet")

# (column, arrow type, how to get it from an event dict)
FLAT_COLUMNS: list[tuple[str, str, Callable[[dict[str, Any]], Any]]] = [
    ("id", "string", lambda e: e["id"]),
    ("date", "string", lambda e: e.get("date")),
    ("date_precision", "string", lambda e: e.get("date_precision")),
    ("date_inferred", "bool", lambda e: bool(e.get("date_inferred"))),
    ("event", "string", lambda e: e.get("event")),
    ("mode", "string", lambda e: e.get("mode")),
    ("context", "string", lambda e: ";".join(e.get("context") or [])),
    ("aux_mode", "string", lambda e: e.get("aux_mode")),
    ("actor", "string", lambda e: (e.get("actor") or {}).get("text")),
    ("actor_code", "string", lambda e: (e.get("actor") or {}).get("code")),
    ("actor_country", "string", lambda e: e.get("actor_country")),
    ("actor_sector", "string", lambda e: e.get("actor_sector")),
    ("recipient", "string", lambda e: (e.get("recipient") or {}).get("text")),
    ("recipient_code", "string", lambda e: (e.get("recipient") or {}).get("code")),
    ("recipient_country", "string", lambda e: e.get("recipient_country")),
    ("recipient_sector", "string", lambda e: e.get("recipient_sector")),
    ("event_loc_name", "string", lambda e: (e.get("event_loc") or {}).get("name")),
    ("event_loc_country", "string", lambda e: (e.get("event_loc") or {}).get("country")),
    ("event_loc_lat", "double", lambda e: (e.get("event_loc") or {}).get("lat")),
    ("event_loc_lon", "double", lambda e: (e.get("event_loc") or {}).get("lon")),
    ("n_sources", "int64", lambda e: e.get("n_sources", 1)),
    ("n_publishers", "int64", lambda e: e.get("n_publishers", 1)),
    ("article_ids", "string", lambda e: ";".join(e.get("article_ids") or [])),
    ("sources", "string", lambda e: ";".join(e.get("sources") or [])),
    ("event_text", "string", lambda e: e.get("event_text")),
    ("confidence", "double", lambda e: e.get("confidence")),
    ("language", "string", lambda e: e.get("language")),
    ("first_seen", "string", lambda e: e.get("first_seen")),
    ("last_seen", "string", lambda e: e.get("last_seen")),
    ("cameo", "string", lambda e: e.get("cameo")),
    ("actor_name", "string", lambda e: _name(e, "actor")),
    ("actor_label", "string", lambda e: code_label(_code(e, "actor"))),
    ("recipient_name", "string", lambda e: _name(e, "recipient")),
    ("recipient_label", "string", lambda e: code_label(_code(e, "recipient"))),
    ("event_loc_admin1", "string", lambda e: (e.get("event_loc") or {}).get("admin1")),
    ("event_loc_admin2", "string", lambda e: (e.get("event_loc") or {}).get("admin2")),
    ("event_loc_feature", "string", lambda e: (e.get("event_loc") or {}).get("feature")),
    ("quote_speaker", "string", lambda e: (e.get("quote_speaker") or {}).get("text")),
    ("quote_speaker_code", "string", lambda e: (e.get("quote_speaker") or {}).get("code")),
    ("reported_by", "string", lambda e: ";".join(e.get("reported_by") or [])),
    ("article_urls", "string", lambda e: ";".join(_reports(e, "article_url", "article_url"))),
    ("article_titles", "string", lambda e: " | ".join(_reports(e, "article_title", "article_title"))),
    ("publishers", "string", lambda e: ";".join(_reports(e, "article_source", "publisher"))),
    ("dead", "int64", lambda e: _count(e, "dead")),
    ("injured", "int64", lambda e: _count(e, "injured")),
    ("arrested", "int64", lambda e: _count(e, "arrested")),
    ("size", "int64", lambda e: _count(e, "size")),
    ("plover_score", "double", lambda e: e.get("plover_score")),
    ("embedded_in", "string", lambda e: e.get("embedded_in")),
    ("aux_evidence", "string", lambda e: (e.get("aux_evidence") or {}).get("text")),
    ("aux_rule", "string", lambda e: (e.get("aux_evidence") or {}).get("rule")),
    ("actor_country_source", "string", lambda e: e.get("actor_country_source")),
    ("recipient_country_source", "string", lambda e: e.get("recipient_country_source")),
    ("event_loc_text", "string", lambda e: (e.get("event_loc") or {}).get("text")),
    ("contentious", "double", lambda e: _contentious(e)),
]
COLUMN_NAMES: list[str] = [c[0] for c in FLAT_COLUMNS]


def _code(e: dict[str, Any], role: str) -> str | None:
    return (e.get(role) or {}).get("code") or None


def _name(e: dict[str, Any], role: str) -> str | None:
    """The mention's canonical name, else the code in words, else the words of the text."""
    return e.get(f"{role}_name") or code_label(_code(e, role)) or (e.get(role) or {}).get("text")


def _reports(e: dict[str, Any], mention_key: str, record_key: str) -> list[str]:
    """One value per reporting article (from ``mentions``), without repeats; the first
    report's own value when the event comes without mentions."""
    values: list[str] = []
    for m in e.get("mentions") or []:
        v = m.get(mention_key) if isinstance(m, dict) else None
        if v and v not in values:
            values.append(str(v))
    if not values and e.get(record_key):
        values.append(str(e[record_key]))
    return values


def _contentious(e: dict[str, Any]) -> float | None:
    """The highest contentious-event score among the reporting articles (``mentions``)."""
    scores = [m.get("article_contentious") for m in e.get("mentions") or []
              if isinstance(m, dict)]
    values = [float(v) for v in scores if isinstance(v, int | float)]
    return max(values) if values else None


def _count(e: dict[str, Any], key: str) -> int | None:
    """The number of a count argument (``{"value": 7, ...}``), None when absent."""
    v = e.get(key)
    if isinstance(v, dict):
        v = v.get("value")
    if isinstance(v, bool) or v is None:
        return None
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def flat_row(event: dict[str, Any]) -> dict[str, Any]:
    """One event dict (as the store returns it) as a flat-table row."""
    return {name: get(event) for name, _, get in FLAT_COLUMNS}


def export(store: Store, fmt: str, output: str, flt: EventFilter | None = None,
           batch_size: int = 5000, force: bool = True) -> int:
    """Write every event matching ``flt`` to ``output`` ('-' = stdout for text formats).

    Files are written to a temporary name and renamed at the end, so an interrupted
    export never leaves a truncated file under the final name. Returns the row count.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    flt = flt or EventFilter()
    # mentions name every reporting article (urls, titles, publishers of the flat table)
    events = store.iter_events(flt, batch_size=batch_size, with_mentions=True)
    if fmt == "parquet":
        if output == "-":
            raise ValueError("parquet needs a file: --output FILE")
        with atomic_output(output, binary=True, force=force) as fh:
            return write_parquet(events, fh, batch_size)
    with atomic_output(output, force=force) as fh:
        if fmt == "csv":
            return write_csv(events, fh)
        return write_jsonl(events, fh)


def write_jsonl(events: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for ev in events:
        fh.write(json.dumps(ev, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=COLUMN_NAMES)
    writer.writeheader()
    n = 0
    for ev in events:
        writer.writerow(flat_row(ev))
        n += 1
    return n


def arrow_schema() -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "double": pa.float64(), "int64": pa.int64(),
             "bool": pa.bool_()}
    return pa.schema([(name, types[t]) for name, t, _ in FLAT_COLUMNS])


def write_parquet(events: Iterable[dict[str, Any]], fh: IO[bytes], batch_size: int = 5000) -> int:
    """The flat table as Parquet, written in row groups of ``batch_size`` (flat memory)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    n = 0
    with pq.ParquetWriter(fh, schema) as writer:
        for chunk in _chunks(events, batch_size):
            cols: dict[str, list[Any]] = {name: [] for name in COLUMN_NAMES}
            for ev in chunk:
                for name, value in flat_row(ev).items():
                    cols[name].append(value)
            writer.write_table(pa.table(cols, schema=schema))
            n += len(chunk)
        if n == 0:  # still a valid file, with the schema
            writer.write_table(schema.empty_table())
    return n


def _chunks(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


TMP_PREFIX = ".export-"
TMP_SUFFIX = ".tmp"
STALE_SECONDS = 3600  # a temporary file of no known owner, older than this, is stale


@contextmanager
def atomic_output(path: str, binary: bool = False, force: bool = True) -> Iterator[Any]:
    """A file object whose content appears under ``path`` only when it is complete.

    It is written to ``.export-<pid>-*.tmp`` beside ``path`` and renamed over it at the
    end, so a crash, a kill or a full disk never leaves a truncated file under the final
    name (the temporary file is removed on failure; one a kill left behind is removed by
    the next write to that folder, see :func:`clean_stale`). The file gets the mode new
    files get (the umask), not 0600. Without ``force`` an existing ``path`` is refused.
    ``path`` '-' is stdout. Failures to write are :class:`~cronica.errors.OutputError`.
    """
    if path == "-":
        yield sys.stdout
        return
    if not force and os.path.exists(path):
        raise OutputError(path, "the file exists; use --force to replace it")
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
        clean_stale(folder)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{TMP_PREFIX}{os.getpid()}-",
                                   suffix=TMP_SUFFIX)
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc)) from None
    try:
        mode = "wb" if binary else "w"
        kwargs: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise OutputError(path, exc.strerror or str(exc)) from None
    except BaseException:
        _remove(tmp)
        raise


_atomic = atomic_output  # the name it had


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def clean_stale(folder: str, now: float | None = None) -> list[str]:
    """Remove temporary export files in ``folder`` that a killed run left behind: those
    of a process that no longer runs, and those of no known process older than an hour.
    Returns the names removed."""
    import time

    removed: list[str] = []
    now = time.time() if now is None else now
    try:
        names = [n for n in os.listdir(folder) if n.startswith(TMP_PREFIX) and n.endswith(TMP_SUFFIX)]
    except OSError:
        return removed
    for name in names:
        pid_text = name[len(TMP_PREFIX):].split("-", 1)[0]
        full = os.path.join(folder, name)
        try:
            if pid_text.isdigit() and int(pid_text) != os.getpid():
                stale = not _running(int(pid_text))
            else:
                stale = not pid_text.isdigit() and now - os.path.getmtime(full) > STALE_SECONDS
            if stale:
                os.unlink(full)
                removed.append(name)
        except OSError:
            continue
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
