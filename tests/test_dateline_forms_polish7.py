"""Dateline forms of Latin American and Spanish press (branch polish7): a dateline is never
an actor and gives the country of unnamed police or governments."""

from __future__ import annotations

import pytest

from cronica.read.dateline import find_dateline


@pytest.mark.parametrize("text, place", [
    ("SAN JOSÉ.- La policía detuvo a diez estudiantes.", "SAN JOSÉ."),
    ("CIUDAD DE MÉXICO.- El gobierno anunció un plan.", "CIUDAD DE MÉXICO."),
    ("Bogotá, 14 de marzo de 2025 (EFE). La policía detuvo a diez estudiantes.", "Bogotá"),
])
def test_new_forms(text, place):
    m = find_dateline(text)
    assert m is not None and m.group("place") == place


@pytest.mark.parametrize("text", [
    "Ayer (lunes). La policía detuvo a diez estudiantes.",
    "Pedro Castillo (Perú). El expresidente fue condenado.",
    "LA POLICÍA DETUVO A DIEZ.",
])
def test_not_datelines(text):
    assert find_dateline(text) is None


@pytest.mark.slow
def test_upper_case_dateline_gives_the_police_country():
    from cronica.pipeline import extract

    out = extract("SAN JOSÉ.- La policía detuvo este lunes a diez estudiantes.", lang="es",
                  date="2025-03-14")
    ev = next(e for e in out["events"] if e["event"] == "COERCE")
    assert ev["actor_country"] == "CRI" and ev["actor_country_source"] == "dateline"
    assert all("SAN JOS" not in a["span"]["text"] for a in out["actors"])
