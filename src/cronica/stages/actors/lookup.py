"""Look-ups other stages make in the actors layer: the mention covering a span of text
(``actor_for_span``) and the codes of a bare string such as a quote's speaker
(``code_text``), both re-exported by :mod:`cronica.stages.actors.coder`; and the building blocks of
mentions the actors stage shares: ``Code``, ``make_mention`` and the finders of names left
outside the lexicon hits (surnames, well-known leaders, short forms of organisations).
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from cronica.model import ActorMention, ArticleDoc
from cronica.stages.actors.lexicon import Entry, Lexicon, Match, load_lexicon, word_key
from cronica.stages.actors.parse import ORG_KINDS, PLACE_KINDS, Item
from cronica.stages.language.bundle import LanguageBundle
from cronica.stages.nlp.models import model_words


@dataclass
class Code:
    """The code of a mention in the making: countries (one per actor named) and a sector."""

    countries: list[str]
    sector: str
    confidence: float = 1.0

    @property
    def codes(self) -> list[str]:
        return [c + self.sector for c in self.countries] or [self.sector]


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


def code_text(text: str, lang: str | LanguageBundle) -> list[str]:
    """Codes for a bare string without a parse (a quote's speaker, a reporting source).

    'Ministerio de Salud de Perú' -> ['PERGOV']; 'Funcionarios chilenos y
    peruanos' -> ['CHLGOV', 'PERGOV']; 'Al Jazeera' -> ['QATJRN']; 'Vladimir Putin' (a
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


# -- mentions the actors stage makes (shared with its finders below) ------------------
def make_mention(
    adoc: ArticleDoc,
    start: int,
    end: int,
    code: Code,
    kind: str,
    name: str | None,
    metonymy: bool,
    conf: float | None = None,
) -> ActorMention:
    """An ActorMention over characters ``[start, end)`` with the code ``code``."""
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


def surname_mentions(
    adoc: ArticleDoc,
    surnames: dict[str, Code],
    by_token: dict[int, int],
    words: list[tuple[str, int, int]],
) -> list[ActorMention]:
    """'Austin' alone after 'Lloyd Austin', when the NER did not mark it as a person."""
    out = []
    for t in tokens_with_key(adoc, words, surnames.keys(), by_token):
        if t.pos_ == "PROPN" and t.text[:1].isupper():
            code = surnames[word_key(t.text)]
            out.append(
                make_mention(
                    adoc, t.idx, t.idx + len(t.text), code, "person", t.text, False, conf=0.7
                )
            )
    return out


def leader_mentions(
    adoc: ArticleDoc,
    lexicon: Lexicon,
    items: list[Item],
    surnames: dict[str, Code],
    by_token: dict[int, int],
    words: list[tuple[str, int, int]],
) -> list[ActorMention]:
    """A well-known leader's one-word name the NER missed ('Fujimori, por su parte,
    viajó'): a capitalised proper noun outside every other hit."""
    named = {word_key(adoc.doc[it.tokens[-1]].text) for it in items if it.kind == "person"}
    # the article's words that are leader names (not every leader name of the lexicon)
    keys = set(map(itemgetter(0), words)) & lexicon.leader_words
    keys.difference_update(surnames)
    out = []
    for t in tokens_with_key(adoc, words, keys - named, by_token):
        known = lexicon.leader(t.text)
        if known is None or not t.text[:1].isupper() or not _tagged_as_name(t, lexicon):
            continue
        code = Code([known.country], known.sector, 0.7)
        out.append(
            make_mention(adoc, t.idx, t.idx + len(t.text), code, "person", known.name, False)
        )
    return out


def _tagged_as_name(tok: Any, lexicon: Lexicon) -> bool:
    """A proper noun, or a word the tagger guessed from its shape alone: a name it never saw
    in training (outside the model's vocabulary) tagged as an adjective or a noun, as the
    English tagger reads a sentence-initial 'Pezeshkian warned' ('-ian', as in 'Iranian')."""
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ in ("ADJ", "NOUN", "X") and tok.lower_ not in model_words(lexicon.bundle)


def short_form_mentions(
    adoc: ArticleDoc,
    lexicon: Lexicon,
    seen: set[Entry],
    by_token: dict[int, int],
    items: list[Item],
    words: list[tuple[str, int, int]],
) -> list[ActorMention]:
    """'la coalición' once 'la coalición internacional' has been named."""
    short = {k: e for k, e in lexicon.short_forms.items() if e in seen}
    if not short:
        return []
    first = min(it.start for it in items if it.entry in seen)
    out = []
    for t in tokens_with_key(adoc, words, short.keys(), by_token):
        if t.idx > first:
            e = short[word_key(t.text)]
            code = Code([e.country], e.sector)
            out.append(
                make_mention(
                    adoc, t.idx, t.idx + len(t.text), code, e.kind, e.name, False, conf=0.7
                )
            )
    return out


def tokens_with_key(
    adoc: ArticleDoc, words: list[tuple[str, int, int]], keys: Any, by_token: dict[int, int]
) -> list[Any]:
    """spaCy tokens, outside every lexicon hit, whose word key is in ``keys`` (one regex pass
    over the text instead of a walk over the Doc)."""
    if not keys:
        return []
    out = []
    for key, start, end in words:
        if key in keys:
            span = adoc.doc.char_span(start, end)
            if span is not None and len(span) == 1 and span[0].i not in by_token:
                out.append(span[0])
    return out
