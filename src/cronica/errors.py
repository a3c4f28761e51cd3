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


class StoreError(CronicaError):
    """A service (the store, a Dask scheduler) cannot be reached: a coded message naming
    its URL, password hidden."""

    def __init__(self, code: ErrorCode, url: str, detail: str = ""):
        self.code = code
        self.url = redact_url(url)
        text = f"[{code.value}] {self.url}: {MESSAGES[code]}"
        super().__init__(f"{text} ({detail})" if detail else text)


class InputError(CronicaError):
    """A document that cannot be processed; ``origin`` names it, ``code`` says why."""

    def __init__(self, code: ErrorCode, origin: str, detail: str = "", doc_id: str | None = None):
        self.code = code
        self.origin = origin
        self.detail = detail
        self.doc_id = doc_id
        super().__init__(self.message)

    @property
    def message(self) -> str:
        base = f"[{self.code.value}] {self.origin}: {MESSAGES[self.code]}"
        return f"{base} ({self.detail})" if self.detail else base


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
