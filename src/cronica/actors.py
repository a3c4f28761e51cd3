"""Stage 'actors': find the political actors an article names and code them.

Codes are country (ISO 3166 alpha-3, or an organisation code: IGO, IMG, NGO) + PLOVER sector:
'IRQGOV', 'USAMIL', 'COLREB', 'IGO', 'QATJRN'. Conventions:

- A country name stands for the country: 'Irak' -> 'IRQ' (kind 'country'); a capital only
  when it acts (subject, passive agent, possessor) and then for its government: 'Bagdad
  pretende' -> 'IRQGOV', ``metonymy=True``. A country or capital after a locative preposition
  ('en Bagdad') is a place, left to the place stage: no actor.
- An agent noun takes the country attached to it by the parse (adjective, 'de X', compound,
  coordination): 'fuerzas estadounidenses' -> 'USAMIL', 'Funcionarios estadounidenses e
  iraquíes' -> codes ['USAGOV', 'IRQGOV']. With no country the code is the sector alone and
  ``country`` is '' ('el ejército' -> 'MIL'), unless the lexicon gives the word a default
  country ('paramilitares' -> 'COLUAF'). Groups 'backed by' a country take the backer's
  country, with lower confidence ('grupos armados respaldados por Irán' -> 'IRNUAF').
- Intergovernmental bodies, the UN and the EU included, are 'IGO' (as in the project's
  CAMEO-style gold; PLOVER's UNO/EUR can be told apart by ``name``); transnational
  militarised groups are 'IMG'; media are country + 'JRN' (kind 'media').
- A person takes the role the text gives them ('El secretario de Defensa de Estados Unidos,
  Lloyd Austin' -> 'USAGOV'); later mentions by surname reuse the code. A person the text
  gives no role is coded 'CVL' with confidence 0.3.

The lexicon (cronica.actor_lexicon) is built once per language; per article the work is one
pass over the tokens plus a bounded walk up the parse from each hit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from cronica.actor_lexicon import Entry, Lexicon, Match, load_lexicon, normalize
from cronica.actor_parse import ORG_KINDS, PLACE_KINDS, Item, PhraseLinker
from cronica.model import ActorMention, ArticleDoc

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


@dataclass
class _Code:
    countries: list[str]
    sector: str
    confidence: float = 1.0

    @property
    def codes(self) -> list[str]:
        return [c + self.sector for c in self.countries] or [self.sector]


class ActorCoder:
    """The 'actors' stage: fills ``adoc.actors`` (ids 'a0', 'a1', ... in text order)."""

    name = "actors"

    def __init__(self, lang: str, lexicon: Lexicon | None = None) -> None:
        self.lang = lang
        self.lexicon = lexicon or load_lexicon(lang)
        self.linker = PhraseLinker(self.lexicon)
        syn = self.lexicon.syntax
        self._person_labels = syn.get("person_labels", frozenset({"per", "person"}))
        self._dets = syn.get("determiners", frozenset())

    # -- the stage -------------------------------------------------------
    def run(self, adoc: ArticleDoc) -> None:
        if adoc.doc is None:
            return
        items = self._place_items(adoc)
        by_token = self.linker.link(items)
        mentions = self._mentions(adoc, items, by_token)
        mentions.sort(key=lambda m: (m.span.start, -m.span.end))
        kept: list[ActorMention] = []
        for m in mentions:
            if kept and m.span.start < kept[-1].span.end:
                continue  # overlap: the earlier, longer mention wins
            kept.append(m)
        for i, m in enumerate(kept):
            m.id = f"a{i}"
        adoc.actors = kept

    # -- hits on the parse -----------------------------------------------
    def _place_items(self, adoc: ArticleDoc) -> list[Item]:
        doc = adoc.doc
        items: list[Item] = []
        taken: set[int] = set()
        for m in self.lexicon.find(adoc.article.text):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            if m.entry.kind == "agent" and not self.linker.agent_ok(span):
                continue
            toks = [t.i for t in span]
            items.append(Item(len(items), m.entry.kind, m.start, m.end, toks, span.root, m.entry))
            taken.update(toks)
        for ent in doc.ents:
            if normalize(ent.label_) not in self._person_labels:
                continue
            toks = [t.i for t in ent if t.i not in taken]
            # keep the name only: drop a leading title the NER swallowed ('Presidente Petro')
            while toks and not doc[toks[0]].text[:1].isupper():
                toks.pop(0)
            if not toks or any(t in taken for t in range(toks[0], toks[-1] + 1)):
                continue
            if len(toks) == 1 and not self.linker.single_name_ok(doc[toks[0]]):
                continue
            span = doc[toks[0] : toks[-1] + 1]
            items.append(
                Item(len(items), "person", span.start_char, span.end_char, toks, span.root)
            )
            taken.update(toks)
        items.sort(key=lambda it: it.start)
        for i, it in enumerate(items):
            it.idx = i
        return items

    # -- codes -----------------------------------------------------------
    def _resolve(self, it: Item, items: list[Item], memo: dict[int, _Code | None]) -> _Code | None:
        """The code of an agent item from what it governs; None when it is no actor."""
        if it.idx in memo:
            return memo[it.idx]
        memo[it.idx] = None  # guards against cycles in a broken parse
        e = it.entry
        assert e is not None
        countries: list[str] = []
        org: Entry | None = None
        inner: _Code | None = None
        has_person = False
        for j in sorted(it.governed, key=lambda j: items[j].start):
            g = items[j]
            if g.kind == "person":
                has_person = True
            elif g.entry is None:
                continue
            elif g.kind in PLACE_KINDS:
                if g.entry.country not in countries:
                    countries.append(g.entry.country)
            elif g.kind in ORG_KINDS:
                org = org or g.entry
            elif g.kind == "agent" and inner is None:
                inner = self._resolve(g, items, memo)
        sector, conf = e.sector, 0.9
        if org is not None:
            countries = [org.country]
            sector = org.sector or (inner.sector if inner and not sector else sector)
        elif "member" in e.flags:
            if inner is None:
                return None
            countries, sector = countries or inner.countries, inner.sector
        elif inner is not None and inner.sector and (sector == "GOV" or not sector):
            # 'el portavoz del ejército colombiano': the title yields to the body it speaks for
            countries = countries or inner.countries
            sector = inner.sector
        elif inner is not None and not countries:
            countries = inner.countries
        if not countries:
            backer = self.linker.backer(it, items)
            if backer:
                countries, conf = [backer], 0.6
            elif e.default_country:
                countries, conf = [e.default_country], 0.7
            elif "weak" in e.flags and not has_person:
                return None
        if not sector and org is None:
            return None
        code = _Code([c for c in countries if c], sector, conf)
        memo[it.idx] = code
        return code

    # -- mentions --------------------------------------------------------
    def _mentions(
        self, adoc: ArticleDoc, items: list[Item], by_token: dict[int, int]
    ) -> list[ActorMention]:
        doc = adoc.doc
        memo: dict[int, _Code | None] = {}
        out: list[ActorMention] = []
        person_code: dict[int, tuple[_Code, str]] = {}
        for it in items:
            if it.kind == "agent":
                self._resolve(it, items, memo)
        # what hangs on an agent word that is no actor ('miembros' alone) stands on its own
        for it in items:
            if it.governor is not None and items[it.governor].kind == "agent":
                if memo.get(it.governor) is None:
                    it.governor = None
        for it in items:
            if it.kind != "agent" or it.governor is not None and items[it.governor].kind == "agent":
                continue
            code = memo.get(it.idx)
            if code is None:
                continue
            start, end = self._extent(it, items)
            if it.governor is not None:  # a title before a name: 'Defense Secretary Lloyd Austin'
                person_code[it.governor] = (code, "agent")
                continue
            out.append(self._mention(adoc, start, end, code, "agent", it.entry.name, False))
            for j in it.governed:
                if items[j].kind == "person":
                    person_code[j] = (code, "role")
        surnames: dict[str, _Code] = {}
        persons = [it for it in items if it.kind == "person"]
        for it in persons:
            if it.idx in person_code:
                surnames[_surname(doc, it)] = person_code[it.idx][0]
        seen_orgs: set[Entry] = set()
        for it in items:
            e = it.entry
            if it.kind == "person":
                out.append(self._person(adoc, it, items, person_code, surnames))
            elif e is None or it.governor is not None:
                continue
            elif it.kind in ORG_KINDS:
                seen_orgs.add(e)
                out.append(
                    self._mention(
                        adoc, it.start, it.end, _Code([e.country], e.sector), e.kind, e.name, False
                    )
                )
            elif it.kind == "capital":
                if self.linker.acts(it.root) and not self.linker.is_locative(it.root):
                    out.append(
                        self._mention(
                            adoc,
                            it.start,
                            it.end,
                            _Code([e.country], e.sector),
                            "capital",
                            e.name,
                            True,
                            conf=0.8,
                        )
                    )
            elif it.kind == "country":
                if not self.linker.is_locative(it.root):
                    out.append(
                        self._mention(
                            adoc, it.start, it.end, _Code([e.country], ""), "country", e.name, False
                        )
                    )
            elif it.kind == "demonym" and self.linker.nominal(it.root):
                out.append(
                    self._mention(
                        adoc,
                        it.start,
                        it.end,
                        _Code([e.country], ""),
                        "country",
                        e.name,
                        False,
                        conf=0.8,
                    )
                )
        out.extend(self._surname_mentions(adoc, surnames, by_token))
        out.extend(self._short_forms(adoc, seen_orgs, by_token, items))
        return out

    def _person(
        self,
        adoc: ArticleDoc,
        it: Item,
        items: list[Item],
        person_code: dict[int, tuple[_Code, str]],
        surnames: dict[str, _Code],
    ) -> ActorMention:
        start, end = it.start, it.end
        name = adoc.article.text[start:end]
        known = self.lexicon.leader(name)
        if it.idx in person_code:
            code, how = person_code[it.idx]
            conf = code.confidence
            if (
                not code.countries and known is not None
            ):  # 'President Bush': the title has no country
                code = _Code([known.country], code.sector, conf)
            if how == "agent":  # the title goes with the name: one mention for both
                for j in it.governed:
                    if items[j].kind == "agent":
                        s, e = self._extent(items[j], items)
                        start, end = min(start, s), max(end, e)
        elif _surname(adoc.doc, it) in surnames:
            code, conf = surnames[_surname(adoc.doc, it)], 0.8
        elif known is not None:
            code, conf = _Code([known.country], known.sector), 0.7
        else:
            code, conf = _Code([], "CVL"), 0.3
        return self._mention(adoc, start, end, code, "person", name, False, conf=conf)

    def _surname_mentions(
        self, adoc: ArticleDoc, surnames: dict[str, _Code], by_token: dict[int, int]
    ) -> list[ActorMention]:
        """'Austin' alone after 'Lloyd Austin', when the NER did not mark it as a person."""
        if not surnames:
            return []
        out = []
        for t in adoc.doc:
            if t.i not in by_token and t.pos_ == "PROPN" and normalize(t.text) in surnames:
                code = surnames[normalize(t.text)]
                out.append(
                    self._mention(
                        adoc, t.idx, t.idx + len(t.text), code, "person", t.text, False, conf=0.7
                    )
                )
        return out

    def _short_forms(
        self, adoc: ArticleDoc, seen: set[Entry], by_token: dict[int, int], items: list[Item]
    ) -> list[ActorMention]:
        """'la coalición' once 'la coalición internacional' has been named."""
        short = {k: e for k, e in self.lexicon.short_forms.items() if e in seen}
        if not short:
            return []
        first = min(it.start for it in items if it.entry in seen)
        out = []
        for t in adoc.doc:
            if t.idx > first and t.i not in by_token and normalize(t.text) in short:
                e = short[normalize(t.text)]
                out.append(
                    self._mention(
                        adoc,
                        t.idx,
                        t.idx + len(t.text),
                        _Code([e.country], e.sector),
                        e.kind,
                        e.name,
                        False,
                        conf=0.7,
                    )
                )
        return out

    def _extent(self, it: Item, items: list[Item]) -> tuple[int, int]:
        """Characters of an agent's noun phrase: a leading determiner, the agent, and the
        countries, organisations and agents it governs (not an apposed person)."""
        doc = it.root.doc
        start, end = it.start, it.end
        for j in it.governed:
            g = items[j]
            if g.kind == "person":
                continue
            gs, ge = self._extent(g, items) if g.kind == "agent" else (g.start, g.end)
            start, end = min(start, gs), max(end, ge)
        first = doc.char_span(start, end, alignment_mode="expand")
        if first is not None and first.start > 0:
            prev = doc[first.start - 1]
            if normalize(prev.text) in self._dets:
                start = prev.idx
        return start, end

    def _mention(
        self,
        adoc: ArticleDoc,
        start: int,
        end: int,
        code: _Code,
        kind: str,
        name: str | None,
        metonymy: bool,
        conf: float | None = None,
    ) -> ActorMention:
        codes = code.codes
        span = adoc.doc.char_span(start, end, alignment_mode="expand")
        return ActorMention(
            id="",
            span=adoc.span(start, end),
            code=codes[0],
            codes=codes,
            country=code.countries[0] if code.countries else "",
            sector=code.sector or None,
            kind=kind,
            name=name,
            metonymy=metonymy,
            head=span.root.i if span is not None and len(span) else None,
            confidence=code.confidence if conf is None else conf,
        )


def _surname(doc: Any, it: Item) -> str:
    return normalize(doc[it.tokens[-1]].text)


# -- helpers for other stages --------------------------------------------
def actor_for_span(adoc: ArticleDoc, start: int, end: int) -> ActorMention | None:
    """The actor mention that best covers characters ``[start, end)`` (e.g. a subject subtree).

    The mention holding the head word of the range comes first; then mentions inside the
    range, then the one overlapping it most; ties go to the earliest. None when no mention
    overlaps the range.
    """
    if adoc.doc is not None:
        # the mention holding the range's syntactic head ('La candidata a la alcaldía')
        rng = adoc.doc.char_span(start, end, alignment_mode="expand")
        if rng is not None and len(rng):
            root = rng.root.idx
            for m in adoc.actors:
                if m.span.start <= root < m.span.end and start <= m.span.end and m.span.start < end:
                    return m
    best: tuple[bool, int, int] | None = None
    found: ActorMention | None = None
    for m in adoc.actors:
        overlap = min(end, m.span.end) - max(start, m.span.start)
        if overlap <= 0:
            continue
        key = (start <= m.span.start and m.span.end <= end, overlap, -m.span.start)
        if best is None or key > best:
            best, found = key, m
    return found


def code_text(text: str, lang: str) -> list[str]:
    """Codes for a bare string without a parse (a quote's speaker, a reporting source).

    'Ministerio de Asuntos Exteriores de Irak' -> ['IRQGOV']; 'Funcionarios estadounidenses e
    iraquíes' -> ['USAGOV', 'IRQGOV']; 'Al Jazeera' -> ['QATJRN']; 'Vladimir Putin' (a
    well-known leader) -> ['RUSGOV']; [] when nothing is known.
    """
    lexicon = load_lexicon(lang)
    codes = codes_for_matches(lexicon.find(text))
    if not codes and (known := lexicon.leader(text)) is not None:
        codes = [known.code]  # 'Vladimir Putin'
    return codes


def codes_for_matches(matches: list[Match]) -> list[str]:
    """The codes a run of lexicon hits names, read left to right without syntax."""
    agents = [m.entry for m in matches if m.entry.kind == "agent"]
    orgs = [m.entry for m in matches if m.entry.kind in ORG_KINDS]
    places = [m.entry for m in matches if m.entry.kind in PLACE_KINDS]
    countries = list(dict.fromkeys(e.country for e in places))
    if orgs and (orgs[0].sector or not agents):
        return [orgs[0].code]
    if agents:
        real = [a for a in agents if "member" not in a.flags]
        if not real:
            return [orgs[0].code] if orgs else []
        sector = real[0].sector
        if sector == "GOV" and len(real) > 1 and real[1].sector != "GOV":
            sector = real[1].sector
        if orgs:
            return [orgs[0].country + sector]
        if not countries and real[0].default_country:
            countries = [real[0].default_country]
        return [c + sector for c in countries] or [sector]
    return [e.code for e in places if e.kind == "capital"] or countries
