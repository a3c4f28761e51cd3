"""`cronica rejected`: the inputs that ingest set aside, with error code and reason."""

from __future__ import annotations

import argparse
import json
import sys

from cronica.commands.query import add_db_argument
from cronica.store.factory import open_store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rejected", help="list rejected inputs with code and reason",
                       description=__doc__)
    add_db_argument(p)
    p.add_argument("--limit", type=int, default=1000, metavar="N",
                   help="at most N rejections, the latest first")
    p.add_argument("--format", choices=("table", "json", "jsonl"),
                   help="default: table on a terminal, jsonl otherwise")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        rows = store.rejections(limit=args.limit)
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif fmt == "jsonl":
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    else:
        for r in rows:
            seen = f" (x{r['count']})" if r.get("count", 1) > 1 else ""
            print(f"{r['at']}  {r['code']}  {r['origin']}{seen}\n    {r['reason']}")
        print(f"({len(rows)} rejected inputs)", file=sys.stderr)
    return 0
