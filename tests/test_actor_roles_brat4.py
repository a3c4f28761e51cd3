"""Event arguments from grammar (branch brat4): dropped subjects of verb groups in reported
speech, and more. Short invented sentences."""

from __future__ import annotations

import pytest
from pipeline_helpers import extracted_events

_events = extracted_events


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
    from cronica.stages.events.args import resolve_relative

    # the parser hangs the relative clause on 'barrio'; the plural verb wants 'vecinos'
    doc = nlp_es("Cientos de vecinos del barrio, que bloquearon la avenida, exigieron agua.")
    que = next(t for t in doc if t.text == "que")
    assert resolve_relative(que).text == "vecinos"
    doc = nlp_es("Los delegados del sindicato, que se declararon en huelga, pidieron un aumento.")
    assert resolve_relative(next(t for t in doc if t.text == "que")).text == "delegados"


@pytest.mark.slow
def test_a_singular_relative_after_two_coordinated_nouns_takes_the_last():
    e = _first("Las negociaciones entre el gobierno del presidente y la oposición, que continúa "
               "sus protestas, se reanudaron.", "PROTEST")
    assert "oposición" in _text(e["actor"])



@pytest.mark.slow
@pytest.mark.parametrize("text,target", [
    ("Los maestros emprendieron una huelga para exigir la destitución del alcalde.", "alcalde"),
    ("Las violentas protestas provocaron la caída del presidente.", "presidente"),
    ("Los vecinos, que buscan la renuncia del gobernador, convocaron una marcha.", "gobernador"),
])
def test_a_protest_is_aimed_at_whoever_s_removal_is_sought_beside_it(text, target):
    assert target in _text(_first(text, "PROTEST")["recipient"])


@pytest.mark.slow
def test_a_fall_of_prices_is_no_one_s_removal():
    e = _first("Los agricultores marcharon tras la caída de los precios del café.", "PROTEST")
    assert "precios" not in _text(e["recipient"])


@pytest.mark.slow
def test_a_subject_hung_on_a_fronted_place_is_the_subject():
    e = _first("En Lima, decenas de miles de personas se manifestaron en las calles.", "PROTEST")
    assert "personas" in _text(e["actor"])


@pytest.mark.slow
def test_of_two_subjects_the_one_agreeing_with_the_verb_is_the_actor():
    e = _first("En Lima, la capital, los mineros marcharon.", "PROTEST")
    assert "mineros" in _text(e["actor"])


@pytest.mark.slow
def test_a_mislabelled_recipient_preposition_still_names_the_recipient():
    e = _first("El ministro se reunió con los dirigentes sindicales.", "CONSULT")
    assert "dirigentes" in _text(e["recipient"])


@pytest.mark.slow
@pytest.mark.parametrize("text,actor", [
    ("Organizaciones sociales de Guatemala cumplirán este miércoles una serie de protestas "
     "contra el costo de la vida.", "Organizaciones"),
    ("Mientras, en las calles aledañas al recinto legislativo, centenares de estudiantes "
     "mantenían una protesta con música.", "estudiantes"),
    ("En Brasil, cientos de miles de camioneros -unos 700.000 según fuentes de prensa- "
     "continuaron este martes un paro.", "camioneros"),
])
def test_the_subject_of_the_verb_carrying_a_protest_noun_through_a_difficult_parse(text, actor):
    assert actor in _text(_first(text, "PROTEST")["actor"])


@pytest.mark.slow
def test_an_all_capital_headline_takes_its_first_actor_as_subject():
    text = ("ESTUDIANTES SAQUEAN CAMION DE WHISKY EN MARACAIBO\n\nMARACAIBO, Set 9\n\n"
            "Estudiantes saquearon un camión repartidor de whisky.")
    events = _events(text)
    head = [(m["actor"] or {}).get("text", "") for e in events for m in e["mentions"]
            if m["text"] == "SAQUEAN"]
    head += [_text(e["actor"]) for e in events if e["trigger"]["text"] == "SAQUEAN"]
    assert "ESTUDIANTES" in head


@pytest.mark.slow
def test_a_headline_without_an_actor_before_its_trigger_gets_none():
    text = "HUELGA DE MINEROS EN EL NORTE\n\nLIMA, Mar 3\n\nHubo una huelga de brazos caídos."
    strike = next(e for e in _events(text) if e["trigger"]["text"] == "HUELGA")
    assert strike["actor"] is None or "MINEROS" in _text(strike["actor"])


@pytest.mark.slow
def test_a_date_read_as_subject_is_no_actor():
    e = _first("Ortega anunció el sábado anterior que se reuniría con el presidente.", "CONSULT")
    assert "sábado" not in _text(e["actor"])
    assert "Ortega" in _text(e["actor"])


@pytest.mark.slow
@pytest.mark.parametrize("text,actor", [
    ("El dirigente dijo que participarán en la marcha del jueves.", "dirigente"),
    # a plural verb with 'se' and no noun is pronominal, not impersonal: its subject is dropped
    ("El profesor informó que junto con su compañero se declararon en huelga de hambre.", "profesor"),
])
def test_a_carried_noun_of_a_subjectless_reported_verb_has_the_speaker(text, actor):
    assert actor in _text(_first(text, "PROTEST")["actor"])


@pytest.mark.slow
def test_a_passive_se_with_its_patient_has_no_speaker_as_actor():
    e = _first("El ministro dijo que se realizarán protestas.", "PROTEST")
    assert "ministro" not in _text(e["actor"])


@pytest.mark.slow
def test_a_fronted_subject_set_off_by_a_comma_before_its_article():
    e = _first("Y en rechazo a los aumentos, las organizaciones indígenas y campesinas anunciaron "
               "el lunes marchas y protestas.", "PROTEST")
    assert "organizaciones" in _text(e["actor"])


@pytest.mark.slow
def test_a_target_hung_on_the_agent_after_the_noun_is_the_target():
    e = _first("El refuerzo coincide con la octava semana del paro nacional convocado por la "
               "oposición contra el gobierno.", "PROTEST")
    assert "oposición" in _text(e["actor"]) and "gobierno" in _text(e["recipient"])


@pytest.mark.slow
def test_a_demand_is_aimed_at_whoever_is_to_leave_in_its_clause():
    e = _first("Se exigirá también, añadió el responsable sindical, la renuncia del gobierno y "
               "la realización de elecciones.", "REQUEST")
    assert "gobierno" in _text(e["recipient"])
