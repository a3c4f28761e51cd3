"""Counts an analyst expects (branch polish7): Spanish collective numerals ('una veintena de
heridos', DLE) and a quantity word that is itself the object of the verb ('detuvo a una
docena de manifestantes', 'wounded dozens in the attack')."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _field(text: str, lang: str, name: str):
    from cronica.pipeline import extract

    out = extract(text, lang=lang, date="2025-03-14")
    return [e[name] for e in out["events"] if e[name]]


@pytest.mark.parametrize("text, name, value", [
    ("El ataque de los rebeldes dejó cinco muertos y una veintena de heridos.", "injured", 20),
    ("Un centenar de estudiantes marcharon en Lima.", "size", 100),
    ("La policía detuvo a una decena de manifestantes.", "arrested", 10),
    ("La policía detuvo a una docena de manifestantes.", "arrested", 12),
])
def test_spanish_collective_numerals(text, name, value):
    assert [v["value"] for v in _field(text, "es", name)] == [value]


def test_a_vague_quantity_as_the_object_of_wounding():
    got = _field("Gunmen killed five people and wounded dozens in the attack.", "en", "injured")
    assert got and got[0]["category"] == "dozens"


def test_arrested_dozens_are_no_crowd_size():
    assert _field("Police arrested dozens of protesters.", "en", "arrested")
    assert not _field("Police arrested dozens of protesters.", "en", "size")
