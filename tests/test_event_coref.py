"""Stage 'event_coref': one event, one record, every mention kept."""

from __future__ import annotations

import pytest

from cronica.model import Article, ArticleDoc, Event, EventArg, Span
from cronica.stages.coref.events import EventCoref, args_compatible, same_event


def _arg(code: str, country: str | None = None) -> EventArg:
    return EventArg("x", code, [code], 0, 1, None, country=country)


def _ev(eid: str, start: int, actor: str | None = None, date: str | None = None,
        inferred: bool = False, place: dict | None = None, **kw) -> Event:
    return Event(eid, kw.pop("event", "ASSAULT"), Span("t", start, start + 1, start // 100),
                 actor=_arg(actor) if actor else None, date=date, date_inferred=inferred,
                 event_loc=place, **kw)


MANGU = {"name": "Mangu", "lat": 9.5, "lon": 9.1, "geonameid": 1, "source": "clause"}
ABUJA = {"name": "Abuja", "lat": 9.06, "lon": 7.5, "geonameid": 2, "source": "dateline"}
JOS = {"name": "Jos", "lat": 9.9, "lon": 8.9, "geonameid": 3, "source": "clause"}


def test_compatible_arguments():
    assert args_compatible(_arg("NGAMIL"), _arg("MIL"))
    assert args_compatible(None, _arg("REB"))
    assert not args_compatible(_arg("NGAMIL"), _arg("NGAREB"))
    assert not args_compatible(_arg("NGAMIL"), _arg("CMRMIL"))


def test_same_attack_at_the_dateline_and_the_village_is_one_event():
    a = _ev("e0", 10, "NGAUAF", "2024-01-28", place=MANGU)
    b = _ev("e1", 300, "UAF", "2024-01-29", inferred=True, place=ABUJA)
    assert same_event(a, b)
    adoc = ArticleDoc(article=Article(id="t", text="x" * 400), lang="en")
    adoc.events = [a, b]
    EventCoref("en").run(adoc)
    assert len(adoc.events) == 1
    (ev,) = adoc.events
    assert [m.start for m in ev.mentions] == [10, 300]
    assert ev.event_loc["name"] == "Mangu" and ev.date == "2024-01-28"


@pytest.mark.parametrize("b", [
    _ev("e1", 300, "NGAUAF", "2024-01-20", place=MANGU),  # another stated date
    _ev("e1", 300, "NGAUAF", "2024-01-28", place=JOS),  # another stated place
    _ev("e1", 300, "NGAUAF", "2024-01-28", place=MANGU, aux_mode="negation"),
    _ev("e1", 300, "NGAUAF", "2024-01-28", place=MANGU, event="COERCE"),
    _ev("e1", 300, None, None, place=None),  # nothing ties them
])
def test_different_events_stay_apart(b):
    assert not same_event(_ev("e0", 10, "NGAUAF", "2024-01-28", place=MANGU), b)


def test_an_embedded_act_stays_apart_and_follows_its_frame():
    # two mentions of one threat; the threatened strike hangs from the second
    t0 = _ev("e0", 10, "NGALAB", "2024-01-28", event="THREATEN", place=MANGU)
    t1 = _ev("e1", 300, "NGALAB", "2024-01-28", event="THREATEN", place=MANGU)
    strike = _ev("e2", 320, "NGALAB", "2024-01-28", event="PROTEST", place=MANGU,
                 aux_mode="hypothetical", embedded_in="e1")
    same = _ev("e3", 350, "NGALAB", "2024-01-28", event="PROTEST", place=MANGU,
               aux_mode="hypothetical")
    assert not same_event(same, strike)  # a free-standing event never joins an embedded one
    adoc = ArticleDoc(article=Article(id="t", text="x" * 400), lang="en")
    adoc.events = [t0, t1, strike, same]
    EventCoref("en").run(adoc)
    assert [e.id for e in adoc.events] == ["e0", "e2", "e3"]
    assert strike.embedded_in == "e0"  # its frame merged into e0


_HEADED = "Maestros marchan en Lima\nLos maestros marcharán el jueves en Lima por salarios."


def _headed_doc(text: str = _HEADED) -> ArticleDoc:
    adoc = ArticleDoc(article=Article(id="h", text=text), lang="es")
    line = text.index("\n")
    adoc.sentences = [Span(text[:line], 0, line, 0), Span(text[line + 1:], line + 1, len(text), 1)]
    return adoc


def _at(eid: str, sentence: int, start: int, **kw) -> Event:
    return Event(eid, kw.pop("event", "PROTEST"), Span("t", start, start + 1, sentence),
                 actor=_arg("EDU"), **kw)


LIMA = {"name": "Lima", "lat": -12.04, "lon": -77.03, "geonameid": 5, "source": "clause"}


@pytest.mark.parametrize("body_mode", ["future", "historical", "hypothetical"])
def test_a_headline_in_the_present_joins_the_body_event_and_takes_its_mode(body_mode):
    head = _at("e0", 0, 9, date="2024-03-05", date_inferred=True, event_loc=LIMA)
    body = _at("e1", 1, 40, date="2024-03-07", event_loc=LIMA, aux_mode=body_mode,
               aux_evidence={"text": "marcharán", "rule": "future tense"})
    adoc = _headed_doc()
    adoc.events = [head, body]
    EventCoref("es").run(adoc)
    (ev,) = adoc.events
    assert ev is body and ev.id == "e1"  # the body's trigger first, as the events stage does
    assert ev.aux_mode == body_mode and ev.date == "2024-03-07"
    assert [m.start for m in ev.mentions] == [40, 9]


def test_an_embedded_body_act_takes_in_the_headline_and_keeps_its_frame():
    frame = _at("e1", 1, 20, event="THREATEN", date="2024-03-07", event_loc=LIMA)
    head = _at("e0", 0, 9, date="2024-03-05", date_inferred=True, event_loc=LIMA)
    body = _at("e2", 1, 40, date="2024-03-07", event_loc=LIMA, aux_mode="future",
               embedded_in="e1")
    adoc = _headed_doc()
    adoc.events = [head, frame, body]
    EventCoref("es").run(adoc)
    assert [e.id for e in adoc.events] == ["e1", "e2"]
    assert body.embedded_in == "e1" and body.aux_mode == "future"


@pytest.mark.parametrize("head_mode, body_mode, text", [
    (None, "negation", _HEADED),          # a denial in the body is not the headline's act
    ("future", "historical", _HEADED),    # the headline's own mode is kept apart
    (None, "future", _HEADED.replace("Lima\n", "Lima.\n")),  # a lead sentence, no headline
])
def test_other_modes_stay_apart(head_mode, body_mode, text):
    head = _at("e0", 0, 9, date="2024-03-05", date_inferred=True, event_loc=LIMA,
               aux_mode=head_mode)
    body = _at("e1", 1, 40, date="2024-03-07", event_loc=LIMA, aux_mode=body_mode)
    adoc = _headed_doc(text)
    adoc.events = [head, body]
    EventCoref("es").run(adoc)
    assert len(adoc.events) == 2


def test_gunmen_and_the_named_group_are_one_attack_and_the_name_wins():
    mali = {"name": "Mali", "country": "MLI", "feature": "country", "lat": 17.0, "lon": -4.0,
            "geonameid": 7, "source": "clause"}
    mopti = {"name": "Mopti", "country": "MLI", "feature": "city", "lat": 14.5, "lon": -4.2,
             "geonameid": 8, "source": "clause"}
    head = _ev("e0", 10, "UAF", "2024-01-21", inferred=True, place=mali)
    body = _ev("e1", 300, "MLIREB", "2024-01-21", place=mopti)  # a town in the country
    assert args_compatible(_arg("UAF"), _arg("MLIREB"))
    assert not args_compatible(_arg("UAF"), _arg("MLIMIL"))  # a state force is named as such
    assert same_event(head, body)
    adoc = ArticleDoc(article=Article(id="t", text="x" * 400), lang="en")
    adoc.events = [head, body]
    EventCoref("en").run(adoc)
    (ev,) = adoc.events
    assert ev.actor.code == "MLIREB"


def test_a_town_abroad_is_not_in_the_country():
    mali = {"name": "Mali", "country": "MLI", "feature": "country", "lat": 17.0, "lon": -4.0,
            "geonameid": 7, "source": "clause"}
    niamey = {"name": "Niamey", "country": "NER", "feature": "city", "lat": 13.5, "lon": 2.1,
              "geonameid": 9, "source": "clause"}
    assert not same_event(_ev("e0", 10, "UAF", place=mali), _ev("e1", 300, "UAF", place=niamey))
