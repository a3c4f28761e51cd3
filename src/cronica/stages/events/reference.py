"""What an event word refers to: an act that happened or is happening, or a kind of act.

A contentious event word does not always report an event. Under a noun of law, right or
freedom, or as the object of a verb that regulates a kind of act, it names the kind:
'el derecho a la protesta', 'la ley de manifestaciones', 'criminalizar la protesta',
'tienen derecho a protestar', 'la huelga es un derecho'; 'the right to strike', 'will not
criminalise protest', 'protest is a right'. No protest took place in any of them, and CASE
2021 labels such sentences 0 (its scope is a contentious event that happened or is going
on, not the politics of a kind of act). PLOVER codes events, not norms: the word stays a
secondary event word (``ArticleDoc.secondary_events``), as a noun that only classifies
another noun does, so no eval counts it as an event.

The governing words are the ``norm_noun`` and ``norm_verb`` cues of each language's
``event_cues.tsv``. A word with its own anchor (a number, a name, a demonstrative: 'la
ley contra la marcha del 8 de marzo', 'criminalizar esta protesta') refers to one event
and is kept.

Common crime is the other reference question: PLOVER has no CRIME type and codes a
robbery's shooting as ASSAULT with the 'crime' context (manual, 'A note on CRIME'), which
the sentence's words of property crime cue ('robo', 'ladrón'; ``context crime`` rows).
:func:`case_type` makes such an act a non-contentious event for the contentious decision
(``learned.LearnedLayer``), as CASE 2021 leaves common crime out of contentious politics.

The test runs once per lexicon match of a contentious type (a handful per article); its
first checks are a set look-up and a dependency label.
"""

from __future__ import annotations

from typing import Any

from cronica.stages.language.fold import fold
from cronica.stages.nlp.syntax import children_of, dep, morph_get

# the types whose word can name a kind of contentious act (learned.CONTENTIOUS)
KIND_TYPES = frozenset({"PROTEST", "MOBILIZE", "ASSAULT", "FIGHT"})
# relations climbed from an event word to the word that governs it: a noun's complement
# ('derecho a la protesta'), a verb's object or infinitive ('criminalizar la protesta',
# 'prohibió marchar'), an infinitive clause of a noun ('derecho a protestar', 'right to
# protest'), an oblique of a non-finite verb, the subject of a copular predicate ('la
# protesta es un derecho') or of a passive ('las marchas fueron prohibidas')
_CLIMB = frozenset({"nmod", "obj", "obl", "acl", "xcomp", "nsubj", "nsubj:pass"})
_SUBJECT = frozenset({"nsubj", "nsubj:pass"})
_NON_FINITE = (("Inf",), ("Part",), ("Ger",))
# a death word that is a verb's argument is what the verb is about ('condenó el ataque')
_ARGUMENT = frozenset({"obj", "nsubj", "nsubj:pass"})
# heads climbed at most: the event word's phrase, not the whole sentence
MAX_STEPS = 3
# a demonstrative or a number picks out one event ('esta protesta', 'the two strikes')
_DEMONSTRATIVE = frozenset({"este", "ese", "aquel", "this", "that", "these", "those"})
# English copular predicates hang from the verb 'be' ('Protest is a right': attr)
_PREDICATE = frozenset({"attr"})

# switch for research scripts (scripts/case_reference.py): the same pipeline without the
# reading
ENABLED = True


def names_kind(tok: Any, event: str, cues: Any) -> bool:
    """Whether event word ``tok`` (of PLOVER type ``event``) names a kind of act under a
    noun or verb of law, right or regulation, not an act that took place.

    The word's phrase is climbed through nouns and non-finite verbs (at most
    :data:`MAX_STEPS` heads: 'se prohíbe el uso de armas en el control de las
    manifestaciones'); a finite verb that regulates nothing ends the climb ('marcharon
    contra la ley' is a march)."""
    if not ENABLED or event not in KIND_TYPES:
        return False
    if _universal(tok, cues):
        return True
    if not (cues.norm_noun or cues.norm_verb):
        return False
    node = tok
    for _ in range(MAX_STEPS):
        while dep(node) == "conj" and node.head is not node:
            node = node.head  # 'el derecho a la protesta y a la huelga': as its first conjunct
        rel = dep(node)
        gov = node.head
        if rel not in _CLIMB or gov is node:
            return False
        if _governs_kind(node, rel, gov, cues):
            return not _anchored(tok)
        if gov.pos_ == "VERB" and morph_get(gov, "VerbForm") not in _NON_FINITE:
            return False
        if gov.pos_ not in ("NOUN", "VERB"):
            return False
        node = gov
    return False


def _universal(tok: Any, cues: Any) -> bool:
    """'prohibición de todo ensayo nuclear', 'rechaza cualquier protesta violenta': a noun
    determined by a universal or free-choice quantifier (``kind_det`` cues) with no article
    ranges over every act of its kind and reports none (Nueva gramática 20.2: 'todo' before a
    singular noun without article, and 'cualquier', have a generic or free-choice reading;
    'todos los ataques de ayer' keeps its article and is not caught)."""
    if not cues.kind_det or tok.pos_ != "NOUN":
        return False
    dets = [c for c in children_of(tok) if dep(c) == "det"]
    return len(dets) == 1 and fold(dets[0].lower_) in cues.kind_det \
        and "Plur" not in morph_get(tok, "Number")


def names_penalty(tok: Any, event: str, cues: Any, lex: Any = None) -> bool:
    """Whether death word ``tok`` names the content of a punishment, not a killing:
    'condenados a muerte', 'la pena de muerte', 'sentenced to death', 'the death penalty'.
    Nobody was killed; the sentence itself is its own event (SANCTION or COERCE). The word's
    own head or the one above it (a preposition the parser made its head) is a
    ``sentence_verb`` or ``penalty_noun`` cue, or a word the lexicon ``lex`` reads as one
    (a participle tagged as an adjective: 'luego condenados a muerte')."""
    if not ENABLED or event != "ASSAULT" or tok.pos_ != "NOUN":
        return False
    if fold(tok.lemma_.lower()) not in cues.death_word:
        return False
    node = tok
    for _ in range(2):
        gov = node.head
        if gov is node or dep(node) in _ARGUMENT:
            return False  # 'condenó el ataque': the attack is what is condemned, it happened
        lemma = fold(gov.lemma_.lower())
        if lemma in cues.sentence_verb or lemma in cues.penalty_noun:
            return True
        m = lex.match(tok.doc, gov.i) if lex is not None and gov.pos_ in ("VERB", "ADJ") else None
        if m is not None and m.entry.pattern[0] in cues.sentence_verb:
            return True
        node = gov
    return False


def faces_abstraction(tok: Any, event: str, cues: Any) -> bool:
    """Whether verb ``tok`` of confrontation ('enfrentar', 'combatir': ``opponent_verb``
    cues) has an object that is no opponent: Spanish marks a person or group as a direct
    object with 'a' (``personal_case``: 'enfrentaron a la policía', 'combatió a los
    rebeldes'), and a thing or abstraction without it ('enfrenta un pedido de juicio',
    'las dificultades que enfrenta', 'combate la pobreza'). Then the verb means to face or
    to tackle, and names no clash; a reciprocal ('se enfrentaron') or a name as object
    stays an event."""
    if not ENABLED or event not in VIOLENT_TYPES or not cues.opponent_verb:
        return False
    if fold(tok.lemma_.lower()) not in cues.opponent_verb:
        return False
    objs = [c for c in children_of(tok) if dep(c) == "obj"]
    if not objs:
        return False
    obj = objs[0]
    if obj.pos_ == "PROPN" or (obj.pos_ == "PRON" and fold(obj.lower_) != "que"):
        return False  # a name, or a clitic ('se', 'los'): a person or group
    return not any(dep(c) == "case" and fold(c.lower_) in cues.personal_case for c in children_of(obj))


def _governs_kind(node: Any, rel: str, gov: Any, cues: Any) -> bool:
    """Whether ``gov`` is a noun or verb of law or right with ``node`` (over relation
    ``rel``) as its complement."""
    if rel in _SUBJECT:
        if gov.pos_ == "VERB":  # 'las marchas fueron prohibidas'
            return fold(gov.lemma_.lower()) in cues.norm_verb
        pred = _predicate(gov)  # 'la huelga es un derecho'
        return pred is not None and fold(pred.lemma_.lower()) in cues.norm_noun
    lemma = fold(gov.lemma_.lower())
    if gov.pos_ in ("NOUN", "PROPN"):
        return lemma in cues.norm_noun and (rel != "nmod" or _complement_case(node, cues))
    return gov.pos_ == "VERB" and rel in ("obj", "xcomp") and lemma in cues.norm_verb


def _complement_case(tok: Any, cues: Any) -> bool:
    """A noun's complement is marked by one of the ``norm_case`` prepositions ('derecho a
    la protesta', 'ley de manifestaciones', 'law on strikes'); a phrase of means or place
    ('con incendios', 'en la calle') says how or where, not of what kind."""
    case = [c for c in children_of(tok) if dep(c) == "case"]
    return bool(case) and fold(case[0].lower_) in cues.norm_case


def _predicate(head: Any) -> Any:
    """The predicate noun of a copular clause whose subject hangs from ``head``: the head
    itself in UD ('la protesta es un derecho': 'derecho'), the attribute of 'be' in
    ClearNLP ('Protest is a right'); None when the clause has none."""
    if head.pos_ == "NOUN" and any(dep(c) == "cop" for c in children_of(head)):
        return head
    if head.pos_ == "AUX":
        return next((c for c in children_of(head) if dep(c) in _PREDICATE and c.pos_ == "NOUN"), None)
    return None


def _anchored(tok: Any) -> bool:
    """A number, a proper name, a date or a demonstrative in the word's own phrase makes it
    one event: 'la marcha del 8 de marzo', 'la protesta de ATE', 'esta huelga'."""
    for c in children_of(tok):
        rel = dep(c)
        if rel == "nummod" or c.pos_ == "PROPN" or c.like_num:
            return True
        if rel == "det" and fold(c.lemma_.lower()) in _DEMONSTRATIVE:
            return True
        if rel in ("nmod", "appos", "flat") and any(
            g.pos_ in ("NUM", "PROPN") or g.like_num for g in (c, *children_of(c))
        ):
            return True
    return False


# PLOVER has no CRIME event: a robbery's shooting is an ASSAULT with the 'crime' context
# (manual, 'A note on CRIME'; the context is cued by the sentence's words of property crime,
# event_cues.tsv). CASE 2021's contentious politics leaves common crime out, so for the
# contentious decision such a violent act counts as a non-contentious event.
VIOLENT_TYPES = frozenset({"ASSAULT", "FIGHT"})
CRIME_CONTEXT = "crime"
CRIME_TYPE = "CRIME"


def case_type(event: str, context: list[str]) -> str:
    """The type an event counts as in the contentious decision: ``CRIME_TYPE`` for an
    assault or fight in a sentence about common crime, else its PLOVER type."""
    if ENABLED and event in VIOLENT_TYPES and CRIME_CONTEXT in context:
        return CRIME_TYPE
    return event
