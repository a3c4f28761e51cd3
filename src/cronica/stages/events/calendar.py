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

from datetime import date, timedelta
from typing import Any

from cronica.model import ArticleDoc, Event
from cronica.stages.attribution.lexicon import attribution_lexicon, marked_quotes
from cronica.stages.events.coder import aux_evidence
from cronica.stages.events.lexicon import lexicon
from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.nlp.syntax import AUX, children, dep, morph_get
from cronica.stages.time.resolver import interval

NEWS_WINDOW_DAYS = 1  # the publication day and the day before
_PROPAGATED = ("historical", "future")
# hypothetical modes that a date after publication turns into 'future': a scheduled event
# presupposed under a wish, a demand or a subjunctive clause ('que la reunión se celebre el 23')
_SCHEDULABLE = ("governing word", "subjunctive complement")


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

    def run(self, adoc: ArticleDoc) -> None:
        pub = _pub_date(adoc)
        doc = adoc.doc
        every = [*adoc.events, *adoc.secondary_events]
        for e in every:
            present = doc is not None and _present_indicative(doc, e)
            if e.aux_mode == "historical" and e.aux_evidence is None and present:
                e.aux_mode = None  # 'los mineros reclaman el pago de 1993': the claim is now
            if e.aux_mode == "hypothetical" and (e.aux_evidence or {}).get("rule") in _SCHEDULABLE:
                # a scheduled event presupposed under a wish or condition stays future
                # ('espera que la reunión del 23 de abril sea ...')
                found = self._calendar(adoc, e, pub)
                if found and found[0] == "future":
                    e.aux_mode, e.aux_evidence = found
            if e.aux_mode is None:
                found = (None if present else self._calendar(adoc, e, pub)) \
                    or (self._tense(doc, e) if doc is not None else None) \
                    or self._participle_date(adoc, e, pub) \
                    or self._sentence_dates(adoc, e, pub) \
                    or (self._background(adoc, e) if doc is not None else None)
                if found:
                    e.aux_mode, e.aux_evidence = found
        if doc is not None:
            self._same_event(adoc, pub)
            _gerund_time(doc, every)
            _definite_reference(doc, every)
        for e in every:
            if e.aux_mode is None:
                e.aux_evidence = None
            elif e.aux_evidence is None:
                dated = e.aux_mode == "historical" and e.date_span is not None
                span = e.date_span if dated and e.date_span is not None else e.trigger
                e.aux_evidence = {"text": span.text, "start": span.start, "end": span.end,
                                  "rule": "date before the news window" if dated else "events stage"}

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
        if iv[1] < pub - timedelta(days=NEWS_WINDOW_DAYS):
            return "historical", {**ev, "rule": "date before the news window"}
        if iv[0] > pub:
            return "future", {**ev, "rule": "date after publication"}
        return None

    @staticmethod
    def _sentence_dates(adoc: ArticleDoc, e: Event, pub: date | None) -> tuple[str, dict[str, Any]] | None:
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
        # dates of the clause: attached to a verb, not modifying a noun ('la elección del domingo')
        dates = [d for d in adoc.dates if d.span.sentence == e.trigger.sentence and d.value and d.precision
                 and _on_verb(adoc.doc, d.span.start, d.span.end)
                 and not _in_other_relative(adoc.doc, d.span.start, d.span.end, tok)]
        ivs = [(d, iv) for d in dates
               if (iv := interval(d.value or "", d.precision or "")) is not None]
        if not ivs or not all(iv[1] < pub - timedelta(days=NEWS_WINDOW_DAYS) for _, iv in ivs):
            return None
        d = ivs[0][0]
        return "historical", {"text": d.span.text, "start": d.span.start, "end": d.span.end,
                              "rule": "date before the news window (sentence)"}

    def _tense(self, doc: Any, e: Event) -> tuple[str, dict[str, Any]] | None:
        if e.head is None or not 0 <= e.head < len(doc):
            return None
        tok = doc[e.head]
        if tok.pos_ not in ("VERB", "AUX"):
            return None
        auxes = list(children(tok, AUX))
        cues = self.cues
        if not (cues.perfect_aux or cues.go_aux or cues.oblige_aux):
            return None
        to = cues.infinitive_link
        for a in auxes:
            # the pluperfect: 'había acusado' (imperfect of haber), 'had accused'
            if a.lemma_.lower() in cues.perfect_aux and ({"Imp", "Past"} & set(morph_get(a, "Tense"))) \
                    and "Part" in morph_get(tok, "VerbForm"):
                return "historical", aux_evidence(a, "pluperfect")
        if "Inf" in morph_get(tok, "VerbForm") or tok.tag_ == "VB":
            gov = tok.head
            marked = any(c.lower_ in to for c in tok.children)
            if gov.lemma_.lower() in cues.oblige_aux and marked and gov.i != tok.i:
                return "hypothetical", aux_evidence(gov, "obligation (tener que / have to)")
            for gov in [*auxes, tok.head]:
                # 'van a reunirse', 'are going to meet': a present-tense 'go' + infinitive
                present = "Pres" in morph_get(gov, "Tense") or gov.tag_ == "VBG"
                if gov.lemma_.lower() in cues.go_aux and present and gov.i != tok.i and (marked or gov in auxes):
                    return "future", aux_evidence(gov, "go + infinitive (ir a / going to)")
        return None

    @staticmethod
    def _participle_date(adoc: ArticleDoc, e: Event, pub: date | None) -> tuple[str, dict[str, Any]] | None:
        """An event noun whose participle clause is dated ('los atentados perpetrados entre
        el 25 de febrero y el 4 de marzo', 'la agresión que sufrió el viernes'): the date is
        the event's, even when the time stage gave the noun the date of a clause governing it
        ('afirmó el domingo que la agresión que sufrió el viernes ...')."""
        if pub is None or adoc.doc is None or e.head is None:
            return None
        return _noun_participle_date(adoc, adoc.doc[e.head], pub)

    def _background(self, adoc: ArticleDoc, e: Event) -> tuple[str, dict[str, Any]] | None:
        """An imperfect-tense event verb in the narrator's voice ('En principio demandaban
        ...'): past background. Under a verb of saying the imperfect is only the sequence of
        tenses ('dijo que reclamaban' = they claim now), so it is left alone."""
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
        return "historical", aux_evidence(tok, "imperfect (background)")

    @staticmethod
    def _same_event(adoc: ArticleDoc, pub: date | None = None) -> None:
        """Current noun mentions of an event dated non-current elsewhere take its mode."""
        doc = adoc.doc
        dated: dict[tuple[str, str], Event] = {}
        every = [*adoc.events, *adoc.secondary_events]
        for e in every:
            ev = e.aux_evidence or {}
            if e.aux_mode in _PROPAGATED and str(ev.get("rule", "")).startswith("date"):
                dated.setdefault((e.event, _lemma(doc, e)), e)
        for e in every:
            if e.aux_mode is not None or e.head is None:
                continue
            tok = doc[e.head]
            keys = [_stem(m.text) for m in e.mentions[1:] if len(m.text.split()) == 1]
            if tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.text.isupper()):
                # (an all-capitals headline word is often tagged a proper noun)
                keys.insert(0, _lemma(doc, e))
            src = next((dated[(e.event, k)] for k in keys if (e.event, k) in dated), None)
            if src is None:
                if pub is not None:
                    _dated_noun_mention(adoc, e, keys, pub)
                continue
            if src is not e:
                e.aux_mode = src.aux_mode
                e.aux_evidence = {"text": src.trigger.text, "start": src.trigger.start,
                                  "end": src.trigger.end, "rule": "same event as a dated mention"}


def _definite_reference(doc: Any, events: list[Event]) -> None:
    """A definite noun with no date of its own ('condenó el ataque', 'este atentado') refers
    back to an event the reader knows: when every dated event of that PLOVER type in the
    article has the same non-current mode (the article's one dated attack was three days
    ago), the noun takes it."""
    dated: dict[str, set[str | None]] = {}
    source: dict[str, Event] = {}
    for e in events:
        if not e.date_inferred and e.date_span is not None:
            dated.setdefault(e.event, set()).add(e.aux_mode)
            source.setdefault(e.event, e)
    for e in events:
        if e.aux_mode is not None or e.head is None or not e.date_inferred:
            continue
        tok = doc[e.head]
        modes = dated.get(e.event, set())
        if tok.pos_ != "NOUN" or len(modes) != 1 or None in modes or not _definite(tok):
            continue
        src = source[e.event]
        e.aux_mode = next(iter(modes))
        e.aux_evidence = {"text": src.trigger.text, "start": src.trigger.start,
                          "end": src.trigger.end, "rule": "definite reference to a dated event"}


def _definite(tok: Any) -> bool:
    return any(dep(c) == "det" and ("Def" in morph_get(c, "Definite") or "Dem" in morph_get(c, "PronType"))
               for c in tok.children)


def _gerund_time(doc: Any, events: list[Event]) -> None:
    """A gerund adjunct with no mode of its own ('dispararon contra la multitud, matando a
    tres') happens when the event of the verb it hangs from happens: it takes its mode."""
    by_head = {e.head: e for e in events if e.head is not None}
    for e in events:
        if e.aux_mode is not None or e.head is None:
            continue
        tok = doc[e.head]
        if "Ger" not in morph_get(tok, "VerbForm") or dep(tok) not in ("advcl", "xcomp", "conj"):
            continue
        gov = by_head.get(tok.head.i)
        if gov is not None and gov is not e and gov.aux_mode is not None:
            e.aux_mode = gov.aux_mode
            e.aux_evidence = {"text": gov.trigger.text, "start": gov.trigger.start,
                              "end": gov.trigger.end, "rule": "gerund of the event it hangs from"}


def _dated_noun_mention(adoc: ArticleDoc, e: Event, keys: list[str], pub: date) -> None:
    """A dated noun mention that is no event of its own ('la ola de atentados perpetrados el
    25 de febrero') with the event's head noun: same event, so its mode."""
    for tok in adoc.doc:
        if tok.i == e.head or tok.pos_ != "NOUN" or _stem(tok.text) not in keys:
            continue
        found = _noun_participle_date(adoc, tok, pub)
        if found:
            e.aux_mode = found[0]
            e.aux_evidence = {"text": tok.text, "start": tok.idx, "end": tok.idx + len(tok.text),
                              "rule": "same event as a dated mention"}
            return


def _noun_participle_date(adoc: ArticleDoc, head: Any, pub: date) -> tuple[str, dict[str, Any]] | None:
    """'historical' and the date when the noun ``head`` (or the noun it modifies: 'la ola de
    atentados perpetrados el ...') carries a participle clause dated before the news window."""
    if head.pos_ != "NOUN":
        return None
    nouns = [head] + ([head.head] if dep(head) == "nmod" and head.head.pos_ == "NOUN" else [])
    # a participle clause ('los atentados perpetrados el ...') or a relative clause ('la
    # agresión que sufrió el viernes') on the noun
    parts = [c for n in nouns for c in n.children
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
        iv = interval(d.value, d.precision)
        if iv is not None and iv[1] < pub - timedelta(days=NEWS_WINDOW_DAYS):
            return "historical", {"text": d.span.text, "start": d.span.start, "end": d.span.end,
                                  "rule": "date before the news window (participle)"}
    return None


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
        "Rel" in morph_get(c, "PronType") for c in verb.children)


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
