"""`cronica extract`: inputs in, one result per good article out, rejections on stderr."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cronica.cli import build_parser
from cronica.pipeline import Pipeline

SEED = Path(__file__).parents[1] / "examples" / "seed" / "article.txt"
ES = "El gobierno de Bolivia anunció ayer que negociará con los sindicatos para poner fin a la huelga."
EN = "Bolivia's government said on Thursday that it would negotiate with the miners' unions."


@pytest.fixture(scope="module")
def pipe(nlp_es, nlp_en) -> Pipeline:
    # the command is under test here, not the stages: run spaCy and sentence splitting only
    return Pipeline(nlp={"es": nlp_es, "en": nlp_en}, stages={"es": [], "en": []})


def run_cli(argv: list[str], pipe: Pipeline, capsys) -> tuple[int, str, str]:
    args = build_parser().parse_args(["extract", *argv])
    status = args.func(args, pipeline=pipe)
    out, err = capsys.readouterr()
    return status, out, err


def test_seed_article_with_its_metadata(pipe, capsys) -> None:
    status, out, err = run_cli([str(SEED)], pipe, capsys)
    assert status == 0
    results = json.loads(out)
    assert len(results) == 1
    art = results[0]["article"]
    assert art["id"] == "seed-usa-irq-talks" and art["date"] == "2024-01-26" and art["lang"] == "es"
    assert art["title"].startswith("Estados Unidos e Irak")
    assert results[0]["sentences"]
    assert "1 processed, 0 rejected" in err


def test_mixed_batch_rejects_bad_inputs_and_goes_on(tmp_path: Path, pipe, capsys) -> None:
    (tmp_path / "a.txt").write_text(ES)
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary\x00")
    (tmp_path / "c.txt").write_text(
        "O governo do Brasil anunciou que as tropas vão deixar a região até o fim do ano."
    )
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "d1", "text": EN}) + "\n{broken\n")
    out_file = tmp_path / "out.jsonl"
    status, out, err = run_cli([str(tmp_path), "-o", str(out_file)], pipe, capsys)
    assert status == 1
    assert out == ""
    rows = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert [(r["article"]["id"], r["article"]["lang"]) for r in rows] == [("a", "es"), ("d1", "en")]
    assert "rejected: [E002] " in err and "b.txt: the document is binary" in err
    assert "rejected: [E007] " in err and "'pt'" in err
    assert "d.jsonl:2" in err and "[E006]" in err
    assert err.strip().splitlines()[-1].endswith("2 processed, 3 rejected")


def test_stdin_with_lang_and_date_defaults(pipe, capsys, monkeypatch) -> None:
    lines = (
        json.dumps({"id": "x", "text": ES})
        + "\n"
        + json.dumps({"id": "y", "text": ES, "date": "2020-05-01"})
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode("utf-8"))))
    status, out, _ = run_cli(
        ["--format", "jsonl", "--date", "2024-01-26", "--lang", "es"], pipe, capsys
    )
    assert status == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["article"]["date"] for r in rows] == ["2024-01-26", "2020-05-01"]  # metadata wins
    assert {r["article"]["lang"] for r in rows} == {"es"}


def test_empty_json_output_is_a_valid_list(tmp_path: Path, pipe, capsys) -> None:
    (tmp_path / "empty.txt").write_text("")
    status, out, err = run_cli([str(tmp_path / "empty.txt")], pipe, capsys)
    assert status == 1 and json.loads(out) == [] and "[E001]" in err


def test_bad_date_is_a_usage_error(pipe, capsys) -> None:
    status, _, err = run_cli([str(SEED), "--date", "ayer"], pipe, capsys)
    assert status == 2 and "--date" in err


def test_usage_error_exit_status() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cronica", "extract", "--batch-size", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and "--batch-size" in proc.stderr


def test_impossible_metadata_date_is_e011(tmp_path: Path, pipe, capsys) -> None:
    rec = {"id": "d", "text": ES, "lang": "es", "date": "2024-02-30T08:00:00Z"}
    (tmp_path / "d.jsonl").write_text(json.dumps(rec) + "\n")
    status, out, err = run_cli([str(tmp_path / "d.jsonl")], pipe, capsys)
    assert status == 1 and json.loads(out) == []
    assert "[E011]" in err and "d.jsonl:1" in err and "2024-02-30" in err


def test_output_beside_the_input_is_not_read_as_its_metadata(tmp_path: Path, pipe, capsys) -> None:
    page = tmp_path / "nota.html"
    page.write_text(
        '<html lang="es"><head><title>Huelga</title></head><body><article><p>'
        + ES + " " + ES + "</p></article></body></html>",
        encoding="utf-8",
    )
    out_file = tmp_path / "nota.json"  # the sidecar name of nota.html
    status, _, err = run_cli([str(page), "-o", str(out_file)], pipe, capsys)
    assert status == 0, err
    results = json.loads(out_file.read_text(encoding="utf-8"))
    assert [r["article"]["id"] for r in results] == ["nota"]
    assert results[0]["article"]["title"] == "Huelga"


def test_an_earlier_output_beside_the_input_does_not_reject_it(tmp_path: Path, pipe, capsys) -> None:
    text = tmp_path / "parte.txt"
    text.write_text(ES + " " + ES, encoding="utf-8")
    out_file = tmp_path / "parte.json"  # the sidecar name of parte.txt
    assert run_cli([str(text), "-o", str(out_file)], pipe, capsys)[0] == 0
    first = json.loads(out_file.read_text(encoding="utf-8"))
    status, out, err = run_cli([str(text)], pipe, capsys)  # the next run, output left there
    assert status == 0 and "E006" not in err, err
    assert [r["article"]["id"] for r in json.loads(out)] == [r["article"]["id"] for r in first]


def test_a_list_beside_the_input_that_is_no_output_is_still_malformed_metadata(
    tmp_path: Path, pipe, capsys
) -> None:
    text = tmp_path / "parte.txt"
    text.write_text(ES, encoding="utf-8")
    (tmp_path / "parte.json").write_text('[{"title": "x"}]', encoding="utf-8")
    status, _, err = run_cli([str(text)], pipe, capsys)
    assert status == 1 and "[E006]" in err and "must be an object" in err
