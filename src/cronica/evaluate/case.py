"""`cronica eval case DIR`: CASE 2021 task 1 (is there a contentious political event?).

``DIR`` holds ``sentences.jsonl`` (``{"id", "sentence", "label"}``) and ``documents.jsonl``
(``{"id", "text", "label"}``); label 1 means the text reports a contentious political event,
past or ongoing: protests, strikes, marches, blockades, riots and political violence.

A text is predicted positive from the pipeline's text-level ``contentious`` score (>= 0.5,
the learned layer of :mod:`cronica.stages.events.learned`) when it gives one; otherwise, or
with ``--events-only``, when the pipeline finds at least one event of a
:data:`POSITIVE_TYPES` type whose auxiliary mode is none or historical (CASE counts events
that happened or are happening: a threatened, planned, hypothetical or denied protest is
not one). Why these types, from the CASE definition and the PLOVER manual:

- PROTEST: demonstrations, strikes, marches, blockades, boycotts, riots (PLOVER's modes
  demo, strike, obstruct, riot ...);
- MOBILIZE: the AFP protest gold codes street mobilisations as MOBILIZE, so the lexicon
  still yields it for 'movilización';
- ASSAULT: attacks, bombings, killings and abductions (political violence, terrorism);
- FIGHT: armed clashes between organised forces.

COERCE (arrests, sanctions), THREATEN and the verbal types are not contentious events in
CASE's sense. Scores: P/R/F1 of the positive class and macro F1 (the mean F1 of both
classes, CASE's official measure), for the *fit* and *check* parts of
:mod:`cronica.evaluate.split` (keyed on the record id) and for both together.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cronica.evaluate.split import PARTS, part_of
from cronica.stages.events.learned import EMBED_ENV, NO_LEARNED_ENV

POSITIVE_TYPES = frozenset({"PROTEST", "MOBILIZE", "ASSAULT", "FIGHT"})
# auxiliary modes of events that did not (yet) happen: not counted as CASE events
UNREAL_MODES = frozenset({"negation", "future", "hypothetical"})
SCORED_STAGES: tuple[str, ...] = ("actors", "events")
LEVELS = (("sentences", "sentence"), ("documents", "text"))


def binary_scores(pairs: Iterable[tuple[int, int]]) -> dict[str, float | int]:
    """P/R/F1 of the positive class, F1 of the negative one and their mean (macro F1)
    from (gold, predicted) label pairs."""
    tp = fp = fn = tn = 0
    for gold, pred in pairs:
        tp += gold and pred
        fp += pred and not gold
        fn += gold and not pred
        tn += not gold and not pred
    pos = _prf(tp, fp, fn)
    neg = _prf(tn, fn, fp)
    return {
        "n": tp + fp + fn + tn,
        "positives": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": pos[0],
        "recall": pos[1],
        "f1": pos[2],
        "f1_negative": neg[2],
        "macro_f1": round((pos[2] + neg[2]) / 2, 4),
    }


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def is_positive(events: Sequence[dict[str, Any]]) -> bool:
    """Whether a pipeline result's events include a contentious event that happened."""
    return any(
        e.get("event") in POSITIVE_TYPES and e.get("aux_mode") not in UNREAL_MODES for e in events
    )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def predict(
    texts: list[str], lang: str | None, full: bool = False, events_only: bool = False
) -> list[int]:
    """1/0 per text: the pipeline's ``contentious`` decision where it gives one (the
    learned layer's, :mod:`cronica.stages.events.learned`), else (or with ``events_only``)
    whether it finds a contentious event that happened."""
    from cronica.errors import Rejection
    from cronica.model import Article
    from cronica.pipeline import Pipeline, default_stages
    from cronica.resources import SUPPORTED_LANGS

    stages = None
    if not full:
        langs = [lang] if lang else list(SUPPORTED_LANGS)
        stages = {
            code: [s for s in default_stages(code) if s.name in SCORED_STAGES] for code in langs
        }
    pipeline = Pipeline(stages=stages)
    articles = [
        Article(id=str(n), text=t, lang=lang, origin=f"record {n + 1}") for n, t in enumerate(texts)
    ]
    out = []
    for res in pipeline.pipe(articles):
        if isinstance(res, Rejection):
            out.append(0)
        elif res.contentious is not None and not events_only:
            out.append(int(res.contentious >= 0.5))
        else:
            out.append(int(is_positive(res.to_dict()["events"])))
    return out


def evaluate(
    records: list[dict[str, Any]], preds: list[int], part: str = "all"
) -> dict[str, dict[str, float | int]]:
    """Scores per part ('fit', 'check' and 'all', or just the one asked for)."""
    keyed = [
        (part_of(str(r["id"])), int(r["label"]), p) for r, p in zip(records, preds, strict=True)
    ]
    out = {}
    for name in (*PARTS, "all") if part == "all" else (part,):
        out[name] = binary_scores((g, p) for k, g, p in keyed if name in ("all", k))
    return out


# -- command ---------------------------------------------------------------
def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="CASE directory with sentences.jsonl and/or documents.jsonl")
    p.add_argument("--lang", default="es", help="language of the texts (default es)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--level",
        choices=("sentences", "documents", "both"),
        default="both",
        help="which file to score (default both)",
    )
    p.add_argument(
        "--part",
        choices=("fit", "check", "all"),
        default="all",
        help="score one part of the fixed fit/check split (default all: both side by side)",
    )
    p.add_argument("--limit", type=int, default=None, metavar="N", help="first N records only")
    p.add_argument("--full", action="store_true", help="run every stage (default actors+events)")
    p.add_argument(
        "--no-learned",
        action="store_true",
        help="switch the learned event layer off (the lexicon and syntax alone), for ablations",
    )
    p.add_argument(
        "--embed",
        action="store_true",
        help="short texts: also read a multilingual-e5-small embedding (needs the 'embed' "
        "extra; about 45 ms of CPU a sentence; same as CRONICA_EMBED=1)",
    )
    p.add_argument(
        "--events-only",
        action="store_true",
        help="decide from the events alone, not the text-level 'contentious' score",
    )


def run(args: argparse.Namespace) -> int:
    from cronica.evaluate.split import select

    base = Path(args.path)
    if args.no_learned:
        os.environ[NO_LEARNED_ENV] = "1"
    if args.embed:
        os.environ[EMBED_ENV] = "1"
    result: dict[str, Any] = {
        "positive_types": sorted(POSITIVE_TYPES),
        "part": args.part,
        "decision": "events" if args.events_only else "contentious score, else events",
    }
    for level, field in LEVELS:
        if args.level not in (level, "both"):
            continue
        path = base / f"{level}.jsonl"
        if not path.exists():
            continue
        try:
            records = read_jsonl(path)
        except (OSError, json.JSONDecodeError) as exc:
            print(f"cronica eval case: cannot read {path}: {exc}", file=sys.stderr)
            return 2
        records = select(records, lambda r: str(r["id"]), args.part)[: args.limit]
        texts = [r.get(field) or "" for r in records]
        preds = predict(texts, args.lang, args.full, args.events_only)
        result[level] = evaluate(records, preds, args.part)
    if len(result) == 3:
        print(
            f"cronica eval case: no sentences.jsonl or documents.jsonl in {base}", file=sys.stderr
        )
        return 2
    print(json.dumps(result, indent=2) if args.json else format_report(result, args.path))
    return 0


def format_report(result: dict[str, Any], path: str) -> str:
    lines = [
        f"case: {path}; positive = an event of {', '.join(result['positive_types'])}"
        f" (aux mode none or historical); decision: {result['decision']}",
        f"{'level':<10} {'part':<6} {'n':>5} {'pos':>4} {'P':>6} {'R':>6} {'F1':>6}"
        f" {'F1 neg':>7} {'macro':>6}",
    ]
    for level, _ in LEVELS:
        for part, s in result.get(level, {}).items():
            lines.append(
                f"{level:<10} {part:<6} {s['n']:>5} {s['positives']:>4} {s['precision']:>6.3f}"
                f" {s['recall']:>6.3f} {s['f1']:>6.3f} {s['f1_negative']:>7.3f}"
                f" {s['macro_f1']:>6.3f}"
            )
    return "\n".join(lines)
