"""Request arguments -> the library's Filters and paging, shared by pages and API.

Every bad value raises ``UsageError`` (HTTP 400) with a message a person can act on;
what a request may ask for is bounded by ``indexer.limits`` (length, words, page depth).
The argument names are the contract's: q, org, author, from, to, rec, type, paper,
limit, page.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

from indexer import limits
from indexer.errors import UsageError
from indexer.model import Filters
from indexer.query import build_filters

MAX_LIMIT = 100


def _text(args: Mapping[str, str], name: str) -> str | None:
    value = (args.get(name) or "").strip()
    return limits.check_value(name, value) if value else None


def _positive_int(args: Mapping[str, str], name: str, default: int | None = None) -> int | None:
    value = _text(args, name)
    if value is None:
        return default
    if not value.isdigit() or len(value) > 9 or int(value) < 1:
        raise UsageError(f"{name} must be a whole number of 1 or more, not {limits.shorten(value)!r}")
    return int(value)


def query_from_args(args: Mapping[str, str]) -> str:
    """The query typed; an empty one means every document (filters alone narrow it)."""
    return limits.check_query((args.get("q") or "").strip())


def filters_from_args(args: Mapping[str, str]) -> Filters:
    """The filters named in ``args``, checked and normalised as the CLI does it."""
    return build_filters(org=_text(args, "org"), author=_text(args, "author"),
                         date_from=_text(args, "from"), date_to=_text(args, "to"),
                         rec=_text(args, "rec"), doc_type=_text(args, "type"),
                         paper=_text(args, "paper"))


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
    return Paging(page=limits.check_page(_positive_int(args, "page", 1)), limit=limit)
