"""Aux modes: a past date after 'desde'/'since' opens a period lasting until now (ongoing:
current, per the guidelines), and a verb coordinated with a governing word is not in the
scope of its meaning ('negaron X y acusaron a Y': the accusation is made). Invented
sentences."""

from __future__ import annotations

import pytest


def _modes(text: str, lang: str) -> dict[str, str | None]:
    from cronica.pipeline import extract

    out = extract(text, lang=lang, date="2024-06-03")
    return {e["trigger"]["text"]: e["aux_mode"] for e in out["events"]}


@pytest.mark.slow
@pytest.mark.parametrize("text, lang, trigger, mode", [
    ("Los rebeldes combaten contra el ejército desde abril de 2023.", "es", "combaten", None),
    ("The country has been fighting an insurgency since 2012.", "en", "fighting", None),
    ("Las tropas se retiraron en 2011.", "es", "retiraron", "historical"),
    ("The army withdrew in 2011.", "en", "withdrew", "historical"),
    # a punctual simple past is not stretched into a period by 'desde'
    ("El gobierno expulsó a los diplomáticos desde marzo de 2023.", "es", "expulsó", "historical"),
])
def test_a_period_since_a_past_date_is_ongoing(text, lang, trigger, mode):
    assert _modes(text, lang)[trigger] == mode


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, mode", [
    ("Los rebeldes negaron su responsabilidad y acusaron al ejército de bombardear la ciudad.",
     "acusaron", None),
    ("Los rebeldes amenazaron con atacar y quemar la aldea.", "atacar", "hypothetical"),
    ("Los rebeldes descartaron negociar y pidieron una tregua.", "pidieron", None),
    ("El gobierno descartó negociar con los rebeldes.", "negociar", "negation"),
])
def test_a_coordinate_of_a_governing_verb_is_not_its_complement(text, trigger, mode):
    assert _modes(text, "es")[trigger] == mode
