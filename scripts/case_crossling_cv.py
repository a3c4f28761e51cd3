"""Research: does rule evidence learned on the English CASE sentences help the Spanish
sentence decision? (branch case10; not part of ``make train``.)

Reads the per-sentence rule facts of both languages (``scripts/rule_facts.py``, cached in
``out/train_cache/rule_facts_<lang>.jsonl``). A "rule evidence" model (logistic regression over language-independent features
of the events the rule layer found: PLOVER type as the decision counts it, aux mode, mode,
confidence, trigger part of speech and relation, actor sectors, counts) is trained on the
22,825 English sentences (and optionally the Spanish fit sentences of the training folds);
its log-odds joins the Spanish short-text decision's features (:func:`sentence_features`).
Every variant is scored by grouped 5-fold CV on the Spanish *fit* sentences
(``split.name_groups``), n-gram log-odds out of fold, repeated over seeds; ``--check`` also
prints each variant's check total once (no check sentence is printed).

Usage: python scripts/case_crossling_cv.py [EVAL_DIR] [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).parent))
import train_events as te  # noqa: E402
from rule_facts import cached as rule_facts_cached  # noqa: E402

from cronica.evaluate.split import part_of  # noqa: E402
from cronica.stages.events import learned  # noqa: E402
from cronica.stages.events import rule_evidence as ev  # noqa: E402

SEEDS = (7, 8, 9, 10, 11)


def tuples(r: dict[str, Any]) -> list[ev.Facts]:
    """The captured events of a sentence as :data:`rule_evidence.Facts`."""
    return [tuple(f) for f in r["events"]]  # type: ignore[misc]


def names(r: dict[str, Any]) -> dict[str, float]:
    return ev.rule_names(tuples(r), r["n_tokens"])


def vocabulary(rows: list[dict[str, Any]], min_count: int = te.RULE_MIN_COUNT) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in rows:
        for k in names(r):
            counts[k] = counts.get(k, 0) + 1
    return {k: i for i, k in enumerate(sorted(k for k, c in counts.items() if c >= min_count))}


def shipped_features(r: dict[str, Any], z: float) -> np.ndarray:
    p = float(1 / (1 + np.exp(-z)))
    return learned.sentence_features(p, [(e[0], e[1], e[2]) for e in r["events"]])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default="../shared/eval")
    ap.add_argument("--cache", default="out/train_cache")
    ap.add_argument("--facts", default="out/case10")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--c-rule", type=float, default=1.0)
    ap.add_argument("--es-weight", type=float, default=5.0)
    ap.add_argument("--only", default="", help="comma-separated variant names to score")
    args = ap.parse_args(argv)
    eval_dir = Path(args.eval_dir)
    es_rows = te.read_jsonl(eval_dir / "case2021_es" / "sentences.jsonl")
    en_rows = te.read_jsonl(eval_dir / "case2021_en" / "sentences.jsonl")
    cache_dir = Path(args.cache)
    es = [{**g, "label": int(r["label"])} for r, g in zip(es_rows, rule_facts_cached(es_rows, "es", cache_dir / "rule_facts_es.jsonl"), strict=True)]
    en = [{**g, "label": int(r["label"])} for r, g in zip(en_rows, rule_facts_cached(en_rows, "en", cache_dir / "rule_facts_en.jsonl"), strict=True)]
    texts_all = {str(r["id"]): r["sentence"] for r in es_rows}
    fit = [r for r in es if part_of(str(r["id"])) == "fit"]
    chk = [r for r in es if part_of(str(r["id"])) == "check"]
    texts = [texts_all[str(r["id"])] for r in fit]
    y = np.array([r["label"] for r in fit])
    groups = te.article_groups(texts)

    # out-of-fold n-gram log-odds of the fit sentences (trained as the shipped coef is)
    tx, ty, focus, w = te.ngram_pool(texts, y, eval_dir, "es", Path(args.cache))
    cache = Path(args.facts) / "z_fit.npy"
    if cache.exists():
        z = np.load(cache)
    else:
        x = te.tfidf(te.matrix(tx), te.idf_of(te.matrix(tx)))
        z = te._logit(te.cv_grouped(x, ty, w, focus, groups, te.C_BINARY))
        np.save(cache, z)
    model = learned.event_model("es")
    assert model is not None
    zc = np.array([float(te._logit(np.array([model.score(texts_all[str(r["id"])])]))[0]) for r in chk])
    yc = np.array([r["label"] for r in chk])

    vocab = vocabulary(en)
    fen = np.vstack([ev.rule_vector(names(r), vocab) for r in en])
    yen = np.array([r["label"] for r in en])
    ffit = np.vstack([ev.rule_vector(names(r), vocab) for r in fit])
    fchk = np.vstack([ev.rule_vector(names(r), vocab) for r in chk])
    report: dict[str, Any] = {"fit": len(fit), "check": len(chk), "english": len(en), "rule_features": len(vocab)}

    rule_en = LogisticRegression(C=args.c_rule, max_iter=5000, class_weight="balanced").fit(fen, yen)
    r_en_fit = rule_en.decision_function(ffit)
    r_en_chk = rule_en.decision_function(fchk)
    report["rule_en_alone_fit_macro_f1"] = round(te.macro_f1(y, r_en_fit >= 0), 4)
    # the rule model trained on the Spanish fit sentences alone, out of fold (grouped)
    r_es_fit = np.zeros(len(y))
    for train, test in te.group_folds(y, groups, 13):
        m = LogisticRegression(C=args.c_rule, max_iter=5000, class_weight="balanced")
        r_es_fit[test] = m.fit(ffit[train], y[train]).decision_function(ffit[test])
    report["rule_es_alone_groupedcv_macro_f1"] = round(te.macro_f1(y, r_es_fit >= 0), 4)
    # the rule model trained on English and the Spanish fit sentences of the other folds
    r_mix_fit = np.zeros(len(y))
    for train, test in te.group_folds(y, groups, 13):
        m = LogisticRegression(C=args.c_rule, max_iter=5000, class_weight="balanced")
        wts = np.concatenate([np.ones(len(yen)), np.full(len(train), args.es_weight)])
        m.fit(np.vstack([fen, ffit[train]]), np.concatenate([yen, y[train]]), sample_weight=wts)
        r_mix_fit[test] = m.decision_function(ffit[test])
    report["rule_mix_alone_groupedcv_macro_f1"] = round(te.macro_f1(y, r_mix_fit >= 0), 4)
    wts = np.concatenate([np.ones(len(yen)), np.full(len(y), args.es_weight)])
    rule_mix = LogisticRegression(C=args.c_rule, max_iter=5000, class_weight="balanced").fit(
        np.vstack([fen, ffit]), np.concatenate([yen, y]), sample_weight=wts
    )
    r_mix_chk = rule_mix.decision_function(fchk)

    base_fit = np.vstack([shipped_features(r, zi) for r, zi in zip(fit, z, strict=True)])
    base_chk = np.vstack([shipped_features(r, zi) for r, zi in zip(chk, zc, strict=True)])

    def unreal_terms(rows: list[dict[str, Any]], zz: np.ndarray) -> np.ndarray:
        return np.vstack([ev.no_happened_terms(tuples(r), zi) for r, zi in zip(rows, zz, strict=True)])

    variants: dict[str, tuple[np.ndarray, np.ndarray]] = {
        "stack retrained (sentence_features)": (base_fit, base_chk),
        "+ English rule log-odds": (
            np.hstack([base_fit, r_en_fit[:, None]]),
            np.hstack([base_chk, r_en_chk[:, None]]),
        ),
        "+ no-happened terms": (
            np.hstack([base_fit, unreal_terms(fit, z)]),
            np.hstack([base_chk, unreal_terms(chk, zc)]),
        ),
        "+ English rule log-odds + no-happened terms": (
            np.hstack([base_fit, r_en_fit[:, None], unreal_terms(fit, z)]),
            np.hstack([base_chk, r_en_chk[:, None], unreal_terms(chk, zc)]),
        ),
        "+ English+Spanish rule log-odds": (
            np.hstack([base_fit, r_mix_fit[:, None]]),
            np.hstack([base_chk, r_mix_chk[:, None]]),
        ),
        "z + English+Spanish rule log-odds only": (
            np.vstack([z, r_mix_fit]).T,
            np.vstack([zc, r_mix_chk]).T,
        ),
        "z + English rule log-odds only": (
            np.vstack([z, r_en_fit]).T,
            np.vstack([zc, r_en_chk]).T,
        ),
    }
    if model.sentence_coef is not None and len(model.sentence_coef) == base_fit.shape[1]:
        # the 2026-12-06 decision (8 inputs), never trained on grouped-CV log-odds
        shipped = np.array([model.sentence_decision(f) for f in base_fit])
        report["shipped sentence_coef, grouped-CV z"] = {"at_0.5": round(te.macro_f1(y, shipped >= 0.5), 4)}
        if args.check:
            shipped_c = np.array([model.sentence_decision(f) for f in base_chk])
            report["shipped sentence_coef, grouped-CV z"]["check_at_0.5"] = round(
                te.macro_f1(yc, shipped_c >= 0.5), 4
            )
    grid = np.arange(0.3, 0.9, 0.025)
    for name, (ff, fc) in variants.items():
        if args.only and name not in args.only.split(","):
            continue
        runs = []
        for seed in SEEDS:
            cvp = np.zeros(len(y))
            for train, test in te.group_folds(y, groups, seed):
                m = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced")
                cvp[test] = m.fit(ff[train], y[train]).predict_proba(ff[test])[:, 1]
            runs.append(cvp)
        scores = [float(np.mean([te.macro_f1(y, r >= t) for r in runs])) for t in grid]
        best = float(grid[int(np.argmax(scores))])
        row: dict[str, Any] = {
            "at_0.5": round(float(np.mean([te.macro_f1(y, r >= 0.5) for r in runs])), 4),
            "sd_0.5": round(float(np.std([te.macro_f1(y, r >= 0.5) for r in runs])), 4),
            "cv_threshold": round(best, 3),
            "at_cv_threshold": round(max(scores), 4),
        }
        if args.check:
            m = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced").fit(ff, y)
            pc = m.predict_proba(fc)[:, 1]
            row["check_at_0.5"] = round(te.macro_f1(yc, pc >= 0.5), 4)
            row["check_at_cv_threshold"] = round(te.macro_f1(yc, pc >= best), 4)
        report[name] = row
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
