"""Tag one document (a Segment of lines) with its metadata.

Each tagger is a small pure function of the document's lines. Rules follow
letter structure: the date is the dateline the document bears, the author is
who signed it, the organisation is the sending body, the recommendations are
the numbered ones it answers under their own headings."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from . import letter, readers, reflow
from .readers import _heading_lines
from .cues import FIELDS, best, null_evidence, refine_date
from .model import Recommendation

REC_HEADING = re.compile(r"^\s*(?:\|\s*)?(?:\d{1,3}\.\s+)?[\u201c\u2018\"']?(?:\*\*)?(Recommendation|RECOMMENDATION|Argymhelliad|ARGYMHELLIAD)\s+(\d{1,3})\b"
                         r"\s*(\*\*)?\s*([:.\-\u2013\u2014]?)\s*(?:\*\*)?\s*(.*)$")
# the line before a quoted recommendation ("Your report made the following recommendation:")
QUOTE_INTRO = re.compile(r"\b(recommendation|recommended|recommends|said|says|stated|states|reads|read)\s*:$",
                         re.IGNORECASE)
# a verdict beside a recommendation heading ("Recommendation 2 \u2013 Accept", a table cell "| Accept in part |")
VERDICT = re.compile(r"^\s*\|?\s*(?:Recommendation|Argymhelliad)\s+\d{1,3}\s*(?:[:.\-\u2013\u2014|]\s*)+"
                     r"(?:Accept(?:ed)?|Reject(?:ed)?|Noted|Derbyn|Gwrthod)\b", re.IGNORECASE)
RESPONSE_LINE = re.compile(r"^\s*(Response|Ymateb)\s*[:\-\u2013]", re.IGNORECASE)
REPORT_TITLE = re.compile(
    r"\b(?:its|the|our|committee's|committee\u2019s)\s+report\s*,?\s*[\u2018'\u201c\"]([^\u2019'\u201d\"]{5,120})[\u2019'\u201d\"]"
    r"|[\u2018'\u201c\"]([^\u2019'\u201d\"]{5,120})[\u2019'\u201d\"]\s+report"
    r"|\binquiry\s+into\s+([A-Z][\w\u2019' ,\-]{5,100}?)(?:[.,;]|\s+(?:and|of|to|which)\b|$)",
    re.IGNORECASE)
# a response's title naming the report it answers: "entitled 'X'", "report: X", "report on X"
TITLE_REPORT = re.compile(
    r"\breport\b[^\u2018\u201c'\"]{0,80}?\b(?:entitled|called|titled)\s+[\u2018'\u201c\"]([^\u2019'\u201d\"]{5,120})[\u2019'\u201d\"]"
    r"|\b(?:response|ymateb)\b.*?\breport\s*(?::|\bon\b(?:\s+the\s+inquiry\s+into)?)\s+(?!the\s+(?:committee|report)\b)(.{5,120})$",
    re.IGNORECASE)
SUBJECT = re.compile(r"^\s*(?:\*\*)?(?:re|subject|ynghylch)\s*:\s*(.+?)(?:\*\*)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Parts:
    """Where the structural parts of a document sit, as line indices (or None)."""

    lines: tuple[str, ...]
    salutation: int | None
    signoff: int | None
    signature: letter.Signature | None

    @property
    def letter_end(self) -> int:
        """The end of the letter proper (its sign-off), or of the whole text."""
        return self.signoff if self.signoff is not None else len(self.lines)

    @cached_property
    def recipient_block(self) -> tuple[int, int] | None:
        """Line range of the addressee's block (found once, used by several taggers)."""
        return readers.find_recipient_block(self)


@dataclass(frozen=True)
class Tags:
    title: str
    doc_type: str
    date: str | None
    author: str | None
    author_role: str | None
    organisation: str | None
    recipient: str | None
    recipient_org: str | None
    recommendations: tuple[Recommendation, ...]
    paper_ref: str | None
    evidence: dict = field(default_factory=dict, compare=False)


def parts(lines: list[str]) -> Parts:
    sal = next((i for i, t in enumerate(lines) if letter.salutation(t)), None)
    if sal is not None:
        signoff = next((i for i, t in enumerate(lines) if i > sal and letter.is_signoff(t)), None)
    else:
        # no salutation: the sign-off that has a name under it (a closing "Diolch yn fawr",
        # not the same words opening the letter), else the first
        offs = [i for i, t in enumerate(lines) if letter.is_signoff(t)]
        signoff = next((i for i in offs if letter.signature(lines, i).name), offs[0] if offs else None)
    sig = letter.signature(lines, signoff) if signoff is not None else None
    return Parts(tuple(lines), sal, signoff, sig)


def tag(lines: list[str]) -> Tags:
    lines = reflow.tagging_lines(lines)
    p = parts(lines)
    cues = readers.read_all(p)
    chosen = {f: best(cues, f) for f in FIELDS}
    if chosen["date"]:
        chosen["date"] = refine_date(chosen["date"], cues)
    answered = answered_recommendations(lines)
    recs = tuple(r for r, _ in answered)
    doc_type = tag_doc_type(p, recs, cues)
    if doc_type == "report":
        recs, answered = (), []  # a report makes its recommendations; it does not answer them
    org = chosen["organisation"].value if chosen["organisation"] else None
    recipient = chosen["recipient"].value if chosen["recipient"] else None
    author = chosen["author"]
    role = best([c for c in cues if author and c.cue == author.cue], "author_role")
    evidence = {f: (chosen[f].evidence() if chosen[f] else null_evidence(readers.TRIED[f])) for f in FIELDS}
    evidence["recommendations"] = [{"number": r.number, "cue": "heading", "line": line} for r, line in answered]
    recipient_org = best(cues, "recipient_org")
    return Tags(
        title=tag_title(p, org, recipient),
        doc_type=doc_type,
        date=chosen["date"].value if chosen["date"] else None,
        author=author.value if author else None,
        author_role=role.value if role else None,
        organisation=org,
        recipient=recipient,
        recipient_org=recipient_org.value if recipient_org else None,
        recommendations=recs,
        paper_ref=tag_paper_ref(lines),
        evidence=evidence,
    )


# --- recommendations ----------------------------------------------------------------------

# a committee conclusion quoted in a response, numbered and closed by its report paragraph:
# "3. We are not persuaded that ... (Paragraph 29)"
QUOTED_CONCLUSION = re.compile(r"^\s*(\d{1,3})\.\s+\S.*\((?:paragraphs?|paras?\.?)\s+\d[\d,\s\-\u2013and]*\)\s*$",
                               re.IGNORECASE)


def answered_recommendations(lines: list[str]) -> list[tuple[Recommendation, str]]:
    """Recommendations answered under their own heading ("Recommendation 7", or
    "Recommendation 3 The Committee recommends ..."), or quoted by number and answered
    ("3. We recommend ... (Paragraph 29)" then the answer), each with the line that
    decided it; not ones cross-referred to in running text ("reported under
    Recommendation 6 below"), nor one whose answer the text does not reach."""
    where: dict[int, str] = {}
    for n, line in _answered(lines):
        where.setdefault(n, line)
    if not where:
        return []
    report = report_title(lines)
    return [(Recommendation(n, report), where[n]) for n in sorted(where)]


def _answered(lines: list[str] | tuple[str, ...]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    is_response = any(re.search(r"\b(response|reply|ymateb)\b", letter.clean(t), re.IGNORECASE) for t in lines[:12])
    for i, t in enumerate(lines):
        n = rec_heading(lines, i)
        if n is None and is_response:
            end = _paragraph_end(lines, i)
            m = QUOTED_CONCLUSION.match(" ".join(letter.clean(x) for x in lines[i:end + 1]))
            if m and _answer_follows(lines, end):
                n = int(m.group(1))
        elif n is not None and _cut_off(lines, i):
            n = None
        if n is not None:
            out.append((n, letter.clean(t)[:200]))
    return out


def _paragraph_end(lines: list[str] | tuple[str, ...], i: int) -> int:
    """The last line of the paragraph starting at ``lines[i]`` (a PDF wraps one over several lines)."""
    j = i
    while j + 1 < len(lines) and letter.clean(lines[j + 1]) and j - i < 12 and not re.match(r"^\s*\d{1,3}\.\s", lines[j + 1]):
        j += 1
    return j


def _answer_follows(lines: list[str] | tuple[str, ...], i: int) -> bool:
    nxt = next((letter.clean(t) for t in lines[i + 1:] if letter.clean(t)), "")
    return bool(nxt) and not re.match(r"^\(?\d{1,3}[.)]\s", nxt)


def _cut_off(lines: list[str] | tuple[str, ...], i: int) -> bool:
    """The text ends inside the recommendation itself, before any answer: its paragraph
    (the heading line and the lines it wraps onto) runs to the end unfinished, or nothing follows it."""
    end_mark = re.compile(r"[.!?:)\]\u201d\"']$")
    rest = [letter.clean(t) for t in lines[i:]]
    j = 0
    while j + 1 < len(rest) and rest[j + 1] and not end_mark.search(rest[j]):
        j += 1  # the heading's paragraph wraps onto the next line
    after = [t for t in rest[j + 1:] if t]
    if after:
        return False
    return not end_mark.search(rest[j]) or (j == 0 and len(rest[0]) < 40)


def rec_heading(lines: list[str] | tuple[str, ...], i: int) -> int | None:
    """The number of a recommendation heading at ``lines[i]`` ("Recommendation 7",
    "Recommendation 12 – The Committee recommends", "Argymhelliad 3"), or None for running
    text wrapped onto a new line ("Recommendation 6 below.") or a recommendation quoted in a letter."""
    m = REC_HEADING.match(lines[i])
    if not m:
        return None
    rest = m.group(5).strip()
    punctuated = bool(m.group(4))
    if rest and not (rest[0].isupper() or rest[0] in "(/|\u2018'\"\u201c" or (punctuated and rest[0].isalpha())):
        return None  # "Recommendation 6 below." - running text wrapped onto a new line
    if re.match(r"^\(?\s*(?:see\s+)?(?:above|below|earlier|later)\b", rest, re.IGNORECASE):
        return None  # "Recommendation 4 (above) covers this"
    prev = next((letter.clean(t) for t in reversed(lines[:i]) if letter.clean(t)), "")
    if prev and not REC_HEADING.match(prev) and not re.search(r"[.:;!?)\u2019'\"]$", prev) and re.search(r"\b(under|in|see|to|and|with|of|at|by)$",
                                                                        prev, re.IGNORECASE):
        return None  # "... as reported under" / "Recommendation 4 above"
    if QUOTE_INTRO.search(prev):
        return None
    if re.match(r"^\s*[\u201c\u2018\"']", lines[i]) and not REC_HEADING.match(prev):
        return None  # a recommendation in quotation marks is quoted, unless it continues a list of answered ones  # "made the following recommendation:" introduces a quotation, not an answer
    return int(m.group(2))


def report_title(lines: list[str] | tuple[str, ...]) -> str | None:
    """The name of the report a document answers: from its title line ("... the report of the
    Public Accounts Committee entitled 'X'", "... Committee report: X", "... report on X"),
    else the first "its report 'X'" or "inquiry into X" in its opening."""
    title = _titled_report(lines)
    if title:
        return title
    text = " ".join(letter.clean(t) for t in lines[:120])
    m = REPORT_TITLE.search(text)
    if not m:
        return None
    title = next(g for g in m.groups() if g)
    return title.strip(" ,")


def _titled_report(lines: list[str] | tuple[str, ...]) -> str | None:
    heads = [letter.clean(t) for t in lines[:20] if letter.clean(t)][:2]
    for h in heads:
        m = TITLE_REPORT.search(h)
        if m:
            title = (m.group(1) or m.group(2)).strip(" ,.:\u2018\u2019\u201c\u201d'\"")
            if len(title) >= 5:
                return title.title() if letter.is_all_caps(title) else title
    return None


def tag_paper_ref(lines: list[str]) -> str | None:
    for t in lines:
        ref = letter.paper_ref(t)
        if ref:
            return ref
    return None


# --- type and title -----------------------------------------------------------------------

TITLE_KINDS = {"letter": "letter", "correspondence": "letter", "gohebiaeth": "letter", "memorandum": "evidence",
               "memoranda": "evidence", "submission": "evidence", "evidence": "evidence", "note": "evidence",
               "statement": "evidence", "response": "response", "reply": "response", "paper": "evidence",
               "briefing": "evidence"}
GOVERNMENT_RESPONSE = re.compile(r"\b(?:government|ministerial|departmental)\s+(?:response|reply)\b", re.IGNORECASE)


def tag_doc_type(p: Parts, recs: tuple[Recommendation, ...], cues=()) -> str:
    first = next((c for c in map(letter.clean, p.lines)
                  if c and not letter.PACK_HEADER.match(c) and not letter.paper_ref(c)), "")
    if p.salutation is not None:
        return "letter"
    early = [letter.clean(t) for t in p.lines[:30] if letter.clean(t)][:8]
    if any(GOVERNMENT_RESPONSE.search(t) for t in early) or any(re.search(r"\bspecial\s+report\b", t, re.IGNORECASE)
                                                               for t in early[:2]):
        return "response"  # a Special Report prints the replies to a committee's report
    if any(re.match(r"^(?:minutes|cofnodion)\b(?!\s+of\s+evidence)", t, re.IGNORECASE) for t in early[:3]):
        return "minutes"
    if any(c.cue == "closing block" and c.field == "author" for c in cues):
        return "letter"
    title = next((c for c in cues if c.cue == "title line"), None)
    if title:
        kind = re.search(r"\b(letter|correspondence|gohebiaeth|memorandum|memoranda|submission|evidence|note|"
                         r"statement|response|reply|paper|briefing)\b", title.line, re.IGNORECASE)
        if kind:
            return TITLE_KINDS[kind.group(1).lower()]
    if any(re.search(r"\b(?:submission|consultation\s+response|response\s+form|written\s+evidence)\b", t, re.IGNORECASE)
           for t in early[:3]):
        return "evidence"
    if letter.ANNEX_HEADING.match(first):
        return "annex"
    heads = " ".join(_heading_lines(p.lines))
    if recs and (any(RESPONSE_LINE.match(t) or VERDICT.search(t) for t in p.lines)
                 or re.search(r"\b(response|ymateb)\b", " ".join(_heading_lines(p.lines)), re.IGNORECASE)):
        return "response"
    opening = " ".join(letter.clean(t) for t in p.lines[:30]).lower()
    if re.search(r"\bminutes\b(?!\s+of\s+evidence)|\bcofnodion\b", first.lower()):
        return "minutes"
    if _is_report_title(first) or _report_heading(p.lines):
        return "report"
    if (any(letter.DOC_OPENING.match(letter.clean(t)) for t in p.lines[:30]) or "evidence" in opening or recs
            or re.match(r"^(?:\w+\s+){0,2}(paper|submission|briefing|memorandum)\b", heads, re.IGNORECASE)):
        return "evidence"
    if "report" in first.lower():
        return "report"
    return "other"


REPORT_HEADING = re.compile(r"^(?:\d+(?:st|nd|rd|th)\s+Report\b|Report\s+on\s+the\b)", re.IGNORECASE)


def _report_heading(lines: tuple[str, ...]) -> bool:
    """A committee report's own title page ("1st Report, 2011 (Session 4)", "Report on the X Bill")."""
    heads = [letter.clean(t) for t in lines[:40] if letter.clean(t)][:10]
    return (any(REPORT_HEADING.match(h) for h in heads)
            and not any(re.search(r"\b(response|reply|ymateb|evidence|memorandum|letter)\b", h, re.IGNORECASE) for h in heads))


def _is_report_title(first: str) -> bool:
    """A title that names the document a report ("Report on the Foster Carer Survey 2019",
    "Annual Report 2019-20"), not a response or evidence about one."""
    return bool(re.match(r"^(?:the\s+)?(?:[\w'\u2019-]+\s+){0,3}report\b", first, re.IGNORECASE)
                and not re.search(r"\b(response|evidence|paper|submission|update|ymateb)\b", first, re.IGNORECASE))


def tag_title(p: Parts, organisation: str | None = None, recipient: str | None = None) -> str:
    """A letter's subject line, else "Letter from X to Y"; a paper's first line."""
    lines = p.lines
    if p.salutation is not None:
        for t in lines[p.salutation + 1:p.salutation + 5]:
            c = letter.clean(t)
            if not c:
                continue
            m = SUBJECT.match(c)
            if m:
                return m.group(1)[:120]
            if len(c) <= 100 and not re.search(r"[.;!?]$", c) and letter.title_case_ratio(c) >= 0.6:
                return c
            break
        sender = organisation or (p.signature.name if p.signature else None)
        return " ".join(x for x in ["Letter", f"from {sender}" if sender else "",
                                    f"to {recipient}" if recipient else ""] if x)
    for t in lines:
        c = letter.clean(t)
        if c and not letter.paper_ref(c) and not letter.PACK_HEADER.match(c):
            c = c.title() if letter.is_all_caps(c) else c
            return c[:120]
    return ""
