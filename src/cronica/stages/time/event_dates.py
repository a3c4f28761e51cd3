"""Dating events from the time expressions of their own clause (used by stage 'time').

An event takes the date expression attached, through the dependency tree, to its trigger
or to the verb that governs it ('se retiraron en 2009'). Walking up from a date
expression stops at the first other clause: another verb, a clause that modifies a noun
('una tregua firmada en mayo de 2019' dates 'firmada', never the main verb) or
another event's trigger ('su ocupación de 1998'). A clause without a date of its own
inherits the date of the verb it complements ('dijo el lunes que Lima busca ...'),
except a future clause, which is not dated by the moment it was announced.
Events with no date in their clause take the news day, marked ``date_inferred``: the
article's first relative day within a week before its date ('el jueves', 'yesterday'),
else the article's date; future and hypothetical events take the article's date; events
already marked 'historical' upstream keep no date rather than a wrong one.

Historical rule: an event dated in the text is 'historical' when its date lies clearly
before the article's date: an earlier year for year-precision dates, otherwise when the
last day the date covers is more than ``HISTORICAL_DAYS`` days before the article's date.
Future, hypothetical and negated events keep their mode.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from cronica.model import DATE_PRECISIONS, ArticleDoc, DateMention, Event
from cronica.stages.language.bundle import LanguageBundle
from cronica.stages.nlp.syntax import AUX, children, children_of, dep, has_child, morph_get
from cronica.stages.time.lexicon import TimeLexicon
from cronica.stages.time.values import TimeExpression, interval

HISTORICAL_DAYS = 31
NEWS_DAY_WINDOW = 7  # days before the article's date in which a named day is the news day
_VERBS = ("VERB", "AUX")
# what makes a participle or adjective a predicate: its copula or auxiliary (UD labels)
_PREDICATE_AUX = AUX | {"cop"}
_NOUN_CLAUSE = ("acl", "acl:relcl")  # clauses that modify a noun (UD, via syntax.dep)
_INHERIT = ("ccomp", "xcomp", "advcl", "csubj")  # clauses that share their governor's time
_KEEP_MODES = ("future", "hypothetical", "negation", "historical")


def _root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def is_counted_number(doc: Doc, start: int, end: int, lx: TimeLexicon | None = None) -> bool:
    """Whether a number that looks like a year counts a noun instead ('de 2003 soldados')."""
    tok = _root(doc, start, end)
    if tok is None or not tok.like_num or dep(tok) != "nummod" or tok.head.i == tok.i:
        return False
    head = tok.head
    if lx is not None and (lx.has("unit", head.lower_) or lx.has("year_word", head.lower_)):
        return False  # 'the 1988 quarter', 'año 2000'
    # a count needs a plural noun after it: '2003 soldados', not 'its 1990 invasion'
    return head.pos_ == "NOUN" and head.i > tok.i and "Plur" in morph_get(head, "Number")


def present_dated(doc: Doc, start: int, end: int) -> bool:
    """Whether the verb dated by the expression at ``[start, end)`` is a present indicative
    with no auxiliary, or an infinitive under one ('los presidentes se reúnen el jueves',
    'piensa boicotear el jueves'). Agency copy tells a day already gone in the preterite, so
    a bare weekday of such a verb is the coming one (the attribution guidelines: a weekday
    takes the next one when the tense marks the future). A present perfect ('ha comenzado
    el jueves') is a past."""
    tok = _root(doc, start, end)
    if tok is None:
        return False
    for _ in range(4):
        if tok.pos_ in _VERBS or tok.head.i == tok.i:
            break
        tok = tok.head
    for _ in range(2):  # 'piensa boicotear el jueves': the infinitive's finite verb
        if tok.pos_ in _VERBS and "Inf" in morph_get(tok, "VerbForm") and dep(tok) == "xcomp":
            tok = tok.head
    if tok.pos_ not in _VERBS or "Fin" not in morph_get(tok, "VerbForm"):
        return False
    return "Pres" in morph_get(tok, "Tense") and "Ind" in morph_get(tok, "Mood") \
        and not any(dep(c) == "aux" for c in children_of(tok))


def governing_tense(doc: Doc, start: int, lx: TimeLexicon,
                    events: frozenset[int] = frozenset()) -> str | None:
    """'future' or 'past' from the verb that governs the expression at ``start``; else None.
    ``events`` holds the trigger heads of the article's events (see :func:`_planned_object`)."""
    tok = _root(doc, start, start + 1)
    if tok is not None and _planned_object(tok, lx, events):
        return "future"  # 'announced a general strike on Thursday': the strike's day
    seen = 0
    def predicate(t: Token) -> bool:  # a verb, or a participle/adjective with its copula
        return t.pos_ in _VERBS or has_child(t, _PREDICATE_AUX)

    while tok is not None and not predicate(tok) and tok.head.i != tok.i and seen < 12:
        tok, seen = tok.head, seen + 1
    if tok is None or not predicate(tok):
        return None
    words = [tok, *children(tok, _PREDICATE_AUX)]
    if any("Fut" in morph_get(w, "Tense") for w in words) or any(
            lx.has("future_aux", c.lower_) for c in words[1:]):
        return "future"
    if "Inf" in morph_get(tok, "VerbForm") and any(
            lx.has("future_go", c.lemma_) and "Pres" in morph_get(c, "Tense") for c in words[1:]):
        return "future"  # 'van a reunirse': present of 'ir' + a + infinitive
    if _prospective_complement(tok, start, lx):
        return "future"  # 'han acordado reunirse el lunes': the meeting follows the accord
    if any("Past" in morph_get(w, "Tense") for w in words):
        return "past"
    return None


def _planned_object(tok: Token, lx: TimeLexicon, events: frozenset[int] = frozenset()) -> bool:
    """Whether the date headed by ``tok`` modifies, after it, a noun that is the direct object
    of a verb that announces, calls or schedules it ('Unions announced a general strike on
    Thursday', 'convocaron una marcha el jueves' when the parser hangs the day on the noun):
    the day is the planned event's, which lies ahead of its announcement. Where the noun is
    reached through a particle ('called for a strike') or the day hangs on the verb, the
    noun must be the trigger of one of ``events`` ('called for calm on Thursday' is the
    call's day)."""
    if dep(tok) == "det" and tok.head.i > tok.i:
        tok = tok.head  # 'el jueves': the expression opens with its article
    node = tok.head if dep(tok) == "pobj" else tok  # English: the day under 'on'
    if dep(node) == "prep":
        prep, node = node, node.head
        if node.pos_ in _VERBS:  # the parser hung the day on the verb
            return _day_after_planned_object(node, prep, lx, events)
    elif dep(tok) in ("obl", "nmod") and tok.head.pos_ == "NOUN":
        node = tok.head
    elif dep(tok) == "obl" and tok.head.pos_ in _VERBS:  # Spanish: the day hung on the verb
        return _day_after_planned_noun(tok.head, tok, lx, events)
    else:
        return False
    if node.pos_ != "NOUN" or node.i > tok.i:
        return False
    if dep(node) == "pobj" and dep(node.head) == "prep":  # 'called for a strike on Thursday'
        return node.i in events and lx.has("plan_object", node.head.head.lemma_.lower())
    return dep(node) == "obj" and lx.has("plan_object", node.head.lemma_.lower())


def _day_after_planned_object(verb: Token, prep: Token, lx: TimeLexicon, events: frozenset[int]) -> bool:
    """'The union called for a general strike on Thursday', 'announced a march on Monday'
    with the day's phrase hung on the verb: a phrase of time that follows the planned
    event's noun phrase at once modifies that noun, whatever the attachment (the reporting
    act's own day comes next to its verb: 'called on Thursday for a strike'). The noun is the
    verb's direct object, or the object of the particle of a phrasal 'call for'."""
    if not lx.has("plan_object", verb.lemma_.lower()):
        return False
    for c in children_of(verb):
        obj = c
        if dep(c) == "prep" and c.i < prep.i:  # 'called for a strike'
            obj = next((g for g in children_of(c) if dep(g) == "pobj"), c)
        elif dep(c) != "obj":
            continue
        if obj.pos_ == "NOUN" and obj.i in events and obj.i < prep.i and obj.right_edge.i == prep.i - 1:
            return True
    return False


def _day_after_planned_noun(verb: Token, day: Token, lx: TimeLexicon, events: frozenset[int]) -> bool:
    """'convocaron una marcha el jueves', 'convocó a los sindicatos a una huelga el jueves'
    with the day hung on the verb (a UD parse): as in English (:func:`_day_after_planned_object`),
    a phrase of time right after the planned event's noun phrase modifies that noun -- the
    call's own day comes next to its verb ('convocaron el jueves una marcha'). The noun is an
    event trigger and the verb's direct object, or its goal with a ``plan_case`` preposition
    ('convocar a una huelga', 'para una reunión')."""
    if not lx.has("plan_object", verb.lemma_.lower()):
        return False
    for c in children_of(verb):
        if c.pos_ != "NOUN" or c.i not in events or c.i > day.i:
            continue
        if dep(c) == "obj" or dep(c) == "obl" and any(
                dep(g) == "case" and lx.has("plan_case", g.lower_) for g in children_of(c)):
            if c.right_edge.i == day.left_edge.i - 1:
                return True
    return False


def _prospective_complement(tok: Token, start: int, lx: TimeLexicon) -> bool:
    """Whether ``tok`` is an infinitive complement, after its verb, of a verb of decision,
    agreement, promise or intention, and the expression at ``start`` follows the infinitive
    ('han acordado reunirse el lunes', 'plans to be back Saturday'). Such a complement names an
    act later than the one that governs it (prospective infinitives: RAE, Nueva gramática
    26.5; Huddleston & Pullum, CGEL ch. 14, future-oriented catenatives), so its bare weekday
    is the coming one. A date of the governing verb itself ('acordaron
    el lunes reanudar') hangs from that verb and keeps its past reading, and so does the
    complement of a verb in a finite past ('decidieron acabar el lunes con el bloqueo'): news
    reports decisions carried out at once, and which day is meant is then not clear."""
    if "Inf" not in morph_get(tok, "VerbForm") or dep(tok) != "xcomp":
        return False
    gov = tok.head
    if gov.i > tok.i or start <= tok.idx or not lx.has("prospective", gov.lemma_.lower()):
        return False
    return not any("Past" in morph_get(w, "Tense") and "Fin" in morph_get(w, "VerbForm")
                   for w in (gov, *children(gov, AUX)))


def _event_head(doc: Doc, e: Event) -> Token | None:
    if e.head is not None and 0 <= e.head < len(doc):
        return doc[e.head]
    return _root(doc, e.trigger.start, e.trigger.end)


def _chain(head: Token, lx: TimeLexicon) -> dict[int, int]:
    """Token index -> level: the trigger's own clause (0), then governing clauses it inherits."""
    levels: dict[int, int] = {}
    tok, level = head, 0
    for _ in range(40):  # a bound against malformed trees
        levels.setdefault(tok.i, level)
        if tok.pos_ in _VERBS:
            if dep(tok) not in _INHERIT or tok.head.i == tok.i:
                break
            if governing_tense(tok.doc, tok.idx, lx) == "future" and level == 0:
                break  # a future clause is not dated by its announcement
            level += 1
        elif tok.head.i == tok.i:
            break
        tok = tok.head
    return levels


_SHARED_STEPS = 20  # a conjunct's date ranks after any date of the trigger's own clause


def _shared_conjuncts(head: Token) -> list[int]:
    """Verbs coordinated after a verb trigger in the same tense: a time adjunct at the end of
    the coordination dates every conjunct ('killed 20 villagers and wounded dozens more ... on
    Sunday'; Cambridge Grammar of the English Language ch. 15, shared dependents), before
    the date of a governing verb ('..., officials said Monday')."""
    if head.pos_ not in _VERBS:
        return []
    tense = morph_get(head, "Tense")
    return [c.i for c in children_of(head) if dep(c) == "conj" and c.pos_ in _VERBS
            and c.i > head.i and morph_get(c, "Tense") == tense]


def _attach(mroot: Token, chain: dict[int, int], other_heads: set[int]) -> tuple[int, int] | None:
    """(level, steps) when the date at ``mroot`` belongs to the chain's clauses, else None."""
    tok, steps = mroot, 0
    while tok.head.i != tok.i and steps < 40:
        if tok.i != mroot.i and tok.i not in chain and (
                dep(tok) in _NOUN_CLAUSE or tok.pos_ in _VERBS
                or (dep(tok) == "amod" and "Part" in morph_get(tok, "VerbForm"))):
            return None  # the date belongs to another clause ('acordada en agosto')
        tok, steps = tok.head, steps + 1
        if tok.i in chain:
            return chain[tok.i], steps
        if tok.i in other_heads:
            return None
    return None


def date_events(
    adoc: ArticleDoc, mentions: list[tuple[TimeExpression, DateMention]], anchor: date | None,
    lx: TimeLexicon, sequels: tuple[str, ...] = (),
) -> None:
    """Set every event's date fields from ``mentions``, else the article's date; then 'historical'."""
    doc = adoc.doc
    usable = [dm for _, dm in mentions
              if dm.resolved and dm.value and dm.precision in DATE_PRECISIONS]
    roots = {id(dm): _root(doc, dm.span.start, dm.span.end) for dm in usable} if doc is not None else {}
    every = [*adoc.events, *adoc.secondary_events]  # the secondary ones are dated too
    heads = {e.id: _event_head(doc, e) for e in every} if doc is not None else {}
    peg = news_day(usable, anchor)
    main = {e.id for e in adoc.events}
    # a day that dates a planned event's noun ('called for protests on Thursday', 'convocó a
    # una huelga el jueves') is that event's coming day, not the day of the verb that plans
    # it nor of the verbs coordinated with it ('rejected the offer and called for ...')
    trigger_heads = frozenset(h.i for h in heads.values() if h is not None)
    planned = {id(dm) for dm in usable if (r := roots.get(id(dm))) is not None
               and _planned_object(r, lx, trigger_heads)}
    for e in every:
        best: tuple[tuple[int, int, int], DateMention] | None = None
        head = heads.get(e.id)
        # the dates of the event's sentence (most sentences have none: then the clause chain
        # below is not read)
        dated = [dm for dm in usable if dm.span.sentence == e.trigger.sentence
                 and roots.get(id(dm)) is not None] if head is not None else []
        if dated:
            assert head is not None
            chain = _chain(head, lx)
            shared = {i for i in _shared_conjuncts(head) if i not in chain}
            chain.update(dict.fromkeys(shared, 0))
            # a secondary event word never takes a date from an event of the article
            others = {h.i for k, h in heads.items() if h is not None and k != e.id
                      and (k in main or e.id not in main)} - set(chain)
            for dm in dated:
                mroot = roots[id(dm)]
                if mroot is None or (id(dm) in planned and head.pos_ in _VERBS):
                    # (``dated`` holds dates of the sentence with a root)
                    continue
                hit = (0, 0) if mroot.i == head.i else _attach(mroot, chain, others)
                if hit is not None and shared and _attach(mroot, {k: v for k, v in chain.items()
                                                                  if k not in shared}, others) is None:
                    hit = (hit[0], hit[1] + _SHARED_STEPS)  # the conjunct's: after the trigger's own
                if hit is not None:
                    key = (*hit, abs(dm.span.start - e.trigger.start))
                    if best is None or key < best[0]:
                        best = (key, dm)
        if best is None and e.aux_mode not in ("future", "hypothetical"):
            frame = framing_date(adoc, e.trigger.sentence, usable) \
                or continued_date(adoc, e, usable, sequels)
            if frame is not None:
                best = ((9, 0, 0), frame)
        if best is not None:
            dm = best[1]
            e.date, e.date_precision, e.date_span, e.date_inferred = dm.value, dm.precision, dm.span, False
        elif e.aux_mode == "historical":
            # background the events stage recognised, with no date of its own: never the
            # article's date (nor the news day); the date stays unknown
            e.date, e.date_precision, e.date_span, e.date_inferred = None, None, None, False
        elif anchor is not None:
            day = peg if peg is not None and e.aux_mode not in ("future", "hypothetical") else anchor
            e.date, e.date_precision, e.date_span, e.date_inferred = day.isoformat(), "day", None, True
        else:
            e.date, e.date_precision, e.date_span, e.date_inferred = None, None, None, False
        if anchor is not None and is_historical(e, anchor) and e.aux_mode not in _KEEP_MODES \
                and not (_opens_period(adoc, e, lx) and not _simple_past(heads.get(e.id))):
            e.aux_mode = "historical"


FRAME_MAX_WORDS = 6  # words before a framing date: 'Durante la mañana de', 'In the night of'


def framing_date(adoc: ArticleDoc, sentence: int, usable: list[DateMention]) -> DateMention | None:
    """The date phrase that opens its sentence and so dates every event in it ('On 16 January
    2022, ...', 'El pasado 3 de marzo, ...', 'Durante la mañana de ayer, ...'): the first
    date of the sentence, before every event trigger of the sentence, with at most
    ``FRAME_MAX_WORDS`` words and no verb before it."""
    if not 0 <= sentence < len(adoc.sentences):
        return None
    sent = adoc.sentences[sentence]
    first = min((dm for dm in usable if dm.span.sentence == sentence),
                key=lambda dm: dm.span.start, default=None)
    if first is None:
        return None
    if any(e.trigger.sentence == sentence and e.trigger.start < first.span.start
           for e in adoc.events):
        return None
    before = adoc.article.text[sent.start:first.span.start]
    if len(before.split()) > FRAME_MAX_WORDS:
        return None
    doc = adoc.doc
    if doc is not None and before.strip():
        span = doc.char_span(sent.start, first.span.start, alignment_mode="contract")
        if span is not None and any(t.pos_ in _VERBS for t in span):
            return None
    return first


CONTINUE_SENTENCES = 2  # how far back a continued narrative finds its framing date


def continued_date(adoc: ArticleDoc, e: Event, usable: list[DateMention],
                   sequels: tuple[str, ...] = ()) -> DateMention | None:
    """The framing date of a sentence just before, when the narrative says that the event
    continues it: its sentence opens with a sequence or result connective ('As a result,',
    'Durante el ataque,', ``data/<lang>/narrative.tsv``) or with a third-person pronoun
    subject for the same participants ('They urged ...'), or it is a casualty report with no
    actor of its own ('Three civilians were killed.') right after a dated attack."""
    s = e.trigger.sentence
    if not 0 < s < len(adoc.sentences):
        return None
    sent = adoc.sentences[s]
    if any(dm.span.sentence == s for dm in usable):
        return None  # the sentence has dates of its own, none of them this event's
    opening = adoc.article.text[sent.start:sent.end].lower()
    cued = any(opening.startswith(c) and not opening[len(c):len(c) + 1].isalpha()
               for c in sequels)
    casualty = e.event == "ASSAULT" and e.actor is None and e.recipient is not None
    # 'They urged the authorities ...': a sentence that opens on a personal pronoun standing
    # for the previous sentence's participants goes on with their action
    doc = adoc.doc
    first = doc.char_span(sent.start, sent.end, alignment_mode="expand") if doc is not None else None
    carried = first is not None and len(first) > 0 and first[0].pos_ == "PRON" \
        and "Prs" in morph_get(first[0], "PronType") and "3" in morph_get(first[0], "Person") \
        and dep(first[0]).startswith("nsubj")
    if not (cued or casualty or carried):
        return None
    for back in range(1, CONTINUE_SENTENCES + 1):
        frame = framing_date(adoc, s - back, usable) if s - back >= 0 else None
        if frame is not None:
            return frame
    return None


def sequel_cues(bundle: LanguageBundle) -> tuple[str, ...]:
    """Sentence-opening connectives that continue the narrative's time, longest first
    (``data/<lang>/narrative.tsv``), built once per language bundle."""
    def build(b: LanguageBundle) -> tuple[str, ...]:
        rows = [r[1].strip().lower() for r in b.read_tsv("narrative.tsv")
                if len(r) > 1 and r[0] == "sequel"]
        return tuple(sorted(rows, key=len, reverse=True))

    return bundle.resource("time.sequels", build)


def news_day(mentions: list[DateMention], anchor: date | None) -> date | None:
    """The day the news happened, when the article names it: its first relative day in the
    week up to the article's date ('dijo el jueves' in a Friday paper). Agency copy is
    often published the day after the events it reports."""
    if anchor is None:
        return None
    for dm in sorted(mentions, key=lambda d: d.span.start):
        if dm.relative and dm.precision == "day" and dm.value:
            day = date.fromisoformat(dm.value)
            if 0 <= (anchor - day).days <= NEWS_DAY_WINDOW:
                return day
    return None


def _opens_period(adoc: ArticleDoc, e: Event, lx: TimeLexicon) -> bool:
    """The event's date follows a 'since' preposition ('has been fighting since 2012',
    'combaten desde abril de 2023'): a period lasting until now, not a past act."""
    if e.date_span is None:
        return False
    before = adoc.article.text[max(0, e.date_span.start - 12):e.date_span.start].split()
    return bool(before) and lx.has("since_pre", before[-1])


def _simple_past(tok: Token | None) -> bool:
    """A finite simple past ('expulsó', 'expelled'): a punctual act, which a 'since' date
    cannot stretch into a period lasting until now (that needs a present, a perfect or an
    imperfect: 'combaten desde abril', 'have fought since April')."""
    return tok is not None and tok.pos_ in ("VERB", "AUX") and morph_get(tok, "Tense") == ("Past",) \
        and morph_get(tok, "VerbForm") == ("Fin",) and not any(dep(c) in AUX for c in children_of(tok))


def is_historical(e: Event, anchor: date) -> bool:
    """Whether the event's own (not inferred) date lies clearly before ``anchor``."""
    if e.date_inferred or not e.date or e.date_precision not in DATE_PRECISIONS:
        return False
    iv = interval(e.date, e.date_precision)
    if iv is None:
        return False
    if e.date_precision == "year":
        return iv[1].year < anchor.year
    return (anchor - iv[1]).days > HISTORICAL_DAYS
