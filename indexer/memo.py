"""Memoised line readers: the taggers ask the same questions of the same lines many times.

Every reader cleans and classifies the lines it looks at itself (``letter.clean``,
``letter.dateline``, ``gazetteer.find_spans`` ...), so one line of a letter is cleaned a dozen
times and searched for a dateline several times while one document is tagged. A reader
wrapped in ``per_line`` answers a text it has already seen from a bounded cache instead.
Only pure functions of their (hashable) arguments may be wrapped, and what they return
must not be changed by the caller (str, None, bool, tuples).

``clear()`` forgets everything (benchmarks use it to measure a file read with nothing
remembered from the files before it)."""
from __future__ import annotations

from functools import lru_cache, wraps

# Bounded, so a worker reading a large archive holds a few MB of lines, not all of them:
# one document's lines fit, and the letterheads and sign-offs that recur between letters.
MAXSIZE = 4096
# A longer text (a whole document joined up) is rarely asked about twice: not kept.
MAX_CHARS = 2000
_caches: list = []


def per_line(fn):
    """``fn(text, ...)`` with its answers for texts up to MAX_CHARS long remembered."""
    cached = lru_cache(maxsize=MAXSIZE)(fn)
    _caches.append(cached)
    # most readers take a line alone: then no argument packing on every call
    if fn.__code__.co_argcount == 1 and not fn.__code__.co_kwonlyargcount:
        @wraps(fn)
        def read_line(text):
            return cached(text) if len(text) <= MAX_CHARS else fn(text)
        return read_line

    @wraps(fn)
    def read(text, *args, **kwargs):
        if len(text) > MAX_CHARS:
            return fn(text, *args, **kwargs)
        return cached(text, *args, **kwargs)

    return read


def clear() -> None:
    for cached in _caches:
        cached.cache_clear()
