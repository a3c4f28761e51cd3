"""Drive an engine: cut the input stream into partitions, run them, yield results in order.

The driver reads the inputs (cheap next to the NLP) and ships partitions of articles to
workers, with a bounded number in flight so that memory stays flat on archives of millions
of articles. Results are yielded in partition order whatever the engine, so the local and
Dask engines produce identical output for the same input.

An engine can be opened once and reused for several runs (``open_engine``), e.g. to load
the pipelines on every worker (``warm_up``) before timing, or to serve several inputs::

    with open_engine("dask", workers=2) as eng:
        eng.warm_up()
        for part in run_partitions(items, engine=eng, partition_size=20):
            ...

Failures: a bad document never fails its task (it comes back as a Rejection). A task that
raises (or whose worker dies) is retried ``retries`` times: by Dask itself on the Dask
engine, by the driver on the local engine (which also replaces a broken process pool).
A partition that still fails comes back as E010 rejections for each of its documents.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from itertools import islice
from typing import Any

from cronica.engines.batch import (
    PartitionResult,
    init_process_worker,
    process_batch,
    warm_up,
)
from cronica.errors import ErrorCode, Rejection, StoreError, redact_url
from cronica.model import Article

logger = logging.getLogger(__name__)

ENGINES: tuple[str, ...] = ("local", "dask")
WORKER_COUNT_TTL = 5.0  # seconds between asking a Dask scheduler how many workers it has

# The function run per partition: (partition, items, out_dir) -> PartitionResult.
BatchFn = Callable[..., PartitionResult]


def partitions(
    items: Iterable[Article | Rejection], size: int, max_chars: int | None = None
) -> Iterator[tuple[int, list[Article | Rejection]]]:
    """``(partition number, items)`` chunks of at most ``size`` items, in input order.

    With ``max_chars``, a partition also ends once its texts reach that many characters
    (the NLP's cost grows with text length), so that a run of long articles does not make
    a few partitions much slower than the rest and leave the other workers idle at the end.
    """
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    it = iter(items)
    n = 0
    if max_chars is None:
        while chunk := list(islice(it, size)):
            yield n, chunk
            n += 1
        return
    part: list[Article | Rejection] = []
    chars = 0
    for item in it:
        part.append(item)
        chars += len(item.text or "") if isinstance(item, Article) else 0
        if len(part) >= size or chars >= max_chars:
            yield n, part
            n += 1
            part, chars = [], 0
    if part:
        yield n, part


# -- engines ----------------------------------------------------------------------------
class Engine:
    """Where partitions run. Subclasses provide ``submit``, ``wait_any``, ``warm_up``, ``close``.

    ``driver_retries`` is how many times the driver itself resubmits a failed partition
    (0 when the engine retries on its own, as Dask does).
    """

    name = "engine"
    n_workers = 1
    driver_retries = 0

    def submit(self, fn: BatchFn, pid: int, chunk: list, out_dir: str | None) -> Any:
        raise NotImplementedError

    def wait_any(self, futures: set) -> set:
        """Block until at least one of ``futures`` is done; return the done ones."""
        raise NotImplementedError

    def warm_up(self) -> list[dict[str, Any]]:
        """Load the pipelines on every worker now; one ``batch.warm_up`` report per worker."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalEngine(Engine):
    """Processes on this machine. One worker runs in this very process (no start-up cost,
    one copy of the models); more run in a spawned process pool, one pipeline each."""

    name = "local"

    def __init__(self, workers: int = 1, retries: int = 2) -> None:
        self.n_workers = max(1, workers)
        self.driver_retries = max(0, retries)
        self._pool: Any = None

    def _get_pool(self) -> Any:
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor
            from multiprocessing import get_context

            self._pool = ProcessPoolExecutor(
                max_workers=self.n_workers, mp_context=get_context("spawn"),
                initializer=init_process_worker, initargs=(1,),
            )
        return self._pool

    def _restart_pool(self) -> None:
        """A worker died (OOM, signal): the pool is broken for good; start a new one."""
        logger.warning("a local worker process died; starting a new process pool")
        old, self._pool = self._pool, None
        if old is not None:
            old.shutdown(wait=False, cancel_futures=True)

    def submit(self, fn: BatchFn, pid: int, chunk: list, out_dir: str | None) -> Any:
        if self.n_workers <= 1:
            fut: Future = Future()
            try:
                fut.set_result(fn(pid, chunk, out_dir))
            except Exception as exc:  # reported through the future, as a pool would
                fut.set_exception(exc)
            return fut
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._get_pool().submit(fn, pid, chunk, out_dir)
        except BrokenProcessPool:
            self._restart_pool()
            return self._get_pool().submit(fn, pid, chunk, out_dir)

    def wait_any(self, futures: set) -> set:
        from concurrent.futures import FIRST_COMPLETED, wait

        done = wait(futures, return_when=FIRST_COMPLETED).done
        from concurrent.futures.process import BrokenProcessPool

        if any(isinstance(f.exception(), BrokenProcessPool) for f in done):
            self._restart_pool()
        return set(done)

    def warm_up(self) -> list[dict[str, Any]]:
        if self.n_workers <= 1:
            return [warm_up()]
        # A pool gives tasks to whichever process is free: linger so that each process
        # takes one, and repeat until every process has answered (a warm one answers at once).
        pool = self._get_pool()
        seen: dict[int, dict[str, Any]] = {}
        for _ in range(10):
            futs = [pool.submit(warm_up, 0.5) for _ in range(self.n_workers)]
            for f in futs:
                rep = f.result()
                seen.setdefault(rep["pid"], rep)
            if len(seen) >= self.n_workers:
                break
        return sorted(seen.values(), key=lambda r: r["pid"])

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


SCHEDULER_TIMEOUT = "15s"  # to reach a Dask scheduler


def quiet_dask_logs() -> None:
    """Dask's scheduler and nanny log every start and stop at INFO (some 30 lines a run):
    keep them to warnings unless the user asked for detail (``cronica -v``)."""
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        for name in ("distributed", "dask"):
            logging.getLogger(name).setLevel(logging.WARNING)


class DaskEngine(Engine):
    """A dask.distributed cluster: ``scheduler`` (``tcp://HOST:PORT``) or, without it, a
    LocalCluster of ``workers`` processes with one thread each. Dask retries failed tasks
    (``retries``) and reschedules the tasks of a worker that died."""

    name = "dask"

    def __init__(self, workers: int = 1, scheduler: str | None = None, retries: int = 2,
                 worker_profile: bool = False) -> None:
        import dask
        from dask.distributed import Client, LocalCluster

        quiet_dask_logs()
        self.retries = max(0, retries)
        self.cluster: Any = None
        self._token = uuid.uuid4().hex[:8]  # task keys stay unique across runs on one client
        self._run = 0
        self._n = max(1, workers)
        self._n_checked = float("-inf")
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as exc:
                raise StoreError(ErrorCode.E021_SCHEDULER_UNREACHABLE, redact_url(scheduler),
                                 " ".join(str(exc).split())) from None
        else:
            # The worker's statistical profiler samples every thread every 10 ms: a few
            # per cent of a core and GIL hand-offs for a view nobody looks at here.
            with dask.config.set({"distributed.worker.profile.enabled": worker_profile}):
                # the scheduler's INFO chatter would drown the progress lines
                self.cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                                            processes=True, dashboard_address=None,
                                            silence_logs=logging.WARNING)
            self.client = Client(self.cluster)
            self.client.wait_for_workers(max(1, workers))

    @property
    def n_workers(self) -> int:  # type: ignore[override]
        """Workers the scheduler knows (a real cluster may grow or shrink); asked at most
        every few seconds, since each question is a round trip to the scheduler."""
        now = time.monotonic()
        if now - self._n_checked > WORKER_COUNT_TTL:
            self._n = max(1, len(self._workers()))
            self._n_checked = now
        return self._n

    def _workers(self) -> list[str]:
        return list(self.client.scheduler_info().get("workers", {}))

    def new_run(self) -> None:
        self._run += 1

    def submit(self, fn: BatchFn, pid: int, chunk: list, out_dir: str | None) -> Any:
        return self.client.submit(fn, pid, chunk, out_dir, retries=self.retries, pure=False,
                                  key=f"cronica-partition-{self._token}-{self._run}-{pid}")

    def wait_any(self, futures: set) -> set:
        from dask.distributed import wait

        return set(wait(futures, return_when="FIRST_COMPLETED").done)

    def warm_up(self) -> list[dict[str, Any]]:
        workers = self._workers()
        futs = [self.client.submit(warm_up, workers=[w], allow_other_workers=False, pure=False,
                                   key=f"cronica-warm-up-{self._token}-{i}")
                for i, w in enumerate(workers)]
        return sorted(self.client.gather(futs), key=lambda r: r["pid"])

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def open_engine(engine: str = "local", workers: int = 1, scheduler: str | None = None,
                retries: int = 2) -> Engine:
    """An engine by name, ready to run partitions; close it (or use ``with``) when done."""
    if engine == "local":
        return LocalEngine(workers, retries)
    if engine == "dask":
        return DaskEngine(workers, scheduler, retries)
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


# -- running ----------------------------------------------------------------------------
def run_partitions(
    items: Iterable[Article | Rejection],
    engine: str | Engine = "local",
    workers: int = 1,
    scheduler: str | None = None,
    partition_size: int = 100,
    out_dir: str | None = None,
    retries: int = 2,
    batch_fn: BatchFn = process_batch,
    partition_chars: int | None = None,
) -> Iterator[PartitionResult]:
    """Process ``items`` on ``engine`` and yield one PartitionResult per partition, in order.

    ``engine`` is a name (the engine is started and stopped here) or an open
    :class:`Engine` (left open). ``batch_fn`` is what runs per partition, with
    :func:`~cronica.engines.batch.process_batch`'s signature (tests wrap it).
    ``partition_chars`` also ends a partition at that many characters of text.
    """
    parts = partitions(items, partition_size, partition_chars)
    if isinstance(engine, Engine):
        if isinstance(engine, DaskEngine):
            engine.new_run()
        yield from _drive(parts, engine, batch_fn, out_dir)
        return
    with open_engine(engine, workers, scheduler, retries) as eng:
        yield from _drive(parts, eng, batch_fn, out_dir)


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


def _in_order(pending: dict[int, PartitionResult], next_id: int) -> tuple[list[PartitionResult], int]:
    ready = []
    while next_id in pending:
        ready.append(pending.pop(next_id))
        next_id += 1
    return ready, next_id


def _drive(parts: Iterator[tuple[int, list]], eng: Engine, batch_fn: BatchFn,
           out_dir: str | None) -> Iterator[PartitionResult]:
    """Keep about two partitions per worker in flight (one running, one queued, so a worker
    never waits for the driver); yield results in partition order."""
    in_flight: dict[Any, tuple[int, list, int]] = {}  # future -> (partition, items, attempt)
    pending: dict[int, PartitionResult] = {}
    next_id = 0
    exhausted = False
    while True:
        max_in_flight = 2 * eng.n_workers
        while not exhausted and len(in_flight) < max_in_flight:
            nxt = next(parts, None)
            if nxt is None:
                exhausted = True
                break
            pid, chunk = nxt
            in_flight[eng.submit(batch_fn, pid, chunk, out_dir)] = (pid, chunk, 0)
        if not in_flight:
            break
        for fut in eng.wait_any(set(in_flight)):
            pid, chunk, attempt = in_flight.pop(fut)
            try:
                pending[pid] = fut.result()
            except Exception as exc:
                if attempt < eng.driver_retries:
                    logger.warning("partition %d failed (%s: %s); retrying", pid,
                                   type(exc).__name__, exc)
                    in_flight[eng.submit(batch_fn, pid, chunk, out_dir)] = (pid, chunk, attempt + 1)
                    continue
                # the task failed even after its retries: set its documents aside
                logger.error("partition %d failed: %s", pid, exc)
                pending[pid] = failed_partition(pid, chunk, exc)
        ready, next_id = _in_order(pending, next_id)
        yield from ready
