"""The memoised lemmatizer gives the shipped lemmatizer's lemmas, token for token."""

from __future__ import annotations

import pytest

from cronica.stages.nlp import lemmas

TEXTS_ES = [
    "Los maestros marcharon el jueves hacia el Ministerio de Educación.",
    "La policía detuvo a tres dirigentes sindicales y los trasladó a la capital.",
    "En Lima, los mineros anunciaron que bloquearán las carreteras si no hay acuerdo.",
    "Según fuentes oficiales, los enfrentamientos dejaron doce heridos.",
    "Y los maestros volvieron a marchar. Y la policía los dispersó con gases.",
]
TEXTS_EN = [
    "Protesters marched on parliament on Thursday and were dispersed by police.",
    "The rebels said they had seized two towns and would attack the capital.",
]


def _shipped_lemmas(nlp, texts: list[str]) -> list[list[str]]:
    with lemmas.shipped(nlp):
        return [[t.lemma_ for t in doc] for doc in nlp.pipe(texts)]


@pytest.mark.parametrize("lang, texts", [("es", TEXTS_ES), ("en", TEXTS_EN)])
def test_same_lemmas_as_the_shipped_lemmatizer(request, lang, texts):
    nlp = request.getfixturevalue(f"nlp_{lang}")
    assert lemmas.COMPONENT in nlp.pipe_names
    assert lemmas.SHIPPED not in nlp.pipe_names
    expected = _shipped_lemmas(nlp, texts)
    # twice: once filling the memory, once reading it
    for _ in range(2):
        got = [[t.lemma_ for t in doc] for doc in nlp.pipe(texts)]
        assert got == expected


def test_sentence_start_is_part_of_the_key(nlp_es):
    # the Spanish rule lemmatizer lower-cases a closed-class word that opens a sentence and
    # keeps the case elsewhere; one memory entry per (form, POS, morphology) would mix them
    texts = ["Y entonces marcharon.", "Dijo Y entonces se fue."]
    got = [[t.lemma_ for t in doc] for doc in nlp_es.pipe(texts)]
    assert got == _shipped_lemmas(nlp_es, texts)
    assert got[0][0] == "y"


def test_shipped_block_swaps_and_restores(nlp_es):
    before = list(nlp_es.pipe_names)
    with lemmas.shipped(nlp_es):
        assert lemmas.SHIPPED in nlp_es.pipe_names
        assert lemmas.COMPONENT not in nlp_es.pipe_names
    assert nlp_es.pipe_names == before


def test_a_preset_lemma_is_kept(nlp_es):
    memo = nlp_es.get_pipe(lemmas.COMPONENT)
    doc = nlp_es("Los obreros protestaron.")
    doc2 = nlp_es.make_doc("Los obreros protestaron.")
    for a, b in zip(doc, doc2, strict=True):
        b.pos = a.pos
        b.morph = a.morph
    doc2[1].lemma_ = "puesto-a-mano"
    memo(doc2)
    assert doc2[1].lemma_ == "puesto-a-mano"
    assert doc2[2].lemma_ == doc[2].lemma_


def test_install_is_idempotent_and_skips_pipelines_without_a_rule_lemmatizer(nlp_es):
    import spacy

    names = list(nlp_es.pipe_names)
    assert lemmas.install(nlp_es).pipe_names == names
    blank = spacy.blank("es")
    blank.add_pipe("sentencizer")
    assert lemmas.install(blank).pipe_names == ["sentencizer"]
