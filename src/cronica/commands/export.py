"""`cronica export`: stored events as PLOVER JSONL, or a POLECAT-like table (CSV, Parquet).

The columns of the flat table are documented in :mod:`cronica.export` (and docs/schema.md).
Filters are those of ``cronica query``.
"""

from __future__ import annotations

import argparse
import os
import sys

from cronica.commands.query import add_db_argument, add_filter_arguments, filter_from_args
from cronica.export import FORMATS, export
from cronica.store.base import open_store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export stored events (PLOVER JSONL, CSV, Parquet)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_db_argument(p)
    p.add_argument("--format", choices=FORMATS, required=True)
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
    except ValueError as exc:
        print(f"cronica export: {exc}", file=sys.stderr)
        return 2
    if args.output != "-":
        print(f"exported {n} events to {args.output}", file=sys.stderr)
    return 0
