"""The plain-text report of a benchmark."""

from __future__ import annotations

from typing import Any


def format_report(report: dict[str, Any]) -> str:
    """A plain-text table of the report."""
    c = report["corpus"]
    st = report["settings"]
    langs = ", ".join(f"{k} {v}" for k, v in sorted(c.get("langs", {}).items()))
    lines = [
        f"corpus: {c['name']}",
        f"  {c.get('articles', 0):,} articles ({langs}), {c.get('sentences', 0):,} sentences, "
        f"{c.get('words', 0):,} words, {c.get('chars', 0):,} characters; "
        f"rejected: {c['rejected_by_reader']} by the reader, {c.get('rejected_by_pipeline', 0)} by "
        f"the pipeline, {c.get('processing_errors', 0)} processing errors",
        f"  median of {st['runs']} runs, warm-up excluded, batch size {st['batch_size']}; "
        f"spaCy {st['spacy']}, {st['cpu_count']} CPUs, load average {st['load_average'][0]}",
        "",
        f"{'procs':>5}  {'pipeline':<11}{'seconds':>8}{'articles/s':>11}{'sents/s':>9}"
        f"{'words/s':>9}{'full/bare':>10}{'CPU s':>8}{'words/CPU s':>12}{'full/bare':>10}"
        f"{'peak RSS':>10}",
    ]
    for r in report["results"]:
        if r.get("blas_threads_per_process"):
            lines.append(f"{'':>5}  (BLAS threads per process: {r['blas_threads_per_process']})")
        for kind, label in (("full", "full"), ("bare", "bare spaCy")):
            m = r[kind]
            full = kind == "full"
            ratio = f"{r['ratio']:.2f}" if full and r.get("ratio") else ""
            cpu_ratio = f"{r['cpu_ratio']:.2f}" if full and r.get("cpu_ratio") else ""
            rss = f"{r['peak_rss_mb']:.0f} MB" if full else ""
            lines.append(
                f"{r['processes']:>5}  {label:<11}{m['seconds']:>8.2f}{m['articles_per_s']:>11.1f}"
                f"{m['sentences_per_s']:>9.1f}{m['words_per_s']:>9.0f}{ratio:>10}"
                f"{m['cpu_seconds']:>8.2f}{m['words_per_cpu_s']:>12.0f}{cpu_ratio:>10}{rss:>10}"
            )
    lines.append(
        "  (seconds are wall time; CPU s is the CPU time of the pass summed over processes, "
        "which load from other programs moves little; peak RSS is per process)"
    )
    for r in report["results"]:
        per_run = [x for x in r.get("cpu_ratio_runs") or [] if x is not None]
        if len(per_run) > 1:
            lines.append(
                f"  {r['processes']} process(es): full/bare CPU of each run (its full pass over "
                f"the bare pass just before it): {' '.join(f'{x:.2f}' for x in per_run)}"
            )
    first = report["results"][0] if report["results"] else {}
    stages = first.get("stage_seconds") or {}
    if stages:
        total = sum(stages.values()) or 1.0
        lines += [
            "",
            "CPU time by stage, one extra pass with a clock on each stage "
            f"({first['processes']} process(es); 'other' = language check, spaCy, sentences):",
        ]
        for name, sec in sorted(stages.items(), key=lambda kv: -kv[1]):
            lines.append(f"  {name:<14}{sec:>8.2f} s {100 * sec / total:>6.1f}%")
    return "\n".join(lines)
