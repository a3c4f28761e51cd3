"""Stage 'lang' (placeholder: to be written)."""

from __future__ import annotations

from collections.abc import Sequence


class LanguageIdentifier:
    def __init__(self, langs: Sequence[str]) -> None:
        self.langs = tuple(langs)

    def detect(self, text: str) -> str | None:
        return None
