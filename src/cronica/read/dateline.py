"""Datelines: 'SAN SALVADOR, Abr 26 (AFP) -', 'BOGOTÁ, 3 mar (EFE) -', 'WASHINGTON (AP) —',
and in mixed case 'Bogotá, 14 mar (EFE).-', 'Kuala Lumpur, 28 jul (AFP) -'; an upper-case
place closed by '.-' alone ('SAN JOSÉ.-', 'CIUDAD DE MÉXICO.-'); a mixed-case one whose
agency is closed by a full stop ('Bogotá, 14 de marzo de 2025 (EFE). La policía ...').

Found on the article text alone (no parse). The place stage geocodes it. Hiding it from the
parser (blanking it before the parse) was measured and not adopted: on the BRAT AFP articles
it lowered trigger F1 (0.524 -> 0.523) and location recall (0.646 -> 0.604).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Dateline: an upper-case place, optional ', Region', then a date and/or '(AGENCY)', then a
# dash or the end of the line (also before a carriage return: agency files end lines CRLF). The date is left generic (word + day, or day + word) so that
# month abbreviations of any language pass.
_DATELINE = re.compile(
    r"(?P<place>[^\W\d_a-z][^\W\da-z]*(?:[ .'\-][^\W\da-z]+)*\.?)"
    r"(?P<agency0>\s*\([^()\n]{1,30}\))?"
    r"(?:,\s*(?P<region>[^\W\d_][^\W\d_]*(?: [^\W\d_]+){0,3}))??"
    r"(?:,\s*(?P<date>[^\W\d_]{3,10}\.? \d{1,2}|\d{1,2} [^\W\d_]{3,10}\.?|\d{1,2}(?=\s*$)))?"
    r"(?P<agency>\s*\([^()\n]{1,30}\))?"
    r"[ \t]*(?:[-—–]|(?=\r?$))",
    re.MULTILINE,
)
# The same in mixed case ('Bogotá, 14 mar (EFE).-', 'Kuala Lumpur, 28 jul (AFP) -'): each word
# of the place capitalised (linking words allowed: 'Ciudad de México'); a day and month name
# in either order (with 'de' and a year: '3 de marzo de 2024'); an agency in parentheses of
# at most 20 characters; it must end in a dash (also '.-') or a colon, or at the end of the
# line after an agency. Without the upper-case cue, a date or agency *and* that ending are
# required.
_CAP = r"[^\W\d_a-z][^\W\d_]*\.?"
_LINK = r"(?:de|del|la|las|los|el|do|da|dos|das|y)"
_MIXED = re.compile(
    rf"(?P<place>{_CAP}(?:[ \-](?:{_LINK} )?{_CAP}){{0,4}})"
    r"(?P<agency0>\s*\([^()\n]{1,20}\))?"
    rf"(?:,\s*(?P<region>{_CAP}(?: (?:{_LINK} )?{_CAP}){{0,3}}))??"
    r"(?:,\s*(?P<date>\d{1,2}(?: de)? [^\W\d_]{3,10}\.?(?:(?: de)? \d{4})?"
    r"|[^\W\d_]{3,10}\.? \d{1,2}(?:, \d{4})?))?"
    r"(?P<agency>\s*\([^()\n]{1,20}\))?"
    r"[ \t]*\.?[ \t]*(?:[-—–]+|:|(?<=\))[ \t]*(?=\r?$)|(?<=\)\.)(?=[ \t]))",
    re.MULTILINE,
)
_MONTHS = frozenset(
    "ene feb mar abr may jun jul ago sep sept set oct nov dic jan apr aug dec enero febrero "
    "marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
    "january february march april june july august september october november december".split())
# a byline may come first on the dateline's line: 'Por Oscar Martínez; BUENOS AIRES, Ago 2'
_BYLINE_SEP = re.compile(r"[^\n;]{3,60};\s*")
_LINES = 6


@lru_cache(maxsize=16)
def find_dateline(text: str) -> re.Match | None:
    """A dateline at the start of one of the first :data:`_LINES` non-empty lines, else None
    (agency copy may put a headline, a byline, an 'ATENCION - ...' service note and a
    '=(FOTOS)=' tag before it).

    Groups: ``place``, ``region``, ``date``, ``agency``/``agency0``; the match ends after the
    dash (or at the end of the line). The actors, events and place stages all ask for the
    same article's dateline, so the last few answers are kept (about 40 µs each)."""
    pos = 0
    for _ in range(_LINES):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return None
        starts = [pos]
        byline = _BYLINE_SEP.match(text, pos)
        if byline:
            starts.append(byline.end())
        for start in starts:
            m = _DATELINE.match(text, start)
            if m and (m.group("date") or m.group("agency") or m.group("agency0")
                      or m.group(0).endswith(".-")) and _upper_name(m.group("place")):
                return m  # 'SAN JOSÉ.-': an upper-case place closed by '.-' alone
            m = _MIXED.match(text, start)
            if m and (m.group("agency") or m.group("agency0") or _month_date(m.group("date"))) \
                    and (not m.group(0).endswith(".") or _month_date(m.group("date"))):
                return m  # closed by a full stop ('(EFE). '): only with a date as well
        nl = text.find("\n", pos)
        if nl == -1:
            return None
        pos = nl + 1
    return None


def _month_date(date: str | None) -> bool:
    """Whether a mixed-case dateline's date names a month ('14 mar', 'Abr 26')."""
    if not date:
        return False
    return any(w.lower().rstrip(".") in _MONTHS for w in date.replace(",", " ").split())


def _upper_name(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def dateline_end(text: str) -> tuple[int, int] | None:
    """(start, end) of the punctuation that closes the article's dateline ('.-', ' — '),
    or None when there is no dateline or it ends with the line."""
    m = find_dateline(text)
    if m is None:
        return None
    last = max(m.end(g) for g in ("place", "region", "date", "agency", "agency0") if m.group(g))
    return (last, m.end()) if any(c in "-—–:" for c in text[last:m.end()]) else None


def closing_as_full_stop(closing: str, glued: bool = False) -> str:
    """The punctuation closing a dateline as one full stop, the rest spaces, same length:
    ').-' -> ') .', ' - ' -> ' . '; before a lead glued to it ('(EFE).-Los') the stop comes
    first, so that a space parts it from the lead's first word ('.-' -> '. '). Two stops
    would glue to the agency as one token ('EFE)..') and end nothing; a space left before
    a space would become a token the parser can take for the lead's subject."""
    chars = [" " if c in "-—–:." else c for c in closing]
    marks = [i for i, c in enumerate(closing) if c in "-—–:."]
    chars[marks[0] if glued else marks[-1]] = "."
    return "".join(chars)
