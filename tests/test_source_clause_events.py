"""An act stated in a relative clause on the source of a report ('según la CGT, quien anunció
un paro') is news of its own, not a background modifier; and a march and a strike of one
sentence are two protests (modes differ). Invented sentences."""

from __future__ import annotations

from functools import partial

import pytest
from pipeline_helpers import extracted_events

_events = partial(extracted_events, date="2025-03-04")


@pytest.mark.slow
@pytest.mark.parametrize("text, lang", [
    ("Miles de trabajadores marcharon en Madrid, según la CGT, quien anunció un paro de 24 horas"
     " para el jueves.", "es"),
    ("Thousands of workers marched in Paris, according to the CGT, which announced a strike.", "en"),
])
def test_the_sources_announced_strike_is_kept(text, lang):
    modes = sorted(e["mode"] for e in _events(text, lang) if e["event"] == "PROTEST")
    assert modes == ["demo", "strike"]


@pytest.mark.slow
def test_the_announced_strike_is_future():
    (e,) = [e for e in _events("Miles de trabajadores marcharon en Madrid, según la CGT, quien"
                               " anunció un paro de 24 horas para el jueves.")
            if e["mode"] == "strike"]
    assert e["aux_mode"] == "future"


@pytest.mark.slow
def test_repeated_mentions_of_one_strike_still_merge():
    strikes = [e for e in _events("La huelga de los mineros, un paro de 48 horas, paralizó las minas.")
               if e["event"] == "PROTEST"]
    assert len(strikes) == 1


@pytest.mark.slow
def test_a_sit_in_protest_is_one_event():
    events = _events("Students held a sit-in protest in front of the ministry.", "en")
    assert len([e for e in events if e["event"] == "PROTEST"]) == 1


@pytest.mark.slow
@pytest.mark.parametrize("text, value", [
    ("The CGT announced a strike for Thursday.", "2025-03-06"),
    ("Police arrested two men for Monday's attack.", "2025-03-03"),
])
def test_for_a_weekday_is_a_target_unless_possessive(text, value):
    from cronica.pipeline import extract

    dates = extract(text, lang="en", date="2025-03-04")["dates"]
    assert [d["value"] for d in dates] == [value]
