"""`cronica eval actors FILE.jsonl`: actor code accuracy on the event JSONL gold.

The gold (docs: the evaluation README) gives, for each event, ``source_text``/``target_text``
and ``source_code``/``target_code``: CAMEO-style codes such as 'COLREB', '---COP' (police of
unstated country), '~REB'; several actors are separated by ';'. The gold gives no offsets, so
each gold text is looked up in the record's text (exact case first, then any case); the
actors stage runs on the text and :func:`cronica.stages.actors.coder.actor_for_span` picks the mention
for the first occurrence some mention covers.

Scored per gold actor (a gold string that does not occur in the text is skipped):

- ``country``: the mention's country part equals the gold's ('' for '---' codes);
- ``sector``: the mention's sector equals the gold's first sector (CAMEO 'MED' is read as
  PLOVER 'JRN' and 'HLH' as 'MED', PLOVER 2.0 manual, sector note), or both have none;
- ``exact``: both; ``found``: some mention covers the gold text.

A mention that names several actors ('Diplomáticos franceses y alemanes': codes
['FRAGOV', 'DEUGOV']) is scored with the code among its ``codes`` that agrees best with the
gold. Only the 'actors' stage runs (and the parse), so the score does not depend on events.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

ORG_CODES = frozenset({"IGO", "IMG", "NGO", "UNO", "EUR", "ISM", "MNC"})
SECTORS = frozenset(
    "GOV MIL COP REB UAF OPP LAB CVL JRN BUS JUD LEG EDU MED REL REF HRI NGO SPY AGR CRM PTY "
    "ELI PRM UNK SOC PRE ENV HLH".split()
)
CAMEO_TO_PLOVER = {"MED": "JRN", "HLH": "MED"}  # PLOVER 2.0 manual, sector code note


def split_code(code: str, countries: Iterable[str] = ()) -> tuple[str, list[str]]:
    """'COLREB' -> ('COL', ['REB']); '---COP' and '~REB' -> ('', [...]); 'IGO' -> ('IGO', [])."""
    code = code.strip().lstrip("~").replace("---", "")
    known = set(countries) | ORG_CODES
    head = code[:3]
    if head in SECTORS and head not in known:
        country, rest = "", code
    else:
        country, rest = head, code[3:]
    secs = [CAMEO_TO_PLOVER.get(rest[i : i + 3], rest[i : i + 3]) for i in range(0, len(rest), 3)]
    return country, [s for s in secs if len(s) == 3 and s.isupper()]  # lower case: ethnicity


def mention_codes(m: Any) -> list[tuple[str, str]]:
    """(country, sector) of each code of a mention: the first from its ``country`` and
    ``sector``; the others ('Funcionarios chilenos y peruanos') share the sector."""
    sector = m.sector or ""
    out = [(m.country or "", sector)]
    for code in (m.codes or [])[1:]:
        out.append((code[: len(code) - len(sector)] if sector else code, sector))
    return out


@dataclass
class Tally:
    """Counts over gold actors, with the misses for ``--show``."""

    n: int = 0
    found: int = 0
    country: int = 0
    sector: int = 0
    exact: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        def rate(k: int) -> float:
            return round(k / self.n, 3) if self.n else 0.0

        return {
            "n": self.n,
            "found": rate(self.found),
            "country": rate(self.country),
            "sector": rate(self.sector),
            "exact": rate(self.exact),
        }


def gold_actors(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(gold code, gold text) pairs of one record, ';'-separated lists split."""
    out = []
    for e in record.get("events") or []:
        for role in ("source", "target"):
            code, text = e.get(role + "_code"), e.get(role + "_text")
            if not code or not text:
                continue
            for c, t in zip(code.split(";"), text.split(";"), strict=False):
                t = t.strip().strip("[]").strip()
                if c.strip() and t:
                    out.append((c.strip(), t))
    return out


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``text``: whole-word exact case, then any case, then a
    plain substring."""
    pat = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    occ = [m.start() for m in re.finditer(pat, text)]
    occ += [m.start() for m in re.finditer(pat, text, re.I) if m.start() not in occ]
    if not occ:
        i = text.lower().find(needle.lower())
        occ = [i] if i >= 0 else []
    return occ


def score_record(adoc: Any, record: dict[str, Any], tally: Tally, countries: set[str]) -> None:
    """Add one record's gold actors to ``tally``; ``adoc`` has been through the actors stage."""
    from cronica.stages.actors.coder import actor_for_span

    text = adoc.article.text
    for gcode, gtext in gold_actors(record):
        occ = occurrences(text, gtext)
        if not occ:
            continue
        tally.n += 1
        cands = [(o, actor_for_span(adoc, o, o + len(gtext))) for o in occ]
        m = next((mm for _, mm in cands if mm is not None), None)
        gc, gs = split_code(gcode, countries)
        best = (False, False)
        if m is not None:
            tally.found += 1
            for pc, ps in mention_codes(m):
                ok = (pc == gc, (ps == gs[0]) if gs else not ps)
                if sum(ok) > sum(best):
                    best = ok
        tally.country += best[0]
        tally.sector += best[1]
        tally.exact += all(best)
        if not all(best):
            tally.misses.append({
                "id": record.get("id"), "gold": gcode, "text": gtext,
                "pred": m.codes if m else None, "span": m.span.text if m else None,
            })


def evaluate(records: list[dict[str, Any]], lang: str | None = None) -> Tally:
    """Run the parse and the actors stage on every record and score its gold actors."""
    from cronica.errors import Rejection
    from cronica.model import Article, ArticleDoc
    from cronica.pipeline import Pipeline
    from cronica.resources import read_tsv

    countries = {r[0] for r in read_tsv("countries.tsv")}
    tally = Tally()
    # the place and context stages give organised actors their country from context
    pipeline = Pipeline(only=("actors", "events", "place", "actor_context"))
    articles = [
        Article(id=str(r.get("id", "")), text=r.get("text") or "", lang=lang or r.get("lang") or "es")
        for r in records
    ]
    for r, a, res in zip(records, articles, pipeline.pipe(articles), strict=True):
        # a rejected record (no text) still counts its gold actors, as not found
        adoc = ArticleDoc(article=a, lang=a.lang) if isinstance(res, Rejection) else res
        score_record(adoc, r, tally, countries)
    return tally


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="gold event JSONL with source/target texts and codes")
    p.add_argument("--lang", default=None, help="language of every record (default: each 'lang')")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--show", action="store_true", help="list every gold actor coded wrong")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="first N records only")
    p.add_argument("--part", choices=("fit", "check", "all"), default="all",
                   help="score one part of the fit/check split (document id, else record id)")


def run(args: argparse.Namespace) -> int:
    try:
        with open(args.path, encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        print(f"cronica eval actors: cannot read {args.path}: {exc}", file=sys.stderr)
        return 2
    from cronica.evaluate.split import select

    records = select(records, lambda r: str(r.get("doc_id") or r.get("id") or ""), args.part)
    records = records[: args.limit] if args.limit else records
    t0 = time.time()
    tally = evaluate(records, args.lang)
    if not tally.n:
        print(f"cronica eval actors: {args.path}: no gold actor read (records need "
              f"source_code/source_text or target_code/target_text)", file=sys.stderr)
        return 2
    result = tally.report()
    if args.json:
        if args.show:
            result["misses"] = tally.misses
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    if args.show:
        for m in tally.misses:
            print(f"MISS gold={m['gold']:10} {m['text']!r:45} pred={m['pred']} {m['span']!r}")
    print(
        f"actors: {args.path} ({len(records)} records, {tally.n} gold actors, "
        f"{time.time() - t0:.1f}s)\n"
        f"exact {result['exact']:.3f}  country {result['country']:.3f}  "
        f"sector {result['sector']:.3f}  found {result['found']:.3f}"
    )
    return 0
