"""`cronica eval dates DIR`: score time expressions on TimeML (TIMEX3) gold, TempEval-3 style.

Each ``*.tml`` file is read as plain text plus its TIMEX3 spans; cronica's
:func:`cronica.stages.time.resolver.find_dates` runs on the text, anchored to the document creation time
(the DCT element, or a TIMEX3 with ``functionInDocument="CREATION_TIME"``; without one,
``--anchor``, default 2019-12-20, the HourGlass corpus convention).

Scored on gold TIMEX3 of type DATE only:
- extraction: precision/recall/F1 with strict (same offsets) and relaxed (overlap) matching;
- value accuracy over relaxed matches: strict (same value string) and relaxed (the
  predicted value, cut to the gold's length, equals the gold: '2019-12-20' for gold '2019-12').
``--nlp`` scores the 'time' stage instead (spaCy parse: verb tense, counted numbers;
PRESENT_REF-like words are not dates there, so they are not predicted).
Gold DURATION, SET and TIME expressions are counted and reported apart; a prediction that
overlaps one of them is neither a true nor a false positive (cronica does not type them).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cronica.evaluate.split import split

DEFAULT_ANCHOR = "2019-12-20"  # HourGlass: every text is anchored to this date
SCORED_TYPE = "DATE"

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')


@dataclass
class Timex:
    """A gold TIMEX3: offsets into the plain text of the TEXT element."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDoc:
    name: str
    text: str
    timexes: list[Timex]
    dct: str | None


@dataclass
class Counts:
    """Tallies for one language (or one file); see :func:`score_doc`."""

    gold: int = 0
    pred: int = 0
    strict_tp: int = 0
    relaxed_tp_gold: int = 0  # gold DATEs overlapped by some prediction
    relaxed_tp_pred: int = 0  # predictions overlapping some gold DATE
    matched: int = 0  # gold-prediction pairs scored for value
    value_strict: int = 0
    value_relaxed: int = 0
    other_types: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in ("gold", "pred", "strict_tp", "relaxed_tp_gold", "relaxed_tp_pred",
                     "matched", "value_strict", "value_relaxed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for k, v in other.other_types.items():
            self.other_types[k] = self.other_types.get(k, 0) + v
        self.errors.extend(other.errors)

    def report(self) -> dict[str, object]:
        def prf(tp_p: int, tp_g: int) -> dict[str, float]:
            p = tp_p / self.pred if self.pred else 0.0
            r = tp_g / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

        m = self.matched
        return {
            "gold_dates": self.gold, "predicted": self.pred,
            "strict": prf(self.strict_tp, self.strict_tp),
            "relaxed": prf(self.relaxed_tp_pred, self.relaxed_tp_gold),
            "value_matched": m,
            "value_accuracy_strict": round(self.value_strict / m, 4) if m else 0.0,
            "value_accuracy_relaxed": round(self.value_relaxed / m, 4) if m else 0.0,
            "other_types_excluded": dict(sorted(self.other_types.items())),
        }


def parse_timeml(source: str, name: str = "") -> TimeMLDoc:
    """Plain text of the TEXT element and its TIMEX3 annotations; the DCT value if any."""
    dct = None
    for m in re.finditer(r"<TIMEX3\b([^>]*)>", source):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            dct = attrs.get("value")
            break
    body = re.search(r"<TEXT>(.*?)</TEXT>", source, re.S)
    raw = body.group(1) if body else source
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[Timex] = []
    pos = 0
    for m in _TAG.finditer(raw):
        chunk = html.unescape(raw[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, tag = m.group(1) == "/", m.group(2)
        if tag != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            open_timex = None
            timexes.append(Timex(start, length, "", attrs.get("type", ""), attrs.get("value", "")))
    parts.append(html.unescape(raw[pos:]))
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start:t.end]
    return TimeMLDoc(name, text, timexes, dct)


def value_correct(pred: str | None, gold: str, relaxed: bool = False) -> bool:
    """Strict: same value. Relaxed: the prediction is right at the gold's precision."""
    if pred is None:
        return False
    if pred == gold:
        return True
    return relaxed and len(pred) > len(gold) and pred[:len(gold)] == gold and \
        pred[len(gold)] in "-WT"


def score_doc(gold: list[Timex], pred: list[tuple[int, int, str | None]], name: str = "") -> Counts:
    """Compare predictions ``(start, end, value)`` with gold TIMEX3s of one document."""
    c = Counts()
    dates = [g for g in gold if g.type == SCORED_TYPE]
    others = [g for g in gold if g.type != SCORED_TYPE]
    for g in others:
        c.other_types[g.type] = c.other_types.get(g.type, 0) + 1

    def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    preds = [p for p in pred
             if not any(overlaps(p[:2], (o.start, o.end)) for o in others)
             or any(overlaps(p[:2], (g.start, g.end)) for g in dates)]
    c.gold, c.pred = len(dates), len(preds)
    used: set[int] = set()
    for g in dates:
        hits = [i for i, p in enumerate(preds) if overlaps(p[:2], (g.start, g.end))]
        if any(preds[i][:2] == (g.start, g.end) for i in hits):
            c.strict_tp += 1
        if not hits:
            c.errors.append({"doc": name, "kind": "missed", "text": g.text, "gold": g.value})
            continue
        c.relaxed_tp_gold += 1
        # the prediction sharing the most characters with the gold is scored for value
        best = max(hits, key=lambda i: min(preds[i][1], g.end) - max(preds[i][0], g.start))
        used.update(hits)
        value = preds[best][2]
        c.matched += 1
        c.value_strict += value_correct(value, g.value)
        c.value_relaxed += value_correct(value, g.value, relaxed=True)
        if value != g.value:
            c.errors.append({"doc": name, "kind": "value", "text": g.text, "gold": g.value,
                             "pred": str(value)})
    c.relaxed_tp_pred = len(used)
    return c


Predictor = Callable[[str, date | None], list[tuple[int, int, str | None]]]


def cronica_predictor(lang: str) -> Predictor:
    """Predictions of :func:`cronica.stages.time.resolver.find_dates` (the pure rules, no spaCy)."""
    from cronica.stages.language.bundle import load_bundle
    from cronica.stages.time.resolver import find_dates

    bundle = load_bundle(lang)  # the patterns compile once, for every file

    def predict(text: str, anchor: date | None) -> list[tuple[int, int, str | None]]:
        return [(e.start, e.end, e.value) for e in find_dates(text, bundle, anchor)]

    return predict


def pipeline_predictor(lang: str) -> Predictor:
    """Predictions of the 'time' stage on spaCy-parsed text (tense, counted numbers)."""
    from cronica.model import Article
    from cronica.pipeline import Pipeline

    pipeline = Pipeline(langs=(lang,), only=("time",))

    def predict(text: str, anchor: date | None) -> list[tuple[int, int, str | None]]:
        if not text.strip():
            return []
        iso = anchor.isoformat() if anchor else None
        adoc = pipeline.process(Article(id="eval", text=text, date=iso, lang=lang))
        return [(d.span.start, d.span.end, d.value) for d in adoc.dates]

    return predict


def evaluate_files(paths: Iterable[Path], predict: Predictor, default_anchor: str) -> Counts:
    total = Counts()
    for path in paths:
        doc = parse_timeml(path.read_text(encoding="utf-8"), path.name)
        anchor = date.fromisoformat((doc.dct or default_anchor)[:10])
        total.add(score_doc(doc.timexes, predict(doc.text, anchor), path.name))
    return total


def doc_id(path: Path) -> str:
    """The document id a file is split on: its name without the ``.tml`` suffix."""
    name = path.name
    return name[:-4] if name.endswith(".tml") else name


def evaluate_parts(paths: Iterable[Path], predict: Predictor, default_anchor: str,
                   part: str | None = None) -> dict[str, tuple[int, Counts]]:
    """``{part: (files, counts)}`` for 'fit', 'check' and 'all' (or the one ``part`` asked)."""
    files = list(paths)
    groups: dict[str, list[Path]] = {"all": files}
    for name, group in split(files, doc_id).items():
        groups[name] = group
    wanted = ("fit", "check", "all") if part in (None, "both") else (part,)
    return {p: (len(groups[p]), evaluate_files(groups[p], predict, default_anchor))
            for p in wanted if p is not None}


def guess_lang(path: Path) -> str:
    """'es' or 'en' from the folder name (timex_es_..., timex_en_...), else 'en'."""
    m = re.search(r"(?:^|[_\W])(es|en)(?:[_\W]|$)", path.name)
    return m.group(1) if m else "en"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="folder of TimeML .tml files (or one file)")
    p.add_argument("--lang", choices=("es", "en"), help="language (default: from the folder name)")
    p.add_argument("--anchor", default=DEFAULT_ANCHOR,
                   help=f"date for files without a DCT (default {DEFAULT_ANCHOR}, HourGlass)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--nlp", action="store_true",
                   help="score the pipeline's 'time' stage on spaCy-parsed text (slower); "
                        "default: the pure rules of find_dates")
    p.add_argument("--part", choices=("fit", "check", "all"), default=None,
                   help="report one part of the fit/check split (by file id; default: "
                        "fit, check and all)")
    p.add_argument("--errors", type=int, default=0, metavar="N",
                   help="list the first N errors (of --part; of 'fit' when no part is given: "
                        "tune on fit only)")


def run(args: argparse.Namespace) -> int:
    root = Path(args.path)
    if not root.exists():
        print(f"cronica eval dates: {root} does not exist", file=sys.stderr)
        return 2
    files = sorted(root.glob("*.tml")) if root.is_dir() else [root]
    if not files:
        print(f"cronica eval dates: no .tml files in {root}", file=sys.stderr)
        return 2
    lang = args.lang or guess_lang(root if root.is_dir() else root.parent)
    predictor = pipeline_predictor(lang) if args.nlp else cronica_predictor(lang)
    parts = evaluate_parts(files, predictor, args.anchor, args.part)
    mode = "nlp" if args.nlp else "rules"
    reports = {p: {"lang": lang, "part": p, "files": n, "mode": mode, **c.report()}
               for p, (n, c) in parts.items()}
    if not any(r.get("gold_dates") for r in reports.values()):
        print(f"cronica eval dates: {root}: no gold TIMEX3 DATE read", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(reports, indent=2))
    else:
        print("\n".join(format_report(r) for r in reports.values()))
    shown = parts[args.part or "fit"][1].errors
    for err in shown[: args.errors]:
        print("  " + "\t".join(f"{k}={v}" for k, v in err.items()))
    return 0


def format_report(r: dict) -> str:
    s, x = r["strict"], r["relaxed"]
    lines = [
        f"TimeML dates ({r['lang']}, {r.get('part', 'all')}: {r['files']} files, {r['mode']}): "
        f"{r['gold_dates']} gold DATE, "
        f"{r['predicted']} predicted",
        f"  extraction strict   P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}",
        f"  extraction relaxed  P {x['precision']:.3f}  R {x['recall']:.3f}  F1 {x['f1']:.3f}",
        f"  value accuracy on {r['value_matched']} matched: strict {r['value_accuracy_strict']:.3f}"
        f"  relaxed {r['value_accuracy_relaxed']:.3f}",
        f"  not scored (other TIMEX3 types): {r['other_types_excluded']}",
    ]
    return "\n".join(lines)
