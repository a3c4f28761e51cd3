"""`cronica eval brat DIR --attribution`: score quotes and reporting sources on BRAT
attribution gold (PolNeAR style: ``Source``, ``Cue`` and ``Content`` entities tied by
``E`` records such as ``E1  Attribution:T4 Content:T3 Cue:T2 Source:T1``).

Layouts: ``DIR/text/STEM.txt`` with ``DIR/attributions/STEM_<annotator>.ann`` (the first
annotator's file, in name order, is the gold), or ``STEM.txt`` beside ``STEM.ann``.

Scores (pure functions, span overlap as in the trigger scores):
- cues: recall = gold cues overlapped by a predicted cue (quote cues and reporting-source
  cues: 'according to Reuters' is an attribution too); precision = predicted cues
  overlapping a gold cue;
- on matched cues: source accuracy (the predicted speaker, or the reporting cue that holds
  the source's name, overlaps the gold source), content accuracy (any overlap) and content
  character F1 (mean over matched cues with gold content).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cronica.evaluate.brat_format import Range, overlaps, parse_ann, prf

ROLES = ("Source", "Cue", "Content")


@dataclass
class Attribution:
    """One attribution, gold or predicted: fragments of each role (empty when absent)."""

    cue: list[Range]
    source: list[Range] = field(default_factory=list)
    content: list[Range] = field(default_factory=list)


def gold_attributions(ann: str) -> list[Attribution]:
    """Attributions with a cue from a BRAT ``.ann`` text (E records over T entities)."""
    entities, _ = parse_ann(ann)
    out = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].startswith("E"):
            continue
        roles: dict[str, list[Range]] = {}
        for arg in cols[1].split():
            role, _, ref = arg.partition(":")
            if role in ROLES and ref in entities:
                roles[role] = entities[ref].spans
        if "Cue" in roles:
            out.append(Attribution(roles["Cue"], roles.get("Source", []), roles.get("Content", [])))
    return out


def read_attribution_dir(path: str | Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(id, text, .ann text) per annotated document, in name order."""
    folder = Path(path)
    pairs: list[tuple[Path, Path]] = []
    if (folder / "text").is_dir() and (folder / "attributions").is_dir():
        for txt in sorted((folder / "text").glob("*.txt")):
            anns = sorted((folder / "attributions").glob(f"{txt.stem}_*.ann"))
            if anns:
                pairs.append((txt, anns[0]))
    else:
        pairs = [(t, t.with_suffix(".ann")) for t in sorted(folder.glob("*.txt"))
                 if t.with_suffix(".ann").is_file()]
    out = []
    for txt, ann in pairs[:limit]:
        with txt.open(encoding="utf-8", newline="") as fh:  # offsets count CRLF as two
            text = fh.read()
        out.append((txt.stem, text, ann.read_text(encoding="utf-8")))
    return out


def predicted_attributions(adoc_dict: dict[str, Any]) -> list[Attribution]:
    """Quotes and reporting sources of one processed article (``ArticleDoc.to_dict``)."""
    def rng(span: dict[str, Any] | None) -> list[Range]:
        return [(span["start"], span["end"])] if span else []

    out = [Attribution(rng(q["cue"]), rng(q.get("speaker")), rng(q["content"]))
           for q in adoc_dict.get("quotes", [])]
    # a reporting cue ('according to Reuters') holds its source's name
    out += [Attribution(rng(r["cue"]), rng(r["cue"])) for r in adoc_dict.get("reporting", [])]
    return out


def score_attributions(gold: Sequence[Attribution], pred: Sequence[Attribution]) -> Counter:
    """Counts for one document; :func:`summarise_attributions` turns them into scores."""
    c: Counter = Counter()
    c["gold"] += len(gold)
    c["pred"] += len(pred)
    c["pred_matched"] += sum(1 for p in pred if any(overlaps(g.cue, p.cue) for g in gold))
    for g in gold:
        best = max(pred, key=lambda p: overlaps(g.cue, p.cue), default=None)
        if best is None or not overlaps(g.cue, best.cue):
            continue
        c["gold_matched"] += 1
        if g.source:
            c["source_total"] += 1
            c["source_correct"] += bool(overlaps(g.source, best.source))
        if g.content:
            c["content_total"] += 1
            shared = overlaps(g.content, best.content)
            c["content_correct"] += bool(shared)
            size = sum(b - a for a, b in g.content) + sum(b - a for a, b in best.content)
            # char F1 summed in thousandths so the Counter stays integral
            c["content_f1_milli"] += round(2000 * shared / size) if size else 0
    return c


def summarise_attributions(counts: Iterable[Counter]) -> dict[str, Any]:
    tot: Counter = Counter()
    n = 0
    for c in counts:
        n += 1
        tot.update(c)

    def acc(key: str) -> float | None:
        return round(tot[f"{key}_correct"] / tot[f"{key}_total"], 4) if tot[f"{key}_total"] else None

    return {
        "documents": n,
        "cues": prf(tot["pred_matched"], tot["pred"], tot["gold_matched"], tot["gold"]),
        "source": {"accuracy": acc("source"), "correct": tot["source_correct"], "total": tot["source_total"]},
        "content": {"accuracy": acc("content"), "correct": tot["content_correct"],
                    "total": tot["content_total"],
                    "char_f1": round(tot["content_f1_milli"] / 1000 / tot["content_total"], 4)
                    if tot["content_total"] else None},
    }


def predict(docs: Sequence[tuple[str, str, str]], lang: str, pipeline: Any = None) -> list[dict[str, Any]]:
    """Run parsing and the attribution stage only (its output does not depend on the others
    except for codes, which are not scored here)."""
    from cronica.errors import Rejection
    from cronica.model import Article
    from cronica.pipeline import Pipeline

    pipeline = pipeline or Pipeline(only=("attribution",))
    articles = [Article(id=i, text=t, lang=lang, origin=i) for i, t, _ in docs]
    return [{} if isinstance(r, Rejection) else r.to_dict() for r in pipeline.pipe(articles)]


def evaluate_dir(path: str | Path, lang: str, limit: int | None = None) -> dict[str, Any]:
    docs = read_attribution_dir(path, limit)
    outputs = predict(docs, lang)
    return summarise_attributions(
        score_attributions(gold_attributions(ann), predicted_attributions(out))
        for (_, _, ann), out in zip(docs, outputs, strict=True))


def format_report(result: dict[str, Any], path: str) -> str:
    m = result["cues"]
    src, con = result["source"], result["content"]

    def f(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.3f}"

    return "\n".join([
        f"brat attribution: {path} ({result['documents']} documents); matching by span overlap",
        f"cues                   P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"
        f"  (pred {m['pred_matched']}/{m['pred']}, gold {m['gold_matched']}/{m['gold']})",
        "on matched cues:",
        f"  source               {f(src['accuracy'])}  ({src['correct']}/{src['total']})",
        f"  content              {f(con['accuracy'])}  ({con['correct']}/{con['total']}); "
        f"char F1 {f(con['char_f1'])}",
    ])
