"""Stage 'actor_context' codes the arguments of merged mentions too (branch brat4)."""

from __future__ import annotations

from cronica.model import ActorMention, Article, ArticleDoc, Event, EventArg, Mention, Span
from cronica.stages.actors.context import ActorContext


def _adoc() -> ArticleDoc:
    text = "Police arrested them. Officers detained two men." + " " * 40
    adoc = ArticleDoc(article=Article(id="t", text=text, lang="en"), lang="en")
    adoc.actors = [
        ActorMention("a0", Span("Police", 0, 6, 0), "COP", ["COP"], sector="COP", kind="agent"),
        ActorMention("a1", Span("Officers", 22, 30, 1), "COP", ["COP"], sector="COP", kind="agent"),
    ]
    own = EventArg("Officers", "COP", ["COP"], 22, 30, "a1")
    mention = Mention("detained", 31, 39, 1, own, None)
    event = Event("e0", "COERCE", Span("arrested", 7, 15, 0),
                  actor=EventArg("Police", "COP", ["COP"], 0, 6, "a0"),
                  event_loc={"country": "PER", "source": "sentence"}, mentions=[mention])
    adoc.events = [event]
    return adoc


def test_a_merged_mention_s_actor_takes_the_event_s_place_country():
    adoc = _adoc()
    ActorContext("en").run(adoc)
    own = adoc.events[0].mentions[0].actor
    assert (own.country, own.country_source) == ("PER", "place")
    assert adoc.events[0].actor.country == "PER"


def test_a_mention_without_arguments_is_left_alone():
    adoc = _adoc()
    adoc.events[0].mentions = [Span("detained", 31, 39, 1)]
    ActorContext("en").run(adoc)  # a plain span has no actor or recipient: nothing to code
    assert adoc.events[0].actor.country == "PER"
