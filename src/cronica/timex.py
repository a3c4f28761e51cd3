"""Stage 'timex' (placeholder: to be written)."""

from __future__ import annotations

from cronica.model import ArticleDoc


class DateResolver:
    name = "timex"

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def run(self, adoc: ArticleDoc) -> None:
        return None
