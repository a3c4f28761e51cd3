"""Lead, tenth round: behaviour found by trying invented articles as a user would."""

from __future__ import annotations

import warnings

import pytest

from cronica.pipeline import extract

warnings.filterwarnings("ignore")


def _events(text: str, lang: str = "es", date: str = "2024-12-03") -> list[dict]:
    result = extract(text, lang=lang, date=date)
    return list(result["events"])


@pytest.mark.parametrize("text", [
    "Miles de camioneros bloquearon las carreteras del sur de Perú para exigir al Gobierno "
    "la derogación de un decreto.",
    "Cientos de campesinos cortaron la ruta nacional para exigir al Gobierno de Bolivia una "
    "ley de tierras.",
])
def test_road_blocked_is_no_recipient_the_demand_addressee_is(text: str) -> None:
    protest = next(e for e in _events(text) if e["event"] == "PROTEST")
    assert protest["recipient"] is not None
    assert protest["recipient"]["text"].lower().endswith(("gobierno", "gobierno de bolivia"))
    assert protest["recipient_sector"] == "GOV"


def test_road_blocked_without_demand_has_no_recipient() -> None:
    protest = next(e for e in _events("Decenas de vecinos cortaron la ruta 14 en reclamo de "
                                      "agua potable.") if e["event"] == "PROTEST")
    assert protest["recipient"] is None


@pytest.mark.parametrize("text,actor", [
    ("El sindicato anunció que convocará una huelga general el jueves.", "sindicato"),
    ("Los docentes anunciaron que realizarán una marcha el lunes.", "docentes"),
])
def test_clause_only_speech_verb_gives_its_subject_to_a_subjectless_report(text: str, actor: str) -> None:
    # 'anunciar' reports only with a clause ('anunció que ...'); its subject is the dropped
    # subject of the announced act, as with 'dijo que' / 'informó que'
    protest = next(e for e in _events(text) if e["event"] == "PROTEST")
    assert protest["aux_mode"] == "future"
    assert protest["actor"] is not None and actor in protest["actor"]["text"]


@pytest.mark.parametrize("text", [
    "El ministro de Asuntos Campesinos rechazó la propuesta.",
    "El Ministerio de Asuntos Estudiantiles rechazó la propuesta.",
])
def test_ministry_keeps_gov_whatever_its_portfolio(text: str) -> None:
    event = next(e for e in _events(text) if e["event"] == "REJECT")
    assert event["actor_sector"] == "GOV"


def test_secretary_general_still_yields_to_the_body() -> None:
    event = next(e for e in _events("El secretario general de la CGT rechazó la propuesta.")
                 if e["event"] == "REJECT")
    assert event["actor_sector"] == "LAB"


def test_country_gives_way_to_the_province_the_sentence_names_inside_it() -> None:
    # 'in Nigeria's northwestern Zamfara state': no town named, the province is the closer place
    text = ("Gunmen killed at least 17 villagers in an overnight attack in Nigeria's "
            "northwestern Zamfara state, police said Sunday.")
    attack = next(e for e in _events(text, "en") if e["event"] == "ASSAULT")
    assert attack["event_loc"]["name"] == "Zamfara"
    assert attack["event_loc"]["feature"] == "admin1"


def test_town_reading_prefers_the_article_country_over_a_namesake_abroad() -> None:
    # 'Kaura village': the village reading in Nigeria, the country the article names, beats
    # a bigger town abroad whose alternate name folds to the same key
    text = ("Violence has risen in northern Nigeria this year. Gunmen opened fire on residents "
            "of Kaura village on Saturday, police said.")
    attack = next(e for e in _events(text, "en") if e["trigger"]["text"] == "opened fire")
    assert attack["event_loc"] is not None
    assert attack["event_loc"]["country"] == "NGA"
    assert attack["event_loc"]["name"] == "Kaura" and attack["event_loc"]["feature"] == "city"


def test_opening_fire_is_an_attack_whoever_the_shooters() -> None:
    events = _events("Los atacantes abrieron fuego contra los vecinos del barrio.")
    attack = next(e for e in events if e["event"] == "ASSAULT")
    assert attack["mode"] == "firearms"
    assert attack["trigger"]["text"].startswith("abrieron")


def test_a_definite_reference_to_an_attack_is_the_attack_told_before() -> None:
    text = ("Al menos ocho soldados murieron este jueves en un ataque con explosivos en el "
            "departamento del Cauca, informó el Ejército. El ataque ocurrió en una zona rural, "
            "donde los militares realizaban labores de patrullaje.")
    attacks = [e for e in _events(text, date="2024-03-14") if e["event"] == "ASSAULT"]
    assert len(attacks) == 1
    assert [m["text"] for m in attacks[0]["mentions"]][-1] == "ataque"
    assert attacks[0]["mentions"][-1]["sentence"] == attacks[0]["trigger"]["sentence"] + 1


def test_another_attack_is_not_the_one_told_before() -> None:
    text = ("Al menos ocho soldados murieron este jueves en un ataque con explosivos en el "
            "departamento del Cauca. Otro ataque ocurrió en una zona rural de Nariño.")
    attacks = [e for e in _events(text, date="2024-03-14") if e["event"] == "ASSAULT"]
    assert len(attacks) == 2


def test_lead_source_does_not_reach_background_history() -> None:
    text = ("Al menos ocho soldados murieron este jueves en un ataque de la guerrilla en el "
            "Cauca, informó el Ejército. En 2019, otro ataque en la región dejó cuatro "
            "policías muertos.")
    result = extract(text, lang="es", date="2024-03-14")
    current = [e for e in result["events"] if e["aux_mode"] is None and e["event"] == "ASSAULT"]
    history = [e for e in result["events"] if e["aux_mode"] == "historical"]
    assert current and any("Ejército" in str(r) for r in current[0]["reported_by"])
    assert history and not any("Ejército" in str(r) for e in history for r in e["reported_by"])


@pytest.mark.parametrize("text,lang", [
    ("La ONU advirtió de una crisis humanitaria en Gaza.", "es"),
    ("The UN warned of a humanitarian crisis in Gaza.", "en"),
])
def test_warning_of_a_danger_is_no_threat(text: str, lang: str) -> None:
    assert not [e for e in _events(text, lang) if e["event"] == "THREATEN"]


@pytest.mark.parametrize("text,lang", [
    ("El Gobierno advirtió que expulsará a los diplomáticos.", "es"),
    ("Irán advirtió a Israel de una respuesta contundente.", "es"),
    ("Israel warned Hezbollah of a harsh response.", "en"),
])
def test_warning_of_what_will_be_done_or_to_someone_stays_a_threat(text: str, lang: str) -> None:
    assert [e for e in _events(text, lang) if e["event"] == "THREATEN"]


def test_the_risk_of_an_attack_is_hypothetical() -> None:
    events = _events("La Defensoría del Pueblo advirtió sobre el riesgo de ataques en la región.")
    assert all(e["aux_mode"] == "hypothetical" for e in events if e["event"] == "ASSAULT")
    assert not [e for e in events if e["event"] == "THREATEN"]


def test_object_of_the_triggers_own_preposition_is_the_addressee() -> None:
    request = next(e for e in _events("The UN called on both sides to respect the ceasefire.",
                                      "en") if e["event"] == "REQUEST")
    assert request["recipient"] is not None and request["recipient"]["text"] == "both sides"


@pytest.mark.parametrize("text,target", [
    ("Police cracked down on protesters in the capital.", "protesters"),
    ("The rebels opened fire on the convoy.", "the convoy"),
])
def test_on_after_a_phrasal_attack_marks_the_target(text: str, target: str) -> None:
    event = next(e for e in _events(text, "en") if e["event"] in ("ASSAULT", "COERCE"))
    assert event["recipient"] is not None and event["recipient"]["text"] == target


def test_a_date_after_a_phrasal_attack_is_no_target() -> None:
    event = next(e for e in _events("The rebels opened fire on Sunday.", "en")
                 if e["event"] == "ASSAULT")
    assert event["recipient"] is None


@pytest.mark.parametrize("text,lang,target", [
    ("Los rebeldes atacaron el pueblo con machetes.", "es", "el pueblo"),
    ("Rebels attacked the village with machetes.", "en", "the village"),
])
def test_comitative_thing_is_the_instrument_not_the_target(text: str, lang: str, target: str) -> None:
    attack = next(e for e in _events(text, lang) if e["event"] == "ASSAULT")
    assert attack["recipient"] is not None and attack["recipient"]["text"] == target


@pytest.mark.parametrize("text,lang,party", [
    ("El Gobierno se reunió con los sindicatos.", "es", "los sindicatos"),
    ("The president met with opposition leaders.", "en", "opposition leaders"),
])
def test_comitative_actor_is_the_other_party(text: str, lang: str, party: str) -> None:
    meeting = next(e for e in _events(text, lang) if e["event"] == "CONSULT")
    assert meeting["recipient"] is not None and meeting["recipient"]["text"] == party
