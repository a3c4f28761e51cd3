"""The learned recipient chooser (branch target6): the shipped weights load, the decision
rule keeps the rules' pick unless clearly beaten, and the model changes a choice on an
invented sentence where the parse gives no recipient."""

from __future__ import annotations

import pytest

from cronica.stages.events.recipient import Choice, RecipientModel, recipient_model


def test_the_shipped_model_loads():
    model = recipient_model("es")
    assert model is not None
    assert len(model.weights) > 100
    assert 0 < model.take < 1 and 0 < model.margin <= 1


def _model() -> RecipientModel:
    return RecipientModel({"bias": -1.0, "good": 3.0, "rule": 1.0}, take=0.5, margin=0.3)


def test_a_candidate_is_taken_where_the_rules_found_none_only_above_the_threshold():
    model = _model()
    weak, strong = Choice(1, 0, 3, ["bias"]), Choice(2, 4, 9, ["bias", "good"])
    assert model.choose([weak, strong]) is strong
    assert model.choose([weak]) is None  # p = 0.27 < 0.5


def test_the_rules_pick_is_replaced_only_when_clearly_beaten():
    model = _model()
    rule = Choice(1, 0, 3, ["bias", "rule"], rule=True)  # p = 0.5
    better = Choice(2, 4, 9, ["bias", "good"])  # p = 0.88: beats it by more than the margin
    assert model.choose([rule, better]) is better
    close = RecipientModel({"bias": -1.0, "good": 1.5, "rule": 1.0}, take=0.5, margin=0.3)
    assert close.choose([rule, better]) is None  # p = 0.62: not by the margin


def _recipient(pipe, text: str, event: str) -> str:
    from cronica.model import Article

    adoc = pipe.process(Article(id="t", text=text, lang="es", date="2024-03-03", origin="t"))
    e = next(e for e in adoc.events if e.event == event)
    return e.recipient.text if e.recipient else ""


@pytest.mark.slow
def test_the_model_gives_a_strike_its_addressee_where_the_parse_gives_none():
    from cronica.pipeline import Pipeline

    text = ("Los maestros anunciaron un paro nacional de 48 horas para exigir al gobierno un "
            "aumento salarial.")
    pipe = Pipeline(only=("actors", "events"))
    assert "gobierno" in _recipient(pipe, text, "PROTEST")
    coder = next(s for s in pipe.stages("es") if getattr(s, "name", "") == "events")
    coder.recipient_model = None  # the rules alone
    assert _recipient(pipe, text, "PROTEST") == ""
