"""Coups in Spanish and English: the act is a COERCE with no mode and the coup words add the
pro_autocracy context (PLOVER manual, contexts: 'coups'); 'golpe' alone is a blow; 'tomar el
poder' is a coup only with evidence of force; the arrest of the same sentence stays its own
event. Invented sentences."""

from __future__ import annotations

import pytest
from pipeline_helpers import extracted_events

_events = extracted_events


@pytest.mark.slow
@pytest.mark.parametrize("text, lang", [
    ("Los militares dieron un golpe de Estado en Níger.", "es"),
    ("Los rebeldes tomaron el poder por la fuerza tras un golpe de Estado.", "es"),
    ("Los talibanes se hicieron con el poder en Kabul.", "es"),
    ("El ejército derrocó al presidente.", "es"),
    ("The army staged a coup in Niger.", "en"),
])
def test_a_coup_is_coerce_without_mode(text, lang):
    coerce = [e for e in _events(text, lang) if e["event"] == "COERCE"]
    assert coerce and all(e["mode"] is None for e in coerce)


@pytest.mark.slow
def test_golpe_de_estado_cues_the_coup_context():
    (e,) = _events("Los militares dieron un golpe de Estado en Níger.")
    assert "pro_autocracy" in e["context"]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "El presidente electo tomó el poder el 10 de diciembre.",
    "Le dio un golpe en la cabeza.",
])
def test_lawful_takeover_or_a_blow_is_no_coup(text):
    assert not [e for e in _events(text) if e["event"] == "COERCE" or "pro_autocracy" in e["context"]]


@pytest.mark.slow
@pytest.mark.parametrize("text, lang", [
    ("The army seized power in a coup and arrested the president.", "en"),
    ("Los militares tomaron el poder y detuvieron al presidente.", "es"),
])
def test_the_arrest_stays_apart_from_the_coup(text, lang):
    coerce = [e for e in _events(text, lang) if e["event"] == "COERCE"]
    assert sorted(str(e["mode"]) for e in coerce) == ["None", "arrest"]


@pytest.mark.slow
def test_a_coup_and_an_arrest_across_sentences_stay_two_events():
    events = _events("Militares toman el poder y detienen al presidente\n\nUn grupo de oficiales dio"
                     " este martes un golpe de Estado y detuvo al presidente del país.")
    coerce = [e for e in events if e["event"] == "COERCE"]
    assert sorted(str(e["mode"]) for e in coerce) == ["None", "arrest"]
    coup = next(e for e in coerce if e["mode"] is None)
    assert "detuvo" not in [m["text"] for m in coup["mentions"]]


@pytest.mark.slow
def test_the_words_of_golpe_de_estado_are_no_recipient():
    (e,) = _events("Los militares dieron un golpe de Estado en Níger.")
    assert e["recipient"] is None
