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
    anunciado ambos gobiernos'); the content is the sentence up to that comma;
  * parenthetical: 'This campaign, he says, is different'; the content is the sentence.
  The speaker is the verb's subject noun phrase without relative clauses; when that phrase
  holds a person's name as its head or in apposition ('El secretario ..., Lloyd Austin,') the
  name is the speaker. A coordinated verb or a gerund shares its head's subject ('..., saying
  that'); a relative pronoun stands for the noun it modifies ('Rubio, who said'); a passive
  or impersonal cue ('Se informó que', 'It was announced by X') has only its agent, if any.
  A verb without an expressed subject (pro-drop 'Añadió que ...'), or with a personal pronoun
  subject, takes the speaker of the previous quote if that quote is at most
  ``CARRY_SENTENCES`` sentences back (``carried_over=True``); otherwise it has no speaker
  (or keeps the pronoun). Every span is cut to the cue's sentence in ``adoc.sentences``.

Reporting sources: see :mod:`cronica.stages.attribution.sources` (and its scope rule).
Cue words and helpers: :mod:`cronica.stages.attribution.lexicon`.
"""

from __future__ import annotations

import logging
from typing import Any

from cronica.model import ArticleDoc, Quote, Span
from cronica.stages.attribution.lexicon import (
    AttributionLexicon,
    attribution_lexicon,
    best_mention,
    char_span,
    codes_for_text,
    marked_quotes,
    match_phrase,
    sentence_bounds,
    tokens_in,
)
from cronica.stages.attribution.sources import LEAD_SENTENCES, SourceFinder
from cronica.stages.nlp.models import doc_text
from cronica.stages.nlp.syntax import dep

__all__ = ["Attributor", "attach_to_events", "attribution_lexicon", "marked_quotes",
           "speaker_codes", "LEAD_SENTENCES", "CARRY_SENTENCES"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

CARRY_SENTENCES = 2  # how far back a pro-drop cue may look for its speaker
_MAX_MARK_GAP = 8  # tokens between a speech verb and its complementizer when the parse misses it

_CLOSING = ("”", "»", '"')
_SUBJ = ("nsubj", "nsubj:pass")  # UD labels, read through syntax.dep
_CLAUSE_DEPS = ("ccomp", "obj", "xcomp", "advcl", "parataxis")
_DROP_FROM_SPEAKER = ("acl", "acl:relcl", "parataxis", "advcl", "punct")
# the reported clause: object clause, or subject clause of a passive ('Se informó que ...')
_COMPLEMENTS = ("ccomp", "csubj", "csubj:pass")
_PASSIVE = ("aux:pass", "nsubj:pass", "expl:pass", "expl:impers")
_RELCL = ("acl:relcl", "acl")
_FRONTED = ("prep", "obl", "nmod", "advmod", "advcl")
_PERSON_LABELS = ("PER", "PERSON")


def _strip_comma(text: str, rng: tuple[int, int]) -> tuple[int, int]:
    """A direct quote without the comma that leads back into the narration ('..., dijo')."""
    start, end = rng
    while end > start and text[end - 1] in ", ":
        end -= 1
    return start, end


class Attributor:
    """Fills ``adoc.quotes`` (ids 'q0', ...), ``adoc.reporting``, and the events' ``quote``
    and ``reported_by``. Needs a parsed doc; does nothing without one."""

    name = "attribution"

    def __init__(self, lang: str, lexicon: AttributionLexicon | None = None) -> None:
        self.lang = lang
        self.lex = lexicon or attribution_lexicon(lang)
        self.sources = SourceFinder(lang, self.lex)

    def run(self, adoc: ArticleDoc) -> None:
        if adoc.doc is None or not adoc.sentences:
            return
        adoc.reporting = self.sources.find(adoc)
        reporting_verbs = {r.cue.start for r in adoc.reporting}
        adoc.quotes = self.find_quotes(adoc, skip=reporting_verbs)
        attach_to_events(adoc)

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
        s, lo, hi = sentence_bounds(adoc, verb)
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
        return any(t.lower_ in self.lex.marks for t in tokens_in(adoc.doc, verb.idx, char))

    def _clause_content(self, adoc: ArticleDoc, verb: Any, lo: int, hi: int) -> tuple[int, int] | None:
        """The complement clause of a speech verb, without its complementizer."""
        marks = self.lex.marks
        clause = None
        for c in verb.children:
            if not lo <= c.idx < hi or c.is_space:
                continue
            has_mark = any(g.lower_ in marks and g.dep_ == "mark" for g in c.children)
            if dep(c) in _COMPLEMENTS or (dep(c) in _CLAUSE_DEPS and has_mark and c.pos_ in ("VERB", "AUX", "ADJ")):
                clause = c
                break
        if clause is not None:
            toks = [t for t in clause.subtree if lo <= t.idx < hi]
            while toks and (toks[0].lower_ in marks or toks[0].is_punct):
                toks.pop(0)
            return char_span(toks)
        # the parser missed the clause: a complementizer shortly after the verb
        doc = adoc.doc
        for j in range(verb.i + 1, min(len(doc), verb.i + 1 + _MAX_MARK_GAP)):
            t = doc[j]
            if t.idx >= hi or t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":"):
                break
            if t.lower_ in marks and t.pos_ == "SCONJ":
                toks = tokens_in(doc, doc[j + 1].idx if j + 1 < len(doc) else hi, hi)
                return char_span(toks)
        return None

    def _nearest_mark(self, verb: Any, marked: list[tuple[int, int]], used: set[tuple[int, int]],
                      lo: int, hi: int) -> tuple[int, int] | None:
        """The unused marked quote nearest to ``verb`` that overlaps its sentence, or that
        closes right before it ('“... .” Trump said.': the splitter cut after the quote)."""
        text = doc_text(verb.doc)

        def touches(m: tuple[int, int]) -> bool:
            if m[0] < hi and lo < m[1]:
                return True
            gap = text[m[1]:lo]
            return m[1] <= lo and len(gap) <= 4 and not any(c.isalnum() for c in gap)

        # scare quotes ('la “Transición”') are not statements: want several words; a verb
        # inside a quotation does not introduce that quotation
        cands = [m for m in marked if m not in used and touches(m) and not m[0] <= verb.idx < m[1]
                 and len(tokens_in(verb.doc, *m)) >= 3]
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
        toks = [t for t in tokens_in(adoc.doc, lo, hi) if t.i < sub[0].i or t.i > sub[-1].i]
        return char_span(toks)

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
        toks = tokens_in(doc, lo, doc[first.i - 1].idx)
        return char_span(toks)

    def _cue_span(self, adoc: ArticleDoc, verb: Any, hi: int) -> Span:
        doc = adoc.doc
        auxes = [c for c in verb.children if dep(c) in ("aux", "aux:pass") and c.i < verb.i]
        start = min([verb.idx] + [a.idx for a in auxes])
        limit = len(doc)
        end_tok = verb.i + 1
        n = match_phrase(doc, end_tok, self.lex.cue_ext, limit)
        end = verb.idx + len(verb.text)
        if n and doc[end_tok + n - 1].idx < hi:
            last = doc[end_tok + n - 1]
            end = last.idx + len(last.text)
        return adoc.span(start, end)

    def _speaker(self, adoc: ArticleDoc, verb: Any, lo: int, hi: int, postposed: bool,
                 earlier: list[Quote], s: int) -> tuple[Span | None, list[str], bool]:
        if self._impersonal(verb):
            # 'Se informó que', 'It was announced (by X) that': the agent, if any, speaks
            agent = next((c for c in verb.children if dep(c) == "obl:agent"), None)
            obj = next((c for c in agent.children if c.dep_ == "pobj"), agent) if agent is not None else None
            if obj is None:
                return None, [], False
            rng = self._speaker_range(adoc, obj, lo, hi)
            span = adoc.span(*rng) if rng else None
            return span, speaker_codes(adoc, span, self.lang) if span else [], False
        # line breaks are tokens that the parser sometimes attaches as subjects, and a
        # subject outside the sentence is a parse across a line break: neither is a speaker
        subj = next((c for c in verb.children if dep(c) in _SUBJ and not c.is_space
                     and lo <= c.idx < hi), None)
        if subj is not None and any(c.dep_ == "case" for c in subj.lefts):
            subj = None  # 'en su chaleco' taken for a subject: a prepositional phrase is none
        if subj is None and _shares_subject(verb):
            # 'dijo ... y añadió que', 'began ..., saying that': the head verb's subject
            subj = next((c for c in verb.head.children if dep(c) in _SUBJ and lo <= c.idx < hi), None)
        relative = subj is not None and (_relative_pronoun(subj) or (
            subj.pos_ in ("PRON", "SCONJ") and subj.lower_ in self.lex.marks))
        if relative:
            # 'Rubio, who said that ...', 'la CGT, que dijo ...': the noun the clause modifies
            if dep(verb) not in _RELCL or not lo <= verb.head.idx < hi:
                return None, [], False
            subj = verb.head
        if subj is None and postposed:
            subj = next((c for c in verb.children if dep(c) == "obj" and c.i > verb.i), None)
        if subj is None or (subj.pos_ == "PRON" and not relative):
            prev = earlier[-1] if earlier else None
            if (prev is not None and prev.speaker is not None
                    and 0 <= s - prev.cue.sentence <= CARRY_SENTENCES
                    and _number_agrees(subj if subj is not None else verb, adoc, prev.speaker)):
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
        if any(dep(c) in _PASSIVE and not c.is_space for c in kids):
            return True
        # a reflexive clitic with an expressed subject ('Irak se declaró ...') is no passive
        return not any(dep(c) in _SUBJ and not c.is_space for c in kids) and any(
            c.dep_ == "expl" or (c.lower_ in self.lex.impersonal and c.i < verb.i) for c in kids)

    def _speaker_range(self, adoc: ArticleDoc, subj: Any, lo: int, hi: int) -> tuple[int, int] | None:
        """The subject's noun phrase without relative clauses; a person's name when it is
        the head or an apposition of the head."""
        drop: set[int] = set()
        for c in subj.children:
            # relative clauses, and fronted phrases ('With her husband, ...') are not the name
            after_comma = c.i > subj.i and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ","
            if (dep(c) in _DROP_FROM_SPEAKER and c.dep_ != "punct") or (
                    c.i < subj.i and c.dep_ in _FRONTED and any(t.text == "," for t in c.subtree)) or (
                    c.dep_ == "amod" and after_comma):  # 'la Constitución, promulgada en 1991'
                drop.update(t.i for t in c.subtree)
        # a source phrase hanging off the subject ('ambos gobiernos, de acuerdo a ...') is not
        # part of the speaker's name
        toks = [t for t in subj.subtree if t.i not in drop and lo <= t.idx < hi
                and not any(r.cue.start <= t.idx < r.cue.end for r in adoc.reporting)]
        rng = char_span(toks)
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


def _number_agrees(tok: Any, adoc: ArticleDoc, speaker: Span) -> bool:
    """Whether ``tok`` (a pronoun, or a pro-drop verb: 'Añadieron') can refer to ``speaker``
    by grammatical number; True when either number is unknown."""
    want = tok.morph.get("Number")
    span = adoc.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if not want or span is None:
        return True
    root = span.root
    have = ["Plur"] if any(c.dep_ == "conj" for c in root.children) else root.morph.get("Number")
    return not have or bool(set(want) & set(have))


def _adjectival(tok: Any) -> bool:
    """A participle used as an adjective ('un allegado considerado ...') is no speech act."""
    return ("Part" in tok.morph.get("VerbForm") and tok.dep_ in ("amod", "acl", "acl:relcl")
            and not any(c.dep_ in ("aux", "aux:pass") for c in tok.children))


def _relative_pronoun(tok: Any) -> bool:
    return tok.pos_ == "PRON" and ("Rel" in tok.morph.get("PronType") or tok.tag_ in ("WP", "WDT"))


def speaker_codes(adoc: ArticleDoc, span: Span, lang: str) -> list[str]:
    """Codes of the actor mention that best covers ``span`` (all of them when it names
    several actors); else what the actors stage can code from the text; else []."""
    m = best_mention(adoc.actors, span.start, span.end)
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
