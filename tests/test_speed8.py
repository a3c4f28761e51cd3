"""Branch speed8: resources found without loading a second copy of a spaCy model, and the
recipient chooser loaded from the language bundle like the other shipped models."""

from __future__ import annotations

import json

import pytest
import spacy

from cronica.stages.events.recipient import NO_RECIPIENT_MODEL_ENV, recipient_model
from cronica.stages.language.bundle import load_bundle, package_data
from cronica.stages.nlp import models


def test_the_model_vocabulary_is_read_without_loading_the_model(monkeypatch):
    loads: list[str] = []
    monkeypatch.setattr(spacy, "load", lambda name, *a, **k: loads.append(name))
    monkeypatch.setattr(models, "_WORDS", {})
    words = models.model_words("es")
    assert loads == []
    assert "manifestación" in words and "bloquear" in words
    # another bundle of the same model shares the set read from disk
    assert models.model_words(load_bundle("es")) is words


def test_the_model_folder_found_without_loading_is_the_folder_spacy_loads_from():
    bundle = load_bundle("es")
    found = models._model_path(bundle)
    loaded = models.load_nlp(bundle).path
    assert found is not None and found == loaded
    assert models._model_path(bundle) == loaded  # the loaded model's own folder, once loaded


def test_the_vocabulary_is_the_model_packages_strings_lower_cased():
    bundle = load_bundle("en")
    path = models._model_path(bundle)
    assert path is not None
    strings = json.loads((path / "vocab" / "strings.json").read_text(encoding="utf-8"))
    assert models.model_words(bundle) == frozenset(s.lower() for s in strings)


def test_a_blank_model_has_no_vocabulary():
    bundle = load_bundle("es")
    bundle.model = "blank:es"
    assert models.model_words(bundle) == frozenset()


def test_the_recipient_chooser_comes_from_the_bundle_and_is_kept_per_bundle(monkeypatch):
    monkeypatch.delenv(NO_RECIPIENT_MODEL_ENV, raising=False)
    bundle = load_bundle("es")
    model = recipient_model(bundle)
    assert model is not None and recipient_model(bundle) is model
    assert recipient_model(bundle, "actor") is not model
    assert recipient_model(load_bundle("en")) is None  # English ships no chooser


def test_the_recipient_chooser_is_switched_off_by_the_env(monkeypatch):
    monkeypatch.setenv(NO_RECIPIENT_MODEL_ENV, "1")
    assert recipient_model(load_bundle("es")) is None


@pytest.mark.parametrize("role", ["recipient", "actor"])
def test_the_shipped_chooser_reads_the_same_weights_as_the_file(role):
    ref = package_data().joinpath("models", f"{role}_es.json")
    data = json.loads(ref.read_text(encoding="utf-8"))
    model = recipient_model(load_bundle("es"), role)
    assert model is not None
    assert model.weights == data["weights"] and model.take == data["take"]


def test_required_strings_are_read_off_the_pattern():
    import re

    from cronica.stages.time.lexicon import required_strings

    assert required_strings(re.compile(r"\bhace\s+(?:dos|tres)\s+días?")) == (
        frozenset({"hace"}), frozenset({"dos", "tres"}), frozenset({"día"}))
    # optional parts, classes and look-arounds require nothing
    assert required_strings(re.compile(r"(?:el\s+)?\d+(?=\s)")) == ()
    # a branch with an alternative that requires nothing leaves no group
    assert required_strings(re.compile(r"(?:enero|\d+)")) == ()
    # a repeat that must occur once requires its content
    assert required_strings(re.compile(r"(?:ab)+c")) == (frozenset({"ab"}), frozenset({"c"}))
    assert required_strings(re.compile(r"hoy", re.IGNORECASE)) == ()


_DATED = [
    "El lunes 3 de marzo de 2025 miles marcharon; ayer hubo otra protesta y mañana habrá más.",
    "En la década de los noventa y a principios de 1999 hubo huelgas durante el primer trimestre.",
    "Hace dos semanas, el día 14, se firmó el acuerdo, vigente hasta el 30 de junio.",
    "Sin fechas aquí: solo 300 manifestantes y 12 detenidos.",
]


@pytest.mark.parametrize("text", _DATED)
def test_the_string_filter_leaves_the_dates_found_unchanged(text):
    from cronica.stages.time.lexicon import build_patterns
    from cronica.stages.time.resolver import find_dates

    bundle = load_bundle("es")
    pats = build_patterns(bundle)
    assert pats.literals["weekday"] and pats.literals["dayonly"] == (frozenset({"día"}),)
    filtered = find_dates(text, bundle, None)
    saved, pats.literals = pats.literals, {}
    try:
        assert find_dates(text, bundle, None) == filtered
    finally:
        pats.literals = saved


def test_every_pattern_match_holds_a_string_of_each_group():
    from cronica.stages.time.lexicon import build_patterns

    for code in ("es", "en"):
        pats = build_patterns(load_bundle(code))
        for text in (t.lower() for t in _DATED + ["On Monday, March 3, 2025, and last week."]):
            for name, rx in pats.patterns:
                for m in rx.finditer(text):
                    for group in pats.literals[name]:
                        assert any(w in m.group() for w in group), (name, m.group(), group)


@pytest.mark.slow
def test_shared_columns_are_the_arrays_spacy_gives(nlp_es, nlp_en):
    import numpy as np
    from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_TITLE, LEMMA, LOWER, MORPH, ORTH, POS

    from cronica.stages.nlp.syntax import token_column, token_rows

    docs = [nlp_es("La policía detuvo ayer en Lima a tres dirigentes de la protesta."),
            nlp_en("Strikers marched on Monday in London."), nlp_es("")]
    for _ in range(2):  # documents asked in turn
        for doc in docs:
            for attr in (ORTH, LOWER, LEMMA, POS, DEP, ENT_TYPE, IS_TITLE, MORPH):
                assert token_column(doc, attr) == doc.to_array(attr).tolist()
            assert token_column(doc, HEAD) == doc.to_array(HEAD).view(np.int64).tolist()
            assert token_column(doc, HEAD) == [t.head.i - t.i for t in doc]
            keys = [LEMMA, ORTH, POS]
            assert token_rows(doc, keys) == [tuple(r) for r in doc.to_array(keys).tolist()]


@pytest.mark.slow
def test_sentence_contexts_from_columns_are_those_read_token_by_token(nlp_es):
    from cronica.stages.events.lexicon import lexicon
    from cronica.stages.events.modes import contexts

    cues = lexicon(load_bundle("es")).cues
    doc = nlp_es("Tras el golpe de Estado, los militares reprimieron la huelga general. "
                 "Las elecciones se celebrarán en medio de la crisis económica.")
    for sent in doc.sents:
        assert contexts(sent, cues) == contexts(list(sent), cues)


@pytest.mark.slow
def test_ouster_nouns_are_the_sentences_nouns_with_an_ouster_lemma(nlp_es):
    from cronica.stages.events.args import _ouster_nouns
    from cronica.stages.events.lexicon import fold, lexicon

    cues = lexicon(load_bundle("es")).cues
    doc = nlp_es("Los maestros marcharon. Exigen la renuncia del ministro y la destitución "
                 "del alcalde. La dimisión llegó ayer.")
    for tok in doc:
        want = [t for t in tok.sent if t.pos_ == "NOUN" and fold(t.lemma_) in cues.ouster]
        assert [t.i for t in _ouster_nouns(tok, cues)] == [t.i for t in want]
    assert any(_ouster_nouns(t, cues) for t in doc)  # the case holds some


@pytest.mark.slow
def test_the_kept_chooser_answers_do_not_cross_articles():
    from cronica.model import Article
    from cronica.pipeline import Pipeline

    texts = [
        "Los maestros marcharon frente al Ministerio de Educación para exigir la renuncia del "
        "ministro. La policía dispersó la protesta y detuvo a tres dirigentes del sindicato.",
        "El gobierno de Chile anunció sanciones contra la empresa minera. Los trabajadores "
        "bloquearon la carretera y atacaron a los guardias de la mina.",
    ]
    arts = [Article(id=f"a{i}", text=t, lang="es", date="2024-05-02") for i, t in enumerate(texts)]
    shared = Pipeline(langs=("es",))
    together = [shared.process(a).to_dict() for a in (*arts, arts[0])]
    for a, got in zip((*arts, arts[0]), together, strict=True):
        assert Pipeline(langs=("es",)).process(a).to_dict() == got
