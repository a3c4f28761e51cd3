"""Event arguments from grammar (branch brat4): dropped subjects of verb groups in reported
speech, and more. Short invented sentences."""

from __future__ import annotations

import pytest


def _events(text: str, lang: str = "es") -> list[dict]:
    from cronica.pipeline import extract

    return extract(text, lang=lang, date="2024-03-03")["events"]


def _first(text: str, event: str, lang: str = "es") -> dict:
    return next(e for e in _events(text, lang) if e["event"] == event)


def _text(arg: dict | None) -> str:
    return arg["text"] if arg else ""


@pytest.mark.slow
@pytest.mark.parametrize("text,event,actor", [
    # a perfect tense: the finite auxiliary makes the verb group finite
    ("El Ejército aseguró que ha atacado un depósito de armas.", "ASSAULT", "Ejército"),
    # 'ir a' + infinitive
    ("El portavoz de los camioneros dijo que van a bloquear las carreteras.", "PROTEST", "portavoz"),
    # a gerund completing a finite verb without subject
    ("La dirigente estudiantil dijo que continuarán manifestando contra el rector.", "PROTEST",
     "dirigente"),
])
def test_a_verb_group_without_subject_in_reported_speech_has_the_speaker(text, event, actor):
    assert actor in _text(_first(text, event)["actor"])


@pytest.mark.slow
def test_a_verb_group_with_its_own_subject_keeps_it():
    e = _first("El ministro dijo que los mineros van a bloquear las carreteras.", "PROTEST")
    assert "mineros" in _text(e["actor"])


@pytest.mark.slow
@pytest.mark.parametrize("text,event,actor", [
    ("Una manifestación de varios miles de campesinos recorrió el centro de la capital.",
     "PROTEST", "campesinos"),
    ("Se produjo una huelga de cientos de mineros en el norte.", "PROTEST", "mineros"),
])
def test_the_people_a_count_after_an_event_noun_counts_are_its_doers(text, event, actor):
    assert actor in _text(_first(text, event)["actor"])


@pytest.mark.slow
def test_a_count_after_a_noun_of_dying_counts_the_victims():
    e = _first("La muerte de cientos de civiles indignó al país.", "ASSAULT")
    assert "civiles" in _text(e["recipient"]) and "civiles" not in _text(e["actor"])


@pytest.mark.slow
@pytest.mark.parametrize("text,actor", [
    # the subject of the verb is the event; its actor is the event's own
    ("Una marcha de miles de campesinos protestó contra la reforma.", "campesinos"),
    ("La huelga de los pilotos paralizó el aeropuerto.", "pilotos"),
])
def test_an_event_subject_passes_its_own_actor(text, actor):
    assert actor in _text(_first(text, "PROTEST")["actor"])


@pytest.mark.slow
def test_an_event_subject_without_actor_is_no_actor():
    e = _first("Una huelga de 24 horas paralizó el puerto.", "PROTEST")
    assert "huelga" not in _text(e["actor"])


@pytest.mark.slow
def test_who_is_to_resign_is_the_target_of_the_demand():
    e = _first("Los manifestantes exigieron la renuncia del ministro de Economía.", "PROTEST")
    assert "ministro" in _text(e["recipient"])


@pytest.mark.slow
def test_a_possessive_resignation_refers_back_to_the_office_named_before():
    events = _events("El gobernador Pérez visitó la ciudad. Cientos de maestros exigieron su renuncia.")
    demand = next(e for e in events if e["trigger"]["text"] == "exigieron")
    assert "Pérez" in _text(demand["recipient"]) or "gobernador" in _text(demand["recipient"])
    assert "maestros" in _text(demand["actor"])


@pytest.mark.slow
def test_a_possessive_never_refers_to_the_subject_that_governs_it():
    e = _first("Los maestros exigieron su renuncia.", "REQUEST")
    assert "maestros" not in _text(e["recipient"])


@pytest.mark.slow
def test_the_means_of_a_passive_act_has_its_agent_and_patient():
    e = _first("Los manifestantes fueron repelidos con disparos de balas de goma y bombas "
               "lacrimógenas por agentes policiales.", "ASSAULT")
    assert "agentes" in _text(e["actor"]) and "manifestantes" in _text(e["recipient"])


@pytest.mark.slow
def test_a_passive_agent_hung_on_a_noun_before_it_is_still_the_agent():
    e = _first("Los estudiantes fueron atacados en la marcha por la policía.", "ASSAULT")
    assert "policía" in _text(e["actor"]) and "estudiantes" in _text(e["recipient"])


@pytest.mark.slow
def test_a_relative_subject_agrees_with_its_verb(nlp_es):
    from cronica.stages.events.args import _resolve_relative

    # the parser hangs the relative clause on 'barrio'; the plural verb wants 'vecinos'
    doc = nlp_es("Cientos de vecinos del barrio, que bloquearon la avenida, exigieron agua.")
    que = next(t for t in doc if t.text == "que")
    assert _resolve_relative(que).text == "vecinos"
    doc = nlp_es("Los delegados del sindicato, que se declararon en huelga, pidieron un aumento.")
    assert _resolve_relative(next(t for t in doc if t.text == "que")).text == "delegados"


@pytest.mark.slow
def test_a_singular_relative_after_two_coordinated_nouns_takes_the_last():
    e = _first("Las negociaciones entre el gobierno del presidente y la oposición, que continúa "
               "sus protestas, se reanudaron.", "PROTEST")
    assert "oposición" in _text(e["actor"])

