"""Trigger lexicon and cue words of the events stage, read from per-language data files.

``data/<lang>/event_triggers.tsv`` maps a lemma (or a short lemma sequence) to a PLOVER
type, mode and CAMEO root; ``data/<lang>/event_cues.tsv`` lists words that are not events
but steer coding (speech and support verbs, auxiliary-mode cues, argument prepositions,
context words). Matching ignores case and accents, since some sources strip accents.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.language.fold import fold_word
from cronica.stages.nlp.models import model_words
from cronica.stages.nlp.syntax import (
    children_of,
    dep,
    folded_form,
    folded_lemma,
    morph_get,
    sentence_of,
    tokens_of,
)

# spaCy coarse tags that can carry each lexicon POS letter
_POS: dict[str, frozenset[str]] = {
    "V": frozenset({"VERB", "AUX"}),
    "Vr": frozenset({"VERB", "AUX"}),  # pronominal use only: 'se marcharon' (left)
    "N": frozenset({"NOUN", "PROPN"}),
    "*": frozenset({"VERB", "AUX", "NOUN", "PROPN", "ADJ"}),
}
AUX_KINDS: tuple[str, ...] = ("negation", "future", "hypothetical", "historical")
# modes allowed per event type (PLOVER 2.0 manual, mode tables of each category)
_REQ_MODES = frozenset({"assist", "change", "yield", "meet"})
PLOVER_MODES: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"visit", "multilateral", "phone"}),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": _REQ_MODES,
    "REJECT": _REQ_MODES,
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset(
        {
            "seize",
            "restrict",
            "censor",
            "curfew",
            "arrest",
            "deport",
            "withhold",
            "misinformation",
            "cyber",
        }
    ),
    "ASSAULT": frozenset(
        {
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
        }
    ),
}


# every lexicon key and looked-up word: the one folding rule (cronica.stages.language.fold)
fold = fold_word


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon row: what a matched pattern means."""

    pattern: tuple[str, ...]
    pos: str
    event: str
    mode: str | None
    cameo: str | None
    weight: float
    rule: str = ""  # the rule id: '<lang>:<pattern>/<pos>', one per row of event_triggers.tsv
    # 'mention' in the seventh column: the word names an event of that type but is too
    # ambiguous alone to code one ('renuncia'): kept only among the secondary event words
    mention_only: bool = False


@dataclass
class Match:
    """A trigger found in a doc: the token span ``[start, end)`` and its entry."""

    start: int
    end: int
    head: int
    entry: TriggerEntry


@dataclass
class Cues:
    """Cue words of one language, grouped by kind (all keys folded)."""

    speech: set[str] = field(default_factory=set)
    speech_if_clause: set[str] = field(default_factory=set)
    # conformative subordinators ('según manifestó el alcalde', 'como manifestó'): the verb
    # they introduce is one of saying
    speech_mark: set[str] = field(default_factory=set)
    light: set[str] = field(default_factory=set)
    aux: dict[str, str] = field(default_factory=dict)  # lemma -> aux mode
    # first words of the phrasal aux cues ('rule' of 'rule out'): the verbs to read with their
    # particle
    aux_phrasal: set[str] = field(default_factory=set)
    aux_case: dict[str, str] = field(default_factory=dict)  # preposition -> aux mode
    recipient_case: set[str] = field(default_factory=set)
    passive_aux: set[str] = field(default_factory=set)
    request_modal: set[str] = field(default_factory=set)  # 'must' in 'X said Y must ...'
    condition: set[str] = field(default_factory=set)  # 'unless', 'a menos que'
    between: set[str] = field(default_factory=set)  # 'entre X y Y': the two parties
    # 'ambos', 'los dos', 'both', 'the two': a subject naming the two parties named before
    dual: set[str] = field(default_factory=set)
    # 'la organización', 'the group': a bare definite noun naming the organisation named before
    org_anaphor: set[str] = field(default_factory=set)
    org_determiner: set[str] = field(default_factory=set)
    protester: set[str] = field(default_factory=set)  # a meeting of these is a demonstration
    retaliation: set[str] = field(default_factory=set)  # 'represalia': aimed at an attacker
    # 'reivindicar', 'claim' (+ 'responsabilidad', 'responsibility'): who claims an attack
    # is its actor ('al-Shabaab claimed responsibility for the attack')
    claim_verb: set[str] = field(default_factory=set)
    claim_light: set[str] = field(default_factory=set)  # 'asumir', 'take': with the noun only
    claim_noun: set[str] = field(default_factory=set)
    agent_case: set[str] = field(default_factory=set)
    background: set[str] = field(default_factory=set)  # 'durante', 'tras': setting phrases
    intent: set[str] = field(default_factory=set)  # 'plan to': a threat if the act is hostile
    casualty: set[str] = field(default_factory=set)  # 'herir': a toll, after 'matar'
    vehicle: set[str] = field(default_factory=set)  # 'moverse en motocicleta': a journey
    manner: set[str] = field(default_factory=set)  # 'en' in 'en protesta por'
    clause_if: set[str] = field(default_factory=set)  # 'si', 'if': a condition clause
    # condition words whose consequent clause is hypothetical ('si no responden, harán una
    # huelga'): the attribution guidelines' reading; TimeBank marks such English consequents
    # by their own tense ('will strike': future), so the English table lists none
    consequent_if: set[str] = field(default_factory=set)
    # a conditional conjunction only with the subjunctive ('siempre que' + indicative: whenever)
    consequent_if_sub: set[str] = field(default_factory=set)
    # 'de' + infinitive opening a clause at the head of its sentence or after a comma ('de no
    # haber acuerdo, marcharán'): a condition (Nueva gramática §47.8)
    infinitive_if: set[str] = field(default_factory=set)
    # 'de lo contrario', 'en caso contrario': the clause they open is the consequent of the
    # negation of what was said before ('otherwise'): hypothetical
    otherwise: set[str] = field(default_factory=set)
    # present subjunctive endings of '-ar' verbs and the spelling changes of their stems
    # ('ataqu-en' <- 'atac-ar'): a misread subjunctive is recognised by them (modes._subjunctive)
    ar_subjunctive: set[str] = field(default_factory=set)
    ar_spelling: set[tuple[str, str]] = field(default_factory=set)
    # the aux rules ('governing word', 'negation') whose operator, found above a mode on the
    # climb from the trigger, takes scope over it: the attribution guidelines' widest scope
    # ('negó que realizarán': negation). TimeBank marks an English event's own modality, so
    # the English table lists none
    wide_scope: set[str] = field(default_factory=set)
    purpose: set[str] = field(default_factory=set)  # 'para' + infinitive: the aim of an act
    exchange: set[str] = field(default_factory=set)  # 'canje': a release only of captives
    captive: set[str] = field(default_factory=set)  # 'prisioneros', 'hostages'
    gathering: set[str] = field(default_factory=set)  # 'gather': a protest only with a cause
    # 'regresar', 'return': a military move (MOBILIZE) only when troops return
    return_verb: set[str] = field(default_factory=set)
    troops: set[str] = field(default_factory=set)  # 'tropa', 'troop': nouns of armed personnel
    # 'morir', 'die', 'muerte': a death is an attack only when no accident or illness caused it
    death_word: set[str] = field(default_factory=set)
    natural_cause: set[str] = field(default_factory=set)  # 'accidente', 'infarto', 'crash'
    medical_mod: set[str] = field(default_factory=set)  # 'heart' in 'heart attack'
    # 'negar', 'deny' with 'responsabilidad', 'involvement' as object: no PLOVER event
    deny_verb: set[str] = field(default_factory=set)
    denied_claim: set[str] = field(default_factory=set)
    # 'negar que', 'deny that': a denial of a fact by a clause, no refusal
    deny_fact_verb: set[str] = field(default_factory=set)
    # 'tomar poder', 'golpe de estado': the trigger patterns of a coup (COERCE with no mode),
    # kept only with evidence of force and never the same event as an act of another kind
    coup: set[str] = field(default_factory=set)
    # words of ending or solving ('poner fin a', 'solución a', 'finalizar'): what they end
    # was going on (a presupposition), so it is no aim of the act that would end it
    end_word: set[str] = field(default_factory=set)
    # verbs and nouns of judging and inquiry ('condenar', 'investigar', 'la investigación de'):
    # the event they take as object is a fact (factive predicates), out of their own mode
    judge_word: set[str] = field(default_factory=set)
    # emotive and evaluative factive verbs ('lamentó que', 'condenó que'): their complement
    # clause is presupposed true, its subjunctive is the mood they select, not an unreal act
    factive_verb: set[str] = field(default_factory=set)
    # 'evitar', 'impedir': verbs of prevention, implicative: asserted, their act did not happen
    prevent_verb: set[str] = field(default_factory=set)
    # gerund endings and enclitic pronouns ('acus-ando-lo'): a gerund the tagger read as an
    # adjective is still told by its form
    gerund_ending: set[str] = field(default_factory=set)
    enclitic: set[str] = field(default_factory=set)
    # the preposition of what a verb of ending ends ('acabar con el bloqueo'), and of what a
    # noun of ending beside the event's verb ends ('poner fin al bloqueo'): that event was
    # going on, out of the scope of a wish or plan about its end
    end_case: set[str] = field(default_factory=set)
    # the seasons: with 'pasado' / 'último' a past act placed there lies months back
    season: set[str] = field(default_factory=set)
    # 'pasado' on a singular unit of time in an event noun's complement ('la huelga de la
    # semana pasada'): the unit before the current one
    past_adj: set[str] = field(default_factory=set)
    end_noun_case: set[str] = field(default_factory=set)
    # adjectives and determiners of alterity ('otro', 'similar', 'nuevo', 'another'): the noun
    # they modify names another event of its kind, never the same one (Nueva gramática 13.12)
    other_event_adj: set[str] = field(default_factory=set)
    # the preposition that marks the target of a verb of attack ('fired at protesters')
    attack_case: set[str] = field(default_factory=set)
    # verbs of existence or occurrence ('haber', 'existir', 'producirse'): their event noun
    # is the event itself, so their negation negates it ('no hubo enfrentamientos')
    existential: set[str] = field(default_factory=set)
    # endings of past forms that may be finite or participles ('-ed' in English)
    participle_ending: set[str] = field(default_factory=set)
    prison: set[str] = field(default_factory=set)  # 'prisión', 'years': a custodial sentence
    sentence_verb: set[str] = field(default_factory=set)  # 'condenar', 'sentence'
    # relations through which a purpose clause hangs from its act (UD names; ClearNLP's
    # English 'to' + infinitive complement is an xcomp, not an aim)
    purpose_dep: set[str] = field(default_factory=lambda: {"advcl", "acl", "xcomp"})
    vehicle_case: set[str] = field(default_factory=set)  # 'en moto', 'by car': a means of travel
    genitive_case: set[str] = field(default_factory=set)  # 'de', 'of': may name victim or doer
    against_case: set[str] = field(default_factory=set)  # 'contra', 'against': the target
    # 'on' of a sanction noun: whom a measure is imposed on ('sanctions on Iran', 'an embargo
    # on Cuba'; CGEL 7.4, the complement of nouns of imposition)
    sanction_case: set[str] = field(default_factory=set)
    partner_case: set[str] = field(default_factory=set)  # 'con', 'with': whom one meets
    means_case: set[str] = field(default_factory=set)  # 'con', 'with': the means of an act
    # month and weekday names (the time lexicon, time.tsv): a subject the parser finds among
    # them is a misparsed time phrase ('anunció el sábado que se reuniría'), never an actor
    time_noun: set[str] = field(default_factory=set)
    prevent: set[str] = field(default_factory=set)  # 'impedir': COERCE only against a protest
    # 'parar' (a mention alone) is a strike when workers of a trade stop ('los camioneros
    # pararon'): the verbs and the nouns of workers and their unions
    strike_verb: set[str] = field(default_factory=set)
    worker: set[str] = field(default_factory=set)
    union: set[str] = field(default_factory=set)  # a collective of workers: 'sindicato', 'gremio'
    institution: set[str] = field(default_factory=set)  # 'ministerio': a rally's site
    road_closure: set[str] = field(default_factory=set)  # 'cerrar' a road: a block by protesters
    road: set[str] = field(default_factory=set)  # 'calle', 'carretera': what a block closes
    # 'movilizar' armed forces is MOBILIZE, not PROTEST: the words and the forces
    mobilize_word: set[str] = field(default_factory=set)
    # a hypothetical governing word that is a plan in its pronominal use ('proponerse')
    pronominal_plan: set[str] = field(default_factory=set)
    armed_force: set[str] = field(default_factory=set)
    police_force: set[str] = field(default_factory=set)
    peacekeeper: set[str] = field(default_factory=set)  # 'peacekeepers': sent as AID (en11)
    # 'acto', 'acción': nouns that only classify the act named by their complement ('actos
    # de sabotaje'): what is said of them is said of that act
    kind_noun: set[str] = field(default_factory=set)
    # 'violencia': a noun that names an act only where the grammar makes it one (branch
    # trig8): the subject of a verb of occurrence or result (``occur_verb``, ``result_verb``,
    # ``theme_subject``), the complement of a classifier or outbreak noun (``kind_noun``,
    # ``outbreak_noun``: 'actos de violencia', 'un estallido de violencia'), or the object of
    # a verb of using or inciting (``use_verb``); elsewhere it is a quality or a topic
    vague_event: set[str] = field(default_factory=set)
    occur_verb: set[str] = field(default_factory=set)
    outbreak_noun: set[str] = field(default_factory=set)
    use_verb: set[str] = field(default_factory=set)
    # 'llegar', 'arribar': an arrival is a visit (CAMEO 042 make a visit -> CONSULT) only of
    # a named person or an envoy (``visitor`` nouns) at a named place (branch trig8)
    arrival_verb: set[str] = field(default_factory=set)
    visitor: set[str] = field(default_factory=set)
    # a verb of receiving someone is hosting a visit (CAMEO 043 -> CONSULT) only with a named
    # person or a visitor as host and as guest (``guest``: who else is received as a party)
    host_verb: set[str] = field(default_factory=set)
    guest: set[str] = field(default_factory=set)
    # the press as the only partner of a meeting ('en una reunión con periodistas'): the
    # channel the news reached the reporter through, no consultation (branch protest12)
    press_noun: set[str] = field(default_factory=set)
    # 'ofrecer una cena', 'ofrecer una conferencia de prensa', 'ofrecer declaraciones': to give
    # an occasion or a statement (DLE 'ofrecer': dar un banquete; manifestar), no offer of
    # cooperation (CAMEO 03 -> AGREE) (branch protest12)
    offer_verb: set[str] = field(default_factory=set)
    occasion_noun: set[str] = field(default_factory=set)
    # 'no asistirá a la reunión': a negated verb of attending a meeting or an occasion is a
    # refusal to meet (CAMEO 125 -> REJECT 'meet') (branch protest12)
    attend_verb: set[str] = field(default_factory=set)
    meal_occasion: set[str] = field(default_factory=set)  # a meal or reception one is invited to
    # 'robo', 'theft': names of criminal offences; a passive's 'por'/'by' phrase with one is
    # the cause of the act, not its agent ('fue detenido por robo')
    offence: set[str] = field(default_factory=set)
    # 'derecho', 'ley', 'right', 'law': nouns of law, right or regulation; a contentious
    # event word as their complement names a kind of act, not an act
    # (:mod:`cronica.stages.events.reference`)
    # determiners of universal or free-choice reference ('todo ensayo nuclear', 'cualquier
    # protesta'): the noun names a kind, not one act (reference.names_kind)
    kind_det: set[str] = field(default_factory=set)
    norm_noun: set[str] = field(default_factory=set)
    # 'criminalizar', 'regular', 'criminalise': verbs that regulate a kind of act
    norm_verb: set[str] = field(default_factory=set)
    # 'a', 'de', 'to', 'of': prepositions of the complement of a norm noun
    norm_case: set[str] = field(default_factory=set)
    # 'pena', 'penalty': a death as their complement is a punishment, no killing
    penalty_noun: set[str] = field(default_factory=set)
    # 'enfrentar', 'combatir': verbs of confrontation whose literal object is an opponent,
    # which Spanish marks with the personal 'a' (``personal_case``)
    opponent_verb: set[str] = field(default_factory=set)
    personal_case: set[str] = field(default_factory=set)
    # 'esperar': a hope, except impersonal ('se espera que'): expected, so future
    expected: set[str] = field(default_factory=set)
    # 'poder', 'deber': modals of possibility or obligation; 'dijo que podría atacar', 'debe
    # renunciar' state no intention of the speaker
    not_intent_modal: set[str] = field(default_factory=set)
    # 'deber': with a date after publication, a schedule ('debe votar el viernes'): future
    scheduled_modal: set[str] = field(default_factory=set)
    # regular conditional endings the tagger may misread as an imperfect ('-arían')
    conditional_ending: set[str] = field(default_factory=set)
    # 'advertir', 'amenazar': the conditional of what they announce is a threat, not a plan
    warn: set[str] = field(default_factory=set)
    # 'llamar': a call to an event noun convenes it ('llamaron a una huelga'): future
    convene: set[str] = field(default_factory=set)
    # 'próximo', 'entrante' on a unit of time ('la próxima semana'): a period ahead (future)
    coming_adj: set[str] = field(default_factory=set)
    # 'prepararse para', 'preparativos para' + an event noun: the act is planned (future)
    prepare: set[str] = field(default_factory=set)
    # verbs of journey ('viajar', 'llegar'): their 'para' + event noun is the traveller's act there
    motion: set[str] = field(default_factory=set)
    # 'anunciar', 'anuncio' + a protest noun: the protest is announced before it is staged (future)
    announce: set[str] = field(default_factory=set)
    # 'acordar', 'decidir': their subjunctive complement is planned, not wished: future
    plan_verb: set[str] = field(default_factory=set)
    # 'último', 'pasado' on a plural unit of time: a summary of the recent past
    recent_adj: set[str] = field(default_factory=set)
    # for the aux stage's calendar: conjunctions of a time clause sharing or preceding the
    # time of its governing clause ('cuando', 'luego que'); units of a long duration and the
    # preposition measuring one ('durante nueve meses'); a demonstrative + a noun of time
    # pointing back to a time named before ('en esa oportunidad')
    same_time_mark: set[str] = field(default_factory=set)
    # 'cuando', 'mientras': a time clause at the very time of its governing clause, whose date
    # frames the sentence's main clause (the narrative's reference time)
    while_mark: set[str] = field(default_factory=set)
    # 'porque', 'ya que', 'puesto que': a causal clause asserts its reason, out of the scope of
    # the modal, negation or wish of the clause it hangs from
    cause_mark: set[str] = field(default_factory=set)
    # 'aunque', 'pese a que': an indicative concessive clause asserts what it concedes
    concession_mark: set[str] = field(default_factory=set)
    # 'convocar', 'llamar': in the passive with the event as subject ('la marcha fue convocada
    # por X') they name the organiser of an event held, no plan
    convene_passive: set[str] = field(default_factory=set)
    # 'por', 'contra', 'tras': the preposition of a cause phrase ('protestar por la redada'),
    # whose event is presupposed, out of the scope of a wish or demand around the act
    cause_case: set[str] = field(default_factory=set)
    long_unit: set[str] = field(default_factory=set)
    duration_case: set[str] = field(default_factory=set)
    anaphor_time: set[str] = field(default_factory=set)
    anaphor_det: set[str] = field(default_factory=set)
    # 'cuando', 'antes' and nouns of time ('días'): a present subjunctive clause they open
    # or hang from tells of a time ahead ('antes de que se reúnan')
    time_mark: set[str] = field(default_factory=set)
    time_unit: set[str] = field(default_factory=set)
    # 'para' of a time an act is set for ('la huelga convocada para el lunes'): a participle
    # on an event noun with such a time schedules the act
    schedule_case: set[str] = field(default_factory=set)
    vow_needs_act: set[str] = field(default_factory=set)  # 'jurar': an event only with its act
    vow: set[str] = field(default_factory=set)  # 'prometer', 'vow': a vowed hostile act is a threat
    # 'strike': a verb of hitting, an attack only with a forceful doer (polish11)
    hit_verb: set[str] = field(default_factory=set)
    warning_verb: set[str] = field(default_factory=set)  # 'advertir', 'warn': a threat or not
    danger_case: set[str] = field(default_factory=set)  # 'advirtió sobre el riesgo': of a danger
    phrase_target_case: set[str] = field(default_factory=set)  # 'opened fire on', 'crack down on'
    comitative_case: set[str] = field(default_factory=set)  # 'con', 'with': a party or an instrument
    # 'anonimato', 'anonymity' / 'identificar', 'name': a source's request not to be named is
    # a convention of the report, no political request (polish11)
    anonymity: set[str] = field(default_factory=set)
    identify_verb: set[str] = field(default_factory=set)
    # 'castigar', 'punish', 'represalia': a punishment or retaliation, hostile when vowed
    punish: set[str] = field(default_factory=set)
    topic_case: set[str] = field(default_factory=set)  # 'protesta por': the topic, not the agent
    between_case: set[str] = field(default_factory=set)  # 'entre X y Y': both sides of a clash
    goal_case: set[str] = field(default_factory=set)  # 'marchar hacia X': where it goes (args11)
    target_topic_case: set[str] = field(default_factory=set)  # a coded target inside the topic
    state_case: set[str] = field(default_factory=set)  # 'en huelga', 'on strike': a state
    carrier_case: set[str] = field(default_factory=set)  # 'llegar a un acuerdo': like an object
    content_verb: set[str] = field(default_factory=set)  # 'confirmar': reports, not does
    site: set[str] = field(default_factory=set)  # 'frente a X': the place a protest addresses
    open_place: set[str] = field(default_factory=set)  # 'plaza': where people gather
    # 'plan de accion', 'caravana': mention rows that are protests when held by workers or
    # protesters, or with a stated cause (the rows' patterns)
    collective_act: set[str] = field(default_factory=set)
    # '-azo' and 'realizar', 'convocar': a noun in the suffix staged by the verb is a protest
    staged_suffix: set[str] = field(default_factory=set)
    stage_verb: set[str] = field(default_factory=set)
    ouster: set[str] = field(default_factory=set)  # 'la dimisión de X': X is the protest's target
    victim_verb: set[str] = field(default_factory=set)  # 'resultar herido', 'die': subject suffers
    # 'recibir', 'sufrir' / 'objeto', 'blanco': the subject undergoes the act their noun names
    undergo_verb: set[str] = field(default_factory=set)
    # 'convocar', 'invitar', 'pedir': a reciprocal act in their complement is had with the
    # one they address ('convocó a X para iniciar el diálogo')
    addressee_verb: set[str] = field(default_factory=set)
    # 'herido', 'muerto': a casualty as the result of an act ('dejó dos manifestantes heridos')
    injury_word: set[str] = field(default_factory=set)
    # 'dejar', 'causar' / 'saldo': a casualty noun as their object or complement is a toll
    result_verb: set[str] = field(default_factory=set)
    toll_noun: set[str] = field(default_factory=set)
    arrest_word: set[str] = field(default_factory=set)  # 'detenidos' of a toll
    quantity_noun: set[str] = field(default_factory=set)  # 'decenas de heridos'
    # tense periphrases read by the aux stage: perfect auxiliary ('haber', 'have'), the 'go' of
    # the near future, the 'have' of obligation, the words linking them to the infinitive,
    # and the prepositions that open an ongoing period before a date ('desde', 'since')
    perfect_aux: set[str] = field(default_factory=set)
    go_aux: set[str] = field(default_factory=set)
    oblige_aux: set[str] = field(default_factory=set)
    infinitive_link: set[str] = field(default_factory=set)
    since: set[str] = field(default_factory=set)
    # a noun heading a phrase that names the agent ('parte' -> 'por parte de X')
    agent_phrase: dict[str, str] = field(default_factory=dict)
    context: dict[str, str] = field(default_factory=dict)
    # multiword context cues ('golpe de estado'), by first word: (the words, the context)
    context_phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    not_event: list[tuple[str, ...]] = field(default_factory=list)  # fixed phrases
    suffixes: list[tuple[str, str]] = field(default_factory=list)  # word ending -> lemma ending
    # the same for all-capital words only, which the lemmatizer leaves as they are
    caps_suffixes: list[tuple[str, str]] = field(default_factory=list)
    # noun plural endings, undone on a capitalised sentence-initial word tagged as a name
    plural_suffixes: list[tuple[str, str]] = field(default_factory=list)
    # object classes of verb + object rows ('tomar @territory'): class -> noun lemmas
    object_class: dict[str, set[str]] = field(default_factory=dict)
    # 'como' in 'tomar como rehén': a phrase that names the verb's object as what it becomes
    object_case: set[str] = field(default_factory=set)
    # 'a' in 'sumarse a la huelga': the preposition a pronominal verb governs, whose phrase
    # fills its object slot
    governed_case: set[str] = field(default_factory=set)
    # contracted prepositions and the preposition they contain ('al' -> 'a', 'del' -> 'de')
    contraction: dict[str, str] = field(default_factory=dict)
    # the features of the article a contraction contains ('al' -> Gender: Masc, Number: Sing)
    contraction_article: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # unaccusative verbs whose subject is what a verb + object row names ('una bomba estalló')
    theme_subject: set[str] = field(default_factory=set)
    # derivational endings: a noun's lemma ending -> its verb's ('negociacion' -> 'negociar')
    # and back ('bloquear' -> 'bloqueo'); what they reach is only a mention (secondary event)
    derive: list[tuple[str, str]] = field(default_factory=list)
    # word-forming prefixes that leave the event type of a noun as it is ('contramarcha',
    # 'megaparo'): prefix -> the event type of the rows it may be read on
    prefixes: dict[str, str] = field(default_factory=dict)


class Lexicon:
    """Trigger patterns of one language, indexed by their first lemma."""

    def __init__(self, lang: str | LanguageBundle) -> None:
        bundle = as_bundle(lang)
        self.lang = bundle.code
        self._bundle = bundle
        self.cues = _load_cues(bundle)
        self._by_first: dict[str, list[TriggerEntry]] = defaultdict(list)
        rows = [(row + [""] * 7)[:7] for row in bundle.read_tsv("event_triggers.tsv")]
        # a word pair that a row names itself is that row's alone: an object class row
        # ('tomar @premises', mention) only adds the pairs no row names ('tomar sede' codes)
        named = {(tuple(fold(r[0]).split()), r[1] or "*") for r in rows if "@" not in r[0]}
        for pattern, pos, event, mode, cameo, weight, scope in rows:
            words = tuple(fold(pattern).split())
            rule = f"{self.lang}:{' '.join(words)}/{pos or '*'}"
            for each in _expand_classes(words, self.cues.object_class):
                if each != words and (each, pos or "*") in named:
                    continue
                entry = TriggerEntry(
                    each, pos or "*", event, mode or None, cameo or None, float(weight or 0.5),
                    rule=rule, mention_only=scope.strip() == "mention",
                )
                self._by_first[each[0]].append(entry)
        for entries in self._by_first.values():
            # longest pattern wins; a pronominal reading is tried before the plain one
            entries.sort(key=lambda e: (-len(e.pattern), e.pos != "Vr"))
        # word forms -> their lexicon keys after suffix rewriting; grows with the vocabulary
        self._variant_cache: dict[tuple[str | bool, ...], list[str]] = {}
        self._rule_indexes: dict[int, tuple[Any, tuple[tuple[int, ...], dict[str, list[int]]]]] = {}
        # per word (the cache key), the keys reached only by the all-capital ending rules:
        # those matches are mentions only
        self._caps_keys: dict[tuple[str | bool, ...], frozenset[str]] = {}
        self.light_patterns = {tuple(p.split()) for p in self.cues.light}
        # the support-verb patterns by the lemma, or English regular inflection, of their
        # first word: what is_light tries at a token (one look-up instead of every pattern)
        self._light_by_word: dict[str, list[tuple[str, ...]]] = {}
        for pat in self.light_patterns:
            for word in {pat[0], *_inflections(pat[0])}:
                self._light_by_word.setdefault(word, []).append(pat)
        # one-word keys by themselves and by each deletion (but of the first letter), to find
        # the keys one edit from a misspelt word (built on first use)
        self._spell_index: dict[str, set[str]] | None = None
        # the one-word guesses of a word (misspelt, derived, prefixed): they read its form,
        # lemma and word class alone, so they are kept per such hashes (:meth:`_word_entry`)
        self._word_entries: dict[tuple[str, int, int, int], TriggerEntry | None] = {}
        # :meth:`_not_event_at`'s index, with the phrase list it was built from
        self._not_event_index: tuple[list[tuple[str, ...]], int,
                                     dict[str, list[tuple[tuple[str, ...], int]]]] | None = None

    def match(self, doc: Any, i: int) -> Match | None:
        """The longest pattern starting at token ``i`` (lemma, word form or a form whose
        ending is rewritten by the language's suffix rules), or None."""
        tok = doc[i]
        keys = self._variants(tok)
        if not any(k in self._by_first for k in keys):
            return self._derived(doc, i) or self._misspelt(doc, i)  # most tokens start no pattern
        # all-capital headlines are tagged almost at random: let their words match verbs too
        pos = "VERB" if tok.text.isupper() and len(tok.text) > 1 else tok.pos_
        if _mistagged_name(tok) or _misread_preterite(tok):
            pos = "VERB"  # 'que la Gobernación negocie': a verb glued to the name before it
        # only when the word is no lexicon row itself ('crimen' stays the noun)
        guessed_verb = misread_plural_verb(tok) and not any(k in self._by_first for k in _keys(tok))
        if guessed_verb:
            pos = "VERB"  # 'que los partidos negocien' (ADJ), 'que denuncien' (PRON)
        if "Part" in morph_get(tok, "VerbForm"):
            pos = "VERB"  # participles tagged as adjectives: 'una comisión acordada'

        # a gerund or infinitive with enclitic pronouns ('acusándolo', often tagged an
        # adjective) is a verb form
        key_pos = "VERB" if _ENCLITIC.search(folded_form(tok)) else pos
        objects: set[str] | None = None  # the verb's object nouns, read once if needed
        other_pos_only = True  # every row reached is a one-word row of another part of speech
        for key in keys:
            for entry in self._by_first.get(key, ()):
                allowed = _POS.get(entry.pos, _POS["*"])
                if (
                    pos not in allowed and tok.pos_ not in allowed and key_pos not in allowed
                ) and len(entry.pattern) == 1 and not (
                    entry.pos == "N" and (_nominalised(doc, i, self.cues.contraction)
                                          or _masculinised_noun(tok, key))
                ):
                    continue
                other_pos_only = False
                if entry.pos == "Vr" and not _pronominal(tok):
                    continue
                end = _match_rest(doc, i, entry.pattern)
                if end is None and _verb_object_row(entry, key_pos):
                    if objects is None:
                        objects = object_words(tok, self.cues)
                    if entry.pattern[1] in objects:
                        end = i + 1  # 'lanzaron enormes piedras', 'fueron tomados como rehenes'
                    elif entry.pattern[1] in preposition_words(tok, self.cues):
                        end = i + 1  # 'llamaron este jueves a los trabajadores a un paro'
                if end is not None:
                    # checked last: few tokens get this far
                    if self._in_fixed_phrase(doc, i):
                        return None
                    if len(entry.pattern) == 3 and "@" in entry.rule:
                        # a class noun behind a preposition ('el cese de los bombardeos',
                        # 'accedió a las demandas') is the complement the head acts on, an
                        # event of its own or none: the row's event is the head word alone
                        # (a direct object, 'tomar la ciudad', is part of the act)
                        end = i + 1
                    if guessed_verb and not entry.mention_only:
                        # a verb ending read past the tagger: a guess, so a mention only
                        entry = replace(entry, mention_only=True, rule=f"{entry.rule}/verb-ending")
                    elif key in self._caps_keys.get((*_keys(tok), _guess_kind(tok)), ()):
                        # an all-capital inflection undone by rule: a guess, so it names the
                        # event (a secondary word) but codes none
                        entry = replace(entry, mention_only=True, rule=f"{entry.rule}/caps")
                    return Match(i, end, i, entry)
        # the word's keys reached rows of another part of speech only ('boicoteo', a noun,
        # rewritten to the verb 'boicotear'): it may still be a derived word
        return self._derived(doc, i) if other_pos_only else None

    def starts_nothing(self, tok: Any) -> bool:
        """Whether no pattern and no derived word can start at ``tok`` whatever its context:
        that depends on its lemma, form and part of speech only, so a caller may remember
        the answer for every token with the same three."""
        if any(k in self._by_first for k in self._variants(tok)):
            return False
        if tok.pos_ == "PROPN" and tok.text.istitle() and self._rewrite(
            _keys(tok), self.cues.plural_suffixes, []
        ):
            return False  # a plural read only where it opens its sentence ('initial')
        return (self._derived_entry(tok) is None and self._prefixed_entry(tok) is None
                and self._misspelt_entry(tok) is None)

    def _misspelt(self, doc: Any, i: int) -> Match | None:
        """A one-word mention of a misspelt lexicon word ('boicoterá', 'manfestaciones')."""
        entry = self._misspelt_entry(doc[i])
        if entry is None or self._in_fixed_phrase(doc, i):
            return None
        return Match(i, i + 1, i, entry)

    def _word_entry(self, kind: str, tok: Any, read: Callable[[Any], TriggerEntry | None]) -> TriggerEntry | None:
        """``read(tok)`` for a guess that reads the token's form, lemma and word class alone,
        kept per process for each such triple (the entries are frozen: shared, never
        changed)."""
        key = (kind, tok.orth, tok.lemma, tok.pos)
        memo = self._word_entries
        try:
            return memo[key]
        except KeyError:
            if len(memo) > 200_000:
                memo.clear()
            found = memo[key] = read(tok)
            return found

    def _misspelt_entry(self, tok: Any) -> TriggerEntry | None:
        """:meth:`_read_misspelt_entry`, kept per word (:meth:`_word_entry`)."""
        return self._word_entry("misspelt", tok, self._read_misspelt_entry)

    def _read_misspelt_entry(self, tok: Any) -> TriggerEntry | None:
        """The entry of the one-word row whose key is one edit (an insertion, deletion,
        substitution or swap of neighbours, never of the first letter) from the word or its
        lemma, when the word is lower case, at least :data:`SPELL_MIN` letters long, and
        neither it nor its lemma is in the model's own vocabulary (:func:`model_words`): a
        typo of the wire text.
        It is a guess, so a mention only (a secondary event word)."""
        text = tok.text
        if len(text) < SPELL_MIN or not text.isalpha() or not text.islower():
            return None
        known = model_words(self._bundle)
        lemma = tok.lemma_
        if text.lower() in known or lemma.lower() in known:
            return None  # a word the model knows, or a form of one ('alientan' of 'alentar')
        index = self._spelling_index()
        words = {fold(text), fold(lemma)}
        near = sorted({k for w in words for v in (w, *_deletions(w)) for k in index.get(v, ())
                       if one_edit(w, k)})
        if not near:
            return None
        entries = [e for k in near for e in self._by_first[k] if len(e.pattern) == 1]
        fits = [e for e in entries if tok.pos_ in _POS.get(e.pos, _POS["*"])]
        best = (fits or entries)[0]
        return replace(best, pos="*", mention_only=True, rule=f"{best.rule}/spelling",
                       weight=best.weight * 0.8)

    def _spelling_index(self) -> dict[str, set[str]]:
        if self._spell_index is None:
            index: dict[str, set[str]] = defaultdict(set)
            for key, entries in self._by_first.items():
                if len(key) >= SPELL_MIN and key.isalpha() and any(len(e.pattern) == 1 for e in entries):
                    for v in (key, *_deletions(key)):
                        index[v].add(key)
            self._spell_index = dict(index)
        return self._spell_index

    def _derived(self, doc: Any, i: int) -> Match | None:
        """A one-word mention reached by derivational morphology: the noun of a verb
        trigger ('la negociación' of 'negociar'), the verb of a noun trigger ('bloquearon' of
        'bloqueo'). It names that event but is kept only as a secondary event word."""
        entry = self._prefixed_entry(doc[i]) or self._derived_entry(doc[i])
        if entry is None or self._in_fixed_phrase(doc, i):
            return None
        return Match(i, i + 1, i, entry)

    def _prefixed_entry(self, tok: Any) -> TriggerEntry | None:
        """:meth:`_read_prefixed_entry`, kept per word (:meth:`_word_entry`)."""
        return self._word_entry("prefixed", tok, self._read_prefixed_entry)

    def _read_prefixed_entry(self, tok: Any) -> TriggerEntry | None:
        """The row of a noun formed with a prefix that keeps its event ('contramarcha' is a
        'marcha', 'megaparo' a 'paro'; DLE contra-, mega-, macro-, mini-, super-): a full
        trigger of the base noun's row, only for the event types the prefix cue names."""
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ") or not self.cues.prefixes:
            return None
        for key in _keys(tok):
            for prefix, event in self.cues.prefixes.items():
                if not key.startswith(prefix) or len(key) - len(prefix) < 4:
                    continue
                rest = key[len(prefix):]
                for cand in self._rewrite([rest], self.cues.suffixes, [rest]):
                    for entry in self._by_first.get(cand, ()):
                        if (len(entry.pattern) == 1 and entry.pos in ("N", "*")
                                and entry.event == event and not entry.mention_only):
                            return replace(entry, rule=f"{entry.rule}/prefix")
        return None

    def _derived_entry(self, tok: Any) -> TriggerEntry | None:
        """:meth:`_read_derived_entry`, kept per word (:meth:`_word_entry`)."""
        return self._word_entry("derived", tok, self._read_derived_entry)

    def _read_derived_entry(self, tok: Any) -> TriggerEntry | None:
        """The mention-only entry :meth:`_derived` gives ``tok`` (before the fixed-phrase
        check), or None."""
        if tok.pos_ not in ("NOUN", "VERB") or not self.cues.derive:
            return None
        lemma = folded_lemma(tok)
        want = "V" if tok.pos_ == "NOUN" else "N"
        for old, new in self.cues.derive:
            if not lemma.endswith(old) or len(lemma) - len(old) < 3:
                continue
            for entry in self._by_first.get(lemma[: len(lemma) - len(old)] + new, ()):
                if (len(entry.pattern) == 1 and entry.pos == want and not entry.mention_only
                        and entry.weight >= DERIVE_MIN_WEIGHT):
                    return replace(entry, pos="*", mention_only=True,
                                   rule=f"{entry.rule}/derived", weight=entry.weight * 0.8)
        return None

    def _variants(self, tok: Any) -> list[str]:
        keys = _keys(tok)
        if any(k in self._by_first for k in keys):
            return keys
        caps = _guess_kind(tok)
        cache_key: tuple[str | bool, ...] = (*keys, caps)
        found = self._variant_cache.get(cache_key)
        if found is None:
            found = self._rewrite(keys, self.cues.suffixes, list(keys))
            if caps:
                # a word glued to a name is a guess whatever rule reads it; an all-capital
                # word only when the all-capital rules do
                plain = set(keys) if caps in ("name", "initial") else set(found)
                rules = self.cues.plural_suffixes if caps == "initial" else self.cues.caps_suffixes
                found = self._rewrite(keys, rules, found)
                self._caps_keys[cache_key] = frozenset(k for k in found if k not in plain)
            self._variant_cache[cache_key] = found
        return found

    def _rewrite(self, keys: list[str], rules: list[tuple[str, str]], found: list[str]) -> list[str]:
        """``found`` plus the lexicon keys that the ending ``rules`` make of ``keys``, in the
        order of the rules (which are looked up by ending, not scanned)."""
        index = self._rule_index(rules)
        for word in keys:
            hits = sorted(i for n in index[0] if len(word) - n >= 3 for i in index[1].get(word[-n:] if n else "", ()))
            for i in hits:
                old, new = rules[i]
                cand = word[: len(word) - len(old)] + new
                if cand in self._by_first and cand not in found:
                    found.append(cand)
        return found

    def _rule_index(self, rules: list[tuple[str, str]]) -> tuple[tuple[int, ...], dict[str, list[int]]]:
        """The ending rules grouped by ending: (the ending lengths, ending -> rule positions)."""
        cached = self._rule_indexes.get(id(rules))
        if cached is not None and cached[0] is rules:
            return cached[1]
        by_end: dict[str, list[int]] = {}
        for i, (old, _) in enumerate(rules):
            by_end.setdefault(old, []).append(i)
        index = (tuple(sorted({len(old) for old in by_end})), by_end)
        self._rule_indexes[id(rules)] = (rules, index)
        return index

    def _in_fixed_phrase(self, doc: Any, i: int) -> bool:
        """Whether token ``i`` is part of a listed non-event phrase ('de acuerdo a')."""
        tok = doc[i]
        key, form = folded_lemma(tok), folded_form(tok)
        at = self._not_event_at()
        for phrase, k in (*at.get(key, ()), *(at.get(form, ()) if form != key else ())):
            if i - k < 0 or i - k + len(phrase) > len(doc):
                continue
            window = doc[i - k : i - k + len(phrase)]
            if all(w in (folded_form(t), folded_lemma(t)) for w, t in zip(phrase, window, strict=True)):
                return True
        return False

    def _not_event_at(self) -> dict[str, list[tuple[tuple[str, ...], int]]]:
        """Each word of a listed non-event phrase -> (phrase, the word's place in it), the
        phrases in list order: :meth:`_in_fixed_phrase` tries only the phrases holding the
        token's lemma or form (rebuilt if the phrase list changed)."""
        phrases = self.cues.not_event
        built = self._not_event_index
        if built is None or built[0] is not phrases or built[1] != len(phrases):
            index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
            for phrase in phrases:
                for k, word in enumerate(phrase):
                    index.setdefault(word, []).append((phrase, k))
            built = self._not_event_index = (phrases, len(phrases), index)
        return built[2]

    def is_light(self, doc: Any, i: int) -> bool:
        """Whether token ``i`` starts a support-verb pattern ('realizar', 'llevar a cabo')."""
        tok = doc[i]
        lemma, form = folded_lemma(tok), folded_form(tok)
        by_word = self._light_by_word
        for pat in (*by_word.get(lemma, ()), *by_word.get(form, ())):
            if (lemma == pat[0] or _inflects(form, pat[0])) and _match_rest(doc, i, pat) is not None:
                return True
        return False


def rule_pattern(rule: str | None) -> str:
    """The pattern of a trigger rule id ('es:tomar poder/V' -> 'tomar poder'); '' for none."""
    return rule.split(":", 1)[-1].split("/")[0] if rule else ""


def _verb_object_row(entry: TriggerEntry, pos: str) -> bool:
    """A verb + object row ('lanzar piedra') tried on a verb: it may hold through the parse
    rather than by adjacency (the noun is the verb's object, what its object becomes, the
    subject of its passive, or the noun its participle modifies)."""
    return len(entry.pattern) == 2 and entry.pos in ("V", "Vr") and pos in ("VERB", "AUX")


def _expand_classes(words: tuple[str, ...], classes: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """A pattern with an object class ('tomar @territory') as one pattern per class member
    ('tomar ciudad', 'tomar pueblo', ...); any other pattern as itself."""
    out: list[tuple[str, ...]] = [()]
    for w in words:
        members = sorted(classes.get(w[1:], ())) if w.startswith("@") else [w]
        out = [(*p, m) for p in out for m in members]
    return out


_OBJECT_DEPS = frozenset({"obj", "xcomp"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})


def row_object(doc: Any, m: Match) -> frozenset[int]:
    """The tokens of a verb + object row's noun when the row held through the parse rather than
    by adjacency ('lodged a formal protest', 'lanzaron enormes piedras'): part of the trigger,
    as the noun of an adjacent match is, so never the event's actor or recipient."""
    if len(m.entry.pattern) != 2 or m.end - m.start != 1 or m.entry.pos not in ("V", "Vr"):
        return frozenset()
    noun = m.entry.pattern[1]
    head = doc[m.head]
    return frozenset(c.i for c in children_of(head) if dep(c) in _OBJECT_DEPS and noun in _keys(c))


def object_words(tok: Any, cues: Cues) -> set[str]:
    """Lexicon keys of the nouns that fill the object slot of verb ``tok``: its direct object
    and their conjuncts, an oblique opened by an object-case word ('tomar como rehén'), the
    subject of a passive ('los rehenes fueron tomados'; through a relative pronoun, its
    antecedent) or of an unaccusative verb ('una bomba estalló') and the noun a participle
    modifies ('ciudades tomadas por los rebeldes'), the object of the verb a predicative
    participle complements ('mantienen tomadas tres fábricas') and the phrase a pronominal
    verb governs ('se sumaron al paro')."""
    found: list[Any] = []
    passive = any(
        dep(c) == "aux:pass" or (dep(c) in ("aux", "cop") and folded_lemma(c) in cues.passive_aux)
        for c in children_of(tok)
    )
    participle = "Part" in morph_get(tok, "VerbForm")
    theme = folded_lemma(tok) in cues.theme_subject
    governed = cues.governed_case if cues.governed_case and _pronominal(tok) else set()
    for c in children_of(tok):
        d = dep(c)
        governs = governed and any(
            dep(g) == "case" and cues.contraction.get(folded_form(g), folded_form(g)) in governed
            for g in children_of(c)
        )
        if governs and _relative(c):
            # 'la marcha, a la que se unirán': the antecedent the relative stands for
            found += antecedents(c, tok, cues)
        elif d in _OBJECT_DEPS and _relative(c):
            found += antecedents(c, tok, cues, scan=False)  # 'la ciudad que tomaron'
        elif d in _OBJECT_DEPS or (d == "obl" and any(folded_form(g) in cues.object_case for g in children_of(c))):
            found.append(c)
        elif d == "obl" and governs:
            found.append(c)  # 'se sumaron al paro': the phrase a pronominal verb governs
        elif d in _SUBJECT_DEPS and (passive or d == "nsubj:pass" or theme):
            found.append(tok.head if c.pos_ == "PRON" and dep(tok) in ("acl", "acl:relcl") else c)
    if participle and dep(tok) in ("acl", "amod") and not any(dep(c) in _SUBJECT_DEPS for c in children_of(tok)):
        found.append(tok.head)
    if participle and dep(tok) in _OBJECT_DEPS and tok.head.i != tok.i:
        # a predicative participle ('mantienen tomadas tres fábricas', 'dejaron tomada la
        # planta'): the object of the verb it complements is what it predicates of
        found += [c for c in children_of(tok.head) if dep(c) == "obj" and c.i != tok.i]
    found += [g for c in found for g in children_of(c) if dep(g) == "conj"]
    # a classifier noun stands for the act its 'de' complement names ('se sumaron a la
    # jornada de protesta', 'lanzaron una serie de cohetes')
    found += [g for c in found if folded_lemma(c) in cues.kind_noun
              for g in children_of(c) if dep(g) == "nmod" and g.pos_ == "NOUN"]
    return {k for c in found if c.pos_ in ("NOUN", "PROPN") for k in _keys(c)}


def _relative(tok: Any) -> bool:
    """A relative pronoun ('que', 'la cual', 'quienes')."""
    return bool(tok.pos_ == "PRON" and "Rel" in morph_get(tok, "PronType"))


def antecedents(rel: Any, verb: Any, cues: Cues, scan: bool = True) -> list[Any]:
    """The nouns relative pronoun ``rel`` (in a clause headed by ``verb``) may stand for: the
    noun the parse hangs the relative clause on and, with ``scan``, since the parser often
    hangs it on the nearest noun ('una marcha para el sábado, a la que se unirán': on
    'sábado'), every noun before it in its clause that agrees with the relative's article
    ('la que': feminine singular; 'al que': the article in the contraction) or its number
    (Spanish relatives agree with their antecedent). The scan stops at a finite verb: the
    antecedent lies in the clause the relative follows."""
    out = [verb.head] if dep(verb) in ("acl", "acl:relcl") and verb.head.i < rel.i else []
    if not scan:
        return out
    art = next((g for g in children_of(rel) if dep(g) == "det"), None)
    fused = next((cues.contraction_article[folded_form(g)] for g in children_of(rel)
                  if folded_form(g) in cues.contraction_article), None)
    gender = morph_get(art, "Gender") if art is not None else (fused or {}).get("Gender", ())
    number = (morph_get(art, "Number") if art is not None
              else (fused or {}).get("Number", ()) or morph_get(rel, "Number"))
    doc = rel.doc
    for t in reversed(doc[rel.sent.start : rel.i]):
        if t.pos_ in ("VERB", "AUX") and "Fin" in morph_get(t, "VerbForm"):
            break
        if t.pos_ != "NOUN" or t in out:
            continue
        if _agrees(morph_get(t, "Gender"), gender) and _agrees(morph_get(t, "Number"), number):
            out.append(t)
    return out


def _agrees(values: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    """Agreement in one feature; a word or article that does not mark it agrees with any."""
    return not values or not wanted or bool(set(values) & set(wanted))


_PREP_DEPS = frozenset({"obj", "obl", "iobj", "xcomp", "advcl", "nmod"})


def preposition_words(tok: Any, cues: Cues) -> set[str]:
    """The prepositions that open the verb's own complements ('llamaron este jueves a los
    trabajadores': 'a'; 'al' counts as 'a'): a verb + preposition row ('llamar a') holds
    through the parse when words stand between them."""
    out: set[str] = set()
    for c in children_of(tok):
        if dep(c) not in _PREP_DEPS:
            continue
        for g in children_of(c):
            if dep(g) in ("case", "mark") and g.i < c.i:
                w = folded_form(g)
                out.add(cues.contraction.get(w, w))
    return out


def _inflects(form: str, lemma: str) -> bool:
    """An English regular inflection of ``lemma``: the lemmatizer gives 'stag' for 'staged'."""
    return form != lemma and form in _inflections(lemma)


def _inflections(lemma: str) -> tuple[str, ...]:
    """The English regular inflections :func:`_inflects` accepts for ``lemma``."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return (lemma + "s", lemma + "d", stem + "ed", stem + "ing", lemma + "es")


def _guess_kind(tok: Any) -> str | bool:
    """'caps' for an all-capital word, 'name' for a lower-case word tagged as a name,
    'initial' for a capitalised sentence-initial word tagged as a name (their lemma is the
    word itself, so the lexicon guesses it), else False."""
    if tok.text.isupper() and len(tok.text) > 1:
        return "caps"
    if _mistagged_name(tok):
        return "name"
    return "initial" if _initial_name(tok) else False


def _initial_name(tok: Any) -> bool:
    """A capitalised word opening its sentence that the tagger took for a one-word name and
    left as its own lemma ('Enfrentamientos se produjeron ...'): capitals there mark the
    sentence, not a name, so its plural may be undone. A name of several capitalised words
    ('Fuerzas Armadas') is left alone."""
    if tok.pos_ != "PROPN" or not tok.text.istitle() or not tok.text.isalpha():
        return False
    if folded_lemma(tok) != folded_form(tok):
        return False
    sent = sentence_of(tok)
    if any(not t.is_punct for t in tok.doc[sent.start : tok.i]):
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is None or not (nxt.pos_ == "PROPN" and nxt.text[:1].isupper())


_QUOTES = frozenset('"\'«»“”‘’')


def _nominalised(doc: Any, i: int, contraction: dict[str, str]) -> bool:
    """A participle-shaped word tagged as an adjective or verb that heads its own noun phrase
    ('un llamado a la calma', 'al llamado de los sindicatos'): right after an article or
    another determiner (or a contraction holding one), and followed by no noun it could
    modify -- a preposition, a conjunction, a verb, punctuation other than a quote, or the
    end ('los llamados forajidos', an adjective before it, stays 'so-called' too), or a
    participle that modifies it ('un llamado lanzado el lunes'). 'el llamado Plan Sur' and 'la llamada "guerra sucia"' (so-called) stay adjectives."""
    tok = doc[i]
    if tok.pos_ not in ("ADJ", "VERB") or i == 0 or not tok.text[:1].islower():
        return False
    prev = doc[i - 1]
    if prev.pos_ != "DET" and folded_form(prev) not in contraction:
        return False
    if i + 1 >= len(doc):
        return True
    nxt = doc[i + 1]
    if nxt.pos_ == "PUNCT":
        return nxt.text not in _QUOTES
    if nxt.pos_ in ("ADP", "CCONJ", "SCONJ", "VERB", "AUX"):
        return True
    # a participle after it with its own complement modifies it as a noun ('un llamado
    # lanzado el lunes'); 'los llamados forajidos surgieron' (so-called) has none
    after = doc[i + 2] if i + 2 < len(doc) else None
    return ("Part" in morph_get(nxt, "VerbForm") and after is not None
            and after.pos_ in ("ADP", "DET", "NUM"))


def _masculinised_noun(tok: Any, key: str) -> bool:
    """A feminine noun the tagger took for an adjective and the lemmatizer turned masculine
    ('Singular convocatoria en Quito': 'convocatoria' ADJ, lemma 'convocatorio'): the word
    form itself is the noun row's key ``key``."""
    form = folded_form(tok)
    return (tok.pos_ == "ADJ" and key == form.rstrip("s") and form.rstrip("s").endswith("a")
            and folded_lemma(tok).rstrip("s").endswith("o"))


def _mistagged_name(tok: Any) -> bool:
    """A lower-case word tagged as a proper name: the tagger glued it to a name next to it
    ('que la Gobernación negocie'), so its lemma is the word itself, like an all-capital one."""
    return bool(tok.pos_ == "PROPN" and tok.text[:1].islower() and tok.text.isalpha())


def _pronominal(tok: Any) -> bool:
    """A reflexive clitic on the verb ('se marcharon'), which changes its sense, or glued to
    an infinitive or gerund ('decidieron concentrarse', 'podrían sumarse': the enclitic
    'se', which the parser leaves inside the word)."""
    return any(
        "Yes" in morph_get(c, "Reflex") or dep(c) in ("expl:pv", "expl") for c in children_of(tok)
    ) or (tok.pos_ in ("VERB", "AUX") and _ENCLITIC_SE.search(folded_form(tok)) is not None)


# an infinitive or gerund with the reflexive enclitic 'se' (then maybe an object clitic)
_ENCLITIC_SE = re.compile(r"(?:ar|er|ir|ando|iendo)se(?:lo|la|le|los|las|les)?$")


# pronouns that the Spanish lemmatizer appends to a verb with enclitics ('manifestándose'
# -> 'manifestar él'): the verb alone is the key
_CLITIC_LEMMAS = frozenset({"el", "ella", "lo", "la", "le", "los", "las", "les", "se", "me", "te"})


# only reliable triggers lend their type to a derived word ('explotar' a bomb: 0.5, and
# 'explotación' is exploitation)
DERIVE_MIN_WEIGHT = 0.6
# the shortest word read as a misspelling of a lexicon word (shorter words are one edit
# from too many others)
SPELL_MIN = 6


def _deletions(word: str) -> set[str]:
    """The word with one letter left out, never the first."""
    return {word[:j] + word[j + 1:] for j in range(1, len(word))}


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one insertion, deletion, substitution or swap of
    neighbouring letters, with the same first letter (typists rarely miss the first)."""
    if a == b or not a or not b or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) != len(b):
        short, long_ = sorted((a, b), key=len)
        return any(long_[:j] + long_[j + 1:] == short for j in range(1, len(long_)))
    diff = [j for j in range(len(a)) if a[j] != b[j]]
    if len(diff) == 1:
        return True
    return (len(diff) == 2 and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
# Spanish gerund or infinitive + enclitic pronoun(s): 'acusándolo', 'expulsarlos'
_ENCLITIC = re.compile(r"(?:ando|iendo|ar|er|ir)(?:se)?(?:lo|la|le|los|las|les|se)$")


def _keys(tok: Any) -> list[str]:
    """The folded lemma and form a lexicon look-up tries for ``tok`` (one when they agree);
    they depend on its lemma, form and word class alone, so they are read once per process
    for each such triple (a new list each call: callers may extend it)."""
    key = (tok.lemma, tok.orth, tok.pos)
    got = _KEYS.get(key)
    if got is None:
        if len(_KEYS) > 200_000:
            _KEYS.clear()
        got = _KEYS[key] = tuple(_read_keys(tok))
    return list(got)


# (lemma, form, word class) hashes -> :func:`_keys`
_KEYS: dict[tuple[int, int, int], tuple[str, ...]] = {}


def _read_keys(tok: Any) -> list[str]:
    lemma, form = folded_lemma(tok), folded_form(tok)
    if " " in lemma and lemma.rsplit(" ", 1)[1] in _CLITIC_LEMMAS and tok.pos_ in ("VERB", "AUX"):
        lemma = lemma.rsplit(" ", 1)[0]
    if lemma == form and (tok.pos_ in ("VERB", "AUX") or _misread_preterite(tok)) and _PRETERITE_AR.search(tok.text):
        # the lemmatizer leaves some regular -ar preterites alone ('bloqueó', 'saqueó'):
        # the accented -ó of the third person singular is the -ar ending
        return [lemma, form[:-1] + "ar"]
    return [lemma] if lemma == form else [lemma, form]


# third person singular preterite of a regular -ar verb (not -ió, which is -er/-ir)
_PRETERITE_AR = re.compile(r"[^iI]ó$")


def _misread_preterite(tok: Any) -> bool:
    """A lower-case word ending in stressed -ó that the tagger took for an adjective or a
    noun and left as its own lemma ('el ejército evacuó la ciudad': 'evacuó' ADJ): Spanish
    adjectives and nouns almost never end so, the third person preterite of -ar verbs does."""
    return (tok.pos_ in ("ADJ", "NOUN", "PROPN") and tok.text[:1].islower() and len(tok.text) > 3
            and tok.text.endswith("ó") and folded_lemma(tok) == folded_form(tok))


# third person plural endings of finite verb forms (present, subjunctive, preterite,
# imperfect, future, conditional; folded), which Spanish nouns and adjectives of three
# syllables or fewer rarely end in once a lexicon verb stem precedes them
_PLURAL_VERB_ENDING = re.compile(r"(?:aron|ieron|aban|ian|aran|eran|ieran|asen|iesen|en|an)$")


def misread_plural_verb(tok: Any) -> bool:
    """A lower-case word with a third person plural verb ending that the tagger took for an
    adjective, noun, pronoun or symbol and left as its own lemma ('que los partidos
    negocien' ADJ, 'que denuncien' PRON): the suffix rules read its stem, as a verb only."""
    if tok.pos_ not in ("ADJ", "NOUN", "PRON", "SYM", "X") or not tok.text.isalpha():
        return False
    form = folded_form(tok)
    return (tok.text[:1].islower() and len(form) > 5 and folded_lemma(tok) == form
            and _PLURAL_VERB_ENDING.search(form) is not None)


def _match_rest(doc: Any, i: int, pattern: tuple[str, ...]) -> int | None:
    """End token index when ``pattern[1:]`` follows token ``i`` (skipping determiners)."""
    j = i + 1
    toks = tokens_of(doc)  # (``doc[j]`` builds a new Token on every read)
    n = len(toks)
    for word in pattern[1:]:
        while j < n and toks[j].pos_ == "DET" and word not in _keys(toks[j]):
            j += 1  # 'hacer un llamado', 'romper las relaciones'
        if j >= n or word not in _keys(toks[j]) and word != folded_form(toks[j]):
            return None
        j += 1
    return j


def _load_cues(bundle: LanguageBundle) -> Cues:
    cues = Cues()
    purpose_dep: set[str] = set()
    for row in bundle.read_tsv("event_cues.tsv"):
        word, kind, value = (row + ["", ""])[:3]
        word = fold(word.strip())
        if kind == "speech":
            cues.speech.add(word)
        elif kind == "speech_if_que":
            cues.speech_if_clause.add(word)
        elif kind == "speech_mark":
            cues.speech_mark.add(word)
        elif kind == "light":
            cues.light.add(word)
        elif kind in AUX_KINDS:
            cues.aux[word] = kind
            if " " in word:
                cues.aux_phrasal.add(word.split(" ", 1)[0])
        elif kind.endswith("_case") and kind[:-5] in AUX_KINDS:
            cues.aux_case[word] = kind[:-5]
        elif kind == "recipient_case":
            cues.recipient_case.add(word)
        elif kind == "request_modal":
            cues.request_modal.add(word)
        elif kind == "condition":
            cues.condition.add(word)
        elif kind == "protester":
            cues.protester.add(word)
        elif kind == "between":
            cues.between.add(word)
        elif kind == "retaliation":
            cues.retaliation.add(word)
        elif kind == "passive_aux":
            cues.passive_aux.add(word)
        elif kind == "intent":
            cues.intent.add(word)
        elif kind == "casualty":
            cues.casualty.add(word)
        elif kind == "vehicle":
            cues.vehicle.add(word)
        elif kind == "manner":
            cues.manner.add(word)
        elif kind == "clause_if":
            cues.clause_if.add(word)
        elif kind == "consequent_if":
            cues.consequent_if.add(word)
        elif kind == "consequent_if_sub":
            cues.consequent_if_sub.add(word)
        elif kind == "ar_subjunctive":
            cues.ar_subjunctive.add(word)
        elif kind == "ar_spelling":
            cues.ar_spelling.add((word, fold(value.strip())))
        elif kind == "scope":
            cues.wide_scope.add(word)
        elif kind == "purpose":
            cues.purpose.add(word)
        elif kind in ("exchange", "captive", "prison", "sentence_verb", "gathering", "prevent",
                      "strike_verb", "worker", "union", "institution", "road_closure", "road", "mobilize_word", "armed_force", "police_force", "peacekeeper", "pronominal_plan",
                      "vow_needs_act", "vow", "punish", "kind_noun", "offence", "kind_det", "sanction_case", "norm_noun", "norm_verb", "norm_case", "penalty_noun", "opponent_verb", "personal_case", "expected", "time_mark", "time_unit", "schedule_case", "same_time_mark", "while_mark", "cause_mark", "concession_mark", "convene_passive", "cause_case",
                      "long_unit", "duration_case", "anaphor_time", "anaphor_det", "scheduled_modal", "conditional_ending",
                      "not_intent_modal", "warn", "convene", "plan_verb",
                      "recent_adj", "coming_adj", "prepare", "motion", "announce", "return_verb", "troops",
                      "death_word", "natural_cause", "medical_mod",
                      "deny_verb", "denied_claim", "deny_fact_verb", "coup", "end_word", "judge_word", "factive_verb", "prevent_verb", "gerund_ending", "enclitic", "end_case", "end_noun_case", "season", "past_adj", "infinitive_if", "otherwise",
                      "existential", "participle_ending",
                      "vague_event", "occur_verb", "outbreak_noun", "use_verb",
                      "arrival_verb", "visitor", "host_verb", "guest", "press_noun", "offer_verb", "occasion_noun", "attend_verb", "meal_occasion",
                      "other_event_adj", "attack_case", "hit_verb", "anonymity", "identify_verb",
                      "warning_verb", "danger_case", "phrase_target_case", "comitative_case"):
            getattr(cues, kind).add(word)
        elif kind in ("claim_verb", "claim_light", "claim_noun"):
            getattr(cues, kind).add(word)
        elif kind == "purpose_dep":
            purpose_dep.add(word)
        elif kind in ("vehicle_case", "genitive_case", "against_case", "partner_case", "topic_case",
                      "between_case", "goal_case", "target_topic_case", "state_case", "carrier_case", "content_verb", "site", "open_place", "collective_act", "staged_suffix", "stage_verb", "ouster", "means_case",
                      "victim_verb", "undergo_verb", "addressee_verb", "injury_word", "dual", "org_anaphor", "org_determiner", "result_verb", "toll_noun", "arrest_word", "quantity_noun",
                      "perfect_aux", "go_aux", "oblige_aux", "infinitive_link", "since"):
            getattr(cues, kind).add(word)
        elif kind == "background":
            cues.background.add(word)
        elif kind == "agent_case":
            cues.agent_case.add(word)
        elif kind == "context" and " " in word:
            words = tuple(word.split())
            cues.context_phrases.setdefault(words[0], []).append((words, value))
        elif kind == "context":
            cues.context[word] = value
        elif kind == "agent_phrase":
            cues.agent_phrase[word] = fold(value.strip())
        elif kind == "not_event":
            cues.not_event.append(tuple(word.split()))
        elif kind == "suffix":
            cues.suffixes.append((word, fold(value)))
        elif kind == "caps_suffix":
            cues.caps_suffixes.append((word, fold(value)))
        elif kind == "plural_suffix":
            cues.plural_suffixes.append((word, fold(value)))
        elif kind == "derive":
            cues.derive.append((word, fold(value)))
        elif kind == "prefix":
            cues.prefixes[word] = value.strip()
        elif kind == "object_class":
            cues.object_class.setdefault(fold(value.strip()), set()).add(word)
        elif kind == "object_case":
            cues.object_case.add(word)
        elif kind == "governed_case":
            cues.governed_case.add(word)
        elif kind == "contraction":
            cues.contraction[word] = fold(value.strip())
            feats = row[3].strip() if len(row) > 3 else ""
            if feats:
                cues.contraction_article[word] = {
                    k: tuple(v.split(",")) for k, _, v in (f.partition("=") for f in feats.split("|"))}
        elif kind == "theme_subject":
            cues.theme_subject.add(word)
    cues.suffixes.sort(key=lambda pair: -len(pair[0]))  # longest ending first
    cues.caps_suffixes.sort(key=lambda pair: -len(pair[0]))
    cues.plural_suffixes.sort(key=lambda pair: -len(pair[0]))
    if purpose_dep:
        cues.purpose_dep = purpose_dep
    cues.time_noun = {fold(row[1]) for row in bundle.read_tsv("time.tsv")
                      if len(row) > 1 and row[0] in ("month", "weekday")}
    return cues


def lexicon(lang: str | LanguageBundle) -> Lexicon:
    """The lexicon of a language, built once per bundle."""
    return as_bundle(lang).resource("events.lexicon", Lexicon)
