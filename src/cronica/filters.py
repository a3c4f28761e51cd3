"""One set of rules for event filters, shared by ``cronica query``/``export`` and the API.

Whatever a user typed (``--from 2024-13-01``, ``--country Colombia``, ``type=FOO``) is
checked here and turned into an :class:`~cronica.store.base.EventFilter`, or refused
with a :class:`FilterError` that names the parameter and lists what it accepts. The CLI
prints the message and exits with status 2; the API answers 422 with it.

Countries are accepted as ISO 3166 alpha-3 or alpha-2 codes, or as a country name in
English or Spanish, with or without accents ('Colombia', 'Irak', 'Estados Unidos',
'EE.UU.', 'united states'), when the name names one country.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from cronica.errors import CronicaError
from cronica.model import AUX_MODES, PLOVER_TYPES, SECTOR_CODES
from cronica.resources import read_tsv
from cronica.store.base import EventFilter
from cronica.textfold import fold

MAX_TEXT = 500  # characters of a substring filter
SORT_KEYS: tuple[str, ...] = ("date", "n_sources", "confidence", "first_seen", "last_seen", "id")
SORTS: tuple[str, ...] = tuple(p + k for k in SORT_KEYS for p in ("", "-"))  # '-': descending
#: the aux modes shown when none is asked for: current events only (see docs/schema.md)
DEFAULT_INCLUDE = "current events only"


class FilterError(CronicaError):
    """A filter value cronica cannot use; ``param`` names it, the message says what is valid."""

    def __init__(self, param: str, message: str):
        self.param = param
        super().__init__(f"invalid {param}: {message}")


@dataclass
class FilterInput:
    """Filter values as typed by a user (CLI options or query parameters), unchecked."""

    date_from: str | None = None
    date_to: str | None = None
    types: Iterable[str] | None = None
    modes: Iterable[str] | None = None
    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    place: str | None = None
    source: str | None = None
    text: str | None = None
    min_sources: int | None = 1
    include: Iterable[str] | None = None
    include_all: bool = False
    article_id: str | None = None
    min_confidence: float | None = None
    sectors: Iterable[str] | None = None


def split_values(values: Iterable[str] | None) -> list[str]:
    """Repeated values and comma lists alike: ['AGREE', 'ACCUSE,REJECT'] -> three values."""
    out: list[str] = []
    for v in values or []:
        out.extend(p.strip() for p in str(v).split(",") if p.strip())
    return out


# -- single values ------------------------------------------------------------------
def check_date(value: str | None, param: str) -> str | None:
    """An ISO date or a prefix of one (2024, 2024-01, 2024-01-31) that exists."""
    if value is None or not value.strip():
        return None
    v = value.strip()
    parts = v.split("-")
    ok = 1 <= len(parts) <= 3 and all(p.isdigit() and p.isascii() for p in parts) \
        and len(parts[0]) == 4 and all(len(p) == 2 for p in parts[1:])
    if ok:
        try:
            if len(parts) == 3:
                date.fromisoformat(v)
            elif len(parts) == 2 and not 1 <= int(parts[1]) <= 12:
                ok = False
        except ValueError:
            ok = False
    if not ok:
        raise FilterError(param, f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD "
                                 "(a real calendar date, e.g. 2024-01-31)")
    return v


def check_types(values: Iterable[str] | None) -> list[str]:
    types = [t.upper() for t in split_values(values)]
    bad = [t for t in types if t not in PLOVER_TYPES]
    if bad:
        raise FilterError("type", f"unknown event type {bad[0]!r}; valid types: "
                                  f"{', '.join(PLOVER_TYPES)}")
    return types


def all_modes() -> list[str]:
    from cronica.stages.events.lexicon import PLOVER_MODES

    return sorted({m for modes in PLOVER_MODES.values() for m in modes})


def check_modes(values: Iterable[str] | None) -> list[str]:
    modes = [m.lower() for m in split_values(values)]
    valid = all_modes()
    bad = [m for m in modes if m not in valid]
    if bad:
        raise FilterError("mode", f"unknown mode {bad[0]!r}; valid modes: {', '.join(valid)}")
    return modes


def check_include(values: Iterable[str] | None, include_all: bool = False) -> tuple[list[str], bool]:
    """(aux modes, include all) from ``--include`` values; 'all' is the same as --include-all."""
    aux = [a.lower() for a in split_values(values)]
    bad = [a for a in aux if a not in (*AUX_MODES, "all")]
    if bad:
        raise FilterError("include", f"unknown aux mode {bad[0]!r}; valid values: "
                                     f"{', '.join(AUX_MODES)}, all")
    return [a for a in aux if a != "all"], include_all or "all" in aux


def check_sectors(values: Iterable[str] | None) -> list[str]:
    sectors = [s.upper() for s in split_values(values)]
    valid = sorted(SECTOR_CODES)
    bad = [s for s in sectors if s not in SECTOR_CODES]
    if bad:
        raise FilterError("sector", f"unknown sector {bad[0]!r}; valid sectors: {', '.join(valid)}")
    return sectors


def check_code(value: str | None, param: str) -> str | None:
    """An actor code prefix: letters only ('IRQ', 'IRQGOV', 'GOV')."""
    if value is None or not value.strip():
        return None
    v = value.strip().upper()
    if not v.isascii() or not v.isalpha() or len(v) > 30:
        raise FilterError(param, f"{value!r} is not an actor code; codes are letters: a country "
                                 "(IRQ), country + sector (IRQGOV) or a sector (GOV, IGO)")
    return v


def check_int(value: int | None, param: str, lo: int, hi: int | None = None) -> int:
    if value is None or value < lo or (hi is not None and value > hi):
        rng = f"from {lo} to {hi}" if hi is not None else f"{lo} or more"
        raise FilterError(param, f"{value} is out of range; use a whole number {rng}")
    return int(value)


def check_confidence(value: float | None) -> float | None:
    if value is None:
        return None
    if not 0.0 <= value <= 1.0:
        raise FilterError("min-confidence", f"{value} is out of range; use a number from 0 to 1")
    return float(value)


def check_sort(value: str) -> str:
    if value not in SORTS:
        raise FilterError("sort", f"unknown sort {value!r}; valid values: {', '.join(SORT_KEYS)}, "
                                  "each with '-' in front for descending")
    return value


def check_text(value: str | None, param: str) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise FilterError(param, f"over {MAX_TEXT} characters")
    return value.strip()


# -- countries ------------------------------------------------------------------------
@cache
def country_names() -> dict[str, set[str]]:
    """Folded country name (English or Spanish) -> the ISO3 codes it names."""
    names: dict[str, set[str]] = {}
    for row in read_tsv("countries.tsv"):
        names.setdefault(fold(row[2]), set()).add(row[0])
    for lang in ("en", "es"):
        for row in read_tsv(lang, "countries.tsv"):
            for form in row[1].split("|"):
                if form.strip():
                    names.setdefault(fold(form), set()).add(row[0])
    return names


@cache
def iso_codes() -> dict[str, str]:
    """ISO3 -> ISO3 and ISO2 -> ISO3 of every coded country."""
    codes: dict[str, str] = {}
    for row in read_tsv("countries.tsv"):
        codes[row[0]] = row[0]
        codes.setdefault(row[1], row[0])
    return codes


def resolve_country(value: str | None) -> str | None:
    """An ISO 3166 alpha-3 code for ``value`` (a code or an unambiguous English or Spanish
    name), or FilterError naming close matches."""
    if value is None or not value.strip():
        return None
    v = value.strip()
    if v.isascii() and v.isalpha() and len(v) in (2, 3) and v.upper() in iso_codes():
        return iso_codes()[v.upper()]
    names = country_names()
    hits = names.get(fold(v), set())
    if len(hits) == 1:
        return next(iter(hits))
    if len(hits) > 1:
        raise FilterError("country", f"{value!r} names several countries ({', '.join(sorted(hits))}); "
                                     "give the ISO 3166 alpha-3 code")
    close = difflib.get_close_matches(fold(v), list(names), n=4, cutoff=0.8)
    hint = f" (did you mean {', '.join(sorted({c for n in close for c in names[n]}))}?)" if close else ""
    raise FilterError("country", f"unknown country {value!r}{hint}; use an ISO 3166 code (COL, "
                                 "IRQ, USA) or a country name in English or Spanish")


# -- the whole filter ----------------------------------------------------------------------
def build_filter(raw: FilterInput) -> EventFilter:
    """Check every value of ``raw``; the EventFilter the store understands, or FilterError."""
    date_from = check_date(raw.date_from, "from")
    date_to = check_date(raw.date_to, "to")
    if date_from and date_to and date_from > date_to and not date_from.startswith(date_to):
        raise FilterError("from", f"the range starts ({date_from}) after it ends ({date_to}); "
                                  "swap 'from' and 'to'")
    aux, include_all = check_include(raw.include, raw.include_all)
    return EventFilter(
        date_from=date_from,
        date_to=date_to,
        types=check_types(raw.types),
        modes=check_modes(raw.modes),
        actor=check_code(raw.actor, "actor"),
        recipient=check_code(raw.recipient, "recipient"),
        country=resolve_country(raw.country),
        place=check_text(raw.place, "place"),
        source=check_text(raw.source, "source"),
        text=check_text(raw.text, "text"),
        min_sources=check_int(1 if raw.min_sources is None else raw.min_sources,
                              "min-sources", 1, 10_000),
        aux_modes=aux,
        include_all_aux=include_all,
        article_id=(raw.article_id or "").strip() or None,
        min_confidence=check_confidence(raw.min_confidence),
        sectors=check_sectors(raw.sectors),
    )


def describe_aux(flt: EventFilter) -> str:
    """Which aux modes ``flt`` keeps, in words, for summary lines."""
    if flt.include_all_aux:
        return "every aux mode included"
    if flt.aux_modes:
        return f"current events plus {', '.join(flt.aux_modes)}"
    return DEFAULT_INCLUDE
