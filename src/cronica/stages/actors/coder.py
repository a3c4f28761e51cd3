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
  country, with lower confidence ('milicias respaldadas por Rusia' -> 'RUSUAF').
- Intergovernmental bodies, the UN and the EU included, are 'IGO' (as in the project's
  CAMEO-style gold; PLOVER's UNO/EUR can be told apart by ``name``); transnational
  militarised groups are 'IMG', and so are multinational military coalitions ('la coalición
  internacional': an armed force across states, not a chartered organisation; PLOVER 2.0's
  table of international non-state actors); media are country + 'JRN' (kind 'media').
- A demonym used as a noun names the people of a country: 'los iraquíes' -> 'IRQ', kind
  'agent' (kind 'country' is kept for country names, which the place stage may geocode).
- An agent located in a country takes it when the text gives it no other ('rebels in Chad'
  -> 'TCDREB', confidence 0.7); the place stays a place (no mention). A title held before
  ('former President X', 'el ex presidente') is 'ELI'. An agent or demonym adjective counts
  on a noun of action or proposal only ('ataques guerrilleros' -> 'REB', 'an Argentine
  proposal' -> 'ARG'; 'el suelo iraquí' is no actor); in an all-capitals headline any agent
  form counts (the tags are unreliable there). A country after 'anti-' is never the agent's.
- A person takes the role the text gives them ('La ministra de Salud de Chile,
  Ana Rojas' -> 'CHLGOV'); later mentions by surname reuse the code. A person the text
  gives no role is coded from data/leaders.tsv when well known ('Putin' -> 'RUSGOV', also
  when the NER misses a one-word name), else 'CVL' with confidence 0.3. A title with a name
  but no country ('President X', 'Arab League Secretary General X') takes the organisation
  before it, else the one country its sentence names (places included), confidence 0.5; a
  leader's name gives its country to the body it heads ('the Merkel government').
- Sector-only agents are ``country=''``, ``code=sector`` ('MIL'); the gold's '---MIL' is the
  same thing.

The lexicon (cronica.stages.actors.lexicon) is built once per language; per article the work is one
pass over the tokens plus a bounded walk up the parse from each hit.
"""

from __future__ import annotations

import logging
from typing import Any

from cronica.model import ActorMention, ArticleDoc
from cronica.read.dateline import find_dateline
from cronica.stages.actors.lexicon import (
    Entry,
    Lexicon,
    load_lexicon,
    normalize,
    tokenize,
    word_key,
)
from cronica.stages.actors.lookup import Code as _Code
from cronica.stages.actors.lookup import (
    actor_for_span,
    code_text,
    codes_for_matches,
    leader_mentions,
    make_mention,
    short_form_mentions,
    surname_mentions,
)
from cronica.stages.actors.parse import ORG_KINDS, PLACE_KINDS, Item, PhraseLinker
from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.nlp.models import doc_text
from cronica.stages.nlp.syntax import clause_head, dep, entities, folded_form, morph_get

__all__ = ["ActorCoder", "actor_for_span", "code_text", "codes_for_matches"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


# sectors of the state, whose definite mentions ('el ejército') refer back to a country
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})
_NON_STATES = frozenset({"IGO", "IMG", "NGO"})
# sectors of titles ('President X', 'Minister X') that take the country their sentence names
_TITLE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY", "ELI", "OPP"})
# particles that open surnames ('De la Rúa', 'Van Gaal', 'Da Silva'): a name may start with them
_NAME_PARTICLES = frozenset({"de", "del", "da", "das", "do", "dos", "di", "du", "van", "von",
                             "der", "den", "la", "le", "los", "las", "el", "al", "bin", "ben"})
_ANAPHORA_SENTENCES = 8  # news paragraphs are short: a few sentences is still the same topic


class ActorCoder:
    """The 'actors' stage: fills ``adoc.actors`` (ids 'a0', 'a1', ... in text order)."""

    name = "actors"

    def __init__(self, lang: str | LanguageBundle, lexicon: Lexicon | None = None) -> None:
        self.bundle = as_bundle(lang)
        self.lang = self.bundle.code
        self.lexicon = lexicon or load_lexicon(self.bundle)
        self.linker = PhraseLinker(self.lexicon)
        syn = self.lexicon.syntax
        self._person_labels = syn.get("person_labels", frozenset({"per", "person"}))
        self._dets = syn.get("determiners", frozenset())
        self._definite = syn.get("definite", frozenset())

    # -- the stage -------------------------------------------------------
    def run(self, adoc: ArticleDoc) -> None:
        if adoc.doc is None:
            return
        words = tokenize(adoc.article.text)
        items = self._place_items(adoc, words)
        by_token = self.linker.link(items)
        mentions = self._mentions(adoc, items, by_token, words)
        mentions += self._topic_organisations(adoc, mentions)
        mentions.sort(key=lambda m: (m.span.start, -m.span.end))
        dateline = find_dateline(adoc.article.text)
        if dateline is not None:  # a dateline ('Beirut, 12 nov (EFE).-') is never an actor
            lo, hi = dateline.start("place"), dateline.end()
            mentions = [m for m in mentions if not (m.span.start < hi and lo < m.span.end)]
        kept: list[ActorMention] = []
        for m in mentions:
            if kept and m.span.start < kept[-1].span.end:
                continue  # overlap: the earlier, longer mention wins
            kept.append(m)
        self._definite_anaphora(kept)
        for i, m in enumerate(kept):
            m.id = f"a{i}"
        adoc.actors = kept

    def _topic_organisations(self, adoc: ArticleDoc,
                             mentions: list[ActorMention]) -> list[ActorMention]:
        """Organisations the lexicon does not know, named by the parser's ORG entities, whose
        name holds a topic phrase of a sector ('Liga Tunecina de Derechos Humanos', 'Kenya
        National Commission on Human Rights': HRI, ``org_topics.tsv``). The whole name is one
        mention, coded with the country a demonym or country inside it names; it outranks
        that inner mention (the longer mention wins an overlap). A name with a known code of
        its own (an organisation of orgs.tsv) keeps it."""
        topics = self._org_topics()
        if not topics:
            return []
        text = adoc.article.text
        out: list[ActorMention] = []
        for ent in entities(adoc.doc):
            if ent.label_ != "ORG":
                continue
            start, end = ent.start_char, ent.end_char
            folded = " ".join(normalize(text[start:end]).split())
            sector = next((sec for phrase, sec in topics if phrase in folded), None)
            if sector is None:
                continue
            inside = [m for m in mentions if start <= m.span.start and m.span.end <= end]
            if any(m.kind in ORG_KINDS for m in inside):
                continue  # a known organisation inside: its own code stands
            # the country a demonym or country name in the name gives ('Liga Tunecina',
            # 'Syrian Observatory'), read off the lexicon: such a word is no mention alone
            countries = [h.entry.country for h in self.lexicon.find(text[start:end])
                         if h.entry.kind in ("country", "demonym") and h.entry.country]
            code = _Code(countries[:1], sector, 0.8)
            org = self._mention(adoc, start, end, code, "org", None, False)
            for m in mentions:
                if m.kind == "agent" and m.span.start < start < m.span.end <= end:
                    # 'El presidente de la Liga Tunecina ...': the title holder is the
                    # organisation's, over its whole name
                    m.span, m.code, m.codes = adoc.span(m.span.start, end), org.code, list(org.codes)
                    m.country, m.sector = org.country, org.sector
            out.append(org)
        return out

    def _org_topics(self) -> list[tuple[str, str]]:
        """(folded phrase, sector) rows of data/<lang>/org_topics.tsv, read once."""
        def build(b: LanguageBundle) -> list[tuple[str, str]]:
            try:
                rows = b.read_tsv("org_topics.tsv")
            except FileNotFoundError:
                return []
            return [(" ".join(normalize(r[0]).split()), r[1]) for r in rows if len(r) > 1]

        return self.bundle.resource("actors.org_topics", build)

    def _definite_anaphora(self, mentions: list[ActorMention]) -> None:
        """'las fuerzas' after 'las fuerzas estadounidenses': a definite state agent without a
        country takes the country of the last mention of its sector, a few sentences back;
        of the last with its own head noun first ('el ministro' after 'el ministro de
        Exteriores de España' and 'la presidenta mexicana' is Spain's). The evidence is
        marked 'anaphora' (stage 'actor_context' weighs it against the sentence's place)."""
        last: dict[str, tuple[str, int] | None] = {}
        same: dict[tuple[str, str], tuple[str, int] | None] = {}  # (sector, head noun)
        for m in mentions:
            if m.sector not in _STATE_SECTORS or m.kind not in ("agent", "person", "capital"):
                continue
            if m.country:
                one = len(m.codes) == 1 and m.country not in _NON_STATES
                last[m.sector] = (m.country, m.span.sentence) if one else None
                if m.kind == "agent" and m.name:
                    same[(m.sector, m.name)] = last[m.sector]
                continue
            first = normalize(m.span.text.split(" ", 1)[0])
            prev = _antecedent(m, same, last)
            if m.kind != "agent" or first not in self._definite or prev is None:
                continue
            if 0 <= m.span.sentence - prev[1] <= _ANAPHORA_SENTENCES:
                m.country, m.code = prev[0], prev[0] + m.sector
                m.codes, m.confidence = [m.code], 0.5
                m.country_source = "anaphora"

    # -- hits on the parse -----------------------------------------------
    def _place_items(self, adoc: ArticleDoc, words: list[tuple[str, int, int]]) -> list[Item]:
        doc = adoc.doc
        items: list[Item] = []
        taken: set[int] = set()
        in_person = {i: ent for ent in entities(doc)
                     if normalize(ent.label_) in self._person_labels
                     for i in range(ent.start, ent.end)}  # (no Token built per word)
        found = self.lexicon.find(adoc.article.text, words)
        titles = _title_nouns(doc, found)
        for m in found:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            if m.entry.kind == "agent" and not self.linker.agent_ok(span) \
                    and not _sector_of_title(span, titles):
                continue
            if m.entry.kind == "demonym" and _capitalised_inside(span):
                ent = in_person.get(span[0].i)
                if ent is not None and ent.start < span.start \
                        and all(t.i in in_person for t in span):
                    continue  # 'Arnoldo Alemán': a surname, left to the person name
                if _after_title(span, items) or (self.lexicon.lower_demonyms and _bare_name(span)):
                    # 'el expresidente Alemán': a name after a title, not a nationality;
                    # 'Ayer, Alemán dijo': a bare singular name, not a nationality (where
                    # demonyms are written in lower case: English ACLED notes write
                    # 'Russian shelled' for Russian forces)
                    toks = [t.i for t in span]
                    items.append(Item(len(items), "person", span.start_char, span.end_char,
                                      toks, span.root))
                    taken.update(toks)
                    continue
            toks = [t.i for t in span]
            items.append(Item(len(items), m.entry.kind, m.start, m.end, toks, span.root, m.entry))
            taken.update(toks)
        agents = {t for it in items if it.kind == "agent" for t in it.tokens}
        for ent in entities(doc):
            if normalize(ent.label_) not in self._person_labels \
                    and not _apposed_name(ent, agents):
                continue
            toks = [i for i in range(ent.start, ent.end) if i not in taken]
            # keep the name only: drop a leading title the NER swallowed ('Presidente Petro'),
            # and a sentence-opening preposition it took for a name ('Según el Ministerio')
            while toks and (not doc[toks[0]].text[:1].isupper() or (
                    doc[toks[0]].pos_ == "ADP" and normalize(doc[toks[0]].text) not in _NAME_PARTICLES)):
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
    def _resolve(
        self,
        it: Item,
        items: list[Item],
        memo: dict[int, _Code | None],
        by_token: dict[int, int] | None = None,
    ) -> _Code | None:
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
                # 'the Obama administration': a well-known leader gives the country
                known = self.lexicon.leader(doc_text(it.root.doc)[g.start : g.end])
                if known is not None and known.country not in countries:
                    countries.append(known.country)
            elif g.entry is None:
                continue
            elif g.kind in PLACE_KINDS:
                if g.entry.country not in countries:
                    countries.append(g.entry.country)
            elif g.kind in ORG_KINDS:
                org = org or g.entry
            elif g.kind == "agent" and inner is None:
                inner = self._resolve(g, items, memo, by_token)
        sector, conf = e.sector, 0.9
        if sector == "GOV" and self.linker.former(it):
            sector = "ELI"  # 'former President X', 'el ex presidente'
        # 'rebels in Chad' are Chadian; 'troops in Iraq' or 'peacekeepers in Haiti' often not
        located = (
            self.linker.located(it, items, by_token)
            if by_token is not None and sector != "MIL"
            else None
        )
        if org is not None:
            countries = [org.country]
            sector = org.sector or (inner.sector if inner and not sector else sector)
        elif "member" in e.flags:
            if inner is None:
                return None
            countries, sector = countries or inner.countries, inner.sector
        elif inner is not None and inner.sector and (sector == "GOV" and "office" not in e.flags
                                                     or not sector):
            # 'el portavoz del ejército colombiano': the title yields to the body it speaks for
            countries = countries or inner.countries
            sector = inner.sector
        elif inner is not None and not countries:
            countries = inner.countries
        if not countries:
            backer = self.linker.backer(it, items)
            if backer:
                countries, conf = [backer], 0.6
            elif located:
                countries, conf = [located], 0.7
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
        self,
        adoc: ArticleDoc,
        items: list[Item],
        by_token: dict[int, int],
        words: list[tuple[str, int, int]],
    ) -> list[ActorMention]:
        doc = adoc.doc
        memo: dict[int, _Code | None] = {}
        context = self._sentence_countries(adoc, items)
        out: list[ActorMention] = []
        person_code: dict[int, tuple[_Code, str]] = {}
        for it in items:
            if it.kind == "agent":
                self._resolve(it, items, memo, by_token)
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
            titled = it.governor is not None or any(items[j].kind == "person" for j in it.governed)
            titled = titled or _before_name(it)
            if titled and not code.countries and code.sector in _TITLE_SECTORS:
                # 'President Tomas Verbek declared a curfew in Moldova'
                code = self._in_context(adoc, it, items, code, context)
            if it.governor is not None:  # a title before a name: 'Defense Secretary Lloyd Austin'
                person_code[it.governor] = (code, "agent")
                continue
            assert it.entry is not None  # (an agent coded by _resolve has an entry)
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
                out.append(self._standalone(adoc, it, e.sector, e.kind))
            elif it.kind == "capital":
                if self.linker.acts(it.root) and not self.linker.is_locative(it.root):
                    out.append(self._standalone(adoc, it, e.sector, "capital", True, 0.8))
            elif it.kind == "country":
                if not self.linker.is_locative(it.root):
                    out.append(self._standalone(adoc, it, "", "country"))
            elif it.kind == "demonym" and self.linker.nominal(it.root):
                # 'los iraquíes': the people, coded by country; kind 'agent', not a place name
                out.append(self._standalone(adoc, it, "", "agent", conf=0.8))
            elif it.kind == "demonym" and self.linker.on_action_noun(it.root):
                # 'an Argentine proposal', 'la mediación noruega': the country acts
                out.append(self._standalone(adoc, it, "", "agent", conf=0.6))
        out.extend(surname_mentions(adoc, surnames, by_token, words))
        out.extend(leader_mentions(adoc, self.lexicon, items, surnames, by_token, words))
        out.extend(short_form_mentions(adoc, self.lexicon, seen_orgs, by_token, items, words))
        return out

    def _sentence_countries(self, adoc: ArticleDoc,
                            items: list[Item]) -> dict[int, set[tuple[str, int]]]:
        """Sentence index -> (country, clause) of its lexicon hits (places included, 'in
        Haiti', and national organisations; news outlets are not: 'told AFP' says nothing of
        the speaker's country). ``clause`` is the token index of the governing verb."""
        out: dict[int, set[tuple[str, int]]] = {}
        for it in items:
            e = it.entry
            if e is None or it.kind not in PLACE_KINDS and it.kind not in ORG_KINDS \
                    or it.kind == "media":
                continue
            if e.country and e.country not in _NON_STATES:
                out.setdefault(adoc.sentence_of(it.start), set()).add(
                    (e.country, clause_head(it.root)))
        return out

    def _in_context(
        self,
        adoc: ArticleDoc,
        it: Item,
        items: list[Item],
        code: _Code,
        context: dict[int, set[tuple[str, int]]],
    ) -> _Code:
        """A title with a name but no country ('President X') takes the one country its
        sentence names, with low confidence; a well-known leader is left to leaders.tsv."""
        names = [items[j] for j in [*it.governed, it.governor] if j is not None]
        names = [p for p in names if p.kind == "person"]
        text = adoc.article.text
        if any(self.lexicon.leader(text[p.start : p.end]) is not None for p in names):
            return code
        # not from a clause below the title's own ('governor X said Russian missiles struck'
        # is no Russian): what the title's verb reports says nothing of the title's country
        clause = it.root.doc[clause_head(it.root)]
        below = {t.i for t in clause.subtree if t.pos_ in ("VERB", "AUX")} - {clause.i}
        found = {c for c, cl in context.get(adoc.sentence_of(it.start), set()) if cl not in below}
        if len(found) == 1:
            return _Code([next(iter(found))], code.sector, 0.5)
        return code

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
            if not code.countries:  # 'African Union Chairman Amadou Sall' (title after the body)
                for j in it.governed:
                    g = items[j]
                    if g.entry is not None and (g.kind in ORG_KINDS or g.kind in PLACE_KINDS):
                        code = _Code([g.entry.country], code.sector, conf)
                        break
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
            if folded_form(prev) in self._dets:
                start = prev.idx
        return start, end

    def _standalone(
        self,
        adoc: ArticleDoc,
        it: Item,
        sector: str,
        kind: str,
        metonymy: bool = False,
        conf: float = 1.0,
    ) -> ActorMention:
        """A mention made of one lexicon hit alone."""
        assert it.entry is not None
        code = _Code([it.entry.country], sector)
        return self._mention(adoc, it.start, it.end, code, kind, it.entry.name, metonymy, conf)

    _mention = staticmethod(make_mention)


def _apposed_name(ent: Any, agents: set[int]) -> bool:
    """A name in apposition to an agent noun is a person's whatever the NER label ('El
    ministro de Exteriores de Irán, Abbas Araghchi,' tagged as a place): two or more
    capitalised proper nouns, the first apposed to the agent word."""
    toks = list(ent)
    return len(toks) >= 2 and dep(ent.root) == "appos" and ent.root.head.i in agents \
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in toks)


def _antecedent(m: ActorMention, same: dict[tuple[str, str], tuple[str, int] | None],
                last: dict[str, tuple[str, int] | None]) -> tuple[str, int] | None:
    """The (country, sentence) a definite mention refers back to: the last mention with its
    head noun within reach, else the last of its sector."""
    assert m.sector is not None
    own = same.get((m.sector, m.name or ""))
    if own is not None and 0 <= m.span.sentence - own[1] <= _ANAPHORA_SENTENCES:
        return own
    return last.get(m.sector)


def _before_name(it: Item) -> bool:
    """A title right before a capitalised proper noun the NER left out ('Deputy Minister
    Lena Markov')."""
    doc = it.root.doc
    nxt = it.tokens[-1] + 1
    return nxt < len(doc) and doc[nxt].pos_ == "PROPN" and doc[nxt].text[:1].isupper()


def _title_nouns(doc: Any, found: list[Any]) -> set[int]:
    """Token indices of the one-word title nouns among the lexicon hits ('líder',
    'dirigente', 'portavoz': sector GOV, used as nouns)."""
    out: set[int] = set()
    for m in found:
        if m.entry.kind != "agent" or m.entry.sector != "GOV":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span) == 1 and span[0].pos_ in ("NOUN", "PROPN"):
            out.add(span[0].i)
    return out


def _sector_of_title(span: Any, titles: set[int]) -> bool:
    """A relational adjective of a sector right after a title noun it modifies: 'el líder
    sindical', 'la dirigente estudiantil', 'el portavoz militar' -- the title is of that
    sector (the adjective joins the title's mention and gives it its sector)."""
    tok = span[0]
    return len(span) == 1 and tok.pos_ == "ADJ" and dep(tok) == "amod" \
        and tok.head.i in titles and tok.head.i == tok.i - 1


def _capitalised_inside(span: Any) -> bool:
    """A capitalised word that does not open its sentence and is not in capitals throughout
    (a headline): in the middle of a sentence a capitalised demonym may be a surname."""
    return not span[0].is_sent_start and all(
        t.text[:1].isupper() and not (t.text.isupper() and len(t.text) > 1) for t in span)


_NOMINAL_ROLES = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl", "pobj"})


def _bare_name(span: Any) -> bool:
    """'Ayer, Alemán dijo', 'Yesterday, German said': one capitalised word inside the sentence,
    tagged a proper noun, singular, with no determiner, in a nominal role. A demonym naming a
    person of a country needs a determiner ('el alemán', 'a German') and Spanish writes it in
    lower case; a people is plural ('Alemanes y franceses'); a demonym modifying a noun is an
    adjective ('German troops'). So the word is a surname, not a nationality."""
    if len(span) != 1:
        return False
    tok = span[0]
    return tok.pos_ == "PROPN" and dep(tok) in _NOMINAL_ROLES \
        and "Plur" not in morph_get(tok, "Number") \
        and not any(dep(c) == "det" for c in tok.children)


def _after_title(span: Any, items: list[Item]) -> bool:
    """Right after a lower-case title noun ('el presidente Alemán'), where Spanish writes a
    nationality in lower case: the capitalised word is a name (the title's apposition)."""
    prev = span.doc[span.start - 1]
    return prev.pos_ == "NOUN" and prev.text.islower() and any(
        it.kind == "agent" and prev.i in it.tokens for it in items)


def _surname(doc: Any, it: Item) -> str:
    return word_key(doc[it.tokens[-1]].text)
