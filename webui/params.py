"""Request arguments -> the library's Filters and paging, shared by pages and API.

Every bad value raises ``UsageError`` (HTTP 400) with a message a person can act on.
The argument names are the contract's: q, org, author, from, to, rec, type, paper,
limit, page.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

from indexer.dates import parse_bound
from indexer.errors import UsageError
from indexer.gazetteer import resolve_filter
from indexer.model import DOC_TYPES, Filters

MAX_LIMIT = 100
MATCH_ALL = "*"  # query syntax for every document: what a search with no words means


def _text(args: Mapping[str, str], name: str) -> str | None:
    value = (args.get(name) or "").strip()
    return value or None


def _positive_int(args: Mapping[str, str], name: str, default: int | None = None) -> int | None:
    value = _text(args, name)
    if value is None:
        return default
    if not value.isdigit() or int(value) < 1:
        raise UsageError(f"{name} must be a whole number of 1 or more, not {value!r}")
    return int(value)


def query_from_args(args: Mapping[str, str]) -> str:
    """The query typed, or every document when none was (then filters alone narrow it)."""
    return (args.get("q") or "").strip() or MATCH_ALL


def filters_from_args(args: Mapping[str, str]) -> Filters:
    """The filters named in ``args``; unknown organisation aliases are kept as typed."""
    org = _text(args, "org")
    date_from, date_to = _text(args, "from"), _text(args, "to")
    doc_type = _text(args, "type")
    if doc_type is not None and doc_type not in DOC_TYPES:
        raise UsageError(f"type must be one of {', '.join(DOC_TYPES)}, not {doc_type!r}")
    filters = Filters(
        org=resolve_filter(org) if org else None,
        author=_text(args, "author"),
        date_from=parse_bound(date_from) if date_from else None,
        date_to=parse_bound(date_to, end=True) if date_to else None,
        rec=_positive_int(args, "rec"),
        doc_type=doc_type,
        paper=_text(args, "paper"),
    )
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise UsageError(f"the 'from' date ({date_from}) is after the 'to' date ({date_to})")
    return filters


@dataclass(frozen=True)
class Paging:
    page: int
    limit: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit

    def last_page(self, total: int) -> int:
        return max(1, math.ceil(total / self.limit))

    def window(self, total: int, width: int = 2) -> list[int]:
        """Page numbers to offer as links: the first, the last, and a few around this one."""
        last = self.last_page(total)
        near = range(max(1, self.page - width), min(last, self.page + width) + 1)
        return sorted({1, last, *near})


def paging_from_args(args: Mapping[str, str], default_limit: int = 10) -> Paging:
    limit = _positive_int(args, "limit", default_limit)
    if limit > MAX_LIMIT:
        raise UsageError(f"limit must be at most {MAX_LIMIT}, not {limit}")
    return Paging(page=_positive_int(args, "page", 1), limit=limit)
