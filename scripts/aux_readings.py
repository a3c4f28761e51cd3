"""Aux-mode readings on unannotated agency copy, to check an aux rule where no gold exists.

The attribution dev gold (12 articles) is too small to tell a general aux rule from a lucky
one, so every rule of branches ``aux3`` / ``aux4`` was also read on the ``brat_es_afp``
articles that are *not* in the attribution gold: the rule is kept only when most of the
readings it changes are right.

``dump OUT.jsonl``: runs the full pipeline on those articles (each dated by the day in its
file name) and writes one line per event and secondary event: article, trigger, PLOVER type,
aux mode, the words and rule that decided it (``aux_evidence``) and the trigger's sentence.

``diff BEFORE.jsonl AFTER.jsonl``: prints the events whose aux mode differs between two dumps
(made before and after a change), with the deciding rule and the sentence, numbered, to be
read and counted right or wrong by hand; ``--rule TEXT`` keeps the readings whose rule (after,
else before) contains TEXT.

    .venv/bin/python scripts/aux_readings.py dump /tmp/before.jsonl
    (change a rule)
    .venv/bin/python scripts/aux_readings.py dump /tmp/after.jsonl
    .venv/bin/python scripts/aux_readings.py diff /tmp/before.jsonl /tmp/after.jsonl

The output holds article text: keep it outside the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
_DAY = re.compile(r"_(\d{4})(\d{2})(\d{2})\.")


def _sentence(text: str, start: int, end: int) -> str:
    """The stretch of ``text`` around a trigger, from the previous full stop or line break."""
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return text[left:(min(stops) + 1 if stops else len(text))]


def dump(out_path: str, articles: Path, gold: Path) -> int:
    from cronica.errors import Rejection
    from cronica.model import Article
    from cronica.pipeline import Pipeline

    annotated = {json.loads(line)["article"] for line in gold.open(encoding="utf-8") if line.strip()}
    arts = []
    for path in sorted(articles.glob("*.txt")):
        day = _DAY.search(path.name + ".")
        if path.stem in annotated or day is None:
            continue
        arts.append(Article(id=path.stem, text=path.read_text(encoding="utf-8"), lang="es",
                            date=f"{day[1]}-{day[2]}-{day[3]}", origin=path.stem, source="AFP"))
    with open(out_path, "w", encoding="utf-8") as out:
        for art, res in zip(arts, Pipeline().pipe(arts), strict=True):
            if isinstance(res, Rejection):
                continue
            doc = res.to_dict()
            for kind in ("events", "secondary_events"):
                for e in doc.get(kind) or []:
                    t = e["trigger"]
                    row = {"art": art.id, "pub": art.date, "kind": kind, "start": t["start"],
                           "trig": t["text"], "type": e.get("event"), "aux": e.get("aux_mode"),
                           "ev": e.get("aux_evidence"), "emb": bool(e.get("embedded_in")),
                           "date": e.get("date"), "sent": _sentence(art.text, t["start"], t["end"])}
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(arts)} articles -> {out_path}", file=sys.stderr)
    return 0


def _load(path: str) -> dict[tuple[Any, ...], dict[str, Any]]:
    rows = (json.loads(line) for line in open(path, encoding="utf-8") if line.strip())
    return {(r["art"], r["kind"], r["start"], r["type"], r["emb"]): r for r in rows}


def diff(before_path: str, after_path: str, rule: str | None) -> int:
    before, after = _load(before_path), _load(after_path)
    n = 0
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        was, now = old and old["aux"], new and new["aux"]
        if was == now:
            continue
        row = new or old or {}
        ev = (new or {}).get("ev") or (old or {}).get("ev") or {}
        if rule and rule not in str(ev.get("rule", "")):
            continue
        n += 1
        print(f"[{n}] {row['art']} pub={row['pub']} {row['trig']!r} {row['type']} {was} -> {now}"
              f"  rule={ev.get('rule')} words={ev.get('text')!r}")
        print("    ", row["sent"][:400].replace("\n", " "))
    print(f"{n} readings changed", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump", help="aux modes of every event of the unannotated articles")
    d.add_argument("out")
    d.add_argument("--articles", type=Path, default=EVAL / "brat_es_afp")
    d.add_argument("--gold", type=Path, default=EVAL / "attribution_es_dev.jsonl",
                   help="the articles listed here are left out")
    f = sub.add_parser("diff", help="the readings that changed between two dumps")
    f.add_argument("before")
    f.add_argument("after")
    f.add_argument("--rule", help="only readings whose deciding rule contains this text")
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        return dump(args.out, args.articles, args.gold)
    return diff(args.before, args.after, args.rule)


if __name__ == "__main__":
    raise SystemExit(main())
