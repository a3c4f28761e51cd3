"""`cronica ingest PATH...`: read, extract and store articles, resumably.

Files, folders, JSONL and stdin ('-') as ``cronica extract`` reads them. Articles already
in the store (same text) are skipped without running the NLP, so running the same
command again after an interruption finishes the job without duplicates. Rejected inputs
are recorded and listed by ``cronica rejected``. Exit status 1 when any was rejected;
2 when the store cannot be used (damaged, newer schema, disk full, read-only): the run
stops with its summary, and running it again goes on where it stopped.
"""

from __future__ import annotations

import argparse
import json
import sys

from cronica.commands.extract import _positive_int, missing_paths
from cronica.commands.query import add_db_argument
from cronica.ingest import Progress, estimate_total, format_summary, ingest
from cronica.read import DEFAULT_MAX_BYTES
from cronica.store.base import resolve_db
from cronica.store.factory import open_store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="extract events from articles into the store",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, or - for stdin")
    add_db_argument(p)
    p.add_argument("--batch-size", type=int, default=32, help="articles per NLP batch")
    p.add_argument("--workers", type=int, default=1, help="worker processes for the NLP")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes, or a Dask cluster (see --scheduler)")
    p.add_argument("--scheduler", metavar="URL",
                   help="Dask scheduler (tcp://HOST:PORT); without it --engine dask starts a "
                        "LocalCluster of --workers processes")
    p.add_argument("--partition-size", type=int, default=256, metavar="N",
                   help="articles per engine partition (and per Parquet file)")
    p.add_argument("--parquet", metavar="DIR",
                   help="also write each partition's events as DIR/events-NNNNNN.parquet")
    p.add_argument("--progress-every", type=float, default=10.0, metavar="SECONDS",
                   help="interval of the progress lines when not on a terminal")
    p.add_argument("--max-bytes", type=_positive_int, default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"reject documents (JSONL: lines) larger than this "
                        f"(default {DEFAULT_MAX_BYTES:,})")
    p.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from cronica.read import read_inputs

    paths = args.paths or ["-"]
    if missing_paths(paths, "ingest"):
        return 2
    progress = Progress(estimate_total(paths), every=args.progress_every)
    try:
        with open_store(args.db) as store:
            summary = ingest(read_inputs(paths, stdin=sys.stdin, max_bytes=args.max_bytes), store,
                             batch_size=args.batch_size, workers=args.workers,
                             engine=args.engine, scheduler=args.scheduler, progress=progress,
                             parquet_dir=args.parquet, partition_size=args.partition_size)
            if hasattr(store, "optimize") and summary.stored and summary.error is None:
                store.optimize()
    finally:
        progress.close()
    print(format_summary(summary) + f"\n  store: {resolve_db(args.db)}", file=sys.stderr)
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
    if summary.error is not None:
        return 2
    return 1 if summary.rejected else 0
