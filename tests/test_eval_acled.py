"""`cronica eval acled`: the mapping tables, the gold readers and the scoring of one note,
on hand-written rows and pipeline outputs (no gold text)."""

from __future__ import annotations

import json

import pytest

from cronica.evaluate.acled import (
    AcledRow,
    Tally,
    actor_country_name,
    inter_sectors,
    main_event,
    plover_for,
    predicted_dead,
    read_rows,
    score_row,
)

HEADER = ("event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,inter1,"
          "country,admin1,admin2,location,latitude,longitude,fatalities,notes\n")


def _row(**kw) -> AcledRow:
    base = dict(id="T1", notes="n", event_type="Battles", sub_event_type="Armed clash",
                date="2022-03-05", time_precision="1", actor1="Military Forces of Chile (2022-)",
                inter1="1", country="Chile", admin1="", admin2="", location="Temuco",
                lat=-38.74, lon=-72.6, fatalities=3)
    base.update(kw)
    return AcledRow(**base)


def _event(event="ASSAULT", start=0, **kw) -> dict:
    return {"event": event, "trigger": {"start": start}, "aux_mode": None, **kw}


def test_mapping_tables_cover_acled_types():
    assert plover_for("Protests", "Peaceful protest").event == "PROTEST"
    assert plover_for("Riots", "Violent demonstration").mode == "riot"
    assert plover_for("Strategic developments", "Arrests").event == "COERCE"
    assert plover_for("Battles", "Armed clash").accepts("ASSAULT")
    assert plover_for("No such", "type").event == ""
    sectors = inter_sectors()
    assert "COP" in sectors["1"] and "CVL" in sectors["6"] and "REB" in sectors["2"]


@pytest.mark.parametrize("actor,country", [
    ("Protesters (Chile)", "Chile"),
    ("Military Forces of Chile (2022-)", "Chile"),
    ("Police Forces of Chile (2022-) Prison Guards", "Chile"),
    ("Rioters (South Korea)", "South Korea"),
    ("Some Armed Group", None),
])
def test_actor_country_is_read_from_the_actor_name(actor, country):
    assert actor_country_name(actor) == country


def test_main_event_prefers_the_wanted_type_and_skips_negations():
    want = plover_for("Battles", "Armed clash")
    evs = [_event("ACCUSE", 0), _event("ASSAULT", 50, aux_mode="negation"), _event("ASSAULT", 90)]
    assert main_event(evs, want)["trigger"]["start"] == 90
    assert main_event([_event("ACCUSE", 3)], want)["event"] == "ACCUSE"
    assert main_event([], want) is None


def test_dead_comes_from_the_main_event_else_the_largest_in_the_note():
    main = _event(dead={"value": None, "min": 10, "max": 99})
    assert predicted_dead([main], main) == 99
    other = _event(dead={"value": 4})
    assert predicted_dead([_event(), other], _event()) == 4
    assert predicted_dead([], None) == 0


def test_score_row_fills_every_field():
    codes = {"Chile": "CHL"}
    ctx = {"country_code": codes.get, "inter": inter_sectors()}
    out = {"events": [_event(date="2022-03-05", date_precision="day", actor={"text": "x"},
                             actor_country="CHL", actor_sector="MIL", dead={"value": 3},
                             event_loc={"lat": -38.7, "lon": -72.6, "source": "clause"})],
           "places": [{"lat": -38.7, "lon": -72.6}]}
    t = Tally()
    score_row(_row(), out, t, ctx)
    rep = t.report()
    for name in ("type", "date", "place@25", "place_any@25", "fatalities", "fatal_exact",
                 "actor_country", "inter"):
        assert rep[name]["acc"] == 1.0, name
    t = Tally()
    score_row(_row(fatalities=5), {"events": [], "places": []}, t, ctx)
    rep = t.report()
    assert rep["fatalities"]["acc"] == 0.0
    assert rep["fatalities"]["errors"][0]["error"] == "missed"
    assert rep["date"]["errors"][0]["error"] == "no event"
    assert rep["type"]["errors"][0]["error"] == "ASSAULT -> no event"


def test_reader_and_empty_file(tmp_path, capsys):
    from cronica.cli import main

    path = tmp_path / "a.csv"
    path.write_text(HEADER + 'C1,2022-01-02,1,Protests,Peaceful protest,Protesters (Chile),6,'
                    'Chile,Araucania,Cautin,Temuco,-38.74,-72.6,0,"On 2 January 2022, a march."\n',
                    encoding="utf-8")
    rows = read_rows(path)
    assert rows[0].id == "C1" and rows[0].fatalities == 0 and rows[0].lat == -38.74
    empty = tmp_path / "none.csv"
    empty.write_text(HEADER, encoding="utf-8")
    assert main(["eval", "acled", str(empty)]) == 2
    assert "none.csv" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_runs_the_pipeline_on_a_note(tmp_path, capsys):
    from cronica.cli import main

    path = tmp_path / "a.csv"
    path.write_text(HEADER + 'C1,2022-01-02,1,Protests,Peaceful protest,Protesters (Chile),6,'
                    'Chile,Araucania,Cautin,Temuco,-38.74,-72.6,0,"On 2 January 2022, '
                    'hundreds of teachers protested in Temuco."\n', encoding="utf-8")
    assert main(["eval", "acled", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    part = next(iter(out["parts"].values()))
    assert part["type"]["n"] == 1 and part["date"]["n"] == 1
