"""Language-independent grammar facts about an event's aux mode, for the learned aux layer.

The rules of the 'aux' stage (:mod:`cronica.stages.events.calendar`) decide a mode and
keep the words that decided it. The learned layer (:mod:`cronica.stages.events.aux_model`)
reads, for each event, only facts the rules and the parse already compute, named without
any word of the language:

* the rules' own proposal and the kind of cue that decided it (``aux_evidence['rule']``);
* tense, mood, verb form and person of the event's verb and of its auxiliaries (UD
  morphology), and of the verb that governs it;
* the event's part of speech, its UD relation, whether it is embedded in another event;
* the calendar: whether its date is stated or inherited from the article, and how many
  days the date lies from the publication day (in bands); dates of its sentence and of the
  sentence before, before or after the news window;
* where it is told: headline, lead, body position; inside quotation marks or not;
* a negation or a marker (subordinating conjunction) on its verb.

Each fact is a string; the model is a table of weights per fact and mode.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from cronica.model import ArticleDoc, Event
from cronica.stages.nlp.syntax import AUX, children, children_of, dep, morph_get
from cronica.stages.time.values import day_span

MODES = ("current", "historical", "future", "hypothetical", "negation")
_WINDOW = 1  # the publication day and the day before (calendar.NEWS_WINDOW_DAYS)


def _band(days: int) -> str:
    """Days from the publication day, in bands that keep the news window apart."""
    if days < -365:
        return "<-1y"
    if days < -30:
        return "-1y..-1m"
    if days < -_WINDOW:
        return "-1m..-2d"
    if days <= 0:
        return "window"
    if days <= 7:
        return "+1..7d"
    return ">+7d"


def _interval(value: str | None, precision: str | None) -> tuple[date, date] | None:
    if not value:
        return None
    try:
        return day_span(value, precision)
    except (ValueError, TypeError):
        return None


def _verb_facts(prefix: str, tok: Any) -> list[str]:
    out = [f"{prefix}pos={tok.pos_}"]
    for feat in ("Tense", "Mood", "VerbForm", "Person"):
        for v in morph_get(tok, feat):
            out.append(f"{prefix}{feat}={v}")
    for a in children(tok, AUX):
        for feat in ("Tense", "Mood", "VerbForm"):
            for v in morph_get(a, feat):
                out.append(f"{prefix}aux.{feat}={v}")
    if any("Neg" in morph_get(c, "Polarity") for c in children_of(tok)):
        out.append(f"{prefix}neg")
    if any(dep(c) == "mark" for c in children_of(tok)):
        out.append(f"{prefix}mark")
    return out


def _date_band(value: str | None, precision: str | None, pub: date) -> str | None:
    iv = _interval(value, precision)
    if iv is None:
        return None
    if iv[1] < pub - timedelta(days=_WINDOW):
        return _band((iv[1] - pub).days)
    if iv[0] > pub:
        return _band((iv[0] - pub).days)
    return "window"


class ArticleFacts:
    """What the facts of one article's events share: sentence dates and quote spans."""

    def __init__(self, adoc: ArticleDoc, pub: date | None, quotes: list[tuple[int, int]]) -> None:
        self.adoc = adoc
        self.pub = pub
        self.quotes = quotes
        self.n_sent = max(1, len(adoc.sentences))
        self.sent_dates: dict[int, set[str]] = {}
        if pub is not None:
            for d in adoc.dates:
                band = _date_band(d.value, d.precision, pub)
                if band is not None:
                    self.sent_dates.setdefault(d.span.sentence, set()).add(
                        "past" if band.startswith(("<", "-")) else "ahead" if band.startswith((">", "+"))
                        else "window")


def event_facts(af: ArticleFacts, e: Event) -> list[str]:
    """The facts of one event (after the rules have set its mode)."""
    out = [f"rule={e.aux_mode or 'current'}"]
    why = (e.aux_evidence or {}).get("rule")
    out.append(f"why={why}" if why else "why=none")
    out.append(f"type={e.event}")
    if e.embedded_in:
        out.append("embedded")
    doc, pub = af.adoc.doc, af.pub
    # the calendar
    if e.date and not e.date_inferred and pub is not None:
        band = _date_band(e.date, e.date_precision, pub)
        out.append(f"date={band or 'unread'}")
    else:
        out.append("date=inherited")
    s = e.trigger.sentence
    own = af.sent_dates.get(s, set())
    before = af.sent_dates.get(s - 1, set())
    out.extend(f"sent.{k}" for k in sorted(own))
    out.extend(f"prev.{k}" for k in sorted(before))
    if not own and not before:
        out.append("sent.undated")
    # where it is told
    out.append("where=" + ("headline" if s == 0 else "lead" if s <= 2 else
                           "body" if s < af.n_sent * 0.6 else "tail"))
    if any(a <= e.trigger.start < b for a, b in af.quotes):
        out.append("quoted")
    # the grammar
    if doc is not None and e.head is not None and 0 <= e.head < len(doc):
        tok = doc[e.head]
        out.append(f"dep={dep(tok)}")
        verb = tok
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        out.extend(_verb_facts("", tok))
        if verb.i != tok.i:
            out.extend(_verb_facts("v.", verb))
        gov = verb.head
        if gov.i != verb.i:
            out.append(f"v.dep={dep(verb)}")
            for feat in ("Tense", "Mood", "VerbForm"):
                for v in morph_get(gov, feat):
                    out.append(f"g.{feat}={v}")
        else:
            out.append("v.root")
    # the rule's proposal with its own time facts: the calendar's reading of a tense differs
    # by what decided it
    return out + [f"{out[0]}&{f}" for f in out[1:] if f.startswith(("date=", "Tense=", "v.Tense=", "where="))]
