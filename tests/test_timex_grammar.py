"""Date grammar of Spanish and English (branch dates): read-out years, centuries, decade
names, coordinated dates, 'a year earlier'. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from cronica.stages.time.lexicon import load_lexicon
from cronica.stages.time.resolver import find_dates, words_number

ANCHOR = date(2021, 6, 15)


def found(text: str, lang: str) -> list[tuple[str, str | None]]:
    return [(e.text, e.value) for e in find_dates(text, lang, ANCHOR)]


@pytest.mark.parametrize(("lang", "words", "number"), [
    ("es", "mil novecientos setenta y cuatro", 1974),
    ("es", "dos mil veintiuno", 2021),
    ("es", "mil", 1000),
    ("en", "nineteen ninety-six", 1996),
    ("en", "nineteen eighty", 1980),
    ("en", "two thousand and five", 2005),
    ("en", "eighteen hundred", 1800),
    ("en", "blue", None),
])
def test_words_number(lang, words, number):
    assert words_number(load_lexicon(lang), words) == number


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("es", "Nació el doce de octubre de mil novecientos ochenta y ocho.",
     [("el doce de octubre de mil novecientos ochenta y ocho", "1988-10-12")]),
    ("es", "La muralla se levantó en el año mil.", [("el año mil", "1000")]),
    ("en", "The plant opened in March nineteen eighty-one.",
     [("March nineteen eighty-one", "1981-03")]),
    ("en", "He left in nineteen seventy-two, after the strike.",
     [("nineteen seventy-two", "1972")]),
    ("en", "By the year two thousand the town had grown.", [("the year two thousand", "2000")]),
])
def test_read_out_years(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Llegaron mil novecientos soldados."),  # a count, not a year
    ("es", "El 3 de mayo, mil doscientos vecinos votaron."),
    ("en", "Nineteen people signed the letter."),
])
def test_counts_are_not_read_out_years(lang, text):
    assert all(len(v or "") != 4 for _, v in found(text, lang))


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("es", "Es un templo del siglo XII.", [("del siglo XII", "11")]),
    ("es", "Ocurrió en el siglo III antes de Cristo.", [("el siglo III antes de Cristo", "BC02")]),
    ("es", "Una ciudad del siglo 21.", [("del siglo 21", "20")]),
    ("en", "Art of the 19th century fills the hall.", [("the 19th century", "18")]),
    ("en", "a third-century coin", [("third-century", "02")]),
])
def test_centuries(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("es", "La banda triunfó en los años ochenta.", [("los años ochenta", "198")]),
    ("en", "Rents doubled in the seventies.", [("the seventies", "197")]),
    ("en", "Prices fell in the '60s.", [("the '60s", "196")]),
])
def test_decade_names(lang, text, expected):
    assert found(text, lang) == expected


def test_a_bare_number_with_s_is_not_a_decade():
    assert found("It was in 80s weather.", "en") == []


def test_coordinated_months_share_the_year():
    assert found("Se votará en abril y mayo de 2022.", "es") == [
        ("abril", "2022-04"), ("mayo de 2022", "2022-05")]


def test_coordinated_days_share_the_month():
    assert found("Hubo huelga el día 4 y 7.", "es") == [("el día 4", "2021-06-04"), ("7", "2021-06-07")]


def test_written_out_day_of_month():
    assert found("Firmaron el tres de marzo de 2020.", "es") == [("el tres de marzo de 2020", "2020-03-03")]


def test_a_year_earlier_is_a_year_before_the_anchor():
    assert found("Sales rose 5% from a year earlier.", "en") == [("a year earlier", "2020")]


def test_every_pattern_has_a_rule():
    """The dispatch table covers every pattern the lexicon compiles."""
    from cronica.stages.time.lexicon import build_patterns
    from cronica.stages.time.resolver import _RULES

    for lang in ("es", "en"):
        assert {name for name, _ in build_patterns(lang).patterns} == set(_RULES)


def test_pair_read_year_is_a_year_even_before_a_noun():
    assert found("It was a nineteen eighty-four law.", "en") == [("nineteen eighty-four", "1984")]


def test_additive_read_out_year_after_a_cue():
    assert found("Murió en mil novecientos noventa y dos tras la guerra.", "es") == [
        ("mil novecientos noventa y dos", "1992")]


def test_target_preposition_reads_a_weekday_forward():
    # anchor: Tuesday 15 June 2021
    assert found("Lo entregará para el viernes.", "es") == [("el viernes", "2021-06-18")]
    assert found("Lo entregó el viernes.", "es") == [("el viernes", "2021-06-11")]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("es", "Llovió esta tarde en la costa.", [("esta tarde", "2021-06-15")]),
    ("en", "The vote took place this morning.", [("this morning", "2021-06-15")]),
    ("es", "Hubo cortes el fin de semana pasado.", [("el fin de semana pasado", "2021-W23-WE")]),
    ("en", "Shops open this weekend.", [("this weekend", "2021-W24-WE")]),
    ("es", "Creció a mediados de los 90.", [("a mediados de los 90", "199")]),
    ("es", "Fue un éxito en los años 2000.", [("los años 2000", "200")]),
    ("es", "Nevó el invierno pasado.", [("el invierno pasado", "2020-WI")]),
    ("en", "Filed on 25/12/2020.", [("25/12/2020", "2020-12-25")]),  # only day-first fits
])
def test_parts_of_day_weekends_decades_numeric(lang, text, expected):
    assert found(text, lang) == expected


def test_two_digit_decade_with_article_is_not_a_count():
    assert found("Detuvieron a los 90 manifestantes.", "es") == []


def test_latest_quarter_is_the_last_completed_one():
    # anchor 15 June 2021 lies in Q2: the latest quarter is Q1
    assert found("Profit rose in the latest quarter.", "en") == [("the latest quarter", "2021-Q1")]
