"""English triggers of protest and armed violence from the PLOVER manual's PROTEST and
ASSAULT modes and CAMEO 14/18/19: gatherings and sit-ins, fire exchanged, air raids,
arson and looting, stone throwing as rioting."""

from __future__ import annotations

import pytest


def _types(make_doc, text: str) -> list[tuple[str, str | None]]:
    adoc = make_doc(text, lang="en", stages=("actors", "events"))
    return [(e.event, e.mode) for e in adoc.events]


@pytest.mark.parametrize(
    "text,want",
    [
        # PROTEST 'demo' (CAMEO 141): a crowd gathering or marching to press a demand
        ("Nurses gathered outside the hospital to demand better pay.", "PROTEST"),
        ("Bus drivers marched to the town hall to demand safer routes.", "PROTEST"),
        ("Tenants staged a sit-in at the housing office.", "PROTEST"),
        # PROTEST 'riot': stones thrown by a crowd
        ("Youths hurled stones at a police car near the square.", "PROTEST"),
        # ASSAULT (CAMEO 19): exchanges of fire, shelling, air raids
        ("Soldiers exchanged fire with rebels near the river.", "ASSAULT"),
        ("The army fired mortars at rebel positions in the hills.", "ASSAULT"),
        ("The coalition conducted two air raids on the port.", "ASSAULT"),
        # ASSAULT 'destroy': intentional destruction of property
        ("Gunmen set fire to a truck on the highway.", "ASSAULT"),
        ("Militiamen looted shops in the market.", "ASSAULT"),
    ],
)
def test_protest_and_violence_triggers(make_doc, text, want):
    assert want in [t for t, _ in _types(make_doc, text)]


def test_exchanged_fire_is_no_release_of_captives(make_doc):
    types = _types(make_doc, "Police exchanged fire with gunmen at the checkpoint.")
    assert ("ASSAULT", "firearms") in types
    assert not [t for t, _ in types if t == "RETREAT"]


def test_prisoners_exchanged_stay_a_release(make_doc):
    assert ("RETREAT", "release") in _types(make_doc, "The two sides exchanged prisoners at the border.")


@pytest.mark.parametrize(
    "text",
    [
        "Fans gathered in the square to watch the final.",
        "Ministers gathered in the capital for a summit on trade.",
    ],
)
def test_a_gathering_without_a_cause_is_no_protest(make_doc, text):
    assert "PROTEST" not in [t for t, _ in _types(make_doc, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Farmers gathered in the square to complain about fuel prices.",
        "Dozens of demonstrators gathered outside the embassy.",
        "Residents assembled against the new quarry.",
    ],
)
def test_a_gathering_with_a_cause_or_protesters_is_a_protest(make_doc, text):
    assert "PROTEST" in [t for t, _ in _types(make_doc, text)]
