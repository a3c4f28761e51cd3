"""Lead, ninth round: faults found on unannotated newswire, fixed by grammar (invented text)."""

from __future__ import annotations

import pytest

from tests.pipeline_helpers import extracted_events


def _protests(text: str) -> list[str]:
    return [e["trigger"]["text"] for e in extracted_events(text) if e["event"] == "PROTEST"]


@pytest.mark.parametrize("text", [
    "«Las cuentas públicas están en orden», manifestó la consejera de Hacienda.",
    "Según manifestó el rector, las clases se reanudarán el lunes.",
    "El director manifestó estar conforme con la auditoría.",
])
def test_manifestar_of_saying_is_no_protest(text: str) -> None:
    # the verb that takes what is said (a quote ahead of it, an infinitive clause) or that a
    # conformative 'según' introduces says, it does not demonstrate
    assert _protests(text) == []


@pytest.mark.parametrize("text", [
    "Los jubilados manifestaron frente al ministerio por sus pensiones.",
    "Cientos de vecinos se manifestaron ayer contra el cierre del hospital.",
])
def test_manifestar_of_demonstrating_stays_a_protest(text: str) -> None:
    assert any(w.startswith("manifest") for w in _protests(text))


def _types(text: str) -> set[str]:
    return {e["event"] for e in extracted_events(text)}


def test_a_meeting_to_seek_an_agreement_is_no_rally() -> None:
    types = _types("Los cancilleres se reunieron en Lima para buscar un acuerdo de paz.")
    assert "PROTEST" not in types and "CONSULT" in types


def test_a_gathering_to_demand_a_resignation_stays_a_rally() -> None:
    assert "PROTEST" in _types("Decenas de vecinos se concentraron ante la alcaldía para exigir la dimisión del edil.")


@pytest.mark.parametrize(("text", "lang", "force"), [
    ("Los carabineros dispersaron a los pobladores que bloqueaban el puente.", "es", {"COERCE", "ASSAULT"}),
    ("Soldiers detained several farmers who were blocking the road.", "en", {"COERCE", "ASSAULT"}),
])
def test_a_protest_of_the_people_force_was_aimed_at_is_kept(text: str, lang: str, force: set[str]) -> None:
    # the police act presupposes the protest, an event of its own beside it (PLOVER manual)
    types = [e["event"] for e in extracted_events(text, lang=lang)]
    assert "PROTEST" in types and force & set(types)


def test_a_relative_clause_of_no_protest_on_the_target_adds_nothing() -> None:
    types = [e["event"] for e in extracted_events("La policía detuvo a los jóvenes que viajaban en el autobús.")]
    assert "PROTEST" not in types


def _dated(text: str, lang: str = "en") -> dict[str, str | None]:
    # an article of Wednesday 2024-03-06
    return {e["trigger"]["text"]: e["date"] for e in extracted_events(text, lang=lang, date="2024-03-06")}


def test_the_day_after_a_called_event_is_its_coming_day() -> None:
    # 'called for a strike on Thursday': the phrase of time follows the called event's noun
    dates = _dated("Transport unions called for a general strike on Thursday against the fuel tax.")
    assert dates["strike"] == "2024-03-07"


def test_a_day_after_a_called_non_event_stays_the_call() -> None:
    dates = _dated("The bishop called for restraint on Thursday.")
    assert all(d is None or d <= "2024-03-06" for d in dates.values())
