"""Event coding rules of branch protest12 (issue 13); see docs/benchmarks.md, section
protest12."""

from __future__ import annotations


def _events(make_doc, text: str, lang: str = "es") -> list[tuple[str, str]]:
    adoc = make_doc(text, lang=lang, stages=("actors", "events"))
    return [(e.event, e.trigger.text) for e in adoc.events if e.embedded_in is None]


def test_a_meeting_with_the_press_is_no_consultation(make_doc):
    # the press is the channel the news reached the reporter through (attribution
    # guidelines, REPORTED_BY), like a press conference
    for text in ("La ministra dijo en una reunión con periodistas que no habrá cambios.",
                 "El alcalde se reunió con la prensa en el ayuntamiento.",
                 "El canciller se reunió con corresponsales extranjeros en su despacho."):
        evs = _events(make_doc, text)
        assert "CONSULT" not in [e[0] for e in evs], (text, evs)


def test_a_meeting_with_parties_and_the_press_stays_a_consultation(make_doc):
    evs = _events(make_doc, "El alcalde se reunió con los comerciantes y con la prensa.")
    assert "CONSULT" in [e[0] for e in evs], evs
    evs = _events(make_doc, "La ministra mantuvo una reunión con los dirigentes sindicales.")
    assert "CONSULT" in [e[0] for e in evs], evs


def test_english_meeting_with_reporters_is_no_consultation(make_doc):
    evs = _events(make_doc, "The governor met with reporters at the airport on Friday.", "en")
    assert "CONSULT" not in [e[0] for e in evs], evs
    evs = _events(make_doc, "The governor met with farm leaders at the airport on Friday.", "en")
    assert "CONSULT" in [e[0] for e in evs], evs


def test_an_occasion_or_statement_offered_is_no_offer_of_cooperation(make_doc):
    # DLE 'ofrecer': to give a banquet, a party; to state: no AGREE (CAMEO 03)
    for text in ("La alcaldesa ofreció una rueda de prensa en el ayuntamiento.",
                 "El embajador ofrecerá una recepción a los empresarios el viernes.",
                 "El portavoz ofreció declaraciones a una radio local.",
                 "Los ganaderos no irán al almuerzo que el ministro ofrecerá a los alcaldes."):
        evs = _events(make_doc, text)
        assert "AGREE" not in [e[0] for e in evs], (text, evs)


def test_offered_aid_or_talks_stay_offers(make_doc):
    for text in ("El gobierno ofreció ayuda a los pescadores afectados.",
                 "La empresa ofreció un diálogo a los trabajadores en huelga."):
        evs = _events(make_doc, text)
        assert "AGREE" in [e[0] for e in evs], (text, evs)


def _full(make_doc, text: str) -> list[tuple[str, str, str | None, str | None]]:
    adoc = make_doc(text, lang="es", stages=("actors", "events"))
    return [(e.event, e.trigger.text, e.mode, e.aux_mode) for e in adoc.events if e.embedded_in is None]


def test_a_negated_attendance_of_a_meeting_is_a_refusal_to_meet(make_doc):
    # CAMEO 125 (reject proposal to meet) -> REJECT 'meet'; the 'no' makes the refusal, so
    # the event is not negated, and the meeting is no positive future CONSULT of the subject
    for text in ("La asociación de ganaderos no asistirá a la reunión con el ministro.",
                 "Los transportistas no acudirán al diálogo convocado por la alcaldía.",
                 "La cooperativa no asistirá al almuerzo que el gobernador ofrecerá el sábado."):
        evs = _full(make_doc, text)
        assert ("REJECT", "meet", None) in [(e[0], e[2], e[3]) for e in evs], (text, evs)
        assert "CONSULT" not in [e[0] for e in evs], (text, evs)


def test_attending_or_missing_an_act_is_no_refusal(make_doc):
    evs = _full(make_doc, "La asociación de ganaderos asistirá a la reunión con el ministro.")
    assert "REJECT" not in [e[0] for e in evs] and "CONSULT" in [e[0] for e in evs], evs
    # a march is no meeting: not taking part in it is no refusal to meet
    evs = _full(make_doc, "Los ganaderos no participaron en la marcha del jueves.")
    assert "REJECT" not in [e[0] for e in evs], evs


def test_a_clash_with_a_match_score_is_a_game(make_doc):
    for text in ("Durante el choque Perú-Ecuador (2-0), el estadio se llenó.",
                 "Nacional venció a Peñarol por 3-1 en un choque disputado en Montevideo.",
                 "El enfrentamiento entre los dos equipos de la ciudad terminó 1-1."):
        evs = _events(make_doc, text)
        assert "ASSAULT" not in [e[0] for e in evs] and "FIGHT" not in [e[0] for e in evs], (text, evs)


def test_a_clash_of_armed_men_or_a_day_range_keeps_the_clash(make_doc):
    for text in ("El choque entre soldados y rebeldes dejó doce muertos.",
                 "Los enfrentamientos del 21-22 de junio dejaron tres muertos."):
        evs = _events(make_doc, text)
        assert {"ASSAULT", "FIGHT"} & {e[0] for e in evs}, (text, evs)
