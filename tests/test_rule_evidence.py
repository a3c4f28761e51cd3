"""Language-independent rule evidence for the short-text contentious decision (case10)."""

from __future__ import annotations

import numpy as np
import pytest

from cronica.stages.events.learned import N_FEATURES, EventModel, LearnedLayer
from cronica.stages.events.rule_evidence import (
    facts_of,
    no_happened_terms,
    rule_names,
    rule_vector,
)

# (type, aux mode, confidence, PLOVER mode, pos, relation, actor sector, recipient, embedded)
MARCH = ("PROTEST", None, 0.8, "demo", "VERB", "ROOT", "LAB", False, False)
PLANNED_MARCH = ("PROTEST", "future", 0.8, "demo", "VERB", "ROOT", "LAB", False, False)
TALKS = ("CONSULT", None, 0.5, None, "NOUN", "obj", "GOV", True, False)


def test_a_protest_that_happened_is_named_by_type_mode_part_of_speech_and_actor():
    names = rule_names([MARCH], 9)
    assert names["type:PROTEST:happened"] == 1.0
    assert {"mode:demo:real", "pos:VERB:real", "dep:ROOT:real", "actor:LAB:real"} <= set(names)
    assert "unreal_only" not in names and "no_events" not in names
    assert names["max_conf_happened"] == pytest.approx(0.8)


def test_a_planned_protest_alone_is_unreal_evidence():
    names = rule_names([PLANNED_MARCH, TALKS], 12)
    assert names["unreal_only"] == 1.0 and names["type:PROTEST:future"] == 1.0
    assert "mode:demo:unreal" in names and "mode:demo:real" not in names
    assert names["type:CONSULT:happened"] == 1.0 and names["max_conf_happened"] == 0.0
    # other events only, and nothing at all, are their own cases
    assert "no_contentious" in rule_names([TALKS], 5)
    assert "no_events" in rule_names([], 5)


def test_names_a_model_does_not_know_are_left_out():
    index = {"no_events": 0, "type:PROTEST:happened": 1}
    v = rule_vector(rule_names([MARCH], 9), index)
    assert v.tolist() == [0.0, 1.0]


def test_no_happened_terms_split_the_text_score_by_what_the_rules_found():
    assert no_happened_terms([], 2.0).tolist() == [2.0, 0.0, 0.0, 1.0]
    assert no_happened_terms([TALKS], 2.0).tolist() == [0.0, 2.0, 0.0, 0.0]
    assert no_happened_terms([PLANNED_MARCH], 2.0).tolist() == [0.0, 0.0, 2.0, 0.0]
    assert no_happened_terms([MARCH], 2.0).tolist() == [0.0, 0.0, 0.0, 0.0]


def _rule_model(weight: float) -> EventModel:
    """A hand-made model whose short-text decision follows the rule log-odds only, and
    whose rule model says 'contentious' (weight > 0) for a protest that happened."""
    top = np.zeros(9, dtype=np.float32)
    top[8] = 1.0
    return EventModel(
        lang="es",
        idf=np.ones(N_FEATURES, dtype=np.float32),
        coef=np.zeros(N_FEATURES, dtype=np.float32),
        intercept=0.0,
        type_labels=("ASSAULT", "PROTEST"),
        type_coef=np.zeros((2, N_FEATURES), dtype=np.float32),
        type_intercept=np.zeros(2, dtype=np.float32),
        threshold_add=2.0,
        threshold_keep=0.0,
        sentence_coef=top,
        sentence_intercept=0.0,
        rule_index={"type:PROTEST:happened": 0, "no_events": 1},
        rule_coef=np.array([weight, -weight], dtype=np.float32),
        rule_intercept=0.0,
    )


def test_the_short_text_decision_reads_the_rule_evidence_log_odds(make_doc):
    from cronica.stages.events.coder import EventCoder

    adoc = make_doc("Miles de docentes marcharon frente al Congreso.", stages=("actors",))
    coder = EventCoder("es", learned=False)
    coder.learned = LearnedLayer(_rule_model(9.0))
    coder.run(adoc)
    assert adoc.contentious is not None and adoc.contentious > 0.99
    coder.learned = LearnedLayer(_rule_model(-9.0))
    coder.run(adoc)
    assert adoc.contentious is not None and adoc.contentious < 0.01
    quiet = make_doc("El ministro llegó temprano a su despacho.", stages=("actors",))
    coder.learned = LearnedLayer(_rule_model(9.0))
    coder.run(quiet)
    assert quiet.contentious is not None and quiet.contentious < 0.01  # no event: 'no_events'


def test_facts_are_read_off_the_events_and_their_parse(make_doc):
    from cronica.stages.events.coder import EventCoder

    adoc = make_doc("Los trabajadores bloquearon la ruta nacional.", stages=("actors",))
    coder = EventCoder("es", learned=False)
    coder.run(adoc)
    facts = facts_of(adoc, adoc.events)
    assert any(f[0] == "PROTEST" and f[1] is None and f[4] == "VERB" for f in facts)

