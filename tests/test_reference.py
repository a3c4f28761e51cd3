"""The reference reading of contentious event words (stages/events/reference.py): a kind of
act under a noun of law or right, or regulated by a verb, is no event; an act that took
place stays one. Sentences invented for the tests."""

from __future__ import annotations

import pytest

STAGES = ["actors", "events"]


def _events(adoc) -> list[tuple[str, str]]:
    return [(e.event, e.trigger.text) for e in adoc.events]


def _secondary(adoc) -> list[str]:
    return [e.trigger.text for e in adoc.secondary_events]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Los gremios defendieron el derecho a la protesta.", "protesta"),
        ("Los docentes reclamaron por el derecho de huelga.", "huelga"),
        ("El Congreso debatió la ley de manifestaciones.", "manifestaciones"),
        ("Los trabajadores tienen derecho a protestar.", "protestar"),
        ("Rechazamos el intento de criminalizar la protesta social.", "protesta"),
        ("El Congreso aprobó una ley que regula las manifestaciones.", "manifestaciones"),
        ("Para los sindicatos, la huelga es un derecho.", "huelga"),
        # through the nouns and infinitives of its phrase, and a passive's subject
        ("Se prohíbe el uso de gases en el control de las manifestaciones.", "manifestaciones"),
        ("El decreto prohibió marchar por el centro.", "marchar"),
        ("Las marchas fueron prohibidas por el decreto.", "marchas"),
    ],
)
def test_spanish_kind_of_act_is_no_event(make_doc, text: str, word: str) -> None:
    adoc = make_doc(text, lang="es", stages=STAGES)
    assert word not in [t for _, t in _events(adoc)]
    assert word in _secondary(adoc)  # still named: a secondary event word


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Unions defended the right to strike.", "strike"),
        ("The government will not criminalise protest.", "protest"),
        ("For the union, protest is a right.", "protest"),
        ("Street protests were banned by the new decree.", "protests"),
    ],
)
def test_english_kind_of_act_is_no_event(make_doc, text: str, word: str) -> None:
    adoc = make_doc(text, lang="en", stages=STAGES)
    assert word not in [t for _, t in _events(adoc)]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # acts that took place, beside the same nouns
        ("Los docentes realizaron una huelga para defender sus derechos.", "huelga"),
        ("Miles de personas protestaron contra la ley de reforma laboral.", "protestaron"),
        # a finite verb that regulates nothing ends the climb
        ("Los docentes marcharon por el derecho a la educación.", "marcharon"),
        ("La policía aplicó el nuevo protocolo en la marcha de los docentes.", "marcha"),
        # a phrase of means is no complement of kind ('con incendios')
        ("Avasallan nuestros derechos con ataques armados.", "ataques"),
        # its own anchor makes it one event: a name, a date, a demonstrative
        ("La ley prohibió la marcha del 8 de marzo.", "marcha"),
        ("El gobierno quiere criminalizar esta protesta.", "protesta"),
    ],
)
def test_spanish_act_that_took_place_stays(make_doc, coders, text: str, word: str) -> None:
    adoc = make_doc(text, lang="es")
    trace: list[tuple[str, int]] = []
    found = coders["es"].find_triggers(adoc.doc, trace)
    assert word in [adoc.doc[m.head].text for m in found]
    assert "trigger.kind" not in [rule for rule, _ in trace]


def test_english_strike_for_rights_stays(make_doc) -> None:
    adoc = make_doc("Nurses went on strike to defend their rights.", lang="en", stages=STAGES)
    assert "strike" in [t for _, t in _events(adoc)]


@pytest.fixture(scope="module")
def coders():
    from cronica.stages.events.coder import EventCoder

    return {"es": EventCoder("es"), "en": EventCoder("en")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Un ladrón mató a un comerciante durante el robo de su local.", "es"),
        ("A robber shot a shopkeeper during the theft.", "en"),
    ],
)
def test_assault_in_common_crime_stays_plover_but_not_contentious(make_doc, text, lang) -> None:
    from cronica.stages.events.reference import CRIME_TYPE, case_type

    adoc = make_doc(text, lang=lang, stages=STAGES)
    assault = [e for e in adoc.events if e.event == "ASSAULT"]
    assert assault, "PLOVER codes the act as ASSAULT (manual, 'A note on CRIME')"
    assert "crime" in assault[0].context
    assert case_type(assault[0].event, assault[0].context) == CRIME_TYPE


def test_protest_against_crime_stays_contentious(make_doc) -> None:
    from cronica.stages.events.reference import case_type

    adoc = make_doc("Los vecinos marcharon contra los robos en el barrio.", lang="es", stages=STAGES)
    protest = [e for e in adoc.events if e.event == "PROTEST"]
    assert protest and "crime" in protest[0].context
    assert case_type(protest[0].event, protest[0].context) == "PROTEST"


@pytest.mark.parametrize(
    "text",
    [
        "Los tres acusados fueron condenados a muerte por el tribunal.",
        "La fiscalía pidió la pena de muerte para el acusado.",
        "En 1950 los tres curas fueron detenidos y luego condenados a muerte.",
    ],
)
def test_death_as_punishment_is_no_killing(make_doc, text: str) -> None:
    adoc = make_doc(text, lang="es", stages=STAGES)
    assert "muerte" not in [t for _, t in _events(adoc)]
    assert "muerte" in _secondary(adoc)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("La muerte del dirigente a manos de la policía provocó protestas.", "muerte"),
        # 'condenar' also means to condemn: the attack it condemns took place
        ("El presidente condenó el ataque contra la embajada.", "ataque"),
    ],
)
def test_death_by_violence_stays(make_doc, coders, text: str, word: str) -> None:
    adoc = make_doc(text, lang="es")
    trace: list[tuple[str, int]] = []
    coders["es"].find_triggers(adoc.doc, trace)
    i = next(t.i for t in adoc.doc if t.text == word)
    assert ("trigger.penalty", i) not in trace


@pytest.mark.parametrize(
    ("text", "word", "fires"),
    [
        ("El juez enfrenta un pedido de juicio político.", "enfrenta", True),
        ("Son muchas las dificultades que enfrenta el tratado.", "enfrenta", True),
        ("El gobierno combate la pobreza con planes sociales.", "combate", True),
        ("Los estudiantes enfrentaron a la policía en la plaza.", "enfrentaron", False),
        ("El ejército combatió a los rebeldes en la selva.", "combatió", False),
        ("Los dos bandos se enfrentaron en el puerto.", "enfrentaron", False),
        ("Los guerrilleros enfrentaron al ejército en la sierra.", "enfrentaron", False),
    ],
)
def test_confrontation_needs_an_opponent(make_doc, coders, text: str, word: str, fires: bool) -> None:
    adoc = make_doc(text, lang="es")
    trace: list[tuple[str, int]] = []
    found = coders["es"].find_triggers(adoc.doc, trace)
    i = next(t.i for t in adoc.doc if t.text == word)
    assert (("trigger.faced_thing", i) in trace) is fires
    assert (word in [adoc.doc[m.head].text for m in found]) is not fires
