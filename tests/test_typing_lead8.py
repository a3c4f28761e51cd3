"""Typing by the PLOVER manual (lead, eighth round). A diplomatic protest, or a grievance presented to an
authority, is ACCUSE 'disapprove', and so is summoning an ambassador to present one; PROTEST
presumes physical activity. Short invented sentences."""

from __future__ import annotations

from functools import partial

import pytest
from pipeline_helpers import extracted_events

pytestmark = pytest.mark.slow

_es = partial(extracted_events, lang="es")
_en = partial(extracted_events, lang="en")


@pytest.mark.parametrize("text", [
    "El canciller presentó una protesta formal ante el embajador chileno.",
    "El gobierno expresó su protesta por la expulsión de dos diplomáticos.",
    "La cancillería entregó una nota de protesta al encargado de negocios.",
])
def test_a_protest_presented_or_expressed_is_accuse(text):
    types = [(e["event"], e["mode"]) for e in _es(text)]
    assert ("ACCUSE", "disapprove") in types
    assert not any(t == "PROTEST" for t, _ in types)


def test_a_street_protest_stays_a_protest():
    assert [e["event"] for e in _es("Miles de estudiantes marcharon en protesta por los recortes.")] \
        == ["PROTEST"]


def test_summoning_an_ambassador_is_accuse_not_consult():
    (e,) = _en("The foreign ministry summoned the French ambassador.")
    assert (e["event"], e["mode"]) == ("ACCUSE", "disapprove")
    assert e["recipient"]["code"] == "FRAGOV"


def test_the_object_of_a_verb_object_row_is_part_of_the_trigger():
    # the protest lodged is what is done, never whom it is done to
    (e,) = _en("China lodged a formal protest with the Japanese government.")
    assert e["event"] == "ACCUSE"
    assert e["recipient"] is None or "protest" not in e["recipient"]["text"]


def test_a_multiword_row_opened_by_a_verb_of_saying_is_no_speech():
    # 'state' is a verb of saying, 'state of emergency' a row of its own (COERCE restrict)
    events = _en("The government declared a state of emergency in the capital.")
    assert ("COERCE", "restrict") in [(e["event"], e["mode"]) for e in events]


@pytest.mark.parametrize("text,lang", [
    ("La policía lanzó gases lacrimógenos contra los manifestantes.", "es"),
    ("Los agentes dispararon perdigones contra la multitud.", "es"),
    ("Police fired tear gas at the protesters.", "en"),
])
def test_tear_gas_and_pellets_are_crowd_control_assaults(text, lang):
    # PLOVER manual, ASSAULT modes: 'crowd-control' covers tear gas and water cannons
    events = extracted_events(text, lang=lang)
    assert [(e["event"], e["mode"]) for e in events] == [("ASSAULT", "crowd-control")]


def test_backing_down_is_yielding_not_backing():
    (e,) = _en("The president said he would not back down.")
    assert (e["event"], e["aux_mode"]) == ("CONCEDE", "negation")


@pytest.mark.parametrize("text", [
    "El presidente condenó el atentado contra la embajada.",
    "La cancillería repudió la detención del periodista.",
])
def test_condemning_is_accuse_disapprove(text):
    # CAMEO 111 criticize or denounce -> ACCUSE disapprove; the attribution guidelines agree
    types = [(e["event"], e["mode"]) for e in _es(text) if e["trigger"]["text"] in ("condenó", "repudió")]
    assert types == [("ACCUSE", "disapprove")]



def test_a_count_of_captives_is_no_crowd_of_an_earlier_protest():
    text = ("Teachers held a strike in the capital. "
            "The two governments exchanged 90 prisoners of war last week.")
    assert all(e["size"] is None for e in _en(text) if e["event"] == "PROTEST")


@pytest.mark.parametrize("text,target", [
    ("Police fired tear gas at hundreds of protesters in the capital.", "protesters"),
    ("Soldiers shot at the crowd outside the palace.", "the crowd"),
])
def test_the_target_of_an_attack_verb_follows_at(text, target):
    (e,) = _en(text)
    assert e["event"] == "ASSAULT" and e["recipient"]["text"] == target
