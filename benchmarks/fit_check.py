"""The round's headline figures, *fit* beside *check*, as one Markdown table.

Usage: python benchmarks/fit_check.py [EVAL_DIR]   (default ../shared/eval or CRONICA_EVAL_DIR)

Each figure is one ``cronica eval ... --json`` run per part (or one run where the eval
reports both parts itself); the split is :mod:`cronica.evaluate.split`. The targets are the
issue targets on *check*. Prints the table and the commands that made it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CRONICA = str(ROOT / ".venv" / "bin" / "cronica")

Getter = Callable[[dict[str, Any]], float]


def _run(args: list[str]) -> dict[str, Any]:
    out = subprocess.run([CRONICA, "eval", *args, "--json"], capture_output=True, text=True,
                         check=False, cwd=ROOT)
    if out.returncode not in (0, 1) or not out.stdout.strip():
        raise SystemExit(f"cronica eval {' '.join(args)} failed: {out.stderr.strip()[-500:]}")
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _per_part(args: list[str], get: Getter) -> tuple[float, float]:
    """An eval that scores one part per run (--part)."""
    fit, check = (get(_run([*args, "--part", p])) for p in ("fit", "check"))
    return fit, check


def _both(args: list[str], get: Callable[[dict[str, Any], str], float]) -> tuple[float, float]:
    """An eval that reports both parts in one run."""
    res = _run(args)
    return get(res, "fit"), get(res, "check")


def rows(ev: str) -> list[tuple[str, str, tuple[float, float], str]]:
    """(measure, command, (fit, check), target) for every headline figure."""
    protest = [f"{ev}/events_es_protest.jsonl"]
    out: list[tuple[str, str, tuple[float, float], str]] = []

    def add(name: str, cmd: list[str], vals: tuple[float, float], target: str) -> None:
        out.append((name, "cronica eval " + " ".join(cmd), vals, target))

    f1: Getter = lambda r: float(r["f1"])  # noqa: E731
    add("protest merged F1", ["events", *protest, "--merge", "PROTEST,MOBILIZE"],
        _per_part(["events", *protest, "--merge", "PROTEST,MOBILIZE"], f1), ">= 0.70")
    add("fight F1", ["events", f"{ev}/events_es_fight.jsonl"],
        _per_part(["events", f"{ev}/events_es_fight.jsonl"], f1), ">= 0.90")
    add("English PLOVER F1", ["events", f"{ev}/events_en_plover.jsonl"],
        _per_part(["events", f"{ev}/events_en_plover.jsonl"], f1), ">= 0.78")
    case = _run(["case", f"{ev}/case2021_es"])
    for level, target in (("sentences", ">= 0.80"), ("documents", ">= 0.78")):
        add(f"CASE es {level} macro F1", ["case", f"{ev}/case2021_es"],
            (case[level]["fit"]["macro_f1"], case[level]["check"]["macro_f1"]), target)
    acled = _run(["acled", f"{ev}/acled_events.csv"])["parts"]
    for key, name, target in (("type", "event type", ">= 0.92"), ("date", "date", ">= 0.90"),
                              ("place@25", "place within 25 km", ">= 0.75"),
                              ("fatalities", "fatalities exact (all notes)", ">= 0.80"),
                              ("fatal_exact", "fatalities exact (notes with dead)", "-"),
                              ("actor_country", "actor country", ">= 0.70")):
        add(f"ACLED {name}", ["acled", f"{ev}/acled_events.csv"],
            (acled["fit"][key]["acc"], acled["check"][key]["acc"]), target)
    exact: Getter = lambda r: float(r["exact"])  # noqa: E731
    add("actors es violent events, exact", ["actors", f"{ev}/events_es_fight.jsonl"],
        _per_part(["actors", f"{ev}/events_es_fight.jsonl"], exact), ">= 0.85")
    add("actors English PLOVER, exact", ["actors", f"{ev}/events_en_plover.jsonl"],
        _per_part(["actors", f"{ev}/events_en_plover.jsonl"], exact), ">= 0.75")
    brat = ["brat", f"{ev}/brat_es_afp"]
    src = _per_part(brat, lambda r: float(r["source"]["accuracy"]))
    add("BRAT source accuracy", brat, src, ">= 0.70")
    tgt = _per_part(brat, lambda r: float(r["target"]["accuracy"]))
    add("BRAT target accuracy", brat, tgt, ">= 0.55")
    att = ["attribution", f"{ev}/attribution_es_dev.jsonl", f"{ev}/brat_es_afp"]
    for key, sub, name, target in (("quotes", "recall", "quotes", ">= 0.80"),
                                   ("sources", "recall", "reporting sources", ">= 0.75"),
                                   ("dates", "recall", "dates", ">= 0.92"),
                                   ("events", "recall", "an event at the gold trigger", ">= 0.70"),
                                   ("aux", "right", "aux mode right", ">= 0.70")):
        add(f"attribution: {name}", att,
            _both(att, lambda r, p, k=key, s=sub: float(r[p][k][s])), target)
    for corpus in ("timex_es_hourglass", "timex_en_tempeval3"):
        cmd = ["dates", f"{ev}/{corpus}", "--nlp"]
        add(f"dates {corpus} relaxed F1 (pipeline)", cmd,
            _both(cmd, lambda r, p: float(r[p]["relaxed"]["f1"])), "-")
    return out


def main() -> int:
    ev = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CRONICA_EVAL_DIR", "../shared/eval")
    print("| measure | fit | check | target (check) | command |")
    print("|---|---|---|---|---|")
    for name, cmd, (fit, check), target in rows(ev):
        print(f"| {name} | {fit:.3f} | {check:.3f} | {target} | `{cmd}` |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
