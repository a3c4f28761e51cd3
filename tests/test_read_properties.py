"""Properties of the reading stage: no input, however broken, makes it raise.

``read_inputs`` on arbitrary bytes (as a text, HTML, JSONL or sniffed file, and on stdin)
and on arbitrary JSONL lines yields only Articles and Rejections with a catalogue code;
``Pipeline.prepare`` on whatever the reader yields (or arbitrary fields) raises nothing
but :class:`InputError`. No spaCy: these run in a few seconds.
"""

from __future__ import annotations

import io
import json
import tempfile
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cronica.errors import ErrorCode, InputError, Rejection
from cronica.model import Article
from cronica.pipeline import Pipeline
from cronica.read import read_inputs

CODES = {c.value for c in ErrorCode}
# any code point, lone surrogates included (JSON's '\\ud800' escapes decode to them)
ANY_TEXT = st.text(
    alphabet=st.one_of(st.characters(), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)),
    max_size=200,
)
SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SUFFIXES = (".txt", ".html", ".jsonl", ".json", ".dat")

# Bytes that look like the things readers meet: text in several encodings, markup, JSON
# punctuation, BOMs, NULs and control bytes, and plain noise.
_FRAGMENTS = st.sampled_from(
    [
        "El gobierno de Irak anunció el jueves que negociará.".encode(),
        "Economía, año, está".encode("latin-1"),
        "“comillas” €".encode("cp1252"),
        "texto".encode("utf-16"),
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\x00",
        b"\x1b\x07\x08",
        b"<html><head><title>t</title></head><body><p>",
        b"</p></body></html>",
        b"<p>Un p\xe1rrafo sin cerrar <div><b>",
        b'{"id": "x", "text": "',
        b'"}\n',
        b"\n",
        b"\r\n",
        b"   ",
        b"\\ud800",
    ]
)
DOC_BYTES = st.one_of(
    st.binary(max_size=600),
    st.lists(st.one_of(_FRAGMENTS, st.binary(max_size=20)), max_size=12).map(b"".join),
)

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
_RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": _JSON_VALUES,
        "text": st.one_of(st.text(max_size=200), ANY_TEXT, _JSON_VALUES),
        "html": st.one_of(st.text(max_size=200), ANY_TEXT, _JSON_VALUES),
        "title": st.one_of(ANY_TEXT, _JSON_VALUES),
        "date": st.one_of(st.text(max_size=25), _JSON_VALUES),
        "lang": st.one_of(
            st.sampled_from(["es", "en", "pt", "ES-mx", "Spanish", ""]), ANY_TEXT, _JSON_VALUES
        ),
        "url": _JSON_VALUES,
        "source": _JSON_VALUES,
        "text_file": st.text(max_size=20),
    },
)
JSONL_LINES = st.lists(
    st.one_of(
        _RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False)),
        _RECORDS.map(json.dumps),  # \\u escapes, including lone surrogates
        st.text(max_size=80),
        _JSON_VALUES.map(json.dumps),
    ),
    max_size=6,
)


def _check(items: list[Article | Rejection]) -> None:
    assert items, "every input gives at least one Article or Rejection"
    for item in items:
        assert isinstance(item, Article | Rejection), type(item)
        if isinstance(item, Rejection):
            assert item.code in CODES
            assert item.origin and item.origin in item.reason
        else:
            assert isinstance(item.text, str) and isinstance(item.id, str)
            # what the reader lets through can be written out as UTF-8 (stdout, files, SQLite)
            item.text.encode("utf-8")
            item.content_hash  # noqa: B018 - hashing encodes the text as UTF-8
            json.dumps(asdict(item), ensure_ascii=False, default=str).encode("utf-8")


@pytest.fixture(scope="module")
def workdir():
    with tempfile.TemporaryDirectory() as d:
        yield Path(d)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    """No spaCy: prepare() only checks the article and detects its language (lingua)."""
    return Pipeline(nlp={}, stages={})


@SETTINGS
@given(data=DOC_BYTES, suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_in_a_file_give_articles_or_rejections(workdir, data, suffix) -> None:
    path = workdir / f"doc{suffix}"
    path.write_bytes(data)
    _check(list(read_inputs([str(path)])))


@SETTINGS
@given(data=DOC_BYTES, fmt=st.sampled_from(["auto", "text", "html", "jsonl"]))
def test_any_bytes_on_stdin_give_articles_or_rejections(data, fmt) -> None:
    _check(list(read_inputs(["-"], stdin=io.BytesIO(data), fmt=fmt, max_bytes=400)))


@SETTINGS
@given(text=ANY_TEXT, fmt=st.sampled_from(["auto", "text", "html", "jsonl"]))
def test_any_text_on_a_text_stdin_gives_articles_or_rejections(text, fmt) -> None:
    _check(list(read_inputs(["-"], stdin=io.StringIO(text), fmt=fmt)))


@SETTINGS
@given(lines=JSONL_LINES, newline=st.sampled_from(["\n", "\r\n"]))
def test_any_jsonl_lines_give_one_result_per_nonblank_line(workdir, lines, newline) -> None:
    path = workdir / "batch.jsonl"
    data = newline.join(lines).encode("utf-8", errors="surrogatepass")
    path.write_bytes(data)
    items = list(read_inputs([str(path)]))
    _check(items)
    nonblank = [ln for ln in data.split(b"\n") if ln.strip()]
    assert len(items) == max(1, len(nonblank))
    if not nonblank:  # an empty file is reported, not passed over
        assert isinstance(items[0], Rejection) and items[0].code == "E001"


@SETTINGS
@given(data=DOC_BYTES, suffix=st.sampled_from(SUFFIXES))
def test_prepare_raises_only_input_error_on_what_the_reader_yields(
    workdir, pipeline, data, suffix
) -> None:
    path = workdir / f"prep{suffix}"
    path.write_bytes(data)
    for item in read_inputs([str(path)]):
        if isinstance(item, Article):
            _prepare(pipeline, item)


@SETTINGS
@given(
    text=st.one_of(st.text(max_size=300), ANY_TEXT),
    lang=st.one_of(st.none(), st.text(max_size=6), st.sampled_from(["es", "en", "pt", "EN"])),
    date=st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)),
)
def test_prepare_raises_only_input_error_on_any_fields(pipeline, text, lang, date) -> None:
    _prepare(pipeline, Article(id="a", text=text, lang=lang, date=date, origin="a.txt"))


def _prepare(pipeline: Pipeline, article: Article) -> None:
    try:
        adoc = pipeline.prepare(article)
    except InputError as err:
        assert err.code.value in CODES and err.origin
    else:
        assert adoc.lang in pipeline.langs
