"""Our own errors, each mapped once to an exit status (cli.py) and an HTTP status (webui)."""
from __future__ import annotations


class EvidexError(Exception):
    """Base class. ``exit_code`` for the CLI, ``http_status`` for the web page."""

    exit_code = 1
    http_status = 500


class ExtractionError(EvidexError):
    """A file that could not be turned into text. ``reason`` is a short phrase a
    clerk understands (one of REASONS); ``detail`` says more."""

    ENCRYPTED = "encrypted"
    NOT_PDF = "not a PDF"
    MALFORMED = "malformed"
    NO_TEXT = "no text layer (needs OCR)"
    EMPTY = "empty file"
    TIMED_OUT = "timed out"
    TOO_LARGE = "too large"
    UNSUPPORTED = "unsupported file type"
    UNREADABLE = "unreadable"

    def __init__(self, reason: str, detail: str = ""):
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


class UsageError(EvidexError):
    """Bad usage: a bad filter value, an unknown option value."""

    exit_code = 2
    http_status = 400


class QueryError(UsageError):
    """A query that cannot be parsed or names an unknown field."""


class IndexMissingError(UsageError):
    """No index exists at the given location yet."""

    http_status = 503


class IndexLockedError(EvidexError):
    """Another index run holds the write lock."""

    exit_code = 2
    http_status = 503
