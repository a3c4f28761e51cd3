"""Confidence of events and the pruning of weak secondary events in a sentence.

The confidence of an event combines three things, each in [0, 1]:

- the trigger: the lexicon weight of the pattern (how reliably it is an event of that type),
  lowered when only a word form, not the lemma, matched;
- the arguments: an event whose actor and recipient the actors stage coded is better
  attested than a bare noun ('la guerra');
- the place of the trigger in the sentence (salience): the main clause, or what a
  reporting verb reports, carries the news; every step down into a relative clause, an
  adverbial clause or a prepositional phrase ('durante la huelga', 'con el apoyo de') makes
  the event more of a background detail. Hypothetical events are less certain.

:func:`prune_secondary` then drops, in each sentence with several events, the events
whose confidence stays below a threshold while a stronger event of the same sentence is
kept: weak background mentions ('en una reunión con periodistas', 'al recibir el apoyo de')
that are not the news. A verbal, cooperative or coercive mention without a coded actor needs
a higher confidence than a protest, riot, attack or clash (the contentious types), which are
news even in passing. The strongest event of a sentence is never dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.attrs import HEAD
from spacy.tokens import Token

from cronica.model import Event
from cronica.stages.nlp import syntax

# UD labels (read through syntax.dep)
# relations that put a word one step down from the clause that carries the news
_EMBED = frozenset(
    {"acl", "acl:relcl", "advcl", "appos", "csubj", "dep", "amod", "compound"}
)
# a noun inside a prepositional phrase, or a noun modifier
_PP = frozenset({"obl", "nmod", "pobj", "obl:arg"})
_CORE = frozenset(
    {"nsubj", "nsubj:pass", "obj", "iobj", "xcomp", "conj", "parataxis"}
)
_STEP = 0.8
_MAX_CLIMB = 8
# below this an event that shares its sentence with a stronger one is background
SECONDARY_THRESHOLD = 0.4
# the higher bar of a verbal, cooperative or coercive mention with no coded actor: a side
# remark ('con el apoyo de', 'en una reunión') rather than an act of contentious politics;
# tuned on the fit part of the event gold (docs/benchmarks.md, 'protest F1')
SIDE_MENTION_THRESHOLD = 0.5
# the contentious types (CASE 2021's scope: protests, riots, attacks, clashes) keep the base
# bar: a protest or an attack is news even when mentioned in passing
CONTENTIOUS_TYPES = frozenset({"PROTEST", "MOBILIZE", "ASSAULT", "FIGHT"})


def salience(tok: Token, is_speech: Callable[[Any], bool], is_light: Callable[[Any], bool]) -> float:
    """1.0 for a trigger in the main clause (or in what a reporting verb reports), times
    0.8 for each relative or adverbial clause, modifier or prepositional phrase on the way
    up to it; the object of a support verb ('realizaron una huelga') is in the clause."""
    score = 1.0
    node = tok
    # the heads read off the shared columns (``Token.head`` builds a new Token on every read)
    toks, heads = syntax.tokens_of(tok.doc), syntax.token_column(tok.doc, HEAD)
    for _ in range(_MAX_CLIMB):
        head = toks[node.i + heads[node.i]]
        if head.i == node.i:
            break
        dep = syntax.dep(node)
        if dep == "ccomp" and is_speech(head):
            break  # 'dijo que atacaron': the reported clause is the news
        if dep in ("acl", "acl:relcl") and _source_of_report(head):
            break  # 'según la CGT, quien anunció un paro': the source's own statement
        if dep in _EMBED or dep == "ccomp":
            score *= _STEP
        elif dep in _PP and not (head.pos_ in ("VERB", "AUX") and is_light(head)):
            score *= _STEP
        elif dep == "prep":
            pass  # English preposition node: counted at its 'pobj'
        elif dep not in _CORE:
            score *= _STEP
        node = head
    return score


def in_source_clause(tok: Token) -> bool:
    """Whether ``tok`` lies in a relative clause on the source of a report ('según la CGT,
    quien anunció un paro'): the source's own statement, apart from what it sources."""
    node = tok
    for _ in range(_MAX_CLIMB):
        head = node.head
        if head.i == node.i:
            return False
        if syntax.dep(node) in ("acl", "acl:relcl") and _source_of_report(head):
            return True
        node = head
    return False


def _source_of_report(noun: Any) -> bool:
    """The source named by 'según X', 'de acuerdo con X' or 'according to X': a relative
    clause on it ('según la CGT, quien anunció un paro') is a statement of its own, news
    as much as the sentence it sources, not a background modifier."""
    for c in noun.children:
        if syntax.dep(c) in ("case", "mark"):
            w = c.text.lower()
            if w in ("según", "segun") or (w == "con" and any(
                    g.text.lower() == "acuerdo" for g in noun.doc[max(0, c.i - 2):c.i])):
                return True
    prep = noun.head
    return syntax.dep(noun) == "pobj" and prep.text.lower() == "to" \
        and prep.head.text.lower() == "according"


def confidence(
    weight: float,
    lemma_hit: bool,
    actor_coded: bool,
    recipient_coded: bool,
    salience_score: float,
    aux_mode: str | None,
) -> float:
    """Confidence in [0, 1] of one event (see the module docstring)."""
    conf = weight * (1.0 if lemma_hit else 0.8)
    conf *= 0.7 + 0.15 * actor_coded + 0.15 * recipient_coded
    conf *= salience_score
    if aux_mode == "hypothetical":
        conf *= 0.8
    return round(min(1.0, conf), 4)


def prune_secondary(
    events: list[Event], threshold: float = SECONDARY_THRESHOLD, asserted: frozenset[int] = frozenset(),
) -> list[Event]:
    """Drop events below ``threshold`` that share a sentence with a stronger event. An act
    embedded in a frame stands or falls with its frame (the events stage drops it when the
    frame goes) and never outranks the frame's sentence mates. Events whose trigger head is
    in ``asserted`` (a protest presupposed by an end word) are kept, without outranking
    their sentence mates."""
    best: dict[int, float] = {}
    for e in events:
        if e.embedded_head is None:
            best[e.trigger.sentence] = max(best.get(e.trigger.sentence, 0.0), e.confidence)
    return [
        e
        for e in events
        if e.embedded_head is not None
        or e.confidence >= _bar(e, threshold)
        or e.confidence >= best.get(e.trigger.sentence, 0.0)
        or _attested(e)
        or e.head in asserted
    ]


def _bar(e: Event, threshold: float) -> float:
    """The confidence an event needs to stay beside a stronger one: ``threshold``, raised
    to :data:`SIDE_MENTION_THRESHOLD` for a non-contentious event without a coded actor."""
    if e.event in CONTENTIOUS_TYPES or (e.actor is not None and e.actor.code):
        return threshold
    return max(threshold, SIDE_MENTION_THRESHOLD)


def _attested(e: Event) -> bool:
    """Both participants coded, as two parties: the event is described, not merely
    mentioned. One code on both sides (a relative clause whose subject and object both
    read as FRAGOV) names one party twice, no dyad."""
    return bool(
        e.actor and e.actor.code and e.recipient and e.recipient.code
        and e.actor.code != e.recipient.code
    )
