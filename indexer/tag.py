"""Tag one document (a Segment of lines) with its metadata.

Each tagger is a small pure function of the document's lines. Rules follow
letter structure: the date is the dateline the document bears, the author is
who signed it, the organisation is the sending body, the recommendations are
the numbered ones it answers under their own headings."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from . import dates, gazetteer, letter
from .model import Recommendation

REC_HEADING = re.compile(r"^\s*(?:\|\s*)?(?:\*\*)?(Recommendation|RECOMMENDATION|Argymhelliad|ARGYMHELLIAD)\s+(\d{1,3})\b"
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
SELF_AS = re.compile(
    r"\b(?:I|me|my)\b[^.\n]{0,80}?\bas\s+(?:the\s+)?(?:Chair|Chairman|Chairperson|Clerk|Convener|Cadeirydd)\s+"
    r"(?:of\s+)?(?:the\s+)?(.{3,90}?)(?=[,.;]|\s+(?:that|there|and|I)\b|$)", re.IGNORECASE | re.MULTILINE)
EVIDENCE_DATE = re.compile(
    r"\b(?:paper|evidence|update|response|submission|note)\b[^.]{0,60}?\b(?:at|as at|as of|of|dated|in)\s+"
    r"((?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:" + "|".join(dates.MONTHS) + r")\s+\d{4})",
    re.IGNORECASE)
PAPER_FROM = re.compile(
    r"^(?:(?:written|additional|supplementary|oral)\s+)?(?:evidence|submission|response|paper|briefing|statement)"
    r"(?:\s+to\s+the\s+.+?)?\s+(?:submitted\s+)?(?:from|by)\s*:?\s+(?:the\s+)?(.+?)(?=\s+(?:to|for|on)\s|\s*[.,;:(\u2013-]|$)"
    r"|^(?:name\s+of\s+)?(?:organisation|organization|sefydliad|submitted\s+by)\s*:\s*(?:the\s+)?(.+?)\s*$", re.IGNORECASE)
# the body a paper is addressed to, in its title ("Paper to the Children, Young People and Education Committee from ...")
PAPER_TO = re.compile(r"\b(?:paper|evidence|submission|briefing|memorandum|note)\b[^.]{0,40}?\bto\s+(?:the\s+)?(.+)$",
                      re.IGNORECASE)
PAPER_WORDS = re.compile(r"\b(report|paper|evidence|response|submission|minutes|inquiry|update|ymateb|adroddiad)\b",
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
        return find_recipient_block(self)


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


def parts(lines: list[str]) -> Parts:
    sal = next((i for i, t in enumerate(lines) if letter.salutation(t)), None)
    after = sal if sal is not None else 0
    signoff = next((i for i, t in enumerate(lines) if i > after and letter.is_signoff(t)), None)
    if signoff is None and sal is None:
        signoff = next((i for i, t in enumerate(lines) if letter.is_signoff(t)), None)
    sig = letter.signature(lines, signoff) if signoff is not None else None
    return Parts(tuple(lines), sal, signoff, sig)


def tag(lines: list[str]) -> Tags:
    p = parts(lines)
    recipient, recipient_org = tag_recipient(p)
    org = tag_organisation(p, recipient_org)
    recs = tag_recommendations(lines)
    doc_type = tag_doc_type(p, recs)
    if doc_type == "report":
        recs = ()  # a report makes its recommendations; it does not answer them
    return Tags(
        title=tag_title(p, org, recipient),
        doc_type=doc_type,
        date=tag_date(p),
        author=p.signature.name if p.signature else None,
        author_role=p.signature.role if p.signature and p.signature.name else None,
        organisation=org,
        recipient=recipient,
        recipient_org=recipient_org,
        recommendations=recs,
        paper_ref=tag_paper_ref(lines),
    )


# --- date ---------------------------------------------------------------------------------

def tag_date(p: Parts) -> str | None:
    """The date the document bears: a dateline in its header; failing that a full-date
    dateline anywhere in the letter; for a paper without salutation a dateline near the
    top (not an ALL-CAPS title) or "This paper provides evidence at November 2019"."""
    lines = p.lines
    if p.salutation is not None:
        header = [letter.dateline(t) for t in lines[:p.salutation]]
        full = [d for d in header if d and len(d) == 10]
        if full:
            return full[0]
        month = [d for d in header if d]
        if month:
            return month[0]
        for i in range(p.salutation, p.letter_end):
            d = letter.dateline(lines[i])
            if d and len(d) == 10 and _stands_apart(lines, i):
                return d
        return None
    for t in lines[:15]:
        d = letter.dateline(t)
        if d and not letter.is_all_caps(t):
            return d
    opening = " ".join(letter.clean(t) for t in lines[:40])
    m = EVIDENCE_DATE.search(opening)
    if m:
        return dates.find_full_date(m.group(1)) or dates.find_month_year(m.group(1))
    return None


def _stands_apart(lines: tuple[str, ...], i: int) -> bool:
    """A date line that is not part of a paragraph: the lines either side of it (past blank
    lines) are letterhead-like, not sentences (a dateline read out of order, not "met on / 12 May 2020 / and")."""
    def neighbour(step: int) -> str:
        j = i + step
        while 0 <= j < len(lines) and not letter.clean(lines[j]):
            j += step
        return letter.clean(lines[j]) if 0 <= j < len(lines) else ""
    return all(not t or (letter.is_header_line(t) and not t[0].islower() and not re.search(r"[:,]$|\b(on|of|by|from|until|to)$", t))
               for t in (neighbour(-1), neighbour(1)))


# --- people and bodies --------------------------------------------------------------------

def find_recipient_block(p: Parts) -> tuple[int, int] | None:
    """Line range of the addressee's block: from the first name line above the
    salutation (after the letterhead) down to the salutation."""
    if p.salutation is None:
        return None
    start = None
    for i in range(p.salutation - 1, -1, -1):
        t = p.lines[i]
        if not letter.is_header_line(t):
            break
        if letter.person_name(t) or letter.clean(t).lower().startswith("to:"):
            start = i
    if start is None:
        # no name: an address block of a body ("Public Account Committee, ...")
        for i in range(p.salutation - 1, -1, -1):
            t = letter.clean(p.lines[i])
            if not t:
                continue
            if letter.dateline(t) or letter.DELIVERY.match(t):
                continue
            if not letter.is_header_line(t):
                break
            start = i
    return (start, p.salutation) if start is not None else None


def tag_recipient(p: Parts) -> tuple[str | None, str | None]:
    if p.salutation is None:
        return None, _paper_to(p.lines)
    who = letter.salutation(p.lines[p.salutation]) or ""
    who = letter.POST_NOMINALS.sub("", letter.clean(who)).strip()
    block = p.recipient_block
    names = []
    rng = range(block[0], block[1]) if block else range(0)
    for i in rng:
        t = letter.clean(p.lines[i])
        t = re.sub(r"^to:\s*", "", t, flags=re.IGNORECASE)
        n = letter.person_name(t)
        if n:
            names.append(n)
    # "To: Nick Ramsay" may sit anywhere in the letter when a layout was read out of order
    for t in p.lines[:p.letter_end]:
        m = re.match(r"^\s*to:\s*(.+)$", letter.clean(t), re.IGNORECASE)
        name = letter.typed_name(m.group(1))[0] if m else None
        if name:
            names.append(name)
    recipient = _resolve_addressee(who, names)
    org = None
    if block:
        text = "\n".join(p.lines[block[0]:block[1]])
        found = gazetteer.find_bodies(text)
        org = found[0][1] if found else None
    return recipient, org


def _resolve_addressee(who: str, names: list[str]) -> str | None:
    """"Nick" -> "Nick Ramsay" when the letter gives the full name; else as written.
    "Dear Sir or Madam" names nobody; "Dear Sir" is the one person the address block names."""
    if not who:
        return names[0] if names else None
    if letter.NOBODY.match(who):
        return None
    if letter.SIR_OR_MADAM.match(who):
        return names[0] if len(set(names)) == 1 else None
    full = letter.person_name(who)
    if full:
        return full
    bare = letter.TITLES.sub("", who).strip()
    tokens = bare.split()
    for n in names:
        parts_ = n.split()
        if tokens and (parts_[0] == tokens[0] or parts_[-1] == tokens[-1]):
            return n
    return who


def tag_organisation(p: Parts, recipient_org: str | None) -> str | None:
    """The sending body: from the signature block; else the writer naming their own
    office ("as Chair of the CYPE Committee"); else the letterhead; else the body the
    document speaks for most often (not its addressee)."""
    if p.signature and p.signature.organisation:
        return gazetteer.canonical(p.signature.organisation) or p.signature.organisation
    body = "\n".join(p.lines[:p.letter_end])
    for m in SELF_AS.finditer(body):
        found = gazetteer.find_bodies(m.group(1))
        if found:
            return found[0][1]
    if p.salutation is None and _paper_from(p.lines):
        return _paper_from(p.lines)
    head = _letterhead_bodies(p)
    head = [b for b in head if b != recipient_org]
    if head:
        return head[0]
    if p.salutation is None:
        # a paper's heading naming a body the gazetteer does not know, under its title
        named = next((h for h in _heading_lines(p.lines)[1:] if _is_body_name(h) and not PAPER_WORDS.search(h)), None)
        if named:
            return named
    if p.salutation is not None:
        # a letter whose signature and letterhead name no known body: its letterhead as written,
        # never a body it merely mentions
        return _letterhead_name(p)
    counts = Counter(canon for _, canon in gazetteer.find_bodies("\n".join(p.lines)))
    for canon, n in counts.most_common():
        if canon == recipient_org or (p.salutation is None and _addressed_to(p, canon)):
            continue
        return canon
    return None


def _addressed_to(p: Parts, canon: str) -> bool:
    """Is ``canon`` the body a paper is submitted to ("evidence ... to the Public Accounts Committee")?"""
    opening = " ".join(letter.clean(t) for t in p.lines[:40])
    for m in re.finditer(r"\b(?:evidence|paper|submission|response)\b[^.]{0,80}?\bto\s+the\s+([^.]{3,80})", opening,
                         re.IGNORECASE):
        found = gazetteer.find_bodies(m.group(1))
        if found and found[0][1] == canon:
            return True
    return False


def _letterhead_bodies(p: Parts) -> list[str]:
    """Bodies named in the short-line blocks of the letter (letterhead, side panel),
    outside the addressee's block and the pack's own headers."""
    block = p.recipient_block
    skip = set(range(*block)) if block else set()
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            for _, canon in gazetteer.find_bodies("\n".join(run)):
                if canon not in out:
                    out.append(canon)
            run.clear()

    # a paper without a salutation has its letterhead at the very top, if anywhere
    end = p.letter_end if p.salutation is not None else min(p.letter_end, 10)
    for i, t in enumerate(p.lines[:end]):
        c = letter.clean(t)
        if i in skip or letter.PACK_HEADER.match(c) or letter.paper_ref(c) or letter.salutation(c):
            flush()
            continue
        if c and len(c.split()) <= 8 and not re.search(r"[.;!?]$", c) and letter.is_header_line(c):
            run.append(c)
        else:
            flush()
    flush()
    return out


def _paper_from(lines: tuple[str, ...]) -> str | None:
    """The body a paper's title says it comes from ("Evidence from Foster Carers Alliance Cymru to the ...")."""
    heads = [letter.clean(t) for t in lines[:20] if letter.clean(t)][:4]
    for h in heads:
        m = PAPER_FROM.search(h)
        if not m:
            continue
        body = m.group(1) or m.group(2)
        found = gazetteer.find_bodies(body)
        if found and found[0][0] == 0:
            return found[0][1]
        if _is_body_name(body):
            return body
    return None


def _paper_to(lines: tuple[str, ...]) -> str | None:
    """The known body a paper's title says it is for ("Paper to the Children, Young People and
    Education Committee from the Minister for Education"); only a body named right after "to"."""
    heads = [letter.clean(t) for t in lines[:20] if letter.clean(t)][:3]
    for h in heads:
        m = PAPER_TO.search(h)
        found = gazetteer.find_bodies(m.group(1)) if m else None
        if found and found[0][0] == 0:
            return found[0][1]
    return None


def _letterhead_name(p: Parts) -> str | None:
    """The name of a body the gazetteer does not know, printed at the top of a letter
    ("Foster Carers Alliance Cymru" above its address): the first letterhead line, when it
    names a body (not a person, a place, an address or the addressee's block)."""
    block = p.recipient_block
    stop = block[0] if block else p.salutation
    for t in p.lines[:stop]:
        c = letter.clean(t)
        if not c or letter.PACK_HEADER.match(c) or letter.paper_ref(c):
            continue
        if letter.dateline(c) or letter.DELIVERY.match(c):
            continue  # a dateline or "By email" printed beside the letterhead may be read before it
        return c if _is_body_name(c) else None
    return None


def _is_body_name(c: str) -> bool:
    return (len(c.split()) <= 8 and bool(letter.BODY_WORDS.search(c)) and not letter.ROLE_WORDS.search(c)
            and letter.is_header_line(c) and not letter.person_name(c) and not letter.digit_or_contact(c)
            and not letter.POSTCODE.search(c) and not letter.DELIVERY.match(c) and not letter.dateline(c)
            and not letter.PLACE_WORDS.search(c))


# --- recommendations ----------------------------------------------------------------------

def tag_recommendations(lines: list[str]) -> tuple[Recommendation, ...]:
    """Recommendations answered under their own heading ("Recommendation 7", or
    "Recommendation 3 The Committee recommends ..."), not ones cross-referred to
    in running text ("reported under Recommendation 6 below")."""
    numbers: list[int] = []
    for i, _ in enumerate(lines):
        n = rec_heading(lines, i)
        if n is not None and n not in numbers:
            numbers.append(n)
    if not numbers:
        return ()
    report = report_title(lines)
    return tuple(Recommendation(n, report) for n in sorted(numbers))


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
    if prev and not re.search(r"[.:;!?)\u2019'\"]$", prev) and re.search(r"\b(under|in|see|to|and|with|of|at|by)$",
                                                                        prev, re.IGNORECASE):
        return None  # "... as reported under" / "Recommendation 4 above"
    if QUOTE_INTRO.search(prev):
        return None  # "made the following recommendation:" introduces a quotation, not an answer
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

def tag_doc_type(p: Parts, recs: tuple[Recommendation, ...]) -> str:
    first = next((c for c in map(letter.clean, p.lines)
                  if c and not letter.PACK_HEADER.match(c) and not letter.paper_ref(c)), "")
    if p.salutation is not None:
        return "letter"
    if letter.ANNEX_HEADING.match(first):
        return "annex"
    heads = " ".join(_heading_lines(p.lines))
    if recs and (any(RESPONSE_LINE.match(t) or VERDICT.search(t) for t in p.lines)
                 or re.search(r"\b(response|ymateb)\b", " ".join(_heading_lines(p.lines)), re.IGNORECASE)):
        return "response"
    opening = " ".join(letter.clean(t) for t in p.lines[:30]).lower()
    if re.search(r"\bminutes\b|\bcofnodion\b", first.lower()):
        return "minutes"
    if _is_report_title(first):
        return "report"
    if (any(letter.DOC_OPENING.match(letter.clean(t)) for t in p.lines[:30]) or "evidence" in opening or recs
            or re.match(r"^(?:\w+\s+){0,2}(paper|submission|briefing|memorandum)\b", heads, re.IGNORECASE)):
        return "evidence"
    if "report" in first.lower():
        return "report"
    return "other"


def _is_report_title(first: str) -> bool:
    """A title that names the document a report ("Report on the Foster Carer Survey 2019",
    "Annual Report 2019-20"), not a response or evidence about one."""
    return bool(re.match(r"^(?:the\s+)?(?:[\w'\u2019-]+\s+){0,3}report\b", first, re.IGNORECASE)
                and not re.search(r"\b(response|evidence|paper|submission|update|ymateb)\b", first, re.IGNORECASE))


def _heading_lines(lines: tuple[str, ...]) -> list[str]:
    """The title lines at the top of a paper: its first lines up to the first sentence."""
    out = []
    for t in lines[:20]:
        c = letter.clean(t)
        if not c or letter.PACK_HEADER.match(c) or (letter.paper_ref(c) and len(c) < 40):
            continue
        if len(out) >= 3 or (re.search(r"[.;!?]$", c) and len(c) > 40):
            break
        out.append(c)
    return out


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
