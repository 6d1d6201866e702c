"""Split the pages of one file into the documents it holds.

A meeting pack binds many papers; a file may hold several letters. Documents
begin at real boundaries: the letterhead/address/dateline block before a
salutation, an evidence paper's opening ("This paper ..."), or a pack paper
reference heading a new paper. Whatever follows a signature block (cc lists,
footnotes, appendices and annexes) stays with its letter until the next start.
"""
from __future__ import annotations

import re

from dataclasses import dataclass

from . import closing, letter, title_line
from .model import Page

MIN_DOC_CHARS = 200  # a "document" shorter than this is furniture: it joins its neighbour


@dataclass(frozen=True)
class Line:
    text: str
    page: int


@dataclass(frozen=True)
class Segment:
    """The lines of one document, in order."""

    lines: tuple[Line, ...]

    @property
    def texts(self) -> list[str]:
        return [ln.text for ln in self.lines]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


def page_lines(pages: list[Page]) -> list[Line]:
    out: list[Line] = []
    for page in pages:
        for raw in page.text.split("\n"):
            out.append(Line(raw.rstrip(), page.number))
    return out


def split(pages: list[Page]) -> list[Segment]:
    lines = page_lines(pages)
    starts = find_starts([ln.text for ln in lines])
    segments = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
    return [Segment(tuple(_trim(seg))) for seg in _join_short(segments) if _chars(seg)]


def _chars(seg: list[Line]) -> int:
    return len("".join(ln.text for ln in seg).strip())


def _join_short(segments: list[list[Line]]) -> list[list[Line]]:
    """A piece shorter than MIN_DOC_CHARS is furniture: it joins the document before it
    (or, at the top of a file, the one after it)."""
    merged: list[list[Line]] = []
    for seg in segments:
        if merged and (_chars(seg) < MIN_DOC_CHARS or _chars(merged[-1]) < MIN_DOC_CHARS):
            merged[-1].extend(seg)
        else:
            merged.append(list(seg))
    return merged


def _trim(seg: list[Line]) -> list[Line]:
    """A document without the blank lines after its last text: they may sit on the next
    document's first page (after a "Pack Page N" footer) and would stretch its page range."""
    end = len(seg)
    while end > 0 and not seg[end - 1].text.strip():
        end -= 1
    return seg[:end]


def find_starts(texts: list[str]) -> list[int]:
    """Indices of the lines where documents begin (always including 0)."""
    n = len(texts)
    salutations = [i for i, t in enumerate(texts) if letter.salutation(t)]
    signoffs = [i for i, t in enumerate(texts) if letter.is_signoff(t)]
    starts = [0]
    floor = 0          # no document may start at or before this line
    prev_sal = None
    for s in salutations:
        signed = [k for k in signoffs if (prev_sal is None or k > prev_sal) and k < s]
        if prev_sal is None and not signed:
            prev_sal = s
            continue  # the first letter starts at the top of the file
        if prev_sal is not None and not signed:
            continue  # a second "Dear ..." inside the same letter (quoted, or a reply slip)
        sig_end = letter.signature(texts, signed[-1]).end
        floor = max(floor, sig_end)
        head = header_start(texts, s, floor)
        # non-letter documents (evidence papers, pack papers) between the signature and this letter
        for k in _paper_starts(texts, floor, head):
            starts.append(k)
        starts.append(head)
        floor = head
        prev_sal = s
    # after the last letter: an evidence paper or pack paper may follow its annexes
    last_sig = [k for k in signoffs if prev_sal is None or k > prev_sal]
    if last_sig:
        tail_floor = max(floor, letter.signature(texts, last_sig[-1]).end)
        starts.extend(_paper_starts(texts, tail_floor, n))
    if not salutations:
        starts.extend(_titled_letter_starts(texts))
    return sorted(set(starts))


def _titled_letter_starts(texts: list[str]) -> list[int]:
    """A published page holding two unsigned letters: the second starts at its own title line
    ("LETTER FROM THE MINISTER TO THE CHAIRMAN", perhaps broken over short capital lines)
    right under the first one's closing block (an office, a name, a date)."""
    out = []
    k = 0
    while k < len(texts):
        heading, end = _caps_run(texts, k)
        t = title_line.read_title(heading) if heading else None
        if t and t.kind == "letter" and t.sender and k > 0:
            j = k - 1
            while j > 0 and not letter.clean(texts[j]):
                j -= 1
            block_start = j
            while block_start > 0 and letter.clean(texts[block_start - 1]) and len(letter.clean(texts[block_start - 1])) <= 80 \
                    and not closing.is_paragraph(letter.clean(texts[block_start - 1])):
                block_start -= 1
            if closing.closing(texts[max(0, block_start - 1):k]) is not None:
                out.append(k)
        k = max(end, k + 1)
    return out


def _caps_run(texts: list[str], k: int) -> tuple[str, int]:
    """The heading that starts at line k: the line itself, or a run of short capital lines joined."""
    first = letter.clean(texts[k])
    if not first or not re.match(r"(?i)^letter\s+(?:from|to|of)\b", first):
        return "", k + 1
    run, j = [first], k + 1
    while first.isupper() and j < len(texts) and letter.clean(texts[j]) and len(letter.clean(texts[j])) <= 25 \
            and letter.clean(texts[j]).upper() == letter.clean(texts[j]):
        run.append(letter.clean(texts[j]))
        j += 1
    return " ".join(run), j


def header_start(texts: list[str], salutation: int, floor: int) -> int:
    """Walk back from a salutation over its dateline, address block and letterhead."""
    i = salutation
    first = salutation
    while i - 1 >= floor:
        t = texts[i - 1]
        if letter.is_signoff(t) or not letter.is_header_line(t):
            break
        i -= 1
        if letter.clean(t):
            first = i
    return first


def _paper_starts(texts: list[str], lo: int, hi: int) -> list[int]:
    """Starts of documents with no salutation inside texts[lo:hi]: a pack paper's
    heading (committee header + paper reference) or an evidence paper's opening."""
    out = []
    annex_at_top = _first_content(texts, lo, hi)
    if annex_at_top is not None and not letter.ANNEX_HEADING.match(letter.clean(texts[annex_at_top])):
        annex_at_top = None  # only an attachment's own heading ("Annex A", "Executive Summary") holds it
    ref_line = None  # the paper reference that started the last paper found here
    title_line = None  # the title line that started the last paper found here
    for k in range(lo, hi):
        t = letter.clean(texts[k])
        if not t:
            continue
        ref = letter.paper_ref(t)
        if ref and k > lo:
            if ref == _previous_ref(texts, k):
                continue  # the paper's reference repeated in its running header on a later page
            j = k - 1
            while j > lo and not letter.clean(texts[j]):
                j -= 1
            out.append(j if j >= lo and letter.PACK_HEADER.match(texts[j]) else k)
            ref_line = k
        elif letter.PAPER_TITLE.match(t) and len(t) <= 160:
            # "Paper to the ... Committee from ...": the title starts the paper, unless it sits
            # under the pack reference that already did, or heads an attachment the letter announced
            if (ref_line is not None and _only_headers(texts, ref_line + 1, k)) or (
                    annex_at_top is not None and k <= annex_at_top + 2):
                title_line = k
                continue
            out.append(k)
            title_line = k
        elif letter.DOC_OPENING.match(t):
            # "This paper ..." under a paper's title belongs to that paper
            if title_line is not None and _non_blank(texts, title_line, k) <= 8:
                continue
            # "This paper ..." opening an attachment the letter announced stays with it
            heading = _heading_above(texts, k, lo)
            if annex_at_top is not None and heading <= annex_at_top + 2:
                continue
            # ... and so does one under a pack paper's reference and title
            if ref_line is not None and all(letter.is_header_line(x) for x in texts[ref_line + 1:heading]):
                continue
            out.append(heading)
    return out


def _only_headers(texts: list[str], a: int, b: int) -> bool:
    return all(letter.is_header_line(x) for x in texts[a:b])


def _non_blank(texts: list[str], a: int, b: int) -> int:
    return sum(1 for x in texts[a:b] if letter.clean(x))


def _previous_ref(texts: list[str], k: int) -> str | None:
    """The paper reference nearest above line k, if any."""
    for j in range(k - 1, -1, -1):
        ref = letter.paper_ref(texts[j])
        if ref:
            return ref
    return None


def _first_content(texts: list[str], lo: int, hi: int) -> int | None:
    for k in range(lo, hi):
        if letter.clean(texts[k]):
            return k
    return None


def _heading_above(texts: list[str], k: int, lo: int) -> int:
    """The short heading line just above line k ("Purpose"), if there is one."""
    j = k - 1
    while j >= lo and not letter.clean(texts[j]):
        j -= 1
    if j >= lo and len(letter.clean(texts[j]).split()) <= 6 and letter.title_case_ratio(texts[j]) >= 0.6:
        return j
    return k
