"""`cronica eval geo`: readers, scoring and a smoke run on tiny hand-written files."""

from __future__ import annotations

import json

import pytest

from cronica.evaluate.geo import (
    GoldPlace,
    errors_km,
    evaluate_file,
    read_acled_csv,
    read_geo_xml,
    resolve_place,
    score,
)
from cronica.stages.place.gazetteer import Gazetteer

GEOVIRUS_LIKE = """<articles>
  <article>
    <source>http://example.org/a1</source>
    <text>Flooding hit Springfield and the state capital on Monday.</text>
    <locations>
      <location><name>Springfield</name><start>13</start><end>24</end>
        <lat>39.8</lat><lon>-89.6</lon><page>x</page></location>
      <location><name>Illinois</name><start>0</start><end>0</end>
        <lat>40.0</lat><lon>-89.0</lon><page>x</page></location>
    </locations>
  </article>
  <article>
    <source>http://example.org/a2</source>
    <text>Nothing found in Atlantis.</text>
    <locations>
      <location><name>Atlantis</name><start>17</start><end>25</end>
        <lat>0</lat><lon>0</lon><page>x</page></location>
    </locations>
  </article>
</articles>
"""

GWN_LIKE = """<?xml version="1.0" ?>
<articles>
  <article file="0">
    <title>t</title><link>l</link>
    <text>Rain in Springfield, Missouri.</text>
    <toponyms>
      <toponym><extractedName>Springfield</extractedName><normalisedName>Springfield</normalisedName>
        <type>Literal</type><modifierType></modifierType><nonLocational>No</nonLocational>
        <start>8</start><end>19</end><geonamesID>4409896</geonamesID>
        <latitude>37.2</latitude><longitude>-93.3</longitude></toponym>
      <toponym><extractedName>Missouri</extractedName><normalisedName>Missouri</normalisedName>
        <type>Literal</type><modifierType></modifierType><nonLocational>No</nonLocational>
        <start>21</start><end>29</end><geonamesID>4398678</geonamesID>
        <latitude>38.5</latitude><longitude>-92.5</longitude></toponym>
      <toponym><extractedName>rain</extractedName><normalisedName></normalisedName>
        <type>Literal_Expression</type><modifierType></modifierType>
        <nonLocational>No</nonLocational><start>0</start><end>4</end></toponym>
      <toponym><extractedName>Main Street</extractedName><normalisedName></normalisedName>
        <type>Literal</type><modifierType></modifierType><nonLocational>No</nonLocational>
        <start>0</start><end>4</end><geonamesID></geonamesID>
        <latitude>37.0</latitude><longitude>-93.0</longitude></toponym>
    </toponyms>
  </article>
</articles>
"""

ACLED_LIKE = """event_id_cnty,event_date,country,admin1,admin2,location,latitude,longitude,\
geo_precision,notes
X1,2022-01-01,United States,Illinois,Sangamon,Springfield,39.8,-89.6,1,"a note, with a comma"
X2,2022-01-02,United States,Missouri,Greene,Springfield,37.2,-93.3,1,note
X3,2022-01-03,United States,Missouri,Greene,Springfield - Downtown,37.21,-93.29,1,note
X4,2022-01-04,United States,Missouri,Greene,Nowhere,37.2,-93.3,2,note
"""


@pytest.fixture(scope="module")
def tiny() -> Gazetteer:
    return Gazetteer.from_records([
        {"name": "United States", "country": "US", "iso3": "USA", "lat": 39.8, "lon": -98.5,
         "feature": "country", "population": 330_000_000},
        {"name": "Springfield", "country": "US", "lat": 39.8, "lon": -89.6,
         "population": 110_000, "admin1": "Illinois"},
        {"name": "Springfield", "country": "US", "lat": 37.2, "lon": -93.3,
         "population": 170_000, "admin1": "Missouri"},
        {"name": "Illinois", "country": "US", "lat": 40.0, "lon": -89.0, "feature": "admin1",
         "population": 12_000_000},
        {"name": "Missouri", "country": "US", "lat": 38.5, "lon": -92.5, "feature": "admin1",
         "population": 6_000_000},
        {"name": "Greene", "country": "US", "lat": 37.25, "lon": -93.35, "feature": "admin2",
         "population": 300_000},
    ])


def test_score_counts_unresolved_as_wrong():
    s = score([0.0, 10.0, 100.0, 500.0, None], thresholds=(25, 161))
    assert s["n"] == 5 and s["found"] == 4 and s["coverage"] == 0.8
    assert s["acc@25"] == 0.4
    assert s["acc@161"] == 0.6
    assert s["median_km"] == 55.0


def test_score_of_nothing_is_zero_not_an_error():
    s = score([], thresholds=(161,))
    assert s["n"] == 0 and s["acc@161"] == 0.0 and s["median_km"] is None
    assert score([None, None])["acc@25"] == 0.0


def test_errors_km_pairs_gold_and_prediction():
    errs = errors_km([(0.0, 0.0), (10.0, 10.0)], [(0.0, 1.0), None])
    assert errs[0] == pytest.approx(111.2, abs=0.2)
    assert errs[1] is None
    with pytest.raises(ValueError):
        errors_km([(0.0, 0.0)], [])


def test_readers_keep_only_scorable_toponyms(tmp_path):
    gv = tmp_path / "gv.xml"
    gv.write_text(GEOVIRUS_LIKE, encoding="utf-8")
    gwn = tmp_path / "gwn.xml"
    gwn.write_text(GWN_LIKE, encoding="utf-8")
    arts = read_geo_xml(gv)
    assert [len(a.toponyms) for a in arts] == [2, 1]
    assert arts[0].toponyms[0].name == "Springfield" and arts[0].toponyms[0].start == 13
    arts = read_geo_xml(gwn)
    # 'rain' has no coordinates and 'Main Street' no GeoNames id: neither is scored
    assert [t.name for t in arts[0].toponyms] == ["Springfield", "Missouri"]
    assert arts[0].toponyms[0].lat == 37.2


def test_geoparsing_uses_the_other_toponyms_as_context(tmp_path, tiny):
    gwn = tmp_path / "gwn.xml"
    gwn.write_text(GWN_LIKE, encoding="utf-8")
    res = evaluate_file(gwn, gaz=tiny)
    # without context the bigger Springfield (Missouri) wins anyway; with 'Missouri' too
    assert res["acc@161"] == 1.0 and res["coverage"] == 1.0
    gv = tmp_path / "gv.xml"
    gv.write_text(GEOVIRUS_LIKE, encoding="utf-8")
    res = evaluate_file(gv, gaz=tiny)
    # Springfield is read in Illinois because the article names Illinois; Atlantis is unknown
    assert res["n"] == 3 and res["found"] == 2
    assert res["acc@161"] == pytest.approx(2 / 3, abs=1e-3)
    assert ("Atlantis", 1) in res["worst"]["not_found"]


def test_acled_rows_resolve_within_country_with_admin_areas(tmp_path, tiny):
    path = tmp_path / "acled.csv"
    path.write_text(ACLED_LIKE, encoding="utf-8")
    rows = read_acled_csv(path)
    assert [r.name for r in rows][:2] == ["Springfield", "Springfield"]
    assert resolve_place(tiny, rows[0]).lat == pytest.approx(39.8)  # Illinois' one
    assert resolve_place(tiny, rows[1]).lat == pytest.approx(37.2)
    assert resolve_place(tiny, rows[2]).lat == pytest.approx(37.2)  # 'City - District'
    assert resolve_place(tiny, rows[3]).name == "Greene"  # falls back on admin2
    res = evaluate_file(path, gaz=tiny)
    assert res["kind"] == "places" and res["n"] == 4
    assert res["acc@25"] == 1.0 and res["acc@161"] == 1.0
    assert evaluate_file(path, gaz=tiny, limit=2)["n"] == 2


def test_unknown_country_is_not_guessed(tiny):
    row = GoldPlace("Y", "Springfield", "Freedonia", "", "", 0.0, 0.0)
    # the country is unknown: the name is resolved without the filter
    assert resolve_place(tiny, row) is not None


@pytest.mark.slow
def test_cli_smoke_on_tiny_files(tmp_path, capsys):
    from cronica.cli import main

    xml = tmp_path / "gv.xml"
    xml.write_text(GEOVIRUS_LIKE.replace("Springfield", "Baghdad"), encoding="utf-8")
    assert main(["eval", "geo", str(xml), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kind"] == "geoparsing" and out["n"] == 3
    csv_path = tmp_path / "a.csv"
    csv_path.write_text(ACLED_LIKE, encoding="utf-8")
    assert main(["eval", "geo", str(csv_path)]) == 0
    assert "acc@25" in capsys.readouterr().out
    assert main(["eval", "geo", str(tmp_path / "missing.csv")]) == 2


def test_stage_points_take_the_mention_over_each_gold_span():
    from cronica.evaluate.geo import GoldArticle, GoldToponym, stage_points
    from cronica.model import PlaceMention, Span

    art = GoldArticle("a", "Rain in Paris and Lyon.", [
        GoldToponym("Paris", 48.85, 2.35, 8, 13), GoldToponym("Lyon", 45.76, 4.84, 18, 22),
        GoldToponym("Nowhere", 0.0, 0.0, None, None)])
    places = [PlaceMention(Span("Paris", 8, 13, 0), "Paris", "FRA", 48.85, 2.35),
              PlaceMention(Span("Lyon", 18, 22, 0), "Lyon", "FRA", None, None)]
    assert stage_points(art, places) == [(48.85, 2.35), None, None]


@pytest.mark.slow
def test_stage_option_runs_the_place_stage(tmp_path, nlp_en):
    xml = tmp_path / "gv.xml"
    xml.write_text(GEOVIRUS_LIKE.replace("Springfield", "Baghdad    "), encoding="utf-8")
    res = evaluate_file(xml, stage_lang="en")
    assert res["n"] == 3 and 0 <= res["stage_found"] <= 3
    assert res["found"] >= 2  # Baghdad and Illinois, by the stage or the gazetteer


def test_scores_are_broken_down_by_category(tmp_path, tiny):
    from cronica.evaluate.geo import by_category

    cats = by_category(["a", "b", "a"], [1.0, None, 500.0], (25,))
    assert cats["a"]["n"] == 2 and cats["a"]["acc@25"] == 0.5
    assert cats["b"]["coverage"] == 0.0
    gwn = tmp_path / "gwn.xml"
    gwn.write_text(GWN_LIKE, encoding="utf-8")
    assert set(evaluate_file(gwn, gaz=tiny)["by_type"]) == {"Literal"}
    path = tmp_path / "acled.csv"
    path.write_text(ACLED_LIKE, encoding="utf-8")
    by = evaluate_file(path, gaz=tiny)["by_type"]
    assert by["precision 1"]["n"] == 3 and by["precision 2"]["n"] == 1


def test_back_off_skips_generic_words():
    from cronica.evaluate.geo import generic_words, name_parts

    generic = generic_words()
    assert {"west", "bank", "university"} <= generic
    assert name_parts("West Wales", generic) == ["West Wales", "Wales"]
    assert name_parts("Bank of Japan", generic) == ["Bank of Japan", "Japan"]
    assert name_parts("West Wales") == ["West Wales", "West", "Wales"]  # no list: all runs


def test_geoparsing_backs_off_past_a_direction(tiny):
    from cronica.evaluate.geo import GoldArticle, GoldToponym, resolve_article

    gaz = Gazetteer.from_records([
        {"name": "West", "country": "CM", "iso3": "CMR", "lat": 5.5, "lon": 10.5,
         "feature": "admin1", "population": 2_000_000},
        {"name": "Ruritania", "country": "RU", "iso3": "RUT", "lat": 50.0, "lon": 10.0,
         "feature": "country", "population": 1_000_000},
    ])
    art = GoldArticle("a", "Storms in West Ruritania.",
                      [GoldToponym("West Ruritania", 50.0, 9.0, 10, 24)])
    assert resolve_article(gaz, art)[0].name == "Ruritania"


LGL_LIKE = """<?xml version="1.0" ?>
<articles>
  <article docid="7">
    <feedid>1</feedid><title>t</title><domain>d</domain>
    <text>Storm near Springfield today.</text>
    <toponyms>
      <toponym><start>11</start><end>22</end>
        <gaztag geonameid="4409896"><name>Springfield</name><fclass>P</fclass>
          <lat>37.2</lat><lon>-93.3</lon></gaztag>
        <phrase>Springfield</phrase></toponym>
      <toponym><start>0</start><end>5</end><phrase>Storm</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_reader_takes_the_phrase_and_gaztag_layout(tmp_path, tiny):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_LIKE, encoding="utf-8")
    arts = read_geo_xml(path)
    # the toponym without a gaztag has no gold point and is not scored
    assert [(t.name, t.lat, t.start) for t in arts[0].toponyms] == [("Springfield", 37.2, 11)]
    assert evaluate_file(path, gaz=tiny)["acc@161"] == 1.0


def test_a_file_with_no_gold_toponym_fails_and_names_the_file(tmp_path, capsys):
    from cronica.cli import main

    path = tmp_path / "empty.xml"
    path.write_text("<articles><article><text>x</text><toponyms/></article></articles>",
                    encoding="utf-8")
    assert main(["eval", "geo", str(path)]) == 2
    assert "empty.xml" in capsys.readouterr().err
