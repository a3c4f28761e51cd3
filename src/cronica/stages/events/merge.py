"""Folding repeated reports of one event into one :class:`Event` (used by the events stage).

- in a sentence: repeated mentions ('la huelga ... el paro') and the topic of a protest;
- across headline and body: the headline's event joins the body's same event, body
  trigger first (it carries the context), headline trigger appended to ``mentions``.
"""

from __future__ import annotations

from typing import Any

from cronica.model import ArticleDoc, Event, as_mention
from cronica.stages.events.lexicon import rule_pattern

# the topic of a protest (a demand, a rejection) is not coded apart from it (PLOVER manual)
PROTEST_TOPICS = frozenset({"REQUEST", "REJECT", "ACCUSE"})


_HEADLINE_MAX_WORDS = 30


def headline_sentence(adoc: ArticleDoc) -> int | None:
    """0 when the first sentence is a headline: the text's first line, with more text after,
    equal to the article's title when it has one, else short and without final punctuation
    (a lead paragraph ending in a full stop is body text)."""
    text = adoc.article.text
    if not adoc.sentences or "\n" not in text.strip():
        return None
    first = adoc.sentences[0]
    line_end = text.find("\n", first.start)
    if line_end == -1 or first.end > line_end:
        return None
    line = text[first.start : line_end].strip()
    title = adoc.article.title
    if title is not None:
        return 0 if title.strip() == line else None
    if line.endswith((".", "!", "?", ":")) or len(line.split()) > _HEADLINE_MAX_WORDS:
        return None
    return 0


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
        ca, cb = set(a.codes or [a.code]), set(b.codes or [b.code])
        return ca == cb or _narrows(ca, cb) or _narrows(cb, ca)
    return a.text.lower() == b.text.lower()


# monitors: human-rights groups and intergovernmental bodies report, condemn and call for
# inquiries into protests; their act beside a protest with no named doer is their own
_MONITOR_SECTORS = ("HRI", "IGO")


def _monitor(arg: Any) -> bool:
    """An argument coded as a human-rights group or an intergovernmental body."""
    return arg is not None and any(
        c.endswith(_MONITOR_SECTORS) or c.startswith(_MONITOR_SECTORS)
        for c in (arg.codes or [arg.code]) if c)


def _narrows(general: set[str], specific: set[str]) -> bool:
    """One code that states no country ('GOV') and one that is the same sector of a
    country ('PANGOV'): the same participant named with less detail."""
    if len(general) != 1 or len(specific) != 1:
        return False
    g, s = next(iter(general)), next(iter(specific))
    return len(g) == 3 and len(s) == 6 and s.endswith(g)


def merge_same_sentence(events: list[Event], verb_heads: set[int],
                        coups: frozenset[str] = frozenset(),
                        apart: frozenset[int] = frozenset(),
                        about: frozenset[tuple[int, int]] = frozenset()) -> list[Event]:
    """One event for repeated mentions of it in a sentence ('la huelga ... el paro'): same
    type (a coup and the arrest it makes, both COERCE, are two acts), not one of them in a
    relative clause on a report's source while the other is not (``apart``, trigger heads:
    'marcharon ..., según la CGT, quien anunció un paro' is a march and a strike),
    compatible actor and recipient, not two verbs ('incendiaron una casa y
    asesinaron a dos' is two events; a coordinated 'hirieron', the toll of the attack, is
    folded earlier by the events stage). The first mention stays the trigger.

    The topic of a protest (a demand or rejection by the same protesters in the same
    sentence) is part of the protest, as the PLOVER manual codes it: its trigger joins the
    protest's mentions. A protest asserted not to take place ('no boicoteará los comicios')
    has no topic: a demand or call beside it ('... pero llamará a no votar') is an act of its
    own, with its own mode, unless it is negated too."""
    # an act embedded in a frame ('exigen el derecho a desfilar') never hosts the frame
    protests = [e for e in events if e.event == "PROTEST" and e.embedded_head is None]
    kept: list[Event] = []
    for e in events:
        if e.event in PROTEST_TOPICS:
            host = next(
                (
                    p
                    for p in protests
                    if p.trigger.sentence == e.trigger.sentence and _compatible(p.actor, e.actor)
                    and (p.aux_mode != "negation" or e.aux_mode == "negation")
                    and (e.head, p.head) not in about
                    and not (p.actor is None and _monitor(e.actor))
                ),
                None,
            )
            if host is not None:
                host.mentions.append(as_mention(e.trigger, e.actor, e.recipient))
                host.actor = host.actor or e.actor
                continue
        twin = next(
            (
                k
                for k in kept
                if k.trigger.sentence == e.trigger.sentence
                and k.event == e.event
                and (k.head in apart) == (e.head in apart)
                and (rule_pattern(k.rule) in coups) == (rule_pattern(e.rule) in coups)
                and not (k.head in verb_heads and e.head in verb_heads)
                and k.aux_mode == e.aux_mode
                and (k.embedded_head is None) == (e.embedded_head is None)
                and _compatible(k.actor, e.actor)
                and _compatible(k.recipient, e.recipient)
            ),
            None,
        )
        if twin is None:
            kept.append(e)
            continue
        twin.mentions.append(as_mention(e.trigger, e.actor, e.recipient))
        twin.actor = twin.actor or e.actor
        twin.recipient = twin.recipient or e.recipient
        twin.confidence = max(twin.confidence, e.confidence)
    return kept


def merge_headline(adoc: ArticleDoc, events: list[Event]) -> list[Event]:
    """Fold headline events into the same event of the body: same type and aux mode, and the
    same coded participants, or the body names every participant the headline codes (a
    headline names fewer: 'Condenan a 12 años al líder opositor' has no actor, the lead's
    'Un tribunal condenó' has one); the first such body event, the lead's, wins over a later
    background one ('ya había sido condenado'). A headline with no coded participant joins
    only a body event with none."""
    if headline_sentence(adoc) is None:
        return events
    head = [e for e in events if e.trigger.sentence == 0]
    body = [e for e in events if e.trigger.sentence != 0]
    kept = list(body)
    for h in head:
        twin = next(
            (
                b
                for b in body
                if b.event == h.event and b.aux_mode == h.aux_mode
                and (_codes(h) == _codes(b) or _codes(h) and _codes(h) <= _codes(b))
            ),
            None,
        )
        if twin is None:
            kept.append(h)
            continue
        # the headline's own words for the participants stay with its trigger
        twin.mentions.append(as_mention(h.trigger, h.actor, h.recipient))
        twin.confidence = min(1.0, twin.confidence + 0.1)
        if not twin.context:
            twin.context = list(h.context)
        else:
            twin.context.extend(c for c in h.context if c not in twin.context)
    return kept
