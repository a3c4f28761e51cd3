"""The learned event re-typer: the decision, the switches, and the shipped Spanish weights."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from cronica.stages.events.retype import (
    NO_RETYPE_ENV,
    RETYPE_ENV,
    RetypeModel,
    feature_key,
    retype,
    retype_model,
)

# the organisers of a strike meeting a minister: the rules read a meeting (CONSULT); the protest
# gold of the same press counts such a meeting as part of the protest
MEETING = ("Los maestros se reunieron con el ministro de Educación para negociar el fin de la"
           " huelga.")


def _model(threshold: float = 0.5, margin: float = 0.0) -> RetypeModel:
    """Re-types a meeting with a minister as a protest, nothing else (a made-up rule)."""
    return RetypeModel(
        "es", ("CONSULT", "PROTEST"),
        {feature_key("t=CONSULT"): (2.0, 0.0), feature_key("arg=ministro"): (0.0, 4.0)},
        (0.0, 0.0), threshold, margin, frozenset({"CONSULT"}), {},
    )


def test_the_decision_needs_confidence_margin_and_a_retypable_rule_type():
    m = _model()
    assert m.choose("CONSULT", ["t=CONSULT", "arg=ministro"]) == "PROTEST"
    assert m.choose("CONSULT", ["t=CONSULT"]) is None  # the rules' type is the model's best
    assert m.choose("AGREE", ["t=CONSULT", "arg=ministro"]) is None  # AGREE is not re-typed
    assert _model(threshold=0.95).choose("CONSULT", ["t=CONSULT", "arg=ministro"]) is None
    assert _model(margin=0.9).choose("CONSULT", ["t=CONSULT", "arg=ministro"]) is None
    probs = m.probabilities(["t=CONSULT", "arg=ministro", "unknown feature"])
    assert abs(sum(probs.values()) - 1.0) < 1e-9 and probs["PROTEST"] > probs["CONSULT"]


def test_protest_and_mobilize_are_one_class():
    m = RetypeModel("es", ("PROTEST", "ASSAULT"), {}, (5.0, 0.0), 0.5, 0.0,
                    frozenset({"PROTEST"}), {})
    assert m.choose("MOBILIZE", ["t=MOBILIZE"]) is None  # never moved into PROTEST


def test_a_retyped_event_names_the_change_and_drops_the_old_mode(make_doc):
    from cronica.stages.events.coder import EventCoder

    adoc = make_doc(MEETING, stages=("actors",))
    EventCoder("es", learned=False).run(adoc)
    assert [e.event for e in adoc.events] == ["CONSULT"]
    adoc.events[0].mode = "meet"
    assert retype(_model(), adoc) == 1
    e = adoc.events[0]
    assert e.event == "PROTEST" and e.mode is None and e.rule and e.rule.endswith("/retype:CONSULT")


def test_negated_and_embedded_events_are_not_retyped(make_doc):
    from cronica.stages.events.coder import EventCoder

    adoc = make_doc(MEETING, stages=("actors",))
    EventCoder("es", learned=False).run(adoc)
    adoc.events[0].aux_mode = "negation"
    assert retype(_model(), adoc) == 0 and adoc.events[0].event == "CONSULT"


def test_off_by_default_and_the_off_switch_wins(monkeypatch):
    monkeypatch.delenv(RETYPE_ENV, raising=False)
    monkeypatch.delenv(NO_RETYPE_ENV, raising=False)
    assert retype_model("es") is None
    monkeypatch.setenv(RETYPE_ENV, "1")
    assert retype_model("es") is not None
    monkeypatch.setenv(NO_RETYPE_ENV, "1")
    assert retype_model("es") is None


def test_the_shipped_spanish_weights_load_small_and_hold_no_words(monkeypatch):
    monkeypatch.setenv(RETYPE_ENV, "1")
    monkeypatch.delenv(NO_RETYPE_ENV, raising=False)
    m = retype_model("es")
    assert m is not None and 0.0 < m.threshold < 1.0 and m.from_types
    assert retype_model("en") is None  # no English re-typer
    ref = resources.files("cronica") / "data" / "models" / "retype_es.json"
    data = json.loads(ref.read_text(encoding="utf-8"))
    assert "fit part" in data["split"]
    assert all(k.isdigit() for k in data["coef"])  # hashed feature names, no text
    assert all(len(w) == len(data["classes"]) for w in data["coef"].values())


@pytest.mark.parametrize("switch_on", [False, True])
def test_the_shipped_retyper_changes_a_type_on_an_invented_sentence(
    make_doc, monkeypatch, switch_on
):
    from cronica.stages.events.coder import EventCoder

    monkeypatch.delenv(NO_RETYPE_ENV, raising=False)
    if switch_on:
        monkeypatch.setenv(RETYPE_ENV, "1")
    else:
        monkeypatch.delenv(RETYPE_ENV, raising=False)
    adoc = make_doc(MEETING, stages=("actors",))
    EventCoder("es").run(adoc)
    assert [e.event for e in adoc.events] == (["PROTEST"] if switch_on else ["CONSULT"])


@pytest.mark.parametrize(
    "text, event",
    [
        ("Los cancilleres de Perú y Chile se reunieron en Lima para hablar del comercio.", "CONSULT"),
        ("El presidente expresó su apoyo al gobierno de Bolivia.", "SUPPORT"),
    ],
)
def test_outside_a_contentious_sentence_the_rules_type_stands(make_doc, monkeypatch, text, event):
    """The model learned from protest and violence sentences; a lone meeting or statement of
    support is no such sentence, whatever the model's protest prior says."""
    from cronica.stages.events.coder import EventCoder

    monkeypatch.setenv(RETYPE_ENV, "1")
    monkeypatch.delenv(NO_RETYPE_ENV, raising=False)
    adoc = make_doc(text, stages=("actors",))
    EventCoder("es").run(adoc)
    assert [e.event for e in adoc.events] == [event]
    sure = RetypeModel("es", ("CONSULT", "PROTEST", "SUPPORT"), {}, (0.0, 10.0, 0.0), 0.5, 0.0,
                       frozenset({"CONSULT", "SUPPORT"}), {})
    assert sure.choose(event, [f"t={event}"]) == "PROTEST"
    assert retype(sure, adoc) == 0  # a model sure of a protest still leaves it
