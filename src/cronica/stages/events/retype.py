"""Learned event re-typer: the PLOVER type the event gold gives an event the rules found.

The lexicon gives each trigger word one PLOVER type (its row); the sentence-coded event
gold of the same press often types the same word otherwise by the context it stands in
(a hunger strike as a threat, a diplomatic protest as a sanction, a violent protest as an
assault). This module re-ranks the types of each event the rules keep with a small
multinomial logistic regression over cheap features of the event: the rules' type and mode,
the trigger lemma and the types the lexicon's rows give that word, the trigger's dependency
label and head lemma, the lemmas of its object and oblique dependents, negation, the aux
mode, the actor's and recipient's sectors, the other event types of the sentence, and the
content lemmas of the sentence. The type changes only when the model is confident
(probability at least ``threshold``, and ahead of the rules' type by ``margin``) and the
rules' type is one whose re-typing helped in cross-validation (``from_types``), and only in a
sentence with another contentious event or event word (protest, mobilisation, assault,
fight: the news the training gold codes; a lone meeting of foreign ministers keeps its
type); the event
keeps its trigger, arguments and evidence, its mode is cleared (a mode belongs to the old
type) and its rule id names the change (``<rule>/retype:<OLD>``).

Negated events and events embedded in another are not re-typed (the gold codes neither).
PROTEST and MOBILIZE are one class here, as the protest gold's annotators used them
(``../shared/eval/README.md``): the re-typer never moves one into the other.

The weights are a small JSON file per language (``data/models/retype_<code>.json``: classes,
sparse weights per feature, thresholds, training data and cross-validated scores), trained by
``make train`` (``scripts/train_retype.py``) on the *fit* part of the Spanish PLOVER-coded
event gold; a language without one is not re-typed.

**Opt-in**: it runs only with ``CRONICA_RETYPE=1`` (``cronica eval events --retype``), and
``CRONICA_NO_RETYPE=1`` switches it off whatever else is set. On grouped cross-validation on
*fit* it beat the rules by about two records of protest news and on the *check* part it bought
nothing; on invented sentences it types the gold's older conventions, not PLOVER 2.0's (a
statement of support became ACCUSE, strike talks PROTEST): docs/benchmarks.md (``retype7``)
and MODEL_CARD.md give the figures.
"""

from __future__ import annotations

import json
import math
import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cronica.model import ArticleDoc, Event
from cronica.stages.events.lexicon import fold
from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.nlp.syntax import children_of, dep

# opt-in: on grouped CV it beat the rules by about two records and it learned the gold's
# older conventions (module docstring); the off switch wins over the on switch
RETYPE_ENV = "CRONICA_RETYPE"
NO_RETYPE_ENV = "CRONICA_NO_RETYPE"
# one class for the protest gold's two street-protest labels
MERGE = {"MOBILIZE": "PROTEST"}
# the types of the training gold's news: a re-typed event needs one of them beside it in its
# sentence (an event or a secondary event word), outside that domain the rules' type stands
CONTENTIOUS = frozenset({"PROTEST", "MOBILIZE", "ASSAULT", "FIGHT"})
# dependents whose lemma says what the act is about or aimed at
_ARG_DEPS = frozenset({"obj", "obl", "nmod", "iobj", "xcomp", "ccomp"})
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ"})
_NEG = frozenset({"no", "nunca", "jamas", "not", "never"})


def feature_key(name: str) -> int:
    """The stored key of a named feature: CRC-32 of its UTF-8 name (the shipped file holds
    no words, only these numbers)."""
    return zlib.crc32(name.encode("utf-8"))


def merged(event_type: str) -> str:
    return MERGE.get(event_type, event_type)


def countable(e: Event) -> bool:
    """Whether the event is one the sentence gold could code (not negated, not embedded)."""
    return e.aux_mode != "negation" and not e.embedded_in


def _sector(arg: Any) -> str:
    code = (arg.code or "") if arg is not None else ""
    return code[-3:] if len(code) >= 3 else ("" if not code else code)


def features(
    e: Event, doc: Any, sentence_types: Iterable[str], alt_types: dict[str, frozenset[str]]
) -> list[str]:
    """The named binary features of event ``e`` (``doc`` its parsed document, may be None;
    ``sentence_types`` the types of the other countable events of its sentence;
    ``alt_types`` lexicon word -> the types its rows give)."""
    t = e.event
    out = [f"t={t}", f"tm={t}|{e.mode or ''}", f"aux={e.aux_mode or ''}", f"ev={e.evidence}"]
    rule = (e.rule or "").split("/retype", 1)[0]
    if rule:
        out.append(f"rule={rule}")
    for role, arg in (("a", e.actor), ("r", e.recipient)):
        sec = _sector(arg)
        out.append(f"{role}s={sec}")
        out.append(f"{role}s={sec}|{t}")
    for other in sorted(set(sentence_types)):
        out.append(f"st={other}")
        out.append(f"st={other}|{t}")
    if doc is None or e.head is None or not 0 <= e.head < len(doc):
        return out
    tok = doc[e.head]
    lemma = fold(tok.lemma_)
    out += [f"lem={lemma}", f"lem={lemma}|{t}", f"pos={tok.pos_}", f"dep={dep(tok)}"]
    for alt in sorted(alt_types.get(lemma, ())):
        if alt != t:
            out.append(f"alt={alt}|{t}")
    head = tok.head
    if head.i != tok.i:
        out.append(f"hd={fold(head.lemma_)}")
    for child in children_of(tok):
        label = dep(child)
        if label in _ARG_DEPS and child.pos_ in ("NOUN", "PROPN", "VERB"):
            out.append(f"arg={fold(child.lemma_)}")
        elif label == "advmod" and fold(child.lower_) in _NEG:
            out.append("neg")
    sent = tok.sent
    out += [f"w={fold(w.lemma_)}" for w in sent if w.pos_ in _CONTENT_POS and w.i != tok.i]
    return out


@dataclass(frozen=True)
class RetypeModel:
    """Sparse multinomial logistic regression over named binary features, and the rule."""

    lang: str
    classes: tuple[str, ...]
    coef: dict[int, tuple[float, ...]]  # feature_key(name) -> weight per class
    intercept: tuple[float, ...]
    threshold: float
    margin: float
    from_types: frozenset[str]
    alt_types: dict[str, frozenset[str]]

    def probabilities(self, feats: Iterable[str]) -> dict[str, float]:
        z = list(self.intercept)
        for f in set(feats):
            w = self.coef.get(feature_key(f))
            if w is not None:
                z = [a + b for a, b in zip(z, w, strict=True)]
        top = max(z)
        ex = [math.exp(v - top) for v in z]
        total = sum(ex)
        return {c: v / total for c, v in zip(self.classes, ex, strict=True)}

    def choose(self, rule_type: str, feats: Iterable[str]) -> str | None:
        """The new (merged) type, or None to keep the rules' type."""
        own = merged(rule_type)
        if own not in self.from_types:
            return None
        probs = self.probabilities(feats)
        best = max(probs, key=lambda c: probs[c])
        if best == own or probs[best] < self.threshold:
            return None
        if probs[best] - probs.get(own, 0.0) < self.margin:
            return None
        return best


def load(data: dict[str, Any], lang: str, alt_types: dict[str, frozenset[str]]) -> RetypeModel:
    """A :class:`RetypeModel` from the parsed JSON file."""
    return RetypeModel(
        lang,
        tuple(data["classes"]),
        {int(k): tuple(float(x) for x in v) for k, v in data["coef"].items()},
        tuple(float(x) for x in data["intercept"]),
        float(data["threshold"]),
        float(data.get("margin", 0.0)),
        frozenset(data["from_types"]),
        alt_types,
    )


def lexicon_types(bundle: LanguageBundle) -> dict[str, frozenset[str]]:
    """Lexicon word (the first word of a row's pattern, folded) -> the types its rows give."""
    found: dict[str, set[str]] = {}
    for row in bundle.read_tsv("event_triggers.tsv"):
        if len(row) >= 3 and row[0].strip():
            found.setdefault(fold(row[0].split()[0]), set()).add(row[2])
    return {k: frozenset(v) for k, v in found.items()}


def contentious_sentences(adoc: ArticleDoc) -> dict[int, int]:
    """Sentence -> how many contentious events and secondary event words it holds."""
    out: dict[int, int] = {}
    for e in (*adoc.events, *adoc.secondary_events):
        if e.event in CONTENTIOUS and e.aux_mode != "negation":
            out[e.trigger.sentence] = out.get(e.trigger.sentence, 0) + 1
    return out


def in_domain(e: Event, counts: dict[int, int]) -> bool:
    """Whether another contentious event or event word shares the event's sentence: the
    protest and violence sentences the model learned from. A meeting of foreign ministers
    or a statement of support alone keeps the rules' type."""
    return counts.get(e.trigger.sentence, 0) - (e.event in CONTENTIOUS) > 0


def retype_model(lang: str | LanguageBundle) -> RetypeModel | None:
    """The shipped re-typer of a language (``data/models/retype_<code>.json``), loaded once
    per bundle; None when there is none, when ``CRONICA_RETYPE`` is not set (it is opt-in) or
    when ``CRONICA_NO_RETYPE`` is set."""
    if os.environ.get(NO_RETYPE_ENV) or not os.environ.get(RETYPE_ENV):
        return None
    bundle = as_bundle(lang)
    return bundle.resource("events.retype", _load)


def _load(bundle: LanguageBundle) -> RetypeModel | None:
    ref = bundle.model_file("retype", "json")
    if ref is None:
        return None
    return load(json.loads(ref.read_text(encoding="utf-8")), bundle.code, lexicon_types(bundle))


def event_features(
    adoc: ArticleDoc, alt_types: dict[str, frozenset[str]], types: frozenset[str] | None = None
) -> list[tuple[Event, list[str]]]:
    """(event, features) for every countable event of the article whose (merged) type is in
    ``types`` (every type when None; training reads this too)."""
    events = [e for e in adoc.events if countable(e)]
    by_sentence: dict[int, list[str]] = {}
    for e in events:
        by_sentence.setdefault(e.trigger.sentence, []).append(merged(e.event))
    out = []
    for e in events:
        if types is not None and merged(e.event) not in types:
            continue
        others = list(by_sentence[e.trigger.sentence])
        others.remove(merged(e.event))
        out.append((e, features(e, adoc.doc, others, alt_types)))
    return out


def retype(model: RetypeModel, adoc: ArticleDoc) -> int:
    """Re-type the article's events in place; the number changed."""
    if not any(merged(e.event) in model.from_types for e in adoc.events):
        return 0  # the cheap test first: most articles have no event of a re-typed type
    counts = contentious_sentences(adoc)
    if not counts:
        return 0
    changed = 0
    for e, feats in event_features(adoc, model.alt_types, model.from_types):
        if not in_domain(e, counts):
            continue
        new = model.choose(e.event, feats)
        if new is None:
            continue
        e.rule = f"{e.rule or ''}/retype:{e.event}"
        e.event = new
        e.mode = None
        e.cameo = None
        changed += 1
    return changed
