"""Cut a document into paragraph-sized passages that know their page and the
recommendation heading they sit under."""
from __future__ import annotations

import re

from . import letter
from .split import Line
from .tag import rec_heading

MAX_CHARS = 1200   # a block longer than this is cut at sentence ends
MIN_CHARS = 60     # a shorter block (a heading) joins the block after it
_EMPHASIS = re.compile(r"(?<!\w)\*(\S(?:.*?\S)?)\*(?!\w)")


def passage_blocks(lines: tuple[Line, ...]) -> list[tuple[str, int | None, int | None]]:
    """(text, page, recommendation) for each passage, in order."""
    texts = [ln.text for ln in lines]
    blocks: list[list[int]] = []
    cur: list[int] = []
    for i, t in enumerate(texts):
        if not t.strip():
            if cur:
                blocks.append(cur)
                cur = []
            continue
        if rec_heading(texts, i) is not None and cur:
            blocks.append(cur)
            cur = []
        cur.append(i)
    if cur:
        blocks.append(cur)

    out: list[tuple[str, int | None, int | None]] = []
    rec: int | None = None
    carry: list[int] = []
    for block in blocks:
        for i in block:
            n = rec_heading(texts, i)
            if n is not None:
                rec = n
            elif letter.is_signoff(texts[i]):
                rec = None
        idx = carry + block
        text = _join([texts[i] for i in idx])
        if _is_furniture(texts, block):
            carry = []
            continue
        if len(text) < MIN_CHARS and block is not blocks[-1]:
            carry = idx
            continue
        carry = []
        page = lines[idx[0]].page
        for piece in _cut(text):
            out.append((piece, page, rec))
    if carry:
        out.append((_join([texts[i] for i in carry]), lines[carry[0]].page, rec))
    return out


def _join(parts: list[str]) -> str:
    """Lines into one passage: white space folded, markdown emphasis marks dropped."""
    text = " ".join(letter.clean(p) for p in parts)
    if "*" in text:
        text = _EMPHASIS.sub(r"\1", text)
    return " ".join(text.split())  # str.split's white space is re's \s: runs folded, ends stripped


def _is_furniture(texts: list[str], block: list[int]) -> bool:
    """Letterhead contact details, addresses and bilingual boilerplate: not content."""
    for i in block:
        c = letter.clean(texts[i])
        if not (letter.CONTACT.search(c) or letter.BOILERPLATE.search(c) or letter.PHONE.match(c)
                or letter.POSTCODE.search(c) or letter.PACK_HEADER.match(c) or letter.paper_ref(c)):
            return False
    return True


def _cut(text: str) -> list[str]:
    if len(text) <= MAX_CHARS:
        return [text]
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\u2018\"(])", text)
    out, cur = [], ""
    for s in sentences:
        if cur and len(cur) + len(s) > MAX_CHARS:
            out.append(cur)
            cur = s
        else:
            cur = f"{cur} {s}".strip()
    if cur:
        out.append(cur)
    return out
