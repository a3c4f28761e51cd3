"""How many BRAT AFP gold triggers do text defects cost? Parse a cleaned copy and compare.

The AFP texts carry defects a clean sentence of the same shape does not: runs of spaces,
line breaks inside a sentence (wrapped lines), dashes glued to words ('-sobre todo ...-',
'expulsados--'), stray quotation marks. This script runs the events stage of
``brat_trigger_recall.py`` over the annotated articles of one part twice: on the text as
stored, and on a copy with the chosen defects removed (gold offsets mapped into the copy),
and counts the gold triggers with an event or a secondary event word at them in each.
``--part fit`` lists the triggers whose outcome changes; ``--part check`` prints the totals
only.

Cleanings (``--clean``, comma-separated):
  space   a run of spaces or tabs becomes one space;
  lines   a line break inside a sentence (the line does not end a sentence and the next one
          starts in lower case or with an opening bracket or quote) becomes one space;
  hyphen  a dash glued to the start or end of a word is set apart by a space;
  ddash   a double dash ('--') becomes spaces;
  quotes  every double quotation mark becomes a space (an upper bound for stray quotes).

Usage: python scripts/text_defect_recall.py ../shared/eval/brat_es_afp [--part fit|check]
       [--clean space,lines,hyphen,ddash,quotes]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from brat_trigger_recall import _ov, event_ranges  # noqa: E402

from cronica.evaluate.brat import read_brat_dir  # noqa: E402
from cronica.evaluate.split import part_of  # noqa: E402

_QUOTES = '"\u201c\u201d\u00ab\u00bb'
_SOFT_BREAK = re.compile(r"([^\r\n]*?)(\r?\n)(?=([^\r\n]+))")


def soft_breaks(text: str) -> set[int]:
    """Offsets of line breaks inside a sentence (a wrapped line)."""
    out: set[int] = set()
    for m in _SOFT_BREAK.finditer(text):
        prev, nxt = m.group(1).rstrip(), m.group(3).lstrip()
        if not prev or not nxt or re.search(r"[.!?:\"»”)]$", prev):
            continue
        if nxt[0].islower() or (nxt[0] in "(\"" and not prev.endswith(".")):
            out.add(m.start(2))
    return out


def clean(text: str, modes: set[str]) -> tuple[str, list[int]]:
    """The cleaned text and, for every offset of ``text`` (and its end), its offset there."""
    out: list[str] = []
    where: list[int] = []
    soft = soft_breaks(text) if "lines" in modes else set()
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if i in soft:
            k = i
            while k < n and text[k] in "\r\n":
                k += 1
            if not out or out[-1] != " ":
                out.append(" ")
            where += [len(out) - 1] * (k - i)
            i = k
            continue
        if "space" in modes and c in " \t" and out and out[-1] in " \t":
            where.append(len(out) - 1)
        elif "quotes" in modes and c in _QUOTES:
            where.append(len(out))
            out.append(" ")
        elif "ddash" in modes and c == "-" and "-" in (prev, nxt):
            where.append(len(out))
            out.append(" ")
        elif "hyphen" in modes and c == "-" and prev.isspace() and nxt.isalpha():
            where.append(len(out))
            out += ["-", " "]
        elif "hyphen" in modes and c == "-" and prev.isalpha() and (nxt.isspace() or nxt in ",.;:"):
            out.append(" ")
            where.append(len(out))
            out.append("-")
        else:
            where.append(len(out))
            out.append(c)
        i += 1
    where.append(len(out))
    return "".join(out), where


def main(argv: list[str] | None = None) -> int:
    from cronica.model import Article
    from cronica.pipeline import Pipeline

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("brat_dir")
    p.add_argument("--part", choices=("fit", "check"), default="fit")
    p.add_argument("--clean", default="space,lines,hyphen,ddash")
    args = p.parse_args(argv)
    modes = set(args.clean.split(","))
    docs, _ = read_brat_dir(args.brat_dir)
    docs = [d for d in docs if part_of(d.id) == args.part]
    pipe = Pipeline(only=("actors", "events"))
    hits: dict[str, dict[tuple[str, int], bool]] = {}
    changed = 0
    for variant in ("stored", "cleaned"):
        arts, maps = [], []
        for d in docs:
            text, where = (d.text, list(range(len(d.text) + 1))) if variant == "stored" else clean(d.text, modes)
            changed += variant == "cleaned" and text != d.text
            maps.append(where)
            arts.append(Article(id=d.id, text=text, lang="es", date=d.date, origin=d.id, source="AFP"))
        got: dict[tuple[str, int], bool] = {}
        for d, where, r in zip(docs, maps, pipe.pipe(arts), strict=True):
            rs = event_ranges(r.to_dict() if hasattr(r, "to_dict") else {})
            for k, g in enumerate(d.triggers):
                spans = [(where[a], where[b]) for a, b in g.spans]
                got[(d.id, k)] = any(_ov(s, x) for s in spans for x in rs)
        hits[variant] = got
    n = len(hits["stored"])
    print(f"# {args.part} articles {len(docs)} ({changed} changed by {args.clean}); gold triggers {n}; "
          f"with an event: stored {sum(hits['stored'].values())}, cleaned {sum(hits['cleaned'].values())}",
          file=sys.stderr)
    if args.part == "fit":
        byid = {d.id: d for d in docs}
        for key, was in hits["stored"].items():
            if was != hits["cleaned"][key]:
                g = byid[key[0]].triggers[key[1]]
                print(f"{'gained' if not was else 'lost'}\t{key[0]}\t{g.text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
