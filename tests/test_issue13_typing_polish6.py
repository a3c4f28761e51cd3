"""The PLOVER typings issue 13 asks for, pinned on invented sentences: a court sentence to
prison is COERCE arrest; a vow to crush unrest is THREATEN with the crushing hypothetical; a
threat of further sanctions is THREATEN with a hypothetical SANCTION; an exchange of prisoners
is RETREAT release."""

from __future__ import annotations

import pytest


def _events(text: str, lang: str) -> list[tuple[str, str | None, str | None]]:
    from cronica.pipeline import extract

    return [(e["event"], e["mode"], e["aux_mode"])
            for e in extract(text, lang=lang, date="2025-03-04")["events"]]


@pytest.mark.slow
@pytest.mark.parametrize("text, lang, want", [
    ("Un tribunal de Lima condenó a cinco años de prisión al líder opositor.", "es",
     ("COERCE", "arrest", None)),
    ("A court in Minsk sentenced the opposition leader to six years in prison.", "en",
     ("COERCE", "arrest", None)),
    ("The interior minister vowed to crush the unrest.", "en", ("THREATEN", None, None)),
    ("La UE amenazó a Irán con sanciones adicionales.", "es", ("THREATEN", None, None)),
    ("Armenia y Azerbaiyán intercambiaron 30 prisioneros de guerra.", "es",
     ("RETREAT", "release", None)),
    ("The two sides exchanged 50 prisoners of war on Monday.", "en", ("RETREAT", "release", None)),
])
def test_plover_typing(text, lang, want):
    assert want in _events(text, lang)


@pytest.mark.slow
@pytest.mark.parametrize("text, lang, act", [
    ("The interior minister vowed to crush the unrest.", "en", "ASSAULT"),
    ("La UE amenazó a Irán con sanciones adicionales.", "es", "SANCTION"),
])
def test_the_threatened_act_is_hypothetical(text, lang, act):
    assert any(e == act and aux == "hypothetical" for e, _, aux in _events(text, lang))
