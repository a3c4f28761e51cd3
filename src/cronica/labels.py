"""Names beside codes: 'IRQGOV' -> 'Iraq: government' / 'Irak: gobierno'.

Used by exports (``actor_label`` columns), the API (``/api/labels``) and so the dashboard.
Country names come from ``data/countries.tsv`` (English) and ``data/es/countries.tsv``
(Spanish, first form); sector names from ``data/sectors.tsv`` (PLOVER 2.0 manual).
"""

from __future__ import annotations

from functools import cache

from cronica.model import code_parts
from cronica.resources import read_tsv

LANGS: tuple[str, ...] = ("en", "es")


@cache
def country_names(lang: str = "en") -> dict[str, str]:
    """ISO3 -> the country's short name in ``lang``."""
    names = {row[0]: row[2] for row in read_tsv("countries.tsv")}
    if lang == "es":
        names.update({row[0]: row[1].split("|")[0] for row in read_tsv("es", "countries.tsv")})
    return names


@cache
def sector_names(lang: str = "en") -> dict[str, str]:
    """Sector or organisation code -> its name in ``lang``."""
    col = 2 if lang == "es" else 1
    return {row[0]: row[col] for row in read_tsv("sectors.tsv")}


def code_label(code: str | None, lang: str = "en") -> str | None:
    """A readable name for an actor code: 'IRQGOV' -> 'Iraq: government', 'IRQ' -> 'Iraq',
    'CVL' -> 'civilians'; None for no code. Unknown parts are left as written."""
    if not code:
        return None
    country, sector = code_parts(code)
    parts: list[str] = []
    if country:
        parts.append(country_names(lang).get(country, country))
    if sector:
        secs = sector_names(lang)
        words = [secs.get(sector[i:i + 3], sector[i:i + 3]) for i in range(0, len(sector), 3)]
        parts.append(", ".join(words))
    return ": ".join(parts)


def labels(codes: list[str], lang: str = "en") -> dict[str, str]:
    """code -> label for each code given (for the dashboard)."""
    return {c: label for c in codes if (label := code_label(c, lang))}
