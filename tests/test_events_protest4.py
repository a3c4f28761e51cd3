"""Spanish protest wording by word family and grammar (branch protest4): nominal riots
('explosión social', 'levantamiento popular'), occupations ('tomaron la sede', 'se tomaron la carretera'),
and 'oponer' that rejects only in its pronominal use."""

from __future__ import annotations

import pytest


def _events(make_doc, text: str) -> list[tuple[str, str | None, str]]:
    adoc = make_doc(text, lang="es", stages=("actors", "events"))
    return [(e.event, e.mode, e.trigger.text) for e in adoc.events]


@pytest.mark.parametrize(
    "text,mode",
    [
        ("La subida de precios provocó una explosión social en el norte.", "riot"),
        ("Un levantamiento popular sacudió la provincia.", "riot"),
        ("Los estudiantes tomaron la sede del rectorado.", "obstruct"),
        ("Cientos de campesinos se tomaron la carretera.", "obstruct"),
        ("Los jóvenes tomaron las calles de la capital.", "obstruct"),
        ("El ministro fue recibido con un abucheo en el estadio.", "demo"),
        ("Miles de personas salieron a las calles para exigir la renuncia del alcalde.", "demo"),
        ("Cientos de indígenas levantaron barricadas en la carretera.", "obstruct"),
        ("Los manifestantes quemaron llantas frente a la gobernación.", "obstruct"),
        ("Los médicos iniciaron un trabajo a reglamento.", "strike"),
        ("Los estatales anunciaron una retención de tareas.", "strike"),
        ("Los opositores hicieron un trancazo en las principales avenidas.", "obstruct"),
        ("Los desocupados instalaron una olla popular frente a la municipalidad.", "demo"),
        ("Las mujeres hicieron un pañuelazo en la plaza.", "demo"),
        ("Miles de personas formaron una cadena humana por la independencia.", "demo"),
        ("Los vecinos mantienen un corte de calle desde el martes.", "obstruct"),
        ("Los camioneros pararon este lunes en todo el país.", "strike"),
        ("El sindicato de los bancarios paró durante 48 horas.", "strike"),
    ],
)
def test_protest_families_are_protests(make_doc, text, mode):
    evs = _events(make_doc, text)
    assert ("PROTEST", mode) in [(e, m) for e, m, _ in evs], evs


@pytest.mark.parametrize(
    "text",
    [
        "Ella tomó la ruta más corta hacia la costa.",
        "Los agricultores se tomaron un café en la plaza.",
        "El niño salió a la calle a jugar.",
        "El chofer paró en la esquina.",
        "Los policías pararon a los conductores en la ruta.",
        "La lluvia paró por la tarde.",
    ],
)
def test_ordinary_uses_of_the_protest_verbs_are_no_protest(make_doc, text):
    assert "PROTEST" not in [e for e, _, _ in _events(make_doc, text)]


def test_an_explosion_that_is_social_is_no_bombing(make_doc):
    evs = _events(make_doc, "La crisis generó una explosión social en el país.")
    assert "ASSAULT" not in [e for e, _, _ in evs], evs


def test_oppose_rejects_only_when_pronominal(make_doc):
    assert "REJECT" in [e for e, _, _ in _events(make_doc, "El partido se opone a la reforma.")]
    assert "REJECT" in [
        e for e, _, _ in _events(make_doc, "Los detenidos opusieron resistencia a la policía.")
    ]
    # plain 'oponer a X y Y': the clashes set two sides against each other, no one rejects
    evs = _events(make_doc, "Los enfrentamientos opusieron a policías y manifestantes.")
    assert "REJECT" not in [e for e, _, _ in evs], evs


def test_a_sector_without_country_may_name_the_same_party_as_that_sector_of_a_country():
    from types import SimpleNamespace

    from cronica.stages.events.merge import _compatible

    def arg(code: str) -> SimpleNamespace:
        return SimpleNamespace(code=code, codes=[code], text=code)

    assert _compatible(arg("GOV"), arg("PANGOV"))
    assert _compatible(arg("PANGOV"), arg("GOV"))
    assert not _compatible(arg("GOV"), arg("PANLAB"))
    assert not _compatible(arg("COLGOV"), arg("PANGOV"))


def test_a_march_and_its_manner_protest_are_one_event(make_doc):
    # the march's recipient is coded with its country, the manner phrase's without
    evs = _events(
        make_doc,
        "Los obreros de Panamá realizarán el jueves una manifestación contra el presidente "
        "panameño, en protesta por la reforma laboral del gobierno.",
    )
    assert [e for e, _, _ in evs].count("PROTEST") == 1, evs


def test_setting_oneself_to_act_is_no_proposal(make_doc):
    # pronominal 'proponerse' + infinitive: the intended act is the event, not an AGREE
    evs = _events(make_doc, "Los cocaleros se proponen llegar a la capital para protestar contra el gobierno.")
    types = [e for e, _, _ in evs]
    assert "AGREE" not in types and "PROTEST" in types, evs
    adoc = make_doc("Los cocaleros se proponen llegar a la capital para protestar.", lang="es",
                    stages=("actors", "events"))
    assert [e.aux_mode for e in adoc.events if e.event == "PROTEST"] == ["future"]
    evs = _events(make_doc, "El gobierno propuso una tregua a los rebeldes.")
    assert "AGREE" in [e for e, _, _ in evs], evs


@pytest.mark.parametrize(
    "text",
    [
        "Los retirados se reunieron frente al Ministerio de Defensa.",
        "Los jubilados se concentraron frente al Congreso.",
        "Los vecinos se congregaron delante de la municipalidad.",
    ],
)
def test_a_gathering_in_front_of_an_institution_is_a_rally(make_doc, text):
    assert [e for e, _, _ in _events(make_doc, text)] == ["PROTEST"]


def test_a_gathering_in_front_of_a_hotel_is_no_rally(make_doc):
    assert "PROTEST" not in [e for e, _, _ in _events(make_doc, "Los turistas se reunieron frente al hotel.")]


@pytest.mark.parametrize(
    "text",
    [
        "Unos cincuenta transportistas cerraron avenidas de la ciudad.",
        "Los campesinos cerraron los accesos al pueblo.",
        "Los vecinos cerraron la ruta para exigir agua potable.",
    ],
)
def test_a_road_closed_by_protesters_or_workers_is_a_block(make_doc, text):
    assert ("PROTEST", "obstruct") in [(e, m) for e, m, _ in _events(make_doc, text)]


def test_a_road_closed_by_the_town_hall_is_no_protest(make_doc):
    assert "PROTEST" not in [e for e, _, _ in _events(make_doc, "La alcaldía cerró la calle por obras.")]


@pytest.mark.parametrize(
    "text,mode",
    [
        ("El presidente dispuso la movilización del ejército en la capital.", "troops"),
        ("El gobierno movilizó a las tropas hacia la frontera.", "troops"),
        ("La policía se movilizó en toda la ciudad.", "police"),
    ],
)
def test_a_mobilisation_of_armed_forces_is_mobilize(make_doc, text, mode):
    evs = _events(make_doc, text)
    assert ("MOBILIZE", mode) in [(e, m) for e, m, _ in evs] and "PROTEST" not in [e for e, _, _ in evs], evs


@pytest.mark.parametrize(
    "text",
    ["Los maestros se movilizaron hasta la gobernación.", "El partido movilizó a sus simpatizantes contra la reforma."],
)
def test_a_mobilisation_of_people_is_a_protest(make_doc, text):
    assert [e for e, _, _ in _events(make_doc, text)] == ["PROTEST"]


def test_a_border_closed_after_attacks_is_no_protest(make_doc):
    evs = _events(make_doc, "Israel cerró la frontera tras los atentados del 3 de enero.")
    assert "PROTEST" not in [e for e, _, _ in evs], evs


@pytest.mark.parametrize(
    "text",
    [
        "Israel cerró la frontera tras los atentados de la semana pasada.",
        "El ejército cerró la carretera tras el atentado contra el cuartel.",
    ],
)
def test_a_closure_by_a_named_authority_is_no_protest_whatever_its_cause(make_doc, text):
    assert "PROTEST" not in [e for e, _, _ in _events(make_doc, text)]
