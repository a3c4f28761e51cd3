"""English event typing by CAMEO class and grammar (en11). Invented sentences only."""

from __future__ import annotations

from functools import partial

import pytest

from tests.pipeline_helpers import extracted_events

_events = partial(extracted_events, lang="en")


def _types(text: str) -> set[tuple[str, str | None]]:
    """(type, aux mode) of the events that are not embedded in another."""
    return {(e["event"], e["aux_mode"]) for e in _events(text) if not e.get("embedded_in")}


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The agency will provide 300 tons of grain to families fleeing the fighting in Darfur,"
            " the World Health Organization (WHO) said on Friday.",
            "AGREE",
        ),
        (
            "Guerrillas will attack the towns on the river in Kivu, the United Nations Mission"
            " (MONUSCO) said on Monday.",
            "THREATEN",
        ),
    ],
)
def test_a_reporting_clause_after_the_statement_declares_the_intent(text, expected):
    # the parser hangs a postposed 'X said' on the announced verb as a conjunct
    assert (expected, None) in _types(text)


def test_a_coordinated_speech_verb_is_no_reporting_clause():
    types = _types("The army will pull back its troops and said it wanted calm.")
    assert not any(t == "AGREE" for t, _ in types)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Farmers blockaded the highway near the capital to demand lower fuel taxes.", ("PROTEST", "obstruct")),
        ("Police probed the death of the opposition lawyer.", ("ACCUSE", "investigate")),
        ("Militiamen massacred dozens of villagers in the north.", ("ASSAULT", "targeted")),
    ],
)
def test_the_verb_of_an_event_noun_takes_its_type(text, expected):
    assert expected in {(e["event"], e["mode"]) for e in _events(text)}


@pytest.mark.parametrize(
    "text",
    [
        "The government suspended talks with the guerrillas.",
        "The mediators broke off negotiations after the shelling.",
        "The league abandoned its mediation between the two parties.",
    ],
)
def test_halting_talks_or_mediation_is_a_sanction(text):
    assert "SANCTION" in {e["event"] for e in _events(text)}


def test_ending_a_round_of_talks_is_still_talks():
    assert "SANCTION" not in {e["event"] for e in _events("The two delegations ended three days of talks in Oslo.")}


@pytest.mark.parametrize(
    "text",
    ["The army lifted the curfew in the port city.", "The governor relaxed the curfew by two hours."],
)
def test_easing_a_curfew_is_a_concession(text):
    events = {e["event"] for e in _events(text)}
    assert "CONCEDE" in events
    assert "COERCE" not in events


@pytest.mark.parametrize(
    "text",
    ["Chile and Peru signed a treaty on fishing rights in Lima.", "The senate ratified the border accord with Canada."],
)
def test_signing_or_ratifying_an_agreement_is_support(text):
    # PLOVER manual, SUPPORT: 'ratify, sign, or finalize an agreement or treaty'
    events = {e["event"] for e in _events(text)}
    assert "SUPPORT" in events
    assert "AGREE" not in events


def test_a_declared_signing_to_come_is_an_agreement():
    # PLOVER manual: promises to sign or ratify agreements are AGREE
    assert ("AGREE", None) in _types("Chile and Peru will sign a fishing treaty next month, the ministers said.")


def test_lifting_sanctions_is_a_retreat():
    # CAMEO 085 'ease economic sanctions, boycott, embargo' -> RETREAT
    assert "RETREAT" in {e["event"] for e in _events("The European Union lifted sanctions on Belarus.")}


def test_sending_inspectors_is_an_investigation():
    assert ("ACCUSE", "investigate") in {
        (e["event"], e["mode"]) for e in _events("The agency dispatched inspectors to the reactor site.")
    }


def test_imposed_restrictions_are_coercion():
    assert ("COERCE", "restrict") in {
        (e["event"], e["mode"]) for e in _events("The ministry imposed restrictions on foreign journalists.")
    }


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The mayor announced that she will impose a curfew in the old town.", "THREATEN"),
        ("The minister said the government will send food aid to the flooded villages.", "AGREE"),
    ],
)
def test_an_event_noun_taken_by_a_declared_future_verb_is_the_intent(text, expected):
    assert (expected, None) in _types(text)


@pytest.mark.parametrize(
    "text",
    ["The United Nations will deploy peacekeepers along the border.", "The deployment of African peacekeeping troops began in the north."],
)
def test_sending_peacekeepers_is_aid(text):
    # CAMEO 074 'provide military protection or peacekeeping' -> AID
    events = {e["event"] for e in _events(text)}
    assert "AID" in events
    assert "MOBILIZE" not in events


def test_troops_sent_to_a_border_stay_a_mobilisation():
    assert "MOBILIZE" in {e["event"] for e in _events("The army deployed two battalions to the border.")}


def test_an_announced_protest_stays_the_protest_planned():
    events = {(e["event"], e["aux_mode"]) for e in _events("The union said it will hold a march on Friday.")}
    assert not any(t == "THREATEN" for t, _ in events)


def test_a_street_protest_stays_a_protest():
    assert "PROTEST" in {e["event"] for e in _events("Nurses protested outside the ministry to demand higher pay.")}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The government granted asylum to the opposition journalist.", ("AID", None)),
        ("Spain extradited the former general to Argentina.", ("COOPERATE", None)),
        ("The foreign minister hailed the new trade pact.", ("SUPPORT", None)),
        ("Morocco and Iran restored diplomatic relations.", ("SUPPORT", None)),
        ("Two hundred militants surrendered to the army in the east.", ("RETREAT", "disarm")),
        ("The militia returned its weapons to the monitors.", ("RETREAT", "disarm")),
        ("Government troops besieged the rebel town for a month.", ("COERCE", "restrict")),
    ],
)
def test_cameo_classes_the_english_rows_lacked(text, expected):
    assert expected in {(e["event"], e["mode"]) for e in _events(text)}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The kidnapping of two engineers near the pipeline shocked the region.", ("ASSAULT", "abduct")),
        ("The expulsion of the ambassador followed the spy scandal.", ("SANCTION", "expel")),
        ("The deportation of 40 migrants to Haiti began on Monday.", ("COERCE", "deport")),
    ],
)
def test_the_noun_of_a_verb_row_names_the_same_act(text, expected):
    assert expected in {(e["event"], e["mode"]) for e in _events(text)}
