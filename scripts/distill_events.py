"""Distillation study for the Spanish event-sentence n-gram model (issue 13, branch distill3).

The opt-in e5 decision (``CRONICA_EMBED``) generalises better than the default TF-IDF model,
which memorises its fit sentences. This script labels unlabelled Spanish news sentences with
an e5 + logistic-regression teacher trained on the CASE Spanish *fit* sentences, adds them
(soft labels: each sentence twice, positive with weight w*q and negative with weight
w*(1-q)) to the n-gram model's training rows, and scores the student by grouped 5-fold CV on
the CASE fit sentences (:func:`cronica.evaluate.split.name_groups` folds; the teacher is
retrained in every fold on that fold's training sentences only). Nothing here reads a
*check* sentence.

Unlabelled pool (never check-part text):
- CoNLL-2002 Spanish ``esp.train`` sentences (EFE news wire, 2000; the NER eval uses the
  dev file only);
- UD Spanish-GSD sentences whose ``sent_id`` is in the *fit* part;
- sentences of the CASE Spanish *fit* articles labelled 1 (no sentence label; the CASE
  sentences themselves are left out).

e5 vectors are cached in ``out/train_cache/e5_vectors.npz`` (about 45 ms a sentence).

Usage: nice python scripts/distill_events.py [EVAL_DIR] [--weights 0,0.3,1] [--hard [--margin M]]
       [--prior] [--max-conll N]; add --write W to write a candidate to out/distill/

Result (2026-12-07): not shipped; see docs/benchmarks.md, section distill3. ``--afp`` (branch
case4) adds the sentences of the BRAT AFP *fit* articles, a pool rich in protests.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from cronica.evaluate.split import part_of

sys.path.insert(0, str(Path(__file__).parent))
import train_events as te  # noqa: E402

SEEDS = (7, 8, 9)
# hard labels: the teacher's probability must be at least this far from 0.5 (--margin)
MARGIN = [0.0]
# the teacher's class weights: 'balanced' (as the shipped embed_coef) or None (--prior: the
# CASE fit prior, 17 % positive, so fewer pool sentences are called contentious)
TEACHER_WEIGHT: list[str | None] = ["balanced"]
NO_SPACE_BEFORE = {",", ".", ";", ":", ")", "?", "!", "%", "»", "'"}
NO_SPACE_AFTER = {"(", "¿", "¡", "«"}


def conll_sentences(path: Path, limit: int) -> list[str]:
    """Sentences of a CoNLL NER file, detokenised, at least 10 tokens, every k-th so that
    about ``limit`` are kept."""
    sents, toks = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if len(toks) >= 10 and toks[0] != "-DOCSTART-":
                sents.append(detok(toks))
            toks = []
        else:
            toks.append(line.split(" ")[0])
    step = max(1, len(sents) // limit) if limit else 1
    return sents[::step][:limit] if limit else []


def detok(toks: list[str]) -> str:
    out = ""
    for t in toks:
        if out and t not in NO_SPACE_BEFORE and out[-1] not in NO_SPACE_AFTER:
            out += " "
        out += t
    return out


def ud_sentences(path: Path) -> list[str]:
    out, sid = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id"):
            sid = line.split("=", 1)[1].strip()
        elif line.startswith("# text =") and part_of(sid) == "fit":
            text = line.split("=", 1)[1].strip()
            if len(text) > 40:
                out.append(text)
    return out


def case_positive_article_sentences(eval_dir: Path, cache: Path, known: set[str]) -> list[str]:
    rows = [
        r
        for r in te.read_jsonl(eval_dir / "case2021_es" / "documents.jsonl")
        if part_of(str(r["id"])) == "fit"
    ]
    lex = te.lexicon_cached(rows, "text", "es", cache / "lex_case_es_doc.jsonl")
    out = []
    for r, lx in zip(rows, lex, strict=True):
        if int(r["label"]) == 1:
            for a, b in lx["sentences"]:
                s = r["text"][a:b].strip()
                if b - a > 20 and s not in known:
                    out.append(s)
    return out


def afp_sentences(eval_dir: Path, cache: Path) -> list[str]:
    """Sentences (more than 40 characters) of the *fit* articles of the BRAT AFP Spanish
    folder and the attribution dev file (AFP 1994-2000, rich in protests and strikes; no
    annotation is read): the protest-rich pool of branch case4."""
    rows = [
        {"id": t.stem, "text": t.read_text(encoding="utf-8")}
        for t in sorted((eval_dir / "brat_es_afp").glob("*.txt"))
        if part_of(t.stem) == "fit"
    ]
    lex = te.lexicon_cached(rows, "text", "es", cache / "lex_brat_es_doc.jsonl")
    out = []
    for r, lx in zip(rows, lex, strict=True):
        out += [r["text"][a:b].strip() for a, b in lx["sentences"] if b - a > 40]
    return out


def pool(
    eval_dir: Path, cache: Path, max_conll: int, known: set[str], afp: bool = False
) -> dict[str, list[str]]:
    parts = {
        "conll2002_train": conll_sentences(eval_dir / "ner_es_conll2002.train.txt", max_conll),
        "ud_es_fit": ud_sentences(eval_dir / "ud_es.conllu"),
        "case_fit_positive_articles": case_positive_article_sentences(eval_dir, cache, known),
    }
    if afp:
        parts["brat_afp_fit"] = afp_sentences(eval_dir, cache)
    return parts


def fit_student(xs, ys: np.ndarray, ws: np.ndarray) -> LogisticRegression:
    """Logistic regression with classes balanced by their summed sample weight (soft pool
    rows count by their weight, not as whole rows as ``class_weight='balanced'`` would)."""
    total = ws.sum()
    for c in (0, 1):
        ws = np.where(ys == c, ws * total / (2 * ws[ys == c].sum()), ws)
    clf = LogisticRegression(C=te.C_BINARY, max_iter=3000)
    return clf.fit(xs, ys, sample_weight=ws)


def pool_rows(pool_x, q: np.ndarray, weight: float, hard: bool):
    """The pool's rows: soft (each sentence as a positive of weight w*q and a negative of
    weight w*(1-q)) or hard (one row, label q >= 0.5, weight w)."""
    from scipy import sparse

    if hard:
        # a sentence the teacher is unsure about (q within MARGIN of 0.5) is left out
        sure = np.abs(q - 0.5) >= MARGIN[0]
        return pool_x[sure], (q[sure] >= 0.5).astype(int), np.full(int(sure.sum()), weight)
    return (
        sparse.vstack([pool_x, pool_x]).tocsr(),
        np.concatenate([np.ones(len(q), dtype=int), np.zeros(len(q), dtype=int)]),
        np.concatenate([weight * q, weight * (1 - q)]),
    )


def student_cv(
    base_x, y, w, focus, groups, emb_case, pool_x, pool_emb, weight: float, seed: int, hard: bool
) -> np.ndarray:
    """Grouped-CV probabilities of the CASE fit sentences for a student trained on the
    fold's labelled rows plus the pool with soft teacher labels of weight ``weight``."""
    from scipy import sparse

    rows, others = np.flatnonzero(focus == 1), np.flatnonzero(focus == 0)
    yf = y[rows]
    probs = np.zeros(len(rows))
    for train, test in te.group_folds(yf, groups, seed):
        fold = np.concatenate([rows[train], others])
        xs, ys, ws = [base_x[fold]], [y[fold]], [w[fold]]
        if weight > 0:
            teacher = LogisticRegression(
                C=te.C_EMBED, max_iter=3000, class_weight=TEACHER_WEIGHT[0]
            )
            teacher.fit(emb_case[train], yf[train])
            q = teacher.predict_proba(pool_emb)[:, 1]
            px, py, pw = pool_rows(pool_x, q, weight, hard)
            xs, ys, ws = xs + [px], ys + [py], ws + [pw]
        clf = fit_student(sparse.vstack(xs).tocsr(), np.concatenate(ys), np.concatenate(ws))
        probs[test] = clf.predict_proba(base_x[rows[test]])[:, 1]
    return probs


def stack_cv(lex: list[dict], probs: np.ndarray, yf: np.ndarray, groups, seed: int) -> np.ndarray:
    fx = te.stack_features(lex, probs)
    cvp = np.zeros(len(yf))
    for train, test in te.group_folds(yf, groups, seed):
        m = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
        cvp[test] = m.fit(fx[train], yf[train]).predict_proba(fx[test])[:, 1]
    return cvp


def write_student(
    src: Path,
    dst: Path,
    texts,
    y,
    w,
    focus,
    case_rows,
    pool_texts,
    emb_case,
    pool_emb,
    weight,
    cache,
    hard,
    eval_dir: Path | None = None,
    owners: list[str] | None = None,
) -> dict:
    """Retrain the shipped Spanish n-gram model (``coef``, ``intercept``) with the pool at
    ``weight`` and the default sentence decision (``sentence_coef``, ``sentence_intercept``)
    over its plain-CV probabilities, as train_events.py does; the IDF and every other array
    of ``src`` are kept."""
    from scipy import sparse
    from sklearn.model_selection import StratifiedKFold

    with np.load(src) as d:
        arrays = {k: d[k] for k in d.files}
    idf = arrays["idf"].astype(np.float32)
    x = te.tfidf(te.matrix(texts), idf)
    px = te.tfidf(te.matrix(pool_texts), idf)
    yf = y[focus == 1]
    teacher = LogisticRegression(C=te.C_EMBED, max_iter=3000, class_weight=TEACHER_WEIGHT[0])
    q = teacher.fit(emb_case, yf).predict_proba(pool_emb)[:, 1]

    qx, qy, qw = pool_rows(px, q, weight, hard)

    def fit(rows: np.ndarray) -> LogisticRegression:
        xs = sparse.vstack([x[rows], qx]).tocsr()
        return fit_student(xs, np.concatenate([y[rows], qy]), np.concatenate([w[rows], qw]))

    rows, others = np.flatnonzero(focus == 1), np.flatnonzero(focus == 0)
    cvp = np.zeros(len(rows))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=13).split(rows, yf):
        cvp[test] = fit(np.concatenate([rows[train], others])).predict_proba(x[rows[test]])[:, 1]
    clf = fit(np.arange(len(y)))
    lex = te.lexicon_cached(case_rows, "sentence", "es", cache / "lex_case_es_sent.jsonl")
    stack = te.train_stack(lex, cvp, yf)
    arrays["coef"] = clf.coef_[0].astype(np.float16)
    arrays["intercept"] = np.float32(clf.intercept_[0])
    arrays["sentence_coef"] = stack["coef"]
    arrays["sentence_intercept"] = stack["intercept"]
    report = {"weight": weight, "hard": hard, "pool": len(pool_texts), "sentence_decision": stack["report"]}
    if owners is not None:
        # the article decision retrained on the new sentence scores (case4): as train_events
        # does, each fold's sentence model leaves out the quiet sentences of its articles
        def fold_model(held: set[str]) -> LogisticRegression:
            keep = np.array([o not in held for o in owners])
            return fit(np.flatnonzero(keep))

        tuned = {
            "threshold_keep": float(arrays["threshold_keep"]),
            "event_keep_confidence": float(arrays["keep_confidence"]),
            "event_threshold_add": float(arrays["threshold_add"]),
        }
        arrays.update(te.train_articles(eval_dir, "es", idf, fold_model, tuned, cache, report))
    np.savez_compressed(dst, **arrays)
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default="../shared/eval")
    ap.add_argument("--cache", default="out/train_cache")
    ap.add_argument("--max-conll", type=int, default=2500)
    ap.add_argument("--weights", default="0,0.3,1")
    ap.add_argument("--report", default="out/distill_report.json")
    ap.add_argument("--hard", action="store_true", help="hard teacher labels (q >= 0.5)")
    ap.add_argument("--write", type=float, default=None, help="pool weight of a model to write")
    ap.add_argument("--src", default="src/cronica/data/models/events_es.npz")
    ap.add_argument("--dst", default="out/distill/events_es.npz")
    ap.add_argument("--prior", action="store_true", help="teacher without class balancing")
    ap.add_argument("--margin", type=float, default=0.0, help="hard labels: |q - 0.5| >= this")
    ap.add_argument("--articles", action="store_true", help="with --write: retrain the article decision too")
    ap.add_argument("--afp", action="store_true", help="add the BRAT AFP fit sentences (case4)")
    args = ap.parse_args(argv)
    MARGIN[0] = args.margin
    if args.prior:
        TEACHER_WEIGHT[0] = None
    eval_dir, cache = Path(args.eval_dir), Path(args.cache)

    case_rows = [
        r
        for r in te.read_jsonl(eval_dir / "case2021_es" / "sentences.jsonl")
        if part_of(str(r["id"])) == "fit"
    ]
    case = [(r["sentence"], int(r["label"])) for r in case_rows]
    events = te.event_records(eval_dir, "es")
    quiet = te.quiet_sentences(eval_dir, "es", cache)
    texts = [t for t, _ in case] + [t for t, _ in events] + [t for _, t in quiet]
    y = np.array([lab for _, lab in case] + [int(bool(ts)) for _, ts in events] + [0] * len(quiet))
    focus = np.array([1] * len(case) + [0] * (len(events) + len(quiet)))
    w = np.where(focus == 1, 1.0, 0.5)

    parts = pool(eval_dir, cache, args.max_conll, {t.strip() for t, _ in case}, args.afp)
    pool_texts = [s for v in parts.values() for s in v]
    print({k: len(v) for k, v in parts.items()}, flush=True)
    pool_emb = te.embeddings(pool_texts, cache)
    emb_case = te.embeddings([t for t, _ in case], cache)

    counts = te.matrix(texts + pool_texts)
    idf = te.idf_of(counts)
    allx = te.tfidf(counts, idf)
    base_x, pool_x = allx[: len(texts)], allx[len(texts) :]
    groups = te.article_groups([t for t, _ in case])
    yf = y[focus == 1]
    lex = te.lexicon_cached(case_rows, "sentence", "es", cache / "lex_case_es_sent.jsonl")

    if args.write is not None:
        Path(args.dst).parent.mkdir(parents=True, exist_ok=True)
        rep = write_student(
            Path(args.src),
            Path(args.dst),
            texts,
            y,
            w,
            focus,
            case_rows,
            pool_texts,
            emb_case,
            pool_emb,
            args.write,
            cache,
            args.hard,
            eval_dir,
            [""] * (len(case) + len(events)) + [d for d, _ in quiet] if args.articles else None,
        )
        print(rep)
        return 0
    teacher = LogisticRegression(C=te.C_EMBED, max_iter=3000, class_weight=TEACHER_WEIGHT[0])
    q_all = teacher.fit(emb_case, yf).predict_proba(pool_emb)[:, 1]
    report: dict = {
        "pool": {k: len(v) for k, v in parts.items()},
        "teacher_positive_share": {
            k: round(float((q_all[a : a + len(v)] >= 0.5).mean()), 3)
            for k, v, a in zip(
                parts,
                parts.values(),
                np.cumsum([0] + [len(v) for v in parts.values()])[:-1],
                strict=True,
            )
        },
        "variants": {},
    }
    for weight in [float(x) for x in args.weights.split(",")]:
        alone, stacked, best_stacked = [], [], []
        for seed in SEEDS:
            p = student_cv(
                base_x, y, w, focus, groups, emb_case, pool_x, pool_emb, weight, seed, args.hard
            )
            alone.append(te.macro_f1(yf, p >= 0.5))
            s = stack_cv(lex, p, yf, groups, seed)
            stacked.append(te.macro_f1(yf, s >= 0.5))
            best_stacked.append(max(te.macro_f1(yf, s >= t) for t in np.arange(0.3, 0.9, 0.05)))
        report["variants"][str(weight)] = {
            "student_alone_grouped_cv_at_0.5": round(float(np.mean(alone)), 4),
            "stack_grouped_cv_at_0.5": round(float(np.mean(stacked)), 4),
            "stack_grouped_cv_best_threshold": round(float(np.mean(best_stacked)), 4),
        }
        print(weight, report["variants"][str(weight)], flush=True)
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
