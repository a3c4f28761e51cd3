"""Merged mentions of one event keep the arguments found in their own sentence.

A headline and a body sentence often name the same participants with different words
('Campesinos bolivianos' / 'Los agricultores de Bolivia'). The merged event keeps the body's
actor; the headline's trigger keeps the headline's own words, which the output carries and
the BRAT eval scores against the gold trigger that mention matched.
"""

from __future__ import annotations

from cronica.evaluate.brat import PredEvent, gold_from_ann, predicted, score_doc, summarise
from cronica.model import Event, EventArg, Span, as_mention, event_to_dict
from cronica.stages.coref.events import absorb

HEADLINE_AND_BODY = (
    "Campesinos bolivianos bloquean carreteras\n"
    "Los agricultores de Bolivia bloquearon el lunes tres carreteras."
)


def _only(events: list[Event], kind: str) -> Event:
    found = [e for e in events if e.event == kind]
    assert len(found) == 1, [(e.event, e.trigger.text) for e in events]
    return found[0]


def test_headline_mention_keeps_its_own_actor_and_the_event_keeps_the_body_one(make_doc):
    doc = make_doc(HEADLINE_AND_BODY, stages=["actors", "events"])
    e = _only(doc.events, "PROTEST")
    assert e.trigger.text == "bloquearon" and e.actor is not None
    assert e.actor.text == "Los agricultores de Bolivia"  # the event's own actor is the body's
    head = next(m for m in e.mentions if m.sentence == 0)
    assert head.text == "bloquean"
    assert getattr(head, "actor", None) is not None and head.actor.text == "Campesinos bolivianos"
    record = event_to_dict(e, doc)
    by_sentence = {m["sentence"]: m for m in record["mentions"]}
    assert by_sentence[0]["actor"]["text"] == "Campesinos bolivianos"
    assert by_sentence[1]["actor"] is None  # the main trigger: the event's actor applies
    assert record["actor"]["text"] == "Los agricultores de Bolivia"


def _arg(text: str, start: int) -> EventArg:
    return EventArg(text=text, code="", codes=[], start=start, end=start + len(text))


def test_coreference_keeps_the_absorbed_trigger_arguments_and_not_the_keeper_s():
    keep = Event(id="e1", event="ASSAULT", trigger=Span("atacaron", 10, 18, 1),
                 actor=_arg("Los rebeldes", 0))
    keep.mentions = [keep.trigger]
    other = Event(id="e2", event="ASSAULT", trigger=Span("ataque", 60, 66, 2),
                  actor=_arg("la guerrilla", 70), recipient=_arg("el cuartel", 80))
    other.mentions = [other.trigger]
    absorb(keep, other)
    assert keep.actor is not None and keep.actor.text == "Los rebeldes"
    assert [m.start for m in keep.mentions] == [10, 60]
    merged = keep.mentions[1]
    assert getattr(merged, "actor", None) is not None and merged.actor.text == "la guerrilla"
    assert merged.recipient is not None and merged.recipient.text == "el cuartel"


# invented BRAT article: the headline trigger's source is the headline's words
TEXT = "Pescadores chilenos protestan\nLos trabajadores del mar protestaron en Arica."
ANN = "\n".join([
    "T1\tsource 0 19\tPescadores chilenos",
    "T2\tmaterial_conflict 20 29\tprotestan",
    "T3\tsource 30 54\tLos trabajadores del mar",
    "T4\tmaterial_conflict 55 66\tprotestaron",
    "R1\tsrcAct Arg1:T1 Arg2:T2\t",
    "R2\tsrcAct Arg1:T3 Arg2:T4\t",
    "",
])


def test_fixture_offsets():
    assert TEXT[0:19] == "Pescadores chilenos" and TEXT[20:29] == "protestan"
    assert TEXT[30:54] == "Los trabajadores del mar" and TEXT[55:66] == "protestaron"


def _output(headline_actor: dict | None) -> dict:
    return {"events": [{
        "event": "PROTEST", "trigger": {"start": 55, "end": 66},
        "actor": {"start": 30, "end": 54}, "recipient": None,
        "mentions": [
            {"start": 55, "end": 66, "actor": None, "recipient": None},
            {"start": 20, "end": 29, "actor": headline_actor, "recipient": None},
        ],
    }]}


def test_brat_eval_scores_the_matched_mention_s_own_actor():
    gold, locations = gold_from_ann(ANN)
    events, places = predicted(_output({"start": 0, "end": 19}))
    res = summarise([score_doc(gold, locations, events, places)])
    assert (res["source"]["correct"], res["source"]["total"]) == (2, 2)


def test_brat_eval_falls_back_to_the_event_actor_when_the_mention_has_none():
    gold, locations = gold_from_ann(ANN)
    events, places = predicted(_output(None))
    res = summarise([score_doc(gold, locations, events, places)])
    # the headline trigger is scored against the body's actor: wrong by the scheme
    assert (res["source"]["correct"], res["source"]["total"]) == (1, 2)


def test_a_mention_with_own_args_does_not_change_the_main_trigger_score():
    e = PredEvent([(55, 66), (20, 29)], "material_conflict", actor=(30, 54),
                  own={(20, 29): ((0, 19), None)})
    assert e.args_at([(55, 66)]) == ((30, 54), None)
    assert e.args_at([(20, 29)]) == ((0, 19), None)
    assert as_mention(Span("x", 1, 2, 0), None, None).actor is None


def test_the_store_keeps_a_mention_s_own_actor_in_the_article_layers(tmp_path):
    from store_helpers import make_adoc

    from cronica.store.sqlite import SQLiteStore

    adoc = make_adoc("a1", [{"type": "PROTEST", "actor": "BOLAGR", "actor_text": "Campesinos"}])
    e = adoc.events[0]
    own = _arg("Campesinos", 0)
    e.mentions = [e.trigger, as_mention(Span("protestaron", 40, 51, 0), own, None)]
    store = SQLiteStore(str(tmp_path / "s.db"))
    try:
        store.add(adoc)
        art = store.get_article("a1")
    finally:
        store.close()
    assert art is not None
    mentions = art["events"][0]["mentions"]
    assert mentions[0]["actor"] is None and mentions[1]["actor"]["text"] == "Campesinos"
