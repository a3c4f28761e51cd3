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


def test_a_clitic_gerund_the_tagger_misread_takes_the_time_of_its_verb(make_doc):
    # 'acusándolo' is read as a noun or adjective; by its form it is a gerund of 'destituyó'
    text = ("Desde marzo, cuando el gobierno destituyó al general retirado acusándolo de "
            "corrupción, los partidos no dialogan.")
    found = [e for e in _events(make_doc, text, date="2024-06-01") if e.trigger.text == "acusándolo"]
    assert [e.aux_mode for e in found] == ["historical"]


@pytest.mark.parametrize(("word", "gerund"), [
    ("acusándolo", True), ("diciéndoselo", True), ("llevándose", True),
    ("acusando", False), ("comando", False), ("Orlando", False), ("mándalo", False),
])
def test_a_gerund_with_enclitics_is_told_by_its_form(word, gerund):
    from cronica.stages.events.calendar import _clitic_gerund
    from cronica.stages.events.lexicon import lexicon

    cues = lexicon("es").cues
    assert _clitic_gerund(word, cues.gerund_ending, cues.enclitic) is gerund
