"""Armed forces returning to a country make a military move short of force (PLOVER manual,
MOBILIZE, mode troops); anyone else's return, 'volver a' + infinitive ('again') and a
transitive 'return' ('returned fire') are no move. Who returns was there before: unnamed
troops returning take the country of the forces that left. Invented sentences."""

from __future__ import annotations

import pytest
from pipeline_helpers import extracted_events

_events = extracted_events


def _moves(text: str, lang: str = "es") -> list[dict]:
    return [e for e in _events(text, lang) if e["event"] == "MOBILIZE"]


@pytest.mark.slow
@pytest.mark.parametrize("text, lang", [
    ("Miles de soldados regresaron a Siria en 2017.", "es"),
    ("El regreso de las tropas rusas a Bielorrusia preocupa a Polonia.", "es"),
    ("Hundreds of US troops returned to Syria in 2017.", "en"),
    ("The return of Russian troops to Belarus worries Poland.", "en"),
])
def test_troops_returning_are_a_deployment(text, lang):
    (move,) = _moves(text, lang)
    assert move["mode"] == "troops" and (move["actor"]["code"] or "").endswith("MIL")


@pytest.mark.slow
@pytest.mark.parametrize("text, lang", [
    ("El presidente regresó a Lima tras su gira por Europa.", "es"),
    ("Cientos de refugiados regresaron a sus hogares.", "es"),
    ("Los soldados volvieron a atacar la aldea.", "es"),  # 'again'
    ("El ministro de Defensa volvió a Madrid.", "es"),
    ("The police returned fire and killed two gunmen.", "en"),  # transitive
    ("The president returned to Lima after a tour of Europe.", "en"),
])
def test_other_returns_are_no_move(text, lang):
    assert _moves(text, lang) == []


@pytest.mark.slow
def test_troops_returning_take_the_country_of_the_forces_that_left():
    (move,) = _moves("Las fuerzas estadounidenses se marcharon de Siria en 2015, pero miles de "
                     "soldados regresaron en 2017 para combatir a los yihadistas.")
    assert move["actor"]["code"] == "USAMIL"
    assert move["actor_country"] == "USA"
