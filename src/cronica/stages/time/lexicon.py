"""Time words per language and the regular expressions built from them.

The words live in ``data/<lang>/time.tsv`` (category, form, value; see the header of
``data/es/time.tsv``). This module only turns them into compiled patterns, once per
language, so that adding a language is adding a data file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cronica.stages.language.bundle import LanguageBundle, as_bundle
from cronica.stages.language.fold import fold_case


@dataclass
class TimeLexicon:
    """The time vocabulary of one language, by category (forms keyed by
    :func:`cronica.stages.language.fold.fold_case`: lower case, accents kept)."""

    lang: str
    words: dict[str, dict[str, str]] = field(default_factory=dict)
    bundle: LanguageBundle | None = field(default=None, repr=False, compare=False)

    def get(self, category: str) -> dict[str, str]:
        return self.words.get(category, {})

    def value(self, category: str, form: str) -> str | None:
        return self.get(category).get(fold_case(form))

    def has(self, category: str, form: str | None) -> bool:
        return form is not None and fold_case(form) in self.get(category)

    @property
    def day_first(self) -> bool:
        return "mdy" not in self.get("numeric_order")


def load_lexicon(lang: str | LanguageBundle) -> TimeLexicon:
    """The lexicon of ``data/<lang>/time.tsv`` (built once per bundle); raises
    FileNotFoundError for unknown languages."""
    return as_bundle(lang).resource("time.lexicon", _read_lexicon)


def _read_lexicon(bundle: LanguageBundle) -> TimeLexicon:
    lex = TimeLexicon(bundle.code, bundle=bundle)
    for row in bundle.read_tsv("time.tsv"):
        category, form = row[0], row[1]
        value = row[2] if len(row) > 2 else ""
        lex.words.setdefault(category, {})[fold_case(form)] = value
    return lex


def _alt(forms, dot: bool = False) -> str:
    """A regex alternation of word forms, longest first; spaces match any whitespace."""
    parts = sorted({f for f in forms if f}, key=len, reverse=True)
    if not parts:
        return r"(?!x)x"  # matches nothing: the language has no words of this kind
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)
    return f"(?:{body})" + (r"\.?" if dot else "")


@dataclass
class TimePatterns:
    """Compiled patterns for one language: (name, regex) in priority order."""

    lang: str
    patterns: list[tuple[str, re.Pattern[str]]]  # for lower-cased text (case-sensitive: 2x faster)
    patterns_ci: list[tuple[str, re.Pattern[str]]]  # for text whose length changes when lowered
    core: re.Pattern[str]  # a word every time expression contains: a digit, a month, 'ayer'...
    det_before: re.Pattern[str]  # matches the text just before a year: 'its ', "company's "
    link_after: re.Pattern[str]  # matches the text just after a year: ' and', ' y', ' to'
    # ``core`` without IGNORECASE, for lower-cased text (see :func:`core_for`)
    core_cs: re.Pattern[str] | None = None
    # core word (spaces collapsed) -> its categories, and those of the core words inside it
    # ('the day before yesterday' is a relday and holds the unit 'day'); digits are DIGIT
    core_cats: dict[str, frozenset[str]] = field(default_factory=dict)
    # pattern name -> groups of categories: a match holds a core word of at least one
    # category of every group, so a window without one cannot hold a match
    needs: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    # pattern name -> groups of strings a match of the case-sensitive pattern holds (one of
    # each group), read off the compiled pattern (:func:`required_strings`): a window that
    # lacks one cannot hold a match, and a substring search is far cheaper than the scan
    literals: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)


DIGIT = "digit"  # the category of a run of digits in :attr:`TimePatterns.core_cats`
# The core word categories (categories of data/<lang>/time.tsv) a window is labelled with.
CORE_CATEGORIES = ("month", "month_abbr", "weekday", "relday", "unit", "ref", "season",
                   "decade_word", "decade_name", "century_word", "year_lead", "day_part")
_MONTHS = frozenset({"month", "month_abbr"})
# What each pattern cannot match without (read off the sources in build_patterns: the
# named group that is not optional). Keep in step with the patterns.
_NEEDS: dict[str, tuple[frozenset[str], ...]] = {
    "iso": (frozenset({DIGIT}),),
    "numeric": (frozenset({DIGIT}),),
    "dmy": (_MONTHS,),  # the day may be an ordinal word ('primero de mayo')
    "rangestart": (frozenset({DIGIT}), _MONTHS),
    "later": (frozenset({"unit"}),),
    "mdy": (_MONTHS, frozenset({DIGIT})),
    "my": (_MONTHS, frozenset({DIGIT, "year_lead"})),
    "month": (frozenset({"month"}),),
    "dayonly": (frozenset({DIGIT}),),
    "weekday": (frozenset({"weekday"}),),
    "reldaywd": (frozenset({"relday"}), frozenset({"weekday"})),
    "relday": (frozenset({"relday"}),),
    "ago": (frozenset({"unit"}),),
    "monthrel": (frozenset({"month"}), frozenset({"unit"})),
    "quarter": (frozenset({"unit"}),),
    "relunit": (frozenset({"unit"}),),
    "season": (frozenset({"season"}),),
    "decade": (frozenset({DIGIT, "decade_name"}),),
    "century": (frozenset({"century_word"}),),
    "daypart": (frozenset({"day_part"}),),
    "wyear": (frozenset({"year_lead", "unit"}),),
    "monthfirst": (_MONTHS, frozenset({DIGIT, "year_lead"})),
    "dayand": (frozenset({DIGIT}),),
    "ref": (frozenset({"ref"}),),
    "year": (frozenset({DIGIT}),),
}
# Lower-case characters that IGNORECASE matches with other lower-case ones ('ſ' with 's',
# 'ı' with 'i'; Python's re._casefix), less ASCII: text holding one is scanned with the
# IGNORECASE core, so that the windows are exactly those IGNORECASE gives.
_EXTRA_CASE_CHARS = "µıſͅΐΰβεθικμπρςσφϐϑϕϖϰϱϵвдостъѣᲀᲁᲂᲃᲄᲅᲆᲇᲈṡẛιꙋﬅﬆ"
_EXTRA_CASE = re.compile(f"[{_EXTRA_CASE_CHARS}]")


def core_for(pats: TimePatterns, low: str, lowered: bool) -> re.Pattern[str]:
    """The core pattern to scan ``low`` with: the case-sensitive one (faster) when ``low``
    is lower-cased text without characters that IGNORECASE would match differently."""
    if lowered and pats.core_cs is not None and not _EXTRA_CASE.search(low):
        return pats.core_cs
    return pats.core


def build_patterns(lang: str | LanguageBundle | TimeLexicon) -> TimePatterns:
    """The compiled time-expression patterns of a language (compiled once per bundle)."""
    if isinstance(lang, TimeLexicon):
        lang = lang.bundle or lang.lang
    return as_bundle(lang).resource("time.patterns", _compile)


def _compile(bundle: LanguageBundle) -> TimePatterns:
    lx = load_lexicon(bundle)
    g = lx.get
    # word boundaries that also work next to accents; \b is much faster than a lookbehind and
    # equivalent here because every pattern starts with a letter or a digit
    B, E = r"\b", r"(?![\w])"
    art = _alt(g("article"))
    mod = _alt(list(g("mod_past")) + list(g("mod_next")) + list(g("mod_this")))
    post = _alt(list(g("mod_past")) + list(g("mod_next")))
    fuzzy = _alt(g("fuzzy"))
    of = _alt(g("of"))
    suffix = _alt(g("ordinal_suffix"))
    mon_full = _alt(g("month"))
    mon_abbr = _alt(g("month_abbr"), dot=True)
    mon = f"(?:{mon_full}|{mon_abbr})"
    wd = _alt(g("weekday"))
    ordw = _alt(g("ordinal"))
    dayw = _alt(g("day_word"))
    # a year read out in words: number words joined by spaces, hyphens or 'y'/'and'
    nw = _alt(g("numword"))
    wnum = rf"(?:{nw}(?:(?:[\s-]+|\s+{_alt(g('num_and'))}\s+){nw})*)"
    year_d = r"(?:1[0-9]|20|21)\d\d(?![\d])"
    # in a date ('30 de mayo de mil novecientos...') a read-out year starts with a year_lead
    # word and has at least two words, so a count after a comma is not read as a year
    lead = rf"(?:{_alt(g('year_lead'))}(?:(?:[\s-]+|\s+{_alt(g('num_and'))}\s+){nw})+)"
    year = rf"(?:{year_d}|(?<!,\s){lead}(?![\w-]))" if g("year_lead") else year_d
    daynum = rf"(?:[0-3]?\d(?:{suffix})?(?![\d:])|{ordw}|{_alt(g('day_number'))})"
    num = rf"(?:\d+|{_alt(g('number'))})"
    approx = rf"(?:{_alt(g('approx'))}\s+)?"
    units = g("unit")
    unit_sing = _alt([u for u, v in units.items() if not v.endswith("*")])
    unit_any = _alt(units)
    year_unit = _alt([u for u, v in units.items() if v == "Y"])
    q_unit = _alt([u for u, v in units.items() if v == "Q"])
    pre = rf"(?:(?P<fz>{fuzzy})(?:\s+{of})?[\s-]+)?(?:(?P<art>{art})\s+)?(?:(?P<mod>{mod})\s+)?"
    rng = _alt(list(g("range_to")) + ["-", "–"])
    cue = rf"(?:(?P<cue>{_alt(g('year_cue'))})\s+)?"
    cw = _alt(g("century_word"))
    era = _alt(list(g("era_bc")) + list(g("era_ad")))
    sources = [
        ("iso", r"\b(?<![\w-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w-])"),
        ("numeric", r"\b(?<![\w/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)"
                    r"(?P<y>\d{4}|\d{2})(?![\w/]|[.-]\d)"),
        ("dmy", rf"{B}(?P<body>{pre}(?:(?P<wd>{wd}),?\s+)?(?:(?P<dw>{dayw})\s+)?(?P<d>{daynum})"
                rf"(?:\s+{of})?\s+(?P<mon>{mon})(?:(?:\s+{of}\s+|,?\s+)(?P<y>{year})"
                rf"|\s+(?P<post>{post}))?){E}"),
        # the first day of a range: 'del 2 al 15 de agosto' -> 'del 2' (month from the second)
        ("rangestart", rf"{B}(?P<body>(?:(?P<art>{art})\s+)?(?P<d>[0-3]?\d))(?=\s*(?:{rng})\s*"
                       rf"(?:{art}\s+)?[0-3]?\d(?:\s+{of})?\s+(?P<mon>{mon})"
                       rf"(?:(?:\s+{of}\s+|,?\s+)(?P<y>{year}))?{E})"),
        ("later", rf"{B}(?P<body>(?:{_alt(g('later_pre'))})\s+{approx}(?P<n>{num})\s+"
                  rf"(?P<u>{unit_any})){E}"),
        ("mdy", rf"{B}(?P<body>{pre}(?:(?P<wd>{wd}),?\s+)?(?P<mon>{mon})\s+(?P<d>[0-3]?\d)"
                rf"(?:{suffix})?(?![\d:%]|[.,]\d)(?:,?\s+(?P<y>{year}))?){E}"),
        ("my", rf"{B}(?P<body>{pre}(?P<mon>{mon})(?:\s+{of}\s+|,?\s+)(?P<y>{year})){E}"),
        ("month", rf"{B}{cue}(?P<body>{pre}(?P<mon>{mon_full})(?:\s+(?P<post>{post}))?){E}"),
        ("dayonly", rf"{B}(?P<body>{pre}(?P<dw>{dayw})\s+(?P<d>[0-3]?\d)(?![\d:])){E}"),
        ("weekday", rf"{B}(?P<body>{pre}(?P<wd>{wd})(?:\s+(?P<post>{post}))?){E}"),
        ("reldaywd", rf"{B}(?P<body>(?P<rd>{_alt(g('relday'))})\s+(?P<wd>{wd})){E}"),
        ("relday", rf"{B}(?:(?P<blk>{_alt(g('relday_block'))})\s+)?(?P<body>{_alt(g('relday'))}){E}"),
        ("ago", rf"{B}(?P<body>(?:{_alt(g('ago_pre'))})\s+{approx}(?P<n>{num})\s+(?P<u>{unit_any})"
                rf"|{approx}(?P<n2>{num})\s+(?P<u2>{unit_any})\s+(?:{_alt(g('ago_post'))})){E}"),
        ("monthrel", rf"{B}(?P<body>{pre}(?P<mon>{mon_full})(?:\s+{of})?(?:\s+{art})?"
                     rf"(?:\s+(?P<mod2>{mod})\s+{year_unit}|\s+{year_unit}\s+(?P<post2>{post}))){E}"),
        ("quarter", rf"{B}(?P<body>{pre}(?:(?P<y0>{year_d})\s+)?(?P<o>{ordw})[\s-]+(?P<u>{q_unit})"
                    rf"(?:\s+{of}\s+(?P<y>{year_d}))?){E}"),
        ("relunit", rf"{B}(?P<body>{pre}(?P<u>{unit_sing})(?:\s+(?P<post>{post}))?){E}"),
        ("season", rf"{B}(?P<body>{pre}(?P<s>{_alt(g('season'))})(?:\s+(?:{of}\s+)?(?P<y>{year})"
                   rf"|\s+(?P<post>{post}))?){E}"),
        ("daypart", rf"{B}(?P<body>{_alt(g('day_part'))}){E}"),
        ("decade", rf"{B}(?P<body>{pre}(?:(?:{_alt(g('decade_word'))})\s+(?P<dd>[1-9]0)(?!\d)"
                   rf"|(?P<full>1[0-9]\d0|20\d0)'?s|'?(?P<dd2>[1-9]0)'?s|(?:{_alt(g('decade_word'))})\s+(?P<full2>1[0-9]\d0|20\d0)(?!\d)"
                   rf"|(?:{_alt(g('decade_art'))})\s+(?P<dd3>[1-9]0)(?![\d%])|(?P<dn>"
                   rf"{_alt(g('decade_name'))}))){E}"),
        # 'the 20th century', 'el siglo XX', 'el siglo X después de Cristo'
        ("century", rf"{B}(?P<body>{pre}(?:(?:(?P<cn>\d{{1,2}})(?:{suffix})?|(?P<co>{ordw}))[\s-]+"
                    rf"{cw}|{cw}\s+(?P<rom>[ivxl]+|\d{{1,2}}))(?:\s+(?P<era>{era}))?)(?![\w])"),
        # a year read out: 'el año mil', 'the year two thousand', 'nineteen ninety-six'
        ("wyear", rf"{B}{cue}(?P<body>{pre}(?:(?P<yw>{_alt(g('year_word'))})\s+)?(?P<wy>{wnum}))"
                  r"(?![\w-])"),
        # the first of two coordinated months sharing one year: 'mayo y junio de 2020'
        ("monthfirst", rf"{B}(?P<body>{pre}(?P<mon>{mon_full}))(?=\s*(?:,|{rng})\s*{mon}"
                       rf"(?:\s+{of}\s+|,?\s+)(?P<y>{year}))"),
        # the second of two coordinated days: 'el día 1 y 2', 'del día 3 y el 5'
        ("dayand", rf"{B}(?:{dayw})\s+[0-3]?\d\s+(?:{rng})\s+(?:{art}\s+)?"
                   rf"(?P<body>(?P<d>[0-3]?\d))(?![\d:])(?!\s+{of}\s+{mon})"),
        ("ref", rf"{B}(?P<body>{_alt(g('ref'))}){E}"),
        ("year", rf"\b(?<![\w.,/-]){cue}(?P<body>{pre}(?:(?P<yw>{_alt(g('year_word'))})\s+)?"
                 rf"(?P<y>{year_d}))(?![.,]\d|\w)"),
    ]
    plain_rx = [(name, re.compile(src)) for name, src in sources]
    compiled = [(name, _guarded(rx)) for name, rx in plain_rx]
    compiled_ci = [(name, re.compile(src, re.IGNORECASE)) for name, src in sources]
    dets = g("year_det")
    worded = _alt([d for d in dets if d[:1].isalpha()])
    clitic = _alt([d for d in dets if not d[:1].isalpha()])
    det_before = re.compile(rf"(?:(?<![\w]){worded}|{clitic})\s+$", re.IGNORECASE)
    links = list(g("year_cue")) + list(g("of")) + list(g("range_to"))
    link_after = re.compile(rf"\s+{_alt(links)}(?!\w)", re.IGNORECASE)
    core_words = [w for cat in CORE_CATEGORIES for w in g(cat)]
    # '\d+', not '\d': the windows are the same, with one match per number, not per digit
    core_src = rf"\d+|{B}{_alt(core_words)}{E}"
    core = re.compile(core_src, re.IGNORECASE)
    # the case-sensitive core equals the IGNORECASE one on lower-cased text as long as the
    # words hold no character with extra case equivalents (text holding one: core_for)
    plain = not any(c in _EXTRA_CASE_CHARS for w in core_words for c in w)
    core_cs = re.compile(core_src) if plain else None
    missing = set(_NEEDS) ^ {name for name, _ in sources}
    if missing:
        raise RuntimeError(f"time patterns without their needs (or the reverse): {missing}")
    return TimePatterns(bundle.code, compiled, compiled_ci, core, det_before, link_after, core_cs,
                        _core_categories(lx), dict(_NEEDS),
                        {name: required_strings(rx) for name, rx in plain_rx})


def required_strings(rx: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Groups of strings such that every match of ``rx`` holds at least one string of each
    group, read off the pattern's syntax: a run of literal characters that every match goes
    through is a group of one; an alternation each of whose branches requires a string gives
    the group of those strings ('(?:enero|febrero|...)'). Optional parts, repeats that may
    be absent, character classes and look-arounds require nothing. Empty for a pattern that
    ignores case, or whose syntax this Python's parser does not expose."""
    if rx.flags & re.IGNORECASE:
        return ()
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]

        return tuple(_required_in(_parser.parse(rx.pattern, rx.flags), _constants))
    except (ImportError, AttributeError, TypeError, ValueError, re.error):
        return ()


def _required_in(items: Any, k: Any) -> list[frozenset[str]]:
    """:func:`required_strings` of a parsed sequence (``k``: the parser's opcodes)."""
    groups: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            groups.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is k.LITERAL:
            run.append(chr(av))
            continue
        close_run()
        if op is k.SUBPATTERN:
            if not av[1] & re.IGNORECASE:  # (?i:...) inside: its letters may be of any case
                groups += _required_in(av[3], k)
        elif op is k.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                got = _required_in(branch, k)
                if not got:
                    break
                # the branch's most selective group: the one whose shortest string is longest
                union |= max(got, key=lambda g: min(map(len, g)))
            else:
                groups.append(frozenset(union))
        elif op in (k.MAX_REPEAT, k.MIN_REPEAT) and av[0] >= 1:
            groups += _required_in(av[2], k)
        # classes, anchors, look-arounds and back-references: no required literal
    close_run()
    return groups


def _guarded(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` opened by a look-ahead on the characters a match can start with
    (:func:`opening_chars`), when it opens with optional words: the same matches, but the
    regex engine drops a position whose character opens no match with one class test
    instead of trying every optional word there (the patterns with the modifier, article
    and fuzzy-word prefixes scan a window 30-40 % faster). ``rx`` itself otherwise."""
    chars = opening_chars(rx)
    if chars is None:
        return rx
    cls = "".join(re.escape(c) for c in sorted(chars))
    return re.compile(f"(?=[{cls}])" + rx.pattern, rx.flags)


def opening_chars(rx: re.Pattern[str]) -> frozenset[str] | None:
    """The characters every match of ``rx`` starts with, read off the pattern's syntax,
    when its first element is optional (a prefix of optional words); None when it is not,
    when a match may be empty, or when the syntax holds something this reading does not
    follow (a class of categories, any character, a back-reference, a part that ignores
    case: then nothing is known)."""
    if rx.flags & re.IGNORECASE:
        return None
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]

        items = list(_parser.parse(rx.pattern, rx.flags))
    except (ImportError, AttributeError, TypeError, ValueError, re.error):
        return None
    k = _constants
    zero_width = (k.AT, k.ASSERT, k.ASSERT_NOT)
    rest = list(items)
    while True:  # the first element that consumes text, inside the groups that open the pattern
        while rest and rest[0][0] in zero_width:
            rest.pop(0)
        if not rest or rest[0][0] is not k.SUBPATTERN:
            break
        rest = list(rest[0][1][3])
    if not rest:
        return None
    lead = _opening(rest[:1], k)
    if lead is None or not lead[1]:
        return None  # the first element is no optional prefix: the engine's own scan is as fast
    got = _opening(items, k)
    if got is None or got[1]:
        return None
    return frozenset(got[0])


def _opening(items: Any, k: Any) -> tuple[set[str], bool] | None:
    """(the characters a match of the parsed sequence ``items`` can start with, whether it
    can match nothing); None when unknown. A look-around adds nothing: it only narrows."""
    out: set[str] = set()
    for op, av in items:
        if op is k.LITERAL:
            got: tuple[set[str], bool] | None = ({chr(av)}, False)
        elif op is k.IN:
            chars: set[str] = set()
            for o, a in av:
                if o is k.LITERAL:
                    chars.add(chr(a))
                elif o is k.RANGE and a[1] - a[0] <= 256:
                    chars.update(chr(c) for c in range(a[0], a[1] + 1))
                else:
                    return None
            got = (chars, False)
        elif op is k.BRANCH:
            chars, empty = set(), False
            for branch in av[1]:
                sub = _opening(branch, k)
                if sub is None:
                    return None
                chars |= sub[0]
                empty = empty or sub[1]
            got = (chars, empty)
        elif op is k.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                return None  # (?i:...): its letters may be of any case
            got = _opening(av[3], k)
        elif op in (k.MAX_REPEAT, k.MIN_REPEAT):
            sub = _opening(av[2], k)
            got = None if sub is None else (sub[0], sub[1] or av[0] == 0)
        elif op in (k.AT, k.ASSERT, k.ASSERT_NOT):
            got = (set(), True)
        else:
            return None
        if got is None:
            return None
        out |= got[0]
        if not got[1]:
            return out, False
    return out, True


def _core_categories(lx: TimeLexicon) -> dict[str, frozenset[str]]:
    """Core word -> categories, closed over the core words each one holds: the core pattern
    reports only the longest word at a place, so 'pasado mañana' stands for both."""
    cats: dict[str, set[str]] = {}
    for cat in CORE_CATEGORIES:
        for w in lx.get(cat):
            if w:
                cats.setdefault(" ".join(w.split()), set()).add(cat)
    out: dict[str, frozenset[str]] = {}
    for word, mine in cats.items():
        held = set(mine)
        if any(c.isdigit() for c in word):
            held.add(DIGIT)
        for other, theirs in cats.items():
            if other != word and other in word and \
                    re.search(rf"(?<!\w){re.escape(other)}(?!\w)", word):
                held |= theirs
        out[word] = frozenset(held)
    return out
