"""Cue words and small text helpers of the attribution stage (quotes and reporting sources).

The cue words of a language come from ``data/<lang>/attribution.tsv``; see that file's header
for its kinds. Also here: quotation-mark pairing, phrase matching on tokens, and coding a
speaker or source through the actors layer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from spacy.attrs import LEMMA, LOWER, POS
from spacy.matcher import PhraseMatcher
from spacy.strings import hash_string  # type: ignore[attr-defined]  # (Cython; not in the stubs)
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from cronica.model import ActorMention, ArticleDoc
from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.nlp.syntax import token_column

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# what :meth:`AttributionLexicon.is_speech` reads of a token, and how many such keys to keep
_SPEECH_KEY = [POS, LEMMA, LOWER]
_MAX_SPEECH_MEMO = 200_000

# Quotation marks: curly, straight and angle quotes, paired
_MARKED = re.compile(r"“([^”“]+)”|«([^»«]+)»|\"([^\"\n]+)\"")


@dataclass(frozen=True)
class AttributionLexicon:
    """The cue words of one language (see ``data/<lang>/attribution.tsv``)."""

    speech_lemmas: frozenset[str]
    speech_forms: frozenset[str]
    report_lemmas: frozenset[str]
    cue_ext: Phrases  # longest first
    source: Phrases  # longest first
    media: frozenset[str]
    not_source: frozenset[str]
    marks: frozenset[str]
    impersonal: frozenset[str] = frozenset()
    channel: frozenset[str] = frozenset()
    source_noun: frozenset[str] = frozenset()
    observe: frozenset[str] = frozenset()
    channel_case: frozenset[str] = frozenset()  # 'en' (un comunicado), 'in' (a statement)
    recipient_case: frozenset[str] = frozenset()  # 'a' (la AFP), 'to' (reporters)
    inf_marks: frozenset[str] = frozenset()  # 'de' of 'acusó a X de favorecer'
    person_relative: frozenset[str] = frozenset()  # 'quien': its antecedent is a person
    inflect: bool = False  # try regular Spanish inflection when the lemmatizer misses a tense

    def is_channel(self, tok: Token) -> bool:
        """A noun naming the vehicle of a statement ('comunicado', 'entrevista')."""
        return tok.pos_ in ("NOUN", "PROPN") and (
            tok.lower_ in self.channel or tok.lemma_.lower() in self.channel)

    def is_source_noun(self, tok: Token) -> bool:
        """A noun naming who relays information ('fuentes', 'corresponsal')."""
        return tok.pos_ in ("NOUN", "PROPN") and (
            tok.lower_ in self.source_noun or tok.lemma_.lower() in self.source_noun)

    def is_speech(self, tok: Token) -> bool:
        """A verb of saying, by lemma (verbs only) or by listed surface form. The answer
        depends on the token's POS, lemma and lower-case form alone: kept per such triple
        (the memory :meth:`speech_indices` reads)."""
        key = (tok.pos, tok.lemma, tok.lower)
        memo = self._speech_memo
        hit = memo.get(key)
        if hit is None:
            if len(memo) > _MAX_SPEECH_MEMO:
                memo.clear()
            hit = memo[key] = self._is_speech(tok)
        return hit

    def _is_speech(self, tok: Token) -> bool:
        if tok.pos_ in ("VERB", "AUX") and (tok.lemma_.lower() in self.speech_lemmas or (self.inflect and any(
                lemma in self.speech_lemmas for lemma in regular_lemmas(tok.lower_)))):
            return True
        return tok.lower_ in self.speech_forms and tok.pos_ not in ("NOUN", "ADJ", "ADP")

    @cached_property
    def first_source_words(self) -> frozenset[str]:
        return frozenset(p[0] for p in self.source)

    @cached_property
    def first_source_keys(self) -> frozenset[int]:
        """:attr:`first_source_words` as spaCy string hashes (a token's ``LOWER``)."""
        return frozenset(hash_string(w) for w in self.first_source_words)

    @cached_property
    def _speech_memo(self) -> dict[tuple[int, ...], bool]:
        return {}

    def speech_indices(self, doc: Doc) -> list[int]:
        """The indices of ``doc``'s tokens where :meth:`is_speech` holds, in order. The
        answer depends on a token's POS, lemma and lower-case form alone, so it is kept per
        such triple and most tokens are passed over without building a spaCy token."""
        memo = self._speech_memo
        if len(memo) > _MAX_SPEECH_MEMO:
            memo.clear()
        cols = [token_column(doc, attr) for attr in _SPEECH_KEY]
        # (one C-level pass over the (POS, LEMMA, LOWER) triples; the misses are read after)
        hits = list(map(memo.get, zip(*cols, strict=True)))
        if None in hits:
            for i, key in enumerate(zip(*cols, strict=True)):
                if hits[i] is None:
                    hit = memo.get(key)  # (an earlier miss of this document filled it)
                    if hit is None:
                        hit = memo[key] = self._is_speech(doc[i])
                    hits[i] = hit
        return [i for i, hit in enumerate(hits) if hit]

    def is_report(self, tok: Token) -> bool:
        """A verb of reporting by lemma or form; kept per (lemma, lower-case form) hash pair,
        on which alone it depends."""
        key = (tok.lemma, tok.lower)
        memo = self._report_memo
        hit = memo.get(key)
        if hit is None:
            if len(memo) > _MAX_SPEECH_MEMO:
                memo.clear()
            hit = memo[key] = tok.lemma_.lower() in self.report_lemmas or tok.lower_ in self.report_lemmas
        return hit

    @cached_property
    def _report_memo(self) -> dict[tuple[int, int], bool]:
        return {}


# Regular Spanish verb endings (finite tenses, participle, gerund) by conjugation, longest
# first: a fallback when the lemmatizer misses a tense ('señalara' -> 'señalar').
_ENDINGS = (
    ("ar", ("aríamos", "aríais", "ábamos", "áramos", "ásemos", "aremos", "asteis", "aríais",
            "arían", "aron", "aban", "aran", "asen", "arán", "aría", "aste", "amos", "aba",
            "ara", "ase", "ará", "ado", "ada", "ando", "aré", "ó", "é", "a", "an", "e", "en",
            "as", "es", "o")),
    ("er", ("eríamos", "iéramos", "ieron", "ieran", "iesen", "erían", "ería", "erán", "ían",
            "iera", "iese", "erá", "ía", "ió", "ido", "ida", "iendo", "emos", "e", "en", "es", "o")),
    ("ir", ("iríamos", "iéramos", "ieron", "ieran", "iesen", "irían", "iría", "irán", "ían",
            "iera", "iese", "irá", "ía", "ió", "ido", "ida", "iendo", "imos", "e", "en", "es", "o")),
)


@lru_cache(maxsize=1 << 15)
def regular_lemmas(form: str) -> frozenset[str]:
    """Infinitives a Spanish verb form could come from by regular inflection ('señalara' ->
    {'señalar', ...}); the caller checks them against a word list. Cached: word forms
    repeat, and the attribution stage asks for every verb of an article."""
    out = set()
    for inf, endings in _ENDINGS:
        for end in endings:
            if form.endswith(end) and len(form) - len(end) >= 2:
                out.add(form[: len(form) - len(end)] + inf)
    return frozenset(out)


def attribution_lexicon(lang: str | LanguageBundle) -> AttributionLexicon:
    """``data/<lang>/attribution.tsv``, read once per bundle."""
    return as_bundle(lang).resource("attribution.lexicon", _read_lexicon)


def _read_lexicon(bundle: LanguageBundle) -> AttributionLexicon:
    rows: dict[str, list[list[str]]] = {}
    for row in bundle.read_tsv("attribution.tsv"):
        rows.setdefault(row[0].strip(), []).append([c.strip() for c in row[1:]])

    def words(kind: str) -> frozenset[str]:
        return frozenset(r[0].lower() for r in rows.get(kind, []))

    def forms(kind: str) -> frozenset[str]:
        return frozenset(f.lower() for r in rows.get(kind, []) if len(r) > 1 for f in r[1].split())

    def phrases(kind: str) -> Phrases:
        seqs = {tuple(r[0].lower().split()) for r in rows.get(kind, [])}
        return Phrases(sorted(seqs, key=len, reverse=True))

    report = words("report") | forms("report")
    return AttributionLexicon(
        speech_lemmas=words("speech"), speech_forms=forms("speech"), report_lemmas=report,
        cue_ext=phrases("cue_ext"), source=phrases("source"), media=words("media"),
        not_source=words("not_source"), marks=words("mark"), impersonal=words("impersonal"),
        channel=words("channel"), source_noun=words("source_noun"), observe=words("observe"),
        channel_case=words("channel_case"), recipient_case=words("recipient_case"),
        inf_marks=words("inf_mark"), inflect=bool(rows.get("inflect")),
        person_relative=words("person_relative"),
    )


def marked_quotes(text: str) -> list[tuple[int, int]]:
    """Character ranges of text inside quotation marks (the marks excluded)."""
    out = []
    for m in _MARKED.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i) is not None)
        if m.group(g).strip():
            out.append((m.start(g), m.end(g)))
    return out


class Phrases(tuple[tuple[str, ...], ...]):
    """A list of cue phrases (each a tuple of lower-case words, longest first), matched on
    the tokens' LOWER: a phrase matches at a token when the LOWER hashes of its words and of
    the tokens from there are equal (what spaCy's PhraseMatcher on LOWER matches; the
    matcher is kept for callers that want it, built once per vocabulary)."""

    _matcher: tuple[Vocab, PhraseMatcher] | None
    first_words: frozenset[str]
    longest: int
    # the phrases by the LOWER hash of their first word, as tuples of word hashes, longest
    # first
    by_first: dict[int, list[tuple[int, ...]]]

    def __new__(cls, phrases: Iterable[tuple[str, ...]]) -> Phrases:
        self = super().__new__(cls, tuple(phrases))
        self._matcher = None
        self.first_words = frozenset(p[0] for p in self if p)
        self.longest = max((len(p) for p in self), default=0)
        by_first: dict[int, list[tuple[int, ...]]] = {}
        for p in self:
            if p:
                key = tuple(hash_string(w.lower()) for w in p)
                by_first.setdefault(key[0], []).append(key)
        for keys in by_first.values():
            keys.sort(key=len, reverse=True)
        self.by_first = by_first
        return self

    def matcher(self, vocab: Vocab) -> PhraseMatcher:
        if self._matcher is None or self._matcher[0] is not vocab:
            matcher = PhraseMatcher(vocab, attr="LOWER")
            matcher.add("PHRASE", [Doc(vocab, words=list(p)) for p in self if p])
            self._matcher = (vocab, matcher)
        return self._matcher[1]


def match_phrase(doc: Doc, i: int, phrases: Iterable[tuple[str, ...]], limit: int) -> int:
    """Number of tokens of the longest phrase matching at token ``i`` and ending by token
    ``limit`` (0 if none). Read off the shared LOWER column (:func:`token_column`): no
    Token, Span or matcher call per token (the PhraseMatcher on LOWER, called on the window
    ``doc[i:min(limit, i + longest)]``, gave the same answers)."""
    if i >= limit:
        return 0
    ph = phrases if isinstance(phrases, Phrases) else Phrases(phrases)
    lowers = token_column(doc, LOWER)
    keys = ph.by_first.get(lowers[i])
    if not keys:
        return 0
    for key in keys:  # (longest first)
        n = len(key)
        if i + n <= limit and (n == 1 or tuple(lowers[i:i + n]) == key):
            return n
    return 0


def char_span(toks: Iterable[Any]) -> tuple[int, int] | None:
    """Character range of ``toks`` without edge punctuation and whitespace (None if empty)."""
    toks = sorted(toks, key=lambda t: t.i)
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens of ``doc`` covering characters [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def sentence_bounds(adoc: ArticleDoc, tok: Token) -> tuple[int, int, int]:
    """(sentence index, start char, end char) of the ``adoc`` sentence holding ``tok``."""
    s = adoc.sentence_of(tok.idx)
    if s < 0:
        return -1, tok.sent.start_char, tok.sent.end_char
    sent = adoc.sentences[s]
    return s, sent.start, sent.end


def best_mention(actors: list[ActorMention], start: int, end: int,
                  prefer_kind: str | None = None) -> ActorMention | None:
    """The actor mention that best covers [start, end): mentions inside the range first,
    then those of ``prefer_kind``, then the largest overlap."""
    best, key = None, None
    for m in actors:
        ov = min(end, m.span.end) - max(start, m.span.start)
        if ov <= 0:
            continue
        inside = start <= m.span.start and m.span.end <= end
        k = (inside, m.kind == prefer_kind, ov, -m.span.start)
        if key is None or k > key:
            best, key = m, k
    return best


def codes_for_text(text: str, lang: str | LanguageBundle) -> list[str]:
    """The actors stage's codes for a bare name (``actors.code_text``); [] when it knows none.

    Coding a bare name only enriches a quote or a source, so a failure in the actors lexicon
    is logged as a warning and does not lose the quotes found."""
    from cronica.stages.actors import coder as actors

    fn = getattr(actors, "code_text", None)
    if fn is None:
        return []
    try:
        res = fn(text, lang)
    except Exception:  # noqa: BLE001 - see the docstring; the traceback goes to the log
        logger.warning("actors.code_text failed on %r", text, exc_info=True)
        return []
    if isinstance(res, str):
        return [res] if res else []
    return [c for c in res or [] if isinstance(c, str) and c]
