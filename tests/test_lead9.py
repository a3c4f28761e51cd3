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
