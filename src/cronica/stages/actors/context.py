"""Stage 'actor_context': the country of an event's actor and recipient from context.

A sector actor with no nationality of its own ('police', 'protesters', 'the governor',
'students') takes its country from the clearest evidence available, in this order:

1. ``text``: the words of the mention itself (a demonym, possessive or 'of Kenya': 'Kenyan
   police', 'la policía boliviana'), as the actors stage coded it;
2. ``place``: the country of the event's location, when the sentence (or clause) names it
   ('protesters gathered in Lima');
3. ``dateline``: the country of the article's dateline ('NAIROBI, Kenya (AP) —');
4. ``article``: the article's dominant country: the country most of its places and coded
   actors belong to, when one clearly leads (:func:`dominant_country`).

Only domestic sectors take a country from context (``CONTEXT_SECTORS``), and uncoded
arguments made of common words ('medical technicians'); organisations (IGO, NGO, IMG,
...), refugees and uncoded proper names do not. The evidence used is kept on the event argument
(``EventArg.country`` and ``country_source``) and in the output as ``actor_country_source``
/ ``recipient_country_source``. The actor mention's own code is left as the text gives it:
CAMEO-style gold ('---CVL' for 'persona') codes what the words say. The arguments of each
merged mention (``Event.mentions``, found in the mention's own sentence) are coded the same
way, from the same evidence.
"""

from __future__ import annotations

import bisect
from collections import Counter

from cronica.model import (
    SECTOR_CODES,
    TERRITORIAL_SECTORS,
    ActorMention,
    ArticleDoc,
    Event,
    EventArg,
    code_parts,
)
from cronica.stages.actors.lexicon import load_lexicon
from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.nlp.syntax import children_of, dep, morph_get

CONTEXT_SECTORS = frozenset(
    "GOV MIL COP JUD LEG OPP PTY CVL LAB EDU AGR BUS MED JRN HLH REB UAF CRM ELI SPY REL ENV "
    "HRI".split())
SOURCES = ("text", "place", "dateline", "article")
# organised actors of a country: state bodies, parties, armed groups. An agent mention of one
# of these sectors without a country takes the country from context on the mention itself
# ('miembros de un grupo armado' in a Colombian note -> COLUAF); private people ('persona',
# 'campesino') keep the sector alone on the mention, as CAMEO-style gold codes them ('---CVL'),
# and get a country only on the event.
ORGANISED_SECTORS = frozenset("GOV MIL COP JUD LEG PTY UAF REB SPY".split())


def _country_counts(adoc: ArticleDoc) -> Counter[str]:
    counts: Counter[str] = Counter()
    for p in adoc.places:
        if p.country and not p.metonymy:
            counts[p.country] += 1
    for a in adoc.actors:
        # an organisation's code ('IGO' for the UN, 'NGO') names no country: the UN
        # denouncing an attack does not make the attackers international
        if a.country and not a.country_source and a.country not in SECTOR_CODES:
            counts[a.country] += 1
    return counts


def dominant_country(adoc: ArticleDoc) -> str | None:
    """The country most places and coded actors of the article belong to, when it leads the
    next one by at least one mention and is named at least twice (or is the only one)."""
    counts = _country_counts(adoc)
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, n = ranked[0]
    if len(ranked) == 1 or (n >= 2 and n > ranked[1][1]):
        return top
    return None


class ActorContext:
    """Stage 'actor_context' (after 'place')."""

    name = "actor_context"

    def __init__(self, lang: str | LanguageBundle) -> None:
        bundle = as_bundle(lang)
        self.lang = bundle.code
        # agent nouns that name armed or other individuals, not an organised body
        # ('hombres armados', 'gunmen': the 'individual' flag of agents.tsv)
        self.lexicon = load_lexicon(bundle)
        self.individual = frozenset(
            form.lower() for row in bundle.read_tsv("agents.tsv")
            if "individual" in (row + ["", ""])[2].split(",")
            for form in row[0].split("|") if form)

    def _mentions(self, adoc: ArticleDoc, dateline: str | None, article: list[str | None]) -> None:
        """Organised agents without a country take one from context on the mention (and on
        the event arguments that point to it)."""
        places: dict[str, str] = {}  # mention id -> the country of an event it takes part in
        elsewhere: dict[str, str] = {}  # ... of an event placed by another sentence's place
        named = _country_counts(adoc)
        opposed = _opposed_states(adoc)
        for e in adoc.events:
            place, other = own_place(e), article_place(e)
            # on the mention, a place counts when its country is named at least twice in the
            # article: one village name read in the wrong country must not code an actor
            for where, into in ((place, places), (other, elsewhere)):
                if where and named.get(where, 0) >= 2:
                    for arg in event_args(e):
                        if arg.mention and where not in opposed.get(arg.mention, ()):
                            into.setdefault(arg.mention, where)
        bound = _possessed(adoc)
        for m in adoc.actors:
            stale = None  # the code an earlier mention gave, now overruled by the place
            if m.country_source == "anaphora" and m.id in places \
                    and not _kept("anaphora", m.sector, m.country or "", places[m.id]):
                stale, m.country = m.code, None  # a territorial body where its sentence says
            if m.country or m.sector not in ORGANISED_SECTORS or m.kind != "agent" \
                    or len(m.codes or [m.code]) > 1 or (m.name or "").lower() in self.individual:
                continue
            country: str | None
            against = opposed.get(m.id, frozenset())
            if m.id in bound:
                # 'advirtió de que su ejército reanudará la ofensiva': the speaker's army
                country, source = bound[m.id], "text"
            elif m.id in places:
                country, source = places[m.id], "place"
            elif dateline and dateline not in against:
                country, source = dateline, "dateline"
            elif m.id in elsewhere:
                country, source = elsewhere[m.id], "article"
            else:
                if not article:
                    article.append(dominant_country(adoc))
                country, source = article[0], "article"
                if country and named.get(country, 0) < 2:
                    country = None  # one place name is too weak to code an actor
            if not country or country in against:
                m.country = m.country or code_parts(stale)[0]
                continue
            m.country, m.code, m.country_source = country, country + m.sector, source
            m.codes = [m.code]
            for e in adoc.events:
                for arg in event_args(e):
                    # an argument the events stage already gave a country keeps it (a known
                    # referent: 'las fuerzas' after 'las fuerzas estadounidenses')
                    if arg.mention == m.id and (not code_parts(arg.code)[0]
                                                or arg.code == stale):
                        arg.code, arg.codes = m.code, [m.code]

    def _demonym_country(self, arg: EventArg) -> bool:
        """An uncoded phrase whose words name one country by its demonym ('posiciones
        camboyanas', 'an Iranian tanker') is of that country: its own words, over context.
        Sets the argument's country (evidence ``text``); False when it names none or
        several."""
        found = {m.entry.country for m in self.lexicon.find(arg.text)
                 if m.entry.kind == "demonym" and m.entry.country}
        if len(found) != 1:
            return False
        arg.country, arg.country_source = found.pop(), "text"
        return True

    def run(self, adoc: ArticleDoc) -> None:
        if not adoc.events and not adoc.actors:
            return
        mentions = {m.id: m for m in adoc.actors}
        dateline = next((p.country for p in adoc.places if p.from_dateline and p.country), None)
        article: list[str | None] = []  # computed once, when first needed
        self._mentions(adoc, dateline, article)
        opposed = _opposed_states(adoc)
        acts = sorted(e.trigger.start for e in [*adoc.events, *adoc.secondary_events])
        homonyms: list[frozenset[str]] = []  # computed once, when first needed
        for e in adoc.events:
            place = own_place(e)
            actors = {id(a) for a in [e.actor, *(getattr(m, "actor", None) for m in e.mentions)]
                      if a is not None}
            for arg in event_args(e):
                against = opposed.get(arg.mention or "", frozenset()) if id(arg) in actors \
                    else frozenset()
                country, sector = _own_parts(arg, mentions)
                own = mentions.get(arg.mention or "")
                guessed = own.country_source if own is not None and own.country_source else None
                resolved = code_parts(arg.code)[0]
                if guessed and resolved and resolved != country:
                    # the events stage resolved the referent ('las fuerzas' -> the earlier
                    # 'fuerzas estadounidenses'): the article's words over a guess from context
                    country, guessed = resolved, None
                if country and _kept(guessed, sector, country, place):
                    arg.country, arg.country_source = country, guessed or "text"
                    continue
                if not sector and not arg.code and not _names_an_act(arg, acts) \
                        and self._demonym_country(arg):
                    continue
                if sector not in CONTEXT_SECTORS and not (
                        _common_noun_phrase(arg, sector) and not _names_an_act(arg, acts)):
                    continue
                if place and dateline and place != dateline and not homonyms:
                    homonyms.append(_lone_foreign_countries(adoc, dateline))
                if place and place not in against and not (
                        dateline and place != dateline and place in homonyms[0]):
                    arg.country, arg.country_source = place, "place"
                    if guessed == "anaphora" and sector:  # the code says it too
                        arg.code = place + sector
                        arg.codes = [arg.code]
                elif dateline and dateline not in against:
                    arg.country, arg.country_source = dateline, "dateline"
                elif article_place(e) and article_place(e) not in against:
                    arg.country, arg.country_source = article_place(e), "article"
                else:
                    if not article:
                        article.append(dominant_country(adoc))
                    if article[0] and article[0] not in against:
                        arg.country, arg.country_source = article[0], "article"


def _possessed(adoc: ArticleDoc) -> dict[str, str]:
    """Mention id -> country for an agent noun with a possessive determiner and no country
    of its own ('su ejército', 'sus tropas', 'its forces'): a third-person possessive is bound
    by the nearest subject above it (its clause's, else the governing clause's: 'Netanyahu
    advirtió de que su ejército ...', 'the ministry said its forces ...'; Nueva gramática
    §18.3, CGEL ch. 17 on the binding of possessives), when that subject is a coded actor."""
    doc = adoc.doc
    if doc is None or not adoc.actors:
        return {}
    by_head = {m.head: m for m in adoc.actors if m.head is not None}
    out: dict[str, str] = {}
    for m in adoc.actors:
        if m.country or m.head is None or m.head >= len(doc):
            continue
        tok = doc[m.head]
        if not any("Yes" in morph_get(c, "Poss") and c.i < tok.i for c in children_of(tok)):
            continue
        node = tok
        for _ in range(8):
            if node.head.i == node.i:
                break
            node = node.head
            subjects = [c for c in children_of(node) if dep(c) in ("nsubj", "nsubj:pass")]
            subj = next((c for c in subjects if c.i != tok.i), None)
            if subj is None:
                if not subjects and "Fin" in morph_get(node, "VerbForm"):
                    break  # a finite verb with an unsaid subject: who it is is unknown
                continue
            other = by_head.get(subj.i)
            country = code_parts(other.code)[0] if other is not None else None
            if country and other is not m:
                out[m.id] = country
            break  # the nearest subject binds, coded or not
    return out


def _lone_foreign_countries(adoc: ArticleDoc, dateline: str) -> frozenset[str]:
    """Countries other than the dateline's that the article names through one place only and
    through no actor (no country name, capital or demonym): such a place is most likely a
    homonym abroad of a local name ('la Alameda' of Santiago read as Alameda, California;
    'el Palacio de Justicia' of Lima as Palacio, Spain), so the dateline outranks it as the
    country of the event's unnamed actors."""
    counts: dict[str, int] = {}
    for p in adoc.places:
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + 1
    named = {m.country for m in adoc.actors if m.country}
    return frozenset(c for c, n in counts.items() if n == 1 and c != dateline and c not in named)


def _kept(guessed: str | None, sector: str | None, country: str, place: str | None) -> bool:
    """Whether an argument keeps the country its mention has: the text's always; one the
    actors stage read off an earlier mention ('anaphora') unless a territorial body's sentence
    places it in another country ('la policía tunecina ... La policía dejó dos heridos en
    Quito': police act at home; a government or army keeps its antecedent's country abroad); one guessed from context only when the event's sentence
    names no place (which then decides)."""
    if guessed is None:
        return True
    if guessed == "anaphora":
        return not (sector in TERRITORIAL_SECTORS and place and place != country)
    return guessed != "place" and not place


# where an event's place was found: only its own sentence's (or the narrative's, from the
# events just before) is evidence of where its unnamed actors are from; a place taken from
# another sentence of the article ('article', possibly named after the event) weighs less
# than the dateline, and more than the article's dominant country (it is where the article
# places its events, not merely the country it names most)
_OWN_PLACE_SOURCES = frozenset({"clause", "sentence", "coded", "target", "previous"})


def own_place(e: Event) -> str | None:
    """The country of the event's place when its sentence (or the narrative just before it)
    names the place; ``None`` for a dateline or a place of another sentence."""
    loc = e.event_loc or {}
    return loc.get("country") if loc.get("source") in _OWN_PLACE_SOURCES else None


def article_place(e: Event) -> str | None:
    """The country of the event's place when the place stage took it from another sentence of
    the article (source 'article')."""
    loc = e.event_loc or {}
    return loc.get("country") if loc.get("source") == "article" else None


# kinds of mention that name a state as a whole ('Irán', 'Teherán' acting for its government)
_STATE_KINDS = frozenset({"country", "capital"})
# the state's own bodies, which never act upon their state as a whole
_STATE_BODIES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def _opposed_states(adoc: ArticleDoc) -> dict[str, frozenset[str]]:
    """Actor mention id -> the countries its events are aimed at as whole states ('amenazó
    con sanciones a Irán': Iran, also through the act embedded in the threat). A state is not
    the target of its own government or forces, so context never gives the actor the country
    of its recipient (the place of the sentence, the dateline or the article may be it).
    Only for the state's own bodies: people protest against their own state."""
    by_id = {m.id: m for m in adoc.actors}
    aimed: dict[str, set[str]] = {}  # event id -> countries of its state recipients
    for e in adoc.events:
        r = by_id.get(e.recipient.mention or "") if e.recipient else None
        if r is not None and r.kind in _STATE_KINDS and r.country:
            aimed.setdefault(e.id, set()).add(r.country)
    out: dict[str, set[str]] = {}
    for e in adoc.events:
        actor = by_id.get(e.actor.mention or "") if e.actor else None
        if actor is None or actor.sector not in _STATE_BODIES:
            continue  # people protest against their own state ('against the Myanmar coup')
        states = aimed.get(e.id, set()) | {c for inner in adoc.events
                                            if inner.embedded_in == e.id
                                            for c in aimed.get(inner.id, ())}
        if states:
            out.setdefault(actor.id, set()).update(states)
    return {k: frozenset(v) for k, v in out.items()}


def event_args(e: Event) -> list[EventArg]:
    """The actor and recipient of an event and those of each of its merged mentions (found in
    the mention's own sentence): the same evidence of place and article codes them all."""
    args = [e.actor, e.recipient]
    for m in e.mentions:
        args += [getattr(m, "actor", None), getattr(m, "recipient", None)]
    return [a for a in args if a is not None]


def _common_noun_phrase(arg: EventArg, sector: str | None) -> bool:
    """An uncoded argument headed by a common noun ('medical technicians', 'los vecinos',
    'members of the X Movement', 'relatives of a victim'): people of the place, like a sector
    actor; a proper name ('Zhang Wei', 'the XYZ Front') may be anyone's."""
    if sector or arg.code:
        return False
    words = [w for w in arg.text.split() if w[:1].isalpha()]
    if not words or len(words) > _MAX_PHRASE_WORDS:
        return False
    if not any(w[:1].isupper() for w in words[1:]):
        return len(words) <= 6
    # a proper name inside: only when a common noun heads it ('members of ...')
    return words[0].islower() and len(words) > 1 and words[1].lower() in _OF


def _names_an_act(arg: EventArg, acts: list[int]) -> bool:
    """An uncoded argument holding an event word of the article ('las amenazas', 'the
    bombing') names an act, not people: it has no country ('condemned the bombing' is no
    Somali recipient). ``acts``: the sorted starts of every trigger."""
    i = bisect.bisect_left(acts, arg.start)
    if i >= len(acts) or acts[i] >= arg.end:
        return False
    # the act heads the phrase: at its first or second word ('the bombing'), not inside a
    # modifier of people ('kin of a custodial killing victim')
    return acts[i] - arg.start <= len(arg.text.split(" ", 1)[0]) + 1


_MAX_PHRASE_WORDS = 12
_OF = frozenset({"of", "de", "del", "from", "at", "in"})


def _own_parts(arg: EventArg, mentions: dict[str, ActorMention]) -> tuple[str | None, str | None]:
    m = mentions.get(arg.mention or "")
    if m is not None and m.country in SECTOR_CODES:
        # an organisation ('IGO' for the UN): its code is its sector, it has no country
        return None, m.country + (m.sector or "")
    if m is not None and (m.country or m.sector):
        return m.country or None, m.sector or None
    return code_parts(arg.code)
