"""Faults a demanding analyst hit on invented agency articles (polish11), each fixed in
general; every sentence here is invented and worded apart from the probe articles."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest

from tests.pipeline_helpers import extracted_events

_es = partial(extracted_events, lang="es", date="2025-04-09")
_en = partial(extracted_events, lang="en", date="2025-04-09")


def _value(event: dict[str, Any], field: str) -> int | None:
    return (event.get(field) or {}).get("value")


@pytest.mark.slow
def test_object_predicative_counts_the_dead():
    """'left N people dead': the state adjective hangs on the verb (complex-transitive
    'leave'), not on the counted noun; the count is of the dead, not a crowd."""
    ev = next(e for e in _en("Riots in the port city last month left 14 people dead.")
              if e["event"] == "PROTEST")
    assert _value(ev, "dead") == 14
    assert not ev.get("size")


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "trigger", "code"), [
    ("en", "The foreign minister urged Beijing to release the detained reporters.", "urged", "CHNGOV"),
    ("en", "The senator blamed Tehran for the collapse of the talks.", "blamed", "IRNGOV"),
    ("es", "La canciller instó a Caracas a liberar a los presos políticos.", "instó", "VENGOV"),
    ("es", "El primer ministro culpó a Pekín del fracaso de las conversaciones.", "culpó", "CHNGOV"),
])
def test_capital_addressed_by_a_verb_of_judgement_is_its_government(lang, text, trigger, code):
    """A verb of judgement or influence takes a person as its object: a capital there is
    its government (the recipient), not the event's place, and gives no country to the actor."""
    events = _es(text) if lang == "es" else _en(text)
    ev = next(e for e in events if e["trigger"]["text"].startswith(trigger))
    assert ev["recipient"] and ev["recipient"]["code"] == code
    assert ev["actor_country"] != code[:3]
    assert not ev["event_loc"] or ev["event_loc"]["country"] != code[:3]


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The foreign minister visited Beijing on Monday."),
    ("es", "La canciller viajó a Caracas el lunes."),
])
def test_capital_visited_stays_a_place(lang, text):
    events = _es(text) if lang == "es" else _en(text)
    assert all((e.get("recipient") or {}).get("code") != "CHNGOV" for e in events)
