"""Stage 'events': PLOVER 2.0 events from trigger words, their arguments and modes.

For each sentence, verbs and event nouns found in the language's trigger lexicon
(``data/<lang>/event_triggers.tsv``) become candidate events. Then:

- reporting verbs ('dijo', 'said') are never events; events inside reported speech are;
- support verbs ('realizar una huelga', 'llevar a cabo') are not events, their noun is;
- a trigger inside the complement of another trigger is one event with it: the governing
  verbal event wins ('amenazaron con una huelga' -> THREATEN; 'acuerdan iniciar
  conversaciones' -> AGREE), except that a material-conflict noun beats a cooperative
  verb ('acordaron una huelga' -> PROTEST, future); same-type nesting gives one event;
- stated intentions follow the PLOVER manual: an announced cooperative act is AGREE, an
  announced or conditional conflictual one THREATEN ('dijeron que liberarán',
  'will boycott unless'); 'X said Y must ...' is a REQUEST from X to Y
  (:mod:`cronica.stages.events.intent`);
- repeated mentions of one event in a sentence become one event with several ``mentions``;
  the topic of a protest (a demand by the same protesters) joins the protest
  (:mod:`cronica.stages.events.merge`);
- headline dedup: when the first line of the text is a headline and one of its events has
  the same type, auxiliary mode and actor/recipient codes as a body event, the body event is
  kept with the headline trigger appended to ``mentions`` (body trigger first: it has the
  context).

- what is not an event of its own: the complement of a trigger that is itself absorbed
  goes with it ('an ultimatum to halt attacks'); the aim or condition of an act is part of
  it ('marcharon para exigir', 'will boycott unless the president agrees to step down');
  what a protest is about is its topic ('protestaron contra la guerra'); a protest noun
  classifying a gathering makes it a protest ('reunión de protesta'); the toll of one
  attack is one event ('a bombing killed one and wounded two'); an intention to do a
  hostile act is a threat ('plans to arrest'); moving in a vehicle is a journey ('se
  movilizaban en una moto'); capital words in a mixed-case sentence are names;
- what stays separate: a setting phrase (time, cause, concession: 'durante', 'tras',
  'pese a') or a relative clause is never the content of the trigger it hangs from, and
  'en protesta por' names a protest of its own.

Arguments come from the dependency parse and ``adoc.actors`` (:mod:`cronica.stages.events.args`),
auxiliary modes and contexts from cue words (:mod:`cronica.stages.events.modes`). The historical
mode is set here only on a clear cue (a past year attached to the trigger, 'desde');
the time stage may set it later from resolved dates. Confidence combines the lexicon
weight of the trigger, the coded arguments and the trigger's place in the sentence
(:mod:`cronica.stages.events.rank`); weak background events that share a sentence with a
stronger one are dropped (``secondary_threshold``; 0 keeps them all).
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.attrs import LEMMA, ORTH, POS
from spacy.symbols import VERB

from cronica.model import ArticleDoc, Event, EventArg, Mention, Span
from cronica.stages.actors.parse import ORG_KINDS
from cronica.stages.events import recipient as recipient_mod
from cronica.stages.events.args import (
    RECIPROCAL_TYPES,
    ActorIndex,
    between_parties,
    dual_parties,
    find_args,
    headline_subject,
    patient_predicate,
    resolve_relative,
    speaker_subject,
    to_arg,
    with_conjuncts,
)
from cronica.stages.events.intent import (
    CONFLICT_ACTS,
    REQUEST_MODAL,
    modal_requests,
    recode_intent,
    request_args,
)
from cronica.stages.events.learned import LearnedLayer, event_model
from cronica.stages.events.lexicon import (
    Match,
    TriggerEntry,
    fold,
    lexicon,
    misread_plural_verb,
    row_object,
    rule_pattern,
)
from cronica.stages.events.merge import (
    PROTEST_TOPICS,
    headline_sentence,
    merge_headline,
    merge_same_sentence,
)
from cronica.stages.events.modes import contexts, explain_aux, judged_event
from cronica.stages.events.rank import (
    SECONDARY_THRESHOLD,
    in_source_clause,
    prune_secondary,
    salience,
)
from cronica.stages.events.rank import confidence as event_confidence
from cronica.stages.events.recipient import ACTOR_MODEL_ENV, recipient_model
from cronica.stages.events.reference import faces_abstraction, names_kind, names_penalty
from cronica.stages.events.refine import refine
from cronica.stages.events.rerank import RerankModel, rerank, rerank_model
from cronica.stages.events.retype import retype, retype_model
from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.nlp.syntax import (
    children_of,
    dep,
    doc_cache,
    entities,
    first_child,
    folded_form,
    folded_lemma,
    morph_get,
    sentence_of,
    token_column,
    token_rows,
)


def _drop_args_inside_trigger(e: Event) -> None:
    """A multiword trigger's own words are no argument of it: 'golpe de Estado' has no
    recipient 'Estado', 'toque de queda' none 'queda'."""
    t = e.trigger
    for role in ("actor", "recipient"):
        arg = getattr(e, role)
        if arg is not None and t.start <= arg.start and arg.end <= t.end:
            setattr(e, role, None)


# sectors of civilian groups whose mobilisation of people is a rally (PROTEST), and of the
# forces whose mobilisation is MOBILIZE (PLOVER/CAMEO sector codes, data/sectors.tsv)
_MOBILISED_PEOPLE = frozenset("CVL AGR LAB EDU MED HLH REL OPP PTY REF ENV HRI".split())
_FORCE_SECTORS = frozenset("MIL COP REB UAF SPY".split())
# token attributes that decide whether a token can start a trigger, whatever its context
_TOKEN_KEY = [LEMMA, ORTH, POS]
# the secondary words take the main pass's build of a trigger it read (a copy kept as
# built) instead of building it again; False builds every one (tests compare the two)
REUSE_BUILDS = True
_MAX_NO_TRIGGER = 200_000  # a bound on that memory (about 30 MB)

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# event types whose participants attend or stage them when called ('llamaron a una huelga':
# the call convenes it); a call for another's act asks for it (modes.explain_aux)
_CONVENED = frozenset({"PROTEST"})
# acts of speech: a subjectless conjunct of this type after a complement clause of a verb of
# speech is that verb's parallel act (modes.explain_aux)
_SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN"})
# governing event types that absorb an event expressed in their complement
_FRAME_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT", "CONSULT"})
_COOP_FRAMES = frozenset({"AGREE", "SUPPORT", "CONSULT"})
# doc store of the protests an end word presupposes (:meth:`EventCoder._nest_ended_protest`)
_ENDED = "events.ended_protest"
_MATERIAL_CONFLICT = frozenset({"PROTEST", "MOBILIZE", "COERCE", "ASSAULT"})
# relations through which one trigger sits in another's complement
_NEST = frozenset(
    {
        "xcomp",
        "obj",
        "nmod",
        "obl",
        "pobj",
        "prep",
        "acl",
        "iobj",
        "ccomp",
        "advcl",
        "pcomp",
        "acomp",
        "attr",
        "oprd",
    }
)
# participles used as nouns ('los detenidos') are participants, not events
_NOMINAL_DEPS = frozenset({"nsubj", "obj", "obl", "nmod", "appos", "pobj", "iobj"})
_MAX_NEST = 4
# the aux mode a frame gives the act in its complement when no cue word says more
# (attribution guidelines; PLOVER manual: a threat's act has not happened, a rejection's
# act is refused): 'amenazaron con una huelga' -> the strike is hypothetical
_EMBED_MODE = {"THREATEN": "hypothetical", "REQUEST": "hypothetical", "REJECT": "negation"}
_INTENT_CAMEO = {"AGREE": "03", "THREATEN": "13", "PROTEST": "14"}
_MODEL_CAMEO = {"PROTEST": "14", "ASSAULT": "18", "FIGHT": "19", "MOBILIZE": "15"}
# participial modifiers ('grupos respaldados por Irán') are events only for strong triggers
_PARTICIPLE_MIN_WEIGHT = 0.8
# an auxiliary of a participle (passive 'ser', perfect 'haber'; 'were', 'had'): a verb clause
_CLAUSE_AUX = frozenset({"aux", "aux:pass"})


# the complements that make a participial modifier a reduced passive clause: an agent, a
# time, a place or a cause of its own ('suscrito en 1977', 'heridos por una mina')
_PARTICIPLE_COMPLEMENTS = frozenset({"obl", "obl:agent", "obl:tmod", "advcl"})
_GENITIVE = frozenset({"de", "del", "of"})


def _own_complement(tok: Any) -> bool:
    """Whether participle ``tok`` has a complement of its own (an oblique: agent, time,
    place; or an adverbial clause) after it: the participle then predicates an act ('los
    tratados suscritos entre los dos países'), not a property ('los jóvenes detenidos')."""
    if dep(tok) not in ("acl", "amod", "ROOT"):
        return False  # 'los detenidos el lunes': a participle used as a noun names people
    for c in children_of(tok):
        if c.i < tok.i:
            continue
        if dep(c) in _PARTICIPLE_COMPLEMENTS or any(
                dep(g) == "case" and folded_form(g) not in _GENITIVE for g in children_of(c)):
            return True  # 'suscritos por los ministros', whatever label the parser gave it
    # a phrase after the participle that the parser hung on the noun it modifies ('tratados
    # suscritos entre los dos países', 'grupos armados por el ejército'): the participle's,
    # unless it opens with the genitive 'de', the noun's own complement ('grupos armados de
    # la región')
    head = tok.head
    return dep(tok) == "amod" and head.i < tok.i and any(
        dep(c) == "nmod" and c.i > tok.i and any(
            dep(g) == "case" and folded_form(g) not in _GENITIVE for g in children_of(c))
        for c in children_of(head))


# trigger filters whose removed words still name an event (kept as secondary event words)
# ('trigger.kind': a kind of act under a noun of law or right, :mod:`.reference`)
_MENTION_FILTERS = frozenset({"trigger.noun_modifier", "trigger.participle_clause", "trigger.kind",
                              "trigger.penalty"})
_CAUSE_TYPES = frozenset(
    {"PROTEST", "REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN", "ASSAULT", "COERCE"}
)
_CAUSE_WORDS = frozenset({"against"})
# joint acts of cooperation a request may seek (an agreement, talks, cooperation): seeking them
# is no cause of protest; demanding that the other side yield (a resignation, a release:
# RETREAT, CONCEDE) or give (AID, SUPPORT) still is
_COOPERATIVE_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# the types of event nouns a noun of sequence counts as the phrase's referent ('una ola de
# saqueos'): contentious acts (learned.CONTENTIOUS)
_COUNTED_TYPES = frozenset({"PROTEST", "MOBILIZE", "ASSAULT", "FIGHT"})
# the claims and protests that make a collective act a protest ('una caravana en reclamo de')
_CLAIM_TYPES = frozenset({"PROTEST", "REQUEST", "REJECT", "ACCUSE"})



def _row_thing(doc: Any, m: Match, index: ActorIndex) -> frozenset[int]:
    """The object noun of a verb + object row read through the parse, when it names a thing
    ('lodged a formal protest'): part of the trigger, never an argument. A person or body the
    row names ('summoned the French ambassador') stays the act's recipient."""
    return frozenset(i for i in row_object(doc, m) if index.mention_in(doc[i]) is None)


def _protests_met_by_force(doc: Any, events: list[Event]) -> frozenset[int]:
    """Protests told in a relative clause on the people an act of force or arrest was aimed
    at ('dispersó a los manifestantes que marchaban', 'arrested workers who blocked the
    road'): the act presupposes the protest, which the PLOVER manual codes as an event of
    its own beside the police's (PROTEST and COERCE/ASSAULT), so it is no weak side event."""
    targets = [
        (e.trigger.sentence, e.recipient.start, e.recipient.end) for e in events
        if e.event in ("ASSAULT", "COERCE") and e.recipient is not None
    ]
    if not targets:
        return frozenset()
    out: set[int] = set()
    for e in events:
        if e.event != "PROTEST" or e.head is None or e.embedded_head is not None:
            continue
        tok = doc[e.head]
        if dep(tok) not in ("acl:relcl", "acl"):
            continue
        at = tok.head.idx
        if any(sent == e.trigger.sentence and start <= at < end for sent, start, end in targets):
            out.add(e.head)
    return frozenset(out)


def _after_quote(tok: Any) -> bool:
    """The verb right after a closed quotation and its comma ('«…», manifestó X'): the
    reporting clause of the quote (an inciso of a verb of saying, NGLE 43.9)."""
    i = tok.i
    doc = tok.doc
    return i >= 2 and doc[i - 1].text == "," and (
        doc[i - 2].text in _CLOSING_QUOTES or doc[i - 2].text == '"')

class EventCoder:
    """Fills ``adoc.events`` (ids 'e0', 'e1', ... in text order)."""

    name = "events"

    def __init__(
        self,
        lang: str | LanguageBundle,
        secondary_threshold: float = SECONDARY_THRESHOLD,
        learned: bool = True,
    ) -> None:
        bundle = as_bundle(lang)
        self.lang = bundle.code
        # the learned sentence scores beside the lexicon (:mod:`cronica.stages.events.learned`)
        model = event_model(bundle) if learned else None
        self.learned = LearnedLayer(model) if model is not None else None
        # the learned side-event filter (:mod:`cronica.stages.events.rerank`)
        self.rerank = rerank_model(bundle) if learned else None
        # the learned event re-typer (:mod:`cronica.stages.events.retype`)
        self.retype = retype_model(bundle) if learned else None
        # the learned recipient chooser (:mod:`cronica.stages.events.recipient`)
        self.recipient_model = recipient_model(bundle) if learned else None
        # the actor chooser is opt-in: it bought little on the BRAT check part (about 3
        # sources of 209) for about a sixth of the pipeline's CPU (docs/benchmarks.md, lead)
        self.actor_model = recipient_model(bundle, "actor") \
            if learned and os.environ.get(ACTOR_MODEL_ENV) else None
        # events below this confidence that share a sentence with a stronger one are dropped
        # as background (:func:`cronica.stages.events.rank.prune_secondary`); 0 keeps every event
        self.secondary_threshold = secondary_threshold
        self.lex = lexicon(bundle)
        self.cues = self.lex.cues
        self.speech = set(self.cues.speech)
        # (role, trigger span) -> (parsed argument, the learned chooser's): applied at the end
        self._learned_args: dict[tuple[str, int, int], tuple[EventArg | None, EventArg | None]] = {}
        self._place_words: frozenset[str] | None = None  # nouns of places (:meth:`_placed`)
        # the document asked about, and the learned choosers' answers there (the chosen
        # token's index, None for the rules' own) by question (see :meth:`_learned_arg`)
        self._choices: tuple[Any, dict[tuple[Any, ...], int | None]] = (None, {})
        # what the last :meth:`_event` call wrote in ``_learned_args``, and whether its event
        # holds whatever antecedents later events mark (see :meth:`_event`)
        self._last_build: tuple[tuple[tuple[Any, Any], ...], bool] = ((), True)
        # (trigger span, head, entry, forced mode) -> a copy of the event the main pass built
        # there, as built, with what its build wrote (see :meth:`_secondary`)
        self._built: dict[tuple[Any, ...], tuple[Event, TriggerEntry, tuple[tuple[Any, Any], ...]]] = {}
        self._injury_ids: frozenset[int] | None = None  # (:meth:`_injury_hashes`)
        self._attend_ids: frozenset[int] | None = None  # (:meth:`_refused_attendance`)
        self._staged_kind: dict[int, bool] = {}  # lemma hash -> ends in '-azo' (staged acts)
        # (lemma, form, tag) hashes of tokens that start no trigger (see find_triggers)
        self._no_trigger: set[tuple[int, ...]] = set()
        self._speech_kind: dict[int, int] = {}  # lemma hash -> see _is_speech

    # -- trigger detection ----------------------------------------------
    def find_triggers(
        self, doc: Any, trace: list[tuple[str, int]] | None = None, names: frozenset[int] = frozenset(),
    ) -> list[Match]:
        """Lexicon matches that can be events: the filter rules of
        :data:`cronica.stages.events.rules.TRIGGER_FILTERS` remove the others, in that
        order. ``trace`` collects (rule id, token index) for every candidate a rule removed.
        ``names`` holds the tokens of organisation names the actors stage found (besides
        the parser's own ORG entities)."""
        out: list[Match] = []
        orgs = names | _org_entity_tokens(doc)
        # most tokens start no pattern in any context: their (lemma, form, tag) is
        # remembered, so that they are skipped without building a spaCy token
        keys = token_rows(doc, _TOKEN_KEY)
        misses = self._no_trigger
        if len(misses) > _MAX_NO_TRIGGER:
            misses.clear()
        i = 0
        injury = self._injury_hashes(doc)
        attend = self._attend_hashes(doc)
        staged = self._staged_kind
        matched = doc_cache(doc, "events.lex_match")  # (see :meth:`_lex_match_at`)
        lex_id = id(self.lex)
        n = len(doc)
        while i < n:
            key = keys[i]  # (a tuple: token_rows' rows are)
            lemma = key[0]
            if lemma in injury and (toll := self._casualty_toll(doc, i)) is not None:
                out.append(toll)  # 'dejó cinco muertos': a secondary word, read by context
                i += 1
                continue
            suffixed = staged.get(lemma)
            if suffixed is None:
                suffixed = self._learn_staged_kind(lemma, doc.vocab.strings[lemma])
            if suffixed and (act := self._staged_protest(doc, i)) is not None:
                out.append(act)  # 'realizaron un ollazo': a collective act by its suffix
                i += 1
                continue
            if lemma in attend and (refusal := self._refused_attendance(doc, i)) is not None:
                out.append(refusal)  # 'no asistirá a la reunión': a refusal to meet
                i += 1
                continue
            if key in misses:
                i += 1
                continue
            tok = doc[i]
            # all-capital headlines get arbitrary tags: their words are all candidates
            pos_ok = (tok.pos_ in ("VERB", "NOUN", "PROPN", "ADJ", "AUX") or tok.text.isupper()
                      or misread_plural_verb(tok))
            # most tokens match no pattern: look the lexicon up before the speech-verb test
            m = None
            if pos_ok:
                # (kept for :meth:`_lex_match_at`, which the choosers and filters ask of the
                # same words; the search goes on with its own copy, which nesting may change)
                m = matched[(lex_id, i)] = self.lex.match(doc, i)
                if m is not None:
                    m = Match(m.start, m.end, m.head, m.entry)
            if m is None:
                if not pos_ok or self.lex.starts_nothing(tok):
                    misses.add(key)
                i += 1
                continue
            # (a verb + object row names its own act with a verb of saying: 'expresó su
            # protesta' is a diplomatic protest, PLOVER ACCUSE)
            if len(m.entry.pattern) == 1 and self._is_speech(tok, as_trigger=True):
                if trace is not None:
                    trace.append(("trigger.speech", i))
                i += 1
                continue
            dropped = self._filtered(tok, m, orgs)
            if dropped is not None:
                if trace is not None:
                    trace.append((dropped, i))
                i += 1
                continue
            if m.entry.mention_only and self._protest_closure(tok, m):
                m = replace(m, entry=replace(
                    m.entry, event="PROTEST", mode="obstruct", cameo="14", mention_only=False,
                    rule=f"{m.entry.rule}/protesters",
                ))
            if m.entry.event == "ASSAULT" and folded_lemma(tok) in self.cues.hit_verb \
                    and tok.pos_ == "VERB" and self._labour_subject(tok):
                # 'the dockers struck for a week': workers who strike stop work (CAMEO 143)
                m = replace(m, entry=replace(
                    m.entry, event="PROTEST", mode="strike", cameo="14",
                    rule=f"{m.entry.rule}/workers",
                ))
            if m.entry.mention_only and self._workers_stop(tok):
                # gated by its subject, the reading is as reliable as a strike noun
                m = replace(m, entry=replace(
                    m.entry, mention_only=False, weight=max(m.entry.weight, 0.6),
                    rule=f"{m.entry.rule}/workers",
                ))
            if m.entry.mention_only and self._collective_protest(tok, m):
                m = replace(m, entry=replace(
                    m.entry, mention_only=False, weight=max(m.entry.weight, 0.6),
                    rule=f"{m.entry.rule}/collective",
                ))
            if self._vowed_punishment(tok):
                # 'prometieron castigar a los responsables': a vow of a punishment is a threat
                m = replace(m, entry=replace(
                    m.entry, event="THREATEN", mode=None, cameo="13", rule=f"{m.entry.rule}/punish",
                ))
            out.append(m)
            i = m.end
        return out

    def _org_name_word(self, tok: Any) -> bool:
        """'Amnistía Internacional denunció ...' at the start of a sentence, where capitals
        say nothing: a capitalised noun of an organisation's name is no event. Not in a
        headline in capitals, where neither capitals nor the parser's entities tell a name
        from an event ('PIDEN QUE RENUNCIEN A ...')."""
        return (
            tok.pos_ in ("NOUN", "PROPN")
            and tok.text[:1].isupper()
            and not _capital_sentence(sentence_of(tok))
        )

    def _name_opening(self, tok: Any) -> bool:
        """'Marcha Patriótica convocó a ...', 'Huelga General Unida anunció ...': at a
        sentence start, where capitals say nothing of the first word, a capitalised event
        noun followed by a capitalised word is a name when it is the subject of a verb of
        saying or of another act (an event does not call, announce or denounce). Not in a
        title-case or all-capital headline, where every word is capitalised."""
        doc = tok.doc
        if tok.i + 1 >= len(doc) or not tok.text[:1].isupper() or dep(tok) != "nsubj":
            return False
        nxt = doc[tok.i + 1]
        if not (nxt.is_alpha and nxt.text[:1].isupper() and not nxt.text.isupper()):
            return False
        sent = sentence_of(tok)
        if tok.i != sent.start and not (doc[tok.i - 1].is_punct and tok.i - 1 == sent.start):
            return False
        head = tok.head
        if head.pos_ not in ("VERB", "AUX") or not (
                folded_lemma(head) in self.speech or folded_lemma(head) in self.cues.speech_if_clause
                or self._lex_match_at(doc, head.i) is not None):
            return False
        words = [t for t in sent if t.is_alpha and len(t.text) > 3 and t.i > tok.i + 1]
        return sum(t.text[:1].isupper() for t in words) < 0.5 * len(words)

    def _punish_word(self, tok: Any) -> bool:
        """A ``punish`` cue word, a participle by its verb ('serán castigados': the
        lemmatizer leaves 'castigado'; the language's ``suffix`` rules give 'castigar')."""
        lemma = folded_lemma(tok)
        if lemma in self.cues.punish:
            return True
        if "Part" not in morph_get(tok, "VerbForm"):
            return False
        return any(
            lemma.endswith(end) and lemma[: len(lemma) - len(end)] + new in self.cues.punish
            for end, new in self.cues.suffixes
        )

    def _vowed_punishment(self, tok: Any) -> bool:
        """'prometieron castigar a los responsables', 'vowed to punish those responsible',
        'prometieron tomar represalias': a vow (``vow`` cue) whose complement is a punishment
        or retaliation (``punish`` cue) is a threat (PLOVER manual, THREATEN: coercive or
        forceful warnings; CAMEO 130, 137), like a vow of an act of a conflictual type,
        which the nesting rules retype (:meth:`_nest_intention`, :meth:`_nest_vowed_clause`).
        The punishment reaches the vow through infinitive complements and objects, or is
        the verb of its finite clause ('prometió que castigará')."""
        cues = self.cues
        if not cues.punish or folded_lemma(tok) not in cues.vow:
            return False
        doc = tok.doc
        for t in tok.sent:
            if t.i == tok.i or not self._punish_word(t):
                continue
            if _complement_path(doc, t.i, tok.i) or (dep(t) == "ccomp" and t.head.i == tok.i):
                return True
        return False

    def _collective_without_protesters(self, tok: Any, m: Match) -> bool:
        """'un camión volcado impidió el paso', 'una caravana de turistas': a
        ``collective_act`` row names a protest only when workers or protesters hold it (or
        a claim is its cause, :meth:`_collective_protest`); else it is no protest, not
        even a secondary word."""
        acts = self.cues.collective_act
        if " ".join(m.entry.pattern) not in acts and rule_pattern(m.entry.rule) not in acts:
            return False
        return not self._collective_protest(tok, m)

    def _collective_protest(self, tok: Any, m: Match, staged: bool = False) -> bool:
        """'los trabajadores activaron un plan de acción', 'una caravana de taxistas',
        'los desocupados acamparon frente al Congreso': a ``collective_act`` row is a
        protest when workers of a trade, their union or protesters hold it (the subject of
        the verb, or of the verb whose object or subject the noun is, or the noun's 'de'
        complement), or when its clause names a claim or protest as its cause ('en reclamo
        de tarifas'; a plain 'contra' is not enough: 'un plan de acción contra el dengue')."""
        acts = self.cues.collective_act
        if not staged and " ".join(m.entry.pattern) not in acts and rule_pattern(m.entry.rule) not in acts:
            return False  # the row's words, or its object class ('impedir @passage')
        anchor = tok
        if tok.pos_ in ("NOUN", "PROPN") and dep(tok) in ("obj", "nsubj", "nsubj:pass") \
                and tok.head.pos_ in ("VERB", "AUX"):
            anchor = tok.head
        cues = self.cues
        subjects = [c for c in _subjects(anchor) if dep(c) in ("nsubj", "nsubj:pass")]
        if self._labour_subject(anchor) or any(
                folded_lemma(t) in cues.protester for s in subjects for t in (s, *children_of(s))):
            return True
        for c in children_of(tok):
            if dep(c) == "nmod" and _case_word(c) in cues.genitive_case and (
                folded_lemma(c) in cues.protester or folded_lemma(c) in cues.worker
                and ("Plur" in morph_get(c, "Number") or folded_lemma(c) in cues.union)
            ):
                return True
        if self._before_institution(anchor):
            return True
        skip = {t.i for s in subjects for t in s.subtree} | {tok.i, anchor.i}
        doc = tok.doc
        for t in anchor.subtree:
            if t.i in skip or t.pos_ not in ("NOUN", "VERB"):
                continue
            hit = self._lex_match_at(doc, t.i)
            if hit is not None and not hit.entry.mention_only and hit.entry.event in _CLAIM_TYPES:
                return True
        return False

    def _protest_closure(self, tok: Any, m: Match) -> bool:
        """'los transportistas cerraron avenidas', 'los campesinos cerraron los accesos al
        pueblo': a road closed by protesters or workers of a trade, or with a cause, is a
        protest block (CAMEO 144); closed by an authority ('la alcaldía cerró la calle por
        obras') it stays a restriction word (``road_closure`` cue verbs)."""
        if (
            tok.pos_ not in ("VERB", "AUX")
            or folded_lemma(tok) not in self.cues.road_closure
            or len(m.entry.pattern) < 2
            or m.entry.pattern[1] not in self.cues.road
        ):
            return False
        subjects = [s for s in children_of(tok) if dep(s) == "nsubj"]
        for s in subjects:
            if any(
                folded_lemma(t) in self.cues.protester or folded_lemma(t) in self.cues.worker
                for t in (s, *children_of(s))
            ):
                return True
        authority = self.cues.institution | self.cues.police_force | self.cues.armed_force
        if any(s.pos_ == "PROPN" or folded_lemma(s) in authority for s in subjects):
            # a closer named by a proper name (a state, a city) or an institution or force is
            # an authority ('Israel cerró la frontera tras los atentados', 'la alcaldía cerró
            # la avenida por la protesta'): a restriction, whatever its cause
            return False
        return self._stated_cause(tok)

    def _armed_mobilisation(self, doc: Any, e: Event) -> None:
        """'la movilización del ejército', 'movilizó a las tropas', 'la policía se movilizó':
        armed forces moved short of force are MOBILIZE (PLOVER manual: 'all military or police
        moves'), not the PROTEST a mobilisation of people is (``mobilize_word`` cue words; the
        forces known by the actor's or recipient's sector or by an ``armed_force`` noun)."""
        if e.event != "PROTEST" or e.head is None or fold(doc[e.head].lemma_) not in self.cues.mobilize_word:
            return
        tok = doc[e.head]
        codes = [c for arg in (e.actor, e.recipient) if arg is not None for c in (arg.codes or [arg.code])]
        words = [folded_lemma(c) for c in children_of(tok) if dep(c) in ("obj", "nmod", "nsubj", "obl")]
        police = any("COP" in c for c in codes) or any(w in self.cues.police_force for w in words)
        armed = police or any("MIL" in c for c in codes) or any(w in self.cues.armed_force for w in words)
        if armed:
            e.event, e.mode, e.cameo = "MOBILIZE", "police" if police else "troops", "15"

    def _peacekeeping(self, doc: Any, e: Event) -> None:
        """'will deploy peacekeepers', 'the deployment of peacekeeping troops': forces sent to
        keep the peace are AID (CAMEO 074 'provide military protection or peacekeeping' ->
        AID), not the MOBILIZE of troops (``peacekeeper`` cue words on the trigger's arguments
        or on their modifiers)."""
        if e.event != "MOBILIZE" or e.head is None or not self.cues.peacekeeper:
            return
        head = doc[e.head]
        # an English preposition heads its noun ('deployment of ... troops')
        args = [g for c in children_of(head) for g in (children_of(c) if c.pos_ == "ADP" else (c,))]
        for arg in args:
            if dep(arg) not in ("obj", "nsubj", "nsubj:pass", "nmod", "obl", "pobj"):
                continue
            if any(folded_lemma(t) in self.cues.peacekeeper for t in (arg, *children_of(arg))):
                e.event, e.mode, e.cameo = "AID", None, "07"
                return

    def _lawful_takeover(self, e: Event) -> bool:
        """'tomaron el poder', 'derrocaron al presidente' (a ``coup`` row) is a coup, COERCE
        coded with the pro_autocracy context as the PLOVER manual codes coups, only with
        evidence of force: an armed actor (military, rebels, an armed group) or a coup or
        military word in the sentence. 'El presidente electo tomó el poder' (a lawful taking
        of office) is no event."""
        if e.event != "COERCE" or rule_pattern(e.rule) not in self.cues.coup:
            return False
        codes = [c for arg in (e.actor, e.recipient) if arg is not None for c in (arg.codes or [arg.code]) if c]
        if any(c[-3:] in _FORCE_SECTORS for c in codes):
            return False
        return not ({"pro_autocracy", "military"} & set(e.context))

    def _people_mobilisation(self, doc: Any, e: Event) -> None:
        """'the unions mobilized workers', 'students mobilized': a mobilisation of people by a
        non-state group is the PROTEST a rally is (PLOVER manual: MOBILIZE is 'all military or
        police moves'; CAMEO 141 demonstrate), the mirror of :meth:`_armed_mobilisation` for
        the languages whose mobilise verb is MOBILIZE by default. It needs a civilian group
        (actor or recipient sector) and no armed force or police among its arguments;
        'mobilized troops' and 'the government mobilized resources' stay MOBILIZE."""
        if e.event != "MOBILIZE" or e.head is None or fold(doc[e.head].lemma_) not in self.cues.mobilize_word:
            return
        tok = doc[e.head]
        codes = [c for arg in (e.actor, e.recipient) if arg is not None for c in (arg.codes or [arg.code]) if c]
        words = {folded_lemma(c) for c in children_of(tok) if dep(c) in ("obj", "nmod", "nsubj", "obl")}
        force = self.cues.police_force | self.cues.armed_force
        if words & force or any(c[-3:] in _FORCE_SECTORS for c in codes):
            return
        if any(c[-3:] in _MOBILISED_PEOPLE for c in codes):
            e.event, e.mode, e.cameo = "PROTEST", "demo", "14"

    def _workers_stop(self, tok: Any) -> bool:
        """'los camioneros pararon', 'los sindicatos paran 48 horas': a stop verb whose
        subject is workers of a trade (plural) or their union is a strike (CAMEO 143, PLOVER
        PROTEST strike); 'el chofer paró en la esquina' or 'pararon a los camiones' is none."""
        if tok.pos_ not in ("VERB", "AUX") or folded_lemma(tok) not in self.cues.strike_verb:
            return False
        if any(dep(c) == "obj" and _case_word(c) == "a" for c in children_of(tok)):
            return False  # 'pararon a los conductores': stopped someone
        return self._labour_subject(tok)

    def _labour_subject(self, tok: Any) -> bool:
        """Whether the subject of ``tok`` is workers of a trade (plural: 'los camioneros',
        'los docentes') or their union ('el sindicato'), a collective that acts as one."""
        for s in _subjects(tok):
            if dep(s) != "nsubj" or s.pos_ not in ("NOUN", "PROPN"):
                continue
            if folded_lemma(s) in self.cues.worker and (
                "Plur" in morph_get(s, "Number") or folded_lemma(s) in self.cues.union
            ):
                return True
        return False

    def _filtered(self, tok: Any, m: Match, orgs: frozenset[int] = frozenset()) -> str | None:
        """The id of the first filter rule that removes candidate ``m``, else None (``orgs``:
        the tokens of organisation names)."""
        if m.entry.pattern[0] in self.cues.arrival_verb and self._arrival_without_visit(tok):
            return "trigger.arrival_without_visit"  # before a participle clause keeps it
        if m.entry.pattern[0] in self.cues.host_verb and self._host_without_guest(tok):
            return "trigger.host_without_guest"
        if m.entry.event == "CONSULT" and self._press_meeting(tok):
            return "trigger.press_meeting"
        if m.entry.pattern[0] in self.cues.offer_verb and self._offered_occasion(tok):
            return "trigger.offered_occasion"
        if m.entry.event in ("ASSAULT", "FIGHT") and tok.pos_ == "NOUN" and _match_score(tok):
            return "trigger.match_score"
        if self._weak_participle(tok, m):
            if self._natural_death(tok, m):
                return "trigger.natural_death"  # 'muerto por un infarto'
            if any(dep(c) in _CLAUSE_AUX for c in children_of(tok)) or _own_complement(tok):
                # a participle with its own auxiliary heads a finite clause ('los presos que
                # fueron liberados', 'que había sido encarcelado'), and one with its own agent,
                # time or place is a reduced passive relative ('el tratado suscrito en 1977',
                # 'dos soldados heridos por una mina'): it names an act, told in passing, so
                # it is kept among the secondary event words
                return "trigger.participle_clause"
            return "trigger.weak_participle"
        if m.entry.pattern[0] in self.cues.vague_event and self._vague_without_act(tok):
            return "trigger.vague_without_act"  # before the classifier reading keeps it
        if self._noun_modifier(tok, m):
            return "trigger.noun_modifier"
        if names_kind(tok, m.entry.event, self.cues):
            return "trigger.kind"  # 'el derecho a la protesta': a kind of act, no event
        if names_penalty(tok, m.entry.event, self.cues, self.lex):
            return "trigger.penalty"  # 'condenados a muerte': a punishment, no killing
        if faces_abstraction(tok, m.entry.event, self.cues):
            return "trigger.faced_thing"  # 'enfrenta un pedido de juicio': no clash
        if self._event_epithet(tok):
            return "trigger.event_epithet"
        if m.entry.mention_only and self._collective_without_protesters(tok, m):
            return "trigger.collective_without_protesters"
        if self._prevention_without_protest(tok, m):
            return "trigger.prevention_without_protest"
        if self._vow_without_act(tok):
            return "trigger.vow_without_act"
        if m.entry.event == "THREATEN" and self._warning_of_danger(tok):
            return "trigger.warning_of_danger"
        if _named(tok):
            return "trigger.named"
        if tok.i in orgs and self._org_name_word(tok):
            return "trigger.org_name"
        if self._name_opening(tok):
            return "trigger.name_opening"
        if self._travel(tok, m):
            return "trigger.travel"
        if m.entry.event == "RETREAT" and self._exchange_without_captives(tok):
            return "trigger.exchange_without_captives"
        if self._gathering_without_cause(tok, m):
            return "trigger.gathering_without_cause"
        if self._return_without_troops(tok, m):
            return "trigger.return_without_troops"
        if self._natural_death(tok, m):
            return "trigger.natural_death"
        if self._hit_without_force(tok, m):
            return "trigger.hit_without_force"
        if m.entry.event == "REQUEST" and self._anonymity_request(tok):
            return "trigger.anonymity_request"
        if self._denied_involvement(tok, m):
            return "trigger.denied_involvement"
        if m.entry.event == "PROTEST" and self._noun_of_earlier_attack(tok):
            return "trigger.noun_of_earlier_attack"
        return None

    def _noun_of_earlier_attack(self, tok: Any) -> bool:
        """'Russian missiles struck Kyiv ... Moscow did not comment on the strikes': a noun
        that repeats the verb of an attack told before it refers back to that attack (a
        deverbal anaphor), however its own row types the word."""
        if tok.pos_ != "NOUN":
            return False
        doc = tok.doc
        verbs = doc_cache(doc, "events.verbs_by_lemma")
        if not verbs:  # lemma -> the indices of the verbs of that lemma, read once per doc
            verbs[-1] = []
            for j, (lemma, pos) in enumerate(zip(token_column(doc, LEMMA), token_column(doc, POS),
                                                 strict=True)):
                if pos == VERB:
                    verbs.setdefault(lemma, []).append(j)
        j = max((k for k in verbs.get(tok.lemma, ()) if k < tok.i), default=-1)
        if j < 0:
            return False
        # the verb's own row, or a two-word row it closes ('missiles struck')
        for k in (j, j - 1):
            m = self.lex.match(doc, k) if k >= 0 else None
            if m is not None and m.start <= j < m.end:
                # an attack verb, not one that names no force ('the workers strike' misread)
                return m.entry.event == "ASSAULT" and not self._hit_without_force(doc[j], m)
        return False

    def _arrival_without_visit(self, tok: Any) -> bool:
        """'el canciller llegó a Lima' is a visit (CAMEO 042 make a visit -> CONSULT): a
        named person or an envoy (``visitor`` cues) arriving at a named place; 'llegaron a un
        acuerdo', 'la cifra llegó a cien', 'los camiones llegaron al puerto' are none."""
        if tok.pos_ not in ("VERB", "AUX"):
            return True
        place = any(
            dep(c) == "obl" and c.pos_ == "PROPN" and c.ent_type_ == "LOC" and c.text[:1].isupper()
            and _case_word(c) in ("a", "al")
            for c in children_of(tok)
        )
        if not place:
            return True
        for s in _subjects(tok):
            if s.pos_ == "PROPN" and s.ent_type_ == "PER" or folded_lemma(s) in self.cues.visitor:
                return False
        return True

    def _host_without_guest(self, tok: Any) -> bool:
        """'el presidente recibirá a los dirigentes sindicales' hosts a visit (CAMEO 043 host
        a visit -> CONSULT): a named person or a visitor noun receiving, with the personal
        'a', a named person, a visitor or a party's representatives (``guest`` cues); 'recibió
        a los heridos', 'recibió un disparo', 'recibió apoyo' are none."""
        if tok.pos_ not in ("VERB", "AUX"):
            return True
        cues = self.cues

        def party(t: Any) -> bool:
            lemma = folded_lemma(t)
            return (t.pos_ == "PROPN" and t.ent_type_ == "PER") or lemma in cues.visitor or lemma in cues.guest

        if not any(party(s) for s in _subjects(tok)):
            return True
        return not any(
            dep(c) in ("obj", "obl", "iobj") and _case_word(c) in ("a", "al") and party(c)
            for c in children_of(tok))

    def _press_meeting(self, tok: Any) -> bool:
        """'dijo en una reunión con periodistas', 'se reunió con la prensa', 'met with
        reporters': a meeting whose every partner ('con', 'with': ``partner_case``) is the
        press (``press_noun`` cues) is the channel through which the news reached the
        reporter, like a press conference (attribution guidelines, REPORTED_BY: 'a los
        periodistas', 'en una entrevista con <medio>'), not a consultation between parties
        (PLOVER manual, CONSULT); 'se reunió con los sindicatos y con la prensa' keeps its
        other partner and stays one."""
        cues = self.cues
        partners = []
        for c in children_of(tok):
            if _case_word(c) in cues.partner_case or (
                    dep(c) == "prep" and fold(c.text) in cues.partner_case):
                node = c
                if dep(c) == "prep":  # English: 'with' heads its object
                    node = next((g for g in children_of(c) if dep(g) == "pobj"), c)
                partners.append(node)
                partners.extend(g for g in children_of(node) if dep(g) == "conj")
        return bool(partners) and all(fold(p.lemma_) in cues.press_noun for p in partners)

    def _offered_occasion(self, tok: Any) -> bool:
        """'ofreció una conferencia de prensa', 'ofrecerá una cena a los delegados',
        'ofreció declaraciones': the verb's object is an occasion or a statement given
        (``occasion_noun`` cues; DLE 'ofrecer': dar un banquete, una fiesta; manifestar), not
        an offer of cooperation, aid or talks (CAMEO 03 -> AGREE: 'ofreció ayuda', 'ofreció
        diálogo' stay offers)."""
        # the thing offered; a phrase with the personal 'a' is whom it is offered to, whatever
        # label the parser gave it ('ofrecerá el domingo a los delegados')
        objs = [c for c in children_of(tok) if dep(c) in ("obj", "nsubj:pass") and not _case_word(c)]
        objs = [o for o in objs if "Rel" not in morph_get(o, "PronType")]
        if not objs and dep(tok) in ("acl", "acl:relcl") and tok.head.i != tok.i and any(
                fold(c.text) == "que" and c.i < tok.i for c in children_of(tok)):
            # 'una cena que el gobierno ofrecerá': the relative 'que' (a pronoun, or read as a
            # conjunction by the parser) stands for its antecedent, the thing offered
            objs = [tok.head]
        objs.extend(g for c in list(objs) for g in children_of(c) if dep(g) == "conj")
        return bool(objs) and all(fold(o.lemma_) in self.cues.occasion_noun for o in objs)

    def _vague_without_act(self, tok: Any) -> bool:
        """'la violencia' names an act only where the grammar makes it one: the subject of a
        verb of occurrence or result ('la violencia dejó diez muertos', 'estalló la
        violencia'), the noun an existential verb asserts ('hubo violencia', 'se registró
        violencia'), the complement of a classifier or outbreak noun ('actos de violencia',
        'una ola de violencia'), or the object of a verb of using or inciting ('recurrir a la
        violencia', 'incitar a la violencia'); 'marcharon sin violencia', 'la lucha contra
        la violencia' name a manner or a topic. Called for matches of a ``vague_event`` row."""
        cues = self.cues
        head, rel = tok.head, dep(tok)
        if head.i == tok.i:
            return True
        lemma = folded_lemma(head)
        if rel in ("nsubj", "nsubj:pass") and (
            lemma in cues.occur_verb or lemma in cues.result_verb or lemma in cues.theme_subject
        ):
            return False
        if rel in ("obj", "nsubj", "nsubj:pass") and lemma in cues.existential:
            return False  # 'hubo violencia', 'se registró violencia': its occurrence asserted
        if rel == "nmod" and (lemma in cues.kind_noun or lemma in cues.outbreak_noun):
            return False
        if rel in ("obj", "obl") and lemma in cues.use_verb:
            cases = {folded_form(c) for c in children_of(tok) if dep(c) == "case"}
            return not (rel == "obj" or cases & {"a", "al"})
        return True

    def _speech_candidates(self, doc: Any) -> list[int]:
        """The indices of the tokens whose lemma may make them speech verbs (see
        :meth:`_is_speech`), read from the document's lemma array: no Token is built for
        the others."""
        strings = doc.vocab.strings
        kinds = self._speech_kind
        out: list[int] = []
        for i, h in enumerate(token_column(doc, LEMMA)):
            kind = kinds.get(h)
            if kind is None:
                kind = self._learn_speech_kind(h, strings[h])
            if kind:
                out.append(i)
        return out

    def _learn_speech_kind(self, lemma_hash: int, lemma: str) -> int:
        """What the lemma says (see :meth:`_is_speech`), remembered by its hash: 1 a verb of
        saying, 2 one that says only with a clause, 0 neither (most words)."""
        folded = fold(lemma)
        kind = 1 if folded in self.speech else 2 if folded in self.cues.speech_if_clause else 0
        if len(self._speech_kind) > _MAX_NO_TRIGGER:
            self._speech_kind.clear()
        self._speech_kind[lemma_hash] = kind
        return kind

    def _is_speech(self, tok: Any, as_trigger: bool = False) -> bool:
        """A verb of saying ('speech' cues), or one that says only with a clause
        ('speech_if_que': 'manifestó que ...', not 'salieron a manifestar'). As a trigger
        candidate, a subordinator before the verb is the verb's own ('a manifestar', 'dijeron
        que manifestarán'), not the opening of a clause it governs, and a direct object is
        what is said or shown ('manifestó su apoyo', 'para manifestar su rechazo'): the
        transitive verb expresses, the intransitive one demonstrates. So does a clause it
        takes, ahead of it too ('«…», manifestó el ministro', 'manifestó estar satisfecho'; a
        quotation closed just before it, whatever the parser hung it on),
        and a conformative subordinator ('según manifestó el alcalde': ``speech_mark``
        cues, NGLE 47.15 on 'según' and 'como' of a source)."""
        kind = self._speech_kind.get(tok.lemma)  # (asked about some 40 times an article)
        if kind is None:
            kind = self._learn_speech_kind(tok.lemma, tok.lemma_)
        if kind == 1:
            return True
        if kind == 0:
            return False
        if not as_trigger:
            return any(dep(c) in ("ccomp", "mark") for c in children_of(tok))
        if _after_quote(tok):
            return True
        return any(
            dep(c) in ("ccomp", "xcomp") or (dep(c) == "mark" and c.i > tok.i)
            or (dep(c) == "obj" and "Yes" not in morph_get(c, "Reflex"))  # not 'se manifestaron'
            or (dep(c) == "parataxis" and c.i < tok.i)
            or (dep(c) == "mark" and folded_lemma(c) in self.cues.speech_mark)
            for c in children_of(tok)
        )

    @staticmethod
    def _weak_participle(tok: Any, m: Match) -> bool:
        if "Part" not in morph_get(tok, "VerbForm") or tok.pos_ == "AUX":
            return False
        if m.entry.pos == "N":
            return False  # a noun row read on its nominal use: 'un llamado a la calma'
        if dep(tok) in _NOMINAL_DEPS and any(dep(c) == "det" for c in children_of(tok)):
            return True
        return dep(tok) in ("acl", "amod") and m.entry.weight < _PARTICIPLE_MIN_WEIGHT

    def _casualty_toll(self, doc: Any, i: int) -> Match | None:
        """A casualty noun ('muertos', 'heridos': ``injury_word`` cues) names an assault's
        toll (CAMEO 18, 182/1823; the BRAT AFP gold marks 'dejó cinco muertos') as the
        object of a result verb ('dejó cinco muertos', 'causaron seis lesionados':
        ``result_verb``), the complement of a toll noun ('un saldo de tres muertos':
        ``toll_noun``), or a conjunct of such a noun ('muertos y heridos'): a secondary
        ASSAULT word, never an event of its own (the act that left it is); so are the
        arrested of a toll ('un saldo de dos muertos y cinco detenidos': ``arrest_word``
        cues) a secondary COERCE arrest word. A quantity noun between them is passed
        ('hubo decenas de heridos': ``quantity_noun``). Elsewhere ('el muerto fue
        identificado') the noun names a person: None."""
        tok = doc[i]
        if tok.pos_ != "NOUN":
            return None
        node = tok
        for _ in range(_MAX_NEST):  # the first conjunct of 'muertos y heridos'
            if dep(node) != "conj" or node.head.i == node.i:
                break
            node = node.head
        head = node.head
        if dep(node) == "nmod" and folded_lemma(head) in self.cues.quantity_noun:
            node, head = head, head.head  # 'decenas de heridos'
        toll = (dep(node) in ("obj", "nsubj:pass", "nsubj") and head.pos_ in ("VERB", "AUX")
                and folded_lemma(head) in self.cues.result_verb) or (
            dep(node) == "nmod" and head.pos_ == "NOUN" and folded_lemma(head) in self.cues.toll_noun)
        if not toll or self._act_named(doc, head if dep(node) != "nmod" else head.head, node):
            return None
        if folded_lemma(tok) in self.cues.arrest_word:
            entry = TriggerEntry((folded_lemma(tok),), "N", "COERCE", "arrest", "173", 0.5,
                                 rule=f"{self.lang}:arrest-toll/N", mention_only=True)
        else:
            entry = TriggerEntry((folded_lemma(tok),), "N", "ASSAULT", None, "18", 0.5,
                                 rule=f"{self.lang}:casualty-toll/N", mention_only=True)
        return Match(i, i + 1, i, entry)

    def _act_named(self, doc: Any, verb: Any, toll: Any) -> bool:
        """Whether the subject of the result verb ``verb`` (not the ``toll`` itself) is an
        event word ('el ataque dejó cinco muertos'), or the antecedent of its relative
        clause is ('los atentados que causaron 61 muertos'): that word names the act and
        the toll adds none."""
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        acts = [c for c in children_of(verb) if dep(c) in ("nsubj", "nsubj:pass") and c.i != toll.i]
        if dep(verb) in ("acl", "acl:relcl") and verb.head.i != verb.i:
            acts.append(verb.head)  # the antecedent of 'que causaron ...'
        for act in acts:
            found = self._lex_match_at(doc, act.i)
            if found is not None and not found.entry.mention_only:
                return True
        return False

    def _learn_staged_kind(self, lemma_hash: int, lemma: str) -> bool:
        """Whether a lemma ends in a suffix of collective protest acts (``staged_suffix``
        cues: '-azo'), remembered by its hash (most lemmas do not)."""
        folded = fold(lemma)
        found = any(folded.endswith(x) and len(folded) - len(x) >= 3 for x in self.cues.staged_suffix)
        if len(self._staged_kind) > _MAX_NO_TRIGGER:
            self._staged_kind.clear()
        self._staged_kind[lemma_hash] = found
        return found

    def _staged_protest(self, doc: Any, i: int) -> Match | None:
        """'los jubilados hicieron un ollazo', 'convocaron a un apagonazo contra las
        tarifas': a noun in '-azo' that no lexicon row names, staged by a verb of holding or
        calling an act (``stage_verb`` cues: 'realizar', 'convocar'), is a collective
        protest named by its instrument (DLE -azo: in America, a protest made with what the
        base names: cacerolazo, bocinazo); a blow given ('le dieron un machetazo') is not
        staged. A PROTEST demo when workers, protesters or a claim, a 'contra' phrase or a
        site hold it (as for :meth:`_collective_protest`); else None ('hizo un golazo':
        a feat, no protest)."""
        tok = doc[i]
        if tok.pos_ != "NOUN" or dep(tok) not in ("obj", "nsubj:pass", "obl") \
                or folded_lemma(tok.head) not in self.cues.stage_verb:
            return None
        if self._lex_match_at(doc, i) is not None:
            return None  # a row of its own ('cacerolazo') reads it
        entry = TriggerEntry((folded_lemma(tok),), "N", "PROTEST", "demo", "14", 0.6,
                             rule=f"{self.lang}:staged-suffix/N")
        m = Match(i, i + 1, i, entry)
        against = any(dep(c) == "nmod" and _case_word(c) in self.cues.against_case
                      for c in children_of(tok))
        return m if against or self._collective_protest(tok, m, staged=True) else None

    def _injury_hashes(self, doc: Any) -> frozenset[int]:
        """The lemma hashes of the ``injury_word`` and ``arrest_word`` cues (the words of a
        toll) in the document's string store."""
        if self._injury_ids is None:
            strings = doc.vocab.strings
            self._injury_ids = frozenset(
                strings.add(w) for w in self.cues.injury_word | self.cues.arrest_word)
        return self._injury_ids

    def _attend_hashes(self, doc: Any) -> frozenset[int]:
        """The lemma hashes of the ``attend_verb`` cues in the document's string store."""
        if self._attend_ids is None:
            strings = doc.vocab.strings
            self._attend_ids = frozenset(strings.add(w) for w in self.cues.attend_verb)
        return self._attend_ids

    def _refused_attendance(self, doc: Any, i: int) -> Match | None:
        """'la central no asistirá a la reunión', 'no acudieron a la cena que ofreció el
        gobierno': a negated verb of attending (``attend_verb`` cues) whose complement is a
        meeting (a CONSULT trigger noun) or a meal one is invited to (``meal_occasion``) is a refusal to
        meet, CAMEO 125 -> REJECT 'meet' (PLOVER manual: all rejections and refusals; its
        'meet' mode: meetings and negotiations). The 'no' makes the refusal, so the event is
        not negated (set where the event is built)."""
        tok = doc[i]
        if tok.pos_ not in ("VERB", "AUX"):
            return None
        cues = self.cues
        if not any(dep(c) == "advmod" and cues.aux.get(fold(c.text)) == "negation" and c.i < tok.i
                   for c in children_of(tok)):
            return None
        for c in children_of(tok):
            if dep(c) not in ("obl", "obj", "obl:arg") or _case_word(c) not in ("a", "al", "en"):
                continue
            found = self._lex_match_at(doc, c.i)
            if fold(c.lemma_) in cues.meal_occasion or (
                    found is not None and found.entry.event == "CONSULT" and c.pos_ == "NOUN"):
                entry = TriggerEntry((fold(tok.lemma_),), "V", "REJECT", "meet", "125", 0.7,
                                     rule=f"{self.lang}:refused-attendance/V")
                return Match(i, i + 1, i, entry)
        return None

    def _travel(self, tok: Any, m: Match) -> bool:
        """'hombres que se movilizaban en una motocicleta': a movement verb with a vehicle
        is a journey, not a demonstration or a deployment."""
        if tok.pos_ not in ("VERB", "AUX") or m.entry.event not in ("PROTEST", "MOBILIZE"):
            return False
        for c in children_of(tok):
            if dep(c) == "prep" and folded_form(c) in self.cues.vehicle_case:
                c = next((g for g in children_of(c) if dep(g) == "pobj"), c)
            elif dep(c) not in ("obl", "nmod") or _case_word(c) not in self.cues.vehicle_case:
                continue
            if folded_lemma(c) in self.cues.vehicle:
                return True
        return False

    def _exchange_without_captives(self, tok: Any) -> bool:
        """'canjearon prisioneros', 'a prisoner swap' are releases (RETREAT 'release', CAMEO
        0841); an exchange of anything else ('intercambio de opiniones') is no event."""
        if folded_lemma(tok) not in self.cues.exchange:
            return False
        near = [*children_of(tok), *(g for c in children_of(tok) for g in children_of(c))]
        if dep(tok) == "compound":
            near.append(tok.head)
        return not any(folded_lemma(t) in self.cues.captive for t in near)

    def _return_without_troops(self, tok: Any, m: Match) -> bool:
        """'las tropas regresaron a Irak', 'the return of US troops': armed forces returning
        make a military move (PLOVER MOBILIZE); anyone else's return is no event, nor 'volver
        a' + infinitive ('again'), nor a transitive use ('returned fire', 'returned the bodies')."""
        if m.entry.event != "MOBILIZE" or folded_lemma(tok) not in self.cues.return_verb:
            return False
        if tok.pos_ in ("VERB", "AUX"):
            if any(dep(c) in ("obj", "xcomp", "ccomp") for c in children_of(tok)):
                return True
            movers = [c for c in children_of(tok) if dep(c) in ("nsubj", "nsubj:pass")]
        else:  # the noun: 'el regreso de las tropas', 'the troops' return', 'troop return'
            movers = [c for c in children_of(tok)
                      if dep(c) in ("nmod", "compound", "nmod:poss", "prep")]
            movers += [g for c in movers if dep(c) == "prep" for g in children_of(c)
                       if dep(g) == "pobj"]
        # the mover's head noun, or the noun it counts ('miles de tropas', 'thousands of troops')
        heads = [*movers, *(g for c in movers for g in children_of(c)
                            if dep(g) in ("nmod", "prep", "pobj") or _case_word(g) in ("de", "of"))]
        heads += [g for c in heads if dep(c) == "prep" for g in children_of(c) if dep(g) == "pobj"]
        if any(self._released(t) for t in heads):
            return True
        return not any(folded_lemma(t) in self.cues.troops for t in heads)

    def _released(self, noun: Any) -> bool:
        """'the released soldiers', 'los soldados liberados', 'soldiers freed in the swap':
        soldiers set free are captives going home, not a military move."""
        for c in children_of(noun):
            if dep(c) not in ("amod", "acl", "acl:relcl"):
                continue
            if folded_lemma(c) in self.cues.captive:
                return True
            found = self.lex.match(c.doc, c.i)
            if found is not None and found.entry.event == "RETREAT" and found.entry.mode == "release":
                return True
        return False

    def _natural_death(self, tok: Any, m: Match) -> bool:
        """'murió atropellada', 'falleció de un infarto', 'died in a car crash', 'a heart
        attack': a death by accident, illness or natural cause is no ASSAULT (PLOVER: an
        actor's use of force). The cause is a complement or predicative of the death word
        (``natural_cause``); 'ataque'/'attack' is medical with a ``medical_mod`` modifier.
        A death in an attack ('murió en un ataque') keeps its event."""
        if m.entry.event != "ASSAULT" or folded_lemma(tok) not in self.cues.death_word:
            return False
        if self._medical_attack(tok):
            return True
        # ('resultó muerto en un accidente': the cause hangs on the participle of the trigger)
        words = [tok, *(tok.doc[j] for j in range(m.start, m.end) if j != tok.i and tok.doc[j].head.i == tok.i)]
        for c in (c for w in words for c in children_of(w)):
            # a predicative participle may be parsed as an object ("murió atropellada")
            if dep(c) not in ("obl", "nmod", "obj", "xcomp", "advcl", "acl", "amod", "prep", "advmod"):
                continue
            heads = [c, *(g for g in children_of(c) if dep(g) == "pobj")]
            for h in heads:
                if folded_lemma(h) in self.cues.natural_cause or folded_form(h) in self.cues.natural_cause:
                    return not self._forceful_agent(h)
                if self._medical_attack(h):
                    return True
        return False

    def _anonymity_request(self, tok: Any) -> bool:
        """'un funcionario, que pidió el anonimato', 'pidió no ser identificado', 'asked not
        to be named', 'requested anonymity': a source asking not to be named sets the terms of
        the report (the attribution guidelines: sources are the reporting layer), no
        political request: an object noun of anonymity, or a negated complement whose verb
        is one of naming (``anonymity``, ``identify_verb`` cues)."""
        cues = self.cues
        if not cues.anonymity:
            return False
        for c in children_of(tok):
            d = dep(c)
            if d == "obj" and folded_lemma(c) in cues.anonymity:
                return True
            if d in ("xcomp", "ccomp", "obj") and folded_lemma(c) in cues.identify_verb and any(
                    cues.aux.get(folded_form(g)) == "negation" for g in children_of(c)):
                return True
        return False

    def _hit_without_force(self, tok: Any, m: Match) -> bool:
        """'The court struck down the law', 'struck off the list' (a particle: another verb),
        'striking workers' (a modifier), 'an earthquake struck the coast', 'was struck by a
        truck' (a natural hazard or, as a
        passive agent, a vehicle: no actor's force; PLOVER: ASSAULT is an actor's use of
        force): a verb of hitting (``hit_verb``) is no ASSAULT with such a doer. Struck by
        workers of a trade, it is their strike (retyped where the matches are read)."""
        cues = self.cues
        if m.entry.event != "ASSAULT" or tok.pos_ != "VERB" or folded_lemma(tok) not in cues.hit_verb:
            return False
        kids = children_of(tok)
        if any(dep(c) in ("prt", "compound:prt") for c in kids):
            return True
        if dep(tok) == "amod" and tok.i < tok.head.i:
            return True  # 'striking workers': strikers, a state of the noun
        if _bare_noun_form(tok):
            return True  # 'in support of the cleaning workers strike': the noun, misread
        if dep(tok) in ("csubj", "conj", "ROOT", "dep") and "Part" in morph_get(tok, "VerbForm") \
                and not any(dep(c) in ("nsubj", "nsubj:pass", "aux", "aux:pass") for c in kids) \
                and any(dep(c) == "obj" and folded_lemma(c) in cues.worker for c in kids):
            return True  # the same modifier the parser read as a subjectless verb of workers

        for c in kids:
            if dep(c) == "nsubj" and folded_lemma(c) in cues.natural_cause:
                return True
            if dep(c) in ("agent", "obl:agent", "obl", "prep"):
                for g in (c, *children_of(c)):
                    lemma = folded_lemma(g)
                    if g.pos_ == "NOUN" and (lemma in cues.natural_cause or lemma in cues.vehicle):
                        return True
        return False

    def _forceful_agent(self, tok: Any) -> bool:
        """'murió atropellado por un policía', 'run over by soldiers': the accident word has a
        'por'/'by' agent that is a force (police, army) or a named person, so an actor used
        force and the death stays an ASSAULT; 'atropellada por un camión' stays an accident."""
        force = self.cues.police_force | self.cues.armed_force
        for c in children_of(tok):
            for h in (c, *(g for g in children_of(c) if dep(g) == "pobj")):
                if not any(folded_form(w) in ("por", "by") for w in (c, *children_of(c))
                           if dep(w) in ("case", "prep", "agent") or w is c):
                    continue
                if h.pos_ == "PROPN" or folded_lemma(h) in force or folded_form(h) in force:
                    return True
        return False

    def _denied_involvement(self, tok: Any, m: Match) -> bool:
        """'negaron su responsabilidad en el ataque', 'denied any involvement', 'rejected the
        accusations': a denial of involvement or of accusations is no PLOVER event (attribution
        guidelines, event modes), so no REJECT; the act it concerns is coded on its own."""
        if m.entry.event != "REJECT" or folded_lemma(tok) not in self.cues.deny_verb:
            return False
        return any(
            dep(c) == "obj" and folded_lemma(c) in self.cues.denied_claim for c in children_of(tok)
        ) or self._denied_fact(tok) or self._denied_antecedent(tok)

    def _denied_antecedent(self, tok: Any) -> bool:
        """'a charge Phnom Penh rejected', 'las acusaciones, que el Gobierno rechazó': a
        relative clause whose antecedent is an accusation or a claim denies it, as the object
        would (the relative pronoun, or the gap, stands for the antecedent)."""
        if dep(tok) not in ("acl", "acl:relcl") or tok.head.i == tok.i \
                or folded_lemma(tok.head) not in self.cues.denied_claim:
            return False
        return not any(dep(c) == "obj" and c.pos_ in ("NOUN", "PROPN") for c in children_of(tok))

    def _denied_fact(self, tok: Any) -> bool:
        """'negó que el ejército hubiera atacado', 'negó haber atacado', 'denied that the army
        attacked', 'denied attacking': a denial of a fact by a clause says the act did not
        happen (the act gets the negation aux mode), it refuses nothing, so no REJECT. The
        pronominal refusal 'se negó a negociar' and a verb with no clause stay REJECT."""
        if folded_lemma(tok) not in self.cues.deny_fact_verb:
            return False
        if any("Yes" in morph_get(c, "Reflex") for c in children_of(tok)):
            return False
        return any(
            dep(c) == "ccomp" or (dep(c) == "xcomp" and not any(
                dep(g) == "mark" and folded_form(g) in ("a", "to") for g in children_of(c)))
            for c in children_of(tok)
        )

    def _medical_attack(self, tok: Any) -> bool:
        """'ataque cardíaco', 'ataque al corazón', 'heart attack': an illness, no attack."""
        if folded_lemma(tok) not in self.cues.death_word:
            return False
        return any(
            folded_lemma(c) in self.cues.medical_mod
            for c in children_of(tok) if dep(c) in ("amod", "compound", "nmod")
        )

    def _gathering_without_cause(self, tok: Any, m: Match) -> bool:
        """'gathered outside the ministry to demand wages', 'protesters gathered' are
        demonstrations (CAMEO 141); 'leaders gathered for a summit' is none: a gathering
        needs protesters or workers as subject or a contentious cause in its clause."""
        if m.entry.event != "PROTEST" or (
                folded_lemma(tok) not in self.cues.gathering
                and m.entry.pattern[0] not in self.cues.gathering):
            return False  # the row's word: 'concentrarse' has the lemma 'concentrar él'
        # workers of a trade or their union gathering ('los trabajadores se concentraron
        # frente a la fábrica'): a collective of workers assembles to press a claim, as a
        # picket or rally does (CAMEO 141, PLOVER PROTEST demo); only the gathering rows
        # ('concentrarse', 'congregarse'), never a meeting ('reunirse': CONSULT)
        return not (self._stated_cause(tok) or self._labour_subject(tok) and self._placed(tok))

    def _placed(self, tok: Any) -> bool:
        """Whether ``tok`` has a complement of place: a proper name or a noun of a place
        (an institution, a road, premises or a territory: the ``institution``, ``road`` and
        ``object_class`` cue words, or an ``open_place`` noun such as 'plaza'), or a site
        locution ('frente a'). 'se concentraron en la plaza' is placed, 'se concentraron en
        sus estudios' (focusing on something) is not."""
        cues = self.cues
        places = self._place_words
        if places is None:
            places = self._place_words = frozenset(
                cues.institution | cues.road | cues.open_place
                | cues.object_class.get("premises", set()) | cues.object_class.get("territory", set()))
        for c in children_of(tok):
            if dep(c) not in ("obl", "nmod", "advmod"):
                continue
            if folded_form(c) in cues.site:
                return True
            if c.pos_ == "PROPN" or (c.pos_ == "NOUN" and folded_lemma(c) in places):
                return True
        return False

    def _stated_cause(self, tok: Any) -> bool:
        """Whether a gathering verb has protesters as subject or a contentious cause in its
        clause (a demand, a protest, 'contra', 'against')."""
        subjects = [c for c in children_of(tok) if dep(c) in ("nsubj", "nsubj:pass")]
        if any(folded_lemma(t) in self.cues.protester for s in subjects for t in s.subtree):
            return True
        if self._before_institution(tok):
            return True
        skip = {t.i for s in subjects for t in s.subtree} | {tok.i}
        doc = tok.doc
        for t in tok.subtree:
            if t.i in skip:
                continue
            if folded_form(t) in _CAUSE_WORDS or folded_form(t) in self.cues.against_case:
                return True
            hit = self.lex.match(doc, t.i)
            if hit is not None and hit.entry.event in _CAUSE_TYPES and not self._sought_cooperation(doc, t, hit):
                return True
        return False

    def _sought_cooperation(self, doc: Any, tok: Any, hit: Match) -> bool:
        """A request whose object is a joint act of cooperation ('se reunieron para buscar un
        acuerdo', 'para pedir un diálogo'): asking for an agreement or talks is cooperative
        (PLOVER manual, REQUEST of cooperation), no contentious cause of a gathering."""
        if hit.entry.event != "REQUEST":
            return False
        for c in children_of(tok):
            if dep(c) == "obj":
                obj = self.lex.match(doc, c.i)
                return obj is not None and obj.entry.event in _COOPERATIVE_TYPES
        return False

    def _before_institution(self, tok: Any) -> bool:
        """'se reunieron frente al Ministerio', 'se concentraron delante de la embajada': a
        gathering placed in front of an institution (``site`` cue words; a proper name or an
        ``institution`` noun) addresses it, as a rally does (PLOVER manual, PROTEST: 'rally,
        gather to protest'); 'frente al hotel' does not."""
        for c in children_of(tok):
            if dep(c) not in ("obl", "nmod", "advmod"):
                continue
            if folded_form(c) in self.cues.site:  # 'frente a X' read as an adverb with X below
                place = next((g for g in children_of(c) if g.pos_ in ("NOUN", "PROPN")), None)
            elif any(dep(g) in ("case", "fixed") and folded_form(g) in self.cues.site for g in children_of(c)):
                place = c
            else:
                continue
            if place is not None and (
                place.pos_ == "PROPN" or folded_lemma(place) in self.cues.institution
            ):
                return True
        return False

    def _rally(self, tok: Any) -> bool:
        """'jubilados se reunieron frente al ministerio para reclamar': a meeting verb with
        no one to meet ('con', 'with') and a contentious cause is a rally (PLOVER manual,
        PROTEST: 'rally, gather to protest a policy'), not a consultation."""
        if folded_lemma(tok) not in self.cues.gathering or tok.pos_ not in ("VERB", "AUX"):
            return False
        if any(_case_word(c) in self.cues.partner_case or (
            dep(c) == "prep" and folded_form(c) in self.cues.partner_case
        ) for c in children_of(tok)):
            return False
        return self._stated_cause(tok)

    def _custodial_sentence(self, tok: Any) -> bool:
        """'condenó a tres años de prisión', 'sentenced to life in prison': a court sentence
        to prison is COERCE 'arrest' (PLOVER manual, SANCTION 'convict')."""
        if folded_lemma(tok) not in self.cues.sentence_verb:
            return False
        near = [*children_of(tok), *(g for c in children_of(tok) for g in children_of(c))]
        near += [h for t in near for h in children_of(t)]
        return any(folded_lemma(t) in self.cues.prison for t in near)

    def _prevention_without_protest(self, tok: Any, m: Match) -> bool:
        """'la policía impidió la marcha', 'police prevented the demonstration' are COERCE
        'restrict' (PLOVER gold: preventing a demonstration); 'impidió el paso' is none: a
        prevention verb is an event only with a protest as its object."""
        if m.entry.event != "COERCE" or folded_lemma(tok) not in self.cues.prevent:
            return False
        doc = tok.doc
        for c in children_of(tok):
            if dep(c) == "obj":
                hit = self.lex.match(doc, c.i)
                if hit is not None and hit.entry.event == "PROTEST":
                    return False
        return True

    def _warning_of_danger(self, tok: Any) -> bool:
        """'La ONU advirtió de una crisis humanitaria', 'warned of a looming famine': a verb
        of warning with only the danger it warns of (a 'de'/'sobre', 'of'/'about' complement),
        no clause of what will be done and no one warned, is a pessimistic comment (CAMEO 012,
        a public statement PLOVER codes as no event), not a threat (CAMEO 13: 'advirtió que
        expulsará', 'warned the rebels')."""
        if tok.pos_ != "VERB" or folded_lemma(tok) not in self.cues.warning_verb:
            return False
        danger = False
        for c in children_of(tok):
            d = dep(c)
            if d in ("obl", "prep", "nmod", "obj") and (
                    fold(c.text) in self.cues.danger_case
                    or any(dep(g) == "case" and fold(g.text) in self.cues.danger_case
                           for g in children_of(c))):
                danger = True  # (the Spanish parser may label 'sobre el riesgo' obj)
            elif d in ("ccomp", "xcomp", "iobj", "obj", "dative", "advcl"):
                return False  # what will be done, or whom it warns
        return danger

    def _vow_without_act(self, tok: Any) -> bool:
        """'juró aplastar la rebelión' is a vow (a threat with a hostile act); 'juró el
        cargo', 'juró como presidente' is an oath of office: a vow verb is an event only with
        the act it vows (a verb complement)."""
        if folded_lemma(tok) not in self.cues.vow_needs_act:
            return False
        # 'juró venganza': a punishment noun is the act it vows
        return not any(dep(c) in ("xcomp", "ccomp") or (dep(c) == "obj" and self._punish_word(c))
                       for c in children_of(tok))

    def _event_epithet(self, tok: Any) -> bool:
        """'its long-threatened invasion', 'la prometida huelga': a participle before an
        event noun it modifies qualifies that event (an epithet), it is no act of its own."""
        if "Part" not in morph_get(tok, "VerbForm") or dep(tok) not in ("amod", "compound"):
            return False
        head = tok.head
        if head.i <= tok.i or head.pos_ not in ("NOUN", "PROPN"):
            return False
        return self.lex.match(tok.doc, head.i) is not None

    def _noun_modifier(self, tok: Any, m: Match) -> bool:
        """'período de negociación', 'fuerzas de combate': a weak event noun that only
        classifies another noun is not an event. A plural noun of protest or violence
        counted by a noun of a group or sequence ('una ola de saqueos', 'una serie de
        atentados': ``kind_noun`` cues, sustantivos cuantificativos) is what the phrase
        names, so it stays; verbal nouns there keep their plain reading ('una serie de
        conversaciones telefónicas': recordings, no talks)."""
        return (
            tok.pos_ == "NOUN"
            and dep(tok) in ("nmod", "compound")
            and tok.head.pos_ == "NOUN"
            and m.entry.weight < 0.7
            and not (m.entry.event in _COUNTED_TYPES and "Plur" in morph_get(tok, "Number")
                     and folded_lemma(tok.head) in self.cues.kind_noun)
        )

    def resolve_nesting(
        self,
        doc: Any,
        matches: list[Match],
        aliases: dict[int, Match] | None = None,
        trace: list[tuple[str, int]] | None = None,
    ) -> tuple[list[Match], dict[int, str], dict[int, Match]]:
        """Drop triggers folded into a governing one; returns kept matches, forced aux modes
        and the embedded acts (trigger head -> governing frame match). ``trace`` collects
        (rule id, token index of the trigger it decided) for every nesting rule that acted.

        ``aliases`` maps further tokens to a match that governs through them (the demanded
        verb of a modal request). Each trigger, shallowest first, goes through the rules of
        :data:`_FOLD_RULES` (absorbed before its governor is looked at), then climbs past
        governors already dropped, then takes the first rule of :data:`_NEST_RULES` that
        holds for it and its governor."""
        st = _Nesting({**(aliases or {}), **{m.head: m for m in matches}}, trace=trace)
        govs = {m.head: self._governing_trigger(doc, m.head, st.by_head) for m in matches}
        for m in sorted(matches, key=lambda x: _depth(x, govs)):
            if any(st.noted(rid, m, rule(self, doc, m, st)) for rid, rule in _FOLD_RULES):
                continue
            gov, direct, clausal = govs[m.head]
            if m.entry.event == "PROTEST" and self._in_protest(doc[m.head]):
                gov = None  # 'propuso el cierre en protesta por ...': a protest of its own
            gov, direct, seen = _climb(m, gov, direct, st)
            if m.head in st.dropped or gov is None or gov.head in st.dropped:
                continue
            link = _Link(doc, m, gov, direct, clausal, seen, aliases)
            for rid, rule in _NEST_RULES:
                if st.noted(rid, m, rule(self, link, st)):
                    break
        return [m for m in matches if m.head not in st.dropped], st.forced, st.embedded

    # -- nesting rules: absorbed before the governor is looked at ------------------------
    def _fold_subject_event(self, doc: Any, m: Match, st: _Nesting) -> bool:
        """'a roadside bombing killed ...': an event noun subject of a verb of its own type
        is one event, the verb's."""
        tok = doc[m.head]
        host = st.by_head.get(tok.head.i)
        if dep(tok) in ("nsubj", "nsubj:pass") and host is not None and host.entry.event == m.entry.event:
            st.fold(m, host)
            return True
        return False

    def _fold_meeting_of_protest(self, doc: Any, m: Match, st: _Nesting) -> bool:
        """'la marcha reunió a diez mil personas': a meeting verb whose subject is a protest
        noun gives the size of the protest, no meeting; the verb folds into the protest,
        which goes on to the other rules (never stops here)."""
        tok = doc[m.head]
        host = st.by_head.get(tok.head.i)
        if (
            m.entry.event == "PROTEST"
            and dep(tok) == "nsubj"
            and tok.pos_ in ("NOUN", "PROPN")
            and host is not None
            and host.entry.event == "CONSULT"
        ):
            st.dropped.add(tok.head.i)  # the verb's token (it may be an alias of ``host``)
            st.absorbed[tok.head.i] = m
            st.noted("nest.meeting_of_protest", host, True)
        return False

    def _fold_toll(self, doc: Any, m: Match, st: _Nesting) -> bool:
        """'killed one soldier and wounded two others': the toll of one attack."""
        tok = doc[m.head]
        host = st.by_head.get(tok.head.i)
        if (
            m.entry.event == "ASSAULT"
            and dep(tok) == "conj"
            and folded_lemma(tok) in self.cues.casualty
            and host is not None
            and host.entry.event == "ASSAULT"
            and self._toll_verb(tok.head, st.by_head)
        ):
            st.fold(m, host)
            return True
        return False

    def _fold_aim(self, doc: Any, m: Match, st: _Nesting) -> bool:
        """'realizaron una marcha para exigir ...': the aim is part of the act."""
        host = self._purpose_host(doc, m, st.by_head)
        if host is None or host.head == m.head:
            return False
        while host is not None and host.head in st.dropped:
            host = st.absorbed.get(host.head)
        if host is None:
            return False
        st.fold(m, host, aim=True)
        return True

    # -- nesting rules: a trigger and its governing trigger -------------------------------
    def _nest_under_embedded(self, link: _Link, st: _Nesting) -> bool:
        """'an ultimatum to halt attacks': what the embedded act takes goes with it."""
        if link.gov.head not in st.embedded:
            return False
        st.fold(link.m, link.gov)
        return True

    def _nest_classified_gathering(self, link: _Link, st: _Nesting) -> bool:
        """'convocaron una reunión de protesta': the meeting is the protest."""
        if not self._classified_gathering(link.doc, link.m, link.gov):
            return False
        link.gov.entry = link.m.entry
        st.fold(link.m, link.gov)
        return True

    def _nest_same_type(self, link: _Link, st: _Nesting) -> bool:
        """Two triggers of one type, one governing the other: one event, the earlier word."""
        m, gov = link.m, link.gov
        if gov.entry.event != m.entry.event:
            return False
        loser, winner = (m, gov) if m.head > gov.head else (gov, m)
        st.fold(loser, winner)
        return True

    def _nest_clausal_act(self, link: _Link, st: _Nesting) -> bool:
        """'denunciaron que atacaron': an act that is the verb of a reported clause is an
        event of its own (nothing changes)."""
        return (link.clausal and link.m.entry.event in _MATERIAL_CONFLICT
                and self._clause_verb(link.doc, link.m)
                and not (link.gov.entry.event == "THREATEN"
                         and self._purpose_clause(link.doc[link.m.head])))

    def _purpose_clause(self, tok: Any) -> bool:
        """'amenazaron con recurrir a la justicia para protestar': an infinitive purpose
        clause states what its act is for, reported by no one. Under a threat the aim goes
        with the threatened act into the frame: neither has happened (PLOVER manual,
        THREATEN). A demand's purpose clause may be the demanders' own protest ('pidieron
        ser trasladados para protestar'), so only threats take it."""
        if dep(tok) not in self.cues.purpose_dep or "Inf" not in morph_get(tok, "VerbForm"):
            return False
        marks = [folded_form(c) for c in children_of(tok) if dep(c) in ("mark", "case")]
        return any(w in self.cues.purpose for w in marks) and not any(
            dep(c) in ("nsubj", "nsubj:pass") for c in children_of(tok)
        )

    def _nest_ended_protest(self, link: _Link, st: _Nesting) -> bool:
        """'conversaciones para resolver la huelga docente', 'un pacto para terminar con los
        bloqueos': ending or solving something presupposes that it is going on, so the protest
        is an event of its own, not an aim or a content of the talks (nothing changes).
        Talks and deals only: a demand to end a blockade ('pide que acabe con el bloqueo')
        stays the demand, its content folded into it."""
        m, doc = link.m, link.doc
        if (m.entry.event != "PROTEST" or link.gov.entry.event not in _COOP_FRAMES
                or doc[m.head].pos_ not in ("NOUN", "PROPN")):
            return False
        node, steps = doc[m.head], 0
        while node.i != link.gov.head and node.head.i != node.i and steps < _MAX_NEST + 2:
            node, steps = node.head, steps + 1
            # the word itself, or the noun of its support verb ('poner fin a', 'dar solución a')
            words = [node, *(c for c in children_of(node) if dep(c) in ("compound", "obj"))]
            if any(folded_lemma(w) in self.cues.end_word for w in words):
                # presupposed as going on: an event of the sentence, never pruned as a
                # background detail (prune_secondary)
                doc_cache(doc, _ENDED)[m.head] = True
                return True
        return False

    def _nest_protest_topic(self, link: _Link, st: _Nesting) -> bool:
        """'marcharon contra la reforma': what a protest is about is part of the protest."""
        m, gov = link.m, link.gov
        if gov.entry.event == "PROTEST" and (
            m.entry.event in PROTEST_TOPICS or self._protest_topic(link.doc[m.head], gov)
        ):
            st.fold(m, gov)
            return True
        return False

    def _nest_vowed_clause(self, link: _Link, st: _Nesting) -> bool:
        """'prometieron que atacarán la capital', 'vowed that they will attack': a vow of a
        hostile act in a finite clause is a threat too (PLOVER manual, THREATEN); the vowed
        act is embedded in it and hypothetical."""
        m, gov, doc = link.m, link.gov, link.doc
        tok = doc[m.head]
        if self._occurring_subject(tok):
            tok = tok.head  # 'vowed that the protests would continue'
        if not (
            fold(doc[gov.head].lemma_) in self.cues.vow
            and m.entry.event in CONFLICT_ACTS
            and dep(tok) == "ccomp"
            and tok.head.i == gov.head
        ):
            return False
        _threat_of(m, gov, st)
        return True

    def _nest_intention(self, link: _Link, st: _Nesting) -> bool:
        """'prepared to resume shelling', 'plans to impose restrictions': a stated intention
        to act against someone is a threat (PLOVER manual); the intended act is an event of
        its own, embedded in the threat and hypothetical."""
        m, gov, doc = link.m, link.gov, link.doc
        if not (
            not link.seen
            and _complement_path(doc, m.head, gov.head)
            and fold(doc[gov.head].lemma_) in self.cues.intent
            and m.entry.event in CONFLICT_ACTS
        ):
            return False
        _threat_of(m, gov, st)
        return True

    def _nest_prevented_protest(self, link: _Link, st: _Nesting) -> bool:
        """'la policía impidió la marcha': the prevention is the event (COERCE); the
        prevented protest is embedded in it and did not take place (negation)."""
        m, gov, doc = link.m, link.gov, link.doc
        if not (
            link.direct
            and gov.entry.event == "COERCE"
            and fold(doc[gov.head].lemma_) in self.cues.prevent
        ):
            return False
        st.embedded[m.head] = gov
        st.forced.setdefault(m.head, "negation")
        return True

    def _nest_agreed_conflict(self, link: _Link, st: _Nesting) -> bool:
        """'acordaron una huelga': the strike is the news, announced for later; the
        agreement folds into it."""
        m, gov = link.m, link.gov
        if not (gov.entry.event in _COOP_FRAMES and m.entry.event in _MATERIAL_CONFLICT
                and link.direct):
            return False
        st.fold(gov, m)
        st.forced.setdefault(m.head, "future")
        return True

    def _nest_frame_object(self, link: _Link, st: _Nesting) -> bool:
        """'must stop the attacks': the object of a demanded verb goes with the demand;
        'rechazó la agresión': a rejected noun is an objection to what
        happened, not a refused act ('rechazó negociar' is one)."""
        m, gov = link.m, link.gov
        if gov.entry.event in _FRAME_TYPES and (
            _through(link.doc, m.head, gov.head, link.aliases)
            or gov.entry.event == "REJECT"
            and link.doc[m.head].pos_ in ("NOUN", "PROPN")
        ):
            st.fold(m, gov)
            return True
        return False

    def _nest_frame_embed(self, link: _Link, st: _Nesting) -> bool:
        """'amenazaron con una huelga': the threat is the frame event; the strike is an
        event of its own, embedded in it (kept by ``run`` only when the frame gives it a
        non-current mode, else folded as before). A finite clause ('advirtieron que es
        acusado') keeps only the mode its own words give; otherwise the frame's own mode
        for its act is forced."""
        m, gov = link.m, link.gov
        if gov.entry.event not in _FRAME_TYPES:
            return False
        st.embedded[m.head] = gov
        if not link.clausal and gov.entry.event in _EMBED_MODE \
                and not judged_event(link.doc[m.head], self.cues):
            # (an act a word of judging takes is a fact: 'exigió el esclarecimiento de la
            # masacre' demands the inquiry, not the massacre)
            st.forced.setdefault(m.head, _EMBED_MODE[gov.entry.event])
        return True

    def _governing_trigger(
        self, doc: Any, i: int, by_head: dict[int, Match]
    ) -> tuple[Match | None, bool, bool]:
        """The nearest trigger whose complement holds token ``i``; whether ``i`` is its
        direct object; whether the path crosses a finite or adverbial clause."""
        node = doc[i]
        clausal = False
        direct = dep(doc[i]) == "obj"
        steps = 0
        while steps < _MAX_NEST:
            if node.i == i and self._occurring_subject(node):
                # 'vowed that the protests would continue': the subject of a verb of
                # occurrence is the event the clause tells of; it sits where its verb does
                node, clausal, direct = node.head, False, False
                continue
            if dep(node) not in _NEST or node.head.i == node.i or self.is_adjunct(node):
                return None, False, False
            # an English preposition node ('calls for aid') is half of one Spanish 'nmod' hop
            steps += dep(node) != "prep"
            label = dep(node)
            clausal = clausal or label in ("ccomp", "advcl")
            direct = direct and label in ("obj", "xcomp")
            node = node.head
            if self._is_speech(node):
                return None, False, False
            if node.i in by_head:
                return by_head[node.i], direct, clausal
            # only support verbs keep the object direct: 'acordaron iniciar un paro'
            direct = direct and self.lex.is_light(doc, node.i)
        return None, False, False

    def _occurring_subject(self, tok: Any) -> bool:
        """An event noun that is the subject of a verb of occurrence or continuation
        (``occur_verb``: 'las protestas continuarán', 'the protests would continue')."""
        return (dep(tok) == "nsubj" and tok.pos_ in ("NOUN", "PROPN") and tok.head.i != tok.i
                and folded_lemma(tok.head) in self.cues.occur_verb)

    def _in_protest(self, tok: Any) -> bool:
        """'en protesta por', 'como protesta', 'in protest at': a manner phrase that names
        the protest of the clause's subject, not the content of the verb it hangs from. The
        noun is bare, as in every manner locution; with a determiner the phrase is a place or
        an occasion ('se congregaron en una manifestación': the gathering is the protest)."""
        if any(dep(c) == "det" for c in children_of(tok)):
            return False
        if dep(tok) == "pobj" and dep(tok.head) == "prep":
            return folded_form(tok.head) in self.cues.manner
        return tok.pos_ in ("NOUN", "PROPN") and _case_word(tok) in self.cues.manner

    def _event_type_at(self, doc: Any) -> Any:
        """Token -> the event type of the trigger it starts, else None (a word that names an
        event only in context, a ``mention`` row, is none)."""

        def event_type(t: Any) -> str | None:
            found = self._lex_match_at(doc, t.i)
            if found is None or found.entry.mention_only:
                return None
            return found.entry.event or "?"

        return event_type

    @staticmethod
    def _clause_verb(doc: Any, m: Match) -> bool:
        """Whether ``m`` is the predicate of its clause ('que atacaron'), not a noun inside
        it ('warned that police will not tolerate rallies')."""
        return doc[m.head].pos_ in ("VERB", "AUX") or dep(doc[m.head]) in ("ccomp", "advcl")

    @staticmethod
    def _toll_verb(verb: Any, by_head: dict[int, Match]) -> bool:
        """Whether a killing verb reports the toll of an attack named elsewhere: its subject
        is the attack ('a roadside bombing killed ...') or it is a consequence clause
        ('launched rocket fire, killing ...'). With a perpetrator as subject each act is
        coded ('ejecutaron a uno e hirieron a otro': two events)."""
        subj = first_child(verb, ("nsubj", "nsubj:pass"))
        if subj is not None:
            return subj.i in by_head
        return dep(verb) == "advcl" and ("Ger" in morph_get(verb, "VerbForm") or verb.tag_ == "VBG")

    def _purpose_host(self, doc: Any, m: Match, by_head: dict[int, Match]) -> Match | None:
        """The event whose aim or condition the clause of ``m`` states ('marcharon para
        exigir', 'a strike to demand', 'will boycott unless the president agrees to step
        down'): the trigger the clause hangs from, or the event noun of the support verb it
        hangs from ('realizaron una huelga para protestar')."""
        tok = doc[m.head]
        if dep(tok) not in ("advcl", "acl", "xcomp") or tok.pos_ not in ("VERB", "AUX"):
            return None
        marks = [folded_form(c) for c in children_of(tok) if dep(c) in ("mark", "case", "aux")]
        marks += [folded_form(f) for c in children_of(tok) for f in children_of(c) if dep(f) == "fixed"]
        condition = any(w in self.cues.condition or w in self.cues.clause_if for w in marks)
        purpose = any(w in self.cues.purpose for w in marks) and not any(
            dep(c) in ("nsubj", "nsubj:pass") for c in children_of(tok)
        )
        if not (condition or purpose):
            return None
        if dep(tok) not in self.cues.purpose_dep:
            return None  # English 'agreed to provide' is a complement, not an aim
        head = tok.head
        if head.i in by_head:
            return by_head[head.i]
        if self.lex.is_light(doc, head.i):
            return next(
                (
                    by_head[c.i]
                    for c in children_of(head)
                    if c.i in by_head and dep(c) in ("obj", "obl", "nsubj", "nsubj:pass")
                ),
                None,
            )
        return None

    @staticmethod
    def _classified_gathering(doc: Any, m: Match, gov: Match) -> bool:
        """'una reunión de protesta', 'a protest meeting': a protest noun that classifies
        a gathering noun makes the gathering a protest."""
        tok = doc[m.head]
        return (
            m.entry.event == "PROTEST"
            and gov.entry.event == "CONSULT"
            and tok.pos_ in ("NOUN", "PROPN")
            and doc[gov.head].pos_ in ("NOUN", "PROPN")
            and tok.head.i == gov.head
            and dep(tok) in ("nmod", "compound", "amod")
        )

    @staticmethod
    def _protest_topic(tok: Any, protest: Match) -> bool:
        """An event noun that a protest is about ('protestaron contra la guerra', 'en
        protesta por la detención'): its object or oblique, the protest's topic."""
        return (
            tok.pos_ in ("NOUN", "PROPN")
            and tok.head.i == protest.head
            or dep(tok) == "pobj"
            and dep(tok.head) == "prep"
            and tok.head.head.i == protest.head
        ) and tok.pos_ in ("NOUN", "PROPN")

    def is_adjunct(self, node: Any) -> bool:
        """Whether ``node`` heads a setting rather than a complement of its head: a time,
        cause or concession phrase ('durante la huelga', 'tras el ataque', 'pese a las
        protestas', 'after the attack') or a relative clause describing a participant
        ('la comunidad, que tiene la intención de boicotear'). What such a phrase holds is
        not the content of the event it hangs from."""
        if dep(node) in ("acl", "acl:relcl") and any(
            "Rel" in morph_get(c, "PronType") for c in children_of(node)
        ):
            return True
        words = [folded_form(node)] if dep(node) == "prep" else []
        for c in children_of(node):
            if dep(c) in ("case", "mark", "advmod") and c.i < node.i:
                words.append(folded_form(c))
                words.extend(folded_form(f) for f in children_of(c) if dep(f) == "fixed")
        if node.head.pos_ == "ADV" and dep(node) in ("obl", "nmod", "advcl"):
            words.append(folded_lemma(node.head))  # 'después de la marcha'
        return any(w in self.cues.background for w in words) or any(
            " ".join(words[k : k + 2]) in self.cues.background for k in range(len(words) - 1)
        )

    # -- events -----------------------------------------------------------
    def run(self, adoc: ArticleDoc) -> None:
        doc = adoc.doc
        if doc is None:
            return
        removed: list[tuple[str, int]] = []
        self._learned_args = {}
        self._choices = (doc, {})
        self._built = {}
        keep = REUSE_BUILDS and recipient_mod.RECORD is None  # (training records each ask)
        found_raw = self.find_triggers(doc, removed, _org_actor_tokens(adoc))
        triggers = [m for m in found_raw if not m.entry.mention_only]
        requests = modal_requests(doc, self.cues, self._is_speech, self._speech_candidates(doc))
        demanded = {verb: m for m, verb in requests}  # the demanded act is part of the request
        triggers = sorted(
            [m for m in triggers if m.head not in demanded] + [m for m, _ in requests],
            key=lambda m: m.start,
        )
        matches, forced, embedded = self.resolve_nesting(doc, triggers, demanded)
        index = ActorIndex(adoc, frozenset(self.cues.genitive_case))
        year = _year(adoc.article.date)
        sent_ctx: dict[int, list[str]] = {}
        events: list[Event] = []
        for m in matches:
            gov = embedded.get(m.head)
            e = self._event(adoc, m, index, year, forced.get(m.head), sent_ctx)
            if keep and self._last_build[1]:
                # the secondary words read most of these triggers again (:meth:`_secondary`)
                key = (m.start, m.end, m.head, id(m.entry), forced.get(m.head))
                kept = _copy_event(e)
                # what the build noted, on the copy's own arguments (as a build again would)
                wrote = tuple((k, (kept.recipient if k[0] == "recipient" else kept.actor,
                                   _copy_arg(v[1]))) for k, v in self._last_build[0])
                self._built[key] = (kept, m.entry, wrote)
            act = self._stated_act(doc, m, e, year)
            if act is not None and gov is None:
                events.append(act)
            if gov is not None:
                if e.aux_mode is None:
                    continue  # the frame says nothing of whether it happens: folded into it
                e.embedded_head = gov.head
                if (
                    e.aux_mode == "future"
                    and gov.entry.event == "THREATEN"
                    and (
                        fold(doc[gov.head].lemma_) not in self.cues.intent
                        or fold(doc[gov.head].lemma_) in self.cues.vow
                    )
                    and self.cues.aux.get(fold(doc[gov.head].lemma_)) != "future"
                ):
                    # 'advirtió que impondrá sanciones': a threatened act may never come
                    # (PLOVER manual, THREATEN); a promised or planned one ('prometieron que
                    # atacarán', 'pretende convocar una huelga') is announced: future
                    e.aux_mode = "hypothetical"
                    e.aux_evidence = aux_evidence(doc[gov.head], "governing event")
            events.append(e)
        events = [e for e in events if not self._lawful_takeover(e)]
        for e in events:
            _drop_args_inside_trigger(e)
            self._armed_mobilisation(doc, e)
            self._people_mobilisation(doc, e)
            self._peacekeeping(doc, e)
        refine(adoc, events, index, self.cues)
        verbs = {m.head for m in matches if doc[m.head].pos_ in ("VERB", "AUX")}
        apart = frozenset(e.head for e in events if e.head is not None and in_source_clause(doc[e.head]))
        events = merge_same_sentence(events, verbs, frozenset(self.cues.coup), apart,
                                     _protests_in_object(doc, events))
        events = merge_headline(adoc, events)
        if self.learned is not None:
            events = self.learned.apply(adoc, events, self._model_event(adoc, index, year, sent_ctx))
        if self.secondary_threshold > 0:
            # a protest that talks or a deal would end is presupposed to be going on: the
            # sentence asserts it however deep its phrase ('dialogaron para resolver la
            # huelga'), beside the talks, which stay events too
            ended = frozenset(doc_cache(doc, _ENDED)) | _protests_met_by_force(doc, events)
            events = prune_secondary(events, self.secondary_threshold, ended)
        events.sort(key=lambda e: e.trigger.start)
        events = link_embedded(doc, events)
        for n, e in enumerate(events):
            e.id = f"e{n}"
        for e in events:
            if e.embedded_head is not None:
                e.embedded_in = next(
                    (g.id for g in events if g is not e and _holds(doc, g, e.embedded_head)), None
                )
        adoc.events = events
        # a weak event noun that classifies another noun ('las puertas al diálogo') is no
        # event of the article, but it still names one
        classifiers = [c for rule, i in removed if rule in _MENTION_FILTERS
                       and (c := self.lex.match(doc, i)) is not None]
        found = sorted({m.head: m for m in [*triggers, *found_raw, *classifiers]}.values(),
                       key=lambda m: m.start)
        adoc.secondary_events = self._secondary(adoc, found, events, forced, index, year, sent_ctx)
        if self.rerank is not None:
            self._rerank(adoc, self.rerank)
        self._apply_learned_recipients([*adoc.events, *adoc.secondary_events])
        if self.retype is not None:
            retype(self.retype, adoc)

    def _apply_learned_recipients(self, events: list[Event]) -> None:
        """Give each event and merged mention the learned chooser's actor and recipient where
        it still has the one the rules parsed at its trigger (nothing later changed it)."""
        found, self._learned_args = self._learned_args, {}
        if not found:
            return

        def same(a: EventArg | None, b: EventArg | None) -> bool:
            return (a is None and b is None) or (
                a is not None and b is not None and (a.start, a.end) == (b.start, b.end))

        for e in events:
            holders: list[tuple[Event | Mention, int, int]] = [(e, e.trigger.start, e.trigger.end)]
            holders += [(m, m.start, m.end) for m in e.mentions if isinstance(m, Mention)]
            for holder, start, end in holders:
                for role in ("actor", "recipient"):
                    got = found.get((role, start, end))
                    if got is not None and same(getattr(holder, role), got[0]):
                        setattr(holder, role, got[1])

    @staticmethod
    def _rerank(adoc: ArticleDoc, model: RerankModel) -> None:
        """Move the events the learned filter rejects to the secondary event words
        (:mod:`cronica.stages.events.rerank`), renumbering both lists."""
        kept, moved = rerank(model, adoc.events, adoc.secondary_events)
        if not moved:
            return
        ids = {e.id: f"e{n}" for n, e in enumerate(kept)}
        for e in kept:
            e.id = ids[e.id]
            if e.embedded_in is not None:
                e.embedded_in = ids.get(e.embedded_in)
        for e in moved:
            e.embedded_in = None
        side = sorted([*adoc.secondary_events, *moved], key=lambda e: e.trigger.start)
        for n, e in enumerate(side):
            e.id = f"s{n}"
        adoc.events, adoc.secondary_events = kept, side

    def _secondary(
        self,
        adoc: ArticleDoc,
        found: list[Match],
        events: list[Event],
        forced: dict[int, str],
        index: ActorIndex,
        year: int | None,
        sent_ctx: dict[int, list[str]],
    ) -> list[Event]:
        """The trigger words that are no event of their own in ``events``: an act folded into
        the frame that governs it ('condenaron el ataque'), the aim of a protest ('marcharon
        para reclamar'), a noun reference pruned as background ('tras la ola de atentados'),
        the act a modal demand asks for. Each is kept with its own type and the aux mode its
        own words give, so the calendar can say whether the article tells it as news,
        history, plan, condition or denial. They are not PLOVER events of the article."""
        doc = adoc.doc
        taken = [(s.start, s.end) for e in events for s in e.mentions]
        out: list[Event] = []
        for m in found:
            if m.entry is REQUEST_MODAL:
                continue
            tok = doc[m.head]
            a, b = tok.idx, tok.idx + len(tok.text)
            if any(s < b and a < t for s, t in taken):
                continue
            kept = self._built.pop((m.start, m.end, m.head, id(m.entry), forced.get(m.head)), None)
            if kept is not None and kept[1] is m.entry:
                # a trigger the main pass built (an event folded into its frame, merged or
                # pruned since): built again it would be the same (:meth:`_event`), so the
                # copy kept as built is taken, with the learned choosers' answers it noted
                e = kept[0]
                for k, v in kept[2]:
                    self._learned_args[k] = v
            else:
                e = self._event(adoc, m, index, year, forced.get(m.head), sent_ctx)
            e.id = f"s{len(out)}"
            out.append(e)
            taken.append((a, b))
            act = self._stated_act(doc, m, e, year)
            if act is not None:
                act.id, act.embedded_in = f"s{len(out)}", e.id
                out.append(act)
        return out

    def _model_event(
        self, adoc: ArticleDoc, index: ActorIndex, year: int | None, sent_ctx: dict[int, list[str]]
    ) -> Any:
        """A function making the event of a sentence the model finds contentious but the
        lexicon does not: typed by the model, anchored on the sentence's main predicate."""

        def make(sent: Any, event: str, prob: float) -> Event | None:
            tok = self._main_predicate(sent)
            if tok is None:
                return None
            entry = TriggerEntry(
                (folded_lemma(tok),),
                tok.pos_,
                event,
                None,
                _MODEL_CAMEO.get(event),
                prob,
                rule=f"{self.lang}:model/{event}",  # eval --by-rule counts the model apart
            )
            m = Match(tok.i, tok.i + 1, tok.i, entry)
            if self._natural_death(tok, m) or self._denied_involvement(tok, m):
                return None  # 'died of a heart attack', 'denied responsibility': no event
            e = self._event(adoc, m, index, year, None, sent_ctx)
            e.evidence = "model"
            return self._model_typed(tok, e)

        return make

    def _model_typed(self, tok: Any, e: Event) -> Event | None:
        """The learned layer's event on ``tok`` checked against the clause's grammar: the
        model types a sentence by its words ('manifestantes' -> PROTEST), not by who does
        what. A main clause that states injuries as its result ('la policía dejó dos
        manifestantes heridos') is an ASSAULT by its doer, or no event without one ('dos
        manifestantes resultaron heridos': the subject is the victim); a PROTEST by the
        police or an armed force is none (PLOVER manual: PROTEST is civilian
        demonstration; a force's moves are MOBILIZE, its violence ASSAULT), so no event."""
        if self._injury_result(tok):
            if e.actor is None or folded_lemma(tok) in self.cues.victim_verb:
                return None
            e.event, e.mode, e.cameo = "ASSAULT", None, _MODEL_CAMEO.get("ASSAULT")
            e.rule = f"{self.lang}:model/ASSAULT"
            return e
        if e.event == "PROTEST" and self._force_actor(e, tok):
            return None
        return e

    def _injury_result(self, tok: Any) -> bool:
        """Whether a casualty word (``injury_word`` cues: 'herido', 'muerto') is a
        complement of ``tok`` or a modifier of one ('dejó dos manifestantes heridos',
        'dejaron un saldo de tres muertos', 'resultaron heridos'), within its own clause."""
        words = self.cues.injury_word
        if not words:
            return False
        for c in children_of(tok):
            d = dep(c)
            if d == "advcl" and not any(dep(g) in ("nsubj", "mark") for g in children_of(c)):
                d = "xcomp"  # 'left two protesters injured': a bare participle, no clause
            if d not in ("obj", "xcomp", "oprd", "obl", "iobj", "nsubj", "advmod", "amod"):
                continue
            if folded_lemma(c) in words or folded_form(c) in words:
                return True
            if any(dep(g) in ("amod", "nmod", "conj", "acl") and (folded_lemma(g) in words or folded_form(g) in words)
                   for g in children_of(c)):
                return True
        return False

    def _force_actor(self, e: Event, tok: Any) -> bool:
        """Whether the event's actor is the police or an armed force: a force sector in its
        codes, or a police or armed-force noun as the subject of ``tok``."""
        if e.actor is not None and any(c[-3:] in _FORCE_SECTORS for c in (e.actor.codes or [e.actor.code]) if c):
            return True
        force = self.cues.police_force | self.cues.armed_force
        return any(dep(c) == "nsubj" and folded_lemma(c) in force for c in children_of(tok))

    def _main_predicate(self, sent: Any) -> Any:
        """The verb that carries the sentence's news: its root, or what a reporting root
        reports ('dijo que marcharon' -> 'marcharon'), else its first verb; None without.
        A root that reports, sees or judges an act (``content_verb`` cues: 'confirmó los
        disturbios', 'vieron a la multitud lanzando piedras') is not the act: the verb of
        its complement is, else there is none to anchor on."""
        root = sent.root
        if root.pos_ == "VERB" and folded_lemma(root) in self.cues.content_verb:
            return next((t for t in root.subtree if t.i != root.i and t.pos_ == "VERB"
                         and folded_lemma(t) not in self.cues.content_verb), None)
        if self._is_speech(root):
            root = next(
                (c for c in children_of(root) if dep(c) in ("ccomp", "xcomp") and c.pos_ == "VERB"),
                root,
            )
        if root.pos_ == "VERB" and not self._is_speech(root):
            return root
        return next((t for t in sent if t.pos_ == "VERB"), None)

    def _stated_act(self, doc: Any, m: Match, e: Event, year: int | None) -> Event | None:
        """The act itself of a statement recoded as AGREE or THREATEN ('anunció que retirará
        sus tropas': AGREE, and the withdrawal, future), embedded in it with its own type and
        mode, as the act of a threat is (the attribution guidelines annotate the planned act
        with its own category); None when ``e`` was not recoded."""
        if m.entry is REQUEST_MODAL or e.event == m.entry.event or e.aux_mode is not None:
            return None
        explained = explain_aux(doc, m.head, self.cues, self.speech, year)
        if explained is None or explained[0] not in ("future", "hypothetical"):
            return None
        return replace(e, event=m.entry.event, mode=m.entry.mode, cameo=m.entry.cameo,
                       aux_mode=explained[0], aux_evidence=aux_evidence(explained[1], explained[2]),
                       embedded_head=m.head, mentions=[e.trigger], rule=m.entry.rule or None)

    def _wished(self, tok: Any) -> bool:
        """Whether a word of hope, request or proposal governs the clause of ``tok`` below
        the reporting verb ('esperamos que los investigadores puedan detener ...')."""
        node = tok
        for _ in range(_MAX_NEST):
            if dep(node) not in ("xcomp", "ccomp", "csubj", "advcl", "conj") or node.head.i == node.i:
                return False
            node = node.head
            if self._is_speech(node):
                return False
            if self.cues.aux.get(folded_lemma(node)) == "hypothetical":
                return True
        return False

    def _lex_match_at(self, doc: Any, i: int) -> Match | None:
        """The lexicon's match of a trigger at ``doc[i]``, read once per token and document:
        the choosers ask it of the same phrases for every trigger."""
        store = doc_cache(doc, "events.lex_match")
        key = (id(self.lex), i)
        if key not in store:
            store[key] = self.lex.match(doc, i)
        found: Match | None = store[key]
        return found

    def _learned_arg(self, role: str, adoc: ArticleDoc, m: Match, index: ActorIndex,
                     own: Any, other: Any, parsed: EventArg | None,
                     other_arg: EventArg | None) -> EventArg | None:
        """The rules' ``role`` argument (``parsed``, headed by ``own``), or the phrase of the
        trigger's sentence the learned chooser (:mod:`cronica.stages.events.recipient`)
        scores clearly higher; never a phrase of the other role (``other_arg``)."""
        model = self.recipient_model if role == "recipient" else self.actor_model
        record = recipient_mod.RECORD
        if (model is None and record is None) or m.entry is REQUEST_MODAL:
            return parsed
        doc = adoc.doc
        tok = doc[m.head]
        if role == "actor" and patient_predicate(tok, self.cues):
            return parsed  # 'fueron detenidos': no expressed agent, no guessed one
        skip = frozenset(range(m.start, m.end)) | _row_thing(doc, m, index)

        # a doer is named as a subject, an agent ('por', 'de', 'por parte de') or one of two
        # parties ('entre'); a phrase behind any other preposition, or inside one ('en el sur
        # del Líbano', 'contra el gobierno'), is a place, a target or a circumstance
        agent_case = {"", *self.cues.agent_case, *self.cues.genitive_case, *self.cues.between} \
            if role == "actor" else set()  # (read by the actor's guesses alone)

        event_type = self._event_type_at(doc)

        def other_act(t: Any) -> bool:
            # the subject of another act ('los agentes reprimieron la marcha'): the police do
            # not march; PLOVER codes their act as its own event
            h = t.head
            return dep(t) in ("nsubj", "nsubj:pass") and h.i != tok.i and h.i not in skip \
                and event_type(h) not in (None, m.entry.event)

        # the verb of another act done to the trigger, its subject ('los atentados fueron
        # condenados por el gobierno de Malí'): its 'por'/'by' agent did that act and is no
        # target of this one (nor a name inside that agent's phrase); read once per trigger
        governor = tok.head.i if role == "recipient" and dep(tok) in ("nsubj", "nsubj:pass") \
            and tok.head.i != tok.i and tok.head.i not in skip \
            and event_type(tok.head) not in (None, m.entry.event) else None
        by_agent = self.cues.agent_case - self.cues.genitive_case if governor is not None else set()

        def other_agent(t: Any) -> bool:
            for _ in range(2):
                if dep(t) in ("nmod", "flat", "appos", "compound") and t.head.i != t.i:
                    t = t.head
            h = t.head.head if dep(t) == "pobj" else t.head
            return h.i == governor and (dep(t) == "pobj" or recipient_mod.case_of(t) in by_agent)

        # (what ``span`` compares for every candidate, read once)
        own_i = own.i if own is not None and parsed is not None else -1  # the rules' pick
        other_i = other.i if other is not None else -1
        tok_i = tok.i
        trigger_key = m.start if role == "actor" else None

        def span(t: Any) -> tuple[int, int, str | None] | None:
            i = t.i
            picked = i == own_i
            if other_i >= 0 and not picked and dep(t) == "appos" and t.head.i == other_i:
                return None  # 'El presidente Gustavo Petro condenó': the other role's name
            if governor is not None and not picked and i > tok_i and other_agent(t):
                return None
            if role == "actor" and not picked and (
                    not recipient_mod.marked_by(t, agent_case) or other_act(t)
                    # an event word is never an actor ('una huelga de 24 horas paralizó')
                    or self._lex_match_at(doc, t.i) is not None):
                return None  # the limits bound the guesses, not the rules' own pick
            arg = _cached_arg(t, index, trigger_key)
            if arg is None or _overlap(arg, other_arg) or (
                    # a part of the rules' own phrase ('campesinas' in 'las organizaciones
                    # indígenas y campesinas') is no alternative to it
                    own is not None and i != own.i and _overlap(arg, parsed)):
                return None
            return arg.start, arg.end, (arg.code if arg.mention else None)

        rule = own if parsed is not None else None
        # a trigger built again (a pruned event read again as a secondary word) asks the
        # same question: its answer, the chosen token, is kept for the article
        if self._choices[0] is not doc:
            self._choices = (doc, {})
        asked = (role, m.start, m.end, m.head, m.entry.event, m.entry.mode,
                 None if own is None else own.i, None if other is None else other.i,
                 None if parsed is None else (parsed.start, parsed.end),
                 None if other_arg is None else (other_arg.start, other_arg.end))
        chose = self._choices[1].get(asked, -1) if record is None else -1
        if chose == -1 and record is None and model is not None:
            # scored as built, no feature strings, no row objects
            chose = self._choices[1][asked] = recipient_mod.choose_for(
                tok, m.entry.event, m.entry.mode, other, rule, skip, span, model)
        if chose == -1:
            # scored as built (no feature strings) unless training records them
            rows = recipient_mod.rows_for(tok, m.entry.event, m.entry.mode, other, rule, skip,
                                          span, model if record is None else None)
            if record is not None:
                record.append({
                    "doc": adoc.article.id, "role": role, "start": doc[m.start].idx,
                    "end": doc[m.end - 1].idx + len(doc[m.end - 1].text), "event": m.entry.event,
                    "rows": [[r.start, r.end, r.feats, r.rule] for r in rows],
                })
            choice = model.choose(rows) if model is not None else None
            chose = self._choices[1][asked] = None if choice is None else choice.tok
        if chose is None:
            return parsed
        chosen = doc[chose]
        trigger = (doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text))
        return with_conjuncts(_copy_arg(_cached_arg(chosen, index, m.start if role == "actor" else None)),
                              chosen, index, other_arg, trigger)

    def _event(
        self,
        adoc: ArticleDoc,
        m: Match,
        index: ActorIndex,
        year: int | None,
        forced_mode: str | None,
        sent_ctx: dict[int, list[str]],
    ) -> Event:
        doc = adoc.doc
        tok = doc[m.head]
        start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)
        trigger = adoc.span(start, end)
        is_light = lambda t: self.lex.is_light(doc, t.i)  # noqa: E731 - used twice below
        if m.entry is REQUEST_MODAL:
            a_tok, r_tok = request_args(tok)
        else:
            a_tok, r_tok = find_args(
                tok,
                m.entry.event,
                m.entry.mode,
                self.cues,
                self.speech,
                index,
                is_light,
                frozenset(range(m.start, m.end)) | _row_thing(doc, m, index),
                self._event_type_at(doc),
                lambda t: self._lex_match_at(doc, t.i) is not None,
            )
        if a_tok is not None and fold(resolve_relative(a_tok).lemma_) in self.cues.time_noun:
            # 'Ortega anunció el sábado que se reuniría': a date the parser read as the
            # subject (or as the antecedent of 'que'); the clause reports the act of the
            # speaker, the subject of the verb the date modifies
            when = resolve_relative(a_tok)
            a_tok = speaker_subject(tok, self.speech) or (None if _same_token(when, tok) else next(
                (c for c in children_of(when.head) if dep(c) in ("nsubj", "csubj")
                 and c.i != when.i and c.pos_ in ("NOUN", "PROPN")), None))
        if a_tok is not None and a_tok.pos_ == "PRON" and "Prs" in morph_get(a_tok, "PronType") \
                and not _third_person_in_quote(a_tok):
            # 'the rebels said they will release ...': the pronoun is the speaker
            a_tok = speaker_subject(tok, self.speech) or a_tok
        if a_tok is None and _subjectless_finite(tok):
            # 'El Ejército israelí aseguró que atacó ...': a reported verb with no subject of
            # its own (pro-drop) has the speaker as its subject, also under a verb that
            # reports only with a clause ('anunció que convocará')
            a_tok = speaker_subject(tok, self.speech, self._is_speech)
        if a_tok is None and tok.pos_ in ("NOUN", "PROPN") and (
                dep(tok) == "obj" or (dep(tok) in ("obl", "xcomp") and _case_of(tok) in (
                    self.cues.carrier_case | self.cues.state_case))) \
                and _subjectless_finite(tok.head) and (self.lex.is_light(doc, tok.head.i)
                                                       or self._event_type_at(doc)(tok.head) is None):
            # 'dijo que aumentarán las medidas de fuerza', 'dijo que participarán en la
            # marcha', 'informó que se declararon en huelga': the noun's carrying verb has
            # the speaker as its dropped subject
            a_tok = speaker_subject(tok.head, self.speech, self._is_speech)
        if a_tok is None and m.entry.event in RECIPROCAL_TYPES:
            # 'El ministro dijo que las reuniones se celebrarán': the speaker takes part
            a_tok = speaker_subject(tok, self.speech)
        if a_tok is None and m.entry.event in RECIPROCAL_TYPES and tok.pos_ in ("NOUN", "PROPN"):
            # 'las negociaciones entre el gobierno y los campesinos': the two parties
            a_tok, other = between_parties(tok, self.cues)
            r_tok = r_tok or other
        if a_tok is None and trigger.sentence == 0 and headline_sentence(adoc) == 0:
            # a headline is subject first ('ESTUDIANTES SAQUEAN CAMION'), but all-capital
            # words parse badly: the first actor named before the trigger is its subject
            a_tok = headline_subject(tok, index, adoc.sentences[0].start)
        if a_tok is not None and (pair := dual_parties(a_tok, self.cues, index)) is not None:
            # 'Sudán y Chad negociaron ... Ambos firmaron': the two parties named before; of
            # a reciprocal act one is the actor and the other the recipient
            a_tok = pair[0]
            if pair[1] is not None and m.entry.event in RECIPROCAL_TYPES \
                    and (r_tok is None or index.mention_in(r_tok) is None):
                r_tok = pair[1]
        # a phrase and the nouns coordinated with it in its role ('policías y soldados')
        recipient = _copy_arg(_cached_arg(r_tok, index)) if r_tok is not None else None
        actor = with_conjuncts(to_arg(a_tok, index, m.start), a_tok, index, recipient,
                               (start, end))
        recipient = with_conjuncts(recipient, r_tok, index, actor, (start, end))
        # a headline without final punctuation parses into the next line: keep arguments
        # inside the trigger's own sentence
        sent = adoc.sentences[trigger.sentence] if trigger.sentence >= 0 else None
        # the antecedents (``index.antecedents``) grow as events are built: an argument
        # outside the sentence dropped because its token is none yet could be kept by a
        # later build of the same trigger, which the event then does not stand for
        # (``settled``: it does; one kept stays kept, the set never shrinks)
        settled = True
        if sent is not None:
            if actor is not None and not sent.start <= actor.start < sent.end \
                    and not (a_tok is not None and a_tok.i in index.antecedents):
                actor, settled = None, settled and a_tok is None
            if recipient is not None and not sent.start <= recipient.start < sent.end \
                    and not (r_tok is not None and r_tok.i in index.antecedents):
                recipient, settled = None, settled and r_tok is None
        if actor and recipient and actor.start == recipient.start:
            recipient = None
        # the learned choosers change who acts on whom, never whether an event is kept or
        # merged: their choices replace the parsed ones after the events are settled
        wrote: list[tuple[Any, Any]] = []
        learned = self._learned_arg("recipient", adoc, m, index, r_tok, a_tok, recipient, actor)
        if learned is not recipient:
            wrote.append((("recipient", trigger.start, trigger.end), (recipient, learned)))
        learned_actor = self._learned_arg("actor", adoc, m, index, a_tok, r_tok, actor,
                                          learned or recipient)
        if learned_actor is not actor:
            wrote.append((("actor", trigger.start, trigger.end), (actor, learned_actor)))
        for k, v in wrote:
            self._learned_args[k] = v
        self._last_build = (tuple(wrote), settled)
        explained = explain_aux(doc, m.head, self.cues, self.speech, year, is_light,
                                m.entry.event in _CONVENED, m.entry.event in _SPEECH_ACTS)
        if (
            explained
            and explained[2] == "governing word"
            and m.entry.event == "PROTEST"
            and self._in_protest(tok)
        ):
            # 'propuso el cierre en protesta por el fraude': the protest is the subject's
            # own, not the content of the verb the phrase hangs from, nor of its mode
            explained = None
        mode = (explained[0] if explained else None) or forced_mode
        if (
            forced_mode == "hypothetical"
            and explained
            and explained[0] == "future"
            and fold(explained[1].lemma_) in self.cues.intent
            and self.cues.aux.get(fold(explained[1].lemma_)) != "future"
        ):
            # 'se dispuso a aplastar la rebelión': an intention word with no mode class of
            # its own leaves the act the threat's (PLOVER manual: hypothetical); a promise or
            # a plan ('prometió aplastar', 'planea atacar') announces it: future (the
            # attribution guidelines: planned, announced)
            mode, explained = forced_mode, None
        event, aux = m.entry.event, mode
        if explained is None or not (
            explained[2] in _NOT_INTENDED
            or fold(explained[1].lemma_) in self.cues.not_intent_modal
            or self._wished(tok)
        ):
            # a hope, a request or a possibility ('esperamos que puedan detener') is no
            # stated intention of the speaker: never recoded as its AGREE or THREATEN
            event, aux = recode_intent(tok, m.entry.event, mode, self.cues, self._is_speech)
        if m.entry is REQUEST_MODAL:
            aux = None  # the demand is made now, whatever the tense of what is demanded
        if aux == "negation" and m.entry.rule.endswith(":refused-attendance/V"):
            aux = None  # 'no asistirá': the 'no' is the refusal, made now
        evidence: dict[str, Any] | None
        if explained and aux == explained[0]:
            evidence = aux_evidence(explained[1], explained[2])
        else:  # set by the governing trigger or by the intent recoding: the trigger decided
            evidence = aux_evidence(tok, "governing event" if aux == forced_mode else "intent") if aux else None
        if trigger.sentence not in sent_ctx:
            sent_ctx[trigger.sentence] = contexts(sentence_of(tok), self.cues)
        lemma_hit = m.entry is REQUEST_MODAL or folded_lemma(tok) == m.entry.pattern[0]
        confidence = event_confidence(
            m.entry.weight,
            lemma_hit,
            bool(actor and actor.code),
            bool(recipient and recipient.code),
            # a manner protest ('en protesta por') is the act of its clause's subject: as
            # salient as the clause it hangs from
            salience(
                tok.head if m.entry.event == "PROTEST" and self._in_protest(tok) else tok,
                self._is_speech,
                is_light,
            ),
            aux,
        )
        if (
            event in ("CONSULT", "REQUEST")
            and m.entry is not REQUEST_MODAL
            and a_tok is not None
            and any(folded_lemma(t) in self.cues.protester for t in (a_tok, *children_of(a_tok)))
        ):
            # 'miles de manifestantes se reunieron': a rally, not a meeting; 'los huelguistas
            # exigieron': a demand in the form of a protest is PROTEST (PLOVER manual, REQUEST)
            event = "PROTEST"
        elif event == "CONSULT" and self._rally(tok):
            event = "PROTEST"
        recoded = event != m.entry.event
        mode = None if recoded else m.entry.mode
        if recoded and event == "PROTEST" and m.entry.event == "CONSULT":
            mode = "demo"  # a rally
        cameo = _INTENT_CAMEO.get(event) if recoded else m.entry.cameo
        if event in ("SANCTION", "REJECT", "ACCUSE") and self._custodial_sentence(tok):
            event, mode, cameo = "COERCE", "arrest", "173"  # a sentence to prison
        return Event(
            id="",
            event=event,
            trigger=trigger,
            mode=mode,
            context=list(sent_ctx[trigger.sentence]),
            aux_mode=aux,
            aux_evidence=evidence,
            actor=actor,
            recipient=recipient,
            mentions=[trigger],
            confidence=confidence,
            cameo=cameo,
            head=m.head,
            rule=m.entry.rule or None,
        )


def link_embedded(doc: Any, events: list[Event]) -> list[Event]:
    """Keep an embedded event only while its governing event is there (a merged governor
    is found through its mentions): without the frame it was part of, it is left out."""
    frames = [e for e in events if e.embedded_head is None]
    kept = list(frames)
    pending = [e for e in events if e.embedded_head is not None]
    for _ in range(_MAX_NEST):  # an act embedded in an embedded act
        found = [e for e in pending if any(_holds(doc, g, e.embedded_head) for g in kept if g is not e)]
        if not found:
            break
        kept.extend(found)
        pending = [e for e in pending if e not in found]
    return sorted(kept, key=lambda e: e.trigger.start)


def _holds(doc: Any, e: Event, head: int | None) -> bool:
    """Whether event ``e`` has the token ``head`` as its head or inside one of its mentions."""
    if head is None:
        return False
    if e.head == head:
        return True
    at = doc[head].idx
    return any(m.start <= at < m.end for m in e.mentions)


def _copy_event(e: Event) -> Event:
    """A copy of an event just built by :meth:`EventCoder._event` that shares nothing the
    stages change in place with it: its trigger (also its one mention), context, aux
    evidence and arguments are copies; the rest are strings and numbers."""
    out = object.__new__(Event)
    out.__dict__.update(e.__dict__)
    trigger = out.trigger = object.__new__(Span)
    trigger.__dict__.update(e.trigger.__dict__)
    out.mentions = [trigger]
    out.context = list(e.context)
    if e.aux_evidence is not None:
        out.aux_evidence = dict(e.aux_evidence)
    out.actor = _copy_arg(e.actor)
    out.recipient = _copy_arg(e.recipient)
    return out


def _cached_arg(tok: Any, index: ActorIndex, trigger: int | None = None) -> EventArg | None:
    """``to_arg(tok, index, trigger)``, read once per article (``index.arg_cache``: the
    choosers ask it of every noun phrase of a sentence for each trigger, the rules of the
    same phrases). Shared: a caller that keeps the argument takes a copy (:func:`_copy_arg`)."""
    key = (tok.i, trigger)
    cache = index.arg_cache
    try:
        return cache[key]
    except KeyError:
        found = cache[key] = to_arg(tok, index, trigger)
        return found


def _copy_arg(arg: EventArg | None) -> EventArg | None:
    if arg is None:
        return None
    out = object.__new__(EventArg)
    out.__dict__.update(arg.__dict__)
    out.codes = list(arg.codes)
    return out


def aux_evidence(tok: Any, rule: str) -> dict[str, Any]:
    """The words that decided an event's aux mode, for the user: text, offsets, rule. ``tok``
    is a token or a span of several ('a menos que')."""
    start = tok.idx if hasattr(tok, "idx") else tok.start_char
    return {"text": tok.text, "start": start, "end": start + len(tok.text), "rule": rule}


@dataclass
class _Nesting:
    """What :meth:`EventCoder.resolve_nesting` has decided so far."""

    by_head: dict[int, Match]  # trigger head (and alias token) -> match
    dropped: set[int] = field(default_factory=set)
    forced: dict[int, str] = field(default_factory=dict)  # trigger head -> aux mode
    embedded: dict[int, Match] = field(default_factory=dict)  # trigger head -> frame match
    # a dropped trigger's own complement goes to whatever absorbed it: in 'an ultimatum
    # to halt attacks' the attacks belong to the ultimatum, as 'halt' does
    absorbed: dict[int, Match] = field(default_factory=dict)
    in_aim: set[int] = field(default_factory=set)  # absorbed through an aim or condition clause
    trace: list[tuple[str, int]] | None = None  # (rule id, trigger head) of each rule that acted

    def noted(self, rule_id: str, m: Match, acted: bool) -> bool:
        """``acted``, recorded in the trace when true."""
        if acted and self.trace is not None:
            self.trace.append((rule_id, m.head))
        return acted

    def fold(self, m: Match, into: Match, aim: bool = False) -> None:
        """``m`` is no event of its own: it is part of ``into``."""
        self.dropped.add(m.head)
        self.absorbed[m.head] = into
        if aim:
            self.in_aim.add(m.head)


@dataclass(frozen=True)
class _Link:
    """A trigger and the trigger that governs it, as the nesting rules see them."""

    doc: Any
    m: Match
    gov: Match
    direct: bool  # ``m`` is the governor's direct object
    clausal: bool  # the path crosses a finite or adverbial clause
    seen: int  # governors climbed past (already dropped) to reach ``gov``
    aliases: dict[int, Match] | None


def _climb(m: Match, gov: Match | None, direct: bool, st: _Nesting) -> tuple[Match | None, bool, int]:
    """Past governors already dropped, to what absorbed them; inside an aim or condition
    clause ('unless the president agrees to step down') every word belongs to the threat,
    so ``m`` is folded there too. Returns the governor, whether ``m`` is still its direct
    object, and how many steps were climbed."""
    seen = 0
    while gov is not None and gov.head in st.dropped and seen < _MAX_NEST:
        if gov.head in st.in_aim:
            st.fold(m, st.absorbed[gov.head], aim=True)
            st.noted("nest.aim", m, True)
            break
        gov, direct, seen = st.absorbed.get(gov.head), False, seen + 1
    return gov, direct, seen


# The nesting rules, in the order they are tried (ids for traces and docs). The first
# group absorbs a trigger before its governor is looked at; of the second, the first rule
# that holds for a trigger and its governor decides.
_FOLD_RULES = (
    ("nest.subject_event", EventCoder._fold_subject_event),
    ("nest.meeting_of_protest", EventCoder._fold_meeting_of_protest),
    ("nest.toll", EventCoder._fold_toll),
    ("nest.aim", EventCoder._fold_aim),
)
_NEST_RULES = (
    ("nest.under_embedded", EventCoder._nest_under_embedded),
    ("nest.classified_gathering", EventCoder._nest_classified_gathering),
    ("nest.same_type", EventCoder._nest_same_type),
    ("nest.vowed_clause", EventCoder._nest_vowed_clause),
    ("nest.clausal_act", EventCoder._nest_clausal_act),
    ("nest.ended_protest", EventCoder._nest_ended_protest),
    ("nest.protest_topic", EventCoder._nest_protest_topic),
    ("nest.intention", EventCoder._nest_intention),
    ("nest.prevented_protest", EventCoder._nest_prevented_protest),
    ("nest.agreed_conflict", EventCoder._nest_agreed_conflict),
    ("nest.frame_object", EventCoder._nest_frame_object),
    ("nest.frame_embed", EventCoder._nest_frame_embed),
)


# aux rules that say an act is wished for or likely, not intended by the one who states it
# (subjunctive complements, probability adverbs; also modals of possibility or obligation,
# ``Cues.not_intent_modal``,
# and hypothetical governing words, ``_wished``)
_NOT_INTENDED = frozenset({"subjunctive complement", "modifier", "scheduled modifier",
                           "scheduled by its relative clause"})


def _threat_of(m: Match, gov: Match, st: _Nesting) -> None:
    """``gov`` becomes a threat (PLOVER THREATEN, CAMEO 13) of the act ``m``, which is
    embedded in it and hypothetical."""
    gov.entry = replace(gov.entry, event="THREATEN", mode=None, cameo="13")
    st.embedded[m.head] = gov
    st.forced.setdefault(m.head, "hypothetical")


def _depth(m: Match, govs: dict[int, tuple[Match | None, bool, bool]]) -> int:
    """How many triggers govern ``m`` (governors are resolved before their complements)."""
    depth, node = 0, govs[m.head][0]
    while node is not None and depth < len(govs):
        depth += 1
        node = govs.get(node.head, (None, False, False))[0]
    return depth


# the dependents of an act that hold what it is about ('denunció las detenciones', 'la
# condena de la huelga'), and the nominal links inside that phrase
_ABOUT_DEPS = frozenset({"obj", "nmod", "nsubj:pass"})
_NOMINAL_LINKS = frozenset({"obj", "nmod", "nsubj:pass", "obl", "pobj", "prep", "appos", "conj"})


def _protests_in_object(doc: Any, events: list[Event]) -> frozenset[tuple[int, int]]:
    """(topic act head, protest head) pairs where a protest noun lies inside the act's
    nominal object: 'denunció las detenciones durante las protestas', 'rechazan la
    huelga'. Such an act is about the protest, not its topic (see
    :func:`merge_same_sentence`). A protest in a clause ('pidieron ser trasladados para
    protestar', '..., acusó la policía') is not: its subject may be the act's own."""
    topics = {e.head for e in events if e.event in PROTEST_TOPICS and e.head is not None}
    if not topics:
        return frozenset()
    out: set[tuple[int, int]] = set()
    for e in events:
        if e.event != "PROTEST" or e.head is None:
            continue
        described = _described_protest(doc, e.head, topics)
        if described is not None:
            # coordinated acts share it ('exigió su renuncia y le responsabilizó de la
            # violencia que se generara después de la protesta')
            act = doc[described]
            conjuncts = [act.head] if dep(act) == "conj" else []
            conjuncts += [c for c in act.children if dep(c) == "conj"]
            out.update((t.i, e.head) for t in [act, *conjuncts] if t.i in topics)
            continue
        if doc[e.head].pos_ not in ("NOUN", "PROPN"):
            continue
        node = doc[e.head]
        for _ in range(8):
            head = node.head
            if head.i == node.i:
                break
            if head.i in topics:
                if dep(node) in _ABOUT_DEPS:
                    out.add((head.i, e.head))
                break
            if dep(node) not in _NOMINAL_LINKS or head.pos_ in ("VERB", "AUX"):
                break
            node = head
    return frozenset(out)


# links from a noun up to the act it is an argument of (or sits in an argument phrase of)
_ARGUMENT_LINKS = _NOMINAL_LINKS | {"iobj", "obl:arg"}


def _described_protest(doc: Any, head: int, topics: set[int]) -> int | None:
    """The topic act whose object or other non-subject argument carries a clause that tells
    the protest at ``head`` ('rechazó las demandas de los maestros que protestan', 'rechazó
    la moción presentada por la oposición para protestar'): the protest describes that
    argument and is its referent's act, so the act is no topic of it. A clause on the act's
    subject ('los manifestantes, que marcharon ..., exigieron') leaves the protest the
    subject's own, whose topic the act may be; ``None`` then and when no topic governs it."""
    node = doc[head]
    for _ in range(6):  # up the protest's clause to the noun it describes
        up = node.head
        if up.i == node.i or up.i in topics:
            return None
        label = dep(node)
        if up.pos_ in ("NOUN", "PROPN") and (
            label == "acl" or (label == "amod" and "Part" in morph_get(node, "VerbForm"))
        ):
            node = up
            break
        node = up
    else:
        return None
    for _ in range(6):  # up the noun's phrase to the act it is an argument of
        up = node.head
        if up.i == node.i or dep(node) not in _ARGUMENT_LINKS:
            return None
        if up.pos_ in ("VERB", "AUX"):
            # a verb's act; a demand noun's own 'de' phrase names who demands ('los reclamos
            # de los pobladores, que paralizaron ...': their demands, the protest's topic)
            return up.i if up.i in topics else None
        if up.i in topics:
            return None
        node = up
    return None


def _org_entity_tokens(doc: Any) -> frozenset[int]:
    """Tokens of the parser's organisation names (NER ORG) of two words or more ('Amnesty
    International'); a one-word ORG may be a misread event noun at a sentence start."""
    return frozenset(
        i for ent in entities(doc) if ent.label_ == "ORG" and len(ent) > 1 for i in range(ent.start, ent.end)
    )


def _org_actor_tokens(adoc: ArticleDoc) -> frozenset[int]:
    """Tokens of the organisation names (org, armed group, media rows of the actors
    lexicon) the actors stage found ('Amnistía Internacional')."""
    doc = adoc.doc
    out: set[int] = set()
    for a in adoc.actors:
        if a.kind not in ORG_KINDS:
            continue
        span = doc.char_span(a.span.start, a.span.end, alignment_mode="contract")
        if span is not None:
            out.update(range(span.start, span.end))
    return frozenset(out)


def _named(tok: Any) -> bool:
    """A capitalised noun inside a mixed-case sentence names something ('la Cumbre de las
    Américas', 'Marcha Patriótica'): not an event mention."""
    if tok.text.isupper() and len(tok.text) > 1:
        # an all-capital word in a mixed-case sentence is a name or a place list
        # ('... , CHOCO , MEDIO ATRATO'), not a headline word
        return not _capital_sentence(sentence_of(tok))
    if tok.pos_ not in ("NOUN", "PROPN") or not tok.text[:1].isupper():
        return False
    sent = sentence_of(tok)
    if tok.i == sent.start or tok.doc[tok.i - 1].is_punct and tok.doc[tok.i - 1].text in "\"'«“(-":
        return False
    return not sent.text.isupper()


def _through(doc: Any, i: int, gov: int, aliases: dict[int, Match] | None) -> bool:
    """Whether token ``i`` reaches its governing trigger ``gov`` through an alias token (the
    demanded verb of a modal request) rather than directly."""
    if not aliases:
        return False
    node = doc[i]
    for _ in range(2 * _MAX_NEST):
        if node.head.i == node.i or node.head.i == gov:
            return False
        node = node.head
        if node.i in aliases:
            return True
    return False


def _complement_path(doc: Any, i: int, gov: int) -> bool:
    """Whether token ``i`` reaches ``gov`` through infinitive complements and objects only
    ('plans to impose restrictions')."""
    node = doc[i]
    for _ in range(_MAX_NEST + 1):
        if node.i == gov:
            return True
        if dep(node) not in ("xcomp", "obj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _subjects(tok: Any) -> list[Any]:
    """The children of ``tok``, or, for a verb complement with no subject of its own ('los
    docentes decidieron concentrarse', 'comenzaron a bloquear'), its governing verb's: the
    subject that controls the infinitive (Nueva gramática §26, sujetos de control)."""
    own = children_of(tok)
    if dep(tok) == "xcomp" and tok.head.i != tok.i and not any(
            dep(c) in ("nsubj", "nsubj:pass") for c in own):
        return [*own, *(c for c in children_of(tok.head) if dep(c) in ("nsubj", "nsubj:pass"))]
    return list(own)


def _bare_noun_form(tok: Any) -> bool:
    """A verb the tagger read in a noun's form ('strike', 'strikes') with no subject,
    object or auxiliary of its own and not sharing another verb's ('the cleaning workers
    strike'): the noun, misread."""
    form, lemma = folded_form(tok), folded_lemma(tok)
    if form not in (lemma, lemma + "s") or dep(tok) in ("xcomp", "conj"):
        return False
    return not any(dep(c) in ("nsubj", "nsubj:pass", "obj", "aux", "aux:pass", "agent", "obl:agent")
                   for c in children_of(tok))


_SCORE = re.compile(r"\d{1,2}-\d{1,2}")


def _match_score(tok: Any) -> bool:
    """'el choque Francia-Kuwait (4-1)', 'venció a Boca por 2-1 en un choque', 'el
    enfrentamiento terminó 1-1': a clash noun with a match score ('4-1') among its own
    dependents or its clause's names a game, no use of force (PLOVER ASSAULT, FIGHT). A day
    range ('los enfrentamientos del 21-22 de junio') is no score."""
    near = list(children_of(tok))
    if dep(tok) in ("nsubj", "obl", "obj") and tok.head.i != tok.i:
        near.extend(c for c in children_of(tok.head) if c.i != tok.i)
    doc = tok.doc
    for c in near:
        if c.pos_ == "NUM" and _SCORE.fullmatch(c.text) and not (
                c.i + 1 < len(doc) and fold(doc[c.i + 1].text) == "de"):
            return True
    return False


def _case_word(tok: Any) -> str:
    """The folded preposition that introduces ``tok`` ('' when none)."""
    return next((folded_form(c) for c in children_of(tok) if dep(c) == "case"), "")


def _capital_sentence(sent: Any) -> bool:
    """Whether most words of the sentence are in capitals (a headline in capitals)."""
    words = [t.text for t in sent if t.is_alpha and len(t.text) > 1]
    return bool(words) and sum(w.isupper() for w in words) >= 0.6 * len(words)


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _case_of(tok: Any) -> str:
    """The folded first preposition of a nominal ('en huelga' -> 'en'; 'al' -> 'a')."""
    word = next((folded_form(c) for c in children_of(tok) if dep(c) == "case" and c.i < tok.i), "")
    return {"al": "a", "del": "de"}.get(word, word)


def _overlap(a: EventArg | None, b: EventArg | None) -> bool:
    return a is not None and b is not None and a.start < b.end and b.start < a.end


def _same_token(a: Any, b: Any) -> bool:
    return a is not None and b is not None and a.i == b.i


_OPENING_QUOTES = "“«‘"
_CLOSING_QUOTES = "”»’"


def _third_person_in_quote(pron: Any) -> bool:
    """A third-person pronoun inside direct speech ('"They burned houses," said a resident'):
    in a quotation only the first person is the speaker; 'they' are others (in reported
    speech, 'the rebels said they will...', it is the speaker)."""
    if "3" not in morph_get(pron, "Person") and folded_form(pron) not in ("they", "he", "she"):
        return False
    before = pron.sent.doc.text[pron.sent.start_char:pron.idx]
    opened = sum(before.count(q) for q in _OPENING_QUOTES)
    closed = sum(before.count(q) for q in _CLOSING_QUOTES)
    return opened > closed or before.count('"') % 2 == 1


def _subjectless_finite(tok: Any) -> bool:
    """A finite, active verb without a subject of its own ('... aseguró que atacó'). A verb
    counts as finite with a finite auxiliary ('que ha atacado', 'que van a bloquear'), and a
    non-finite complement without a subject as part of the finite verb it completes ('que
    continuarán manifestando'): Spanish drops the subject of the whole verb group."""
    node = tok
    for _ in range(_MAX_NEST):
        if node.pos_ not in ("VERB", "AUX"):
            return False
        if any(dep(c) in ("nsubj", "nsubj:pass", "csubj", "expl:pass", "aux:pass") for c in children_of(node)):
            return False
        if any(folded_form(c) == "se" for c in children_of(node)) and (
                "Plur" not in morph_get(node, "Number")
                or any(dep(c) == "obj" and c.pos_ in ("NOUN", "PROPN") for c in children_of(node))):
            # impersonal 'se' (singular: 'se informó') or passive 'se' with its patient ('se
            # realizarán protestas'); a plural verb with 'se' and no noun is pronominal
            # ('se declararon en huelga'), its subject dropped
            return False
        if "Fin" in morph_get(node, "VerbForm") or any(
                dep(c) == "aux" and "Fin" in morph_get(c, "VerbForm") for c in children_of(node)):
            return True
        if dep(node) != "xcomp" or node.head.i == node.i:
            return False
        node = node.head
    return False
