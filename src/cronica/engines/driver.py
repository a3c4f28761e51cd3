"""Drive an engine: cut the input stream into partitions, run them, yield results in order.

The driver reads the inputs (cheap next to the NLP) and ships partitions of articles to
workers, with a bounded number in flight so that memory stays flat on archives of millions
of articles. Results are yielded in partition order whatever the engine, so the local and
Dask engines produce identical output for the same input.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from cronica.engines.batch import PartitionResult, process_batch
from cronica.errors import Rejection
from cronica.model import Article

logger = logging.getLogger(__name__)

ENGINES: tuple[str, ...] = ("local", "dask")


def partitions(
    items: Iterable[Article | Rejection], size: int
) -> Iterator[tuple[int, list[Article | Rejection]]]:
    it = iter(items)
    n = 0
    while chunk := list(islice(it, size)):
        yield n, chunk
        n += 1


def run_partitions(
    items: Iterable[Article | Rejection],
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    partition_size: int = 100,
    out_dir: str | None = None,
    retries: int = 2,
) -> Iterator[PartitionResult]:
    """Process ``items`` on ``engine`` and yield one PartitionResult per partition, in order."""
    parts = partitions(items, partition_size)
    if engine == "local":
        yield from _run_local(parts, workers, out_dir)
    elif engine == "dask":
        yield from _run_dask(parts, workers, scheduler, out_dir, retries)
    else:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


def _in_order(pending: dict[int, PartitionResult], next_id: int) -> tuple[list[PartitionResult], int]:
    ready = []
    while next_id in pending:
        ready.append(pending.pop(next_id))
        next_id += 1
    return ready, next_id


def _run_local(parts, workers: int, out_dir: str | None) -> Iterator[PartitionResult]:
    if workers <= 1:  # in this process: no start-up cost, one copy of the models
        for pid, chunk in parts:
            yield process_batch(pid, chunk, out_dir)
        return
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from multiprocessing import get_context

    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        yield from _bounded(parts, lambda pid, chunk: pool.submit(process_batch, pid, chunk, out_dir),
                            lambda fs: wait(fs, return_when=FIRST_COMPLETED)[0], 2 * workers)


def _run_dask(parts, workers: int, scheduler: str | None, out_dir: str | None,
              retries: int) -> Iterator[PartitionResult]:
    from dask.distributed import Client, LocalCluster, wait

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)

        def submit(pid: int, chunk: list) -> Any:
            return client.submit(process_batch, pid, chunk, out_dir, retries=retries,
                                 key=f"cronica-partition-{pid}", pure=False)

        def done(futures: set) -> set:
            return set(wait(futures, return_when="FIRST_COMPLETED").done)

        yield from _bounded(parts, submit, done, 2 * n_workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def failed_partition(pid: int, chunk: list, exc: BaseException) -> PartitionResult:
    """Every document of a partition whose task failed, as E010 rejections (nothing is lost:
    they are listed by ``cronica rejected`` and can be re-run)."""
    from cronica.errors import ErrorCode, InputError

    out = PartitionResult(partition=pid)
    for item in chunk:
        if isinstance(item, Rejection):
            out.results.append(item)
            continue
        err = InputError(ErrorCode.E010_PROCESSING, item.origin or item.id,
                         f"worker task failed: {type(exc).__name__}: {exc}", doc_id=item.id)
        out.results.append(Rejection.from_error(err))
    return out


def _bounded(parts, submit, wait_done, max_in_flight: int) -> Iterator[PartitionResult]:
    """Keep at most ``max_in_flight`` partitions running; yield results in partition order."""
    in_flight: dict[Any, tuple[int, list]] = {}
    pending: dict[int, PartitionResult] = {}
    next_id = 0
    exhausted = False
    while True:
        while not exhausted and len(in_flight) < max_in_flight:
            nxt = next(parts, None)
            if nxt is None:
                exhausted = True
                break
            pid, chunk = nxt
            in_flight[submit(pid, chunk)] = (pid, chunk)
        if not in_flight:
            break
        for fut in wait_done(set(in_flight)):
            pid, chunk = in_flight.pop(fut)
            try:
                pending[pid] = fut.result()
            except Exception as exc:  # the task failed even after its retries: set its documents aside
                logger.error("partition %d failed: %s", pid, exc)
                pending[pid] = failed_partition(pid, chunk, exc)
        ready, next_id = _in_order(pending, next_id)
        yield from ready
