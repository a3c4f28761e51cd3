"""The stage registry: declared requires/assigns, checked orders and subsets."""

from __future__ import annotations

import pytest

from cronica.model import Article
from cronica.pipeline import Pipeline, default_stages
from cronica.stages import registry
from cronica.stages.registry import StageOrderError, StageSpec, check_order


def test_default_order_is_the_registered_one() -> None:
    assert registry.registered() == ["actors", "events", "magnitude", "time", "aux", "place",
                                     "actor_context", "event_coref", "attribution"]
    check_order(registry.registered())


@pytest.mark.parametrize("names", [(), ("time",), ("place",), ("attribution",),
                                   ("actors", "events"), ("actors", "place"),
                                   ("events", "attribution"), ("events", "time")])
def test_subsets_that_keep_the_contract(names: tuple[str, ...]) -> None:
    check_order(names)


@pytest.mark.parametrize("names, word", [
    (("events", "actors"), "later stage"),       # events reads actors
    (("place", "actors"), "later stage"),        # place reads actors
    (("attribution", "events"), "later stage"),  # attribution writes Event.quote
    (("time", "events"), "later stage"),         # time writes Event.date
    (("actors", "actors"), "both assign"),
    (("nosuch",), "unknown stage"),
])
def test_orders_that_break_it(names: tuple[str, ...], word: str) -> None:
    with pytest.raises(StageOrderError, match=word):
        check_order(names)


def test_every_write_into_another_layer_is_declared() -> None:
    owners = {layer for n in registry.registered() for layer in registry.spec(n).assigns
              if "." not in layer}
    for n in registry.registered():
        for layer in registry.spec(n).assigns:
            if "." in layer:
                assert layer.split(".")[0] in owners | {"article"}, layer


def test_requires_must_come_from_an_earlier_step() -> None:
    registry.register(StageSpec("needs_magic", lambda lang: None, requires=("magic",)))
    try:
        with pytest.raises(StageOrderError, match="requires magic"):
            check_order(["needs_magic"])
    finally:
        registry._REGISTRY.pop("needs_magic")


def test_pipeline_checks_stages_handed_in() -> None:
    actors, events = default_stages("es", ["actors", "events"])
    with pytest.raises(StageOrderError):
        Pipeline(stages={"es": [events, actors]})
    with pytest.raises(StageOrderError):
        Pipeline(only=["time", "time"])


def test_pipeline_runs_a_subset(nlp_es) -> None:
    pipe = Pipeline(langs=("es",), nlp={"es": nlp_es}, only=["actors"])
    adoc = pipe.process(Article(id="x", text="El gobierno de Chile protestó ayer.", lang="es"))
    assert adoc.actors and not adoc.events and not adoc.dates
