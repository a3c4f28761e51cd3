"""Assembles the stages and runs them: one article (``extract``) or a stream (``extract_batch``).

Data flows one way: read -> lang -> nlp -> actors -> events -> time -> aux -> place -> attribution.
Each stage is an object with ``run(adoc)`` that adds one layer to the :class:`ArticleDoc`;
the stages, and what each requires and assigns, are in :mod:`cronica.stages.registry`, and
every pipeline (production, tests, evals) is built from it: ``Pipeline(only=["actors",
"events"])`` runs a checked subset. Dependencies are handed in: tests and users may pass
their own stages or spaCy pipelines.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date as _date
from itertools import islice
from typing import Any

from cronica import limits
from cronica.errors import ErrorCode, InputError, Rejection
from cronica.model import Article, ArticleDoc
from cronica.resources import SUPPORTED_LANGS
from cronica.stages.language.bundle import LanguageBundle, load_bundle
from cronica.stages.registry import Stage, build_stages, check_order, check_stages

logger = logging.getLogger(__name__)

# longer documents are rejected (E004): see cronica.limits for every per-document limit
DEFAULT_MAX_CHARS = limits.MAX_PARSE_CHARS
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_iso_date(value: str) -> bool:
    """'YYYY-MM-DD' and a real calendar day ('2024-02-30' is not one)."""
    if not _ISO_DATE.match(value):
        return False
    try:
        _date.fromisoformat(value)
    except ValueError:
        return False
    return True


def default_stages(lang: str | LanguageBundle, only: Sequence[str] | None = None) -> list[Stage]:
    """The registered stages for a language in pipeline order (``only``: a checked subset)."""
    return build_stages(lang, only)


class Pipeline:
    """Article -> ArticleDoc. Builds one :class:`LanguageBundle` per language (lazily) and
    hands it to the NLP step and every stage: models and data load once per pipeline."""

    def __init__(
        self,
        langs: Sequence[str] = SUPPORTED_LANGS,
        nlp: dict[str, Any] | None = None,
        stages: dict[str, list[Stage]] | None = None,
        language_identifier: Any = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        only: Sequence[str] | None = None,
        time_budget: float | None = limits.DEFAULT_TIME_BUDGET,
        bundles: dict[str, LanguageBundle] | None = None,
    ) -> None:
        """``stages`` hands in built stages per language; ``only`` names the registered
        stages to run (in this order); both are checked against the stage contract.
        ``bundles`` hands in language bundles (e.g. a language outside the package)."""
        self.langs = tuple(langs)
        self._bundles: dict[str, LanguageBundle] = dict(bundles or {})
        self._shared: dict[str, object] = {}  # resources the languages share (gazetteer)
        self._nlp: dict[str, Any] = dict(nlp or {})
        self.only = None if only is None else tuple(only)
        if self.only is not None:
            check_order(self.only)
        for built in (stages or {}).values():
            check_stages(built)
        self._stages: dict[str, list[Stage]] = dict(stages or {})
        self._langid = language_identifier
        self.max_chars = max_chars
        self.time_budget = time_budget  # seconds per document for the stages (None: no limit)

    # -- resources -------------------------------------------------------
    def bundle(self, lang: str) -> LanguageBundle:
        """The language bundle of ``lang``, built once per pipeline."""
        if lang not in self._bundles:
            self._bundles[lang] = load_bundle(lang, shared=self._shared)
        return self._bundles[lang]

    def nlp(self, lang: str) -> Any:
        if lang not in self._nlp:
            from cronica.stages.nlp.models import load_nlp

            self._nlp[lang] = limits.cap_sentences(load_nlp(self.bundle(lang)))
        return self._nlp[lang]

    def stages(self, lang: str) -> list[Stage]:
        if lang not in self._stages:
            self._stages[lang] = default_stages(self.bundle(lang), self.only)
        return self._stages[lang]

    def language_identifier(self) -> Any:
        if self._langid is None:
            from cronica.stages.language.identify import LanguageIdentifier

            self._langid = LanguageIdentifier(self.langs)
        return self._langid

    # -- checks ----------------------------------------------------------
    def prepare(self, article: Article) -> ArticleDoc:
        """Validate an article and settle its language; raises InputError."""
        origin = article.origin or article.id
        if not article.text or not article.text.strip():
            raise InputError(ErrorCode.E001_EMPTY, origin, doc_id=article.id)
        try:
            article.text.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate: language ID and output would fail
            raise InputError(
                ErrorCode.E003_ENCODING, origin,
                f"lone surrogate U+{ord(article.text[exc.start]):04X} at character {exc.start}",
                doc_id=article.id,
            ) from None
        if len(article.text) > self.max_chars:
            raise InputError(
                ErrorCode.E004_TOO_LARGE, origin,
                f"{len(article.text):,} characters, limit {self.max_chars:,}", doc_id=article.id,
            )
        if article.date is not None and not _is_iso_date(article.date):
            raise InputError(ErrorCode.E011_BAD_DATE, origin, repr(article.date), doc_id=article.id)
        if article.date is not None:
            limits.check_date(article.date, origin, article.id)
        lang = (article.lang or "").lower()[:2] or None
        detected = lang is None
        if lang is None:
            lang = self.language_identifier().detect(article.text)
            if lang is None:
                raise InputError(
                    ErrorCode.E007_UNSUPPORTED_LANGUAGE, origin,
                    f"not recognised as any of {', '.join(self.langs)}", doc_id=article.id,
                )
        if lang not in self.langs:
            raise InputError(
                ErrorCode.E007_UNSUPPORTED_LANGUAGE, origin,
                f"{'detected' if detected else 'declared'} '{lang}'; supported: {', '.join(self.langs)}",
                doc_id=article.id,
            )
        return ArticleDoc(article=article, lang=lang)

    # -- running ---------------------------------------------------------
    def annotate(self, adoc: ArticleDoc, doc: Any) -> ArticleDoc:
        from cronica.stages.nlp.models import TEXT_KEY, add_sentences
        from cronica.stages.nlp.repair import repair_demonym_verbs

        doc.user_data[TEXT_KEY] = adoc.article.text
        repair_demonym_verbs(doc, self.bundle(_lang(adoc)))  # 'la policía tunecina detuvo'
        adoc.doc = doc
        budget = limits.Budget(self.time_budget, adoc.article.origin or adoc.article.id,
                               adoc.article.id)
        add_sentences(adoc)
        for stage in self.stages(_lang(adoc)):
            stage.run(adoc)
            budget.check(getattr(stage, "name", type(stage).__name__))
        return adoc

    def process(self, article: Article) -> ArticleDoc:
        """Run every stage on one article. Raises InputError for bad input."""
        adoc = self.prepare(article)
        return self.annotate(adoc, self.nlp(_lang(adoc))(parse_text(article.text)))

    def pipe(
        self, items: Iterable[Article | Rejection], batch_size: int = 32
    ) -> Iterator[ArticleDoc | Rejection]:
        """Stream results in input order; bad documents come out as Rejections, never raise.

        Rejections from the reader pass through unchanged, so one loop sees every input.
        """
        it = iter(items)
        while batch := list(islice(it, batch_size)):
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Article | Rejection]) -> list[ArticleDoc | Rejection]:
        out: list[ArticleDoc | Rejection | None] = [None] * len(batch)
        by_lang: dict[str, list[tuple[int, ArticleDoc]]] = {}
        for i, item in enumerate(batch):
            if isinstance(item, Rejection):
                out[i] = item
                continue
            try:
                adoc = self.prepare(item)
            except InputError as err:
                out[i] = Rejection.from_error(err)
                continue
            by_lang.setdefault(_lang(adoc), []).append((i, adoc))
        for lang, group in by_lang.items():
            texts = (parse_text(adoc.article.text) for _, adoc in group)
            for (i, adoc), doc in zip(group, self.nlp(lang).pipe(texts), strict=True):
                try:
                    out[i] = self.annotate(adoc, doc)
                except InputError as err:  # over its time budget
                    out[i] = Rejection.from_error(err)
                except Exception as exc:  # one document must never kill the batch
                    logger.exception("processing %s failed", adoc.article.origin or adoc.article.id)
                    failure = InputError(
                        ErrorCode.E010_PROCESSING, adoc.article.origin or adoc.article.id,
                        f"{type(exc).__name__}: {exc}", doc_id=adoc.article.id,
                    )
                    out[i] = Rejection.from_error(failure)
        return [o for o in out if o is not None]


def _lang(adoc: ArticleDoc) -> str:
    """The language :meth:`Pipeline.prepare` settled (always set on a prepared doc)."""
    if adoc.lang is None:
        raise ValueError(f"article {adoc.article.id!r} has no language: run Pipeline.prepare first")
    return adoc.lang


def parse_text(text: str) -> str:
    """The text handed to spaCy: carriage returns become spaces (same length, so every
    offset still points into the article text); the parser otherwise treats them as words
    and links tokens across lines. The punctuation that ends a dateline ('Bogotá (AFP) -',
    'Bogotá, 14 mar (EFE).-') becomes one full stop
    (:func:`cronica.read.dateline.closing_as_full_stop`), so that the parser does not make
    the dateline the first sentence's subject."""
    text = text.replace("\r", " ") if "\r" in text else text
    from cronica.read.dateline import closing_as_full_stop, dateline_end

    end = dateline_end(text)
    if end is not None:
        glued = end[1] < len(text) and not text[end[1]].isspace()
        text = text[:end[0]] + closing_as_full_stop(text[end[0]:end[1]], glued) + text[end[1]:]
    return text


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def extract(
    text: str,
    lang: str | None = None,
    date: str | None = None,
    title: str | None = None,
    id: str = "doc",
    pipeline: Pipeline | None = None,
    **meta: Any,
) -> dict[str, Any]:
    """Events and their evidence for one article, as the documented JSON dict.

    Raises :class:`cronica.errors.InputError` for input that cannot be processed.
    """
    article = Article(id=id, text=text, title=title, date=date, lang=lang, origin=id, meta=meta)
    return (pipeline or default_pipeline()).process(article).to_dict()


def extract_batch(
    articles: Iterable[Article | Rejection], pipeline: Pipeline | None = None, batch_size: int = 32
) -> Iterator[dict[str, Any]]:
    """The streaming fast path: dicts in input order; rejections as ``{"rejected": {...}}``."""
    for res in (pipeline or default_pipeline()).pipe(articles, batch_size=batch_size):
        yield {"rejected": res.to_dict()} if isinstance(res, Rejection) else res.to_dict()
