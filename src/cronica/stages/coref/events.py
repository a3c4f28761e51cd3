"""Stage 'event_coref': one event, one record.

An article often reports one event several times ('Gunmen killed 12 villagers in Mangu on
Sunday. ... The attack on the village ...'). After the events, dates, places and actor
countries are known, two events of one article are the same event when:

- neither is a coup while the other is not (both COERCE: the coup and the arrest it makes);
- they have the same type, compatible modes (equal, or one unstated) and the same auxiliary
  mode (a denied or future attack is not the reported one);
- their actors are compatible, and so are their recipients: equal codes, or one side
  unstated, or one code is the other's sector without a country ('MIL' and 'NGAMIL'), or
  one is an unidentified armed group and the other a named non-state one ('gunmen' UAF
  and 'jihadists' REB);
- their dates are the same, or one is unstated or only inferred from the article's date;
- their places are the same place (same GeoNames id or name, or within ``NEAR_KM``, or a
  country and a place in it), or one is unstated or only the dateline's or carried over
  from an earlier sentence;
- and something positive ties them: a coded actor or recipient of the same sector on both
  sides (countries compatible), the same stated date, or the same stated place. Two events that only share a type are left apart.

The first mention (in text order) keeps its id; the others' triggers are appended to its
``mentions`` (every mention is kept) and their stated fields fill what it lacks (a stated
date over an inferred one, a sentence place over a dateline, an actor, casualty counts; a
named armed group over an unidentified one: 'jihadists' MLIREB over 'gunmen' UAF).

A headline is written in the present tense of news whatever the time of the act ('Maestros
marchan en Buenos Aires' over 'marcharán el jueves'; 'Policía detiene a 20 manifestantes'
over 'detuvo el sábado'): a headline event with no aux mode of its own (the present) is the
same event as a body event with another aux mode, other things equal, and takes the body's
mode, trigger first (as the events stage folds headline twins). A negated body event is not
the headline's act, and a headline's own mode (a future, a denial) is kept apart.
"""

from __future__ import annotations

from typing import Any

from cronica.model import ArticleDoc, Event, EventArg, as_mention
from cronica.stages.events.lexicon import lexicon, rule_pattern
from cronica.stages.events.merge import headline_sentence
from cronica.stages.events.refine import claimed_reference
from cronica.stages.language.bundle import LanguageBundle
from cronica.stages.language.fold import fold
from cronica.stages.nlp.syntax import children_of, definite, dep, morph_get
from cronica.stages.place.gazetteer import haversine_km

NEAR_KM = 25.0
_CLAIMABLE = frozenset({"ASSAULT", "COERCE"})  # acts a group claims (events.refine)
_WEAK_PLACE = ("dateline", "previous")
_MAGNITUDES = ("dead", "injured", "arrested", "size")


def _country_sector(arg: EventArg | None) -> tuple[str, str] | None:
    if arg is None or not arg.code:
        return None
    from cronica.model import SECTOR_CODES, code_parts

    country, sector = code_parts(arg.code)
    # an international group's code ('IMG') is no country, though context may copy it there
    own = arg.country if arg.country and arg.country not in SECTOR_CODES else None
    return (own or country or "", sector or "")


def args_compatible(a: EventArg | None, b: EventArg | None) -> bool:
    """Whether two arguments can name the same participant."""
    ca, cb = _country_sector(a), _country_sector(b)
    if ca is None or cb is None:
        return True
    if ca == cb:
        return True
    (xa, sa), (xb, sb) = ca, cb
    return (not xa or not xb or xa == xb) and (not sa or not sb or sa == sb
                                               or _unidentified_armed(sa, sb))


# UAF is an armed group whose identity is unknown ('gunmen', 'hombres armados'): it may be
# the rebels, insurgents or criminals another mention names (not a state force)
# and so may an international armed group ('gunmen' and 'the Islamic State group', IMG)
_NON_STATE_ARMED = frozenset({"REB", "INS", "CRM", "UAF", "IMG"})


def _unidentified_armed(sa: str, sb: str) -> bool:
    return "UAF" in (sa, sb) and sa in _NON_STATE_ARMED and sb in _NON_STATE_ARMED


def _same_arg(a: EventArg | None, b: EventArg | None) -> bool:
    """Both coded, with the same sector (or the same country when neither has a sector), and
    compatible countries ('NGAUAF' and 'UAF')."""
    ca, cb = _country_sector(a), _country_sector(b)
    if ca is None or cb is None or not args_compatible(a, b):
        return False
    return (bool(ca[1]) and ca[1] == cb[1]) or (not ca[1] and not cb[1] and bool(ca[0]) and ca[0] == cb[0])


def _stated_date(e: Event) -> str | None:
    return e.date if e.date and not e.date_inferred else None


def _strong_place(e: Event) -> dict[str, Any] | None:
    loc = e.event_loc
    return loc if loc and loc.get("source") not in _WEAK_PLACE else None


def _same_place(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get("geonameid") and a.get("geonameid") == b.get("geonameid"):
        return True
    if "country" in (a.get("feature"), b.get("feature")) and a.get("country"):
        return a.get("country") == b.get("country")  # 'central Mali' holds Mopti
    if a.get("lat") is not None and b.get("lat") is not None:
        return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"]) <= NEAR_KM
    return bool(a.get("name")) and a.get("name") == b.get("name")


def same_event(a: Event, b: Event, headline: int | None = None,
               coups: frozenset[str] = frozenset(), given: bool = False,
               predicate: bool = False) -> bool:
    """Whether ``b`` reports the same event as ``a`` (see the module docstring); ``headline``:
    the article's headline sentence, whose present tense is no aux mode of its own;
    ``coups``: the trigger patterns of a coup, never the same event as an act of another
    kind ('tomaron el poder' and 'detuvieron al presidente', both COERCE). ``predicate``:
    ``b`` is a copular predicate that characterises a given event ('Fue un ataque cobarde'),
    whose mode and place are its clause's defaults (the copula's tense, the dateline), not
    its own."""
    if a.event != b.event:
        return False
    if (rule_pattern(a.rule) in coups) != (rule_pattern(b.rule) in coups):
        return False
    # the headline's present-tense event may be the body's act of another mode, embedded in
    # its announcement or not ('Maestros marchan' over 'anunciaron que marcharán')
    present = a.aux_mode != b.aux_mode and _headline_present(a, b, headline)
    if a.aux_mode != b.aux_mode and not present and not (predicate and b.aux_mode is None):
        return False
    if (a.embedded_in is None) != (b.embedded_in is None) and not present:
        return False  # an act embedded in a frame ('amenazaron con una huelga') stays apart
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if not (args_compatible(a.actor, b.actor) and args_compatible(a.recipient, b.recipient)):
        return False
    da, db = _stated_date(a), _stated_date(b)
    if da and db and da != db and not predicate:
        return False
    pa, pb = _strong_place(a), _strong_place(b)
    if pa and pb and not _same_place(pa, pb):
        return False
    if given and not predicate and a.event_loc and b.event_loc \
            and not _same_place(a.event_loc, b.event_loc):
        return False  # a reference to a known event: not from another story's dateline
    tie = _same_arg(a.actor, b.actor) or _same_arg(a.recipient, b.recipient) \
        or bool(da and da == db) or bool(pa and pb)
    return tie or given


def definite_reference(doc: Any, e: Event, other_adj: set[str]) -> bool:
    """'El ataque ocurrió en la zona rural', 'the attack took place ...': a singular event
    noun with a definite article or a demonstrative, no actor or recipient of its own and no word
    of alterity ('otro ataque', 'a new attack') names an event the reader already knows (a
    definite description refers to a given referent; Nueva gramática 14.2, CGEL 5.6)."""
    if doc is None or e.head is None:
        return False
    tok = doc[e.head]
    if tok.pos_ not in ("NOUN", "PROPN") or "Plur" in morph_get(tok, "Number"):
        return False  # ('los atentados', 'these marches' may name a class of events)
    if any(fold(c.lemma_) in other_adj or fold(c.text) in other_adj for c in children_of(tok)):
        return False
    if _predicate_of_given(tok):
        return True  # its arguments are compared by same_event
    return e.actor is None and e.recipient is None and definite(tok)


def _predicate_of_given(tok: Any) -> bool:
    """'"Fue un ataque cobarde contra nuestros soldados"', 'Esto es una masacre', 'It was a
    cowardly attack': an event noun as the predicate of a copula whose subject is unsaid or a
    pronoun characterises an event already told (the predicate of an identifying or
    characterising copular clause has no reference of its own; Nueva gramática 37.2, CGEL
    4.5), so it is that event, not a new one."""
    kids = children_of(tok)
    if any(dep(c) == "cop" for c in kids):  # UD: the noun heads its copular clause
        subj = [c for c in kids if dep(c) in ("nsubj", "csubj")]
    elif dep(tok) == "attr" and tok.head.lemma_.lower() == "be":  # English: under 'be'
        subj = [c for c in children_of(tok.head) if dep(c) in ("nsubj", "csubj")]
    else:
        return False
    return all(c.pos_ == "PRON" for c in subj)


def _in_headline(e: Event, headline: int | None) -> bool:
    return headline is not None and e.trigger.sentence == headline


def _headline_present(a: Event, b: Event, headline: int | None) -> bool:
    """One of two events is a headline's present-tense event (no aux mode), the other a
    body event with a mode that is not a denial."""
    for h, body in ((a, b), (b, a)):
        if (_in_headline(h, headline) and not _in_headline(body, headline)
                and h.aux_mode is None and h.embedded_in is None
                and body.aux_mode != "negation"):
            return True
    return False


def _more_specific(a: EventArg | None, b: EventArg | None) -> bool:
    """``a`` names the unidentified armed group ``b`` ('gunmen' UAF) as a known one
    ('jihadists' MLIREB; 'the Islamic State group' IMG, which has no country of its own)."""
    ca, cb = _country_sector(a), _country_sector(b)
    return ca is not None and cb is not None and cb[1] == "UAF" and ca[1] != "UAF" \
        and _unidentified_armed(ca[1], cb[1]) and (bool(ca[0]) or not cb[0] or ca[1] == "IMG")


def absorb(keep: Event, other: Event) -> None:
    """Fold ``other`` into ``keep``: every mention kept, missing fields filled."""
    if not keep.mentions:
        keep.mentions = [keep.trigger]
    # the other's trigger keeps the arguments found at it (the keeper's stay the event's)
    for m in [as_mention(other.trigger, other.actor, other.recipient), *other.mentions]:
        if all((m.start, m.end) != (k.start, k.end) for k in [keep.trigger, *keep.mentions]):
            keep.mentions.append(m)
    if other.date and not other.date_inferred and (not keep.date or keep.date_inferred):
        keep.date, keep.date_precision = other.date, other.date_precision
        keep.date_span, keep.date_inferred = other.date_span, False
    if _strong_place(other) and not _strong_place(keep):
        keep.event_loc = other.event_loc
    if keep.actor is None or (not keep.actor.code and other.actor is not None and other.actor.code) \
            or _more_specific(other.actor, keep.actor):
        keep.actor = other.actor or keep.actor
    if keep.recipient is None or (not keep.recipient.code and other.recipient is not None
                                  and other.recipient.code):
        keep.recipient = other.recipient or keep.recipient
    for name in _MAGNITUDES:
        if getattr(keep, name) is None and getattr(other, name) is not None:
            setattr(keep, name, getattr(other, name))
    keep.confidence = max(keep.confidence, other.confidence)


def claimed_antecedent_ok(a: Event, b: Event) -> bool:
    """Whether ``b``, a claimed definite reference ('claimed the attack'), can be the act
    ``a`` told before: same type and mode, compatible arguments and aux mode (its date and
    place are the claim's, so they are not compared)."""
    return a.event == b.event and a.trigger.start < b.trigger.start \
        and (not a.mode or not b.mode or a.mode == b.mode) \
        and (a.aux_mode == b.aux_mode or b.aux_mode is None) \
        and args_compatible(a.actor, b.actor) and args_compatible(a.recipient, b.recipient)


class EventCoref:
    """Stage 'event_coref' (after 'actor_context')."""

    name = "event_coref"

    def __init__(self, lang: str | LanguageBundle) -> None:
        self.lang = lang if isinstance(lang, str) else lang.code
        self._coups = frozenset(lexicon(lang).cues.coup)
        self._cues = lexicon(lang).cues

    def run(self, adoc: ArticleDoc) -> None:
        kept: list[Event] = []
        moved: dict[str, str] = {}  # absorbed event id -> the id that keeps it
        headline = headline_sentence(adoc)
        coups = self._coups
        for e in sorted(adoc.events, key=lambda e: e.trigger.start):
            # an event of the same aux mode first: the headline's present is the fallback
            target = next((k for k in kept if same_event(k, e, coups=coups)), None) or next(
                (k for k in kept if same_event(k, e, headline, coups)), None) or \
                self._claimed_antecedent(adoc, kept, e) or self._given(adoc, kept, e)
            if target is None:
                kept.append(e)
            elif target.aux_mode != e.aux_mode and not (
                    e.head is not None and adoc.doc is not None
                    and _predicate_of_given(adoc.doc[e.head])):
                # the headline's present-tense event joins the body's, which keeps its mode
                absorb(e, target)
                kept[kept.index(target)] = e
                moved = {k: (e.id if v == target.id else v) for k, v in moved.items()}
                moved[target.id] = e.id
            else:
                absorb(target, e)
                moved[e.id] = target.id
        for e in kept:  # an embedded act follows its frame into the event that kept it
            if e.embedded_in in moved:
                e.embedded_in = moved[e.embedded_in]
        if len(kept) < len(adoc.events):
            order = {id(e): i for i, e in enumerate(adoc.events)}
            adoc.events = sorted(kept, key=lambda e: order[id(e)])

    def _given(self, adoc: ArticleDoc, kept: list[Event], e: Event) -> Event | None:
        """The latest earlier event of a later sentence's definite reference to an event of
        its kind ('Al menos ocho soldados murieron en un ataque ... El ataque ocurrió en ...'),
        when everything else is compatible (:func:`same_event` without a tie)."""
        if not definite_reference(adoc.doc, e, self._cues.other_event_adj):
            return None
        predicate = e.head is not None and _predicate_of_given(adoc.doc[e.head])
        return next((k for k in reversed(kept) if k.trigger.sentence < e.trigger.sentence
                     and same_event(k, e, coups=self._coups, given=True, predicate=predicate)),
                    None)

    def _claimed_antecedent(self, adoc: ArticleDoc, kept: list[Event], e: Event) -> Event | None:
        """The first act told before a claimed definite reference to it, the article's main
        one ('Gunmen attacked a checkpoint ... killing five ... The Islamic State claimed
        responsibility for the attack')."""
        if e.event not in _CLAIMABLE or not claimed_reference(adoc.doc, e, self._cues):
            return None
        return next((k for k in kept if claimed_antecedent_ok(k, e)), None)
