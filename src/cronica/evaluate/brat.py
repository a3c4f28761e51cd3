"""`cronica eval brat DIR`: score triggers, sources, targets and locations on BRAT articles.

With ``--attribution`` it scores quotes and reporting sources instead, on Source/Cue/Content
gold (:mod:`cronica.evaluate.brat_attribution`).

The gold is BRAT standoff: ``NAME.txt`` with ``NAME.ann`` beside it. Offsets count characters
of the text exactly as stored (CRLF line ends included), so the text is read without newline
translation and handed to the pipeline unchanged. The annotation scheme (AFP Spanish set):

- trigger entities typed with a broad class (``material_conflict``, ``verbal_conflict``,
  ``material_cooperation``, ``verbal_cooperation``) and/or a CAMEO label
  (``145_Protest_violently_riot``, ``14_PROTEST_``). A CAMEO entity overlapping a broad-class
  one annotates the same trigger (it adds the CAMEO code); a CAMEO entity alone is a trigger
  whose class comes from its CAMEO root code;
- ``source``, ``target`` and ``location`` entities; relations ``srcAct`` (source -> trigger)
  and ``actTar`` (trigger -> target).

An article's ``.ann`` is looked for beside its text, then in sub-folders (``not_updated/``
in the AFP set). Articles with no non-empty ``.ann`` are not annotated: they are skipped
and listed.

Scores (pure functions below, tested on hand-made fixtures), all by span overlap:
- triggers: recall = gold triggers overlapped by some predicted event (its trigger or any
  other mention); precision = predicted events overlapping some gold trigger;
- sources / targets: on matched gold triggers that have a linked source (target), the share
  whose best-overlapping predicted event has an actor (recipient) span overlapping one of
  them. When the predicted span that matched the gold trigger is a merged mention (a
  headline trigger folded into the body's event) with arguments of its own, those are
  scored: the scheme links each trigger to its own source and target words;
- locations: predicted places (metonymic ones excluded: they name actors) against gold
  location spans, P/R/F1 as for triggers;
- per broad class: predicted PLOVER types map to PLOVER's quad classes; P/R/F1 where gold
  and prediction agree on the class, and class accuracy on matched triggers;
- CAMEO root accuracy on matched triggers that carry a gold CAMEO label (the predicted
  event's ``cameo`` code, first two digits).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cronica.evaluate import brat_attribution
from cronica.evaluate.brat_format import Range, overlaps, parse_ann, prf
from cronica.evaluate.split import select

BROAD_CLASSES: tuple[str, ...] = (
    "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict",
)
# PLOVER 2.0 quad classes (reference/PLOVER_MANUAL.tex, 'Quad category' of each type)
PLOVER_CLASS: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal_cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material_cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal_conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material_conflict"),
}
_CAMEO_LABEL = re.compile(r"^(\d{2,4})_")
_FILE_DATE = re.compile(r"_(\d{4})(\d{2})(\d{2})(?:\D|$)")
SCORED_STAGES: tuple[str, ...] = ("actors", "events", "place")


def cameo_class(code: str) -> str | None:
    """Broad class of a CAMEO code by its root (01-05 verbal cooperation, 06-08 material
    cooperation, 09-13 verbal conflict, 14-20 material conflict: CAMEO's quad classes)."""
    if len(code) < 2 or not code[:2].isdigit():
        return None
    root = int(code[:2])
    if 1 <= root <= 5:
        return "verbal_cooperation"
    if 6 <= root <= 8:
        return "material_cooperation"
    if 9 <= root <= 13:
        return "verbal_conflict"
    if 14 <= root <= 20:
        return "material_conflict"
    return None


# -- gold ------------------------------------------------------------------------------
@dataclass
class GoldTrigger:
    spans: list[Range]
    text: str
    cls: str | None = None
    cameo: str | None = None
    sources: list[list[Range]] = field(default_factory=list)
    targets: list[list[Range]] = field(default_factory=list)


@dataclass
class GoldDoc:
    id: str
    text: str
    date: str | None
    triggers: list[GoldTrigger]
    locations: list[list[Range]]


def gold_from_ann(ann: str) -> tuple[list[GoldTrigger], list[list[Range]]]:
    """Triggers (with their linked sources and targets) and location spans of one article."""
    entities, relations = parse_ann(ann)
    triggers: list[GoldTrigger] = []
    owner: dict[str, list[int]] = {}  # entity id -> indexes of the triggers it annotates
    by_spans: dict[tuple[Range, ...], int] = {}
    for e in entities.values():
        if e.type in BROAD_CLASSES:
            key = tuple(e.spans)
            if key not in by_spans:  # the same trigger annotated twice
                by_spans[key] = len(triggers)
                triggers.append(GoldTrigger(list(e.spans), e.text, cls=e.type))
            owner[e.id] = [by_spans[key]]
    broad = list(range(len(triggers)))
    for e in entities.values():
        m = _CAMEO_LABEL.match(e.type)
        if not m:
            continue
        hits = [i for i in broad if overlaps(triggers[i].spans, e.spans)]
        if hits:
            for i in hits:
                triggers[i].cameo = triggers[i].cameo or m.group(1)
            owner[e.id] = hits
            continue
        key = tuple(e.spans)
        if key not in by_spans:
            by_spans[key] = len(triggers)
            triggers.append(GoldTrigger(list(e.spans), e.text, cls=cameo_class(m.group(1)),
                                        cameo=m.group(1)))
        owner[e.id] = [by_spans[key]]
    for rtype, a1, a2 in relations:
        if a1 not in entities or a2 not in entities:
            continue
        # the trigger is whichever argument annotates one; the other is the participant
        trig_id, other = (a2, a1) if a2 in owner else (a1, a2)
        if trig_id not in owner or other in owner:
            continue
        part = entities[other]
        for i in owner[trig_id]:
            if part.type == "source" or (rtype == "srcAct" and part.type != "target"):
                triggers[i].sources.append(part.spans)
            else:
                triggers[i].targets.append(part.spans)
    locations = [e.spans for e in entities.values() if e.type == "location"]
    triggers.sort(key=lambda t: t.spans[0])
    return triggers, locations


def date_from_name(name: str) -> str | None:
    """'AFP_SPA_19940611.0143' -> '1994-06-11'."""
    m = _FILE_DATE.search(name)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def read_brat_dir(path: str | Path, limit: int | None = None) -> tuple[list[GoldDoc], list[str]]:
    """Annotated articles of a BRAT folder in name order, and the names of those skipped
    because their ``.ann`` is empty or missing. ``limit`` caps the annotated ones."""
    folder = Path(path)
    docs: list[GoldDoc] = []
    skipped: list[str] = []
    for txt in sorted(folder.glob("*.txt")):
        ann_text = _annotation(folder, txt.stem)
        if not ann_text.strip():
            skipped.append(txt.stem)
            continue
        if limit is not None and len(docs) >= limit:
            continue  # go on listing the unannotated ones
        with txt.open(encoding="utf-8", newline="") as fh:  # offsets count CRLF as two
            text = fh.read()
        triggers, locations = gold_from_ann(ann_text)
        docs.append(GoldDoc(txt.stem, text, date_from_name(txt.stem), triggers, locations))
    return docs, skipped


def _annotation(folder: Path, stem: str) -> str:
    """The first non-empty ``STEM.ann`` beside the text or in a sub-folder of it (the AFP set
    keeps 75 annotations, with broad classes but no CAMEO labels, in ``not_updated/``)."""
    for ann in [folder / f"{stem}.ann", *sorted(folder.glob(f"*/{stem}.ann"))]:
        if ann.is_file():
            text = ann.read_text(encoding="utf-8")
            if text.strip():
                return text
    return ""


# -- predictions -----------------------------------------------------------------------
@dataclass
class PredEvent:
    spans: list[Range]  # the trigger first, then other mentions
    cls: str | None
    actor: Range | None = None
    recipient: Range | None = None
    type: str = ""
    cameo: str | None = None
    rule: str | None = None  # the trigger rule that found it (``--by-rule``)
    # a merged mention's own (actor, recipient) spans, found in its own sentence, by its span
    own: dict[Range, tuple[Range | None, Range | None]] = field(default_factory=dict)

    def args_at(self, gold: Sequence[Range]) -> tuple[Range | None, Range | None]:
        """The (actor, recipient) to score against a gold trigger: those of the first of this
        event's trigger spans that overlaps it when that is a merged mention with arguments of
        its own (the scheme links each trigger's own source and target words), else the
        event's. A role the mention lacks falls back to the event's."""
        hit = next((s for s in self.spans if overlaps(gold, [s])), None)
        if hit is None or hit == self.spans[0] or hit not in self.own:
            return self.actor, self.recipient
        actor, recipient = self.own[hit]
        return actor or self.actor, recipient or self.recipient


def _range(arg: dict[str, Any] | None) -> Range | None:
    return (arg["start"], arg["end"]) if arg else None


def predicted(adoc_dict: dict[str, Any]) -> tuple[list[PredEvent], list[list[Range]]]:
    """Events and non-metonymic place spans of one processed article (``ArticleDoc.to_dict``)."""
    events = []
    for e in adoc_dict.get("events", []):
        spans = [(e["trigger"]["start"], e["trigger"]["end"])]
        spans += [(m["start"], m["end"]) for m in e.get("mentions", []) if (m["start"], m["end"]) not in spans]
        actor, recipient = e.get("actor"), e.get("recipient")
        own = {
            (m["start"], m["end"]): (_range(m.get("actor")), _range(m.get("recipient")))
            for m in e.get("mentions", []) if m.get("actor") or m.get("recipient")
        }
        events.append(PredEvent(
            spans, PLOVER_CLASS.get(e.get("event", "")), _range(actor), _range(recipient),
            e.get("event", ""), e.get("cameo") or None, e.get("_rule"), own,
        ))
    places = [[(p["span"]["start"], p["span"]["end"])] for p in adoc_dict.get("places", [])
              if not p.get("metonymy")]
    return events, places


# -- scoring ---------------------------------------------------------------------------
def _span_counts(gold: Sequence[Sequence[Range]], pred: Sequence[Sequence[Range]]) -> Counter:
    c: Counter = Counter()
    c["gold"] += len(gold)
    c["pred"] += len(pred)
    c["gold_matched"] += sum(1 for g in gold if any(overlaps(g, p) for p in pred))
    c["pred_matched"] += sum(1 for p in pred if any(overlaps(g, p) for g in gold))
    return c


def score_doc(gold: Sequence[GoldTrigger], locations: Sequence[Sequence[Range]],
              events: Sequence[PredEvent], places: Sequence[Sequence[Range]]) -> dict[str, Counter]:
    """Counts for one article; :func:`summarise` turns summed counts into scores."""
    out: dict[str, Counter] = {
        "triggers": _span_counts([g.spans for g in gold], [e.spans for e in events]),
        "locations": _span_counts(locations, places),
        "args": Counter(), "classes": Counter(),
    }
    args, classes = out["args"], out["classes"]
    for g in gold:
        best = max(events, key=lambda e: overlaps(g.spans, e.spans), default=None)
        if best is None or not overlaps(g.spans, best.spans):
            continue
        actor, recipient = best.args_at(g.spans)
        for role, golds, span in (("source", g.sources, actor), ("target", g.targets, recipient)):
            if not golds:
                continue
            args[f"{role}_total"] += 1
            if span is None:
                args[f"{role}_missing"] += 1
            elif any(overlaps(s, [span]) for s in golds):
                args[f"{role}_correct"] += 1
        if g.cls:
            classes["matched_with_class"] += 1
            classes["class_correct"] += best.cls == g.cls
        if g.cameo:
            # CAMEO root (two digits): the finest level both sides share reliably
            classes["matched_with_cameo"] += 1
            classes["cameo_root_correct"] += bool(best.cameo) and (best.cameo or "")[:2] == g.cameo[:2]
    for cls in BROAD_CLASSES:
        g_c = [g.spans for g in gold if g.cls == cls]
        p_c = [e.spans for e in events if e.cls == cls]
        for k, v in _span_counts(g_c, p_c).items():
            classes[f"{cls}:{k}"] += v
    return out


def trigger_errors(doc: GoldDoc, events: Sequence[PredEvent]) -> tuple[list[str], list[str]]:
    """Texts of the gold triggers no prediction overlaps (missing) and of the predicted
    events that overlap no gold trigger (extra, with their PLOVER type)."""
    text = doc.text
    missing = [g.text for g in doc.triggers if not any(overlaps(g.spans, e.spans) for e in events)]
    extra = [f"{e.type} '{text[e.spans[0][0]:e.spans[0][1]]}'" for e in events
             if not any(overlaps(g.spans, e.spans) for g in doc.triggers)]
    return missing, extra


def summarise(counts: Iterable[dict[str, Counter]]) -> dict[str, Any]:
    """Sum per-article counts into the report (P/R/F1 dicts and accuracies)."""
    tot: dict[str, Counter] = {"triggers": Counter(), "locations": Counter(), "args": Counter(),
                               "classes": Counter()}
    n = 0
    for c in counts:
        n += 1
        for k in tot:
            tot[k].update(c.get(k, Counter()))

    def acc(correct: int, total: int) -> float | None:
        return round(correct / total, 4) if total else None

    a, cl = tot["args"], tot["classes"]
    result: dict[str, Any] = {
        "articles": n,
        "triggers": prf(tot["triggers"]["pred_matched"], tot["triggers"]["pred"],
                        tot["triggers"]["gold_matched"], tot["triggers"]["gold"]),
        "locations": prf(tot["locations"]["pred_matched"], tot["locations"]["pred"],
                         tot["locations"]["gold_matched"], tot["locations"]["gold"]),
    }
    for role in ("source", "target"):
        correct, total, missing = a[f"{role}_correct"], a[f"{role}_total"], a[f"{role}_missing"]
        result[role] = {"accuracy": acc(correct, total), "correct": correct, "total": total,
                        "missing": missing, "accuracy_when_predicted": acc(correct, total - missing)}
    result["class_accuracy"] = {"accuracy": acc(cl["class_correct"], cl["matched_with_class"]),
                                "correct": cl["class_correct"], "total": cl["matched_with_class"]}
    result["cameo_root_accuracy"] = {"accuracy": acc(cl["cameo_root_correct"], cl["matched_with_cameo"]),
                                     "correct": cl["cameo_root_correct"], "total": cl["matched_with_cameo"]}
    result["per_class"] = {
        cls: prf(cl[f"{cls}:pred_matched"], cl[f"{cls}:pred"], cl[f"{cls}:gold_matched"], cl[f"{cls}:gold"])
        for cls in BROAD_CLASSES
    }
    return result


# -- running ---------------------------------------------------------------------------
def predict(docs: Sequence[GoldDoc], pipeline: Any = None, full: bool = False,
            lang: str = "es") -> list[dict[str, Any]]:
    """Run the pipeline on each article (in ``lang``, dated from its file name); one dict per
    article, ``{}`` for a rejected one. Unless ``full``, only :data:`SCORED_STAGES` run."""
    from cronica.errors import Rejection
    from cronica.model import Article
    from cronica.pipeline import Pipeline

    if pipeline is None:
        # dates and quotes cannot change these scores; skipping them saves time
        pipeline = Pipeline(only=None if full else SCORED_STAGES)
    articles = [Article(id=d.id, text=d.text, lang=lang, date=d.date, origin=d.id) for d in docs]
    return [{} if isinstance(r, Rejection) else _with_rules(r) for r in pipeline.pipe(articles)]


def _with_rules(adoc: Any) -> dict[str, Any]:
    """``adoc.to_dict()`` with each event's trigger rule id under ``_rule`` (eval only)."""
    out = adoc.to_dict()
    for e, ev in zip(out["events"], getattr(adoc, "events", []), strict=False):
        e["_rule"] = ev.rule
    return out


def by_rule(docs: Sequence[GoldDoc], outputs: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Predicted triggers that overlap a gold trigger (tp) or none (fp), per trigger rule,
    worst precision first."""
    counts: dict[str, Counter] = {}
    for d, out in zip(docs, outputs, strict=True):
        for e in predicted(out)[0]:
            hit = any(overlaps(g.spans, e.spans) for g in d.triggers)
            counts.setdefault(e.rule or "-", Counter())["tp" if hit else "fp"] += 1
    rows = {r: {"tp": c["tp"], "fp": c["fp"], "precision": round(c["tp"] / (c["tp"] + c["fp"]), 4)}
            for r, c in counts.items()}
    return dict(sorted(rows.items(), key=lambda kv: (kv[1]["precision"], -kv[1]["fp"], kv[0])))


def evaluate(docs: Sequence[GoldDoc], outputs: Sequence[dict[str, Any]],
             errors: int = 0) -> dict[str, Any]:
    """Scores over all articles; with ``errors``, the articles with the most trigger errors
    under ``'errors'`` (id, missing gold triggers, extra predictions)."""
    counts = []
    worst = []
    for d, out in zip(docs, outputs, strict=True):
        events, places = predicted(out)
        counts.append(score_doc(d.triggers, d.locations, events, places))
        if errors:
            missing, extra = trigger_errors(d, events)
            worst.append({"id": d.id, "missing": missing, "extra": extra})
    result = summarise(counts)
    if errors:
        worst.sort(key=lambda w: -(len(w["missing"]) + len(w["extra"])))
        result["errors"] = worst[:errors]
    return result


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="DIR", help="folder of BRAT .txt/.ann pairs")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="score only the first N annotated articles")
    p.add_argument("--full", action="store_true",
                   help="run every stage (default: actors, events, place, which the score uses)")
    p.add_argument("--errors", type=int, default=0, metavar="N",
                   help="list missed and extra triggers of the N articles with the most errors")
    p.add_argument("--attribution", action="store_true",
                   help="score quotes and sources on attribution gold (Source/Cue/Content, "
                        "PolNeAR layout DIR/text + DIR/attributions)")
    p.add_argument("--by-rule", action="store_true",
                   help="count true and false positive triggers per trigger rule")
    p.add_argument("--lang", choices=("es", "en"), default=None,
                   help="language of the articles (default es; en with --attribution)")
    p.add_argument("--part", choices=("fit", "check", "all"), default="all",
                   help="score one part of the fit/check split on the article id (default all)")


def run(args: argparse.Namespace) -> int:
    if not Path(args.path).is_dir():
        print(f"cronica eval brat: not a folder: {args.path}", file=sys.stderr)
        return 2
    if args.attribution:
        res = brat_attribution.evaluate_dir(args.path, args.lang or "en", args.limit)
        print(json.dumps(res, indent=2) if args.json else brat_attribution.format_report(res, args.path))
        return 0
    docs, skipped = read_brat_dir(args.path, None)
    docs = select(docs, lambda d: d.id, args.part)[: args.limit] if args.limit else select(
        docs, lambda d: d.id, args.part)
    if not docs:
        print(f"cronica eval brat: {args.path}: no annotated article read (.txt with a "
              f"non-empty .ann){' in part ' + args.part if args.part != 'all' else ''}",
              file=sys.stderr)
        return 2
    outputs = predict(docs, full=args.full, lang=args.lang or "es")
    result = evaluate(docs, outputs, errors=args.errors)
    result["skipped_unannotated"] = len(skipped)
    if getattr(args, "by_rule", False):
        result["by_rule"] = by_rule(docs, outputs)
    if args.json:
        print(json.dumps({**result, "skipped": skipped}, indent=2))
    else:
        print(format_report(result, args.path))
        if "by_rule" in result:
            from cronica.evaluate.events import format_by_rule

            print(format_by_rule(result["by_rule"]))
    return 0


def format_report(result: dict[str, Any], path: str) -> str:
    def row(name: str, m: dict[str, Any]) -> str:
        return (f"{name:<22} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"
                f"  (pred {m['pred_matched']}/{m['pred']}, gold {m['gold_matched']}/{m['gold']})")

    def acc(name: str, m: dict[str, Any]) -> str:
        a = "n/a" if m["accuracy"] is None else f"{m['accuracy']:.3f}"
        extra = ""
        if "missing" in m:
            wp = m["accuracy_when_predicted"]
            extra = (f"; none predicted {m['missing']}; when predicted "
                     f"{'n/a' if wp is None else f'{wp:.3f}'}")
        return f"{name:<22} {a}  ({m['correct']}/{m['total']}{extra})"

    lines = [f"brat: {path} ({result['articles']} annotated articles, "
             f"{result.get('skipped_unannotated', 0)} unannotated skipped); matching by span overlap",
             row("triggers", result["triggers"]), row("locations", result["locations"]),
             "on matched triggers (accuracy):",
             acc("  source", result["source"]), acc("  target", result["target"]),
             acc("  broad class", result["class_accuracy"]),
             acc("  CAMEO root", result["cameo_root_accuracy"]), "per broad class:"]
    lines += [row("  " + cls, m) for cls, m in result["per_class"].items()]
    for w in result.get("errors", []):
        lines.append(f"- {w['id']}: missing {len(w['missing'])}, extra {len(w['extra'])}")
        lines.append("    missing: " + "; ".join(w["missing"]))
        lines.append("    extra:   " + "; ".join(w["extra"]))
    return "\n".join(lines)
