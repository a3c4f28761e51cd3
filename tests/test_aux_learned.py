"""The learned aux-mode layer over the rules' grammar facts (``events/aux_model.py``,
``events/aux_facts.py``): it reads no word, overrides the rules only past its margin, and
keeps the rules' deciding words in ``aux_evidence``. Every sentence is invented for the test."""

from cronica.stages.events import aux_model
from cronica.stages.events.aux_facts import MODES, _band

STAGES = ["actors", "events", "time", "aux"]


def _event(make_doc, text: str, word: str, date: str = "2024-01-20"):
    adoc = make_doc(text, lang="es", date=date, stages=STAGES)
    start = text.index(word)
    found = [e for e in [*adoc.events, *adoc.secondary_events]
             if e.trigger.start < start + len(word) and start < e.trigger.end]
    assert found, f"no event at {word!r}"
    return found[0]


def _toy(margin: float = 1.0) -> aux_model.AuxModel:
    # one fact pulls towards 'historical' by 2 log-odds, another by 0.5
    weights = [[0.0, 2.0, 0.0, 0.0, 0.0], [0.0, 0.5, 0.0, 0.0, 0.0]]
    return aux_model.AuxModel({"modes": list(MODES), "facts": ["strong", "weak"], "weights": weights,
                               "bias": [0.0] * 5, "margin": margin})


def test_the_layer_overrides_only_past_its_margin():
    m = _toy(margin=1.0)
    assert m.decide(["strong"], "current") == ("historical", 2.0, ["strong"])
    assert m.decide(["weak"], "current") is None  # 0.5 log-odds: the rules' mode stands
    assert m.decide(["strong"], "historical") is None  # it agrees with the rules
    assert m.decide(["unknown fact"], "future") is None


def test_date_bands_keep_the_news_window_apart():
    assert _band(0) == _band(-1) == "window"
    assert _band(-2) == "-1m..-2d"
    assert _band(3) == "+1..7d" and _band(40) == ">+7d" and _band(-400) == "<-1y"


def test_facts_name_grammar_and_calendar_never_a_word(make_doc):
    from datetime import date

    from cronica.stages.events.aux_facts import ArticleFacts, event_facts

    text = "Los maestros marcharon el 3 de enero. El sindicato había convocado una huelga."
    adoc = make_doc(text, lang="es", date="2024-01-20", stages=STAGES)
    af = ArticleFacts(adoc, date(2024, 1, 20), [])
    facts = [f for e in [*adoc.events, *adoc.secondary_events] for f in event_facts(af, e)]
    assert "date=-1m..-2d" in facts and "rule=historical" in facts
    words = {t.lower_ for t in adoc.doc if t.is_alpha}
    assert not any(part.lower() in words for f in facts for part in f.replace("=", " ").split())


def test_the_layer_is_off_without_weights():
    assert aux_model.load("xx") is None


def test_a_pluperfect_background_act_reads_historical(make_doc):
    text = ("Los maestros marcharon este lunes en la capital. "
            "La policía había detenido a los dirigentes del sindicato.")
    assert _event(make_doc, text, "detenido").aux_mode == "historical"


def test_a_scheduled_act_with_a_future_date_reads_future(make_doc):
    text = "Los sindicatos realizarán una huelga general el 25 de enero, anunció su dirigente."
    assert _event(make_doc, text, "huelga").aux_mode == "future"


def test_a_march_of_the_day_stays_current(make_doc):
    text = "Miles de maestros marcharon este sábado en la capital para exigir aumentos."
    assert _event(make_doc, text, "marcharon").aux_mode is None


def test_an_override_keeps_the_rules_words_and_names_the_model(make_doc):
    from cronica.stages.events.calendar import AuxCalendar

    # a model whose position facts pull towards 'future' overrides a march of the day
    toy = aux_model.AuxModel({"modes": list(MODES), "facts": ["where=headline", "where=lead"],
                              "weights": [[0, 0, 5.0, 0, 0]] * 2, "bias": [0.0] * 5, "margin": 1.0})
    text = "Miles de maestros marcharon este sábado en la capital."
    adoc = make_doc(text, lang="es", date="2024-01-20", stages=["actors", "events", "time"])
    aux = AuxCalendar("es")
    aux.model = toy
    aux.run(adoc)
    [e] = [e for e in adoc.events if e.trigger.text == "marcharon"]
    assert e.aux_mode == "future"
    assert e.aux_evidence["text"] == "marcharon" and "learned aux model" in e.aux_evidence["rule"]
