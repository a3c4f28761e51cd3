"""Protest coding rules of branch protest10 (issue 13): which secondary acts of a protest
sentence are events of their own; see docs/benchmarks.md, section protest10."""

from __future__ import annotations


def _events(make_doc, text: str) -> list[tuple[str, str | None, str]]:
    adoc = make_doc(text, lang="es", stages=("actors", "events"))
    return [(e.event, e.mode, e.trigger.text) for e in adoc.events if e.embedded_in is None]


def test_a_protest_that_talks_would_end_is_asserted_however_deep(make_doc):
    # ending or solving presupposes that the strike is going on: an event of the sentence,
    # not a background detail, even three phrases down from the talks; the talks stay too
    for text in (
        "El ministro y los camioneros reanudaron el lunes las negociaciones para intentar "
        "dar una solución al paro que paraliza el transporte desde hace una semana.",
        "El gobierno firmó un acuerdo con los sindicatos para poner fin a una ola de huelgas.",
    ):
        types = [e[0] for e in _events(make_doc, text)]
        assert "PROTEST" in types, (text, types)
        assert {"CONSULT", "AGREE"} & set(types), (text, types)


def test_a_demand_to_end_a_blockade_keeps_the_blockade_inside(make_doc):
    evs = _events(make_doc, "El ministro pidió a los camioneros que acaben con el bloqueo de rutas.")
    # the demand is the news; the blockade it presupposes is going on (aux10: what a verb of
    # ending takes was going on), so it may stand beside the demand as its own current
    # protest, never ahead of it nor as another type
    assert evs[0][0] == "REQUEST", evs
    assert all(e[:2] == ("PROTEST", "obstruct") for e in evs[1:]), evs


def test_raising_security_is_a_police_mobilisation(make_doc):
    # CAMEO 151/153 (increase police alert status or power) -> PLOVER MOBILIZE police
    evs = _events(make_doc, "La guardia del palacio reforzó la seguridad del presidente.")
    assert ("MOBILIZE", "police") in [(e[0], e[1]) for e in evs], evs
    # 'reforzar' alone stays a mention: strengthening the economy is no event
    assert _events(make_doc, "El gobierno reforzó la economía.") == []


def _weak(actor: str, recipient: str) -> object:
    from cronica.model import Event, EventArg, Span

    return Event(
        id="", event="PROTEST", trigger=Span("x", 5, 6, 0), confidence=0.1,
        actor=EventArg("a", actor, [actor], 0, 1), recipient=EventArg("r", recipient, [recipient], 2, 3),
    )


def test_one_code_on_both_sides_is_no_dyad_that_keeps_a_weak_event():
    from cronica.model import Event, Span
    from cronica.stages.events.rank import prune_secondary

    main = Event(id="", event="PROTEST", trigger=Span("y", 0, 1, 0), confidence=0.8)
    dyad, same = _weak("FRAGOV", "DEUGOV"), _weak("JPNGOV", "JPNGOV")
    kept = prune_secondary([main, dyad, same])
    assert dyad in kept  # two parties coded: described, kept however weak
    assert same not in kept  # one party named twice: a weak background mention


def test_raising_security_is_a_police_mobilisation_in_english(make_doc):
    adoc = make_doc("Police tightened security around the parliament.", lang="en", stages=("actors", "events"))
    assert [(e.event, e.mode) for e in adoc.events] == [("MOBILIZE", "police")]
    adoc = make_doc("The bank tightened its lending rules.", lang="en", stages=("actors", "events"))
    assert adoc.events == []
