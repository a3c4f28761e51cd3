"""The stage registry: every stage with what it requires and what it assigns.

Like spaCy's ``Language.factory(name, requires=..., assigns=...)``: a stage is registered
once under a name, with a factory that builds it for a language, the layers it needs from
earlier steps (``requires``), the layers it fills (``assigns``) and the layers it reads when
they are there (``reads``). A layer is a field of :class:`cronica.model.ArticleDoc`
(``actors``, ``events`` ...); ``events.date`` names a field that a stage writes on objects
another stage owns (here the events stage), ``article.dateline`` one on the input article.

:func:`check_order` accepts any subset of stages in any order that keeps the contract:

* each ``requires`` layer is assigned by an earlier step (the NLP step gives ``doc`` and
  ``sentences``);
* a stage that reads or writes into another stage's layer runs after that stage, when that
  stage is in the pipeline at all (the time stage alone still finds dates);
* no two stages assign the same layer.

``Pipeline``, the tests, the evals and the CLI all build their stages through
:func:`build_stages`; there is no other list of stages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any, Protocol

from cronica.model import ArticleDoc
from cronica.stages.language.bundle import LanguageBundle, as_bundle

# layers given by the steps before any stage runs (Pipeline.prepare and the NLP step)
BASE_LAYERS: frozenset[str] = frozenset({"article", "lang", "doc", "sentences"})


class Stage(Protocol):
    name: str

    def run(self, adoc: ArticleDoc) -> None: ...


@dataclass(frozen=True)
class StageSpec:
    """One registered stage: ``factory`` is ``"module:Class"`` (imported when first built) or
    a callable taking the language (and keyword resources) and returning the stage."""

    name: str
    factory: str | Callable[..., Stage]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    doc: str = ""
    owners: tuple[str, ...] = field(default=(), compare=False)

    def build(self, lang: str | LanguageBundle, **kwargs: Any) -> Stage:
        factory = self.factory
        if isinstance(factory, str):
            module, _, attr = factory.partition(":")
            factory = getattr(import_module(module), attr)
        return factory(lang, **kwargs)

    def touches(self) -> set[str]:
        """The layers (owners of dotted fields) this stage must run after, when present."""
        out = set(self.requires) | set(self.reads)
        out |= {a.split(".", 1)[0] for a in self.assigns if "." in a}
        return out - BASE_LAYERS


class StageOrderError(ValueError):
    """A list of stages that breaks the requires/assigns contract."""


_REGISTRY: dict[str, StageSpec] = {}


def register(spec: StageSpec, replace: bool = False) -> StageSpec:
    """Add a stage to the registry (``replace`` to swap an existing one)."""
    if spec.name in _REGISTRY and not replace:
        raise ValueError(f"stage {spec.name!r} is already registered")
    _REGISTRY[spec.name] = spec
    return spec


def spec(name: str) -> StageSpec:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise StageOrderError(f"unknown stage {name!r}; registered: {', '.join(_REGISTRY)}") from None


def registered() -> list[str]:
    """Every registered stage name, in the default pipeline order."""
    return list(_REGISTRY)


def check_order(names: Sequence[str]) -> None:
    """Raise :class:`StageOrderError` unless ``names`` keeps every stage's contract."""
    specs = [spec(n) for n in names]
    owner: dict[str, str] = {}
    for s in specs:
        for layer in s.assigns:
            if "." in layer:
                continue
            if layer in owner:
                raise StageOrderError(f"{s.name!r} and {owner[layer]!r} both assign {layer!r}")
            owner[layer] = s.name
    have = set(BASE_LAYERS)
    for s in specs:
        missing = [r for r in s.requires if r not in have]
        if missing:
            raise StageOrderError(f"stage {s.name!r} requires {', '.join(missing)}, "
                                  "which no earlier stage assigns")
        late = sorted(layer for layer in s.touches() if layer in owner and layer not in have)
        if late:
            raise StageOrderError(
                f"stage {s.name!r} uses {', '.join(late)}, assigned by a later stage "
                f"({', '.join(owner[layer] for layer in late)})")
        have |= {a for a in s.assigns if "." not in a}


def build_stages(lang: str | LanguageBundle, names: Iterable[str] | None = None,
                 **kwargs: Any) -> list[Stage]:
    """The stages ``names`` (default: every registered stage) for a language (its bundle, or
    a code: a fresh bundle), in that order, after :func:`check_order`. Every factory gets
    the bundle first, then ``kwargs``."""
    names = registered() if names is None else list(names)
    check_order(names)
    bundle = as_bundle(lang)
    return [spec(n).build(bundle, **kwargs) for n in names]


def check_stages(stages: Sequence[Stage]) -> None:
    """:func:`check_order` for built stages; stages that are not registered are not checked."""
    check_order([s.name for s in stages if s.name in _REGISTRY])


# -- the standard stages, in pipeline order --------------------------------------------------
register(StageSpec(
    "actors", "cronica.stages.actors.coder:ActorCoder",
    requires=("doc", "sentences"), assigns=("actors",),
    doc="actor mentions with PLOVER/CAMEO codes"))
register(StageSpec(
    "events", "cronica.stages.events.coder:EventCoder",
    requires=("doc", "sentences"), assigns=("events", "secondary_events"), reads=("actors",),
    doc="PLOVER events: type, mode, actor and recipient, confidence; the secondary event words"))
register(StageSpec(
    "magnitude", "cronica.stages.magnitude.counter:MagnitudeCounter",
    requires=("doc", "sentences", "events"),
    assigns=("events.dead", "events.injured", "events.arrested", "events.size",
             "events.plover_score"),
    reads=("actors",),
    doc="dead, injured, arrested and crowd size of each event; PLOVER conflict-cooperation score"))
register(StageSpec(
    "time", "cronica.stages.time.resolver:DateResolver",
    requires=("sentences",), assigns=("dates", "events.date", "events.aux_mode", "secondary_events.date",
                                      "secondary_events.aux_mode"),
    doc="date expressions; each event's date and 'historical' mode"))
register(StageSpec(
    "aux", "cronica.stages.events.calendar:AuxCalendar",
    requires=("sentences",), assigns=("events.aux_mode", "events.aux_evidence",
                                      "secondary_events.aux_mode", "secondary_events.aux_evidence"),
    reads=("events", "dates"),
    doc="aux modes from the calendar (news window) and tense; the words behind each mode"))
register(StageSpec(
    "place", "cronica.stages.place.geocoder:Geocoder",
    requires=("doc", "sentences"), assigns=("places", "events.event_loc", "article.dateline"),
    reads=("actors", "dates"),
    doc="place names resolved to coordinates; each event's location; the dateline"))
register(StageSpec(
    "actor_context", "cronica.stages.actors.context:ActorContext",
    requires=("events",), assigns=("events.actor", "events.recipient"),
    reads=("actors", "places"),
    doc="country of sector actors from context: own words, event place, dateline, article"))
register(StageSpec(
    "event_coref", "cronica.stages.coref.events:EventCoref",
    requires=("events",), assigns=("events.mentions",),
    reads=("dates", "places"),
    doc="mentions of one event across the article merged into one record (every mention kept)"))
register(StageSpec(
    "attribution", "cronica.stages.attribution.attributor:Attributor",
    requires=("doc", "sentences"),
    assigns=("quotes", "reporting", "events.quote", "events.reported_by"),
    reads=("actors",),
    doc="quotes and reporting sources; which quote or source carries each event"))
