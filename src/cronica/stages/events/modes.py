"""Auxiliary modes and contexts of events, read from the dependency parse and cue words.

The auxiliary mode of a trigger is looked for on the trigger itself, then on the words
that govern it (a purpose clause, the verb a noun is the subject of, the verb a noun is the
object of ...), nearest first, so that 'un alto el fuego pueda permitir' is hypothetical and
'no han acordado' negated. The climb stops at reporting verbs: 'dijo que atacarán' is future
because of 'atacarán', not past because of 'dijo'.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import LEMMA, ORTH
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from cronica.stages.events.lexicon import Cues, fold
from cronica.stages.nlp.models import model_words
from cronica.stages.nlp.syntax import (
    children_of,
    dep,
    doc_cache,
    folded_form,
    folded_lemma,
    morph_get,
    token_column,
)

# dependency relations through which a governing word's modality reaches its dependent
# (raw parser labels: the set has UD "acl:relcl" but not ClearNLP "relcl", so it is not
# read through syntax.dep, which would change what English relative clauses inherit)
_CLIMB = frozenset(
    {
        "xcomp",
        "ccomp",
        "csubj",
        "advcl",
        "acl",
        "acl:relcl",
        "obj",
        "dobj",
        "pobj",
        "prep",
        "nmod",
        "obl",
        "nsubj",
        "nsubj:pass",
        "nsubjpass",
        "conj",
        "appos",
        "iobj",
        "compound",
    }
)
_MAX_CLIMB = 5
_NEG_CLIMB = frozenset({"xcomp", "obj", "conj"})  # UD labels, read through syntax.dep
# what a negating governing word ('negar', 'descartar', 'rechazar') reaches: its object and
# complement clauses
_NEG_WORD_CLIMB = _NEG_CLIMB | {"ccomp", "csubj"}
_CLAUSES = frozenset({"advcl", "xcomp", "acl", "ccomp"})  # UD labels, read through syntax.dep
_NEG_DEPS = frozenset({"neg"})
_AUX_DEPS = frozenset({"aux", "aux:pass", "cop"})
_MARK_DEPS = frozenset({"mark", "case", "prep"})
_MOD_DEPS = frozenset({"amod", "advmod", "neg", "det"})
# rules by which the trigger's own words name its act as scheduled ('la marcha prevista para el
# jueves', 'los piquetes que se realizarán el jueves'): a wish or demand above presupposes it
_SCHEDULED = frozenset({"scheduled modifier", "scheduled by its relative clause"})
# modes read off a verb's own tense or mood, which reach only what has no tense of its own
_TENSE_RULES = frozenset({"future tense", "conditional mood", "conditional: future of a past"})
# a participle predicated of the object of its verb ('tiene programada una visita')
_PREDICATIVE = frozenset({"obj", "iobj", "xcomp"})
_RR_IMPERFECT = re.compile(r"rri(a|as|amos|ais|an)$")


def aux_mode(
    doc: Doc,
    i: int,
    cues: Cues,
    speech: set[str],
    article_year: int | None,
    is_light: Callable[[Any], bool] | None = None,
) -> str | None:
    """The auxiliary mode of the event whose trigger head is token ``i``, or None (current)."""
    found = explain_aux(doc, i, cues, speech, article_year, is_light)
    return found[0] if found else None


def explain_aux(
    doc: Any,
    i: int,
    cues: Cues,
    speech: set[str],
    article_year: int | None,
    is_light: Callable[[Any], bool] | None = None,
    convened: bool = True,
    speech_act: bool = False,
) -> tuple[str, Any, str] | None:
    """(mode, the token that decided it, the rule's name) for the trigger head ``i``, or None.
    ``convened``: the event is one its participants attend or stage when called (a strike, a
    march), so a call to it convenes it ('llamaron a una huelga': future); a call for the act
    of another ('llamó a la liberación de los rehenes') asks for it (hypothetical).
    ``speech_act``: the event is an act of speech (an accusation, a demand), which a
    subjectless conjunct shares with a governing verb of speech rather than with its
    complement clause ('denied that its troops had attacked and accused Thailand').

    A negation reaches the trigger from its own clause, or through support verbs ('no
    realizaron la huelga'), not through other verbs ('no pretende impedir el bloqueo': the
    blockade goes ahead)."""
    node = doc[i]
    negation_reaches = True
    # a negating governing word ('negó que X', 'descartó X', 'rechazó que se realice X')
    # takes its complement clause in its scope too, where a 'no' of a higher clause does not
    word_reaches = True
    came_from_clause = False  # the last step up came from a clause ('adecuado para dialogar')
    prev = None  # the node the climb came from
    # a verb in the subjunctive in a que-clause ('pretenden que negocie'): wished, proposed or
    # feared, not asserted; a governing word found higher up decides first (widest scope)
    unreal = None
    found: tuple[str, Any, str] | None = None
    verb_seen = False  # the clause of the trigger: its own verb, or the verb a noun hangs from
    cause_of = None  # the act whose cause phrase the climb has left ('por la redada')
    # a finite indicative trigger has a tense of its own: the future or conditional of the
    # clause it hangs from is another clause's time ('comenzará el miércoles y todavía se
    # desconoce', 'se paralizarán el viernes, según acordaron el lunes')
    own_tense = node.pos_ in ("VERB", "AUX") and _finite(node, "Ind") \
        and not _subjunctive_conjunction(node, cues)
    for step in range(_MAX_CLIMB):
        if not verb_seen and node.pos_ in ("VERB", "AUX"):
            # (the mood of the clause of an act whose cause or end the trigger is stays with
            # that act: 'pidió que acaben con el bloqueo', 'que protesten por la redada')
            verb_seen, unreal = True, None if cause_of is not None else _subjunctive_complement(node, cues)
        mode = _mode_at(node, cues, article_year, is_trigger=step == 0,
                        planned=prev is not None and dep(prev) in ("obj", "xcomp"),
                        came_from=-1 if prev is None else prev.i, light=is_light)
        if mode and step > 0 and own_tense and mode[2] in _TENSE_RULES:
            mode = None
        if mode and mode[2] == "governing word" and folded_lemma(node) in cues.convene \
                and convened and prev is not None and (prev.pos_ == "NOUN" or _called_act(node, prev)):
            # 'llamaron a una huelga', 'llamó a manifestar el domingo': a call to an event named
            # by a noun, or to the act itself with no one called, convenes it as 'convocar'
            # does (planned: future); 'llamó a la población a votar' asks people for it
            mode = ("future", node, "governing word")
        if mode and mode[0] == "future" and mode[2] == "governing word" and prev is not None \
                and prev.pos_ == "NOUN" and dep(prev) in ("nsubj", "nsubj:pass") \
                and folded_lemma(node) in cues.convene | cues.convene_passive and _passive(node, cues):
            # 'la manifestación fue convocada por la oposición': the passive with the event as
            # its subject names who organised an event the sentence reports; its time is the
            # sentence's, no plan ('la marcha fue convocada para el lunes' is dated ahead)
            mode = None
        if prev is not None and prev.pos_ == "NOUN" and dep(prev) in ("obj", "obl", "nmod") \
                and folded_lemma(node) in cues.prepare and (step == 1 or step == 2 and fold(
                    prev.lemma_) in cues.kind_noun):
            # 'la policía se prepara para una jornada de protestas', 'preparaban un atentado':
            # an act being prepared is planned (future); a clause under the verb is not its act
            mode = ("future", node, "governing word")
        if mode and mode[2] == "governing word" and prev is not None and dep(prev) == "conj" \
                and node.pos_ in ("VERB", "AUX") and (mode[0] == "negation" or _finite_ind(prev)
                                                       and _finite_ind(node)):
            # 'negaron su responsabilidad y acusaron al ejército': a coordinate of a denying
            # verb is not its complement, so not denied (kept to denials: over the fit
            # articles, coordinates of calls and threats lost a matched trigger)
            mode = None
        if mode and mode[0] == "negation" and not negation_reaches:
            mode = _mode_at(node, cues, article_year, is_trigger=step == 0, negation=False,
                            negation_words=word_reaches)
        if mode and mode[0] == "negation" and mode[2] == "governing word" \
                and fold(node.lemma_) in cues.prevent_verb and "Inf" in morph_get(node, "VerbForm"):
            # 'para evitar una huelga', 'intentó impedir que marcharan': a verb of prevention
            # entails that its act did not happen only when it is asserted itself (an
            # implicative verb, Karttunen 1971); as an infinitive aim or attempt the act it
            # would prevent stays possible (in the reach of a negation only)
            mode = ("hypothetical", node, "governing word")
        if mode and mode[0] == "negation" and mode[2] == "governing word" and _negated(node, cues):
            # 'no descartó nuevas protestas', 'no excluye sanciones': an act not ruled out is
            # left possible (hypothetical), not negated; the rule-out itself is the negated act
            mode = ("hypothetical", node, "negated rule-out")
        if step == 1 and found is not None and found[2] == "marker" and folded_lemma(node) in cues.motion \
                and cues.aux_case.get(fold(found[1].lemma_)) == "hypothetical":
            # 'viajó a España para una visita oficial', 'viajará a Lima para una reunión': the
            # aim of a journey is the traveller's own act on arrival; it takes the journey's
            # time, not the mode of an aim not yet reached
            found = None
        if mode and mode[0] == "hypothetical" and found is not None and found[2] in _SCHEDULED:
            # 'pidió que la reunión prevista para el lunes se realice en Lima', 'llamados a los
            # piquetes que se realizarán el jueves': the act is named as scheduled, so a wish or
            # demand around it presupposes it (the guidelines: a planned event presupposed
            # inside a conditional stays future)
            mode = None
        if mode and mode[0] == "future" and found is not None and found[0] == "negation":
            # 'se comprometieron a no atacar': a negated future act is negation (guidelines)
            mode = None
        if mode and cause_of is not None and mode[0] != "historical":
            mode = None  # the cause of an act lies outside the wishes and plans about the act
        if mode and found is not None and found[0] in ("future", "negation") \
                and found[2] not in _SCHEDULED and _opens_condition(mode, cues):
            # 'si el sindicato decide seguir con su intención de una huelga', 'si el gobierno
            # se niega a negociar': a plan or refusal stated inside a condition is itself not
            # asserted; the condition has the wider scope (the guidelines: widest scope
            # wins). An act its own words schedule stays presupposed ('si la marcha prevista
            # para el lunes ...'), and the calendar dates a presupposed noun ahead.
            found = mode
        if mode and (found is None or mode[2] in cues.wide_scope and mode[0] != found[0]):
            # a governing word or negation further up, of another mode, has wider scope and
            # wins; the same mode again keeps the nearer words as its evidence
            found = mode
        if node.head.i == node.i or not (
            node.dep_ in _CLIMB  # raw: see _CLIMB
            or came_from_clause and dep(node) == "amod" and node.pos_ == "ADJ"
        ):
            return found or unreal
        if cause_of is None and (_presupposed_cause(node, cues) or _ended(node, cues)
                                 or _judged(node, cues)
                                 or step == 0 and _told_by_its_relative(node)):
            # 'baraja la posibilidad de protestar por la redada', 'pidió que cesen los
            # ataques tras la masacre': the cause of an act is presupposed; the wish, demand,
            # plan or negation around the act does not reach it. A past time above still does
            # (a cause comes before its effect: 'en represalia por un atentado' in 1944)
            cause_of = node.head
        if _asserted_relative(node) or _asserted_cause(node, cues):
            # 'el sindicato, que lideró una huelga, convocó a votar': an indicative relative
            # clause asserts a fact of its own; the words governing its noun do not reach it;
            # nor do they reach an indicative causal clause ('no debió ser detenido porque
            # viajó con pasaporte diplomático': the journey took place)
            return found or unreal
        # 'no acordaron iniciar X' negates X; 'la ola de protestas no es la primera' does not
        through = _transparent(node, cues, is_light)
        negation_reaches = negation_reaches and (
            dep(node) in _NEG_CLIMB
            and (is_light is None or node.pos_ not in ("NOUN", "PROPN") or is_light(node.head))
            or through
        ) and not _own_conjunct(node, cues)
        word_reaches = word_reaches and (dep(node) in _NEG_WORD_CLIMB or through)
        came_from_clause = dep(node) in _CLAUSES
        # 'denied that its troops had attacked and accused Thailand': a finite conjunct the
        # parse hung on the participle of the complement clause belongs with the governing verb
        prev, node = node, (_lifted_conjunct(node, cues, speech_act) if step == 0 else None) \
            or node.head
        if folded_lemma(node) in speech:
            # a speech verb ends the climb, unless its class sets the mode ('negó que X')
            verb_mode = cues.aux.get(folded_lemma(node))
            return (verb_mode, node, "governing word") if verb_mode else found or unreal
    return found or unreal


def _own_conjunct(node: Any, cues: Cues) -> bool:
    """``node`` is a finite verb coordinated with a finite verb by 'y', 'pero', 'sino' (not
    'ni'): the 'no' of the first conjunct negates only its own clause ('el paro no contó con
    su adhesión, pero fue respaldado', 'no lo hicieron y aceptaron'); 'ni' carries the
    negation on ('no bloqueamos la carretera ni quemamos neumáticos')."""
    if dep(node) != "conj" or node.pos_ not in ("VERB", "AUX"):
        return False
    head = node.head  # a verb, or a predicate with its copula ('no están contra el plan')
    if not (_finite(node) and _finite(head)):
        return False
    return not any(dep(c) == "cc" and cues.aux.get(folded_lemma(c)) == "negation" for c in children_of(node))


def _finite(verb: Any, mood: str | None = None) -> bool:
    """``verb`` or one of its auxiliaries is a finite form (of ``mood``, when given)."""
    return any("Fin" in morph_get(w, "VerbForm") and (mood is None or mood in morph_get(w, "Mood"))
               for w in [verb, *(c for c in children_of(verb) if dep(c) in _AUX_DEPS)])


def _subjunctive_conjunction(verb: Any, cues: Cues) -> bool:
    """``verb`` opens with 'para que', 'antes de que', 'hasta que': conjunctions that take
    the subjunctive only, so an indicative reading of the verb is the tagger's ('para que el
    banco conceda': 'concedar')."""
    for m in children_of(verb):
        if dep(m) != "mark":
            continue
        words = {folded_lemma(m), *(folded_lemma(t) for t in m.doc[max(0, m.i - 2):m.i])}
        if words & (cues.purpose | cues.time_mark):
            return True
    return False


def _lifted_conjunct(tok: Any, cues: Cues, speech_act: bool) -> Any:
    """The verb a subjectless finite conjunct ``tok`` is coordinated with when the parse hung
    it on the verb of a complement clause whose form it cannot share: a participle with its
    auxiliary ('denied that its troops had attacked and accused Thailand', 'negó que sus
    tropas hubieran atacado y acusó a Tailandia') or a subjunctive beside an indicative
    ('negó que atacaran la aldea y acusó a Tailandia'). A conjunct shares its first
    conjunct's auxiliary, mood and subject; one that cannot is the next act of the governing
    verb's subject, in that verb's tense (the governing verb, else None). A form that may be
    a participle as well (English '-ed', ``Cues.participle_ending``: the tagger's finite
    reading is a guess) is lifted only when it is an act of speech (``speech_act``), a
    parallel of the governing verb of speech ('had attacked and killed' shares 'had')."""
    if dep(tok) != "conj" or tok.pos_ != "VERB" or "Fin" not in morph_get(tok, "VerbForm"):
        return None
    first = tok.head
    gov = first.head
    if dep(first) != "ccomp" or gov.i == first.i or gov.pos_ not in ("VERB", "AUX") \
            or "Fin" not in morph_get(gov, "VerbForm") \
            or morph_get(gov, "Tense") != morph_get(tok, "Tense") or morph_get(gov, "Mood") != morph_get(tok, "Mood"):
        return None
    if any(dep(c) in ("nsubj", "nsubj:pass", "aux", "aux:pass") for c in children_of(tok)):
        return None
    auxes = [c for c in children_of(first) if dep(c) in ("aux", "aux:pass")]
    participle = "Part" in morph_get(first, "VerbForm") and bool(auxes) and (
        speech_act or not any(folded_form(tok).endswith(e) for e in cues.participle_ending))
    subjunctive = any(_subjunctive(w, cues) for w in [first, *auxes])
    return gov if participle or subjunctive and not _subjunctive(tok, cues) else None


def _ended(node: Any, cues: Cues) -> bool:
    """``node`` is the event noun a word of ending takes ('el fin de la protesta', 'el cese de
    los ataques'): a change of state presupposes that the event was going on, so the wishes,
    conditions and plans about its end do not reach it (as for a cause)."""
    head = node.head
    if node.pos_ != "NOUN" or head.i == node.i:
        return False
    if head.pos_ in ("VERB", "AUX") and dep(node) in ("obj", "obl"):
        # a verb of ending with the event as its object ('terminar la huelga', 'que acabe con
        # el bloqueo'; not 'acabe en violencia', where the event is the subject), or a verb
        # whose object is a noun of ending with the event beside it ('que pongan fin al
        # bloqueo', 'una solución al bloqueo'; not 'el fin de semana')
        if folded_lemma(head) in cues.end_word:
            case = {folded_lemma(c) for c in children_of(node) if dep(c) == "case"}
            return dep(node) == "obj" and not case or bool(case & cues.end_case)
        if not any(dep(c) in ("obj", "compound") and c.i != node.i and folded_lemma(c) in cues.end_word
                   and "Plur" not in morph_get(c, "Number")
                   and not any(folded_lemma(g) in cues.time_unit for g in children_of(c)) for c in children_of(head)):
            return False
        return any(dep(c) == "case" and folded_lemma(c) in cues.end_noun_case for c in children_of(node))
    return dep(node) == "nmod" and head.pos_ == "NOUN" and folded_lemma(head) in cues.end_word \
        and "Plur" not in morph_get(head, "Number")  # 'con fines de': purposes, no end


def _judged(node: Any, cues: Cues) -> bool:
    """``node`` is the event noun a word of judging or inquiry takes ('condenará el atentado',
    'investigar los asesinatos', 'el esclarecimiento de la masacre'), or the verb of the
    complement clause of a factive verb ('lamentará que la policía haya reprimido'): such
    words are factive, the act they judge took place, so the plans, wishes and demands about
    the judging do not reach it (as for a cause)."""
    head = node.head
    if node.pos_ in ("VERB", "AUX") and dep(node) == "ccomp" and head.i != node.i \
            and fold(head.lemma_) in cues.factive_verb:
        # the complement clause of a factive verb ('condenará que el ejército haya atacado')
        return True
    if node.pos_ != "NOUN" or head.i == node.i or fold(head.lemma_) not in cues.judge_word:
        return False
    if head.pos_ in ("VERB", "AUX"):
        return dep(node) == "obj"
    return head.pos_ == "NOUN" and dep(node) == "nmod" and any(
        dep(c) == "case" and fold(c.lemma_) in ("de", "del") for c in children_of(node))


def judged_event(tok: Any, cues: Cues) -> bool:
    """``tok`` is an event noun a word of judging or inquiry takes ('pidió el esclarecimiento
    de la masacre'): a fact, not the content of the wish or plan around the judging."""
    return _judged(tok, cues)


def _negated(verb: Any, cues: Cues) -> bool:
    """``verb`` carries a negation of its own ('no descartó', 'nunca negó')."""
    return any((dep(c) in _NEG_DEPS or dep(c) == "advmod" and cues.aux.get(folded_form(c)) == "negation")
               and not _connective(c) and c.i < verb.i for c in children_of(verb))


def _presupposed_cause(node: Any, cues: Cues) -> bool:
    """``node`` is an event noun in a cause phrase ('por la redada', 'contra la
    ocupación', 'tras la masacre') of an act that is no governing word itself."""
    if node.pos_ != "NOUN" or dep(node) not in ("obl", "nmod") or not cues.cause_case:
        return False
    head = node.head
    # (a complex preposition is no cause: 'por medio del diálogo', 'por parte de')
    return head.i != node.i and folded_lemma(head) not in cues.aux and any(
        dep(c) == "case" and folded_lemma(c) in cues.cause_case
        and not any(dep(f) == "fixed" for f in children_of(c)) for c in children_of(node))


def in_cause_phrase(tok: Any, cues: Cues) -> bool:
    """``tok`` is an event noun in the cause phrase of an act ('en protesta por la detención',
    'tras el ataque'), directly or as the noun complement of one ('por la detención de sus
    dirigentes' reaches 'dirigentes' no further: only event nouns are asked)."""
    return _presupposed_cause(tok, cues)


def _told_by_its_relative(node: Any) -> bool:
    """The event noun ``node`` is the subject of its own relative clause in a past tense of
    the indicative ('hacer olvidar los disturbios que ensangrentaron la convención', 'exigió
    castigo por el ataque que dejó diez muertos'): the clause asserts that the event took
    place, so the wish, plan or negation around the noun does not reach it (a
    presupposition, as for a cause)."""
    if node.pos_ != "NOUN":
        return False
    for rel in children_of(node):
        if dep(rel) not in ("acl:relcl", "acl") or rel.pos_ not in ("VERB", "AUX"):
            continue
        kids = children_of(rel)
        words = [rel, *(c for c in kids if dep(c) in _AUX_DEPS)]
        past = any("Ind" in morph_get(w, "Mood") and {"Past", "Imp"} & set(morph_get(w, "Tense")) for w in words)
        # the relative pronoun is the subject (or the parse's object of a clause that has
        # another object and no subject: 'el ataque que dejó diez muertos')
        pronoun = next((c for c in kids if "Rel" in morph_get(c, "PronType") and c.i < rel.i), None)
        subject = pronoun is not None and (dep(pronoun) in ("nsubj", "nsubj:pass") or dep(pronoun) == "obj"
                                           and not any(dep(c) in ("nsubj", "nsubj:pass") for c in kids)
                                           and any(dep(c) == "obj" and c.i > rel.i for c in kids))
        # the subject agrees with its antecedent ('la liberación de los presos que fueron
        # detenidos' is the prisoners'); a periphrasis ('el paro que iba a comenzar', 'que
        # pretendía levantar') asserts no act
        number = morph_get(node, "Number")
        agrees = any(morph_get(w, "Number") == number for w in words if morph_get(w, "Number"))
        periphrasis = "Inf" in morph_get(rel, "VerbForm") or any(
            dep(c) == "xcomp" and "Inf" in morph_get(c, "VerbForm") for c in kids)
        if past and subject and agrees and not periphrasis:
            return True
    return False


def _finite_ind(verb: Any) -> bool:
    """A finite verb in the indicative ('pidieron', 'exhortaron')."""
    return verb.pos_ in ("VERB", "AUX") and "Fin" in morph_get(verb, "VerbForm") \
        and "Ind" in morph_get(verb, "Mood")


def _passive(verb: Any, cues: Cues) -> bool:
    """``verb`` is a participle with the auxiliary of the passive ('fue convocada')."""
    return "Part" in morph_get(verb, "VerbForm") and any(
        dep(c) == "aux:pass" or dep(c) in ("aux", "cop") and folded_lemma(c) in cues.passive_aux
        for c in children_of(verb))


def _determined(word: Any) -> bool:
    """A determiner or an article contracted with a preposition ('al', 'del') just before
    ``word``: it is a noun the parser took for an auxiliary ('llegó al poder prometiendo
    elecciones': the power, not the modal 'poder')."""
    if word.i == 0:
        return False
    before = word.doc[word.i - 1]
    return before.pos_ == "DET" or "Preppron" in morph_get(before, "AdpType")


def _proclitic_se(tok: Any) -> bool:
    """A reflexive clitic before the verb ('se proponen llegar'); an enclitic of its
    infinitive ('propuso reunirse') does not make the governing verb pronominal."""
    return any(c.i < tok.i and folded_form(c) == "se" for c in children_of(tok))


def _transparent(node: Any, cues: Cues, is_light: Callable[[Any], bool] | None) -> bool:
    """Whether the event noun ``node`` is the event of the word it hangs from, so that a
    negation of that word is its negation: the subject of a support verb in the reflexive
    passive ('no se realizó la huelga') or the complement of a noun that only classifies
    the act ('no realizará actos de sabotaje')."""
    if node.pos_ not in ("NOUN", "PROPN"):
        return False
    head = node.head
    if dep(node) in ("nsubj", "nsubj:pass") and is_light is not None and is_light(head):
        return True
    if dep(node) in ("obj", "nsubj", "nsubj:pass") and folded_lemma(head) in cues.existential \
            and head.pos_ in ("VERB", "AUX"):
        # 'no hubo enfrentamientos', 'no habrá negociaciones', 'no se produjeron choques': a
        # verb of existence or occurrence asserts its event noun, so its negation is the event's
        return True
    return dep(node) == "nmod" and head.pos_ == "NOUN" and folded_lemma(head) in cues.kind_noun


def _asserted_relative(verb: Any) -> bool:
    """``verb`` heads a relative clause in the indicative ('que lideró'): a fact asserted
    of its noun. A subjunctive relative ('una tregua que permita negociar') is not asserted
    and stays in the scope of what governs its noun. A participle takes the mood of its
    auxiliary ('los estudiantes que fueron detenidos el lunes')."""
    relative = dep(verb) == "acl:relcl" or dep(verb) == "acl" and any(
        "Rel" in morph_get(c, "PronType") for c in children_of(verb))
    words = [verb, *[c for c in children_of(verb) if dep(c) in _AUX_DEPS]]
    return relative and verb.pos_ in ("VERB", "AUX") and any("Ind" in morph_get(w, "Mood") for w in words)


def _asserted_cause(verb: Any, cues: Cues) -> bool:
    """``verb`` heads an adverbial clause of cause in a past tense of the indicative ('porque
    viajó', 'ya que atacaron'): its reason is a fact asserted (Nueva gramática §46.3). A
    reason in the present or future ('vaya preparando sus maletas, porque lo voy a echar si
    sigue provocando') belongs to the speaker's frame, and a condition above still reaches it."""
    if dep(verb) != "advcl" or not cues.cause_mark:
        return False
    marks = [c for c in children_of(verb) if dep(c) == "mark"]
    words = [verb, *[c for c in children_of(verb) if dep(c) in _AUX_DEPS]]
    if cues.concession_mark and any(_concession(m, cues) for m in marks):
        # 'aunque el partido propuso una prórroga': a concession in the indicative is a fact
        return any("Ind" in morph_get(w, "Mood") for w in words)
    marked = any(folded_lemma(c) in cues.cause_mark for c in marks)
    return marked and any("Ind" in morph_get(w, "Mood") and ({"Past", "Imp"} & set(morph_get(w, "Tense")))
                          for w in words)


def _concession(mark: Any, cues: Cues) -> bool:
    """``mark`` opens a concessive clause: it ends or starts one of the conjunctions of
    ``Cues.concession_mark`` ('aunque', the 'que' of 'pese a que' and 'a pesar de que', the
    'si' of 'si bien')."""
    doc = mark.doc
    for phrase in cues.concession_mark:
        words = phrase.split()
        n = len(words)
        for first in (mark.i - n + 1, mark.i):
            if first >= 0 and first + n <= len(doc) and all(
                    fold(doc[first + k].text) == w for k, w in enumerate(words)):
                return True
    return False


def _subjunctive_complement(tok: Any, cues: Cues) -> tuple[str, Any, str] | None:
    """('hypothetical', the verb, rule) when ``tok`` (or its conjunct head: 'que negocie y
    pacte') is a subjunctive verb heading a complement clause opened by a complementizer;
    'future' when that clause is what a decision or agreement settles (``Cues.plan_verb``)."""
    node = tok.head if dep(tok) == "conj" and tok.head.pos_ in ("VERB", "AUX") else tok
    verbs = [tok, node, *[c for c in children_of(tok) if dep(c) in _AUX_DEPS]]
    if not any(_subjunctive(v, cues) for v in verbs):
        return None
    marks = [folded_lemma(c) for c in children_of(node) if dep(c) == "mark" and "Sub" not in morph_get(c, "Mood")]
    if dep(node) == "advcl" and len(marks) > 1 and any(m in cues.purpose for m in marks):
        # 'marcharon para que el gobierno negocie': the subjunctive aim of a purpose clause
        # is not yet reached (Nueva gramática §46.5); an infinitive aim ('para exigir') is
        # the act's own content
        return ("hypothetical", tok, "subjunctive purpose")
    if dep(node) not in ("ccomp", "csubj") or not marks:
        return None
    if fold(node.head.lemma_) in cues.factive_verb:
        # 'lamentó que la policía haya reprimido la marcha', 'condenó que el ejército atacara':
        # an emotive or evaluative factive verb selects the subjunctive, but what it judges is
        # presupposed true (Nueva gramática §25.13): no unreal act
        return None
    if fold(node.head.lemma_) in cues.plan_verb:
        # 'acordaron que la reunión se realice en Lima', 'decidió que las tropas se retiren':
        # what a decision or agreement settles is planned (future), not wished
        return ("future", tok, "subjunctive complement of a decision")
    return ("hypothetical", tok, "subjunctive complement")


# particle labels: UD 'compound:prt', ClearNLP 'prt' (English 'rule out', 'call off')
_PARTICLE_DEPS = frozenset({"prt", "compound:prt"})


def _governing_key(tok: Any, cues: Cues) -> str | None:
    """The aux cue ``tok`` is as a governing word: its lemma ('descartar', 'refuse'), or its
    lemma with its verb particle ('ruled out' -> 'rule out', 'called off' -> 'call off'; a
    phrasal verb's meaning is the pair's, Cambridge Grammar of English §4.3)."""
    key = folded_lemma(tok)
    if key in cues.aux:
        return key
    if key not in cues.aux_phrasal:
        return None
    for child in children_of(tok):
        if dep(child) in _PARTICLE_DEPS:
            pair = f"{key} {folded_form(child)}"
            if pair in cues.aux:
                return pair
    return None


def _mode_at(
    tok: Any, cues: Cues, article_year: int | None, is_trigger: bool, negation: bool = True,
    negation_words: bool = False, planned: bool = False, came_from: int = -1,
    light: Callable[[Any], bool] | None = None,
) -> tuple[str, Any, str] | None:
    """:func:`_read_mode_at`; above the trigger (where ``light`` is not read) kept per
    document: the climbs of the triggers of one sentence pass through the same heads."""
    if is_trigger:
        return _read_mode_at(tok, cues, article_year, True, negation, negation_words, planned,
                             came_from, light)
    store = doc_cache(tok.doc, "modes.mode_at")
    key = (tok.i, id(cues), article_year, negation, negation_words, planned, came_from)
    if key in store:
        found: tuple[str, Any, str] | None = store[key]
        return found
    found = store[key] = _read_mode_at(tok, cues, article_year, False, negation,
                                       negation_words, planned, came_from)
    return found


def _read_mode_at(
    tok: Any, cues: Cues, article_year: int | None, is_trigger: bool, negation: bool = True,
    negation_words: bool = False, planned: bool = False, came_from: int = -1,
    light: Callable[[Any], bool] | None = None,
) -> tuple[str, Any, str] | None:
    """The mode the words on ``tok`` give it. Without ``negation`` no negation counts, except
    a negating governing word when ``negation_words`` ('negó que X': X is in its scope).
    ``planned``: the climb reached ``tok`` from its object or infinitive complement, the act
    a planning participle on ``tok`` can be predicated of ('tiene programada una visita').
    ``came_from``: the index of the token the climb came from (-1 at the trigger); ``light``:
    whether a verb is a support verb of an event noun ('llevar a cabo')."""
    found: list[tuple[str, Any, str]] = []
    governing = None if is_trigger else _governing_key(tok, cues)
    if governing is not None:
        mode = cues.aux[governing]
        if folded_lemma(tok) in cues.expected and _impersonal(tok):
            mode = "future"  # 'se espera que se reúnan el lunes': expected, not hoped for
        elif folded_lemma(tok) in cues.pronominal_plan and _proclitic_se(tok):
            mode = "future"  # 'se proponen llegar': setting oneself to act is a plan

        found.append((mode, tok, "governing word"))
    if "Fut" in morph_get(tok, "Tense"):
        found.append(("future", tok, "future tense"))
    if _is_conditional(tok, cues):
        found.append(_conditional(tok, tok, cues))
    if "Pres" in morph_get(tok, "Tense") and _subjunctive(tok, cues) \
            and _time_clause(tok, cues):
        # 'antes de que se reúnan', 'a once días de que se reúnan': the present subjunctive
        # of a time clause is prospective (Nueva gramática §24.1, §47.7)
        found.append(("future", tok, "subjunctive of a time clause"))
    if (de := _infinitive_condition(tok, cues)) is not None:
        found.append(("hypothetical", de, "marker"))  # 'de no haber acuerdo, ...'
    if cues.otherwise and is_trigger and tok.pos_ in ("VERB", "AUX") \
            and (other := _otherwise(tok, cues)) is not None:
        # 'de lo contrario se le abrirá expediente': the verb's own act (not the nouns deeper in
        # its clause, nor a speech act whose content clause the phrase belongs to)
        found.append(("hypothetical", other, "condition consequent"))
    for child in children_of(tok):
        key = folded_lemma(child)
        word = folded_form(child)
        label = dep(child)
        if label == "mark" and _conditional_conjunction(child, tok, cues):
            # 'en caso de que los rebeldes ataquen': the condition itself is not asserted
            found.append(("hypothetical", _phrase_span(child), "marker"))
            continue
        if _connective(child):
            continue  # 'sin embargo', 'no obstante': a fixed connective, not a negation
        if label in _NEG_DEPS or (label in _MOD_DEPS and cues.aux.get(word) == "negation") \
                or (label == "det" and "Neg" in morph_get(child, "PronType")):
            # (a negative quantifier on the event noun: 'ninguna negociación')
            found.append(("negation", child, "negation"))
        elif label in _AUX_DEPS:
            if "Fut" in morph_get(child, "Tense"):
                found.append(("future", child, "future tense"))
            if _is_conditional(child, cues):
                found.append(_conditional(tok, child, cues))
            if (key in cues.aux or word in cues.aux) and not _determined(child):
                found.append((cues.aux.get(word) or cues.aux[key], child, "auxiliary"))
        elif label in _MARK_DEPS and (key in cues.aux_case or key in cues.aux):
            mode = cues.aux_case.get(key) or cues.aux[key]
            # a purpose clause ('marcharon para exigir') is done, not hypothetical; a purpose
            # noun phrase ('conversaciones para una retirada') is not done yet
            if not (mode == "hypothetical" and label == "mark" and key in cues.aux_case):
                found.append((mode, child, "marker"))
        elif is_trigger and tok.pos_ == "NOUN" and label in ("amod", "acl") \
                and "Part" in morph_get(child, "VerbForm") and _set_for_a_time(child, cues):
            # 'la huelga convocada para el lunes', 'la visita fijada para marzo': a participle
            # with the time the act is set for schedules it; a wish or condition around the
            # noun then presupposes it (future, as for 'prevista para el lunes')
            found.append(("future", child, "scheduled modifier"))
        elif label in _MOD_DEPS and key in cues.aux and cues.aux[key] != "negation":
            if _modifies_the_act(tok, child, cues, is_trigger, came_from):
                scheduled = is_trigger and cues.aux[key] == "future" and tok.pos_ == "NOUN"
                found.append((cues.aux[key], child, "scheduled modifier" if scheduled else "modifier"))
        elif is_trigger and tok.pos_ == "NOUN" and _asserted_relative(child) and _unreal_or_future(child) \
                and (key in cues.light or light is not None and light(child)) \
                and not _is_conditional(child, cues) and not any(
                    "Cnd" in morph_get(c, "Mood") for c in children_of(child) if dep(c) in _AUX_DEPS):
            # 'los piquetes que se realizarán el jueves': the noun's own relative clause, with
            # a support verb of its act in the future tense, schedules it ('un paro que se
            # prolongará', 'un acuerdo que reducirá los arsenales' tell of an act under way)
            found.append(("future", child, "scheduled by its relative clause"))
        elif planned and label in _PREDICATIVE and key in cues.aux and cues.aux[key] == "future" \
                and "Part" in morph_get(child, "VerbForm"):
            # 'tienen previsto reunirse', 'tiene programada una visita': a participle of
            # planning predicated of the act of 'tener' (Nueva gramática §28.5): scheduled
            found.append(("future", child, "planning participle"))
        elif article_year and _is_past_year(child, article_year) and not (
                _opens_period(child, cues) and not _simple_past(tok)):
            found.append(("historical", child, "past year"))
        elif (label == "advcl" or label == "ccomp" and _unreal_or_future(tok)) and not (
            is_trigger and folded_lemma(tok) in cues.warn
        ) and (
            mark := _condition_mark(child, cues)
        ):
            # (not on a threat or warning itself: 'amenaza con sanciones si no cesan los
            # ataques' is a threat made, its condition part of what it threatens)
            # (a 'si' clause under a future or conditional verb is its condition even when
            # the parser reads it as an indirect question: 'atacará si no se rinden')
            # the consequent of a condition: 'si no nos escuchan, aumentaremos las medidas'
            found.append(("hypothetical", _phrase_span(mark), "condition consequent"))
    condition = next((f for f in found if f[2] == "marker" and f[0] == "hypothetical"
                      and _condition_word(f[1], cues)), None)
    if condition is not None:
        # 'si el gobierno no negocia', 'en caso de que no acepte': the condition takes the
        # negation of its own clause in its scope (the guidelines' widest scope)
        return condition
    for mode in ("negation", "hypothetical", "future", "historical"):
        for f in found:
            if f[0] == mode and (
                negation or mode != "negation" or negation_words and f[2] == "governing word"
            ):
                return f
    return None


def _set_for_a_time(part: Any, cues: Cues) -> bool:
    """The participle ``part`` has a 'para' phrase of a time ('convocada para el lunes', 'para
    el 25 de enero', 'para la próxima semana'): the time its act is set for."""
    if not cues.schedule_case:
        return False
    for c in children_of(part):
        if dep(c) not in ("obl", "nmod") or not any(
                dep(m) == "case" and folded_lemma(m) in cues.schedule_case for m in children_of(c)):
            continue
        if "Tim" in morph_get(c, "AdvType") or folded_lemma(c) in cues.time_unit or c.pos_ == "NUM":
            return True
    return False


def _modifies_the_act(tok: Any, mod: Any, cues: Cues, is_trigger: bool, prev_i: int) -> bool:
    """Whether the modifier ``mod`` ('posible', 'próximo', 'eventual') of ``tok`` qualifies the
    act the climb came from. On a noun it qualifies that noun's own act: the trigger ('un
    posible ataque') or a noun that only classifies the act ('un eventual proceso de
    diálogo'), not the act of another noun's complement ('el próximo paro de los
    bombardeos', 'un decidido adversario de la ocupación'). An adjective with a complement
    of its own ('piquetes dispuestos a intervenir') tells of its noun's next act, not of it."""
    if prev_i == mod.i:
        return True  # the climb came through the modifier's complement ('decididos a atacar')
    if any("Inf" in morph_get(c, "VerbForm") for c in children_of(mod)):
        return False
    return is_trigger or tok.pos_ in ("VERB", "AUX") or folded_lemma(tok) in cues.kind_noun


def _conditional(verb: Any, word: Any, cues: Cues) -> tuple[str, Any, str]:
    """The mode of a conditional ``word`` on ``verb``. In the complement of a past-tense
    verb ('prometió que serían perseguidos', 'anunció que viajaría') the conditional is the
    future of that past (Nueva gramática §23.15): future. Elsewhere, or on a modal ('dijo
    que podría atacar'), it is hypothetical (a 'si' condition is found on its own)."""
    node = verb.head if dep(verb) == "conj" else verb
    head = node.head
    if (
        dep(node) == "ccomp"
        and head.i != node.i
        and head.pos_ in ("VERB", "AUX")
        and {"Past", "Imp"} & set(morph_get(head, "Tense"))
        and folded_lemma(word) not in cues.aux
        and cues.aux.get(folded_lemma(head)) not in ("hypothetical", "negation")
        and folded_lemma(head) not in cues.warn
    ):
        return ("future", word, "conditional: future of a past")
    return ("hypothetical", word, "conditional mood")


def _is_conditional(tok: Any, cues: Cues) -> bool:
    """The verb is in the conditional: by its morphology, or by a regular conditional ending
    the tagger misread ('atacarían' tagged as an imperfect: the -ar imperfect is '-aba', so
    '-aría' is always a conditional)."""
    word = folded_form(tok)
    if "Cnd" in morph_get(tok, "Mood"):
        # an imperfect of an -rrir/-rrer verb the tagger took for a conditional: 'transcurría',
        # 'ocurría', 'corría' (a conditional adds '-ía' to the whole infinitive: 'ocurriría';
        # the one conditional stem ending in 'rr' is 'querr-': 'querría')
        return not (_RR_IMPERFECT.search(word) and "querr" not in word)
    if tok.pos_ not in ("VERB", "AUX") or "Fin" not in morph_get(tok, "VerbForm"):
        return False
    return any(word.endswith(end) and len(word) > len(end) + 2 for end in cues.conditional_ending)


def _impersonal(tok: Any) -> bool:
    """The verb has an impersonal or passive 'se' and no subject ('se espera que ...')."""
    return any(dep(c) in ("expl:pass", "expl:impers") for c in children_of(tok)) and not any(
        dep(c) in ("nsubj", "nsubj:pass") for c in children_of(tok))


def _time_clause(verb: Any, cues: Cues) -> bool:
    """``verb`` heads a time clause: opened by a time conjunction ('antes de que', 'cuando')
    or hanging from a noun of time ('a once días de que')."""
    if dep(verb) not in ("advcl", "acl"):
        return False
    if any(dep(c) == "mark" and folded_lemma(c) in cues.time_mark for c in children_of(verb)):
        return True
    return verb.head.pos_ == "NOUN" and fold(verb.head.lemma_) in cues.time_unit


def _unreal_or_future(tok: Any) -> bool:
    """The verb ``tok`` or one of its auxiliaries is in the future tense or the conditional."""
    words = [tok, *[c for c in children_of(tok) if dep(c) in _AUX_DEPS]]
    return any("Fut" in morph_get(w, "Tense") or "Cnd" in morph_get(w, "Mood") for w in words)


def _condition_mark(clause: Any, cues: Cues) -> Any:
    """The 'si' / 'if' word that opens the adverbial clause ``clause`` (or the first word of
    a conditional conjunction with the subjunctive: 'en caso de que', 'a menos que'; or the
    'de' of a conditional infinitive: 'de no haber acuerdo'), or None."""
    return next(
        (c for c in children_of(clause) if dep(c) == "mark" and (
            folded_form(c) in cues.consequent_if or _conditional_conjunction(c, clause, cues))),
        None,
    ) or _infinitive_condition(clause, cues)


def _otherwise(verb: Any, cues: Cues) -> Any:
    """The span of 'de lo contrario' / 'en caso contrario' ('otherwise') on ``verb``, or None:
    a child of the verb whose words with its fixed, modifying and case words make one of
    ``Cues.otherwise``."""
    kids = children_of(verb)
    if any(dep(c) == "ccomp" for c in kids):
        return None  # 'caso contrario advirtieron que ...': it belongs to what was said
    for c in kids:
        if dep(c) not in ("advmod", "obl", "nsubj", "nmod"):
            continue
        words = sorted([c, *(g for g in children_of(c) if dep(g) in ("fixed", "amod", "case", "det"))],
                       key=lambda w: w.i)
        if words[-1].i - words[0].i + 1 == len(words) \
                and " ".join(folded_form(w) for w in words) in cues.otherwise:
            return verb.doc[words[0].i : words[-1].i + 1]
    return None


def _infinitive_condition(clause: Any, cues: Cues) -> Any:
    """The 'de' that opens the infinitive clause ``clause`` as a condition ('de no haber
    acuerdo, marcharán', 'de ser aprobada la ley, convocarán'; Nueva gramática §47.8): an
    adverbial clause whose verb or auxiliary is an infinitive, its first word 'de' (the parse
    hangs it on the clause or on the main verb) at the head of the sentence or after a comma,
    before the verb it hangs from, or None. 'antes de', 'después de' + infinitive have a word
    before the 'de'; after its verb ('acusada, de iniciar') 'de' opens a complement."""
    if not cues.infinitive_if or dep(clause) != "advcl" or clause.pos_ not in ("VERB", "AUX") \
            or clause.i > clause.head.i:
        return None  # (a preposed clause: after its verb, 'de' + infinitive is a complement)
    if not any("Inf" in morph_get(w, "VerbForm")
               for w in [clause, *(c for c in children_of(clause) if dep(c) in _AUX_DEPS)]):
        return None
    doc = clause.doc
    edge = clause.left_edge
    mark = edge if folded_form(edge) in cues.infinitive_if else (
        doc[edge.i - 1] if edge.i > 0 and fold(doc[edge.i - 1].text) in cues.infinitive_if else None)
    if mark is None or dep(mark) != "mark" or mark.head.i not in (clause.i, clause.head.i):
        return None
    before = doc[mark.i - 1] if mark.i > 0 else None
    return mark if before is None or mark.is_sent_start or before.pos_ == "PUNCT" else None


def _mark_phrase(mark: Any) -> str:
    """A mark with the words fixed to it ('en caso de que', 'a menos que'), folded; a
    complementizer the parse hung on the verb as a mark of its own right after the fixed
    words ('en caso de' + 'que') belongs to the phrase."""
    words = sorted([mark, *(c for c in children_of(mark) if dep(c) == "fixed")], key=lambda w: w.i)
    nxt = words[-1].i + 1
    if nxt < len(mark.doc) and mark.doc[nxt].head.i == mark.head.i and dep(mark.doc[nxt]) == "mark" \
            and mark.doc[nxt].pos_ == "SCONJ":
        words.append(mark.doc[nxt])
    return " ".join(folded_form(w) for w in words)


def _subjunctive(verb: Any, cues: Cues) -> bool:
    """``verb`` is in the subjunctive: by its morphology, or a present subjunctive of an '-ar'
    verb that the tagger read as the indicative of a made-up '-ir'/'-er' verb ('bloqueen' ->
    'bloqueir', 'designen' -> 'designir': the '-ar' subjunctive endings are those of the
    other indicatives). Read only when the lemma is no word of the model's vocabulary and the
    '-ar' infinitive of the stem is (``Cues.ar_subjunctive``, ``Cues.ar_spelling``)."""
    if "Sub" in morph_get(verb, "Mood"):
        return True
    if not cues.ar_subjunctive or verb.pos_ != "VERB" or "Ind" not in morph_get(verb, "Mood") \
            or "Pres" not in morph_get(verb, "Tense"):
        return False
    lemma, form = verb.lemma_.lower(), verb.text.lower()
    if not lemma.endswith(("ir", "er")):
        return False
    ending = next((e for e in cues.ar_subjunctive if form.endswith(e) and len(form) > len(e) + 2), None)
    if ending is None:
        return False
    words = _model_words(verb.doc.lang_)
    if lemma in words:
        return False
    stem = form[: -len(ending)]
    stems = [stem, *(stem[: -len(a)] + b for a, b in cues.ar_spelling if stem.endswith(a))]
    return any(s + "ar" in words for s in stems)


# language code -> the model's vocabulary: ``model_words`` of a language code builds a fresh
# bundle and reads the vocabulary from disk on every call, so the aux stage keeps it once
_MODEL_WORDS: dict[str, frozenset[str]] = {}


def _model_words(lang: str) -> frozenset[str]:
    words = _MODEL_WORDS.get(lang)
    if words is None:
        words = _MODEL_WORDS[lang] = model_words(lang)
    return words


def _opens_condition(mode: tuple[str, Any, str], cues: Cues) -> bool:
    """``mode`` is the 'si' (or conditional conjunction) that opens a condition clause."""
    return mode[0] == "hypothetical" and mode[2] == "marker" and _condition_word(mode[1], cues)


def _condition_word(word: Any, cues: Cues) -> bool:
    """``word`` is the 'si' of a condition, a conditional conjunction's span, or the 'de' of a
    conditional infinitive (found as a marker only by :func:`_infinitive_condition`)."""
    text = fold(word.text)
    return text in cues.consequent_if or text in cues.consequent_if_sub or text in cues.infinitive_if


def _phrase_span(mark: Any) -> Any:
    """The mark with the words fixed to it as one span ('a menos que'); a lone mark as itself."""
    fixed = [c.i for c in children_of(mark) if dep(c) == "fixed" and c.i > mark.i]
    if not fixed:
        return mark
    end = max(fixed) + 1
    if end < len(mark.doc) and mark.doc[end].head.i == mark.head.i and dep(mark.doc[end]) == "mark" \
            and mark.doc[end].pos_ == "SCONJ":
        end += 1  # 'en caso de' + the verb's own 'que'
    return mark.doc[mark.i : end]


def _conditional_conjunction(mark: Any, verb: Any, cues: Cues) -> bool:
    """``mark`` opens ``verb``'s clause with a conditional conjunction of several words
    ('en caso de que ataquen', 'a menos que paguen'); 'siempre que' only with the
    subjunctive, its conditional sense ('siempre que llueve' is 'whenever')."""
    if not mark.n_rights or not any(dep(c) == "fixed" for c in children_of(mark)):
        return False
    phrase = _mark_phrase(mark)
    if phrase in cues.consequent_if:
        return True
    words = [verb, *[c for c in children_of(verb) if dep(c) in _AUX_DEPS]]
    return phrase in cues.consequent_if_sub and any(_subjunctive(w, cues) for w in words)


def _connective(tok: Token) -> bool:
    """A word heading a fixed multiword expression ('sin embargo', 'no obstante': however,
    nevertheless): the expression links sentences, its words keep none of their own sense."""
    return bool(tok.n_lefts or tok.n_rights) and any(dep(c) == "fixed" for c in children_of(tok))


def _opens_period(tok: Token, cues: Cues) -> bool:
    """'desde abril de 2023', 'since 2012': a past date after a 'since' preposition opens a
    period that lasts until now ('combaten desde 2023' is ongoing, not history), as the aux
    stage reads 'ocupan la mina desde el martes'."""
    if folded_form(tok) in cues.since:
        return True  # English: the preposition heads its date
    return any(dep(c) == "case" and folded_form(c) in cues.since for c in children_of(tok))


def _simple_past(tok: Token) -> bool:
    """A finite simple past ('expulsó', 'expelled') with no auxiliary: a punctual act that a
    'since' date cannot stretch into an ongoing period."""
    return tok.pos_ in ("VERB", "AUX") and morph_get(tok, "Tense") == ("Past",) \
        and morph_get(tok, "VerbForm") == ("Fin",) and not any(dep(c) in ("aux", "aux:pass") for c in children_of(tok))


def _is_past_year(tok: Token, article_year: int) -> bool:
    """'en 2011', 'de 2003': a year before the article's year attached to the trigger."""
    years = _years(tok.doc)
    if not years:
        return False  # (most sentences name no year: nothing to read of the token)
    for c in (tok, *children_of(tok)):
        year = years.get(c.i)
        if year is not None and 1900 <= year < article_year and (
                c.i == tok.i or dep(c) in ("nummod", "pobj", "nmod", "compound")):
            return dep(tok) not in ("nsubj", "obj")
    return False


def _years(doc: Any) -> dict[int, int]:
    """Token index -> value of each four-digit number of ``doc``, read once per document."""
    store = doc_cache(doc, "modes.years")
    found: dict[int, int] | None = store.get(0)
    if found is None:
        # from the form column: a word's value (-1: no four-digit number) is read once per
        # process, not a Token and its text per word of every document
        forms = token_column(doc, ORTH)
        new = [key for key in set(forms) if key not in _YEAR_OF]  # (each distinct form once)
        if new:
            if len(_YEAR_OF) + len(new) > 200_000:
                _YEAR_OF.clear()
                new = list(set(forms))
            strings = doc.vocab.strings
            for key in new:
                text = strings[key]
                _YEAR_OF[key] = int(text) if len(text) == 4 and text.isdecimal() else -1
        year_of = _YEAR_OF
        found = store[0] = {i: value for i, key in enumerate(forms) if (value := year_of[key]) >= 0}
    return found


# form hash -> its value as a four-digit number, -1 for a word that is none (:func:`_years`)
_YEAR_OF: dict[int, int] = {}


def contexts(sentence_tokens: Any, cues: Cues) -> list[str]:
    """PLOVER contexts cued by words of the sentence, in first-seen order."""
    if isinstance(sentence_tokens, SpacySpan):
        return _span_contexts(sentence_tokens, cues)
    seen: list[str] = []
    context, phrases = cues.context, cues.context_phrases
    for tok in sentence_tokens:
        lemma, form = _folded(tok)
        ctx = context.get(lemma) or context.get(form)
        if not ctx and phrases and (lemma in phrases or form in phrases):
            ctx = _phrase_context(tok, cues)
        if ctx and ctx not in seen:
            seen.append(ctx)
    return seen


def _span_contexts(span: SpacySpan, cues: Cues) -> list[str]:
    """:func:`contexts` of a spaCy span, read from the document's lemma and form columns: a
    Token is built only where a multiword cue may start."""
    seen: list[str] = []
    context, phrases = cues.context, cues.context_phrases
    doc = span.doc
    lemmas, forms = token_column(doc, LEMMA), token_column(doc, ORTH)
    strings = doc.vocab.strings
    for i in range(span.start, span.end):
        key = (lemmas[i], forms[i])
        got = _FOLDED.get(key)
        if got is None:
            if len(_FOLDED) > 200_000:
                _FOLDED.clear()
            got = _FOLDED[key] = (fold(strings[key[0]]), fold(strings[key[1]]))
        lemma, form = got
        ctx = context.get(lemma) or context.get(form)
        if not ctx and phrases and (lemma in phrases or form in phrases):
            ctx = _phrase_context(doc[i], cues)
        if ctx and ctx not in seen:
            seen.append(ctx)
    return seen


# (lemma hash, form hash) -> (folded lemma, folded form): a word's two keys, read once
_FOLDED: dict[tuple[int, int], tuple[str, str]] = {}


def _folded(tok: Any) -> tuple[str, str]:
    """(``fold(tok.lemma_)``, ``fold(tok.text)``), kept per lemma and form."""
    key = (tok.lemma, tok.orth)
    got = _FOLDED.get(key)
    if got is None:
        if len(_FOLDED) > 200_000:
            _FOLDED.clear()
        got = _FOLDED[key] = (folded_lemma(tok), folded_form(tok))
    return got


def _phrase_context(tok: Any, cues: Cues) -> str | None:
    """The context of a multiword cue starting at ``tok`` ('golpe de Estado', 'golpes de
    Estado': each word matched by its lemma or its form)."""
    for first in {folded_lemma(tok), folded_form(tok)}:
        for words, ctx in cues.context_phrases.get(first, ()):
            end = tok.i + len(words)
            if end > len(tok.doc):
                continue
            span = tok.doc[tok.i:end]
            if all(w in (folded_lemma(t), folded_form(t)) for w, t in zip(words[1:], span[1:], strict=True)):
                return ctx
    return None


def _called_act(call: Any, act: Any) -> bool:
    """The infinitive a call takes with no one called ('llamó a manifestar', 'called to
    march'): the call convenes the act (Nueva gramática §26.13: 'llamar a' + infinitive as
    'convocar a'); with a person as its object ('llamó a la población a votar') it asks them
    to act."""
    return act.pos_ in ("VERB", "AUX") and "Inf" in morph_get(act, "VerbForm") \
        and not any(dep(c) in ("obj", "iobj") for c in children_of(call))
