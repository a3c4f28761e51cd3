"""Time expressions: the pure rules (find_dates) and the 'time' stage on parsed text."""

from __future__ import annotations

from datetime import date

import pytest

from cronica.model import Event
from cronica.stages.time.resolver import find_dates, resolve

FRI = date(2024, 1, 26)  # a Friday


def _values(text: str, lang: str, anchor: date | None = FRI) -> dict[str, tuple]:
    return {e.text: (e.value, e.precision) for e in find_dates(text, lang, anchor)}


@pytest.mark.parametrize("lang,expr,value,precision", [
    ("es", "el jueves", "2024-01-25", "day"),
    ("es", "el pasado martes", "2024-01-23", "day"),
    ("es", "el martes pasado", "2024-01-23", "day"),
    ("es", "el viernes pasado", "2024-01-19", "day"),  # 'pasado' excludes the anchor day
    ("es", "este lunes", "2024-01-22", "day"),
    ("es", "el próximo viernes", "2024-02-02", "day"),
    ("es", "ayer", "2024-01-25", "day"),
    ("es", "anteayer", "2024-01-24", "day"),
    ("es", "hoy", "2024-01-26", "day"),
    ("es", "mañana", "2024-01-27", "day"),
    ("es", "hace dos semanas", "2024-01-12", "day"),
    ("es", "hace tres días", "2024-01-23", "day"),
    ("es", "el mes pasado", "2023-12", "month"),
    ("es", "el año pasado", "2023", "year"),
    ("es", "la semana pasada", "2024-W03", "week"),
    ("es", "el 7 de octubre", "2023-10-07", "day"),
    ("es", "el 2 de abril de 1991", "1991-04-02", "day"),
    ("es", "25 de enero de 2024", "2024-01-25", "day"),
    ("es", "25/01/2024", "2024-01-25", "day"),
    ("es", "2024-01-25", "2024-01-25", "day"),
    ("es", "agosto de 2023", "2023-08", "month"),
    ("es", "el próximo 3 de marzo", "2024-03-03", "day"),
    ("en", "last Thursday", "2024-01-25", "day"),
    ("en", "yesterday", "2024-01-25", "day"),
    ("en", "two weeks ago", "2024-01-12", "day"),
    ("en", "last month", "2023-12", "month"),
    ("en", "next year", "2025", "year"),
    ("en", "October 7", "2023-10-07", "day"),
    ("en", "January 25, 2024", "2024-01-25", "day"),
    ("en", "01/25/2024", "2024-01-25", "day"),  # month first in English
    ("en", "the third quarter", "2023-Q3", "quarter"),
])
def test_resolve_expression(lang, expr, value, precision):
    got = resolve(expr, lang, FRI)
    assert got is not None and got.text == expr, got
    assert (got.value, got.precision) == (value, precision)


def test_month_without_year_is_never_given_a_day():
    got = _values("Las negociaciones empezaron en agosto y siguen.", "es")
    assert got == {"agosto": ("2023-08", "month")}


def test_years_and_numbers_that_are_not_years():
    got = _values("Llegaron en 2011, desde 2014 hay 2003 soldados y 1.500 asesores.", "es")
    assert got == {"2011": ("2011", "year"), "2014": ("2014", "year")}


def test_near_future_yearless_date_reads_forward_without_tense():
    # 6 November is 11 days ahead of 26 October and 354 days back: the nearer reading wins
    got = resolve("Nov. 6", "en", date(1989, 10, 26))
    assert got is not None and got.value == "1989-11-06"


def test_dateline_without_article_date_keeps_no_year():
    found = find_dates("SAN SALVADOR, Abr 26 (AFP) - El gobierno anunció en 2011 ...", "es", None)
    by_text = {e.text: e for e in found}
    assert by_text["Abr 26"].resolved is False and by_text["Abr 26"].value is None
    assert "no date" in by_text["Abr 26"].note
    assert by_text["2011"].value == "2011" and by_text["2011"].resolved


def test_dateline_with_article_date():
    assert _values("SAN SALVADOR, Abr 26 (AFP) -", "es", date(1994, 5, 2)) == {
        "Abr 26": ("1994-04-26", "day")}


def test_no_article_date_never_means_today():
    for e in find_dates("Ayer, el jueves, hace dos semanas.", "es", None):
        assert e.value is None and not e.resolved and e.note


def test_morning_is_not_tomorrow():
    # 'por la mañana' is no date; 'esta mañana' is the anchor day (a part of it), not tomorrow
    assert _values("Se reunieron por la mañana y esta mañana.", "es") == {
        "esta mañana": ("2024-01-26", "day")}


def test_may_the_verb_is_not_a_month():
    assert _values("Prices may rise in May 2024.", "en") == {"May 2024": ("2024-05", "month")}


def _event(adoc, word: str, eid: str) -> Event:
    tok = next(t for t in adoc.doc if t.text == word)
    return Event(id=eid, event="AGREE", trigger=adoc.span(tok.idx, tok.idx + len(tok)), head=tok.i)


def test_stage_dates_events_from_their_own_clause(make_doc):
    text = ("El ministro dijo el jueves que la comisión acordada en agosto de 2023 "
            "se reunirá en Bagdad.")
    adoc = make_doc(text, lang="es", date="2024-01-26")
    adoc.events = [_event(adoc, "dijo", "e1"), _event(adoc, "acordada", "e2"),
                   _event(adoc, "reunirá", "e3")]
    adoc.events[2].aux_mode = "future"  # as the events stage marks it
    from cronica.stages.time.resolver import DateResolver

    DateResolver("es").run(adoc)
    assert {(d.span.text, d.value, d.precision) for d in adoc.dates} == {
        ("el jueves", "2024-01-25", "day"), ("agosto de 2023", "2023-08", "month")}
    said, agreed, meet = adoc.events
    assert (said.date, said.date_inferred, said.aux_mode) == ("2024-01-25", False, None)
    assert (agreed.date, agreed.date_precision, agreed.aux_mode) == ("2023-08", "month", "historical")
    assert agreed.date_span is not None and agreed.date_span.text == "agosto de 2023"
    # the main clause is future: neither the commission's date nor 'el jueves' leaks into it,
    # and a future event is not put on the news day: it gets the article's date, inferred
    assert (meet.date, meet.date_inferred, meet.date_span) == ("2024-01-26", True, None)


def test_stage_undated_event_takes_the_news_day(make_doc):
    from cronica.stages.time.resolver import DateResolver

    text = "Irak dijo el jueves que negocia. Los dos gobiernos firmaron un acuerdo."
    adoc = make_doc(text, lang="es", date="2024-01-26")
    adoc.events = [_event(adoc, "firmaron", "e1")]
    DateResolver("es").run(adoc)
    signed = adoc.events[0]
    assert (signed.date, signed.date_inferred, signed.aux_mode) == ("2024-01-25", True, None)
    # a named day more than a week old is not the news day
    text = "Irak dijo el 3 de enero que negocia. Los dos gobiernos firmaron un acuerdo."
    adoc = make_doc(text, lang="es", date="2024-02-20")
    adoc.events = [_event(adoc, "firmaron", "e1")]
    DateResolver("es").run(adoc)
    assert (adoc.events[0].date, adoc.events[0].date_inferred) == ("2024-02-20", True)
    # background marked historical upstream, without a date of its own: no date at all
    adoc.events = [_event(adoc, "firmaron", "e1")]
    adoc.events[0].aux_mode = "historical"
    DateResolver("es").run(adoc)
    assert (adoc.events[0].date, adoc.events[0].date_inferred) == (None, False)


def test_stage_future_verb_moves_bare_weekday_forward(make_doc):
    from cronica.stages.time.resolver import DateResolver

    adoc = make_doc("El presidente viajará el viernes a Lima.", lang="es", date="2024-01-24")
    DateResolver("es").run(adoc)
    assert [(d.span.text, d.value) for d in adoc.dates] == [
        ("el viernes", "2024-01-26")]


def test_stage_without_article_date(make_doc):
    from cronica.stages.time.resolver import DateResolver

    adoc = make_doc("The minister said on Monday that troops left in 2011.", lang="en", date=None)
    adoc.events = [_event(adoc, "said", "e1"), _event(adoc, "left", "e2")]
    DateResolver("en").run(adoc)
    monday = next(d for d in adoc.dates if d.span.text == "Monday")
    assert monday.value is None and not monday.resolved
    said, left = adoc.events
    assert said.date is None and not said.date_inferred
    assert left.date == "2011" and left.date_precision == "year"
    assert left.aux_mode is None  # no article date: nothing to call historical against


@pytest.mark.parametrize("text,expected", [
    ("del 2 al 15 de agosto", {"del 2": "2023-08-02", "al 15 de agosto": "2023-08-15"}),
    ("el 15 de marzo pasado", {"el 15 de marzo pasado": "2023-03-15"}),
    ("dentro de dos semanas", {"dentro de dos semanas": "2024-02-09"}),
    ("mayo del año pasado", {"mayo del año pasado": "2023-05"}),
])
def test_spanish_ranges_postposed_modifiers_and_offsets(text, expected):
    assert {k: v[0] for k, v in _values(text, "es").items()} == expected


def test_offsets_survive_letters_that_change_length_when_lowered():
    text = "İstanbul, 25 de enero de 2024."
    (expr,) = find_dates(text, "es", FRI)
    assert text[expr.start:expr.end] == "25 de enero de 2024" and expr.value == "2024-01-25"


def test_stage_drops_numbers_that_count_things(make_doc):
    from cronica.stages.time.resolver import DateResolver

    adoc = make_doc("Llegaron hasta 2003 soldados en 2011.", lang="es", date="2024-01-26")
    DateResolver("es").run(adoc)
    assert [(d.span.text, d.value) for d in adoc.dates] == [("2011", "2011")]


@pytest.mark.parametrize("text,lang,value", [
    ("Los ministros van a reunirse el lunes en Ginebra.", "es", "2024-01-29"),
    ("Los ministros se reunieron el lunes en Ginebra.", "es", "2024-01-22"),
    # a present indicative cannot tell of a day already gone: the coming Monday
    ("Los ministros se reúnen el lunes en Ginebra.", "es", "2024-01-29"),
    ("El partido piensa boicotear el lunes la reunión.", "es", "2024-01-29"),
    ("Los mineros han bloqueado la ruta desde el lunes.", "es", "2024-01-22"),
    ("La huelga ha comenzado el lunes.", "es", "2024-01-22"),
    ("The ministers will meet on Monday in Geneva.", "en", "2024-01-29"),
    ("The ministers met on Monday in Geneva.", "en", "2024-01-22"),
    # the infinitive complement of a verb of agreement, plan or promise names a later act
    ("Los ministros han acordado reunirse el lunes en Ginebra.", "es", "2024-01-29"),
    ("The minister plans to be back in Geneva on Monday.", "en", "2024-01-29"),
    ("The minister is scheduled to address the assembly Monday.", "en", "2024-01-29"),
    # ... but not a date of the governing verb, nor under a finite past, where news reports
    # decisions carried out at once
    ("Los ministros acordaron el lunes reanudar el diálogo.", "es", "2024-01-22"),
    ("Los pescadores decidieron levantar el lunes el bloqueo del puerto.", "es", "2024-01-22"),
    ("The ministers agreed on Monday to resume the talks.", "en", "2024-01-22"),
    # a day on the object noun of a verb that announces or calls it is the planned event's
    ("Unions announced a general strike on Monday.", "en", "2024-01-29"),
    ("The unions held a general strike on Monday.", "en", "2024-01-22"),
])
def test_stage_weekday_follows_the_tense(make_doc, text, lang, value):
    from cronica.stages.time.resolver import DateResolver

    adoc = make_doc(text, lang=lang, date="2024-01-26")
    DateResolver(lang).run(adoc)
    assert [d.value for d in adoc.dates] == [value]


def test_capitalised_spanish_month_mid_sentence_is_a_name():
    assert _values("Marcharon a la Plaza de Mayo en mayo.", "es") == {"mayo": ("2023-05", "month")}
    assert _values("Mayo fue un mes duro.", "es") == {}  # no cue: not a date either


def test_capitalised_spanish_weekday_mid_sentence_is_a_name():
    got = _values("Llegó a Santo Domingo el domingo. Domingo fue el día.", "es")
    assert got == {"el domingo": ("2024-01-21", "day"), "Domingo": ("2024-01-21", "day")}


def test_relative_word_with_weekday_is_one_expression():
    assert _values("Llegará mañana jueves y se fue ayer jueves.", "es") == {
        "mañana jueves": ("2024-01-27", "day"), "ayer jueves": ("2024-01-25", "day")}


_WINDOW_TEXTS = [
    ("es", "El 3 de mayo de 2023 y el martes pasado, hace dos semanas, la marcha del 2 al 15 "
           "de agosto; antes de ayer y pasado mañana, en la actualidad, en el verano de 1999."),
    ("es", "MADRID, Abr 26 (AFP) - La huelga de 1500 mineros sigue desde ayer jueves; el "
           "primer trimestre de 2024 y la década de los 90, en marzo del año pasado."),
    ("en", "On Nov. 6, 2023, the day before yesterday and last week, in the 1990s, three "
           "months ago, the second quarter, this spring, March 3 and right now."),
    ("en", "İstanbul, Tuesday: the ſummit of 12/03/2024 and nine days later, in 2003 troops."),
]


@pytest.mark.parametrize("lang,text", _WINDOW_TEXTS)
def test_window_categories_skip_no_match(monkeypatch, lang, text):
    """Running each pattern only on windows holding the core words it needs gives exactly
    what running every pattern on every window gives."""
    import dataclasses

    import cronica.stages.time.resolver as timex_mod
    from cronica.stages.time.lexicon import build_patterns

    def key(found):
        return [(e.text, e.start, e.end, e.value, e.precision, e.note) for e in found]

    for anchor in (FRI, None):
        fast = key(find_dates(text, lang, anchor))
        pats = build_patterns(lang)
        everything = dataclasses.replace(pats, core_cs=None, needs={n: () for n in pats.needs})
        with monkeypatch.context() as m:
            m.setattr(timex_mod, "build_patterns", lambda _lang, p=everything: p)
            assert fast == key(find_dates(text, lang, anchor))
        assert fast  # the texts do hold dates


@pytest.mark.parametrize("text,lang,words", [
    ("On 3 May 2021, rebels attacked a convoy and the army shelled the hills.", "en",
     ("attacked", "shelled")),
    ("El pasado 3 de mayo, los rebeldes atacaron un convoy y el ejército bombardeó la zona.",
     "es", ("atacaron", "bombardeó")),
])
def test_stage_framing_date_dates_every_event_of_its_sentence(make_doc, text, lang, words):
    from cronica.stages.time.resolver import DateResolver

    adoc = make_doc(text + " Later the troops left.", lang=lang, date="2021-05-20")
    adoc.events = [_event(adoc, w, f"e{i}") for i, w in enumerate(words)]
    left = "left"
    adoc.events.append(_event(adoc, left, "e9"))
    DateResolver(lang).run(adoc)
    assert [e.date for e in adoc.events[:2]] == ["2021-05-03", "2021-05-03"]
    # the next sentence does not inherit it: it takes the article's date, flagged
    assert (adoc.events[2].date, adoc.events[2].date_inferred) == ("2021-05-20", True)


def test_stage_date_after_a_verb_frames_nothing(make_doc):
    from cronica.stages.time.resolver import DateResolver

    adoc = make_doc("Rebels attacked a convoy that had left on 3 May 2021.", lang="en", date=None)
    adoc.events = [_event(adoc, "attacked", "e1")]
    DateResolver("en").run(adoc)
    assert adoc.events[0].date is None


@pytest.mark.parametrize("second,inherits", [
    ("As a result, the army withdrew.", True),
    ("They withdrew.", True),  # a pronoun for the same participants goes on with them
    ("The army withdrew.", False),
])
def test_stage_a_continued_narrative_keeps_the_framing_date(make_doc, second, inherits):
    from cronica.stages.time.resolver import DateResolver

    adoc = make_doc("On 3 May 2021, rebels attacked a convoy. " + second, lang="en", date=None)
    adoc.events = [_event(adoc, "attacked", "e0"), _event(adoc, "withdrew", "e1")]
    DateResolver("en").run(adoc)
    assert adoc.events[0].date == "2021-05-03"
    assert len(adoc.sentences) == 2
    assert (adoc.events[1].date == "2021-05-03") is inherits
