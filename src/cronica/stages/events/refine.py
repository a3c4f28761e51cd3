"""Article-level refinements of event arguments, after every event of an article is built.

- a definite description coded with a sector but no country ('las fuerzas': MIL) takes the
  country of the latest earlier mention with that sector ('las fuerzas estadounidenses');
  so does the subject of a verb of returning, who was there before ('pero miles de tropas
  regresaron': event_cues 'return_verb');
- a reciprocal event (AGREE, CONSULT, COOPERATE) with an actor but no recipient takes the
  other party of a 'entre X y Y' / 'between X and Y' phrase of its sentence;
- a retaliation ('ataques de represalia', 'retaliatory strikes') with no recipient is aimed
  at the actor of the latest earlier attack on the retaliating side;
- an attack with no actor that someone claims ('al-Shabaab claimed responsibility for the
  attack', 'el ELN reivindicó el atentado') takes the claimant as actor (cue kinds
  'claim_verb', 'claim_light', 'claim_noun'); so does the act nearest before a claim
  that names no act ('Al Shabab reivindicó la autoría', 'lo reivindicó');
- a bare definite organisation noun ('la organización', 'the group') takes the code of the
  last organisation or armed group named before it (cue kinds 'org_anaphor',
  'org_determiner');
- a state named by its country alone that attacks or mobilises acts through its military:
  its code gains the MIL sector ('Estados Unidos' in 'ataques de Estados Unidos': USAMIL).

Each rule only fills what is missing; none replaces an argument found in the parse.
"""

from __future__ import annotations

from typing import Any

from cronica.model import ArticleDoc, Event, EventArg
from cronica.stages.events.args import RECIPROCAL_TYPES, ActorIndex
from cronica.stages.events.lexicon import Cues, fold
from cronica.stages.nlp.syntax import (
    children,
    children_of,
    definite,
    dep,
    folded_form,
    folded_lemma,
    morph_get,
)

_MILITARY_ACTS = frozenset({"ASSAULT", "MOBILIZE"})
_INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC"})
_DEFINITE = frozenset({"Def"})


def refine(adoc: ArticleDoc, events: list[Event], index: ActorIndex, cues: Cues) -> None:
    """Apply the refinements in place, in text order."""
    for e in sorted(events, key=lambda x: x.trigger.start):
        e.actor = _with_country(adoc, e.actor, index, cues)
        e.recipient = _with_country(adoc, e.recipient, index, cues)
        if cues.org_anaphor:
            e.actor = _organisation_named_before(adoc, e.actor, index, cues)
            e.recipient = _organisation_named_before(adoc, e.recipient, index, cues)
        if e.event in RECIPROCAL_TYPES and e.actor is not None and e.recipient is None:
            e.recipient = _counterpart(adoc, e, index, cues)
        if e.event == "ASSAULT" and e.recipient is None and _retaliation(adoc, e, cues):
            e.recipient = _retaliated(events, e)
        if e.event in _CLAIMABLE:
            blamed = _blamed(adoc, e, index, cues)
            if blamed is not None:
                e.actor = blamed
                if e.recipient is not None and e.recipient.start < blamed.end \
                        and blamed.start < e.recipient.end:
                    e.recipient = None  # (the phrase that holds the alleged doer)
            elif e.actor is None:
                e.actor = _claimant(adoc, e, index, cues) \
                    or _anaphoric_claimant(adoc, e, events, index, cues)
        if e.event in _MILITARY_ACTS and e.mode not in ("riot",):
            e.actor = _as_military(e.actor)


def _organisation_named_before(adoc: ArticleDoc, arg: EventArg | None, index: ActorIndex,
                                cues: Cues) -> EventArg | None:
    """'Amnistía Internacional denunció ... La organización pidió ...', 'the group said': a
    bare definite noun for an organisation (cue kind 'org_anaphor'), uncoded, refers back to
    the last organisation or armed group named before it (a definite description names a
    known referent). The span stays the anaphor's; the code is the antecedent's."""
    if arg is None or arg.code:
        return arg
    if not _org_description(arg.text, cues):
        return arg
    before = [m for m in adoc.actors if m.span.end <= arg.start and m.kind in _ORG_KINDS and m.code]
    if not before:
        return arg
    m = max(before, key=lambda m: m.span.start)
    return EventArg(arg.text, m.code, list(m.codes or [m.code]), arg.start, arg.end, m.id)


_ORG_KINDS = frozenset({"org", "group"})


def _org_description(text: str, cues: Cues) -> bool:
    """'la organización', 'the group', and with one lower-case epithet ('el movimiento
    islamista', 'the militant group'): a definite description of an organisation; a
    capitalised word would open a name of its own."""
    raw = text.split()
    words = [fold(w) for w in raw]
    if not words or words[0] not in cues.org_determiner:
        return False
    if len(words) == 2:
        return words[1] in cues.org_anaphor
    if len(words) != 3:
        return False
    noun, epithet = (1, 2) if words[1] in cues.org_anaphor else (2, 1)
    return words[noun] in cues.org_anaphor and raw[epithet].isalpha() and raw[epithet].islower()


def _country(code: str) -> str:
    return (
        code[:3] if len(code) >= 3 and code[:3].isalpha() and code[:3] not in _SECTOR_ONLY else ""
    )


# sector codes that the actors stage emits without a country
_SECTOR_ONLY = frozenset(
    {
        "MIL",
        "GOV",
        "COP",
        "REB",
        "UAF",
        "CVL",
        "OPP",
        "LAB",
        "EDU",
        "BUS",
        "MED",
        "JUD",
        "LEG",
        "REL",
        "AGR",
        "JRN",
        "REF",
        "CRM",
        "SPY",
        "ELI",
    }
)


def _with_country(
    adoc: ArticleDoc, arg: EventArg | None, index: ActorIndex, cues: Cues | None = None
) -> EventArg | None:
    if arg is None or arg.mention is None or arg.code not in _SECTOR_ONLY or len(arg.codes) > 1:
        return arg
    doc = adoc.doc
    head = doc.char_span(arg.start, arg.end, alignment_mode="expand")
    if head is None or not (any(_DEFINITE & set(morph_get(t, "Definite")) for t in head)
                            or (cues is not None and _returning(head, cues))):
        return arg  # 'unos soldados' introduces new referents
    earlier = [
        m
        for m in adoc.actors
        if m.span.end <= arg.start
        and len(m.code) >= 6
        and m.code[3:6] == arg.code
        and _country(m.code)
    ]
    if not earlier:
        return arg
    code = earlier[-1].code[:3] + arg.code
    return EventArg(arg.text, code, [code], arg.start, arg.end, arg.mention)


def _returning(span: Any, cues: Cues) -> bool:
    """Whether the phrase is the subject of a verb of returning, itself or as the noun a
    quantity counts ('miles de tropas regresaron'): who returns was there before, so it is
    a known referent like a definite description."""
    for t in span:
        node, steps = t, 0
        while dep(node) in ("nmod", "flat", "pobj", "prep") and node.head.i != node.i and steps < 2:
            node, steps = node.head, steps + 1
        if dep(node) == "nsubj" and folded_lemma(node.head) in cues.return_verb:
            return True
    return False


def _counterpart(adoc: ArticleDoc, e: Event, index: ActorIndex, cues: Cues) -> EventArg | None:
    """The party of 'entre X y Y' in the event's sentence that is not the actor's country."""
    if e.actor is None:
        return None  # (refine asks only for events with an actor)
    doc = adoc.doc
    sent = adoc.sentences[e.trigger.sentence]
    own = {_country(c) for c in e.actor.codes or [e.actor.code]}
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        if folded_form(tok) not in cues.between:
            continue
        party = (
            tok.head
            if dep(tok) in ("case", "mark")
            else next((c for c in children_of(tok) if dep(c) == "pobj"), None)
        )
        if party is None:
            continue
        for p in [party, *[c for c in children_of(party) if dep(c) == "conj"]]:
            m = index.mention_in(p)
            if m is not None and _country(m.code) and _country(m.code) not in own:
                return _mention_arg(m)
    return None


_CLAIMABLE = frozenset({"ASSAULT", "COERCE"})


def claim_verb_of(doc: Any, head: int | None, cues: Cues) -> Any:
    """The verb that claims the event headed by ``head``: its trigger is the verb's object
    ('reivindicó el atentado') or hangs on a claim noun that is ('claimed responsibility for
    the attack', 'asumió la autoría del ataque'); else None."""
    if head is None or not cues.claim_verb:
        return None
    node = doc[head]
    noun = False
    if dep(node) == "pobj":  # 'responsibility for the attack': through the preposition
        node = node.head
    if node.head.i != node.i and folded_lemma(node.head) in cues.claim_noun:
        node, noun = node.head, True
    verb = node.head
    if dep(node) != "obj" or verb.i == node.i:
        return None
    lemma = folded_lemma(verb)
    if lemma not in cues.claim_verb and not (noun and lemma in cues.claim_light):
        return None
    return verb


_TO_CASE = frozenset({"a", "al", "to"})


def _participle_verbs(lemma: str, cues: Cues) -> set[str]:
    """The word and the verbs the language's ending rules make of it (``suffix`` cues:
    'atribuido' -> 'atribuir', a participle the lemmatizer leaves as it is)."""
    return {lemma, *(lemma[: len(lemma) - len(old)] + new for old, new in cues.suffixes
                     if lemma.endswith(old))}


def _blamed(adoc: ArticleDoc, e: Event, index: ActorIndex, cues: Cues) -> EventArg | None:
    """The actor an attribution gives the event it takes: 'el gobierno atribuyó el atentado
    a las FARC' (DLE atribuir 1: 'aplicar hechos o cualidades a alguien'): the 'a' party is
    the alleged doer, not the subject who attributes the act (nor its target). The parser
    hangs that 'a' phrase on the verb or on the event noun."""
    doc = adoc.doc
    if e.head is None or not cues.claim_verb:
        return None
    node = doc[e.head]
    verb = claim_verb_of(doc, e.head, cues)
    if verb is None:
        # 'un ataque con explosivos atribuido a X': a participle of attribution on the noun,
        # or on a noun of its phrase, where the parser may hang it
        verb = next((p for c in (node, *children(node, ("nmod",))) for p in children_of(c)
                     if dep(p) in ("amod", "acl") and "Part" in morph_get(p, "VerbForm")
                     and _participle_verbs(folded_lemma(p), cues) & cues.claim_verb), None)
        if verb is None:
            return None
    for c in (*children_of(verb), *children_of(node)):
        if c.i <= node.i or c.pos_ not in ("NOUN", "PROPN") or dep(c) not in (
                "obl", "iobj", "nmod", "obj"):
            continue
        case = next((folded_form(g) for g in children_of(c) if dep(g) == "case"), "")
        m = index.mention_in(c) if case in _TO_CASE else None
        if m is not None:
            return _mention_arg(m)
    return None


def _claimant(adoc: ArticleDoc, e: Event, index: ActorIndex, cues: Cues) -> EventArg | None:
    """The subject of the verb that claims the event (:func:`claim_verb_of`)."""
    verb = claim_verb_of(adoc.doc, e.head, cues)
    if verb is None:
        return None
    return _subject_arg(verb, index)


def _subject_arg(verb: Any, index: ActorIndex, name_modifiers: bool = False) -> EventArg | None:
    """The actor mention of ``verb``'s subject, or of the name apposed to it ('the Islamist
    group al-Shabaab'); with ``name_modifiers`` also of a proper name the parser hung on it
    as a modifier ('el grupo yihadista Al Shabab': 'Al' read as a preposition)."""
    subj = next((c for c in children_of(verb) if dep(c) == "nsubj"), None)
    if subj is None:
        return None
    m = next(filter(None, (index.mention_in(t) for t in [subj, *children_of(subj)]
                           if t is subj or dep(t) == "appos"
                           or (name_modifiers and dep(t) in ("nmod", "flat")
                               and t.pos_ == "PROPN"))), None)
    return _mention_arg(m) if m is not None else None


def _mention_arg(m: Any) -> EventArg:
    """An event argument spanning actor mention ``m``, with its codes."""
    return EventArg(m.span.text, m.code, list(m.codes or [m.code]), m.span.start, m.span.end, m.id)


def _anaphoric_claimant(adoc: ArticleDoc, e: Event, events: list[Event], index: ActorIndex,
                        cues: Cues) -> EventArg | None:
    """The subject of a claim told after the act with no act of its own: 'Un coche bomba
    mató a seis personas. Al Shabab reivindicó la autoría' / 'lo reivindicó', 'Al Shabaab
    claimed responsibility': a claim noun with no complement, or a pronoun, as the object of
    a claim verb refers back to the act just told (an anaphoric definite, NGLE 17.2; CGEL
    17.2), so the claimant is its actor. Only the act nearest before the claim, in the same
    sentence or the one before, takes it."""
    doc = adoc.doc
    if e.head is None or not cues.claim_verb:
        return None
    sent = doc[e.head].sent
    end = doc[sent.end].sent.end if sent.end < len(doc) else sent.end
    later = [x.head for x in events if x is not e and x.event in _CLAIMABLE
             and x.head is not None and e.head < x.head < end]
    for tok in doc[e.head + 1:end]:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = folded_lemma(tok)
        light = lemma in cues.claim_light
        if lemma not in cues.claim_verb and not light:
            continue
        if any(h < tok.i for h in later):
            return None  # a nearer act before the claim takes it
        objects = [c for c in children_of(tok) if dep(c) == "obj"]
        if not any((c.pos_ == "PRON" and not light) or (
                folded_lemma(c) in cues.claim_noun
                and not any(dep(g) in ("nmod", "prep", "acl") for g in children_of(c)))
                for c in objects):
            continue
        return _subject_arg(tok, index, name_modifiers=True)
    return None


def claimed_reference(doc: Any, e: Event, cues: Cues) -> bool:
    """'The Islamic State claimed the attack', 'el ELN reivindicó el atentado': a definite
    event noun that a claim verb takes refers back to an act already told (a definite
    description names a known referent); its date and place are the claim's, not the act's."""
    if e.head is None or doc[e.head].pos_ not in ("NOUN", "PROPN"):
        return False
    tok = doc[e.head]
    return definite(tok) and claim_verb_of(doc, e.head, cues) is not None


def _retaliation(adoc: ArticleDoc, e: Event, cues: Cues) -> bool:
    doc = adoc.doc
    tok = doc[e.head] if e.head is not None else None
    if tok is None:
        return False
    near = [tok, *children_of(tok), *[g for c in children_of(tok) for g in children_of(c)]]
    return any(folded_lemma(t) in cues.retaliation or folded_form(t) in cues.retaliation for t in near)


def _retaliated(events: list[Event], e: Event) -> EventArg | None:
    """Actor of the latest earlier attack whose target (or absent target) is on e's side."""
    if e.actor is None:
        return None
    own = {_country(c) for c in e.actor.codes or [e.actor.code]} - {""}
    for prev in sorted(events, key=lambda x: -x.trigger.start):
        if prev is e or prev.trigger.start >= e.trigger.start or prev.event != "ASSAULT":
            continue
        if prev.actor is None or not prev.actor.code:
            continue
        if {_country(c) for c in prev.actor.codes or [prev.actor.code]} & own:
            continue
        return prev.actor
    return None


def _as_military(arg: EventArg | None) -> EventArg | None:
    """'USA' attacking -> 'USAMIL'; codes that already state a sector, and international
    groups ('IMG', 'IGO'), stay as they are."""
    if (
        arg is None
        or len(arg.code) != 3
        or not _country(arg.code)
        or len(arg.codes) > 1
        or arg.code in _INTERNATIONAL
    ):
        return arg
    code = arg.code + "MIL"
    return EventArg(arg.text, code, [code], arg.start, arg.end, arg.mention)
