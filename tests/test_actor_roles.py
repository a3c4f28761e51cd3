"""Event arguments in context: sentence breaks before the parse, and the actor's country
from the places of a note. Short invented sentences."""

from __future__ import annotations

import pytest


def test_line_breaks_start_sentences_before_the_parse(nlp_es):
    from cronica.limits import mark_line_breaks

    text = "PROTESTA EN LA CAPITAL\n\nLIMA, Mar 3\n\nLos mineros iniciaron una huelga y marcharon."
    doc = mark_line_breaks(nlp_es.make_doc(text))
    starts = [t.text for t in doc[1:] if t.is_sent_start]
    assert starts == ["LIMA", "Los"]
    # inside a line, a sentence may start only after final punctuation
    assert doc[len(doc) - 3].is_sent_start is False
    doc = mark_line_breaks(nlp_es.make_doc("Uno dijo algo.\nOtro calló. Y se fue."))
    assert [t.text for t in doc[1:] if t.is_sent_start is True] == ["Otro"]
    assert next(t for t in doc if t.text == "Y").is_sent_start is None  # the parser decides


@pytest.mark.slow
def test_a_headline_without_full_stop_does_not_take_the_lead_subject():
    from cronica.pipeline import extract

    text = ("HUELGA DE MINEROS EN EL NORTE\n\nLIMA, Mar 3\n\n"
            "Los mineros del cobre iniciaron el lunes una huelga indefinida en el norte del país.")
    out = extract(text, lang="es", date="2024-03-03")
    strikes = [e for e in out["events"] if e["event"] == "PROTEST" and e["trigger"]["start"] > 40]
    assert strikes and strikes[0]["actor"] and "mineros" in strikes[0]["actor"]["text"]


def _first(text: str, event: str, lang: str = "es") -> dict:
    from cronica.pipeline import extract

    out = extract(text, lang=lang, date="2024-03-03")
    return next(e for e in out["events"] if e["event"] == event)


def _text(arg: dict | None) -> str:
    return arg["text"] if arg else ""


@pytest.mark.slow
@pytest.mark.parametrize("text,actor", [
    ("Los maestros se declararon en huelga de hambre.", "maestros"),
    ("La huelga de los pilotos retrasa los vuelos.", "pilotos"),
    ("La huelga del sindicato paralizó el puerto.", "sindicato"),
])
def test_who_strikes(text, actor):
    assert actor in _text(_first(text, "PROTEST")["actor"])


@pytest.mark.slow
def test_a_bare_kind_of_strike_names_no_actor():
    # 'de brazos caídos', 'de hambre': a kind of strike, not its doers
    assert "brazos" not in _text(_first("Hubo una huelga de brazos caídos.", "PROTEST")["actor"])


@pytest.mark.slow
def test_the_target_of_a_protest_is_not_its_actor():
    e = _first("Unos mil obreros participaron en una manifestación de protesta contra el gobierno.",
               "PROTEST")
    assert "gobierno" not in _text(e["actor"])
    assert "gobierno" in _text(e["recipient"])


@pytest.mark.slow
def test_a_place_inside_the_phrase_does_not_code_the_attacker():
    e = _first("Un ataque con drones en el sur del Líbano mató a dos pastores.", "ASSAULT")
    assert not (e["actor"] and e["actor"]["code"].startswith("LBN"))


@pytest.mark.slow
@pytest.mark.parametrize("text,event,actor", [
    # a verb that is no event of its own passes its subject to its event-noun object
    ("Los sindicatos y el gobierno reanudaron ayer las negociaciones.", "CONSULT", "sindicatos"),
    ("Los camioneros decidieron el lunes un nuevo paro.", "PROTEST", "camioneros"),
    ("Los dos partidos llegaron a un acuerdo.", "AGREE", "partidos"),
    # a verb of the same act carries its noun ('suscribir' names an agreement only in context)
    ("El gobierno suscribió ayer un acuerdo con los maestros.", "AGREE", "gobierno"),
    # ... and so do verbs with a preposition
    ("Los pescadores decidieron acabar con el bloqueo del puerto.", "PROTEST", "pescadores"),
    ("Los agitadores se infiltraron en una manifestación estudiantil.", "PROTEST", "agitadores"),
])
def test_an_event_noun_takes_the_subject_of_its_carrying_verb(text, event, actor):
    assert actor in _text(_first(text, event)["actor"])


@pytest.mark.slow
def test_a_verb_that_is_an_event_keeps_its_subject_from_the_noun():
    # the police repress the march: they are not its marchers
    out = _first("La policía reprimió una marcha de los estudiantes.", "PROTEST")
    assert "policía" not in _text(out["actor"])


@pytest.mark.slow
def test_both_sides_of_entre_on_a_participle_and_on_a_reciprocal_noun():
    out = _first("Los choques ocurridos ayer entre la policía y los mineros dejaron tres heridos.",
                 "ASSAULT")
    assert "policía" in _text(out["actor"]) and _text(out["recipient"]) == "los mineros"
    out = _first("Las negociaciones entre el gobierno y los campesinos se basan en tres puntos.",
                 "CONSULT")
    assert "gobierno" in _text(out["actor"]) and _text(out["recipient"]) == "los campesinos"


@pytest.mark.slow
def test_the_party_named_on_the_carrying_verb_is_the_recipient():
    out = _first("Los mineros realizaron una protesta ante el Congreso.", "PROTEST")
    assert "mineros" in _text(out["actor"]) and "Congreso" in _text(out["recipient"])


@pytest.mark.slow
@pytest.mark.parametrize("text,event,actor", [
    # a count heads the subject: the people counted are the actor
    ("Cientos de miles de campesinos marcharon ayer por la capital.", "PROTEST", "campesinos"),
    # a subject hung by the parser on a preceding date still belongs to the verb
    ("Dijo que el próximo 21 de agosto los mineros de la provincia, a unos 450 km de la capital,"
     " realizarán una marcha.", "PROTEST", "mineros"),
    # the infinitive complement of an object noun has the clause's subject
    ("Los presos iniciaron una rebelión para protestar contra las condiciones.", "PROTEST",
     "presos"),
])
def test_subjects_the_parse_hides(text, event, actor):
    assert actor in _text(_first(text, event)["actor"])


@pytest.mark.slow
def test_agents_of_participles_and_of_passives():
    out = _first("Una manifestación organizada por los pilotos atrasó los vuelos.", "PROTEST")
    assert "pilotos" in _text(out["actor"])
    out = _first("En los disturbios fue saqueada una tienda de ropa por jóvenes encapuchados.",
                 "COERCE")
    assert "jóvenes" in _text(out["actor"]) and "tienda" in _text(out["recipient"])


@pytest.mark.slow
def test_the_topic_of_a_protest_names_its_target_not_its_actor():
    out = _first("Se inician protestas por la llegada del general Soto al Senado.", "PROTEST")
    assert "Soto" not in _text(out["actor"])
    out = _first("Los maestros marcharon contra las reformas promovidas por el presidente Fox.",
                 "PROTEST")
    assert "maestros" in _text(out["actor"]) and "presidente" in _text(out["recipient"])


@pytest.mark.slow
def test_a_passive_verb_shares_the_subject_of_its_clause_as_recipient():
    out = _first("Cien campesinos tomaron el edificio pero fueron dispersados por la policía.",
                 "COERCE")
    assert "policía" in _text(out["actor"]) and "campesinos" in _text(out["recipient"])


@pytest.mark.slow
def test_two_subjects_of_an_agreement_are_its_two_parties():
    out = _first("La gubernamental Alianza y el opositor peronismo acordaron el miércoles una ley.",
                 "AGREE")
    assert "Alianza" in _text(out["actor"]) and "peronismo" in _text(out["recipient"])


@pytest.mark.slow
def test_relatives_and_complements_name_the_doers():
    # the subject of a relative clause that carries the noun ('que organizan los sindicatos')
    out = _first("Le preguntaron por las protestas que organizan los sindicatos.", "PROTEST")
    assert "sindicatos" in _text(out["actor"])
    # a head coded through its complement spans the whole phrase
    out = _first("Reclusos de Ecuador continúan protestando por la rebaja de penas.", "PROTEST")
    assert _text(out["actor"]).startswith("Reclusos")


@pytest.mark.slow
def test_who_reports_or_prevents_an_act_is_not_its_actor():
    out = _first("El dirigente confirmó la muerte de un campesino en la provincia.", "ASSAULT")
    assert "dirigente" not in _text(out["actor"]) and "campesino" in _text(out["recipient"])
    out = _first("El gobierno evitó la huelga de los mineros.", "PROTEST")
    assert "gobierno" not in _text(out["actor"])


@pytest.mark.slow
def test_a_passive_subject_is_not_the_actor_of_the_means():
    out = _first("Los manifestantes fueron repelidos con disparos de balas de goma.", "ASSAULT")
    assert "manifestantes" not in _text(out["actor"])


@pytest.mark.slow
def test_a_dropped_subject_of_a_carrying_verb_is_the_speaker():
    out = _first("Un obrero dijo que si no somos escuchados, aumentaremos las medidas de fuerza.",
                 "PROTEST")
    assert "obrero" in _text(out["actor"])


@pytest.mark.slow
def test_the_look_ahead_for_an_agent_stops_at_a_place():
    out = _first("Unas diez mil personas participaron en una marcha en un campo de refugiados.",
                 "PROTEST")
    assert "refugiados" not in _text(out["actor"])
