"""One box, two languages: a question or a query, answered with documents or bodies.

``answer`` is what `evidex search`, `bodies`, `ask` and the web page's box call. A
question is read (indexer.question) into a query and filters, then searched like a query;
the result carries the reading as ``interpreted``. Input in query syntax is searched as it
is. When a question finds nothing, its most common word is left out, one at a time, and the
reading says so; a "did you mean" is offered only for a word the index does not hold, with
a replacement that it does hold and that gives results.
"""
from __future__ import annotations

import re
from dataclasses import replace

from . import question
from .errors import QueryError
from .model import BodiesResult, Body, Filters, SearchResult
from .question import BODIES, DOCUMENTS, Reading

_WORD = re.compile(r"\w+(?:\.?\w+)*")
ORGANISATION_DOCS = 1000  # documents read to list bodies when a question names no topic


def read(index, text: str, published_only: bool = False) -> Reading:
    """How ``text`` reads against this index (a query passes through unread); with
    ``published_only``, against the words of published documents alone."""
    return question.read(text, index.lexicon(published_only))


def answer(index, text: str, filters: Filters = Filters(), kind: str | None = None, limit: int = 10,
           offset: int = 0, collapse: bool = True) -> SearchResult | BodiesResult:
    """``text`` answered with documents or bodies: ``kind`` when given (the `search` and
    `bodies` commands), else as the question asks (`ask`; documents when it does not say).
    Filters given here win over filters read from the question."""
    if not text.strip() and kind == BODIES:
        return _bodies(index, "", filters, limit)
    lexicon = index.lexicon(filters.published_only)
    reading = question.read(text, lexicon)
    if not reading.is_question:
        if kind == BODIES:
            return index.bodies(text, filters, limit=limit)
        return index.search(text, filters, limit=limit, offset=offset, collapse=collapse)
    kind = kind or reading.answer or DOCUMENTS
    merged = reading.with_filters(filters)

    def run(r: Reading):
        if kind == BODIES:
            return _bodies(index, r.query, merged, limit)
        return index.search(r.query, merged, limit=limit, offset=offset, collapse=collapse)

    result = run(reading)
    first_suggestion, first_query = result.suggestion, reading.query
    looser = reading
    while _empty(result) and reading.query:
        looser = question.loosen(looser, lexicon)
        if looser is None:
            break
        loose_result = run(looser)
        if not _empty(loose_result):
            reading, result = looser, loose_result
    suggestion = _question_suggestion(reading.question, first_suggestion, first_query)
    return replace(result, interpreted=replace(reading, answer=kind), suggestion=suggestion)


def _empty(result: SearchResult | BodiesResult) -> bool:
    return not (result.bodies if isinstance(result, BodiesResult) else result.total)


def _question_suggestion(typed: str, query_suggestion: str | None, query: str) -> str | None:
    """The store's suggestion for the reading's query, carried back into the question as
    typed: each word it replaced is replaced in the question."""
    if not query_suggestion:
        return None
    old, new = _WORD.findall(query), _WORD.findall(query_suggestion)
    if len(old) != len(new):
        return None
    out = typed
    for a, b in zip(old, new):
        if a.lower() != b.lower():
            out = re.sub(r"(?i)(?<!\w)" + re.escape(a) + r"(?!\w)", b, out)
    return out if out.lower() != typed.lower() else None


def _bodies(index, query: str, filters: Filters, limit: int) -> BodiesResult:
    """Bodies matching ``query``; with no topic ("Who wrote to the Committee in November
    2019?"), the bodies of every document the filters let through."""
    if query:
        return index.bodies(query, filters, limit=limit)
    if filters.is_empty():
        raise QueryError("say what to look for: the question names no topic and no filter")
    found = index.search("", filters, limit=ORGANISATION_DOCS)
    per_org: dict[str, list] = {}
    for hit in found.hits:
        if hit.doc.organisation:
            per_org.setdefault(hit.doc.organisation, []).append(hit)
    bodies = []
    for org, hits in sorted(per_org.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        dates = sorted(h.doc.date for h in hits if h.doc.date)
        bodies.append(Body(organisation=org, documents=tuple(h.doc.id for h in hits),
                           first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
                           passages=tuple(p for h in hits for p in h.passages[:1])[:5]))
    return BodiesResult(query="", bodies=tuple(bodies[:limit]))
