"""`cronica eval geo FILE`: score toponym resolution against gold coordinates.

Two kinds of gold, chosen by the file:

- geoparsing XML (GeoVirus: ``<article><text/><locations><location>`` with name, start,
  end, lat, lon; GeoWebNews: ``<article><text/><toponyms><toponym>`` with extractedName,
  start, end, latitude, longitude, geonamesID; toponyms without geonamesID are not scored,
  as in the published GeoWebNews evaluation). Each gold toponym is resolved by the gazetteer
  with the article's other toponyms as context: the countries that they name, or that their
  unambiguous readings lie in. Metrics: Acc@161 km, median error, and coverage.
- ACLED-style CSV (columns location, admin1, admin2, country, latitude, longitude): each
  place name is resolved within its country, the admin areas breaking ties.
  Metrics: Acc@25 km and Acc@161 km.

Unresolved names count as wrong in every accuracy (errors are ``None``); ``found`` is the
share resolved at all. The scoring functions are pure and tested on tiny fixtures.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from cronica.resources import SUPPORTED_LANGS
from cronica.stages.language.fold import fold_key
from cronica.stages.place.gazetteer import (
    Candidate,
    Gazetteer,
    article_context,
    default_gazetteer,
    haversine_km,
    place_words,
)


@dataclass
class GoldToponym:
    name: str
    lat: float
    lon: float
    start: int | None = None
    end: int | None = None
    kind: str | None = None  # GeoWebNews toponym type: Literal, Metonymic, Demonym...


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


@dataclass
class GoldPlace:
    """One ACLED-style row: a place name within a country, with its admin areas."""

    id: str
    name: str
    country: str
    admin1: str
    admin2: str
    lat: float
    lon: float
    precision: str = ""  # ACLED geo_precision: 1 town, 2 near a town, 3 an area


# -- readers ---------------------------------------------------------------
def read_geo_xml(path: str | Path) -> list[GoldArticle]:
    """GeoVirus or GeoWebNews XML -> articles with their scorable toponyms."""
    root = ET.parse(path).getroot()
    out: list[GoldArticle] = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops: list[GoldToponym] = []
        locs = art.find("locations")
        if locs is not None:  # GeoVirus
            for loc in locs.iter("location"):
                tops.append(GoldToponym(
                    (loc.findtext("name") or "").strip(), _coord(loc, "lat"),
                    _coord(loc, "lon"), _int(loc.findtext("start")),
                    _int(loc.findtext("end"))))
        tnode = art.find("toponyms")
        if tnode is not None:  # GeoWebNews, or LGL / TR-News (<phrase> + <gaztag>)
            for t in tnode.iter("toponym"):
                top = _toponym(t)
                if top is not None:
                    tops.append(top)
        out.append(GoldArticle(art.get("file") or str(i), text, tops))
    return out


def _toponym(t: ET.Element) -> GoldToponym | None:
    """One ``<toponym>`` of either layout, or None when it has no gold coordinates.

    GeoWebNews: ``extractedName``, ``start``, ``end``, ``latitude``, ``longitude``,
    ``geonamesID`` (toponyms without a GeoNames id are not scored, as in its published
    evaluation). LGL / TR-News: ``start``, ``end``, ``phrase`` and ``gaztag`` holding ``lat``
    and ``lon`` (toponyms without a ``gaztag`` have no gold point).
    """
    gaztag = t.find("gaztag")
    if gaztag is not None or t.find("phrase") is not None:
        if gaztag is None:
            return None
        lat, lon = gaztag.findtext("lat"), gaztag.findtext("lon")
        if not (lat and lon and lat.strip() and lon.strip()):
            return None
        name = (t.findtext("phrase") or gaztag.findtext("name") or "").strip()
        return GoldToponym(name, float(lat), float(lon), _int(t.findtext("start")),
                           _int(t.findtext("end")))
    if not (t.findtext("geonamesID") or "").strip() or not t.findtext("latitude"):
        return None
    return GoldToponym(
        (t.findtext("extractedName") or "").strip(), _coord(t, "latitude"),
        _coord(t, "longitude"), _int(t.findtext("start")), _int(t.findtext("end")),
        (t.findtext("type") or "").strip() or None)


def read_acled_csv(path: str | Path) -> list[GoldPlace]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [
            GoldPlace(r.get("event_id_cnty") or str(i), r["location"], r["country"],
                      r.get("admin1") or "", r.get("admin2") or "",
                      float(r["latitude"]), float(r["longitude"]), r.get("geo_precision") or "")
            for i, r in enumerate(csv.DictReader(fh))
        ]


def _coord(node: ET.Element, tag: str) -> float:
    """A coordinate child as a number; ValueError (reported as a bad gold file) when missing."""
    return float(node.findtext(tag) or "")


def _int(s: str | None) -> int | None:
    return int(s) if s and s.strip().lstrip("-").isdigit() else None


# -- resolution ------------------------------------------------------------
def resolve_article(gaz: Gazetteer, article: GoldArticle) -> list[Candidate | None]:
    """Best place for each gold toponym, with the article's countries and areas as context
    and the toponyms supporting each other (:meth:`Gazetteer.best_in_article`).

    A name the gazetteer does not know is backed off to the longest known run of its words
    ('Colorado State University' -> Colorado, 'Lake Manassas' -> Manassas): gold toponyms
    are places, and a facility lies in or near the place its name contains.
    """
    countries, areas = article_context(gaz, [t.name for t in article.toponyms])
    generic = generic_words()
    chosen = gaz.best_in_article([t.name for t in article.toponyms], countries, areas)
    out: list[Candidate | None] = []
    for t in article.toponyms:
        cand = chosen.get(t.name)
        for part in name_parts(t.name, generic)[1:] if cand is None else ():
            part_cand = gaz.best(part, countries_in_article=countries, admin=areas)
            if part_cand is not None and _notable(part_cand):
                cand = part_cand
                break
        out.append(cand)
    return out


def _notable(cand: Candidate) -> bool:
    # a backed-off word must name somewhere notable: 'Point' or 'Tower' match hamlets
    return cand.feature in ("country", "admin1", "region") or cand.population >= 10_000


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Folded ``generic`` words of every language's places.tsv: kinds of place and
    directions ('university', 'bank', 'west'), which name no place on their own."""
    return frozenset(fold_key(w) for lang in SUPPORTED_LANGS
                     for w in place_words(lang).get("generic", []))


def name_parts(name: str, generic: frozenset[str] = frozenset()) -> list[str]:
    """The name, then its runs of capitalised words, longest first, leftmost first.

    A run made only of ``generic`` words ('West', 'Bank', 'University') is left out:
    'West Wales' backs off to 'Wales', 'Bank of Japan' to 'Japan'.
    """
    words = name.split()
    parts = [name]
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            run = words[i:i + size]
            if not (run[0][:1].isupper() and run[-1][:1].isupper()):
                continue
            if all(fold_key(w) in generic or not w[:1].isupper() for w in run):
                continue
            parts.append(" ".join(run))
    return parts


def resolve_place(gaz: Gazetteer, row: GoldPlace) -> Candidate | None:
    """Best place for an ACLED row: the name within its country, then its parts, then admin2.

    ACLED writes city districts as 'Seoul City - Jongno': the city is the part before ' - '.
    """
    country = country_code(gaz, row.country)
    admin = (row.admin1, row.admin2)
    names = [row.name]
    if " - " in row.name:
        names.append(row.name.split(" - ")[0])
    for extra in list(names):
        for suffix in (" City", " city", " Town"):
            if extra.endswith(suffix):
                names.append(extra[: -len(suffix)])
    names.append(row.admin2)
    for name in names:
        if not name:
            continue
        cand = gaz.best(name, country=country, admin=admin)
        if cand is not None:
            return cand
    return None


def country_code(gaz: Gazetteer, name: str) -> str | None:
    """ISO3 of a country name as ACLED writes it ('Democratic Republic of Congo')."""
    for _, cand in gaz.rank(name):
        if cand.feature == "country":
            return cand.country
    return None


# -- scoring (pure) --------------------------------------------------------
def errors_km(gold: Sequence[tuple[float, float]],
              predicted: Sequence[tuple[float, float] | None]) -> list[float | None]:
    """Distance from each gold point to its prediction; None where nothing was predicted."""
    return [None if p is None else haversine_km(g[0], g[1], p[0], p[1])
            for g, p in zip(gold, predicted, strict=True)]


def score(errors: Sequence[float | None], thresholds: Sequence[int] = (25, 161)) -> dict[str, Any]:
    """Acc@k for each threshold (unresolved = wrong), median error over resolved, coverage.

    The AUC-free summary of the geoparsing literature (Gritta et al. 2019).
    """
    n = len(errors)
    found = [e for e in errors if e is not None]
    out: dict[str, Any] = {"n": n, "found": len(found),
                           "coverage": round(len(found) / n, 4) if n else 0.0}
    for k in thresholds:
        out[f"acc@{k}"] = round(sum(1 for e in found if e <= k) / n, 4) if n else 0.0
    out["median_km"] = round(statistics.median(found), 1) if found else None
    out["mean_km"] = round(statistics.fmean(found), 1) if found else None
    return out


# -- runners ---------------------------------------------------------------
def stage_points(article: GoldArticle, places: Sequence[Any]) -> list[tuple[float, float] | None]:
    """For each gold toponym, the point of the place mention the stage found over its span."""
    out: list[tuple[float, float] | None] = []
    for t in article.toponyms:
        hit = None
        if t.start is not None and t.end is not None:
            for p in places:
                if p.lat is not None and p.span.start < t.end and t.start < p.span.end:
                    hit = (p.lat, p.lon)
                    break
        out.append(hit)
    return out


def evaluate_xml(path: str | Path, gaz: Gazetteer, limit: int | None = None,
                 stage_lang: str | None = None) -> dict[str, Any]:
    """Score the gazetteer on gold toponyms; with ``stage_lang``, run the place stage on
    each text too and prefer what it resolved over a gold span (``stage_found`` says how
    many gold toponyms the stage found by itself)."""
    articles = read_geo_xml(path)[:limit] if limit else read_geo_xml(path)
    gold: list[tuple[float, float]] = []
    pred: list[tuple[float, float] | None] = []
    names: list[str] = []
    kinds: list[str] = []
    stage_found = 0
    geocode = _stage_runner(gaz, stage_lang) if stage_lang else None
    for art in articles:
        by_stage = stage_points(art, geocode(art.text)) if geocode else [None] * len(art.toponyms)
        for t, cand, hit in zip(art.toponyms, resolve_article(gaz, art), by_stage, strict=True):
            gold.append((t.lat, t.lon))
            stage_found += hit is not None
            pred.append(hit if hit is not None else (cand.lat, cand.lon) if cand else None)
            names.append(t.name)
            kinds.append(t.kind or "all")
    errs = errors_km(gold, pred)
    result = score(errs, thresholds=(161,))
    result.update(file=str(path), kind="geoparsing", articles=len(articles),
                  by_type=by_category(kinds, errs, (161,)), worst=_worst(names, errs, 161))
    if geocode:
        result["stage_found"] = stage_found
    return result


def _stage_runner(gaz: Gazetteer, lang: str):
    """text -> place mentions, with the real spaCy pipeline and the place stage only."""
    from cronica.model import Article
    from cronica.pipeline import Pipeline
    from cronica.stages.place.geocoder import Geocoder

    pipeline = Pipeline(langs=(lang,), stages={lang: [Geocoder(lang, gazetteer=gaz)]})

    def run(text: str) -> list[Any]:
        if not text.strip():
            return []
        return pipeline.process(Article(id="eval", text=text, lang=lang)).places

    return run


def evaluate_csv(path: str | Path, gaz: Gazetteer, limit: int | None = None) -> dict[str, Any]:
    rows = read_acled_csv(path)[:limit] if limit else read_acled_csv(path)
    preds = [resolve_place(gaz, r) for r in rows]
    errs = errors_km([(r.lat, r.lon) for r in rows],
                     [(c.lat, c.lon) if c else None for c in preds])
    result = score(errs, thresholds=(25, 161))
    result.update(file=str(path), kind="places",
                  by_type=by_category([f"precision {r.precision}" for r in rows], errs, (25, 161)),
                  worst=_worst([r.name for r in rows], errs, 25))
    return result


def by_category(categories: Sequence[str], errs: Sequence[float | None],
                thresholds: Sequence[int]) -> dict[str, dict[str, Any]]:
    """:func:`score` for each category (GeoWebNews toponym type, ACLED geo precision)."""
    groups: dict[str, list[float | None]] = {}
    for cat, e in zip(categories, errs, strict=True):
        groups.setdefault(cat, []).append(e)
    return {cat: score(group, thresholds) for cat, group in sorted(groups.items())}


def _worst(names: Sequence[str], errs: Sequence[float | None], k: int, top: int = 15) -> dict:
    """The most frequent names missed (not found, or farther than k km): where to look next."""
    missing = Counter(n for n, e in zip(names, errs, strict=True) if e is None)
    far = Counter(n for n, e in zip(names, errs, strict=True) if e is not None and e > k)
    return {"not_found": missing.most_common(top), f"beyond_{k}km": far.most_common(top)}


def evaluate_file(path: str | Path, gaz: Gazetteer | None = None,
                  limit: int | None = None, stage_lang: str | None = None) -> dict[str, Any]:
    """Dispatch on the file type: ``.csv`` -> ACLED places, otherwise geoparsing XML."""
    gaz = gaz or default_gazetteer()
    if str(path).lower().endswith(".csv"):
        return evaluate_csv(path, gaz, limit)
    return evaluate_xml(path, gaz, limit, stage_lang=stage_lang)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="GeoVirus/GeoWebNews XML, or an ACLED-style CSV")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--limit", type=int, default=None, help="score only the first N articles/rows")
    p.add_argument("--stage", metavar="LANG", default=None,
                   help="XML only: also run spaCy and the place stage (language LANG) on each "
                        "text, and score what it resolved over the gold spans")


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.is_file():
        print(f"cronica eval geo: {path}: no such file", file=sys.stderr)
        return 2
    try:
        result = evaluate_file(path, limit=args.limit, stage_lang=args.stage)
    except (ET.ParseError, KeyError, ValueError) as exc:
        print(f"cronica eval geo: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    if not result["n"]:
        print(f"cronica eval geo: {path}: no gold toponym read (expected <location> with "
              f"name/start/end/lat/lon, or <toponym> with extractedName/latitude/longitude/"
              f"geonamesID or phrase/gaztag/lat/lon; or an ACLED CSV)", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    accs = "  ".join(f"{k} {v:.3f}" for k, v in result.items() if k.startswith("acc@"))
    print(f"{result['file']} ({result['kind']}): {result['n']} toponyms  {accs}  "
          f"median {result['median_km']} km  coverage {result['coverage']:.3f}")
    if "stage_found" in result:
        print(f"  place stage found {result['stage_found']} of {result['n']} gold toponyms")
    if len(result["by_type"]) > 1:
        for cat, s in result["by_type"].items():
            accs = "  ".join(f"{k} {v:.3f}" for k, v in s.items() if k.startswith("acc@"))
            print(f"  {cat}: {s['n']}  {accs}  coverage {s['coverage']:.3f}")
    for label, items in result["worst"].items():
        if items:
            print(f"  {label}: " + ", ".join(f"{n} ({c})" for n, c in items))
    return 0
