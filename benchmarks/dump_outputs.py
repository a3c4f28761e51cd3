"""Dump the full pipeline output (``ArticleDoc.to_dict()``, one JSON line per article) for
the eval texts, to check that a refactor changes nothing: run it on both states and ``cmp``.

Usage: python benchmarks/dump_outputs.py OUT.jsonl [EVAL_DIR]   (default ../shared/eval)
Texts: every record of the four event gold files, the first 60 BRAT AFP articles and the
first 40 PolNeAR texts (845 articles, es and en). Nothing is copied into the repository.
"""

from __future__ import annotations

import glob
import json
import sys
from pathlib import Path

from cronica.model import Article
from cronica.pipeline import Pipeline


def articles(root: Path) -> list[Article]:
    out: list[Article] = []
    for name in ("events_es_protest", "events_es_fight", "events_es_1018", "events_en_plover"):
        for line in (root / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            out.append(Article(id=r["id"], text=r["text"], date=r.get("date"), lang=r.get("lang")))
    for p in sorted(glob.glob(str(root / "brat_es_afp" / "*.txt")))[:60]:
        out.append(Article(id=p, text=Path(p).read_text(encoding="utf-8"), lang="es", date="2020-01-01"))
    for p in sorted(glob.glob(str(root / "polnear" / "**" / "*.txt"), recursive=True))[:40]:
        out.append(Article(id=p, text=Path(p).read_text(encoding="utf-8"), lang="en", date="2020-01-01"))
    return out


def main() -> None:
    root = Path(sys.argv[2] if len(sys.argv) > 2 else "../shared/eval")
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for res in Pipeline().pipe(articles(root)):
            out.write(json.dumps(res.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
