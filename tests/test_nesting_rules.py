"""Each nesting rule of the events stage (EventCoder.resolve_nesting) fires on an example of
its own: the trace names the rule and the trigger it decided."""

import pytest

from cronica.stages.events.coder import _FOLD_RULES, _NEST_RULES, EventCoder

pytestmark = pytest.mark.slow

EXAMPLES = [
    ("nest.subject_event", "en", "A roadside bombing killed three soldiers.", "bombing"),
    ("nest.meeting_of_protest", "es", "La marcha reunió a diez mil personas en la plaza.", "reunió"),
    ("nest.toll", "en", "The bombing killed five people and wounded ten others.", "wounded"),
    ("nest.aim", "es", "Los obreros realizaron una marcha para exigir aumentos.", "exigir"),
    ("nest.aim", "en", "Workers staged a strike to demand higher wages.", "demand"),
    ("nest.under_embedded", "en", "They issued an ultimatum to halt attacks.", "attacks"),
    ("nest.classified_gathering", "es", "Los sindicatos convocaron una reunión de protesta.", "protesta"),
    ("nest.same_type", "es", "Los campesinos marcharon en una manifestación multitudinaria.",
     "manifestación"),
    ("nest.same_type", "en", "Thousands rallied in a huge demonstration.", "demonstration"),
    ("nest.clausal_act", "es", "Denunciaron que atacaron el cuartel.", "atacaron"),
    ("nest.protest_topic", "es", "Los maestros protestaron contra la detención de sus dirigentes.",
     "detención"),
    ("nest.protest_topic", "en", "Farmers protested against the arrest of their leaders.", "arrest"),
    ("nest.vowed_clause", "es", "Los rebeldes prometieron que atacarán la capital.", "atacarán"),
    ("nest.vowed_clause", "en", "The rebels vowed that they will attack the capital.", "attack"),
    ("nest.intention", "en", "The army is prepared to resume shelling.", "shelling"),
    ("nest.prevented_protest", "es", "La policía impidió la marcha de los estudiantes.", "marcha"),
    ("nest.prevented_protest", "en", "The police prevented the rally of the students.", "rally"),
    ("nest.agreed_conflict", "es", "Los sindicatos acordaron una huelga general.", "huelga"),
    ("nest.ended_protest", "es", "Los ministros negociaron para dar solución al paro.", "paro"),
    ("nest.frame_object", "es", "El gobierno rechazó la agresión contra la embajada.", "agresión"),
    ("nest.frame_embed", "es", "Los camioneros amenazaron con una huelga.", "huelga"),
    ("nest.vowed_clause", "es", "Los guerrilleros juraron que atacarán los cuarteles.", "atacarán"),
    ("nest.vowed_clause", "en", "The rebels vowed that they will attack the capital.", "attack"),
    ("nest.prevented_protest", "en", "Police prevented the march of the students.", "march"),
]


@pytest.fixture(scope="module")
def coders():
    return {"es": EventCoder("es"), "en": EventCoder("en")}


def _trace(coders, nlp, lang, text):
    doc = nlp(text)
    coder = coders[lang]
    triggers = [m for m in coder.find_triggers(doc) if not m.entry.mention_only]
    trace: list[tuple[str, int]] = []
    coder.resolve_nesting(doc, triggers, {}, trace)
    return [(rule, doc[i].text) for rule, i in trace]


def test_every_nesting_rule_has_an_example():
    ids = {rid for rid, _ in (*_FOLD_RULES, *_NEST_RULES)}
    assert ids == {rule for rule, *_ in EXAMPLES}


@pytest.mark.parametrize(("rule", "lang", "text", "word"), EXAMPLES)
def test_nesting_rule_fires_on_its_example(rule, lang, text, word, coders, nlp_es, nlp_en):
    nlp = {"es": nlp_es, "en": nlp_en}[lang]
    assert (rule, word) in _trace(coders, nlp, lang, text)


def test_a_trigger_no_rule_decides_leaves_no_trace(coders, nlp_es):
    assert _trace(coders, nlp_es, "es", "Los vecinos protestaron y marcharon por el centro.") == []
