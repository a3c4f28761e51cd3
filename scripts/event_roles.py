"""Event errors of one event gold file by the grammatical role of the predicted trigger.

A research aid for the protest eval (docs/benchmarks.md, section protest10); read *fit*
errors with it, never *check* ones. For every record it runs the actors and events stages
as ``cronica eval events`` does and matches events the same way (a multiset of merged types
per record), then prints:

- true and false positives by the role of the trigger in its sentence: the main clause (or
  what a reporting verb reports), a noun inside a prepositional phrase, an adverbial clause
  (temporal, gerund, manner), a purpose clause ('para' + infinitive), a relative or
  adnominal clause, a complement clause, a verb complement, a participle modifying a noun;
  each false positive by record class: the gold has another type there (wrong type), it
  sits beside a right event (beside), or the gold codes nothing (empty gold);
- missed gold events by whether the gold codes one event or several in the record, and by
  what was predicted there;
- how many false positives lie in a sentence of the record other than the one holding the
  gold trigger (a record's text may run over several sentences; the gold codes one);
- the same figures scored by the *set* of merged types per record, for comparison only
  (the eval scores the multiset; this is not the metric).

    python scripts/event_roles.py ../shared/eval/events_es_protest.jsonl --merge PROTEST,MOBILIZE --part fit
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from typing import Any

from cronica.evaluate.events import (
    gold_events,
    match_events,
    parse_merge,
    predicted_events,
    read_gold,
    record_key,
)
from cronica.evaluate.split import select
from cronica.stages.nlp.syntax import dep

SPEECH = frozenset(
    "decir informar indicar afirmar señalar asegurar anunciar explicar precisar agregar añadir "
    "subrayar declarar denunciar comentar sostener revelar confirmar estimar reportar destacar "
    "manifestar recordar advertir say tell report state announce add claim".split()
)


def role(doc: Any, i: int | None) -> str:
    """The grammatical role of the trigger headed by token ``i`` (see the module doc)."""
    if i is None:
        return "none"
    tok = doc[i]
    noun = tok.pos_ in ("NOUN", "PROPN")
    if (tok.pos_ == "VERB" and dep(tok) in ("amod", "acl") and tok.head.pos_ in ("NOUN", "PROPN")
            and "Part" in tok.morph.get("VerbForm")):
        return "participle modifying a noun"
    cur, in_pp = tok, False
    for _ in range(10):  # up the nominal chain to the clause's verb
        if cur.pos_ in ("VERB", "AUX") or dep(cur) == "ROOT" or cur.head.i == cur.i:
            break
        in_pp = in_pp or (noun and dep(cur) in ("obl", "nmod"))
        cur = cur.head
    while dep(cur) == "conj" and cur.head.i != cur.i:
        cur = cur.head
    d = dep(cur)
    marks = {c.lower_ for c in cur.children if dep(c) in ("mark", "case")}
    if d == "ROOT":
        base = "main clause"
    elif d in ("ccomp", "parataxis") and cur.head.lemma_.lower() in SPEECH:
        base = "main clause (reported)"
    elif d in ("ccomp", "csubj"):
        base = "complement clause"
    elif d == "advcl" or (d == "xcomp" and marks & {"para", "a"}):
        base = "purpose clause" if "para" in marks else "adverbial clause"
    elif d in ("acl", "acl:relcl"):
        base = "relative/adnominal clause"
    elif d == "xcomp":
        base = "verb complement"
    else:
        base = "other"
    return f"noun in a PP, {base}" if noun and in_pp else base


def main(argv: list[str] | None = None) -> int:
    from cronica.errors import Rejection
    from cronica.model import Article
    from cronica.pipeline import Pipeline

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("gold")
    p.add_argument("--merge", default="")
    p.add_argument("--part", choices=("fit",), default="fit", help="fit only: check is not read")
    args = p.parse_args(argv)
    merge = parse_merge(args.merge)
    records = select(read_gold(args.gold), record_key, args.part)
    pipe = Pipeline(only=("actors", "events"))
    arts = [Article(id=str(r.get("id", n)), text=r.get("text") or "", lang=r.get("lang"),
                    date=r.get("date"), origin=f"record {n + 1}") for n, r in enumerate(records)]
    roles: dict[str, Counter] = defaultdict(Counter)
    missed: Counter = Counter()
    sentences: Counter = Counter()
    set_counts: Counter = Counter()
    for res, rec in zip(pipe.pipe(arts), records, strict=True):
        if isinstance(res, Rejection):
            continue
        kept = [e for e in res.events if e.aux_mode != "negation" and not e.embedded_in]
        pred = predicted_events(res.to_dict(), False, [e.rule for e in res.events])
        gold = gold_events(rec)
        pairs, lost, extra = match_events(gold, pred, merge)
        cls = "empty gold" if not gold else ("wrong type" if lost and extra else "beside")
        sents = list(res.doc.sents)
        gold_sents = set()
        for g in gold:
            at = rec["text"].find(g.trigger[:30]) if g.trigger else -1
            gold_sents.update(n for n, s in enumerate(sents) if at >= 0 and s.start_char <= at < s.end_char)
        for ev, e in zip(pred, kept, strict=True):
            ok = any(ev is q for _, q in pairs)
            r = role(res.doc, e.head)
            roles[r]["tp" if ok else "fp"] += 1
            if not ok:
                roles[r][cls] += 1
                other = len(sents) > 1 and gold_sents and e.trigger.sentence not in gold_sents
                sentences["fp in another sentence" if other else "fp in the gold's sentence"] += 1
        for g in lost:
            what = "another type predicted" if extra else ("its other gold event matched" if pairs else "nothing predicted")
            missed[("several gold events" if len(gold) > 1 else "one gold event",
                    merge.get(g.type, g.type), what)] += 1
        gs = {merge.get(g.type, g.type) for g in gold}
        ps = {merge.get(q.type, q.type) for q in pred}
        set_counts.update(tp=len(gs & ps), fp=len(ps - gs), fn=len(gs - ps))
    print(f"{'role of the predicted trigger':<44}{'tp':>4}{'fp':>4}{'wrong type':>11}{'beside':>8}{'empty gold':>11}")
    for r, c in sorted(roles.items(), key=lambda kv: -(kv[1]["tp"] + kv[1]["fp"])):
        print(f"{r:<44}{c['tp']:>4}{c['fp']:>4}{c['wrong type']:>11}{c['beside']:>8}{c['empty gold']:>11}")
    print("\nmissed gold events (record, merged gold type, what was predicted there):")
    for k, v in missed.most_common():
        print(f"{v:>4}  {' / '.join(k)}")
    print("\n" + ", ".join(f"{k} {v}" for k, v in sorted(sentences.items())))
    tp, fp, fn = set_counts["tp"], set_counts["fp"], set_counts["fn"]
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    print(f"scored by the set of types per record (comparison only): tp {tp}, fp {fp}, fn {fn}, F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
