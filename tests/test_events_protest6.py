"""Protest coding rules of branch protest6 (issue 13): what a threatened act is for stays in
the threat; see docs/benchmarks.md, section protest6."""

from __future__ import annotations


def _events(make_doc, text: str) -> list[tuple[str, str | None, str, str | None]]:
    adoc = make_doc(text, lang="es", stages=("actors", "events"))
    return [(e.event, e.aux_mode, e.trigger.text, e.embedded_in) for e in adoc.events]


def test_the_aim_of_a_threatened_act_is_inside_the_threat(make_doc):
    evs = _events(
        make_doc, "Los comerciantes amenazaron con cerrar sus tiendas para protestar por el impuesto."
    )
    threat = [e for e in evs if e[0] == "THREATEN"]
    assert threat, evs
    # the protest is no event of its own: embedded (or folded) in the threat
    assert all(e[3] is not None for e in evs if e[0] == "PROTEST"), evs


def test_a_reported_act_keeps_its_own_event(make_doc):
    evs = _events(make_doc, "Los vecinos denunciaron que la policía golpeó a los estudiantes.")
    assert any(e[0] == "ASSAULT" and e[3] is None for e in evs), evs


def test_a_protest_for_its_own_aim_is_a_protest(make_doc):
    evs = _events(make_doc, "Los obreros marcharon por el centro para protestar por los despidos.")
    assert [e[0] for e in evs if e[3] is None] == ["PROTEST"], evs


def test_prefixed_protest_nouns_are_protests(make_doc):
    for text, mode in [
        ("Los partidarios del gobierno organizaron una contramarcha.", "demo"),
        ("Los transportistas iniciaron un megaparo nacional.", "strike"),
        ("Los choferes hicieron un miniparo de dos horas.", "strike"),
    ]:
        adoc = make_doc(text, lang="es", stages=("actors", "events"))
        assert ("PROTEST", mode) in [(e.event, e.mode) for e in adoc.events], text


def test_a_prefix_keeps_no_other_word_family(make_doc):
    # 'supermercado' is no 'mercado' event, 'contraoferta' no protest
    for text in ("El supermercado abrió sus puertas.", "La empresa presentó una contraoferta."):
        adoc = make_doc(text, lang="es", stages=("actors", "events"))
        assert "PROTEST" not in [e.event for e in adoc.events], text


def test_a_protest_that_talks_would_end_is_going_on(make_doc):
    # solving a strike presupposes it is going on: no aim folded into the talks
    adoc = make_doc(
        "Los ministros y los mineros negociaron durante horas para dar solución al paro.",
        lang="es", stages=("actors", "events"),
    )
    every = [(e.event, e.embedded_in) for e in adoc.events] + [
        (e.event, "secondary") for e in adoc.secondary_events
    ]
    assert ("CONSULT", None) in every, every
    protest = [e for e in adoc.events if e.event == "PROTEST"]
    assert all(e.embedded_in is None and e.aux_mode is None for e in protest), every


def test_a_demand_to_end_a_blockade_stays_the_demand(make_doc):
    evs = _events(make_doc, "La Comisión Europea pidió a Francia que acabe con el bloqueo de las carreteras.")
    assert "REQUEST" in [e[0] for e in evs], evs
