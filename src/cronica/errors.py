"""One catalogue of user-facing errors, each with a stable code users can search for.

Every rejection names the input (``origin``: a path, 'stdin', 'batch.jsonl:12')
and the problem. Stages raise :class:`InputError`; batch drivers turn it into a
:class:`Rejection` and go on with the next document.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    E001_EMPTY = "E001"  # no text at all, or only whitespace
    E002_BINARY = "E002"  # NUL bytes / not text
    E003_ENCODING = "E003"  # bytes that decode as neither UTF-8 nor a known legacy encoding
    E004_TOO_LARGE = "E004"  # over the size limit
    E005_NO_ARTICLE_TEXT = "E005"  # HTML page with no extractable article body
    E006_MALFORMED_JSON = "E006"  # a JSONL line that is not a JSON object
    E007_UNSUPPORTED_LANGUAGE = "E007"  # detected or declared language we cannot process
    E008_MISSING_FIELD = "E008"  # JSON record without 'text'
    E009_NOT_FOUND = "E009"  # path does not exist / unreadable
    E010_PROCESSING = "E010"  # a bug or resource error while processing one document
    E011_BAD_DATE = "E011"  # metadata date that is not an ISO date
    E012_TIME_BUDGET = "E012"  # processing one document took longer than its time budget
    E013_STORE_DAMAGED = "E013"  # the store cannot be opened: not a database, damaged, a folder
    E014_STORE_NEWER = "E014"  # the store was written by a newer cronica (schema version)
    E015_STORE_WRITE = "E015"  # the store cannot be written: disk full, read-only, I/O error
    E016_OUTPUT_WRITE = "E016"  # an output file cannot be written (disk full, permissions)
    E020_STORE_UNREACHABLE = "E020"  # the store (a PostgreSQL server) cannot be reached
    E021_SCHEDULER_UNREACHABLE = "E021"  # the Dask scheduler cannot be reached


MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.E001_EMPTY: "the document is empty",
    ErrorCode.E002_BINARY: "the document is binary, not text",
    ErrorCode.E003_ENCODING: "the bytes cannot be decoded as text",
    ErrorCode.E004_TOO_LARGE: "the document is too large",
    ErrorCode.E005_NO_ARTICLE_TEXT: "the HTML page holds no article text",
    ErrorCode.E006_MALFORMED_JSON: "the line is not a valid JSON object",
    ErrorCode.E007_UNSUPPORTED_LANGUAGE: "the language is not supported",
    ErrorCode.E008_MISSING_FIELD: "the record lacks a required field",
    ErrorCode.E009_NOT_FOUND: "the input cannot be read",
    ErrorCode.E010_PROCESSING: "processing failed",
    ErrorCode.E011_BAD_DATE: "the date is not an ISO date (YYYY-MM-DD)",
    ErrorCode.E012_TIME_BUDGET: "processing took longer than the per-document time budget",
    ErrorCode.E013_STORE_DAMAGED: "the store cannot be opened (damaged, or not a cronica store)",
    ErrorCode.E014_STORE_NEWER: "the store was written by a newer cronica; upgrade to write to it",
    ErrorCode.E015_STORE_WRITE: "the store cannot be written (disk full, read-only or I/O error)",
    ErrorCode.E016_OUTPUT_WRITE: "the output file cannot be written",
    ErrorCode.E020_STORE_UNREACHABLE: "the store cannot be reached",
    ErrorCode.E021_SCHEDULER_UNREACHABLE: "the Dask scheduler cannot be reached",
}


class CronicaError(Exception):
    """Base class of cronica's own exceptions."""


def redact_url(url: str) -> str:
    """``url`` without its password: 'postgresql://ana:secret@db/x' -> 'postgresql://ana:***@db/x'."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unreadable URL>"
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


class CodedError(CronicaError):
    """An error with a catalogue code, the input or target it is about, and a detail.

    Its message is ``[E0xx] <subject>: <catalogue message> (<detail>)``."""

    def __init__(self, code: ErrorCode, subject: str, detail: str = ""):
        self.code = code
        self.subject = subject
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        base = f"[{self.code.value}] {self.subject}: {MESSAGES[self.code]}"
        return f"{base} ({self.detail})" if self.detail else base


class InputError(CodedError):
    """A document that cannot be processed; ``origin`` names it, ``code`` says why."""

    def __init__(self, code: ErrorCode, origin: str, detail: str = "", doc_id: str | None = None):
        self.origin = origin
        self.doc_id = doc_id
        super().__init__(code, origin, detail)


class StoreError(CodedError):
    """The store as a whole cannot be used (E013-E015), or a service cannot be reached
    (E020 the store's server, E021 a Dask scheduler; ``target`` is its URL, password
    hidden: see :func:`redact_url`): no single document is to blame, so commands stop with
    exit status 2 instead of rejecting documents one by one."""

    def __init__(self, code: ErrorCode, target: str, detail: str = ""):
        self.target = target
        super().__init__(code, target, detail)


class OutputError(CodedError):
    """An output file that cannot be written (E016); the command stops with status 2."""

    def __init__(self, target: str, detail: str = ""):
        self.target = target
        super().__init__(ErrorCode.E016_OUTPUT_WRITE, target, detail)


@dataclass
class Rejection:
    """A document set aside, with the reason. Batches yield these instead of raising."""

    origin: str
    code: str
    reason: str
    doc_id: str | None = None

    @classmethod
    def from_error(cls, err: InputError) -> Rejection:
        return cls(origin=err.origin, code=err.code.value, reason=err.message, doc_id=err.doc_id)

    def to_dict(self) -> dict[str, str | None]:
        return {"origin": self.origin, "code": self.code, "reason": self.reason, "doc_id": self.doc_id}
