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


# -- failures and retries: no models load (empty texts are rejected before the parse) -------
class FailOnce:
    """A batch function that fails the first attempt at ``partition`` (a marker file in a
    shared folder remembers it across worker processes), then runs the real batch.

    ``how`` is "raise" (the task raises) or "exit" (the worker process dies, as on OOM)."""

    def __init__(self, marker_dir: str, partition: int, how: str = "raise",
                 always: bool = False) -> None:
        self.marker_dir, self.partition, self.how, self.always = marker_dir, partition, how, always

    def __call__(self, partition: int, items: list, out_dir: str | None = None):
        import os
        from pathlib import Path

        from cronica.engines.batch import process_batch

        if partition == self.partition:
            attempt = Path(self.marker_dir) / f"attempt-{partition}-{os.getpid()}-{os.urandom(4).hex()}"
            first = not any(Path(self.marker_dir).glob(f"attempt-{partition}-*"))
            attempt.touch()
            if first or self.always:
                if self.how == "exit":
                    os._exit(13)
                raise RuntimeError(f"injected failure in partition {partition}")
        return process_batch(partition, items, out_dir)


def _empty_articles(n: int) -> list[Article]:
    return [Article(id=f"e{i}", text="", lang="es", origin=f"test:e{i}") for i in range(n)]


def _codes(results) -> list[tuple[int, str]]:
    return [(p.partition, r.code) for p in results for r in p.results]


@pytest.fixture
def by_value():
    """Ship this module's FailOnce to Dask workers by value (they cannot import tests/)."""
    import sys

    import cloudpickle

    mod = sys.modules[__name__]
    cloudpickle.register_pickle_by_value(mod)
    yield
    cloudpickle.unregister_pickle_by_value(mod)


def test_local_engine_retries_a_failed_partition(tmp_path):
    flaky = FailOnce(str(tmp_path), partition=1)
    results = list(run_partitions(_empty_articles(6), engine="local", workers=1, partition_size=2,
                                  retries=1, batch_fn=flaky))
    assert _codes(results) == [(0, "E001"), (0, "E001"), (1, "E001"), (1, "E001"),
                               (2, "E001"), (2, "E001")]
    assert len(list(tmp_path.glob("attempt-1-*"))) == 2  # failed once, then succeeded

    always = FailOnce(str(tmp_path / "b"), partition=1, always=True)
    (tmp_path / "b").mkdir()
    results = list(run_partitions(_empty_articles(6), engine="local", workers=1, partition_size=2,
                                  retries=2, batch_fn=always))
    assert [c for p, c in _codes(results) if p == 1] == ["E010", "E010"]
    assert [c for p, c in _codes(results) if p != 1] == ["E001"] * 4
    assert len(list((tmp_path / "b").glob("attempt-1-*"))) == 3  # 1 try + 2 retries


@pytest.mark.dask
def test_dask_engine_retries_a_failed_task(tmp_path, by_value):
    from cronica.engines.driver import open_engine

    with open_engine("dask", workers=2, retries=1) as eng:
        flaky = FailOnce(str(tmp_path), partition=1)
        results = list(run_partitions(_empty_articles(6), engine=eng, partition_size=2,
                                      out_dir=str(tmp_path / "out"), batch_fn=flaky))
        assert [p.partition for p in results] == [0, 1, 2]
        assert _codes(results) == [(p, "E001") for p in (0, 0, 1, 1, 2, 2)]
        assert len(list(tmp_path.glob("attempt-1-*"))) == 2  # the retry did the work
        assert len(list((tmp_path / "out").glob("events-*.parquet"))) == 3
        assert not list((tmp_path / "out").glob(".events-*"))  # no temporary file left

        # without retries the same failure sets the partition's documents aside (E010)
        eng.retries = 0
        (tmp_path / "b").mkdir()
        flaky = FailOnce(str(tmp_path / "b"), partition=1)
        results = list(run_partitions(_empty_articles(6), engine=eng, partition_size=2,
                                      batch_fn=flaky))
        assert _codes(results) == [(0, "E001"), (0, "E001"), (1, "E010"), (1, "E010"),
                                   (2, "E001"), (2, "E001")]
        assert "injected failure" in results[1].results[0].reason


@pytest.mark.dask
def test_dask_engine_survives_a_worker_dying(tmp_path, by_value):
    """A worker process killed mid-task (OOM, signal): the nanny restarts it and the
    scheduler runs the task again; nothing is lost."""
    flaky = FailOnce(str(tmp_path), partition=0, how="exit")
    results = list(run_partitions(_empty_articles(4), engine="dask", workers=2, partition_size=2,
                                  retries=0, batch_fn=flaky))
    assert _codes(results) == [(p, "E001") for p in (0, 0, 1, 1)]
    assert len(list(tmp_path.glob("attempt-0-*"))) == 2


def test_local_pool_survives_a_worker_dying(tmp_path):
    """A local worker process that dies breaks its pool: the driver starts a new pool and
    runs the partitions again."""
    flaky = FailOnce(str(tmp_path), partition=1, how="exit")
    results = list(run_partitions(_empty_articles(8), engine="local", workers=2, partition_size=2,
                                  retries=1, batch_fn=flaky))
    assert _codes(results) == [(p, "E001") for p in (0, 0, 1, 1, 2, 2, 3, 3)]
    assert len(list(tmp_path.glob("attempt-1-*"))) == 2


def test_partitions_can_be_cut_by_characters():
    arts = [Article(id=str(i), text="x" * n) for i, n in enumerate([10, 10, 50, 5, 5, 5, 5])]
    parts = [[a.id for a in chunk] for _, chunk in partitions(arts, 4, max_chars=20)]
    assert parts == [["0", "1"], ["2"], ["3", "4", "5", "6"]]
    assert [p for p, _ in partitions(arts + [Rejection("r", "E001", "empty")], 4, 20)] == [0, 1, 2, 3]


@pytest.mark.slow
def test_ingest_writes_parquet_partitions_and_the_store(tmp_path):
    import pyarrow.parquet as pq

    from cronica.ingest import ingest
    from cronica.store.base import EventFilter
    from cronica.store.sqlite import SQLiteStore

    with SQLiteStore(str(tmp_path / "c.db")) as store:
        summary = ingest(_articles(), store, parquet_dir=str(tmp_path / "pq"), partition_size=2)
        assert (summary.stored, summary.rejected) == (4, 1)
        stored = store.count_events(EventFilter(include_all_aux=True))
    files = sorted((tmp_path / "pq").glob("events-*.parquet"))
    assert len(files) == 3
    rows = sum(pq.read_table(f).num_rows for f in files)
    assert rows >= stored > 0  # the store merges repeated events; the files keep every report
