"""speed13f: the stages after the parse, cheaper with the same answers (docs/benchmarks.md,
speed13f). Each test sets a fast path beside the plain reading it replaced."""

from __future__ import annotations

from cronica.stages.attribution.lexicon import Phrases, match_phrase


def _match_by_matcher(doc, i, phrases, limit):
    """match_phrase as it read the window with spaCy's PhraseMatcher (before speed13f)."""
    if i >= limit or doc[i].lower_ not in phrases.first_words:
        return 0
    window = doc[i : min(limit, i + phrases.longest)]
    return max((end - start for _, start, end in phrases.matcher(doc.vocab)(window)
                if start == i), default=0)


def test_a_cue_phrase_is_matched_by_its_hashes_as_by_the_phrase_matcher(nlp_es):
    phrases = Phrases(sorted([("de", "acuerdo", "con"), ("de", "acuerdo", "con", "fuentes", "de"),
                              ("según",), ("según", "dijo"), ("citado", "por")],
                             key=len, reverse=True))
    doc = nlp_es("De acuerdo con fuentes de la policía, según dijo el portavoz citado por "
                 "la radio, los vecinos marcharon; según. De acuerdo con")
    for i in range(len(doc) + 1):
        for limit in range(i, len(doc) + 1):
            got = match_phrase(doc, i, phrases, limit)
            assert got == _match_by_matcher(doc, i, phrases, limit), (i, limit)
    assert match_phrase(doc, 0, phrases, len(doc)) == 5  # the longest, in any case
    assert match_phrase(doc, 0, phrases, 4) == 3  # cut by the limit
    assert match_phrase(doc, 1, phrases, len(doc)) == 0


def test_speech_indices_read_from_memory_give_the_same_tokens(nlp_es):
    from cronica.stages.attribution.lexicon import attribution_lexicon

    lex = attribution_lexicon("es")
    doc = nlp_es("El ministro dijo que los maestros afirmaron y declararon lo mismo; dijo.")
    plain = [t.i for t in doc if lex.is_speech(t)]
    assert plain  # the fixture has verbs of saying
    assert lex.speech_indices(doc) == plain
    assert lex.speech_indices(doc) == plain  # the second time from memory


def test_quantities_are_the_same_with_the_word_memory_cold_warm_or_half(nlp_es, monkeypatch):
    from cronica.stages.magnitude import counter
    from cronica.stages.magnitude.lexicon import load_lexicon

    lx = load_lexicon("es")
    doc = nlp_es("Unos 3.000 manifestantes y decenas de miles de vecinos marcharon; 12 heridos.")

    def found():
        return [(q.start, q.end, q.value, q.category) for q in counter.find_quantities(doc, lx)]

    monkeypatch.setattr(counter, "_WORDS", {})
    cold = found()
    assert cold and found() == cold  # warm: every word from memory
    half = dict(list(counter._WORDS.items())[::2])
    monkeypatch.setattr(counter, "_WORDS", half)
    assert found() == cold


def _preposition_ends_by_matcher(geo, doc):
    """The geocoder's preposition starts and ends as spaCy's PhraseMatcher found them."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    matcher = PhraseMatcher(doc.vocab, attr="LOWER")
    matcher.add("PREP", [Doc(doc.vocab, words=ws) for preps in geo._preps_by_first.values()
                         for ws in preps])
    ends: dict[int, int] = {}
    for _, start, end in matcher(doc):
        if end > ends.get(start, -1):
            ends[start] = end
    return ends


def test_prepositions_are_found_by_their_hashes_as_by_the_phrase_matcher(nlp_es):
    from cronica.stages.place.geocoder import Geocoder

    geo = Geocoder("es")
    doc = nlp_es("Marcharon cerca de Quito, EN la plaza de Armas y frente a la sede, desde "
                 "Lima hasta Cusco; en. Cerca")
    got = geo._preposition_ends(doc)
    assert got == _preposition_ends_by_matcher(geo, doc)
    assert got  # the fixture has prepositions of place
    cerca = next(t.i for t in doc if t.lower_ == "cerca")
    assert got[cerca] == cerca + 2  # the longest at a start: 'cerca de', not 'cerca'


def _find_by_plain_walk(lex, text):
    """Lexicon.find as it walked the trie from every token (before speed13f)."""
    from cronica.stages.actors.lexicon import Match, tokenize

    toks = tokenize(text)
    out, i = [], 0
    while i < len(toks):
        node, best, j = lex._root, None, i
        while j < len(toks) and toks[j][0] in node.children:
            node = node.children[toks[j][0]]
            j += 1
            if node.patterns:
                entry = lex._admissible(node.patterns, toks, i, text)
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


def test_actor_patterns_are_found_as_by_the_plain_trie_walk():
    from cronica.stages.actors.lexicon import load_lexicon, tokenize, word_key

    lex = load_lexicon("es")
    text = ("El presidente de Colombia y la Policía Nacional se reunieron con campesinos "
            "bolivianos, el Ejército de Liberación Nacional y el Año Nuevo; ANNO, pañuelo.")
    assert [k for k, _, _ in tokenize(text)] == [word_key(text[s:e]) for _, s, e in tokenize(text)]
    got = lex.find(text)
    assert got  # the fixture names actors
    assert got == _find_by_plain_walk(lex, text)


_STAGES = ["actors", "events", "magnitude", "time", "aux", "place"]


def test_an_event_takes_its_own_sentences_date_and_one_without_the_news_day(make_doc):
    adoc = make_doc("Cientos de maestros marcharon el lunes en Quito. Los mineros bloquearon "
                    "una carretera.", date="2024-03-08", stages=_STAGES)
    by_word = {e.trigger.text.lower(): e for e in adoc.events}
    march = next(e for w, e in by_word.items() if "march" in w)
    block = next(e for w, e in by_word.items() if "bloque" in w)
    assert (march.date, march.date_inferred) == ("2024-03-04", False)
    # no date of its own: the article's news day (the peg its dates give), inferred
    assert block.date_inferred and block.date_span is None and block.date == "2024-03-04"


def test_the_sentence_place_is_read_only_in_a_sentence_that_names_one(make_doc):
    adoc = make_doc("Los mineros bloquearon una carretera. Cientos de maestros marcharon "
                    "el lunes en Quito.", date="2024-03-08", stages=_STAGES)
    from cronica.pipeline import default_stages

    geo = next(s for s in default_stages("es") if s.name == "place")
    for e in adoc.events:
        got = geo._sentence_place(adoc, e, adoc.places, set(), set())
        named = [p for p in adoc.places if p.span.sentence == e.trigger.sentence]
        assert (got is None) == (not named)


def test_opening_chars_of_a_pattern_with_optional_words():
    import re

    from cronica.stages.time.lexicon import opening_chars

    rx = re.compile(r"\b(?:(?:el|la)\s+)?(?:(?:este|próximo)\s+)?(?P<wd>lunes|martes|[0-3]\d)")
    assert opening_chars(rx) == frozenset("elpm0123")
    assert opening_chars(re.compile(r"\blunes")) is None  # no optional opening: not needed
    assert opening_chars(re.compile(r"(?:el\s+)?\w+")) is None  # a category: not followed
    assert opening_chars(re.compile(r"(?:el\s+)?(?i:lunes)")) is None  # any case inside
    assert opening_chars(re.compile(r"(?:el\s+)?x?")) is None  # may match nothing


def test_guarded_time_patterns_match_as_the_plain_ones():
    import re

    from cronica.stages.time.lexicon import build_patterns

    text = ("a finales del mes pasado, el próximo lunes 3 de marzo de 2024 y en los años "
            "ochenta; desde mediados de 1990 hasta el martes siguiente, la semana que viene. "
            "on monday, march 3, 2024, in the 1980s, last week and early next year").lower()
    guarded = 0
    for lang in ("es", "en"):
        for _name, rx in build_patterns(lang).patterns:
            if not rx.pattern.startswith("(?=["):
                continue
            guarded += 1
            plain = re.compile(rx.pattern[rx.pattern.index("])") + 2 :], rx.flags)
            for ws, we in ((0, len(text)), (5, 60), (40, 200), (90, len(text))):
                assert [(m.span(), m.groupdict()) for m in rx.finditer(text, ws, we)] == \
                    [(m.span(), m.groupdict()) for m in plain.finditer(text, ws, we)]
    assert guarded >= 10  # the patterns with optional modifier, article and fuzzy words


def _sources_by_every_token(finder, adoc):
    """SourceFinder.find as it looked at every token of each sentence (before speed13f)."""
    from cronica.stages.attribution.sources import _dedupe

    doc, out = adoc.doc, []
    for s, sent in enumerate(adoc.sentences):
        toks = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if toks is None:
            continue
        lo, hi, limit = sent.start, sent.end, toks.end
        i = toks.start
        while i < limit:
            tok = doc[i]
            n = match_phrase(doc, i, finder.lex.source, limit)
            if n:
                rep = finder._source_after(adoc, i, i + n, limit, s, lo, hi)
                if rep is not None:
                    if not finder._names_person(adoc, rep.cue.start, rep.cue.end, i + n):
                        out.append(rep)
                    i += n
                    continue
            if tok.pos_ in ("VERB", "AUX") and (finder.lex.is_report(tok) or finder.lex.is_speech(tok)
                                                or finder._observes(tok)):
                rep = finder._media_subject(adoc, tok, s, lo, hi)
                if rep is not None:
                    out.append(rep)
                if not finder._observes(tok) or finder.lex.is_speech(tok):
                    out.extend(finder._verb_links(adoc, tok, s, lo, hi))
            i += 1
    return _dedupe(out)


def test_reporting_sources_are_found_as_by_reading_every_token(make_doc):
    from cronica.stages.attribution.sources import SourceFinder

    adoc = make_doc("Según la agencia AFP, los maestros marcharon. De acuerdo con fuentes "
                    "policiales, hubo heridos, informó el diario El Tiempo. La radio dijo que "
                    "según testigos la marcha siguió, de acuerdo a la prensa local.",
                    stages=["actors"])
    finder = SourceFinder("es")
    got = finder.find(adoc)
    assert got  # the fixture has reporting sources
    assert [(r.cue.start, r.cue.end, r.source, r.code) for r in got] == \
        [(r.cue.start, r.cue.end, r.source, r.code) for r in _sources_by_every_token(finder, adoc)]


def test_a_locative_preposition_is_read_by_set_as_by_every_listed_one():
    from cronica.stages.place.geocoder import Geocoder

    geo = Geocoder("es")

    def plain(text, start):  # Geocoder._is_locative as it tried every preposition
        words = text[max(0, start - 60):start].split()
        if words and words[-1] in geo.locmods:
            words = words[:-1]
        words = [w.lower() for w in words]
        if words and words[-1] in geo.articles:
            words = words[:-1]
        if len(words) >= 2 and words[-1] in geo.namepreps and words[-2] in geo.placenouns:
            words = words[:-2]
            if words and words[-1] in geo.articles:
                words = words[:-1]
        tail = " ".join(words[-4:])
        return any(tail == p or tail.endswith(" " + p) for p in geo.locpreps)

    text = ("Marcharon en Quito, cerca de la ciudad de Cuenca, frente a Lima y EN la provincia "
            "de Loja; desde Tacna hasta Arica, llegaron a Puno, dijo Pedro en  Cusco.")
    starts = [i for i, c in enumerate(text) if c.isupper()] + list(range(0, len(text), 7))
    got = [geo._is_locative(text, s) for s in starts]
    assert any(got) and not all(got)
    assert got == [plain(text, s) for s in starts]


def test_the_choosers_table_reads_each_tokens_fields(nlp_es, nlp_en):
    from cronica.stages.events.recipient import _Table
    from cronica.stages.nlp.syntax import dep

    for doc in (nlp_es("La Policía Nacional detuvo el lunes a 30 manifestantes en Quito."),
                nlp_en("Police in Lagos arrested 30 protesters on Monday.")):
        table = _Table(doc)
        assert table.heads == [t.head.i for t in doc]
        assert table.deps == [dep(t) for t in doc]
        assert table.pos == [t.pos_ for t in doc]
        assert table.ents == [t.ent_type_ for t in doc]
        assert table.title == [t.is_title for t in doc]
        assert table.sent_start == [t.sent.start for t in doc]


def test_the_downward_path_halves_are_the_same_read_again(nlp_es):
    from cronica.stages.events.recipient import _MAX_PATH, _TriggerFeatures, recipient_model

    model = recipient_model("es")
    if model is None:
        return
    doc = nlp_es("Los maestros marcharon contra el Gobierno y protestaron frente al Ministerio.")
    for trig in doc:
        first = _TriggerFeatures(trig, "PROTEST", None, None, None, w=model.memo()).down_s
        again = _TriggerFeatures(trig, "PROTEST", None, None, None, w=model.memo()).down_s
        deps = _TriggerFeatures(trig, "PROTEST", None, None, None).table.deps
        up = [deps[x] for x in _TriggerFeatures(trig, "PROTEST", None, None, None).down[:_MAX_PATH]]
        assert first == again == tuple("v".join(reversed(up[:k])) for k in range(_MAX_PATH + 1))


def test_a_verb_of_saying_read_from_memory_is_read_as_without(nlp_es):
    from cronica.stages.attribution.lexicon import attribution_lexicon

    lex = attribution_lexicon("es")
    doc = nlp_es("El ministro dijo que los maestros afirmaron, declaró la radio; dichos y dicho.")
    plain = [lex._is_speech(t) for t in doc]
    assert any(plain) and not all(plain)
    assert [lex.is_speech(t) for t in doc] == plain
    assert [lex.is_speech(t) for t in doc] == plain  # the second time from memory


def test_capitalised_and_reporting_words_read_from_memory_as_without(nlp_es):
    from cronica.stages.attribution.lexicon import attribution_lexicon
    from cronica.stages.place import geocoder

    lex = attribution_lexicon("es")
    doc = nlp_es("Según informó EFE, en Quito y en 3M marcharon; ÉL informa, 12 y ¡Ya!")
    for _ in range(2):  # the second round from memory
        assert [geocoder._capitalised(t) for t in doc] == \
            [bool(t.text) and t.text[0].isupper() and any(c.isalpha() for c in t.text) for t in doc]
        assert [lex.is_report(t) for t in doc] == \
            [t.lemma_.lower() in lex.report_lemmas or t.lower_ in lex.report_lemmas for t in doc]
