"""Stage 'time': find time expressions, resolve them against the article's date, date events.

``find_dates(text, lang, anchor)`` is pure (no spaCy): rules built from
``data/<lang>/time.tsv`` find expressions and give TimeML-style values
('2024-01-25', '2023-08', '2003', '2024-W03', '2023-Q4', '2024-SU', '199', 'PRESENT_REF').
:class:`DateResolver` keeps the day/month/year ones as ``DateMention``s and dates
every event from the expression in its own clause (see :mod:`cronica.timex_events`).

Resolution conventions (news):
- a bare weekday is the most recent one on or before the anchor, or the next one on or
  after it when ``prefer='future'`` (the governing verb is future);
- a day-month or month without a year ('7 de octubre', 'en agosto') follows the governing
  verb's tense when known (``prefer='past'`` / ``'future'``); with no tense to go by
  (``prefer='auto'``) it is the previous one, unless the next one lies within ~3 months
  ahead (``_AHEAD_DAYS``) and the previous one further back: 'Nov. 6' in an article of
  26 October is 6 November of the same year, '7 de octubre' on 26 January the previous
  October (on TimeBank this rule fixes ~45 of 839 matched values);
- 'pasado/last' means strictly before the anchor, 'próximo/next' strictly after;
- without an anchor, anything that needs one stays unresolved (value None, with a note):
  cronica never silently uses today's date.
"""

from __future__ import annotations

import calendar
import logging
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from cronica.model import DATE_PRECISIONS, ArticleDoc, DateMention
from cronica.timex_lexicon import TimeLexicon, build_patterns, load_lexicon

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# Ties between overlapping candidates of equal length go to the earlier pattern here.
_PRIORITY = ("iso", "numeric", "dmy", "mdy", "my", "monthrel", "quarter", "ago", "relday", "dayonly",
             "weekday", "season", "decade", "relunit", "month", "ref", "year")
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


# -- resolution ---------------------------------------------------------------------------

def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _evaluate(p: Parse, anchor: date | None, prefer: str = "auto") -> tuple:
    """(value, precision, relative, note) for a parse; value None when it cannot be resolved.

    Raises ValueError for impossible dates (31 February), so callers drop the candidate.
    """
    k = p.kind
    if k == "ref":
        return p.label, "ref", False, None
    if k == "decade":
        return p.label, "decade", False, None
    if k == "date" and p.year is not None:
        if p.day is not None:
            return date(p.year, p.month, p.day).isoformat(), "day", False, None
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
        date(2000, p.month, p.day)  # validates day/month (2000 is a leap year)
        back = date.fromisoformat(_nearest_day(p.month, p.day, anchor, p.mod, False))
        ahead = date.fromisoformat(_nearest_day(p.month, p.day, anchor, p.mod, True))
        if nearest:
            # no tense to go by: the nearer one, ties to the past (module docstring)
            pick = ahead if (ahead - anchor).days <= _AHEAD_DAYS < (anchor - back).days else back
        else:
            pick = ahead if future else back
        return pick.isoformat(), "day", True, _year_note(pick, anchor)
    if k == "date":
        back_y = anchor.year if (p.month < anchor.month or
                                 (p.month == anchor.month and p.mod != "past")) else anchor.year - 1
        ahead_y = anchor.year if p.month > anchor.month else anchor.year + 1
        if p.mod == "this":
            y = anchor.year
        elif nearest:
            gap_back = (anchor.year - back_y) * 12 + anchor.month - p.month
            gap_ahead = (ahead_y - anchor.year) * 12 + p.month - anchor.month
            y = ahead_y if gap_ahead <= _AHEAD_DAYS // 30 < gap_back else back_y
        else:
            y = ahead_y if future else back_y
        return f"{y:04d}-{p.month:02d}", "month", True, "year taken from the article's date"
    if k == "monthrel":  # 'June last year', 'mayo del año pasado'
        return f"{anchor.year + p.amount:04d}-{p.month:02d}", "month", True, None
    if k == "dayonly":
        y, m = anchor.year, anchor.month
        if future and p.day < anchor.day:
            y, m = _add_months(y, m, 1)
        elif not future and p.day > anchor.day:
            y, m = _add_months(y, m, -1)
        return date(y, m, p.day).isoformat(), "day", True, "month taken from the article's date"
    if k == "weekday":
        return _weekday(p.weekday, anchor, p.mod, future).isoformat(), "day", True, None
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
        start = _SEASON_START[p.label]
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
        return {"D": "day", "W": "day", "M": "month", "Q": "quarter", "Y": "year"}.get(p.unit)
    if p.kind == "relunit":
        return {"W": "week", "M": "month", "Q": "quarter", "Y": "year", "D": "day"}.get(p.unit)
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
    note = f"{n} {unit} before the article's date"
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


# -- matching -----------------------------------------------------------------------------

def _mod(lx: TimeLexicon, word: str | None) -> str | None:
    if word is None:
        return None
    for kind in ("past", "next", "this"):
        if lx.has(f"mod_{kind}", word):
            return kind
    return None


def _number(lx: TimeLexicon, word: str) -> int:
    return int(word) if word.isdigit() else int(lx.value("number", word) or 0)


def _month(lx: TimeLexicon, word: str) -> int:
    return int(lx.value("month", word) or lx.value("month_abbr", word))


def _day(lx: TimeLexicon, word: str) -> int:
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else int(lx.value("ordinal", word))


def _is_capitalised_if_ambiguous(lx: TimeLexicon, word: str | None) -> bool:
    return word is None or not lx.has("ambiguous", word) or word[:1].isupper()


def _to_parse(name: str, m: re.Match[str], lx: TimeLexicon, text: str) -> Parse | None:
    """The parse of a regex match, or None when the match is not a time expression."""
    gd = m.groupdict()
    mod = _mod(lx, gd.get("mod")) or _mod(lx, gd.get("post"))
    marked = any(gd.get(k) for k in ("art", "mod", "fz", "post"))
    if not _is_capitalised_if_ambiguous(lx, gd.get("mon")):
        return None
    if name == "iso":
        return Parse("date", int(gd["y"]), int(gd["m"]), int(gd["d"]))
    if name == "numeric":
        a, b, y = int(gd["a"]), int(gd["b"]), gd["y"]
        d, mo = (a, b) if lx.day_first else (b, a)
        year = int(y) if len(y) == 4 else (1900 + int(y) if int(y) >= 50 else 2000 + int(y))
        if gd["sep"] == "." and len(y) != 4:
            return None  # '1.5.10' is more often a version or a score than a date
        return Parse("date", year, mo, d)
    if name in ("dmy", "mdy", "my"):
        day = _day(lx, gd["d"]) if gd.get("d") else None
        if day is not None and not 1 <= day <= 31:
            return None
        year = int(gd["y"]) if gd.get("y") else None
        return Parse("date", year, _month(lx, gd["mon"]), day, mod=mod if year is None else None)
    if name == "month":
        if not (gd.get("cue") or marked):
            # a bare month name needs a cue ('en agosto'), except capitalised in languages
            # whose month names are always capitalised ('October' in English)
            if lx.has("ambiguous", gd["mon"]) or not gd["mon"][:1].isupper() or lx.day_first:
                return None
        return Parse("date", None, _month(lx, gd["mon"]), None, mod=mod)
    if name == "dayonly":
        day = int(gd["d"])
        return Parse("dayonly", day=day, mod=mod) if 1 <= day <= 31 else None
    if name == "weekday":
        return Parse("weekday", weekday=int(lx.value("weekday", gd["wd"])), mod=mod)
    if name == "relday":
        if gd.get("blk"):
            return None  # 'la mañana', 'esta mañana': the morning, not tomorrow
        return Parse("relday", amount=int(lx.value("relday", gd["body"])))
    if name == "ago":
        n = _number(lx, gd.get("n") or gd["n2"])
        unit = (lx.value("unit", gd.get("u") or gd["u2"]) or "").rstrip("*")
        return Parse("ago", amount=n, unit=unit) if n > 0 else None
    if name == "relunit":
        if mod is None:
            return None  # 'la semana', 'the year': narrative, not anchored to the article
        return Parse("relunit", unit=(lx.value("unit", gd["u"]) or "").rstrip("*"), mod=mod)
    if name == "monthrel":
        step = {"past": -1, "next": 1, "this": 0}[_mod(lx, gd.get("mod2") or gd.get("post2"))]
        return Parse("monthrel", month=_month(lx, gd["mon"]), amount=step)
    if name == "quarter":
        q = int(lx.value("ordinal", gd["o"]))
        y = gd.get("y") or gd.get("y0")
        return Parse("quarter", int(y) if y else None, amount=q) if q <= 4 else None
    if name == "season":
        year = int(gd["y"]) if gd.get("y") else None
        if year is None and mod is None:
            return None
        return Parse("season", year, mod=mod, label=lx.value("season", gd["s"]))
    if name == "decade":
        label = gd["full"][:3] if gd.get("full") else "19" + gd["dd"][0]
        return Parse("decade", label=label)
    if name == "ref":
        return Parse("ref", label=lx.value("ref", gd["body"]))
    if name == "year":
        return _year_parse(gd, m, lx, text, marked)
    return None


def _year_parse(gd: dict, m: re.Match[str], lx: TimeLexicon, text: str, marked: bool) -> Parse | None:
    y = int(gd["y"])
    after = text[m.end():m.end() + 24]
    pats = build_patterns(lx.lang)
    followed_by_word = re.match(r"\s*[^\W\d_]", after) is not None and \
        not pats.link_after.match(after)  # '1990 and 1991', 'en 2011 y 2014'
    at = m.start("body")
    det = pats.det_before.search(text, max(0, at - 16), at)
    if gd.get("yw") or marked or (y >= 1900 and det is not None):
        # 'el año 2000', 'early 1999', 'its 1990 invasion'
        ok = True
    elif gd.get("cue"):
        # 'de 1500 soldados': a cue before an old-looking number followed by a word is a count
        ok = y >= 1900 or not followed_by_word
    else:
        # a bare number is a year only when nothing follows it in the phrase ('2003 soldados')
        ok = not followed_by_word and not re.match(r"\s*%", after)
    return Parse("date", y) if ok else None


def find_dates(
    text: str, lang: str, anchor: date | None, prefer: str = "auto"
) -> list[TimeExpression]:
    """Time expressions in ``text``, in text order, resolved against ``anchor``.

    Pure function (no spaCy). Overlapping candidates: the longest wins. Expressions
    that need an anchor when ``anchor`` is None come back with ``resolved=False``.
    ``prefer='future'`` resolves direction-free expressions forward.
    """
    lx = load_lexicon(lang)
    cands: list[tuple[int, int, int, Parse]] = []
    for name, rx in build_patterns(lang).patterns:
        for m in rx.finditer(text):
            start, end = m.span("body") if "body" in rx.groupindex else m.span()
            if end <= start:
                continue
            try:
                p = _to_parse(name, m, lx, text)
            except (TypeError, ValueError):
                p = None
            if p is not None:
                cands.append((start, end, _PRIORITY.index(name), p))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    out: list[TimeExpression] = []
    for start, end, _, p in cands:
        if any(start < e and s < end for s, e in taken):
            continue
        expr = evaluate(p, text[start:end], start, end, anchor, prefer)
        if expr is not None:
            taken.append((start, end))
            out.append(expr)
    out.sort(key=lambda e: e.start)
    return out


def evaluate(
    p: Parse, text: str, start: int, end: int, anchor: date | None, prefer: str = "auto"
) -> TimeExpression | None:
    """A :class:`TimeExpression` for parse ``p`` at ``[start, end)``; None for impossible dates."""
    try:
        value, precision, relative, note = _evaluate(p, anchor, prefer)
    except (ValueError, TypeError, OverflowError):
        return None
    return TimeExpression(text, start, end, value, precision, value is not None, relative, note, p)


def resolve(
    expression: str, lang: str, anchor: date | None, prefer: str = "auto"
) -> TimeExpression | None:
    """Resolve one expression ('el pasado martes'): the longest match in it, or None."""
    found = find_dates(expression, lang, anchor, prefer)
    return max(found, key=lambda e: e.end - e.start) if found else None


def parse_anchor(value: str | None) -> date | None:
    """The article date as a ``date`` (None when absent or not ISO)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


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


# -- the stage ----------------------------------------------------------------------------

class DateResolver:
    """Stage 'time': fills ``adoc.dates`` and each event's date fields and 'historical' mode."""

    name = "time"

    def __init__(self, lang: str) -> None:
        self.lang = lang
        load_lexicon(lang)  # fail early for a language without data/<lang>/time.tsv

    def run(self, adoc: ArticleDoc) -> None:
        from cronica.timex_events import date_events

        mentions = self.find(adoc)
        adoc.dates = [dm for _, dm in mentions]
        date_events(adoc, mentions, parse_anchor(adoc.article.date), load_lexicon(adoc.lang or self.lang))

    def find(self, adoc: ArticleDoc) -> list[tuple[TimeExpression, DateMention]]:
        """The article's dates: :func:`find_dates`, refined with the parse when there is one.

        With a spaCy doc, years that count a plural noun are dropped ('de 2003 soldados') and
        direction-free expressions follow the tense of their governing verb.
        """
        from cronica.timex_events import governing_tense, is_counted_number

        lang = adoc.lang or self.lang
        anchor = parse_anchor(adoc.article.date)
        lx = load_lexicon(lang)
        mentions: list[tuple[TimeExpression, DateMention]] = []
        for expr in find_dates(adoc.article.text, lang, anchor):
            if expr.precision == "ref":
                continue  # 'actualmente', 'now': not a date
            p = expr.parse
            if adoc.doc is not None and p is not None:
                if p.kind == "date" and p.month is None and \
                        is_counted_number(adoc.doc, expr.start, expr.end, lx):
                    continue  # '2003 soldados': a count, not a year
                # only a future verb turns the reading forward: a past verb is often the
                # reporting verb ('said') of a date that lies ahead ('paid Nov. 20')
                if p.direction_free and governing_tense(adoc.doc, expr.start, lx) == "future":
                    expr = evaluate(p, expr.text, expr.start, expr.end, anchor, "future") or expr
            mentions.append((expr, _mention(adoc, expr)))
        return mentions


def _mention(adoc: ArticleDoc, expr: TimeExpression) -> DateMention:
    precision = expr.precision if expr.precision in DATE_PRECISIONS else None
    note = expr.note
    if expr.value is not None and precision is None:
        # weeks, quarters, seasons, decades: the TimeML value is kept, the precision is not
        # one of day/month/year, so downstream date arithmetic ignores it
        note = f"{expr.precision} (TimeML value)" + (f"; {note}" if note else "")
    return DateMention(
        span=adoc.span(expr.start, expr.end), value=expr.value, precision=precision,
        resolved=expr.resolved, relative=expr.relative, note=note,
    )


__all__ = ["DateResolver", "Parse", "TimeExpression", "evaluate", "find_dates", "interval",
           "parse_anchor", "resolve"]
