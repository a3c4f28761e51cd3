"""Research: does the article-level text model, read on a sentence, help the Spanish
sentence decision? (branch case12; not part of ``make train``.)

CASE labels a sentence by its article's context as well as by its own words (a speech or
a song at a march is positive), so the whole-article n-gram model (``doc_coef``, trained on
the CASE fit articles) says something the sentence model, trained on sentences, may not:
whether the sentence's words are those of an article about a contentious event. Its
log-odds on the sentence joins the shipped short-text decision's inputs
(:func:`sentence_features` + the English rule log-odds).

Scored by grouped 5-fold CV on the CASE Spanish *fit* sentences (``split.name_groups``
folds, 5 seeds): the n-gram log-odds out of fold (as ``train_events.train_rule_decision``
makes them) and the article model out of fold too -- for each sentence fold it is trained
on the fit articles that contain none of the fold's sentences. ``--check`` prints each
variant's check total once (the shipped ``coef`` and ``doc_coef`` never saw check); no
check sentence is printed.

Usage: python scripts/case_context_cv.py [EVAL_DIR] [--check]
"""

from __future__ import annotations

import argparse
import json
import re
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
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def features(r: dict[str, Any], z: float, model: learned.EventModel) -> np.ndarray:
    """The shipped short-text decision's inputs: sentence_features + rule log-odds."""
    facts = [tuple(f) for f in r["events"]]
    p = float(1 / (1 + np.exp(-z)))
    base = learned.sentence_features(p, [(f[0], f[1], f[2]) for f in facts])
    rule = model.rule_score(ev.rule_names(facts, r["n_tokens"]))
    return np.append(base, np.float32(rule))


def logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(q / (1 - q))


def extra_rows(eval_dir: Path, cache: Path, texts: list[str], y: np.ndarray,
               model: learned.EventModel) -> dict[str, np.ndarray]:
    """Stack rows beside the CASE sentences: the event gold's fit records (kind 1, labelled
    by whether they hold a contentious event) and the sentences of the CASE fit articles
    that report none (kind 2, label 0), each with its n-gram log-odds out of fold (5 folds
    by source article; every other row of the n-gram pool in training) and its rule facts."""
    tx, ty, focus, w = te.ngram_pool(texts, y, eval_dir, "es", cache)
    events = [
        (str(r.get("doc_id") or r["id"]), r)
        for name in te.EVENT_FILES["es"]
        for r in te.read_jsonl(eval_dir / name)
        if te.fit_part(str(r.get("doc_id") or r.get("id")))
    ]
    quiet = te.quiet_sentences(eval_dir, "es", cache)
    n0 = len(texts)
    assert len(tx) == n0 + len(events) + len(quiet)
    owner = [d for d, _ in events] + [d for d, _ in quiet]
    kind = np.array([1] * len(events) + [2] * len(quiet))
    counts = te.matrix(tx)
    x = te.tfidf(counts, te.idf_of(counts))
    z = np.zeros(len(owner))
    ids = {d: n for n, d in enumerate(sorted(set(owner)))}
    fold = np.array([ids[d] % 5 for d in owner])
    for k in range(5):
        held = np.flatnonzero(fold == k)
        keep = np.ones(len(ty), dtype=bool)
        keep[n0 + held] = False
        clf = LogisticRegression(C=te.C_BINARY, max_iter=3000, class_weight="balanced")
        clf.fit(x[keep], ty[keep], sample_weight=w[keep])
        z[held] = clf.decision_function(x[n0 + held])
    rows = [{"id": f"ev{n}", "sentence": tx[n0 + n]} for n in range(len(owner))]
    facts = rule_facts_cached(rows, "es", cache / "case12_rule_facts_extra.jsonl")
    f = np.vstack([features(g, zi, model) for g, zi in zip(facts, z, strict=True)])
    return {"f": f, "y": ty[n0:], "kind": kind}


def oof_stack(ff: np.ndarray, y: np.ndarray, groups: Any, seed: int) -> np.ndarray:
    """Out-of-fold probabilities of the stacked decision (grouped folds of ``seed``)."""
    cvp = np.zeros(len(y))
    for train, test in te.group_folds(y, groups, seed):
        cvp[test] = stack_model(ff[train], y[train]).predict_proba(ff[test])[:, 1]
    return cvp


def stack_model(ff: np.ndarray, y: np.ndarray) -> LogisticRegression:
    """The stacked decision: a balanced logistic regression over the sentence features."""
    return LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced").fit(ff, y)


class Split:
    """The CASE Spanish sentences with their rule facts, split into fit and check, and the
    shipped event model: what every case12 research script starts from."""

    def __init__(self, eval_dir: Path, cache: Path) -> None:
        self.eval_dir, self.cache = eval_dir, cache
        model = learned.event_model("es")
        assert model is not None
        self.model = model
        rows = te.read_jsonl(eval_dir / "case2021_es" / "sentences.jsonl")
        facts = rule_facts_cached(rows, "es", cache / "rule_facts_es.jsonl")
        es = [{**g, "label": int(r["label"]), "text": r["sentence"]}
              for r, g in zip(rows, facts, strict=True)]
        self.fit = [r for r in es if part_of(str(r["id"])) == "fit"]
        self.chk = [r for r in es if part_of(str(r["id"])) == "check"]
        self.texts = [r["text"] for r in self.fit]
        self.y = np.array([r["label"] for r in self.fit])
        self.yc = np.array([r["label"] for r in self.chk])


def parser() -> argparse.ArgumentParser:
    """The research scripts' common arguments: EVAL_DIR, --cache, --check."""
    ap = argparse.ArgumentParser()
    ap.add_argument("eval_dir", nargs="?", default="../shared/eval")
    ap.add_argument("--cache", default="out/train_cache")
    ap.add_argument("--check", action="store_true")
    return ap


def open_split(ap: argparse.ArgumentParser, argv: list[str] | None) -> tuple[argparse.Namespace, Split]:
    """The parsed arguments of ``ap`` (made by :func:`parser`) and the split they name."""
    args = ap.parse_args(argv)
    return args, Split(Path(args.eval_dir), Path(args.cache))


def main(argv: list[str] | None = None) -> int:
    args, sp = open_split(parser(), argv)
    eval_dir, cache = sp.eval_dir, sp.cache
    model, fit, chk, texts, y, yc = sp.model, sp.fit, sp.chk, sp.texts, sp.y, sp.yc
    assert model.doc_coef is not None
    groups = te.article_groups(texts)

    zpath = cache / "case12_z_fit.npy"
    if zpath.exists():
        z = np.load(zpath)
    else:
        tx, ty, focus, w = te.ngram_pool(texts, y, eval_dir, "es", cache)
        counts = te.matrix(tx)
        z = te._logit(te.cv_grouped(te.tfidf(counts, te.idf_of(counts)), ty, w, focus, groups, te.C_BINARY))
        np.save(zpath, z)
    zc = logit(np.array([model.score(r["text"]) for r in chk]))

    # the article model out of fold: a sentence fold's model never saw an article holding
    # one of the fold's sentences
    docs = [d for d in te.read_jsonl(eval_dir / "case2021_es" / "documents.jsonl") if part_of(str(d["id"])) == "fit"]
    dy = np.array([int(d["label"]) for d in docs])
    dtexts = [_norm(d["text"]) for d in docs]
    owner = []
    for t in texts:
        key = _norm(t)[:60]
        owner.append({n for n, d in enumerate(dtexts) if key in d})
    report: dict[str, Any] = {
        "fit": len(fit),
        "check": len(chk),
        "fit_sentences_in_fit_articles": sum(bool(o) for o in owner),
    }
    xd = te.tfidf(te.matrix([d["text"] for d in docs]), model.idf)
    xs = te.tfidf(te.matrix(texts), model.idf)

    def doc_oof(seed: int) -> np.ndarray:
        out = np.zeros(len(y))
        for _train, test in te.group_folds(y, groups, seed):
            held = set().union(*(owner[n] for n in test))
            keep = np.array([n not in held for n in range(len(docs))])
            m = LogisticRegression(C=te.C_BINARY, max_iter=2000, class_weight="balanced")
            m.fit(xd[keep], dy[keep])
            out[test] = m.decision_function(xs[test])
        return out

    dc = logit(np.array([model.doc_score(r["text"]) for r in chk]))
    base_fit = np.vstack([features(r, zi, model) for r, zi in zip(fit, z, strict=True)])
    base_chk = np.vstack([features(r, zi, model) for r, zi in zip(chk, zc, strict=True)])
    shipped = np.array([model.sentence_decision(f) for f in base_chk])
    report["shipped decision on check at 0.5"] = round(te.macro_f1(yc, shipped >= 0.5), 4)
    d_by_seed = {seed: doc_oof(seed) for seed in SEEDS}
    report["article model alone on fit sentences (oof, seed 7), best t"] = round(
        max(te.macro_f1(y, d_by_seed[7] >= t) for t in np.arange(-3, 3, 0.1)), 4
    )

    def variant(name: str, extra_fit: Any, extra_chk: np.ndarray | None) -> None:
        runs = []
        for seed in SEEDS:
            ff = base_fit if extra_fit is None else np.hstack([base_fit, extra_fit(seed)])
            runs.append(te.macro_f1(y, oof_stack(ff, y, groups, seed) >= 0.5))
        row: dict[str, Any] = {"at_0.5": round(float(np.mean(runs)), 4), "sd": round(float(np.std(runs)), 4)}
        if args.check:
            ff = base_fit if extra_fit is None else np.hstack([base_fit, extra_fit(7)])
            fc = base_chk if extra_chk is None else np.hstack([base_chk, extra_chk])
            m = stack_model(ff, y)
            row["check_at_0.5"] = round(te.macro_f1(yc, m.predict_proba(fc)[:, 1] >= 0.5), 4)
        if extra_fit is None:
            # the same decision at the thresholds the extra rows' shift corresponds to
            for t in (0.6, 0.7, 0.75, 0.8):
                sc = []
                for seed in SEEDS:
                    sc.append(te.macro_f1(y, oof_stack(base_fit, y, groups, seed) >= t))
                row[f"at_{t}"] = round(float(np.mean(sc)), 4)
        report[name] = row

    extra = extra_rows(eval_dir, cache, texts, y, model)

    def balanced(lab: np.ndarray) -> np.ndarray:
        """Per-row weights that balance the two classes of ``lab`` (sklearn's 'balanced')."""
        counts = np.bincount(lab, minlength=2).astype(float)
        return len(lab) / (2 * np.maximum(counts, 1))[lab]

    def fit_with(ff: np.ndarray, yy: np.ndarray, ex_f: np.ndarray, ex_y: np.ndarray, weight: float,
                 apart: bool) -> LogisticRegression:
        """``apart``: each source balanced on its own (no shift of the CASE base rate);
        else balanced over the union, the extra rows at ``weight``."""
        xx, lab = np.vstack([ff, ex_f]), np.concatenate([yy, ex_y])
        if apart:
            sw = np.concatenate([balanced(yy), weight * balanced(ex_y)])
            return LogisticRegression(C=1.0, max_iter=3000).fit(xx, lab, sample_weight=sw)
        sw = np.concatenate([np.ones(len(yy)), np.full(len(ex_y), weight)])
        m = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced")
        return m.fit(xx, lab, sample_weight=sw)

    def with_extra(name: str, keep: Any, weight: float, apart: bool = False) -> None:
        """The stack trained on each fold's CASE sentences plus extra rows (never scored)."""
        ex_f, ex_y = extra["f"][keep], extra["y"][keep]
        runs, rate = [], []
        for seed in SEEDS:
            cvp = np.zeros(len(y))
            for train, test in te.group_folds(y, groups, seed):
                m = fit_with(base_fit[train], y[train], ex_f, ex_y, weight, apart)
                cvp[test] = m.predict_proba(base_fit[test])[:, 1]
            runs.append(te.macro_f1(y, cvp >= 0.5))
            rate.append(float(np.mean(cvp >= 0.5)))
        row: dict[str, Any] = {"at_0.5": round(float(np.mean(runs)), 4), "sd": round(float(np.std(runs)), 4),
                               "rows": int(len(ex_y)), "positive": int(ex_y.sum()),
                               "share_called_positive": round(float(np.mean(rate)), 3)}
        if args.check:
            m = fit_with(base_fit, y, ex_f, ex_y, weight, apart)
            row["check_at_0.5"] = round(te.macro_f1(yc, m.predict_proba(base_chk)[:, 1] >= 0.5), 4)
        report[name] = row

    with_extra("none (control)", extra["kind"] < 0, 0.0)
    with_extra("none, balanced apart (control)", extra["kind"] < 0, 0.0, apart=True)
    for wt in (0.1, 0.3, 1.0):
        with_extra(f"+ event-file fit sentences, weight {wt}", extra["kind"] == 1, wt)
        with_extra(f"+ event-file fit sentences, balanced apart, weight {wt}", extra["kind"] == 1, wt, apart=True)
        with_extra(f"+ both, weight {wt}", extra["kind"] > 0, wt)
        with_extra(f"+ both, balanced apart, weight {wt}", extra["kind"] > 0, wt, apart=True)
    variant("shipped inputs (sentence_features + rule)", None, None)
    variant("+ article-model log-odds", lambda s: d_by_seed[s][:, None], dc[:, None])
    variant(
        "+ article-model log-odds x contentious event happened",
        lambda s: np.vstack([d_by_seed[s], d_by_seed[s] * base_fit[:, 1]]).T,
        np.vstack([dc, dc * base_chk[:, 1]]).T,
    )
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
