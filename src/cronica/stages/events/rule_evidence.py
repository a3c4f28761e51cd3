"""Language-independent rule evidence of one short text, for the contentious decision.

The learned layer's short-text decision (:class:`cronica.stages.events.learned.LearnedLayer`)
reads an n-gram score beside what the rule layer found. The rule findings are described
here by names that mean the same in every language (PLOVER types, aux modes, PLOVER modes,
universal parts of speech and relations, actor sectors), so a model of which rule evidence
marks a contentious event can be trained on the English CASE sentences (about 20x the
Spanish ones) and read on Spanish text.

An event is described by :data:`Facts`: (type as the decision counts it, aux mode,
confidence, PLOVER mode, trigger part of speech, trigger relation (UD), actor sector, has a
recipient, embedded in another event).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from cronica.model import ArticleDoc, Event, arg_parts
from cronica.stages.events.reference import case_type
from cronica.stages.nlp.syntax import dep

CONTENTIOUS = frozenset({"PROTEST", "MOBILIZE", "ASSAULT", "FIGHT"})
UNREAL = frozenset({"negation", "future", "hypothetical"})
# relations of a trigger kept by name; the rest are 'other'
RELATIONS = frozenset({"ROOT", "nsubj", "obj", "obl", "nmod", "advcl", "ccomp", "xcomp", "conj", "acl"})

Facts = tuple[str, str | None, float, str | None, str | None, str | None, str | None, bool, bool]


def facts_of(adoc: ArticleDoc, events: Iterable[Event]) -> list[Facts]:
    """The :data:`Facts` of each event (read off the parse and the event's arguments)."""
    doc = adoc.doc
    out: list[Facts] = []
    for e in events:
        tok = doc[e.head] if doc is not None and e.head is not None and e.head < len(doc) else None
        out.append(
            (
                case_type(e.event, e.context),
                e.aux_mode,
                e.confidence,
                e.mode,
                tok.pos_ if tok is not None else None,
                dep(tok) if tok is not None else None,
                arg_parts(adoc, e.actor)[1] if e.actor is not None else None,
                e.recipient is not None,
                e.embedded_head is not None,
            )
        )
    return out


def _status(aux: str | None) -> str:
    return aux if aux in UNREAL or aux == "historical" else "happened"


def rule_names(facts: list[Facts], n_tokens: int) -> dict[str, float]:
    """Named features of a text's rule evidence (binary ones 1.0, counts as log1p)."""
    cont = [f for f in facts if f[0] in CONTENTIOUS]
    happened = [f for f in cont if f[1] not in UNREAL]
    out: dict[str, float] = {
        "n_tokens": float(np.log1p(n_tokens)),
        "n_events": float(np.log1p(len(facts))),
        "n_happened": float(np.log1p(len(happened))),
        "max_conf_happened": max((f[2] for f in happened), default=0.0),
        "max_conf_unreal": max((f[2] for f in cont if f[1] in UNREAL), default=0.0),
    }
    if not facts:
        out["no_events"] = 1.0
    elif not cont:
        out["no_contentious"] = 1.0
    elif not happened:
        out["unreal_only"] = 1.0
    for f in facts:
        out[f"type:{f[0]}:{_status(f[1])}"] = 1.0
        if f[0] not in CONTENTIOUS:
            continue
        status = "unreal" if f[1] in UNREAL else "real"
        if f[3]:
            out[f"mode:{f[3]}:{status}"] = 1.0
        out[f"pos:{f[4]}:{status}"] = 1.0
        out[f"dep:{f[5] if f[5] in RELATIONS else 'other'}:{status}"] = 1.0
        out[f"actor:{f[6] or 'none'}:{status}"] = 1.0
        if f[7]:
            out[f"recipient:{status}"] = 1.0
        if f[8]:
            out[f"embedded:{status}"] = 1.0
    return out


def rule_vector(names: Mapping[str, float], index: Mapping[str, int]) -> np.ndarray:
    """``names`` (:func:`rule_names`) as a vector over a model's feature ``index``; names
    the model does not know are left out."""
    v = np.zeros(len(index), dtype=np.float32)
    for k, val in names.items():
        i = index.get(k)
        if i is not None:
            v[i] = val
    return v


def no_happened_terms(facts: list[Facts], z: float) -> np.ndarray:
    """How the n-gram log-odds ``z`` may weigh when the rules found no contentious event
    that happened: ``z`` times each such case (no event at all, only other events, only
    planned / denied / hypothetical contentious ones), and the first case's flag."""
    cont = [f for f in facts if f[0] in CONTENTIOUS]
    happened = any(f[1] not in UNREAL for f in cont)
    none = not facts
    other = bool(facts) and not cont
    unreal = bool(cont) and not happened
    return np.array([z * none, z * other, z * unreal, float(none)], dtype=np.float32)
