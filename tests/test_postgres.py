"""PostgreSQL: concurrent writers never duplicate an article or an event.

Needs a server: CRONICA_TEST_PG_URL, or Debian's binaries to start a throwaway cluster
(store_helpers.pg_server_url). Skips without one, except under CI=true where it fails.
The behaviour shared with SQLite is tested in test_store.py, over both backends.
"""

from __future__ import annotations

import random
import threading

import pytest
from store_helpers import (
    corpus_specs,
    fake_pipeline,
    fresh_pg_database,
    make_adoc,
    synthetic_article,
)

from cronica.ingest import ingest
from cronica.store.base import EventFilter
from cronica.store.factory import open_store
from cronica.store.schema import SCHEMA_VERSION
from cronica.store.sqlite import SQLiteStore

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_url():
    return fresh_pg_database()


def _snapshot(store) -> tuple[int, list[tuple[str, int]], int]:
    flt = EventFilter(include_all_aux=True)
    events = sorted((e["id"], e["n_sources"]) for e in store.iter_events(flt))
    mentions = sum(e["n_sources"] for e in store.iter_events(flt, with_mentions=False))
    return len(store.list_articles(limit=10_000)), events, mentions


def test_open_store_picks_postgres_and_migrates_once(pg_url):
    from cronica.store.postgres import PostgresStore

    stores: list = []
    errors: list = []

    def opener() -> None:
        try:
            stores.append(open_store(pg_url))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(isinstance(s, PostgresStore) for s in stores)
    with stores[0]._read() as cur:
        cur.execute("SELECT COUNT(*) AS n FROM schema_version")
        assert cur.fetchone()["n"] == SCHEMA_VERSION
    assert stores[0].schema_version() == SCHEMA_VERSION and stores[0].migrate() == []
    for s in stores:
        s.close()


def test_concurrent_writers_of_the_same_articles(pg_url, tmp_path):
    """Four workers store the same 60 articles in different orders, all at once."""
    docs = [make_adoc(i, specs, date=day) for i, specs, day in corpus_specs(60)]
    errors: list = []
    results: list = []

    def worker(seed: int) -> None:
        order = docs[:]
        random.Random(seed).shuffle(order)
        try:
            with open_store(pg_url) as s:
                results.extend(s.add(d).status for d in order)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert results.count("stored") == 60 and results.count("present") == 180

    with open_store(pg_url) as s:
        n_articles, events, _ = _snapshot(s)
        with s._read() as cur:
            cur.execute("SELECT COUNT(*) AS n, COUNT(DISTINCT (article_id, local_id)) AS d "
                        "FROM mentions")
            row = cur.fetchone()
            cur.execute("SELECT COALESCE(SUM(n_events), 0) AS n FROM articles")
            expected_mentions = cur.fetchone()["n"]
            # no two stored events that the merge rule would have joined
            cur.execute("SELECT merge_key, date_lo, date_hi, place_country, article_ids "
                        "FROM events ORDER BY merge_key")
            rows = cur.fetchall()
    assert n_articles == 60
    assert row["n"] == row["d"] == expected_mentions
    assert sum(n for _, n in events) == expected_mentions
    _assert_no_mergeable_pairs(rows)


def _assert_no_mergeable_pairs(rows: list[dict]) -> None:
    import json
    from datetime import date

    from cronica.store import merge

    by_key: dict[str, list[dict]] = {}
    for r in rows:
        by_key.setdefault(r["merge_key"], []).append(r)
    for group in by_key.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if set(json.loads(a["article_ids"])) & set(json.loads(b["article_ids"])):
                    continue  # events sharing an article never merge
                da = merge.DateBounds(date.fromisoformat(a["date_lo"]),
                                      date.fromisoformat(a["date_hi"]), False)
                db = merge.DateBounds(date.fromisoformat(b["date_lo"]),
                                      date.fromisoformat(b["date_hi"]), False)
                assert not merge.compatible(da, a["place_country"], db, b["place_country"]), (
                    "two stored events should have been one", a, b)


def test_concurrent_ingests_match_a_sequential_sqlite_ingest(pg_url, tmp_path):
    """Two ingests of overlapping halves at once give the articles and mentions that one
    SQLite ingest of everything gives."""
    articles = [synthetic_article(i, specs, date=day) for i, specs, day in corpus_specs(80)]
    halves = [articles[:50], articles[30:]]
    summaries: list = []
    errors: list = []

    def run(items) -> None:
        try:
            with open_store(pg_url) as s:
                summaries.append(ingest(items, s, pipeline=fake_pipeline(), batch_size=4))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(h,)) for h in halves]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sum(s.stored for s in summaries) == 80
    assert sum(s.stored + s.present for s in summaries) == 100

    with SQLiteStore(str(tmp_path / "seq.db")) as seq:
        ingest(articles, seq, pipeline=fake_pipeline())
        seq_articles = len(seq.list_articles(limit=1000))
        seq_mentions = sum(e["n_sources"] for e in seq.iter_events(EventFilter(include_all_aux=True)))
    with open_store(pg_url) as s:
        n_articles, events, mentions = _snapshot(s)
    assert (n_articles, mentions) == (seq_articles, seq_mentions)


def test_case_insensitive_substring_filters_on_postgres(pg_url):
    with open_store(pg_url) as s:
        s.add(make_adoc("a1", [{"type": "CONSULT", "actor": "USAGOV", "recipient": "IRQGOV",
                                "place": "Bagdad", "country": "IRQ"}], source="Al Jazeera"))
        assert s.count_events(EventFilter(place="BAGDAD")) == 1
        assert s.count_events(EventFilter(source="jazeera")) == 1
        assert s.count_events(EventFilter(text="usagov actuó")) == 1
        assert s.count_events(EventFilter(text="50%_")) == 0


def test_api_and_dashboard_data_work_unchanged_on_postgres(pg_url):
    """The HTTP API on a PostgreSQL store: the same routes the dashboard uses answer alike."""
    from fastapi.testclient import TestClient

    from cronica.api import create_app

    specs = [
        {"type": "AGREE", "actor": "USAGOV", "recipient": "IRQGOV", "date": "2024-01-25",
         "country": "IRQ", "place": "Bagdad"},
        {"type": "ASSAULT", "actor": "IRNUAF", "recipient": "USAMIL", "date": "2024-01-20"},
    ]
    with open_store(pg_url) as store:
        store.add(make_adoc("a1", specs))
        store.add(make_adoc("a2", specs[:1], salt="otra fuente"))  # a second report: merged
        client = TestClient(create_app(store=store))
        page = client.get("/api/events", params={"actor": "USA", "include": "historical"}).json()
        events = page["events"] if isinstance(page, dict) else page
        assert [e["event"] for e in events] == ["AGREE"]
        assert events[0]["n_sources"] == 2
        detail = client.get(f"/api/events/{events[0]['id']}").json()
        assert {m["article_id"] for m in detail["mentions"]} == {"a1", "a2"}
        by_type = {r["key"]: r["count"] for r in client.get("/api/stats", params={"by": "type"}).json()["rows"]}
        assert by_type == {"AGREE": 1, "ASSAULT": 1}
        assert client.get("/api/articles/a2").json()["article"]["id"] == "a2"
        assert client.get("/api/health").status_code == 200
