"""Ingest: articles -> pipeline -> store, resumable and idempotent.

Articles whose text is already stored (same content hash) are counted as ``present``
and skip the NLP, so re-running a killed ingest only processes what is missing.
Each article is stored in one transaction; a document that fails anywhere becomes a
:class:`~cronica.errors.Rejection`, is recorded in the store, and the batch goes on.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cronica.errors import ErrorCode, InputError, Rejection, StoreError
from cronica.model import Article, ArticleDoc
from cronica.store.base import Store

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

MAX_LISTED_REJECTIONS = 20  # kept in the summary; all of them are in the store


@dataclass
class IngestSummary:
    """What an ingest did. ``extract_seconds`` is time spent waiting on the pipeline,
    ``store_seconds`` time spent writing: their ratio is the storage overhead."""

    stored: int = 0
    present: int = 0
    rejected: int = 0
    events: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  # error code -> count
    rejections: list[Rejection] = field(default_factory=list)  # the first few
    seconds: float = 0.0
    extract_seconds: float = 0.0
    store_seconds: float = 0.0
    error: StoreError | None = None  # the store failure that stopped the run, if any

    @property
    def done(self) -> int:
        return self.stored + self.present + self.rejected

    def to_dict(self) -> dict[str, Any]:
        return {
            "stored": self.stored,
            "present": self.present,
            "rejected": self.rejected,
            "events": self.events,
            "reasons": dict(self.reasons),
            "rejections": [r.to_dict() for r in self.rejections],
            "seconds": round(self.seconds, 3),
            "extract_seconds": round(self.extract_seconds, 3),
            "store_seconds": round(self.store_seconds, 3),
            **({"error": {"code": self.error.code.value, "detail": self.error.message}}
               if self.error else {}),
        }


ProgressFn = Callable[[IngestSummary], None]


@dataclass
class DocResult:
    """What became of one document: ``stored``, ``present`` (the same text was stored
    before), ``rejected`` (recorded in the store, with code and reason) or ``failed``
    (not stored and not recorded: the store could not be written; send it again)."""

    id: str | None
    status: str
    n_events: int = 0
    code: str | None = None
    reason: str | None = None
    origin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "status": self.status, "n_events": self.n_events}
        if self.status in ("rejected", "failed"):
            out.update(code=self.code, reason=self.reason, origin=self.origin)
            del out["n_events"]
        return out


class IngestService:
    """The one ingest path of ``cronica ingest`` and ``POST /api/ingest``.

    Extraction (the slow part) runs outside the lock; storing runs inside it, one
    transaction per article, so concurrent requests never wait for each other's NLP and
    never both store the same text. Storing is idempotent by content hash. A failure of
    one document is a Rejection recorded with its content hash; a failure of the store as
    a whole (:class:`~cronica.errors.StoreError`: disk full, read-only, damaged, newer
    schema) stops the batch: nothing after it is stored or recorded as rejected.
    """

    def __init__(self, store: Store | Callable[[], Store], pipeline: Any = None) -> None:
        self._store = store
        self._pipeline = pipeline
        self.lock = threading.Lock()  # held while storing, never while extracting
        self._init_lock = threading.Lock()

    @property
    def store(self) -> Store:
        return self._store() if callable(self._store) else self._store

    @property
    def pipeline(self) -> Any:
        with self._init_lock:  # two first requests must not load the models twice
            if self._pipeline is None:
                from cronica.pipeline import default_pipeline

                self._pipeline = default_pipeline()
        return self._pipeline

    def is_present(self, item: Article | Rejection) -> bool:
        """An article whose text is already stored (it skips the NLP)."""
        return isinstance(item, Article) and bool(item.text) and self.store.has_article(
            item.content_hash)

    def store_result(self, source: Article | Rejection, res: ArticleDoc | Rejection) -> DocResult:
        """Store one pipeline result (under the lock); raises StoreError only."""
        with self.lock:
            return _store_one(self.store, source, res)

    def ingest_items(self, items: list[Article | Rejection]) -> BatchResult:
        """A small batch (an API request): results per document, in input order."""
        results: list[DocResult | None] = [None] * len(items)
        todo: list[int] = []
        error: StoreError | None = None
        try:
            for i, item in enumerate(items):
                if self.is_present(item):
                    assert isinstance(item, Article)
                    results[i] = DocResult(self.store.article_id_for(item.content_hash)
                                           if hasattr(self.store, "article_id_for") else item.id,
                                           "present")
                else:
                    todo.append(i)
            outputs = list(self.pipeline.pipe([items[i] for i in todo])) if todo else []
            for i, out in zip(todo, outputs, strict=True):
                results[i] = self.store_result(items[i], out)
        except StoreError as err:
            error = err
        for i, r in enumerate(results):
            if r is None:
                item = items[i]
                results[i] = DocResult(
                    item.doc_id if isinstance(item, Rejection) else item.id, "failed",
                    code=error.code.value if error else None,
                    reason=error.message if error else "not processed", origin=item.origin)
        return BatchResult([r for r in results if r is not None], error)


@dataclass
class BatchResult:
    documents: list[DocResult]
    error: StoreError | None = None

    def to_dict(self) -> dict[str, Any]:
        docs = [{**d.to_dict(), "index": n} for n, d in enumerate(self.documents)]
        counts = {s: sum(1 for d in self.documents if d.status == s)
                  for s in ("stored", "present", "rejected", "failed")}
        out: dict[str, Any] = {**counts, "documents": docs}
        if self.error is not None:
            out["error"] = {"code": self.error.code.value, "detail": self.error.message}
        return out


def _store_one(store: Store, source: Article | Rejection, res: ArticleDoc | Rejection) -> DocResult:
    if isinstance(res, ArticleDoc):
        a = res.article
        try:
            stored = store.add(res)
        except StoreError:
            raise
        except Exception as exc:  # a store error on one document must not end the batch
            logger.exception("storing %s failed", a.origin or a.id)
            err = InputError(ErrorCode.E010_PROCESSING, a.origin or a.id,
                             f"store: {type(exc).__name__}: {exc}", doc_id=a.id)
            return _record(store, Rejection.from_error(err), a.content_hash)
        return DocResult(stored.article_id, stored.status, stored.n_events)
    content_hash = source.content_hash if isinstance(source, Article) and source.text else None
    return _record(store, res, content_hash)


def _record(store: Store, rej: Rejection, content_hash: str | None) -> DocResult:
    store.add_rejection(rej, content_hash=content_hash)
    return DocResult(rej.doc_id, "rejected", code=rej.code, reason=rej.reason, origin=rej.origin)


def ingest(
    items: Iterable[Article | Rejection],
    store: Store,
    pipeline: Any = None,
    batch_size: int = 32,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: ProgressFn | None = None,
    parquet_dir: str | None = None,
    partition_size: int = 256,
) -> IngestSummary:
    """Run ``items`` through the pipeline into ``store``; never raises for one bad document.

    With ``workers == 1`` on the local engine the pipeline runs in this process
    (``pipeline``, or a default one); otherwise :func:`cronica.engines.driver.run_partitions`
    spreads partitions of ``partition_size`` articles over worker processes or a Dask
    cluster. With ``parquet_dir`` every partition's events are also written there as one
    Parquet file (atomically) by the engine. Writes to the store always happen here, in
    input order, one transaction per article. A failure of the store as a whole stops
    the run: ``summary.error`` holds it, and what was stored before it stays stored.
    """
    service = IngestService(store, pipeline)
    summary = IngestSummary()
    started = time.perf_counter()
    note = progress or (lambda s: None)
    in_flight: deque[Article | Rejection] = deque()

    def missing() -> Iterator[Article | Rejection]:
        for item in items:
            if service.is_present(item):
                summary.present += 1
                note(summary)
                continue
            in_flight.append(item)
            yield item

    results = _results(missing(), pipeline, batch_size, workers, engine, scheduler,
                       parquet_dir, partition_size)
    try:
        while True:
            t0 = time.perf_counter()
            res = next(results, None)
            summary.extract_seconds += time.perf_counter() - t0
            if res is None:
                break
            source = in_flight.popleft()  # every engine yields one result per input, in order
            t0 = time.perf_counter()
            _count(summary, service.store_result(source, res))
            summary.store_seconds += time.perf_counter() - t0
            note(summary)
    except StoreError as err:
        summary.error = err
        close = getattr(results, "close", None)
        if close is not None:
            close()
    summary.seconds = time.perf_counter() - started
    return summary


def _count(summary: IngestSummary, r: DocResult) -> None:
    if r.status == "stored":
        summary.stored += 1
        summary.events += r.n_events
    elif r.status == "present":
        summary.present += 1
    else:
        summary.rejected += 1
        summary.reasons[r.code or "?"] += 1
        if len(summary.rejections) < MAX_LISTED_REJECTIONS:
            summary.rejections.append(
                Rejection(origin=r.origin or "", code=r.code or "", reason=r.reason or "",
                          doc_id=r.id))


def _results(
    items: Iterator[Article | Rejection], pipeline: Any, batch_size: int, workers: int,
    engine: str, scheduler: str | None, parquet_dir: str | None = None,
    partition_size: int = 256,
) -> Iterator[ArticleDoc | Rejection]:
    if engine == "local" and workers <= 1 and parquet_dir is None:
        if pipeline is None:
            from cronica.pipeline import default_pipeline

            pipeline = default_pipeline()
        for res in pipeline.pipe(items, batch_size=batch_size):
            if isinstance(res, ArticleDoc):
                res.doc = None  # the spaCy Doc is not stored; free it now
            yield res
        return
    from cronica.engines.driver import run_partitions

    for part in run_partitions(items, engine=engine, workers=workers, scheduler=scheduler,
                               partition_size=partition_size, out_dir=parquet_dir):
        yield from part.results


# -- progress ---------------------------------------------------------------------------
def estimate_total(paths: Sequence[str]) -> int | None:
    """How many documents ``paths`` hold, cheaply (for the ETA): JSONL lines, files in
    folders, 1 per other file. None when reading stdin."""
    from cronica.read import JSONL_EXTS
    from cronica.read.sources import walk_folder

    total = 0
    for p in paths or ["-"]:
        if p == "-":
            return None
        path = Path(p)
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            for f in walk_folder(path)[0]:
                total += _count_lines(f) if f.suffix.lower() in JSONL_EXTS else 1
        elif path.suffix.lower() in JSONL_EXTS:
            total += _count_lines(path)
        else:
            total += 1
    return total


def _count_lines(path: Path) -> int:
    """Non-blank lines of a regular file (a pipe or a device is not read twice: 1)."""
    n = 0
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return 1
        with open(path, "rb") as fh:
            for line in fh:
                n += bool(line.strip())
    except OSError:
        return 1
    return n


class Progress:
    """A tqdm bar (rate, ETA) on a terminal; otherwise a plain line every ``every`` seconds."""

    def __init__(self, total: int | None, stream: IO[str] | None = None, every: float = 10.0,
                 tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.every = every
        self.total = total
        self._bar = None
        self._last = time.monotonic()
        self._start = self._last
        is_tty = self.stream.isatty() if tty is None else tty
        if is_tty and not os.environ.get("CRONICA_NO_PROGRESS"):
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", file=self.stream, dynamic_ncols=True,
                             desc="ingest")

    def __call__(self, s: IngestSummary) -> None:
        if self._bar is not None:
            self._bar.update(s.done - self._bar.n)
            self._bar.set_postfix(stored=s.stored, present=s.present, rejected=s.rejected,
                                  refresh=False)
            return
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            self._line(s, now)

    def _line(self, s: IngestSummary, now: float) -> None:
        rate = s.done / max(now - self._start, 1e-9)
        total = f"/{self.total}" if self.total else ""
        eta = ""
        if self.total and rate > 0 and s.done < self.total:
            eta = f", ETA {_hms((self.total - s.done) / rate)}"
        print(f"ingest: {s.done}{total} documents (stored {s.stored}, present {s.present}, "
              f"rejected {s.rejected}), {rate:.1f} docs/s{eta}", file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _hms(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600:d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def format_summary(s: IngestSummary) -> str:
    """The human summary printed at the end of ``cronica ingest``."""
    from cronica.errors import MESSAGES, ErrorCode

    lines = [
        f"stored {s.stored} articles ({s.events} events), already present {s.present}, "
        f"rejected {s.rejected} in {s.seconds:.1f} s"
    ]
    for code, n in sorted(s.reasons.items()):
        try:
            why = MESSAGES[ErrorCode(code)]
        except ValueError:
            why = "unknown reason"
        lines.append(f"  {code} ({why}): {n}")
    for r in s.rejections:
        lines.append(f"  - {r.reason}")
    if s.rejected > len(s.rejections):
        lines.append(f"  ... and {s.rejected - len(s.rejections)} more")
    if s.rejected:
        lines.append("  (all rejections are listed by `cronica rejected`)")
    if s.error is not None:
        lines.append(f"stopped: {s.error.message}")
        lines.append("  (what is listed above as stored stays stored; run the same command "
                     "again once the store can be written, and it goes on from there)")
    return "\n".join(lines)
