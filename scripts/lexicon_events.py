"""Run the rule-based events layer (learned layer off) over texts and keep what training needs.

Used by ``scripts/train_events.py`` to tune how the learned scores combine with the lexicon;
writes one JSON object per text: its sentences (character offsets) and its events (type,
aux mode, confidence, sentence index).

Usage: python scripts/lexicon_events.py IN.jsonl FIELD LANG OUT.jsonl
"""

from __future__ import annotations

import json
import sys


def lexicon_events(texts: list[str], lang: str) -> list[dict]:
    from cronica.errors import Rejection
    from cronica.model import Article
    from cronica.pipeline import Pipeline, default_stages
    from cronica.stages.events.coder import EventCoder

    stages = []
    for s in default_stages(lang):
        if s.name == "actors":
            stages.append(s)
        elif s.name == "events":
            stages.append(EventCoder(lang, learned=False))
    pipeline = Pipeline(stages={lang: stages})
    arts = [Article(id=str(n), text=t, lang=lang, origin="train") for n, t in enumerate(texts)]
    out = []
    for res in pipeline.pipe(arts):
        if isinstance(res, Rejection):
            out.append({"sentences": [], "events": []})
            continue
        out.append(
            {
                "sentences": [[s.start, s.end] for s in res.sentences],
                "events": [
                    {
                        "event": e.event,
                        "aux": e.aux_mode,
                        "confidence": e.confidence,
                        "sentence": e.trigger.sentence,
                    }
                    for e in res.events
                ],
            }
        )
    return out


if __name__ == "__main__":
    src, field, lang, dst = sys.argv[1:5]
    with open(src, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    res = lexicon_events([r.get(field) or "" for r in rows], lang)
    with open(dst, "w", encoding="utf-8") as f:
        for r, x in zip(rows, res, strict=True):
            f.write(json.dumps({"id": r["id"], "label": r.get("label"), **x}) + "\n")
