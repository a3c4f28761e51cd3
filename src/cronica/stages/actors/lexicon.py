"""The actor lexicon: names of countries, capitals, demonyms, organisations and agent nouns,
loaded from the data files of one language and matched over text in one linear pass.

Matching is on normalised word tokens (lower case, accents stripped, 'nn' read as 'ñ' the way
accent-stripped corpora spell it: 'annos'), so 'Irak', 'IRAK' and 'irak' are one key. Proper
names keep a case check instead: each capitalised word of a pattern must be capitalised in the
text, and short all-capitals acronyms ('UE', 'US', 'AP') must be written in capitals.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from cronica.model import SECTOR_CODES
from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.language.fold import fold

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

_WORD = re.compile(r"\w+|[^\w\s]")

# kinds, in the order a tie between two entries with the same key is settled
KIND_PRIORITY = ("org", "group", "media", "country", "capital", "demonym", "agent")


@dataclass(frozen=True)
class Entry:
    """One lexicon item. ``country``: ISO alpha-3 or organisation code ('IGO', 'IMG'), '' when
    the entry names no country; ``sector``: PLOVER sector or '' ; ``flags``: see agents.tsv."""

    kind: str
    country: str
    sector: str
    name: str
    flags: frozenset[str] = frozenset()
    default_country: str = ""

    @property
    def code(self) -> str:
        return self.country + self.sector


@dataclass
class Pattern:
    """A lexicon form as tokens, with the case demands it makes on the text."""

    entry: Entry
    caps: tuple[bool, ...]  # token must start with a capital letter
    acronym: tuple[bool, ...]  # token must be written in capitals exactly


@dataclass
class Match:
    """A lexicon hit: character offsets into the text and the entry."""

    start: int
    end: int
    entry: Entry
    text: str = ""


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    patterns: list[Pattern] = field(default_factory=list)


# lower case without accents, one character for one: the one folding rule
normalize = fold


def _key(token_norm: str) -> str:
    return token_norm.replace("nn", "n")


def word_key(word: str) -> str:
    """The matching key of one word: 'Año', 'ANNO' and 'año' share one."""
    return _key(normalize(word))


def name_key(name: str) -> str:
    """Key of a person's name: normalised words joined by spaces ('Erdoğan' -> 'erdogan')."""
    return " ".join(_key(t) for t in _WORD.findall(normalize(name)) if t.isalnum())


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(key, start, end) for every word or punctuation token of ``text``."""
    norm = normalize(text)
    # (:func:`_key` written in place: one call fewer per word)
    return [(m.group().replace("nn", "n"), m.start(), m.end()) for m in _WORD.finditer(norm)]


class Lexicon:
    """Every actor pattern of one language, in a token trie built once."""

    def __init__(self, lang: str | LanguageBundle) -> None:
        self.bundle = as_bundle(lang)
        self.lang = self.bundle.code
        self._root = _Node()
        self.country_names: dict[str, str] = {}  # iso3 -> English name
        self.short_forms: dict[str, Entry] = {}  # key -> organisation, once named in full
        self.leaders: dict[str, Entry] = {}  # normalised name or surname -> person entry
        self.leader_words: set[str] = set()  # one-word leader names ('putin')
        self.syntax: dict[str, frozenset[str]] = {}  # actor_syntax.tsv: cue words by role
        # whether the language writes demonyms in lower case (Spanish 'alemán', RAE Ortografía
        # 2010 §4.2.4.2.9; English 'German'), read from its countries.tsv: then a capitalised
        # one inside a sentence may be a surname
        self.lower_demonyms = False
        self.size = 0
        self._load()

    # -- building --------------------------------------------------------
    def add(self, form: str, entry: Entry) -> None:
        """Add one surface form. Acronym rule: a form of <= 4 letters in capitals matches
        capitals only ('US', 'UE'); dotted forms of 4+ tokens ('EE.UU.', 'U.S.') are
        unambiguous and match in any case."""
        toks = _WORD.findall(form)
        if not toks:
            return
        letters = "".join(t for t in toks if t.isalpha())
        is_acronym = letters.isupper() and len(letters) <= 4 and not ("." in form and len(toks) > 3)
        caps = tuple(t[:1].isupper() for t in toks)
        acr = tuple(is_acronym and t.isalpha() for t in toks)
        node = self._root
        for t in toks:
            node = node.children.setdefault(_key(normalize(t)), _Node())
        node.patterns.append(Pattern(entry, caps, acr))
        self.size += 1

    def _load(self) -> None:
        bundle = self.bundle
        for row in bundle.read_shared_tsv("countries.tsv"):
            self.country_names[row[0]] = row[2]
        inflect = bundle.inflect  # gender and number forms, by the rules in language.tsv
        lower = upper = 0
        for row in bundle.read_tsv("countries.tsv"):
            iso3, names, demonyms, capitals = (row + ["", "", ""])[:4]
            lower += sum(d[:1].islower() for d in demonyms.split("|") if d)
            upper += sum(d[:1].isupper() for d in demonyms.split("|") if d)
            cname = self.country_names.get(iso3, iso3)
            for n in filter(None, names.split("|")):
                self.add(n, Entry("country", iso3, "", cname))
            for d in filter(None, demonyms.split("|")):
                for form in inflect(d):
                    self.add(form, Entry("demonym", iso3, "", cname))
            for c in filter(None, capitals.split("|")):
                self.add(c, Entry("capital", iso3, "GOV", c))
        self.lower_demonyms = lower > upper
        for row in bundle.read_tsv("orgs.tsv"):
            names, code, kind, cname, short = (row + ["", "", "", ""])[:5]
            country, sector = _split_code(code)
            entry = Entry(kind, country, sector, cname)
            for n in filter(None, names.split("|")):
                self.add(n, entry)
            if short:
                self.short_forms[_key(normalize(short))] = entry
        self._load_leaders()
        for row in bundle.read_tsv("actor_syntax.tsv"):
            self.syntax[row[0]] = frozenset(normalize(w) for w in row[1].split("|") if w)
        for row in bundle.read_tsv("agents.tsv"):
            forms, sector, flags = (row + ["", ""])[:3]
            fl = frozenset(f.strip() for f in flags.split(",") if f.strip())
            default = next((f.split("=", 1)[1] for f in fl if f.startswith("country=")), "")
            sector = "" if sector == "-" else sector
            for form in filter(None, forms.split("|")):
                self.add(form, Entry("agent", "", sector, form.lower(), fl, default))

    def _load_leaders(self) -> None:
        by_surname: dict[str, dict[str, Entry]] = {}
        for row in self.bundle.read_shared_tsv("leaders.tsv"):
            forms, code, cname = (row + ["", ""])[:3]
            country, sector = _split_code(code)
            entry = Entry("person", country, sector, cname)
            for form in filter(None, forms.split("|")):
                key = name_key(form)
                if key:
                    self.leaders[key] = entry
                    # a surname alone only when listed alone ('Putin'): 'Pérez', 'Brown' or
                    # 'Santos' name too many other people
                    if " " not in key:
                        by_surname.setdefault(key, {})[code] = entry
        for surname, entries in by_surname.items():
            if len(entries) > 1:  # one surname for two people: left to the full names
                self.leaders.pop(surname, None)
            else:
                self.leader_words.add(surname)

    def leader(self, name: str) -> Entry | None:
        """A well-known person by full name or unambiguous surname ('Putin')."""
        key = name_key(name)
        return self.leaders.get(key) or self.leaders.get(key.split()[-1] if key else "")

    # -- matching --------------------------------------------------------
    def find(self, text: str, toks: list[tuple[str, int, int]] | None = None) -> list[Match]:
        """Longest non-overlapping matches, left to right, in one pass over the tokens
        (``toks``: ``tokenize(text)`` when the caller has it already)."""
        toks = tokenize(text) if toks is None else toks
        out: list[Match] = []
        keys = [t[0] for t in toks]
        n = len(keys)
        first = self._root.children
        i = 0
        while i < n:
            if keys[i] not in first:  # (most words start no pattern)
                i += 1
                continue
            node = self._root
            best: tuple[int, Entry] | None = None
            j = i
            while j < n and keys[j] in node.children:
                node = node.children[keys[j]]
                j += 1
                if node.patterns:
                    entry = self._admissible(node.patterns, toks, i, text)
                    if entry is not None:
                        best = (j, entry)
            if best is None:
                i += 1
                continue
            j, entry = best
            s, e = toks[i][1], toks[j - 1][2]
            out.append(Match(s, e, entry, text[s:e]))
            i = j
        return out

    @staticmethod
    def _admissible(patterns: list[Pattern], toks, i: int, text: str) -> Entry | None:
        ok: list[tuple[int, int, Entry]] = []
        for p in patterns:
            good = True
            for k, (cap, acr) in enumerate(zip(p.caps, p.acronym, strict=True)):
                orig = text[toks[i + k][1] : toks[i + k][2]]
                if acr and orig != orig.upper():
                    good = False
                    break
                if cap and not orig[:1].isupper():
                    good = False
                    break
            if good:
                rank = KIND_PRIORITY.index(p.entry.kind) if p.entry.kind in KIND_PRIORITY else 99
                # among equals, the form with more capitals met is the more specific one:
                # 'Partido Liberal' (a named party) over 'partido' (a match, a game)
                ok.append((rank, -sum(p.caps), p.entry))
        if not ok:
            return None
        return min(ok, key=lambda x: (x[0], x[1]))[2]


# organisation codes, which stand in the country slot of a code ('IGO', 'IMG', 'NGO')
_ORG_CODES = frozenset({"IGO", "IMG", "NGO", "NGM", "MNC", "UNO", "EUR"})


def _split_code(code: str) -> tuple[str, str]:
    """'COLREB' -> ('COL', 'REB'); 'IGO' -> ('IGO', ''); a sector alone, for an organisation
    of several countries ('LAB' for the CGT, a union of Argentina, France and Spain alike) ->
    ('', 'LAB'): its country comes from context, never 'LAB'."""
    if code in SECTOR_CODES and code not in _ORG_CODES:
        return "", code
    return code[:3], code[3:]


def load_lexicon(lang: str | LanguageBundle) -> Lexicon:
    """The actor lexicon of a language, built once per bundle."""
    return as_bundle(lang).resource("actors.lexicon", _build)


def _build(bundle: LanguageBundle) -> Lexicon:
    lex = Lexicon(bundle)
    logger.debug("actor lexicon %s: %d patterns", bundle.code, lex.size)
    return lex
