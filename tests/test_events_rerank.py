"""The learned side-event filter: features, the decision and how the coder applies it."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from cronica.stages.events.rerank import (
    NO_RERANK_ENV,
    Candidate,
    RerankModel,
    features,
    load,
    rerank_model,
)


def _side_model(threshold: float = 0.5) -> RerankModel:
    """Rejects a non-protest event beside a stronger civil protest, keeps everything else."""
    return RerankModel("es", {"protest_mate_stronger": -10.0, "protest": 10.0}, 5.0, threshold)


def test_a_stronger_civil_protest_marks_its_sentence_mates():
    protest = Candidate("PROTEST", 0.8, False, 0, actor_code="CVL")
    arrest = Candidate("COERCE", 0.5, False, 0, actor_code="COP")
    other = Candidate("COERCE", 0.5, False, 1)
    f = features(arrest, [protest, arrest])
    assert f["protest_mate_stronger"] == 1.0 and f["protest_mate"] == 0.8
    assert f["contentious"] == 0.0 and f["strongest"] == 0.0 and f["candidates"] == 2.0
    assert not any(k.startswith("type") for k in f)  # no type priors (module docstring)
    assert features(other, [other])["protest_mate_stronger"] == 0.0
    # the protest itself has no protest mate; a weaker protest does not mark a stronger event
    assert features(protest, [protest, arrest])["protest_mate_stronger"] == 0.0
    strong = Candidate("ASSAULT", 0.9, False, 0)
    assert features(strong, [protest, strong])["protest_mate_stronger"] == 0.0


def test_a_blockade_by_armed_men_is_no_civil_protest():
    rebels = Candidate("PROTEST", 0.8, False, 0, actor_code="COLREB")
    burning = Candidate("COERCE", 0.4, False, 0)
    f = features(burning, [rebels, burning])
    assert f["protest_mate_stronger"] == 0.0 and f["armed_protest_mate"] == 1.0


def test_the_model_reads_named_features_and_a_threshold():
    m = load({"features": ["confidence", "secondary"], "coef": [4.0, -1.0],
              "intercept": -2.0, "threshold": 0.4}, "es")
    assert m.probability({"confidence": 0.5, "secondary": 0.0}) == pytest.approx(0.5)
    assert m.probability({"confidence": 0.0, "unknown": 3.0}) < 0.4  # unknown names weigh 0


def test_the_coder_moves_a_rejected_side_event_to_the_secondary_words(make_doc):
    from cronica.stages.events.coder import EventCoder

    text = "Tras una reunión en la universidad, miles de estudiantes marcharon contra la reforma."
    adoc = make_doc(text, stages=("actors",))
    coder = EventCoder("es", learned=False, secondary_threshold=0)  # no hand pruning
    coder.rerank = None
    coder.run(adoc)
    assert [e.event for e in adoc.events] == ["CONSULT", "PROTEST"]
    coder.rerank = _side_model()
    coder.run(adoc)
    assert [(e.id, e.event) for e in adoc.events] == [("e0", "PROTEST")]
    moved = [e for e in adoc.secondary_events if e.event == "CONSULT"]
    assert moved and moved[0].trigger.text == "reunión"  # kept, with its type, as a side word
    assert [e.id for e in adoc.secondary_events] == [f"s{n}" for n in range(len(adoc.secondary_events))]


def test_the_strongest_event_and_a_described_material_act_are_never_moved(make_doc):
    from cronica.stages.events.coder import EventCoder

    reject_all = RerankModel("es", {}, -10.0, 0.5)
    coder = EventCoder("es", learned=False)
    coder.rerank = reject_all
    adoc = make_doc("Hubo una reunión con los vecinos.", stages=("actors",))
    coder.run(adoc)
    assert [e.event for e in adoc.events] == ["CONSULT"]  # alone: the sentence's news
    text = "Unos 200 estudiantes protestaron en Lima y la policía detuvo a 12 personas."
    adoc = make_doc(text, stages=("actors",))
    coder.run(adoc)
    assert sorted(e.event for e in adoc.events) == ["COERCE", "PROTEST"]  # the police's arrest


def test_a_sentence_without_a_protest_keeps_its_events(make_doc):
    from cronica.stages.events.coder import EventCoder

    adoc = make_doc("La policía detuvo el lunes a tres dirigentes sindicales.", stages=("actors",))
    coder = EventCoder("es", learned=False)
    coder.rerank = _side_model()
    coder.run(adoc)
    assert [e.event for e in adoc.events] == ["COERCE"]


@pytest.mark.parametrize(
    "text, event",
    [
        ("Los cancilleres se reunieron en Lima.", "CONSULT"),
        ("Colombia y Venezuela firmaron un acuerdo comercial.", "AGREE"),
        ("La policía detuvo a tres dirigentes sindicales.", "COERCE"),
        ("Miles de personas marcharon en Quito contra el gobierno.", "PROTEST"),
    ],
)
def test_the_shipped_filter_keeps_a_sentence_s_one_plain_event(make_doc, monkeypatch, text, event):
    from cronica.stages.events.coder import EventCoder

    monkeypatch.delenv(NO_RERANK_ENV, raising=False)
    coder = EventCoder("es")
    assert coder.rerank is not None
    adoc = make_doc(text, stages=("actors",))
    coder.run(adoc)
    assert [e.event for e in adoc.events] == [event]


def test_the_shipped_spanish_filter_loads_small_and_named(monkeypatch):
    monkeypatch.delenv(NO_RERANK_ENV, raising=False)
    m = rerank_model("es")
    assert m is not None and 0.0 < m.threshold < 1.0
    ref = resources.files("cronica") / "data" / "models" / "rerank_es.json"
    data = json.loads(ref.read_text(encoding="utf-8"))
    assert len(data["coef"]) == len(data["features"]) < 100
    assert "fit part" in data["split"]
    assert rerank_model("en") is None  # English has no filter (yet)


def test_the_filter_can_be_switched_off(monkeypatch):
    monkeypatch.setenv(NO_RERANK_ENV, "1")
    assert rerank_model("es") is None


def test_outside_contentious_sentences_nothing_is_dropped(make_doc):
    """The filter learned from protest and violence sentences, where a weak lone agreement
    is rarely coded; in diplomatic news that agreement is the news, so it stays an event."""
    from cronica.stages.events.coder import EventCoder

    adoc = make_doc("En 2015 ambos gobiernos firmaron un tratado de pesca.", stages=("actors",))
    coder = EventCoder("es", learned=False)
    coder.run(adoc)
    assert [e.event for e in adoc.events] == ["AGREE"]
    coder.rerank = RerankModel("es", {}, -10.0, 0.5)  # rejects every candidate in scope
    coder.run(adoc)
    assert [e.event for e in adoc.events] == ["AGREE"]
    # in a protest sentence the same model moves a weak side event, not the protest itself
    adoc = make_doc("Tras una reunión en la universidad, miles de estudiantes marcharon contra "
                    "la reforma.", stages=("actors",))
    coder = EventCoder("es", learned=False, secondary_threshold=0)
    coder.rerank = RerankModel("es", {}, -10.0, 0.5)
    coder.run(adoc)
    assert [e.event for e in adoc.events] == ["PROTEST"]


def test_a_dyadic_event_beside_a_protest_is_kept():
    from cronica.stages.events.rerank import protected

    protest = Candidate("PROTEST", 0.8, False, 0, actor_code="CVL")
    repression = Candidate("COERCE", 0.5, False, 0, actor_code="COP", recipient_code="CVL")
    meeting = Candidate("CONSULT", 0.3, False, 0, actor_code="GOV")
    assert protected(repression, [protest, repression])
    assert not protected(meeting, [protest, meeting])
