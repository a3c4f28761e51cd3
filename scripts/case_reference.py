"""Research: does the reference reading (generic mentions, common crime) lower the CASE
Spanish sentence false alarms? (branch generic8; not part of `make train`.)

Runs the default ``actors`` + ``events`` stages over the CASE 2021 Spanish *fit* sentences
twice: with :mod:`cronica.stages.events.reference` as shipped, and with it switched off.
Each sentence's inputs of :func:`cronica.stages.events.learned.sentence_features` are
kept; the n-gram log-odds are replaced by grouped-CV ones (``split.name_groups`` folds,
trained as the shipped ``coef`` is), since the shipped model memorised the fit sentences.
Prints the macro F1 of the shipped ``sentence_coef`` on both, and (``--errors N``) the
fit sentences whose decision the reading changed and the remaining false alarms. With
``--check`` it only prints the check totals of the default decision with and without the
reading (no check sentence is printed).

Usage: python scripts/case_reference.py [EVAL_DIR] [--errors N] [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import train_events as te  # noqa: E402

from cronica.evaluate.split import part_of  # noqa: E402
from cronica.stages.events import learned, reference  # noqa: E402


def capture(texts: list[str], on: bool) -> tuple[list[dict[str, Any]], list[float]]:
    """Per text: the n-gram probability and the lexicon's events the short-text decision
    reads (type, aux mode, confidence, trigger, rule), and the default decision."""
    from cronica.errors import Rejection
    from cronica.model import Article
    from cronica.pipeline import Pipeline, default_stages

    seen: dict[str, dict[str, Any]] = {}
    original_apply = learned.LearnedLayer.apply

    def apply(self: Any, adoc: Any, events: list[Any], make: Any) -> list[Any]:
        seen[adoc.article.id] = {
            "prob": self.model.score(learned.id_array(adoc.article.text)),
            "events": [
                (reference.case_type(e.event, e.context), e.aux_mode, e.confidence, e.trigger.text, e.rule)
                for e in events
            ],
        }
        return original_apply(self, adoc, events, make)

    learned.LearnedLayer.apply = apply  # type: ignore[method-assign]
    reference.ENABLED = on
    try:
        stages = {"es": [s for s in default_stages("es") if s.name in ("actors", "events")]}
        pipeline = Pipeline(stages=stages)
        arts = [Article(id=str(n), text=t, lang="es", origin="case") for n, t in enumerate(texts)]
        got, default = [], []
        for art, res in zip(arts, pipeline.pipe(arts), strict=True):
            got.append(seen.pop(art.id, {"prob": 0.0, "events": []}))
            ok = not isinstance(res, Rejection) and res.contentious is not None
            default.append(res.contentious if ok else -1.0)
        return got, default
    finally:
        learned.LearnedLayer.apply = original_apply  # type: ignore[method-assign]
        reference.ENABLED = True


def decide(rows: list[dict[str, Any]], z: np.ndarray, model: Any) -> np.ndarray:
    out = []
    for r, zi in zip(rows, z, strict=True):
        p = float(1 / (1 + np.exp(-zi)))
        f = learned.sentence_features(p, [e[:3] for e in r["events"]])
        out.append(model.sentence_decision(f))
    return np.array(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default="../shared/eval")
    ap.add_argument("--cache", default="out/train_cache")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    eval_dir = Path(args.eval_dir)
    rows = te.read_jsonl(eval_dir / "case2021_es" / "sentences.jsonl")
    if args.check:
        chk = [r for r in rows if part_of(str(r["id"])) == "check"]
        y = np.array([int(r["label"]) for r in chk])
        report = {}
        for on in (False, True):
            _, default = capture([r["sentence"] for r in chk], on)
            report[f"check_reference_{on}"] = round(te.macro_f1(y, np.array(default) >= 0.5), 4)
        print(json.dumps(report, indent=1))
        return 0
    fit = [r for r in rows if part_of(str(r["id"])) == "fit"]
    texts = [r["sentence"] for r in fit]
    y = np.array([int(r["label"]) for r in fit])
    groups = te.article_groups(texts)
    tx, ty, focus, w = te.ngram_pool(texts, y, eval_dir, "es", Path(args.cache))
    x = te.tfidf(te.matrix(tx), te.idf_of(te.matrix(tx)))
    p = np.clip(te.cv_grouped(x, ty, w, focus, groups, te.C_BINARY), 1e-6, 1 - 1e-6)
    z = np.log(p / (1 - p))
    model = learned.event_model("es")
    report: dict[str, Any] = {"fit": len(fit)}
    decisions = {}
    for on in (False, True):
        got, default = capture(texts, on)
        d = decide(got, z, model)
        decisions[on] = (got, d)
        report[f"reference_{on}"] = {
            "groupedcv_macro_f1": round(te.macro_f1(y, d >= 0.5), 4),
            "false_alarms": int(((d >= 0.5) & (y == 0)).sum()),
            "misses": int(((d < 0.5) & (y == 1)).sum()),
            "in_sample_macro_f1": round(te.macro_f1(y, np.array(default) >= 0.5), 4),
        }
    print(json.dumps(report, indent=1))
    if args.errors:
        (g0, d0), (g1, d1) = decisions[False], decisions[True]
        print("\n## changed by the reading")
        for k in np.flatnonzero((d0 >= 0.5) != (d1 >= 0.5)):
            print(f"[{'RIGHT' if (d1[k] >= 0.5) == y[k] else 'WRONG'} gold={y[k]}] {texts[k]}")
            print(f"   before {g0[k]['events']}\n   after  {g1[k]['events']}")
        print("\n## events the reading changed (decision unchanged or not)")
        for k in range(len(texts)):
            if g0[k]["events"] != g1[k]["events"]:
                print(f"[gold={y[k]} p={p[k]:.2f} dec {d0[k]:.2f}->{d1[k]:.2f}] {texts[k]}")
                print(f"   before {g0[k]['events']}\n   after  {g1[k]['events']}")
        print("\n## false alarms left")
        for k in np.flatnonzero((d1 >= 0.5) & (y == 0))[: args.errors]:
            print(f"[p={p[k]:.2f}] {texts[k]}\n   {g1[k]['events']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
