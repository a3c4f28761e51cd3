"""Stage 'actor_context': an event's sector actor takes its country from context, and the
output says which evidence was used."""

from __future__ import annotations

import pytest

from cronica.model import ActorMention, Article, ArticleDoc, Event, EventArg, PlaceMention, Span
from cronica.stages.actors.context import ActorContext, dominant_country


def _adoc(actor_code: str, sector: str | None, country: str | None, loc: dict | None,
          places: list[PlaceMention] = ()) -> ArticleDoc:
    adoc = ArticleDoc(article=Article(id="t", text="x" * 80, lang="en"), lang="en")
    adoc.actors = [ActorMention("a0", Span("police", 0, 6, 0), actor_code, [actor_code],
                                country=country, sector=sector, kind="agent")]
    arg = EventArg("police", actor_code, [actor_code], 0, 6, "a0")
    adoc.events = [Event("e0", "COERCE", Span("arrested", 7, 15, 0), actor=arg, event_loc=loc)]
    adoc.places = list(places)
    return adoc


def _place(country: str, dateline: bool = False) -> PlaceMention:
    return PlaceMention(Span("P", 20, 21, 0), "P", country, 1.0, 1.0, from_dateline=dateline)


def test_own_words_win():
    adoc = _adoc("KENCOP", "COP", "KEN", {"country": "UGA", "source": "clause"})
    ActorContext("en").run(adoc)
    assert (adoc.events[0].actor.country, adoc.events[0].actor.country_source) == ("KEN", "text")


def test_place_then_dateline_then_article():
    adoc = _adoc("COP", "COP", None, {"country": "PER", "source": "sentence"},
                 [_place("CHL", dateline=True)])
    ActorContext("en").run(adoc)
    assert (adoc.events[0].actor.country, adoc.events[0].actor.country_source) == ("PER", "place")
    adoc = _adoc("COP", "COP", None, {"country": "CHL", "source": "dateline"},
                 [_place("CHL", dateline=True)])
    ActorContext("en").run(adoc)
    assert adoc.events[0].actor.country_source == "dateline"
    adoc = _adoc("COP", "COP", None, None, [_place("BOL"), _place("BOL"), _place("PER")])
    ActorContext("en").run(adoc)
    assert (adoc.events[0].actor.country, adoc.events[0].actor.country_source) == ("BOL", "article")


def test_organisations_and_unclear_articles_get_no_country():
    adoc = _adoc("IGO", "IGO", None, {"country": "PER", "source": "clause"})
    ActorContext("en").run(adoc)
    assert adoc.events[0].actor.country is None
    adoc = _adoc("COP", "COP", None, None, [_place("BOL"), _place("PER")])
    assert dominant_country(adoc) is None
    ActorContext("en").run(adoc)
    assert adoc.events[0].actor.country is None


@pytest.mark.slow
def test_pipeline_output_names_the_evidence():
    from cronica.pipeline import extract

    out = extract("Police arrested twenty students in Cochabamba on Monday.", lang="en",
                  date="2024-03-05")
    ev = next(e for e in out["events"] if e["event"] == "COERCE")
    assert ev["actor_country"] == "BOL" and ev["actor_country_source"] == "place"
    assert ev["actor"]["country_source"] == "place"


@pytest.mark.parametrize("text, takes", [
    ("members of the Qwerty Workers Front", True),   # a common noun heads it
    ("relatives of Ana Pérez", True),
    ("medical technicians", True),
    ("the Qwerty Front", False),                      # a proper name may be anyone's
    ("Zhang Wei", False),
])
def test_people_of_an_organisation_take_the_place_country(text, takes):
    adoc = ArticleDoc(article=Article(id="t", text="x" * 80, lang="en"), lang="en")
    arg = EventArg(text, "", [], 0, len(text))
    adoc.events = [Event("e0", "PROTEST", Span("protested", 40, 49, 0), actor=arg,
                         event_loc={"country": "ARG", "source": "clause"})]
    ActorContext("en").run(adoc)
    assert (arg.country == "ARG") is takes
