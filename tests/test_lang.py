"""Language identification, and rejection of languages we do not process."""

from __future__ import annotations

import pytest

from cronica.errors import ErrorCode, InputError
from cronica.model import Article
from cronica.pipeline import Pipeline
from cronica.stages.language.identify import LanguageIdentifier


@pytest.fixture(scope="module")
def langid() -> LanguageIdentifier:
    return LanguageIdentifier(("es", "en"))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "El gobierno de Irak dijo el jueves que las tropas estadounidenses se retirarán del país.",
            "es",
        ),
        (
            "Guerrilleros de las FARC atacaron el puesto de policia de esta poblacion durante la mannana",
            "es",
        ),
        (
            "Iraqi officials said on Thursday that talks on the withdrawal of US troops would begin soon.",
            "en",
        ),
        (
            "O governo do Brasil anunciou nesta segunda-feira que as tropas vão deixar a região.",
            "pt",
        ),
        ("Le gouvernement français a annoncé lundi le retrait de ses troupes du Mali.", "fr"),
    ],
)
def test_detect(langid: LanguageIdentifier, text: str, lang: str) -> None:
    assert langid.detect(text) == lang


def test_nothing_to_go_on_is_none(langid: LanguageIdentifier) -> None:
    assert langid.detect("") is None
    assert langid.detect("   12 345 !!") is None


def test_only_the_opening_is_read(langid: LanguageIdentifier) -> None:
    spanish = "El ministro de Defensa anunció un acuerdo con los sindicatos del país. " * 40
    english = "The defence minister announced an agreement with the unions. " * 200
    assert langid.detect(spanish + english) == "es"


def test_pipeline_rejects_portuguese_naming_it() -> None:
    pipe = Pipeline(nlp={}, stages={})  # prepare() needs neither spaCy nor stages
    art = Article(
        id="p",
        text="O governo do Brasil anunciou que as tropas vão deixar a região até o fim do ano.",
        origin="nota-pt.txt",
    )
    with pytest.raises(InputError) as exc:
        pipe.prepare(art)
    assert exc.value.code is ErrorCode.E007_UNSUPPORTED_LANGUAGE
    assert "'pt'" in exc.value.message and "nota-pt.txt" in exc.value.message
    es = Article(
        id="e", text="El gobierno de Bolivia negociará con los sindicatos mineros esta semana."
    )
    assert pipe.prepare(es).lang == "es"
