"""`cronica query`: stored events matching filters, as a table on a terminal, JSON otherwise.

The filter options are shared with ``cronica export`` (:func:`add_filter_arguments`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from typing import Any

from cronica.model import AUX_MODES
from cronica.store.base import EventFilter, open_store

FORMATS: tuple[str, ...] = ("table", "json", "jsonl")


def _split(values: list[str] | None) -> list[str]:
    """Repeatable options that also take comma lists: --type AGREE --type ACCUSE,REJECT."""
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def add_db_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="store: a SQLite file or a postgresql:// URL "
                                "(default: $CRONICA_DB or data/cronica.db)")


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--from", dest="date_from", metavar="DATE", help="from this ISO date (inclusive)")
    g.add_argument("--to", dest="date_to", metavar="DATE",
                   help="up to this ISO date or prefix (inclusive: --to 2024-01 includes January)")
    g.add_argument("--type", action="append", metavar="TYPE",
                   help="PLOVER event type; repeat or comma-separate for several")
    g.add_argument("--mode", action="append", metavar="MODE", help="PLOVER mode (repeatable)")
    g.add_argument("--actor", metavar="CODE", help="actor code prefix: IRQ matches IRQGOV")
    g.add_argument("--recipient", metavar="CODE", help="recipient code prefix")
    g.add_argument("--country", metavar="ISO3",
                   help="actor's, recipient's or place's country (ISO 3166 alpha-3)")
    g.add_argument("--place", help="place name (case-insensitive substring)")
    g.add_argument("--source", help="publisher or cited source (substring)")
    g.add_argument("--text", help="words in the evidence sentence (substring)")
    g.add_argument("--min-sources", type=int, default=1, metavar="N",
                   help="only events reported by at least N articles")
    g.add_argument("--include", action="append", metavar="AUX",
                   help=f"also include events that are {', '.join(AUX_MODES)} "
                        "(comma list; default: current events only)")
    g.add_argument("--include-all", action="store_true", help="include every aux mode")
    g.add_argument("--article", dest="article_id", metavar="ID",
                   help="only events reported by this article")


def filter_from_args(args: argparse.Namespace) -> EventFilter:
    aux = _split(args.include)
    unknown = [a for a in aux if a not in AUX_MODES]
    if unknown:
        raise SystemExit(f"cronica: unknown --include value(s) {', '.join(unknown)}; "
                         f"choose from {', '.join(AUX_MODES)}")
    return EventFilter(
        date_from=args.date_from, date_to=args.date_to, types=[t.upper() for t in _split(args.type)],
        modes=_split(args.mode), actor=args.actor, recipient=args.recipient, country=args.country,
        place=args.place, source=args.source, text=args.text, min_sources=args.min_sources,
        aux_modes=aux, include_all_aux=args.include_all, article_id=args.article_id,
    )


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help="list stored events matching filters",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_db_argument(p)
    add_filter_arguments(p)
    p.add_argument("--limit", type=int, default=50, help="at most this many events (default 50)")
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--sort", default="-date",
                   help="date, n_sources, confidence, first_seen, last_seen or id; "
                        "'-' in front for descending (default -date)")
    p.add_argument("--format", choices=FORMATS,
                   help="output format (default: table on a terminal, jsonl otherwise)")
    p.add_argument("--count", action="store_true", help="print only the number of matching events")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    flt = filter_from_args(args)
    with open_store(args.db) as store:
        if args.count:
            print(store.count_events(flt))
            return 0
        try:
            events = store.query_events(flt, limit=args.limit, offset=args.offset, sort=args.sort)
        except ValueError as exc:
            print(f"cronica query: {exc}", file=sys.stderr)
            return 2
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
        ev.get("date") or "", event, (ev.get("actor") or {}).get("code") or "",
        (ev.get("recipient") or {}).get("code") or "", place, str(ev.get("n_sources", 1)),
        " ".join((ev.get("event_text") or "").split()),
    ]


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
