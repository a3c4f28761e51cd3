"""The learned aux-mode layer: a small logistic model over the rules' own grammar facts.

It reads the facts of :mod:`cronica.stages.events.aux_facts` (no word of any language) and
overrides the rules' mode only where its own mode beats the rules' by a log-odds margin
chosen by grouped cross-validation over articles (``scripts/train_aux.py``). The decided
words stay in ``aux_evidence``; the evidence names the model and the facts that weighed most.
The weights ship as JSON in ``src/cronica/data/models/aux_<lang>.json`` (MODEL_CARD.md);
with no file for a language the layer is off.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from cronica.model import Event
from cronica.stages.events.aux_facts import MODES, ArticleFacts, event_facts

MODEL_DIR = Path(__file__).resolve().parents[2] / "data" / "models"
# set to a list by scripts/train_aux.py: the aux stage then records (event, facts) for every
# event and changes nothing
COLLECT: list[tuple[Event, list[str]]] | None = None


class AuxModel:
    """Weights per fact and mode, a bias per mode, and the override margin."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.modes: list[str] = list(data["modes"])
        self.index = {f: i for i, f in enumerate(data["facts"])}
        self.weights: list[list[float]] = data["weights"]
        self.bias: list[float] = data["bias"]
        self.margin: float = float(data["margin"])

    def scores(self, facts: list[str]) -> list[float]:
        z = list(self.bias)
        for f in set(facts):
            j = self.index.get(f)
            if j is not None:
                row = self.weights[j]
                for k in range(len(z)):
                    z[k] += row[k]
        return z

    def decide(self, facts: list[str], rule_mode: str) -> tuple[str, float, list[str]] | None:
        """(mode, margin over the rules' mode, the facts that weighed most for it), or None
        when the rules' mode stands."""
        z = self.scores(facts)
        top = max(range(len(z)), key=z.__getitem__)
        gap = z[top] - z[self.modes.index(rule_mode)]
        if self.modes[top] == rule_mode or gap <= self.margin:
            return None
        r = self.modes.index(rule_mode)
        pull = sorted(((self.weights[j][top] - self.weights[j][r], f) for f in set(facts)
                       if (j := self.index.get(f)) is not None), reverse=True)
        return self.modes[top], gap, [f for w, f in pull[:3] if w > 0]


@lru_cache(maxsize=4)
def load(lang: str) -> AuxModel | None:
    path = MODEL_DIR / f"aux_{lang}.json"
    if not path.is_file():
        return None
    return AuxModel(json.loads(path.read_text(encoding="utf-8")))


def apply(af: ArticleFacts, events: list[Event], model: AuxModel | None) -> None:
    """Override the rules' modes where the model is confident (or record facts for training)."""
    if COLLECT is not None:
        COLLECT.extend((e, event_facts(af, e)) for e in events)
        return
    if model is None:
        return
    for e in events:
        rule_mode = e.aux_mode or "current"
        found = model.decide(event_facts(af, e), rule_mode)
        if found is None:
            continue
        mode, gap, why = found
        old = e.aux_evidence or {"text": e.trigger.text, "start": e.trigger.start, "end": e.trigger.end}
        e.aux_mode = None if mode == "current" else mode
        e.aux_evidence = None if e.aux_mode is None else {
            **old, "rule": f"learned aux model (log-odds {gap:.1f} over the rules' {rule_mode}: "
                           f"{', '.join(why) or 'bias'})"}


__all__ = ["MODES", "AuxModel", "apply", "load"]
