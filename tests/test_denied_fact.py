"""A denial of a fact by a clause ('negó que el ejército hubiera atacado', 'denied attacking')
refuses nothing: no REJECT, and the denied act takes the negation aux mode (attribution
guidelines: 'rule-out-X -> X is negation'). A refusal ('se negó a negociar') stays REJECT.
Invented sentences."""

from __future__ import annotations

import pytest
from pipeline_helpers import extracted_events

_events = extracted_events


@pytest.mark.slow
@pytest.mark.parametrize("text, lang, act", [
    ("El portavoz negó que el ejército hubiera atacado la aldea.", "es", "ASSAULT"),
    ("El jefe rebelde negó haber atacado el cuartel.", "es", "ASSAULT"),
    ("El ministro desmintió que la policía detuviera a los periodistas.", "es", "COERCE"),
    ("The spokesman denied that the army had attacked the village.", "en", "ASSAULT"),
    ("The rebels denied attacking the base.", "en", "ASSAULT"),
])
def test_a_denied_act_is_negated_not_rejected(text, lang, act):
    events = _events(text, lang)
    assert not [e for e in events if e["event"] == "REJECT"]
    (e,) = [e for e in events if e["event"] == act]
    assert e["aux_mode"] == "negation"


@pytest.mark.slow
@pytest.mark.parametrize("text, lang", [
    ("El gobierno se negó a negociar con los rebeldes.", "es"),
    ("The guards denied them entry.", "en"),
])
def test_a_refusal_stays_reject(text, lang):
    assert any(e["event"] == "REJECT" for e in _events(text, lang))
