"""Actor country from context, faults an analyst hits on whole articles (branch polish7):
the recipient's country never becomes the actor's, and a place named in another sentence
is no evidence of the sentence's own place."""

from __future__ import annotations

import pytest

from cronica.model import ActorMention, Article, ArticleDoc, Event, EventArg, PlaceMention, Span
from cronica.stages.actors.context import ActorContext, own_place


def _mention(mid: str, text: str, start: int, code: str, country: str, sector: str | None,
             kind: str) -> ActorMention:
    return ActorMention(mid, Span(text, start, start + len(text), 0), code, [code],
                        country=country, sector=sector, kind=kind)


def _threat_on_state(loc: dict | None, places: list[PlaceMention] = ()) -> ArticleDoc:
    """'El gobierno amenazó con sanciones a Irán': a threat whose embedded sanction aims at a
    state named as a whole."""
    adoc = ArticleDoc(article=Article(id="t", text="x" * 90, lang="es"), lang="es")
    adoc.actors = [_mention("a0", "El gobierno", 0, "GOV", "", "GOV", "agent"),
                   _mention("a1", "Irán", 50, "IRN", "IRN", None, "country")]
    gov = EventArg("El gobierno", "GOV", ["GOV"], 0, 11, "a0")
    adoc.events = [
        Event("e0", "THREATEN", Span("amenazó", 12, 19, 0), actor=gov, event_loc=loc),
        Event("e1", "SANCTION", Span("sanciones", 30, 39, 0),
              actor=EventArg("El gobierno", "GOV", ["GOV"], 0, 11, "a0"),
              recipient=EventArg("Irán", "IRN", ["IRN"], 50, 54, "a1"),
              event_loc=loc, embedded_in="e0"),
    ]
    adoc.places = list(places)
    return adoc


def test_recipient_state_is_never_the_actor_place_country():
    adoc = _threat_on_state({"country": "IRN", "source": "sentence"})
    ActorContext("es").run(adoc)
    for e in adoc.events:
        assert e.actor.country != "IRN"
    assert adoc.actors[0].country != "IRN"


def test_recipient_state_is_never_the_actor_article_country():
    # no dateline; the article names Iran twice and nothing else
    places = [PlaceMention(Span("Irán", 50, 54, 0), "Iran", "IRN", 1.0, 1.0),
              PlaceMention(Span("Irán", 60, 64, 0), "Iran", "IRN", 1.0, 1.0)]
    adoc = _threat_on_state(None, places)
    ActorContext("es").run(adoc)
    assert {e.actor.country for e in adoc.events} == {None}


def test_recipient_state_leaves_the_dateline_to_the_actor():
    places = [PlaceMention(Span("Bruselas", 80, 88, 0), "Brussels", "BEL", 1.0, 1.0,
                           from_dateline=True)]
    adoc = _threat_on_state({"country": "IRN", "source": "sentence"}, places)
    ActorContext("es").run(adoc)
    assert adoc.events[0].actor.country == "BEL"
    assert adoc.events[0].actor.country_source == "dateline"


def test_a_domestic_recipient_does_not_block_the_actor_country():
    # 'La policía detuvo a dirigentes de Ennahda en Túnez': the recipient is no state as a
    # whole, the police are of the place
    adoc = ArticleDoc(article=Article(id="t", text="x" * 90, lang="es"), lang="es")
    adoc.actors = [_mention("a0", "La policía", 0, "COP", "", "COP", "agent"),
                   _mention("a1", "dirigentes de Ennahda", 20, "TUNPTY", "TUN", "PTY", "agent")]
    adoc.events = [Event("e0", "COERCE", Span("detuvo", 11, 17, 0),
                         actor=EventArg("La policía", "COP", ["COP"], 0, 10, "a0"),
                         recipient=EventArg("dirigentes de Ennahda", "TUNPTY", ["TUNPTY"],
                                            20, 41, "a1"),
                         event_loc={"country": "TUN", "source": "clause"})]
    ActorContext("es").run(adoc)
    assert adoc.events[0].actor.country == "TUN"


@pytest.mark.parametrize("source, counts", [
    ("clause", True), ("sentence", True), ("previous", True), ("target", True),
    ("dateline", False), ("article", False),
])
def test_only_the_sentence_place_is_place_evidence(source, counts):
    e = Event("e0", "THREATEN", Span("vowed", 14, 19, 0),
              event_loc={"country": "KEN", "source": source})
    assert (own_place(e) == "KEN") is counts


def test_place_of_another_sentence_gives_way_to_the_dateline():
    # 'The president vowed ...' placed (by the place stage) where a later sentence's event
    # was: the dateline decides, not the later sentence
    adoc = ArticleDoc(article=Article(id="t", text="x" * 90, lang="en"), lang="en")
    adoc.actors = [_mention("a0", "The president", 0, "GOV", "", "GOV", "agent")]
    adoc.places = [PlaceMention(Span("KAMPALA", 70, 77, 0), "Kampala", "UGA", 1.0, 1.0,
                                from_dateline=True),
                   PlaceMention(Span("Kenya", 80, 85, 2), "Kenya", "KEN", 1.0, 1.0)]
    adoc.events = [Event("e0", "THREATEN", Span("vowed", 14, 19, 0),
                         actor=EventArg("The president", "GOV", ["GOV"], 0, 13, "a0"),
                         event_loc={"country": "KEN", "source": "article"})]
    ActorContext("en").run(adoc)
    assert (adoc.events[0].actor.country, adoc.events[0].actor.country_source) == \
        ("UGA", "dateline")


@pytest.mark.slow
def test_pipeline_government_threatening_a_state_is_not_that_state():
    from cronica.pipeline import extract

    out = extract("El gobierno amenazó este martes con imponer sanciones adicionales a Irán "
                  "por su programa nuclear.", lang="es", date="2025-03-14")
    for ev in out["events"]:
        if ev["actor"] and ev["actor"]["text"] == "El gobierno":
            assert ev["actor_country"] != "IRN"


@pytest.mark.slow
def test_pipeline_police_of_the_sentence_place_not_of_an_earlier_mention():
    from cronica.pipeline import extract

    text = ("La policía tunecina detuvo en enero a varios dirigentes opositores en Túnez.\n\n"
            "Este lunes, miles de estudiantes marcharon en Quito contra los recortes. "
            "La policía dejó dos manifestantes heridos en Quito.")
    out = extract(text, lang="es", date="2025-03-14")
    ev = next(e for e in out["events"] if e["trigger"]["text"] == "dejó")
    assert ev["actor_country"] == "ECU" and ev["actor"]["code"] == "ECUCOP"
    police = [a for a in out["actors"] if a["span"]["text"] == "La policía"]
    assert police and police[0]["code"] == "ECUCOP"


@pytest.mark.slow
def test_pipeline_definite_title_refers_to_the_last_mention_of_its_noun():
    from cronica.pipeline import extract

    text = ("El ministro de Exteriores de España se reunió este miércoles en Lima con la "
            "presidenta peruana. El gobierno peruano firmó un acuerdo. "
            "El ministro viajará mañana a Quito.")
    out = extract(text, lang="es", date="2025-06-05")
    minister = [a for a in out["actors"] if a["span"]["text"] == "El ministro"]
    assert minister and minister[0]["code"] == "ESPGOV"
    assert minister[0]["country_source"] == "anaphora"


@pytest.mark.slow
def test_pipeline_armed_forces_keep_their_antecedent_country_abroad():
    from cronica.pipeline import extract

    text = ("Las fuerzas estadounidenses llegaron a la región en enero. "
            "Las fuerzas bombardearon posiciones en Siria el martes.")
    out = extract(text, lang="es", date="2025-06-05")
    ev = next(e for e in out["events"] if e["trigger"]["text"] == "bombardearon")
    assert ev["actor_country"] == "USA"


def test_an_act_named_as_recipient_takes_no_country():
    # 'The United States condemned the bombing': the bombing is an act, not Somali people
    adoc = ArticleDoc(article=Article(id="t", text="x" * 90, lang="en"), lang="en")
    bombing = EventArg("the bombing", "", [], 40, 51)
    people = EventArg("the residents", "", [], 60, 73)
    adoc.events = [
        Event("e0", "ACCUSE", Span("condemned", 20, 29, 0), recipient=bombing,
              event_loc={"country": "SOM", "source": "clause"}),
        Event("e1", "SUPPORT", Span("helped", 52, 58, 0), recipient=people,
              event_loc={"country": "SOM", "source": "clause"}),
    ]
    adoc.secondary_events = [Event("e2", "ASSAULT", Span("bombing", 44, 51, 0))]
    ActorContext("en").run(adoc)
    assert bombing.country is None
    assert people.country == "SOM"


def test_an_act_inside_a_phrase_of_people_keeps_the_country():
    adoc = ArticleDoc(article=Article(id="t", text="x" * 90, lang="en"), lang="en")
    kin = EventArg("kin of a killing victim", "", [], 0, 23)
    adoc.events = [Event("e0", "PROTEST", Span("protested", 30, 39, 0), actor=kin,
                         event_loc={"country": "IND", "source": "clause"})]
    adoc.secondary_events = [Event("e1", "ASSAULT", Span("killing", 9, 16, 0))]
    ActorContext("en").run(adoc)
    assert kin.country == "IND"


def test_people_protesting_against_their_state_keep_its_country():
    # 'students held a protest against the Myanmar military coup': no state body acts
    adoc = ArticleDoc(article=Article(id="t", text="x" * 90, lang="en"), lang="en")
    adoc.actors = [_mention("a0", "students", 0, "EDU", "", "EDU", "agent"),
                   _mention("a1", "Myanmar", 40, "MMR", "MMR", None, "country")]
    adoc.events = [Event("e0", "PROTEST", Span("protest", 20, 27, 0),
                         actor=EventArg("students", "EDU", ["EDU"], 0, 8, "a0"),
                         recipient=EventArg("Myanmar", "MMR", ["MMR"], 40, 47, "a1"),
                         event_loc={"country": "MMR", "source": "clause"})]
    ActorContext("en").run(adoc)
    assert adoc.events[0].actor.country == "MMR"


def test_place_of_another_sentence_outweighs_the_article_counts():
    # no dateline: the place the article gives its events beats the country it names most
    adoc = ArticleDoc(article=Article(id="t", text="x" * 90, lang="en"), lang="en")
    adoc.actors = [_mention("a0", "people", 0, "CVL", "", "CVL", "agent"),
                   _mention("a1", "Russian", 50, "RUS", "RUS", None, "agent"),
                   _mention("a2", "Russian", 60, "RUS", "RUS", None, "agent")]
    adoc.places = [PlaceMention(Span("Finland", 70, 77, 1), "Finland", "FIN", 1.0, 1.0)]
    adoc.events = [Event("e0", "PROTEST", Span("demonstrated", 10, 22, 0),
                         actor=EventArg("people", "CVL", ["CVL"], 0, 6, "a0"),
                         event_loc={"country": "FIN", "source": "article"})]
    ActorContext("en").run(adoc)
    assert (adoc.events[0].actor.country, adoc.events[0].actor.country_source) == \
        ("FIN", "article")


@pytest.mark.parametrize("lang, text, country", [
    ("es", "posiciones camboyanas", "KHM"),
    ("en", "a British tanker in the Gulf", "GBR"),
    ("en", "the positions", "PER"),            # no demonym: the place decides
    ("es", "barcos iraníes y británicos", "PER"),  # two countries: the words do not decide
])
def test_an_uncoded_phrase_with_a_demonym_is_of_that_country(lang, text, country):
    adoc = ArticleDoc(article=Article(id="t", text="x" * 90, lang=lang), lang=lang)
    arg = EventArg(text, "", [], 40, 40 + len(text))
    adoc.events = [Event("e0", "ASSAULT", Span("atacó", 30, 35, 0), recipient=arg,
                         event_loc={"country": "PER", "source": "clause"})]
    ActorContext(lang).run(adoc)
    assert arg.country == country


@pytest.mark.slow
def test_pipeline_president_takes_the_dateline_not_a_later_country():
    from cronica.pipeline import extract

    text = ("NAIROBI, Kenya (AP) — The president vowed on Monday to crush the protests.\n\n"
            "Thousands marched in the capital on Sunday.\n\n"
            "In neighbouring Uganda, police arrested 20 opposition supporters in Kampala.")
    out = extract(text, lang="en", date="2025-03-14")
    ev = next(e for e in out["events"] if e["event"] == "THREATEN")
    assert ev["actor_country"] == "KEN" and ev["actor_country_source"] == "dateline"
    arrest = next(e for e in out["events"] if e["event"] == "COERCE")
    assert arrest["actor_country"] == "UGA"
