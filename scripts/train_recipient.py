"""Train the argument choosers shipped as src/cronica/data/models/{recipient,actor}_es.json.

Runs the pipeline (actors, events, place; the choosers off) over the *fit* part
(:mod:`cronica.evaluate.split`) of the BRAT AFP articles, and records, for every trigger the
events coder codes, each noun phrase of its sentence as a candidate recipient and actor with
its features (:mod:`cronica.stages.events.recipient`). A gold trigger takes the recorded
trigger that overlaps it most; its candidates are labelled 1 when their span overlaps a gold
span linked to it by ``actTar`` (recipient) or ``srcAct`` (actor), the eval's own matching;
all 0 when it has none. Per role, a logistic regression is fitted over the candidates; its
regularisation and the two decision thresholds (``take``: the probability a candidate needs
where the rules found none; ``margin``: how far it must beat the rules' pick to replace it)
are chosen by 5-fold cross-validation grouped by article, repeated with 5 fold salts, on the
number of gold arguments right (the rules' answers where the model abstains), among the
choices that give an argument to at most ``--max-spurious`` (10%) more of the gold triggers
without one than the rules do. Needs the ``train`` extra (scikit-learn); never runs at
install or in CI.

Usage: python scripts/train_recipient.py [EVAL_DIR] [--roles recipient,actor] [--out DIR]
       [--cv-only] [--groups CACHE.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

C_GRID = (0.1, 0.3, 1.0, 3.0)
TAKE_GRID = (0.3, 0.4, 0.5, 0.6, 0.7)
MARGIN_GRID = (0.2, 0.4, 0.6, 1.0)  # 1.0: never replace the rules' pick
FOLDS = 5
SEEDS = (0, 1, 2, 3, 4)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def records(eval_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Per role ('recipient', 'actor'): one group per matched gold trigger, its candidate
    rows with labels (linked by ``actTar`` / ``srcAct``)."""
    os.environ["CRONICA_NO_RECIPIENT_MODEL"] = "1"
    from cronica.evaluate import brat
    from cronica.evaluate.split import select
    from cronica.stages.events import recipient as rm

    docs, _ = brat.read_brat_dir(eval_dir / "brat_es_afp")
    docs = select(docs, lambda d: d.id, "fit")
    rm.RECORD = []
    brat.predict(docs)
    by_doc: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rm.RECORD:
        by_doc.setdefault((r["doc"], r["role"]), []).append(r)
    rm.RECORD = None
    out: dict[str, list[dict[str, Any]]] = {"recipient": [], "actor": []}
    for role, groups in out.items():
        for d in docs:
            recs = by_doc.get((d.id, role), [])
            for g in d.triggers:
                best = max(recs, key=lambda r: sum(overlap((r["start"], r["end"]), s) for s in g.spans),
                           default=None)
                if best is None or not any(overlap((best["start"], best["end"]), s) for s in g.spans):
                    continue
                gold = [s for t in (g.targets if role == "recipient" else g.sources) for s in t]
                rows = [{"feats": f, "rule": bool(rule),
                         "y": int(any(overlap((a, b), s) for s in gold))}
                        for a, b, f, rule in best["rows"]]
                groups.append({"doc": d.id, "has_target": bool(gold), "rows": rows})
    return out


def fold_of(doc: str, seed: int) -> int:
    return int(hashlib.sha1(f"{seed}:{doc}".encode()).hexdigest(), 16) % FOLDS


def fit(groups: list[dict[str, Any]], c: float) -> tuple[DictVectorizer, LogisticRegression]:
    rows = [r for g in groups for r in g["rows"]]
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(r["feats"], 1) for r in rows])
    y = np.array([r["y"] for r in rows])
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000, class_weight=None)
    model.fit(x, y)
    return vec, model


def probs(vec: DictVectorizer, model: LogisticRegression, g: dict[str, Any]) -> list[float]:
    if not g["rows"]:
        return []
    x = vec.transform([dict.fromkeys(r["feats"], 1) for r in g["rows"]])
    return list(model.predict_proba(x)[:, 1])


def decide(rows: list[dict[str, Any]], p: list[float], take: float, margin: float) -> int | None:
    """Index of the row taken as recipient (the rules' pick when the model abstains)."""
    rule = next((i for i, r in enumerate(rows) if r["rule"]), None)
    if not rows:
        return None
    best = max(range(len(rows)), key=lambda i: p[i])
    if rule is None:
        return best if p[best] >= take else None
    if best != rule and p[best] >= p[rule] + margin and p[best] >= take:
        return best
    return rule


def tally(groups: list[dict[str, Any]], ps: list[list[float]], take: float, margin: float) -> dict[str, int]:
    out = {"right": 0, "total": 0, "rule_right": 0, "spurious": 0, "rule_spurious": 0, "no_target": 0}
    for g, p in zip(groups, ps, strict=True):
        rows = g["rows"]
        rule = next((i for i, r in enumerate(rows) if r["rule"]), None)
        got = decide(rows, p, take, margin)
        if g["has_target"]:
            out["total"] += 1
            out["right"] += got is not None and rows[got]["y"] == 1
            out["rule_right"] += rule is not None and rows[rule]["y"] == 1
        else:
            out["no_target"] += 1
            out["spurious"] += got is not None
            out["rule_spurious"] += rule is not None
    return out


def cv(groups: list[dict[str, Any]]) -> dict[tuple[float, float, float], dict[str, int]]:
    res: dict[tuple[float, float, float], dict[str, int]] = {}
    for c in C_GRID:
        for seed in SEEDS:
            ps: list[list[float]] = [[] for _ in groups]
            for k in range(FOLDS):
                train = [g for g in groups if fold_of(g["doc"], seed) != k]
                vec, model = fit(train, c)
                for n, g in enumerate(groups):
                    if fold_of(g["doc"], seed) == k:
                        ps[n] = probs(vec, model, g)
            for take in TAKE_GRID:
                for margin in MARGIN_GRID:
                    t = tally(groups, ps, take, margin)
                    acc = res.setdefault((c, take, margin), dict.fromkeys(t, 0))
                    for key, v in t.items():
                        acc[key] += v
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default="../shared/eval")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "src/cronica/data/models"))
    ap.add_argument("--cv-only", action="store_true", help="print the CV table, write nothing")
    ap.add_argument("--max-spurious", type=float, default=0.1,
                    help="largest share of gold triggers without a target that may get one "
                         "beyond those the rules give one")
    ap.add_argument("--roles", default="recipient,actor",
                    help="comma-separated roles to train (default: recipient,actor)")
    ap.add_argument("--groups", default=None, metavar="FILE",
                    help="cache of the candidate rows (JSON): read when it exists, else written")
    args = ap.parse_args()
    if args.groups and Path(args.groups).is_file():
        by_role = json.loads(Path(args.groups).read_text(encoding="utf-8"))
    else:
        by_role = records(Path(args.eval_dir))
        if args.groups:
            Path(args.groups).write_text(json.dumps(by_role), encoding="utf-8")
    for role in args.roles.split(","):
        train(role, by_role[role], args)
    return 0


def train(role: str, groups: list[dict[str, Any]], args: argparse.Namespace) -> None:
    """Cross-validate the grid for one role, then fit on all of fit and write the file."""
    with_t = sum(g["has_target"] for g in groups)
    print(f"{len(groups)} matched gold triggers ({with_t} with a target), "
          f"{sum(len(g['rows']) for g in groups)} candidates", file=sys.stderr)
    res = cv(groups)
    ok = {k: v for k, v in res.items()
          if v["spurious"] - v["rule_spurious"] <= args.max_spurious * v["no_target"]}
    best = max(ok, key=lambda k: (ok[k]["right"], -ok[k]["spurious"], -k[2], -k[1]))
    for k in sorted(res, key=lambda k: -res[k]["right"])[:15]:
        v, n = res[k], len(SEEDS)
        print(f"C={k[0]} take={k[1]} margin={k[2]}: right {v['right'] / n:.1f}/{v['total'] / n:.0f} "
              f"(rules {v['rule_right'] / n:.1f}), added on no-target {v['spurious'] / n:.1f}/"
              f"{v['no_target'] / n:.0f} (rules {v['rule_spurious'] / n:.1f})", file=sys.stderr)
    print(f"{role} chosen: C={best[0]} take={best[1]} margin={best[2]}", file=sys.stderr)
    if args.cv_only:
        return
    c, take, margin = best
    vec, model = fit(groups, c)
    weights = {name: round(float(w), 3) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) >= 0.01}
    v, n = res[best], len(SEEDS)
    out = {
        "model": f"{role} chooser: logistic regression over grammatical features of the "
                 "trigger's sentence's noun phrases (cronica.stages.events.recipient)",
        "trained_on": "BRAT AFP Spanish articles, fit part, "
                      f"{'actTar' if role == 'recipient' else 'srcAct'} links (scripts/train_recipient.py)",
        "trained": dt.date.today().isoformat(),
        "C": c, "take": take, "margin": margin,
        "cv": {"folds": FOLDS, "seeds": len(SEEDS), "right": round(v["right"] / n, 1),
               "rules_right": round(v["rule_right"] / n, 1), "total": round(v["total"] / n),
               "added_without_gold_target": round(v["spurious"] / n, 1),
               "rules_without_gold_target": round(v["rule_spurious"] / n, 1),
               "no_target_triggers": round(v["no_target"] / n)},
        "weights": dict(sorted(weights.items())),
    }
    path = Path(args.out) / f"{role}_es.json"
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(weights)} weights)", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
