"""`cronica bench [PATH ...]`: speed and memory of the pipeline beside bare spaCy.

With no PATH and no --synthetic, the corpus is the texts of the shared evaluation data
(events_*.jsonl records and brat_es_afp/*.txt articles), read in place from --eval-dir
or $CRONICA_EVAL_DIR (default: the nearest ``shared/eval`` folder above the current one).
Reports articles/s, sentences/s, words/s and peak RSS per process, for 1 process and for
--processes N, and the ratio of full pipeline time to bare spaCy time. See cronica.bench
for how each figure is taken.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from cronica.commands.extract import _positive_int


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bench",
        help="throughput and memory of the pipeline vs bare spaCy",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (text, HTML, JSONL)")
    p.add_argument(
        "--processes",
        type=_positive_int,
        default=None,
        metavar="N",
        help="also measure N worker processes (default: the number of CPUs)",
    )
    p.add_argument(
        "--runs", type=_positive_int, default=3, help="timed runs; the median is reported"
    )
    p.add_argument(
        "--limit",
        type=_positive_int,
        default=None,
        metavar="N",
        help="only the first N articles of the corpus",
    )
    p.add_argument(
        "--synthetic",
        type=_positive_int,
        default=None,
        metavar="N",
        help="add N synthetic articles (cronica.synth, seeded)",
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the synthetic articles")
    p.add_argument("--eval-dir", default=None, help="the evaluation data folder (default corpus)")
    p.add_argument("--batch-size", type=_positive_int, default=32, metavar="N",
                   help="articles per spaCy batch")
    p.add_argument(
        "--warmup",
        type=_positive_int,
        default=8,
        metavar="N",
        help="untimed warm-up articles per language (default 8)",
    )
    p.add_argument(
        "--threads",
        type=_positive_int,
        default=None,
        metavar="N",
        help="BLAS threads per process (default: library default for 1 process, "
        "1 per process with several)",
    )
    p.add_argument(
        "--in-process",
        action="store_true",
        help="one process only, this one (debugging: RSS includes the caller)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from cronica.bench import (
        Corpus,
        default_eval_dir,
        eval_corpus,
        format_report,
        path_corpus,
        run_benchmark,
        synthetic_corpus,
    )

    parts: list[Corpus] = []
    if args.paths:
        parts.append(path_corpus(args.paths))
    if args.synthetic:
        parts.append(synthetic_corpus(args.synthetic, seed=args.seed))
    if not parts:
        eval_dir = args.eval_dir or default_eval_dir()
        if eval_dir is None:
            print(
                "cronica bench: no PATH given and no evaluation folder found "
                "(use --eval-dir, $CRONICA_EVAL_DIR or --synthetic N)",
                file=sys.stderr,
            )
            return 2
        try:
            parts.append(eval_corpus(eval_dir))
        except FileNotFoundError as exc:
            print(f"cronica bench: {exc}", file=sys.stderr)
            return 2
    corpus = Corpus(
        " + ".join(c.name for c in parts),
        [a for c in parts for a in c.articles],
        [r for c in parts for r in c.rejected],
    )
    if args.limit:
        corpus.articles = corpus.articles[: args.limit]
    for rej in corpus.rejected:
        print(f"rejected: {rej.reason}", file=sys.stderr)
    if not corpus.articles:
        print(f"cronica bench: no articles to measure in {corpus.name}", file=sys.stderr)
        return 2
    n = args.processes if args.processes is not None else (os.cpu_count() or 1)
    processes = [1] if n == 1 or args.in_process else [1, n]
    report = run_benchmark(
        corpus,
        processes=processes,
        runs=args.runs,
        batch_size=args.batch_size,
        warmup=args.warmup,
        threads=args.threads,
        in_process=args.in_process,
    )
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0
