"""`cronica query`, `cronica export` and `cronica rejected` over a hand-filled store."""

from __future__ import annotations

import csv
import json

import pytest
from store_helpers import make_adoc

from cronica.cli import main
from cronica.errors import Rejection
from cronica.export import COLUMN_NAMES, export, flat_row
from cronica.store.base import EventFilter
from cronica.store.sqlite import SQLiteStore


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "c.db")
    with SQLiteStore(path) as s:
        s.add(make_adoc("a1", [
            {"type": "CONSULT", "actor": "USAGOV", "recipient": "IRQGOV", "date": "2024-01-25",
             "place": "Bagdad", "country": "IRQ", "lat": 33.34, "lon": 44.4,
             "context": ["military"]},
            {"type": "ACCUSE", "actor": "IRQGOV", "recipient": "USAMIL", "date": "2024-01-10"},
            {"type": "ASSAULT", "actor": "ISR", "recipient": "PSE", "date": "2023-10-07",
             "aux_mode": "historical"},
        ], source="Reuters"))
        s.add(make_adoc("b1", [{"type": "CONSULT", "actor": "USAGOV", "recipient": "IRQGOV",
                                "date": "2024-01-25", "verb": "dialogó"}], source="EFE"))
        s.add_rejection(Rejection("bad.jsonl:2", "E006",
                                  "[E006] bad.jsonl:2: the line is not a valid JSON object"))
    return path


def run_json(capsys, *argv):
    assert main(list(argv)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_query_default_is_current_events_as_jsonl(db, capsys):
    evs = run_json(capsys, "query", "--db", db)
    assert {e["event"] for e in evs} == {"CONSULT", "ACCUSE"}
    assert evs[0]["date"] == "2024-01-25"  # newest first
    consult = next(e for e in evs if e["event"] == "CONSULT")
    assert consult["n_sources"] == 2 and sorted(consult["article_ids"]) == ["a1", "b1"]


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["--actor", "IRQ"], {"ACCUSE"}),
        (["--recipient", "irq"], {"CONSULT"}),
        (["--type", "accuse,consult", "--type", "ASSAULT", "--include", "historical"],
         {"ACCUSE", "CONSULT", "ASSAULT"}),
        (["--include-all", "--country", "PSE"], {"ASSAULT"}),
        (["--from", "2024-01-20", "--to", "2024-01"], {"CONSULT"}),
        (["--min-sources", "2"], {"CONSULT"}),
        (["--place", "bagdad"], {"CONSULT"}),
        (["--source", "efe"], {"CONSULT"}),
        (["--text", "USAMIL"], {"ACCUSE"}),
        (["--article", "b1"], {"CONSULT"}),
    ],
)
def test_query_filters(db, capsys, argv, expected):
    assert {e["event"] for e in run_json(capsys, "query", "--db", db, *argv)} == expected


def test_query_formats(db, capsys):
    assert main(["query", "--db", db, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert main(["query", "--db", db, "--format", "table", "--include-all"]) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines[0].split()[:4] == ["date", "event", "actor", "recipient"]
    assert len(lines) == 2 + 3 and "USAGOV" in out.out and "(hist)" in out.out
    assert "3 of 3" in out.err
    assert main(["query", "--db", db, "--count", "--include-all"]) == 0
    assert capsys.readouterr().out.strip() == "3"


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--include", "sometimes"], "historical, future, hypothetical, negation"),
        (["--sort", "bogus"], "first_seen"),
        (["--type", "FOO"], "AGREE, CONSULT"),
        (["--from", "2024-13-01"], "YYYY-MM-DD"),
        (["--from", "garbage"], "YYYY-MM-DD"),
        (["--to", "2024-02-30"], "not a date"),
        (["--country", "Narnia"], "ISO 3166"),
        (["--country", "Colombiaa"], "COL"),  # a typo: the close match is named
        (["--limit", "-1"], "from 1 to"),
        (["--mode", "dance"], "demo"),
        (["--sector", "XYZ"], "GOV"),
        (["--min-confidence", "2"], "0 to 1"),
        (["--from", "2024-03-01", "--to", "2024-01-31"], "after it ends"),
    ],
)
def test_query_and_export_reject_bad_values_with_status_2(db, capsys, tmp_path, argv, says):
    assert main(["query", "--db", db, *argv]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    if "--limit" not in argv and "--sort" not in argv:
        out = tmp_path / "x.csv"
        assert main(["export", "--db", db, "--format", "csv", "-o", str(out), *argv]) == 2
        assert says in capsys.readouterr().err
        assert not out.exists()


@pytest.mark.parametrize("country", ["Colombia", "colombia", "COL", "CO"])
def test_country_names_and_codes_are_the_same_filter(country):
    from cronica.filters import resolve_country

    assert resolve_country(country) == "COL"


@pytest.mark.parametrize(("name", "iso3"), [("Irak", "IRQ"), ("Iraq", "IRQ"), ("EE.UU.", "USA"),
                                            ("estados unidos", "USA"), ("Líbano", "LBN"),
                                            ("libano", "LBN"), ("Lebanon", "LBN")])
def test_country_names_in_spanish_and_english(name, iso3):
    from cronica.filters import resolve_country

    assert resolve_country(name) == iso3


def test_the_api_uses_the_same_rules(db):
    from fastapi.testclient import TestClient

    from cronica.api import create_app
    from cronica.store.factory import open_store

    with open_store(db) as store, TestClient(create_app(store=store)) as client:
        r = client.get("/api/events", params={"from": "2024-13-01"})
        assert r.status_code == 422 and "YYYY-MM-DD" in r.json()["detail"]
        r = client.get("/api/events", params={"type": "FOO"})
        assert r.status_code == 422 and "AGREE, CONSULT" in r.json()["detail"]
        by_name = client.get("/api/events", params={"country": "Irak", "include": "all"}).json()
        by_code = client.get("/api/events", params={"country": "IRQ", "include": "all"}).json()
        assert by_name["total"] == by_code["total"]


def test_export_plover_jsonl_carries_mentions(db, tmp_path):
    out = tmp_path / "out" / "events.jsonl"
    assert main(["export", "--db", db, "--format", "plover-jsonl", "-o", str(out),
                 "--include-all"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 3
    consult = next(r for r in rows if r["event"] == "CONSULT")
    assert consult["n_sources"] == 2
    assert [m["article_id"] for m in consult["mentions"]] == ["a1", "b1"]
    assert consult["mentions"][1]["trigger"]["text"] == "dialogó"
    for key in ("id", "date", "event", "mode", "context", "aux_mode", "actor", "recipient",
                "event_loc", "event_text", "confidence", "language"):
        assert key in consult


def test_export_csv_has_one_column_per_documented_field(db, tmp_path):
    out = tmp_path / "events.csv"
    assert main(["export", "--db", db, "--format", "csv", "--output", str(out),
                 "--type", "CONSULT"]) == 0
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == COLUMN_NAMES
    (row,) = rows
    assert (row["event"], row["actor_code"], row["actor_country"], row["actor_sector"]) == (
        "CONSULT", "USAGOV", "USA", "GOV")
    assert row["context"] == "military" and row["event_loc_name"] == "Bagdad"
    assert row["n_sources"] == "2" and sorted(row["article_ids"].split(";")) == ["a1", "b1"]


def test_export_parquet_types_and_rows(db, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert main(["export", "--db", db, "--format", "parquet", "-o", str(out),
                 "--include-all"]) == 0
    table = pq.read_table(out)
    assert table.column_names == COLUMN_NAMES
    assert table.num_rows == 3
    assert str(table.schema.field("event_loc_lat").type) == "double"
    assert str(table.schema.field("n_sources").type) == "int64"
    rows = {r["event"]: r for r in table.to_pylist()}
    assert rows["CONSULT"]["event_loc_lat"] == pytest.approx(33.34)
    assert rows["ASSAULT"]["aux_mode"] == "historical"


def test_export_empty_selection_and_library_call(db, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "none.parquet"
    with SQLiteStore(db) as s:
        assert export(s, "parquet", str(out), EventFilter(actor="ZZZ")) == 0
        assert pq.read_table(out).column_names == COLUMN_NAMES
        with pytest.raises(ValueError):
            export(s, "xlsx", str(tmp_path / "x"))
        ev = s.query_events(EventFilter(), limit=1)[0]
    assert set(flat_row(ev)) == set(COLUMN_NAMES)
    assert not list(tmp_path.glob(".export-*"))  # no temporary files left behind


def test_rejected_lists_code_and_reason(db, capsys):
    rows = run_json(capsys, "rejected", "--db", db)
    assert rows == [{**rows[0], "origin": "bad.jsonl:2", "code": "E006"}]
    assert "not a valid JSON object" in rows[0]["reason"]
    assert main(["rejected", "--db", db, "--format", "table"]) == 0
    assert "E006  bad.jsonl:2" in capsys.readouterr().out
