"""Time values: what an expression says (:class:`Parse`) and its value against an anchor.

Pure date arithmetic, no text: :func:`value_of` turns a parse and the article's date into a
TimeML-style value ('2024-01-25', '2023-08', '2024-W03', '2023-Q4', '2024-SU', '199').
The reading conventions are documented in :mod:`cronica.stages.time.resolver`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

# Without tense, a yearless date is read forward only when it lies within this many days
# ahead and the backward reading is further: forward references in news are near-term.
_AHEAD_DAYS = 92
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

@dataclass(frozen=True)
class Parse:
    """What an expression says, before the anchor is applied."""

    kind: str  # date | dayonly | weekday | relday | ago | relunit | quarter | season | decade | ref
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    amount: int = 0  # days for relday; count for ago; quarter number
    unit: str | None = None  # D W M Q Y
    mod: str | None = None  # past | next | this
    label: str | None = None  # PRESENT_REF..., season code, decade value

    @property
    def direction_free(self) -> bool:
        """Whether past/future tense can change the value ('el jueves', '7 de octubre')."""
        if self.mod is not None:
            return False
        if self.kind in ("weekday", "dayonly"):
            return True
        return self.kind == "date" and self.year is None



@dataclass
class TimeExpression:
    """One time expression found in a text: where, what it says, and its resolved value."""

    text: str
    start: int
    end: int
    value: str | None
    precision: str | None  # day|month|year|week|quarter|season|decade|ref
    resolved: bool
    relative: bool
    note: str | None = None
    parse: Parse | None = field(default=None, repr=False, compare=False)


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _need(v: int | None) -> int:
    """A field the parse's kind always fills; ValueError (the candidate is dropped) if not."""
    if v is None:
        raise ValueError("parse without a field its kind needs")
    return v


def value_of(p: Parse, anchor: date | None, prefer: str = "auto") -> tuple:
    """(value, precision, relative, note) for a parse; value None when it cannot be resolved.

    ``prefer``: 'past', 'future' or 'auto' (no tense known) for direction-free expressions.

    Raises ValueError for impossible dates (31 February), so callers drop the candidate.
    """
    k = p.kind
    if k == "ref":
        return p.label, "ref", False, None
    if k in ("decade", "century"):
        return p.label, k, False, None
    if k == "date" and p.year is not None:
        if p.day is not None:
            return date(p.year, _need(p.month), p.day).isoformat(), "day", False, None
        if p.month is not None:
            return f"{p.year:04d}-{p.month:02d}", "month", False, None
        return f"{p.year:04d}", "year", False, None
    if k == "quarter" and p.year is not None:
        return f"{p.year:04d}-Q{p.amount}", "quarter", False, None
    if k == "season" and p.year is not None:
        return f"{p.year:04d}-{p.label}", "season", False, None
    precision = _relative_precision(p)
    if anchor is None:
        return None, precision, True, "relative expression and the article has no date"
    future = p.mod == "next" or (p.mod is None and prefer == "future")
    nearest = p.mod is None and prefer == "auto"
    if k == "date" and p.day is not None:
        month = _need(p.month)
        date(2000, month, p.day)  # validates day/month (2000 is a leap year)
        back = date.fromisoformat(_nearest_day(month, p.day, anchor, p.mod, False))
        ahead = date.fromisoformat(_nearest_day(month, p.day, anchor, p.mod, True))
        if nearest:
            # no tense to go by: the nearer one, ties to the past (module docstring)
            pick = ahead if (ahead - anchor).days <= _AHEAD_DAYS < (anchor - back).days else back
        else:
            pick = ahead if future else back
        return pick.isoformat(), "day", True, _year_note(pick, anchor)
    if k == "date":
        month = _need(p.month)
        back_y = anchor.year if (month < anchor.month or
                                 (month == anchor.month and p.mod != "past")) else anchor.year - 1
        ahead_y = anchor.year if month > anchor.month else anchor.year + 1
        if p.mod == "this":
            y = anchor.year
        elif nearest:
            gap_back = (anchor.year - back_y) * 12 + anchor.month - month
            gap_ahead = (ahead_y - anchor.year) * 12 + month - anchor.month
            y = ahead_y if gap_ahead <= _AHEAD_DAYS // 30 < gap_back else back_y
        else:
            y = ahead_y if future else back_y
        return f"{y:04d}-{month:02d}", "month", True, "year taken from the article's date"
    if k == "monthrel":  # 'June last year', 'mayo del año pasado'
        return f"{anchor.year + p.amount:04d}-{p.month:02d}", "month", True, None
    if k == "dayonly":
        y, m, day = anchor.year, anchor.month, _need(p.day)
        if future and day < anchor.day:
            y, m = _add_months(y, m, 1)
        elif not future and day > anchor.day:
            y, m = _add_months(y, m, -1)
        return date(y, m, day).isoformat(), "day", True, "month taken from the article's date"
    if k == "weekday":
        return _weekday(_need(p.weekday), anchor, p.mod, future).isoformat(), "day", True, None
    if k == "relday":
        return (anchor + timedelta(days=p.amount)).isoformat(), "day", True, None
    if k == "ago":
        return _ago(p.amount, p.unit, anchor)
    if k == "relunit":
        return _relunit(p.unit, p.mod, anchor)
    if k == "quarter":
        q_now = (anchor.month - 1) // 3 + 1
        y = anchor.year if p.amount <= q_now else anchor.year - 1
        return f"{y:04d}-Q{p.amount}", "quarter", True, "year taken from the article's date"
    if k == "season":
        start = _SEASON_START[p.label or ""]
        y = anchor.year
        if p.mod == "past" and start > anchor.month:
            y -= 1
        elif p.mod == "next" and start <= anchor.month:
            y += 1
        return f"{y:04d}-{p.label}", "season", True, None
    raise ValueError(f"unknown parse kind {k}")


def _year_note(pick: date, anchor: date) -> str:
    when = "on or before" if pick <= anchor else "after"
    return f"year taken from the article's date: the nearest such day {when} it"


def _relative_precision(p: Parse) -> str | None:
    if p.kind == "monthrel":
        return "month"
    if p.kind == "date":
        return "day" if p.day is not None else "month"
    if p.kind in ("dayonly", "weekday", "relday"):
        return "day"
    if p.kind == "ago":
        return {"D": "day", "W": "day", "M": "month", "Q": "quarter", "Y": "year"}.get(p.unit or "")
    if p.kind == "relunit":
        return {"W": "week", "E": "week", "M": "month", "Q": "quarter", "Y": "year",
                "D": "day"}.get(p.unit or "")
    return p.kind


def _nearest_day(month: int, day: int, anchor: date, mod: str | None, future: bool) -> str:
    def make(y: int) -> date:
        # 29 February in a non-leap year: move to the nearest leap year in the right direction
        while True:
            try:
                return date(y, month, day)
            except ValueError:
                y += 1 if future else -1

    cand = make(anchor.year)
    if future:
        if cand < anchor or (mod == "next" and cand == anchor):
            cand = make(anchor.year + 1)
    elif cand > anchor or (mod == "past" and cand == anchor):
        cand = make(anchor.year - 1)
    return cand.isoformat()


def _weekday(wd: int, anchor: date, mod: str | None, future: bool) -> date:
    if mod == "this":  # the one in the anchor's week ('este lunes')
        return anchor + timedelta(days=wd - anchor.weekday())
    if future:
        ahead = (wd - anchor.weekday()) % 7
        return anchor + timedelta(days=ahead or (7 if mod == "next" else 0))
    back = (anchor.weekday() - wd) % 7
    return anchor - timedelta(days=back or (7 if mod == "past" else 0))


def _ago(n: int, unit: str | None, anchor: date) -> tuple:
    note = f"{abs(n)} {unit} {'before' if n > 0 else 'after'} the article's date"
    if unit == "D":
        return (anchor - timedelta(days=n)).isoformat(), "day", True, note
    if unit == "W":
        return (anchor - timedelta(weeks=n)).isoformat(), "day", True, note + " (approximate day)"
    if unit == "M":
        y, m = _add_months(anchor.year, anchor.month, -n)
        return f"{y:04d}-{m:02d}", "month", True, note
    if unit == "Y":
        return f"{anchor.year - n:04d}", "year", True, note
    if unit == "Q":
        y, m = _add_months(anchor.year, anchor.month, -3 * n)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}", "quarter", True, note
    raise ValueError(f"unit {unit}")


def _relunit(unit: str | None, mod: str | None, anchor: date) -> tuple:
    step = {"past": -1, "next": 1}.get(mod or "", 0)
    if unit == "E":  # 'el fin de semana pasado', 'this weekend'
        return _iso_week(anchor + timedelta(weeks=step)) + "-WE", "week", True, None
    if unit == "W":
        return _iso_week(anchor + timedelta(weeks=step)), "week", True, None
    if unit == "M":
        y, m = _add_months(anchor.year, anchor.month, step)
        return f"{y:04d}-{m:02d}", "month", True, None
    if unit == "Y":
        return f"{anchor.year + step:04d}", "year", True, None
    if unit == "Q":
        y, m = _add_months(anchor.year, anchor.month, 3 * step)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}", "quarter", True, None
    if unit == "D":
        return (anchor + timedelta(days=step)).isoformat(), "day", True, None
    raise ValueError(f"unit {unit}")



def interval(value: str, precision: str) -> tuple[date, date] | None:
    """First and last day covered by a day/month/year value."""
    try:
        if precision == "day":
            d = date.fromisoformat(value)
            return d, d
        if precision == "month":
            y, m = int(value[:4]), int(value[5:7])
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        if precision == "year":
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def day_span(value: str, precision: str | None) -> tuple[date, date] | None:
    """First and last day of a resolved date: day, month or year, or an ISO week
    ('2024-W02' for 'la semana pasada', which the time stage resolves without a precision)."""
    if precision:
        return interval(value, precision)
    try:
        monday = date.fromisocalendar(int(value[:4]), int(value[6:]), 1) \
            if len(value) in (8, 7) and value[4:6] == "-W" else None
    except ValueError:
        return None
    return (monday, monday + timedelta(days=6)) if monday else None
