"""The BRAT standoff format (``.ann`` files) and the overlap scores both BRAT evals use.

Shared by :mod:`cronica.evaluate.brat` (events, actors, places) and
:mod:`cronica.evaluate.brat_attribution` (quotes and sources), which import it and not each
other's internals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Range = tuple[int, int]


def overlaps(a: Sequence[Range], b: Sequence[Range]) -> int:
    """Characters shared by two sets of fragments (0 when they do not overlap)."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


@dataclass
class Entity:
    id: str
    type: str
    spans: list[Range]
    text: str


def parse_ann(ann: str) -> tuple[dict[str, Entity], list[tuple[str, str, str]]]:
    """Entities by id and relations (type, Arg1 id, Arg2 id) of a BRAT ``.ann`` text.

    Lines that are not T or R records (continuations of a multi-line entity text, notes,
    attributes) are skipped."""
    entities: dict[str, Entity] = {}
    relations: list[tuple[str, str, str]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T") and " " in cols[1]:
            etype, _, ranges = cols[1].partition(" ")
            try:
                spans = [(int(a), int(b)) for a, b in (r.split() for r in ranges.split(";"))]
            except ValueError:
                continue
            entities[cols[0]] = Entity(cols[0], etype, spans, cols[2] if len(cols) > 2 else "")
        elif cols[0].startswith("R"):
            parts = cols[1].split()
            args = dict(p.split(":", 1) for p in parts[1:] if ":" in p)
            if "Arg1" in args and "Arg2" in args:
                relations.append((parts[0], args["Arg1"], args["Arg2"]))
    return entities, relations


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float | int]:
    """P over predictions, R over gold (overlap counts may differ on each side), F1."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "pred": n_pred, "gold": n_gold, "pred_matched": tp_pred, "gold_matched": tp_gold}
