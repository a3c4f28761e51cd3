"""What the protest eval can reward, and whether a learned chooser of a sentence's event would.

A research aid for the protest eval (docs/benchmarks.md, section protest11); read *fit*
records with it, never *check* ones. It prints:

1. what the gold of each file holds besides event types: how many events carry actor or
   recipient codes and how many a mode (the events eval matches by type only, a multiset
   per record; codes are scored only on type-matched events, modes never);
2. the ceiling of choosing among a sentence's events: the F1 if, in every record with two
   or more predicted events, the subset that scores best were kept (an oracle);
3. a learned chooser by grouped cross-validation on *fit* (5 folds by document, 3 fold
   salts): for every event of a sentence with two or more countable events, a logistic
   regression over language-independent features (merged type, mode, aux mode, confidence
   and its gap to the sentence's strongest, evidence, actor and recipient sector, how many
   events, whether another protest or another event of the same type stands beside it,
   whether it comes first, its number of mentions) gives the probability that the gold
   codes it; an event below the threshold is dropped, the sentence's best-scored event
   never. With ``--guard`` the chooser never drops what the PLOVER manual codes as an event
   of its own beside a protest: an event with both sides coded, a material act (ASSAULT,
   FIGHT, COERCE, PROTEST, MOBILIZE) with a coded actor.

Trained on the fit parts of the protest, fight and 1018 files pooled. Needs the ``train``
extra (scikit-learn).

    python scripts/protest_chooser.py ../shared/eval [--guard]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from cronica.errors import Rejection
from cronica.evaluate import events as ev
from cronica.evaluate.split import select
from cronica.model import Article
from cronica.pipeline import Pipeline

FILES = {
    "protest": ("events_es_protest.jsonl", "PROTEST,MOBILIZE"),
    "fight": ("events_es_fight.jsonl", ""),
    "1018": ("events_es_1018.jsonl", "PROTEST,MOBILIZE"),
}
MERGE = {"MOBILIZE": "PROTEST"}
MATERIAL = frozenset({"ASSAULT", "FIGHT", "COERCE", "PROTEST", "MOBILIZE"})
GRID = [(c, t) for c in (0.1, 0.3, 1.0) for t in (0.3, 0.4, 0.5)]
SALTS = ("a", "b", "c")


def gold_audit(path: Path) -> dict[str, int]:
    """Events of a gold file, and how many carry codes or a mode."""
    n = codes = modes = 0
    for rec in ev.read_gold(str(path)):
        for e in rec.get("events", []):
            n += 1
            codes += bool(e.get("source_code") or e.get("target_code"))
            modes += bool(e.get("mode"))
    return {"events": n, "with actor or recipient code": codes, "with a mode": modes}


Row = tuple[dict[str, Any], list[ev.Ev], list[ev.Ev], list[dict[str, Any]]]


def run_part(path: Path) -> list[Row]:
    """(record, gold, predicted Ev, predicted event dicts) for every fit record."""
    recs = select(ev.read_gold(str(path)), ev.record_key, "fit")
    pipe = Pipeline(only=ev.SCORED_STAGES)
    arts = [Article(id=str(r.get("id", n)), text=r.get("text") or "", lang=r.get("lang"),
                    date=r.get("date"), origin=f"record {n + 1}") for n, r in enumerate(recs)]
    out: list[Row] = []
    for rec, res in zip(recs, pipe.pipe(arts), strict=True):
        if isinstance(res, Rejection):
            out.append((rec, ev.gold_events(rec), [], []))
            continue
        d = res.to_dict()
        kept = [e for e in d["events"]
                if e.get("aux_mode") != "negation" and not e.get("embedded_in")]
        out.append((rec, ev.gold_events(rec), ev.predicted_events(d), kept))
    return out


def _sector(arg: dict[str, Any] | None) -> str:
    if not arg:
        return "none"
    code = ((arg.get("codes") or [arg.get("code")]) or [None])[0] or ""
    return code[-3:] if code else "nocode"


def features(e: dict[str, Any], group: list[dict[str, Any]]) -> dict[str, float]:
    """Language-independent features of one event among its sentence's events."""
    t = MERGE.get(e["event"], e["event"])
    top = max(g["confidence"] for g in group)
    types = [MERGE.get(g["event"], g["event"]) for g in group]
    f = {f"type={t}": 1.0, f"mode={e.get('mode')}": 1.0, f"aux={e.get('aux_mode')}": 1.0,
         f"evidence={e.get('evidence')}": 1.0, "actor=" + _sector(e.get("actor")): 1.0,
         "recipient=" + _sector(e.get("recipient")): 1.0, "confidence": e["confidence"],
         "gap": e["confidence"] - top, "top": float(e["confidence"] >= top), "n": len(group),
         "mentions": len(e.get("mentions") or []),
         "first": float(e["trigger"]["start"] == min(g["trigger"]["start"] for g in group)),
         "protest beside": float(any(tt == "PROTEST" for g, tt in zip(group, types, strict=True)
                                     if g is not e)),
         "same type beside": float(types.count(t) > 1)}
    f[f"type={t}&top={f['top']}"] = 1.0
    return f


def guarded(e: ev.Ev) -> bool:
    """An event the PLOVER manual codes beside a protest: dyadic, or a material act by a
    coded actor."""
    return bool(e.actor and e.recipient) or (e.type in MATERIAL and bool(e.actor))


def candidates(rows: list, merge: dict[str, str]) -> list[tuple[str, list]]:
    """Per record: its document id and its candidates (Ev, features, label, sentence)."""
    out = []
    for rec, gold, pred, kept in rows:
        _, _, extra = ev.match_events(gold, pred, merge)
        wrong = {id(e) for e in extra}
        by_sentence: dict[int, list] = defaultdict(list)
        for e, d in zip(pred, kept, strict=True):
            by_sentence[d["trigger"]["sentence"]].append((e, d))
        cands = []
        for s, grp in by_sentence.items():
            if len(grp) > 1:
                dicts = [d for _, d in grp]
                key = (str(rec.get("id")), s)
                cands += [(e, features(d, dicts), int(id(e) not in wrong), key) for e, d in grp]
        out.append((str(rec.get("doc_id") or rec.get("id")), cands))
    return out


def oracle(rows: list, merge: dict[str, str]) -> dict[str, Any]:
    """Score with the best subset of the predicted events kept in every record with two or more."""
    triples = []
    for rec, gold, pred, _ in rows:
        best = pred
        if len(pred) > 1:
            subsets = (list(s) for k in range(len(pred), 0, -1)
                       for s in itertools.combinations(pred, k))
            best = max(subsets, key=lambda s: _gain(gold, s, merge))
        triples.append((rec["id"], gold, best))
    return ev.score(triples, merge)


def _gain(gold: list[ev.Ev], pred: list[ev.Ev], merge: dict[str, str]) -> int:
    pairs, _, extra = ev.match_events(gold, pred, merge)
    return 2 * len(pairs) - len(extra)


def _fold(doc: str, salt: str) -> int:
    return int(hashlib.sha1((salt + doc).encode()).hexdigest(), 16) % 5


def cross_validate(data: dict, c: float, t: float, salt: str, guard: bool) -> dict[str, Any]:
    """F1 per file with the chooser's drops made by models that did not see the document."""
    pooled = [(doc, cands) for rows, merge, cands_by in data.values() for doc, cands in cands_by]
    drops: set[int] = set()
    dropped: Counter = Counter()
    for k in range(5):
        train = [cd for doc, cands in pooled if _fold(doc, salt) != k for cd in cands]
        test = [cd for doc, cands in pooled if _fold(doc, salt) == k for cd in cands]
        if not test or len({y for _, _, y, _ in train}) < 2:
            continue
        vec = DictVectorizer()
        model = LogisticRegression(C=c, max_iter=2000).fit(
            vec.fit_transform([f for _, f, _, _ in train]), [y for _, _, y, _ in train])
        probs = model.predict_proba(vec.transform([f for _, f, _, _ in test]))[:, 1]
        top: dict[tuple[str, int], float] = defaultdict(float)
        for (_, _, _, key), p in zip(test, probs, strict=True):
            top[key] = max(top[key], p)
        for (e, _, y, key), p in zip(test, probs, strict=True):
            # the sentence's best-scored event is never dropped
            if p < t and p < top[key] and not (guard and guarded(e)):
                drops.add(id(e))
                dropped[(e.type, "gold codes it" if y else "gold does not")] += 1
    result: dict[str, Any] = {}
    for name, (rows, merge, _) in data.items():
        triples = []
        for rec, gold, pred, _ in rows:
            keep = [e for e in pred if id(e) not in drops]
            triples.append((rec["id"], gold, keep))
        s = ev.score(triples, merge)
        result[name] = (s["f1"], s["tp"], s["fp"], s["fn"])
    result["dropped"] = dict(dropped)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default="../shared/eval")
    ap.add_argument("--guard", action="store_true", help="never drop what PLOVER codes apart")
    args = ap.parse_args()
    data = {}
    for name, (fname, merge_spec) in FILES.items():
        path = Path(args.eval_dir) / fname
        merge = ev.parse_merge(merge_spec)
        print(name, "gold:", json.dumps(gold_audit(path)))
        rows = run_part(path)
        base = ev.score([(r["id"], g, p) for r, g, p, _ in rows], merge)
        orc = oracle(rows, merge)
        print(f"  fit rules F1 {base['f1']:.4f} (tp {base['tp']}, fp {base['fp']}, fn {base['fn']});"
              f" oracle choice among several {orc['f1']:.4f} (fp {orc['fp']})")
        data[name] = (rows, merge, candidates(rows, merge))
    print("grouped CV (mean F1 over salts):", "guarded" if args.guard else "unguarded")
    for c, t in GRID:
        runs = [cross_validate(data, c, t, salt, args.guard) for salt in SALTS]
        means = {n: round(sum(r[n][0] for r in runs) / len(runs), 4) for n in FILES}
        print(f"  C {c} t {t}: {means}  dropped (salt a): {runs[0]['dropped']}")


if __name__ == "__main__":
    main()
