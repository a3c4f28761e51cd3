"""The ``cronica`` command: a thin layer over the library.

Each subcommand lives in ``cronica/commands/<name>.py`` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` (args -> exit status).
Exit status: 0 all good; 1 some inputs were rejected; 2 usage error or fatal failure.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from cronica import __version__
from cronica.errors import OutputError, StoreError
from cronica.filters import FilterError

COMMANDS: tuple[str, ...] = ("extract", "ingest", "query", "export", "rejected", "serve", "eval", "bench")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cronica", description="Political event data (PLOVER 2.0) from news articles."
    )
    parser.add_argument("--version", action="version", version=f"cronica {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and debug details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"cronica.commands.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except (StoreError, OutputError) as err:
        # the store or an output as a whole is unusable: a coded message, never a traceback
        print(f"cronica {args.command}: {err.message}", file=sys.stderr)
        return 2
    except FilterError as exc:
        print(f"cronica {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
