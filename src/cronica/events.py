"""Stage 'events': PLOVER 2.0 events from trigger words, their arguments and modes.

For each sentence, verbs and event nouns found in the language's trigger lexicon
(``data/<lang>/event_triggers.tsv``) become candidate events. Then:

- reporting verbs ('dijo', 'said') are never events; events inside reported speech are;
- support verbs ('realizar una huelga', 'llevar a cabo') are not events, their noun is;
- a trigger inside the complement of another trigger is one event with it: the governing
  verbal event wins ('amenazaron con una huelga' -> THREATEN; 'acuerdan iniciar
  conversaciones' -> AGREE), except that a material-conflict noun beats a cooperative
  verb ('acordaron una huelga' -> PROTEST, future); same-type nesting gives one event;
- headline dedup: when the first line of the text is a headline and one of its events has
  the same type and actor/recipient codes as a body event, the body event is kept with
  the headline trigger appended to ``mentions`` (body trigger first: it has the context).

Arguments come from the dependency parse (:mod:`cronica.events_args`), auxiliary modes
and contexts from cue words (:mod:`cronica.events_modes`).
"""

from __future__ import annotations

import logging
from typing import Any

from cronica.events_args import RECIPROCAL_TYPES, ActorIndex, find_args, speaker_subject, to_arg
from cronica.events_lexicon import Match, fold, lexicon
from cronica.events_modes import aux_mode, contexts
from cronica.model import ArticleDoc, Event

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# governing event types that absorb an event expressed in their complement
_FRAME_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT", "CONSULT"})
_COOP_FRAMES = frozenset({"AGREE", "SUPPORT", "CONSULT"})
_MATERIAL_CONFLICT = frozenset({"PROTEST", "MOBILIZE", "COERCE", "ASSAULT"})
# relations through which one trigger sits in another's complement
_NEST = frozenset({"xcomp", "obj", "dobj", "nmod", "obl", "pobj", "prep", "acl", "iobj", "ccomp",
                   "advcl"})
# the topic of a protest (a demand, a rejection) is not coded apart from it (PLOVER manual)
_PROTEST_TOPICS = frozenset({"REQUEST", "REJECT", "ACCUSE"})
# participles used as nouns ('los detenidos') are participants, not events
_NOMINAL_DEPS = frozenset({"nsubj", "obj", "dobj", "obl", "nmod", "appos", "pobj", "iobj"})
_MAX_NEST = 3
# participial modifiers ('grupos respaldados por Irán') are events only for strong triggers
_PARTICIPLE_MIN_WEIGHT = 0.8


class EventCoder:
    """Fills ``adoc.events`` (ids 'e0', 'e1', ... in text order)."""

    name = "events"

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lex = lexicon(lang)
        self.cues = self.lex.cues
        self.speech = set(self.cues.speech)

    # -- trigger detection ----------------------------------------------
    def find_triggers(self, doc: Any) -> list[Match]:
        """Lexicon matches that can be events (speech verbs and weak participles removed)."""
        out: list[Match] = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            if tok.pos_ not in ("VERB", "NOUN", "PROPN", "ADJ", "AUX") or self._is_speech(tok):
                i += 1
                continue
            m = self.lex.match(doc, i)
            if (m is None or self._weak_participle(tok, m) or self._noun_modifier(tok, m)
                    or _named(tok)):
                i += 1
                continue
            out.append(m)
            i = m.end
        return out

    def _is_speech(self, tok: Any) -> bool:
        lemma = fold(tok.lemma_)
        if lemma in self.speech:
            return True
        if lemma in self.cues.speech_if_clause:
            return any(c.dep_ in ("ccomp", "mark") for c in tok.children)
        return False

    @staticmethod
    def _weak_participle(tok: Any, m: Match) -> bool:
        if "Part" not in tok.morph.get("VerbForm") or tok.pos_ == "AUX":
            return False
        if tok.dep_ in _NOMINAL_DEPS and any(c.dep_ == "det" for c in tok.children):
            return True
        return tok.dep_ in ("acl", "amod") and m.entry.weight < _PARTICIPLE_MIN_WEIGHT

    @staticmethod
    def _noun_modifier(tok: Any, m: Match) -> bool:
        """'período de negociación', 'fuerzas de combate': a weak event noun that only
        classifies another noun is not an event."""
        return (tok.pos_ == "NOUN" and tok.dep_ in ("nmod", "compound") and tok.head.pos_ == "NOUN"
                and m.entry.weight < 0.7)

    def resolve_nesting(self, doc: Any, matches: list[Match]) -> tuple[list[Match], dict[int, str]]:
        """Drop triggers folded into a governing one; returns kept matches and forced aux modes."""
        by_head = {m.head: m for m in matches}
        dropped: set[int] = set()
        forced: dict[int, str] = {}
        for m in matches:
            gov, direct, clausal = self._governing_trigger(doc, m.head, by_head)
            if gov is None or gov.head in dropped:
                continue
            if gov.entry.event == m.entry.event:
                dropped.add(m.head if m.head > gov.head else gov.head)
            elif clausal and m.entry.event in _MATERIAL_CONFLICT:
                continue  # 'denunciaron que atacaron': two events
            elif gov.entry.event == "PROTEST" and m.entry.event in _PROTEST_TOPICS:
                dropped.add(m.head)
            elif gov.entry.event in _COOP_FRAMES and m.entry.event in _MATERIAL_CONFLICT and direct:
                # 'acordaron una huelga': the strike is the news, announced for later
                dropped.add(gov.head)
                forced.setdefault(m.head, "future")
            elif gov.entry.event in _FRAME_TYPES:
                dropped.add(m.head)
        return [m for m in matches if m.head not in dropped], forced

    def _governing_trigger(
        self, doc: Any, i: int, by_head: dict[int, Match]
    ) -> tuple[Match | None, bool, bool]:
        """The nearest trigger whose complement holds token ``i``; whether ``i`` is its
        direct object; whether the path crosses a finite or adverbial clause."""
        node = doc[i]
        clausal = False
        for step in range(_MAX_NEST):
            if node.dep_ not in _NEST or node.head.i == node.i:
                return None, False, False
            dep = node.dep_
            clausal = clausal or dep in ("ccomp", "advcl")
            node = node.head
            if self._is_speech(node):
                return None, False, False
            if node.i in by_head:
                return by_head[node.i], step == 0 and dep in ("obj", "dobj"), clausal
        return None, False, False

    # -- events -----------------------------------------------------------
    def run(self, adoc: ArticleDoc) -> None:
        doc = adoc.doc
        if doc is None:
            return
        matches, forced = self.resolve_nesting(doc, self.find_triggers(doc))
        index = ActorIndex(adoc)
        year = _year(adoc.article.date)
        sent_ctx: dict[int, list[str]] = {}
        events: list[Event] = []
        for m in matches:
            events.append(self._event(adoc, m, index, year, forced.get(m.head), sent_ctx))
        verbs = {m.head for m in matches if doc[m.head].pos_ in ("VERB", "AUX")}
        events = merge_same_sentence(events, verbs)
        events = merge_headline(adoc, events)
        events.sort(key=lambda e: e.trigger.start)
        for n, e in enumerate(events):
            e.id = f"e{n}"
        adoc.events = events

    def _event(self, adoc: ArticleDoc, m: Match, index: ActorIndex, year: int | None,
               forced_mode: str | None, sent_ctx: dict[int, list[str]]) -> Event:
        doc = adoc.doc
        tok = doc[m.head]
        start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)
        trigger = adoc.span(start, end)
        a_tok, r_tok = find_args(tok, m.entry.event, m.entry.mode, self.cues, self.speech, index)
        if a_tok is None and m.entry.event in RECIPROCAL_TYPES:
            # 'Austin dijo que las discusiones se llevarán a cabo': the speaker takes part
            a_tok = speaker_subject(tok, self.speech)
        actor, recipient = to_arg(a_tok, index), to_arg(r_tok, index)
        if actor and recipient and actor.start == recipient.start:
            recipient = None
        mode = aux_mode(doc, m.head, self.cues, self.speech, year) or forced_mode
        if trigger.sentence not in sent_ctx:
            sent_ctx[trigger.sentence] = contexts(tok.sent, self.cues)
        lemma_hit = fold(tok.lemma_) == m.entry.pattern[0]
        confidence = m.entry.weight * (0.7 + 0.15 * bool(actor and actor.code)
                                       + 0.15 * bool(recipient and recipient.code))
        return Event(
            id="", event=m.entry.event, trigger=trigger, mode=m.entry.mode,
            context=list(sent_ctx[trigger.sentence]), aux_mode=mode, actor=actor,
            recipient=recipient, mentions=[trigger], confidence=confidence * (1 if lemma_hit else 0.8),
            cameo=m.entry.cameo, head=m.head,
        )


def _named(tok: Any) -> bool:
    """A capitalised noun inside a mixed-case sentence names something ('la Cumbre de las
    Américas', 'Marcha Patriótica'): not an event mention."""
    if tok.pos_ not in ("NOUN", "PROPN") or not tok.text[:1].isupper() or tok.text.isupper():
        return False
    sent = tok.sent
    if tok.i == sent.start or tok.doc[tok.i - 1].is_punct and tok.doc[tok.i - 1].text in "\"'«“(-":
        return False
    return not sent.text.isupper()


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def headline_sentence(adoc: ArticleDoc) -> int | None:
    """0 when the first sentence is a headline (the text's first line, with more text after)."""
    text = adoc.article.text
    if not adoc.sentences or "\n" not in text.strip():
        return None
    first = adoc.sentences[0]
    line_end = text.find("\n", first.start)
    if line_end != -1 and first.end <= line_end:
        title = adoc.article.title
        if title is None or title.strip() == text[first.start:line_end].strip():
            return 0
    return None


def _codes(e: Event) -> frozenset[str]:
    codes = set()
    for arg in (e.actor, e.recipient):
        if arg is not None:
            codes.update(arg.codes or ([arg.code] if arg.code else []))
    return frozenset(codes)


def _compatible(a: Any, b: Any) -> bool:
    """Two arguments may name the same participant: one is missing, or codes (else texts) agree."""
    if a is None or b is None:
        return True
    if a.code or b.code:
        return set(a.codes or [a.code]) == set(b.codes or [b.code])
    return a.text.lower() == b.text.lower()


def merge_same_sentence(events: list[Event], verb_heads: set[int]) -> list[Event]:
    """One event for repeated mentions of it in a sentence ('la huelga ... el paro'): same
    type and mode, compatible actor and recipient, not two verbs ('ejecutaron a uno e
    hirieron a otro' is two events). The first mention stays the trigger.

    The topic of a protest (a demand or rejection by the same protesters in the same
    sentence) is part of the protest, as the PLOVER manual codes it: its trigger joins the
    protest's mentions."""
    protests = [e for e in events if e.event == "PROTEST"]
    kept: list[Event] = []
    for e in events:
        if e.event in _PROTEST_TOPICS:
            host = next((p for p in protests if p.trigger.sentence == e.trigger.sentence
                         and _compatible(p.actor, e.actor)), None)
            if host is not None:
                host.mentions.append(e.trigger)
                host.actor = host.actor or e.actor
                continue
        twin = next((k for k in kept if k.trigger.sentence == e.trigger.sentence and k.event == e.event
                     and not (k.head in verb_heads and e.head in verb_heads)
                     and k.aux_mode == e.aux_mode and _compatible(k.actor, e.actor)
                     and _compatible(k.recipient, e.recipient)), None)
        if twin is None:
            kept.append(e)
            continue
        twin.mentions.append(e.trigger)
        twin.actor = twin.actor or e.actor
        twin.recipient = twin.recipient or e.recipient
        twin.confidence = max(twin.confidence, e.confidence)
    return kept


def merge_headline(adoc: ArticleDoc, events: list[Event]) -> list[Event]:
    """Fold headline events into the same event of the body (same type and codes)."""
    if headline_sentence(adoc) is None:
        return events
    head = [e for e in events if e.trigger.sentence == 0]
    body = [e for e in events if e.trigger.sentence != 0]
    kept = list(body)
    for h in head:
        twin = next((b for b in body if b.event == h.event and b.aux_mode == h.aux_mode
                     and _codes(b) == _codes(h)), None)
        if twin is None:
            kept.append(h)
            continue
        twin.mentions.append(h.trigger)
        twin.confidence = min(1.0, twin.confidence + 0.1)
        if not twin.context:
            twin.context = list(h.context)
        else:
            twin.context.extend(c for c in h.context if c not in twin.context)
    return kept
