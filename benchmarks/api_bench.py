"""API benchmark: first-call latency of the dashboard's requests on a filled store.

    python benchmarks/store_bench.py --events 1000000 --db /tmp/bench.db   # fill once
    python benchmarks/api_bench.py --db /tmp/bench.db --repeat 10
    python benchmarks/api_bench.py --db postgresql://user@host:port/db

Runs the app in process through FastAPI's TestClient (HTTP parsing, validation and JSON
encoding included; no socket) with the aggregate cache off, so every request is a first
call. Each endpoint x filter runs ``--repeat`` times with varied parameters (another
country, word or date each time); p50/p95 are over those runs. "dashboard load" is the
five requests a page load makes (events page, timeline, top actors, pairs, map), one
after the other.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_bench import COMMON, COUNTRIES, PUBLISHERS, WORDS, pct  # noqa: E402

from cronica.model import PLOVER_TYPES  # noqa: E402

Params = dict[str, str | int]

ENDPOINTS: dict[str, tuple[str, Params]] = {
    "events page": ("/api/events", {"limit": 50, "sort": "-date"}),
    "timeline": ("/api/timeline", {"interval": "auto"}),
    "stats actor": ("/api/stats", {"by": "actor", "limit": 10}),
    "stats pair": ("/api/stats", {"by": "pair", "limit": 14}),
    "map": ("/api/map", {}),
}


def filters(rnd: random.Random) -> dict[str, Callable[[], Params]]:
    """name -> a function giving fresh query parameters for one run."""

    def year() -> Params:
        y = rnd.randrange(2015, 2024)
        return {"from": f"{y}-01-01", "to": f"{y}-12-31"}

    return {
        "no filter": lambda: {},
        "type + 1 year": lambda: {"type": rnd.choice(PLOVER_TYPES), **year()},
        "actor": lambda: {"actor": rnd.choice(COUNTRIES)},
        "actor + recipient": lambda: {"actor": rnd.choice(COUNTRIES) + "GOV",
                                      "recipient": rnd.choice(COUNTRIES)},
        "country": lambda: {"country": rnd.choice(COUNTRIES)},
        "country + min_sources 3": lambda: {"country": rnd.choice(COUNTRIES), "min_sources": 3},
        "free text (vocabulary word)": lambda: {"q": rnd.choice(WORDS[:500])},
        "free text (common) + 1 year": lambda: {"q": rnd.choice(COMMON), **year()},
        "source": lambda: {"source": rnd.choice(PUBLISHERS)},
    }


def run(db: str, repeat: int, seed: int = 5) -> list[dict]:
    from fastapi.testclient import TestClient

    from cronica.api import create_app
    from cronica.store.factory import open_store

    store = open_store(db)
    app = create_app(store=store, cache_seconds=0)
    rnd = random.Random(seed)
    report = []
    with TestClient(app) as client:
        client.get("/api/health")  # warm up the app (imports, first connection)
        for fname, make in filters(rnd).items():
            per: dict[str, list[float]] = {name: [] for name in ENDPOINTS}
            load: list[float] = []
            for _ in range(repeat):
                params = make()
                total = 0.0
                for name, (path, extra) in ENDPOINTS.items():
                    t0 = time.perf_counter()
                    r = client.get(path, params={**params, **extra})
                    ms = (time.perf_counter() - t0) * 1000
                    if r.status_code != 200:
                        raise SystemExit(f"{path} {params}: {r.status_code} {r.text[:200]}")
                    per[name].append(ms)
                    total += ms
                load.append(total)
            for name, ms in per.items():
                report.append({"filter": fname, "endpoint": name, "p50": pct(ms, .5),
                               "p95": pct(ms, .95)})
            report.append({"filter": fname, "endpoint": "dashboard load (5 requests)",
                           "p50": pct(load, .5), "p95": pct(load, .95)})
    store.close()
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="/tmp/cronica-bench.db", help="SQLite path or postgresql:// URL")
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    if not args.db.startswith("postgres") and not os.path.exists(args.db):
        raise SystemExit(f"{args.db}: no such store (fill it with benchmarks/store_bench.py)")
    load = os.getloadavg()
    report = run(args.db, args.repeat)
    print(f"API first-call latency (cache off), ms, {args.repeat} runs each; "
          f"load average before {load[0]:.2f}, after {os.getloadavg()[0]:.2f}")
    print(f"{'filter':<30} {'endpoint':<28} {'p50':>8} {'p95':>8}")
    for r in report:
        print(f"{r['filter']:<30} {r['endpoint']:<28} {r['p50']:8.1f} {r['p95']:8.1f}")
    single = [r for r in report if not r["endpoint"].startswith("dashboard")]
    worst = max(single, key=lambda r: r["p95"])
    print(f"worst single-request p95: {worst['p95']:.1f} ms ({worst['endpoint']}, "
          f"{worst['filter']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
