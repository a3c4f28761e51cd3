"""Branch speed9: reads of the parse kept per document give the answers they gave when read
token by token."""

from __future__ import annotations

import pytest

from cronica.stages.events import modes
from cronica.stages.language.bundle import load_bundle
from cronica.stages.nlp.models import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(load_bundle("es"))


def _tok(doc, text):
    return next(t for t in doc if t.text == text)


def test_a_year_before_the_article_is_past_and_a_later_one_is_not(nlp):
    doc = nlp("Los mineros protestaron en 2011 y volverán a marchar en 2031.")
    assert modes._is_past_year(_tok(doc, "2011"), 2020)
    assert not modes._is_past_year(_tok(doc, "2031"), 2020)
    assert not modes._is_past_year(_tok(doc, "2011"), 2011)  # the article's own year


def test_numbers_that_are_no_four_digit_year_never_count(nlp):
    doc = nlp("Unos 12000 mineros y 850 policías se enfrentaron en la mina.")
    assert not any(modes._is_past_year(t, 2020) for t in doc)
    assert modes._years(doc) == {}


def test_the_years_read_are_those_of_the_document_asked_about(nlp):
    first = nlp("La huelga de 1999 terminó.")
    second = nlp("La huelga terminó ayer.")
    assert modes._years(first) == {3: 1999}
    assert modes._years(second) == {}
    assert not any(modes._is_past_year(t, 2020) for t in second)


def test_the_entities_kept_per_document_are_the_parsers(nlp):
    from cronica.stages.nlp.syntax import entities

    doc = nlp("Amnistía Internacional denunció en Lima que Pedro Castillo fue detenido.")
    got = entities(doc)
    assert [(e.start, e.end, e.label_) for e in got] == [
        (e.start, e.end, e.label_) for e in doc.ents]
    assert entities(doc) is got  # read once per document
    other = nlp("Hola.")
    assert [(e.start, e.end) for e in entities(other)] == [(e.start, e.end) for e in other.ents]
