"""`cronica eval events GOLD.jsonl`: score event types and actor codes on event gold.

The gold format is the normalised event JSONL (one record per sentence, ``events`` with
``event``, ``source_code``, ``target_code``; see the eval data README). Each record's text
runs through the full pipeline; predicted events with auxiliary mode 'negation' are not
counted (they did not happen), every other mode is. Predicted events embedded in another
predicted event (``embedded_in``: the strike of 'amenazaron con una huelga') are not counted
either (``--count-embedded`` counts them): the sentence-coded PLOVER gold codes one event per
frame, the threat, and keeps the threatened act inside it.

Scores (pure functions below, testable on hand-made lists):
- micro P/R/F1 over (record, event type) multisets, and per type;
- a confusion table of gold vs predicted types (unmatched events pair up within a record;
  '-' marks an event with no counterpart);
- actor accuracy on type-matched events: country and sector parts separately, for actor and
  recipient, whenever the gold code gives that part ('---COP' has no country);
- false-positive rate: share of records without gold events that get any prediction.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cronica.evaluate.split import select, split
from cronica.stages.events.learned import NO_LEARNED_ENV
from cronica.stages.events.rerank import NO_RERANK_ENV
from cronica.stages.events.retype import RETYPE_ENV

NONE = "-"
SCORED_STAGES: tuple[str, ...] = ("actors", "events")


@dataclass
class Ev:
    """One event, gold or predicted: its type and the actor codes on each side."""

    type: str
    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    trigger: str = ""
    aux: str | None = None
    confidence: float = 1.0
    rule: str | None = None  # predicted only: the trigger rule that found it


@dataclass
class RecordScore:
    id: str
    gold: list[Ev]
    pred: list[Ev]
    tp: int
    fp: int
    fn: int


def parse_merge(spec: str | None) -> dict[str, str]:
    """'PROTEST,MOBILIZE' -> {'MOBILIZE': 'PROTEST'}: every label maps to the first one."""
    if not spec:
        return {}
    labels = [x.strip().upper() for x in spec.split(",") if x.strip()]
    return {label: labels[0] for label in labels[1:]}


def split_codes(code: str | None) -> list[str]:
    """'HUNGOV; ROUGOV' -> ['HUNGOV', 'ROUGOV']; None -> []."""
    return [c.strip() for c in (code or "").replace(",", ";").split(";") if c.strip()]


# CAMEO/PLOVER sector codes (none is an ISO 3166 alpha-3 code): a code that starts with one
# states no country ('CVL', 'COPMIL'), as '---CVL' does in the gold
SECTORS = frozenset(
    {
        "GOV",
        "MIL",
        "REB",
        "CVL",
        "COP",
        "UAF",
        "EDU",
        "LAB",
        "BUS",
        "MED",
        "JUD",
        "LEG",
        "OPP",
        "PTY",
        "REL",
        "AGR",
        "JRN",
        "ELI",
        "SPY",
        "HLH",
        "REF",
        "CRM",
        "ENV",
        "HRI",
        "MOD",
        "RAD",
        "SEP",
        "DEV",
        "INS",
        "NGM",
        "PRE",
        "ATH",
        "MNC",
    }
)


def code_country(code: str) -> str | None:
    """Country (or international/group) part of a CAMEO-style code; None when unstated."""
    part = code[:3].upper()
    if len(part) < 3 or not part.isalpha() or part in SECTORS:
        return None
    return part


def code_sector(code: str) -> str | None:
    """First sector of a code: 'COLREB' -> 'REB', '---COP' -> 'COP', 'CVL' -> 'CVL'."""
    code = code.upper()
    part = code[:3] if code[:3] in SECTORS else code[3:6]
    return part if len(part) == 3 and part.isalpha() else None


def match_events(
    gold: Sequence[Ev], pred: Sequence[Ev], merge: dict[str, str]
) -> tuple[list[tuple[Ev, Ev]], list[Ev], list[Ev]]:
    """Pair gold and predicted events of the same (merged) type, best actor agreement first.

    Returns (pairs, unmatched gold, unmatched pred).
    """
    pairs: list[tuple[Ev, Ev]] = []
    left = list(pred)
    missed: list[Ev] = []
    for g in gold:
        cands = [p for p in left if merge.get(p.type, p.type) == merge.get(g.type, g.type)]
        if not cands:
            missed.append(g)
            continue
        best = max(cands, key=lambda p: _agreement(g, p))
        left.remove(best)
        pairs.append((g, best))
    return pairs, missed, left


def _agreement(g: Ev, p: Ev) -> int:
    return len({code_country(c) for c in g.actor} & {code_country(c) for c in p.actor}) + len(
        {code_country(c) for c in g.recipient} & {code_country(c) for c in p.recipient}
    )


def score(
    records: Iterable[tuple[str, Sequence[Ev], Sequence[Ev]]], merge: dict[str, str] | None = None
) -> dict[str, Any]:
    """Every figure of the report from (record id, gold events, predicted events) triples."""
    merge = merge or {}
    tp = fp = fn = 0
    per_type: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    args: dict[str, Counter] = defaultdict(Counter)
    empty = empty_with_pred = 0
    per_record: list[RecordScore] = []
    for rid, gold, pred in records:
        pairs, missed, extra = match_events(gold, pred, merge)
        tp, fp, fn = tp + len(pairs), fp + len(extra), fn + len(missed)
        per_record.append(
            RecordScore(rid, list(gold), list(pred), len(pairs), len(extra), len(missed))
        )
        if not gold:
            empty += 1
            empty_with_pred += bool(pred)
        for g, p in pairs:
            label = merge.get(g.type, g.type)
            per_type[label]["tp"] += 1
            confusion[label][label] += 1
            _score_args(g, p, args)
        for g in missed:
            per_type[merge.get(g.type, g.type)]["fn"] += 1
        for p in extra:
            per_type[merge.get(p.type, p.type)]["fp"] += 1
        if gold and pred:
            for g, p in zip(missed, extra, strict=False):
                confusion[merge.get(g.type, g.type)][merge.get(p.type, p.type)] += 1
            for g in missed[len(extra) :]:
                confusion[merge.get(g.type, g.type)][NONE] += 1
            for p in extra[len(missed) :]:
                confusion[NONE][merge.get(p.type, p.type)] += 1
    result: dict[str, Any] = {"tp": tp, "fp": fp, "fn": fn, **prf(tp, fp, fn)}
    result["per_type"] = {
        t: {**dict(c), **prf(c["tp"], c["fp"], c["fn"])} for t, c in sorted(per_type.items())
    }
    result["confusion"] = {g: dict(c) for g, c in sorted(confusion.items())}
    result["actors"] = {
        k: {
            "correct": c["correct"],
            "total": c["total"],
            "accuracy": round(c["correct"] / c["total"], 4) if c["total"] else None,
        }
        for k, c in sorted(args.items())
    }
    result["fp_rate_empty"] = round(empty_with_pred / empty, 4) if empty else None
    result["records"] = len(per_record)
    result["_per_record"] = per_record
    return result


def _score_args(g: Ev, p: Ev, out: dict[str, Counter]) -> None:
    for side, gcodes, pcodes in (
        ("actor", g.actor, p.actor),
        ("recipient", g.recipient, p.recipient),
    ):
        for part, fn in (("country", code_country), ("sector", code_sector)):
            gold_parts = {fn(c) for c in gcodes} - {None}
            if not gold_parts:
                continue
            key = f"{side}_{part}"
            out[key]["total"] += 1
            out[key]["correct"] += bool(gold_parts & ({fn(c) for c in pcodes} - {None}))


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


# -- reading gold and running the pipeline ---------------------------------
def gold_events(record: dict[str, Any]) -> list[Ev]:
    return [
        Ev(
            e["event"],
            split_codes(e.get("source_code")),
            split_codes(e.get("target_code")),
            e.get("trigger") or "",
        )
        for e in record.get("events", [])
    ]


def predicted_events(
    adoc_dict: dict[str, Any],
    count_negated: bool = False,
    rules: Sequence[str | None] = (),
    count_embedded: bool = False,
) -> list[Ev]:
    """Events of one pipeline result, as :class:`Ev` (negated events and events embedded in
    another event left out by default); ``rules`` gives each event's trigger rule id, in the
    same order."""
    out = []
    for n, e in enumerate(adoc_dict.get("events", [])):
        if e.get("aux_mode") == "negation" and not count_negated:
            continue
        if e.get("embedded_in") and not count_embedded:
            continue
        codes = [_arg_codes(e.get("actor")), _arg_codes(e.get("recipient"))]
        out.append(
            Ev(
                e["event"],
                codes[0],
                codes[1],
                e["trigger"]["text"],
                e.get("aux_mode"),
                float(e.get("confidence", 1.0)),
                rules[n] if n < len(rules) else None,
            )
        )
    return out


def by_rule(
    records: Iterable[tuple[str, Sequence[Ev], Sequence[Ev]]], merge: dict[str, str] | None = None
) -> dict[str, dict[str, Any]]:
    """True and false positives per trigger rule (predicted events matched or not, as in
    :func:`score`), worst precision first: the rows to look at before switching one off."""
    merge = merge or {}
    counts: dict[str, Counter] = defaultdict(Counter)
    for _, gold, pred in records:
        pairs, _, extra = match_events(gold, pred, merge)
        for _, p in pairs:
            counts[p.rule or NONE]["tp"] += 1
        for p in extra:
            counts[p.rule or NONE]["fp"] += 1
    rows = {
        rule: {"tp": c["tp"], "fp": c["fp"], "precision": round(c["tp"] / (c["tp"] + c["fp"]), 4)}
        for rule, c in counts.items()
    }
    return dict(sorted(rows.items(), key=lambda kv: (kv[1]["precision"], -kv[1]["fp"], kv[0])))


def _arg_codes(arg: dict[str, Any] | None) -> list[str]:
    if not arg:
        return []
    return [c for c in (arg.get("codes") or [arg.get("code")]) if c]


def read_gold(path: str, limit: int | None = None) -> list[dict[str, Any]]:
    records = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


def predict(
    records: list[dict[str, Any]],
    pipeline: Any = None,
    count_negated: bool = False,
    full: bool = False,
    count_embedded: bool = False,
) -> list[list[Ev]]:
    """Run the pipeline over the records' texts; one list of events per record, in order.

    Unless ``full``, only the stages the score depends on run (:data:`SCORED_STAGES`)."""
    from cronica.errors import Rejection
    from cronica.model import Article
    from cronica.pipeline import Pipeline

    if pipeline is None:
        # the score depends on the actors and events layers only; later stages add dates,
        # places and quotes, which cost time and cannot change what is counted
        pipeline = Pipeline(only=None if full else SCORED_STAGES)
    articles = [
        Article(
            id=str(r.get("id", n)),
            text=r.get("text") or "",
            lang=r.get("lang"),
            date=r.get("date"),
            origin=f"record {n + 1}",
        )
        for n, r in enumerate(records)
    ]
    out: list[list[Ev]] = []
    for res in pipeline.pipe(articles):
        out.append(
            [] if isinstance(res, Rejection)
            else predicted_events(
                res.to_dict(), count_negated, [e.rule for e in res.events], count_embedded
            )
        )
    return out


# -- command ---------------------------------------------------------------
def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="gold JSONL (one record per line with 'text' and 'events')")
    p.add_argument(
        "--json", action="store_true", help="machine-readable output (micro F1 under 'f1')"
    )
    p.add_argument("--errors", type=int, default=0, metavar="N", help="show the N worst records")
    p.add_argument(
        "--merge", metavar="A,B", help="count these labels as one class, e.g. PROTEST,MOBILIZE"
    )
    p.add_argument(
        "--limit", type=int, default=None, metavar="N", help="score only the first N records"
    )
    p.add_argument(
        "--count-negated", action="store_true", help="also count events marked 'negation'"
    )
    p.add_argument(
        "--count-embedded",
        action="store_true",
        help="also count events embedded in another event (the act of a threat, demand or refusal)",
    )
    p.add_argument(
        "--full",
        action="store_true",
        help="run every stage (default: only actors and events, which the score uses)",
    )
    p.add_argument(
        "--no-learned",
        action="store_true",
        help="switch the learned event layer off (the lexicon and syntax alone), for ablations",
    )
    p.add_argument(
        "--no-rerank",
        action="store_true",
        help="switch the learned side-event filter off (events.rerank), for ablations",
    )
    p.add_argument(
        "--retype",
        action="store_true",
        help="switch the opt-in learned event re-typer on (events.retype), for measurements",
    )
    p.add_argument(
        "--by-rule", action="store_true",
        help="count true and false positives per trigger rule (row of event_triggers.tsv)",
    )
    add_part_argument(p)


def add_part_argument(p: argparse.ArgumentParser) -> None:
    """``--part fit|check|all`` (the split of :mod:`cronica.evaluate.split`)."""
    p.add_argument(
        "--part",
        choices=("fit", "check", "all"),
        default="all",
        help="score one part of the fixed fit/check split (default all: both parts side by side)",
    )


def record_key(record: dict[str, Any]) -> str:
    """The split key of a gold record: its document id where it has one, else its id."""
    return str(record.get("doc_id") or record.get("id") or "")


def run(args: argparse.Namespace) -> int:
    try:
        records = read_gold(args.path, args.limit)
    except (OSError, json.JSONDecodeError) as exc:
        print(f"cronica eval events: cannot read {args.path}: {exc}", file=sys.stderr)
        return 2
    records = select(records, record_key, args.part)
    if not records:
        print(f"cronica eval events: {args.path}: no gold record read", file=sys.stderr)
        return 2
    if args.no_learned:
        os.environ[NO_LEARNED_ENV] = "1"
    if getattr(args, "no_rerank", False):
        os.environ[NO_RERANK_ENV] = "1"
    if getattr(args, "retype", False):
        os.environ[RETYPE_ENV] = "1"
    preds = predict(
        records, count_negated=args.count_negated, full=args.full, count_embedded=args.count_embedded
    )
    triples = [
        (str(r.get("id", n)), gold_events(r), p)
        for n, (r, p) in enumerate(zip(records, preds, strict=True))
    ]
    merge = parse_merge(args.merge)
    result = score(triples, merge)
    result["part"] = args.part
    if getattr(args, "by_rule", False):
        result["by_rule"] = by_rule(triples, merge)
    per_record: list[RecordScore] = result.pop("_per_record")
    if args.part == "all":
        parts = split(zip(records, triples, strict=True), lambda rt: record_key(rt[0]))
        result["parts"] = {}
        for name, items in parts.items():
            sub = score([t for _, t in items], merge)
            sub.pop("_per_record")
            result["parts"][name] = sub
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(format_report(result, args.path, args.merge))
        print(format_parts(result))
        if "by_rule" in result:
            print(format_by_rule(result["by_rule"]))
    if args.errors:
        texts = {str(r.get("id", n)): r.get("text") or "" for n, r in enumerate(records)}
        print(format_errors(per_record, texts, args.errors), file=sys.stdout)
    return 0


def format_report(result: dict[str, Any], path: str, merge: str | None) -> str:
    lines = [
        f"events: {path} ({result['records']} records){' merge ' + merge if merge else ''}",
        f"micro  P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}"
        f"  (tp {result['tp']}, fp {result['fp']}, fn {result['fn']})",
    ]
    fpr = result["fp_rate_empty"]
    lines.append(
        f"false-positive rate on records without events: {'n/a' if fpr is None else f'{fpr:.3f}'}"
    )
    lines.append("")
    lines.append(f"{'type':<10} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for t, s in result["per_type"].items():
        lines.append(
            f"{t:<10} {s.get('tp', 0):>4} {s.get('fp', 0):>4} {s.get('fn', 0):>4} "
            f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"
        )
    lines.append("")
    lines.append("actor codes on matched events (accuracy, correct/total):")
    for k, s in result["actors"].items():
        acc = "n/a" if s["accuracy"] is None else f"{s['accuracy']:.3f}"
        lines.append(f"  {k:<18} {acc}  ({s['correct']}/{s['total']})")
    lines.append("")
    lines.append("confusion (rows gold, columns predicted; '-' = none), records with both:")
    conf = result["confusion"]
    cols = sorted({c for row in conf.values() for c in row})
    lines.append(" " * 10 + "".join(f"{c[:8]:>9}" for c in cols))
    for g, row in conf.items():
        lines.append(f"{g[:10]:<10}" + "".join(f"{row.get(c, 0) or '.':>9}" for c in cols))
    return "\n".join(lines)


def format_by_rule(rows: dict[str, dict[str, Any]], n: int = 25) -> str:
    """The ``n`` trigger rules with the lowest precision (most false positives first)."""
    lines = [f"by rule (worst {min(n, len(rows))} of {len(rows)}):  tp   fp  precision"]
    for rule, r in list(rows.items())[:n]:
        lines.append(f"  {rule:<34} {r['tp']:>4} {r['fp']:>4}  {r['precision']:.3f}")
    return "\n".join(lines)


def format_parts(result: dict[str, Any]) -> str:
    """Fit and check side by side: micro figures, then F1 per type."""
    parts = result.get("parts")
    if not parts:
        return f"\npart: {result.get('part', 'all')}"
    lines = ["", "fit / check (tune on fit, judge on check):"]
    for name, s in parts.items():
        lines.append(
            f"  {name:<6} records {s['records']:>4}  P {s['precision']:.3f}  R {s['recall']:.3f}"
            f"  F1 {s['f1']:.3f}  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})"
        )
    types = sorted({t for s in parts.values() for t in s["per_type"]})
    lines.append(f"  {'type':<10} {'fit F1':>7} {'check F1':>9}")
    for t in types:
        cells = [parts[n]["per_type"].get(t) for n in ("fit", "check")]
        fmt = [f"{c['f1']:.3f}" if c else "-" for c in cells]
        lines.append(f"  {t:<10} {fmt[0]:>7} {fmt[1]:>9}")
    return "\n".join(lines)


def format_errors(per_record: list[RecordScore], texts: dict[str, str], n: int) -> str:
    worst = sorted((r for r in per_record if r.fp or r.fn), key=lambda r: -(r.fp + r.fn))[:n]
    lines = ["", f"worst {len(worst)} records:"]
    for r in worst:
        lines.append(f"- {r.id} (fp {r.fp}, fn {r.fn}): {texts.get(r.id, '')[:240]}")
        lines.append("    gold: " + "; ".join(_fmt(e) for e in r.gold))
        lines.append("    pred: " + "; ".join(_fmt(e) for e in r.pred))
    return "\n".join(lines)


def _fmt(e: Ev) -> str:
    aux = f" [{e.aux}]" if e.aux else ""
    return f"{e.type}{aux} '{e.trigger}' {'/'.join(e.actor) or '?'}->{'/'.join(e.recipient) or '?'}"
