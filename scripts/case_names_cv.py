"""Research: is the sentence n-gram model's fit/check gap its memory of names? (branch
case12; not part of ``make train``.)

The n-gram model (``coef``) learns the proper names of the fit articles' events (a town, a
union leader, a party): useful on the sentences of those articles, useless on another
article. Here a capitalised word inside a sentence (not its first word; an all-capitals
acronym such as a union's initials kept or masked, by variant) is replaced by one shape
token before the n-grams are taken, so neither the word nor its character n-grams reach
the model. The masked model's log-odds replaces, or joins, the shipped one's in the
short-text decision (``sentence_features`` + the English rule log-odds).

Grouped 5-fold CV on the CASE Spanish *fit* sentences (``split.name_groups``, 5 seeds),
n-gram log-odds out of fold for both models; ``--check`` prints each variant's check
total once (models trained on all fit data; no check sentence printed).

Usage: python scripts/case_names_cv.py [EVAL_DIR] [--check]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).parent))
import train_events as te  # noqa: E402
from case_context_cv import features, logit, oof_stack, open_split, parser, stack_model  # noqa: E402

SEEDS = (7, 8, 9, 10, 11)
_WORD = re.compile(r"\w+", re.UNICODE)


def masked(text: str, acronyms: bool) -> str:
    """``text`` with every capitalised word after its first replaced by 'xnombre'
    (all-capitals words too when ``acronyms``)."""
    out, last = [], 0
    for n, m in enumerate(_WORD.finditer(text)):
        w = m.group()
        if n and w[0].isupper() and (acronyms or not (w.isupper() and len(w) > 1)):
            out.append(text[last : m.start()] + "xnombre")
            last = m.end()
    return "".join(out) + text[last:]


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    ap.description = __doc__.splitlines()[0]
    args, sp = open_split(ap, argv)
    eval_dir, cache = sp.eval_dir, sp.cache
    model, fit, chk, texts, y, yc = sp.model, sp.fit, sp.chk, sp.texts, sp.y, sp.yc
    groups = te.article_groups(texts)
    z = np.load(cache / "case12_z_fit.npy")  # case_context_cv.py's out-of-fold log-odds
    zc = logit(np.array([model.score(r["text"]) for r in chk]))
    base_fit = np.vstack([features(r, zi, model) for r, zi in zip(fit, z, strict=True)])
    base_chk = np.vstack([features(r, zi, model) for r, zi in zip(chk, zc, strict=True)])
    tx, ty, focus, w = te.ngram_pool(texts, y, eval_dir, "es", cache)
    report: dict[str, Any] = {}

    def stack(name: str, ff: np.ndarray, fc: np.ndarray) -> None:
        runs = []
        for seed in SEEDS:
            runs.append(te.macro_f1(y, oof_stack(ff, y, groups, seed) >= 0.5))
        row: dict[str, Any] = {"at_0.5": round(float(np.mean(runs)), 4), "sd": round(float(np.std(runs)), 4)}
        if args.check:
            m = stack_model(ff, y)
            row["check_at_0.5"] = round(te.macro_f1(yc, m.predict_proba(fc)[:, 1] >= 0.5), 4)
        report[name] = row

    stack("shipped inputs", base_fit, base_chk)
    report["n-gram alone, at 0.5"] = round(te.macro_f1(y, z >= 0), 4)
    for acr in (False, True):
        mt = [masked(t, acr) for t in tx]
        counts = te.matrix(mt)
        idf = te.idf_of(counts)
        x = te.tfidf(counts, idf)
        z2 = te._logit(te.cv_grouped(x, ty, w, focus, groups, te.C_BINARY))
        clf = LogisticRegression(C=te.C_BINARY, max_iter=3000, class_weight="balanced").fit(x, ty, sample_weight=w)
        z2c = clf.decision_function(te.tfidf(te.matrix([masked(r["text"], acr) for r in chk]), idf))
        tag = "names and acronyms" if acr else "names"
        report[f"masked ({tag}) n-gram alone, at 0.5"] = round(te.macro_f1(y, z2 >= 0), 4)
        if args.check:
            report[f"masked ({tag}) n-gram alone, check at 0.5"] = round(te.macro_f1(yc, z2c >= 0), 4)
        f2 = np.vstack([features(r, zi, model) for r, zi in zip(fit, z2, strict=True)])
        f2c = np.vstack([features(r, zi, model) for r, zi in zip(chk, z2c, strict=True)])
        stack(f"masked ({tag}) log-odds instead", f2, f2c)
        stack(f"masked ({tag}) log-odds beside", np.hstack([base_fit, z2[:, None]]),
              np.hstack([base_chk, z2c[:, None]]))
    if args.check:
        report["shipped n-gram alone, check at 0.5"] = round(te.macro_f1(yc, zc >= 0), 4)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
