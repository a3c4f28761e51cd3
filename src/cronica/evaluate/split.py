"""The *fit* / *check* split of every dev gold file.

Tune lexicons, rules, thresholds and models on *fit*; report *check* beside it. A change
that raises *fit* and lowers *check* is not an improvement.

The part of a record depends only on its id: the first 8 hex digits of the SHA-1 of the
UTF-8 id, read as an integer, modulo 100; below 70 is *fit*, the rest *check* (about 70/30).
Use the **document** id where a file has one (sentences of one article stay on one side),
otherwise the record id. The rule is fixed: changing it would leak *check* into tuning.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

Part = Literal["fit", "check"]
PARTS: tuple[Part, ...] = ("fit", "check")
FIT_PERCENT = 70

T = TypeVar("T")


def part_of(key: str) -> Part:
    """'fit' or 'check' for a record or document id."""
    bucket = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "fit" if bucket < FIT_PERCENT else "check"


def split(items: Iterable[T], key: Callable[[T], str]) -> dict[Part, list[T]]:
    """Items grouped by part, input order kept within each part."""
    out: dict[Part, list[T]] = {"fit": [], "check": []}
    for item in items:
        out[part_of(key(item))].append(item)
    return out


def select(items: Iterable[T], key: Callable[[T], str], part: str | None) -> list[T]:
    """Items of one part ('fit' or 'check'), or all of them for None / 'all'."""
    if part in (None, "all"):
        return list(items)
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; expected one of fit, check, all")
    return [item for item in items if part_of(key(item)) == part]


# a capitalised word after a space (not a text's first word): most often a name
_NAME = re.compile(r"(?<=\s)[A-ZÁÉÍÓÚÑ][\wáéíóúñü]{3,}")


def name_groups(texts: list[str], max_df: int = 6) -> list[int]:
    """A pseudo-document id per text, for grouped cross-validation inside one part.

    Some gold files give no document id for a sentence (CASE 2021) although sentences of
    one article stay on one side of the split: in plain folds a model then scores names
    it memorised from a sentence's neighbours. Texts sharing a rare name (one found in 2 to
    ``max_df`` texts) are linked, and each connected set is one group (the id of its first
    text)."""
    names = [sorted(set(_NAME.findall(t))) for t in texts]
    df = Counter(w for ns in names for w in ns)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, ns in enumerate(names):
        for w in ns:
            if 2 <= df[w] <= max_df:
                if w in first:
                    a, b = root(i), root(first[w])
                    parent[max(a, b)] = min(a, b)
                else:
                    first[w] = i
    return [root(i) for i in range(len(texts))]
