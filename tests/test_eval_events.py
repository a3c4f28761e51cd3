"""Scoring of `cronica eval events`: pure functions on hand-made gold/prediction lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cronica.evaluate.events import (
    Ev,
    code_country,
    code_sector,
    match_events,
    parse_merge,
    predicted_events,
    score,
    split_codes,
)

FIXTURE = Path(__file__).parent / "fixtures" / "events_mini.jsonl"


def test_micro_scores_count_type_multisets_per_record():
    records = [
        ("r1", [Ev("PROTEST"), Ev("PROTEST")], [Ev("PROTEST")]),  # one missed
        ("r2", [Ev("ASSAULT")], [Ev("ASSAULT"), Ev("COERCE")]),  # one extra
        ("r3", [], [Ev("AGREE")]),  # false positive on an empty record
    ]
    res = score(records)
    assert (res["tp"], res["fp"], res["fn"]) == (2, 2, 1)
    assert res["precision"] == pytest.approx(0.5)
    assert res["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert res["f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), abs=1e-4)
    assert res["fp_rate_empty"] == 1.0
    assert res["per_type"]["PROTEST"]["fn"] == 1
    assert res["per_type"]["COERCE"]["fp"] == 1


def test_merge_counts_two_labels_as_one_class():
    records = [("r1", [Ev("MOBILIZE")], [Ev("PROTEST")])]
    assert score(records)["f1"] == 0.0
    merged = score(records, parse_merge("PROTEST,MOBILIZE"))
    assert merged["f1"] == 1.0
    assert "PROTEST" in merged["per_type"] and "MOBILIZE" not in merged["per_type"]


def test_confusion_pairs_unmatched_events_within_a_record():
    records = [("r1", [Ev("REQUEST"), Ev("ASSAULT")], [Ev("ACCUSE"), Ev("ASSAULT"), Ev("AGREE")])]
    conf = score(records)["confusion"]
    assert conf["ASSAULT"]["ASSAULT"] == 1
    assert conf["REQUEST"]["ACCUSE"] == 1
    assert conf["-"]["AGREE"] == 1


def test_actor_accuracy_compares_country_and_sector_separately():
    gold = [Ev("ASSAULT", ["COLREB"], ["---COP"])]
    pred = [Ev("ASSAULT", ["COLMIL"], ["COLCOP"])]
    actors = score([("r1", gold, pred)])["actors"]
    assert actors["actor_country"]["accuracy"] == 1.0
    assert actors["actor_sector"]["accuracy"] == 0.0
    assert actors["recipient_sector"]["accuracy"] == 1.0
    assert "recipient_country" not in actors  # '---' states no country: not scored


def test_matching_prefers_the_prediction_with_agreeing_actors():
    gold = [Ev("ASSAULT", ["USA"])]
    pred = [Ev("ASSAULT", ["IRN"]), Ev("ASSAULT", ["USAMIL"])]
    pairs, missed, extra = match_events(gold, pred, {})
    assert pairs[0][1].actor == ["USAMIL"] and not missed and extra[0].actor == ["IRN"]


def test_code_helpers():
    assert split_codes("HUNGOV; ROUGOV") == ["HUNGOV", "ROUGOV"]
    assert split_codes(None) == []
    assert code_country("---COP") is None and code_sector("---COP") == "COP"
    assert code_country("IGO") == "IGO" and code_sector("IGO") is None


def test_negated_predictions_are_not_counted_unless_asked():
    doc = {
        "events": [
            {
                "event": "ASSAULT",
                "aux_mode": "negation",
                "trigger": {"text": "atacaron"},
                "actor": None,
                "recipient": None,
            },
            {
                "event": "PROTEST",
                "aux_mode": "future",
                "trigger": {"text": "huelga"},
                "actor": {"code": "COLLAB", "codes": ["COLLAB"]},
                "recipient": None,
            },
        ]
    }
    evs = predicted_events(doc)
    assert [e.type for e in evs] == ["PROTEST"] and evs[0].actor == ["COLLAB"]
    assert len(predicted_events(doc, count_negated=True)) == 2


def test_command_smoke_run_on_fixture(nlp_es, capsys):
    from cronica.cli import main

    assert main(["eval", "events", str(FIXTURE), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["records"] == 3
    assert 0.0 <= out["f1"] <= 1.0
    # the fixture's three events are plain lexicon hits: the coder should find them
    assert out["tp"] >= 2
    assert main(["eval", "events", str(FIXTURE), "--errors", "2", "--limit", "2"]) == 0
    text = capsys.readouterr().out
    assert "micro" in text and "(2 records)" in text


def test_sector_only_codes_have_no_country():
    assert code_country("CVL") is None and code_sector("CVL") == "CVL"
    assert code_country("IMG") == "IMG"  # international groups stand in the country slot
    gold = [Ev("ASSAULT", ["COLUAF"], ["---CVL"])]
    pred = [Ev("ASSAULT", ["UAF"], ["CVL"])]
    actors = score([("r1", gold, pred)])["actors"]
    assert actors["recipient_sector"]["accuracy"] == 1.0
    assert actors["actor_country"]["accuracy"] == 0.0


def test_command_reports_fit_and_check_parts(nlp_es, capsys):
    from cronica.cli import main
    from cronica.evaluate.events import record_key
    from cronica.evaluate.split import part_of

    assert main(["eval", "events", str(FIXTURE), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    records = [json.loads(line) for line in FIXTURE.read_text().splitlines() if line.strip()]
    want = {p: sum(part_of(record_key(r)) == p for r in records) for p in ("fit", "check")}
    assert {p: out["parts"][p]["records"] for p in ("fit", "check")} == want
    assert main(["eval", "events", str(FIXTURE), "--json", "--part", "fit"]) == 0
    fit = json.loads(capsys.readouterr().out)
    assert fit["records"] == want["fit"] and "parts" not in fit


def test_split_key_prefers_the_document_id():
    from cronica.evaluate.events import record_key

    assert record_key({"id": "d1_3", "doc_id": "d1"}) == "d1"
    assert record_key({"id": "r7"}) == "r7"
