"""Canonical names of bodies and their aliases (data in orgs.json)."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .memo import per_line

_DATA = Path(__file__).with_name("orgs.json")
_WORD = re.compile(r"\w+")
# words that flattened web text runs onto a name ("the Finance Committeehave agreed")
FUSED = ("have", "has", "had", "and", "is", "was", "were", "will", "would", "agreed", "decided", "noted",
         "considered", "the", "which", "that", "who", "are", "also", "met", "said", "welcomed",
         "recommended", "of", "on", "to", "for")
_FUSED_SET = frozenset(FUSED)
_FUSED_LENGTHS = sorted({len(f) for f in FUSED})
# a name ends at a word's end, before a possessive ("Defra's budget") or before a fused word
_FUSED_END = "(?:(?![\\w'])|(?='s?(?![\\w']))|(?=(?:" + "|".join(FUSED) + ")(?![\\w'])))"



def fold(s: str) -> str:
    """Lower case, curly quotes straightened, white space folded."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower()
    return " ".join(s.split()).strip(" .,;:")  # str.split's white space is re's \s


def name_pattern(name: str) -> str:
    """The pattern finding the folded ``name`` as whole words, any white space between them,
    not after a word or a word and an apostrophe: (?<!\\w)(?<!\\w')NAME, written with the
    first word before the lookbehinds (which then look back over it) so that re searches
    for that literal word instead of trying the lookbehinds at every position."""
    first = re.escape(name.split(" ")[0])
    rest = re.escape(name)[len(first):].replace(r"\ ", r"\s+")
    return first + r"(?<!\w" + first + r")(?<!\w'" + first + r")" + rest + _FUSED_END


class _Table:
    """Every name folded to its canonical body, and one pattern per name, longest first.
    Each pattern is filed under the longest word of its name, so a text only tries the
    patterns whose words it holds (a name's words are whole words of any text it matches)."""

    def __init__(self, data: dict[str, list[str]]):
        self.exact: dict[str, str] = {}
        self.cased: set[str] = set()  # short mixed-case names as written: "Defra", "MoJ"
        self.upper: set[str] = set()  # one-word names the table writes in capitals: "UNISON", "NASUWT"
        self.proper: set[str] = set()  # one-word names the table capitalises: "Senedd", not "y senedd"
        for canon, aliases in data.items():
            if canon.startswith("_"):
                continue
            for name in [canon, *aliases]:
                self.exact.setdefault(fold(name), canon)
                if len(name) <= 5 and " " not in name and not name.isupper() and not name.islower():
                    self.cased.add(name)
                if " " not in name and name.isupper():
                    self.upper.add(fold(name))
                if " " not in name and name[:1].isupper():
                    self.proper.add(fold(name))
        # longest names first, so "ADSS Cymru" wins over "ADSS"
        self.names = sorted(self.exact, key=len, reverse=True)
        # compiled when first tried (compiling all ~2,700 cost most of a second per process,
        # and a text only ever tries the few whose words it holds)
        self._compiled: list[re.Pattern | None] = [None] * len(self.names)
        self.words: list[frozenset[str]] = []
        self.by_word: dict[str, list[int]] = {}
        for i, n in enumerate(self.names):
            words = frozenset(_WORD.findall(n))
            self.words.append(words)
            key = max(words, key=len) if words else ""
            self.by_word.setdefault(key, []).append(i)

    def pattern(self, i: int) -> re.Pattern:
        """The pattern of the ``i``-th name: the name's words as whole words, any white space between."""
        compiled = self._compiled[i]
        if compiled is None:
            compiled = self._compiled[i] = re.compile(name_pattern(self.names[i]))
        return compiled

    def candidates(self, low: str) -> list[int]:
        """Indexes of the patterns that may match the lower-cased text ``low``, in order."""
        present = set(_WORD.findall(low))
        # each word also without a fused word it ends with, leaving three letters or more
        present |= {w[:-k] for w in present for k in _FUSED_LENGTHS if len(w) - k >= 3 and w[-k:] in _FUSED_SET}
        found = list(self.by_word.get("", []))
        for w in present:
            found.extend(i for i in self.by_word.get(w, ()) if self.words[i] <= present)
        found.sort()
        return found


@lru_cache(maxsize=1)
def _load() -> _Table:
    return _Table(json.loads(_DATA.read_text(encoding="utf-8")))


def canonical(name: str | None) -> str | None:
    """The canonical name for exactly this name or alias ("the" before it aside), or None if unknown."""
    if not name:
        return None
    exact = _load().exact
    f = fold(name)
    found = exact.get(f)
    if found is None and f.startswith("the "):
        found = exact.get(f[4:])
    return found


def resolve_filter(name: str) -> str:
    """The organisation a user typed in a filter: canonical when known, else as typed."""
    return canonical(name) or name.strip()


def find_bodies(text: str, acronyms: bool = True) -> list[tuple[int, str]]:
    """Every known body named in ``text``: (offset, canonical name), in text order.
    Short upper-case acronyms (MAG, PAC, WG) are only matched in their exact case."""
    return [(s, canon) for s, _, canon in find_spans(text, acronyms)]


def find_spans(text: str, acronyms: bool = True) -> list[tuple[int, int, str]]:
    """As ``find_bodies``, with where each name ends: (start, end, canonical name).
    A short name of one word (up to five letters) matches only in capitals or in the exact
    mixed case the table gives it ("Defra", "Ofcom", "MoJ"); a one-word name the table writes in
    capitals only in capitals ("UNISON", not "in unison"), and one it capitalises only with its
    capital ("Senedd", not "ar lawr y senedd"). A name inside a web or email address
    ("senedd.wales", "x@senedd.wales") is not a mention of the body. A name run together with the
    word after it in flattened text ("the Finance Committeehave agreed") is found without it."""
    return list(_spans(text, acronyms))


@per_line
def _spans(text: str, acronyms: bool) -> tuple[tuple[int, int, str], ...]:
    hits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    folded = text.replace("\u2019", "'").replace("\u2018", "'")
    low = folded.lower()
    table = _load()
    for i in table.candidates(low):
        canon = table.exact[table.names[i]]
        for m in table.pattern(i).finditer(low):
            s, e = m.span()
            raw = folded[s:e]
            if len(raw) <= 5 and " " not in raw:
                if not acronyms or not (raw.isupper() or raw in table.cased):
                    continue
            elif " " not in raw and fold(raw) in table.upper and not raw.isupper():
                continue
            elif " " not in raw and raw[:1].islower() and fold(raw) in table.proper:
                continue
            if _in_address(folded, s, e):
                continue
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            hits.append((s, e, canon))
    hits.sort()
    return tuple(hits)


@lru_cache(maxsize=1)
def legislatures() -> frozenset[str]:
    """Canonical names of the parliaments and assemblies (orgs.json "_legislatures")."""
    return frozenset(json.loads(_DATA.read_text(encoding="utf-8")).get("_legislatures", []))


def _in_address(text: str, s: int, e: int) -> bool:
    """Is text[s:e] part of a web or email address?"""
    before = text[s - 1] if s else " "
    after = text[e:e + 2] + "  "
    return before in "./@" or after[0] in "/@" or (after[0] == "." and after[1].isalnum())


def all_names() -> list[str]:
    return sorted(set(_load().exact.values()))
