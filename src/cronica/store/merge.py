"""Cross-article event matching: when two extracted events are the same real-world event.

The rule (documented in docs/architecture.md, "Cross-article merging"). An event
extracted from a new article joins an already stored (merged) event when all hold:

1. **Same key**: same PLOVER type, same ``mode``, same ``aux_mode`` (None counts as a
   value), same actor code and same recipient code ('' when missing). See
   :func:`merge_key`.
2. **Compatible dates**: each date is an interval of days (a day is itself, a month
   its days, a year its days). The intervals must overlap; when either date was
   inferred from the article's publication date, they may be up to one day apart
   (a report of 'yesterday's' event published the next morning). An event without
   any date never merges: nothing says the two reports talk about the same moment.
3. **Compatible places**: the same country, or at least one side without a country.
4. **Different article**: an event never merges with an event of the same article;
   the event coder already decided those are distinct.

When several stored events qualify, the nearest in time wins, then the one with
more sources, then the oldest id (see :func:`best_candidate`).

The merged event keeps the best date seen (explicit over inferred, then the finer
precision; see :func:`better_date`) and the first place with a country.
``n_sources`` is the number of distinct articles among its mentions.
"""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cronica.model import Event

INFERRED_TOLERANCE_DAYS = 1
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def merge_key(e: Event) -> str:
    """The exact-match part of the rule: type, mode, aux_mode, actor code, recipient code."""
    return "|".join(
        (
            e.event,
            e.mode or "",
            e.aux_mode or "",
            e.actor.code if e.actor else "",
            e.recipient.code if e.recipient else "",
        )
    )


def event_uid(content_hash: str, local_id: str) -> str:
    """Stable id of a merged event: from the first article that reported it.

    Deterministic so that SQLite, PostgreSQL and re-runs give the same ids.
    """
    return "ev" + hashlib.sha1(f"{content_hash}:{local_id}".encode()).hexdigest()[:16]


def date_interval(value: str | None, precision: str | None) -> tuple[date, date] | None:
    """The days a (possibly partial) ISO date covers; None when absent or unparseable."""
    if not value:
        return None
    try:
        year = int(value[:4])
        if len(value) >= 10 and precision in (None, "day"):
            d = date.fromisoformat(value[:10])
            return d, d
        if len(value) >= 7 and precision in (None, "day", "month"):
            month = int(value[5:7])
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


@dataclass
class DateBounds:
    """A date as matching sees it: its interval and whether it was inferred."""

    lo: date
    hi: date
    inferred: bool

    @classmethod
    def of(cls, value: str | None, precision: str | None, inferred: bool) -> DateBounds | None:
        iv = date_interval(value, precision)
        return cls(iv[0], iv[1], inferred) if iv else None

    def search_window(self) -> tuple[str, str]:
        """ISO bounds wide enough to find every compatible stored event (lo - tol, hi + tol)."""
        tol = timedelta(days=INFERRED_TOLERANCE_DAYS)
        return (self.lo - tol).isoformat(), (self.hi + tol).isoformat()


def date_gap(a: DateBounds, b: DateBounds) -> int:
    """Days between two intervals; 0 or less when they overlap."""
    return (max(a.lo, b.lo) - min(a.hi, b.hi)).days


def dates_compatible(a: DateBounds | None, b: DateBounds | None) -> bool:
    if a is None or b is None:
        return False
    tolerance = INFERRED_TOLERANCE_DAYS if (a.inferred or b.inferred) else 0
    return date_gap(a, b) <= tolerance


def places_compatible(country_a: str | None, country_b: str | None) -> bool:
    return not country_a or not country_b or country_a == country_b


def compatible(
    new_date: DateBounds | None,
    new_country: str | None,
    stored_date: DateBounds | None,
    stored_country: str | None,
) -> bool:
    """Rules 2 and 3 (the caller has already matched the key and excluded the same article)."""
    return dates_compatible(new_date, stored_date) and places_compatible(new_country, stored_country)


def best_candidate(
    new_date: DateBounds, new_country: str | None, candidates: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """The stored event to merge into: nearest date, then most sources, then oldest id.

    ``candidates`` are rows with ``id``, ``date``, ``date_precision``, ``date_inferred``,
    ``place_country`` and ``n_sources``, already filtered by key and article.
    """
    best: tuple[int, int, str] | None = None
    chosen = None
    for row in candidates:
        bounds = DateBounds.of(row["date"], row["date_precision"], bool(row["date_inferred"]))
        if new_date is None or bounds is None \
                or not compatible(new_date, new_country, bounds, row["place_country"]):
            continue  # (compatible() is False without both dates)
        rank = (max(date_gap(new_date, bounds), 0), -int(row["n_sources"]), row["id"])
        if best is None or rank < best:
            best, chosen = rank, row
    return chosen


def better_date(
    current: tuple[str | None, str | None, bool], new: tuple[str | None, str | None, bool]
) -> bool:
    """Whether ``new`` (value, precision, inferred) should replace the merged event's date."""
    if not new[0]:
        return False
    if not current[0]:
        return True
    if current[2] != new[2]:
        return current[2] and not new[2]  # an explicit date beats one inferred from publication
    return _PRECISION_RANK.get(new[1] or "day", 0) < _PRECISION_RANK.get(current[1] or "day", 0)
