"""Ten short wire articles written for cronica as a new analyst would (tests/fixtures/
analyst_args8, invented: datelines, quotes, casualties), read through the whole pipeline.
Each test pins an argument fault found on them and fixed in general (args8)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

_DIR = Path(__file__).parent / "fixtures" / "analyst_args8"


def _events(name: str) -> list[dict[str, Any]]:
    from cronica.pipeline import extract

    path = _DIR / f"{name}.txt"
    return extract(path.read_text(encoding="utf-8"), lang=name[:2], date="2025-03-04")["events"]


def _codes(arg: dict[str, Any] | None) -> set[str]:
    return set(arg.get("codes") or [arg.get("code")]) if arg else set()


@pytest.mark.slow
def test_every_fixture_gives_events():
    for path in sorted(_DIR.glob("*.txt")):
        assert _events(path.stem), path.name


@pytest.mark.slow
def test_tunisian_police_arrest():
    arrest = next(e for e in _events("es01_tunez") if e["trigger"]["text"] == "detuvo")
    assert arrest["actor"]["code"] == "TUNCOP"


@pytest.mark.slow
def test_the_dead_soldiers_are_no_attackers():
    for e in _events("es02_mali"):
        if e["event"] == "ASSAULT":
            assert "MLIMIL" not in _codes(e["actor"]), e["trigger"]


@pytest.mark.slow
def test_both_parties_commit():
    pledge = next(e for e in _events("es03_colombia") if e["trigger"]["text"] == "comprometieron")
    assert {"COLGOV", "COLREB"} <= _codes(pledge["actor"]) | _codes(pledge["recipient"])


@pytest.mark.slow
def test_a_movement_named_with_an_event_word_is_no_protest_trigger():
    assert all(e["trigger"]["text"] != "Marcha" for e in _events("es04_chile"))


@pytest.mark.slow
def test_the_organisation_asks():
    ask = next(e for e in _events("es05_peru") if e["event"] == "REQUEST")
    assert ask["actor"]["code"] == "NGOHRI"


@pytest.mark.slow
def test_the_government_announcing_taxes_demands_nothing():
    for e in _events("en06_kenya"):
        if e["event"] in ("REQUEST", "PROTEST"):
            assert not e["actor"] or e["actor"]["code"] != "GOV", e["trigger"]


@pytest.mark.slow
def test_the_claimed_bombing_is_one_event():
    attacks = [e for e in _events("en07_somalia") if e["event"] == "ASSAULT"
               and e["trigger"]["text"] in ("exploded", "attack")]
    assert len(attacks) == 1 and attacks[0]["actor"]["code"] == "IMG"


@pytest.mark.slow
def test_both_warring_sides_pledge_not_the_mediators():
    for e in _events("en08_sudan"):
        if e["event"] == "AGREE":
            assert not _codes(e["actor"]) & {"SAU", "USA"}, e["trigger"]


@pytest.mark.slow
def test_russian_drones_have_an_attacker():
    strike = next(e for e in _events("en09_ukraine") if "struck" in e["trigger"]["text"])
    assert strike["actor"]["code"] == "RUSMIL"


@pytest.mark.slow
def test_the_state_declaring_an_emergency_did_not_riot():
    for e in _events("en10_ecuador"):
        if e["trigger"]["text"] == "riot":
            assert not e["actor"] or e["actor"]["code"] != "ECU"


@pytest.mark.slow
@pytest.mark.parametrize("name,word,country", [
    ("es04_chile", "atacó", "CHL"), ("es05_peru", "marcharon", "PER"), ("en10_ecuador", "clashes", "ECU"),
])
def test_a_homonym_abroad_does_not_give_the_actor_its_country(name, word, country):
    ev = next(e for e in _events(name) if e["trigger"]["text"] == word)
    assert ev["actor"]["country"] == country, ev["actor"]
