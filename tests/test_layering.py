"""Structure rules the restructure put in place, checked on the source so they stay true:
no import circles (imports inside functions count), and stage code that names no language."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules() -> dict[str, Path]:
    out = {}
    for p in SRC.rglob("*.py"):
        name = ".".join(p.relative_to(SRC).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = p
    return out


def _imports(path: Path, known: dict[str, Path]) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in known}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_circles() -> None:
    mods = _modules()
    graph = {m: _imports(p, mods) for m, p in mods.items()}
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_one() -> None:
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]


def test_stage_code_names_no_language() -> None:
    """Language-specific words and checks live in data/<lang>/ files, not in stage code."""
    pattern = re.compile(r"""lang_\s*[=!]=|lang\s*[=!]=\s*["'](es|en)["']|["'](es|en)["']\s*:""")
    hits = [f"{p.relative_to(SRC)}:{n}: {line.strip()}"
            for p in (SRC / "cronica" / "stages").rglob("*.py")
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if pattern.search(line) and not line.lstrip().startswith("#")]
    assert hits == []


def test_rules_list_ud_labels_only() -> None:
    """ClearNLP names with a UD counterpart are read through syntax.dep, never listed in a
    rule; the few raw label sets that stay (see docs/architecture.md) are marked."""
    pattern = re.compile(r"""["'](dobj|nsubjpass|csubjpass|auxpass|relcl|poss)["']""")
    allowed = {("events/modes.py", "dobj"), ("events/modes.py", "nsubjpass")}  # _CLIMB, marked
    stages = SRC / "cronica" / "stages"
    hits = [f"{p.relative_to(stages)}:{n}: {m.group(1)}"
            for p in stages.rglob("*.py") if p.name != "syntax.py"
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            for m in pattern.finditer(line)
            if not line.lstrip().startswith("#") and "# raw" not in line
            and (str(p.relative_to(stages)), m.group(1)) not in allowed]
    assert hits == []


def test_stage_code_reads_labels_through_dep() -> None:
    """No raw ``tok.dep_`` in stage code: every label is read through syntax.dep (UD names),
    except the raw sets marked '# raw' (docs/architecture.md says why)."""
    stages = SRC / "cronica" / "stages"
    hits = [f"{p.relative_to(stages)}:{n}: {line.strip()}"
            for p in stages.rglob("*.py") if p.name != "syntax.py"
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if ".dep_" in line and not line.lstrip().startswith("#") and "# raw" not in line]
    assert hits == []
