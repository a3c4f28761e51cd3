"""speed12: cheaper reads with the same answers (docs/benchmarks.md, speed12)."""

from __future__ import annotations

import numpy as np

from cronica.stages.language.fold import fold
from cronica.stages.nlp import syntax


def test_folded_lemma_and_form_are_the_fold_of_the_tokens_strings(nlp_es):
    doc = nlp_es("ÉXITO: los Docentes marcharon AYER frente al Ministerio; Año 2024, árbol.")
    for _ in range(2):  # the second round reads every answer from memory
        for t in doc:
            assert syntax.folded_lemma(t) == fold(t.lemma_)
            assert syntax.folded_form(t) == fold(t.text)


def test_a_lemma_written_later_is_read_by_its_new_hash(nlp_es):
    doc = nlp_es("Los campesinos bloquearon la ruta.")
    tok = doc[2]
    before = syntax.folded_lemma(tok)
    tok.lemma_ = "Cortár"
    assert syntax.folded_lemma(tok) == "cortar" != before


def test_the_folded_memory_is_bounded(nlp_es, monkeypatch):
    monkeypatch.setattr(syntax, "_FOLDED", {k: "x" for k in range(5)})
    monkeypatch.setattr(syntax, "_MAX_FOLDED", 3)
    tok = nlp_es("Marcharon.")[0]
    assert syntax.folded_form(tok) == "marcharon"
    assert len(syntax._FOLDED) == 1  # cleared, then the one new word


def _fixed_phrase_by_every_phrase(lex, doc, i):
    """The non-event phrase test as it read every listed phrase (before speed12)."""
    key, form = fold(doc[i].lemma_), fold(doc[i].text)
    for phrase in lex.cues.not_event:
        for k, word in enumerate(phrase):
            if word not in (key, form) or i - k < 0 or i - k + len(phrase) > len(doc):
                continue
            window = doc[i - k : i - k + len(phrase)]
            if all(w in (fold(t.text), fold(t.lemma_)) for w, t in zip(phrase, window, strict=True)):
                return True
    return False


def test_a_fixed_phrase_is_found_through_the_index_as_through_every_phrase(nlp_es):
    from cronica.stages.events.lexicon import lexicon

    lex = lexicon("es")
    doc = nlp_es("De acuerdo a los sindicatos, la huelga sigue; de acuerdo con el acuerdo, "
                 "marcharon de nuevo. Acuerdo a dos. de")
    got = [lex._in_fixed_phrase(doc, i) for i in range(len(doc))]
    assert got == [_fixed_phrase_by_every_phrase(lex, doc, i) for i in range(len(doc))]


def test_the_fixed_phrase_index_follows_a_changed_phrase_list(nlp_es, monkeypatch):
    from cronica.stages.events.lexicon import lexicon

    lex = lexicon("es")
    doc = nlp_es("Los vecinos tocaron cacerolas en la plaza.")
    assert not any(lex._in_fixed_phrase(doc, i) for i in range(len(doc)))
    monkeypatch.setattr(lex.cues, "not_event", [*lex.cues.not_event, ("tocar", "cacerola")])
    assert lex._in_fixed_phrase(doc, 2) and lex._in_fixed_phrase(doc, 3)
    assert not lex._in_fixed_phrase(doc, 4)
    monkeypatch.undo()
    assert not lex._in_fixed_phrase(doc, 2)


def test_the_shared_token_list_and_columns_follow_the_document_asked(nlp_es):
    from spacy.attrs import HEAD, LEMMA

    a = nlp_es("Los mineros marcharon.")
    b = nlp_es("Hubo dos huelgas en la capital.")
    for doc in (a, b, a, b):
        toks = syntax.tokens_of(doc)
        assert [t.i for t in toks] == list(range(len(doc))) and all(t.doc is doc for t in toks)
        assert syntax.tokens_of(doc) is toks  # kept while the document is the one asked
        assert syntax.token_column(doc, LEMMA) == doc.to_array(LEMMA).tolist()
        assert syntax.token_column(doc, HEAD) == [t.head.i - t.i for t in doc]
    store = syntax.doc_cache(a, "test.speed12")
    assert syntax.doc_cache(a, "test.speed12") is store and store == {}
    syntax.forget_columns(a)  # a repair of the parse: the columns are read again
    assert syntax.token_column(a, LEMMA) == a.to_array(LEMMA).tolist()


def test_the_short_text_decision_reads_the_rule_score_as_append_did(nlp_es):
    from cronica.model import Article, ArticleDoc
    from cronica.stages.events.learned import LearnedLayer, event_model, sentence_features
    from cronica.stages.events.rule_evidence import facts_of, rule_names
    from cronica.stages.nlp.models import add_sentences

    model = event_model("es")
    assert model is not None and model.rule_coef is not None
    for text in ["Cientos de docentes marcharon ayer en Lima.", "Llovió en la sierra."]:
        adoc = ArticleDoc(article=Article(id="t", text=text, lang="es"), lang="es")
        adoc.doc = nlp_es(text)
        add_sentences(adoc)
        LearnedLayer(model, embedder=lambda _t: None).apply(adoc, [], lambda *_a: None)
        feats = sentence_features(model.score(text), [])
        rule = model.rule_score(rule_names(facts_of(adoc, []), len(adoc.doc)))
        want = model.sentence_decision(np.append(feats, np.float32(rule)))
        assert adoc.contentious == want


def test_sentence_contexts_follow_the_cues_asked(nlp_es):
    from dataclasses import replace

    from cronica.stages.events.lexicon import lexicon
    from cronica.stages.events.modes import contexts

    cues = lexicon("es").cues
    doc = nlp_es("Tras el golpe de Estado, los militares reprimieron la huelga general.")
    sent = doc[:]
    first = contexts(sent, cues)
    assert first == contexts(list(sent), cues) == contexts(sent, cues)
    other = replace(cues, context={"militar": "test-ctx"}, context_phrases={})
    assert contexts(sent, other) == ["test-ctx"] == contexts(list(sent), other)
    assert contexts(sent, cues) == first


def test_a_folded_string_read_by_its_hash_is_the_fold_of_the_string(nlp_es):
    from spacy.attrs import LEMMA, ORTH

    doc = nlp_es("Exigieron la RENUNCIA del ministro y la destitución del alcalde.")
    strings = doc.vocab.strings
    for attr in (LEMMA, ORTH):
        for key in syntax.token_column(doc, attr):
            assert syntax.folded_string(key, strings) == fold(strings[key])


def test_the_actor_linker_reads_folded_words_as_normalize_did(nlp_es):
    from cronica.stages.actors.lexicon import normalize

    doc = nlp_es("Las milicias respaldadas por Rusia atacaron en Járkov según el Ejército ucraniano.")
    for t in doc:
        assert syntax.folded_form(t) == normalize(t.text)
        assert syntax.folded_lemma(t) == normalize(t.lemma_)
