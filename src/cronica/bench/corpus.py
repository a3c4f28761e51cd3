"""The articles to time: the shared evaluation data, paths, or synthetic articles."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cronica.errors import Rejection
from cronica.model import Article

EVAL_DIR_ENV = "CRONICA_EVAL_DIR"


@dataclass
class Corpus:
    """Articles to time, and where they came from."""

    name: str
    articles: list[Article]
    rejected: list[Rejection] = field(default_factory=list)


def default_eval_dir() -> Path | None:
    """The shared evaluation data: $CRONICA_EVAL_DIR, else ``../shared/eval`` from here up."""
    env = os.environ.get(EVAL_DIR_ENV)
    if env:
        return Path(env)
    for base in (Path.cwd(), *Path.cwd().parents):
        cand = base / "shared" / "eval"
        if cand.is_dir():
            return cand
        cand = base.parent / "shared" / "eval"
        if cand.is_dir():
            return cand
    return None


def eval_corpus(eval_dir: str | Path) -> Corpus:
    """The texts of the eval data, read in place (never copied): every ``events_*.jsonl``
    record (with its language and date) and every ``brat_es_afp/*.txt`` article (Spanish)."""
    from cronica.read import read_inputs

    root = Path(eval_dir)
    if not root.is_dir():
        raise FileNotFoundError(
            f"evaluation folder not found: {root} (set --eval-dir or ${EVAL_DIR_ENV})"
        )
    paths = [str(p) for p in sorted(root.glob("events_*.jsonl"))]
    brat = root / "brat_es_afp"
    paths += [str(p) for p in sorted(brat.glob("*.txt"))] if brat.is_dir() else []
    if not paths:
        raise FileNotFoundError(f"no events_*.jsonl or brat_es_afp/*.txt under {root}")
    corpus = _split(read_inputs(paths), f"eval ({root})")
    for a in corpus.articles:
        if a.origin and "brat_es_afp" in a.origin and not a.lang:
            a.lang = "es"  # AFP Spanish service; the files carry no metadata
    return corpus


def path_corpus(paths: Sequence[str], max_bytes: int | None = None) -> Corpus:
    """Articles from files and folders, as ``cronica extract`` reads them."""
    from cronica.read import DEFAULT_MAX_BYTES, read_inputs

    return _split(read_inputs(paths, max_bytes=max_bytes or DEFAULT_MAX_BYTES), ", ".join(paths))


def synthetic_corpus(n: int, seed: int = 0) -> Corpus:
    """``n`` generated articles (:mod:`cronica.synth`), the same for the same ``seed``."""
    from cronica.read import clean_text
    from cronica.synth import synthetic_articles

    arts = [
        Article(
            id=r["id"],
            text=clean_text(r["text"]),
            title=r["title"],
            date=r["date"],
            lang=r["lang"],
            source=r["source"],
            origin=f"synthetic:{i}",
        )
        for i, r in enumerate(synthetic_articles(n, seed=seed))
    ]
    return Corpus(f"synthetic (n={n}, seed={seed})", arts)


def _split(items: Iterable[Article | Rejection], name: str) -> Corpus:
    """Articles and rejections apart."""
    corpus = Corpus(name, [])
    for it in items:
        if isinstance(it, Rejection):
            corpus.rejected.append(it)
        else:
            corpus.articles.append(it)
    return corpus
