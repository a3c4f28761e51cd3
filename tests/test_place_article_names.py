"""A capitalised article that is part of a place's name ('El Fasher', 'La Habana') stays in
the name the gazetteer looks up; an article the NER took in ('la Franja de Gaza') is dropped.
Invented sentences."""

from __future__ import annotations

import pytest


def _places(text: str) -> list[tuple[str, str]]:
    from cronica.pipeline import extract

    return [(p["span"]["text"], p["country"]) for p in extract(text, lang="es", date="2024-03-03")["places"]]


@pytest.mark.slow
@pytest.mark.parametrize("text, place", [
    ("Las milicias atacaron El Fasher.", ("El Fasher", "SDN")),
    ("Los combates se extendieron a El Fasher, en Darfur.", ("El Fasher", "SDN")),
    ("Protestaron en La Habana.", ("La Habana", "CUB")),
    ("El ministro viajó a El Cairo.", ("El Cairo", "EGY")),
])
def test_a_name_with_its_article(text, place):
    assert place in _places(text)


@pytest.mark.slow
def test_an_article_the_ner_took_in_is_dropped():
    assert ("Franja de Gaza", "PSE") in _places("Los bombardeos en la Franja de Gaza siguen.")
