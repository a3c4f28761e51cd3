"""Event places an analyst expects (branch polish7): the seat of a court or police named in
the actor's own phrase is a place of its sentence, and a country named as a party to an act
is no location."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _extract(text: str, lang: str = "es") -> dict:
    from cronica.pipeline import extract

    return extract(text, lang=lang, date="2025-03-14")


def test_court_of_a_city_places_its_sentence():
    out = _extract("Un tribunal de Túnez condenó este lunes a tres años de prisión al líder "
                   "opositor.\n\nLa Unión Europea y Francia criticaron la sentencia. En "
                   "Argelia, la prensa informó del caso.")
    ev = next(e for e in out["events"] if e["trigger"]["text"] == "condenó")
    assert ev["event_loc"]["country"] == "TUN"
    assert ev["event_loc"]["source"] == "sentence"


def test_a_locative_place_still_comes_first():
    out = _extract("La policía de Quito detuvo el lunes a diez estudiantes en Guayaquil.")
    ev = next(e for e in out["events"] if e["trigger"]["text"] == "detuvo")
    assert ev["event_loc"]["name"] == "Guayaquil"


def test_country_named_as_a_party_is_no_location():
    out = _extract("La Unión Europea y Francia criticaron la sentencia.")
    ev = next(e for e in out["events"] if e["trigger"]["text"] == "criticaron")
    assert (ev["event_loc"] or {}).get("country") != "FRA"


def test_recipient_state_of_an_embedded_act_is_no_location():
    out = _extract("El gobierno amenazó este martes con imponer sanciones adicionales a Irán.")
    ev = next(e for e in out["events"] if e["event"] == "THREATEN")
    assert (ev["event_loc"] or {}).get("country") != "IRN"


def test_countries_of_a_ceasefire_are_no_location():
    out = _extract("A ceasefire between Thailand and Cambodia collapsed on Tuesday when troops "
                   "exchanged artillery fire along the border.", lang="en")
    for ev in out["events"]:
        assert (ev["event_loc"] or {}).get("country") not in ("THA", "KHM")


def test_the_country_a_visit_goes_to_is_its_place():
    out = _extract("El ministro español viajará mañana a Guatemala, donde se reunirá con el "
                   "presidente.")
    ev = next(e for e in out["events"] if e["event"] == "CONSULT")
    assert ev["event_loc"]["country"] == "GTM"
