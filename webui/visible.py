"""What this request may see, and how sources are shown: the one place the pages and the
API narrow results to the viewer (published documents only, unless a clerk) and replace
the server's absolute paths with paths relative to the indexed folder."""
from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from flask import abort, current_app

from indexer.model import Document, Filters, SearchHit, SearchResult
from indexer.sources import load_roots, relative_source

from .auth import published_only
from .index import get_index
from .params import filters_from_args


def request_filters(args: Mapping[str, str]) -> Filters:
    """The filters typed, narrowed to what the viewer may see."""
    return replace(filters_from_args(args), published_only=published_only())


def document_or_404(doc_id: str) -> Document:
    """The document as indexed (its real source), when the viewer may see it."""
    doc = get_index().get(doc_id, published_only=published_only())
    if doc is None:
        abort(404, f"There is no document {doc_id!r} in the index.")
    return doc


def _roots() -> list[str]:
    return load_roots(current_app.config["INDEX_DIR"])


def _also_in(entries, roots) -> tuple[dict, ...]:
    return tuple({**e, "source": relative_source(e["source"], roots)} for e in entries)


def _hidden() -> frozenset[str]:
    """Restricted documents this viewer may not even hear of (by id, as a duplicate's original)."""
    return get_index().restricted_ids() if published_only() else frozenset()


def _shown(doc: Document, roots, hidden) -> Document:
    return replace(doc, source=relative_source(doc.source, roots),
                   duplicate_of=None if doc.duplicate_of in hidden else doc.duplicate_of)


def shown_document(doc: Document) -> Document:
    roots = _roots()
    return replace(_shown(doc, roots, _hidden()), also_in=_also_in(doc.also_in, roots))


def _shown_hit(hit: SearchHit, roots, hidden) -> SearchHit:
    return replace(hit, doc=_shown(hit.doc, roots, hidden), also_in=_also_in(hit.also_in, roots))


def shown_result(result):
    """A search result with its sources shown relative (a bodies result names none)."""
    if not isinstance(result, SearchResult):
        return result
    roots, hidden = _roots(), _hidden()
    return replace(result, hits=tuple(_shown_hit(h, roots, hidden) for h in result.hits))
