"""`cronica eval attribution GOLD.jsonl ARTICLES_DIR`: quotes, reporting sources, dates and
auxiliary modes on the hand-annotated attribution gold (offsets into ``ARTICLES_DIR/<article>.txt``;
schema in the annotation guidelines that ship with the gold).

Matching rules (all on character offsets):
- quote: a predicted quote whose content covers >= 50% of the gold content's words (over all
  its segments) and whose speaker overlaps the gold speaker span or shares an actor code
  with it;
- reporting source: a predicted reporting cue overlapping the gold span;
- date: a predicted date overlapping the gold span whose value starts with the gold value;
- event: a predicted event whose trigger (or one of its mentions) overlaps the gold trigger;
  its aux mode is right when it equals the gold aux (no aux = 'current').
Recall is over all gold items. Precision is given where the gold is exhaustive: quotes,
sources, dates, and events with a non-current aux mode (current events are only sampled).
The confusion table crosses the gold aux with the aux of the event found at the trigger
('missed' when none). Articles are split into *fit* / *check* with
:mod:`cronica.evaluate.split` on the article id; both are reported (``--part`` picks one).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cronica.evaluate.split import PARTS, part_of

AUX_LABELS = ("current", "historical", "future", "hypothetical", "negation")
QUOTE_WORD_SHARE = 0.5
_WORD = re.compile(r"\w+")
Range = tuple[int, int]


@dataclass
class GoldArticle:
    id: str
    pub_date: str
    text: str
    record: dict[str, Any]


def read_gold(gold_path: str | Path, articles_dir: str | Path) -> list[GoldArticle]:
    """The gold records with their article texts, in file order. The gold offsets count a
    line break as one character (the file read with universal newlines), so the text is
    read that way too."""
    out = []
    folder = Path(articles_dir)
    for line in Path(gold_path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = (folder / f"{rec['article']}.txt").read_text(encoding="utf-8")
        out.append(GoldArticle(rec["article"], rec["pub_date"], text, rec))
    return out


# -- matching --------------------------------------------------------------------------
def _ov(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _word_spans(text: str, ranges: Sequence[Range]) -> list[Range]:
    return [(a + m.start(), a + m.end()) for a, b in ranges for m in _WORD.finditer(text[a:b])]


def _codes(code: str | None) -> set[str]:
    return {c.strip() for c in (code or "").split(";") if c.strip() and c.strip() != "---"}


def quote_matches(text: str, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """The issue's rule: content covers >= half the gold words; speaker overlaps or shares a code."""
    segs = [tuple(s) for s in gold.get("content_segments") or []] or [
        (gold["content_start"], gold["content_end"])]
    words = _word_spans(text, segs)
    c = pred.get("content") or {}
    if not words or not c:
        return False
    covered = sum(1 for w in words if c["start"] <= w[0] and w[1] <= c["end"])
    if covered / len(words) < QUOTE_WORD_SHARE:
        return False
    sp = pred.get("speaker")
    if sp and gold.get("speaker_start") is not None and _ov(
            (sp["start"], sp["end"]), (gold["speaker_start"], gold["speaker_end"])):
        return True
    pcodes = _codes("; ".join(pred.get("speaker_codes") or [])) | _codes(pred.get("speaker_code"))
    return bool(_codes(gold.get("speaker_code")) & pcodes)


def _event_ranges(ev: dict[str, Any]) -> list[Range]:
    spans = [ev["trigger"]] + list(ev.get("mentions") or [])
    return [(s["start"], s["end"]) for s in spans]


def event_at(gold: dict[str, Any], events: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The predicted event at a gold trigger: the main trigger overlapping first, then a mention.
    When several events share the trigger (a statement recoded as AGREE or THREATEN and the
    stated act embedded in it: 'anunció que retirará sus tropas'), the one of the gold's
    PLOVER type is taken, else the embedded act (the guidelines annotate the planned act at
    its word, the statement only apart)."""
    g = (gold["start"], gold["end"])
    main = [e for e in events if _ov(g, (e["trigger"]["start"], e["trigger"]["end"]))]
    if main:
        return next((e for e in main if e.get("event") == gold.get("plover")),
                    next((e for e in main if e.get("embedded_in")), main[0]))
    return next((e for e in events if any(_ov(g, r) for r in _event_ranges(e))), None)


def aux_of(ev: dict[str, Any] | None) -> str:
    if ev is None:
        return "missed"
    return ev.get("aux_mode") or "current"


LAYERS = ("quotes", "reported_by", "dates", "event_modes")


def annotated(rec: dict[str, Any]) -> set[str]:
    """The layers a record annotates: all of them, unless it names them in ``layers`` (the
    team-made silver records leave quotes out; an unlisted layer is not scored)."""
    return set(rec.get("layers") or LAYERS)


def article_part(g: GoldArticle) -> str:
    """The record's own ``part`` (a silver file is all development: ``"fit"``), else the split."""
    part = g.record.get("part")
    return part if part in PARTS else part_of(g.id)


def score_article(g: GoldArticle, out: dict[str, Any]) -> Counter:
    """Counts for one article; :func:`summarise` turns them into scores. A layer the record
    does not annotate counts neither gold nor predictions."""
    c: Counter = Counter()
    rec, text = g.record, g.text
    layers = annotated(rec)
    out = {**out,
           "quotes": out.get("quotes", []) if "quotes" in layers else [],
           "reporting": out.get("reporting", []) if "reported_by" in layers else [],
           "dates": out.get("dates", []) if "dates" in layers else []}
    quotes = out.get("quotes", [])
    c["quote_gold"] = len(rec["quotes"])
    c["quote_pred"] = len(quotes)
    c["quote_gold_hit"] = sum(any(quote_matches(text, q, p) for p in quotes) for q in rec["quotes"])
    c["quote_pred_hit"] = sum(any(quote_matches(text, q, p) for q in rec["quotes"]) for p in quotes)
    reps = [(r["cue"]["start"], r["cue"]["end"]) for r in out.get("reporting", [])]
    golds = [(r["start"], r["end"]) for r in rec["reported_by"]]
    c["source_gold"], c["source_pred"] = len(golds), len(reps)
    c["source_gold_hit"] = sum(any(_ov(g_, p) for p in reps) for g_ in golds)
    c["source_pred_hit"] = sum(any(_ov(g_, p) for g_ in golds) for p in reps)
    dates = [d for d in out.get("dates", []) if d.get("value")]
    c["date_gold"], c["date_pred"] = len(rec["dates"]), len(dates)

    def date_ok(gd: dict[str, Any], pd: dict[str, Any]) -> bool:
        return _ov((gd["start"], gd["end"]), (pd["span"]["start"], pd["span"]["end"])) and \
            str(pd["value"]).startswith(gd["value"])

    c["date_gold_hit"] = sum(any(date_ok(gd, pd) for pd in dates) for gd in rec["dates"])
    c["date_pred_hit"] = sum(any(date_ok(gd, pd) for gd in rec["dates"]) for pd in dates)
    # the article's events first, then the event words folded into them or left as
    # background (``secondary_events``): the gold marks every mention's mode
    events = list(out.get("events", [])) + list(out.get("secondary_events", []))
    c["event_gold"] = len(rec["event_modes"])
    for gm in rec["event_modes"]:
        ev = event_at(gm, events)
        got = aux_of(ev)
        c["event_gold_hit"] += ev is not None
        c["aux_right"] += got == gm["aux"]
        c[f"conf:{gm['aux']}:{got}"] += 1
    # precision of non-current modes: the gold lists every non-current mention
    for ev in events:
        mode = ev.get("aux_mode")
        if not mode:
            continue
        c["noncurrent_pred"] += 1
        rs = _event_ranges(ev)
        c["noncurrent_pred_hit"] += any(
            gm["aux"] == mode and any(_ov((gm["start"], gm["end"]), r) for r in rs)
            for gm in rec["event_modes"])
    return c


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def summarise(counts: Iterable[Counter]) -> dict[str, Any]:
    t: Counter = Counter()
    n = 0
    for c in counts:
        t.update(c)
        n += 1

    def layer(key: str, precision: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {"recall": _ratio(t[f"{key}_gold_hit"], t[f"{key}_gold"]),
                             "gold_hit": t[f"{key}_gold_hit"], "gold": t[f"{key}_gold"]}
        if precision:
            d.update(precision=_ratio(t[f"{key}_pred_hit"], t[f"{key}_pred"]),
                     pred_hit=t[f"{key}_pred_hit"], pred=t[f"{key}_pred"])
        return d

    conf = {g: {p: t[f"conf:{g}:{p}"] for p in (*AUX_LABELS, "missed")} for g in AUX_LABELS}
    return {
        "articles": n,
        "quotes": layer("quote"),
        "sources": layer("source"),
        "dates": layer("date"),
        "events": layer("event", precision=False),
        "aux": {"right": _ratio(t["aux_right"], t["event_gold"]), "correct": t["aux_right"],
                "gold": t["event_gold"],
                "right_when_found": _ratio(t["aux_right"], t["event_gold_hit"]),
                "noncurrent_precision": _ratio(t["noncurrent_pred_hit"], t["noncurrent_pred"]),
                "noncurrent_pred": t["noncurrent_pred"]},
        "confusion": conf,
    }


# -- running ---------------------------------------------------------------------------
def predict(docs: Sequence[GoldArticle], pipeline: Any = None, lang: str = "es") -> list[dict[str, Any]]:
    """Every stage of the production pipeline, each article dated by its publication date."""
    from cronica.errors import Rejection
    from cronica.model import Article
    from cronica.pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    articles = [Article(id=d.id, text=d.text, lang=lang, date=d.pub_date, origin=d.id, source="AFP")
                for d in docs]
    return [{} if isinstance(r, Rejection) else r.to_dict() for r in pipeline.pipe(articles)]


def evaluate(docs: Sequence[GoldArticle], outputs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Scores per part ('fit', 'check') and over 'all' articles."""
    counts = [(article_part(d), score_article(d, o)) for d, o in zip(docs, outputs, strict=True)]
    res: dict[str, Any] = {p: summarise(c for q, c in counts if q == p) for p in PARTS}
    res["all"] = summarise(c for _, c in counts)
    return res


def errors(docs: Sequence[GoldArticle], outputs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Gold items missed, per article (for tuning on *fit*)."""
    out = []
    for d, o in zip(docs, outputs, strict=True):
        rec, text = d.record, d.text
        # the same events the scores count: the article's events and its secondary event words
        events = list(o.get("events", [])) + list(o.get("secondary_events", []))
        out.append({
            "article": d.id, "part": article_part(d),
            "aux": [f"{gm['aux']}->{aux_of(event_at(gm, events))}: {text[gm['start']:gm['end']]!r}"
                    f" [{gm['plover']}]" for gm in rec["event_modes"]
                    if aux_of(event_at(gm, events)) != gm["aux"]],
            "sources": [text[r["start"]:r["end"]] for r in rec["reported_by"]
                        if not any(_ov((r["start"], r["end"]), (p["cue"]["start"], p["cue"]["end"]))
                                   for p in o.get("reporting", []))],
            "dates": [f"{text[g['start']:g['end']]!r}={g['value']}" for g in rec["dates"]
                      if not any(_ov((g["start"], g["end"]), (p["span"]["start"], p["span"]["end"]))
                                 and str(p["value"]).startswith(g["value"])
                                 for p in o.get("dates", []) if p.get("value"))],
            "quotes": [f"{text[q['cue_start']:q['cue_end']] if q.get('cue_start') is not None else '-'}"
                       f" | {text[q['speaker_start']:q['speaker_end']]} | "
                       f"{text[q['content_start']:q['content_end']][:60]!r}"
                       for q in rec["quotes"]
                       if not any(quote_matches(text, q, p) for p in o.get("quotes", []))],
        })
    return out


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", metavar="GOLD.jsonl", help="attribution gold, one article per line")
    p.add_argument("articles", metavar="ARTICLES_DIR", help="folder holding <article>.txt")
    p.add_argument("--part", choices=("fit", "check", "all"), default=None,
                   help="report one part only (default: fit, check and all)")
    p.add_argument("--errors", action="store_true", help="list the missed gold items per article")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace) -> int:
    if not Path(args.gold).is_file() or not Path(args.articles).is_dir():
        print("cronica eval attribution: need GOLD.jsonl and ARTICLES_DIR", file=sys.stderr)
        return 2
    docs = read_gold(args.gold, args.articles)
    outputs = predict(docs)
    res = evaluate(docs, outputs)
    if args.part:
        res = {args.part: res[args.part]}
    if args.errors:
        keep = [e for e in errors(docs, outputs) if args.part in (None, "all", e["part"])]
        res["errors"] = keep
    print(json.dumps(res, indent=2, ensure_ascii=False) if args.json else format_report(res, args.gold))
    return 0


def format_report(res: dict[str, Any], path: str) -> str:
    parts = [p for p in ("fit", "check", "all") if p in res]

    def f(x: float | None) -> str:
        return "  n/a" if x is None else f"{x:.3f}"

    lines = [f"attribution: {path}; articles " + ", ".join(f"{p} {res[p]['articles']}" for p in parts),
             f"{'layer':<34}" + "".join(f"{p:>16}" for p in parts)]

    def row(name: str, get: Any) -> None:
        lines.append(f"{name:<34}" + "".join(f"{get(res[p]):>16}" for p in parts))

    for key, name in (("quotes", "quotes"), ("sources", "reporting sources"), ("dates", "dates")):
        row(f"{name} R", lambda r, k=key: f"{f(r[k]['recall'])} {r[k]['gold_hit']}/{r[k]['gold']}")
        row(f"{name} P", lambda r, k=key: f"{f(r[k]['precision'])} {r[k]['pred_hit']}/{r[k]['pred']}")
    row("event at gold trigger", lambda r: f"{f(r['events']['recall'])} {r['events']['gold_hit']}/{r['events']['gold']}")
    row("aux mode right", lambda r: f"{f(r['aux']['right'])} {r['aux']['correct']}/{r['aux']['gold']}")
    row("aux right when found", lambda r: f(r["aux"]["right_when_found"]))
    row("non-current aux P", lambda r: f"{f(r['aux']['noncurrent_precision'])} /{r['aux']['noncurrent_pred']}")
    for p in parts:
        lines.append(f"aux confusion ({p}; rows gold, columns predicted)")
        cols = (*AUX_LABELS, "missed")
        lines.append(f"{'':<14}" + "".join(f"{c[:6]:>8}" for c in cols))
        for g in AUX_LABELS:
            lines.append(f"{g:<14}" + "".join(f"{res[p]['confusion'][g][c]:>8}" for c in cols))
    for e in res.get("errors", []):
        lines.append(f"- {e['article']} ({e['part']})")
        for k in ("quotes", "sources", "dates", "aux"):
            for item in e[k]:
                lines.append(f"    {k}: {item}")
    return "\n".join(lines)
