"""Requests made to cost the server as much as possible, each with what it must get:
400 (a limit, with a message saying what to change) or 200 (an ordinary answer).
The web tests check the statuses; benchmarks/bench_hostile.py measures their cost
beside an ordinary search."""
from __future__ import annotations

from urllib.parse import quote

LONG_WORD = "a" * 10_000
ORDINARY_LONG_WORD = "a" * 120
MANY_TERMS = " ".join(f"word{i}" for i in range(500))
COMMON_WORDS = " OR ".join(["the", "and", "of", "to", "a", "in", "for", "is", "on", "that",
                            "with", "be", "by", "as", "are", "this"])

COMMON_EIGHT = " OR ".join(["children", "care", "local", "authorities", "support", "services",
                            "families", "government"])


def _q(path: str, q: str, extra: str = "") -> str:
    return f"{path}?q={quote(q)}{extra}"


# (what it tries, path, expected status)
HOSTILE = [
    ("long word", _q("/", LONG_WORD), 400),
    ("long word, API", _q("/api/search", LONG_WORD), 400),
    ("long word, bodies", _q("/api/bodies", LONG_WORD), 400),
    ("long word, ask", _q("/api/ask", LONG_WORD), 400),
    ("long word, in a filter", "/api/search?q=targets&org=" + "x" * 10_000, 400),
    ("long word, as an author", "/api/search?q=&author=" + "x" * 10_000, 400),
    ("a word of ordinary length that no index holds", _q("/api/search", ORDINARY_LONG_WORD), 200),
    ("misspelt long word", _q("/api/search", "financialpenaltiestargets" * 4), 200),
    ("many terms", _q("/api/search", MANY_TERMS), 400),
    ("many terms, bodies", _q("/api/bodies", MANY_TERMS), 400),
    ("many words in a phrase", _q("/api/search", '"' + " ".join(["the"] * 200) + '"'), 400),
    ("the most common words, OR-ed", _q("/api/search", COMMON_WORDS), None),  # 400 on a large index
    ("the most common words, bodies", _q("/api/bodies", COMMON_WORDS), None),
    ("eight common words", _q("/api/search", COMMON_EIGHT), None),  # 400 on a small index
    ("eight common words, bodies", _q("/api/bodies", COMMON_EIGHT), None),
    ("a bare wildcard", _q("/api/search", "*"), 400),
    ("everything", _q("/api/search", "*:*"), 400),
    ("a leading wildcard", _q("/api/search", "*ing"), 400),
    ("a one-letter prefix", _q("/api/search", "a*"), 400),
    ("a one-letter prefix, bodies", _q("/api/bodies", "t*"), 400),
    ("a wildcard in a word", _q("/api/search", "t?rgets"), 400),
    ("many wildcards", _q("/api/search", "ta* ch* pe* fi* au*"), 400),
    ("a two-letter prefix", _q("/api/search", "co*"), None),   # 400 or 200: how many words it stands for
    ("a narrow wildcard", _q("/api/search", "penalt*"), 200),
    ("a range over every word", _q("/api/search", "[a TO z]"), None),  # refused on a large index
    ("nested parentheses", _q("/api/search", "(" * 20 + "targets" + ")" * 20), 400),
    ("a deep page", "/api/search?q=targets&page=100000", 400),
    ("a huge page number", "/?q=targets&page=" + "9" * 5000, 400),
    ("a huge limit", "/api/search?q=targets&limit=100000", 400),
    ("the deepest page allowed", "/api/search?q=&page=100", 200),
    ("the largest page allowed", "/api/search?q=&limit=100", 200),
    ("a long question", _q("/api/ask", "Which bodies wrote about " + "children and " * 40 + "targets?"), 400),
]

# the yardstick: what an ordinary visitor asks
ORDINARY = [
    ("one word", _q("/api/search", "targets"), 200),
    ("a phrase", _q("/api/search", '"financial penalties"'), 200),
    ("an OR of a word and a phrase", _q("/api/search", 'targets OR "financial penalties"'), 200),
    ("which bodies", _q("/api/bodies", 'targets OR "financial penalties"'), 200),
    ("common topic words", _q("/api/search", "children OR care OR local OR authorities"), 200),
    ("common topic words, bodies", _q("/api/bodies", "children OR care OR local OR authorities"), 200),
    ("a question", _q("/api/ask", "Which bodies commented on targets or financial penalties?"), 200),
    ("the search page", _q("/", "targets"), 200),
]
