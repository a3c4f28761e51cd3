"""Argument roles, branch args11 (issue 12): what an act is done to and by whom, read from
the grammar of the trigger's phrase. Short invented sentences."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest
from pipeline_helpers import extracted_events

_es = partial(extracted_events, lang="es", secondary=True)
_en = partial(extracted_events, lang="en", secondary=True)


def _first(events: list[dict[str, Any]], event: str) -> dict[str, Any]:
    found = [e for e in events if e["event"] == event]
    assert found, f"no {event} in {[e['event'] for e in events]}"
    return found[0]


@pytest.mark.slow
@pytest.mark.parametrize("text,lang,town", [
    ("Los enfrentamientos de Juliaca dejaron decenas de heridos.", "es", "Juliaca"),
    ("The clashes of Nakuru left three dead.", "en", "Nakuru"),
])
def test_a_town_in_the_genitive_of_an_event_noun_is_its_place_not_its_doer(text, lang, town):
    ev = _first(extracted_events(text, lang=lang), "ASSAULT")
    assert ev["actor"] is None or town not in ev["actor"]["text"]
    assert ev["event_loc"] is not None and ev["event_loc"]["name"] == town


@pytest.mark.slow
def test_a_country_in_the_genitive_stays_the_doer():
    ev = _first(_es("El ataque de Israel contra Gaza dejó decenas de heridos."), "ASSAULT")
    assert ev["actor"] is not None and "Israel" in ev["actor"]["text"]
