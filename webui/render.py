"""Presentation helpers for the pages: a document's text cut into pages and passages.

Pure functions over ``indexer.model.Document``; the templates only loop over the result.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.model import Document, PassageHit


@dataclass(frozen=True)
class Piece:
    """A run of document text; ``passage`` when it belongs to a passage, ``anchor`` (an
    element id like "p-3") on the piece where that passage starts."""

    text: str
    passage: bool = False
    anchor: str | None = None


@dataclass(frozen=True)
class PageView:
    number: int | None
    pieces: tuple[Piece, ...]


def passage_anchor(ordinal: int) -> str:
    return f"p-{ordinal}"


def _find(text: str, needle: str, start: int) -> tuple[int, int] | None:
    """Where ``needle`` next occurs in ``text`` from ``start``, tolerating white-space changes."""
    needle = needle.strip()
    if not needle:
        return None
    at = text.find(needle, start)
    if at >= 0:
        return at, at + len(needle)
    words = needle.split()
    m = re.compile(r"\s+".join(re.escape(w) for w in words)).search(text, start)
    return m.span() if m else None


def _locate(doc: Document, page_offsets: dict[int | None, int]) -> list[tuple[int, int, int]]:
    """(start, end, ordinal) of each passage in ``doc.text``, in text order. A passage
    whose text cannot be found gets an empty span at the start of its page."""
    spans, cursor = [], 0
    for p in sorted(doc.passages, key=lambda p: p.ordinal):
        found = _find(doc.text, p.text, cursor)
        if found:
            spans.append((*found, p.ordinal))
            cursor = found[1]
        else:
            at = page_offsets.get(p.page, cursor)
            spans.append((at, at, p.ordinal))
    spans.sort()
    return spans


def document_pages(doc: Document) -> list[PageView]:
    """The document's text page by page, with each passage marked and anchored."""
    text = doc.text
    pages = doc.page_spans()
    page_offsets: dict[int | None, int] = {}
    for number, offset, _ in pages:
        page_offsets.setdefault(number, offset)
    spans = _locate(doc, page_offsets)

    views, carry_end, k = [], 0, 0
    for i, (number, pstart, pend) in enumerate(pages):
        pieces, pos = [], pstart
        if carry_end > pos:  # a passage that began on an earlier page
            pos = min(carry_end, pend)
            pieces.append(Piece(text[pstart:pos], passage=True))
        while k < len(spans) and (spans[k][0] < pend or (i + 1 == len(pages))):
            s, e, ordinal = spans[k]
            k += 1
            s = max(s, pos)
            if s > pos:
                pieces.append(Piece(text[pos:s]))
            cut = min(max(e, s), pend)
            pieces.append(Piece(text[s:cut], passage=True, anchor=passage_anchor(ordinal)))
            pos = cut
            carry_end = max(carry_end, e)
        if pos < pend:
            pieces.append(Piece(text[pos:pend]))
        if number is None and not any(p.text.strip() or p.anchor for p in pieces):
            continue  # nothing before the first page marker
        views.append(PageView(number, tuple(pieces)))
    return views


def passage_fragment(passage: PassageHit) -> str:
    """The URL fragment that leads from a search hit to its passage on the document
    page: the passage's own anchor, or its page's when the hit has no ordinal."""
    if passage.ordinal is not None:
        return passage_anchor(passage.ordinal)
    return f"page-{passage.page}" if passage.page is not None else ""
