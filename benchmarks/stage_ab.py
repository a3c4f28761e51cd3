"""CPU time of the stages after the parse, this tree against another commit, in ONE process.

    python benchmarks/stage_ab.py 9f27d32                      # protest file, 8 passes each
    python benchmarks/stage_ab.py main --passes 12 --corpus FILE.jsonl
    python benchmarks/stage_ab.py main --passes 6 --per-document   # steadier under load

On a shared machine the CPU time of one pass moves by 10-20 % with the load, so two runs
one after the other (or two processes side by side) cannot tell a 10 % change. Here the
other commit's package is copied out (``git archive``) under the name ``cronica_base``
and both sets of stages run in the same process, over the same parsed documents, in
alternating passes (base, new, new, base, ...): the load hits both alike. Under heavy load
(6-8 on 2 cores) even that left one side 10-17 % slower than the other on the very same code;
``--per-document`` alternates the sides on every document instead (who goes first alternating
too), which kept identical code within 1-2 %. Each pass runs
every stage on one document before the next (the pipeline's order). Printed per side: the
lowest and the median total CPU seconds of a pass, and each stage's lowest.

Each side reads its own data files (the copy's ``resources.files`` names ``cronica_base``):
the base is the whole commit, lexicons and models included. (Until the eighth round both
sides read this tree's data, which compared code only and broke once a model's shape
changed.) Nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import copy
import importlib
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def export_base(commit: str, dest: Path) -> None:
    """The ``src/cronica`` package of ``commit`` as ``dest/cronica_base``."""
    archive = dest / "base.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), commit, "src/cronica"],
                   check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter="data")
    (dest / "src" / "cronica").rename(dest / "cronica_base")
    for path in (dest / "cronica_base").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\bcronica\.", "cronica_base.", text)
        text = re.sub(r"\bfrom cronica import\b", "from cronica_base import", text)
        # its own data files too (lexicons, models): the base is the whole commit, not its
        # code over this tree's data (which also breaks when a model's shape changed)
        text = text.replace('resources.files("cronica")', 'resources.files("cronica_base")')
        path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("commit", help="the commit to compare this tree with")
    ap.add_argument("--corpus", help="a JSONL file (default: the protest file of the shared "
                    "eval folder, $CRONICA_EVAL_DIR or the nearest shared/eval)")
    ap.add_argument("--passes", type=int, default=8, help="timed passes of each side")
    ap.add_argument("--per-document", action="store_true",
                    help="alternate the sides on every document, not on every pass (steadier "
                         "under load: both sides meet the same moment of the machine)")
    args = ap.parse_args(argv)

    if args.corpus is None:
        from cronica.bench import default_eval_dir

        eval_dir = default_eval_dir()
        if eval_dir is None:
            ap.error("no evaluation folder: pass --corpus or set $CRONICA_EVAL_DIR")
        args.corpus = str(eval_dir / "events_es_protest.jsonl")
    tmp = Path(tempfile.mkdtemp(prefix="stage_ab_"))
    export_base(args.commit, tmp)
    sys.path.insert(0, str(tmp))
    from cronica.read import read_inputs

    sides: dict[str, tuple[Any, Any, Any]] = {}
    for name, pkg in (("base", "cronica_base"), ("new", "cronica")):
        pipeline = importlib.import_module(f"{pkg}.pipeline").Pipeline()
        model = importlib.import_module(f"{pkg}.model")
        models = importlib.import_module(f"{pkg}.stages.nlp.models")
        sides[name] = (pipeline, model.ArticleDoc, models.add_sentences)
    new_pipeline = sides["new"][0]
    prepared = [new_pipeline.prepare(a) for a in read_inputs([args.corpus])]
    langs = sorted({a.lang for a in prepared})
    docs = {}
    for lang in langs:
        idx = [i for i, a in enumerate(prepared) if a.lang == lang]
        texts = [prepared[i].article.text for i in idx]
        docs.update(zip(idx, new_pipeline.nlp(lang).pipe(texts, batch_size=32), strict=True))

    def one_doc(name: str, i: int, spent: dict[str, float]) -> None:
        pipeline, article_doc, add_sentences = sides[name]
        a = prepared[i]
        adoc = article_doc(article=copy.copy(a.article), lang=a.lang)
        adoc.doc = docs[i]
        add_sentences(adoc)
        for stage in pipeline.stages(a.lang):
            c0 = time.process_time()
            stage.run(adoc)
            spent[stage.name] = spent.get(stage.name, 0.0) + time.process_time() - c0

    def one_pass(name: str) -> dict[str, float]:
        spent: dict[str, float] = {}
        for i in range(len(prepared)):
            one_doc(name, i, spent)
        return spent

    def interleaved_pass(k: int) -> dict[str, dict[str, float]]:
        # both sides on each document in turn, who goes first alternating with the document
        spent: dict[str, dict[str, float]] = {"base": {}, "new": {}}
        for i in range(len(prepared)):
            for name in ("base", "new") if (i + k) % 2 == 0 else ("new", "base"):
                one_doc(name, i, spent[name])
        return spent

    one_pass("base"), one_pass("new")  # warm-up: data, caches
    runs: dict[str, list[dict[str, float]]] = {"base": [], "new": []}
    for k in range(args.passes):
        if args.per_document:
            got = interleaved_pass(k)
            runs["base"].append(got["base"])
            runs["new"].append(got["new"])
            continue
        for name in ("base", "new") if k % 2 == 0 else ("new", "base"):
            runs[name].append(one_pass(name))
    for name in ("base", "new"):
        totals = [sum(r.values()) for r in runs[name]]
        stages = {s: min(r[s] for r in runs[name]) for s in runs[name][0]}
        print(f"{name:4}  total min {min(totals):.3f} s, median {statistics.median(totals):.3f} s | "
              + " ".join(f"{s} {v:.3f}" for s, v in stages.items()))
    ratios = [sum(n.values()) / sum(b.values()) for b, n in zip(runs["base"], runs["new"], strict=True)]
    print("new/base per pass: " + " ".join(f"{r:.3f}" for r in ratios)
          + f" (median {statistics.median(ratios):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
