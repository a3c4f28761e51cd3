"""The dependency-label layer on the passive: English ClearNLP 'auxpass'/'nsubjpass' read
as UD 'aux:pass'/'nsubj:pass', so rules written with UD names see English passives."""

import pytest

from cronica.stages.nlp.syntax import AUX, children, dep, first_child
from cronica.stages.time.event_dates import governing_tense
from cronica.stages.time.lexicon import load_lexicon

pytestmark = pytest.mark.slow


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


def test_english_passive_auxiliaries_are_auxiliaries(nlp_en):
    doc = nlp_en("The leaders had been arrested by the police.")
    verb = _tok(doc, "arrested")
    assert [t.text for t in children(verb, AUX)] == ["had", "been"]
    assert dep(_tok(doc, "been")) == "aux:pass"
    subj = first_child(verb, ("nsubj", "nsubj:pass"))
    assert subj is not None and subj.text == "leaders"


def test_spanish_passive_auxiliaries_read_the_same_way(nlp_es):
    verb = _tok(nlp_es("Los líderes habían sido detenidos por la policía."), "detenidos")
    assert [t.text for t in children(verb, AUX)] == ["habían", "sido"]


def test_tense_of_an_english_passive_comes_from_its_auxiliaries(nlp_en):
    lx = load_lexicon("en")
    future = nlp_en("The road will be closed on Monday.")
    past = nlp_en("The road was closed on Monday.")
    assert governing_tense(future, _tok(future, "Monday").i, lx) == "future"
    assert governing_tense(past, _tok(past, "Monday").i, lx) == "past"


def test_english_passive_pluperfect_is_historical(make_doc):
    evs = make_doc("The village had been attacked by the army.", lang="en", date="2024-01-20",
                   stages=["actors", "events", "time", "aux"]).events
    att = [e for e in evs if e.event == "ASSAULT"]
    assert att and att[0].aux_mode == "historical"
    assert att[0].aux_evidence is not None and att[0].aux_evidence["text"] == "had"
