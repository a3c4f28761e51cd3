"""Research: the regularisation of the sentence n-gram model as the short-text decision
reads it (branch case12; not part of ``make train``).

The shipped n-gram model (``coef``, C 4) was tuned alone; here its C and the weight of the
pool's extra rows (event-gold fit records, quiet-article sentences) are scored by what the
stacked decision (``sentence_features`` + the English rule log-odds) makes of its
out-of-fold log-odds: grouped 5-fold CV on the CASE Spanish *fit* sentences, 5 seeds.
``--check`` reads each variant's check total once.

Usage: python scripts/case_ngram_c_cv.py [EVAL_DIR] [--check]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).parent))
import train_events as te  # noqa: E402
from case_context_cv import Split, features, oof_stack, open_split, parser, stack_model  # noqa: E402

SEEDS = (7, 8, 9, 10, 11)


def stacked_row(sp: Split, groups: Any, z: np.ndarray, zc: np.ndarray | None) -> dict[str, Any]:
    """Macro F1 of the n-gram log-odds ``z`` alone and of the stacked decision over them
    (out of fold on fit, mean and sd over :data:`SEEDS`); with the check log-odds ``zc``, the
    same two read once on check."""
    ff = np.vstack([features(r, zi, sp.model) for r, zi in zip(sp.fit, z, strict=True)])
    runs = [te.macro_f1(sp.y, oof_stack(ff, sp.y, groups, seed) >= 0.5) for seed in SEEDS]
    row: dict[str, Any] = {"ngram_alone_at_0.5": round(te.macro_f1(sp.y, z >= 0), 4),
                           "stack_at_0.5": round(float(np.mean(runs)), 4),
                           "sd": round(float(np.std(runs)), 4)}
    if zc is not None:
        fc = np.vstack([features(r, zi, sp.model) for r, zi in zip(sp.chk, zc, strict=True)])
        m = stack_model(ff, sp.y)
        row["ngram_alone_check"] = round(te.macro_f1(sp.yc, zc >= 0), 4)
        row["stack_check_at_0.5"] = round(te.macro_f1(sp.yc, m.predict_proba(fc)[:, 1] >= 0.5), 4)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    ap.description = __doc__.splitlines()[0]
    ap.add_argument("--cs", default="1,2,4,8,16")
    ap.add_argument("--weights", default="0.5")
    ap.add_argument("--english", default="", help="weights of the English CASE sentences in "
                    "the pool (character n-grams shared by cognates), comma-separated; C 4")
    args, sp = open_split(ap, argv)
    eval_dir, cache = sp.eval_dir, sp.cache
    chk, texts, y = sp.chk, sp.texts, sp.y
    groups = te.article_groups(texts)
    tx, ty, focus, w0 = te.ngram_pool(texts, y, eval_dir, "es", cache)
    counts = te.matrix(tx)
    idf = te.idf_of(counts)
    x = te.tfidf(counts, idf)
    xc = te.tfidf(te.matrix([r["text"] for r in chk]), idf)
    report: dict[str, Any] = {}
    if args.english:
        en = te.read_jsonl(eval_dir / "case2021_en" / "sentences.jsonl")
        tx2 = list(tx) + [r["sentence"] for r in en]
        ty2 = np.concatenate([ty, np.array([int(r["label"]) for r in en])])
        focus2 = np.concatenate([focus, np.zeros(len(en), dtype=int)])
        counts2 = te.matrix(tx2)
        idf2 = te.idf_of(counts2)
        x2 = te.tfidf(counts2, idf2)
        xc2 = te.tfidf(te.matrix([r["text"] for r in chk]), idf2)
        for ew in (float(v) for v in args.english.split(",")):
            w = np.concatenate([np.where(focus == 1, 1.0, 0.5), np.full(len(en), ew)])
            z = te._logit(te.cv_grouped(x2, ty2, w, focus2, groups, te.C_BINARY))
            zc = None
            if args.check:
                clf = LogisticRegression(C=te.C_BINARY, max_iter=3000, class_weight="balanced")
                zc = clf.fit(x2, ty2, sample_weight=w).decision_function(xc2)
            row = stacked_row(sp, groups, z, zc)
            report[f"English CASE sentences in the pool, weight {ew}"] = row
            print(f"English {ew}: {row}", file=sys.stderr, flush=True)
        print(json.dumps(report, indent=1))
        return 0
    for wt in (float(v) for v in args.weights.split(",")):
        w = np.where(focus == 1, 1.0, wt)
        for c in (float(v) for v in args.cs.split(",")):
            z = te._logit(te.cv_grouped(x, ty, w, focus, groups, c))
            zc = None
            if args.check:
                clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, ty, sample_weight=w)
                zc = clf.decision_function(xc)
            row = stacked_row(sp, groups, z, zc)
            report[f"C {c}, extra rows weight {wt}"] = row
            print(f"C {c} w {wt}: {row}", file=sys.stderr, flush=True)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
