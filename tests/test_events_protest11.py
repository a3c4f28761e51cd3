"""Protest coding rules of branch protest11 (issue 13): an act is no topic of a protest that
a clause tells about one of the act's non-subject arguments; see docs/benchmarks.md,
section protest11."""

from __future__ import annotations


def _events(make_doc, text: str) -> list[tuple[str, str | None, str | None]]:
    adoc = make_doc(text, lang="es", stages=("actors", "events"))
    return [
        (e.event, e.trigger.text, e.actor.code if e.actor else None)
        for e in adoc.events if e.embedded_in is None
    ]


def test_a_rejection_of_what_protesters_demand_is_no_topic_of_their_protest(make_doc):
    # the protest is told in a relative clause on the object's noun: the teachers protest,
    # the government rejects; the rejection is not folded into the protest (whose doer the
    # government had become)
    evs = _events(make_doc, "El gobierno rechazó las demandas de los maestros que protestan "
                            "desde hace un mes.")
    types = [e[0] for e in evs]
    assert "REJECT" in types and "PROTEST" in types, evs
    protest = next(e for e in evs if e[0] == "PROTEST")
    assert protest[2] is None or not protest[2].endswith("GOV"), evs


def test_a_rejected_motion_presented_to_protest_keeps_the_rejection(make_doc):
    evs = _events(make_doc, "El Parlamento rechazó el miércoles la moción de censura presentada "
                            "por la oposición para protestar contra el vacío de poder.")
    assert [e[0] for e in evs].count("REJECT") == 1, evs
    assert "PROTEST" in [e[0] for e in evs], evs


def test_a_demand_by_the_marchers_stays_with_their_march(make_doc):
    # a clause on the act's own subject: the same people march and demand, one protest
    # (PLOVER manual: the topic of a protest is not coded apart from it)
    evs = _events(make_doc, "Los campesinos, que marcharon hasta la capital, exigieron la "
                            "renuncia del ministro.")
    assert "REQUEST" not in [e[0] for e in evs], evs
    assert "PROTEST" in [e[0] for e in evs], evs


def test_coordinated_acts_share_it(make_doc):
    # the demand and the blame are one speaker's acts; the protest is told in a clause on
    # the blamed violence, so neither act is folded into it as its topic
    evs = _events(make_doc, "El dirigente exigió la renuncia del ministro y lo responsabilizó "
                            "de la violencia que se generara después de la protesta.")
    types = [e[0] for e in evs]
    assert "REQUEST" in types and "ACCUSE" in types, evs
