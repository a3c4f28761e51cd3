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
    """Build a parsed ArticleDoc from text and run the given stages on it, in order.

    ``make_doc("Irak dijo ...", lang="es", date="2024-01-26", stages=["actors", "events"])``
    """
    from cronica.pipeline import default_stages
    from cronica.stages.nlp.models import add_sentences

    stage_cache: dict[str, dict[str, object]] = {}

    def _make(text: str, lang: str = "es", date: str | None = None, stages=(), title=None) -> ArticleDoc:
        nlp = nlp_es if lang == "es" else nlp_en
        adoc = ArticleDoc(article=Article(id="t", text=text, date=date, lang=lang, title=title), lang=lang)
        adoc.doc = nlp(text)
        add_sentences(adoc)
        if lang not in stage_cache:
            stage_cache[lang] = {s.name: s for s in default_stages(lang)}
        for name in stages:
            stage_cache[lang][name].run(adoc)
        return adoc

    return _make
