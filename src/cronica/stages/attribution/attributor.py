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

import bisect
import logging
import re
from typing import Any

from spacy.attrs import LOWER
from spacy.tokens import Token

from cronica.model import ArticleDoc, Quote, Reporting, Span
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
from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.nlp.models import doc_text
from cronica.stages.nlp.syntax import (
    AUX,
    children,
    children_of,
    dep,
    entities,
    has_child,
    morph_get,
    token_column,
    tokens_of,
)

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

    def __init__(self, lang: str | LanguageBundle, lexicon: AttributionLexicon | None = None) -> None:
        self.bundle = as_bundle(lang)
        self.lang = self.bundle.code
        self.lex = lexicon or attribution_lexicon(self.bundle)
        self.sources = SourceFinder(self.bundle, self.lex)

    def run(self, adoc: ArticleDoc) -> None:
        if adoc.doc is None or not adoc.sentences:
            return
        adoc.reporting = self.sources.find(adoc)
        adoc.quotes = self.find_quotes(adoc)
        attach_to_events(adoc)

    # -- quotes --------------------------------------------------------------
    def find_quotes(self, adoc: ArticleDoc, skip: frozenset[int] | set[int] = frozenset()) -> list[Quote]:
        """Quotes in text order; ``skip`` holds cue starts already taken as reporting sources."""
        doc = adoc.doc
        marked = marked_quotes(adoc.article.text)
        used_marks: set[tuple[int, int]] = set()
        quotes: list[Quote] = []
        # a verb inside a source phrase ('según dijo') is part of that phrase; a verb whose
        # outlet or channel is a reporting link ('dijo a la AFP') still cues a quote
        taken = self._source_phrases(adoc)
        for i in self.lex.speech_indices(doc):
            tok = doc[i]
            if tok.idx in skip or _adjectival(tok):
                continue
            if any(a <= tok.idx < b for a, b in taken):  # 'según dijo', 'informó la agencia'
                continue
            q = self._quote_for(adoc, tok, marked, used_marks, quotes)
            if q is not None:
                quotes.append(q)
        quotes += self._source_phrase_quotes(adoc, quotes)
        quotes += self._fragment_quotes(adoc, marked, used_marks, quotes)
        quotes += self._continuation_quotes(adoc, marked, used_marks, quotes)
        quotes.sort(key=lambda q: q.cue.start)
        self._carry_speakers(adoc, quotes)
        for n, q in enumerate(quotes):
            q.id = f"q{n}"
        return quotes

    def _quote_for(self, adoc: ArticleDoc, verb: Token, marked: list[tuple[int, int]],
                   used_marks: set[tuple[int, int]], earlier: list[Quote]) -> Quote | None:
        s, lo, hi = sentence_bounds(adoc, verb)
        kind = "indirect"
        content = self._clause_content(adoc, verb, lo, hi)
        postposed = False
        if content is not None:
            inner = [m for m in marked if m[0] < content[1] and content[0] < m[1] and lo <= m[0] < hi]
            used_marks.update(inner)
            # a quotation of several sentences closed by its cue ('"... . ...", declaró X'):
            # the mark opens in an earlier sentence
            spans = [m for m in marked if m[0] < lo < m[1] <= hi and m[0] - 1 <= content[0]
                     and content[1] <= m[1] + 1 and m[1] <= verb.idx]
            whole = next((m for m in inner + spans if m[0] - 1 <= content[0] and content[1] <= m[1] + 1), None)
            used_marks.update(spans)
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
                # '"...", proclamaban las pancartas': a quotation before its cue inverts the
                # subject, which follows the verb
                postposed = mark[1] <= verb.idx and lo <= mark[0]
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

    def _source_phrase_quotes(self, adoc: ArticleDoc, found: list[Quote]) -> list[Quote]:
        """'Según X, ...' / '..., de acuerdo con X': X is the speaker of the rest of the
        sentence (the longer side of the phrase). 'según explicó X': the verb's subject."""
        doc, text = adoc.doc, adoc.article.text
        out: list[Quote] = []
        phrases = list(self.sources.phrases(adoc))
        # 'según explicó X': a source word right before a verb of saying, whatever the verb
        firsts, first_keys = self.lex.first_source_words, self.lex.first_source_keys
        lowers, toks = token_column(doc, LOWER), tokens_of(doc)
        # (the hash of a first word, read in one pass: no Token built for the others)
        for i in [i for i, h in enumerate(lowers) if h in first_keys and i < len(lowers) - 1]:
            tok = toks[i]
            if tok.lower_ not in firsts:
                continue
            nxt = doc[tok.i + 1]
            if self.lex.is_speech(nxt) and not any(
                    f == tok.i for f, _, _ in phrases):
                end = nxt.idx + len(nxt.text)
                for t in doc[nxt.i + 1:]:  # the speaker's name, up to the comma that closes it
                    if t.is_punct or t.pos_ in ("VERB", "AUX") or t.is_space:
                        break
                    end = t.idx + len(t.text)
                rep = Reporting(source="", code=None, cue=adoc.span(tok.idx, end))
                phrases.append((tok.i, tok.i + 2, rep))
        for first, after, rep in phrases:
            s = adoc.sentence_of(rep.cue.start)
            if s < 0 or any(q.cue.start == rep.cue.start for q in found):
                continue
            lo, hi = adoc.sentences[s].start, adoc.sentences[s].end
            cue_end = doc[after - 1].idx + len(doc[after - 1].text)
            name = char_span(tokens_in(doc, cue_end, rep.cue.end))
            verb = doc[after - 1] if self.lex.is_speech(doc[after - 1]) else None
            speaker: Span | None = adoc.span(*name) if name else None
            codes = speaker_codes(adoc, speaker, self.bundle) if speaker else []
            if verb is not None:
                speaker, codes, _ = self._speaker(adoc, verb, lo, hi, False, found, s)
            if speaker is None or self._norm_not_speaker(adoc, speaker, codes):
                continue
            text_before, text_after = text[lo:rep.cue.start], text[rep.cue.end:hi]
            at_edge = not any(c.isalnum() for c in text_before) or not any(c.isalnum() for c in text_after)
            content = None if at_edge else self._phrase_clause(adoc, rep.cue.start, rep.cue.end, lo, hi)
            if content is None:
                before = char_span(tokens_in(doc, lo, rep.cue.start)) if rep.cue.start > lo else None
                rest = char_span(tokens_in(doc, rep.cue.end, hi)) if rep.cue.end < hi else None
                sides = [r for r in (before, rest) if r is not None]
                if not sides:
                    continue
                content = max(sides, key=lambda r: len(text[r[0]:r[1]].split()))
            out.append(Quote(id="", speaker=speaker, speaker_code=codes[0] if codes else None,
                             speaker_codes=codes, cue=adoc.span(doc[first].idx, cue_end),
                             content=adoc.span(*content), kind="indirect"))
        return out

    @staticmethod
    def _norm_not_speaker(adoc: ArticleDoc, speaker: Span, codes: list[str]) -> bool:
        """'de acuerdo con su propia valoración': a possessive noun phrase that names no actor
        is a standard ('in accordance with'), not a source."""
        toks = tokens_in(adoc.doc, speaker.start, speaker.end)
        if not toks or "Yes" not in morph_get(toks[0], "Poss") or codes:
            return False
        return not any(m.span.start < speaker.end and speaker.start < m.span.end for m in adoc.actors)

    def _phrase_clause(self, adoc: ArticleDoc, start: int, end: int, lo: int, hi: int) -> tuple[int, int] | None:
        """The clause a source phrase modifies ('dijo que, según testigos, X' -> X): the
        subtree of the verb the phrase hangs from, without the phrase and a leading
        complementizer; None when the phrase hangs from no verb of its sentence."""
        toks = tokens_in(adoc.doc, start, end)
        if not toks:
            return None
        inside = {t.i for t in toks}
        root = next((t for t in toks if t.head.i not in inside), None)
        verb = root.head if root is not None else None
        if verb is None or verb.pos_ not in ("VERB", "AUX") or not lo <= verb.idx < hi:
            return None
        clause = [t for t in verb.subtree if t.i not in inside and lo <= t.idx < hi
                  and not (t.idx < start and t.i < verb.i and dep(t) == "punct")]
        while clause and (clause[0].lower_ in self.lex.marks or clause[0].is_punct):
            clause.pop(0)
        return char_span(clause)

    def _fragment_quotes(self, adoc: ArticleDoc, marked: list[tuple[int, int]],
                         used: set[tuple[int, int]], found: list[Quote]) -> list[Quote]:
        """Quoted words no quote holds yet, attributed to the verb that governs them
        ('calificó de "inaceptable"', 'expresó su "preocupación"'): the verb's speaker says
        them. Names in quotation marks and quotes without a speaker are left out."""
        doc = adoc.doc
        out: list[Quote] = []
        for m in marked:
            holders = [q for q in found + out if q.content.start <= m[0] and m[1] <= q.content.end]
            if m in used:
                continue
            toks = [t for t in tokens_in(doc, *m) if not t.is_space]
            words = [t for t in toks if t.is_alpha]
            if not words or all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in words):
                continue
            ids = {t.i for t in toks}
            root = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), None)
            verb = root.head if root is not None and root.head.i != root.i else None
            for _ in range(8):
                # up to a verb of saying or a finite verb: an infinitive or gerund on the
                # way belongs to the speech act ('apremió a X a cesar su "..."')
                if verb is None or (verb.pos_ in ("VERB", "AUX") and (
                        self.lex.is_speech(verb) or not {"Inf", "Ger"} & set(morph_get(verb, "VerbForm")))):
                    break
                verb = verb.head if verb.head.i != verb.i else None
            if verb is None or verb.i in ids or any(a <= verb.idx < b for a, b in marked):
                continue  # a verb inside quoted words does not introduce other quoted words
            if holders and not (self.lex.is_speech(verb) and any(
                    q.content.start <= verb.idx < q.content.end and q.cue.start != verb.idx for q in holders)):
                continue  # part of a quote already, unless a verb of saying inside it (nested)
            s, lo, hi = sentence_bounds(adoc, verb)
            if not lo <= m[0] < hi:
                continue
            # quoted words beside a quote of the same sentence, hanging from a verb that is no
            # verb of saying ('proclamaban "A", "B"'; 'condenó el "X", cuyo objetivo era "Y"'),
            # are that quote's speaker's words
            sibling = next((q for q in found + out if q.speaker is not None and q.cue.sentence == s
                            and q.cue.start < q.cue.end), None)
            if not self.lex.is_speech(verb) and _quoted_label(root, toks):
                continue
            if sibling is not None and not self.lex.is_speech(verb):
                out.append(Quote(id="", speaker=sibling.speaker, speaker_code=sibling.speaker_code,
                                 speaker_codes=list(sibling.speaker_codes), cue=sibling.cue,
                                 content=adoc.span(*m), kind="direct", carried_over=sibling.carried_over))
                used.add(m)
                continue
            speaker, codes, carried = self._speaker(adoc, verb, lo, hi, False, found + out, s)
            if speaker is None or not (codes or carried or any(
                    m.span.overlaps(speaker) for m in adoc.actors) or any(
                    t.pos_ == "PROPN" for t in tokens_in(doc, speaker.start, speaker.end))):
                # quoted words need an identifiable speaker: an actor or a proper name
                # ('cuyo objetivo era "..."' has none)
                continue
            out.append(Quote(id="", speaker=speaker, speaker_code=codes[0] if codes else None,
                             speaker_codes=codes, cue=self._cue_span(adoc, verb, hi),
                             content=adoc.span(*m), kind="direct", carried_over=carried))
            used.add(m)
        return out

    def _carry_speakers(self, adoc: ArticleDoc, quotes: list[Quote]) -> None:
        """A quote still without a speaker (a cue with no subject) takes the most recent
        explicit speaker within ``CARRY_SENTENCES`` sentences, quotes of every pass counted
        (a fragment quote can be the last explicit one); not for an impersonal cue, nor
        across a change of grammatical number. ``quotes`` is in text order."""
        for n, q in enumerate(quotes):
            if q.speaker is not None or q.cue.start == q.cue.end:
                continue
            prev = next((p for p in reversed(quotes[:n]) if p.speaker is not None), None)
            if prev is None or not 0 <= q.cue.sentence - prev.cue.sentence <= CARRY_SENTENCES:
                continue
            span = adoc.doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
            verb = span.root if span is not None and len(span) else None
            if verb is None or self._impersonal(verb) or not _number_agrees(verb, adoc, prev.speaker):
                continue
            q.speaker, q.speaker_codes, q.carried_over = prev.speaker, list(prev.speaker_codes), True
            q.speaker_code = prev.speaker_code

    def _continuation_quotes(self, adoc: ArticleDoc, marked: list[tuple[int, int]],
                             used: set[tuple[int, int]], found: list[Quote]) -> list[Quote]:
        """A paragraph that is one quotation with no cue of its own continues the quote just
        before it: same speaker, empty cue at the opening of the quotation."""
        text = adoc.article.text
        out: list[Quote] = []
        for m in marked:
            if m in used or any(q.content.start <= m[0] < q.content.end for q in found):
                continue
            line_start = text.rfind("\n", 0, m[0] - 1) + 1
            if text[line_start:m[0] - 1].strip():
                continue  # not at the start of its paragraph
            prev = [q for q in found if q.content.end <= m[0] and q.speaker is not None]
            if not prev or len(tokens_in(adoc.doc, *m)) < 3:
                continue
            last = max(prev, key=lambda q: q.content.end)
            between = text[last.content.end:line_start]
            if between.count("\n") > 3 or len(between) > 400:
                continue  # the previous quote is not in the paragraph just before
            out.append(Quote(id="", speaker=last.speaker, speaker_code=last.speaker_code,
                             speaker_codes=list(last.speaker_codes), cue=adoc.span(m[0], m[0]),
                             content=adoc.span(*m), kind="direct", carried_over=True))
            used.add(m)
        return out

    def _source_phrases(self, adoc: ArticleDoc) -> list[tuple[int, int]]:
        """Spans of the reporting links opened by a source phrase ('según X', 'de acuerdo a')."""
        firsts = self.lex.first_source_words
        return [(r.cue.start, r.cue.end) for r in adoc.reporting
                if r.cue.text.split()[:1] and r.cue.text.split()[0].lower() in firsts]

    def _complementizer_between(self, adoc: ArticleDoc, verb: Token, char: int) -> bool:
        """'afirmó que "..."': reported syntax around quoted words (mixed, not direct)."""
        if char <= verb.idx:
            return False
        return any(t.lower_ in self.lex.marks for t in tokens_in(adoc.doc, verb.idx, char))

    def _clause_content(self, adoc: ArticleDoc, verb: Token, lo: int, hi: int) -> tuple[int, int] | None:
        """The complement clause of a speech verb, without its complementizer."""
        marks = self.lex.marks
        clause = None
        for c in children_of(verb):
            if not lo <= c.idx < hi or c.is_space:
                continue
            has_mark = any(g.lower_ in marks and dep(g) == "mark" for g in children_of(c))
            if dep(c) in _COMPLEMENTS or (dep(c) in _CLAUSE_DEPS and has_mark and c.pos_ in ("VERB", "AUX", "ADJ")):
                clause = c
                break
            marks_of = [g.lower_ for g in children_of(c) if dep(g) == "mark"]
            infinitive = "Inf" in morph_get(c, "VerbForm") or any(  # compound: 'haber detenido'
                dep(a) == "aux" and "Inf" in morph_get(a, "VerbForm") for a in children_of(c))
            if dep(c) in _CLAUSE_DEPS and c.i > verb.i and infinitive and (
                    c.pos_ in ("VERB", "AUX")) and all(w in self.lex.inf_marks for w in marks_of):
                # 'anunció haber detenido a ...', 'acusó a X de favorecer ...': an infinitival
                # complement reports what the speaker said (with acusar, of whom)
                clause = c
                break
        if clause is None:
            # 'acusó a X de favorecer ...' with the infinitive parsed under X
            clause = next((g for c in children_of(verb) if dep(c) in ("obj", "iobj", "obl") and c.i > verb.i
                           for g in children_of(c) if "Inf" in morph_get(g, "VerbForm") and g.pos_ in ("VERB", "AUX")
                           and any(dep(m) == "mark" and m.lower_ in self.lex.inf_marks for m in children_of(g))
                           and lo <= g.idx < hi), None)
        if clause is not None:
            toks = [t for t in clause.subtree if lo <= t.idx < hi]
            # the complementizer, or the preposition of 'acusó a X de favorecer'
            while toks and (toks[0].lower_ in marks or toks[0].is_punct
                            or (dep(toks[0]) == "mark" and toks[0].pos_ == "ADP")):
                toks.pop(0)
            return char_span(toks)
        # the parser missed the clause: a complementizer shortly after the verb
        doc = adoc.doc
        for j in range(verb.i + 1, min(len(doc), verb.i + 1 + _MAX_MARK_GAP)):
            t = doc[j]
            if t.idx >= hi or t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":"):
                break
            if t.lower_ in marks and t.pos_ == "SCONJ" and not _in_conjunction(t):
                toks = tokens_in(doc, doc[j + 1].idx if j + 1 < len(doc) else hi, hi)
                return char_span(self._before_next_cue(toks))
        return None

    def _before_next_cue(self, toks: list[Token]) -> list[Token]:
        """A clause ends where a coordinated verb of saying opens the next report
        ('demanda que X y desmintió que Y' -> X)."""
        for n, t in enumerate(toks[:-1]):
            nxt = toks[n + 1]
            if t.pos_ == "CCONJ" and self.lex.is_speech(nxt) and "Fin" in morph_get(nxt, "VerbForm"):
                return toks[:n]
        return toks

    def _nearest_mark(self, verb: Token, marked: list[tuple[int, int]], used: set[tuple[int, int]],
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
        if not cands or any(m[0] <= verb.idx < m[1] for m in marked):
            # a verb inside quoted words is part of them: it introduces no other quotation
            return None
        return min(cands, key=lambda m: min(abs(verb.idx - m[0]), abs(verb.idx - m[1])))

    def _parenthetical_content(self, adoc: ArticleDoc, verb: Token, lo: int, hi: int) -> tuple[int, int] | None:
        """'Esta campaña, dice él, es distinta' / 'This campaign, he says, is different': a
        cue set off by commas inside the clause it reports; the content is that sentence."""
        if dep(verb) != "parataxis":
            return None
        sub = sorted(verb.subtree, key=lambda t: t.i)
        if not (sub[0].text == "," and sub[-1].text == ","):
            return None
        toks = [t for t in tokens_in(adoc.doc, lo, hi) if t.i < sub[0].i or t.i > sub[-1].i]
        return char_span(toks)

    def _postposed_content(self, adoc: ArticleDoc, verb: Token, lo: int, hi: int) -> tuple[int, int] | None:
        """'..., han informado las autoridades': the clause before the comma is the content."""
        doc = adoc.doc
        first = min([verb] + [*children(verb, AUX)], key=lambda t: t.i)
        if first.i == 0 or doc[first.i - 1].text != "," or doc[first.i - 1].idx < lo:
            return None
        fronted = any(dep(c) in ("ccomp", "parataxis") and c.i < verb.i for c in children_of(verb))
        if not ((verb.head.i < verb.i and dep(verb) != "ROOT") or fronted):
            return None  # ('HUBO X ... , informaron Y': a fronted clause parsed as its complement)
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

    def _cue_span(self, adoc: ArticleDoc, verb: Token, hi: int) -> Span:
        doc = adoc.doc
        auxes = [c for c in children_of(verb) if dep(c) in ("aux", "aux:pass") and c.i < verb.i]
        start = min([verb.idx] + [a.idx for a in auxes])
        limit = len(doc)
        end_tok = verb.i + 1
        n = match_phrase(doc, end_tok, self.lex.cue_ext, limit)
        end = verb.idx + len(verb.text)
        if n and doc[end_tok + n - 1].idx < hi:
            last = doc[end_tok + n - 1]
            end = last.idx + len(last.text)
        return adoc.span(start, end)

    def _speaker(self, adoc: ArticleDoc, verb: Token, lo: int, hi: int, postposed: bool,
                 earlier: list[Quote], s: int) -> tuple[Span | None, list[str], bool]:
        if self._impersonal(verb):
            # 'Se informó que', 'It was announced (by X) that': the agent, if any, speaks
            agent = next((c for c in children_of(verb) if dep(c) == "obl:agent"), None)
            obj = next((c for c in children_of(agent) if dep(c) == "pobj"), agent) if agent is not None else None
            if obj is None:
                return None, [], False
            rng = self._speaker_range(adoc, obj, lo, hi)
            span = adoc.span(*rng) if rng else None
            return span, speaker_codes(adoc, span, self.bundle) if span else [], False
        # line breaks are tokens that the parser sometimes attaches as subjects, and a
        # subject outside the sentence is a parse across a line break: neither is a speaker
        subj = next((c for c in children_of(verb) if dep(c) in _SUBJ and not c.is_space
                     and lo <= c.idx < hi), None)
        if subj is not None and any(dep(c) == "case" for c in subj.lefts):
            subj = None  # 'en su chaleco' taken for a subject: a prepositional phrase is none
        if subj is None:
            subj = _noun_subject(verb, lo)
        cur = verb
        for _ in range(3):
            if subj is not None or not _shares_subject(cur) or cur.head.i == cur.i:
                break
            # 'dijo ... y añadió que', 'began ..., saying that': the head verb's subject; up
            # a chain of such verbs ('calificó de ..., pero la atribuyó a ...')
            cur = cur.head
            subj = next((c for c in children_of(cur) if dep(c) in _SUBJ and lo <= c.idx < hi), None)
            if subj is None and dep(cur) in _RELCL and cur.head.head.i != cur.head.i:
                gov = cur.head.head
                subj = next((c for c in children_of(gov) if dep(c) in _SUBJ and lo <= c.idx < hi
                             and not _relative_pronoun(c)), None)
        relative = subj is not None and (_relative_pronoun(subj) or (
            subj.pos_ in ("PRON", "SCONJ") and subj.lower_ in self.lex.marks))
        if relative and subj is not None and subj.lower_ in self.lex.person_relative:
            # 'X, que ... y quien aseguró': 'quien' refers to a person, the nearest one before it
            names = [r for r in self._person_spans(adoc, (lo, subj.idx))]
            if names:
                span = adoc.span(*max(names))
                return span, speaker_codes(adoc, span, self.bundle), False
        if relative:
            # 'Rubio, who said that ...', 'la CGT, que dijo ...': the noun the clause modifies;
            # a coordinated relative ('Marcos, que ... y quien aseguró') goes through its
            # first conjunct
            rel = verb
            while dep(rel) == "conj" and rel.head.i != rel.i:
                rel = rel.head
            if dep(rel) not in _RELCL or not lo <= rel.head.idx < hi:
                return None, [], False
            subj = rel.head
            gov = subj.head
            if (subj.pos_ == "NOUN" and gov.pos_ in ("VERB", "AUX") and gov.i != subj.i
                    and not any(m.span.start <= subj.idx < m.span.end for m in adoc.actors)):
                # 'repudió la agresión, que calificó de ...': a thing cannot speak, so the
                # pronoun is the object and the speaker the main clause's subject
                subj = next((c for c in children_of(gov) if dep(c) in _SUBJ and lo <= c.idx < hi), subj)
        if postposed and (subj is None or subj.i < verb.i):
            # the content comes first, so a subject before the verb lies inside it: the
            # speaker is the noun phrase after the verb (often parsed as its object)
            after = next((c for c in children_of(verb) if dep(c) in ("obj", *_SUBJ) and c.i > verb.i), None)
            subj = after if after is not None or subj is None else subj
        if subj is None and dep(verb) in _RELCL and verb.head.head.i != verb.head.i:
            # 'X repudió la agresión que calificó de "..."': a relative clause with a null
            # subject shares the subject of the verb its noun depends on
            gov = verb.head.head
            subj = next((c for c in children_of(gov) if dep(c) in _SUBJ and lo <= c.idx < hi
                         and gov.pos_ in ("VERB", "AUX")), None)
        if subj is None:
            # '"...", declaró a la AFP, Juan Pérez, un responsable': a name after the cue
            subj = self._name_after(adoc, verb, hi)
        if subj is None or (subj.pos_ == "PRON" and not relative):
            # implicit speaker: the most recent explicit one, if close enough
            prev = next((q for q in reversed(earlier) if q.speaker is not None), None)
            if (prev is not None
                    and 0 <= s - prev.cue.sentence <= CARRY_SENTENCES
                    and _number_agrees(subj if subj is not None else verb, adoc, prev.speaker)):
                return prev.speaker, list(prev.speaker_codes), True
            if subj is None:
                return None, [], False
        rng = self._speaker_range(adoc, subj, lo, hi)
        rng = _after_dateline(adoc, rng, verb)
        if rng is None:
            return None, [], False
        rng = self._name_closing_subject(adoc, rng, verb)
        span = adoc.span(*rng)
        return span, speaker_codes(adoc, span, self.bundle), False

    def _name_closing_subject(self, adoc: ArticleDoc, rng: tuple[int, int], verb: Token) -> tuple[int, int]:
        """'la alcaldesa de X -una aclaración- Ana Ruiz, señaló que': a proper name of two or
        more capitalised words that closes the subject, set off by punctuation before it and
        a comma right before its verb, is the speaker's name (an apposition the parse broke
        off)."""
        doc = adoc.doc
        first = min([verb] + [c for c in children_of(verb) if dep(c) in ("aux", "aux:pass")], key=lambda t: t.i)
        if first.i < 2 or doc[first.i - 1].text != "," or not rng[0] < doc[first.i - 1].idx:
            return rng
        run: list[Token] = []
        for t in reversed(doc[:first.i - 1]):
            if t.idx <= rng[0] or not (t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper()):
                break
            run.insert(0, t)
        if len(run) < 2 or rng[0] <= run[0].idx and run[-1].idx + len(run[-1].text) <= rng[1]:
            return rng  # no such name, or the subject holds it already
        before = doc[run[0].i - 1]
        if not (before.is_punct or before.text[-1:] in "-–—"):
            return rng  # set off from what precedes it, not 'naves de las Fuerzas Aéreas'
        if any(m.kind in ("country", "place") and m.span.start <= run[0].idx < m.span.end for m in adoc.actors):
            return rng
        return run[0].idx, run[-1].idx + len(run[-1].text)

    def _name_after(self, adoc: ArticleDoc, verb: Token, hi: int) -> Token | None:
        """A person named after the cue, before any other verb, with only reporting links
        and punctuation between: its head token, else None."""
        doc = adoc.doc
        for t in doc[verb.i + 1:]:
            if t.idx >= hi or t.pos_ in ("VERB", "AUX") or t.lower_ in self.lex.marks:
                return None
            for m in adoc.actors:
                if m.kind == "person" and m.span.start == t.idx:
                    return t
            if any(e.label_ in _PERSON_LABELS and e.start == t.i for e in entities(doc)):
                return t
        return None

    def _impersonal(self, verb: Token) -> bool:
        """A passive or impersonal cue: its grammatical subject is not a speaker."""
        kids = list(children_of(verb))
        if any(dep(c) in _PASSIVE and not c.is_space for c in kids):
            return True
        # a reflexive clitic with an expressed subject ('Irak se declaró ...') is no passive
        return not any(dep(c) in _SUBJ and not c.is_space for c in kids) and any(
            dep(c) == "expl" or (c.lower_ in self.lex.impersonal and c.i < verb.i and not _dative(c))
            for c in kids)

    def _speaker_range(self, adoc: ArticleDoc, subj: Token, lo: int, hi: int) -> tuple[int, int] | None:
        """The subject's noun phrase without relative clauses; a person's name when it is
        the head or an apposition of the head."""
        drop: set[int] = set()
        for c in children_of(subj):
            # relative clauses, and fronted phrases ('With her husband, ...') are not the name
            after_comma = c.i > subj.i and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ","
            if (dep(c) in _DROP_FROM_SPEAKER and dep(c) != "punct") or (
                    c.i < subj.i and dep(c) in _FRONTED and any(t.text == "," for t in c.subtree)) or (
                    dep(c) == "amod" and after_comma):  # 'la Constitución, promulgada en 1991'
                drop.update(t.i for t in c.subtree)
        # a source phrase hanging off the subject ('las autoridades, de acuerdo con ...') is not
        # part of the speaker's name
        phrases = self._source_phrases(adoc)
        toks = [t for t in subj.subtree if t.i not in drop and lo <= t.idx < hi
                and not any(a <= t.idx < b for a, b in phrases)]
        rng = char_span(toks)
        if rng is None:
            return None
        anchors = {subj.i} | {c.i for c in children_of(subj) if dep(c) == "appos"}
        for c in children_of(subj):
            if dep(c) == "appos":
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
        ents = adoc.doc.user_data.get(_PERSON_ENTS)
        if ents is None:  # once per doc: ``doc.ents`` builds every entity span on each access
            ents = sorted((e.start_char, e.end_char) for e in entities(adoc.doc)
                          if e.label_ in _PERSON_LABELS)
            adoc.doc.user_data[_PERSON_ENTS] = ents
        first = bisect.bisect_left(ents, (lo, -1))
        for start, end in ents[first:]:
            if start >= hi:
                break
            if end <= hi:
                out.append((start, end))
        return out


_PERSON_ENTS = "cronica_person_ents"


_DASH = re.compile(r"\)?\s+[-–—]\s+")


def _after_dateline(adoc: ArticleDoc, rng: tuple[int, int] | None, verb: Token) -> tuple[int, int] | None:
    """A speaker span moved past a dateline's closing dash: 'ISLAMABAD, Oct 30 (AFP) - La
    policía anunció' parses the dateline into the subject; the speaker is what follows the
    dash, up to the cue. None when nothing is left."""
    if rng is None:
        return None
    text = adoc.article.text
    inner = text[rng[0]:rng[1]]
    cut = max(inner.rfind(" - "), inner.rfind(" – "), inner.rfind(" — "))
    if cut >= 0 and "(" in inner[:cut]:
        return char_span(tokens_in(adoc.doc, rng[0] + cut + 3, rng[1]))
    dash = _DASH.match(text, rng[1])
    if dash and "(" in inner and dash.end() < verb.idx:
        return char_span(tokens_in(adoc.doc, dash.end(), verb.idx))
    return rng


def _shares_subject(verb: Token) -> bool:
    """A coordinated verb, or a participle/gerund hanging off a clause, has its head's subject."""
    if dep(verb) in ("conj", "xcomp"):
        return True
    # a gerund, or an infinitive after a preposition ('tras aseverar que ...')
    form = verb.morph.get("VerbForm", [])
    return dep(verb) == "advcl" and ("Ger" in form or "Inf" in form or verb.tag_ == "VBG")


def _number_agrees(tok: Token, adoc: ArticleDoc, speaker: Span | None) -> bool:
    """Whether ``tok`` (a pronoun, or a pro-drop verb: 'Añadieron') can refer to ``speaker``
    by grammatical number; True when either number is unknown."""
    if speaker is None:
        return True
    want = tok.morph.get("Number", [])
    span = adoc.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if not want or span is None:
        return True
    root = span.root
    have = ["Plur"] if any(dep(c) == "conj" for c in children_of(root)) else root.morph.get("Number", [])
    return not have or bool(set(want) & set(have))


def _noun_subject(verb: Token, lo: int) -> Token | None:
    """A finite verb the parser hung from a noun before it ('El sindicato también demanda
    que ...' read as noun + adjective; 'X demanda ... y desmintió ...' as a coordinated
    noun): a finite verb modifies no noun, so that noun is its subject. Relative clauses
    ('la agresión que calificó') keep their own analysis."""
    head = verb.head
    if (dep(verb) not in ("amod", "acl", "conj") or "Fin" not in morph_get(verb, "VerbForm")
            or head.pos_ not in ("NOUN", "PROPN") or not lo <= head.idx < verb.idx):
        return None
    if any(c.i < verb.i and (dep(c) == "mark" or _relative_pronoun(c) or c.lower_ == "que")
           for c in children_of(verb)):
        return None
    return head


def _quoted_label(root: Token | None, toks: list[Token]) -> bool:
    """Quoted words that are the subject noun phrase of their clause, with no verb inside
    ('los "ultras" han quedado ...'): a label, not words someone said."""
    return root is not None and dep(root) in _SUBJ and not any(t.pos_ in ("VERB", "AUX") for t in toks)


def _in_conjunction(tok: Token) -> bool:
    """'que' as part of a conjunction ('sino que', 'ya que', 'en tanto que'), not a
    complementizer opening a reported clause."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return dep(tok) == "fixed" or (prev is not None and prev.lower_ in ("sino", "ya", "así", "tanto"))


def _dative(tok: Token) -> bool:
    """'se la atribuyó': a clitic followed by an object clitic is the dative (le -> se), not
    the impersonal or passive se."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.pos_ == "PRON" and dep(nxt) == "obj" and nxt.head.i == tok.head.i


def _adjectival(tok: Token) -> bool:
    """A participle used as an adjective ('un allegado considerado ...') is no speech act."""
    return ("Part" in morph_get(tok, "VerbForm") and dep(tok) in ("amod", "acl", "acl:relcl")
            and not has_child(tok, AUX))


def _relative_pronoun(tok: Token) -> bool:
    return tok.pos_ == "PRON" and ("Rel" in morph_get(tok, "PronType") or tok.tag_ in ("WP", "WDT"))


def speaker_codes(adoc: ArticleDoc, span: Span, lang: str | LanguageBundle) -> list[str]:
    """Codes of the actor mention that best covers ``span`` (all of them when it names
    several actors); else what the actors stage can code from the text; else []."""
    m = best_mention(adoc.actors, span.start, span.end)
    if m is not None:
        codes = [c for c in (m.codes or [m.code]) if c]
        if codes:
            return list(dict.fromkeys(codes))
    return list(dict.fromkeys(codes_for_text(span.text, lang)))


# -- events --------------------------------------------------------------------------
def _is_outlet(r: Reporting) -> bool:
    """A news outlet (journalist-sector code: 'FRAJRN'), the outer end of a chain."""
    return bool(r.code and r.code.endswith("JRN"))


def attach_to_events(adoc: ArticleDoc) -> None:
    """Set each event's ``quote`` (the innermost quote whose content holds its trigger)
    and ``reported_by``, its reporting chain innermost link first: the sources of its
    sentence (channels and relaying sources before the news outlets that pass them on:
    'en un comunicado' -> 'dijo a la AFP'), then article-wide ones; no repeats; the impersonal
    'se informó' (no name) is left out of the chain.

    An article-wide source that is no news outlet ('..., informó la Defensoría del Pueblo'
    closing the lead) credits the facts told on its authority, not what another source
    tells or a speaker says: it does not reach an event of a sentence with a source or a
    speaker of its own, nor one inside a quote, nor a historical event of another sentence
    (background history is the writer's). Outlets relay everything."""
    wide = [r for r in adoc.reporting if r.scope == "article" and r.source]
    article_wide = [r.source for r in wide]
    relayed = [r.source for r in wide if _is_outlet(r)]
    wide_home = {r.cue.sentence for r in wide}  # the sentences that name them
    speaking = {q.cue.sentence for q in adoc.quotes}  # sentences with a speaker of their own
    by_sentence: dict[Any, list[Any]] = {}  # built once: a scan per event was quadratic
    ordered = sorted(adoc.reporting, key=lambda r: (_is_outlet(r), r.cue.start))
    for r in ordered:
        if r.scope == "sentence" and r.source:
            for sent in r.sentences:
                by_sentence.setdefault(sent, []).append(r.source)
    for e in adoc.events:
        holders = [q for q in adoc.quotes if q.content.contains(e.trigger)]
        if holders:
            e.quote = min(holders, key=lambda q: q.content.end - q.content.start).id
        sent = e.trigger.sentence
        local = by_sentence.get(sent, [])
        cue = next((q for q in adoc.quotes if q.cue.overlaps(e.trigger)), None)
        own = sent not in wide_home and bool(local or holders or sent in speaking)
        # background history ('En 2023, otro ataque dejó cuatro muertos') is the writer's, not
        # what the lead's source reported today: only the outlets that carry the text reach it
        background = e.aux_mode == "historical" and sent not in wide_home
        names = list(e.reported_by) + local + (relayed if own or background else article_wide)
        e.reported_by = list(dict.fromkeys(names))
        if cue is not None:
            logger.debug("event %s has the speech cue %r as trigger", e.id, cue.cue.text)
