"""Stage 'attribution': who said it (quotes) and who reported it (reporting sources).

Reads the parse, ``adoc.actors`` and ``adoc.events``; fills ``adoc.quotes`` and
``adoc.reporting`` and sets ``Event.quote`` and ``Event.reported_by``. It never adds or
removes events. Cue words come from ``data/<lang>/attribution.tsv``; the rules below use
only Universal Dependencies labels, so another language needs only that file.

Quotes
  * indirect: a speech verb with a complement clause ('dijo que ...', 'said that ...'); the
    content is the clause (after its complementizer), cut to the verb's sentence;
  * direct: a speech verb whose sentence holds a text in “...”, "..." or «...» and no
    complement clause ('"...", dijo X'); the content is the text inside the marks;
  * mixed: an indirect quote whose content holds marked text; the content then runs at
    least to the closing mark;
  * post-posed: a speech verb hanging after a comma off an earlier clause ('..., han
    anunciado ambos gobiernos'); the content is the sentence up to that comma.
  The speaker is the verb's subject noun phrase without relative clauses; when that phrase
  holds a person's name as its head or in apposition ('El secretario ..., Lloyd Austin,') the
  name is the speaker. A verb without an expressed subject (pro-drop 'Añadió que ...'), or
  with a pronoun subject, takes the speaker of the previous quote if that quote is at most
  ``CARRY_SENTENCES`` sentences back (``carried_over=True``).

Reporting sources
  A source phrase ('según', 'de acuerdo a reportes de', 'according to') followed by a
  noun phrase, or a reporting verb ('informó', 'reported') whose subject is a news outlet.
  Scope rule: a source cue that stands at the edge of one of the first ``LEAD_SENTENCES``
  sentences (headline, subtitle, lead), i.e. with only punctuation between it and the start
  or the end of its sentence, credits the whole report: re-reports name their origin that
  way ('..., han anunciado ambos gobiernos, de acuerdo a reportes de Al Jazeera.'). Its scope
  is 'article'. Any other source cue covers its own sentence only.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from cronica import resources
from cronica.model import ActorMention, ArticleDoc, Quote, Reporting, Span

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

LEAD_SENTENCES = 3  # headline, subtitle, lead: where a re-report names its origin
CARRY_SENTENCES = 2  # how far back a pro-drop cue may look for its speaker
_MAX_SOURCE_TOKENS = 8  # a source name longer than this is a clause, not a name
_MAX_MARK_GAP = 8  # tokens between a speech verb and its complementizer when the parse misses it

# Quotation marks: curly, straight and angle quotes, paired
_MARKED = re.compile(r"“([^”“]+)”|«([^»«]+)»|\"([^\"\n]+)\"")
_CLOSING = ("”", "»", '"')
_SUBJ = ("nsubj", "nsubjpass", "nsubj:pass")
_CLAUSE_DEPS = ("ccomp", "obj", "dobj", "xcomp", "advcl", "parataxis")
_DROP_FROM_SPEAKER = ("acl", "acl:relcl", "relcl", "parataxis", "advcl", "punct")
# the reported clause: object clause, or subject clause of a passive ('Se informó que ...')
_COMPLEMENTS = ("ccomp", "csubj", "csubjpass", "csubj:pass")
_PASSIVE = ("auxpass", "aux:pass", "nsubjpass", "nsubj:pass", "expl:pass", "expl:impers")
_RELCL = ("relcl", "acl:relcl", "acl")
_FRONTED = ("prep", "obl", "nmod", "advmod", "advcl")
_PERSON_LABELS = ("PER", "PERSON")
_NAME_LABELS = ("ORG", "PER", "PERSON", "MISC", "NORP", "GPE", "LOC")


@dataclass(frozen=True)
class AttributionLexicon:
    """The cue words of one language (see ``data/<lang>/attribution.tsv``)."""

    speech_lemmas: frozenset[str]
    speech_forms: frozenset[str]
    report_lemmas: frozenset[str]
    cue_ext: tuple[tuple[str, ...], ...]  # longest first
    source: tuple[tuple[str, ...], ...]  # longest first
    media: frozenset[str]
    not_source: frozenset[str]
    marks: frozenset[str]
    impersonal: frozenset[str] = frozenset()

    def is_speech(self, tok: Any) -> bool:
        """A verb of saying, by lemma (verbs only) or by listed surface form."""
        if tok.lemma_.lower() in self.speech_lemmas and tok.pos_ in ("VERB", "AUX"):
            return True
        return tok.lower_ in self.speech_forms and tok.pos_ not in ("NOUN", "ADJ", "ADP")

    @property
    def first_source_words(self) -> frozenset[str]:
        return frozenset(p[0] for p in self.source)

    def is_report(self, tok: Any) -> bool:
        return tok.lemma_.lower() in self.report_lemmas or tok.lower_ in self.report_lemmas


@cache
def attribution_lexicon(lang: str) -> AttributionLexicon:
    """Load ``data/<lang>/attribution.tsv`` once per language."""
    rows: dict[str, list[list[str]]] = {}
    for row in resources.read_tsv(lang, "attribution.tsv"):
        rows.setdefault(row[0].strip(), []).append([c.strip() for c in row[1:]])

    def words(kind: str) -> frozenset[str]:
        return frozenset(r[0].lower() for r in rows.get(kind, []))

    def forms(kind: str) -> frozenset[str]:
        return frozenset(f.lower() for r in rows.get(kind, []) if len(r) > 1 for f in r[1].split())

    def phrases(kind: str) -> tuple[tuple[str, ...], ...]:
        seqs = {tuple(r[0].lower().split()) for r in rows.get(kind, [])}
        return tuple(sorted(seqs, key=len, reverse=True))

    report = words("report") | forms("report")
    return AttributionLexicon(
        speech_lemmas=words("speech"), speech_forms=forms("speech"), report_lemmas=report,
        cue_ext=phrases("cue_ext"), source=phrases("source"), media=words("media"),
        not_source=words("not_source"), marks=words("mark"), impersonal=words("impersonal"),
    )


def marked_quotes(text: str) -> list[tuple[int, int]]:
    """Character ranges of text inside quotation marks (the marks excluded)."""
    out = []
    for m in _MARKED.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i) is not None)
        if m.group(g).strip():
            out.append((m.start(g), m.end(g)))
    return out


def _match_phrase(doc: Any, i: int, phrases: Iterable[tuple[str, ...]], limit: int) -> int:
    """Number of tokens of the longest phrase matching at token ``i`` (0 if none)."""
    for p in phrases:
        if i + len(p) <= limit and all(doc[i + k].lower_ == w for k, w in enumerate(p)):
            return len(p)
    return 0


def _strip_comma(text: str, rng: tuple[int, int]) -> tuple[int, int]:
    """A direct quote without the comma that leads back into the narration ('..., dijo')."""
    start, end = rng
    while end > start and text[end - 1] in ", ":
        end -= 1
    return start, end


def adoc_words(doc: Any, rng: tuple[int, int]) -> list[Any]:
    """Tokens of ``doc`` covering the character range ``rng``."""
    span = doc.char_span(rng[0], rng[1], alignment_mode="expand")
    return list(span) if span is not None else []


def _char_span(toks: Iterable[Any]) -> tuple[int, int] | None:
    toks = sorted(toks, key=lambda t: t.i)
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


class Attributor:
    """Fills ``adoc.quotes`` (ids 'q0', ...), ``adoc.reporting``, and the events' ``quote``
    and ``reported_by``. Needs a parsed doc; does nothing without one."""

    name = "attribution"

    def __init__(self, lang: str, lexicon: AttributionLexicon | None = None) -> None:
        self.lang = lang
        self.lex = lexicon or attribution_lexicon(lang)

    def run(self, adoc: ArticleDoc) -> None:
        if adoc.doc is None or not adoc.sentences:
            return
        adoc.reporting = self.find_sources(adoc)
        reporting_verbs = {r.cue.start for r in adoc.reporting}
        adoc.quotes = self.find_quotes(adoc, skip=reporting_verbs)
        attach_to_events(adoc)

    # -- helpers -----------------------------------------------------------
    def _bounds(self, adoc: ArticleDoc, tok: Any) -> tuple[int, int, int]:
        """(sentence index, start char, end char) of the sentence holding ``tok``."""
        s = adoc.sentence_of(tok.idx)
        if s < 0:
            return -1, tok.sent.start_char, tok.sent.end_char
        sent = adoc.sentences[s]
        return s, sent.start, sent.end

    @staticmethod
    def _tokens_in(doc: Any, start: int, end: int) -> list[Any]:
        span = doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    # -- reporting sources ---------------------------------------------------
    def find_sources(self, adoc: ArticleDoc) -> list[Reporting]:
        """Reporting sources in text order (see the module docstring for the scope rule)."""
        doc = adoc.doc
        out: list[Reporting] = []
        firsts = set(self.lex.first_source_words)
        for s, sent in enumerate(adoc.sentences):
            toks = doc.char_span(sent.start, sent.end, alignment_mode="expand")
            if toks is None:
                continue
            lo, hi, limit = sent.start, sent.end, toks.end
            i = toks.start
            while i < limit:
                tok = doc[i]
                n = _match_phrase(doc, i, self.lex.source, limit) if tok.lower_ in firsts else 0
                if n:
                    rep = self._source_after(adoc, i, i + n, limit, s, lo, hi)
                    if rep is not None:
                        out.append(rep)
                        i += n
                        continue
                if tok.pos_ in ("VERB", "AUX") and self.lex.is_report(tok):
                    rep = self._media_subject(adoc, tok, s, lo, hi)
                    if rep is not None:
                        out.append(rep)
                i += 1
        return out

    def _source_after(self, adoc: ArticleDoc, cue_start: int, j: int, limit: int,
                      s: int, lo: int, hi: int) -> Reporting | None:
        doc = adoc.doc
        run: list[Any] = []
        while j < limit and len(run) < _MAX_SOURCE_TOKENS:
            t = doc[j]
            if t.is_punct or t.pos_ in ("VERB", "AUX", "SCONJ", "PRON") or t.lower_ in self.lex.marks:
                break
            run.append(t)
            j += 1
        while run and run[-1].pos_ in ("ADP", "DET", "CCONJ"):
            run.pop()
        if not run:
            return None
        nouns = [t for t in run if t.pos_ in ("NOUN", "PROPN")]
        if not nouns or (nouns[0].pos_ == "NOUN" and {nouns[0].lemma_.lower(), nouns[0].lower_}
                         & self.lex.not_source):
            return None
        end = run[-1].idx + len(run[-1].text)
        name, code = self._source_name(adoc, run)
        cue = adoc.span(doc[cue_start].idx, end)
        scope = "article" if self._at_lead_edge(adoc, s, lo, hi, cue.start, cue.end) else "sentence"
        return Reporting(source=name, code=code, cue=cue, scope=scope,
                         sentences=self._scope_sentences(adoc, scope, s))

    def _media_subject(self, adoc: ArticleDoc, verb: Any, s: int, lo: int, hi: int) -> Reporting | None:
        """'..., informó la agencia AFP' / 'Reuters reported': a reporting verb whose subject
        (or post-verbal argument, as the Spanish parser often labels it) is a news outlet."""
        subj = next((c for c in verb.children if c.dep_ in _SUBJ and not c.is_space
                     and lo <= c.idx < hi), None)
        if subj is None:
            subj = next((c for c in verb.children if c.dep_ in ("obj", "dobj") and c.i > verb.i), None)
        if subj is None:
            return None
        toks = [t for t in subj.subtree if lo <= t.idx < hi and not t.is_space]
        if not toks:
            return None
        if not self._is_media(adoc, toks):
            return None
        name, code = self._source_name(adoc, toks)
        rng = _char_span(toks + [verb])
        if rng is None:
            return None
        cue = adoc.span(*rng)
        scope = "article" if self._at_lead_edge(adoc, s, lo, hi, cue.start, cue.end) else "sentence"
        return Reporting(source=name, code=code, cue=cue, scope=scope,
                         sentences=self._scope_sentences(adoc, scope, s))

    def _is_media(self, adoc: ArticleDoc, toks: list[Any]) -> bool:
        if not toks:
            return False
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if any(m.kind == "media" and m.span.start < end and start < m.span.end for m in adoc.actors):
            return True
        return any(self._media_word(t) for t in toks)

    def _media_word(self, tok: Any) -> bool:
        return tok.lower_ in self.lex.media or tok.lemma_.lower() in self.lex.media

    def _source_name(self, adoc: ArticleDoc, run: list[Any]) -> tuple[str, str | None]:
        """The source's name within a source phrase, and its actor code when known.

        A coded media mention inside the phrase wins; a phrase headed by a common noun that
        is no outlet ('las autoridades de Apartadó') is named whole; otherwise the named
        entity or proper nouns in it, without the outlet word ('la agencia EFE' -> 'EFE')."""
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        best = _best_mention(adoc.actors, start, end, prefer_kind="media")
        if best is not None and start <= best.span.start and best.span.end <= end:
            return best.span.text, best.code or None
        text = adoc.article.text
        head = next((t for t in run if t.pos_ in ("NOUN", "PROPN")), run[0])
        ents = [e for e in adoc.doc.ents if e.start_char >= start and e.end_char <= end
                and e.label_ in _NAME_LABELS]
        props = [t for t in run if t.pos_ == "PROPN"]
        if (head.pos_ == "NOUN" and not self._media_word(head)) or not (ents or props):
            body = run[1:] if run[0].pos_ == "DET" and len(run) > 1 else run
            name = text[body[0].idx:end]
        elif ents:
            toks = list(ents[-1])
            # 'agencia EFE' -> 'EFE', but 'El Comercio' stays whole
            while len(toks) > 1 and (self._media_word(toks[0]) or (
                    toks[0].pos_ == "DET" and self._media_word(toks[1]))):
                toks.pop(0)
            name = text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
        else:
            name = text[props[0].idx:props[-1].idx + len(props[-1].text)]
        codes = codes_for_text(name, self.lang)
        return name, codes[0] if codes else None

    def _at_lead_edge(self, adoc: ArticleDoc, s: int, lo: int, hi: int, start: int, end: int) -> bool:
        if s < 0 or s >= LEAD_SENTENCES:
            return False
        text = adoc.article.text
        before, after = text[lo:start], text[end:hi]
        return not any(c.isalnum() for c in after) or not any(c.isalnum() for c in before)

    @staticmethod
    def _scope_sentences(adoc: ArticleDoc, scope: str, s: int) -> list[int]:
        return list(range(len(adoc.sentences))) if scope == "article" else [s]

    # -- quotes --------------------------------------------------------------
    def find_quotes(self, adoc: ArticleDoc, skip: frozenset[int] | set[int] = frozenset()) -> list[Quote]:
        """Quotes in text order; ``skip`` holds cue starts already taken as reporting sources."""
        doc = adoc.doc
        marked = marked_quotes(adoc.article.text)
        used_marks: set[tuple[int, int]] = set()
        quotes: list[Quote] = []
        taken = [(r.cue.start, r.cue.end) for r in adoc.reporting]
        for tok in doc:
            if not self.lex.is_speech(tok) or tok.idx in skip or _adjectival(tok):
                continue
            if any(a <= tok.idx < b for a, b in taken):  # 'según dijo', 'informó la agencia'
                continue
            q = self._quote_for(adoc, tok, marked, used_marks, quotes)
            if q is not None:
                quotes.append(q)
        quotes.sort(key=lambda q: q.cue.start)
        for n, q in enumerate(quotes):
            q.id = f"q{n}"
        return quotes

    def _quote_for(self, adoc: ArticleDoc, verb: Any, marked: list[tuple[int, int]],
                   used_marks: set[tuple[int, int]], earlier: list[Quote]) -> Quote | None:
        s, lo, hi = self._bounds(adoc, verb)
        kind = "indirect"
        content = self._clause_content(adoc, verb, lo, hi)
        postposed = False
        if content is not None:
            inner = [m for m in marked if m[0] < content[1] and content[0] < m[1] and lo <= m[0] < hi]
            used_marks.update(inner)
            whole = next((m for m in inner if m[0] - 1 <= content[0] and content[1] <= m[1] + 1), None)
            if whole is not None and not self._complementizer_between(adoc, verb, content[0]):
                # the parser took a fronted quotation for the clause: '"...", he said'
                kind, content = "direct", _strip_comma(adoc.article.text, whole)
            elif inner:
                kind = "mixed"
                end = max(content[1], max(m[1] for m in inner))
                if adoc.article.text[end:end + 1] in _CLOSING:
                    end += 1  # keep the closing mark: the span reads as it was quoted
                content = (min(content[0], inner[0][0]), end)
        else:
            mark = self._nearest_mark(verb, marked, used_marks, lo, hi)
            if mark is not None:
                kind, content = "direct", _strip_comma(adoc.article.text, mark)
                used_marks.add(mark)
            else:
                content = self._postposed_content(adoc, verb, lo, hi)
                postposed = content is not None
                if content is None:
                    content = self._parenthetical_content(adoc, verb, lo, hi)
        if content is None:
            return None
        cue = self._cue_span(adoc, verb, hi)
        speaker, codes, carried = self._speaker(adoc, verb, lo, hi, postposed, earlier, s)
        return Quote(
            id="", speaker=speaker, speaker_code=codes[0] if codes else None, speaker_codes=codes,
            cue=cue, content=adoc.span(*content), kind=kind, carried_over=carried,
        )

    def _complementizer_between(self, adoc: ArticleDoc, verb: Any, char: int) -> bool:
        """'afirmó que "..."': reported syntax around quoted words (mixed, not direct)."""
        if char <= verb.idx:
            return False
        return any(t.lower_ in self.lex.marks for t in self._tokens_in(adoc.doc, verb.idx, char))

    def _clause_content(self, adoc: ArticleDoc, verb: Any, lo: int, hi: int) -> tuple[int, int] | None:
        """The complement clause of a speech verb, without its complementizer."""
        marks = self.lex.marks
        clause = None
        for c in verb.children:
            if not lo <= c.idx < hi or c.is_space:
                continue
            has_mark = any(g.lower_ in marks and g.dep_ == "mark" for g in c.children)
            if c.dep_ in _COMPLEMENTS or (c.dep_ in _CLAUSE_DEPS and has_mark and c.pos_ in ("VERB", "AUX", "ADJ")):
                clause = c
                break
        if clause is not None:
            toks = [t for t in clause.subtree if lo <= t.idx < hi]
            while toks and (toks[0].lower_ in marks or toks[0].is_punct):
                toks.pop(0)
            return _char_span(toks)
        # the parser missed the clause: a complementizer shortly after the verb
        doc = adoc.doc
        for j in range(verb.i + 1, min(len(doc), verb.i + 1 + _MAX_MARK_GAP)):
            t = doc[j]
            if t.idx >= hi or t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":"):
                break
            if t.lower_ in marks and t.pos_ == "SCONJ":
                toks = self._tokens_in(doc, doc[j + 1].idx if j + 1 < len(doc) else hi, hi)
                return _char_span(toks)
        return None

    def _nearest_mark(self, verb: Any, marked: list[tuple[int, int]], used: set[tuple[int, int]],
                      lo: int, hi: int) -> tuple[int, int] | None:
        """The unused marked quote nearest to ``verb`` that overlaps its sentence, or that
        closes right before it ('“... .” Trump said.': the splitter cut after the quote)."""
        text = verb.doc.text

        def touches(m: tuple[int, int]) -> bool:
            if m[0] < hi and lo < m[1]:
                return True
            gap = text[m[1]:lo]
            return m[1] <= lo and len(gap) <= 4 and not any(c.isalnum() for c in gap)

        # scare quotes ('la “Transición”') are not statements: want several words; a verb
        # inside a quotation does not introduce that quotation
        cands = [m for m in marked if m not in used and touches(m) and not m[0] <= verb.idx < m[1]
                 and len(adoc_words(verb.doc, m)) >= 3]
        if not cands:
            return None
        return min(cands, key=lambda m: min(abs(verb.idx - m[0]), abs(verb.idx - m[1])))

    def _parenthetical_content(self, adoc: ArticleDoc, verb: Any, lo: int, hi: int) -> tuple[int, int] | None:
        """'Esta campaña, dice él, es distinta' / 'This campaign, he says, is different': a
        cue set off by commas inside the clause it reports; the content is that sentence."""
        if verb.dep_ != "parataxis":
            return None
        sub = sorted(verb.subtree, key=lambda t: t.i)
        if not (sub[0].text == "," and sub[-1].text == ","):
            return None
        toks = [t for t in self._tokens_in(adoc.doc, lo, hi) if t.i < sub[0].i or t.i > sub[-1].i]
        return _char_span(toks)

    def _postposed_content(self, adoc: ArticleDoc, verb: Any, lo: int, hi: int) -> tuple[int, int] | None:
        """'..., han anunciado ambos gobiernos': the clause before the comma is the content."""
        doc = adoc.doc
        first = min([verb] + [c for c in verb.children if c.dep_ in ("aux", "aux:pass")], key=lambda t: t.i)
        if first.i == 0 or doc[first.i - 1].text != "," or doc[first.i - 1].idx < lo:
            return None
        if not (verb.head.i < verb.i and verb.dep_ != "ROOT"):
            return None
        # nothing but the speaker after the verb: no other verb, no complementizer
        for t in doc[verb.i + 1:]:
            if t.idx >= hi:
                break
            if t.pos_ in ("VERB", "AUX") or t.lower_ in self.lex.marks:
                # a source phrase may follow ('..., de acuerdo a reportes de X')
                if not any(r.cue.start <= t.idx < r.cue.end for r in adoc.reporting):
                    return None
        toks = self._tokens_in(doc, lo, doc[first.i - 1].idx)
        return _char_span(toks)

    def _cue_span(self, adoc: ArticleDoc, verb: Any, hi: int) -> Span:
        doc = adoc.doc
        auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:pass", "auxpass") and c.i < verb.i]
        start = min([verb.idx] + [a.idx for a in auxes])
        limit = len(doc)
        end_tok = verb.i + 1
        n = _match_phrase(doc, end_tok, self.lex.cue_ext, limit)
        end = verb.idx + len(verb.text)
        if n and doc[end_tok + n - 1].idx < hi:
            last = doc[end_tok + n - 1]
            end = last.idx + len(last.text)
        return adoc.span(start, end)

    def _speaker(self, adoc: ArticleDoc, verb: Any, lo: int, hi: int, postposed: bool,
                 earlier: list[Quote], s: int) -> tuple[Span | None, list[str], bool]:
        if self._impersonal(verb):
            # 'Se informó que', 'It was announced (by X) that': the agent, if any, speaks
            agent = next((c for c in verb.children if c.dep_ in ("agent", "obl:agent")), None)
            obj = next((c for c in agent.children if c.dep_ == "pobj"), agent) if agent is not None else None
            if obj is None:
                return None, [], False
            rng = self._speaker_range(adoc, obj, lo, hi)
            span = adoc.span(*rng) if rng else None
            return span, speaker_codes(adoc, span, self.lang) if span else [], False
        # line breaks are tokens that the parser sometimes attaches as subjects, and a
        # subject outside the sentence is a parse across a line break: neither is a speaker
        subj = next((c for c in verb.children if c.dep_ in _SUBJ and not c.is_space
                     and lo <= c.idx < hi), None)
        if subj is None and _shares_subject(verb):
            # 'dijo ... y añadió que', 'began ..., saying that': the head verb's subject
            subj = next((c for c in verb.head.children if c.dep_ in _SUBJ and lo <= c.idx < hi), None)
        if subj is not None and _relative_pronoun(subj) and verb.dep_ in _RELCL:
            # 'Rubio, who said that ...': the speaker is the noun the clause modifies
            subj = verb.head
        if subj is None and postposed:
            subj = next((c for c in verb.children if c.dep_ in ("obj", "dobj") and c.i > verb.i), None)
        if subj is None or (subj.pos_ == "PRON" and not _relative_pronoun(subj)):
            prev = earlier[-1] if earlier else None
            if prev is not None and prev.speaker is not None and 0 <= s - prev.cue.sentence <= CARRY_SENTENCES:
                return prev.speaker, list(prev.speaker_codes), True
            if subj is None:
                return None, [], False
        rng = self._speaker_range(adoc, subj, lo, hi)
        if rng is None:
            return None, [], False
        span = adoc.span(*rng)
        return span, speaker_codes(adoc, span, self.lang), False

    def _impersonal(self, verb: Any) -> bool:
        """A passive or impersonal cue: its grammatical subject is not a speaker."""
        kids = list(verb.children)
        if any(c.dep_ in _PASSIVE and not c.is_space for c in kids):
            return True
        # a reflexive clitic with an expressed subject ('Irak se declaró ...') is no passive
        return not any(c.dep_ in _SUBJ and not c.is_space for c in kids) and any(
            c.dep_ == "expl" or (c.lower_ in self.lex.impersonal and c.i < verb.i) for c in kids)

    def _speaker_range(self, adoc: ArticleDoc, subj: Any, lo: int, hi: int) -> tuple[int, int] | None:
        """The subject's noun phrase without relative clauses; a person's name when it is
        the head or an apposition of the head."""
        drop: set[int] = set()
        for c in subj.children:
            # relative clauses, and fronted phrases ('With her husband, ...') are not the name
            if (c.dep_ in _DROP_FROM_SPEAKER and c.dep_ != "punct") or (
                    c.i < subj.i and c.dep_ in _FRONTED and any(t.text == "," for t in c.subtree)):
                drop.update(t.i for t in c.subtree)
        # a source phrase hanging off the subject ('ambos gobiernos, de acuerdo a ...') is not
        # part of the speaker's name
        toks = [t for t in subj.subtree if t.i not in drop and lo <= t.idx < hi
                and not any(r.cue.start <= t.idx < r.cue.end for r in adoc.reporting)]
        rng = _char_span(toks)
        if rng is None:
            return None
        anchors = {subj.i} | {c.i for c in subj.children if c.dep_ == "appos"}
        for c in subj.children:
            if c.dep_ == "appos":
                anchors.update(t.i for t in c.subtree if t.pos_ == "PROPN")
        for start, end in self._person_spans(adoc, rng):
            if (start, end) == rng:
                break
            if any(start <= adoc.doc[i].idx < end for i in anchors):
                return start, end
        return rng

    @staticmethod
    def _person_spans(adoc: ArticleDoc, rng: tuple[int, int]) -> list[tuple[int, int]]:
        lo, hi = rng
        out = [(m.span.start, m.span.end) for m in adoc.actors
               if m.kind == "person" and lo <= m.span.start and m.span.end <= hi]
        out += [(e.start_char, e.end_char) for e in adoc.doc.ents
                if e.label_ in _PERSON_LABELS and lo <= e.start_char and e.end_char <= hi]
        return out


def _shares_subject(verb: Any) -> bool:
    """A coordinated verb, or a participle/gerund hanging off a clause, has its head's subject."""
    if verb.dep_ in ("conj", "xcomp"):
        return True
    return verb.dep_ == "advcl" and ("Ger" in verb.morph.get("VerbForm") or verb.tag_ == "VBG")


def _adjectival(tok: Any) -> bool:
    """A participle used as an adjective ('un allegado considerado ...') is no speech act."""
    return ("Part" in tok.morph.get("VerbForm") and tok.dep_ in ("amod", "acl", "acl:relcl")
            and not any(c.dep_ in ("aux", "aux:pass") for c in tok.children))


def _relative_pronoun(tok: Any) -> bool:
    return tok.pos_ == "PRON" and ("Rel" in tok.morph.get("PronType") or tok.tag_ in ("WP", "WDT"))


# -- codes ---------------------------------------------------------------------------
def _best_mention(actors: list[ActorMention], start: int, end: int,
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


def codes_for_text(text: str, lang: str) -> list[str]:
    """The actors stage's codes for a bare name (``actors.code_text``); [] when it knows none.

    Coding a bare name only enriches a quote or a source, so a failure in the actors lexicon
    is logged as a warning and does not lose the quotes found."""
    from cronica import actors

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


def speaker_codes(adoc: ArticleDoc, span: Span, lang: str) -> list[str]:
    """Codes of the actor mention that best covers ``span`` (all of them when it names
    several actors); else what the actors stage can code from the text; else []."""
    m = _best_mention(adoc.actors, span.start, span.end)
    if m is not None:
        codes = [c for c in (m.codes or [m.code]) if c]
        if codes:
            return list(dict.fromkeys(codes))
    return list(dict.fromkeys(codes_for_text(span.text, lang)))


# -- events --------------------------------------------------------------------------
def attach_to_events(adoc: ArticleDoc) -> None:
    """Set each event's ``quote`` (the innermost quote whose content holds its trigger)
    and ``reported_by`` (sources of its sentence first, then article-wide ones; no repeats)."""
    article_wide = [r.source for r in adoc.reporting if r.scope == "article"]
    for e in adoc.events:
        holders = [q for q in adoc.quotes if q.content.contains(e.trigger)]
        if holders:
            e.quote = min(holders, key=lambda q: q.content.end - q.content.start).id
        sent = e.trigger.sentence
        local = [r.source for r in adoc.reporting if r.scope == "sentence" and sent in r.sentences]
        names = list(e.reported_by) + local + article_wide
        e.reported_by = list(dict.fromkeys(names))
        cue = next((q for q in adoc.quotes if q.cue.overlaps(e.trigger)), None)
        if cue is not None:
            logger.debug("event %s has the speech cue %r as trigger", e.id, cue.cue.text)
