"""Faults found by reading whole invented articles as an analyst would: a headline's event
joins the lead's report of it, not a background one of the same type; a threat is made even
when its content has a condition. Invented texts."""

from __future__ import annotations

from functools import partial

import pytest
from pipeline_helpers import extracted_events

_events = partial(extracted_events, date="2025-03-04")


_SENTENCE = (
    "Condenan a diez años de prisión al líder opositor Juan Pérez\n\n"
    "Un tribunal de Caracas condenó este martes a diez años de prisión al líder opositor Juan"
    " Pérez, informó su abogado.\n\n"
    "Pérez ya había sido condenado a dos años de cárcel en 2019."
)


@pytest.mark.slow
def test_the_headline_joins_the_leads_event():
    events = [e for e in _events(_SENTENCE) if e["event"] == "COERCE"]
    lead = next(e for e in events if "Condenan a" in [m["text"] for m in e["mentions"]])
    assert lead["aux_mode"] is None and lead["actor"] is not None


@pytest.mark.slow
@pytest.mark.parametrize("text, lang", [
    ("La UE amenaza a Rusia con sanciones adicionales si no cesan los ataques.", "es"),
    ("The EU threatened Russia with further sanctions if the attacks continue.", "en"),
])
def test_a_conditional_threat_is_made(text, lang):
    events = _events(text, lang)
    (threat,) = [e for e in events if e["event"] == "THREATEN"]
    assert threat["aux_mode"] is None
    assert any(e["event"] == "SANCTION" and e["aux_mode"] == "hypothetical" for e in events)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Thailand recalled its ambassador from the capital.",
    "Bolivia severed ties with its neighbour.",
])
def test_reducing_diplomatic_relations_is_a_sanction(text):
    assert ("SANCTION", "withdraw") in [(e["event"], e["mode"]) for e in _events(text, "en")]


@pytest.mark.slow
@pytest.mark.parametrize("text, lang", [
    ("The released soldiers had returned home.", "en"),
    ("Los soldados liberados regresaron a sus casas.", "es"),
])
def test_freed_soldiers_going_home_make_no_military_move(text, lang):
    assert not [e for e in _events(text, lang) if e["event"] == "MOBILIZE"]


@pytest.mark.slow
def test_troops_returning_stay_a_military_move():
    assert any(e["event"] == "MOBILIZE" for e in _events("Las tropas regresaron a Irak."))


@pytest.mark.slow
def test_an_opposition_activist_is_opposition():
    from cronica.pipeline import extract

    actors = extract("A court sentenced opposition activist Ivan Petrov to eight years.",
                     lang="en", date="2025-03-04")["actors"]
    assert any(a["span"]["text"].startswith("opposition activist") and a["code"] == "OPP"
               for a in actors)
