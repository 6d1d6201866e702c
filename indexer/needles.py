"""A pattern ruled out cheaply: most lines of a letter hold none of the few literal words
every match of the pattern contains, and ``in`` (after ``str.lower`` for a case-insensitive
pattern) finds that out several times faster than re searching a long line position by position.

Exact: a text is only ruled out when the pattern could not match it. re's IGNORECASE
compares characters by their simple lower case, which is ``str.lower`` except for the three
characters in ``NOT_LOWERED`` (dotless i and long s match "i" and "s"; capital dotted I
lowers to two characters): a text holding one is searched by the pattern itself."""
from __future__ import annotations

import re
from collections.abc import Iterator

NOT_LOWERED = re.compile("[\u0130\u0131\u017f]")


class Needles:
    """``pattern``'s search, skipped for a text holding none of ``needles``: every match of
    ``pattern`` must contain one of them (in lower case for a case-insensitive pattern, and
    then found in any case). Other methods are the pattern's own."""

    def __init__(self, pattern: re.Pattern, needles: tuple[str, ...]):
        self.pattern = pattern
        self.needles = needles
        self.folded = bool(pattern.flags & re.IGNORECASE)
        assert not self.folded or all(n == n.lower() for n in needles)

    def holds(self, text: str) -> bool:
        """Could ``pattern`` match ``text``?"""
        if self.folded:
            if NOT_LOWERED.search(text) is not None:
                return True
            text = text.lower()
        return any(n in text for n in self.needles)

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text) if self.holds(text) else None

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self.pattern.finditer(text) if self.holds(text) else iter(())

    def __getattr__(self, name: str):
        return getattr(self.pattern, name)
