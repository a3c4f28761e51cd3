"""Share of the BRAT AFP gold triggers at which the pipeline puts an event, on one part.

The held-out twin of the "event at gold trigger" line of ``cronica eval attribution``: it
runs the events stage over the annotated articles of ``brat_es_afp/`` of one part of the
fit/check split (:mod:`cronica.evaluate.split`) and counts the gold triggers (any class)
that an event or a secondary event word overlaps (its trigger or another mention), as the
attribution eval does. It also counts the predicted events and secondary words that
overlap no gold trigger (the BRAT gold is not exhaustive, so this is only an upper bound
on the extra ones).

``--part fit`` lists the missed triggers (``--missed``) with the head word's lemma, part of
speech and dependency and the word governing it, grouped so that kinds of misses can be
read (nouns, participles, light verbs, infinitives under a governing verb).
``--part check`` prints the totals only: the words of the check part are not for reading.

Usage: python scripts/brat_trigger_recall.py ../shared/eval/brat_es_afp [--part fit|check]
       [--missed] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any

from cronica.evaluate.brat import read_brat_dir
from cronica.evaluate.split import part_of
from cronica.stages.nlp.syntax import dep

Range = tuple[int, int]


def _ov(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def event_ranges(out: dict[str, Any]) -> list[Range]:
    """Trigger and mention spans of every event and secondary event word."""
    rs: list[Range] = []
    for e in [*out.get("events", []), *out.get("secondary_events", [])]:
        rs.append((e["trigger"]["start"], e["trigger"]["end"]))
        rs += [(m["start"], m["end"]) for m in e.get("mentions") or []]
    return rs


def describe(doc: Any, spans: list[Range]) -> str:
    """Head lemma/pos/dep of the gold span and the lemma of its governor."""
    span = doc.char_span(spans[0][0], spans[0][1], alignment_mode="expand")
    if span is None or not len(span):
        return "-"
    tops = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    h = (tops or list(span))[0]
    return f"{h.lemma_}/{h.pos_}/{dep(h)} <- {h.head.lemma_}/{h.head.pos_}"


def why(coder: Any, doc: Any, spans: list[Range]) -> str:
    """Why no event: 'lexicon' (no pattern starts in the span), the id of the trigger filter
    that removed the candidate, or 'later' (found, then folded or dropped by the coder)."""
    trace: list[tuple[str, int]] = []
    found = coder.find_triggers(doc, trace)
    idx = set()
    for a, b in spans:
        span = doc.char_span(a, b, alignment_mode="expand")
        idx.update(t.i for t in span or ())
    if any(m.head in idx or m.start in idx for m in found):
        return "later"
    hit = [rule for rule, i in trace if i in idx]
    return hit[0] if hit else "lexicon"


def main(argv: list[str] | None = None) -> int:
    from cronica.model import Article
    from cronica.pipeline import Pipeline

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("brat_dir")
    p.add_argument("--part", choices=("fit", "check"), default="fit")
    p.add_argument("--missed", action="store_true", help="list the missed triggers (fit only)")
    p.add_argument("--limit", type=int, default=None)
    args = p.parse_args(argv)
    docs, _ = read_brat_dir(args.brat_dir)
    docs = [d for d in docs if part_of(d.id) == args.part][: args.limit]
    pipe = Pipeline(only=("actors", "events"))
    coder = next(s for s in pipe.stages("es") if s.name == "events")
    arts = [Article(id=d.id, text=d.text, lang="es", date=d.date, origin=d.id, source="AFP")
            for d in docs]
    n_gold = n_hit = n_pred = n_extra = 0
    kinds: Counter = Counter()
    missed: list[str] = []
    for d, r in zip(docs, pipe.pipe(arts), strict=True):
        out = r.to_dict() if hasattr(r, "to_dict") else {}
        rs = event_ranges(out)
        for g in d.triggers:
            n_gold += 1
            if any(_ov(s, r_) for s in g.spans for r_ in rs):
                n_hit += 1
            elif args.part == "fit" and args.missed:
                doc = getattr(r, "doc", None)
                desc = describe(doc, g.spans) if doc is not None else "-"
                desc += "\t" + why(coder, doc, g.spans) if doc is not None else ""
                kinds[desc.split("/")[1] if desc != "-" else "-"] += 1
                missed.append(f"{d.id}\t{g.text!r}\t{g.cls}\t{g.cameo or '-'}\t{desc}")
        gold_spans = [s for g in d.triggers for s in g.spans]
        for r_ in rs:
            n_pred += 1
            n_extra += not any(_ov(r_, s) for s in gold_spans)
    print(f"# {args.part} articles {len(docs)}; gold triggers {n_gold}; with an event {n_hit} "
          f"({n_hit / max(n_gold, 1):.3f}); predicted spans {n_pred}, on no gold trigger {n_extra}",
          file=sys.stderr)
    if args.part == "fit" and args.missed:
        print("# missed by head part of speech: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
        print("\n".join(missed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
