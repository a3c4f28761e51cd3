"""The rule layer's evidence of each CASE sentence, in language-independent terms.

Runs the default ``actors`` + ``events`` stages over texts and keeps, per text, what the
learned layer's short-text decision receives before it changes any event: the
:data:`cronica.stages.events.rule_evidence.Facts` of each event (type as the decision
counts it, aux mode, confidence, PLOVER mode, trigger part of speech and relation, actor
sector, recipient, embedded) and the token count. Used by ``scripts/train_events.py
--rule-only`` (cached in ``out/train_cache/rule_facts_<lang>.jsonl``) and by the research
script ``scripts/case_crossling_cv.py``. No text is written, only ids and these facts.

Usage: python scripts/rule_facts.py LANG [EVAL_DIR] [--out out/case10/facts_LANG.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from cronica.stages.events import learned
from cronica.stages.events.rule_evidence import facts_of


def capture(texts: list[str], lang: str) -> list[dict[str, Any]]:
    """Per text: ``{"n_tokens", "events": [Facts as a list, ...]}``."""
    from cronica.model import Article
    from cronica.pipeline import Pipeline, default_stages

    seen: dict[str, dict[str, Any]] = {}
    original_apply = learned.LearnedLayer.apply

    def apply(self: Any, adoc: Any, events: list[Any], make: Any) -> list[Any]:
        n = len(adoc.doc) if adoc.doc is not None else 0
        seen[adoc.article.id] = {"n_tokens": n, "events": [list(f) for f in facts_of(adoc, events)]}
        return original_apply(self, adoc, events, make)

    learned.LearnedLayer.apply = apply  # type: ignore[method-assign]
    try:
        stages = {lang: [s for s in default_stages(lang) if s.name in ("actors", "events")]}
        pipeline = Pipeline(stages=stages)
        arts = [Article(id=str(n), text=t, lang=lang, origin="train") for n, t in enumerate(texts)]
        got = []
        for n, (art, _res) in enumerate(zip(arts, pipeline.pipe(arts), strict=True)):
            got.append(seen.pop(art.id, {"n_tokens": 0, "events": []}))
            if n and n % 5000 == 0:
                print(f"rule facts: {n} texts", file=sys.stderr, flush=True)
        return got
    finally:
        learned.LearnedLayer.apply = original_apply  # type: ignore[method-assign]


def cached(rows: list[dict[str, Any]], lang: str, path: Path) -> list[dict[str, Any]]:
    """:func:`capture` of each CASE row's sentence, kept in ``path`` by id (rows already
    there are not run again)."""
    known: dict[str, dict[str, Any]] = {}
    if path.exists():
        known = {str(g["id"]): g for g in map(json.loads, path.open(encoding="utf-8"))}
    todo = [r for r in rows if str(r["id"]) not in known]
    if todo:
        new = [{"id": r["id"], **g} for r, g in zip(todo, capture([r["sentence"] for r in todo], lang), strict=True)]
        known.update({str(g["id"]): g for g in new})
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.writelines(json.dumps(g) + "\n" for g in new)
    return [known[str(r["id"])] for r in rows]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("lang")
    ap.add_argument("eval_dir", nargs="?", default="../shared/eval")
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    path = Path(args.eval_dir) / f"case2021_{args.lang}" / "sentences.jsonl"
    rows = [json.loads(x) for x in path.open(encoding="utf-8") if x.strip()]
    cached(rows, args.lang, Path(args.out or f"out/train_cache/rule_facts_{args.lang}.jsonl"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
