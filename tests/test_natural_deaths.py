"""A death by accident, illness or natural cause is no PLOVER event: ASSAULT is an actor's
use of force (PLOVER manual). A death in an attack, or at someone's hands, stays an
ASSAULT. Invented sentences."""

from __future__ import annotations

import pytest


def _assaults(text: str, lang: str = "es") -> list[dict]:
    from cronica.pipeline import extract

    return [e for e in extract(text, lang=lang, date="2024-03-03")["events"] if e["event"] == "ASSAULT"]


@pytest.mark.slow
@pytest.mark.parametrize("text, lang", [
    ("Una anciana murió atropellada por un camión en la plaza mayor.", "es"),
    ("Cuatro obreros murieron en un accidente de tránsito en la carretera.", "es"),
    ("El alcalde falleció de un infarto en su despacho.", "es"),
    ("Un pescador murió de un ataque al corazón en alta mar.", "es"),
    ("The senator died of a heart attack at his home.", "en"),
    ("Three miners died in a road accident near the border.", "en"),
])
def test_accidental_or_natural_death_is_no_assault(text, lang):
    assert _assaults(text, lang) == []


@pytest.mark.slow
@pytest.mark.parametrize("text, lang", [
    ("Dos campesinos murieron en un ataque de los rebeldes contra la aldea.", "es"),
    ("La muerte del activista por disparos de soldados causó indignación.", "es"),
    ("Two farmers died after soldiers opened fire on the village.", "en"),
    # an accident word whose agent is a force: someone used force
    ("Un estudiante murió atropellado por un policía durante la marcha.", "es"),
])
def test_death_by_force_stays_an_assault(text, lang):
    assert _assaults(text, lang)
