"""Canonical names of bodies and their aliases (data in orgs.json)."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("orgs.json")


def fold(s: str) -> str:
    """Lower case, curly quotes straightened, white space folded."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower()
    return re.sub(r"\s+", " ", s).strip(" .,;:")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    exact: dict[str, str] = {}
    for canon, aliases in data.items():
        if canon.startswith("_"):
            continue
        for name in [canon, *aliases]:
            exact[fold(name)] = canon
    # longest names first, so "ADSS Cymru" wins over "ADSS"
    names = sorted(exact, key=len, reverse=True)
    patterns = [(re.compile(r"(?<![\w'])" + re.escape(n).replace(r"\ ", r"\s+") + r"(?![\w'])"), exact[n])
                for n in names]
    return exact, patterns


def canonical(name: str | None) -> str | None:
    """The canonical name for exactly this name or alias, or None if unknown."""
    if not name:
        return None
    return _table()[0].get(fold(name))


def resolve_filter(name: str) -> str:
    """The organisation a user typed in a filter: canonical when known, else as typed."""
    return canonical(name) or name.strip()


def find_bodies(text: str, acronyms: bool = True) -> list[tuple[int, str]]:
    """Every known body named in ``text``: (offset, canonical name), in text order.
    Short upper-case acronyms (MAG, PAC, WG) are only matched in their exact case."""
    hits: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    folded = text.replace("\u2019", "'").replace("\u2018", "'")
    low = folded.lower()
    for pattern, canon in _table()[1]:
        for m in pattern.finditer(low):
            s, e = m.span()
            raw = folded[s:e]
            if len(raw) <= 5 and " " not in raw:
                if not acronyms or not raw.isupper():
                    continue
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            hits.append((s, canon))
    hits.sort()
    return hits


def all_names() -> list[str]:
    return sorted(set(_table()[0].values()))
