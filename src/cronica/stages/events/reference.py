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

The test runs once per lexicon match of a contentious type (a handful per article); its
first checks are a set look-up and a dependency label.
"""

from __future__ import annotations

from typing import Any

from cronica.stages.language.fold import fold
from cronica.stages.nlp.syntax import children_of, dep

# the types whose word can name a kind of contentious act (learned.CONTENTIOUS)
KIND_TYPES = frozenset({"PROTEST", "MOBILIZE", "ASSAULT", "FIGHT"})
# relations through which an event word is the complement of its governing word: a noun's
# complement ('derecho a la protesta'), a verb's object ('criminalizar la protesta'), an
# infinitive clause of a noun ('derecho a protestar', 'right to protest'), the subject of a
# copular predicate ('la protesta es un derecho')
_COMPLEMENT = frozenset({"nmod", "obj", "acl", "nsubj"})
# a demonstrative or a number picks out one event ('esta protesta', 'the two strikes')
_DEMONSTRATIVE = frozenset({"este", "ese", "aquel", "this", "that", "these", "those"})
# English copular predicates hang from the verb 'be' ('Protest is a right': attr)
_PREDICATE = frozenset({"attr"})

# switch for research scripts (scripts/case_reference.py): the same pipeline without the
# reading
ENABLED = True


def names_kind(tok: Any, event: str, cues: Any) -> bool:
    """Whether event word ``tok`` (of PLOVER type ``event``) names a kind of act under a
    noun or verb of law, right or regulation, not an act that took place."""
    if not ENABLED or event not in KIND_TYPES or not (cues.norm_noun or cues.norm_verb):
        return False
    while dep(tok) == "conj" and tok.head is not tok:
        tok = tok.head  # 'el derecho a la protesta y a la huelga': as its first conjunct
    rel = dep(tok)
    if rel not in _COMPLEMENT or tok.head is tok:
        return False
    gov = tok.head
    if rel == "nsubj":
        gov = _predicate(gov)
        if gov is None:
            return False
    lemma = fold(gov.lemma_.lower())
    if gov.pos_ in ("NOUN", "PROPN"):
        if lemma not in cues.norm_noun or (rel == "nmod" and not _complement_case(tok, cues)):
            return False
    elif gov.pos_ == "VERB":
        if lemma not in cues.norm_verb or rel == "acl":
            return False
    else:
        return False
    return not _anchored(tok)


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
