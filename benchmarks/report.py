"""Render the JSON reports of benchmarks/run_evals.sh (out/eval/) as Markdown tables.

Usage: python benchmarks/report.py [out/eval]  -> prints the tables for docs/benchmarks.md
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _load(folder: Path, name: str) -> dict[str, Any] | None:
    path = folder / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _f(x: Any) -> str:
    return f"{x:.3f}" if isinstance(x, float) else ("–" if x is None else str(x))


def events(folder: Path) -> list[str]:
    rows = ["| gold file | scoring | P | R | F1 | target |", "|---|---|---|---|---|---|"]
    spec = [
        ("events_es_protest_merged", "events_es_protest.jsonl", "PROTEST+MOBILIZE merged", ">= 0.60 (goal 0.80)"),
        ("events_es_protest_strict", "events_es_protest.jsonl", "strict", "–"),
        ("events_es_fight", "events_es_fight.jsonl", "strict", ">= 0.85 (goal 0.92)"),
        ("events_es_1018", "events_es_1018.jsonl", "PROTEST+MOBILIZE merged", "–"),
        ("events_en_plover", "events_en_plover.jsonl", "strict", ">= 0.70"),
    ]
    for name, file, how, target in spec:
        d = _load(folder, name)
        if d:
            rows.append(f"| {file} | {how} | {_f(d['precision'])} | {_f(d['recall'])} | "
                        f"**{_f(d['f1'])}** | {target} |")
    return rows


def actors(folder: Path) -> list[str]:
    rows = ["| gold file | gold actors | found | country | sector | country+sector exact |",
            "|---|---|---|---|---|---|"]
    for name in ("actors_es_fight", "actors_es_1018", "actors_en_plover"):
        d = _load(folder, name)
        if d:
            rows.append(f"| {name.removeprefix('actors_')} | {d['n']} | {_f(d['found'])} | "
                        f"{_f(d['country'])} | {_f(d['sector'])} | **{_f(d['exact'])}** |")
    return rows


def dates(folder: Path) -> list[str]:
    rows = ["| corpus | DATE timexes | extraction F1 strict / relaxed | value accuracy strict / relaxed | target |",
            "|---|---|---|---|---|"]
    for name, corpus in (("dates_es", "HourGlass (es)"), ("dates_en", "TimeBank TempEval-3 (en)")):
        d = _load(folder, name)
        if d:
            rows.append(f"| {corpus} | {d['gold_dates']} | {_f(d['strict']['f1'])} / "
                        f"{_f(d['relaxed']['f1'])} | **{_f(d['value_accuracy_strict'])}** / "
                        f"{_f(d['value_accuracy_relaxed'])} | >= 0.85 |")
    return rows


def geo(folder: Path) -> list[str]:
    rows = ["| gold | toponyms | coverage | Acc@25 | Acc@161 | median km | target |",
            "|---|---|---|---|---|---|---|"]
    for name, corpus, target in (("geo_geovirus", "GeoVirus (en)", "Acc@161 >= 0.85"),
                                 ("geo_gwn", "GeoWebNews (en)", "Acc@161 >= 0.85"),
                                 ("geo_acled", "ACLED places", "Acc@25 >= 0.80")):
        d = _load(folder, name)
        if d:
            rows.append(f"| {corpus} | {d['n']} | {_f(d['coverage'])} | {_f(d.get('acc@25'))} | "
                        f"{_f(d.get('acc@161'))} | {_f(d['median_km'])} | {target} |")
    return rows


def ner(folder: Path) -> list[str]:
    d = _load(folder, "ner_es")
    if not d:
        return []
    rows = ["| type | P | R | F1 |", "|---|---|---|---|"]
    for t, v in d["per_type"].items():
        rows.append(f"| {t} | {_f(v['precision'])} | {_f(v['recall'])} | {_f(v['f1'])} |")
    rows.append(f"| **micro** | {_f(d['micro']['precision'])} | {_f(d['micro']['recall'])} | "
                f"**{_f(d['micro']['f1'])}** |")
    rows.append(f"| span only | | | {_f(d['span_only']['f1'])} |")
    return rows


def brat(folder: Path) -> list[str]:
    d = _load(folder, "brat_es")
    a = _load(folder, "attribution_polnear")
    rows = ["| measure | value |", "|---|---|"]
    if d:
        t, loc = d["triggers"], d["locations"]
        rows += [
            f"| BRAT AFP triggers P / R / F1 | {_f(t['precision'])} / {_f(t['recall'])} / {_f(t['f1'])} |",
            f"| BRAT source accuracy (when predicted) | {_f(d['source']['accuracy'])} ({_f(d['source']['accuracy_when_predicted'])}) |",
            f"| BRAT target accuracy (when predicted) | {_f(d['target']['accuracy'])} ({_f(d['target']['accuracy_when_predicted'])}) |",
            f"| BRAT locations P / R / F1 | {_f(loc['precision'])} / {_f(loc['recall'])} / {_f(loc['f1'])} |",
        ]
    if a:
        c = a["cues"]
        rows += [
            f"| PolNeAR attribution cues P / R / F1 | {_f(c['precision'])} / {_f(c['recall'])} / {_f(c['f1'])} |",
            f"| PolNeAR speaker correct on matched cues | {_f(a['source']['accuracy'])} |",
            f"| PolNeAR content character F1 | {_f(a['content']['char_f1'])} |",
        ]
    return rows


def main(folder: str = "out/eval") -> int:
    root = Path(folder)
    for title, fn in (("Events", events), ("Actors", actors), ("Dates", dates), ("Places", geo),
                      ("Named entities (CoNLL-2002 es dev)", ner),
                      ("Articles and attribution", brat)):
        lines = fn(root)
        if lines:
            print(f"### {title}\n")
            print("\n".join(lines))
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
