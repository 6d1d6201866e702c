"""The tagger's view of a document's lines: what is not content blanked out, text that an
extractor flattened onto a few long lines broken back at its letter structure, and a
heading broken over many short capitalised lines joined into one.

Line positions are not preserved (the tagger only reads structure, never offsets)."""
from __future__ import annotations

import re

from . import dates, letter, title_line
from .needles import Needles

# web-page furniture around a published letter: navigation, copyright and publication stamps
WEB_FURNITURE = re.compile(
    r"^\s*(?:previous\s+page\s+contents(?:\s+next\s+page)?|contents\s+next\s+page|"
    r"house\s+of\s+commons\s+home\s+page\b.*|parliament\s+home\s+page\b.*|"
    r"\u00a9\s*(?:parliamentary|crown)\s+copyright\b.*|prepared\s+\d{1,2}\s+\w+\s+\d{4}\s*|"
    r"total\s+page\s*:\s*\d+|file\s+type\s*:\s*\w+.*|embed\s+size\s*\(px\)|citation\s+preview|"
    r"upload|download\s*\d*|view\s*\d*)\s*$",
    re.IGNORECASE)
LONG = 300  # a line this long holding a salutation or sign-off is flattened text
_SIGNOFF_INLINE = Needles(re.compile(
    r"\b(Yours\s+(?:sincerely|faithfully|truly|ever)|Kind\s+regards|Best\s+wishes|Yn\s+gywir)\b[,.]?"),
    ("Yours", "Kind", "Best", "Yn"))
# "Dear Ms Baillie", "Dear Jeremy,", "Dear Chair," inside a flattened line
_DEAR_INLINE = Needles(re.compile(
    r"\b(Dear|Annwyl)\s+((?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Professor)\.?\s+[A-Z][\w'\u2019-]+)"
    r"|(?:[A-Z][\w'\u2019-]+)(?:\s+[A-Z][\w'\u2019-]+)?(?=\s*,)|[A-Z][\w'\u2019-]+)\s*,?"), ("Dear", "Annwyl"))
_REC_INLINE = Needles(re.compile(r"(?<=\S)\s+(?=(?:Recommendation|Response)\s*\d*\s*:)"),
                      ("Recommendation", "Response"))
_CAPS_PIECE = re.compile(r"^[A-Z0-9 ,.'\u2019&()\-]+$")


def tagging_lines(lines: list[str] | tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for line in join_wrapped(lines):
        if WEB_FURNITURE.match(line):
            out.append("")
        elif len(line) >= LONG and (_DEAR_INLINE.search(line) or _SIGNOFF_INLINE.search(line)
                                    or _REC_INLINE.search(line)):
            out.extend(unflatten(line))
        else:
            out.append(line)
    return join_caps_headings(out)


_NEW_ITEM = re.compile(
    r"^\s*(?:[\u2022\u00b7\u25cf\uf0b7*\u2013-]\s|\(?\d{1,3}[.)]\s|\(?[a-z][.)]\s|(?:Recommendation|Response|Argymhelliad|Ymateb)\b|"
    r"(?:Dear|Annwyl)\s|Yours\s|Kind\s+regards|cc\b|Copy\s+to)", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"(?:[.!?:;]|\d{4})[\u201d\"')\]]*$")


def join_wrapped(lines: list[str] | tuple[str, ...]) -> list[str]:
    """A paragraph a PDF wrapped over several lines, as one line: a long line that does not
    end a sentence runs on into the next unless that one starts a new item."""
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        p, t = prev.strip(), line.strip()
        if (p and t and len(p) >= 55 and not _ENDS_SENTENCE.search(p) and not _NEW_ITEM.match(t)
                and not WEB_FURNITURE.match(t) and not (t.isupper() and len(t) > 3) and not _two_names(p, t)):
            out[-1] = prev.rstrip() + " " + t
        else:
            out.append(line)
    return out


_CONNECTOR_END = re.compile(r"(?:,|\b(?:and|of|for|the|to|on|in|a|an|y|ac|a'r|from|by|with))\s*$", re.IGNORECASE)


def _two_names(p: str, t: str) -> bool:
    """Two letterhead lines (a body's Welsh and English names), not one wrapped sentence."""
    return (letter.title_case_ratio(p) >= 0.8 and letter.title_case_ratio(t) >= 0.8 and not _CONNECTOR_END.search(p)
            and not title_line.TITLE.match(p))


def unflatten(line: str) -> list[str]:
    """Break a flattened letter back into lines: the header before the salutation at its
    dates, the salutation on its own line, a sign-off and the name after it on their own,
    a quoted recommendation and its response on their own."""
    pieces: list[str] = []
    rest = line
    m = _DEAR_INLINE.search(rest)
    if m and m.start() < len(rest) // 2 + 1:
        pieces.extend(_split_header(rest[:m.start()]))
        pieces.append(m.group(0).strip())
        rest = rest[m.end():]
    s = _SIGNOFF_INLINE.search(rest)
    if s:
        pieces.extend(_REC_INLINE.split(rest[:s.start()].strip()))
        pieces.append(s.group(0).strip())
        pieces.append(rest[s.end():].strip())
    else:
        pieces.extend(_REC_INLINE.split(rest.strip()))
    return [p for p in pieces if p.strip()] or [line]


def _split_header(text: str) -> list[str]:
    """A flattened letterhead and address: a full date stands on its own line."""
    out: list[str] = []
    at = 0
    for m in dates.FULL_DATE.finditer(text):
        before = text[at:m.start()].strip()
        if re.search(r"\b(on|of|by|from|until|since|dated|before|after)\s*$", before, re.IGNORECASE):
            continue
        if before:
            out.append(before)
        out.append(m.group(0))
        at = m.end()
    tail = text[at:].strip()
    if tail:
        out.append(tail)
    return out


def join_caps_headings(lines: list[str]) -> list[str]:
    """ "LETTER FROM" / "THE CHAIRMAN" / "OF THE" / "COMMITTEE TO" ... -> one heading line."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 3:
            out.append(" ".join(run))
        else:
            out.extend(run)
        run.clear()

    for line in lines:
        t = line.strip()
        if t and len(t) <= 25 and _CAPS_PIECE.match(t) and (run or any(c.isalpha() for c in t)):
            run.append(t)
            continue
        flush()
        out.append(line)
    flush()
    return out
