"""Stage 'time': find time expressions, resolve them against the article's date, date events.

``find_dates(text, lang, anchor)`` is pure (no spaCy): rules built from
``data/<lang>/time.tsv`` find expressions and give TimeML-style values
('2024-01-25', '2023-08', '2003', '2024-W03', '2023-Q4', '2024-SU', '199', 'PRESENT_REF').
:class:`DateResolver` keeps them as ``DateMention``s (weeks, quarters, seasons and decades
with their TimeML value and ``precision=None``; 'now'-like words are dropped) and dates every
event from the expression in its own clause (see :mod:`cronica.stages.time.event_dates`); the date
arithmetic lives in :mod:`cronica.stages.time.values`, the words in ``data/<lang>/time.tsv``.

Resolution conventions (news):
- a bare weekday is the most recent one on or before the anchor, or the next one on or
  after it when ``prefer='future'`` (the governing verb is future);
- a day-month or month without a year ('7 de octubre', 'en agosto') is read forward when
  the governing verb is future (``prefer='future'``); otherwise (``prefer='auto'``; a past
  verb is often only the reporting verb) it is the previous one, unless the next one lies within ~3 months
  ahead (``_AHEAD_DAYS``) and the previous one further back: 'Nov. 6' in an article of
  26 October is 6 November of the same year, '7 de octubre' on 26 January the previous
  October (on TimeBank this rule fixes ~45 of 839 matched values);
- 'pasado/last' means strictly before the anchor, 'próximo/next' strictly after;
- without an anchor, anything that needs one stays unresolved (value None, with a note):
  cronica never silently uses today's date.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from cronica.model import DATE_PRECISIONS, ArticleDoc, DateMention
from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.time.event_dates import (
    date_events,
    governing_tense,
    is_counted_number,
    present_dated,
    sequel_cues,
)
from cronica.stages.time.lexicon import (
    DIGIT,
    TimeLexicon,
    TimePatterns,
    build_patterns,
    core_for,
    load_lexicon,
)
from cronica.stages.time.values import Parse, TimeExpression, interval, value_of

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# Ties between overlapping candidates of equal length go to the earlier pattern here.
_PRIORITY = ("iso", "numeric", "dmy", "mdy", "my", "monthrel", "quarter", "ago", "later",
             "rangestart", "reldaywd", "relday", "dayonly",
             "daypart", "weekday", "season", "decade", "century", "wyear", "monthfirst", "dayand",
             "relunit", "month", "ref", "year")
_PRIORITY_INDEX = {name: i for i, name in enumerate(_PRIORITY)}


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
    # a word that names no month raises ValueError: the caller drops the match
    return int(lx.value("month", word) or lx.value("month_abbr", word) or "")


def _day(lx: TimeLexicon, word: str) -> int:
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group())
    return int(lx.value("ordinal", word) or lx.value("day_number", word) or 0)


@dataclass(frozen=True)
class _Match:
    """One regex match of a time pattern, with what every rule reads off it."""

    m: re.Match[str]
    gd: dict[str, str | None]
    lx: TimeLexicon
    text: str  # lower-cased text the pattern ran on
    orig: str  # the text as written (capitals)
    mod: str | None  # past | next | this, from a modifier before or after the noun
    marked: bool  # an article, modifier, fuzzy word or post-modifier is in the span
    capital: bool  # the month name is capitalised

    def g(self, name: str) -> str:
        """A group that the pattern always fills."""
        value = self.gd.get(name)
        if value is None:
            raise ValueError(f"group {name} is empty")
        return value


def _to_parse(
    name: str, m: re.Match[str], lx: TimeLexicon, text: str, orig: str
) -> Parse | None:
    """The parse of a regex match on ``text`` (lower-cased ``orig``), or None if not a date.

    Each pattern name has one rule in ``_RULES`` (a dispatch table, not an if-ladder)."""
    gd = m.groupdict()
    capital = orig[m.start("mon")].isupper() if gd.get("mon") else False
    mon = gd.get("mon")
    if mon and lx.has("ambiguous", mon) and not capital:
        return None  # 'may', 'march': verbs unless capitalised
    mod = _mod(lx, gd.get("mod")) or _mod(lx, gd.get("post"))
    marked = any(gd.get(k) for k in ("art", "mod", "fz", "post"))
    rule = _RULES.get(name)
    return rule(_Match(m, gd, lx, text, orig, mod, marked, capital)) if rule else None


def _iso(x: _Match) -> Parse | None:
    return Parse("date", int(x.g("y")), int(x.g("m")), int(x.g("d")))


def _numeric(x: _Match) -> Parse | None:
    a, b, y = int(x.g("a")), int(x.g("b")), x.g("y")
    # the language's order, unless only the other one can be a date ('14/03/2022' in English)
    day_first = x.lx.day_first if a <= 12 and b <= 12 else a > 12
    d, mo = (a, b) if day_first else (b, a)
    year = int(y) if len(y) == 4 else (1900 + int(y) if int(y) >= 50 else 2000 + int(y))
    if x.gd["sep"] == "." and len(y) != 4:
        return None  # '1.5.10' is more often a version or a score than a date
    return Parse("date", year, mo, d)


def _day_month(x: _Match) -> Parse | None:
    """'dmy', 'mdy', 'my', 'rangestart': a month with a day and/or a year."""
    day = _day(x.lx, x.g("d")) if x.gd.get("d") else None
    if day is not None and not 1 <= day <= 31:
        return None
    year = _year_value(x.lx, x.gd.get("y"))
    return Parse("date", year, _month(x.lx, x.g("mon")), day, mod=x.mod if year is None else None)


def _month_only(x: _Match) -> Parse | None:
    lx, gd = x.lx, x.gd
    lower_case = lx.has("names_case", "lower")
    if not (gd.get("cue") or x.marked):
        # a bare month name needs a cue ('en agosto'), except capitalised in languages
        # whose month names are always capitalised ('October' in English)
        if lx.has("ambiguous", x.g("mon")) or not x.capital or lower_case:
            return None
    elif lower_case and x.capital and not x.marked and not _sentence_start(x.orig, x.m.start()):
        return None  # 'la Plaza de Mayo': a capitalised month mid-sentence is a name
    return Parse("date", None, _month(lx, x.g("mon")), None, mod=x.mod)


def _dayonly(x: _Match) -> Parse | None:
    day = int(x.g("d"))
    return Parse("dayonly", day=day, mod=x.mod) if 1 <= day <= 31 else None


def _weekday_rule(x: _Match) -> Parse | None:
    at = x.m.start("wd")
    if not x.marked and x.lx.has("names_case", "lower") and x.orig[at].isupper() \
            and not _sentence_start(x.orig, at):
        return None  # 'Santo Domingo', 'Domingo Laíno'
    return Parse("weekday", weekday=int(x.lx.value("weekday", x.g("wd")) or 0), mod=x.mod)


def _reldaywd(x: _Match) -> Parse | None:
    """'ayer jueves', 'mañana jueves': the relative word decides."""
    return Parse("relday", amount=int(x.lx.value("relday", x.g("rd")) or 0))


def _relday(x: _Match) -> Parse | None:
    if x.gd.get("blk"):
        return None  # 'la mañana', 'esta mañana': the morning, not tomorrow
    return Parse("relday", amount=int(x.lx.value("relday", x.g("body")) or 0))


def _daypart(x: _Match) -> Parse | None:
    """'esta mañana', 'this evening': a part of a day, dated to that day."""
    return Parse("relday", amount=int(x.lx.value("day_part", x.g("body")) or 0))


def _unit(x: _Match, group: str) -> str:
    return (x.lx.value("unit", x.g(group)) or "").rstrip("*")


def _ago(x: _Match) -> Parse | None:
    n = _number(x.lx, x.gd.get("n") or x.g("n2"))
    unit = _unit(x, "u" if x.gd.get("u") else "u2")
    return Parse("ago", amount=n, unit=unit) if n > 0 else None


def _later(x: _Match) -> Parse | None:
    """'dentro de dos semanas': an offset forward."""
    n = _number(x.lx, x.g("n"))
    return Parse("ago", amount=-n, unit=_unit(x, "u")) if n > 0 else None


def _relunit(x: _Match) -> Parse | None:
    if x.mod is None:
        return None  # 'la semana', 'the year': narrative, not anchored to the article
    return Parse("relunit", unit=_unit(x, "u"), mod=x.mod)


def _monthrel(x: _Match) -> Parse | None:
    step = {"past": -1, "next": 1, "this": 0}[_mod(x.lx, x.gd.get("mod2") or x.gd.get("post2"))
                                              or ""]
    return Parse("monthrel", month=_month(x.lx, x.g("mon")), amount=step)


def _quarter(x: _Match) -> Parse | None:
    q = int(x.lx.value("ordinal", x.g("o")) or 0)
    y = x.gd.get("y") or x.gd.get("y0")
    return Parse("quarter", int(y) if y else None, amount=q) if 1 <= q <= 4 else None


def _season(x: _Match) -> Parse | None:
    year = _year_value(x.lx, x.gd.get("y"))
    if year is None and x.mod is None:
        return None  # 'summer is hot': generic; 'the summer', 'early summer' are this year's
    return Parse("season", year, mod=x.mod, label=x.lx.value("season", x.g("s")))


def _decade(x: _Match) -> Parse | None:
    full, dd = x.gd.get("full") or x.gd.get("full2"), x.gd.get("dd")
    label: str | None
    if full:
        label = full[:3]
    elif x.gd.get("dd3"):
        if _followed_by_word(x):
            return None  # 'los 90 detenidos': a count
        label = "19" + x.g("dd3")[0]
    elif dd:
        label = "19" + dd[0]
    elif x.gd.get("dd2"):
        if not x.marked:
            return None  # 'in 80s' without 'the': temperatures, ages
        label = "19" + x.g("dd2")[0]
    else:
        tens = x.lx.value("decade_name", x.g("dn"))
        label = "19" + tens[0] if tens else None
    return Parse("decade", label=label) if label else None


def _ref(x: _Match) -> Parse | None:
    return Parse("ref", label=x.lx.value("ref", x.g("body")))


def _year(x: _Match) -> Parse | None:
    return _year_parse(x.gd, x.m, x.lx, x.text, x.marked)




def _year_value(lx: TimeLexicon, y: str | None) -> int | None:
    """A year written in digits or read out in words ('mil novecientos setenta y cuatro')."""
    if not y:
        return None
    if y.isdigit():
        return int(y)
    value = words_number(lx, y)
    if value is None or not 1000 <= value <= 2100:
        raise ValueError(f"not a year: {y}")
    return value


def words_number(lx: TimeLexicon, words: str) -> int | None:
    """The number a run of ``numword``s says, or None.

    Additive with multipliers ('mil novecientos setenta y cuatro' = 1000 + 900 + 70 + 4,
    'two thousand and one'); two groups below 100 without a multiplier are read in pairs,
    the way English says years ('nineteen ninety-six' = 19 * 100 + 96)."""
    values: list[int] = []
    for w in re.split(r"[\s-]+", words.strip()):
        if lx.has("num_and", w):
            continue
        word_value = lx.value("numword", w)
        if not word_value:
            return None
        values.append(int(word_value))
    if not values:
        return None
    if 100 not in values and 1000 not in values:
        groups: list[int] = []
        for v in values:
            if groups and v < 10 and groups[-1] % 10 == 0 and groups[-1] >= 20:
                groups[-1] += v  # 'ninety-six'
            else:
                groups.append(v)
        if len(groups) == 2 and 10 <= groups[0] <= 99 and groups[1] < 100:
            return groups[0] * 100 + groups[1]
        return groups[0] if len(groups) == 1 else None
    total = current = 0
    for v in values:
        if v == 1000:
            total += max(current, 1) * 1000
            current = 0
        elif v == 100:
            current = max(current, 1) * 100
        else:
            current += v
    return total + current


def _wyear(x: _Match) -> Parse | None:
    """A year read out: 'el año mil' (any value after a year word), 'nineteen ninety-six'."""
    y = words_number(x.lx, x.g("wy"))
    if y is None:
        return None
    if x.gd.get("yw"):
        return Parse("date", y) if 1 <= y <= 2100 else None
    words = x.g("wy")
    starts = any(words.startswith(lead) for lead in x.lx.get("year_lead"))
    if not starts or " " not in words.strip() or not 1100 <= y <= 2100:
        return None  # 'mil soldados', 'veinte': counts, not years
    if not _multiplied(x.lx, words):
        return Parse("date", y)  # read in pairs ('nineteen ninety-one'): never a count
    # 'en mil novecientos setenta y cuatro murió' (a cue), not 'mil novecientos soldados'
    return Parse("date", y) if x.gd.get("cue") or not _followed_by_word(x) else None


def _followed_by_word(x: _Match) -> bool:
    """Whether a word other than a link ('y', 'and', 'de') follows the match: a count."""
    after = x.text[x.m.end():x.m.end() + 24]
    return re.match(r"\s*[^\W\d_]", after) is not None and \
        not build_patterns(x.lx).link_after.match(after)


def _multiplied(lx: TimeLexicon, words: str) -> bool:
    """Whether a read-out number holds 'hundred'/'thousand' (additive, can be a count)."""
    return any(lx.value("numword", w) in ("100", "1000") or
               int(lx.value("numword", w) or 0) >= 100 for w in re.split(r"[\s-]+", words))


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}


def _roman(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        v = _ROMAN[a]
        total += -v if _ROMAN.get(b, 0) > v else v
    return total


def _century(x: _Match) -> Parse | None:
    """'the 20th century' -> '19', 'el siglo X' -> '09' (TimeML: the first two digits)."""
    rom, cn, co = x.gd.get("rom"), x.gd.get("cn"), x.gd.get("co")
    n = int(cn) if cn else int(rom) if rom and rom.isdigit() else \
        _roman(rom) if rom else int(x.lx.value("ordinal", co or "") or 0)
    if not 1 <= n <= 21:
        return None
    bc = x.lx.has("era_bc", x.gd.get("era"))
    return Parse("century", label=("BC" if bc else "") + f"{n - 1:02d}")


_RULES: dict[str, Callable[[_Match], Parse | None]] = {
    "iso": _iso, "numeric": _numeric, "dmy": _day_month, "mdy": _day_month, "my": _day_month,
    "rangestart": _day_month, "month": _month_only, "dayonly": _dayonly,
    "weekday": _weekday_rule, "reldaywd": _reldaywd, "relday": _relday, "ago": _ago,
    "later": _later, "relunit": _relunit, "monthrel": _monthrel, "quarter": _quarter,
    "season": _season, "decade": _decade, "ref": _ref, "year": _year,
    "century": _century, "wyear": _wyear, "daypart": _daypart, "monthfirst": _day_month, "dayand": _dayonly,
}


def _sentence_start(text: str, at: int) -> bool:
    return re.search(r"(?:^|[.!?:\n«\"(]\s*)$", text[max(0, at - 4):at]) is not None


def _year_parse(gd: dict[str, str | None], m: re.Match[str], lx: TimeLexicon, text: str, marked: bool) -> Parse | None:
    y = int(gd["y"] or 0)
    after = text[m.end():m.end() + 24]
    pats = build_patterns(lx)
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


_MARGIN = 80  # characters around a core word that an expression can span ('a finales del ...')


def _windows(
    text: str, core: re.Pattern[str], cats: dict[str, frozenset[str]] | None = None
) -> list[tuple[int, int, frozenset[str] | None]]:
    """Stretches of text around core words, cut at whitespace; the patterns only look there.

    Scanning every pattern over the whole text costs ~15 ms per news article; most of the
    text holds no digit, month or weekday at all. Each window comes with the categories of
    the core words in it (from ``cats``; None: unknown, any pattern may match there).
    """
    out: list[tuple[int, int, frozenset[str] | None]] = []
    n = len(text)
    for m in core.finditer(text):
        ms, me = m.span()
        ws = max(0, ms - _MARGIN)
        we = min(n, me + _MARGIN)
        while ws > 0 and not text[ws - 1].isspace():
            ws -= 1
        while we < n and not text[we].isspace():
            we += 1
        word = m.group()
        if cats is None:
            kinds: frozenset[str] | None = None
        elif word[0].isdigit():
            kinds = _DIGIT_ONLY
        else:
            kinds = cats.get(word) or cats.get(" ".join(word.lower().split()))
        if out and ws <= out[-1][1]:
            ps, pe, pk = out[-1]
            out[-1] = (ps, max(pe, we), None if pk is None or kinds is None else pk | kinds)
        else:
            out.append((ws, we, kinds))
    return out


_DIGIT_ONLY = frozenset({DIGIT})


def _wanted(kinds: frozenset[str] | None, needs: tuple[frozenset[str], ...]) -> bool:
    """Whether a window with core words of ``kinds`` can hold a match of a pattern that
    ``needs`` a word of each group."""
    return kinds is None or all(not kinds.isdisjoint(group) for group in needs)


_Scans = list[tuple[str, re.Pattern[str], tuple[int, ...]]]
# (id of the pattern list, the core-word categories of each window) -> (that pattern list,
# :func:`_scans`' answer); the list is kept to tell a reused id from the same list
_SCANS: dict[tuple[int, tuple[frozenset[str] | None, ...]], tuple[list[tuple[str, re.Pattern[str]]], _Scans]] = {}


def _scans(pats: TimePatterns, patterns: list[tuple[str, re.Pattern[str]]],
           kinds: tuple[frozenset[str] | None, ...]) -> _Scans:
    """Each pattern (in order) that a window of these core-word categories may hold a match
    of, with the indices of those windows (:func:`_wanted`); kept per process for each list
    of categories (the windows of most texts hold a few common kinds of core word)."""
    key = (id(patterns), kinds)
    got = _SCANS.get(key)
    if got is None or got[0] is not patterns:
        if len(_SCANS) > 20_000:
            _SCANS.clear()
        scans: _Scans = []
        for name, rx in patterns:
            need = pats.needs[name]
            wanted = tuple(k for k, kind in enumerate(kinds) if _wanted(kind, need))
            if wanted:
                scans.append((name, rx, wanted))
        got = _SCANS[key] = (patterns, scans)
    return got[1]


def _holds_one(low: str, ws: int, we: int, strings: frozenset[str]) -> bool:
    """Whether one of ``strings`` lies inside the window ``low[ws:we]``. (One search of an
    alternation of them all was tried: slower than a ``find`` per string.)"""
    return any(low.find(w, ws, we) >= 0 for w in strings)


def find_dates(
    text: str, lang: str | LanguageBundle, anchor: date | None, prefer: str = "auto"
) -> list[TimeExpression]:
    """Time expressions in ``text``, in text order, resolved against ``anchor``.

    Pure function (no spaCy). Overlapping candidates: the longest wins. Expressions
    that need an anchor when ``anchor`` is None come back with ``resolved=False``.
    ``prefer='future'`` resolves direction-free expressions forward.
    """
    bundle = as_bundle(lang)
    lx = load_lexicon(bundle)
    pats = build_patterns(bundle)
    low = text.lower()
    patterns = pats.patterns
    lowered = len(low) == len(text)
    if not lowered:  # rare letters ('İ') change length when lowered: keep offsets
        low, patterns = text, pats.patterns_ci
    cands: list[tuple[int, int, int, Parse]] = []
    windows = _windows(low, core_for(pats, low, lowered), pats.core_cats)
    if not windows:
        return []  # the patterns only look inside windows
    literals = pats.literals if lowered else {}
    # (window start, groups of strings) -> the window holds a string of every group
    holds: dict[tuple[int, tuple[frozenset[str], ...]], bool] = {}
    for name, rx, wanted in _scans(pats, patterns, tuple(kinds for _, _, kinds in windows)):
        groups = literals.get(name)
        if groups:
            # a window without a string the pattern cannot match without holds no match
            spans = []
            for k in wanted:
                ws, we, _ = windows[k]
                key = (ws, groups)
                ok = holds.get(key)
                if ok is None:
                    ok = holds[key] = all(_holds_one(low, ws, we, g) for g in groups)
                if ok:
                    spans.append((ws, we))
            if not spans:
                continue
        else:
            spans = [windows[k][:2] for k in wanted]
        for m in (m for ws, we in spans for m in rx.finditer(low, ws, we)):
            start, end = m.span("body") if "body" in rx.groupindex else m.span()
            if end <= start:
                continue
            try:
                p = _to_parse(name, m, lx, low, text)
            except (TypeError, ValueError):
                p = None
            if p is not None:
                cands.append((start, end, _PRIORITY_INDEX[name], p))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    out: list[TimeExpression] = []
    for start, end, _, p in cands:
        if any(start < e and s < end for s, e in taken):
            continue
        expr = evaluate(p, text[start:end], start, end, anchor, _direction(p, low, start, end, lx, prefer))
        if expr is not None:
            taken.append((start, end))
            out.append(expr)
    out.sort(key=lambda e: e.start)
    return out


def _direction(p: Parse, low: str, start: int, end: int, lx: TimeLexicon, prefer: str) -> str:
    """'future' for a direction-free expression after a target preposition ('para el
    lunes': a deadline lies ahead), else ``prefer``."""
    if prefer != "auto" or not p.direction_free:
        return prefer
    return "future" if _target(low, start, end, lx, p.kind) else prefer


def _target(text: str, start: int, end: int, lx: TimeLexicon, kind: str) -> bool:
    """A date after a target preposition ('para el jueves'; English 'for Thursday', a day
    only), not a possessive one that names an event ('for Tuesday's attack')."""
    before = text[max(0, start - 12):start].lower().split()
    if not before or not (lx.has("future_pre", before[-1]) or (
            kind in ("weekday", "dayonly") and lx.has("day_target_pre", before[-1]))):
        return False
    return text[end:end + 2] not in ("'s", "’s")


def evaluate(
    p: Parse, text: str, start: int, end: int, anchor: date | None, prefer: str = "auto"
) -> TimeExpression | None:
    """A :class:`TimeExpression` for parse ``p`` at ``[start, end)``; None for impossible dates."""
    try:
        value, precision, relative, note = value_of(p, anchor, prefer)
    except (ValueError, TypeError, OverflowError):
        return None
    return TimeExpression(text, start, end, value, precision, value is not None, relative, note, p)


def resolve(
    expression: str, lang: str | LanguageBundle, anchor: date | None, prefer: str = "auto"
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


# -- the stage ----------------------------------------------------------------------------

class DateResolver:
    """Stage 'time': fills ``adoc.dates`` and each event's date fields and 'historical' mode."""

    name = "time"

    def __init__(self, lang: str | LanguageBundle) -> None:
        self.bundle = as_bundle(lang)
        self.lang = self.bundle.code
        load_lexicon(self.bundle)  # fail early for a language without data/<lang>/time.tsv

    def run(self, adoc: ArticleDoc) -> None:
        mentions = self.find(adoc)
        adoc.dates = [dm for _, dm in mentions]
        date_events(adoc, mentions, parse_anchor(adoc.article.date), load_lexicon(self.bundle),
                    sequel_cues(self.bundle))

    def find(self, adoc: ArticleDoc) -> list[tuple[TimeExpression, DateMention]]:
        """The article's dates: :func:`find_dates`, refined with the parse when there is one.

        With a spaCy doc, years that count a plural noun are dropped ('de 2003 soldados') and
        direction-free expressions follow the tense of their governing verb.
        """
        anchor = parse_anchor(adoc.article.date)
        lx = load_lexicon(self.bundle)
        mentions: list[tuple[TimeExpression, DateMention]] = []
        heads = frozenset(e.head for e in adoc.events if e.head is not None)
        for expr in find_dates(adoc.article.text, self.bundle, anchor):
            if expr.precision == "ref":
                continue  # 'actualmente', 'now': not a date
            p = expr.parse
            if adoc.doc is not None and p is not None:
                if p.kind == "date" and p.month is None and \
                        is_counted_number(adoc.doc, expr.start, expr.end, lx):
                    continue  # '2003 soldados': a count, not a year
                # only a future verb turns the reading forward: a past verb is often the
                # reporting verb ('said') of a date that lies ahead ('paid Nov. 20')
                target = _target(adoc.article.text, expr.start, expr.end, lx, p.kind)  # 'para el jueves'
                if p.direction_free and (target or governing_tense(adoc.doc, expr.start, lx, heads) == "future"
                                         or _present_weekday(adoc, expr, p, anchor)):
                    expr = evaluate(p, expr.text, expr.start, expr.end, anchor, "future") or expr
            mentions.append((expr, _mention(adoc, expr)))
        return mentions


def _present_weekday(adoc: ArticleDoc, expr: TimeExpression, p: Parse, anchor: date | None) -> bool:
    """A bare weekday ('el jueves', not 'el jueves pasado' nor 'este jueves') read back to a
    day before the article's, whose verb is a present indicative ('se reúnen el jueves'):
    :func:`present_dated` reads it forward."""
    return p.kind == "weekday" and p.mod is None and anchor is not None \
        and expr.value is not None and expr.value < anchor.isoformat() \
        and adoc.doc is not None and present_dated(adoc.doc, expr.start, expr.end)


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
