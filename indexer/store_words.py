"""What the question reader may ask of the index's words (part of the store: it knows Whoosh).

``Lexicon`` answers ``indexer.question.Lexicon``: which forms of a run of words the
passages hold as a phrase, and how many passages hold a word or a phrase. Words are
looked up in the passages' ``exact`` field, the one phrases are matched in.
"""
from __future__ import annotations

from typing import Callable, ContextManager, Sequence

from whoosh import query as wq

from .store_query import word_forms


class Lexicon:
    """Bound to an index's shared searcher (``reading`` yields it); answers are cached
    for the life of this object and, with ``cache``, for the searcher's generation (a
    commit starts a new one)."""

    def __init__(self, reading: Callable[[], ContextManager], hidden=None, cache=None):
        self._reading = reading
        self._hidden = hidden  # searcher -> (docnum -> not to be counted) | None
        self._cache = cache    # searcher -> a dict kept for that searcher's generation | None
        self._counts: dict[tuple[str, ...], int] = {}

    def phrase_forms(self, words: Sequence[str]) -> list[tuple[str, ...]]:
        """The forms of ``words`` (as written, then with the last word singular or plural)
        that some passage holds as a phrase; [] for fewer than two words."""
        words = tuple(w.lower() for w in words)
        if len(words) < 2:
            return []
        variants = [words] + [words[:-1] + (f,) for f in word_forms(words[-1])[1:]]
        return [v for v in variants if self._count(v, first_only=True)]

    def frequency(self, words: Sequence[str]) -> int:
        """Passages holding the word (any singular/plural form) or the phrase."""
        words = tuple(w.lower() for w in words)
        if not words:
            return 0
        if len(words) == 1:
            return sum(self._count((f,)) for f in word_forms(words[0]))
        return sum(self._count(v) for v in [words] + [words[:-1] + (f,) for f in word_forms(words[-1])[1:]])

    def _count(self, words: tuple[str, ...], first_only: bool = False) -> int:
        key = words + (("?",) if first_only else ())
        if key in self._counts:
            return self._counts[key]
        with self._reading() as s:
            shared = self._cache(s) if self._cache else {}
            if key in shared:
                self._counts[key] = shared[key]
                return shared[key]
            hidden = self._hidden(s) if self._hidden else None
            if len(words) == 1 and hidden is None:
                n = s.doc_frequency("exact", words[0])
            else:
                q = wq.Term("exact", words[0]) if len(words) == 1 else wq.Phrase("exact", list(words))
                found = (d for d in s.docs_for_query(q) if not (hidden and hidden(d)))
                if first_only:
                    n = 1 if next(iter(found), None) is not None else 0
                else:
                    n = sum(1 for _ in found)
            self._counts[key] = shared[key] = n
        return n
