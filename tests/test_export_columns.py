"""The flat export carries what an analyst reads beside the codes (issue 11)."""

from __future__ import annotations

import csv

import pytest
from store_helpers import make_adoc

from cronica.cli import main
from cronica.export import COLUMN_NAMES
from cronica.model import ActorMention, Quote, Span
from cronica.store.sqlite import SQLiteStore


def _doc():
    adoc = make_adoc("n1", [
        {"type": "AGREE", "actor": "COL", "actor_text": "Colombia", "recipient": "IMG",
         "recipient_text": "la milicia", "place": "Medellín", "country": "COL"},
        {"type": "ASSAULT", "actor": "ISRMIL", "actor_text": "Soldados", "date": "2024-11-05"},
    ], source="Diario Uno")
    adoc.article.url = "https://example.org/n1"
    adoc.article.title = "Un titular; con punto y coma"
    first = adoc.events[0]
    first.cameo = "057"
    first.actor.mention = "a1"
    adoc.actors.append(ActorMention(id="a1", span=Span("Colombia", 0, 8, 0), code="COL",
                                    country="COL", kind="country", name="Colombia"))
    first.event_loc.update(admin1="Antioquia", admin2="Medellín", feature="city")
    speaker = Span("el ministro", 0, 11, 0)
    adoc.quotes.append(Quote(id="q1", speaker=speaker, speaker_code="COLGOV", speaker_codes=[],
                             cue=speaker, content=speaker))
    first.quote = "q1"
    first.reported_by = ["Radio Dos", "Agencia Tres"]
    return adoc


@pytest.fixture
def rows(tmp_path, monkeypatch):
    import cronica.model as model

    real = model.event_extras

    def with_args(e, adoc):  # the argument fields of issue 10, as they will arrive
        extra = real(e, adoc)
        if e.event == "ASSAULT":
            extra.update(dead={"value": 7, "min": 7, "max": 7, "category": None, "text": "siete",
                               "start": 0, "end": 5}, plover_score=-10.0)
        return extra

    monkeypatch.setattr(model, "event_extras", with_args)
    db = str(tmp_path / "c.db")
    with SQLiteStore(db) as s:
        s.add(_doc())
    out = tmp_path / "e.csv"
    assert main(["export", "--db", db, "--format", "csv", "-o", str(out)]) == 0
    with out.open(encoding="utf-8") as fh:
        return {r["event"]: r for r in csv.DictReader(fh)}


def test_names_beside_codes_and_a_sector_for_every_coded_actor(rows):
    agree = rows["AGREE"]
    assert agree["actor_code"] == "COL" and agree["actor_name"] == "Colombia"
    assert agree["actor_sector"] == "GOV"  # a bare country code is the state
    assert agree["recipient_country"] == "" and agree["recipient_sector"] == "IMG"
    assert agree["recipient_label"] == "transnational armed group"
    assault = rows["ASSAULT"]
    assert (assault["actor_country"], assault["actor_sector"]) == ("ISR", "MIL")
    assert assault["actor_label"] == "Israel: military"


def test_articles_place_quote_and_chain(rows):
    agree = rows["AGREE"]
    assert agree["article_urls"] == "https://example.org/n1"
    assert agree["article_titles"] == "Un titular; con punto y coma"
    assert agree["publishers"] == "Diario Uno"
    assert agree["cameo"] == "057"
    assert (agree["event_loc_admin1"], agree["event_loc_admin2"]) == ("Antioquia", "Medellín")
    assert (agree["quote_speaker"], agree["quote_speaker_code"]) == ("el ministro", "COLGOV")
    assert agree["reported_by"] == "Radio Dos;Agencia Tres"
    assert float(agree["confidence"]) == pytest.approx(0.8)


def test_argument_counts_and_score_fill_when_present(rows):
    assert rows["ASSAULT"]["dead"] == "7" and float(rows["ASSAULT"]["plover_score"]) == -10.0
    assert rows["AGREE"]["dead"] == "" and rows["AGREE"]["plover_score"] == ""
    assert {"dead", "injured", "arrested", "size", "plover_score"} <= set(COLUMN_NAMES)


def test_parquet_has_the_same_columns(tmp_path):
    import pyarrow.parquet as pq

    db = str(tmp_path / "c.db")
    with SQLiteStore(db) as s:
        s.add(_doc())
    out = tmp_path / "e.parquet"
    assert main(["export", "--db", db, "--format", "parquet", "-o", str(out)]) == 0
    table = pq.read_table(out)
    assert table.column_names == COLUMN_NAMES
    assert "Colombia" in table.column("actor_name").to_pylist()


def test_export_summary_states_the_aux_default(tmp_path, capsys):
    db = str(tmp_path / "c.db")
    with SQLiteStore(db) as s:
        s.add(make_adoc("h1", [{"type": "AGREE", "actor": "COL"},
                               {"type": "AGREE", "actor": "PER", "aux_mode": "historical"}]))
    assert main(["export", "--db", db, "--format", "csv", "-o", str(tmp_path / "x.csv")]) == 0
    err = capsys.readouterr().err
    assert "exported 1 events" in err and "current events only" in err
    assert "1 historical, future, hypothetical or negated events left out" in err


def test_api_export_streams_the_filtered_events(tmp_path):
    import io
    import json

    import pyarrow.parquet as pq
    from fastapi.testclient import TestClient

    from cronica.api import create_app

    db = str(tmp_path / "c.db")
    with SQLiteStore(db) as s:
        s.add(_doc())
        s.add(make_adoc("p1", [{"type": "PROTEST", "actor": "PERCVL"},
                               {"type": "AGREE", "actor": "PER", "aux_mode": "future"}]))
        with TestClient(create_app(store=s)) as client:
            r = client.get("/api/export", params={"format": "csv", "type": "AGREE"})
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
            assert "attachment" in r.headers["content-disposition"]
            rows = list(csv.DictReader(io.StringIO(r.text)))
            assert [row["actor_code"] for row in rows] == ["COL"]  # the future AGREE is hidden
            r = client.get("/api/export", params={"format": "jsonl", "include": "all",
                                                   "country": "Perú"})
            assert sorted(json.loads(x)["event"] for x in r.text.splitlines()) == ["AGREE",
                                                                                   "PROTEST"]
            r = client.get("/api/export", params={"format": "parquet"})
            assert pq.read_table(io.BytesIO(r.content)).num_rows == 3
            assert client.get("/api/export", params={"format": "xml"}).status_code == 422
            assert client.get("/api/export", params={"from": "2024-13-01"}).status_code == 422
            labels = client.get("/api/labels", params={"code": "PERCVL", "lang": "es"}).json()
            assert labels["codes"]["PERCVL"] == "Perú: civiles"
