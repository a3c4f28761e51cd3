"""The ``cronica`` command: a thin layer over the library.

Each subcommand lives in ``cronica/commands/<name>.py`` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` (args -> exit status).
Exit status: 0 all good; 1 some inputs were rejected; 2 usage error or fatal failure.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import re
import sys
from collections.abc import Sequence

from cronica import __version__
from cronica.errors import OutputError, StoreError
from cronica.filters import FilterError

COMMANDS: tuple[str, ...] = ("extract", "ingest", "query", "export", "rejected", "serve", "eval", "bench")


EXAMPLES: dict[str, list[str]] = {
    "extract": ["cronica extract examples/seed/article.txt",
                "cronica extract examples/articles/ --format jsonl -o out/events.jsonl",
                "echo 'El gobierno de Perú firmó un acuerdo con Chile.' | "
                "cronica extract --lang es --date 2025-01-10"],
    "ingest": ["cronica ingest examples/articles/",
               "cronica ingest news.jsonl --db postgresql://USER@HOST/cronica --workers 2"],
    "rejected": ["cronica rejected", "cronica rejected --format jsonl --limit 20"],
    "serve": ["cronica serve   # then open http://127.0.0.1:8000",
              "CRONICA_TOKEN=secret cronica serve --port 8080"],
    "eval": ["cronica eval events $CRONICA_EVAL_DIR/events_es_fight.jsonl --part check",
             "cronica eval dates $CRONICA_EVAL_DIR/timex_es_hourglass"],
    "bench": ["cronica bench examples/articles/ --runs 1",
              "cronica bench --synthetic 200 --processes 2"],
}
_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")  # Sphinx roles in docstrings: :meth:`Pipeline.pipe`


def plain(text: str | None) -> str | None:
    """Docstring markup out of a help text: ':meth:`X.y`' -> 'X.y', '``x``' -> 'x'."""
    if not text:
        return text
    return _ROLE.sub(lambda m: m[1].rsplit(".", 1)[-1] if m[1][0] == "~" else m[1],
                     text).replace("``", "'")


def _polish(name: str, p: argparse.ArgumentParser) -> None:
    """Plain help texts, defaults stated, examples at the end (every subcommand alike)."""
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.description = plain(p.description)
    # also after the command ('cronica ingest --verbose'); its own name, or the command's
    # default would undo a '-v' given before the command
    p.add_argument("-v", "--verbose", dest="command_verbose", action="store_true",
                   help="log progress and debug details (Dask's own log included)")
    if not p.epilog and name in EXAMPLES:
        p.epilog = "examples:\n" + "\n".join(f"  {line}" for line in EXAMPLES[name])
    for action in p._actions:
        if not action.option_strings or action.help == argparse.SUPPRESS:
            continue
        action.help = plain(action.help) or ""
        default = action.default
        if (action.nargs != 0 and default not in (None, False, [], argparse.SUPPRESS)
                and "default" not in action.help.lower()):
            action.help += f" (default: {default})"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cronica", description="Political event data (PLOVER 2.0) from news articles.",
        epilog="examples:\n"
               "  cronica ingest examples/articles/          # store the example articles\n"
               "  cronica query --actor IRQ --type AGREE     # and look at them\n"
               "  cronica serve                              # the dashboard\n"
               "'cronica COMMAND --help' lists a command's options, defaults and examples.\n"
               "Exit status: 0 all processed, 1 some inputs rejected, 2 usage error or an "
               "unusable store.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cronica {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and debug details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"cronica.commands.{name}")
        module.register(sub)
        _polish(name, sub.choices[name])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose or getattr(args, "command_verbose", False)
        else logging.WARNING,
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
    except FilterError as err:  # a filter value cronica cannot use: says what is valid
        print(f"cronica {args.command}: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
