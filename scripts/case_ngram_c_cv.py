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
from case_context_cv import Split, features, oof_stack, parser, stack_model  # noqa: E402

SEEDS = (7, 8, 9, 10, 11)


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    ap.description = __doc__.splitlines()[0]
    ap.add_argument("--cs", default="1,2,4,8,16")
    ap.add_argument("--weights", default="0.5")
    ap.add_argument("--english", default="", help="weights of the English CASE sentences in "
                    "the pool (character n-grams shared by cognates), comma-separated; C 4")
    args = ap.parse_args(argv)
    eval_dir, cache = Path(args.eval_dir), Path(args.cache)
    sp = Split(eval_dir, cache)
    model, fit, chk, texts, y, yc = sp.model, sp.fit, sp.chk, sp.texts, sp.y, sp.yc
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
            ff = np.vstack([features(r, zi, model) for r, zi in zip(fit, z, strict=True)])
            runs = []
            for seed in SEEDS:
                runs.append(te.macro_f1(y, oof_stack(ff, y, groups, seed) >= 0.5))
            row: dict[str, Any] = {"ngram_alone_at_0.5": round(te.macro_f1(y, z >= 0), 4),
                   "stack_at_0.5": round(float(np.mean(runs)), 4), "sd": round(float(np.std(runs)), 4)}
            if args.check:
                clf = LogisticRegression(C=te.C_BINARY, max_iter=3000, class_weight="balanced")
                zc = clf.fit(x2, ty2, sample_weight=w).decision_function(xc2)
                fc = np.vstack([features(r, zi, model) for r, zi in zip(chk, zc, strict=True)])
                m = stack_model(ff, y)
                row["ngram_alone_check"] = round(te.macro_f1(yc, zc >= 0), 4)
                row["stack_check_at_0.5"] = round(te.macro_f1(yc, m.predict_proba(fc)[:, 1] >= 0.5), 4)
            report[f"English CASE sentences in the pool, weight {ew}"] = row
            print(f"English {ew}: {row}", file=sys.stderr, flush=True)
        print(json.dumps(report, indent=1))
        return 0
    for wt in (float(v) for v in args.weights.split(",")):
        w = np.where(focus == 1, 1.0, wt)
        for c in (float(v) for v in args.cs.split(",")):
            z = te._logit(te.cv_grouped(x, ty, w, focus, groups, c))
            ff = np.vstack([features(r, zi, model) for r, zi in zip(fit, z, strict=True)])
            runs = []
            for seed in SEEDS:
                runs.append(te.macro_f1(y, oof_stack(ff, y, groups, seed) >= 0.5))
            row = {"ngram_alone_at_0.5": round(te.macro_f1(y, z >= 0), 4),
                                   "stack_at_0.5": round(float(np.mean(runs)), 4),
                                   "sd": round(float(np.std(runs)), 4)}
            if args.check:
                clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, ty, sample_weight=w)
                zc = clf.decision_function(xc)
                fc = np.vstack([features(r, zi, model) for r, zi in zip(chk, zc, strict=True)])
                m = stack_model(ff, y)
                row["ngram_alone_check"] = round(te.macro_f1(yc, zc >= 0), 4)
                row["stack_check_at_0.5"] = round(te.macro_f1(yc, m.predict_proba(fc)[:, 1] >= 0.5), 4)
            report[f"C {c}, extra rows weight {wt}"] = row
            print(f"C {c} w {wt}: {row}", file=sys.stderr, flush=True)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
