"""`cronica eval case`: binary scores of the CASE task, and what counts as positive."""

from __future__ import annotations

import json

from cronica.evaluate.case import binary_scores, evaluate, is_positive


def test_binary_scores_give_positive_f1_and_macro_f1():
    # 2 tp, 1 fp, 1 fn, 4 tn
    pairs = [(1, 1), (1, 1), (0, 1), (1, 0), (0, 0), (0, 0), (0, 0), (0, 0)]
    s = binary_scores(pairs)
    assert (s["tp"], s["fp"], s["fn"], s["tn"]) == (2, 1, 1, 4)
    assert s["precision"] == round(2 / 3, 4) and s["recall"] == round(2 / 3, 4)
    assert s["f1_negative"] == 0.8
    assert s["macro_f1"] == round((2 / 3 + 0.8) / 2, 4)


def test_only_contentious_events_that_happened_are_positive():
    assert is_positive([{"event": "PROTEST", "aux_mode": None}])
    assert is_positive([{"event": "ASSAULT", "aux_mode": "historical"}])
    assert not is_positive([{"event": "PROTEST", "aux_mode": "future"}])
    assert not is_positive([{"event": "ASSAULT", "aux_mode": "negation"}])
    assert not is_positive([{"event": "COERCE", "aux_mode": None}])
    assert not is_positive([])


def test_evaluate_scores_each_part_and_the_whole():
    records = [{"id": n, "label": n % 2} for n in range(40)]
    preds = [n % 2 for n in range(40)]
    out = evaluate(records, preds)
    assert set(out) == {"fit", "check", "all"}
    assert out["fit"]["n"] + out["check"]["n"] == 40
    assert out["all"]["macro_f1"] == 1.0
    assert set(evaluate(records, preds, "check")) == {"check"}


def test_command_on_a_tiny_directory(tmp_path, nlp_es, capsys):
    from cronica.cli import main

    rows = [
        {"id": 1, "sentence": "Miles de maestros marcharon ayer frente al Congreso.", "label": 1},
        {"id": 2, "sentence": "El libro tiene doscientas páginas.", "label": 0},
    ]
    (tmp_path / "sentences.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    assert main(["eval", "case", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["sentences"]["all"]["n"] == 2 and "documents" not in out
    assert "PROTEST" in out["positive_types"]
