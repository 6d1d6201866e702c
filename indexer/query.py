"""Filters as a user types them (CLI options, web parameters) -> ``Filters``."""
from __future__ import annotations

from .dates import parse_bound
from .errors import UsageError
from .gazetteer import resolve_filter
from .letter import normalise_paper
from .model import DOC_TYPES, Filters


def build_filters(org: str | None = None, author: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, rec: int | str | None = None, doc_type: str | None = None,
                  paper: str | None = None) -> Filters:
    """Validate and normalise filter values; bad values raise UsageError with a reason."""
    org, author, date_from, date_to, doc_type, paper = (
        (v.strip() or None) if isinstance(v, str) else v
        for v in (org, author, date_from, date_to, doc_type, paper))
    if isinstance(rec, str):
        rec = rec.strip() or None
        if rec is not None and not rec.isdigit():
            raise UsageError(f"rec must be a whole number of 1 or more, not {rec!r}")
    if rec is not None and int(rec) < 1:
        raise UsageError(f"rec must be a whole number of 1 or more, not {rec!r}")
    if doc_type is not None:
        doc_type = doc_type.lower()
        if doc_type not in DOC_TYPES:
            raise UsageError(f"type must be one of {', '.join(DOC_TYPES)}, not {doc_type!r}")
    filters = Filters(
        org=resolve_filter(org) if org else None,
        author=author,
        date_from=parse_bound(date_from) if date_from else None,
        date_to=parse_bound(date_to, end=True) if date_to else None,
        rec=int(rec) if rec is not None else None,
        doc_type=doc_type,
        paper=normalise_paper(paper) if paper else None,
    )
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise UsageError(f"the from date ({date_from}) is after the to date ({date_to})")
    return filters
