"""An agency dateline that runs into the lead on the same line is read as a sentence of its
own, so the lead's subject stays the actor of its events (issue 12: datelines)."""

from __future__ import annotations

import pytest

from cronica.pipeline import extract, parse_text
from cronica.read.dateline import closing_as_full_stop


@pytest.mark.parametrize(("closing", "stop"), [
    (").-", ") ."), (") - ", ") . "), (" — ", " . "), (":", "."),
])
def test_the_closing_punctuation_becomes_one_full_stop(closing, stop):
    assert closing_as_full_stop(closing) == stop


def test_before_a_glued_lead_the_stop_comes_first():
    assert closing_as_full_stop(".-", glued=True) == ". "


def test_offsets_are_kept():
    text = "Quito, 2 jun (EFE).- Los maestros marcharon.\n"
    assert len(parse_text(text)) == len(text)


@pytest.mark.parametrize(("text", "actor"), [
    ("Quito, 2 jun (EFE).- Los maestros marcharon el martes en Quito contra la reforma "
     "educativa del gobierno.", "maestros"),
    ("QUITO, 2 jun (AFP).- Cientos de maestros marcharon el martes en Quito contra la "
     "reforma educativa.", "maestros"),
    ("Quito, 2 jun (EFE).-Los maestros marcharon el martes en Quito.", "maestros"),
    ("QUITO (AP) — Teachers marched on Tuesday in Quito against the education reform.",
     "Teachers"),
])
def test_the_lead_after_a_dateline_keeps_its_actor(text, actor):
    out = extract(text + "\n", date="2024-06-02")
    assert len(out["sentences"]) == 2
    protests = [e for e in out["events"] if e["event"] == "PROTEST"]
    assert protests and protests[0]["actor"] and actor in protests[0]["actor"]["text"]
