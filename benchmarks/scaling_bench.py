"""Scaling benchmark: the same corpus on 1 and 2 workers, Dask engine and local engine.

    python benchmarks/scaling_bench.py                       # table
    python benchmarks/scaling_bench.py --json                # JSON on stdout
    python benchmarks/scaling_bench.py --repeat 5 --out /tmp/scaling.json --wait-load 1.5

Corpus: ``--synthetic N`` articles from :mod:`cronica.synth` (default 300) plus, when the
shared evaluation folder is there (``--eval-dir``, $CRONICA_EVAL_DIR or ``../shared/eval``),
the texts of ``brat_es_afp/*.txt``, read where they are at run time (never copied).

How it measures:
- Every engine is opened once (a Dask ``LocalCluster`` of N worker processes with one thread
  each; the local engine: this process for N = 1, a spawned pool for N = 2) and warmed up
  (:meth:`Engine.warm_up`: every worker loads the pipelines and runs one tiny article per
  language) before any timing: model load is reported apart, never timed.
- A run is ``run_partitions`` over the whole corpus, results consumed in order, as ingest
  does; its time is wall time from the first submit to the last result.
- One engine at a time (so that idle clusters take no CPU from the timed one), its runs
  interleaved (1 worker, 2 workers, then 2, 1, ...) so that load from other programs hits
  both alike; figures are medians over ``--repeat`` runs, and the speed-up is the median
  of the per-round ratios. The corpus is shuffled (seed 0) so long and short texts mix.
- Beside wall time: CPU seconds of the engine's processes and of this driver (which
  also hosts a LocalCluster's scheduler), from ``psutil``, the worker CPU utilisation (worker CPU s / (wall s x workers)), and how many
  cores *other* programs kept busy during the run (whole-machine busy time from /proc/stat
  minus ours): on a shared machine, this is what explains a speed-up below the target.
- Peak RSS per worker is ``ru_maxrss`` of each worker process, as carried by its
  PartitionResults (models, stages, the Dask worker itself).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import psutil  # noqa: E402

from cronica.bench import default_eval_dir, synthetic_corpus  # noqa: E402
from cronica.engines.driver import Engine, open_engine, run_partitions  # noqa: E402
from cronica.errors import Rejection  # noqa: E402
from cronica.model import Article  # noqa: E402


# -- corpus -----------------------------------------------------------------------------
def load_corpus(n_synthetic: int, eval_dir: Path | None, max_eval: int | None) -> tuple[
        list[Article], dict[str, Any]]:
    """Synthetic articles plus the AFP Spanish texts of the eval folder, read in place."""
    from cronica.read import read_inputs

    articles = list(synthetic_corpus(n_synthetic).articles) if n_synthetic else []
    info: dict[str, Any] = {"synthetic": len(articles), "eval_texts": 0, "eval_dir": None}
    brat = eval_dir / "brat_es_afp" if eval_dir else None
    if brat is not None and brat.is_dir():
        paths = [str(p) for p in sorted(brat.glob("*.txt"))][:max_eval]
        n = 0
        for item in read_inputs(paths):
            if isinstance(item, Rejection):
                continue
            item.lang = item.lang or "es"  # AFP Spanish service; the files carry no metadata
            articles.append(item)
            n += 1
        info.update(eval_texts=n, eval_dir=str(brat))
    info["articles"] = len(articles)
    info["chars"] = sum(len(a.text) for a in articles)
    return articles, info


# -- machine accounting -----------------------------------------------------------------
def _machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent not idle, since boot."""
    t = psutil.cpu_times()
    return t.user + t.nice + t.system + getattr(t, "irq", 0.0) + getattr(t, "softirq", 0.0) + \
        getattr(t, "steal", 0.0)


def _our_cpu_seconds(pids: Sequence[int] | None = None) -> float:
    """CPU seconds of this process and of ``pids`` (default: every process it started)."""
    me = psutil.Process()
    procs = [me, *me.children(recursive=True)] if pids is None else \
        [me, *(psutil.Process(p) for p in pids if psutil.pid_exists(p))]
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def runqueue_wait_seconds(pids: Sequence[int]) -> float | None:
    """Seconds the threads of ``pids`` have spent runnable but waiting for a CPU (Linux
    schedstat); None where the kernel does not say."""
    total = 0
    try:
        for pid in pids:
            for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
                try:
                    total += int(stat.read_text().split()[1])
                except (OSError, IndexError, ValueError):
                    continue
    except OSError:
        return None
    return total / 1e9


def engine_pids(warm_reports: Sequence[dict[str, Any]]) -> list[int]:
    """The processes of an engine: its workers and their parents (Dask nannies), not us."""
    me = os.getpid()
    pids: set[int] = set()
    for rep in warm_reports:
        pid = rep["pid"]
        if pid == me:
            continue
        pids.add(pid)
        try:
            parent = psutil.Process(pid).ppid()
        except psutil.Error:
            continue
        if parent != me:
            pids.add(parent)
    return sorted(pids)


def other_programs_cores(window: float = 3.0) -> float:
    """Cores kept busy by programs other than ours over the next ``window`` seconds."""
    busy0, ours0 = _machine_busy_seconds(), _our_cpu_seconds()
    time.sleep(window)
    return max(0.0, (_machine_busy_seconds() - busy0) - (_our_cpu_seconds() - ours0)) / window


def wait_for_quiet(max_load: float | None, max_others: float | None, max_wait: float) -> float:
    """Wait (up to ``max_wait`` s) until the 1-minute load average is below ``max_load`` and
    other programs keep fewer than ``max_others`` cores busy; returns the load average."""
    deadline = time.monotonic() + max_wait
    while time.monotonic() < deadline:
        if max_load is not None and os.getloadavg()[0] > max_load:
            time.sleep(3)
            continue
        if max_others is not None and other_programs_cores() > max_others:
            continue
        break
    return os.getloadavg()[0]


# -- one run ----------------------------------------------------------------------------
def timed_run(eng: Engine, articles: Sequence[Article], partition_size: int,
              partition_chars: int | None = None, pids: Sequence[int] = ()) -> dict[str, Any]:
    """Run the corpus once on an open, warm engine; wall time, CPU and per-worker figures.

    ``pids`` are the engine's processes: "engine CPU" counts them and this process (driver,
    and the scheduler of a LocalCluster); "others" is the machine minus all of ours."""
    load0 = os.getloadavg()[0]
    busy0, all0, eng0 = _machine_busy_seconds(), _our_cpu_seconds(), _our_cpu_seconds(pids)
    workers = [p for p in pids if p != os.getpid()] or [os.getpid()]
    queued0 = runqueue_wait_seconds(workers)
    t0 = time.perf_counter()
    ok = rejected = parts = 0
    worker_cpu = 0.0
    rss: dict[int, float] = {}
    arts_by_pid: dict[int, int] = {}
    cpu_by_pid: dict[int, float] = {}
    for part in run_partitions(articles, engine=eng, partition_size=partition_size,
                               partition_chars=partition_chars):
        parts += 1
        worker_cpu += part.cpu_seconds
        cpu_by_pid[part.pid] = cpu_by_pid.get(part.pid, 0.0) + part.cpu_seconds
        rss[part.pid] = max(rss.get(part.pid, 0.0), part.peak_rss_mb)
        arts_by_pid[part.pid] = arts_by_pid.get(part.pid, 0) + len(part.results)
        for res in part.results:
            if isinstance(res, Rejection):
                rejected += 1
            else:
                ok += 1
    wall = time.perf_counter() - t0
    busy, all_ours = _machine_busy_seconds() - busy0, _our_cpu_seconds() - all0
    ours = _our_cpu_seconds(pids) - eng0
    queued1 = runqueue_wait_seconds(workers)
    queued = None if queued0 is None or queued1 is None else queued1 - queued0
    n = eng.n_workers
    # what the run would take with a core per worker and nobody else on the machine: the
    # busiest worker's CPU time, or all our CPU time (workers, driver, scheduler) spread
    # over the cores we may use (one spare for the driver when there is one), if larger
    cores = min(n + 1, os.cpu_count() or 1)
    dedicated = max(max(cpu_by_pid.values(), default=0.0), ours / cores)
    return {
        "seconds": round(wall, 3),
        "articles": ok,
        "rejected": rejected,
        "partitions": parts,
        "articles_per_s": round(ok / wall, 2) if wall > 0 else None,
        "worker_cpu_seconds": round(worker_cpu, 2),
        "our_cpu_seconds": round(ours, 2),
        "worker_utilisation": round(worker_cpu / (wall * n), 3) if wall > 0 else None,
        "other_programs_cores": round(max(0.0, busy - all_ours) / wall, 2) if wall > 0 else None,
        "load_start": round(load0, 2),
        "load_end": round(os.getloadavg()[0], 2),
        "peak_rss_mb_per_worker": {str(pid): round(mb, 1) for pid, mb in sorted(rss.items())},
        "articles_per_worker": {str(pid): k for pid, k in sorted(arts_by_pid.items())},
        "cpu_seconds_per_worker": {str(pid): round(c, 2) for pid, c in sorted(cpu_by_pid.items())},
        "dedicated_cores_seconds": round(dedicated, 3),
        # how long the engine's threads were ready to run but had no CPU (other programs)
        "runqueue_wait_seconds": round(queued, 2) if queued is not None else None,
    }


# -- the benchmark ----------------------------------------------------------------------
def run_benchmark(articles: Sequence[Article], engines: Sequence[str], workers: Sequence[int],
                  partition_size: int, repeat: int, partition_chars: int | None = None,
                  max_load: float | None = None, max_others: float | None = None,
                  max_wait: float = 0.0, log: Any = None) -> dict[str, Any]:
    """For each engine: open it with every worker count, warm each up, interleave timed runs
    (1, 2, then 2, 1, ...), close. One engine at a time, so that idle clusters do not
    take CPU from the one being timed."""
    say = log or (lambda msg: None)
    warm: dict[str, Any] = {}
    runs: dict[str, list[dict[str, Any]]] = {f"{e}:{w}": [] for e in engines for w in workers}
    for e in engines:
        opened: dict[int, Engine] = {}
        pids: dict[int, list[int]] = {}
        try:
            for w in workers:
                t0 = time.perf_counter()
                eng = open_engine(e, workers=w, retries=0)
                opened[w] = eng
                started = time.perf_counter() - t0
                reports = eng.warm_up()
                pids[w] = engine_pids(reports)
                warm[f"{e}:{w}"] = {"start_seconds": round(started, 2), "workers": reports}
                say(f"{e} x{w}: started in {started:.1f} s, warm-up "
                    f"{', '.join(str(r['seconds']) for r in reports)} s")
            for r in range(repeat):
                for w in (workers if r % 2 == 0 else list(reversed(workers))):
                    load = wait_for_quiet(max_load, max_others, max_wait)
                    res = timed_run(opened[w], articles, partition_size, partition_chars,
                                    pids[w])
                    res["round"] = r
                    runs[f"{e}:{w}"].append(res)
                    say(f"round {r} {e} x{w}: {res['seconds']:.1f} s, "
                        f"{res['articles_per_s']} art/s, util {res['worker_utilisation']}, "
                        f"others {res['other_programs_cores']} cores, load {load:.2f}")
        finally:
            for eng in opened.values():
                eng.close()
    return {"warm_up": warm, "runs": runs, "summary": summarise(runs, engines, workers)}


def summarise(runs: dict[str, list[dict[str, Any]]], engines: Sequence[str],
              workers: Sequence[int]) -> list[dict[str, Any]]:
    """Medians per configuration; speed-up against the smallest worker count, per round."""
    out = []
    base_w = min(workers)
    for e in engines:
        base = {r["round"]: r["seconds"] for r in runs[f"{e}:{base_w}"]}
        for w in workers:
            rs = runs[f"{e}:{w}"]
            if not rs:
                continue
            ratios = [base[r["round"]] / r["seconds"] for r in rs if r["seconds"] > 0]
            dbase = {r["round"]: r["dedicated_cores_seconds"] for r in runs[f"{e}:{base_w}"]}
            dratios = [dbase[r["round"]] / r["dedicated_cores_seconds"] for r in rs
                       if r["dedicated_cores_seconds"] > 0]
            rss: dict[str, float] = {}
            for r in rs:
                for pid, mb in r["peak_rss_mb_per_worker"].items():
                    rss[pid] = max(rss.get(pid, 0.0), mb)
            out.append({
                "engine": e,
                "workers": w,
                "seconds": statistics.median(r["seconds"] for r in rs),
                "articles_per_s": statistics.median(r["articles_per_s"] for r in rs),
                "speed_up": round(statistics.median(ratios), 3),
                "speed_up_runs": [round(x, 3) for x in ratios],
                "best_speed_up": round(min(base.values()) / min(r["seconds"] for r in rs), 3),
                "cpu_bound_speed_up": round(statistics.median(dratios), 3) if dratios else None,
                "worker_cpu_seconds": statistics.median(r["worker_cpu_seconds"] for r in rs),
                "articles_per_worker_cpu_s": round(statistics.median(
                    r["articles"] / r["worker_cpu_seconds"] for r in rs
                    if r["worker_cpu_seconds"] > 0), 2),
                "our_cpu_seconds": statistics.median(r["our_cpu_seconds"] for r in rs),
                "worker_utilisation": statistics.median(r["worker_utilisation"] for r in rs),
                "other_programs_cores": statistics.median(r["other_programs_cores"] for r in rs),
                "runqueue_wait_seconds": statistics.median(
                    r.get("runqueue_wait_seconds") or 0.0 for r in rs),
                "load": [r["load_start"] for r in rs],
                "peak_rss_mb_per_worker": sorted(rss.values()),
                "runs": len(rs),
            })
    return out


def format_table(report: dict[str, Any]) -> str:
    """The summary as a plain-text table."""
    c, s = report["corpus"], report["settings"]
    lines = [
        f"corpus: {c['articles']} articles ({c['synthetic']} synthetic, {c['eval_texts']} AFP "
        f"texts), {c['chars']:,} characters; partitions of {s['partition_size']} articles / "
        f"{s['partition_chars']} characters; "
        f"median of {s['repeat']} interleaved runs, warm-up excluded",
        f"machine: {s['cpu_count']} CPUs, load average {s['load_before']} before, "
        f"{s['load_after']} after",
        "",
        f"{'engine':<7}{'workers':>8}{'seconds':>9}{'art/s':>8}{'speed-up':>9}{'best':>6}"
        f"{'CPU-bnd':>8}{'wkr CPU s':>10}{'util':>6}{'others':>7}{'queued s':>9}  "
        f"{'peak RSS/worker (MB)':<22}"
        f"{'load at start'}",
    ]
    for r in report["summary"]:
        lines.append(
            f"{r['engine']:<7}{r['workers']:>8}{r['seconds']:>9.1f}{r['articles_per_s']:>8.1f}"
            f"{r['speed_up']:>8.2f}x{r['best_speed_up']:>5.2f}x{r['cpu_bound_speed_up'] or 0:>7.2f}x"
            f"{r['worker_cpu_seconds']:>10.1f}"
            f"{r['worker_utilisation']:>6.2f}{r['other_programs_cores']:>7.2f}"
            f"{r['runqueue_wait_seconds']:>9.1f}  "
            f"{', '.join(f'{x:.0f}' for x in r['peak_rss_mb_per_worker']):<22}"
            f"{', '.join(f'{x:.1f}' for x in r['load'])}"
        )
    lines += [
        "",
        "speed-up: median over rounds of (1-worker time / N-worker time), same engine; best: "
        "fastest vs fastest run",
        "util: worker CPU s / (wall s x workers); others: cores kept busy by other programs "
        "during the run (machine busy time minus ours)",
        "queued s: seconds the engine's worker threads were ready to run but got no CPU",
        "CPU-bnd: speed-up with a core per worker and no other load, from CPU times: "
        "max(busiest worker's CPU s, all our CPU s / min(workers + 1, CPUs))",
    ]
    per_core = ", ".join(f"{r['engine']} x{r['workers']} {r['articles_per_worker_cpu_s']:.1f}"
                         for r in report["summary"])
    lines.append(f"articles per worker CPU second (per-core throughput): {per_core}")
    for key, w in report["warm_up"].items():
        per = ", ".join(f"{r['seconds']:.1f} s / {r['peak_rss_mb']:.0f} MB" for r in w["workers"])
        lines.append(f"warm-up {key}: cluster/pool start {w['start_seconds']:.1f} s; "
                     f"per worker load {per}")
    return "\n".join(lines)


def _terminate(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synthetic", type=int, default=300, metavar="N",
                    help="synthetic articles (cronica.synth, seed 0); default 300")
    ap.add_argument("--eval-dir", help="shared eval folder (default: $CRONICA_EVAL_DIR or "
                    "../shared/eval); its brat_es_afp/*.txt are added when present")
    ap.add_argument("--no-eval", action="store_true", help="synthetic articles only")
    ap.add_argument("--max-eval", type=int, default=None, help="at most this many AFP texts")
    ap.add_argument("--engines", default="dask,local", help="comma-separated (dask,local)")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts (1,2)")
    ap.add_argument("--partition-size", type=int, default=10, help="articles per partition")
    ap.add_argument("--partition-chars", type=int, default=10_000,
                    help="a partition also ends at this many characters (0: no limit)")
    ap.add_argument("--no-shuffle", action="store_true",
                    help="keep the corpus order (default: shuffled with seed 0, so that long "
                         "and short articles mix as in an archive)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per configuration")
    ap.add_argument("--wait-load", type=float, default=None, metavar="LOAD",
                    help="before each run, wait until the 1-min load average is below LOAD")
    ap.add_argument("--wait-others", type=float, default=None, metavar="CORES",
                    help="before each run, wait until other programs keep fewer than CORES "
                         "cores busy (measured over 3 s)")
    ap.add_argument("--max-wait", type=float, default=120.0,
                    help="seconds to wait for --wait-load/--wait-others at most (then run anyway)")
    ap.add_argument("--json", action="store_true", help="print the full report as JSON")
    ap.add_argument("--out", help="also write the JSON report to this file")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = ap.parse_args(argv)
    import logging

    logging.getLogger("distributed").setLevel(logging.WARNING)  # cluster chatter off stderr

    eval_dir = None if args.no_eval else (Path(args.eval_dir) if args.eval_dir
                                          else default_eval_dir())
    articles, corpus = load_corpus(args.synthetic, eval_dir, args.max_eval)
    if not articles:
        ap.error("empty corpus")
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    workers = sorted({int(w) for w in args.workers.split(",")})

    def log(msg: str) -> None:
        if not args.quiet:
            print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    load_before = [round(x, 2) for x in os.getloadavg()]
    log(f"{corpus['articles']} articles; load {load_before}")
    signal.signal(signal.SIGTERM, _terminate)  # so that clusters and pools are shut down
    if not args.no_shuffle:
        random.Random(0).shuffle(articles)
    result = run_benchmark(articles, engines, workers, args.partition_size, args.repeat,
                           args.partition_chars or None, args.wait_load, args.wait_others,
                           args.max_wait, log)
    report = {
        "corpus": corpus,
        "settings": {
            "command": " ".join([Path(sys.argv[0]).name, *(argv or sys.argv[1:])]),
            "engines": engines,
            "workers": workers,
            "partition_size": args.partition_size,
            "partition_chars": args.partition_chars or None,
            "shuffled": not args.no_shuffle,
            "repeat": args.repeat,
            "threads_per_worker": 1,
            "cpu_count": os.cpu_count(),
            "load_before": load_before,
            "load_after": [round(x, 2) for x in os.getloadavg()],
            "finished_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        },
        **result,
    }
    text = json.dumps(report, indent=2)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    print(text if args.json else format_table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
