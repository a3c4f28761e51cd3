"""Time of each pipeline stage, measured separately over the same parsed documents.

    python benchmarks/stage_profile.py                      # protest, fight and BRAT texts
    python benchmarks/stage_profile.py --repeat 5 --json    # machine-readable
    python benchmarks/stage_profile.py --corpus fight=/path/to/file.jsonl

For each corpus the texts go through ``nlp.pipe`` once (timed: the 'parse' row); then,
``--repeat`` times, fresh :class:`ArticleDoc` objects on those same spaCy docs go through
the sentence split and each stage in pipeline order, one stage over all documents before
the next (each stage sees what the earlier ones added), with a clock around each stage.
The figure per stage is the median over repeats; '% parse' sets it beside the parse time.
The default corpora are read in place from the shared evaluation folder ($CRONICA_EVAL_DIR
or the nearest ``shared/eval``); nothing is copied.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from cronica.bench import default_eval_dir  # noqa: E402
from cronica.errors import InputError, Rejection  # noqa: E402
from cronica.model import Article, ArticleDoc  # noqa: E402
from cronica.pipeline import Pipeline  # noqa: E402
from cronica.read import read_inputs  # noqa: E402
from cronica.stages.nlp.models import add_sentences  # noqa: E402


def default_corpora(eval_dir: Path) -> dict[str, list[str]]:
    """The protest and fight sentences and the BRAT AFP articles of the eval folder."""
    return {
        "protest": [str(eval_dir / "events_es_protest.jsonl")],
        "fight": [str(eval_dir / "events_es_fight.jsonl")],
        "brat": [str(p) for p in sorted((eval_dir / "brat_es_afp").glob("*.txt"))],
    }


def read_articles(paths: list[str], lang: str | None = "es") -> list[Article]:
    """Articles of ``paths``; those without a language get ``lang`` (the BRAT files)."""
    out = []
    for item in read_inputs(paths):
        if isinstance(item, Rejection):
            continue
        if lang and not item.lang:
            item.lang = lang
        out.append(item)
    return out


def profile_corpus(
    pipeline: Pipeline, articles: list[Article], repeat: int, batch_size: int
) -> dict[str, Any]:
    """Parse once, then time the sentence split and each stage over the same docs."""
    prepared: list[ArticleDoc] = []
    for art in articles:
        try:
            prepared.append(pipeline.prepare(art))
        except InputError:
            continue
    langs = sorted({a.lang for a in prepared})
    docs: list[Any] = [None] * len(prepared)
    parse_s = parse_cpu = 0.0
    for lang in langs:
        idx = [i for i, a in enumerate(prepared) if a.lang == lang]
        nlp = pipeline.nlp(lang)
        list(nlp.pipe([prepared[i].article.text for i in idx[:8]], batch_size=batch_size))
        t0, c0 = time.perf_counter(), time.process_time()
        for i, doc in zip(idx, nlp.pipe((prepared[i].article.text for i in idx),
                                         batch_size=batch_size), strict=True):
            docs[i] = doc
        parse_s += time.perf_counter() - t0
        parse_cpu += time.process_time() - c0
    for lang in langs:  # warm-up: stage data, gazetteer, compiled patterns
        for i in [i for i, a in enumerate(prepared) if a.lang == lang][:8]:
            pipeline.annotate(ArticleDoc(article=copy.copy(prepared[i].article), lang=lang),
                              docs[i])
    samples: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    sentences = events = 0
    for _ in range(repeat):
        adocs = [ArticleDoc(article=copy.copy(a.article), lang=a.lang) for a in prepared]
        t0, c0 = time.perf_counter(), time.process_time()
        for adoc, doc in zip(adocs, docs, strict=True):
            adoc.doc = doc
            add_sentences(adoc)
        samples.setdefault("sentences", []).append(time.perf_counter() - t0)
        cpu.setdefault("sentences", []).append(time.process_time() - c0)
        for lang in langs:
            mine = [a for a in adocs if a.lang == lang]
            for stage in pipeline.stages(lang):
                t0, c0 = time.perf_counter(), time.process_time()
                for adoc in mine:
                    stage.run(adoc)
                samples.setdefault(stage.name, []).append(time.perf_counter() - t0)
                cpu.setdefault(stage.name, []).append(time.process_time() - c0)
        sentences = sum(len(a.sentences) for a in adocs)
        events = sum(len(a.events) for a in adocs)
    stages = {name: statistics.median(v) for name, v in samples.items()}
    stages_cpu = {name: statistics.median(v) for name, v in cpu.items()}
    total, total_cpu = sum(stages.values()), sum(stages_cpu.values())
    return {
        "articles": len(prepared),
        "sentences": sentences,
        "events": events,
        "parse_s": round(parse_s, 4),
        "parse_cpu_s": round(parse_cpu, 4),
        "stages_s": {k: round(v, 4) for k, v in stages.items()},
        "stages_cpu_s": {k: round(v, 4) for k, v in stages_cpu.items()},
        "stages_total_s": round(total, 4),
        "stages_total_cpu_s": round(total_cpu, 4),
        "ratio_to_parse": round((parse_s + total) / parse_s, 3) if parse_s else None,
        "cpu_ratio_to_parse": round((parse_cpu + total_cpu) / parse_cpu, 3) if parse_cpu else None,
        "sentences_per_s": round(sentences / (parse_s + total), 1),
        "sentences_per_cpu_s": round(sentences / (parse_cpu + total_cpu), 1),
    }


def format_table(report: dict[str, Any]) -> str:
    """One block per corpus: parse, then each stage: CPU and wall seconds, CPU ms per
    sentence, and CPU time as a share of the parse's CPU time."""
    lines = [f"load average {report['load_average']}, median of {report['repeat']} repeats; "
             "CPU = process CPU time (little moved by other load), wall = elapsed"]
    for name, r in report["corpora"].items():
        parse = r["parse_cpu_s"] or 1e-9
        n = max(1, r["sentences"])
        rows = [("parse", r["parse_cpu_s"], r["parse_s"])]
        rows += [(k, r["stages_cpu_s"][k], r["stages_s"][k]) for k in r["stages_s"]]
        rows.append(("all stages", r["stages_total_cpu_s"], r["stages_total_s"]))
        lines += [
            "",
            f"{name}: {r['articles']} articles, {r['sentences']} sentences, {r['events']} events",
            f"  {'stage':<12}{'CPU s':>9}{'wall s':>9}{'CPU ms/sent':>13}{'% parse':>9}",
        ]
        for stage, c, w in rows:
            lines.append(f"  {stage:<12}{c:>9.3f}{w:>9.3f}{1000 * c / n:>13.3f}"
                         f"{100 * c / parse:>9.1f}")
        lines.append(f"  (parse + stages) / parse: CPU {r['cpu_ratio_to_parse']}, wall "
                     f"{r['ratio_to_parse']}; sentences per CPU s {r['sentences_per_cpu_s']}, "
                     f"per wall s {r['sentences_per_s']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", help="the shared evaluation folder")
    ap.add_argument("--corpus", action="append", default=[], metavar="NAME=PATH",
                    help="a corpus to profile instead of the defaults (repeatable)")
    ap.add_argument("--repeat", type=int, default=3, help="timed repeats of the stages")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    args = ap.parse_args(argv)

    if args.corpus:
        corpora: dict[str, list[str]] = {}
        for spec in args.corpus:
            name, _, path = spec.partition("=")
            p = Path(path or name)
            corpora[name if path else p.stem] = (
                [str(x) for x in sorted(p.glob("*.txt"))] if p.is_dir() else [str(p)])
    else:
        eval_dir = Path(args.eval_dir) if args.eval_dir else default_eval_dir()
        if eval_dir is None or not eval_dir.is_dir():
            ap.error("no evaluation folder: pass --eval-dir or set $CRONICA_EVAL_DIR")
        corpora = default_corpora(eval_dir)

    pipeline = Pipeline()
    report: dict[str, Any] = {"repeat": args.repeat, "batch_size": args.batch_size,
                              "corpora": {}}
    for name, paths in corpora.items():
        report["corpora"][name] = profile_corpus(pipeline, read_articles(paths), args.repeat,
                                                 args.batch_size)
    report["load_average"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report, indent=2) if args.json else format_table(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
