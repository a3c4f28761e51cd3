"""`cronica extract [PATH ...]`: articles in, PLOVER events (and their evidence) out.

Reads text, HTML, JSONL, folders or stdin, extracts the events of each article (in
batches) and writes one result per article, in input order, as a JSON list or as
JSONL. Rejected inputs go to stderr, one line each, and are counted in a summary line. Exit status: 0 all processed, 1 some rejected, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

from cronica.errors import Rejection
from cronica.export import atomic_output
from cronica.model import Article, ArticleDoc
from cronica.read import DEFAULT_MAX_BYTES, normalize_date, read_inputs
from cronica.resources import SUPPORTED_LANGS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="extract PLOVER events from articles (text, HTML, JSONL, folders, stdin)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders; '-' or nothing reads stdin"
    )
    p.add_argument(
        "--lang",
        choices=SUPPORTED_LANGS,
        help="language of inputs that do not state one (skips detection for them)",
    )
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="publication date of inputs that do not state one (anchors 'ayer', 'el jueves')",
    )
    p.add_argument(
        "--format",
        dest="out_format",
        choices=("json", "jsonl"),
        default=None,
        help="output: a JSON list (default) or one JSON object per line "
        "(default jsonl when --output ends in .jsonl)",
    )
    p.add_argument(
        "--input-format",
        choices=("auto", "text", "html", "jsonl"),
        default="auto",
        help="force the input format instead of deciding by extension/content",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument(
        "--batch-size",
        type=_positive_int,
        default=32,
        metavar="N",
        help="articles per spaCy batch (default 32)",
    )
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="a progress bar on stderr (default: shown when stderr is a terminal)")
    p.add_argument(
        "--max-bytes",
        type=_positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"reject documents larger than this (default {DEFAULT_MAX_BYTES:,})",
    )
    p.set_defaults(func=run)


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return n


def run(args: argparse.Namespace, pipeline: Any = None) -> int:
    """Run the command; ``pipeline`` may be handed in (tests, embedding)."""
    date = None
    if args.date:
        date = normalize_date(args.date)
        if not date or len(date) != 10 or date[4] != "-":
            print(
                f"cronica extract: --date {args.date!r} is not a date (YYYY-MM-DD)", file=sys.stderr
            )
            return 2
    if not args.paths and sys.stdin is not None and sys.stdin.isatty():
        print(
            "cronica extract: no PATH given and stdin is a terminal "
            "(give files, or pipe text/JSONL in)",
            file=sys.stderr,
        )
        return 2
    if missing_paths(args.paths, "extract"):
        return 2
    out_format = args.out_format or ("jsonl" if (args.output or "").endswith(".jsonl") else "json")
    if pipeline is None:
        from cronica.pipeline import Pipeline

        pipeline = Pipeline()

    articles = with_defaults(
        # the output file may sit in a folder being read: it is never an input
        read_inputs(
            args.paths,
            fmt=args.input_format,
            max_bytes=args.max_bytes,
            skip=[args.output] if args.output else [],
        ),
        lang=args.lang,
        date=date,
    )
    results = pipeline.pipe(articles, batch_size=args.batch_size)
    if show_progress(getattr(args, "progress", None)):
        from tqdm import tqdm

        results = tqdm(results, desc="extract", unit=" articles", file=sys.stderr)
    # written to a temporary file renamed at the end: a crash, kill or full disk never
    # leaves a half-written file under the name (an OutputError is exit status 2)
    with atomic_output(args.output or "-") as out:
        processed, rejected = write_results(results, out, out_format)
    if args.output and processed == 0 and rejected:
        os.unlink(args.output)  # no events file for inputs that were all rejected
    print(f"cronica extract: {processed} processed, {rejected} rejected", file=sys.stderr)
    return 1 if rejected else 0


def missing_paths(paths: list[str], command: str) -> list[str]:
    """Named paths that do not exist: a usage error (exit status 2, nothing written or
    stored), not a rejected document. Says so on stderr."""
    missing = [p for p in paths if p != "-" and not os.path.exists(p)]
    for p in missing:
        print(f"cronica {command}: [E009] {p}: no such file or folder", file=sys.stderr)
    return missing


def show_progress(asked: bool | None) -> bool:
    """--progress / --no-progress, else a bar exactly when a person watches stderr."""
    if asked is not None:
        return asked
    return bool(sys.stderr is not None and sys.stderr.isatty())


def with_defaults(
    items: Iterable[Article | Rejection], lang: str | None = None, date: str | None = None
) -> Iterator[Article | Rejection]:
    """Fill in language and date where an input does not state them; metadata wins."""
    for item in items:
        if isinstance(item, Article):
            if lang and not item.lang:
                item.lang = lang
            if date and not item.date:
                item.date = date
        yield item


def write_results(
    results: Iterable[ArticleDoc | Rejection], out: IO[str], out_format: str
) -> tuple[int, int]:
    """Write results as they come (nothing is held in memory); (processed, rejected)."""
    processed = rejected = 0
    if out_format == "json":
        out.write("[")
    for res in results:
        if isinstance(res, Rejection):
            rejected += 1
            print(f"rejected: {res.reason}", file=sys.stderr)
            continue
        record = res.to_dict()
        if out_format == "json":
            out.write(",\n" if processed else "\n")
            out.write(_indent(json.dumps(record, ensure_ascii=False, indent=2)))
        else:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        processed += 1
        out.flush()
    if out_format == "json":
        out.write("\n]\n" if processed else "]\n")
    return processed, rejected


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())
