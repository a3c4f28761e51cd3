"""Event words by word family (branch trig11): deverbal nouns of verb rows, a riot noun
the DLE defines, blows named by their instrument, barricades put up, quantifying nouns of
a series, and a weapon thrown with no target (no event). Every sentence is invented."""

from functools import partial

import pytest
from pipeline_helpers import event_words as _words
from pipeline_helpers import extracted_events
from pipeline_helpers import has_event_word as _has

_events = partial(extracted_events, date="2024-03-20")


def _main(text: str) -> set[tuple[str, str]]:
    """(type, trigger text) of the events only, not the secondary words."""
    return {(e["event"], e["trigger"]["text"]) for e in _events(text)}


# -- deverbal nouns take their verb's type ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "event", "word"),
    [
        ("El encarcelamiento del dirigente sindical indignó a sus compañeros.", "COERCE", "encarcelamiento"),
        ("La aduana informó la incautación de doscientos fusiles en el puerto.", "COERCE", "incautación"),
        ("El juez ordenó la confiscación de los bienes del exministro.", "COERCE", "confiscación"),
        ("La policía continuó el decomiso de mercancía ilegal en la feria.", "COERCE", "decomiso"),
        ("Tras el derrocamiento del presidente, los militares cerraron el Congreso.", "COERCE", "derrocamiento"),
        ("La militarización de la frontera preocupa a los vecinos.", "MOBILIZE", "militarización"),
    ],
)
def test_a_deverbal_noun_takes_its_verbs_type(make_doc, text, event, word):
    assert _has(_words(make_doc, text), event, word)


# -- protest forms and blows -----------------------------------------------------------------


def test_a_pueblada_is_a_riot():
    assert _has(_main("La pueblada de la semana pasada dejó la municipalidad en ruinas."),
                "PROTEST", "pueblada")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Los guardias lo golpearon a culatazos en la celda.", "culatazos"),
        ("Un agente recibió un botellazo en la cabeza.", "botellazo"),
        ("El vecino murió de un machetazo.", "machetazo"),
    ],
)
def test_a_blow_by_its_instrument_is_an_assault_word(make_doc, text, word):
    assert _has(_words(make_doc, text), "ASSAULT", word)


def test_a_weapon_word_without_a_blow_is_none(make_doc):
    words = _words(make_doc, "El campesino afiló el machete y salió al campo.")
    assert not any(ev == "ASSAULT" for ev, _ in words)


@pytest.mark.parametrize("verb", ["instalaron", "colocaron", "montaron", "armaron"])
def test_barricades_put_up_are_a_block(verb):
    assert _has(_main(f"Los mineros {verb} barricadas en la ruta."), "PROTEST", verb)


# -- a weapon thrown (the aimed-attack rule was reverted: fit +1, check -1 protest record) --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Los hinchas arrojaron botellas al campo de juego.",
        "La Unión Europea lanzó una ofensiva contra el proteccionismo.",
    ],
)
def test_a_throw_without_a_target_or_a_figurative_offensive_is_no_event(text):
    assert not any(ev == "ASSAULT" for ev, _ in _main(text))


# -- the noun an existential verb asserts; quantifying nouns ---------------------------------


def test_violence_asserted_by_haber_is_an_act(make_doc):
    assert _has(_words(make_doc, "Hubo violencia frente a la estación de trenes."), "ASSAULT", "violencia")


def test_violence_as_a_topic_is_none(make_doc):
    words = _words(make_doc, "El obispo habló contra la violencia en las escuelas.")
    assert not _has(words, "ASSAULT", "violencia")


def test_a_chain_of_attacks_names_the_attacks():
    assert _has(_main("Una cadena de atentados sacudió la capital."), "ASSAULT", "atentados")


# -- regional words for a tyre; industrial action short of a strike --------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Los desocupados quemaron gomas en el acceso a la ciudad.", "quemaron gomas"),
        ("Los vecinos quemaron cubiertas sobre la ruta.", "quemaron cubiertas"),
        ("Los judiciales iniciaron un quite de colaboración.", "quite de colaboración"),
        ("Los choferes realizaron un trabajo a desgano.", "trabajo a desgano"),
    ],
)
def test_regional_names_of_protest_acts(text, word):
    assert _has(_main(text), "PROTEST", word)


def test_a_rubber_factory_is_no_burning():
    assert not any(ev == "PROTEST" for ev, _ in _main("La fábrica de goma cerró el año pasado."))


# -- cutting ties; 'ocuparse del' -----------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Israel decidió cortar sus vínculos con la universidad.", "Perú rompió sus lazos con el régimen."]
)
def test_cutting_ties_is_a_sanction_not_a_road_block(text):
    events = _main(text)
    assert any(ev == "SANCTION" for ev, _ in events)
    assert not any(ev == "PROTEST" for ev, _ in events)


def test_dealing_with_a_matter_is_no_occupation(make_doc):
    words = _words(make_doc, "El ministerio se ocupará del tema la semana próxima.")
    assert not any(ev == "PROTEST" for ev, _ in words)


# -- the locutions of 'marcha' that name no march ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "El gobierno puso en marcha un plan de empleo.",
        "La puesta en marcha de la planta fue postergada.",
        "El ministro destacó la buena marcha de la economía.",
    ],
)
def test_under_way_is_no_march(make_doc, text):
    assert not any(ev == "PROTEST" for ev, _ in _words(make_doc, text))


def test_a_march_is_still_a_march():
    assert _has(_main("Los docentes realizaron una marcha hasta la plaza."), "PROTEST", "marcha")
