"""The store's side of bounded cost per request (part of the store: it knows Whoosh).

What a query costs is mostly the postings it reads: every passage holding each of its
words. ``check_cost`` adds up, before searching, how many postings the query's words
(and the words a wildcard, prefix or range stands for) have in the passages, and refuses
a query that would read more than ``MAX_READ`` per record in the index: that is a pile
of the commonest words, which cost twenty times an ordinary search and find nothing in
particular. A pattern standing for more than ``MAX_EXPANSIONS`` words, and a bare ``*``
that would match everything, are refused too. Counting stops at those limits, so the
check itself costs little.
"""
from __future__ import annotations

from itertools import islice

from whoosh import query as wq
from whoosh.query.terms import MultiTerm

from .errors import QueryError
from .limits import MAX_EXPANSIONS, MAX_READ, MIN_READ, shorten


def _leaves(q: wq.Query):
    return [q] if q.is_leaf() else list(q.leaves())


def check_cost(s, q: wq.Query, expansions: int | None = None, read: float | None = None) -> None:
    """Raise QueryError when ``q`` (over the passages) would cost far more than an
    ordinary search: too many words behind a pattern, or too many postings to read."""
    expansions = MAX_EXPANSIONS if expansions is None else expansions
    budget = max((MAX_READ if read is None else read) * s.doc_count(), MIN_READ)
    reader = s.reader()
    postings = 0
    for leaf in _leaves(q):
        if isinstance(leaf, wq.Every):
            raise QueryError("a bare * matches everything: leave the box empty to list every"
                             " document, or put letters before the *")
        if isinstance(leaf, MultiTerm):
            if leaf.field() not in s.schema:
                continue  # a stemmed pattern: its exact twin is counted
            words = list(islice(leaf._btexts(reader), expansions + 1))
            if len(words) > expansions:
                raise QueryError(f"{shorten(str(leaf))} matches more than {expansions} words in the"
                                 " index: put more letters before the * or ?")
            terms = [(leaf.field(), w) for w in words]
        else:
            terms = list(leaf.iter_all_terms())
        # stemmed terms are looked up at query time among the exact words (store_score):
        # the exact forms the parser adds beside them stand for their cost
        counts = [reader.doc_frequency(f, t) for f, t in terms if f in s.schema]
        if isinstance(leaf, wq.Phrase) and counts:
            # a phrase is read from its rarest word's passages: "edge of care" is an ordinary
            # search, however common "of" is
            postings += min(counts) * len(counts)
        else:
            postings += sum(counts)
    if postings > budget:
        raise QueryError("the query's words are too common to search all together: use fewer"
                         " of them, or rarer ones")
