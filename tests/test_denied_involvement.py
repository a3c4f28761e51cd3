"""Denying involvement or accusations is no PLOVER event (shared attribution guidelines;
the PLOVER manual leaves CAMEO 016 to the provider): no REJECT for it, while the act it
concerns keeps its own event and a refusal of something else stays REJECT. Invented
sentences."""

from __future__ import annotations

import pytest
from pipeline_helpers import extracted_events

_events = extracted_events


@pytest.mark.slow
@pytest.mark.parametrize("text, lang", [
    ("La guerrilla negó su responsabilidad en el atentado contra la alcaldía.", "es"),
    ("El ministro rechazó las acusaciones de la oposición.", "es"),
    ("El alcalde desmintió cualquier vínculo con la banda.", "es"),
    ("The militia denied responsibility for the ambush on the convoy.", "en"),
    ("The ministry dismissed the allegations as lies.", "en"),
])
def test_denial_of_involvement_is_no_reject(text, lang):
    assert [e for e in _events(text, lang) if e["event"] == "REJECT"] == []


@pytest.mark.slow
def test_the_denied_act_keeps_its_own_event():
    events = _events("La guerrilla negó su responsabilidad en el atentado contra la alcaldía.")
    assert any(e["event"] == "ASSAULT" for e in events)


@pytest.mark.slow
@pytest.mark.parametrize("text, lang", [
    ("El gobierno rechazó la propuesta de tregua de los rebeldes.", "es"),
    ("The president rejected the peace plan.", "en"),
])
def test_other_refusals_stay_reject(text, lang):
    assert any(e["event"] == "REJECT" for e in _events(text, lang))
