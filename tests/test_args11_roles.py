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


def _recipient(text: str, event: str, lang: str = "es") -> str | None:
    rec = _first(extracted_events(text, lang=lang, secondary=True), event)["recipient"]
    return rec["text"] if rec else None


@pytest.mark.slow
@pytest.mark.parametrize("text,event,victims", [
    # the casualties a verb of result says the act left are whom it harmed
    ("El ataque que causó 13 muertos fue reivindicado por el grupo.", "ASSAULT", "muertos"),
    ("Los bombardeos dejaron 20 muertos en la ciudad.", "ASSAULT", "muertos"),
])
def test_the_casualties_an_act_left_are_its_recipient(text, event, victims):
    rec = _recipient(text, event)
    assert rec is not None and victims in rec


@pytest.mark.slow
def test_a_free_relative_object_is_the_recipient():
    # 'a quienes lo derrocaron': the people the relative clause describes
    rec = _recipient("Los rebeldes atacaron a quienes se negaron a pagar.", "ASSAULT")
    assert rec is not None and rec.startswith("quienes")


@pytest.mark.slow
@pytest.mark.parametrize("text,target", [
    # a manner phrase of rejection on the verb that stages the act noun
    ("Los sindicatos organizarán una gran marcha el miércoles en repudio al Fondo Monetario "
     "Internacional.", "Fondo Monetario"),
    ("Los estudiantes marcharon en rechazo a la reforma del gobierno.", "gobierno"),
    # the aim of the verb that stages the march is the march's; its goal of motion yields
    ("Miles de campesinos emprenderán una marcha hacia la ciudad para protestar por la "
     "violencia de los paramilitares.", "paramilitares"),
])
def test_what_a_protest_is_against_from_its_manner_or_aim(text, target):
    rec = _first(_es(text), "PROTEST")["recipient"]
    assert rec is not None and target in rec["text"]


@pytest.mark.slow
def test_the_authority_a_protest_appeals_to_stays():
    # 'protestar ante X': whom it appeals to is no goal of motion
    rec = _recipient("El gobierno decidió protestar ante la ONU por la redada de la policía.",
                     "PROTEST")
    assert rec is not None and "ONU" in rec


@pytest.mark.slow
@pytest.mark.parametrize("text,admin1", [
    # a place noun between the town and the comma of its area: 'X town, Y'
    ("On 14 January 2022, health workers staged a demonstration in Tepebasi town, Eskisehir "
     "to protest low wages.", "Eskişehir"),
    ("On 29 May 2022, Russian forces shelled Ruski Tyshky district, Kharkiv.", "Kharkiv"),
])
def test_a_town_with_its_place_noun_before_the_comma_is_read_in_that_area(text, admin1):
    events = extracted_events(text, lang="en")
    loc = events[0]["event_loc"]
    assert loc is not None and admin1 in (loc.get("admin1") or "")


@pytest.mark.slow
@pytest.mark.parametrize("text,town", [
    # a word of part or direction between the locative preposition and the name
    ("On 5 March 2022, a few hundred people demonstrated in central Joensuu against the war.",
     "Joensuu"),
    ("On 17 January 2022, about 160 people took to the streets in downtown Malchow to protest.",
     "Malchow"),
    # the path of a march is where it took place
    ("On 19 January 2022, around 70 people staged a protest march through Nijmegen.", "Nijmegen"),
])
def test_a_march_or_rally_is_placed_in_the_town_named_after_its_modifier(text, town):
    events = extracted_events(text, lang="en")
    loc = events[0]["event_loc"]
    assert loc is not None and loc["text"] == town


@pytest.mark.slow
def test_a_protest_town_in_the_genitive_stands_for_its_people():
    # metonymy of collective action: 'las protestas de El Alto' are its residents'
    ev = _first(_es("Las protestas de Juliaca contra el gobierno continuaron el lunes."), "PROTEST")
    assert ev["actor"] is not None and "Juliaca" in ev["actor"]["text"]


@pytest.mark.slow
@pytest.mark.parametrize("text,town", [
    # a name before a noun of a part of a town is that part, not a namesake town elsewhere
    ("On 9 March 2022, a man stabbed a passer-by in the Chinatown neighborhood of Los Angeles "
     "(California).", "Los Angeles"),
    ("On 7 May 2022, people rallied in the Highland Park neighborhood of Los Angeles "
     "(California) in support of abortion rights.", "Los Angeles"),
])
def test_a_neighbourhood_is_placed_in_its_town(text, town):
    events = extracted_events(text, lang="en")
    loc = events[0]["event_loc"]
    assert loc is not None and loc["text"] == town
