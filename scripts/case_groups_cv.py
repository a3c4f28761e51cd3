"""Research: how leaky are the grouped folds of the CASE Spanish fit sentences, and does
the short-text decision change when its n-gram log-odds come from tighter folds? (branch
case12; not part of ``make train``.)

``split.name_groups`` ties sentences that share a rare capitalised name. The CASE
documents file holds some of the fit sentences' articles: sentences found in one fit
article are known to be one article's, which gives a direct measure of the name groups'
recall and a tighter grouping (``split.article_groups``). Every variant below is scored by
CV over the tighter groups (5 seeds); the variants differ in the folds that made the
out-of-fold n-gram log-odds the stacked decision is trained on. ``--check`` reads each
variant's check total once (stack trained on all fit; check log-odds from the shipped
``coef``).

Usage: python scripts/case_groups_cv.py [EVAL_DIR] [--check]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).parent))
import train_events as te  # noqa: E402
from case_context_cv import features, logit, open_split, parser, stack_model  # noqa: E402

from cronica.evaluate.split import part_of  # noqa: E402

SEEDS = (7, 8, 9, 10, 11)
_SPACE = re.compile(r"\s+")


def tight_groups(texts: list[str], articles: list[str]) -> np.ndarray:
    """The name groups (``train_events.article_groups``) with the sentences found inside
    one fit article (its first 60 characters, spaces collapsed) tied together as well."""
    parent = list(te.article_groups(texts))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    bodies = [_SPACE.sub(" ", a).strip() for a in articles]
    first: dict[int, int] = {}
    for i, t in enumerate(texts):
        key = _SPACE.sub(" ", t).strip()[:60]
        n = next((n for n, b in enumerate(bodies) if len(key) >= 20 and key in b), None)
        if n is None:
            continue
        if n in first:
            a, b = root(i), root(first[n])
            parent[max(a, b)] = min(a, b)
        else:
            first[n] = i
    return np.array([root(i) for i in range(len(texts))])


def split_pairs(texts: list[str], articles: list[str], groups: np.ndarray) -> tuple[int, int]:
    """(pairs of sentences found in one fit article, of them in different groups)."""
    bodies = [_SPACE.sub(" ", a).strip() for a in articles]
    owner: dict[int, list[int]] = {}
    for i, t in enumerate(texts):
        key = _SPACE.sub(" ", t).strip()[:60]
        n = next((n for n, b in enumerate(bodies) if len(key) >= 20 and key in b), None)
        if n is not None:
            owner.setdefault(n, []).append(i)
    pairs = [(a, b) for ids in owner.values() for k, a in enumerate(ids) for b in ids[k + 1 :]]
    return len(pairs), sum(groups[a] != groups[b] for a, b in pairs)


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    ap.description = __doc__.splitlines()[0]
    args, sp = open_split(ap, argv)
    eval_dir, cache = sp.eval_dir, sp.cache
    model, fit, chk, texts, y, yc = sp.model, sp.fit, sp.chk, sp.texts, sp.y, sp.yc
    names = te.article_groups(texts)
    articles = [d["text"] for d in te.read_jsonl(eval_dir / "case2021_es" / "documents.jsonl")
                if part_of(str(d["id"])) == "fit"]
    tight = tight_groups(texts, articles)
    pairs, apart = split_pairs(texts, articles, names)
    report: dict[str, Any] = {
        "pairs of sentences of one known fit article": pairs,
        "of them in different name groups": int(apart),
        "name groups": len(set(names.tolist())),
        "largest name groups": [c for _, c in Counter(names.tolist()).most_common(3)],
        "tight groups": len(set(tight.tolist())),
        "largest tight groups": [c for _, c in Counter(tight.tolist()).most_common(3)],
        "positives in the largest tight group": int(y[tight == Counter(tight.tolist()).most_common(1)[0][0]].sum()),
    }
    tx, ty, focus, w = te.ngram_pool(texts, y, eval_dir, "es", cache)
    counts = te.matrix(tx)
    x = te.tfidf(counts, te.idf_of(counts))
    zc = logit(np.array([model.score(r["text"]) for r in chk]))
    fc = np.vstack([features(r, zi, model) for r, zi in zip(chk, zc, strict=True)])
    for label, folds in (("name groups", names), ("tight groups", tight)):
        z = te._logit(te.cv_grouped(x, ty, w, focus, folds, te.C_BINARY))
        ff = np.vstack([features(r, zi, model) for r, zi in zip(fit, z, strict=True)])
        for evlabel, evg in (("name", names), ("tight", tight)):
            runs: dict[float, list[float]] = {t: [] for t in (0.5, 0.6, 0.7, 0.8)}
            for seed in SEEDS:
                cvp = np.zeros(len(y))
                for train, test in te.group_folds(y, evg, seed):
                    m = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced")
                    cvp[test] = m.fit(ff[train], y[train]).predict_proba(ff[test])[:, 1]
                for t in runs:
                    runs[t].append(te.macro_f1(y, cvp >= t))
            row: dict[str, Any] = {f"cv_at_{t}": round(float(np.mean(v)), 4) for t, v in runs.items()}
            row["sd_0.5"] = round(float(np.std(runs[0.5])), 4)
            row["ngram_alone_at_0.5"] = round(te.macro_f1(y, z >= 0), 4)
            if args.check and evlabel == "tight":
                m = stack_model(ff, y)
                pc = m.predict_proba(fc)[:, 1]
                row.update({f"check_at_{t}": round(te.macro_f1(yc, pc >= t), 4) for t in (0.5, 0.6, 0.7, 0.8)})
                row["coef"] = [round(float(v), 3) for v in m.coef_[0]]
            report[f"n-gram log-odds out of {label}; stack CV over {evlabel} groups"] = row
            print(label, evlabel, row, file=sys.stderr, flush=True)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
