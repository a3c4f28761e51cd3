"""PLOVER conflict-cooperation scores per event type and mode (``data/plover_scores.tsv``,
from the PLOVER 2.0 manual's table 'PLOVER conflict--cooperation scores')."""

from __future__ import annotations

from functools import cache

from cronica.resources import read_tsv


@cache
def plover_scores() -> dict[tuple[str, str], float]:
    """(EVENT, mode) -> score; the event's own score under mode ''."""
    return {(r[0].strip(), r[1].strip().lower()): float(r[2]) for r in read_tsv("plover_scores.tsv")}


def plover_score(event: str | None, mode: str | None) -> float | None:
    """The score of the event type and mode; the type's score when the mode has none;
    None for a type the table does not list."""
    if not event:
        return None
    table = plover_scores()
    if mode and (event, mode.lower()) in table:
        return table[(event, mode.lower())]
    return table.get((event, ""))
