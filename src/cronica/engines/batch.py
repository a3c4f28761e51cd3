"""The unit of work every engine runs: one partition (a batch of articles) -> results.

A worker process builds its :class:`~cronica.pipeline.Pipeline` once and reuses it for
every partition it is given. Results come back without the spaCy ``Doc`` (large, and not
needed downstream), so they pickle cheaply across processes and machines.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cronica.errors import Rejection
from cronica.model import Article, ArticleDoc

_PIPELINE: Any = None


def worker_pipeline() -> Any:
    """The pipeline of this worker process, built on first use."""
    global _PIPELINE
    if _PIPELINE is None:
        from cronica.pipeline import Pipeline

        _PIPELINE = Pipeline()
    return _PIPELINE


@dataclass
class PartitionResult:
    partition: int
    results: list[ArticleDoc | Rejection] = field(default_factory=list)
    parquet: str | None = None  # path of the partition's events file, when written
    pid: int = 0  # worker process id (for per-worker accounting)
    peak_rss_mb: float = 0.0


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
    pipeline = worker_pipeline()
    results: list[ArticleDoc | Rejection] = []
    for res in pipeline.pipe(items, batch_size=batch_size):
        if isinstance(res, ArticleDoc):
            res.doc = None
        results.append(res)
    out = PartitionResult(partition=partition, results=results, pid=os.getpid(),
                          peak_rss_mb=_peak_rss_mb())
    if out_dir is not None:
        out.parquet = write_partition(Path(out_dir), partition, results)
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
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
