"""A letter closed without a sign-off, as published pages print them: under the last
paragraph, the writer's name, office lines and a dateline ("Jo Bloggs / Managing Director /
25 June 2002"), or only an office and a date ("Chairman / Foreign Affairs Committee /
4 June 2003"), before the page ends or the next letter's heading begins."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import letter


@dataclass(frozen=True)
class Closing:
    name: str | None
    role: str | None
    office_lines: tuple[str, ...]
    date: str | None
    date_line: str | None
    lines: tuple[str, ...]


def is_paragraph(t: str) -> bool:
    return len(t) > 30 and bool(re.search(r"[.!?:\u201d\"')\]]$", t))


def _is_heading(t: str) -> bool:
    return letter.is_all_caps(t) or bool(re.match(r"^(?:letter|response|reply|memorandum)\s+(?:from|to|of)\b", t,
                                                  re.IGNORECASE))


def closing(lines: list[str] | tuple[str, ...]) -> Closing | None:
    """The first closing block after a paragraph: at most five short lines, ending at the
    end of the text or at a heading; it must hold a name, or an office and a date."""
    texts = [letter.clean(t) for t in lines]
    n = len(texts)
    i = 0
    while i < n:
        if not is_paragraph(texts[i]):
            i += 1
            continue
        j = i + 1
        block: list[str] = []
        while j < n and len(block) <= 5:
            t = texts[j]
            if not t:
                j += 1
                continue
            if is_paragraph(t) or _is_heading(t) or len(t) > 80:
                break
            block.append(t)
            j += 1
        ends = j >= n or _is_heading(texts[j])
        found = _read(block) if block and ends else None
        if found:
            return found
        i = max(j, i + 1)
    return None


def _read(block: list[str]) -> Closing | None:
    date = date_line = None
    rest = []
    for t in block:
        d = letter.dateline(t)
        if d and date is None:
            date, date_line = d, t
        elif d is None:
            rest.append(t)
    if not rest or len(rest) > 4:
        return None
    name, role = letter.typed_name(rest[0])
    office = rest[1:] if name else rest
    if name is None and not (date and office and all(letter.is_header_line(o) for o in office)):
        return None
    if name and not (role or office or date):
        return None  # a name alone under a paragraph may be anything (a list, a heading)
    if any(not letter.is_header_line(o) and not letter.ROLE_WORDS.search(o) for o in office):
        return None
    role = role or next((o for o in office if letter.ROLE_WORDS.search(o)), None)
    return Closing(name, role, tuple(office), date, date_line, tuple(block))
