"""Country links and source rows (schema v3): kept exact through merges, equal to a rebuild
and to what the migration of an existing store builds, and answering country and source
filters exactly as the events table does (an OR over three country columns, a substring
of ``sources``); on both backends."""

from __future__ import annotations

import pytest
from store_helpers import open_backend
from test_store_rollups import PRECISE, _fill

from cronica.store import schema, sql_read
from cronica.store.base import EventFilter
from cronica.store.sql import STATS_BY
from cronica.store.sqlite import SQLiteStore

COLS = ("country", "rk", *schema.LINK_COLS)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    s = open_backend(request.param, tmp_path)
    yield s
    s.close()


def _links(store) -> list[tuple]:
    """Every row of the country links, the source rows and the publishers."""
    out = []
    with store._read() as cur:
        for table, first in (("event_country_links", "country"), ("event_sources", "source")):
            cols = ", ".join((first, *COLS[1:]))
            rows = store._rows(cur, f"SELECT {cols} FROM {table}")
            out.extend((table, *(str(v) for v in r.values())) for r in rows)
        out.extend(("publishers", r["name"])
                   for r in store._rows(cur, "SELECT name FROM publishers"))
    return sorted(out)


def _without_links(monkeypatch, fn):
    """``fn()`` with country and source filters answered from the events table."""
    with monkeypatch.context() as m:
        m.setattr(sql_read, "links_cover", lambda flt: False)
        m.setattr(sql_read, "sources_cover", lambda flt: False)
        return fn()


def test_links_follow_merges_and_match_a_rebuild(store):
    _fill(store)
    incremental = _links(store)
    assert incremental
    assert ("publishers", "efe") in incremental
    assert "IRQ" in {r[1] for r in incremental if r[0] == "event_country_links"}
    store.rebuild_counts()
    assert _links(store) == incremental


FILTERS = [
    EventFilter(country="IRQ"),
    EventFilter(country="irq", include_all_aux=True),
    EventFilter(country="USA"),
    EventFilter(country="IRQ", aux_modes=["historical"]),
    EventFilter(country="IRQ", min_sources=2),
    EventFilter(country="USA", date_from="2024-01-10", date_to="2024-01-20"),
    EventFilter(country="USA", types=["CONSULT", "ACCUSE"]),
    EventFilter(country="IRQ", actor="USA"),
    EventFilter(country="IRQ", actor="USA", recipient="IRQ"),
    EventFilter(country="ZZZ"),
    EventFilter(source="efe"),
    EventFilter(source="AP", include_all_aux=True),
    EventFilter(source="f"),  # two names (afp, efe), one event has both
    EventFilter(source="a", min_sources=2),
    EventFilter(source="afp", types=["CONSULT"], date_from="2024-01-05"),
    EventFilter(source="afp", actor="USA", aux_modes=["historical"]),
    EventFilter(source="zzz"),
    EventFilter(source="afp|efe"),  # spans two names: the substring path
]


def test_links_are_used_only_when_they_cover_the_filter():
    assert sql_read.links_cover(EventFilter(country="IRQ", min_sources=3, types=["AID"]))
    assert not sql_read.links_cover(EventFilter())
    assert not sql_read.links_cover(EventFilter(country="IRQ", text="x"))
    assert not sql_read.links_cover(EventFilter(country="IRQ", modes=["ASSERTED"]))
    assert sql_read.sources_cover(EventFilter(source="ap", min_sources=2, actor="USA"))
    assert not sql_read.sources_cover(EventFilter(source="ap", country="IRQ"))
    assert not sql_read.sources_cover(EventFilter(source="ap", place="x"))


@pytest.mark.parametrize("flt", FILTERS, ids=repr)
def test_links_answer_as_the_events_table_would(store, monkeypatch, flt):
    _fill(store)
    for sort in ("date", "-date"):
        for limit, offset in ((500, 0), (3, 0), (3, 2)):
            def page(sort=sort, limit=limit, offset=offset) -> list[dict]:
                return store.query_events(flt, limit=limit, offset=offset, sort=sort)

            assert page() == _without_links(monkeypatch, page), (sort, limit, offset)
    exact = _without_links(monkeypatch, lambda: store.count_events(flt))
    assert store.count_events(flt) == exact
    assert store.count_events(flt, limit=3) == min(3, exact)
    for by in STATS_BY:
        assert store.stats(flt, by, limit=500) == _without_links(
            monkeypatch, lambda by=by: store.stats(flt, by, limit=500)), by
    assert store.places(flt) == _without_links(monkeypatch, lambda: store.places(flt))


def test_migration_builds_the_links_of_an_existing_store(tmp_path, monkeypatch):
    path = str(tmp_path / "old.db")
    with monkeypatch.context() as m:  # a store written by the version-2 code
        m.setattr(schema, "MIGRATIONS", {v: schema.MIGRATIONS[v] for v in (1, 2)})
        m.setattr(SQLiteStore, "_sync_links", lambda self, cur, event_id, fresh=False: None)
        old = SQLiteStore(path)
        _fill(old)
        assert old.schema_version() == 2
        old.close()
    with SQLiteStore(path) as s:
        assert s.schema_version() == schema.SCHEMA_VERSION
        migrated = _links(s)
        assert migrated
        s.rebuild_counts()
        assert _links(s) == migrated
        s.add(_late())
        flt = EventFilter(country="IRQ", include_all_aux=True)
        assert s.stats(flt, "type") == _without_links(monkeypatch, lambda: s.stats(flt, "type"))


def _late():
    from store_helpers import make_adoc

    return make_adoc("late", [dict(PRECISE, aux_mode="future")], salt="f")
