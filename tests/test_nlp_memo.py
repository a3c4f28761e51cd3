"""The memoised lemmatizer and attribute ruler give the shipped components' output, token
for token."""

from __future__ import annotations

import pytest
from spacy.attrs import LEMMA, MORPH, POS, TAG

from cronica.stages.nlp import memo

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
    with memo.shipped(nlp):
        return [[t.lemma_ for t in doc] for doc in nlp.pipe(texts)]


@pytest.mark.parametrize("lang, texts", [("es", TEXTS_ES), ("en", TEXTS_EN)])
def test_same_lemmas_as_the_shipped_lemmatizer(request, lang, texts):
    nlp = request.getfixturevalue(f"nlp_{lang}")
    assert memo.LEMMATIZER[0] in nlp.pipe_names
    assert memo.LEMMATIZER[1] not in nlp.pipe_names
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
    with memo.shipped(nlp_es):
        for original in (memo.LEMMATIZER[1], memo.RULER[1]):
            assert original in nlp_es.pipe_names
        for memoised in (memo.LEMMATIZER[0], memo.RULER[0]):
            assert memoised not in nlp_es.pipe_names
    assert nlp_es.pipe_names == before


def test_a_preset_lemma_is_kept(nlp_es):
    lemmatizer = nlp_es.get_pipe(memo.LEMMATIZER[0])
    doc = nlp_es("Los obreros protestaron.")
    doc2 = nlp_es.make_doc("Los obreros protestaron.")
    for a, b in zip(doc, doc2, strict=True):
        b.pos = a.pos
        b.morph = a.morph
    doc2[1].lemma_ = "puesto-a-mano"
    lemmatizer(doc2)
    assert doc2[1].lemma_ == "puesto-a-mano"
    assert doc2[2].lemma_ == doc[2].lemma_


def test_install_is_idempotent_and_skips_pipelines_without_a_rule_lemmatizer(nlp_es):
    import spacy

    names = list(nlp_es.pipe_names)
    assert memo.install(nlp_es).pipe_names == names
    blank = spacy.blank("es")
    blank.add_pipe("sentencizer")
    assert memo.install(blank).pipe_names == ["sentencizer"]


def _columns(docs) -> list[list[list[int]]]:
    return [doc.to_array([TAG, POS, MORPH, LEMMA]).tolist() for doc in docs]


def test_the_spanish_ruler_is_memoised_with_the_same_tags_and_spaces(nlp_es):
    assert memo.RULER[0] in nlp_es.pipe_names
    texts = TEXTS_ES + ["Dos  espacios.\n\n  Y una\tlínea con tabulador. \n", "\n", " "]
    with memo.shipped(nlp_es):
        expected = _columns(nlp_es.pipe(texts))
    for _ in range(2):
        assert _columns(nlp_es.pipe(texts)) == expected
    spaces = nlp_es("Dos  espacios.\n\nFin.")
    assert [t.tag_ for t in spaces if t.is_space] == ["SPACE", "SPACE"]


def test_a_ruler_with_multi_token_patterns_is_kept_as_shipped(nlp_en):
    # the English model's ruler has patterns over two tokens ('gon na'): not memoised
    assert memo.ruler_columns(nlp_en.get_pipe("attribute_ruler")) is None
    assert memo.RULER[0] not in nlp_en.pipe_names
    assert "attribute_ruler" in nlp_en.pipe_names


def test_ruler_columns_reads_one_token_patterns(nlp_es):
    from spacy.attrs import IS_SPACE

    reads, writes = memo.ruler_columns(nlp_es.get_pipe("attribute_ruler"))
    assert set(reads) == {POS, IS_SPACE}
    assert TAG in writes and MORPH in writes
