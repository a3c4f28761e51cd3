"""Bytes -> text: encodings (BOM, UTF-8, cp1252, Latin-1), binary sniffing, size limits.

Legacy encodings are decoded, not rejected: UTF-8 first, then cp1252, then Latin-1; bytes
that are not text at all (NUL bytes, many control bytes) are rejected with E002.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

from cronica.errors import ErrorCode, InputError

# Share of control characters (other than whitespace) above which bytes are not text.
MAX_CONTROL_RATIO = 0.05
_SURROGATE = re.compile("[\ud800-\udfff]")


def decode_bytes(data: bytes, origin: str, doc_id: str | None = None) -> tuple[str, str]:
    """(text, encoding name) for raw bytes; raises InputError E001/E002/E003.

    Order: a BOM decides; else UTF-8; else cp1252 (Windows Spanish: curly quotes, '€');
    else Latin-1. Latin-1 decodes any byte, so its result is checked for C1 control
    characters, which real Latin-1 text does not contain: many of them means the bytes
    are in some other encoding we cannot guess (E003).
    """
    if not data.strip():
        raise InputError(ErrorCode.E001_EMPTY, origin, doc_id=doc_id)
    for bom, enc in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(
                    ErrorCode.E003_ENCODING, origin, f"bad {enc}: {exc.reason}", doc_id=doc_id
                ) from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: the binary check decides
    _check_not_binary(data, origin, doc_id)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    c1 = sum(1 for ch in text if "\x80" <= ch <= "\x9f")
    if c1 > max(2, MAX_CONTROL_RATIO * len(text)):
        raise InputError(
            ErrorCode.E003_ENCODING,
            origin,
            f"not UTF-8 (byte 0x{data[first_error.start]:02x} at offset {first_error.start}), "
            "nor cp1252 or Latin-1",
            doc_id=doc_id,
        )
    return text, "latin-1"


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for bytes that look like UTF-16 text without a BOM: text
    in a Latin script then has a NUL in (nearly) every other byte, on one side only."""
    head = data[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd >= 0.6 and nul_even <= 0.05:
        return "utf-16-le"
    if nul_even >= 0.6 and nul_odd <= 0.05:
        return "utf-16-be"
    return None


def _check_not_binary(data: bytes, origin: str, doc_id: str | None) -> None:
    """E002 for NUL bytes or too many control bytes in the first 64 KB."""
    head = data[:65536]
    if b"\x00" in head:
        raise InputError(
            ErrorCode.E002_BINARY, origin, f"NUL byte at offset {head.index(0)}", doc_id=doc_id
        )
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if control > max(2, MAX_CONTROL_RATIO * len(head)):
        raise InputError(
            ErrorCode.E002_BINARY,
            origin,
            f"{control} control bytes in the first {len(head):,}",
            doc_id=doc_id,
        )


def clean_text(text: str) -> str:
    """Unicode NFC and '\\n' line ends: every offset downstream points into this form.

    Lone surrogates (from JSON escapes such as '\\ud800', which decode to no character)
    become U+FFFD, one for one: such a string cannot be written as UTF-8, and would
    otherwise fail later, in language detection, hashing or output.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return unicodedata.normalize("NFC", replace_surrogates(text))


def path_text(path: str | Path) -> str:
    """A path as text that can be printed and stored: a file name that is not UTF-8
    (Python keeps its bytes as surrogate escapes) shows them as '\\xf1'."""
    s = str(path)
    if not _SURROGATE.search(s):
        return s
    return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate code point replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def sniff_format(head: bytes | str) -> str:
    """'jsonl', 'html' or 'text' from the opening of a document."""
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="replace")
    s = head.lstrip("\ufeff \t\r\n")
    if s.startswith("{"):
        # a text may open with a brace too: JSONL when its first line is (or ends like) one
        first = s.split("\n", 1)[0].strip()
        return "jsonl" if first.endswith("}") or "\n" not in s else "text"
    low = s[:1000].lower()
    if s.startswith("<") and re.search(r"<(!doctype html|html|head|body|article|p|div)\b", low):
        return "html"
    return "text"


def read_limited(path: Path, origin: str, max_bytes: int, doc_id: str | None) -> bytes:
    """The bytes of ``path``; E004 when it is over ``max_bytes`` (a file's size is checked
    before reading; a device or a pipe, which has no size, is read up to the limit and no
    further), E009 when it cannot be read."""
    try:
        with open(path, "rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError(ErrorCode.E009_NOT_FOUND, origin, "a folder", doc_id=doc_id)
            if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                raise InputError(
                    ErrorCode.E004_TOO_LARGE,
                    origin,
                    f"{info.st_size:,} bytes, over the limit of {max_bytes:,} set by --max-bytes",
                    doc_id=doc_id,
                )
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(
                ErrorCode.E004_TOO_LARGE,
                origin,
                f"more than the limit of {max_bytes:,} bytes set by --max-bytes; "
                "reading stopped there",
                doc_id=doc_id,
            )
        return data
    except OSError as exc:
        raise InputError(
            ErrorCode.E009_NOT_FOUND, origin, exc.strerror or str(exc), doc_id=doc_id
        ) from None
