"""`cronica eval acled FILE.csv`: the production pipeline on ACLED notes, scored against
ACLED's own coding of each note.

Each row's ``notes`` (English, written by ACLED's coders: "On 18 March 2022, in X (Y), ...")
runs through the full pipeline as one article (lang ``en``). **No publication date is
given**: an ACLED note has none, and its ``event_date`` is the answer; a note states its
date itself ("On 18 March 2022"), so the date is read from the text or not at all.

The *main event* of a note is its first event (in text order, negated events left out)
whose type is the PLOVER type of the row's ACLED event type (``data/eval/acled_plover.tsv``,
written from the ACLED codebook and the PLOVER manual), else its first event. Fields:

- ``type``: the main event has the row's PLOVER type (or an also-accepted one);
  ``type_first``: the first event has it (what a user who takes one event per note sees);
- ``date``: the main event's date equals ``event_date`` at day precision (rows with
  ``time_precision`` 1 only);
- ``place@25`` / ``place@161``: the main event's location lies within 25 / 161 km of
  ACLED's point; ``place_any@25``: some place found in the note does;
- ``fatalities``: the main event's number of dead (``dead.value``, else the upper end of
  ``dead``'s range; else the largest number of dead of any event in the note; else 0)
  equals ACLED's ``fatalities``; ``fatalities@20%`` within 20 %; both over every row and
  over the rows with at least one fatality (``fatal_*``);
- ``actor_country``: the main event's actor country equals the country ``actor1`` names
  ("Protesters (Peru)", "Military Forces of Russia (2000-)"; rows whose actor1 names no
  country are not scored);
- ``inter``: the main event's actor sector fits ACLED's ``inter1`` class
  (``data/eval/acled_inter.tsv``).

Every field has an error table (what went wrong, with counts and a few event ids: the text
is ACLED's and is not printed). ``--part fit|check`` scores one side of
:mod:`cronica.evaluate.split` on ``event_id_cnty``; without it both are reported.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cronica.evaluate.split import PARTS, part_of
from cronica.resources import read_tsv

NEGATED = "negation"
FIELDS: tuple[str, ...] = (
    "type", "type_first", "date", "place@25", "place@161", "place_any@25",
    "fatalities", "fatalities@20%", "fatal_exact", "fatal@20%", "actor_country", "inter",
)


# -- gold ------------------------------------------------------------------
@dataclass
class AcledRow:
    id: str
    notes: str
    event_type: str
    sub_event_type: str
    date: str
    time_precision: str
    actor1: str
    inter1: str
    country: str
    admin1: str
    admin2: str
    location: str
    lat: float
    lon: float
    fatalities: int


@dataclass(frozen=True)
class PloverType:
    event: str
    mode: str | None
    also: frozenset[str] = frozenset()

    def accepts(self, event: str | None) -> bool:
        return event is not None and (event == self.event or event in self.also)


def acled_plover() -> dict[tuple[str, str], PloverType]:
    """(event_type, sub_event_type) -> PLOVER type, from ``data/eval/acled_plover.tsv``."""
    out: dict[tuple[str, str], PloverType] = {}
    for row in read_tsv("eval", "acled_plover.tsv"):
        row = row + [""] * (5 - len(row))
        also = frozenset(x.strip() for x in row[4].split(",") if x.strip())
        out[(row[0], row[1])] = PloverType(row[2].strip(), row[3].strip() or None, also)
    return out


def plover_for(event_type: str, sub_event_type: str) -> PloverType:
    """The PLOVER type of an ACLED event type; an unmapped pair gives type ''."""
    return acled_plover().get((event_type, sub_event_type), PloverType("", None))


def inter_sectors() -> dict[str, frozenset[str]]:
    """ACLED interaction code -> the actor sectors that fit it (``acled_inter.tsv``)."""
    return {r[0]: frozenset(s.strip() for s in r[2].split(",")) for r in read_tsv("eval", "acled_inter.tsv")}


def read_rows(path: str | Path) -> list[AcledRow]:
    """The ACLED CSV as rows; rows without notes or coordinates are skipped."""
    out: list[AcledRow] = []
    with open(path, encoding="utf-8", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            if not (r.get("notes") or "").strip() or not r.get("latitude"):
                continue
            out.append(AcledRow(
                r.get("event_id_cnty") or str(i), r["notes"], r.get("event_type") or "",
                r.get("sub_event_type") or "", r.get("event_date") or "",
                r.get("time_precision") or "", r.get("actor1") or "", r.get("inter1") or "",
                r.get("country") or "", r.get("admin1") or "", r.get("admin2") or "",
                r.get("location") or "", float(r["latitude"]), float(r["longitude"]),
                int(r.get("fatalities") or 0)))
    return out


_YEARS = re.compile(r"^\d{4}-(\d{4})?$")


def actor_country_name(actor: str) -> str | None:
    """The country an ACLED actor name states: 'Protesters (Peru)' -> 'Peru',
    'Military Forces of Russia (2000-)' -> 'Russia', 'Police Forces of Kenya (2022-) Prison
    Guards' -> 'Kenya'; None when it names none ('Al Shabaab')."""
    for inner in re.findall(r"\(([^()]+)\)", actor):
        if not _YEARS.match(inner.strip()):
            return inner.strip()
    m = re.search(r"\b(?:Forces|Government|Police|Military) of (?:the )?([A-Z][\w' .-]+?)(?:\s*\(|$)",
                  actor)
    return m.group(1).strip() if m else None


# -- prediction ------------------------------------------------------------
def main_event(events: Sequence[dict[str, Any]], want: PloverType) -> dict[str, Any] | None:
    """The first non-negated event of the wanted type, else the first non-negated event."""
    live = [e for e in events if e.get("aux_mode") != NEGATED]
    live.sort(key=lambda e: (e.get("trigger") or {}).get("start", 0))
    return next((e for e in live if want.accepts(e.get("event"))), live[0] if live else None)


def magnitude_of(value: dict[str, Any] | None) -> int | None:
    """A magnitude field ({value, min, max, ...}) as one number: the value, else the upper
    end of the range, else the lower end."""
    if not value:
        return None
    for key in ("value", "max", "min"):
        v = value.get(key)
        if isinstance(v, int):
            return v
    return None


def predicted_dead(events: Sequence[dict[str, Any]], main: dict[str, Any] | None) -> int:
    own = magnitude_of(main.get("dead")) if main else None
    if own is not None:
        return own
    others = [magnitude_of(e.get("dead")) for e in events]
    return max((v for v in others if v is not None), default=0)


@dataclass
class Tally:
    """Per field: scored, correct, and an error table (kind -> ids)."""

    n: Counter = field(default_factory=Counter)
    ok: Counter = field(default_factory=Counter)
    errors: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))

    def add(self, name: str, correct: bool, row_id: str, error: str | None = None) -> None:
        self.n[name] += 1
        self.ok[name] += bool(correct)
        if not correct:
            self.errors[name][error or "wrong"].append(row_id)

    def report(self, examples: int = 5) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in FIELDS:
            n = self.n[name]
            table = sorted(self.errors.get(name, {}).items(), key=lambda kv: -len(kv[1]))
            out[name] = {
                "n": n, "correct": self.ok[name], "acc": round(self.ok[name] / n, 3) if n else None,
                "errors": [{"error": k, "count": len(v), "ids": v[:examples]} for k, v in table],
            }
        return out


def score_row(row: AcledRow, adoc: dict[str, Any], tally: Tally, ctx: dict[str, Any]) -> None:
    """Add one note's fields to ``tally``; ``adoc`` is the pipeline's output dict."""
    from cronica.stages.place.gazetteer import haversine_km

    events = adoc.get("events") or []
    want = plover_for(row.event_type, row.sub_event_type)
    main = main_event(events, want)
    live = [e for e in events if e.get("aux_mode") != NEGATED]
    rid = row.id
    # type
    got = main.get("event") if main else None
    if want.event:
        tally.add("type", want.accepts(got), rid, f"{want.event} -> {got or 'no event'}")
        first = live[0].get("event") if live else None
        tally.add("type_first", want.accepts(first), rid, f"{want.event} -> {first or 'no event'}")
    # date
    if row.time_precision == "1":
        pdate = main.get("date") if main else None
        prec = main.get("date_precision") if main else None
        if main is None:
            err = "no event"
        elif not pdate:
            err = "no date"
        elif prec != "day":
            err = f"precision {prec}" + (" (same month)" if row.date.startswith(pdate) else "")
        else:
            err = "day off by <= 3" if _days_apart(pdate, row.date) <= 3 else "wrong day"
        tally.add("date", pdate == row.date and prec == "day", rid, err)
    # place
    loc = (main or {}).get("event_loc") or {}
    dist = None
    if loc.get("lat") is not None and loc.get("lon") is not None:
        dist = haversine_km(row.lat, row.lon, loc["lat"], loc["lon"])
    for k in (25, 161):
        if dist is None:
            err = "no event" if main is None else "no location"
        else:
            err = f"beyond {k} km (source {loc.get('source')})"
        tally.add(f"place@{k}", dist is not None and dist <= k, rid, err)
    dists = [haversine_km(row.lat, row.lon, p["lat"], p["lon"]) for p in adoc.get("places") or []
             if p.get("lat") is not None and not p.get("metonymy")]
    tally.add("place_any@25", any(d <= 25 for d in dists), rid,
              "no place found" if not dists else "none within 25 km")
    # fatalities
    dead = predicted_dead(events, main)
    gold = row.fatalities
    err = "missed" if dead == 0 else ("invented" if gold == 0 else ("too many" if dead > gold else "too few"))
    near = abs(dead - gold) <= 0.2 * gold if gold else dead == 0
    tally.add("fatalities", dead == gold, rid, err)
    tally.add("fatalities@20%", near, rid, err)
    if gold > 0:
        tally.add("fatal_exact", dead == gold, rid, err)
        tally.add("fatal@20%", near, rid, err)
    # actor country
    cname = actor_country_name(row.actor1)
    gcountry = ctx["country_code"](cname) if cname else None
    if gcountry:
        pc = main.get("actor_country") if main else None
        if main is None:
            err = "no event"
        elif not main.get("actor"):
            err = "no actor"
        elif not pc:
            err = f"no country ({main.get('actor_sector') or 'no sector'})"
        else:
            err = "other country"
        tally.add("actor_country", pc == gcountry, rid, err)
    # interaction class vs sector
    fits = ctx["inter"].get(row.inter1)
    if fits:
        ps = main.get("actor_sector") if main else None
        tally.add("inter", ps in fits, rid, f"inter {row.inter1} -> {ps or 'no sector'}")


def _days_apart(a: str, b: str) -> int:
    from datetime import date

    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return 10**6


def _country_coder() -> Any:
    from functools import cache

    from cronica.stages.place.gazetteer import default_gazetteer

    gaz = default_gazetteer()

    @cache
    def code(name: str) -> str | None:
        if name == "Palestine":
            return "PSE"
        for _, cand in gaz.rank(name):
            if cand.feature == "country":
                return cand.country
        return None

    return code


def run_pipeline(rows: Sequence[AcledRow], pipeline: Any = None) -> Iterable[tuple[AcledRow, dict]]:
    """(row, output dict) for each row, through the production pipeline's fast path."""
    from cronica.model import Article
    from cronica.pipeline import Pipeline

    pipeline = pipeline or Pipeline(langs=("en",))
    articles = [Article(id=r.id, text=r.notes, lang="en", origin=f"acled:{r.id}") for r in rows]
    for row, res in zip(rows, pipeline.pipe(articles), strict=True):
        yield row, (res.to_dict() if hasattr(res, "to_dict") and hasattr(res, "events") else {})


def evaluate(rows: Sequence[AcledRow], parts: Sequence[str], pipeline: Any = None) -> dict[str, Any]:
    """Score the rows; one report per part (plus 'all' when both parts are asked for)."""
    ctx = {"country_code": _country_coder(), "inter": inter_sectors()}
    tallies = {p: Tally() for p in parts}
    for row, out in run_pipeline(rows, pipeline):
        score_row(row, out, tallies[part_of(row.id)], ctx)
    return {p: t.report() for p, t in tallies.items()}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="ACLED CSV with notes, event types, actors, dates, places, fatalities")
    p.add_argument("--part", choices=("fit", "check", "all"), default="all",
                   help="score one part of the fit/check split (default: both, side by side)")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="first N rows (of the part) only")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--errors", type=int, default=6, metavar="K",
                   help="error-table rows per field in the text report (default 6)")


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    try:
        rows = read_rows(path)
    except (OSError, KeyError, ValueError) as exc:
        print(f"cronica eval acled: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    parts = list(PARTS) if args.part == "all" else [args.part]
    rows = [r for r in rows if part_of(r.id) in parts]
    if args.limit:
        rows = rows[: args.limit]
    if not rows:
        print(f"cronica eval acled: {path}: no gold row read (need event_id_cnty, notes, "
              f"latitude columns)", file=sys.stderr)
        return 2
    t0 = time.time()
    result = evaluate(rows, parts)
    secs = time.time() - t0
    if args.json:
        print(json.dumps({"file": str(path), "rows": len(rows), "seconds": round(secs, 1),
                          "parts": result}, indent=2, ensure_ascii=False))
        return 0
    print(format_report(result, str(path), len(rows), secs, args.errors))
    return 0


def format_report(result: dict[str, Any], path: str, n: int, secs: float, k: int) -> str:
    parts = list(result)
    lines = [f"acled: {path} ({n} notes, {secs:.0f} s)",
             f"{'field':16}" + "".join(f"{p:>16}" for p in parts)]
    for name in FIELDS:
        cells = []
        for p in parts:
            f = result[p][name]
            cells.append(f"{f['acc']:.3f} ({f['n']})" if f["acc"] is not None else "-")
        lines.append(f"{name:16}" + "".join(f"{c:>16}" for c in cells))
    for p in parts:
        lines.append(f"\nerrors ({p}):")
        for name in FIELDS:
            errs = result[p][name]["errors"][:k]
            if errs:
                lines.append(f"  {name}: " + "; ".join(f"{e['error']} {e['count']}" for e in errs))
    return "\n".join(lines)
