"""Stated intentions and demands: events that are said, not yet done.

The PLOVER manual codes an announced cooperative action as AGREE and an announced
conflictual one as THREATEN, rather than the action plus an auxiliary mode ('Russia and the
United States will sign an agreement' is AGREE; 'will boycott the elections unless ...' is
THREATEN). Likewise 'X said Y must do Z' is a REQUEST from X to Y.

- :func:`recode_intent` turns a future/conditional verb event that someone declares (it
  sits in the complement of a reporting verb, or carries an 'unless' condition) into AGREE
  or THREATEN, with no auxiliary mode: the statement itself is the current event.
- :func:`modal_requests` finds the 'must'/'debe' demands under reporting verbs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.tokens import Doc, Token

from cronica.stages.events.lexicon import Cues, Match, TriggerEntry, fold
from cronica.stages.nlp.syntax import children_of, dep

COOPERATIVE_ACTS = frozenset({"CONCEDE", "COOPERATE", "AID", "RETREAT", "SUPPORT"})
CONFLICT_ACTS = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
REQUEST_MODAL = TriggerEntry(("<modal>",), "*", "REQUEST", None, "10", 0.6)
_MAX_UP = 3


def conditional(tok: Token, cues: Cues) -> bool:
    """Whether the clause of ``tok`` carries a condition ('unless', 'a menos que')."""
    return any(
        fold(c.lemma_) in cues.condition or fold(c.text) in cues.condition
        for c in tok.subtree
        if dep(c) in ("mark", "advmod", "fixed", "case")
    )


def declared(tok: Token, cues: Cues, is_speech: Callable[[Any], bool]) -> bool:
    """Whether the verb ``tok`` is announced by someone ('dijo que liberarán', 'will
    provide aid, the WFP said') or made conditional ('unless')."""
    if conditional(tok, cues):
        return True
    if any(is_speech(c) for c in children_of(tok) if dep(c) in ("parataxis", "ccomp", "advcl")):
        return True
    if any(_postposed_report(tok, c, is_speech) for c in children_of(tok) if dep(c) == "conj"):
        return True
    node = tok
    for _ in range(_MAX_UP):
        if dep(node) not in ("ccomp", "xcomp", "conj", "advcl") or node.head.i == node.i:
            return False
        node = node.head
        if is_speech(node):
            return True
    return False


def _postposed_report(tok: Token, conj: Token, is_speech: Callable[[Any], bool]) -> bool:
    """Whether ``conj`` is a reporting clause set after ``tok``'s clause that the parser hung
    on it as a conjunct ('will provide aid to refugees, the agency said'): a verb of saying
    after the verb, with no coordinator of its own and no complement of its own (the
    reported clause is the one it follows)."""
    if conj.i < tok.i or not is_speech(conj):
        return False
    return not any(
        dep(c) in ("cc", "ccomp", "obj", "xcomp", "mark") for c in children_of(conj)
    )


def recode_intent(
    tok: Token, event: str, aux: str | None, cues: Cues, is_speech: Callable[[Any], bool]
) -> tuple[str, str | None]:
    """(type, aux mode) of a verb event once stated intentions are read as AGREE/THREATEN."""
    if aux not in ("future", "hypothetical"):
        return event, aux
    if tok.pos_ in ("NOUN", "PROPN") and dep(tok) == "obj" and tok.head.pos_ == "VERB":
        # 'announced that he will extend the curfew': the noun's act is announced through the
        # verb that takes it, which carries the tense. An announced protest noun ('anunció
        # que realizarán una marcha') stays the protest, planned (future), as before
        if event == "PROTEST":
            return event, aux
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX") or not declared(tok, cues, is_speech):
        return event, aux
    if event in CONFLICT_ACTS or (event in COOPERATIVE_ACTS and conditional(tok, cues)):
        return "THREATEN", None  # 'will withdraw its force unless ...' is a threat too
    if event in COOPERATIVE_ACTS:
        return "AGREE", None
    return event, aux


def modal_requests(
    doc: Doc, cues: Cues, is_speech: Callable[[Any], bool],
    candidates: Iterable[int] | None = None,
) -> list[tuple[Match, int]]:
    """REQUEST matches anchored on the modal of 'X said (that) Y must ...', with the index
    of the demanded verb (an event of its own is folded into the request). ``candidates``:
    the indices of the tokens that may be speech verbs, in order (default: every token)."""
    out: list[tuple[Match, int]] = []
    for tok in doc if candidates is None else (doc[i] for i in candidates):
        if not is_speech(tok):
            continue
        for verb in children_of(tok):
            if dep(verb) != "ccomp":
                continue
            modal = next(
                (
                    c
                    for c in children_of(verb)
                    if dep(c).startswith("aux") and fold(c.lemma_) in cues.request_modal
                ),
                None,
            )
            if modal is not None:
                out.append((Match(modal.i, modal.i + 1, modal.i, REQUEST_MODAL), verb.i))
    return out


def request_args(modal: Token) -> tuple[Any, Any]:
    """(speaker, addressee) of a modal request: subjects of the reporting and modal verbs."""
    verb = modal.head
    speech = verb.head
    speaker = next((c for c in children_of(speech) if dep(c) in ("nsubj", "csubj")), None)
    addressee = next(
        (c for c in children_of(verb) if dep(c) in ("nsubj", "nsubj:pass")), None
    )
    return speaker, addressee
