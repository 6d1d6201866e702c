"""HTML-safe highlighting of passage text: everything is escaped, only ``<mark>`` is added.

Knows nothing about the search engine: the caller says which words match
(``is_match``) and which word sequences are phrases to be marked as one run.
"""
from __future__ import annotations

import html
import re
from typing import Callable, Sequence

# The same word pattern the index tokenizer uses, so highlighted words are indexed words.
WORD = re.compile(r"\w+(?:\.?\w+)*")


def highlight(text: str, is_match: Callable[[str], bool],
              phrases: Sequence[Sequence[str]] = ()) -> str:
    """``text`` escaped for HTML with each matching word, and each run of words
    forming one of ``phrases`` (lower-case word sequences), wrapped in ``<mark>``."""
    words = list(WORD.finditer(text))
    spans = _phrase_spans(words, phrases)
    covered = {i for start, end in spans for i in range(start, end)}
    for i, m in enumerate(words):
        if i not in covered and is_match(m.group()):
            spans.append((i, i + 1))
    return _render(text, words, sorted(spans))


def _phrase_spans(words: list[re.Match], phrases: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """Word-index spans [start, end) where a phrase occurs, without overlaps."""
    lowered = [m.group().lower() for m in words]
    spans: list[tuple[int, int]] = []
    taken: set[int] = set()
    for phrase in sorted(phrases, key=len, reverse=True):
        n = len(phrase)
        if n == 0:
            continue
        target = [w.lower() for w in phrase]
        for i in range(len(lowered) - n + 1):
            if lowered[i:i + n] == target and not taken.intersection(range(i, i + n)):
                spans.append((i, i + n))
                taken.update(range(i, i + n))
    return spans


def _render(text: str, words: list[re.Match], spans: list[tuple[int, int]]) -> str:
    out: list[str] = []
    pos = 0
    for start, end in spans:
        a, b = words[start].start(), words[end - 1].end()
        out.append(html.escape(text[pos:a], quote=False))
        out.append("<mark>" + html.escape(text[a:b], quote=False) + "</mark>")
        pos = b
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)
