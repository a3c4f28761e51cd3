"""Sending troops or reinforcements is a military move short of force: MOBILIZE troops
(CAMEO 154 'mobilize or increase armed forces' in CAMEO2PLOVER; PLOVER manual, MOBILIZE).
Invented sentences."""

from __future__ import annotations

from functools import partial

import pytest
from pipeline_helpers import extracted_events

_events = partial(extracted_events, lang="en")


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Moldova sent reinforcements to the eastern border on Friday.",
    "The governor sent 300 soldiers to the port city.",
    "Chad dispatched troops to the lake region after the raid.",
])
def test_sending_armed_personnel_is_mobilize_troops(text):
    assert any(e["event"] == "MOBILIZE" and e["mode"] == "troops" for e in _events(text))


@pytest.mark.slow
def test_sending_aid_is_no_mobilization():
    assert not any(e["event"] == "MOBILIZE" for e in _events("Chile sent food and blankets to the flooded town."))
