"""Stage 'magnitude': dead, injured, arrested and crowd size, with offsets; PLOVER scores."""

from __future__ import annotations

from functools import partial

import pytest
from pipeline_helpers import extracted_events

from cronica.stages.magnitude.lexicon import load_lexicon
from cronica.stages.magnitude.scores import plover_score

_events = partial(extracted_events, date=None)


def test_scores_come_from_the_manual_table():
    assert plover_score("ASSAULT", "aerial") == -9.5
    assert plover_score("ASSAULT", None) == -9
    assert plover_score("PROTEST", "no-such-mode") == -5
    assert plover_score("AID", None) == 10
    assert plover_score("NOTATYPE", None) is None


def test_lexicons_have_vague_ranges_in_both_languages():
    es, en = load_lexicon("es"), load_lexicon("en")
    assert (es.vague["miles"].min, es.vague["miles"].max) == (2000, 9999)
    assert en.vague["thousands"].category == es.vague["miles"].category == "thousands"
    assert es.mods["al menos"] == en.mods["at least"] == "at_least"


@pytest.mark.slow
def test_spanish_dead_and_injured_with_ranges_and_offsets():
    text = "Al menos 35 muertos y decenas de heridos dejó el ataque de los rebeldes."
    (ev,) = [e for e in _events(text, "es") if e["event"] == "ASSAULT"]
    assert (ev["dead"]["value"], ev["dead"]["min"], ev["dead"]["category"]) == (35, 35, "at_least")
    assert text[ev["dead"]["start"]:ev["dead"]["end"]] == "Al menos 35"
    assert (ev["injured"]["value"], ev["injured"]["category"]) == (None, "dozens")
    assert ev["injured"]["min"] == 20 and ev["injured"]["max"] == 99
    assert ev["plover_score"] is not None


@pytest.mark.slow
def test_english_killing_and_passive_counts():
    text = "Gunmen attacked a village, killing 5 civilians."
    (ev,) = [e for e in _events(text, "en") if e["event"] == "ASSAULT"][:1]
    assert ev["dead"]["value"] == 5
    text = "Rebels attacked a convoy. Two soldiers were killed and three were wounded."
    evs = _events(text, "en")
    dead = [e["dead"]["value"] for e in evs if e["dead"]]
    injured = [e["injured"]["value"] for e in evs if e["injured"]]
    assert dead == [2] and injured == [3]


@pytest.mark.slow
def test_crowd_size_and_arrests():
    evs = _events("Unos 200 estudiantes protestaron en Lima y la policía detuvo a 12 personas.", "es")
    by_type = {e["event"]: e for e in evs}
    assert by_type["PROTEST"]["size"]["value"] == 200
    assert by_type["PROTEST"]["size"]["category"] == "approx"
    assert by_type["COERCE"]["arrested"]["value"] == 12
    (march,) = [e for e in _events("Thousands of protesters marched in Quito.", "en")
                if e["event"] == "PROTEST"]
    assert march["size"]["category"] == "thousands" and march["size"]["value"] is None
    assert march["dead"] is None and march["injured"] is None


@pytest.mark.slow
def test_years_are_not_counts():
    evs = _events("In 2021 protesters marched in Quito.", "en")
    assert all(e["size"] is None for e in evs)


def test_phrase_lookup_skips_tokens_that_start_no_form():
    """The first-word shortcut gives what the full scan gives: multi-word forms still match,
    other words match nothing."""
    from cronica.stages.magnitude.counter import _match

    lx = load_lexicon("es")
    multi = next(f for f in lx.vague if " " in f)
    folded = ["unos", *multi.split(), "manifestantes"]
    firsts = lx.first_words["vague"]
    assert _match(folded, 1, lx.vague, lx.longest, firsts) == _match(folded, 1, lx.vague, lx.longest)
    assert _match(folded, 1, lx.vague, lx.longest, firsts)[0] == 1 + len(multi.split())
    assert _match(folded, len(folded) - 1, lx.vague, lx.longest, firsts) is None


@pytest.mark.slow
def test_a_subject_in_the_state_its_predicate_names_is_counted():
    # copular predication: 'resultaron heridos', 'quedaron detenidos'
    text = "Los rebeldes atacaron un cuartel en Cali. Cuatro soldados resultaron heridos."
    evs = _events(text, "es")
    assert [e["injured"]["value"] for e in evs if e["injured"]] == [4]
    text = "Un grupo armado atacó una aldea del Cauca. Dos campesinos quedaron muertos."
    evs = _events(text, "es")
    assert [e["dead"]["value"] for e in evs if e["dead"]] == [2]


@pytest.mark.slow
@pytest.mark.parametrize("text, lang, value, low", [
    # people of a non-state sector coded by the actors stage make up the crowd
    ("Unos 5.000 agricultores participaron en las movilizaciones.", "es", 5000, None),
    ("Miles de agricultores bloquearon las carreteras del sur.", "es", None, 2000),
    ("Cerca de un millar de estudiantes marcharon por el centro.", "es", 1000, None),  # DLE 'millar'
])
def test_people_of_a_sector_give_the_crowd_size(text, lang, value, low):
    (ev,) = [e for e in _events(text, lang) if e["event"] == "PROTEST"]
    assert ev["size"] is not None
    assert ev["size"]["value"] == value and ev["size"]["min"] == low


@pytest.mark.slow
def test_police_watching_a_march_are_not_its_crowd():
    (ev,) = [e for e in _events("Miles de policías vigilaron la marcha de los estudiantes.", "es")
             if e["event"] == "PROTEST"]
    assert ev["size"] is None


@pytest.mark.slow
@pytest.mark.parametrize("text, lang, low", [
    ("Tens of thousands of Georgians marched through the capital.", "en", 20000),
    ("Miles de venezolanos marcharon en Caracas.", "es", 2000),
])
def test_a_demonym_noun_counts_a_crowd(text, lang, low):
    (ev,) = [e for e in _events(text, lang) if e["event"] == "PROTEST"]
    assert ev["size"]["min"] == low
