"""The store: idempotent writes, cross-article merging, filters, layers, transactions.

Runs against SQLite and, when a server is available, PostgreSQL (see store_helpers).
ArticleDocs are built by hand: no spaCy here.
"""

from __future__ import annotations

import sqlite3

import pytest
from store_helpers import make_adoc, open_backend

from cronica.errors import Rejection
from cronica.store import merge
from cronica.store.base import EventFilter
from cronica.store.factory import open_store
from cronica.store.schema import SCHEMA_VERSION
from cronica.store.sqlite import SQLiteStore

USA_IRQ = {"type": "CONSULT", "actor": "USAGOV", "recipient": "IRQGOV"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    s = open_backend(request.param, tmp_path)
    yield s
    s.close()


def all_events(store, **kw):
    return store.query_events(EventFilter(include_all_aux=True, **kw), limit=1000)


# -- idempotence and layers -------------------------------------------------------------
def test_same_text_is_stored_once(store):
    adoc = make_adoc("a1", [USA_IRQ])
    first = store.add(adoc)
    second = store.add(make_adoc("other-id", [USA_IRQ]))  # same text, different id
    assert (first.status, first.article_id, first.n_events) == ("stored", "a1", 1)
    assert (second.status, second.article_id) == ("present", "a1")
    assert store.has_article(adoc.article.content_hash)
    assert len(store.list_articles()) == 1
    assert store.count_events(EventFilter()) == 1
    assert len(store.get_event(all_events(store)[0]["id"])["mentions"]) == 1


def test_different_text_with_taken_id_gets_a_new_id(store):
    store.add(make_adoc("a1", [USA_IRQ]))
    res = store.add(make_adoc("a1", [USA_IRQ], salt="Otra versión."))
    assert res.status == "stored" and res.article_id.startswith("a1~")


def test_article_layers_round_trip(store):
    adoc = make_adoc("a1", [dict(USA_IRQ, place="Bagdad", country="IRQ")])
    store.add(adoc)
    art = store.get_article("a1")
    assert art["article"]["text"] == adoc.article.text
    assert art["article"]["content_hash"] == adoc.article.content_hash
    ev = art["events"][0]
    assert ev["event"] == "CONSULT" and ev["event_id"] == all_events(store)[0]["id"]
    assert ev["n_sources"] == 1
    assert art["sentences"][0]["start"] == 0
    assert store.get_article("missing") is None
    assert store.get_event("missing") is None


def test_event_dict_carries_evidence_and_offsets(store):
    adoc = make_adoc("a1", [dict(USA_IRQ, place="Bagdad", country="IRQ")])
    store.add(adoc)
    ev = store.get_event(all_events(store)[0]["id"])
    text = adoc.article.text
    m = ev["mentions"][0]
    assert text[m["trigger"]["start"]:m["trigger"]["end"]] == m["trigger"]["text"]
    assert text[m["actor"]["start"]:m["actor"]["end"]] == "USAGOV"
    assert m["sentence_text"] == adoc.sentences[0].text
    assert ev["event_text"] == adoc.sentences[0].text
    assert ev["actor"]["code"] == "USAGOV" and ev["actor_country"] == "USA"
    assert ev["recipient_sector"] == "GOV"
    assert ev["event_loc"]["country"] == "IRQ"
    assert ev["article_ids"] == ["a1"] and ev["n_sources"] == 1


# -- merging ------------------------------------------------------------------------------
def test_same_event_from_two_articles_merges(store):
    store.add(make_adoc("a1", [dict(USA_IRQ, country="IRQ")], source="AFP"))
    store.add(make_adoc("b1", [dict(USA_IRQ, verb="conversó")], source="EFE"))
    evs = all_events(store)
    assert len(evs) == 1
    assert evs[0]["n_sources"] == 2 and evs[0]["n_publishers"] == 2
    assert sorted(evs[0]["article_ids"]) == ["a1", "b1"]
    assert [m["article_id"] for m in store.get_event(evs[0]["id"])["mentions"]] == ["a1", "b1"]
    assert store.count_events(EventFilter(min_sources=2)) == 1
    assert store.count_events(EventFilter(min_sources=3)) == 0


def test_same_publisher_counts_once_among_publishers(store):
    store.add(make_adoc("a1", [USA_IRQ], source="AFP"))
    store.add(make_adoc("b1", [dict(USA_IRQ, verb="conversó")], source="AFP"))
    ev = all_events(store)[0]
    assert ev["n_sources"] == 2 and ev["n_publishers"] == 1


@pytest.mark.parametrize(
    "first, second",
    [
        ({"date": "2024-01-25"}, {"date": "2024-01-25"}),
        ({"date": "2024-01-25"}, {"date": "2024-01", "precision": "month"}),
        ({"date": "2024-01-25"}, {"date": "2024", "precision": "year"}),
        ({"date": "2024-01-25", "inferred": True}, {"date": "2024-01-26", "inferred": True}),
        ({"date": "2024-01-25"}, {"date": "2024-01-24", "inferred": True}),
        ({"country": "IRQ"}, {}),
        ({"country": "IRQ"}, {"country": "IRQ"}),
    ],
)
def test_merges(store, first, second):
    store.add(make_adoc("a1", [dict(USA_IRQ, **first)]))
    store.add(make_adoc("b1", [dict(USA_IRQ, verb="dialogó", **second)]))
    assert len(all_events(store)) == 1


@pytest.mark.parametrize(
    "first, second",
    [
        ({}, {"type": "AGREE"}),
        ({}, {"recipient": "IRNGOV"}),
        ({}, {"actor": "USAMIL"}),
        ({}, {"actor": None}),
        ({}, {"mode": "visit"}),
        ({}, {"aux_mode": "future"}),
        ({"date": "2024-01-25"}, {"date": "2024-01-26"}),
        ({"date": "2024-01-25", "inferred": True}, {"date": "2024-01-27", "inferred": True}),
        ({"date": "2024-01-25"}, {"date": "2024-02", "precision": "month"}),
        ({"date": None}, {"date": None}),
        ({"country": "IRQ"}, {"country": "SYR"}),
    ],
)
def test_does_not_merge(store, first, second):
    store.add(make_adoc("a1", [dict(USA_IRQ, **first)]))
    store.add(make_adoc("b1", [dict(USA_IRQ, verb="dialogó", **second)]))
    assert len(all_events(store)) == 2


def test_events_of_one_article_never_merge_with_each_other(store):
    store.add(make_adoc("a1", [USA_IRQ, dict(USA_IRQ, verb="dialogó")]))
    assert len(all_events(store)) == 2
    # a later article joins one of them, not both
    store.add(make_adoc("b1", [dict(USA_IRQ, verb="conversó")]))
    evs = all_events(store)
    assert len(evs) == 2 and sorted(e["n_sources"] for e in evs) == [1, 2]


def test_merged_event_takes_the_explicit_finer_date_and_a_place(store):
    store.add(make_adoc("a1", [dict(USA_IRQ, date="2024-01", precision="month")]))
    store.add(make_adoc("b1", [dict(USA_IRQ, verb="dialogó", date="2024-01-20", place="Bagdad",
                                    country="IRQ")]))
    ev = all_events(store)[0]
    assert (ev["date"], ev["date_precision"]) == ("2024-01-20", "day")
    assert ev["event_loc"]["name"] == "Bagdad"
    # an inferred date never replaces an explicit one
    store.add(make_adoc("c1", [dict(USA_IRQ, verb="habló", date="2024-01-21", inferred=True)]))
    ev = all_events(store)[0]
    assert ev["date"] == "2024-01-20" and ev["n_sources"] == 3


def test_merge_rule_functions():
    d = merge.DateBounds.of
    assert merge.dates_compatible(d("2024-01-25", "day", False), d("2024-01", "month", False))
    assert not merge.dates_compatible(d("2024-01-25", "day", False), d("2024-01-26", "day", False))
    assert merge.dates_compatible(d("2024-01-25", "day", True), d("2024-01-26", "day", False))
    assert not merge.dates_compatible(None, d("2024-01-26", "day", False))
    assert merge.date_interval("2024-02", "month")[1].isoformat() == "2024-02-29"
    assert merge.date_interval("garbage", "day") is None
    assert merge.places_compatible(None, "IRQ") and not merge.places_compatible("SYR", "IRQ")
    assert merge.better_date(("2024-01", "month", False), ("2024-01-02", "day", False))
    assert merge.better_date(("2024-01-02", "day", True), ("2024-01", "month", False))
    assert not merge.better_date(("2024-01-02", "day", False), ("2024-01-03", "day", True))


# -- filters ------------------------------------------------------------------------------
@pytest.fixture
def filled(store):
    store.add(make_adoc("a1", [
        dict(USA_IRQ, date="2024-01-25", place="Bagdad", country="IRQ"),
        {"type": "ACCUSE", "actor": "IRQGOV", "recipient": "USAMIL", "date": "2024-01-10"},
        {"type": "ASSAULT", "actor": "ISR", "recipient": "PSE", "date": "2023-10-07",
         "aux_mode": "historical"},
        {"type": "AGREE", "actor": "MEXGOV", "recipient": "USAGOV", "date": "2024-03",
         "precision": "month", "aux_mode": "future"},
    ], source="Reuters"))
    store.add(make_adoc("b1", [dict(USA_IRQ, date="2024-01-25", verb="dialogó",
                                    reported_by=["Al Jazeera"])], source="EFE"))
    return store


@pytest.mark.parametrize(
    "flt, expected",
    [
        (EventFilter(), {"CONSULT", "ACCUSE"}),
        (EventFilter(aux_modes=["historical"]), {"CONSULT", "ACCUSE", "ASSAULT"}),
        (EventFilter(include_all_aux=True), {"CONSULT", "ACCUSE", "ASSAULT", "AGREE"}),
        (EventFilter(actor="IRQ"), {"ACCUSE"}),
        (EventFilter(actor="usa"), {"CONSULT"}),
        (EventFilter(recipient="USA", include_all_aux=True), {"ACCUSE", "AGREE"}),
        (EventFilter(country="IRQ"), {"CONSULT", "ACCUSE"}),
        (EventFilter(country="PSE", include_all_aux=True), {"ASSAULT"}),
        (EventFilter(date_from="2024-01-20"), {"CONSULT"}),
        (EventFilter(date_to="2024-01-10"), {"ACCUSE"}),
        (EventFilter(date_from="2024-03", date_to="2024-03", include_all_aux=True), {"AGREE"}),
        (EventFilter(date_to="2024-01", include_all_aux=True), {"CONSULT", "ACCUSE", "ASSAULT"}),
        (EventFilter(types=["ACCUSE", "agree"], include_all_aux=True), {"ACCUSE", "AGREE"}),
        (EventFilter(place="BAGDAD"), {"CONSULT"}),
        (EventFilter(place="bagd"), set()),  # a whole name of the place, not a part of one
        (EventFilter(source="jazeera"), {"CONSULT"}),
        (EventFilter(source="reuters"), {"CONSULT", "ACCUSE"}),
        (EventFilter(text="MEXGOV", include_all_aux=True), {"AGREE"}),
        (EventFilter(text="100%"), set()),
        (EventFilter(min_sources=2), {"CONSULT"}),
        (EventFilter(article_id="b1"), {"CONSULT"}),
    ],
)
def test_filters(filled, flt, expected):
    got = filled.query_events(flt, limit=100)
    assert {e["event"] for e in got} == expected
    assert filled.count_events(flt) == len(got)


def test_sort_and_pages(filled):
    flt = EventFilter(include_all_aux=True)
    dates = [e["date"] for e in filled.query_events(flt, sort="-date")]
    assert dates == sorted(dates, reverse=True)
    assert filled.query_events(flt, sort="-n_sources")[0]["n_sources"] == 2
    page1 = filled.query_events(flt, limit=2, sort="date")
    page2 = filled.query_events(flt, limit=2, offset=2, sort="date")
    assert len({e["id"] for e in page1 + page2}) == 4
    with pytest.raises(ValueError):
        filled.query_events(flt, sort="text; DROP TABLE events")
    assert len(list(filled.iter_events(flt, batch_size=3))) == 4


def test_stats(filled):
    flt = EventFilter(include_all_aux=True)
    by_type = {r["key"]: r["count"] for r in filled.stats(flt, "type")}
    assert by_type == {"CONSULT": 1, "ACCUSE": 1, "ASSAULT": 1, "AGREE": 1}
    months = {r["key"]: r["count"] for r in filled.stats(flt, "month")}
    assert months == {"2023-10": 1, "2024-01": 2, "2024-03": 1}
    days = [r["key"] for r in filled.stats(flt, "day")]
    assert days == ["2023-10-07", "2024-01-10", "2024-01-25"]  # month-only dates left out
    weeks = {r["key"] for r in filled.stats(flt, "week")}
    assert weeks == {"2023-10-02", "2024-01-08", "2024-01-22"}  # Mondays
    pairs = filled.stats(flt, "pair")
    assert {"actor": "USAGOV", "recipient": "IRQGOV", "count": 1, "key": "USAGOV>IRQGOV"} in pairs
    assert {r["key"] for r in filled.stats(flt, "actor")} == {"USAGOV", "IRQGOV", "ISR", "MEXGOV"}
    assert {r["key"]: r["count"] for r in filled.stats(EventFilter(), "country")} == {
        "IRQ": 2}
    by_day_type = filled.stats(flt, "day_type")
    assert {"key": "2024-01-25", "type": "CONSULT", "count": 1} in by_day_type
    with pytest.raises(ValueError):
        filled.stats(flt, "nope")


# -- rejections ----------------------------------------------------------------------------
def test_rejections_are_recorded_once_per_input(store):
    rej = Rejection("bad.jsonl:3", "E006", "[E006] bad.jsonl:3: the line is not a valid JSON object")
    store.add_rejection(rej)
    store.add_rejection(rej)
    store.add_rejection(Rejection("x.txt", "E001", "[E001] x.txt: the document is empty"),
                        content_hash="abc")
    rows = store.rejections()
    assert len(rows) == 2
    by_origin = {r["origin"]: r for r in rows}
    assert by_origin["bad.jsonl:3"]["count"] == 2
    assert by_origin["x.txt"]["content_hash"] == "abc"


# -- transactions ---------------------------------------------------------------------------
def test_a_failure_mid_article_stores_nothing(store, monkeypatch):
    adoc = make_adoc("a1", [USA_IRQ, {"type": "AGREE", "actor": "IRQGOV"}])
    real = type(store)._add_event
    calls = []

    def failing(self, cur, article_id, adoc, e, record=None):
        calls.append(e.id)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(self, cur, article_id, adoc, e, record)

    monkeypatch.setattr(type(store), "_add_event", failing)
    with pytest.raises(RuntimeError):
        store.add(adoc)
    monkeypatch.undo()
    assert not store.has_article(adoc.article.content_hash)
    assert store.count_events(EventFilter(include_all_aux=True)) == 0
    assert store.add(adoc).status == "stored"
    assert store.count_events(EventFilter(include_all_aux=True)) == 2


# -- SQLite specifics -----------------------------------------------------------------------
def test_sqlite_file_wal_and_schema_version(tmp_path, monkeypatch):
    path = tmp_path / "deep" / "dir" / "c.db"
    monkeypatch.setenv("CRONICA_DB", str(path))
    with open_store() as s:
        assert isinstance(s, SQLiteStore)
        assert s.schema_version() == SCHEMA_VERSION
        s.add(make_adoc("a1", [USA_IRQ]))
    assert path.exists()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    con.close()
    with SQLiteStore(str(path)) as s:  # reopening does not migrate again
        assert s.migrate() == []
        assert s.schema_version() == SCHEMA_VERSION


def test_sqlite_reader_sees_committed_data_while_a_writer_holds_the_lock(tmp_path):
    path = str(tmp_path / "c.db")
    writer = SQLiteStore(path)
    reader = SQLiteStore(path)
    writer.add(make_adoc("a1", [USA_IRQ]))
    with writer._write() as cur:  # an ingest in the middle of an article
        cur.execute("INSERT INTO rejections (key, origin, code, reason, at) "
                    "VALUES ('k', 'o', 'E001', 'r', 'now')")
        assert reader.count_events(EventFilter()) == 1  # not blocked by the writer
        assert reader.rejections() == []  # and does not see uncommitted rows
    assert len(reader.rejections()) == 1
    writer.close()
    reader.close()


def test_sqlite_migrations_are_forward_and_idempotent(tmp_path, monkeypatch):
    from cronica.store import schema

    path = str(tmp_path / "c.db")
    SQLiteStore(path).close()
    nxt = schema.SCHEMA_VERSION + 1
    monkeypatch.setitem(schema.MIGRATIONS, nxt, ["ALTER TABLE events ADD COLUMN note TEXT"])
    with SQLiteStore(path) as s:
        assert s.schema_version() == nxt
        assert s.migrate() == []
        s.add(make_adoc("a1", [USA_IRQ]))


def test_substring_filters_follow_merges_and_ignore_case(store):
    store.add(make_adoc("a1", [dict(USA_IRQ, place="Ciudad de México", country="MEX")]))
    store.add(make_adoc("b1", [dict(USA_IRQ, verb="negoció", country="MEX",
                                    reported_by=["Al Jazeera"])], source="EFE"))
    assert len(all_events(store)) == 1
    # the second report's sentence, cited source and publisher are searchable after the merge
    assert store.count_events(EventFilter(text="NEGOCIÓ")) == 1
    assert store.count_events(EventFilter(source="al jaz")) == 1
    assert store.count_events(EventFilter(source="efe", place="ciudad de méxico")) == 1
    # the place filter takes a whole name (a short one goes by LIKE, not trigrams)
    assert store.count_events(EventFilter(place="de")) == 0
    assert store.count_events(EventFilter(place="méxico")) == 0
    assert store.count_events(EventFilter(place="Bogotá")) == 0
    assert store.count_events(EventFilter(text='"quoted"')) == 0


def test_capped_count(filled):
    flt = EventFilter(include_all_aux=True)
    assert filled.count_events(flt) == 4
    assert filled.count_events(flt, limit=2) == 2
    assert filled.count_events(flt, limit=10) == 4


def test_frequent_substrings_give_the_same_page_by_scan(filled, monkeypatch):
    flt = EventFilter(source="reuters", include_all_aux=True)
    expected = [e["id"] for e in filled.query_events(flt)]
    if isinstance(filled, SQLiteStore):
        monkeypatch.setattr(SQLiteStore, "FTS_DENSE", 1)  # every match counts as frequent
    assert [e["id"] for e in filled.query_events(flt)] == expected
    assert len(expected) == 4


def test_actor_and_recipient_prefixes_together(filled):
    flt = EventFilter(actor="USAGOV", recipient="IRQ")
    assert [e["event"] for e in filled.query_events(flt)] == ["CONSULT"]
    assert filled.count_events(EventFilter(actor="IRQ", recipient="USAMIL")) == 1
    assert filled.count_events(EventFilter(actor="USA", recipient="USA")) == 0


def test_country_pages_are_consistent(filled):
    flt = EventFilter(country="IRQ", include_all_aux=True)
    full = [e["id"] for e in filled.query_events(flt, sort="-date")]
    assert len(full) == 2
    pages = [e["id"] for off in (0, 1) for e in filled.query_events(flt, limit=1, offset=off,
                                                                     sort="-date")]
    assert pages == full
    assert [e["id"] for e in filled.query_events(flt, sort="date")] == full[::-1]
