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
