"""Shared fixtures: spaCy pipelines load once per test session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cronica.model import Article, ArticleDoc


@pytest.fixture(scope="session")
def nlp_es():
    from cronica.stages.nlp.models import load_nlp

    return load_nlp("es")


@pytest.fixture(scope="session")
def nlp_en():
    from cronica.stages.nlp.models import load_nlp

    return load_nlp("en")


@pytest.fixture(scope="session")
def make_doc(nlp_es, nlp_en) -> Callable[..., ArticleDoc]:
    """Build a parsed ArticleDoc from text and run the given stages on it, in order, through
    :class:`cronica.pipeline.Pipeline` (the production path; the order is checked).

    ``make_doc("Irak dijo ...", lang="es", date="2024-01-26", stages=["actors", "events"])``
    """
    from cronica.pipeline import Pipeline, default_stages

    stage_cache: dict[str, dict[str, object]] = {}
    nlp = {"es": nlp_es, "en": nlp_en}

    def _make(text: str, lang: str = "es", date: str | None = None, stages=(), title=None) -> ArticleDoc:
        if lang not in stage_cache:
            stage_cache[lang] = {s.name: s for s in default_stages(lang)}
        pipeline = Pipeline(nlp=nlp, stages={lang: [stage_cache[lang][name] for name in stages]})
        return pipeline.process(Article(id="t", text=text, date=date, lang=lang, title=title))

    return _make
