"""`cronica eval modes DIR`: the aux-mode grammar checked on TimeBank EVENT attributes.

Each ``*.tml`` file (TempEval-3 TimeML) gives EVENT spans and, on their MAKEINSTANCE,
``tense``, ``polarity`` and ``modality``. The text is parsed (English model) and cronica's
aux-mode reading (:func:`cronica.stages.events.modes.explain_aux`, the same code the events
stage runs on its triggers) is applied to the head word of every gold EVENT, PLOVER or not.
Gold -> aux mode:

- polarity NEG -> 'negation';
- a modality other than 'none' (would, could, may, can, might, must, should ...) ->
  'hypothetical';
- tense FUTURE -> 'future'.

When several hold, the guidelines' widest-scope order decides the one expected (negation,
then hypothetical, then future), as cronica returns one mode. Scores: P/R/F1 per mode over
all gold events, and accuracy over the four classes (none included). Files are split
*fit* / *check* with :mod:`cronica.evaluate.split` on the file name; both are reported.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cronica.evaluate.split import PARTS, part_of

MODES = ("negation", "hypothetical", "future")
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')


@dataclass
class GoldEvent:
    start: int
    end: int
    mode: str | None  # expected aux mode, None for none


def expected_mode(attrs: dict[str, str]) -> str | None:
    """The aux mode the TimeBank attributes call for (widest scope first)."""
    if attrs.get("polarity", "POS").upper() == "NEG":
        return "negation"
    if attrs.get("modality", "none").strip().lower() not in ("", "none"):
        return "hypothetical"
    if attrs.get("tense", "").upper() == "FUTURE":
        return "future"
    return None


def read_tml(source: str) -> tuple[str, list[GoldEvent]]:
    """Plain text of the TEXT element and its EVENTs with their expected modes."""
    instances: dict[str, dict[str, str]] = {}
    for m in re.finditer(r"<MAKEINSTANCE\b([^>]*)>", source):
        attrs = dict(_ATTR.findall(m.group(1)))
        instances.setdefault(attrs.get("eventID", ""), attrs)
    body = re.search(r"<TEXT>(.*?)</TEXT>", source, re.S)
    raw = body.group(1) if body else source
    parts: list[str] = []
    length, pos = 0, 0
    opened: tuple[int, str] | None = None
    events: list[GoldEvent] = []
    for m in _TAG.finditer(raw):
        chunk = html.unescape(raw[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "EVENT":
            continue
        if m.group(1) != "/":
            opened = (length, dict(_ATTR.findall(m.group(3))).get("eid", ""))
        elif opened is not None:
            start, eid = opened
            opened = None
            if eid in instances:
                events.append(GoldEvent(start, length, expected_mode(instances[eid])))
    parts.append(html.unescape(raw[pos:]))
    return "".join(parts), events


def score(gold: Iterable[GoldEvent], pred: Iterable[str | None]) -> Counter:
    c: Counter = Counter()
    for g, p in zip(gold, pred, strict=True):
        c["total"] += 1
        c["correct"] += g.mode == p
        c[f"gold:{g.mode}"] += 1
        c[f"pred:{p}"] += 1
        c[f"hit:{g.mode}"] += g.mode == p
        c[f"conf:{g.mode}:{p}"] += 1
    return c


def summarise(c: Counter) -> dict[str, Any]:
    def prf(mode: str) -> dict[str, float | int | None]:
        tp, g, p = c[f"hit:{mode}"], c[f"gold:{mode}"], c[f"pred:{mode}"]
        prec = tp / p if p else None
        rec = tp / g if g else None
        f1 = 2 * prec * rec / (prec + rec) if prec and rec else 0.0
        return {"precision": None if prec is None else round(prec, 4),
                "recall": None if rec is None else round(rec, 4), "f1": round(f1, 4),
                "gold": g, "pred": p, "tp": tp}

    labels = (*MODES, None)
    return {
        "events": c["total"],
        "accuracy": round(c["correct"] / c["total"], 4) if c["total"] else None,
        "modes": {m: prf(m) for m in MODES},
        "confusion": {str(g): {str(p): c[f"conf:{g}:{p}"] for p in labels} for g in labels},
    }


def predict_modes(nlp: Any, text: str, events: list[GoldEvent]) -> list[str | None]:
    """cronica's aux mode at the head word of each gold event span."""
    from cronica.stages.events.coder import EventCoder
    from cronica.stages.events.modes import explain_aux

    coder = _coder(EventCoder)
    doc = nlp(text)
    out: list[str | None] = []
    for e in events:
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None or not len(span):
            out.append(None)
            continue
        found = explain_aux(doc, span.root.i, coder.cues, coder.speech, None)
        out.append(found[0] if found and found[0] in MODES else None)
    return out


_CODERS: dict[str, Any] = {}


def _coder(cls: Any) -> Any:
    if "en" not in _CODERS:
        _CODERS["en"] = cls("en")
    return _CODERS["en"]


def evaluate_dir(path: str | Path, limit: int | None = None) -> dict[str, Any]:
    from cronica.stages.nlp.models import load_nlp

    nlp = load_nlp("en")
    counts: dict[str, Counter] = {p: Counter() for p in PARTS}
    for f in sorted(Path(path).glob("*.tml"))[:limit]:
        text, events = read_tml(f.read_text(encoding="utf-8"))
        counts[part_of(f.stem)].update(score(events, predict_modes(nlp, text, events)))
    res = {p: summarise(c) for p, c in counts.items()}
    res["all"] = summarise(counts["fit"] + counts["check"])
    return res


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="DIR", help="folder of TimeML .tml files with EVENT/MAKEINSTANCE")
    p.add_argument("--part", choices=("fit", "check", "all"), default=None,
                   help="report one part only (default: fit, check and all)")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N files")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace) -> int:
    if not Path(args.path).is_dir():
        print(f"cronica eval modes: not a folder: {args.path}", file=sys.stderr)
        return 2
    res = evaluate_dir(args.path, args.limit)
    if args.part:
        res = {args.part: res[args.part]}
    print(json.dumps(res, indent=2) if args.json else format_report(res, args.path))
    return 0


def format_report(res: dict[str, Any], path: str) -> str:
    parts = [p for p in ("fit", "check", "all") if p in res]

    def f(x: float | None) -> str:
        return "  n/a" if x is None else f"{x:.3f}"

    lines = [f"aux modes on TimeBank EVENT attributes: {path}",
             f"{'':<22}" + "".join(f"{p:>24}" for p in parts),
             f"{'events':<22}" + "".join(f"{res[p]['events']:>24}" for p in parts),
             f"{'accuracy (4 classes)':<22}" + "".join(f"{f(res[p]['accuracy']):>24}" for p in parts)]
    for m in MODES:
        cells = []
        for p in parts:
            r = res[p]["modes"][m]
            cells.append(f"P {f(r['precision'])} R {f(r['recall'])} ({r['gold']})")
        lines.append(f"{m:<22}" + "".join(f"{c:>24}" for c in cells))
    return "\n".join(lines)
