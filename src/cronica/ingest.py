"""Ingest: articles -> pipeline -> store, resumable and idempotent.

Articles whose text is already stored (same content hash) are counted as ``present``
and skip the NLP, so re-running a killed ingest only processes what is missing.
Each article is stored in one transaction; a document that fails anywhere becomes a
:class:`~cronica.errors.Rejection`, is recorded in the store, and the batch goes on.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cronica.errors import ErrorCode, InputError, Rejection
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
        }


ProgressFn = Callable[[IngestSummary], None]


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
    input order, one transaction per article.
    """
    summary = IngestSummary()
    started = time.perf_counter()
    note = progress or (lambda s: None)
    in_flight: deque[Article | Rejection] = deque()

    def missing() -> Iterator[Article | Rejection]:
        for item in items:
            if isinstance(item, Article) and item.text and store.has_article(item.content_hash):
                summary.present += 1
                note(summary)
                continue
            in_flight.append(item)
            yield item

    results = _results(missing(), pipeline, batch_size, workers, engine, scheduler,
                       parquet_dir, partition_size)
    while True:
        t0 = time.perf_counter()
        res = next(results, None)
        summary.extract_seconds += time.perf_counter() - t0
        if res is None:
            break
        source = in_flight.popleft()  # every engine yields one result per input, in order
        t0 = time.perf_counter()
        if isinstance(res, ArticleDoc):
            try:
                stored = store.add(res)
            except Exception as exc:  # a store error on one document must not end the batch
                logger.exception("storing %s failed", res.article.origin or res.article.id)
                err = InputError(ErrorCode.E010_PROCESSING, res.article.origin or res.article.id,
                                 f"store: {type(exc).__name__}: {exc}", doc_id=res.article.id)
                _reject(store, summary, Rejection.from_error(err), res.article.content_hash)
            else:
                if stored.status == "stored":
                    summary.stored += 1
                    summary.events += stored.n_events
                else:
                    summary.present += 1
        else:
            content_hash = source.content_hash if isinstance(source, Article) else None
            _reject(store, summary, res, content_hash)
        summary.store_seconds += time.perf_counter() - t0
        note(summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _reject(store: Store, summary: IngestSummary, rej: Rejection, content_hash: str | None) -> None:
    store.add_rejection(rej, content_hash=content_hash)
    summary.rejected += 1
    summary.reasons[rej.code] += 1
    if len(summary.rejections) < MAX_LISTED_REJECTIONS:
        summary.rejections.append(rej)


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
    from cronica.read import FOLDER_EXTS, JSONL_EXTS

    total = 0
    for p in paths or ["-"]:
        if p == "-":
            return None
        path = Path(p)
        if path.is_dir():
            for f in path.rglob("*"):
                if f.is_file() and f.suffix.lower() in FOLDER_EXTS:
                    total += _count_lines(f) if f.suffix.lower() in JSONL_EXTS else 1
        elif path.suffix.lower() in JSONL_EXTS:
            total += _count_lines(path)
        else:
            total += 1
    return total


def _count_lines(path: Path) -> int:
    n = 0
    try:
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
    return "\n".join(lines)
