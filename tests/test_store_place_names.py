"""Place names searchable both ways, and the event fields of schema version 4 in the store
(issue 11 'knows local place names', issue 12 'carry the new fields into the store')."""

from __future__ import annotations

import pytest
from store_helpers import make_adoc, open_backend

from cronica.errors import ErrorCode, StoreError
from cronica.store import place_names, schema
from cronica.store.base import EventFilter
from cronica.store.sqlite import SQLiteStore

# an invented gazetteer entry: the place 'Tyre' (id 9001) is also written 'Tiro', 'Tyros'
ALTERNATES = {9001: ("tyre", "tiro", "tyros"), 9002: ("bogota", "santa fe de bogota")}
EVENT = {"type": "ASSAULT", "actor": "ISRMIL", "recipient": "LBN", "country": "LBN"}


@pytest.fixture(autouse=True)
def small_gazetteer():
    place_names.set_provider(lambda gid: ALTERNATES.get(gid, ()))
    yield
    place_names.set_provider(None)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    s = open_backend(request.param, tmp_path)
    yield s
    s.close()


def _placed(doc_id: str, written: str, name: str, gid: int | None, salt: str = "",
            date: str = "2024-01-26") -> object:
    adoc = make_adoc(doc_id, [dict(EVENT, place=written, date=date)], salt=salt)
    adoc.events[0].event_loc = {"name": name, "text": written, "country": "LBN",
                                "lat": 33.27, "lon": 35.2, "geonameid": gid}
    return adoc


def _ids(store, **kw) -> set[str]:
    return {e["article_id"] for e in store.query_events(EventFilter(**kw), limit=100)}


def test_place_names_fold_the_written_form_the_gazetteer_name_and_alternates():
    loc = {"text": "Tiro", "name": "Tyre", "geonameid": 9001}
    assert place_names.place_search(loc) == "tiro | tyre | tyros"
    assert place_names.place_search({"text": "Bogotá", "name": None}) == "bogota"
    assert place_names.place_search(None) == ""
    assert place_names.alternates("not a number") == ()


def test_a_place_is_found_under_its_local_and_its_english_name(store):
    store.add(_placed("en", "Tyre", "Tyre", 9001))  # reported in English only
    store.add(_placed("es", "Tiro", "Tyre", 9001, salt="s", date="2024-03-02"))  # reported in Spanish
    for query in ("Tiro", "tyre", "TYROS"):
        assert _ids(store, place=query) == {"en", "es"}, query
        assert _ids(store, text=query) == {"en", "es"}, query
    assert _ids(store, place="Sidon") == set()


def test_the_place_filter_reads_the_written_place_without_a_gazetteer_entry(store):
    store.add(_placed("x", "Bogotá", "Bogota", None))
    assert _ids(store, place="bogota") == {"x"}
    assert _ids(store, place="BOGOTÁ") == {"x"}


def test_embedded_acts_link_to_the_stored_governing_event(store):
    adoc = make_adoc("emb", [{"type": "THREATEN", "actor": "COLLAB", "recipient": "COLGOV"},
                             {"type": "PROTEST", "actor": "COLLAB", "aux_mode": "future"}])
    adoc.events[1].embedded_in = "e0"
    adoc.events[0].actor.country, adoc.events[0].actor.country_source = "COL", "text"
    adoc.contentious = 0.83
    store.add(adoc)
    events = {e["event"]: e for e in store.query_events(
        EventFilter(include_all_aux=True), limit=10)}
    threat, strike = events["THREATEN"], events["PROTEST"]
    assert strike["embedded_in"] == threat["id"] != "e0"
    assert threat["embedded_in"] is None
    assert threat["actor_country_source"] == "text"
    ev = next(store.iter_events(EventFilter(include_all_aux=True), with_mentions=True))
    assert ev["mentions"][0]["article_contentious"] == pytest.approx(0.83)


def test_a_context_country_reaches_the_store_filter(store):
    adoc = make_adoc("ctx", [{"type": "PROTEST", "actor": "CVL"}])
    adoc.events[0].actor.country, adoc.events[0].actor.country_source = "KEN", "dateline"
    store.add(adoc)
    [ev] = store.query_events(EventFilter(country="KEN"), limit=10)
    assert ev["actor_country"] == "KEN" and ev["actor_country_source"] == "dateline"


def _reopen(kind: str, target: str):
    if kind == "sqlite":
        return SQLiteStore(target)
    from cronica.store.postgres import PostgresStore

    return PostgresStore(target)


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_version3_store_migrates_and_keeps_answering(kind, tmp_path, monkeypatch):
    from store_helpers import fresh_pg_database

    target = str(tmp_path / "v3.db") if kind == "sqlite" else fresh_pg_database()
    with monkeypatch.context() as m:  # a store written by the version-3 code
        m.setattr(schema, "MIGRATIONS", {v: schema.MIGRATIONS[v] for v in (1, 2, 3)})
        old = _reopen(kind, target)
        assert old.schema_version() == 3
        old.add(_placed("old", "Tiro", "Tyre", 9001))
        old.close()
    with _reopen(kind, target) as s:
        assert s.schema_version() == schema.SCHEMA_VERSION == 4
        # the migrated row: the place as written and the gazetteer name
        assert _ids(s, place="tiro") == {"old"}
        assert _ids(s, place="Tyre") == {"old"}
        s.add(_placed("new", "Tyre", "Tyre", 9001, salt="n", date="2024-05-05"))
        assert _ids(s, place="tyros") == {"new"}  # alternates: rows stored from now on
        assert _ids(s, text="tiro") == {"old", "new"}
        s.rebuild_counts()
        assert s.count_events(EventFilter(place="tyre")) == 2


def test_version3_code_refuses_to_write_a_version4_store(tmp_path, monkeypatch):
    path = str(tmp_path / "v4.db")
    SQLiteStore(path).close()
    monkeypatch.setattr(schema, "MIGRATIONS", {v: schema.MIGRATIONS[v] for v in (1, 2, 3)})
    with SQLiteStore(path) as s:
        with pytest.raises(StoreError) as exc:
            s.add(_placed("late", "Tiro", "Tyre", 9001))
        assert exc.value.code == ErrorCode.E014_STORE_NEWER
        assert s.query_events(EventFilter(), limit=5) == []  # reading still works


def test_the_flat_export_carries_the_version4_fields(store):
    from cronica.export import flat_row

    adoc = make_adoc("flat", [{"type": "THREATEN", "actor": "COLLAB", "recipient": "COLGOV"},
                              {"type": "PROTEST", "actor": "COLLAB", "aux_mode": "future"}])
    adoc.events[1].embedded_in = "e0"
    adoc.events[1].aux_evidence = {"text": "amenazaron con", "start": 0, "end": 14,
                                   "rule": "governing word"}
    adoc.events[0].actor.country, adoc.events[0].actor.country_source = "COL", "text"
    adoc.events[0].event_loc = {"name": "Tyre", "text": "Tiro", "country": "LBN",
                                "lat": 33.27, "lon": 35.2, "geonameid": 9001}
    adoc.contentious = 0.4
    store.add(adoc)
    rows = {r["event"]: r for r in map(flat_row, store.iter_events(
        EventFilter(include_all_aux=True), with_mentions=True))}
    threat, strike = rows["THREATEN"], rows["PROTEST"]
    assert strike["embedded_in"] == threat["id"]
    assert (strike["aux_evidence"], strike["aux_rule"]) == ("amenazaron con", "governing word")
    assert threat["actor_country_source"] == "text" and threat["actor_country"] == "COL"
    assert (threat["event_loc_text"], threat["event_loc_name"]) == ("Tiro", "Tyre")
    assert threat["contentious"] == pytest.approx(0.4)


def test_a_sector_actor_with_a_context_country_is_its_own_network_node():
    from cronica.api_export import node_of

    kenya = {"actor": {"code": "CVL"}, "actor_country": "KEN", "event_loc": {"country": "UGA"}}
    placed = {"actor": {"code": "CVL"}, "actor_country": None, "event_loc": {"country": "COL"}}
    coded = {"actor": {"code": "COLGOV"}, "actor_country": "COL"}
    assert node_of(kenya, "actor")["id"] == "CVL@KEN"
    assert node_of(placed, "actor")["id"] == "CVL@COL"
    assert node_of(coded, "actor")["id"] == "COLGOV"
