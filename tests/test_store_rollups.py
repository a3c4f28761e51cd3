"""Pre-computed counts (schema v2): kept exact through merges, used by stats, counts and
places, and built by the migration of an existing store; on both backends."""

from __future__ import annotations

import pytest
from store_helpers import corpus_specs, make_adoc, open_backend

from cronica.store import schema, sql_read
from cronica.store.base import EventFilter
from cronica.store.sql import STATS_BY
from cronica.store.sqlite import SQLiteStore

MONTH_ONLY = {"type": "CONSULT", "actor": "USAGOV", "recipient": "IRQGOV", "date": "2024-01",
              "precision": "month"}
# the same event, dated to the day and placed: merging moves it to another day and country
PRECISE = dict(MONTH_ONLY, date="2024-01-15", precision="day", place="Bagdad", country="IRQ",
               lat=33.34, lon=44.4)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    s = open_backend(request.param, tmp_path)
    yield s
    s.close()


def _fill(store) -> None:
    for i, specs, day in corpus_specs(45):
        store.add(make_adoc(i, specs, date=day))
    store.add(make_adoc("m1", [MONTH_ONLY]))
    store.add(make_adoc("m2", [PRECISE], source="EFE"))
    store.add(make_adoc("m3", [dict(PRECISE, aux_mode="historical")], source="AP", salt="h"))


def _rollups(store) -> dict[str, set[tuple]]:
    out = {}
    with store._read() as cur:
        for table, (cols, _, _) in schema.ROLLUPS.items():
            rows = store._rows(cur, f"SELECT {', '.join(cols)}, n FROM {table} WHERE n <> 0")
            out[table] = {tuple(r.values()) for r in rows}
    return out


def _from_events(monkeypatch, fn):
    """``fn()`` with every grouping and count read from the events table."""
    with monkeypatch.context() as m:
        m.setattr(sql_read, "rollup_for", lambda flt, by: "events")
        return fn()


FILTERS = [
    EventFilter(),
    EventFilter(include_all_aux=True),
    EventFilter(aux_modes=["historical"]),
    EventFilter(date_from="2024-01-10", date_to="2024-01-20"),
    EventFilter(types=["CONSULT", "ACCUSE"]),
    EventFilter(actor="USA"),
    EventFilter(actor="USA", recipient="IRQ"),
]


def test_counts_follow_merges_and_match_a_rebuild(store):
    _fill(store)
    merged = store.query_events(EventFilter(actor="USAGOV", recipient="IRQGOV", types=["CONSULT"],
                                            date_from="2024-01-15", date_to="2024-01-15"))
    assert len(merged) == 1 and merged[0]["n_sources"] == 2  # month-dated report moved
    incremental = _rollups(store)
    store.rebuild_counts()
    assert _rollups(store) == incremental


@pytest.mark.parametrize("flt", FILTERS, ids=repr)
def test_rollups_answer_as_the_events_table_would(store, monkeypatch, flt):
    _fill(store)
    for by in STATS_BY:
        assert store.stats(flt, by, limit=500) == _from_events(
            monkeypatch, lambda by=by: store.stats(flt, by, limit=500)), by
    exact = _from_events(monkeypatch, lambda: store.count_events(flt))
    assert store.count_events(flt) == exact
    assert store.count_events(flt, limit=3) == min(3, exact)
    key = ("name", "country", "lat", "lon", "count")

    def places() -> list[tuple]:
        return sorted(tuple(p[k] for k in key) for p in store.places(flt))

    assert places() == _from_events(monkeypatch, places)


def test_rollup_is_only_used_when_the_filter_allows():
    assert sql_read.rollup_for(EventFilter(), "month_type") == "event_days"
    assert sql_read.rollup_for(EventFilter(types=["AID"], date_from="2024"), "type") == "event_days"
    assert sql_read.rollup_for(EventFilter(actor="IRQ"), "month") == "events"
    assert sql_read.rollup_for(EventFilter(actor="IRQ", recipient="USA"), "pair") == "event_pairs"
    assert sql_read.rollup_for(EventFilter(actor="IRQ", min_sources=2), "pair") == "events"
    assert sql_read.rollup_for(EventFilter(text="x"), "country") == "events"
    assert sql_read.rollup_for(EventFilter(include_all_aux=True), "place") == "event_places"
    assert sql_read.rollup_for(EventFilter(country="IRQ"), "place") == "events"


def test_places_group_events_with_a_few_ids(store):
    _fill(store)
    places = store.places(EventFilter(include_all_aux=True))
    bagdad = next(p for p in places if p["name"] == "Bagdad")
    assert bagdad["count"] == 2 and bagdad["country"] == "IRQ" and bagdad["complete"]
    assert bagdad["lat"] == pytest.approx(33.34) and len(bagdad["events"]) == 2
    assert {e["event"] for e in bagdad["events"]} == {"CONSULT"}
    assert [p["name"] for p in store.places(EventFilter(text="zzzz-nothing"))] == []
    text_places = store.places(EventFilter(place="BAGDAD", include_all_aux=True))
    assert [(p["name"], p["count"]) for p in text_places] == [("Bagdad", 2)]


def test_migration_builds_the_counts_of_an_existing_store(tmp_path, monkeypatch):
    path = str(tmp_path / "old.db")
    with monkeypatch.context() as m:  # a store written by the version-1 code
        m.setattr(schema, "MIGRATIONS", {1: schema.MIGRATIONS[1]})
        m.setattr(SQLiteStore, "_apply_counts", lambda self, cur, deltas: None)
        m.setattr(SQLiteStore, "_sync_links", lambda self, cur, event_id, fresh=False: None)
        old = SQLiteStore(path)
        _fill(old)
        assert old.schema_version() == 1
        old.close()
    with SQLiteStore(path) as s:
        assert s.schema_version() == schema.SCHEMA_VERSION
        migrated = _rollups(s)
        s.rebuild_counts()
        assert _rollups(s) == migrated
        assert s.stats(EventFilter(), "pair", limit=500) == _from_events(
            monkeypatch, lambda: s.stats(EventFilter(), "pair", limit=500))
        s.add(make_adoc("late", [dict(PRECISE, aux_mode="future")], salt="f"))
        future = EventFilter(aux_modes=["future"])
        assert s.stats(future, "type") == _from_events(monkeypatch, lambda: s.stats(future, "type"))
        assert s.count_events(future) == s.count_events(EventFilter()) + 1


@pytest.mark.parametrize("flt", [EventFilter(text="hizo1"), EventFilter(source="afp"),
                                 EventFilter(text="hizo", actor="USA", include_all_aux=True),
                                 EventFilter(place="bagdad", include_all_aux=True)], ids=repr)
def test_capped_counts_of_substring_filters(store, flt):
    _fill(store)
    exact = store.count_events(flt)
    assert exact > 0
    for cap in (1, exact - 1, exact, exact + 5):
        if cap > 0:
            assert store.count_events(flt, limit=cap) == min(cap, exact)


def test_api_caps_counts_and_maps_places(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from cronica import api

    s = SQLiteStore(str(tmp_path / "api.db"))
    _fill(s)
    monkeypatch.setattr(api, "COUNT_CAP", 5)
    with TestClient(api.create_app(store=s, cache_seconds=0)) as c:
        body = c.get("/api/events", params={"q": "hizo"}).json()
        assert body["total"] == 5 and body["total_capped"] is True
        few = c.get("/api/events", params={"place": "bagdad", "include": "all"}).json()
        assert few["total"] == 2 and few["total_capped"] is False
        m = c.get("/api/map", params={"include": "all"}).json()
        assert m["complete"] and m["events"] == 2
        assert [(p["name"], p["count"], len(p["events"])) for p in m["points"]] == [
            ("Bagdad", 2, 2)]
    s.close()
