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
