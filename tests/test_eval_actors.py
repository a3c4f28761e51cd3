"""`cronica eval actors`: gold code splitting and scoring on a tiny invented JSONL file."""

from __future__ import annotations

import json

from cronica.cli import main
from cronica.evaluate.actors import gold_actors, occurrences, split_code

RECORDS = [
    {
        "id": "r1", "lang": "es",
        "text": "El ejército peruano atacó a los rebeldes cerca de la frontera.",
        "events": [{"event": "ASSAULT", "source_text": "El ejército peruano",
                    "source_code": "PERMIL", "target_text": "los rebeldes",
                    "target_code": "---REB"}],
    },
    {
        "id": "r2", "lang": "es",
        "text": "Diplomáticos franceses y alemanes criticaron a la OTAN.",
        "events": [{"event": "ACCUSE", "source_text": "franceses; alemanes",
                    "source_code": "FRAGOV; DEUGOV", "target_text": "la OTAN",
                    "target_code": "IGO"},
                   {"event": "ACCUSE", "source_text": "la mesa azul", "source_code": "CVL",
                    "target_text": None, "target_code": None}],
    },
]


def test_split_code_conventions():
    assert split_code("COLREB") == ("COL", ["REB"])
    assert split_code("---COP") == ("", ["COP"])
    assert split_code("~REB") == ("", ["REB"])
    assert split_code("IGO") == ("IGO", [])
    assert split_code("IGOMED") == ("IGO", ["JRN"])  # CAMEO MED is PLOVER JRN
    assert split_code("NGAREFafa") == ("NGA", ["REF"])


def test_gold_actors_and_occurrences():
    assert gold_actors(RECORDS[1])[:2] == [("FRAGOV", "franceses"), ("DEUGOV", "alemanes")]
    assert occurrences("La OTAN y la otan", "OTAN") == [3, 13]


def test_eval_actors_command(tmp_path, capsys, nlp_es):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS), "utf-8")
    assert main(["eval", "actors", str(path), "--json", "--show"]) == 0
    result = json.loads(capsys.readouterr().out)
    # 5 gold actors occur in the texts ('la mesa azul' does not): every one coded right,
    # the German diplomats through the second code of the coordinated mention
    assert result["n"] == 5
    assert result["exact"] == 1.0, result["misses"]
    assert main(["eval", "actors", str(tmp_path / "missing.jsonl")]) == 2
