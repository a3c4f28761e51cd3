"""The data model shared by every stage.

An :class:`ArticleDoc` flows one way through the pipeline
(read -> lang -> nlp -> actors -> events -> time -> place -> attribution);
each stage reads the layers it needs and adds its own. ``to_dict`` gives the
versioned JSON documented in docs/schema.md.

Offsets are character offsets into ``Article.text`` (half-open ``[start, end)``);
``sentence`` is the 0-based index of the sentence in ``ArticleDoc.sentences``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT",
)
AUX_MODES: tuple[str, ...] = ("historical", "future", "hypothetical", "negation")
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")


@dataclass
class Span:
    """A piece of the article text: where it is and what it says."""

    text: str
    start: int
    end: int
    sentence: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass
class Article:
    """One input document, as read. ``text`` is what every offset points into."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO date of publication (YYYY-MM-DD) when known
    lang: str | None = None
    url: str | None = None
    source: str | None = None  # the publisher, e.g. "AFP"
    origin: str | None = None  # file path, "stdin", "file.jsonl:12": for error messages
    dateline: Span | None = None  # 'SAN SALVADOR, Abr 26' when the text opens with one
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class ActorMention:
    """A span that names a political actor, with its code.

    ``code`` is country (ISO 3166 alpha-3, or '' when unknown) + sector
    (GOV, MIL, COP, REB, ...) or an organisation code (IGO, IMG, ...):
    'IRQGOV', 'USA', 'IMG'. ``codes`` holds every code when the span names
    several actors ('Funcionarios chilenos y peruanos').
    """

    id: str  # 'a3'
    span: Span
    code: str
    codes: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    kind: str = "other"  # country | capital | group | org | person | agent | media
    name: str | None = None  # canonical name: 'Lloyd Austin', 'Iraq'
    metonymy: bool = False  # a place name standing for its government ('Bagdad')
    head: int | None = None  # spaCy token index of the head word
    confidence: float = 1.0
    country_source: str | None = None  # text | place | dateline | article | anaphora


@dataclass
class DateMention:
    """A time expression resolved against the article's date."""

    span: Span
    value: str | None  # '2024-01-25', '2023-08', '2003'; None when unresolved
    precision: str | None  # day | month | year
    resolved: bool = True
    relative: bool = False  # depends on the article's date ('el jueves', 'ayer')
    note: str | None = None  # why it is unresolved, or how it was resolved


@dataclass
class PlaceMention:
    """A place name, geocoded offline."""

    span: Span
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    feature: str | None = None  # country | admin1 | city | region
    metonymy: bool = False  # names an actor, not a location
    from_dateline: bool = False
    admin1: str | None = None  # first-level area holding the place ('Bogotá D.C.')
    admin2: str | None = None  # second-level area


@dataclass
class Quote:
    """Who said what: speaker, cue verb phrase, content."""

    id: str
    speaker: Span | None
    speaker_code: str | None
    speaker_codes: list[str]
    cue: Span
    content: Span
    kind: str = "indirect"  # direct | indirect | mixed
    carried_over: bool = False  # speaker taken from an earlier sentence ('Añadió')


@dataclass
class Reporting:
    """A reporting source: 'según la agencia EFE', 'de acuerdo con la prensa local'."""

    source: str
    code: str | None
    cue: Span
    scope: str = "sentence"  # sentence | article
    sentences: list[int] = field(default_factory=list)


@dataclass
class EventArg:
    """Actor or recipient of an event: the span and its code(s)."""

    text: str
    code: str
    codes: list[str]
    start: int
    end: int
    mention: str | None = None  # ActorMention.id
    country: str | None = None  # the country, from the text or from context (stage 'actor_context')
    country_source: str | None = None  # text | place | dateline | article | anaphora


@dataclass
class Mention(Span):
    """A trigger merged into an event from another report of it (a headline, another
    sentence), with the actor and recipient the parse of its own sentence found there. The
    event's own ``actor`` / ``recipient`` are not changed by them; ``None`` here means none
    was found at this mention (or it is the event's main trigger)."""

    actor: EventArg | None = None
    recipient: EventArg | None = None


def as_mention(trigger: Span, actor: EventArg | None, recipient: EventArg | None) -> Mention:
    """``trigger`` as a merged mention keeping the arguments found at it."""
    return Mention(trigger.text, trigger.start, trigger.end, trigger.sentence, actor, recipient)


def arg_to_dict(arg: EventArg | None, adoc: ArticleDoc | None = None) -> dict[str, Any] | None:
    """An actor or recipient as output: its ``code`` is a code or ``None``, never ''. A
    phrase no actor mention codes ('the unrest') keeps its span with code ``None``; one
    whose mention carries a country or sector but no code gets them joined ('COP')."""
    if arg is None:
        return None
    out = asdict(arg)
    if not arg.code:
        parts = arg_parts(adoc, arg) if adoc is not None else (None, None)
        joined = (parts[0] or "") + (parts[1] or "")
        out["code"] = joined or None
        out["codes"] = [joined] if joined else []
    return out


def mention_to_dict(m: Span, adoc: ArticleDoc | None = None) -> dict[str, Any]:
    """A mention's span, and its own ``actor`` / ``recipient`` (``None`` when it has none)."""
    actor, recipient = getattr(m, "actor", None), getattr(m, "recipient", None)
    return {
        "text": m.text, "start": m.start, "end": m.end, "sentence": m.sentence,
        "actor": arg_to_dict(actor, adoc),
        "recipient": arg_to_dict(recipient, adoc),
    }


@dataclass
class Event:
    """One PLOVER event, anchored to the words that support it."""

    id: str
    event: str  # PLOVER type
    trigger: Span
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    aux_mode: str | None = None  # historical | future | hypothetical | negation
    aux_evidence: dict[str, Any] | None = None  # words that decided aux_mode: text, start, end, rule
    actor: EventArg | None = None
    recipient: EventArg | None = None
    date: str | None = None
    date_precision: str | None = None
    date_inferred: bool = False  # True when taken from the article's date
    date_span: Span | None = None
    event_loc: dict[str, Any] | None = None  # name, country, lat, lon, geonameid, start, end, source
    # trigger spans; first is the main one; merged ones are :class:`Mention` with own arguments
    mentions: list[Span] = field(default_factory=list)
    quote: str | None = None  # Quote.id when the event is reported in a quote
    reported_by: list[str] = field(default_factory=list)  # reporting sources, nearest first
    confidence: float = 0.5
    cameo: str | None = None
    head: int | None = None  # spaCy token index of the trigger's head (internal)
    evidence: str = "lexicon"  # lexicon | model: what found the trigger (events.learned)
    rule: str | None = None  # id of the trigger rule that found it (internal; eval --by-rule)
    # id of the event whose complement this one is ('amenazaron con una huelga': the strike
    # is embedded in the threat); None for a frame or free-standing event
    embedded_in: str | None = None
    embedded_head: int | None = None  # spaCy token index of the governing trigger (internal)
    # magnitudes (stage 'magnitude'): {value, min, max, category, text, start, end} or None
    dead: dict[str, Any] | None = None
    injured: dict[str, Any] | None = None
    arrested: dict[str, Any] | None = None
    size: dict[str, Any] | None = None
    plover_score: float | None = None  # PLOVER conflict-cooperation score of event + mode


@dataclass
class ArticleDoc:
    """The container that flows through the stages."""

    article: Article
    lang: str | None = None
    doc: Any = None  # spacy.tokens.Doc
    sentences: list[Span] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # event words the events stage found that are no event of their own (an attack
    # condemned, a protest's aim, a background noun): type and aux mode, not PLOVER events
    secondary_events: list[Event] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    reporting: list[Reporting] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # probability that the article reports a contentious political event (protest, riot,
    # political violence), from the events stage's learned layer; None when not scored
    contentious: float | None = None

    def sentence_of(self, char: int) -> int:
        """Index of the sentence holding character offset ``char`` (-1 if none)."""
        for i, s in enumerate(self.sentences):
            if s.start <= char < s.end:
                return i
        return -1

    def span(self, start: int, end: int) -> Span:
        return Span(self.article.text[start:end], start, end, self.sentence_of(start))

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "schema_version": SCHEMA_VERSION,
            "article": {
                "id": a.id,
                "title": a.title,
                "date": a.date,
                "lang": self.lang or a.lang,
                "url": a.url,
                "source": a.source,
                "content_hash": a.content_hash,
                "dateline": asdict(a.dateline) if a.dateline else None,
            },
            "sentences": [{"index": i, "start": s.start, "end": s.end} for i, s in enumerate(self.sentences)],
            "events": [event_to_dict(e, self) for e in self.events],
            "secondary_events": [event_to_dict(e, self) for e in self.secondary_events],
            "actors": [asdict(m) for m in self.actors],
            "dates": [asdict(d) for d in self.dates],
            "places": [asdict(p) for p in self.places],
            "quotes": [asdict(q) for q in self.quotes],
            "reporting": [asdict(r) for r in self.reporting],
            "warnings": list(self.warnings),
            "contentious": None if self.contentious is None else round(self.contentious, 4),
        }


# PLOVER/CAMEO sector and organisation codes that may open an actor code without a country
SECTOR_CODES = frozenset(
    "GOV MIL COP REB OPP PTY JUD LEG ELI MED EDU BUS CVL LAB REF HLH AGR ENV CRM SPY "
    "IGO IMG NGO NGM MNC UAF INS SET RAD HRI CHR MUS JEW BUD HIN ATH JRN "
    "UNO EUR ISM PRM UNK PRE REL SOC".split()
)
#: bodies whose reach is their own territory: police, courts and legislatures act where they
#: sit ('un tribunal de Túnez' sits in Túnez; the police of a sentence placed in Quito are
#: Ecuador's), while a government, an army or a minister also acts abroad
TERRITORIAL_SECTORS = frozenset({"COP", "JUD", "LEG"})
#: the sector of a bare country code ('IRQ': the state of Iraq), see arg_parts
STATE_SECTOR = "GOV"


def code_parts(code: str | None) -> tuple[str | None, str | None]:
    """(country, sector) of an actor code: 'IRQGOV' -> ('IRQ', 'GOV'); 'IGO' -> (None, 'IGO').

    A code starts with a country only when its first three letters are not a sector code.
    """
    if not code:
        return None, None
    if len(code) >= 3 and code[:3] not in SECTOR_CODES:
        return code[:3], (code[3:] or None)
    return None, code


def arg_parts(adoc: ArticleDoc, arg: EventArg | None) -> tuple[str | None, str | None]:
    """(country, sector) of an event's actor or recipient, read off its code (the code is
    what the coder decided; its mention is used only when the code is empty).

    A coded actor always has a sector: a bare country code ('IRQ', a state acting as a
    whole) gets :data:`STATE_SECTOR`; organisation codes (IGO, IMG, UNO, ...) are sectors,
    never countries."""
    if arg is None:
        return None, None
    if not arg.code and arg.mention:
        for m in adoc.actors:
            if m.id == arg.mention and (m.country or m.sector):
                return code_parts((m.country or "") + (m.sector or ""))
        return None, None
    country, sector = code_parts(arg.code)
    if country and not sector:
        sector = STATE_SECTOR
    return country, sector


def _mention_name(adoc: ArticleDoc, arg: EventArg | None) -> str | None:
    """The canonical name of the actor mention behind ``arg`` ('Lloyd Austin', 'Iraq')."""
    if arg is None or not arg.mention:
        return None
    return next((m.name for m in adoc.actors if m.id == arg.mention and m.name), None)


def _quote_speaker(adoc: ArticleDoc, e: Event) -> dict[str, Any] | None:
    """``{text, code}`` of who is quoted saying the event, when it is reported in a quote."""
    q = next((q for q in adoc.quotes if e.quote and q.id == e.quote), None)
    if q is None or (q.speaker is None and not q.speaker_code):
        return None
    return {"text": q.speaker.text if q.speaker else None, "code": q.speaker_code}


def event_extras(e: Event, adoc: ArticleDoc) -> dict[str, Any]:
    """Fields an analyst reads beside the codes: actor/recipient names, the quote's speaker,
    the article's url, title and publisher."""
    a = adoc.article
    return {
        "actor_name": _mention_name(adoc, e.actor),
        "recipient_name": _mention_name(adoc, e.recipient),
        "quote_speaker": _quote_speaker(adoc, e),
        "article_url": a.url,
        "article_title": a.title,
        "publisher": a.source,
    }


def event_to_dict(e: Event, adoc: ArticleDoc) -> dict[str, Any]:
    """PLOVER-style record: field names as in PLOVER/POLECAT JSON where they exist."""
    a = adoc.article
    actor_country, actor_sector = arg_parts(adoc, e.actor)
    recipient_country, recipient_sector = arg_parts(adoc, e.recipient)
    # the country stage 'actor_context' settled (the words', else the context's)
    actor_country = (e.actor.country if e.actor else None) or actor_country
    recipient_country = (e.recipient.country if e.recipient else None) or recipient_country
    sent = adoc.sentences[e.trigger.sentence] if 0 <= e.trigger.sentence < len(adoc.sentences) else None
    return {
        "id": e.id,
        "article_id": a.id,
        "date": e.date,
        "date_precision": e.date_precision,
        "date_inferred": e.date_inferred,
        "date_text": asdict(e.date_span) if e.date_span else None,
        "event": e.event,
        "mode": e.mode,
        "context": list(e.context),
        "aux_mode": e.aux_mode,
        "aux_evidence": dict(e.aux_evidence) if e.aux_evidence else None,
        "embedded_in": e.embedded_in,
        "actor": arg_to_dict(e.actor, adoc),
        "recipient": arg_to_dict(e.recipient, adoc),
        "actor_country": actor_country,
        "actor_country_source": (e.actor.country_source if e.actor and actor_country else None),
        "actor_sector": actor_sector,
        "recipient_country": recipient_country,
        "recipient_country_source": (e.recipient.country_source if e.recipient and recipient_country
                                     else None),
        "recipient_sector": recipient_sector,
        "event_loc": e.event_loc,
        "event_text": sent.text if sent else None,
        "trigger": asdict(e.trigger),
        "mentions": [mention_to_dict(m, adoc) for m in e.mentions],
        "quote": e.quote,
        "reported_by": list(e.reported_by),
        "cameo": e.cameo,
        "dead": e.dead,
        "injured": e.injured,
        "arrested": e.arrested,
        "size": e.size,
        "plover_score": e.plover_score,
        "confidence": round(e.confidence, 3),
        "evidence": e.evidence,
        "language": adoc.lang or a.lang,
        **event_extras(e, adoc),
    }
