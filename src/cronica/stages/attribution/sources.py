"""Reporting sources: 'según la agencia AFP', 'de acuerdo a reportes de Al Jazeera',
'according to Reuters', '..., informó la agencia AFP'.

A source phrase (``source`` rows of ``data/<lang>/attribution.tsv``) followed by a noun phrase,
or a reporting verb (``report`` rows) whose subject is a news outlet, names a source.

Scope rule: a source cue that stands at the edge of a sentence of the article's opening
(headline and subtitle lines, then the lead: the opening ends with the first sentence that
ends like a sentence, and is at most ``LEAD_SENTENCES`` long), i.e. with only punctuation
between it and the start or the end of its sentence, credits the whole report: re-reports name their origin that way
('..., han anunciado ambos gobiernos, de acuerdo a reportes de Al Jazeera.'). Its scope is
'article'. For an outlet as subject ('informó la agencia AFP') only the closing position
counts. Any other source cue covers its own sentence only.
"""

from __future__ import annotations

from typing import Any

from cronica.model import ArticleDoc, Reporting
from cronica.stages.attribution.lexicon import (
    AttributionLexicon,
    attribution_lexicon,
    best_mention,
    char_span,
    codes_for_text,
    match_phrase,
)
from cronica.stages.nlp.syntax import dep

LEAD_SENTENCES = 3  # headline, subtitle, lead: where a re-report names its origin
_SENTENCE_END = (".", "!", "?", ".»", ".”", '."', "…")


def lead_end(adoc: ArticleDoc) -> int:
    """Index of the lead: the first sentence that ends like a sentence (headlines and
    subtitles do not), within the first ``LEAD_SENTENCES``."""
    last = min(LEAD_SENTENCES, len(adoc.sentences)) - 1
    for i in range(last + 1):
        if adoc.sentences[i].text.rstrip().endswith(_SENTENCE_END):
            return i
    return last
_MAX_SOURCE_TOKENS = 8  # a source name longer than this is a clause, not a name
_SUBJ = ("nsubj", "nsubj:pass")  # UD labels, read through syntax.dep
_NAME_LABELS = ("ORG", "PER", "PERSON", "MISC", "NORP", "GPE", "LOC")


class SourceFinder:
    """Finds the reporting sources of an article (``find``)."""

    def __init__(self, lang: str, lexicon: AttributionLexicon | None = None) -> None:
        self.lang = lang
        self.lex = lexicon or attribution_lexicon(lang)

    def find(self, adoc: ArticleDoc) -> list[Reporting]:
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
                n = match_phrase(doc, i, self.lex.source, limit) if tok.lower_ in firsts else 0
                if n:
                    rep = self._source_after(adoc, i, i + n, limit, s, lo, hi)
                    if rep is not None:
                        out.append(rep)
                        i += n
                        continue
                if tok.pos_ in ("VERB", "AUX") and (self.lex.is_report(tok) or self.lex.is_speech(tok)):
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
        """'..., informó la agencia AFP' / 'La televisión precisó que' / 'Reuters reported': a
        reporting or speech verb whose subject (or post-verbal argument, as the Spanish parser
        often labels it) is a news outlet. The outlet reports; it is not quoted."""
        subj = next((c for c in verb.children if dep(c) in _SUBJ and not c.is_space
                     and lo <= c.idx < hi), None)
        if subj is None:
            subj = next((c for c in verb.children if dep(c) == "obj" and c.i > verb.i), None)
        if subj is None:
            return None
        toks = [t for t in subj.subtree if lo <= t.idx < hi and not t.is_space]
        if not toks:
            return None
        if not self._is_media(adoc, subj):
            return None
        name, code = self._source_name(adoc, toks)
        rng = char_span(toks + [verb])
        if rng is None:
            return None
        cue = adoc.span(*rng)
        # an outlet opening its sentence reports that sentence; one closing the lead ('...,
        # informó la agencia AFP.') credits the report
        closes = not any(c.isalnum() for c in adoc.article.text[cue.end:hi])
        scope = "article" if closes and self._at_lead_edge(adoc, s, lo, hi, cue.start, cue.end) else "sentence"
        return Reporting(source=name, code=code, cue=cue, scope=scope,
                         sentences=self._scope_sentences(adoc, scope, s))

    def _is_media(self, adoc: ArticleDoc, head: Any) -> bool:
        """The phrase headed by ``head`` names an outlet: a media actor mention covers its head,
        or the head or a word before it in the phrase is a media noun ('la agencia EFE')."""
        if any(m.kind == "media" and m.span.start <= head.idx < m.span.end for m in adoc.actors):
            return True
        return any(self._media_word(t) for t in [head, *head.lefts])

    def _outlet_noun(self, tok: Any) -> bool:
        """A media noun in lower case: a description ('la agencia'), not part of a name."""
        return tok.text.islower() and self._media_word(tok)

    def _media_word(self, tok: Any) -> bool:
        return tok.lower_ in self.lex.media or tok.lemma_.lower() in self.lex.media

    def _source_name(self, adoc: ArticleDoc, run: list[Any]) -> tuple[str, str | None]:
        """The source's name within a source phrase, and its actor code when known.

        A coded media mention inside the phrase wins; a phrase headed by a common noun that
        is no outlet ('las autoridades de Apartadó') is named whole; otherwise the named
        entity or proper nouns in it, without the outlet word ('la agencia EFE' -> 'EFE')."""
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        best = best_mention(adoc.actors, start, end, prefer_kind="media")
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
            # 'agencia EFE' -> 'EFE', but 'El Comercio' and 'Radio Caracol' stay whole
            while len(toks) > 1 and (self._outlet_noun(toks[0]) or (
                    toks[0].pos_ == "DET" and self._outlet_noun(toks[1]))):
                toks.pop(0)
            name = text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
        else:
            name = text[props[0].idx:props[-1].idx + len(props[-1].text)]
        codes = codes_for_text(name, self.lang)
        return name, codes[0] if codes else None

    def _at_lead_edge(self, adoc: ArticleDoc, s: int, lo: int, hi: int, start: int, end: int) -> bool:
        if s < 0 or s > lead_end(adoc):
            return False
        text = adoc.article.text
        before, after = text[lo:start], text[end:hi]
        return not any(c.isalnum() for c in after) or not any(c.isalnum() for c in before)

    @staticmethod
    def _scope_sentences(adoc: ArticleDoc, scope: str, s: int) -> list[int]:
        return list(range(len(adoc.sentences))) if scope == "article" else [s]
