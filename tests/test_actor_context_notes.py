"""Case notes that end with 'DEPARTAMENTO , MUNICIPIO': the place read inside its area, and
an armed group (an organised body) coded with that country where armed men are not.
Short invented sentences."""

from __future__ import annotations

import pytest


def _pipe(text: str) -> object:
    from cronica.model import Article
    from cronica.pipeline import Pipeline

    p = Pipeline(only=("actors", "events", "place", "actor_context"))
    return next(iter(p.pipe([Article(id="t", text=text, lang="es")])))


@pytest.mark.slow
def test_an_area_then_a_place_it_holds():
    adoc = _pipe("Desconocidos quemaron una finca en la vereda El Roble , ANTIOQUIA , SAN CARLOS")
    places = {p.span.text: p.country for p in adoc.places}
    assert places.get("ANTIOQUIA") == "COL" and places.get("SAN CARLOS") == "COL"


@pytest.mark.slow
def test_an_armed_group_takes_the_country_armed_men_do_not():
    text = "Miembros de un grupo armado asesinaron a un tendero , ANTIOQUIA , SAN CARLOS"
    group = next(m for m in _pipe(text).actors if m.span.text.startswith("Miembros"))
    assert group.code == "COLUAF" and group.country_source == "place"
    adoc = _pipe("Hombres armados asesinaron a un tendero , ANTIOQUIA , SAN CARLOS")
    men = next(m for m in adoc.actors if m.span.text.startswith("Hombres"))
    assert men.code == "UAF" and not men.country  # individuals, not a body of the country
    event = next(e for e in adoc.events if e.event == "ASSAULT")
    assert event.actor.country == "COL"  # the event still places them


@pytest.mark.parametrize("text,place", [
    ("PROTESTA EN EL PUERTO\r\n\r\nLIMA, Jun 17\r\n\r\nLos estibadores pararon.", "LIMA"),
    ("Titular de la nota\r\n\r\nPor Ana Gil;\r\n\r\nATENCION - Repite con detalles ///\r\n"
     "=(FOTOS)=\r\nQUITO, Jun 7 (AFP) - El gobierno dijo.", "QUITO"),
])
def test_agency_datelines_with_crlf_and_service_lines(text, place):
    from cronica.read.dateline import find_dateline

    m = find_dateline(text)
    assert m is not None and m.group("place") == place


def _protest(text: str) -> dict:
    from cronica.pipeline import extract

    out = extract(text, lang="es", date="2024-03-03")
    return next(e for e in out["events"] if e["event"] == "PROTEST")


@pytest.mark.slow
def test_a_protest_in_front_of_an_institution_addresses_it():
    e = _protest("Unos cien docentes protestaron frente al Ministerio de Educación.")
    assert e["recipient"] and "Ministerio" in e["recipient"]["text"]
    e = _protest("Los vecinos hicieron una protesta delante de la embajada.")
    assert "vecinos" in e["actor"]["text"] and "embajada" in e["recipient"]["text"]
    assert _protest("Los mineros marcharon frente a la lluvia.")["recipient"] is None


@pytest.mark.slow
def test_a_protest_demanding_a_resignation_is_aimed_at_that_person():
    e = _protest("Miles de personas marcharon en la capital para pedir la dimisión del ministro.")
    assert e["recipient"] and "ministro" in e["recipient"]["text"]
    # a release demanded names a captive, not a target
    e = _protest("Miles de personas marcharon en la capital para pedir la liberación del periodista.")
    assert not (e["recipient"] and "periodista" in e["recipient"]["text"])
