"""What one web request may ask for, so that no request costs much more than an
ordinary search: the query's length, words, wildcards and nesting, the length of a
filter value, and how deep into the results a page may be. Each limit broken is a
``QueryError``/``UsageError`` (HTTP 400) that says what to change.

The store bounds what it can only see with the index open (indexer/store_limits.py), for
the command line too: how many words a wildcard stands for (``MAX_EXPANSIONS``), how many
postings a query may read (``MAX_READ``), and which words "did you mean" respells
(``indexer.store.SUGGEST_MAX_WORD``).
"""
from __future__ import annotations

import re

from .errors import QueryError, UsageError

MAX_QUERY_CHARS = 300     # a long question is about 150
MAX_TERMS = 16            # words and phrase words together
MAX_WILDCARDS = 4
MIN_WILDCARD_PREFIX = 2   # letters before the first * or ?
MAX_DEPTH = 4             # nested parentheses
MAX_VALUE_CHARS = 200     # a filter value (org, author, paper, dates)
MAX_PAGE = 100            # result pages: narrow the search rather than page further
MAX_EXPANSIONS = 50       # index words one wildcard may stand for
MAX_READ = 2.0            # postings a query may read over the passages, per record in the index
MAX_READ_BODIES = 1.0     # the same for `bodies`, which does more with each passage it reads
MIN_READ = 20_000         # ... but never fewer postings than this: on a small index all is cheap

_WORD = re.compile(r"[^\s()\"]+")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_FIELD = re.compile(r"^[A-Za-z_]\w*:")


def shorten(value: str, limit: int = 40) -> str:
    """``value`` short enough to quote in a message."""
    return value if len(value) <= limit else value[:limit] + "…"


def check_query(text: str) -> str:
    """``text`` when a web request may search it; QueryError saying why not."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text):,} characters long; at most {MAX_QUERY_CHARS}"
                         " can be searched: use fewer, more telling words")
    words = [w for w in _WORD.findall(text) if w not in _OPERATORS]
    terms = [_FIELD.sub("", w) for w in words]
    if len(terms) > MAX_TERMS:
        raise QueryError(f"the query has {len(terms)} words; at most {MAX_TERMS} can be searched"
                         " at once: use fewer, more telling words")
    wild = [t for t in terms if "*" in t or "?" in t]
    if len(wild) > MAX_WILDCARDS:
        raise QueryError(f"the query has {len(wild)} wildcards; at most {MAX_WILDCARDS} are allowed")
    for term in wild:
        stem = re.split(r"[*?]", term, maxsplit=1)[0]
        if len(re.sub(r"\W", "", stem)) < MIN_WILDCARD_PREFIX:
            raise QueryError(f"{shorten(term)!r}: a wildcard needs at least {MIN_WILDCARD_PREFIX}"
                             " letters before its * or ?")
    depth = deepest = 0
    for ch in re.sub(r'"[^"]*"', "", text):
        depth += (ch == "(") - (ch == ")")
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        raise QueryError(f"the query nests parentheses {deepest} deep; at most {MAX_DEPTH} are allowed")
    return text


def check_value(name: str, value: str) -> str:
    """A filter value a web request may give."""
    if len(value) > MAX_VALUE_CHARS:
        raise UsageError(f"{name} is {len(value):,} characters long; at most {MAX_VALUE_CHARS} are allowed")
    return value


def check_page(page: int) -> int:
    if page > MAX_PAGE:
        raise UsageError(f"page must be at most {MAX_PAGE}, not {page}: narrow the search with"
                         " more words or a filter instead")
    return page
