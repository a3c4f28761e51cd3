"""Store benchmark: fill a store with synthetic merged events, time filtered queries.

    python benchmarks/store_bench.py --events 1000000 --db /tmp/bench.db
    python benchmarks/store_bench.py --reuse --db /tmp/bench.db       # time queries only
    python benchmarks/store_bench.py --articles 500 --db /tmp/w.db    # per-article write time
    python benchmarks/store_bench.py --events 1000000 --db postgresql://user@host:port/db  # empty db

Filling bypasses the NLP and the merge step: rows go straight into ``events`` in one
bulk transaction (articles and mentions are not needed by the filters). Each query kind
runs ``--repeat`` times with varied parameters; p50/p95 are over those runs, for
``query_events`` (a page of 100, as the API serves it), ``count_events`` (exact),
``count_events(limit=10000)`` (capped) and the page plus the capped count.
``--articles N`` instead times ``Store.add`` of N hand-built articles (3 events each,
merging on) into a fresh store: the per-article storage cost to set beside extraction.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from cronica.model import PLOVER_TYPES  # noqa: E402
from cronica.store.base import EventFilter  # noqa: E402
from cronica.store.factory import open_store  # noqa: E402
from cronica.store.merge import DateBounds  # noqa: E402

COUNTRIES = ["USA", "IRQ", "IRN", "MEX", "COL", "VEN", "ESP", "FRA", "RUS", "UKR", "ISR", "PSE",
             "SYR", "ARG", "BRA", "CHL", "PER", "ECU", "BOL", "CUB", "NIC", "SLV", "HND", "GTM",
             "CHN", "IND", "PAK", "AFG", "TUR", "EGY", "LBY", "SDN", "ETH", "NGA", "MLI", "DEU",
             "GBR", "ITA", "POL", "JPN", "KOR", "PRK", "SAU", "YEM", "LBN", "JOR", "QAT", "ARE"]
SECTORS = ["GOV", "MIL", "COP", "REB", "OPP", "", "JUD", "CVL"]
PUBLISHERS = ["afp", "efe", "reuters", "ap", "el país", "la nación", "el tiempo", "bbc mundo",
              "al jazeera", "dw", "europa press", "cnn", "infobae", "clarín", "el universal"]
COMMON = ("gobierno ministro presidente acuerdo ataque protesta frontera elecciones tropas "
          "negociaciones sanciones ayuda humanitaria policía rebeldes capital embajador "
          "conversaciones militares retirada acusó rechazó amenazó").split()
# a news-like vocabulary: a few common words and thousands of rarer ones (Zipf-distributed);
# random letters, so that word fragments are as varied as in real text
_LETTERS = "abcdefghijlmnopqrstuvz"
_vocab_rnd = random.Random(3)
RARE = sorted({"".join(_vocab_rnd.choice(_LETTERS) for _ in range(_vocab_rnd.randint(4, 10)))
               for _ in range(5000)})
WORDS = COMMON + RARE
# place names: a few thousand distinct towns, as a geocoder would return them
PLACES = sorted({"".join(_vocab_rnd.choice(_LETTERS) for _ in range(_vocab_rnd.randint(5, 9)))
                 .capitalize() for _ in range(4000)})
ZIPF = [1 / (rank + 1) for rank in range(len(WORDS))]
AUX = [""] * 8 + ["historical", "future", "hypothetical", "negation"]
START = date(2015, 1, 1)
COUNT_CAP = 10_000  # count_events(limit=...) as a page header would use it
DAYS = 3650


def synthetic_rows(n: int, seed: int = 7):
    rnd = random.Random(seed)
    for i in range(n):
        t = rnd.choice(PLOVER_TYPES)
        ac, rc = rnd.choice(COUNTRIES), rnd.choice(COUNTRIES)
        asec, rsec = rnd.choice(SECTORS), rnd.choice(SECTORS)
        d = START + timedelta(days=rnd.randrange(DAYS))
        precision = "day" if rnd.random() < 0.9 else "month"
        value = d.isoformat() if precision == "day" else d.isoformat()[:7]
        b = DateBounds.of(value, precision, False)
        aux = rnd.choice(AUX)
        has_place = rnd.random() < 0.7
        pc = rnd.choice([ac, rc]) if has_place else None
        n_src = min(1 + int(rnd.expovariate(1.5)), 40)
        pubs = sorted(set(rnd.sample(PUBLISHERS, min(n_src, 3))))
        sentence = " ".join(rnd.choices(WORDS, weights=ZIPF, k=16)).capitalize() + "."
        ev_id = f"ev{i:016x}"
        record = {"id": ev_id, "article_id": f"art{i}", "event": t, "mode": None,
                  "context": [], "aux_mode": aux or None,
                  "actor": {"text": ac, "code": ac + asec, "codes": [ac + asec], "start": 0,
                            "end": 3, "mention": None},
                  "recipient": {"text": rc, "code": rc + rsec, "codes": [rc + rsec],
                                "start": 10, "end": 13, "mention": None},
                  "event_text": sentence, "language": "es"}
        loc = ({"name": rnd.choice(PLACES), "country": pc, "lat": 1.0, "lon": 2.0}
               if pc else None)
        yield (
            ev_id, f"{t}||{aux}|{ac + asec}|{rc + rsec}", t, None, "", aux or None, aux,
            ac + asec, ac, ac, asec or None, rc + rsec, rc, rc, rsec or None,
            value, precision, 0, b.lo.isoformat(), b.hi.isoformat(),
            json.dumps(loc) if loc else None, loc["name"] if loc else None, pc,
            1.0 if loc else None, 2.0 if loc else None, round(rnd.random(), 3), "es",
            sentence, "|".join(pubs), json.dumps([f"art{i}"]), n_src, len(pubs),
            value, value,
        ), (ev_id, json.dumps(record))


INSERT = (
    "INSERT INTO events (id, merge_key, type, mode, context, aux_mode, aux_key, actor_code, "
    "actor_text, actor_country, actor_sector, recipient_code, recipient_text, recipient_country, "
    "recipient_sector, date, date_precision, date_inferred, date_lo, date_hi, event_loc, "
    "place_name, place_country, lat, lon, confidence, language, search_text, sources, "
    "article_ids, n_sources, n_publishers, first_seen, last_seen) VALUES "
    "(" + ", ".join(["?"] * 34) + ")"
)
INSERT_RECORD = "INSERT INTO event_records (event_id, record) VALUES (?, ?)"


def _defer_indexes(store) -> list[str]:
    """Drop the events indexes (SQLite: and full-text triggers) for the bulk load (building
    them once at the end is much faster); returns the SQL that recreates them."""
    if getattr(store, "dialect", "") == "postgres":
        with store._write() as cur:
            cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'events' "
                        "AND indexname NOT LIKE '%pkey'")
            rows = cur.fetchall()
            for r in rows:
                cur.execute(f"DROP INDEX {r['indexname']}")
        return [r["indexdef"] for r in rows]
    if getattr(store, "dialect", "") != "sqlite":
        return []
    with store._write() as cur:
        rows = cur.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'events' "
            "AND type IN ('index', 'trigger') AND sql IS NOT NULL").fetchall()
        for kind, name, _ in rows:
            cur.execute(f"DROP {kind.upper()} {name}")
    return [sql for _, _, sql in rows]


def _restore_indexes(store, ddl: list[str]) -> None:
    if not ddl:
        return
    with store._write() as cur:
        for sql in ddl:
            cur.execute(sql)
        if store.dialect == "sqlite":
            cur.execute("INSERT INTO events_fts (events_fts) VALUES ('rebuild')")


def fill(store, n: int, chunk: int = 50_000) -> float:
    t0 = time.perf_counter()
    ddl = _defer_indexes(store)
    rows = synthetic_rows(n)
    done = 0
    while done < n:
        batch = [next(rows) for _ in range(min(chunk, n - done))]
        with store._write() as cur:
            store._many(cur, INSERT, [row for row, _ in batch])
            store._many(cur, INSERT_RECORD, [rec for _, rec in batch])
        done += len(batch)
        print(f"  filled {done:,}/{n:,} events ({time.perf_counter() - t0:.0f} s)",
              file=sys.stderr)
    _restore_indexes(store, ddl)
    print(f"  indexed ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    if hasattr(store, "rebuild_counts"):  # the bulk load bypassed Store.add
        store.rebuild_counts()
        print(f"  counted ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    store.optimize()
    return time.perf_counter() - t0


def query_kinds(rnd: random.Random):
    """name -> a function giving a fresh EventFilter (parameters vary between runs)."""

    def month() -> tuple[str, str]:
        d = START + timedelta(days=rnd.randrange(DAYS - 31))
        return d.isoformat(), (d + timedelta(days=30)).isoformat()

    def year() -> tuple[str, str]:
        d = START + timedelta(days=rnd.randrange(DAYS - 366))
        return d.isoformat(), (d + timedelta(days=365)).isoformat()

    return {
        "default (current, newest first)": lambda: EventFilter(),
        "date range (1 month)": lambda: EventFilter(*month()),
        "type + date range (1 year)": lambda: EventFilter(*year(), types=[rnd.choice(PLOVER_TYPES)]),
        "actor prefix (country)": lambda: EventFilter(actor=rnd.choice(COUNTRIES)),
        "actor + recipient codes": lambda: EventFilter(actor=rnd.choice(COUNTRIES) + "GOV",
                                                       recipient=rnd.choice(COUNTRIES)),
        "actor + type + 1 year": lambda: EventFilter(*year(), actor=rnd.choice(COUNTRIES),
                                                     types=[rnd.choice(PLOVER_TYPES)]),
        "country (actor/recipient/place)": lambda: EventFilter(country=rnd.choice(COUNTRIES)),
        "min sources >= 5": lambda: EventFilter(min_sources=5),
        "include all aux + type": lambda: EventFilter(include_all_aux=True,
                                                      types=[rnd.choice(PLOVER_TYPES)]),
        "place substring": lambda: EventFilter(place=rnd.choice(PLACES)[:5].lower()),
        "source substring": lambda: EventFilter(source=rnd.choice(PUBLISHERS)),
        "text (a word of the vocabulary)": lambda: EventFilter(text=rnd.choice(WORDS[:500])),
        "text (a common word) + 1 month": lambda: EventFilter(*month(), text=rnd.choice(COMMON)),
        "text + actor": lambda: EventFilter(text=rnd.choice(WORDS[:500]),
                                            actor=rnd.choice(COUNTRIES)),
        "country + min sources >= 3": lambda: EventFilter(country=rnd.choice(COUNTRIES),
                                                          min_sources=3),
        "source + type + 1 year": lambda: EventFilter(*year(), source=rnd.choice(PUBLISHERS),
                                                      types=[rnd.choice(PLOVER_TYPES)]),
    }


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def time_queries(store, repeat: int, seed: int = 11) -> list[dict]:
    rnd = random.Random(seed)
    report = []
    for name, make in query_kinds(rnd).items():
        q_ms, c_ms, cap_ms, both_ms = [], [], [], []
        for _ in range(repeat):
            flt = make()
            t0 = time.perf_counter()
            store.query_events(flt, limit=100, sort="-date")
            t1 = time.perf_counter()
            store.count_events(flt)
            t2 = time.perf_counter()
            store.count_events(flt, limit=COUNT_CAP)
            t3 = time.perf_counter()
            q_ms.append((t1 - t0) * 1000)
            c_ms.append((t2 - t1) * 1000)
            cap_ms.append((t3 - t2) * 1000)
            both_ms.append((t1 - t0 + t3 - t2) * 1000)
        report.append({"query": name, "page_p50": pct(q_ms, .5), "page_p95": pct(q_ms, .95),
                       "count_p50": pct(c_ms, .5), "count_p95": pct(c_ms, .95),
                       "capped_p95": pct(cap_ms, .95), "both_p95": pct(both_ms, .95)})
    groupings = ("month_type", "type", "actor", "pair", "country", "week")
    aggregates = {
        "stats by month_type/type/actor/pair/country/week (actor)":
            lambda: EventFilter(actor=rnd.choice(COUNTRIES)),
        "stats by month_type/type/actor/pair/country/week (none)": EventFilter,
        "stats by month_type/type/actor/pair/country/week (1 year)":
            lambda: EventFilter(*year_range(rnd)),
        "stats by month_type/type/actor/pair/country/week (country)":
            lambda: EventFilter(country=rnd.choice(COUNTRIES)),
        "stats by month_type/type/actor/pair/country/week (country, 3+ src)":
            lambda: EventFilter(country=rnd.choice(COUNTRIES), min_sources=3),
        "stats by month_type/type/actor/pair/country/week (source)":
            lambda: EventFilter(source=rnd.choice(PUBLISHERS)),
    }
    for name, make in aggregates.items():
        stats_ms = []
        for _ in range(max(1, repeat // len(groupings))):
            for by in groupings:
                flt = make()
                t0 = time.perf_counter()
                store.stats(flt, by, limit=50)
                stats_ms.append((time.perf_counter() - t0) * 1000)
        report.append({"query": name, "page_p50": pct(stats_ms, .5),
                       "page_p95": pct(stats_ms, .95), "count_p50": 0.0, "count_p95": 0.0,
                       "capped_p95": 0.0, "both_p95": pct(stats_ms, .95)})
    if hasattr(store, "places"):
        for name, make in {"places, top 1000 (none)": EventFilter,
                           "places, top 1000 (actor)": lambda: EventFilter(
                               actor=rnd.choice(COUNTRIES)),
                           "places, top 1000 (text)": lambda: EventFilter(
                               text=rnd.choice(WORDS[:500])),
                           "places, top 1000 (country)": lambda: EventFilter(
                               country=rnd.choice(COUNTRIES)),
                           "places, top 1000 (source)": lambda: EventFilter(
                               source=rnd.choice(PUBLISHERS))}.items():
            ms = []
            for _ in range(repeat):
                flt = make()
                t0 = time.perf_counter()
                store.places(flt, limit=1000)
                ms.append((time.perf_counter() - t0) * 1000)
            report.append({"query": name, "page_p50": pct(ms, .5), "page_p95": pct(ms, .95),
                           "count_p50": 0.0, "count_p95": 0.0, "capped_p95": 0.0,
                           "both_p95": pct(ms, .95)})
    return report


def year_range(rnd: random.Random) -> tuple[str, str]:
    d = START + timedelta(days=rnd.randrange(DAYS - 366))
    return d.isoformat(), (d + timedelta(days=365)).isoformat()


def time_writes(db: str, n_articles: int) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from store_helpers import corpus_specs, make_adoc

    docs = [make_adoc(i, specs, date=day) for i, specs, day in corpus_specs(n_articles)]
    with open_store(db) as store:
        t0 = time.perf_counter()
        for d in docs:
            store.add(d)
        secs = time.perf_counter() - t0
        n_events = store.count_events(EventFilter(include_all_aux=True))
    per = secs / n_articles * 1000
    return {"articles": n_articles, "seconds": round(secs, 3), "ms_per_article": round(per, 3),
            "events_after_merge": n_events}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="/tmp/cronica-bench.db", help="SQLite path or postgresql:// URL")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--reuse", action="store_true", help="query an already filled store")
    ap.add_argument("--articles", type=int, default=0, help="time Store.add on N articles instead")
    args = ap.parse_args()
    if args.articles:
        if not args.db.startswith("postgres") and os.path.exists(args.db):
            os.unlink(args.db)
        print(json.dumps(time_writes(args.db, args.articles)))
        return 0
    if not args.reuse and not args.db.startswith("postgres"):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(args.db + suffix):
                os.unlink(args.db + suffix)
    with open_store(args.db) as store:
        if not args.reuse:
            secs = fill(store, args.events)
            print(f"filled {args.events:,} events in {secs:.1f} s", file=sys.stderr)
        total = store.count_events(EventFilter(include_all_aux=True))
        report = time_queries(store, args.repeat)
    size = os.path.getsize(args.db) / 1e6 if os.path.exists(args.db) else float("nan")
    print(f"{total:,} events in store ({size:.0f} MB); times in ms, {args.repeat} runs each; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'query':<66} {'page p50':>8} {'page p95':>8} {'count p95':>9} {'capped p95':>10} "
          f"{'page+capped p95':>15}")
    for r in report:
        print(f"{r['query']:<66} {r['page_p50']:8.1f} {r['page_p95']:8.1f} "
              f"{r['count_p95']:9.1f} {r['capped_p95']:10.1f} {r['both_p95']:15.1f}")
    print(f"worst p95: page {max(r['page_p95'] for r in report):.1f} ms, exact count "
          f"{max(r['count_p95'] for r in report):.1f} ms, page + count capped at {COUNT_CAP:,} "
          f"{max(r['both_p95'] for r in report):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
