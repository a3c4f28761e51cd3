"""The events stage's rules as named units: every filter rule fires on its own example, and
every event names the trigger rule that found it."""

from __future__ import annotations

import pytest

from cronica.stages.events.coder import EventCoder
from cronica.stages.events.rules import TRIGGER_FILTERS, Rule


@pytest.fixture(scope="module")
def coders() -> dict[str, EventCoder]:
    return {"es": EventCoder("es"), "en": EventCoder("en")}


@pytest.mark.parametrize("rule", TRIGGER_FILTERS, ids=[r.id for r in TRIGGER_FILTERS])
def test_filter_rule_fires_on_its_example(rule: Rule, make_doc, coders) -> None:
    adoc = make_doc(rule.example, lang=rule.lang)
    trace: list[tuple[str, int]] = []
    found = coders[rule.lang].find_triggers(adoc.doc, trace)
    assert (rule.id, next(t.i for t in adoc.doc if t.text == rule.word)) in trace
    assert rule.word not in [adoc.doc[m.head].text for m in found]


def test_every_event_names_its_trigger_rule(make_doc) -> None:
    adoc = make_doc("Los camioneros bloquearon la vía al puerto el lunes.", lang="es",
                    stages=["actors", "events"])
    assert [e.rule for e in adoc.events] == ["es:bloquear/V"]
    assert "rule" not in adoc.to_dict()["events"][0]  # internal: the output schema is unchanged


def test_by_rule_counts_true_and_false_positives_per_rule() -> None:
    from cronica.evaluate.events import Ev, by_rule

    gold = [Ev("ASSAULT"), Ev("PROTEST")]
    pred = [Ev("ASSAULT", rule="es:atacar/V"), Ev("ASSAULT", rule="es:atacar/V"),
            Ev("PROTEST", rule="es:marchar/V"), Ev("COERCE", rule="es:detener/V")]
    rows = by_rule([("r1", gold, pred)])
    assert rows["es:atacar/V"] == {"tp": 1, "fp": 1, "precision": 0.5}
    assert rows["es:marchar/V"]["tp"] == 1 and rows["es:detener/V"]["fp"] == 1
    assert list(rows)[0] == "es:detener/V"  # worst precision first


def test_brat_by_rule_counts_overlapping_triggers() -> None:
    from cronica.evaluate.brat import GoldDoc, GoldTrigger, by_rule

    doc = GoldDoc("d", "Atacaron el cuartel y marcharon.", None, [GoldTrigger([(0, 8)], "Atacaron")], [])
    ev = {"trigger": {"start": 0, "end": 8}, "mentions": [], "event": "ASSAULT", "_rule": "es:atacar/V"}
    extra = {"trigger": {"start": 22, "end": 31}, "mentions": [], "event": "PROTEST",
             "_rule": "es:marchar/V"}
    rows = by_rule([doc], [{"events": [ev, extra]}])
    assert rows == {"es:marchar/V": {"tp": 0, "fp": 1, "precision": 0.0},
                    "es:atacar/V": {"tp": 1, "fp": 0, "precision": 1.0}}


def test_nesting_rules_are_named_units():
    """Every nesting rule of the events stage has a unique id and a one-line purpose."""
    from cronica.stages.events.coder import _FOLD_RULES, _NEST_RULES

    ids = [rid for rid, _ in (*_FOLD_RULES, *_NEST_RULES)]
    assert len(ids) == len(set(ids)) and all(rid.startswith("nest.") for rid in ids)
    assert all((rule.__doc__ or "").strip() for _, rule in (*_FOLD_RULES, *_NEST_RULES))
