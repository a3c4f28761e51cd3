"""`cronica eval ner`: CoNLL reading, BIO spans, exact-span scoring, a smoke run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cronica.cli import build_parser
from cronica.evaluate.ner import bio_spans, map_label, read_conll, score_spans, sentence_errors

# written for these tests: token, POS, tag (the CoNLL-2002 Spanish layout)
CONLL = """-DOCSTART- -X- O

El DA O
presidente NC O
Evo NP B-PER
Morales NP I-PER
viajó VMI O
a SP O
La NP B-LOC
Paz NP I-LOC
. Fp O

La DA O
ONU NP B-ORG
criticó VMI O
al SP O
Gobierno NC B-ORG
de SP I-ORG
Bolivia NP I-ORG
. Fp O
"""


def test_read_conll_skips_docstart_and_splits_sentences() -> None:
    sents = read_conll(CONLL.splitlines())
    assert len(sents) == 2
    assert sents[0].words[2:4] == ["Evo", "Morales"] and sents[0].tags[2] == "B-PER"


def test_read_conll_rejects_a_line_without_tag() -> None:
    with pytest.raises(ValueError, match="line 2"):
        read_conll(["Evo B-PER", "Morales"])


def test_bio_spans() -> None:
    assert bio_spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "LOC"),
        (5, 6, "ORG"),
    ]
    assert bio_spans(["O", "I-MISC", "I-MISC"]) == [(1, 3, "MISC")]
    assert bio_spans([]) == []


def test_score_spans_exact_typed_and_span_only() -> None:
    gold = [[(2, 4, "PER"), (6, 8, "LOC")], [(1, 2, "ORG"), (4, 7, "ORG")]]
    pred = [[(2, 4, "PER"), (6, 8, "ORG")], [(1, 2, "ORG"), (4, 6, "ORG"), (0, 1, "MISC")]]
    s = score_spans(gold, pred)
    assert s["micro"]["correct"] == 2 and s["micro"]["gold"] == 4 and s["micro"]["predicted"] == 5
    assert s["micro"]["precision"] == pytest.approx(0.4) and s["micro"]["recall"] == pytest.approx(
        0.5
    )
    assert s["per_type"]["PER"]["f1"] == 1.0
    assert s["per_type"]["LOC"] == {**s["per_type"]["LOC"], "correct": 0, "gold": 1, "predicted": 0}
    assert s["per_type"]["ORG"]["correct"] == 1 and s["per_type"]["ORG"]["extra"] == 2
    assert s["span_only"]["correct"] == 3  # LOC predicted as ORG still has the right boundaries
    assert s["confusion"]["LOC"] == {"ORG": 1}


def test_score_spans_needs_aligned_sentences() -> None:
    with pytest.raises(ValueError):
        score_spans([[]], [])


def test_label_mapping() -> None:
    assert [map_label(x) for x in ("PER", "PERSON", "GPE", "NORP", "DATE")] == [
        "PER",
        "PER",
        "LOC",
        "MISC",
        None,
    ]


def test_command_smoke(tmp_path: Path, nlp_es, capsys) -> None:
    f = tmp_path / "tiny.conll"
    f.write_text(CONLL, encoding="utf-8")
    args = build_parser().parse_args(["eval", "ner", str(f), "--json"])
    assert args.func(args, nlp=nlp_es) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["sentences"] == 2 and out["tokens"] == 17
    assert out["micro"]["gold"] == 4 and 0.0 <= out["f1"] <= 1.0
    assert set(out["per_type"]) >= {"PER", "ORG", "LOC", "MISC"}


def test_command_missing_file(tmp_path: Path, capsys) -> None:
    args = build_parser().parse_args(["eval", "ner", str(tmp_path / "nope.conll")])
    assert args.func(args) == 2
    assert "nope.conll" in capsys.readouterr().err


def test_sentence_errors_lists_missing_and_extra() -> None:
    sents = read_conll(CONLL.splitlines())
    gold = [bio_spans(s.tags) for s in sents]
    pred = [gold[0], [(1, 2, "ORG"), (4, 5, "LOC")]]
    (row,) = sentence_errors(sents, gold, pred, 5)
    assert row["sentence"] == 1
    assert row["missing"] == ["Gobierno de Bolivia/ORG"] and row["extra"] == ["Gobierno/LOC"]
