"""Benchmark harness and synthetic corpus: the figures are computed from real runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cronica.bench import Corpus, eval_corpus, format_report, run_benchmark, synthetic_corpus
from cronica.cli import build_parser
from cronica.synth import main as synth_main
from cronica.synth import synthetic_articles


def test_synthetic_articles_are_deterministic_and_well_formed() -> None:
    a = list(synthetic_articles(20, seed=3))
    b = list(synthetic_articles(20, seed=3))
    assert a == b
    assert a != list(synthetic_articles(20, seed=4))
    assert {r["lang"] for r in a} == {"es", "en"}
    for r in a:
        assert r["id"].startswith(f"synth-{r['lang']}-") and len(r["date"]) == 10
        assert r["text"].startswith(r["title"]) and len(r["text"].split()) > 30
    assert {r["lang"] for r in synthetic_articles(10, langs=("en",))} == {"en"}
    with pytest.raises(ValueError):
        list(synthetic_articles(1, langs=("xx",)))


def test_synth_command_writes_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "c.jsonl"
    assert synth_main(["--n", "7", "--out", str(out), "--seed", "1"]) == 0
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 7 and rows == list(synthetic_articles(7, seed=1))


def test_eval_corpus_reads_events_and_brat_texts(tmp_path: Path) -> None:
    (tmp_path / "events_xx.jsonl").write_text(
        json.dumps(
            {
                "id": "s1",
                "lang": "en",
                "date": None,
                "text": "Police arrested two men.",
                "events": [],
            }
        )
        + "\n"
    )
    (tmp_path / "brat_es_afp").mkdir()
    (tmp_path / "brat_es_afp" / "A1.txt").write_text("LIMA, Ene 3\nEl gobierno negoció.\n")
    (tmp_path / "brat_es_afp" / "A1.ann").write_text("T1\tX 0 4\tLIMA\n")
    (tmp_path / "other.csv").write_text("a,b\n")
    corpus = eval_corpus(tmp_path)
    assert [(a.id, a.lang) for a in corpus.articles] == [("s1", "en"), ("A1", "es")]
    with pytest.raises(FileNotFoundError):
        eval_corpus(tmp_path / "missing")


@pytest.fixture
def no_stages(monkeypatch):
    # the harness is under test, not the stages (other tests cover those)
    monkeypatch.setattr("cronica.pipeline.default_stages", lambda lang, only=None: [])


def test_run_benchmark_in_process(nlp_es, nlp_en, no_stages) -> None:
    corpus = synthetic_corpus(3, seed=2)
    report = run_benchmark(corpus, processes=(1,), runs=2, warmup=1, in_process=True)
    c = report["corpus"]
    assert c["articles"] == 3 and c["words"] > 50 and c["sentences"] >= 3 * 4
    (r,) = report["results"]
    assert r["processes"] == 1 and len(r["full"]["runs"]) == 2
    assert r["full"]["seconds"] > 0 and r["bare"]["seconds"] > 0
    # the report rounds seconds to 1 ms: on a tiny corpus that alone moves a quotient by
    # more than 1%, so the tolerance carries the rounding
    full, bare = r["full"]["seconds"], r["bare"]["seconds"]
    ratio_tol = 0.0005 * (1 + r["ratio"]) / bare + 0.0005
    assert r["ratio"] == pytest.approx(full / bare, abs=ratio_tol)
    assert r["full"]["words_per_s"] == pytest.approx(c["words"] / full, rel=0.0005 / full + 0.01)
    assert r["peak_rss_mb"] > 50
    assert "other" in r["stage_seconds"] and r["full"]["cpu_seconds"] > 0 and r["cpu_ratio"] > 0
    assert "bare spaCy" in format_report(report)


def test_run_benchmark_two_worker_processes() -> None:
    # blank spaCy pipelines: this checks the process plumbing, not model speed
    corpus = synthetic_corpus(8, seed=5)
    report = run_benchmark(corpus, processes=(2,), runs=1, warmup=1, models="blank")
    (r,) = report["results"]
    assert r["processes"] == 2 and len(r["peak_rss_mb_per_process"]) == 2
    assert report["corpus"]["articles"] == 8 and r["blas_threads_per_process"] == 1


def test_run_benchmark_refuses_an_empty_corpus() -> None:
    with pytest.raises(ValueError):
        run_benchmark(Corpus("nothing", []))


def test_bench_command_json(tmp_path: Path, nlp_es, nlp_en, no_stages, capsys) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in synthetic_articles(4, seed=9)) + "{bad\n")
    args = build_parser().parse_args(
        ["bench", str(src), "--runs", "1", "--warmup", "1", "--in-process", "--json"]
    )
    assert args.func(args) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["corpus"]["articles"] == 4 and report["corpus"]["rejected_by_reader"] == 1
    assert "[E006]" in captured.err
    assert report["results"][0]["full"]["articles_per_s"] > 0
    assert report["corpus"]["processing_errors"] == 0
