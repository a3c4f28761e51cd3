"""Branch aux12: event words and aux modes from Spanish grammar. Every sentence is invented
for the test."""

import pytest

STAGES = ["actors", "events", "time", "aux"]


def _events(make_doc, text: str, date: str = "2024-01-20"):
    adoc = make_doc(text, lang="es", date=date, stages=STAGES)
    return [*adoc.events, *adoc.secondary_events]


@pytest.mark.parametrize("text", [
    "Un policía resultó muerto durante el ataque de los rebeldes.",
    "Dos estudiantes resultaron muertos en los choques con la policía.",
])
def test_resultar_with_the_participle_of_morir_is_a_death_like_morir(make_doc, text):
    # 'resultó muerto' = 'murió' (the resultative 'resultar' + participle)
    found = [e for e in _events(make_doc, text) if e.trigger.text.startswith("result")]
    assert [e.event for e in found] == ["ASSAULT"]


def test_resultar_muerto_by_an_accident_is_no_assault(make_doc):
    # the cause hangs on the participle, as 'murió en un accidente' hangs on the verb
    found = _events(make_doc, "Un conductor resultó muerto en un accidente de tránsito.")
    assert not [e for e in found if e.event == "ASSAULT"]
