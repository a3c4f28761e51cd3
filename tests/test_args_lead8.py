"""Argument rules of the lead's eighth round. Short invented sentences.

A relative clause is no part of its antecedent's phrase, also when the parser labels it plain
'acl' rather than 'acl:relcl'; a verb of saying that also supports its object noun
('declaró el estado de emergencia') passes its subject to the act it declares."""

from __future__ import annotations

import pytest
from pipeline_helpers import extracted_events

pytestmark = pytest.mark.slow


def _by_trigger(text: str, trigger: str) -> dict:
    (event,) = [e for e in extracted_events(text) if e["trigger"]["text"] == trigger]
    return event


def test_the_object_of_a_relative_clause_is_not_its_antecedents_actor():
    # the report accuses; the government is accused, never the accuser
    e = _by_trigger("El informe, que acusa al gobierno de fraude, fue publicado ayer.", "acusa")
    assert e["event"] == "ACCUSE"
    assert (e["recipient"] or {}).get("code") == "GOV"
    assert e["actor"] is None or "gobierno" not in e["actor"]["text"]


def test_an_argument_span_stops_before_the_relative_clause():
    e = _by_trigger("Los desocupados que bloquean la ruta aceptaron una oferta del gobierno.",
                    "aceptaron")
    assert e["actor"]["text"] == "Los desocupados"


@pytest.mark.parametrize("text,actor", [
    ("El Gobierno declaró el estado de emergencia en tres provincias.", "El Gobierno"),
    ("El sindicato anunció una huelga general para el lunes.", "El sindicato"),
])
def test_a_declaring_verb_passes_its_subject_to_the_act_it_declares(text, actor):
    (e,) = extracted_events(text)
    assert e["actor"]["text"] == actor
    assert e["recipient"] is None or e["recipient"]["text"] != actor


def test_a_verb_of_saying_passes_no_subject_to_the_act_it_talks_about():
    events = extracted_events("El ministro consideró ilegal la huelga de los controladores.")
    assert all(e["actor"] is None or "ministro" not in e["actor"]["text"]
               for e in events if e["event"] == "PROTEST")
