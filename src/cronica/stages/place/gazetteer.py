"""The offline gazetteer: place name -> candidate places with coordinates, ranked.

The index (GeoNames cities, countries, subdivisions, continents, CLDR names and cronica's
aliases; see :mod:`cronica.stages.place.gazetteer_index`) is built or read from its cache once per
process, lazily, and shared by every language.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cronica.resources import SUPPORTED_LANGS
from cronica.stages.language.fold import fold_key
from cronica.stages.place.gazetteer_index import (
    ADMIN1,
    ADMIN2,
    CAPITAL,
    CITY,
    COUNTRY,
    FEATURE_NAMES,
    REGION,
    PlaceIndex,
    load_index,
    place_words,
)

__all__ = ["Candidate", "Gazetteer", "article_context", "default_gazetteer", "fold_key",
           "haversine_km", "place_words"]

# How much each kind of place is preferred, in log10-population units: a name that names a
# country means the country ('Mexico', 'Georgia'); a national capital beats a namesake town;
# admin areas are measured by the population of their cities but rarely meant over a city.
_FEATURE_BONUS = {CITY: 0.0, CAPITAL: 1.5, ADMIN1: -1.5, ADMIN2: -2.0, COUNTRY: 100.0, REGION: 50.0}
_CONTEXT_BONUS = 2.0  # candidate lies in a country the article mentions
_ADMIN_BONUS = 3.0  # candidate lies in the admin area the caller names (ACLED admin1/admin2)
_PRIMARY_BONUS = 0.5  # the key is the place's main name, not one of its alternate names
_ALIAS_BONUS = 3.0  # the key is a hand-written alias: 'Pa.' is Pennsylvania, not 'Pa' (Chongqing)
# the Arabic article as romanised, assimilated or not: 'al-', 'ar-', 'ash-', 'el-'
_ARABIC_ARTICLES = frozenset({"al", "ar", "as", "ash", "at", "ad", "an", "az", "el"})
# Spatial support: a town or area reading gains this much for each other name of the article
# (up to _SUPPORT_MAX) that can be read as a place within _SUPPORT_KM of it ('Kent' among
# 'Essex' and 'Norfolk' is the English county); only the first _SUPPORT_TOP readings count.
_SUPPORT_BONUS = 0.5
_SUPPORT_MAX = 3
_SUPPORT_KM = 250.0
_SUPPORT_TOP = 10
_SUPPORTED_FEATURES = ("city", "admin1", "admin2")
# Names whose lookup keys and candidates are kept per gazetteer; news repeats the same few
# hundred place names, so most lookups are answered from here. Cleared when full.
_CACHE_NAMES = 20_000
# fold_key() of the names the ranking compares (admin areas of candidates, the caller's areas)
_fold_cached = lru_cache(maxsize=65_536)(fold_key)


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to."""

    name: str  # the gazetteer's main name: 'Baghdad'
    country: str | None  # ISO 3166 alpha-3 ('IRQ'); None for regions across countries
    lat: float
    lon: float
    geonameid: int | None
    feature: str  # country | admin1 | admin2 | city | region
    population: int = 0
    capital: bool = False
    admin1: str | None = None  # main name of the first-level area holding it
    admin2: str | None = None
    primary: bool = False  # looked-up key is the main name
    alias: bool = False  # looked-up key is one of cronica's hand-written aliases


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class Gazetteer:
    """Name -> candidate places. A pipeline's bundles share one (``LanguageBundle.shared``).

    ``index`` may be handed in (tests build small ones with :meth:`from_records`).
    """

    def __init__(self, index: PlaceIndex | None = None) -> None:
        self._index = index
        self._lock = threading.Lock()
        self._articles = {fold_key(a) for lang in SUPPORTED_LANGS
                          for a in place_words(lang).get("article", [])}
        # name -> lookup keys; name -> candidates under each key (see _readings)
        self._key_cache: dict[str, tuple[str, ...]] = {}
        self._reading_cache: dict[str, tuple[tuple[Candidate, ...], ...]] = {}
        self._seats: dict[int, int] | None = None  # admin1 geonameid -> row of its main town

    @classmethod
    def from_records(cls, records: Iterable[dict[str, Any]]) -> Gazetteer:
        """A small in-memory gazetteer: dicts with name, lat, lon, country (ISO2), feature,
        and optional population, geonameid, names (alternate names), iso3, and admin1 /
        admin2 (the name of another record of that feature that holds this one)."""
        idx = PlaceIndex()
        feats = {"city": CITY, "capital": CAPITAL, "admin1": ADMIN1, "admin2": ADMIN2,
                 "country": COUNTRY, "region": REGION}
        records = list(records)
        areas = {(r["name"], r.get("feature")): i for i, r in enumerate(records)}
        for r in records:
            iso2 = r.get("country")
            if iso2 and r.get("iso3"):
                idx.iso3[iso2] = r["iso3"]
            row = idx.add(r["name"], r["lat"], r["lon"], r.get("population", 0),
                          r.get("geonameid", 0), feats[r.get("feature", "city")], iso2,
                          areas.get((r.get("admin1"), "admin1"), -1),
                          areas.get((r.get("admin2"), "admin2"), -1))
            for n in [r["name"], *r.get("names", [])]:
                idx.key(n, row)
        return cls(idx)

    @property
    def index(self) -> PlaceIndex:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = load_index()
        return self._index

    def seat(self, geonameid: int | None) -> Candidate | None:
        """The main town of the first-level area ``geonameid``: its most populous place
        (most often its capital), or None. Built once, on the first call (numpy, ~10 ms)."""
        if not geonameid:
            return None
        if self._seats is None:
            with self._lock:
                if self._seats is None:
                    self._seats = _seats(self.index)
        row = self._seats.get(int(geonameid))
        return self._candidate(row, "") if row is not None else None

    def iso3(self, iso2: str | None) -> str | None:
        if not iso2:
            return None
        return self.index.iso3.get(iso2, iso2)

    def _candidate(self, row: int, key: str) -> Candidate:
        idx = self.index
        cc = idx.cc[row]
        a1, a2 = idx.adm1[row], idx.adm2[row]
        feat = idx.feat[row]
        return Candidate(
            name=idx.names[row],
            country=self.iso3(idx.countries[cc]) if cc >= 0 else None,
            lat=round(float(idx.lat[row]), 5),
            lon=round(float(idx.lon[row]), 5),
            geonameid=idx.gid[row] or None,
            feature=FEATURE_NAMES[feat],
            population=idx.pop[row],
            capital=feat == CAPITAL,
            admin1=idx.names[a1] if a1 >= 0 else None,
            admin2=idx.names[a2] if a2 >= 0 else None,
            primary=fold_key(idx.names[row]) == key,
            alias=row in idx.aliases.get(key, ()),
        )

    def _keys(self, name: str) -> tuple[str, ...]:
        cached = self._key_cache.get(name)
        if cached is not None:
            return cached
        key = fold_key(name)
        keys = [key]
        first, _, rest = key.partition(" ")
        if rest and first in self._articles:
            keys.append(rest)
        if rest and first in _ARABIC_ARTICLES:  # 'Ar-Raqqa' is also written 'Raqqa'
            keys.append(rest)
        if len(self._key_cache) >= _CACHE_NAMES:
            self._key_cache.clear()
        self._key_cache[name] = out = tuple(keys)
        return out

    def _readings(self, name: str) -> tuple[tuple[Candidate, ...], ...]:
        """The candidates under each lookup key of ``name``, in key order; a place already
        met under an earlier key is not repeated. Cached per name (candidates are frozen)."""
        cached = self._reading_cache.get(name)
        if cached is not None:
            return cached
        idx = self.index
        seen: set[int] = set()
        groups: list[tuple[Candidate, ...]] = []
        for key in self._keys(name):
            group: list[Candidate] = []
            for row in idx.rows(key):
                if row in seen:
                    continue
                seen.add(row)
                group.append(self._candidate(row, key))
            groups.append(tuple(group))
        if len(self._reading_cache) >= _CACHE_NAMES:
            self._reading_cache.clear()
        self._reading_cache[name] = out = tuple(groups)
        return out

    def is_demonym(self, name: str) -> bool:
        """Whether ``name`` is known as a demonym or adjective ('Syrian', 'Texan', 'English'):
        such a word names a place as a modifier, never after 'in' ('in English')."""
        return _fold_cached(name) in getattr(self.index, "demonyms", ())

    def knows(self, name: str) -> bool:
        """Whether any place is called ``name`` (cheap: no candidates are built)."""
        return any(key in self.index.keys for key in self._keys(name))

    def lookup(
        self, name: str, country: str | None = None, lang: str | None = None
    ) -> list[Candidate]:
        """Every place named ``name`` (folded match), optionally within ``country`` (ISO2/ISO3).

        ``lang`` is accepted for symmetry with the stage; names of all languages share one
        index. Order: as stored (use :meth:`best` for a ranking).
        """
        out: list[Candidate] = []
        for group in self._readings(name):
            if country:
                out.extend(c for c in group if _same_country(c.country, country, self))
            else:
                out.extend(group)
            if out:
                break  # a match on the name as written wins over one without its article
        return out

    def rank(
        self,
        name: str,
        countries_in_article: Iterable[str] = (),
        country: str | None = None,
        admin: Iterable[str] = (),
        lang: str | None = None,
    ) -> list[tuple[float, Candidate]]:
        """Candidates with scores, best first (see :meth:`best`)."""
        context = {c for c in countries_in_article if c}
        admin_keys = {_fold_cached(a) for a in admin if a}
        cands = self.lookup(name, country=country, lang=lang)
        # 'Georgia' in an article about the United States is the state: a country reading
        # loses its precedence when the article does not mention that country but another
        # reading is a first-level area of a country it does mention
        demote = bool(context) and any(
            c.country in context for c in cands if c.feature == "admin1")
        scored = []
        for cand in cands:
            score = math.log10(cand.population + 10)
            code = _feature_code(cand)
            if demote and code == COUNTRY and cand.country not in context:
                code = CITY
            score += _FEATURE_BONUS[code]
            if cand.primary:
                score += _PRIMARY_BONUS
            if cand.alias:
                score += _ALIAS_BONUS
            if cand.country and cand.country in context:
                score += _CONTEXT_BONUS
            if admin_keys and ({_fold_cached(cand.admin1 or ""), _fold_cached(cand.admin2 or ""),
                                _fold_cached(cand.name)} & admin_keys):
                score += _ADMIN_BONUS
            scored.append((score, cand))
        scored.sort(key=lambda sc: -sc[0])
        return scored

    def best(
        self,
        name: str,
        countries_in_article: Iterable[str] = (),
        country: str | None = None,
        admin: Iterable[str] = (),
        lang: str | None = None,
    ) -> Candidate | None:
        """The most likely place for ``name``, or None when the gazetteer does not know it.

        Ranking (log10 population plus bonuses): countries and named regions first, then
        national capitals; first-level areas count for less than their population says;
        +3 for cronica's hand-written aliases ('Pa.'), +0.5 for a main name over an
        alternate one; +2 for places in ``countries_in_article`` (ISO3 codes), and a country
        reading gives way to a first-level area of a country the article names ('Georgia'
        in a US story); +3 for places inside one of the ``admin`` areas named (the article's
        states, or ACLED admin1/admin2). ``country`` (ISO2 or ISO3) is a hard filter.
        """
        ranked = self.rank(name, countries_in_article, country, admin, lang)
        return ranked[0][1] if ranked else None


    def best_in_article(
        self,
        names: Iterable[str],
        countries_in_article: Iterable[str] = (),
        admin: Iterable[str] = (),
    ) -> dict[str, Candidate | None]:
        """:meth:`best` for every name of one article, the names supporting each other.

        On top of :meth:`rank`, a town or area reading gains a bonus for each other name
        of the article that has a town or area reading nearby (spatial minimality, as in
        the geoparsing literature): 'Kent', 'Norfolk' and 'Cheshire' together are English
        counties, not US towns. Only readings that the bonus could lift to the top are
        scored this way, so most names cost no more than :meth:`best`.
        """
        context = set(countries_in_article)
        areas = set(admin)
        unique = list(dict.fromkeys(n for n in names if n))
        ranked = {n: self.rank(n, context, admin=areas) for n in unique}
        points = {n: [(c.lat, c.lon) for _, c in r[:_SUPPORT_TOP]
                      if c.feature in _SUPPORTED_FEATURES] for n, r in ranked.items()}
        reach = _SUPPORT_BONUS * _SUPPORT_MAX
        out: dict[str, Candidate | None] = {}
        for name, scored in ranked.items():
            if not scored:
                out[name] = None
                continue
            top_score, top = scored[0]
            rivals = [(sc, c) for sc, c in scored[1:_SUPPORT_TOP]
                      if sc + reach > top_score and c.feature in _SUPPORTED_FEATURES]
            if not rivals or top.feature not in _SUPPORTED_FEATURES:
                out[name] = top
                continue
            others = [pts for n, pts in points.items() if n != name and pts]
            best_score, best = -math.inf, top
            for sc, cand in [(top_score, top), *rivals]:
                sc += _SUPPORT_BONUS * _support(cand.lat, cand.lon, others)
                if sc > best_score:
                    best_score, best = sc, cand
            out[name] = best
        return out


def _seats(idx: PlaceIndex) -> dict[int, int]:
    """First-level area geonameid -> the row of its most populous town."""
    import numpy as np

    feat = np.frombuffer(idx.feat, dtype=np.int8)
    adm1 = np.frombuffer(idx.adm1, dtype=np.int32)
    pop = np.frombuffer(idx.pop, dtype=np.int64)
    towns = np.flatnonzero(((feat == CITY) | (feat == CAPITAL)) & (adm1 >= 0))
    # by area, then by population: the last row of each area is its most populous town
    order = towns[np.lexsort((pop[towns], adm1[towns]))]
    areas = adm1[order]
    last = np.flatnonzero(np.append(areas[1:] != areas[:-1], True))
    gid = np.frombuffer(idx.gid, dtype=np.int64)
    return {int(gid[a]): int(r) for a, r in zip(areas[last], order[last], strict=True) if gid[a]}


_SUPPORT_DEG = _SUPPORT_KM / 111.2  # the radius in degrees of latitude


def _support(lat: float, lon: float, others: list[list[tuple[float, float]]]) -> int:
    """How many of ``others`` (each a name's readings) have a reading within _SUPPORT_KM of
    the point, up to _SUPPORT_MAX (equirectangular distance: cheap, and close enough)."""
    coslat = math.cos(math.radians(lat))
    r2 = _SUPPORT_DEG * _SUPPORT_DEG
    support = 0
    for pts in others:
        for la, lo in pts:
            dlat = la - lat
            if dlat > _SUPPORT_DEG or dlat < -_SUPPORT_DEG:
                continue
            dlon = ((lo - lon + 180.0) % 360.0 - 180.0) * coslat
            if dlat * dlat + dlon * dlon <= r2:
                support += 1
                break
        if support == _SUPPORT_MAX:
            break
    return support


def _feature_code(cand: Candidate) -> int:
    if cand.capital:
        return CAPITAL
    return FEATURE_NAMES.index(cand.feature) if cand.feature != "city" else CITY


def _same_country(iso3: str | None, wanted: str, gaz: Gazetteer) -> bool:
    if iso3 is None:
        return False
    return iso3 == wanted or (len(wanted) == 2 and gaz.iso3(wanted) == iso3)


def default_gazetteer() -> Gazetteer:
    """A gazetteer over the standard index (built, or read from the disk cache, on its first
    lookup). Build one and pass it on: a pipeline shares one among its languages."""
    return Gazetteer()


def article_context(gaz: Gazetteer, names: Iterable[str]) -> tuple[set[str], set[str]]:
    """Countries (ISO3) and first-level areas (names) that an article's place names point to.

    A name counts for its country when its best reading is a country, or when all its
    readings lie in one country ('Baghdad' -> IRQ); a name whose best reading is an admin1
    area ('Florida') adds that area, so that 'Parkland' is read as the one in Florida.
    """
    countries: set[str] = set()
    areas: set[str] = set()
    for name in set(names):
        ranked = gaz.rank(name)
        if not ranked:
            continue
        top = ranked[0][1]
        if top.feature == "admin1":
            areas.add(top.name)
        if top.feature == "country" and any(c.feature == "admin1" for _, c in ranked):
            continue  # 'Georgia': the country or the state; let the other names decide
        if top.feature in ("country", "admin1") and top.country:
            countries.add(top.country)
            continue
        if len({c.country for _, c in ranked}) == 1 and top.country \
                and (top.feature != "city" or top.population >= 5_000):
            countries.add(top.country)  # a hamlet's name is too often something else
    return countries, areas
