"""Running the benchmark: worker processes, timed passes, medians (the method is described
in :mod:`cronica.bench`)."""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import platform
import queue as queue_lib
import resource
import statistics
import threading
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from cronica.bench.corpus import Corpus
from cronica.errors import InputError, Rejection
from cronica.model import Article

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

BARRIER_TIMEOUT = 3600.0  # seconds; a worker that dies must not hang the others forever
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass
class _Task:
    """One worker's share of the corpus and the settings to time it with."""

    index: int
    articles: list[Article]
    runs: int
    batch_size: int
    warmup: int
    models: str  # "default" (the registry models) or "blank" (spacy.blank + sentencizer: tests)
    threads: int | None = None  # BLAS threads in the worker; None leaves the library default


def _build(models: str, langs: Sequence[str]) -> tuple[dict[str, Any], Any]:
    """(spaCy pipelines by language, Pipeline using exactly those pipelines)."""
    from cronica.pipeline import Pipeline

    if models == "blank":
        import spacy

        nlps = {}
        for lang in langs:
            nlp = spacy.blank(lang)
            nlp.add_pipe("sentencizer")
            nlps[lang] = nlp
        return nlps, Pipeline(langs=tuple(langs), nlp=nlps, stages={lang: [] for lang in langs})
    from cronica.limits import cap_sentences
    from cronica.stages.nlp.models import load_nlp

    # the full pipeline parses as ``Pipeline()`` does in use: with cronica's sentence cap
    # before the parser (line breaks end sentences, very long ones are cut); the bare passes
    # leave that component out (:func:`_bare_pipe`), so they time the model as shipped
    nlps = {lang: cap_sentences(load_nlp(lang)) for lang in langs}
    return nlps, Pipeline(langs=tuple(langs), nlp=nlps)


def _bare_pipe(nlp: Any, texts: list[str], batch_size: int) -> Iterator[Any]:
    """The spaCy model's own components over ``texts``, as shipped: cronica's sentence cap,
    which the full pipeline runs inside the parse, left out, and the shipped lemmatizer in
    place of its memoised reading (:mod:`cronica.stages.nlp.memo`)."""
    from cronica.limits import COMPONENT
    from cronica.stages.nlp.memo import shipped

    disable = [COMPONENT] if COMPONENT in nlp.pipe_names else []
    with shipped(nlp):
        yield from nlp.pipe(texts, batch_size=batch_size, disable=disable)


def _bench_worker(task: _Task, barrier: Any, results: Any) -> None:
    """Runs in each worker process (or in-process): warm up, then time bare and full passes."""
    if task.threads:
        # only effective before numpy is imported, i.e. in a freshly spawned worker
        for var in _THREAD_VARS:
            os.environ[var] = str(task.threads)
    try:
        results.put(("ok", _measure(task, barrier)))
    except BaseException:  # noqa: BLE001 - report any failure to the parent, then free the others
        try:
            barrier.abort()
        finally:
            results.put(("error", f"worker {task.index}:\n{traceback.format_exc()}"))


def _measure(task: _Task, barrier: Any) -> dict[str, Any]:
    from cronica.resources import SUPPORTED_LANGS

    nlps, pipeline = _build(task.models, SUPPORTED_LANGS)
    # settle languages outside the timing, so the bare pass gets the same texts per model
    accepted: list[tuple[str, Article]] = []
    rejected = 0
    for art in task.articles:
        try:
            accepted.append((pipeline.prepare(art).lang, art))
        except InputError:
            rejected += 1
    articles = [a for _, a in accepted]
    by_lang: dict[str, list[str]] = {}
    for lang, art in accepted:
        by_lang.setdefault(lang, []).append(art.text)

    # warm-up: a few articles of each language through both paths (stage data, caches)
    per_lang: Counter[str] = Counter()
    warm = []
    for lang, art in accepted:
        if per_lang[lang] < task.warmup:
            per_lang[lang] += 1
            warm.append(art)
    list(pipeline.pipe(warm, batch_size=task.batch_size))
    for lang, texts in by_lang.items():
        list(_bare_pipe(nlps[lang], texts[: task.warmup], task.batch_size))

    words = 0
    for lang, texts in by_lang.items():
        for doc in _bare_pipe(nlps[lang], texts, task.batch_size):
            words += sum(1 for t in doc if not (t.is_punct or t.is_space))

    # (wall start, wall end, CPU seconds of this process) per pass
    bare_spans: list[tuple[float, float, float]] = []
    full_spans: list[tuple[float, float, float]] = []
    sentences = processed = errors = 0
    for _ in range(task.runs):
        barrier.wait(BARRIER_TIMEOUT)
        t0, c0 = time.monotonic(), time.process_time()
        for lang, texts in by_lang.items():
            for _doc in _bare_pipe(nlps[lang], texts, task.batch_size):
                pass
        bare_spans.append((t0, time.monotonic(), time.process_time() - c0))
        barrier.wait(BARRIER_TIMEOUT)
        t0, c0 = time.monotonic(), time.process_time()
        sentences = processed = errors = 0
        for res in pipeline.pipe(articles, batch_size=task.batch_size):
            if isinstance(res, Rejection):
                errors += 1
            else:
                processed += 1
                sentences += len(res.sentences)
        full_spans.append((t0, time.monotonic(), time.process_time() - c0))
    stage_seconds = _profile_stages(pipeline, articles, list(by_lang), task.batch_size)
    return {
        "index": task.index,
        "stage_seconds": stage_seconds,
        "articles": len(articles),
        "rejected": rejected,
        "errors": errors,
        "processed": processed,
        "sentences": sentences,
        "words": words,
        "chars": sum(len(a.text) for a in articles),
        "langs": {lang: len(t) for lang, t in by_lang.items()},
        "bare": bare_spans,
        "full": full_spans,
        "peak_rss_mb": _peak_rss_mb(),
    }


class _TimedStage:
    """A stage wrapper that adds the time of each ``run`` to a shared counter."""

    def __init__(self, stage: Any, seconds: defaultdict[str, float]) -> None:
        self.stage = stage
        self.name = stage.name
        self.seconds = seconds

    def run(self, adoc: Any) -> None:
        t0 = time.process_time()
        try:
            self.stage.run(adoc)
        finally:
            self.seconds[self.name] += time.process_time() - t0


def _profile_stages(
    pipeline: Any, articles: list[Article], langs: list[str], batch_size: int
) -> dict[str, float]:
    """One extra pass (not in the medians) with a CPU clock on each stage.

    CPU time, not wall time, so that other programs' load does not blur the split.
    'other' is the rest of the pass: language check, spaCy parse, sentence split.
    """
    seconds: defaultdict[str, float] = defaultdict(float)
    originals = {lang: list(pipeline.stages(lang)) for lang in langs}
    try:
        for lang in langs:
            pipeline.stages(lang)[:] = [_TimedStage(st, seconds) for st in originals[lang]]
        t0 = time.process_time()
        for _ in pipeline.pipe(articles, batch_size=batch_size):
            pass
        total = time.process_time() - t0
    finally:
        for lang in langs:
            pipeline.stages(lang)[:] = originals[lang]
    out: dict[str, float] = {name: round(sec, 3) for name, sec in seconds.items()}
    out["other"] = round(max(0.0, total - sum(seconds.values())), 3)
    return out


def _peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB."""
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return round(kb / 1024, 1)


def _run_workers(tasks: list[_Task], in_process: bool) -> list[dict[str, Any]]:
    """Each task's measurements, from worker processes (or in this process for tests)."""
    if in_process:
        if len(tasks) != 1:
            raise ValueError("in-process benchmarking runs one worker only")
        local: queue_lib.Queue[tuple[str, Any]] = queue_lib.Queue()
        _bench_worker(tasks[0], threading.Barrier(1), local)
        outs = [local.get()]
    else:
        # spawn: each worker starts clean (no inherited pages in its RSS, no forked threads)
        ctx = mp.get_context("spawn")
        barrier = ctx.Barrier(len(tasks))
        q = ctx.Queue()
        procs = [
            ctx.Process(target=_bench_worker, args=(t, barrier, q), daemon=True) for t in tasks
        ]
        for p in procs:
            p.start()
        outs = []
        deadline = time.monotonic() + BARRIER_TIMEOUT * 2
        while len(outs) < len(procs):
            try:
                outs.append(q.get(timeout=1.0))
                continue
            except queue_lib.Empty:
                pass
            # a worker killed from outside (OOM, signal) never reports: do not wait for it
            dead = [p for p in procs if p.exitcode not in (None, 0)]
            if dead or time.monotonic() > deadline:
                for p in procs:
                    if p.is_alive():
                        p.terminate()
                why = f"exit status {dead[0].exitcode}" if dead else "no result in time"
                outs.append(("error", f"a worker process ended without a result ({why})"))
                break
        for p in procs:
            p.join(timeout=30)
    errors = [msg for status, msg in outs if status == "error"]
    if errors:
        raise RuntimeError("benchmark worker failed: " + errors[0])
    return sorted((r for _, r in outs), key=lambda r: r["index"])


def _pass_seconds(workers: list[dict[str, Any]], kind: str, run: int) -> float:
    """Wall time of one pass across workers: first start to last finish."""
    return max(w[kind][run][1] for w in workers) - min(w[kind][run][0] for w in workers)


def _pass_cpu_seconds(workers: list[dict[str, Any]], kind: str, run: int) -> float:
    """CPU time of one pass, summed over workers (all threads of each)."""
    return sum(w[kind][run][2] for w in workers)


def _rates(
    seconds: float, cpu_seconds: float, articles: int, sentences: int, words: int
) -> dict[str, float]:
    """Throughput figures of one pass, per wall second and per CPU second."""
    s = max(seconds, 1e-9)
    c = max(cpu_seconds, 1e-9)
    return {
        "seconds": round(seconds, 3),
        "articles_per_s": round(articles / s, 1),
        "sentences_per_s": round(sentences / s, 1),
        "words_per_s": round(words / s, 0),
        # per CPU second: what one core gives, little moved by other programs' load
        "cpu_seconds": round(cpu_seconds, 3),
        "sentences_per_cpu_s": round(sentences / c, 1),
        "words_per_cpu_s": round(words / c, 0),
    }


def run_benchmark(
    corpus: Corpus,
    processes: Sequence[int] = (1,),
    runs: int = 3,
    batch_size: int = 32,
    warmup: int = 8,
    models: str = "default",
    in_process: bool = False,
    threads: int | None = None,
) -> dict[str, Any]:
    """Time the full pipeline and bare spaCy on ``corpus`` for each process count.

    Returns a JSON-ready dict: ``corpus`` (counts), ``settings`` and ``results``, one
    entry per process count with ``full`` and ``bare`` rates (median of ``runs``),
    ``ratio`` (full time / bare time) and ``peak_rss_mb`` (the largest worker's).
    ``in_process`` measures in this process (one worker; for tests and debugging).
    ``threads`` caps the BLAS threads of each worker; by default a single process keeps
    the library default (it may use several cores) and N > 1 workers get one each, as
    they would in a deployment (N workers with N threads each fight over the cores).
    """
    if not corpus.articles:
        raise ValueError(f"no articles to benchmark in {corpus.name}")
    if runs < 1:
        raise ValueError("runs must be at least 1")
    results = []
    summary: dict[str, Any] = {}
    for n in processes:
        n = max(1, min(n, len(corpus.articles)))
        per_worker = threads if threads is not None else (1 if n > 1 else None)
        tasks = [
            _Task(i, corpus.articles[i::n], runs, batch_size, warmup, models, per_worker)
            for i in range(n)
        ]
        t0 = time.monotonic()
        workers = _run_workers(tasks, in_process=in_process and n == 1)
        logger.info("%d process(es): %.1f s including start-up", n, time.monotonic() - t0)
        articles = sum(w["processed"] for w in workers)
        sentences = sum(w["sentences"] for w in workers)
        words = sum(w["words"] for w in workers)
        full = [_pass_seconds(workers, "full", r) for r in range(runs)]
        bare = [_pass_seconds(workers, "bare", r) for r in range(runs)]
        full_s, bare_s = statistics.median(full), statistics.median(bare)
        full_c = statistics.median(_pass_cpu_seconds(workers, "full", r) for r in range(runs))
        bare_c = statistics.median(_pass_cpu_seconds(workers, "bare", r) for r in range(runs))
        summary = {
            "articles": sum(w["articles"] for w in workers),
            "rejected_by_pipeline": sum(w["rejected"] for w in workers),
            "processing_errors": sum(w["errors"] for w in workers),
            "sentences": sentences,
            "words": words,
            "chars": sum(w["chars"] for w in workers),
            "langs": dict(sum((Counter(w["langs"]) for w in workers), Counter())),
        }
        stage_seconds: Counter[str] = Counter()
        for w in workers:
            stage_seconds.update(w["stage_seconds"])
        results.append(
            {
                "processes": n,
                "stage_seconds": {k: round(v, 3) for k, v in stage_seconds.items()},
                "full": {
                    **_rates(full_s, full_c, articles, sentences, words),
                    "runs": [round(x, 3) for x in full],
                },
                "bare": {
                    **_rates(bare_s, bare_c, articles, sentences, words),
                    "runs": [round(x, 3) for x in bare],
                },
                "ratio": round(full_s / bare_s, 3) if bare_s > 0 else None,
                "cpu_ratio": round(full_c / bare_c, 3) if bare_c > 0 else None,
                # each run's full pass over the bare pass just before it: the spread shows
                # how far the machine's load moved the ratio (the median above is the figure)
                "cpu_ratio_runs": [
                    round(_pass_cpu_seconds(workers, "full", r) / b, 3)
                    if (b := _pass_cpu_seconds(workers, "bare", r)) > 0 else None
                    for r in range(runs)
                ],
                "peak_rss_mb": max(w["peak_rss_mb"] for w in workers),
                "peak_rss_mb_per_process": [w["peak_rss_mb"] for w in workers],
                "blas_threads_per_process": per_worker,
            }
        )
    return {
        "corpus": {"name": corpus.name, "rejected_by_reader": len(corpus.rejected), **summary},
        "settings": _settings(runs, batch_size, warmup, models),
        "results": results,
    }


def _settings(runs: int, batch_size: int, warmup: int, models: str) -> dict[str, Any]:
    """What the figures depend on: settings, versions and the machine."""
    import spacy

    from cronica.resources import SUPPORTED_LANGS
    from cronica.stages.language.bundle import load_bundle

    return {
        "runs": runs,
        "statistic": "median",
        "batch_size": batch_size,
        "warmup_articles_per_language": warmup,
        "models": {lang: load_bundle(lang).model for lang in SUPPORTED_LANGS}
        if models == "default" else models,
        "spacy": spacy.__version__,
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
