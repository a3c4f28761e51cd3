"""`cronica query`: stored events matching filters, as a table on a terminal, JSON otherwise.

The filter options are shared with ``cronica export`` (add_filter_arguments).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from typing import Any

from cronica.filters import FilterInput, build_filter, check_int, check_sort
from cronica.model import AUX_MODES, PLOVER_TYPES
from cronica.store.base import EventFilter
from cronica.store.factory import open_store

FORMATS: tuple[str, ...] = ("table", "json", "jsonl")


def add_db_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH_OR_URL",
                   help="store: a SQLite file or a postgresql:// URL "
                        "(default: $CRONICA_DB, else data/cronica.db)")


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (all optional; values are checked, a bad one exits with status 2)")
    g.add_argument("--from", dest="date_from", metavar="DATE",
                   help="from this date, inclusive: YYYY-MM-DD, YYYY-MM or YYYY (default: no limit)")
    g.add_argument("--to", dest="date_to", metavar="DATE",
                   help="up to this date, inclusive: --to 2024-01 includes all of January "
                        "(default: no limit)")
    g.add_argument("--type", action="append", metavar="TYPE",
                   help=f"PLOVER event type ({', '.join(PLOVER_TYPES)}); repeat or "
                        "comma-separate for several (default: all)")
    g.add_argument("--mode", action="append", metavar="MODE",
                   help="PLOVER mode such as demo, visit, arrest; repeatable (default: all)")
    g.add_argument("--actor", metavar="CODE",
                   help="actor code or its start: IRQ matches IRQ, IRQGOV, IRQMIL (default: any)")
    g.add_argument("--recipient", metavar="CODE", help="recipient code or its start (default: any)")
    g.add_argument("--country", metavar="COUNTRY",
                   help="the actor's, recipient's or place's country: an ISO code (COL) or a "
                        "name in English or Spanish (Colombia, Irak) (default: any)")
    g.add_argument("--sector", action="append", metavar="SECTOR",
                   help="the actor's or recipient's sector (GOV, MIL, CVL, ...); repeatable "
                        "(default: any)")
    g.add_argument("--place", help="place name: one of the place's whole names (as written, the "
                   "gazetteer's or an alternate), case and accents ignored (default: any)")
    g.add_argument("--source", help="publisher or cited source, substring (default: any)")
    g.add_argument("--text", help="words in the evidence sentence, substring (default: any)")
    g.add_argument("--min-sources", type=int, default=1, metavar="N",
                   help="only events reported by at least N articles (default: 1)")
    g.add_argument("--min-confidence", type=float, metavar="X",
                   help="only events with a confidence of at least X, 0 to 1 (default: 0)")
    g.add_argument("--include", action="append", metavar="AUX",
                   help=f"also include events that are {', '.join(AUX_MODES)}, or all "
                        "(comma list; default: current events only: historical, future, "
                        "hypothetical and negated events are hidden)")
    g.add_argument("--include-all", action="store_true",
                   help="include every aux mode (same as --include all)")
    g.add_argument("--article", dest="article_id", metavar="ID",
                   help="only events reported by this article id (default: any)")


def filter_from_args(args: argparse.Namespace) -> EventFilter:
    """The checked filter of the options; raises FilterError (exit status 2) for bad values."""
    return build_filter(FilterInput(
        date_from=args.date_from, date_to=args.date_to, types=args.type, modes=args.mode,
        actor=args.actor, recipient=args.recipient, country=args.country, place=args.place,
        source=args.source, text=args.text, min_sources=args.min_sources,
        include=args.include, include_all=args.include_all, article_id=args.article_id,
        min_confidence=args.min_confidence, sectors=args.sector,
    ))

DESCRIPTION = """\
List the stored events that match the filters: a table on a terminal, JSON lines
when the output goes to a file or a pipe. By default only current events are shown
(historical, future, hypothetical and negated events are hidden; see --include)."""

EPILOG = """\
examples:
  cronica query --actor IRQ --type AGREE
  cronica query --country Colombia --from 2024-01 --to 2024-03 --include all
  cronica query --type PROTEST,ASSAULT --format jsonl > events.jsonl
  cronica query --text ataque --count"""




def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help="list stored events matching filters",
                       description=DESCRIPTION, epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_db_argument(p)
    add_filter_arguments(p)
    p.add_argument("--limit", type=int, default=50, metavar="N",
                   help="at most N events, 1 or more (default: 50)")
    p.add_argument("--offset", type=int, default=0, metavar="N",
                   help="skip the first N events, for paging (default: 0)")
    p.add_argument("--sort", default="-date", metavar="KEY",
                   help="date, n_sources, confidence, first_seen, last_seen or id; "
                        "'-' in front for descending (default: -date, newest first)")
    p.add_argument("--format", choices=FORMATS,
                   help="output format (default: table on a terminal, jsonl otherwise)")
    p.add_argument("--count", action="store_true", help="print only the number of matching events")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    flt = filter_from_args(args)
    limit = check_int(args.limit, "limit", 1, 1_000_000)
    offset = check_int(args.offset, "offset", 0)
    sort = check_sort(args.sort)
    with open_store(args.db) as store:
        if args.count:
            print(store.count_events(flt))
            return 0
        events = store.query_events(flt, limit=limit, offset=offset, sort=sort)
        total = store.count_events(flt) if _format(args) == "table" else None
    fmt = _format(args)
    if fmt == "json":
        json.dump(events, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif fmt == "jsonl":
        for ev in events:
            print(json.dumps(ev, ensure_ascii=False))
    else:
        print(format_table(events))
        print(f"({len(events)} of {total} matching events)", file=sys.stderr)
    return 0


def _format(args: argparse.Namespace) -> str:
    return args.format or ("table" if sys.stdout.isatty() else "jsonl")


TABLE_COLUMNS: list[tuple[str, int]] = [
    ("date", 10), ("event", 9), ("actor", 10), ("recipient", 10), ("place", 14), ("src", 3),
    ("sentence", 0),
]


def _cells(ev: dict[str, Any]) -> list[str]:
    loc = ev.get("event_loc") or {}
    place = loc.get("name") or loc.get("country") or ""
    event = ev.get("event") or ""
    if ev.get("aux_mode"):
        event += f" ({ev['aux_mode'][:4]})"
    return [
        ev.get("date") or "", event, _arg(ev.get("actor")), _arg(ev.get("recipient")), place,
        str(ev.get("n_sources", 1)),
        " ".join((ev.get("event_text") or "").split()),
    ]


def _arg(arg: dict[str, Any] | None) -> str:
    """An actor's code, or its words in quotes when it has none."""
    if not arg:
        return ""
    return arg.get("code") or (f'"{arg["text"]}"' if arg.get("text") else "")


def format_table(events: list[dict[str, Any]]) -> str:
    """A fixed-width table, the sentence column cut to the terminal width."""
    width = shutil.get_terminal_size((120, 20)).columns
    widths = [w for _, w in TABLE_COLUMNS]
    for ev in events:
        for i, cell in enumerate(_cells(ev)[:-1]):
            widths[i] = max(widths[i], len(cell))
    used = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(20, width - used)

    def line(cells: list[str]) -> str:
        parts = [c[: widths[i]].ljust(widths[i]) for i, c in enumerate(cells)]
        return "  ".join(parts).rstrip()

    rows = [line([name for name, _ in TABLE_COLUMNS])]
    rows.append(line(["-" * w for w in widths]))
    rows.extend(line(_cells(ev)) for ev in events)
    return "\n".join(rows)
