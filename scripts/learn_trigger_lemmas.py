"""Trigger words the Spanish lexicon misses, counted on the *fit* part of the BRAT AFP gold.

Reads every annotated article of ``brat_es_afp/`` whose id falls in the *fit* part
(:mod:`cronica.evaluate.split`), parses it with the Spanish model the pipeline uses and, for
each gold trigger that no lexicon pattern (nor a derived word) covers, takes its head word
(the token of the span whose syntactic head lies outside it; a noun or verb). It counts, per
folded lemma and part of speech:

- ``trig``: uncovered gold triggers headed by it;
- ``seen``: all its occurrences in the same articles (how often it is *not* a trigger);
- the BRAT classes and CAMEO codes of those triggers.

and prints the rows with ``trig >= --min-count`` and ``trig / seen >= --min-share``, most
frequent first, as TSV (lemma, pos, trig, seen, share, classes, cameo codes). The rows are
candidates: each one kept in ``data/es/event_triggers.tsv`` gets its PLOVER type from its
CAMEO code or, for broad-class triggers, from the CAMEO definition of the word (see the
comment above the rows there). The candidates are read on the *fit* part only;
``--part check`` prints nothing but the coverage total of the *check* part (how many of its
gold triggers the lexicon covers), a held-out measure of how far the lexicon generalises.

``--jsonl FILE`` (repeatable) adds the fit records of an events gold file
(``events_es_protest.jsonl``, ``events_es_fight.jsonl``: one sentence each, trigger words
with their PLOVER type; split by :func:`cronica.evaluate.events.record_key`); their rows
count the PLOVER type in the classes column.

Usage: python scripts/learn_trigger_lemmas.py ../shared/eval/brat_es_afp [--min-count 2]
       [--min-share 0.3] [--part fit|check] [--jsonl ../shared/eval/events_es_protest.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from cronica.evaluate.brat import read_brat_dir
from cronica.evaluate.events import record_key
from cronica.evaluate.split import part_of
from cronica.stages.events.lexicon import lexicon
from cronica.stages.language.fold import fold
from cronica.stages.nlp.models import load_nlp

POS = {"VERB": "V", "AUX": "V", "NOUN": "N", "ADJ": "V", "PROPN": "N"}


@dataclass
class Trigger:
    spans: list[tuple[int, int]]
    cls: str | None
    cameo: str | None = None


@dataclass
class Text:
    id: str
    text: str
    triggers: list[Trigger] = field(default_factory=list)


def read_jsonl(path: str) -> list[Text]:
    """The records of an events gold file as texts whose triggers are located by their
    words (the first occurrence not yet taken); the class is the PLOVER type."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        t = Text(record_key(rec), rec["text"])
        for ev in rec.get("events", []):
            word = ev.get("trigger") or ""
            at = rec["text"].find(word) if word else -1
            if at >= 0:
                t.triggers.append(Trigger([(at, at + len(word))], ev.get("event"), ev.get("cameo")))
        out.append(t)
    return out


def head_of(doc, start: int, end: int):
    """The token of a character span whose head lies outside it (a noun or verb first)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tops = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    tops = tops or list(span)
    pref = [t for t in tops if t.pos_ in ("VERB", "NOUN")]
    return (pref or tops)[0]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("brat_dir")
    p.add_argument("--min-count", type=int, default=2)
    p.add_argument("--min-share", type=float, default=0.3)
    p.add_argument("--part", choices=("fit", "check"), default="fit")
    p.add_argument("--jsonl", action="append", default=[], help="an events gold file to add")
    args = p.parse_args(argv)
    brat, _ = read_brat_dir(args.brat_dir)
    docs: list = [*brat, *(t for path in args.jsonl for t in read_jsonl(path))]
    docs = [d for d in docs if part_of(d.id) == args.part]
    nlp = load_nlp("es")
    lex = lexicon("es")
    trig: Counter = Counter()
    seen: Counter = Counter()
    classes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    codes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    covered_n = total_n = 0
    for d in docs:
        doc = nlp(d.text)
        covered = set()
        for i in range(len(doc)):
            m = lex.match(doc, i)
            if m is not None:
                covered.update(range(m.start, m.end))
        for t in doc:
            if t.pos_ in POS:
                seen[(fold(t.lemma_.split()[0]) if t.lemma_ else "", POS[t.pos_])] += 1
        for g in d.triggers:
            total_n += 1
            toks = [doc.char_span(a, b, alignment_mode="expand") for a, b in g.spans]
            if any(s is not None and any(t.i in covered for t in s) for s in toks):
                covered_n += 1
                continue
            h = head_of(doc, *g.spans[0])
            if h is None or h.pos_ not in POS:
                continue
            key = (fold(h.lemma_.split()[0]), POS[h.pos_])
            trig[key] += 1
            classes[key][g.cls or "-"] += 1
            if g.cameo:
                codes[key][g.cameo] += 1
    print(f"# {args.part} articles {len(docs)}; gold triggers {total_n}; covered by the lexicon "
          f"{covered_n} ({covered_n / max(total_n, 1):.3f})", file=sys.stderr)
    if args.part != "fit":
        return 0  # only the total: the words of the check part are not for reading
    print("lemma\tpos\ttrig\tseen\tshare\tclasses\tcameo")
    for key, n in trig.most_common():
        share = n / max(seen[key], n)
        if n < args.min_count or share < args.min_share:
            continue
        cls = ",".join(f"{c}:{k}" for c, k in classes[key].most_common())
        cam = ",".join(f"{c}:{k}" for c, k in codes[key].most_common())
        print(f"{key[0]}\t{key[1]}\t{n}\t{seen[key]}\t{share:.2f}\t{cls}\t{cam}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
