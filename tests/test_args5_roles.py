"""Argument and actor-coding faults a user saw (branch args5, issue 12). Short invented
sentences."""

from __future__ import annotations

import pytest
from pipeline_helpers import extracted_events

_events = extracted_events


def _text(arg: dict | None) -> str:
    return arg["text"] if arg else ""


def _mentions(text: str, lang: str = "es") -> list[tuple[str, str]]:
    """(trigger, actor text) of every mention of every event."""
    out = []
    for e in _events(text, lang):
        out.append((e["trigger"]["text"], _text(e["actor"])))
        out += [(m["text"], _text(m.get("actor"))) for m in e.get("mentions", [])]
    return out


@pytest.mark.slow
@pytest.mark.parametrize("text,trigger,actor", [
    # the antecedent of the relative is an event noun: its own actor acts
    ("Los mineros iniciaron una jornada de protestas, que incluía huelgas de hambre.",
     "huelgas", "mineros"),
    # a context-only event word ('ofensiva') is no actor either
    ("Los soldados iniciaron una ofensiva, que incluía bombardeos contra aldeas.",
     "bombardeos", "soldados"),
])
def test_an_event_noun_is_never_the_actor_of_another_event(text, trigger, actor):
    found = [a for t, a in _mentions(text) if t.startswith(trigger)]
    assert found and all(actor in a and trigger not in a for a in found if a), found


@pytest.mark.slow
def test_a_people_antecedent_of_a_relative_stays_the_actor():
    found = [a for t, a in _mentions("Los mineros, que protestaron ayer, bloquearon la carretera.")
             if t == "protestaron"]
    assert found and "mineros" in found[0] and "protestaron" not in found[0]


@pytest.mark.slow
@pytest.mark.parametrize("text,lang,recipient", [
    ("El ladrón fue detenido por robo.", "es", "ladrón"),
    ("El alcalde fue arrestado por corrupción.", "es", "alcalde"),
    ("The smuggler was arrested for theft.", "en", "smuggler"),
])
def test_an_offence_in_the_passive_agent_phrase_is_the_cause(text, lang, recipient):
    e = next(e for e in _events(text, lang) if e["event"] == "COERCE")
    assert e["actor"] is None and recipient in _text(e["recipient"])


@pytest.mark.slow
@pytest.mark.parametrize("text,lang,actor", [
    ("El ladrón fue detenido por la policía por robo.", "es", "policía"),
    ("The smuggler was arrested by police for theft.", "en", "police"),
    # an offence word modifying the agent names no cause: the detectives arrest
    ("The smuggler was arrested by murder detectives.", "en", "detectives"),
])
def test_a_passive_agent_beside_an_offence_stays_the_actor(text, lang, actor):
    e = next(e for e in _events(text, lang) if e["event"] == "COERCE")
    assert actor in _text(e["actor"])


def _actor_codes(text: str, lang: str = "es") -> list[tuple[str, str]]:
    from cronica.pipeline import extract

    return [(a["span"]["text"], a["code"]) for a in extract(text, lang=lang)["actors"]]


@pytest.mark.slow
@pytest.mark.parametrize("text,name", [
    # a given name before it: the demonym is a surname
    ("El presidente Arnoldo Alemán fue detenido por la policía.", "Alemán"),
    ("La ministra Lucía Francés criticó el acuerdo.", "Francés"),
    # a lower-case title before it: a name (Spanish writes nationalities in lower case)
    ("El expresidente Ruso visitó la capital.", "Ruso"),
])
def test_a_capitalised_demonym_in_a_name_is_no_nationality(text, name):
    codes = _actor_codes(text)
    assert not any(c[:3] in ("DEU", "FRA", "RUS") for _, c in codes), codes


@pytest.mark.slow
@pytest.mark.parametrize("text,span,code", [
    ("El ministro ruso criticó el acuerdo.", "El ministro ruso", "RUSGOV"),
    ("Russian troops attacked the village.", "Russian troops", "RUSMIL"),
])
def test_a_demonym_adjective_is_still_a_nationality(text, span, code):
    lang = "en" if text.startswith("Russian") else "es"
    assert (span, code) in _actor_codes(text, lang)


@pytest.mark.slow
@pytest.mark.parametrize("text,span,code", [
    ("El líder sindical dijo que convocarán una huelga.", "El líder sindical", "LAB"),
    ("La dirigente estudiantil habló ante la prensa.", "La dirigente estudiantil", "EDU"),
    ("El líder opositor criticó el acuerdo.", "El líder opositor", "OPP"),
    ("Los dirigentes campesinos bloquearon la carretera.", "Los dirigentes campesinos", "AGR"),
    ("El portavoz empresarial pidió calma.", "El portavoz empresarial", "BUS"),
])
def test_a_sector_adjective_after_a_title_gives_its_sector(text, span, code):
    assert (span, code) in _actor_codes(text)
