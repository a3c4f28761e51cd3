"""Access to the data files shipped in the package (lexicons, tables), per language.

Files live under ``cronica/data/`` (``data/es/...``, ``data/en/...``, shared ones at the
top) and are read through importlib.resources, never from absolute paths. TSV files may
start with ``#`` comment lines that name their sources.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources

SUPPORTED_LANGS: tuple[str, ...] = ("es", "en")


def data_path(*parts: str):
    """A Traversable for ``cronica/data/<parts>``."""
    return resources.files("cronica").joinpath("data", *parts)


def read_text(*parts: str) -> str:
    """The text of a data file (read each call: the stages keep what they build from it on
    their language bundle)."""
    return data_path(*parts).read_text(encoding="utf-8")


def read_tsv(*parts: str) -> Iterator[list[str]]:
    """Rows of a TSV data file, skipping blank and ``#`` comment lines."""
    for line in read_text(*parts).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.split("\t")
