"""Engines: the local and the Dask engine give identical results; partitions are atomic."""

from __future__ import annotations

import pytest

from cronica.engines.driver import failed_partition, partitions, run_partitions
from cronica.errors import Rejection
from cronica.model import Article, ArticleDoc

TEXTS = [
    ("a1", "es", "2024-03-05", "El gobierno de Colombia acusó el lunes a la guerrilla del ELN de atacar una base militar."),
    ("a2", "es", "2024-03-06", "Miles de estudiantes protestaron ayer en Bogotá contra la reforma educativa."),
    ("a3", "en", "2024-03-07", "Russian forces attacked the Ukrainian city of Kharkiv on Tuesday, officials said."),
    ("a4", "es", None, ""),  # empty: rejected, the run goes on
    ("a5", "en", "2024-03-08", "The United Nations called on both sides to agree to a ceasefire."),
]


def _articles() -> list[Article]:
    return [Article(id=i, text=t, lang=lang, date=d, origin=f"test:{i}") for i, lang, d, t in TEXTS]


def _summary(results) -> list[tuple]:
    out = []
    for part in results:
        for res in part.results:
            if isinstance(res, Rejection):
                out.append((res.doc_id, "rejected", res.code))
            else:
                events = res.to_dict()["events"]
                out.append((res.article.id, tuple(
                    (e["event"], (e["actor"] or {}).get("code"), (e["recipient"] or {}).get("code"),
                     e["date"], e["trigger"]["start"]) for e in events)))
    return out


def test_partitions_cover_the_input_in_order():
    parts = list(partitions(range(7), 3))
    assert [p for p, _ in parts] == [0, 1, 2]
    assert [x for _, chunk in parts for x in chunk] == list(range(7))


def test_failed_partition_sets_every_document_aside():
    chunk = _articles()[:2] + [Rejection("x", "E001", "empty")]
    res = failed_partition(4, chunk, RuntimeError("worker died"))
    assert res.partition == 4
    assert [r.code for r in res.results] == ["E010", "E010", "E001"]
    assert "worker died" in res.results[0].reason and "test:a1" in res.results[0].reason


@pytest.mark.slow
def test_local_engine_writes_atomic_parquet_partitions(tmp_path):
    import pyarrow.parquet as pq

    results = list(run_partitions(_articles(), engine="local", workers=1, partition_size=2,
                                  out_dir=str(tmp_path)))
    assert [r.partition for r in results] == [0, 1, 2]
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["events-000000.parquet", "events-000001.parquet", "events-000002.parquet"]
    n_events = sum(len(r.to_dict()["events"]) for p in results for r in p.results
                   if isinstance(r, ArticleDoc))
    assert sum(pq.read_table(tmp_path / f).num_rows for f in files) == n_events
    assert any(isinstance(r, Rejection) and r.code == "E001" for p in results for r in p.results)


@pytest.mark.slow
@pytest.mark.dask
def test_dask_engine_matches_local_engine(tmp_path):
    local = _summary(run_partitions(_articles(), engine="local", workers=1, partition_size=2))
    dask = _summary(run_partitions(_articles(), engine="dask", workers=2, partition_size=2,
                                   out_dir=str(tmp_path / "dask")))
    assert dask == local
    assert len(local) == len(TEXTS)
    assert len(list((tmp_path / "dask").glob("events-*.parquet"))) == 3
