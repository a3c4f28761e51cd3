"""A vow of a punishment or retaliation is a threat (PLOVER manual, THREATEN; CAMEO 130, 137),
in Spanish as in English; a vow of a cooperative act stays AGREE. Invented sentences."""

from __future__ import annotations

import pytest


def _frames(make_doc, text: str, lang: str) -> list[str]:
    adoc = make_doc(text, lang=lang, stages=("actors", "events"))
    return [e.event for e in adoc.events if e.embedded_in is None]


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Los soldados prometieron castigar a los culpables del saqueo.", "es"),
        ("La ministra se comprometió a castigar a los autores del robo.", "es"),
        ("Los guerrilleros prometieron tomar represalias contra el ejército.", "es"),
        ("El jefe rebelde juró vengar a sus compañeros.", "es"),
        ("El ministro prometió que castigarán a los saqueadores.", "es"),
        ("Los generales prometieron que los saqueadores serán castigados.", "es"),
        ("El cabecilla juró venganza.", "es"),
        ("The colonel vowed to punish the looters.", "en"),
        ("The rebels pledged to retaliate against the army.", "en"),
        ("The militia vowed revenge.", "en"),
    ],
)
def test_a_vowed_punishment_is_a_threat(make_doc, text, lang):
    assert _frames(make_doc, text, lang) == ["THREATEN"]


@pytest.mark.parametrize(
    "text,lang",
    [
        ("El alcalde prometió construir dos escuelas.", "es"),
        ("La ministra se comprometió a reabrir el hospital.", "es"),
        ("El ministro prometió que las escuelas serán reabiertas.", "es"),
        ("The mayor promised to build two schools.", "en"),
    ],
)
def test_a_vowed_cooperative_act_stays_agree(make_doc, text, lang):
    assert _frames(make_doc, text, lang) == ["AGREE"]


def test_a_punishment_word_alone_is_no_event(make_doc):
    assert _frames(make_doc, "Los votantes castigaron al partido en las urnas.", "es") == []


def test_an_oath_of_office_is_still_no_vow(make_doc):
    assert _frames(make_doc, "La nueva gobernadora juró el cargo ayer.", "es") == []
