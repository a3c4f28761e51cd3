"""Who claims an attack is its actor (branch polish7): 'al-Shabaab claimed responsibility
for the attack' gave an attack with no actor."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _attack(text: str, lang: str) -> dict:
    from cronica.pipeline import extract

    out = extract(text, lang=lang, date="2025-09-13")
    return next(e for e in out["events"] if e["event"] == "ASSAULT")


@pytest.mark.parametrize("text, lang, actor", [
    ("The Islamist group al-Shabaab claimed responsibility for the attack.", "en", "al-Shabaab"),
    ("Al-Shabaab claimed the attack on Saturday.", "en", "Al-Shabaab"),
    ("El grupo Estado Islámico asumió la autoría del ataque.", "es", "Estado Islámico"),
])
def test_claimant_is_the_actor(text, lang, actor):
    ev = _attack(text, lang)
    assert ev["actor"] and ev["actor"]["text"] == actor


def test_a_claim_verb_alone_is_no_claim_of_an_attack_it_does_not_govern():
    ev = _attack("Police said the attack was claimed by no one.", "en")
    assert ev["actor"] is None


def test_taking_an_attack_is_no_claim_without_the_noun():
    # 'take' claims only with 'responsibility' or 'credit'
    ev = _attack("The bomber took the bus before the attack near the market.", "en")
    assert ev["actor"] is None or ev["actor"]["text"] != "The bomber"
