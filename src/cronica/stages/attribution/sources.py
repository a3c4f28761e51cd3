"""Reporting sources: 'según la agencia AFP', 'de acuerdo con la prensa local',
'according to Reuters', '..., informó la agencia AFP'.

A source phrase (``source`` rows of ``data/<lang>/attribution.tsv``) followed by a noun phrase,
or a reporting verb (``report`` rows) whose subject is a news outlet, names a source.

Scope rule: a source cue that stands at the edge of a sentence of the article's opening
(headline and subtitle lines, then the lead: the opening ends with the first sentence that
ends like a sentence, and is at most ``LEAD_SENTENCES`` long), i.e. with only punctuation
between it and the start or the end of its sentence, credits the whole report: re-reports name their origin that way
('..., han informado las autoridades, según la prensa local.'). Its scope is
'article'. For an outlet as subject ('informó la agencia AFP') only the closing position
counts. Any other source cue covers its own sentence only.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.attrs import LOWER, POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Token

from cronica.model import ArticleDoc, Reporting
from cronica.stages.attribution.lexicon import (
    AttributionLexicon,
    attribution_lexicon,
    best_mention,
    char_span,
    codes_for_text,
    match_phrase,
)
from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.nlp.syntax import children_of, dep, entities, token_column

_VERB_POS = frozenset({VERB, AUX})  # POS symbols of the tokens that may cue a source
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
_RELATIVE = ("acl:relcl",)  # UD, read through syntax.dep
_LINK_DEPS = ("obl", "nmod", "iobj", "obj", "prep", "pobj", "dative", "advcl", "obl:arg")


def _dependents(verb: Token) -> list[Token]:
    """Nouns hanging off a verb through an oblique, object or prepositional link (a
    preposition's object in the English scheme)."""
    out: list[Token] = []
    for c in children_of(verb):
        if dep(c) in ("prep",):
            out.extend(g for g in children_of(c) if dep(g) == "pobj")
        elif dep(c) in _LINK_DEPS:
            out.append(c)
    return out


def _contiguous(toks: list[Token], head: Token) -> list[Token]:
    """The run of consecutive tokens around ``head`` (a gap means a parse across clauses)."""
    idx = sorted(t.i for t in toks)
    if head.i not in idx:
        return toks
    k = idx.index(head.i)
    lo = hi = k
    while lo > 0 and idx[lo - 1] == idx[lo] - 1:
        lo -= 1
    while hi + 1 < len(idx) and idx[hi + 1] == idx[hi] + 1:
        hi += 1
    keep = set(idx[lo:hi + 1])
    return [t for t in toks if t.i in keep]


def _dedupe(reps: list[Reporting]) -> list[Reporting]:
    """One entry per cue span (the first found), in text order."""
    seen: list[Reporting] = []
    for r in sorted(reps, key=lambda r: (r.cue.start, -r.cue.end)):
        if any(r.cue.start >= o.cue.start and r.cue.end <= o.cue.end for o in seen):
            continue
        seen.append(r)
    return seen


class SourceFinder:
    """Finds the reporting sources of an article (``find``)."""

    def __init__(self, lang: str | LanguageBundle, lexicon: AttributionLexicon | None = None) -> None:
        self.bundle = as_bundle(lang)
        self.lang = self.bundle.code
        self.lex = lexicon or attribution_lexicon(self.bundle)

    def find(self, adoc: ArticleDoc) -> list[Reporting]:
        """Reporting sources in text order (see the module docstring for the scope rule)."""
        doc = adoc.doc
        out: list[Reporting] = []
        # the tokens that start a source phrase (the hash of a first word) or are verbs, in
        # one pass over the POS and LOWER columns: the others are passed over without a look
        lowers = token_column(doc, LOWER)
        first_keys = self.lex.first_source_keys
        cands = [i for i, (pos, lower) in enumerate(zip(token_column(doc, POS), lowers, strict=True))
                 if lower in first_keys or pos in _VERB_POS]
        if not cands:
            return out
        for s, sent in enumerate(adoc.sentences):
            toks = doc.char_span(sent.start, sent.end, alignment_mode="expand")
            if toks is None:
                continue
            lo, hi, limit = sent.start, sent.end, toks.end
            k = bisect_left(cands, toks.start)
            while k < len(cands) and cands[k] < limit:
                i = cands[k]
                k += 1
                lower = lowers[i]
                tok = doc[i]
                n = match_phrase(doc, i, self.lex.source, limit) if lower in first_keys else 0
                if n:
                    rep = self._source_after(adoc, i, i + n, limit, s, lo, hi)
                    if rep is not None:
                        # 'según Arafat': a named individual is quoted, not a channel
                        if not self._names_person(adoc, rep.cue.start, rep.cue.end, i + n):
                            out.append(rep)
                        k = bisect_left(cands, i + n, k)  # on after the phrase's words
                        continue
                if tok.pos_ in ("VERB", "AUX") and (self.lex.is_report(tok) or self.lex.is_speech(tok)
                                                    or self._observes(tok)):
                    rep = self._media_subject(adoc, tok, s, lo, hi)
                    if rep is not None:
                        out.append(rep)
                    if not self._observes(tok) or self.lex.is_speech(tok):
                        out.extend(self._verb_links(adoc, tok, s, lo, hi))
        return _dedupe(out)

    def phrases(self, adoc: ArticleDoc) -> list[tuple[int, int, Reporting]]:
        """Every source phrase ('según X', 'de acuerdo con X'), persons included, as (token
        index of its first word, token index after its phrase words, the link)."""
        doc = adoc.doc
        out: list[tuple[int, int, Reporting]] = []
        first_keys = self.lex.first_source_keys
        # the tokens a source phrase can start at (the LOWER hash of a first word), read in
        # one pass; a document without one has no phrase and no sentence span to build
        hits = [i for i, h in enumerate(token_column(doc, LOWER)) if h in first_keys]
        if not hits:
            return out
        for s, sent in enumerate(adoc.sentences):
            toks = doc.char_span(sent.start, sent.end, alignment_mode="expand")
            if toks is None:
                continue
            for i in hits[bisect_left(hits, toks.start):bisect_left(hits, toks.end)]:
                n = match_phrase(doc, i, self.lex.source, toks.end)
                if n:
                    rep = self._source_after(adoc, i, i + n, toks.end, s, sent.start, sent.end)
                    if rep is not None:
                        out.append((i, i + n, rep))
        return out

    def _names_person(self, adoc: ArticleDoc, start: int, end: int, first: int) -> bool:
        """The phrase names an individual: a person's name in it, and no outlet, channel or
        relaying noun."""
        toks = [t for t in adoc.doc[first:] if t.idx < end]
        if any(self._media_word(t) or self.lex.is_channel(t) or self.lex.is_source_noun(t) for t in toks):
            return False
        head = next((t for t in toks if t.pos_ in ("NOUN", "PROPN")), None)
        if head is None:
            return False
        # the head names the person, or is a title right before the name ('el canciller X')
        names = [t for t in toks[toks.index(head):] if t.pos_ == "PROPN"][:1] if head.pos_ == "NOUN" else [head]
        if not names or (head.pos_ == "NOUN" and names[0].i != head.i + 1):
            return False
        tok = names[0]
        if any(m.kind != "person" and m.span.start <= tok.idx < m.span.end for m in adoc.actors):
            return False
        # an institution the tagger took for a person has function words ('Defensoría del Pueblo')
        return any(m.kind == "person" and m.span.start <= tok.idx < m.span.end for m in adoc.actors) or any(
            e.label_ in ("PER", "PERSON") and e.start <= tok.i < e.end
            and not any(t.pos_ in ("ADP", "DET") for t in e) for e in entities(adoc.doc))

    def _observes(self, tok: Token) -> bool:
        return tok.lemma_.lower() in self.lex.observe

    # -- links hanging off a speech verb ------------------------------------------------
    def _verb_links(self, adoc: ArticleDoc, verb: Token, s: int, lo: int, hi: int) -> list[Reporting]:
        """Channels and recipients of one speech verb, in text order: 'en un comunicado',
        'en una entrevista con X' (the vehicle), 'dijo a la AFP', 'a los periodistas' (the
        outlet it was said to, a dative), and the impersonal 'se informó'."""
        out: list[Reporting] = []
        for noun in _dependents(verb):
            if not lo <= noun.idx < hi or noun.pos_ not in ("NOUN", "PROPN"):
                continue
            case = next((c for c in children_of(noun) if dep(c) in ("case", "prep")), None)
            word = case.lower_ if case is not None else ""
            if case is not None and word in self.lex.channel_case and self.lex.is_channel(noun):
                out.append(self._pp_link(adoc, verb, noun, case, s, lo, hi))
            elif case is not None and word in self.lex.recipient_case and (
                    self._is_media(adoc, noun) or self.lex.is_source_noun(noun)):
                out.append(self._pp_link(adoc, verb, noun, case, s, lo, hi))
            elif case is None and (dep(noun) in ("iobj", "dative") or (
                    dep(noun) == "obj" and any(dep(c) == "ccomp" for c in children_of(verb)))) and (
                    self._is_media(adoc, noun) or self.lex.is_source_noun(noun)):
                # 'told reporters', 'le dijo a la prensa' without its preposition parsed
                out.append(self._pp_link(adoc, verb, noun, noun, s, lo, hi))
        if self._impersonal_report(verb):
            clitic = min((c for c in children_of(verb) if c.lower_ in self.lex.impersonal), key=lambda t: t.i)
            cue = adoc.span(clitic.idx, verb.idx + len(verb.text))
            out.append(Reporting(source="", code=None, cue=cue, scope="sentence", sentences=[s]))
        return out

    def _pp_link(self, adoc: ArticleDoc, verb: Token, noun: Token, case: Token, s: int, lo: int,
                 hi: int) -> Reporting:
        """The phrase from its preposition to the end of its noun phrase (relative clauses and
        further place or time phrases left out); the verb joins it when right before it."""
        drop: set[int] = set()
        for c in children_of(noun):
            opens = min(c.subtree, key=lambda t: t.i)
            if dep(c) in _RELATIVE or (c.i > noun.i and opens.lower_ in self.lex.marks) or (
                    c.i > noun.i and any(
                    dep(g) in ("case", "prep") and g.lower_ in self.lex.channel_case
                    for g in children_of(c)) and dep(c) in ("nmod", "obl")):
                drop.update(t.i for t in c.subtree)
        toks = [t for t in noun.subtree if t.i not in drop and lo <= t.idx < hi and not t.is_space]
        toks = _contiguous(toks, noun)
        first = min(toks, key=lambda t: t.i) if toks else case
        if case.i < first.i:
            first = case
        start = first.idx
        between = adoc.article.text[verb.idx + len(verb.text):start]
        if verb.i < first.i and not between.strip():
            start = verb.idx
        end_tok = max(toks, key=lambda t: t.i) if toks else noun
        cue = adoc.span(start, end_tok.idx + len(end_tok.text))
        name, code = self._source_name(adoc, [t for t in toks if t.i != case.i] or [noun])
        return Reporting(source=name, code=code, cue=cue, scope="sentence", sentences=[s])

    def _impersonal_report(self, verb: Token) -> bool:
        """'se informó', 'se supo': a reporting verb with an impersonal clitic and no subject."""
        if not self.lex.is_report(verb):
            return False
        kids = list(children_of(verb))
        return not any(dep(c) in _SUBJ and not c.is_space for c in kids) and any(
            c.lower_ in self.lex.impersonal and c.i < verb.i for c in kids)

    def _source_after(self, adoc: ArticleDoc, cue_start: int, j: int, limit: int,
                      s: int, lo: int, hi: int) -> Reporting | None:
        doc = adoc.doc
        run: list[Token] = []
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

    def _media_subject(self, adoc: ArticleDoc, verb: Token, s: int, lo: int, hi: int) -> Reporting | None:
        """'..., informó la agencia AFP' / 'La televisión precisó que' / 'Reuters reported': a
        reporting or speech verb whose subject (or post-verbal argument, as the Spanish parser
        often labels it) is a news outlet. The outlet reports; it is not quoted."""
        subj = next((c for c in children_of(verb) if dep(c) in _SUBJ and not c.is_space
                     and lo <= c.idx < hi), None)
        if subj is None:
            subj = next((c for c in children_of(verb) if dep(c) == "obj" and c.i > verb.i), None)
        if subj is None:
            return None
        toks = [t for t in subj.subtree if lo <= t.idx < hi and not t.is_space]
        if not toks:
            return None
        relay = self._is_media(adoc, subj) or self.lex.is_source_noun(subj) or (
            self.lex.is_channel(subj) and not self._observes(verb))
        if not relay and not self._closing_report(adoc, verb, subj, toks, lo, hi):
            return None
        toks = [t for t in toks if not any(t.i in {x.i for x in c.subtree}
                                           for c in children_of(subj) if dep(c) in _RELATIVE)]
        name, code = self._source_name(adoc, toks)
        # the verb belongs to the cue when the source follows it ('informaron fuentes X',
        # 'constató la AFP'); a source before its verb is cited alone ('Fuentes X dijeron')
        after = subj.i > verb.i and not adoc.article.text[verb.idx + len(verb.text):toks[0].idx].strip()
        rng = char_span(toks + [verb]) if after else char_span(toks)
        if rng is None:
            return None
        cue = adoc.span(*rng)
        # an outlet opening its sentence reports that sentence; one closing the lead ('...,
        # informó la agencia AFP.') credits the report
        closes = not any(c.isalnum() for c in adoc.article.text[cue.end:hi])
        scope = "article" if closes and self._at_lead_edge(adoc, s, lo, hi, cue.start, cue.end) else "sentence"
        return Reporting(source=name, code=code, cue=cue, scope=scope,
                         sentences=self._scope_sentences(adoc, scope, s))

    def _closing_report(self, adoc: ArticleDoc, verb: Token, subj: Token, toks: list[Token],
                        lo: int, hi: int) -> bool:
        """'..., informaron autoridades locales.': a reporting verb (not a mere verb of saying)
        after a comma, with a subject that is no person, closing its sentence: the wire's
        credit line."""
        if not self.lex.is_report(verb) or subj.i < verb.i or verb.i == 0:
            return False
        if verb.doc[verb.i - 1].text != ",":
            return False
        if any(m.kind == "person" and m.span.start <= subj.idx < m.span.end for m in adoc.actors):
            return False
        if any(e.label_ in ("PER", "PERSON") and e.start <= subj.i < e.end for e in entities(adoc.doc)):
            return False
        end = max(t.idx + len(t.text) for t in toks)
        return not any(c.isalnum() for c in adoc.article.text[end:hi])

    def _is_media(self, adoc: ArticleDoc, head: Token) -> bool:
        """The phrase headed by ``head`` names an outlet: a media actor mention covers its head,
        or the head or a word before it in the phrase is a media noun ('la agencia EFE')."""
        if any(m.kind == "media" and m.span.start <= head.idx < m.span.end for m in adoc.actors):
            return True
        return any(self._media_word(t) for t in [head, *head.lefts])

    def _outlet_noun(self, tok: Token) -> bool:
        """A media noun in lower case: a description ('la agencia'), not part of a name."""
        return tok.text.islower() and self._media_word(tok)

    def _media_word(self, tok: Token) -> bool:
        return tok.lower_ in self.lex.media or tok.lemma_.lower() in self.lex.media

    def _source_name(self, adoc: ArticleDoc, run: list[Token]) -> tuple[str, str | None]:
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
        ents = [e for e in entities(adoc.doc) if e.start_char >= start and e.end_char <= end
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
        codes = codes_for_text(name, self.bundle)
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
