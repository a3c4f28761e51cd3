"""`cronica export`: stored events as PLOVER JSONL, or a POLECAT-like table (CSV, Parquet).

The columns of the flat table are documented in cronica.export (and docs/schema.md).
Filters are those of ``cronica query``.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace

from cronica.commands.query import add_db_argument, add_filter_arguments, filter_from_args
from cronica.export import FORMATS, export
from cronica.filters import describe_aux
from cronica.store.base import EventFilter, Store
from cronica.store.factory import open_store

DESCRIPTION = """\
Write the stored events that match the filters to a file: PLOVER JSONL (one event per
line, with every report of it), or a flat table (CSV, Parquet) with one row per event
(columns in docs/schema.md). By default only current events are exported: historical,
future, hypothetical and negated events are left out unless --include asks for them;
the summary line says how many were left out."""

EPILOG = """\
examples:
  cronica export --format csv -o events.csv
  cronica export --format parquet -o events.parquet --include all
  cronica export --format plover-jsonl -o - --actor IRQ --type AGREE | head"""




def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export stored events (PLOVER JSONL, CSV, Parquet)",
                       description=DESCRIPTION, epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_db_argument(p)
    p.add_argument("--format", choices=FORMATS, required=True,
                   help="plover-jsonl, csv or parquet (required)")
    p.add_argument("--output", "-o", required=True, metavar="FILE",
                   help="output file ('-' for stdout, except parquet)")
    p.add_argument("--force", action="store_true",
                   help="replace FILE if it exists (without it an existing file is refused)")
    add_filter_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    flt = filter_from_args(args)
    if args.output != "-" and os.path.exists(args.output) and not args.force:
        print(f"cronica export: {args.output} exists; use --force to replace it",
              file=sys.stderr)
        return 2
    try:
        with open_store(args.db) as store:
            n = export(store, args.format, args.output, flt, force=True)
            note = summary(store, flt, n)
    except ValueError as exc:
        print(f"cronica export: {exc}", file=sys.stderr)
        return 2
    if args.output != "-":
        print(f"exported {n} events to {args.output} ({note})",
              file=sys.stderr)
    return 0


def summary(store: Store, flt: EventFilter, n: int) -> str:
    """Which aux modes the export kept, and how many more events --include all would add."""
    said = describe_aux(flt)
    if flt.include_all_aux:
        return said
    hidden = store.count_events(replace(flt, include_all_aux=True)) - n
    if hidden <= 0:
        return said
    return (f"{said}; {hidden} historical, future, hypothetical or negated events left out: "
            "--include all adds them")
