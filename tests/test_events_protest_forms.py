"""Spanish protest forms: the repertoire of the PLOVER/SCAD protest modes by word family
(-azo, -ada, -eo nominalisations, hunger strikes, road blocks, gatherings with a cause) and
the grammar that keeps one protest one event."""

from __future__ import annotations

import pytest


def _events(make_doc, text: str, lang: str = "es") -> list[tuple[str, str | None, str]]:
    adoc = make_doc(text, lang=lang, stages=("actors", "events"))
    return [(e.event, e.mode, e.trigger.text) for e in adoc.events]


@pytest.mark.parametrize(
    "text,mode",
    [
        ("Los vecinos hicieron un bocinazo frente a la municipalidad.", "demo"),
        ("Los docentes realizaron una bicicleteada por la ruta provincial.", "demo"),
        ("Cientos de productores organizaron un tractorazo en la capital.", "demo"),
        ("Dos presos iniciaron una huelga de hambre en la cárcel.", "hunger"),
        ("Los desocupados mantienen un corte de ruta desde el lunes.", "obstruct"),
        ("Los gremios anunciaron una medida de fuerza para el martes.", "strike"),
        ("Los jubilados hicieron un caceroleo en la plaza.", "demo"),
    ],
)
def test_protest_forms_are_protests(make_doc, text, mode):
    evs = _events(make_doc, text)
    assert [(e, m) for e, m, _ in evs] == [("PROTEST", mode)], evs


def test_a_gathering_with_a_cause_is_a_protest(make_doc):
    evs = _events(make_doc, "Cientos de jubilados se concentraron frente al Congreso para reclamar aumentos.")
    assert [e for e, _, _ in evs] == ["PROTEST"], evs


def test_a_gathering_without_a_cause_is_none(make_doc):
    evs = _events(make_doc, "Los turistas se congregaron en la playa para ver el eclipse.")
    assert "PROTEST" not in [e for e, _, _ in evs], evs


def test_a_gathering_in_a_demonstration_is_that_demonstration(make_doc):
    # 'en una manifestación' (a determiner) is the occasion, not the manner 'en protesta'
    evs = _events(make_doc, "Miles de estudiantes se congregaron en una manifestación contra la reforma.")
    assert [e for e, _, _ in evs] == ["PROTEST"], evs


def test_in_protest_is_a_bare_manner_phrase(make_doc):
    evs = _events(make_doc, "El alcalde propuso cerrar el mercado en protesta por los nuevos impuestos.")
    assert "PROTEST" in [e for e, _, _ in evs], evs


@pytest.mark.parametrize(
    "text",
    ["Sin embargo, los gremios amenazaron con una huelga.", "No obstante, los obreros marcharon hasta la plaza."],
)
def test_a_fixed_connective_is_no_negation(make_doc, text):
    adoc = make_doc(text, lang="es", stages=("actors", "events"))
    assert adoc.events and adoc.events[0].aux_mode != "negation", [
        (e.event, e.aux_mode) for e in adoc.events
    ]


def test_the_size_of_a_protest_is_no_meeting(make_doc):
    evs = _events(make_doc, "En la capital, la marcha reunió a unas diez mil personas por la tarde.")
    assert [e for e, _, _ in evs] == ["PROTEST"], evs


def test_a_demand_by_strikers_is_a_protest(make_doc):
    # PLOVER manual, REQUEST: demands in the form of demonstrations are PROTEST
    evs = _events(make_doc, "Los huelguistas exigieron un aumento salarial frente a la fábrica.")
    assert [e for e, _, _ in evs] == ["PROTEST"], evs
    evs = _events(make_doc, "El sindicato exigió un aumento salarial.")
    assert [e for e, _, _ in evs] == ["REQUEST"], evs


def _ev(event: str, conf: float, actor_code: str = "") -> object:
    from cronica.model import Event, EventArg, Span

    actor = EventArg("x", actor_code, [actor_code], 0, 1) if actor_code else None
    return Event(id="", event=event, trigger=Span(event, 0, 1, 0), confidence=conf, actor=actor)


def test_side_mentions_need_more_confidence_than_contentious_ones():
    from cronica.stages.events.rank import prune_secondary

    main = _ev("PROTEST", 0.8)
    support, protest, coded = _ev("SUPPORT", 0.45), _ev("PROTEST", 0.45), _ev("SUPPORT", 0.45, "NGO")
    kept = prune_secondary([main, support, protest, coded])
    assert support not in kept  # a verbal or cooperative side remark without a coded actor
    assert protest in kept and coded in kept
    assert prune_secondary([support]) == [support]  # alone in its sentence, it stays


def test_a_manner_protest_is_its_own_act_with_its_own_mode(make_doc):
    # 'en protesta por' hangs from 'propuso' but is neither its content nor hypothetical
    adoc = make_doc(
        "El rector había propuesto en una asamblea el cierre de la facultad, en protesta por el fraude electoral.",
        lang="es",
        stages=("actors", "events"),
    )
    protests = [e for e in adoc.events if e.event == "PROTEST"]
    assert [(e.trigger.text, e.aux_mode) for e in protests] == [("protesta", None)], [
        (e.event, e.trigger.text, e.aux_mode, e.confidence) for e in adoc.events
    ]


def test_a_gathering_with_a_cause_and_no_one_to_meet_is_a_rally(make_doc):
    evs = _events(make_doc, "Cientos de jubilados se reunieron frente al Congreso para reclamar por sus haberes.")
    assert [(e, m) for e, m, _ in evs] == [("PROTEST", "demo")], evs
    # a meeting with someone stays a consultation, whatever its aim
    evs = _events(make_doc, "El ministro se reunió con los sindicatos para reclamar calma.")
    assert [e for e, _, _ in evs] == ["CONSULT"], evs
    evs = _events(make_doc, "Los cancilleres se reunieron en Lima.")
    assert [e for e, _, _ in evs] == ["CONSULT"], evs


def test_a_plan_of_union_action_is_a_protest(make_doc):
    evs = _events(make_doc, "Los trabajadores activaron un plan de lucha contra los despidos.")
    assert [e for e, _, _ in evs] == ["PROTEST"], evs


def test_a_participle_before_an_event_noun_is_an_epithet(make_doc):
    evs = _events(make_doc, "La prometida huelga general comenzó el lunes.")
    assert [e for e, _, _ in evs] == ["PROTEST"], evs


@pytest.mark.parametrize(
    "text,lang",
    [
        ("La policía impidió la marcha de los estudiantes.", "es"),
        ("The police prevented the rally planned by the students.", "en"),
    ],
)
def test_preventing_a_protest_is_coercion_and_the_protest_did_not_happen(make_doc, text, lang):
    adoc = make_doc(text, lang=lang, stages=("actors", "events"))
    frames = [e for e in adoc.events if e.embedded_in is None]
    assert [(e.event, e.mode) for e in frames] == [("COERCE", "restrict")], [
        (e.event, e.aux_mode, e.embedded_in) for e in adoc.events
    ]
    assert [e.aux_mode for e in adoc.events if e.event == "PROTEST"] == ["negation"]


def test_a_prevention_without_a_protest_is_no_event(make_doc):
    assert _events(make_doc, "Un camión impidió el paso de los autos.") == []
