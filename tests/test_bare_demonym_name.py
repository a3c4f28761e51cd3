"""A bare capitalised demonym in a nominal role inside a sentence ('Ayer, Alemán dijo') is a
surname, not a nationality, in a language that writes demonyms in lower case (Spanish): a
person of a country needs a determiner ('el alemán'), a people is plural, a demonym before a
noun is an adjective. English writes every demonym capitalised, and notes write 'Russian
shelled' for Russian forces, so it keeps the nationality. Invented sentences."""

from __future__ import annotations

import pytest


def _actors(text: str, lang: str) -> dict[str, tuple[str, str]]:
    from cronica.pipeline import extract

    return {a["span"]["text"]: (a["code"], a["kind"])
            for a in extract(text, lang=lang, date="2024-03-03")["actors"]}


@pytest.mark.slow
@pytest.mark.parametrize("text, lang, name", [
    ("Ayer, Alemán dijo que el gobierno no cederá.", "es", "Alemán"),
    ("Ayer, Francés acusó al ministro.", "es", "Francés"),
])
def test_bare_demonym_is_a_name(text, lang, name):
    code, kind = _actors(text, lang)[name]
    assert kind == "person" and code[:3] not in ("DEU", "FRA")


@pytest.mark.slow
@pytest.mark.parametrize("text, lang, span, code", [
    ("El alemán fue detenido en la frontera.", "es", "alemán", "DEU"),
    ("Las tropas alemanas llegaron a la frontera.", "es", "Las tropas alemanas", "DEUMIL"),
    ("A German was arrested at the border.", "en", "German", "DEU"),
    ("German troops arrived at the border.", "en", "German troops", "DEUMIL"),
    ("On 3 May, Russian shelled the positions near the town.", "en", "Russian", "RUS"),
])
def test_demonyms_of_people_stay_nationalities(text, lang, span, code):
    assert _actors(text, lang)[span][0] == code
