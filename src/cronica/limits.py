"""Per-document limits: what keeps one hostile or odd document from stalling a batch.

- **Sentence length.** Text with no sentence breaks (a table dump, a list run together)
  is cut into pieces of at most :data:`MAX_SENTENCE_TOKENS` tokens before the parser
  runs (a spaCy component, :func:`cap_sentences`), where no full stop, question or
  exclamation mark, or line break has ended one sooner. Rules that look at "the sentence
  of a token" then cost at most that many tokens per look, so every stage stays linear
  in the length of the document.
- **Document length.** :data:`MAX_PARSE_CHARS` characters at most reach the parser
  (``Pipeline(max_chars=...)``); longer texts are rejected with E004 before any NLP runs.
- **Time.** Each document has :data:`DEFAULT_TIME_BUDGET` seconds for its stages after
  parsing; the budget is checked between stages, and a document over it is rejected with
  E012 (the batch goes on). A stage is not interrupted midway: the caps above keep each
  one short.
- **Dates.** A publication date more than :data:`MAX_FUTURE_DAYS` days after today is
  rejected with E011: it is a typo or a placeholder ('9999-12-31'), and it would anchor
  every relative date of the article in the wrong year.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from cronica.errors import ErrorCode, InputError

if TYPE_CHECKING:  # spaCy is not imported by the light modules that read the limits
    from spacy.tokens import Doc

MAX_SENTENCE_TOKENS = 150
MAX_PARSE_CHARS = 200_000  # about 35,000 words; a long news article has 2,000 (12,000 chars)
DEFAULT_TIME_BUDGET = 60.0  # seconds per document for the stages after parsing
MAX_FUTURE_DAYS = 366
COMPONENT = "cronica_sentence_cap"
_INSTALL = threading.Lock()
_ENDS = frozenset(".!?…;")
_CLOSERS = frozenset('"»”’)]')


def cap_sentences(nlp: Any, max_tokens: int = MAX_SENTENCE_TOKENS) -> Any:
    """Add the sentence cap to a spaCy pipeline, before its parser (once); returns it."""
    from spacy.language import Language

    with _INSTALL:  # the models are shared: two threads must not both add the component
        if COMPONENT in nlp.pipe_names:
            return nlp
        if not Language.has_factory(COMPONENT):
            Language.factory(COMPONENT, default_config={"max_tokens": MAX_SENTENCE_TOKENS})(
                _make_cap)
        first = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
        kwargs = {"before": first} if first else {"first": True}
        nlp.add_pipe(COMPONENT, config={"max_tokens": max_tokens}, **kwargs)
    return nlp


def _make_cap(nlp: Any, name: str, max_tokens: int) -> Callable[[Any], Any]:
    return SentenceCap(max_tokens)


def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first word after every line break, before the parser runs;
    inside a line, a sentence may start only after a full stop, question or exclamation mark
    (or a quote or bracket closing after one).

    ``add_sentences`` already ends a sentence at every line break; without this the parser
    reads a headline and a dateline that have no final punctuation as one sentence with the
    lead paragraph ('PROTESTAS EN QUITO / QUITO, Jun 17 / Los campesinos protestaron ...'),
    and the lead's subject is hung on a headline word, so its events lose their actor. Once
    one boundary is set, the parser would otherwise be free to cut the lead in two at a
    conjunction."""
    if "\n" not in doc.text:
        return doc
    after_break = after_end = False
    for tok in doc:
        if tok.i > 0 and not tok.is_space:
            if after_break:
                tok.is_sent_start = True
            elif not after_end:
                tok.is_sent_start = False
            after_break = after_end = False
        if "\n" in tok.text_with_ws:
            after_break = True
        elif tok.text in _ENDS:
            after_end = True
        elif not (after_end and tok.text in _CLOSERS):
            after_end = after_end and tok.is_space
    return doc


class SentenceCap:
    """Start a sentence at the first word after a line break (:func:`mark_line_breaks`)
    and at every ``max_tokens``-th token of a stretch with no break."""

    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        mark_line_breaks(doc)
        if len(doc) <= self.max_tokens:
            return doc  # no stretch can be too long: skip the walk over every token
        run = 0
        for tok in doc:
            if run >= self.max_tokens:
                tok.is_sent_start = True
                run = 0
            run += 1
            if tok.text in _ENDS or "\n" in tok.text_with_ws:
                run = 0
        return doc


def check_date(value: str, origin: str, doc_id: str | None, today: date | None = None) -> None:
    """E011 for an ISO date far in the future."""
    latest = (today or date.today()) + timedelta(days=MAX_FUTURE_DAYS)
    if value > latest.isoformat():
        raise InputError(
            ErrorCode.E011_BAD_DATE, origin,
            f"{value!r} is more than {MAX_FUTURE_DAYS} days after today", doc_id=doc_id)


class Budget:
    """A document's time budget; :meth:`check` raises E012 once it is spent."""

    def __init__(self, seconds: float | None, origin: str, doc_id: str | None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.origin = origin
        self.doc_id = doc_id
        self.clock = clock
        self.start = clock()

    def check(self, after: str) -> None:
        if self.seconds is None:
            return
        spent = self.clock() - self.start
        if spent > self.seconds:
            raise InputError(
                ErrorCode.E012_TIME_BUDGET, self.origin,
                f"{spent:.1f} s after stage '{after}', budget {self.seconds:g} s",
                doc_id=self.doc_id)
