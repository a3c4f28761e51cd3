"""An event word inside an organisation's name is no event, even at a sentence start where
capitals say nothing ('Amnistía' is CONCEDE in the lexicon). Invented sentences."""

from __future__ import annotations

import pytest


def _all(make_doc, text: str, lang: str) -> list[tuple[str, str]]:
    adoc = make_doc(text, lang=lang, stages=("actors", "events"))
    return [(e.event, e.trigger.text) for e in [*adoc.events, *adoc.secondary_events]]


@pytest.mark.parametrize(
    "text,lang,word",
    [
        ("Amnistía Internacional denunció la represión de los estudiantes en Lima.", "es", "Amnistía"),
        ("Amnesty International said the police beat the marchers in Lima.", "en", "Amnesty"),
    ],
)
def test_a_word_of_an_organisation_name_is_no_trigger(make_doc, text, lang, word):
    found = _all(make_doc, text, lang)
    assert all(t != word for _, t in found), found
    assert all(ev != "CONCEDE" for ev, _ in found), found


@pytest.mark.parametrize(
    "text,lang",
    [
        ("El Congreso aprobó una amnistía para los presos políticos.", "es"),
        ("Parliament approved an amnesty for the rebels.", "en"),
    ],
)
def test_an_amnesty_outside_a_name_stays_an_event(make_doc, text, lang):
    assert "CONCEDE" in [ev for ev, _ in _all(make_doc, text, lang)]
