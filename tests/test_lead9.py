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
