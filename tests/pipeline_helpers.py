"""Helpers for tests that run the whole pipeline on a short invented text.

``extracted_events(text, lang, date)`` is :func:`cronica.pipeline.extract` reduced to its
events (the production path, every stage in order); ``secondary=True`` adds the secondary
event words (kinds, penalties) that the attribution eval also reads. Modules bind their own
defaults with :func:`functools.partial`, e.g. ``_events = partial(extracted_events, lang="en")``.
"""

from __future__ import annotations

from typing import Any


def extracted_events(
    text: str, lang: str = "es", date: str | None = "2024-03-03", *, secondary: bool = False
) -> list[dict[str, Any]]:
    """The events cronica extracts from ``text`` read as an article of ``date``."""
    from cronica.pipeline import extract

    out = extract(text, lang=lang, date=date)
    events: list[dict[str, Any]] = list(out["events"])
    if secondary:
        events.extend(out.get("secondary_events", []))
    return events


def event_words(make_doc: Any, text: str, lang: str = "es", date: str = "2024-03-20") -> set[tuple[str, str]]:
    """(event type, trigger text) of every event and secondary event word of the actors and
    events stages (the trigger-recall tests of the attribution classes)."""
    adoc = make_doc(text, lang=lang, date=date, stages=["actors", "events"])
    return {(e.event, e.trigger.text) for e in [*adoc.events, *adoc.secondary_events]}


def has_event_word(words: set[tuple[str, str]], event: str, word: str) -> bool:
    """Whether ``words`` hold an ``event`` whose trigger text contains ``word``."""
    return any(ev == event and word in text for ev, text in words)
