"""Caches added for speed give the answers of the slow reads they replace: the morphology
feature cache (``syntax.morph_get``), the per-document children table
(``syntax.children_of``) and the event coder's memory of tokens that start no
trigger (``Lexicon.starts_nothing``)."""

import numpy as np
import pytest

from cronica.stages.events.coder import EventCoder
from cronica.stages.events.learned import N_FEATURES
from cronica.stages.events.lexicon import lexicon
from cronica.stages.nlp.syntax import children_of, morph_get

pytestmark = pytest.mark.slow

_FIELDS = ("Tense", "Mood", "VerbForm", "PronType", "Number", "Person", "Definite", "Reflex",
           "Poss", "NoSuchFeature")


def test_morph_get_reads_what_morph_get_of_spacy_reads(nlp_es, nlp_en):
    docs = [
        nlp_es("Los obreros marcharán mañana si el gobierno no les paga, y se quejaron."),
        nlp_es("¿Quién dijo que habrían protestado ellos mismos?"),
        nlp_en("The strikers had been marching since Monday, which they said would go on."),
    ]
    for doc in docs:
        for tok in doc:
            for name in _FIELDS:
                assert list(morph_get(tok, name)) == tok.morph.get(name)


def test_morph_get_splits_multiple_values(nlp_es):
    doc = nlp_es("¿Quién protestó?")
    for tok in doc:
        joined = tok.morph.to_dict().get("PronType")
        if joined and "," in joined:
            assert morph_get(tok, "PronType") == tuple(joined.split(","))


def test_a_token_that_starts_nothing_matches_nothing_in_any_sentence(nlp_es):
    lex = lexicon("es")
    texts = [
        "Los vecinos marcharon hacia la plaza central.",
        "La mesa de la cocina es de madera y la silla también.",
        "Los docentes realizaron una huelga y bloquearon la ruta.",
    ]
    for doc in map(nlp_es, texts):
        for tok in doc:
            if lex.starts_nothing(tok):
                assert lex.match(doc, tok.i) is None


def test_trigger_words_are_found_again_after_other_sentences_filled_the_memory(nlp_es):
    coder = EventCoder("es")
    first = nlp_es("La mesa de la cocina es de madera y los vecinos comen allí.")
    assert coder.find_triggers(first) == []
    assert coder._no_trigger  # the plain words were remembered
    doc = nlp_es("Los vecinos marcharon hacia la plaza central.")
    fresh = EventCoder("es")
    assert [m.start for m in coder.find_triggers(doc)] == [m.start for m in fresh.find_triggers(doc)]
    assert any(doc[m.head].lemma_ == "marchar" for m in coder.find_triggers(doc))


def test_id_array_holds_the_features_of_ids():
    from collections import Counter

    from cronica.stages.events.learned import _ids, id_array, vectorise

    idf = np.linspace(0.5, 2.0, N_FEATURES, dtype=np.float32)
    for text in ["Los MAESTROS marcharon el 12 de marzo en Quito.", "huelga", "", " ... "]:
        assert Counter(id_array(text).tolist()) == Counter(_ids(text))
        a, b = vectorise(text, idf), vectorise(id_array(text), idf)
        assert a[0].tolist() == b[0].tolist() and a[1].tolist() == b[1].tolist()


def test_children_of_gives_the_children_spacy_gives_in_every_document_asked_in_turn(nlp_es, nlp_en):
    docs = [
        nlp_es("Los obreros marcharán mañana si el gobierno no les paga, y se quejaron."),
        nlp_en("The strikers had been marching since Monday, which they said would go on."),
        nlp_es("Hola."),
    ]
    for _ in range(2):  # each document again after the others replaced the table
        for doc in docs:
            for tok in doc:
                assert [c.i for c in children_of(tok)] == [c.i for c in tok.children]
                assert all(c.doc is doc for c in children_of(tok))
    span = docs[0][2:6]
    assert [c.i for c in children_of(span[0])] == [c.i for c in span[0].children]


@pytest.mark.parametrize("ids", [[5], [3, 3, 3], [9, 1, 9, 4, 1, 9], list(range(50, 0, -3)) * 3])
def test_feature_counts_are_those_of_numpy_unique(ids):
    from cronica.stages.events.learned import _counted

    arr = np.array(ids, dtype=np.int64)
    got, want = _counted(arr), np.unique(arr, return_counts=True)
    for a, b in zip(got, want, strict=True):
        assert a.dtype == b.dtype and a.tolist() == b.tolist()


def test_a_document_store_is_kept_for_its_document_only(nlp_es):
    from cronica.stages.nlp.syntax import doc_cache

    one, two = nlp_es("Los obreros marcharon."), nlp_es("El gobierno negoció.")
    doc_cache(one, "test")[0] = "one"
    assert doc_cache(one, "test") == {0: "one"}
    assert doc_cache(one, "other") == {}
    assert doc_cache(two, "test") == {}  # another document: fresh stores
    assert doc_cache(one, "test") == {}  # and the first one's answers are gone, not reused


def test_speech_tokens_are_those_is_speech_accepts_also_from_memory(nlp_es):
    from cronica.stages.attribution.attributor import attribution_lexicon

    lex = attribution_lexicon("es")
    texts = ["El ministro dijo que los obreros marcharán, según afirmó la agencia.",
             "Los dichos del ministro fueron dichos ayer; declaró y aseguró que sí."]
    for _ in range(2):  # the second round answers from the memory
        for doc in map(nlp_es, texts):
            assert lex.speech_indices(doc) == [t.i for t in doc if lex.is_speech(t)]


def test_sentence_contexts_from_the_span_are_those_read_token_by_token(nlp_es):
    from cronica.stages.events.lexicon import lexicon
    from cronica.stages.events.modes import contexts

    cues = lexicon("es").cues
    doc = nlp_es("Los manifestantes exigieron elecciones libres. Los rebeldes atacaron un cuartel "
                 "militar y la policía detuvo a periodistas de la oposición.")
    for _ in range(2):  # the second time from the memory
        for sent in doc.sents:
            assert contexts(sent, cues) == contexts(list(sent), cues)


def test_support_verbs_found_by_their_first_word_are_those_every_pattern_finds(nlp_es, nlp_en):
    from cronica.stages.events.lexicon import _inflects, _match_rest

    for lang, nlp, text in (
        ("es", nlp_es, "Los obreros realizaron una huelga y llevaron a cabo un paro que convocaron."),
        ("en", nlp_en, "The unions staged a strike and held talks; they carried out raids."),
    ):
        lex = lexicon(lang)
        doc = nlp(text)
        for tok in doc:
            lemma, form = tok.lemma_.lower(), tok.text.lower()
            slow = any((lemma == p[0] or _inflects(form, p[0])) and _match_rest(doc, tok.i, p)
                       is not None for p in lex.light_patterns)
            assert lex.is_light(doc, tok.i) == slow


def test_speech_candidates_hold_every_speech_verb(nlp_es):
    coder = EventCoder("es")
    doc = nlp_es("El ministro dijo que los obreros deben volver. Afirmó y aseguró que no habrá paro.")
    candidates = coder._speech_candidates(doc)
    assert [t.i for t in doc if coder._is_speech(t)] == [i for i in candidates if coder._is_speech(doc[i])]
    assert len(candidates) < len(doc)


def test_sentence_of_gives_the_sentence_spacy_gives(nlp_es, nlp_en):
    from cronica.stages.nlp.syntax import sentence_of

    docs = [nlp_es("Los obreros marcharon. El gobierno negoció con ellos; luego dijo que sí."),
            nlp_en("Strikers marched. Police said nothing."), nlp_es("Hola")]
    for _ in range(2):
        for doc in docs:
            for tok in doc:
                got, want = sentence_of(tok), tok.sent
                assert (got.start, got.end) == (want.start, want.end)
