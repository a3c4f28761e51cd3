"""`cronica eval KIND ...`: score cronica on gold data in standard formats.

Each kind lives in cronica/evaluate/<kind>.py (add_arguments and run).
"""

from __future__ import annotations

import argparse
import importlib

DESCRIPTION = """\
Score cronica on human-annotated gold data (not shipped: see the README, 'Evaluation
data'). KIND is one of: events, actors, dates, geo, ner, brat; 'cronica eval KIND --help'
lists its options. Point $CRONICA_EVAL_DIR at the folder holding the gold files."""

KINDS: dict[str, str] = {
    "events": "event types, modes and actor codes on the normalised event JSONL gold",
    "brat": "BRAT-annotated articles: triggers, sources, targets, locations",
    "ner": "CoNLL-2002 named entities",
    "dates": "TimeML TIMEX3 values (TempEval-3 style)",
    "geo": "geoparsing XML (Acc@161) and ACLED place CSV (Acc@25/161)",
    "actors": "actor code accuracy (country, sector) on the event JSONL gold",
    "acled": "ACLED notes: event type, date, place, fatalities, actor country (fit/check)",
    "attribution": "quotes, reporting sources, dates and aux modes on the attribution JSONL gold",
    "modes": "aux-mode grammar on TimeBank EVENT attributes (tense, modality, polarity)",
    "case": "CASE 2021 contentious-event sentences and articles (positive class, macro F1)",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="score cronica on gold data", description=DESCRIPTION)
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, help_text in KINDS.items():
        module = importlib.import_module(f"cronica.evaluate.{kind}")
        kp = kinds.add_parser(kind, help=help_text, description=help_text)
        module.add_arguments(kp)
        kp.set_defaults(func=module.run)
