"""Learned side-event filter: which of a sentence's events are its news.

The lexicon and syntax find every event word of a sentence; the sentence-coded event gold
(one or two events per sentence: the protest, not the arrests, injuries, meetings or
agreements around it) codes the event the sentence reports. :func:`prune_secondary`
(:mod:`cronica.stages.events.rank`) drops weak background mentions by a hand-set bar;
this filter learns the choice from the fit part of the Spanish event gold instead.

For each candidate of a sentence -- its events and its secondary event words (the words
the coder folded or pruned) -- a logistic regression over a few features gives the
probability that the candidate is an event the gold codes: its confidence, whether it is a
protest or another contentious event, its aux mode, whether its actor and recipient are
coded, whether it is the sentence's strongest candidate, how many candidates the sentence
has, and whether a civil protest of the sentence (not one by armed men) is at least as
strong. The type itself is not a feature beyond protest/contentious: the gold of these files
codes few meetings or agreements, and a filter that learned that would drop every meeting
of every article ('Los cancilleres se reunieron en Lima'). An event below the threshold moves to the
secondary event words (it stays in the article's layers with its type, as a pruned side
mention does); an event that governs an embedded act, or that is negated or embedded
itself, is left as it is. Secondary words are never promoted. Limits keep the filter to
what the sentence gold can teach and to what PLOVER codes as an event of its own:
- an event with both its actor and its recipient coded is never dropped (PLOVER codes the
  police's repression of a march as its own COERCE event);
- outside a sentence with a contentious event nothing is dropped (a weak lone agreement of
  diplomatic news is the news there);
- the strongest event of a sentence is never dropped (the sentence's news, as in
  :func:`cronica.stages.events.rank.prune_secondary`);
- a material act (assault, fight, coercion, protest) with a coded actor is never dropped
  ('la policía detuvo a 12 personas' beside a protest: the arrest and its count of arrested
  stay an event).

The weights are a small JSON file per language (``data/models/rerank_<code>.json``, with
its feature names, threshold, training data and cross-validated scores), trained by
``make train`` (``scripts/train_rerank.py``); a language without one is not filtered.

``CRONICA_NO_RERANK=1`` (``cronica eval events --no-rerank``) switches the filter off.
"""

from __future__ import annotations

import json
import math
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cronica.model import Event
from cronica.stages.language.bundle import LanguageBundle, as_bundle

NO_RERANK_ENV = "CRONICA_NO_RERANK"
PROTEST_TYPES = frozenset({"PROTEST", "MOBILIZE"})
CONTENTIOUS = frozenset({"PROTEST", "MOBILIZE", "ASSAULT", "FIGHT"})
# material acts (PLOVER's material conflict): with a coded actor, an event of its own
MATERIAL = frozenset({"ASSAULT", "FIGHT", "COERCE", "PROTEST", "MOBILIZE"})
# sectors of armed actors: a blockade by guerrillas or soldiers is no civil protest whose
# circumstances the sentence reports
ARMED_SECTORS = frozenset({"REB", "MIL", "COP", "UAF", "SPY", "CRM"})


@dataclass(frozen=True)
class Candidate:
    """What the filter reads of one event or secondary event word."""

    type: str
    confidence: float
    secondary: bool
    sentence: int
    aux: str | None = None
    model: bool = False  # made by the learned sentence model, not the lexicon
    actor_code: str = ""
    recipient_code: str = ""

    @property
    def civil_protest(self) -> bool:
        return self.type in PROTEST_TYPES and self.actor_code[-3:] not in ARMED_SECTORS


def candidate(e: Event, secondary: bool) -> Candidate:
    """The :class:`Candidate` of a pipeline event."""
    return Candidate(
        e.event,
        float(e.confidence),
        secondary,
        e.trigger.sentence,
        e.aux_mode,
        e.evidence == "model",
        (e.actor.code or "") if e.actor else "",
        (e.recipient.code or "") if e.recipient else "",
    )


def candidate_from_dict(e: dict[str, Any], secondary: bool) -> Candidate:
    """The :class:`Candidate` of an event as ``ArticleDoc.to_dict`` writes it (training)."""
    return Candidate(
        e["event"],
        float(e.get("confidence") or 0.0),
        secondary,
        int(e["trigger"].get("sentence") or 0),
        e.get("aux_mode"),
        e.get("evidence") == "model",
        ((e.get("actor") or {}).get("code") or ""),
        ((e.get("recipient") or {}).get("code") or ""),
    )


def is_candidate(aux_mode: str | None, embedded_in: Any) -> bool:
    """Negated and embedded events are not counted as events of the sentence: not candidates."""
    return aux_mode != "negation" and not embedded_in


def features(c: Candidate, mates: Sequence[Candidate]) -> dict[str, float]:
    """Named features of candidate ``c`` among ``mates``, the candidates of its sentence
    (``c`` among them)."""
    best = max((m.confidence for m in mates), default=c.confidence)
    protests = [m for m in mates if m is not c and m.civil_protest]
    protest_conf = max((m.confidence for m in protests), default=0.0)
    armed = [m for m in mates if m is not c and m.type in PROTEST_TYPES and not m.civil_protest]
    out = {
        "confidence": c.confidence,
        "secondary": float(c.secondary),
        "strongest": float(c.confidence >= best),
        "candidates": float(len(mates)),
        "events": float(sum(not m.secondary for m in mates)),
        "protest": float(c.type in PROTEST_TYPES),
        "protest_confidence": float(c.type in PROTEST_TYPES) * c.confidence,
        "secondary_confidence": float(c.secondary) * c.confidence,
        "protest_mate": protest_conf,
        "protest_mate_stronger": float(protest_conf >= c.confidence > 0 and bool(protests)),
        "armed_protest_mate": float(bool(armed)),
        "actor_coded": float(bool(c.actor_code)),
        "recipient_coded": float(bool(c.recipient_code)),
        "current": float(c.aux is None),
        "unreal": float(c.aux in ("future", "hypothetical")),
        "historical": float(c.aux == "historical"),
        "model": float(c.model),
    }
    out["contentious"] = float(c.type in CONTENTIOUS)
    out["contentious_confidence"] = float(c.type in CONTENTIOUS) * c.confidence
    return out


def protected(c: Candidate, mates: Sequence[Candidate]) -> bool:
    """Whether the filter must keep ``c`` whatever its score (the limits of the module
    docstring). The training gold codes protest and violence sentences, where a weak lone
    meeting or agreement is rarely coded; in other news such an event is the news. A
    protest word folded into another event ('suspendió las ventas para protestar') is no
    protest of the sentence."""
    if c.secondary:
        return False
    if c.actor_code and c.recipient_code:
        return True  # a dyadic event with both sides coded is an event in PLOVER's terms
    if not (c.type in CONTENTIOUS or any(
        m is not c and m.civil_protest and not m.secondary for m in mates)):
        return True
    if c.type in MATERIAL and c.actor_code:
        return True
    return c.confidence >= max((m.confidence for m in mates if not m.secondary), default=0.0)


def by_sentence(cands: Iterable[Candidate]) -> dict[int, list[Candidate]]:
    out: dict[int, list[Candidate]] = defaultdict(list)
    for c in cands:
        out[c.sentence].append(c)
    return out


@dataclass(frozen=True)
class RerankModel:
    """The weights of one language: feature name -> coefficient, intercept, threshold."""

    lang: str
    coef: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, feats: dict[str, float]) -> float:
        z = self.intercept + sum(self.coef.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def load(data: dict[str, Any], lang: str) -> RerankModel:
    """A :class:`RerankModel` from the parsed JSON file."""
    names = data["features"]
    coef = data["coef"]
    return RerankModel(
        lang, dict(zip(names, (float(x) for x in coef), strict=True)),
        float(data["intercept"]), float(data["threshold"]),
    )


def rerank_model(lang: str | LanguageBundle) -> RerankModel | None:
    """The shipped filter of a language (``data/models/rerank_<code>.json``), loaded once per
    bundle; None when there is none or ``CRONICA_NO_RERANK`` is set."""
    if os.environ.get(NO_RERANK_ENV):
        return None
    bundle = as_bundle(lang)
    return bundle.resource("events.rerank", _load)


def _load(bundle: LanguageBundle) -> RerankModel | None:
    ref = bundle.model_file("rerank", "json")
    if ref is None:
        return None
    return load(json.loads(ref.read_text(encoding="utf-8")), bundle.code)


def rerank(
    model: RerankModel, events: list[Event], secondary: list[Event]
) -> tuple[list[Event], list[Event]]:
    """(events kept, events moved to the secondary words): see the module docstring."""
    governing = {e.embedded_in for e in events if e.embedded_in}
    pairs = [(e, candidate(e, False)) for e in events if is_candidate(e.aux_mode, e.embedded_in)]
    side = [candidate(e, True) for e in secondary if is_candidate(e.aux_mode, None)]
    sentences = by_sentence([c for _, c in pairs] + side)
    drop: set[int] = set()
    for e, c in pairs:
        if e.id in governing or protected(c, sentences[c.sentence]):
            continue
        if model.probability(features(c, sentences[c.sentence])) < model.threshold:
            drop.add(id(e))
    kept = [e for e in events if id(e) not in drop]
    moved = [e for e in events if id(e) in drop]
    return kept, moved
