"""The unit of work every engine runs: one partition (a batch of articles) -> results.

A worker process builds its :class:`~cronica.pipeline.Pipeline` once and reuses it for
every partition it is given. Results come back without the spaCy ``Doc`` (large, and not
needed downstream), so they pickle cheaply across processes and machines.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cronica.errors import Rejection
from cronica.model import Article, ArticleDoc

_PIPELINE: Any = None
# Held while the pipeline is built or warmed: a task arriving while a preload warms the
# worker up (in another thread) waits instead of loading a second copy of the models.
_PIPELINE_LOCK = threading.RLock()

BLAS_THREAD_VARS: tuple[str, ...] = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def worker_pipeline() -> Any:
    """The pipeline of this worker process, built on first use."""
    global _PIPELINE
    with _PIPELINE_LOCK:
        if _PIPELINE is None:
            from cronica.pipeline import Pipeline

            _PIPELINE = Pipeline()
        return _PIPELINE


def warm_up(linger: float = 0.0) -> dict[str, Any]:
    """Load this worker's pipeline and run one tiny article per language through it.

    Models and stage data load lazily; doing it here, before any timed or real work,
    keeps the load out of the first partition. Idempotent (a warm worker returns at once).
    ``linger`` keeps the task busy a little longer so that a pool hands the other warm-up
    tasks to the other processes. Returns the worker's pid, seconds spent and peak RSS.
    """
    from cronica.model import Article

    t0 = time.perf_counter()
    with _PIPELINE_LOCK:
        pipeline = worker_pipeline()
        # one short article per language (the bundle's warm-up text) loads each model and
        # every stage's data
        warm = {lang: pipeline.bundle(lang).warmup for lang in pipeline.langs}
        arts = [Article(id=f"warm-up-{lang}", text=text, lang=lang, origin=f"warm-up:{lang}")
                for lang, text in warm.items() if text]
        for _ in pipeline.pipe(arts):
            pass
    seconds = time.perf_counter() - t0
    if linger > 0:
        time.sleep(linger)
    return {"pid": os.getpid(), "seconds": round(seconds, 3), "peak_rss_mb": _peak_rss_mb()}


def init_process_worker(blas_threads: int | None = 1) -> None:
    """Initializer of a local worker process: cap BLAS threads (as Dask's nanny does), so
    that N single-threaded workers do not fight over N cores. Effective only before numpy
    is imported, which is the case in a freshly spawned process."""
    if blas_threads:
        for var in BLAS_THREAD_VARS:
            os.environ.setdefault(var, str(blas_threads))


@dataclass
class PartitionResult:
    """What one partition gave: a result per input item, in input order, and accounting."""

    partition: int
    results: list[ArticleDoc | Rejection] = field(default_factory=list)
    parquet: str | None = None  # path of the partition's events file, when written
    pid: int = 0  # worker process id (for per-worker accounting)
    peak_rss_mb: float = 0.0  # the worker's peak RSS so far (models included)
    seconds: float = 0.0  # wall time of the task in the worker
    cpu_seconds: float = 0.0  # CPU time of the worker process during the task


def process_batch(
    partition: int,
    items: Sequence[Article | Rejection],
    out_dir: str | None = None,
    batch_size: int = 32,
) -> PartitionResult:
    """Run the pipeline over one partition; never raises for a bad document.

    With ``out_dir``, the partition's events are written to
    ``out_dir/events-<partition>.parquet`` atomically (temporary file + rename), so a
    retried or killed task never leaves a half-written file behind.
    """
    t0, c0 = time.perf_counter(), time.process_time()
    pipeline = worker_pipeline()
    results: list[ArticleDoc | Rejection] = []
    for res in pipeline.pipe(items, batch_size=batch_size):
        if isinstance(res, ArticleDoc):
            res.doc = None
        results.append(res)
    out = PartitionResult(partition=partition, results=results, pid=os.getpid())
    if out_dir is not None:
        out.parquet = write_partition(Path(out_dir), partition, results)
    out.peak_rss_mb = _peak_rss_mb()
    out.seconds = time.perf_counter() - t0
    out.cpu_seconds = time.process_time() - c0
    return out


def write_partition(out_dir: Path, partition: int, results: Sequence[ArticleDoc | Rejection]) -> str:
    """Write the events of a partition as one Parquet file, atomically; returns its path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from cronica.export import arrow_schema, flat_row

    rows = [
        flat_row(ev)
        for res in results
        if isinstance(res, ArticleDoc)
        for ev in res.to_dict()["events"]
    ]
    schema = arrow_schema()
    table = pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / f"events-{partition:06d}.parquet"
    fd, tmp = tempfile.mkstemp(prefix=f".events-{partition:06d}.", suffix=".tmp", dir=out_dir)
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, final)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return str(final)


def _peak_rss_mb() -> float:
    """Peak resident set size of this process, in MB (``ru_maxrss`` is in KB on Linux)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
