"""Stage 'aux': auxiliary modes from the calendar and the verb, once events are dated.

Runs after the 'time' stage. The events stage already read the grammar around each
trigger (negation, conditionals, demands, threats, the future tense: see
:mod:`cronica.stages.events.modes`); those modes have the widest scope and stay. An event
the grammar left current is then checked against the article's **news window** (the
publication day and the day before, the agency's 24-hour cycle):

* its own date (not the article's, ``date_inferred`` False) ends before the window ->
  'historical'; starts after the publication day -> 'future';
* a pluperfect verb ('había acusado') tells of something finished before -> 'historical';
* 'ir a' + infinitive in the present ('van a reunirse') -> 'future';
* a noun mention of an event the article already dated as historical or future (same
  PLOVER type, same trigger lemma: 'el atentado' after 'el atentado del 28 de octubre')
  takes that mode: it is the same event.

Every non-current event gets ``aux_evidence`` {text, start, end, rule}: the words that
decided its mode.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from datetime import date, timedelta
from typing import Any

from spacy.attrs import POS
from spacy.symbols import NOUN

from cronica.model import ArticleDoc, Event
from cronica.stages.attribution.lexicon import attribution_lexicon, marked_quotes
from cronica.stages.events import aux_model
from cronica.stages.events.aux_facts import ArticleFacts
from cronica.stages.events.coder import aux_evidence
from cronica.stages.events.lexicon import fold, lexicon
from cronica.stages.events.modes import in_cause_phrase
from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.language.fold import fold_case
from cronica.stages.nlp.syntax import (
    AUX,
    children,
    children_of,
    definite,
    dep,
    doc_cache,
    folded_lemma,
    morph_get,
    sentence_of,
    token_column,
    tokens_of,
)
from cronica.stages.time.event_dates import present_dated
from cronica.stages.time.lexicon import load_lexicon
from cronica.stages.time.resolver import interval
from cronica.stages.time.values import day_span

NEWS_WINDOW_DAYS = 1  # the publication day and the day before
_PROPAGATED = ("historical", "future")
# hypothetical modes that a date after publication turns into 'future': a scheduled event
# presupposed under a wish, a demand or a subjunctive clause ('que la reunión se celebre el 23'),
# or the aim of a purpose phrase ('viajará para la cumbre del 25 de enero')
# event types announced before they are staged ('anunciaron una huelga': planned)
_ANNOUNCED = frozenset({"PROTEST"})
# event types that are speech acts: rejecting one does not undo that it was made
_SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "THREATEN"})
_SCHEDULABLE = ("governing word", "subjunctive complement", "marker")
_AHEAD = "weekday ahead of a present tense"


class AuxCalendar:
    """Adds calendar and tense modes to current events; fills ``aux_evidence``."""

    name = "aux"

    def __init__(self, lang: str | LanguageBundle) -> None:
        self.bundle = as_bundle(lang)
        self.lang = self.bundle.code
        self.lex = attribution_lexicon(self.bundle)
        # per language, in event_cues.tsv: the perfect auxiliary, the 'go' of the near future,
        # the 'have' of obligation, the words linking them to their infinitive, and the
        # prepositions that open an ongoing period ('desde', 'since')
        self.cues = lexicon(self.bundle).cues
        self.time_lx = load_lexicon(self.bundle)  # weekday and 'pasado' words
        self.model = aux_model.load(self.lang)  # the learned layer over the rules (None: off)

    def run(self, adoc: ArticleDoc) -> None:
        pub = _pub_date(adoc)
        doc = adoc.doc
        every = [*adoc.events, *adoc.secondary_events]
        # a statement recoded as AGREE or THREATEN, whose act is embedded in it at the same
        # word, is made now: the tense of the act is the act's ('lo voy a echar')
        statements = {a.embedded_in for a in every if a.embedded_in and any(
            s.id == a.embedded_in and s.head == a.head for s in every)}
        for e in every:
            if e.id in statements:
                continue
            if doc is not None and self._rejected_speech_act(doc, e):
                e.aux_mode, e.aux_evidence = None, None  # 'rechazó su petición': it was made
            present = doc is not None and _present_indicative(doc, e)
            if e.aux_mode == "historical" and e.aux_evidence is None and present:
                e.aux_mode = None  # 'los mineros reclaman el pago de 1993': the claim is now
            if e.aux_mode == "hypothetical" and doc is not None and (
                    self._schedulable(e) and _presupposed(doc, e)
                    or self._scheduled_modal(doc, e)
                    or self._presupposing(e) and _own_date(doc, e, self.cues.time_mark)):
                # a scheduled event presupposed under a wish or condition stays future
                # ('espera que la reunión del 23 de abril sea ...'); the wished or proposed
                # act itself stays hypothetical ('propuso reunirse el 23 de abril')
                found = self._calendar(adoc, e, pub)
                if found is None and self._scheduled_modal(doc, e):
                    found = self._coming_period(doc, e)  # 'deberá votar la próxima semana'
                if found and found[0] == "future":
                    e.aux_mode, e.aux_evidence = found
            if e.aux_mode is None:
                found = (self._present_ahead(adoc, e, pub) if present else self._calendar(adoc, e, pub)) \
                    or (self._tense(doc, e) if doc is not None else None) \
                    or self._participle_date(adoc, e, pub) \
                    or self._phrase_date(adoc, e, pub) \
                    or self._sentence_dates(adoc, e, pub) \
                    or (self._duration(doc, e) if doc is not None else None) \
                    or (self._recent_period(doc, e) if doc is not None else None) \
                    or (self._coming_period(doc, e) if doc is not None else None) \
                    or (self._announced(doc, e) if doc is not None else None) \
                    or (self._background(adoc, e) if doc is not None else None)
                if found:
                    e.aux_mode, e.aux_evidence = found
        if doc is not None:
            openings = story_openings(adoc.article.text)  # (read once for both)
            self._same_event(adoc, pub, self.cues.other_event_adj, openings)
            _gerund_time(doc, every, self.cues.gerund_ending, self.cues.enclitic)
            _definite_reference(doc, every, openings)
            if pub is not None:
                self._discourse_time(adoc, every, pub)
        for e in every:
            if e.aux_mode is None:
                e.aux_evidence = None
            elif e.aux_evidence is None:
                dated = e.aux_mode == "historical" and e.date_span is not None
                span = e.date_span if dated and e.date_span is not None else e.trigger
                e.aux_evidence = {"text": span.text, "start": span.start, "end": span.end,
                                  "rule": "date before the news window" if dated else "events stage"}
        if adoc.doc is not None and (aux_model.COLLECT is not None or self.model is not None):
            af = ArticleFacts(adoc, pub, marked_quotes(adoc.article.text))
            aux_model.apply(af, every, self.model)

    def _rejected_speech_act(self, doc: Any, e: Event) -> bool:
        """A request, accusation or threat named as what a rejecting or denying verb takes
        ('rechazó su petición', 'desmintió las acusaciones', 'rechazando un ultimátum'): the
        speech act was made; what is rejected is its content, so the act itself is not
        negated (the guidelines negate an act 'asserted not to happen or to have happened';
        'rechazó aplicar una sanción' still negates the sanction)."""
        ev = e.aux_evidence or {}
        if e.aux_mode != "negation" or e.event not in _SPEECH_ACTS or ev.get("rule") != "governing word" \
                or e.head is None or ev.get("start") is None:
            return False
        tok = doc[e.head]
        gov = tok.head
        return tok.pos_ == "NOUN" and dep(tok) == "obj" and gov.idx == ev["start"] \
            and folded_lemma(gov) in self.cues.deny_verb

    def _calendar(self, adoc: ArticleDoc, e: Event, pub: date | None) -> tuple[str, dict[str, Any]] | None:
        if pub is None or e.date_inferred or not e.date or e.date_span is None:
            return None
        iv = interval(e.date, e.date_precision or "day")
        if iv is None:
            return None
        before = adoc.article.text[max(0, e.date_span.start - 12):e.date_span.start].lower().split()
        if before and before[-1] in self.cues.since:
            return None  # 'ocupan la mina desde el martes': ongoing since then
        ev = {"text": e.date_span.text, "start": e.date_span.start, "end": e.date_span.end}
        before_window = iv[1] < pub - timedelta(days=NEWS_WINDOW_DAYS)
        if not before_window and iv[0] <= pub:
            return None
        ahead = adoc.doc is not None and _weekday_ahead(adoc.doc, e.date_span.start, e.date_span.end,
                                                        e.date, pub, self.time_lx)
        if before_window and not ahead:
            return "historical", {**ev, "rule": "date before the news window"}
        if adoc.doc is not None and self._earlier_cause(adoc.doc, e):
            return None
        if not ahead and adoc.doc is not None and _told_in_the_past(
                adoc.doc, e, self.cues.schedule_case | self.cues.time_mark, self.cues.coming_adj):
            # 'los rebeldes, que en marzo atacaron la ciudad' in a January article: a preterite
            # tells what has happened, so a month or day the resolver placed ahead is last
            # year's (the guidelines roll dates over by the tense, as for a late-December one)
            return "historical", {**ev, "rule": "past tense with a date read ahead"}
        return "future", {**ev, "rule": _AHEAD if ahead else "date after publication"}

    def _earlier_cause(self, doc: Any, e: Event) -> bool:
        """The event is a noun in the cause phrase of another act and the date after
        publication is that act's, not its own ('iniciarán el lunes una huelga en protesta por
        la detención de sus dirigentes'): a cause comes before its effect, so the effect's
        date ahead does not place it ahead (its own date still does: 'por la visita del 25')."""
        if e.head is None or e.date_span is None or not 0 <= e.head < len(doc):
            return False
        tok = doc[e.head]
        if not in_cause_phrase(tok, self.cues):
            return False
        span = doc.char_span(e.date_span.start, e.date_span.end, alignment_mode="expand")
        return span is None or not len(span) or span.root.head.i != tok.i

    def _present_ahead(self, adoc: ArticleDoc, e: Event, pub: date | None) -> tuple[str, dict[str, Any]] | None:
        """For an event in the present indicative, only a weekday its present reads forward
        ('los presidentes se reúnen el viernes': future); any other date of a present is
        left to the present ('reclaman el pago de 1993': the claim is now)."""
        found = self._calendar(adoc, e, pub)
        return found if found is not None and found[1].get("rule") == _AHEAD else None

    def _schedulable(self, e: Event) -> bool:
        """The hypothetical mode came from a wish, a demand, a subjunctive clause or a purpose
        phrase ('para la cumbre del 25'), not from a condition ('si las demandas ...')."""
        ev = e.aux_evidence or {}
        if ev.get("rule") == "marker":
            return self.cues.aux_case.get(fold(str(ev.get("text", "")))) == "hypothetical"
        return ev.get("rule") in _SCHEDULABLE

    @staticmethod
    def _presupposing(e: Event) -> bool:
        """The hypothetical mode came from an operator around the event's noun (a modal, a
        condition, the consequent of one, a threatened act), not from a modifier of the noun
        itself ('una eventual cumbre'): a noun carrying its own date is presupposed by it."""
        rule = (e.aux_evidence or {}).get("rule")
        return rule is not None and rule != "modifier"

    def _sentence_dates(self, adoc: ArticleDoc, e: Event, pub: date | None) -> tuple[str, dict[str, Any]] | None:
        """An undated event in a sentence whose dates all lie before the news window, told
        in a past tense (or as a noun): it happened then ('el pasado 21 de marzo ...
        bombardearon')."""
        if pub is None or not e.date_inferred or adoc.doc is None or e.head is None:
            return None
        tok = adoc.doc[e.head]
        if tok.pos_ in ("VERB", "AUX") and not any(
                "Past" in morph_get(w, "Tense") or "Part" in morph_get(w, "VerbForm")
                for w in [tok, *children(tok, AUX)]):
            return None
        # dates of the clauses that share the event's time: its own verb, the verbs it is
        # coordinated with ('entraron el domingo ... y dispararon') and the verb its time clause
        # hangs from ('fueron recuperadas el lunes luego que fue copada'); never a date of
        # another clause of the sentence ('repudió el sábado lo que ocurrió el viernes')
        linked = _time_linked(tok, frozenset(self.cues.same_time_mark), frozenset(self.cues.while_mark))
        dates = [d for d in adoc.dates if d.span.sentence == e.trigger.sentence and d.value
                 and _on_verb(adoc.doc, d.span.start, d.span.end)
                 and _date_verb(adoc.doc, d.span.start, d.span.end) in linked
                 and not _in_other_relative(adoc.doc, d.span.start, d.span.end, tok)]
        ivs = [(d, iv) for d in dates if (iv := day_span(d.value or "", d.precision)) is not None]
        if not ivs or not all(iv[1] < pub - timedelta(days=NEWS_WINDOW_DAYS) for _, iv in ivs):
            return None
        d = ivs[0][0]
        return "historical", {"text": d.span.text, "start": d.span.start, "end": d.span.end,
                              "rule": "date before the news window (sentence)"}

    def _scheduled_modal(self, doc: Any, e: Event) -> bool:
        """The act's mode comes from a modal of schedule ('el Congreso debe votar el
        viernes': is due to vote): with a date after publication it is future."""
        ev = e.aux_evidence or {}
        if ev.get("rule") not in ("auxiliary", "conditional mood") or ev.get("start") is None:
            return False
        span = doc.char_span(ev["start"], ev["end"], alignment_mode="expand")
        return span is not None and len(span) == 1 and fold(span[0].lemma_) in self.cues.scheduled_modal

    def _phrase_date(self, adoc: ArticleDoc, e: Event, pub: date | None) -> tuple[str, dict[str, Any]] | None:
        """A verb in a relative clause inside the phrase of a dated event noun ('la incursión,
        en marzo pasado, de aviones que bombardearon ...') tells part of that event: its date."""
        doc = adoc.doc
        if pub is None or doc is None or e.head is None or not self.cues.same_time_mark:
            return None
        tok = doc[e.head]
        if not _relative(tok) or tok.pos_ not in ("VERB", "AUX"):
            return None
        node = tok.head
        for _ in range(3):  # the noun, then the nouns it is a complement of
            if node.pos_ not in ("NOUN", "PROPN"):
                return None
            for d in adoc.dates:
                if d.span.sentence != e.trigger.sentence or not d.value or not d.precision:
                    continue
                span = doc.char_span(d.span.start, d.span.end, alignment_mode="expand")
                iv = interval(d.value, d.precision)
                if span is None or iv is None or span.root.head.i != node.i or span.root.i == node.i:
                    continue
                if iv[1] < pub - timedelta(days=NEWS_WINDOW_DAYS):
                    return "historical", {"text": d.span.text, "start": d.span.start, "end": d.span.end,
                                          "rule": "date before the news window (its phrase)"}
            if dep(node) not in ("nmod", "appos") or node.head.i == node.i:
                return None
            node = node.head
        return None

    def _duration(self, doc: Any, e: Event) -> tuple[str, dict[str, Any]] | None:
        """A finished act told in the preterite with a duration of weeks or more ('lideró un
        paro de nueve meses', 'mantuvo cerrada la universidad durante seis meses'): it began
        long before the news window, so it is past background."""
        if e.head is None or not self.cues.long_unit:
            return None
        tok = doc[e.head]
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        if dep(tok) not in ("obj", "nsubj", "nsubj:pass", "ROOT") and verb is not tok:
            return None
        words = [verb, *children(verb, AUX)]
        if not any("Past" in morph_get(w, "Tense") and "Ind" in morph_get(w, "Mood") for w in words):
            return None
        for holder in dict.fromkeys((tok, verb)):
            for c in children_of(holder):
                if dep(c) in ("nmod", "obl") and folded_lemma(c) in self.cues.long_unit \
                        and _measured(c, self.cues.duration_case):
                    return "historical", aux_evidence(c, "preterite with a duration of weeks or more")
        return None

    def _discourse_time(self, adoc: ArticleDoc, events: list[Event], pub: date) -> None:
        """Undated past events whose time the discourse gives: an anaphoric time phrase ('en
        esa oportunidad', 'aquel día') takes the last date named before it; a narrated past
        act with no date in its sentence goes on in the time of the sentence just before it
        when that sentence's main clause is dated before the news window (see
        :meth:`_narrative_frame`)."""
        doc = adoc.doc
        if doc is None or not self.cues.anaphor_time:
            return
        quotes = marked_quotes(adoc.article.text)
        for e in events:
            if e.aux_mode is not None or e.head is None or not e.date_inferred:
                continue
            s = e.trigger.sentence
            if not 0 < s < len(adoc.sentences) or any(d.span.sentence == s for d in adoc.dates):
                continue
            tok = doc[e.head]
            if self._reported(tok) or any(a <= tok.idx < b for a, b in quotes):
                continue
            anaphor = _narrated_past(tok) and any(
                folded_lemma(t) in self.cues.anaphor_time and any(
                    dep(c) == "det" and folded_lemma(c) in self.cues.anaphor_det for c in children_of(t))
                for t in sentence_of(tok))
            found = _frame_before(adoc, s, pub, back=3) if anaphor else self._narrative_frame(adoc, tok, s, pub)
            if found is None:
                continue
            e.aux_mode = "historical"
            e.aux_evidence = {"text": found.span.text, "start": found.span.start, "end": found.span.end,
                              "rule": "anaphoric time phrase" if anaphor else "narrative continues a dated sentence"}

    def _narrative_frame(self, adoc: ArticleDoc, tok: Any, s: int, pub: date) -> Any:
        """The date that frames the narrative an undated past act continues: a story told in
        the preterite keeps its reference time from one sentence to the next until a new
        date is named (Nueva gramática §23.9, the preterite's anchoring to a reference time
        given by the context). The act (a verb, or the verb an event noun hangs from) is a
        narrated preterite in a sentence whose main verb is one too (a past clause under a
        present main clause is comment: 'se encuentran ..., ya que la resolución se hizo'),
        not a statement (a verb of saying, a verb with a clause as its object, or a sentence
        reported by one: agency copy reports the day's statements undated), nor a reaction to
        an event named as its object ('los vecinos condenaron el ataque'); its sentence names no date and opens no story of a digest; the sentence
        just before dates its main clause ('El incidente se produjo cuando ... el viernes')
        and names no date in or after the news window. Dates after 'desde' open periods,
        and dates of relative or other subordinate clauses date only those ('la explosión
        que tuvo lugar en 1945'): neither frames the narrative."""
        doc = adoc.doc
        verb = tok
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        root = verb.sent.root
        if not _narrated_past(verb) or not _narrated_past(root) or self.lex.is_speech(verb) \
                or self.lex.is_speech(root) or any(dep(c) == "ccomp" for c in children_of(verb)):
            return None
        heads = {e.head for e in [*adoc.events, *adoc.secondary_events] if e.head is not None}
        if verb.i in heads and any(dep(c) == "obj" and c.i in heads for c in children_of(verb)):
            return None  # a reaction to an event ('condenaron el ataque'): the day's news
        text = adoc.article.text
        if _STORY_OPENING.search(text[adoc.sentences[s].start:adoc.sentences[s].end]):
            return None
        dates = [d for d in adoc.dates if d.span.sentence == s - 1 and d.value]
        ivs = [day_span(d.value or "", d.precision) for d in dates]
        if not dates or any(iv is None or iv[1] >= pub - timedelta(days=NEWS_WINDOW_DAYS) for iv in ivs):
            return None
        framing = [d for d in dates if _on_verb(doc, d.span.start, d.span.end)
                   and not self._opens_period(text, d)
                   and (v := _date_verb(doc, d.span.start, d.span.end)) is not None
                   and _main_clause(doc[v], frozenset(self.cues.while_mark))]
        return framing[-1] if framing else None

    def _opens_period(self, text: str, d: Any) -> bool:
        before = text[max(0, d.span.start - 12):d.span.start].lower().split()
        return bool(before) and before[-1] in self.cues.since

    def _recent_period(self, doc: Any, e: Event) -> tuple[str, dict[str, Any]] | None:
        """A past act placed in the last weeks or months ('en los últimos meses atacaron
        varias aldeas'): a summary of the recent past, before the news window (the
        guidelines' "recent months" summaries); or in the last season ('la pasada primavera',
        'el verano pasado'), which the time stage does not resolve: months back."""
        if e.head is None or not self.cues.recent_adj:
            return None
        tok = doc[e.head]
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        if dep(tok) == "fixed" and verb.pos_ not in ("VERB", "AUX"):
            verb = verb.head  # a locution's noun ('se pusieron de acuerdo')
        if not any("Past" in morph_get(w, "Tense") for w in [verb, *children(verb, AUX)]):
            return None
        for holder in dict.fromkeys((tok, verb)):
            for c in children_of(holder):
                if dep(c) in ("nmod", "obl", "obj") and (
                        folded_lemma(c) in self.cues.long_unit and "Plur" in morph_get(c, "Number")
                        or folded_lemma(c) in self.cues.season) and any(
                        dep(a) == "amod" and folded_lemma(a) in self.cues.recent_adj for a in children_of(c)):
                    return "historical", aux_evidence(c, "recent past period")
                if holder is tok and tok.pos_ == "NOUN" and dep(c) == "nmod" \
                        and folded_lemma(c) in self.cues.long_unit and any(
                        dep(a) == "amod" and folded_lemma(a) in self.cues.past_adj for a in children_of(c)):
                    # 'la huelga de la semana pasada': the noun's own past week or month (the
                    # time stage dates it on a verb, not in a noun's complement)
                    return "historical", aux_evidence(c, "recent past period")
        return None

    def _coming_period(self, doc: Any, e: Event) -> tuple[str, dict[str, Any]] | None:
        """An act placed in a coming period with no calendar date ('anunció una huelga para la
        próxima semana', 'negociarán en los próximos días'): the period lies ahead of the
        publication day, so the act is future (the guidelines' future: scheduled, planned)."""
        if e.head is None or not self.cues.coming_adj:
            return None
        tok = doc[e.head]
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        if tok.pos_ not in ("VERB", "AUX") and dep(tok) not in ("obj", "nsubj", "nsubj:pass"):
            verb = tok  # only a noun's own phrase, or the verb it is the object or subject of
        for holder in dict.fromkeys((tok, verb)):
            for c in children_of(holder):
                if dep(c) in ("nmod", "obl") and folded_lemma(c) in self.cues.time_unit and any(
                        dep(a) == "amod" and folded_lemma(a) in self.cues.coming_adj for a in children_of(c)):
                    return "future", aux_evidence(c, "coming period")
        return None

    def _announced(self, doc: Any, e: Event) -> tuple[str, dict[str, Any]] | None:
        """A protest named as what is announced ('anunciaron nuevas protestas', 'el anuncio
        del paro nacional'): a protest is announced before it is staged, as it is convened
        (planned: future). An announced arrest or resignation is a result, and keeps its own
        time. Read after the events stage merged the sentence's events, so a protest folded
        into the day's one keeps that one's mode."""
        if e.event not in _ANNOUNCED or e.head is None or not self.cues.announce:
            return None
        tok = doc[e.head]
        if tok.pos_ != "NOUN" or dep(tok) not in ("obj", "nmod") or folded_lemma(tok.head) not in self.cues.announce:
            return None
        return "future", aux_evidence(tok.head, "announced protest")

    def _reported(self, tok: Any) -> bool:
        node = tok
        for _ in range(8):
            if node.head.i == node.i:
                return False
            node = node.head
            if self.lex.is_speech(node):
                return True
        return False

    def _tense(self, doc: Any, e: Event) -> tuple[str, dict[str, Any]] | None:
        if e.head is None or not 0 <= e.head < len(doc):
            return None
        tok = doc[e.head]
        cues = self.cues
        if tok.pos_ == "NOUN" and dep(tok) == "obj" and "Inf" in morph_get(tok.head, "VerbForm"):
            # the act an obligation's infinitive takes ('hay que hacer una investigación',
            # 'tienen que realizar una huelga'): owed, not done (the infinitive's own words)
            found = self._obligation(tok.head)
            return ("hypothetical", aux_evidence(found, "obligation (tener que / have to)")) if found else None
        if tok.pos_ not in ("VERB", "AUX"):
            return None
        auxes = list(children(tok, AUX))
        if not (cues.perfect_aux or cues.go_aux or cues.oblige_aux):
            return None
        to = cues.infinitive_link
        for a in auxes:
            # the pluperfect: 'había acusado' (imperfect of haber), 'had accused'
            if a.lemma_.lower() in cues.perfect_aux and ({"Imp", "Past"} & set(morph_get(a, "Tense"))) \
                    and "Part" in morph_get(tok, "VerbForm"):
                return "historical", aux_evidence(a, "pluperfect")
        if "Inf" in morph_get(tok, "VerbForm") or tok.tag_ == "VB":
            marked = any(c.lower_ in to for c in children_of(tok))
            if (gov := self._obligation(tok)) is not None:
                return "hypothetical", aux_evidence(gov, "obligation (tener que / have to)")
            for gov in [*auxes, tok.head]:
                # 'van a reunirse', 'are going to meet': a present-tense 'go' + infinitive
                present = "Pres" in morph_get(gov, "Tense") or gov.tag_ == "VBG"
                if gov.lemma_.lower() in cues.go_aux and present and gov.i != tok.i and (marked or gov in auxes):
                    return "future", aux_evidence(gov, "go + infinitive (ir a / going to)")
        return None

    def _obligation(self, inf: Any) -> Any:
        """The verb of obligation ('tener', impersonal 'haber') the infinitive ``inf`` hangs
        from through its linking word ('tienen que negociar', 'hay que negociar'), or None.
        Not in the preterite: 'tuvo que renunciar', 'hubo que ir a buscar' say that the act
        was done (a perfective modal entails its act, Nueva gramática §28.9)."""
        gov = inf.head
        if gov.i == inf.i or gov.lemma_.lower() not in self.cues.oblige_aux \
                or "Past" in morph_get(gov, "Tense") and "Ind" in morph_get(gov, "Mood"):
            return None
        return gov if any(c.lower_ in self.cues.infinitive_link for c in children_of(inf)) else None

    def _participle_date(self, adoc: ArticleDoc, e: Event, pub: date | None) -> tuple[str, dict[str, Any]] | None:
        """An event noun whose participle clause is dated ('los atentados perpetrados entre
        el 25 de febrero y el 4 de marzo', 'la agresión que sufrió el viernes'): the date is
        the event's, even when the time stage gave the noun the date of a clause governing it
        ('afirmó el domingo que la agresión que sufrió el viernes ...')."""
        if pub is None or adoc.doc is None or e.head is None:
            return None
        return _noun_participle_date(adoc, adoc.doc[e.head], pub, self.time_lx, self.cues.since)

    def _background(self, adoc: ArticleDoc, e: Event) -> tuple[str, dict[str, Any]] | None:
        """An imperfect-tense event verb in the narrator's voice ('En principio demandaban
        ...'): past background. Under a verb of saying the imperfect is only the sequence of
        tenses ('dijo que reclamaban' = they claim now), so it is left alone; so is an
        imperfect clause hanging from another clause, and one in a sentence dated in the news
        window (read on unannotated agency copy: 'manifestaban este sábado' is the news)."""
        doc = adoc.doc
        if e.head is None or doc is None:
            return None
        tok = doc[e.head]
        if tok.pos_ != "VERB" or "Imp" not in morph_get(tok, "Tense") or "Ind" not in morph_get(tok, "Mood"):
            return None
        node = tok
        for _ in range(8):
            if node.head.i == node.i:
                break
            node = node.head
            if self.lex.is_speech(node):
                return None
        if any(a <= tok.idx < b for a, b in marked_quotes(adoc.article.text)):
            return None  # inside quoted speech
        if dep(tok) in ("acl", "acl:relcl", "advcl") or dep(tok) == "conj" and dep(tok.head) in (
                "acl", "acl:relcl", "advcl"):
            # 'cuando los manifestantes protestaban', 'una multitud que exigía su renuncia': an
            # imperfect clause describes a situation at the time of the clause it hangs from
            # (Nueva gramática §23.11), not a past of its own
            return None
        pub = _pub_date(adoc)
        if pub is not None and any(
                d.span.sentence == e.trigger.sentence and d.value
                and (iv := day_span(d.value, d.precision)) is not None
                and iv[1] >= pub - timedelta(days=NEWS_WINDOW_DAYS)
                for d in adoc.dates):
            # 'manifestaban este sábado', 'apedreaban este lunes': the imperfect of an act
            # going on in the news window
            return None
        return "historical", aux_evidence(tok, "imperfect (background)")

    @staticmethod
    def _same_event(adoc: ArticleDoc, pub: date | None = None,
                    other: Collection[str] = frozenset(),
                    openings: list[int] | None = None) -> None:
        """Current noun mentions of an event dated non-current elsewhere take its mode; a
        mention that names another event of the kind ('un ataque similar', 'otro atentado':
        ``other``, the alterity words) neither gives nor takes it. ``openings``: the
        article's :func:`story_openings`, when already read."""
        doc = adoc.doc
        dated: dict[tuple[str, str], Event] = {}
        every = [*adoc.events, *adoc.secondary_events]
        for e in every:
            ev = e.aux_evidence or {}
            if e.aux_mode in _PROPAGATED and str(ev.get("rule", "")).startswith("date") \
                    and not _another(doc, e, other):
                dated.setdefault((e.event, _lemma(doc, e)), e)
        # the story openings of a digest after the article's own dateline: a dated mention
        # of another story is another event ('la cumbre' of two summits)
        if openings is None:
            openings = story_openings(adoc.article.text)
        for e in every:
            if e.aux_mode is not None or e.head is None or _another(doc, e, other):
                continue
            tok = doc[e.head]
            keys = [_stem(m.text) for m in e.mentions[1:] if len(m.text.split()) == 1]
            if tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.text.isupper()):
                # (an all-capitals headline word is often tagged a proper noun)
                keys.insert(0, _lemma(doc, e))
            src = next((dated[(e.event, k)] for k in keys if (e.event, k) in dated), None)
            if src is not None and _story(src.trigger.start, openings) != _story(e.trigger.start, openings):
                continue
            if src is None:
                if pub is not None:
                    _dated_noun_mention(adoc, e, keys, pub)
                continue
            if src is not e:
                e.aux_mode = src.aux_mode
                e.aux_evidence = {"text": src.trigger.text, "start": src.trigger.start,
                                  "end": src.trigger.end, "rule": "same event as a dated mention"}


def story_openings(text: str) -> list[int]:
    """Where the stories of a digest open after the article's own dateline ('QUITO - ')."""
    return [m.start() for m in _STORY_OPENING.finditer(text)][1:]


def _story(pos: int, openings: list[int]) -> int:
    return bisect_right(openings, pos)


def _definite_reference(doc: Any, events: list[Event], openings: list[int] | None = None) -> None:
    """A definite noun with no date of its own ('condenó el ataque', 'este atentado') refers
    back to an event the reader knows: when every dated event of that PLOVER type in the
    article is historical (the article's one dated attack was three days ago), the noun
    takes that mode. A definite noun presupposes that its event took place, so it never
    takes a planned, hypothetical or negated mode this way (read on the unannotated AFP
    articles: 'los acuerdos de Esquipulas' after 'se reunirán el lunes', 'las
    movilizaciones ... se cumplieron' after a hoped-for protest, 'la huelga ocasionó
    pérdidas' after a cancelled strike were wrong about 30 times in 34)."""
    openings = openings or []
    dated: dict[tuple[str, int], set[str | None]] = {}
    source: dict[tuple[str, int], Event] = {}
    for e in events:
        if not e.date_inferred and e.date_span is not None:
            key = (e.event, _story(e.trigger.start, openings))  # (within one story of a digest)
            dated.setdefault(key, set()).add(e.aux_mode)
            source.setdefault(key, e)
    for e in events:
        if e.aux_mode is not None or e.head is None or not e.date_inferred:
            continue
        tok = doc[e.head]
        key = (e.event, _story(e.trigger.start, openings))
        modes = dated.get(key, set())
        if tok.pos_ != "NOUN" or modes not in ({"historical"}, {"future"}) or not _definite(tok):
            continue
        src = source[key]
        if modes == {"future"} and not (_demonstrative(tok) and src.trigger.start < e.trigger.start):
            # a demonstrative points back at the one event of its type the text placed ahead
            # ('marcharán el lunes ... esta marcha busca'): the same planned event; a plain
            # definite noun may name another ('las negociaciones' after 'se reunirán')
            continue
        e.aux_mode = next(iter(modes))
        e.aux_evidence = {"text": src.trigger.text, "start": src.trigger.start,
                          "end": src.trigger.end, "rule": "definite reference to a dated event"}


def _measured(unit: Any, duration_case: set[str]) -> bool:
    """A unit of time that measures a length ('de nueve meses', 'durante varios meses'), not
    one that places an event ('esta semana') or an age ('a los 14 años'): a preposition of
    length and a number or quantity."""
    cases = [folded_lemma(n) for n in children_of(unit) if dep(n) == "case"]
    if not cases or any(c not in duration_case for c in cases):
        return False
    return any(
        dep(n) == "nummod" or n.like_num or n.doc.vocab[n.lemma_].like_num  # 'nueve', 'tres'
        or dep(n) == "det" and "Ind" in morph_get(n, "PronType")  # 'varios meses'
        for n in children_of(unit)) or "durante" in cases


def _narrated_past(tok: Any) -> bool:
    """A verb in the preterite, or a participle with a preterite auxiliary ('fue agredido')."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    words = [tok, *children(tok, AUX)]
    return any("Past" in morph_get(w, "Tense") and "Ind" in morph_get(w, "Mood") for w in words)


def _frame_before(adoc: ArticleDoc, s: int, pub: date, back: int) -> Any:
    """The last date of the ``back`` sentences before sentence ``s``, when the nearest one
    that names a date names only dates before the news window; else None."""
    for k in range(s - 1, max(-1, s - 1 - back), -1):
        dates = [d for d in adoc.dates if d.span.sentence == k and d.value and d.precision]
        ivs = [interval(d.value or "", d.precision or "") for d in dates]
        if not dates:
            continue
        if any(iv is None or iv[1] >= pub - timedelta(days=NEWS_WINDOW_DAYS) for iv in ivs):
            return None
        return max(dates, key=lambda d: d.span.start)
    return None


# a story of a digest opens with its dateline ('(AFP)', 'JERUSALEN - '): no narrative goes
# on across it
_STORY_OPENING = re.compile(r"\(AFP\)|[A-ZÁÉÍÓÚÑ]{4,}[^a-z\n]{0,40} - ")


def _main_clause(verb: Any, marks: frozenset[str]) -> bool:
    """``verb`` heads its sentence's main clause: the root, a verb coordinated with it, or a
    time clause sharing its time ('cuando acudió el viernes')."""
    for _ in range(6):
        while dep(verb) == "conj" and verb.head.i != verb.i:
            verb = verb.head
        if dep(verb) == "advcl" and any(dep(c) == "mark" and folded_lemma(c) in marks
                                        for c in children_of(verb)) and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    return bool(verb.head.i == verb.i)


def _time_linked(tok: Any, marks: frozenset[str], while_marks: frozenset[str] = frozenset()) -> set[int]:
    """Token indices of the verbs that share the time of ``tok``'s clause: its own verb,
    the verbs coordinated with it, the verb its time clause hangs from, and its own time
    clauses of simultaneity (``while_marks``: 'al asumir el 20 de abril, se comprometió',
    'cuando llegó el lunes, declaró': the time clause's date is the main clause's)."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    out = {verb.i}
    top = verb
    while dep(top) == "conj" and top.head.i != top.i:
        top = top.head
    out.add(top.i)
    out.update(c.i for c in children_of(top) if dep(c) == "conj")
    if dep(top) == "advcl" and any(dep(c) == "mark" and folded_lemma(c) in marks for c in children_of(top)):
        out.add(top.head.i)
    if while_marks:
        out.update(c.i for c in children_of(top) if dep(c) == "advcl" and any(
            dep(m) == "mark" and folded_lemma(m) in while_marks for m in children_of(c)))
    return out


def _date_verb(doc: Any, start: int, end: int) -> int | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.head.i if span is not None and len(span) else None


def _presupposed(doc: Any, e: Event) -> bool:
    """The event is named by a definite noun phrase that carries its own date ('la reunión
    del 23 de abril') or is the subject, the topic, of the wished clause ('prefieren que la
    huelga se realice el 25'): the speaker takes it as scheduled, so a wish or condition
    around it does not make it hypothetical. A demanded act named as the object of the
    demand ('exigió la liberación de los presos antes del lunes') is its content:
    hypothetical."""
    if e.head is None or not 0 <= e.head < len(doc) or e.date_span is None:
        return False
    tok = doc[e.head]
    if tok.pos_ != "NOUN" or not (_definite(tok) or any(
            "Yes" in morph_get(c, "Poss") for c in children_of(tok) if dep(c) == "det")):
        return False
    if dep(tok) in ("nsubj", "nsubj:pass"):
        return True
    span = doc.char_span(e.date_span.start, e.date_span.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.head.i == tok.i


def _own_date(doc: Any, e: Event, limits: set[str]) -> bool:
    """The event is a definite noun whose own date hangs on it ('la reunión del 25 de enero',
    'la cumbre de la próxima semana'): the speaker names it as scheduled, so a modal, a
    condition or a threat around it does not make it hypothetical (the guidelines: a planned
    event presupposed inside a conditional stays future). A limit ('antes del lunes', 'hasta
    el lunes') is the deadline of a wish, not the event's date."""
    if e.head is None or not 0 <= e.head < len(doc) or e.date_span is None:
        return False
    tok = doc[e.head]
    if tok.pos_ != "NOUN" or not _definite(tok):
        return False
    span = doc.char_span(e.date_span.start, e.date_span.end, alignment_mode="expand")
    if span is None or not len(span) or span.root.head.i != tok.i:
        return False
    return not (span.start > 0 and fold(doc[span.start - 1].lemma_) in limits
                or span.start > 1 and fold(doc[span.start - 2].lemma_) in limits)


def _demonstrative(tok: Any) -> bool:
    return any(dep(c) == "det" and "Dem" in morph_get(c, "PronType") for c in children_of(tok))


def _definite(tok: Any) -> bool:
    return definite(tok, before_only=False)


def _gerund_time(doc: Any, events: list[Event], endings: Collection[str] = (),
                 clitics: Collection[str] = ()) -> None:
    """A gerund adjunct with no mode of its own ('dispararon contra la multitud, matando a
    tres') happens when the event of the verb it hangs from happens: it takes its mode. A
    gerund with enclitic pronouns the tagger read as another part of speech ('expulsó al
    agregado acusándolo de espionaje': an adjective of the noun) hangs from the nearest verb
    above it."""
    by_head = {e.head: e for e in events if e.head is not None}
    for e in events:
        if e.aux_mode is not None or e.head is None:
            continue
        tok = doc[e.head]
        up = tok.head
        if tok.pos_ not in ("VERB", "AUX") and _clitic_gerund(tok.text, endings, clitics):
            while up.pos_ not in ("VERB", "AUX") and up.head.i != up.i:
                up = up.head
        elif "Ger" not in morph_get(tok, "VerbForm") or dep(tok) not in ("advcl", "xcomp", "conj"):
            continue
        gov = by_head.get(up.i)
        if gov is not None and gov is not e and gov.aux_mode is not None:
            e.aux_mode = gov.aux_mode
            e.aux_evidence = {"text": gov.trigger.text, "start": gov.trigger.start,
                              "end": gov.trigger.end, "rule": "gerund of the event it hangs from"}


def _clitic_gerund(word: str, endings: Collection[str], clitics: Collection[str]) -> bool:
    """``word`` is a gerund with enclitic pronouns by its form alone: a gerund ending, one or
    more enclitics after it, and the written accent such a word always takes ('acusándolo',
    'diciéndoles'; Spanish morphology and stress rules)."""
    if not endings or word == fold(word):
        return False
    rest = fold(word).lower()
    seen = False
    while True:
        c = next((c for c in sorted(clitics, key=len, reverse=True) if rest.endswith(c) and len(rest) > len(c)), None)
        if c is None:
            break
        rest, seen = rest[: -len(c)], True
        if any(rest.endswith(g) for g in endings):
            return True
    return seen and any(rest.endswith(g) for g in endings)


def _dated_noun_mention(adoc: ArticleDoc, e: Event, keys: list[str], pub: date) -> None:
    """A dated noun mention that is no event of its own ('la ola de atentados perpetrados el
    25 de febrero') with the event's head noun: same event, so its mode."""
    if not any(d.value and d.precision for d in adoc.dates):
        return  # no date to carry (what _noun_participle_date would find for every noun)
    doc = adoc.doc
    store = doc_cache(doc, "calendar.nouns")  # the indices of the document's nouns
    nouns = store.get(0)
    if nouns is None:
        nouns = store[0] = [i for i, pos in enumerate(token_column(doc, POS)) if pos == NOUN]
    toks = tokens_of(doc)  # (``doc[i]`` builds a new Token on every read)
    for i in nouns:
        tok = toks[i]
        if tok.i == e.head or _stem(tok.text) not in keys:
            continue
        found = _noun_participle_date(adoc, tok, pub)
        if found:
            e.aux_mode = found[0]
            e.aux_evidence = {"text": tok.text, "start": tok.idx, "end": tok.idx + len(tok.text),
                              "rule": "same event as a dated mention"}
            return


def _told_in_the_past(doc: Any, e: Event, ahead_case: set[str], coming: set[str]) -> bool:
    """The event is a finite verb in a past tense of the indicative (the preterite, the
    imperfect, or a compound past) and its own date hangs on it, with no 'para' of a time
    set ahead ('fijaron la cumbre para marzo') nor a limit ('hasta el lunes'), no word of a
    coming time ('el lunes próximo'), and no year."""
    if e.head is None or e.date_span is None or not 0 <= e.head < len(doc):
        return False
    tok = doc[e.head]
    words = [fold(w) for w in e.date_span.text.split()]
    if tok.pos_ not in ("VERB", "AUX") or any(w.isdigit() and len(w) == 4 or w in coming for w in words):
        return False
    if not any("Fin" in morph_get(w, "VerbForm") and "Ind" in morph_get(w, "Mood")
               and {"Past", "Imp"} & set(morph_get(w, "Tense")) for w in [tok, *children(tok, AUX)]):
        return False
    span = doc.char_span(e.date_span.start, e.date_span.end, alignment_mode="expand")
    if span is None or not len(span) or span.root.head.i != tok.i:
        return False
    before = [folded_lemma(t) for t in doc[max(0, span.start - 2):span.start]]
    return not any(w in ahead_case for w in before) and not any(
        folded_lemma(c) in ahead_case for c in children_of(span.root) if dep(c) == "case")


def _noun_participle_date(adoc: ArticleDoc, head: Any, pub: date, lx: Any = None,
                          since: frozenset[str] | set[str] = frozenset()) -> tuple[str, dict[str, Any]] | None:
    """'historical' and the date when the noun ``head`` (or the noun it modifies: 'la ola de
    atentados perpetrados el ...') carries a participle clause dated before the news window.
    A date opening a period (``since``: 'las protestas que realizan desde el miércoles')
    tells when an act still going on began: it dates nothing before the window."""
    if head.pos_ != "NOUN":
        return None
    nouns = [head] + ([head.head] if dep(head) == "nmod" and head.head.pos_ == "NOUN" else [])
    # a participle clause ('los atentados perpetrados el ...') or a relative clause ('la
    # agresión que sufrió el viernes') on the noun
    parts = [c for n in nouns for c in children_of(n)
             if "Part" in morph_get(c, "VerbForm") and dep(c) in ("acl", "amod")
             or c.pos_ in ("VERB", "AUX") and _relative(c)]
    if not parts:
        return None
    for d in adoc.dates:
        if not d.value or not d.precision:
            continue
        span = adoc.doc.char_span(d.span.start, d.span.end, alignment_mode="expand")
        if span is None or not any(p.i == span.root.head.i for p in parts):
            continue
        if since and span.start > 0 and fold(span.doc[span.start - 1].text) in since:
            continue
        iv = interval(d.value, d.precision)
        ev = {"text": d.span.text, "start": d.span.start, "end": d.span.end}
        if iv is not None and (iv[1] < pub - timedelta(days=NEWS_WINDOW_DAYS) or iv[0] > pub) \
                and lx is not None and _weekday_ahead(adoc.doc, d.span.start, d.span.end, d.value, pub, lx):
            return "future", {**ev, "rule": _AHEAD}  # 'la cumbre que comienza el jueves'
        if iv is not None and iv[1] < pub - timedelta(days=NEWS_WINDOW_DAYS):
            return "historical", {**ev, "rule": "date before the news window (participle)"}
    return None


def _weekday_ahead(doc: Any, start: int, end: int, value: str, pub: date, lx: Any) -> bool:
    """A bare weekday ('el jueves', 'este jueves', not 'el jueves pasado') of a verb in the
    present indicative (:func:`present_dated`: 'la cumbre que comienza el jueves', 'se reúnen
    el viernes', 'piensa boicotear el jueves'), whatever way the time stage read it: the day
    is the next one. The time stage reads a plain 'el jueves' of a present forward itself;
    this also catches the ones it leaves back ('este jueves' two days before publication)."""
    if len(value) != 10:
        return False  # a day, not a month or a year
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    if not pub - timedelta(days=6) <= day < pub - timedelta(days=NEWS_WINDOW_DAYS) \
            and not pub < day <= pub + timedelta(days=6):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    words = [fold_case(t.text) for t in span]
    if not any(lx.has("weekday", w) for w in words) or any(
            lx.has("mod_past", w) or lx.has("month", w) or w.isdigit() for w in words):
        return False
    return present_dated(doc, start, end)


def _in_other_relative(doc: Any, start: int, end: int, tok: Any) -> bool:
    """The date hangs off a relative clause that does not hold ``tok`` ('la agresión que
    sufrió el viernes' dates the aggression, not the other events of the sentence)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    verb = span.root.head
    return _relative(verb) and not (verb.i == tok.i or verb.is_ancestor(tok))


def _relative(verb: Any) -> bool:
    """``verb`` heads a relative clause on its noun ('que sufrió el viernes')."""
    return dep(verb) == "acl:relcl" or dep(verb) == "acl" and any(
        "Rel" in morph_get(c, "PronType") for c in children_of(verb))


def _another(doc: Any, e: Event, other: Collection[str]) -> bool:
    """Whether the event noun is modified by a word of alterity ('un ataque similar', 'otro
    atentado', 'a new attack'): it names another event of its kind."""
    if not other or e.head is None or not 0 <= e.head < len(doc):
        return False
    return any(dep(c) in ("amod", "det") and folded_lemma(c) in other
               for c in children_of(doc[e.head]))


def _lemma(doc: Any, e: Event) -> str:
    """The trigger's head word, lower case, without a plural -s ('ATENTADOS' = 'atentado')."""
    word = e.trigger.text if e.head is None or not 0 <= e.head < len(doc) else doc[e.head].text
    return _stem(word)


def _stem(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _pub_date(adoc: ArticleDoc) -> date | None:
    try:
        return date.fromisoformat(adoc.article.date) if adoc.article.date else None
    except ValueError:
        return None


def _present_indicative(doc: Any, e: Event) -> bool:
    if e.head is None or not 0 <= e.head < len(doc):
        return False
    tok = doc[e.head]
    words = [tok, *children(tok, AUX)]
    return tok.pos_ == "VERB" and "Pres" in morph_get(tok, "Tense") and "Ind" in morph_get(tok, "Mood") \
        and not any("Past" in morph_get(w, "Tense") or "Part" in morph_get(w, "VerbForm") for w in words)


def _on_verb(doc: Any, start: int, end: int) -> bool:
    """The date expression hangs off a verb (or is the sentence's root), not off a noun."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    if span is None or not len(span):
        return False
    head = span.root.head
    return head.i == span.root.i or head.pos_ in ("VERB", "AUX")
