"""Near-duplicate detection: the same letter filed twice (on its own and inside a pack).

A document's *signature* is a one-permutation MinHash of its normalised word
5-shingles: every shingle is hashed once, the hash space is cut into ``BINS``
bins and each bin keeps its smallest value. Two signatures agree in a bin with
probability close to the Jaccard similarity of the shingle sets.

*Band tokens* (``ROWS`` bins hashed together) are what the store indexes to
find candidates cheaply; candidates are then confirmed with ``similarity``.
Pure functions: no I/O, no search engine.
"""
from __future__ import annotations

import operator
import re
import zlib
from itertools import accumulate, repeat

import numpy as np

SHINGLE = 5
BINS = 64
ROWS = 4            # bins per band: 16 bands; P(candidate | J=0.8) > 0.999, | J=0.3) ~ 0.12
THRESHOLD = 0.8     # Jaccard similarity from which two documents are the same document
_BIN_BITS = 6       # 2**6 == BINS
_VALUE_MASK = (1 << (32 - _BIN_BITS)) - 1
EMPTY = -1          # a bin no shingle fell into

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Lower-case word ``size``-grams of ``text`` (all its words when it is shorter)."""
    words = _WORD.findall(text.replace("\u2019", "'").lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> tuple[int, ...]:
    """The MinHash signature of ``text``; empty when it has no words."""
    data, lengths = _joined_words(text.lower())  # as ``shingles``: its quote folding cannot change \w+ words
    if not lengths:
        return ()
    # every shingle hashed as a slice of the words joined once: the same bytes as
    # " ".join(shingle).encode(), without a string per shingle (a repeated shingle is hashed
    # again, which cannot change a bin's smallest value)
    if len(lengths) < SHINGLE:
        hashes = [zlib.crc32(data)]
    else:
        starts = list(accumulate(map(operator.add, lengths, repeat(1)), initial=0))  # each word's first byte
        crc32 = zlib.crc32
        hashes = [crc32(data[s:e]) for s, e in zip(starts, map(operator.sub, starts[SHINGLE:], repeat(1)))]
    h = np.array(hashes, dtype=np.int64)
    smallest = np.full(BINS, _NONE, dtype=np.int64)
    np.minimum.at(smallest, h >> (32 - _BIN_BITS), h & _VALUE_MASK)
    smallest[smallest == _NONE] = EMPTY
    return tuple(smallest.tolist())


_NONE = 1 << 40  # above every value: a bin no shingle fell into, until the end
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# every byte that is not an ASCII word character (the bytes of non-ASCII characters too) a space
_ASCII_WORDS = bytes(b if b < 128 and (chr(b).isalnum() or b == ord("_")) else 32 for b in range(256))


def _joined_words(low: str) -> tuple[bytes, list[int]]:
    """The \\w+ words of ``low`` joined by single spaces, in UTF-8, and each word's length in bytes."""
    if not any(c.isalnum() for c in set(_NON_ASCII.findall(low))):
        # every word character is ASCII: splitting the bytes finds the same words, faster
        words = low.encode("utf-8").translate(_ASCII_WORDS).split()
        return b" ".join(words), list(map(len, words))
    words = _WORD.findall(low)
    return " ".join(words).encode("utf-8"), list(map(len, map(str.encode, words)))


def band_tokens(sig: tuple[int, ...]) -> list[str]:
    """One token per band of ``ROWS`` bins; documents sharing a token are candidates."""
    if not sig:
        return []
    tokens = []
    for band in range(0, len(sig), ROWS):
        rows = ",".join(str(v) for v in sig[band:band + ROWS])
        tokens.append(f"{band // ROWS}x{zlib.crc32(rows.encode()):08x}")
    return tokens


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    if not a or not b or len(a) != len(b):
        return 0.0
    used = [(x, y) for x, y in zip(a, b) if x != EMPTY or y != EMPTY]
    if not used:
        return 0.0
    return sum(1 for x, y in used if x == y) / len(used)


def is_duplicate(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return similarity(a, b) >= THRESHOLD


def identity_of(recipient: str | None, date: str | None) -> tuple[str, str]:
    return ((recipient or "").strip().lower(), date or "")


def identity(doc) -> tuple[str, str]:
    """What copies of one letter share besides their words: addressee and date.
    The same circular sent to three people is three letters, not one."""
    return identity_of(doc.recipient, doc.date)


def same_identity(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Both known and different (on either part) means different documents."""
    return all(not x or not y or x == y for x, y in zip(a, b))
