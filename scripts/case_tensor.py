"""Research: does the parse's own token vectors (or the main clause's syntax) raise the CASE
Spanish sentence decision? (branch case4; not part of `make train`.)

Reads ``out/case4/capture.npz`` (``scripts/case_capture.py``), the CASE labels and the fit
part; trains every variant on *fit* with grouped 5-fold CV (``split.name_groups`` folds,
:data:`SEEDS` repetitions) and prints macro F1 at 0.5 and at the CV-chosen threshold; with
``--check`` it also trains each variant on all of *fit* and prints its *check* total (no
sentence of check is printed).

Usage: python scripts/case_tensor.py [EVAL_DIR] [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).parent))
import train_events as te  # noqa: E402

from cronica.evaluate.split import part_of  # noqa: E402

SEEDS = (7, 8, 9, 10, 11)
GRID = np.arange(0.3, 0.9, 0.025)


def logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(q / (1 - q))


def lr(c: float = 1.0) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced")


def cv_probs(x: np.ndarray, y: np.ndarray, groups: np.ndarray, seed: int, c: float, scale: bool) -> np.ndarray:
    out = np.zeros(len(y))
    for train, test in te.group_folds(y, groups, seed):
        xs_tr, xs_te = x[train], x[test]
        if scale:
            sc = StandardScaler().fit(xs_tr)
            xs_tr, xs_te = sc.transform(xs_tr), sc.transform(xs_te)
        out[test] = lr(c).fit(xs_tr, y[train]).predict_proba(xs_te)[:, 1]
    return out


def fit_predict(x: np.ndarray, y: np.ndarray, xt: np.ndarray, c: float, scale: bool) -> np.ndarray:
    if scale:
        sc = StandardScaler().fit(x)
        x, xt = sc.transform(x), sc.transform(xt)
    return lr(c).fit(x, y).predict_proba(xt)[:, 1]


def summary(y: np.ndarray, runs: list[np.ndarray]) -> dict:
    at = [float(np.mean([te.macro_f1(y, r >= t) for r in runs])) for t in GRID]
    best = int(np.argmax(at))
    return {
        "at_0.5": round(float(np.mean([te.macro_f1(y, r >= 0.5) for r in runs])), 4),
        "best": round(at[best], 4),
        "threshold": round(float(GRID[best]), 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default="../shared/eval")
    ap.add_argument("--capture", default="out/case4/capture.npz")
    ap.add_argument("--cache", default="out/train_cache")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--max-df", type=int, default=te.GROUP_MAX_DF, help="name_groups max_df")
    ap.add_argument("--c-tensor", default="0.01,0.03,0.1,0.3,1")
    args = ap.parse_args(argv)
    eval_dir = Path(args.eval_dir)
    te.GROUP_MAX_DF = args.max_df
    rows = te.read_jsonl(eval_dir / "case2021_es" / "sentences.jsonl")
    cap = np.load(args.capture)
    assert [str(r["id"]) for r in rows] == cap["ids"].tolist()
    fit = np.array([part_of(str(r["id"])) == "fit" for r in rows])
    y_all = np.array([int(r["label"]) for r in rows])
    texts = [r["sentence"] for r in rows]
    yf, yc = y_all[fit], y_all[~fit]
    report: dict = {"fit": int(fit.sum()), "check": int((~fit).sum())}
    if args.check:
        report["default_check"] = round(te.macro_f1(yc, cap["default"][~fit] >= 0.5), 4)
    groups = te.article_groups([t for t, f in zip(texts, fit, strict=True) if f])

    # the n-gram model's grouped-CV probabilities on fit (as the shipped coef is trained:
    # CASE fit + event-file fit records at 0.5 + quiet fit-article sentences)
    case_fit = [t for t, f in zip(texts, fit, strict=True) if f]
    tx, ty, focus, w = te.ngram_pool(case_fit, yf, eval_dir, "es", Path(args.cache))
    x = te.tfidf(te.matrix(tx), te.idf_of(te.matrix(tx)))
    p_text = te.cv_grouped(x, ty, w, focus, groups, te.C_BINARY)
    report["ngram_alone_groupedcv_at_0.5"] = round(te.macro_f1(yf, p_text >= 0.5), 4)

    feats = cap["feats"].copy()
    base_fit = feats[fit].copy()
    base_fit[:, 0] = logit(p_text)
    base_fit[:, 7] = base_fit[:, 0] * base_fit[:, 1]
    base_chk = feats[~fit]  # the shipped n-gram model's log-odds (it never saw check)
    tensor, syntax = cap["tensor"], cap["syntax"]

    # tensor alone: choose C by grouped CV
    best_c, best_f = 1.0, -1.0
    for c in (float(v) for v in args.c_tensor.split(",")):
        runs = [cv_probs(tensor[fit], yf, groups, s, c, True) for s in SEEDS]
        s = summary(yf, runs)
        report[f"tensor_alone_C{c}"] = s
        if s["at_0.5"] > best_f:
            best_c, best_f = c, s["at_0.5"]
    report["tensor_C"] = best_c
    p_tensor = {s: cv_probs(tensor[fit], yf, groups, s, best_c, True) for s in SEEDS}
    variants = {
        "default_stack": (base_fit, base_chk, None),
        "stack+syntax": (np.hstack([base_fit, syntax[fit]]), np.hstack([base_chk, syntax[~fit]]), None),
        "stack+tensor": (base_fit, base_chk, "tensor"),
        "stack+tensor+syntax": (
            np.hstack([base_fit, syntax[fit]]),
            np.hstack([base_chk, syntax[~fit]]),
            "tensor",
        ),
    }
    t_check = None
    if args.check:
        t_check = fit_predict(tensor[fit], yf, tensor[~fit], best_c, True)
        report["tensor_alone_check_at_0.5"] = round(te.macro_f1(yc, t_check >= 0.5), 4)
    for name, (xf, xc, extra) in variants.items():
        runs = []
        for s in SEEDS:
            xs = np.hstack([xf, logit(p_tensor[s])[:, None]]) if extra else xf
            runs.append(cv_probs(xs, yf, groups, s, 1.0, False))
        summ = summary(yf, runs)
        if args.check:
            # the top level trains on the first repetition's out-of-fold tensor log-odds
            xs = np.hstack([xf, logit(p_tensor[SEEDS[0]])[:, None]]) if extra else xf
            xcs = np.hstack([xc, logit(t_check)[:, None]]) if extra else xc
            pc = fit_predict(xs, yf, xcs, 1.0, False)
            summ["check_at_0.5"] = round(te.macro_f1(yc, pc >= 0.5), 4)
            summ["check_at_threshold"] = round(te.macro_f1(yc, pc >= summ["threshold"]), 4)
        report[name] = summ
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
