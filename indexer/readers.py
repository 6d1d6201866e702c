"""Cue readers: each looks at one part of a document and proposes values for its tags
(``indexer.cues.Cue``), with the line it read. ``read_all`` runs them all; the resolvers in
``indexer.cues`` keep the strongest proposal per field.

Ranks (lower is stronger) order the readers' evidence for a field: what a document says of
itself in its own signature block or form fields beats its title line, which beats its
letterhead, which beats what its running text says, which beats what it mentions most."""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from . import closing, dates, gazetteer, letter, orgnames, statements, title_line
from .cues import Cue

if TYPE_CHECKING:
    from .tag import Parts

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



# --- date ---------------------------------------------------------------------------------

def tag_date(p: Parts) -> tuple[str, str] | None:
    """The date the document bears and the line it stands on: a dateline in its header;
    failing that a full-date dateline anywhere in the letter; for a paper without salutation
    a dateline near the top (not an ALL-CAPS title) or "This paper provides evidence at
    November 2019"."""
    lines = p.lines
    if p.salutation is not None:
        header = [(letter.dateline(t), t) for t in lines[:p.salutation]]
        full = [(d, t) for d, t in header if d and len(d) == 10]
        month = [(d, t) for d, t in header if d]
        if full or month:
            return (full or month)[0]
        for i in range(p.salutation, p.letter_end):
            d = letter.dateline(lines[i])
            if d and len(d) == 10 and _stands_apart(lines, i):
                return d, lines[i]
        return None
    for t in [x for x in lines if letter.clean(x)][:15]:
        d = letter.dateline(t)
        if d and not letter.is_all_caps(t):
            return d, t
    opening = " ".join(letter.clean(t) for t in lines[:40])
    m = EVIDENCE_DATE.search(opening)
    d = (dates.find_full_date(m.group(1)) or dates.find_month_year(m.group(1))) if m else None
    return (d, m.group(0)) if d else None


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
    named = _addressee_paragraph(p)
    if named and (start is None or named[0] < start):
        return named
    return (start, p.salutation) if start is not None else None


def _addressee_paragraph(p: Parts) -> tuple[int, int] | None:
    """The header paragraph that begins with the person the salutation names by first name
    ("Dear Mark" and "Mark Drakeford MS / First Minister / Welsh Government" above the
    letterhead), when it is not the block just above the salutation."""
    who = letter.salutation(p.lines[p.salutation]) or ""
    first = who.split()[0] if len(who.split()) == 1 else None
    if not first or not first[0].isupper():
        return None
    for i in range(p.salutation):
        name = letter.person_name(p.lines[i])
        if name and name.split()[0] == first:
            j, bodies_seen, blanks = i + 1, 0, 0
            while j < p.salutation:
                c = letter.clean(p.lines[j])
                if not c:
                    blanks += 1
                    if blanks > 1:
                        break
                    j += 1
                    continue
                blanks = 0
                if letter.dateline(c) or not letter.is_header_line(c) or (bodies_seen and orgnames.body_in(c)):
                    break
                bodies_seen += bool(orgnames.body_in(c))
                j += 1
            return (i, j)
    return None


def letterhead_shape_cues(p: Parts, recipient_org: str | None) -> list[Cue]:
    """A body named by its shape in the letterhead ("Enterprise and Business Committee" under
    "Y Pwyllgor Menter a Busnes"): the English name where the letterhead gives both."""
    block = p.recipient_block
    end = p.salutation if p.salutation is not None else min(len(p.lines), 3)
    found = []
    first = next((i for i, t in enumerate(p.lines) if letter.clean(t)), 0)
    for i, t in enumerate(p.lines[:end]):
        c = letter.clean(t)
        if not c or (block and block[0] <= i < block[1]) or letter.PACK_HEADER.match(c) or letter.paper_ref(c):
            continue
        if title_line.SELECT_COMMITTEE.match(c):
            continue  # the page's committee heading, not a letterhead
        if p.salutation is None and (i != first or gazetteer.fold(orgnames.body_in(c) or "") != gazetteer.fold(c)):
            continue  # a paper's letterhead is its first line, naming only the body
        if len(c) > 120 or re.search(r"[.;!?]$", c) and len(c) > 60:
            continue
        body = orgnames.body_in(c)
        if body and body != recipient_org and (letter.is_header_line(c) or len(c.split()) <= 14):
            found.append((re.match(r"(?i)^(?:y\s+)?pwyllgor\b", body) is not None, body, t))
    found.sort(key=lambda f: f[0])
    return [Cue("organisation", body, "letterhead", line, 42) for _, body, line in found[:1]]


def recipient_cues(p: Parts) -> list[Cue]:
    """The person addressed: the salutation resolved to the full name (or office holder)
    in the address block; "To:" lines."""
    out: list[Cue] = []
    block = p.recipient_block
    if block:
        text = "\n".join(p.lines[block[0]:block[1]])
        found = gazetteer.find_bodies(text)
        if found:
            out.append(Cue("recipient_org", found[0][1], "address block", text, 10))
    if p.salutation is None:
        to = _paper_to(p.lines)
        if to:
            out.append(Cue("recipient_org", to, "paper title", to, 20))
        return out
    who = letter.salutation(p.lines[p.salutation]) or ""
    who = letter.POST_NOMINALS.sub("", letter.clean(who)).strip()
    names = []
    rng = range(block[0], block[1]) if block else range(0)
    for i in rng:
        t = letter.clean(p.lines[i])
        t = re.sub(r"^to:\s*", "", t, flags=re.IGNORECASE)
        n = letter.person_name(t) or letter.peer_name(t)
        if n:
            names.append(n)
    # "To: Nick Ramsay" may sit anywhere in the letter when a layout was read out of order
    for t in p.lines[:p.letter_end]:
        m = re.match(r"^\s*to:\s*(.+)$", letter.clean(t), re.IGNORECASE)
        name = letter.typed_name(m.group(1))[0] if m else None
        if name:
            names.append(name)
    head = "\n".join(letter.clean(t) for t in p.lines[:p.salutation])
    recipient = _resolve_addressee(who, names, head)
    if recipient:
        out.append(Cue("recipient", recipient, "salutation and address block", p.lines[p.salutation], 10))
    return out


def _resolve_addressee(who: str, names: list[str], head: str = "") -> str | None:
    """"Nick" -> "Nick Ramsay" when the letter gives the full name; an office ("Dear Chair",
    "Annwyl Brif Weinidog") -> the person the address block gives that office; else as written.
    "Dear Sir or Madam" names nobody; "Dear Sir" is the one person the address block names."""
    if not who:
        return names[0] if names else None
    if letter.NOBODY.match(who):
        return None
    if letter.SIR_OR_MADAM.match(who):
        return names[0] if len(set(names)) == 1 else None
    full = letter.person_name(who)
    if full and gazetteer.fold(full) in gazetteer.fold(head):
        return full
    bare = letter.TITLES.sub("", who).strip()
    tokens = bare.split()
    for n in names:
        parts_ = n.split()
        if tokens and (parts_[0] == tokens[0] or parts_[-1] == tokens[-1]):
            return n
        if n.startswith(who + " "):
            return n  # "Lord Lang" -> "Lord Lang of Monkton"
    if tokens and bare == who and len(tokens) == 1:
        # a first name given in full somewhere in the header ("Dear Jeremy" ... "Jeremy Hunt MP")
        m = re.search(r"\b" + re.escape(tokens[0]) + r"\s+((?:Mc|Mac)?[A-Z][\w'\u2019-]+)", head)
        if m and letter.person_name(m.group(0)):
            return letter.person_name(m.group(0))
    elif tokens and bare != who:
        # a title and surname ("Dear Ms Baillie" ... "Jackie Baillie")
        m = re.search(r"\b([A-Z][\w'\u2019-]+)\s+" + re.escape(tokens[-1]) + r"\b", head)
        if m and letter.person_name(m.group(0)) and not letter.TITLES.match(m.group(1) + " "):
            return letter.person_name(m.group(0))
    holder = letter.office_holder(who, head)
    if holder:
        return holder  # "Annwyl Brif Weinidog" and "Carwyn Jones AC / Prif Weinidog Cymru"
    if full:
        return full
    return who


def organisation_cues(p: Parts, recipient_org: str | None) -> list[Cue]:
    """The sending body: from the signature block; else the writer naming their own
    office ("as Chair of the CYPE Committee"); else the letterhead; else the body the
    document speaks for most often (not its addressee)."""
    out: list[Cue] = []
    if p.signature and p.signature.organisation:
        org = gazetteer.canonical(p.signature.organisation) or p.signature.organisation
        out.append(Cue("organisation", org, "signature block", p.signature.organisation, 10))
    body = "\n".join(p.lines[:p.letter_end])
    for m in SELF_AS.finditer(body):
        found = gazetteer.find_bodies(m.group(1))
        if found:
            out.append(Cue("organisation", found[0][1], "writer's office", m.group(0), 20))
            break
    paper = _paper_title(p.lines) if p.salutation is None else None
    if paper:
        # the cue's line: the paper's first heading line, or the line naming the body when
        # the paper opens with a sentence (flattened text has no heading lines of its own)
        body, named_in = paper
        line = next(iter(_heading_lines(p.lines)), None) or named_in
        out.append(Cue("organisation", body, "paper title", line, 20))
    head = [b for b in _letterhead_bodies(p) if b != recipient_org]
    head.sort(key=orgnames.is_legislature)
    for b in head[:1]:
        # the legislature printed on every committee's paper is weaker than the committee's own name
        out.append(Cue("organisation", b, "letterhead", b, 44 if orgnames.is_legislature(b) else 40))
    if p.salutation is None:
        # a paper's heading naming a body the gazetteer does not know, under its title
        named = next((h for h in _heading_lines(p.lines)[1:] if _is_body_name(h) and not PAPER_WORDS.search(h)), None)
        if named:
            out.append(Cue("organisation", named, "heading", named, 45))
    if p.salutation is not None:
        # a letter whose signature and letterhead name no known body: its letterhead as written,
        # never a body it merely mentions
        name = _letterhead_name(p)
        if name:
            out.append(Cue("organisation", name, "letterhead", name, 50))
        return out
    counts = Counter(canon for _, canon in gazetteer.find_bodies("\n".join(p.lines)))
    for canon, n in counts.most_common():
        if canon == recipient_org or (p.salutation is None and _addressed_to(p, canon)) or orgnames.is_legislature(canon):
            continue
        if n >= 3 and _speaks_for(p, canon):
            out.append(Cue("organisation", canon, "body the paper speaks for", canon, 80))
        break
    return out


def _speaks_for(p: Parts, canon: str) -> bool:
    """Does the paper speak in the body's voice ("we", "our") while naming it as its subject?"""
    text = " ".join(letter.clean(t) for t in p.lines[:60])
    return bool(re.search(r"\b(?:we|our|us)\b", text, re.IGNORECASE)) and p.signature is None


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
    sal = p.salutation
    subject = next((i for i in range(sal + 1, len(p.lines)) if letter.clean(p.lines[i])), None) if sal is not None else None
    at = [0]

    def flush() -> None:
        if run and at[0] == subject and len(run) == 1:
            run.clear()  # the line under the salutation is the letter's subject, not its letterhead
        if run:
            for _, canon in gazetteer.find_bodies("\n".join(run)):
                if canon not in out:
                    out.append(canon)
            run.clear()

    # a paper without a salutation has its letterhead at the very top, if anywhere
    end = p.letter_end if p.salutation is not None else min(p.letter_end, 10)
    for i, t in enumerate(p.lines[:end]):
        c = letter.clean(t)
        if (i in skip or letter.PACK_HEADER.match(c) or letter.paper_ref(c) or letter.salutation(c)
                or title_line.SELECT_COMMITTEE.match(c)):
            flush()
            continue
        if c and len(c.split()) <= 8 and not re.search(r"[.;!?]$", c) and letter.is_header_line(c):
            if not run:
                at[0] = i
            run.append(c)
        else:
            flush()
    flush()
    return out


def _paper_title(lines: tuple[str, ...]) -> tuple[str, str] | None:
    """The body a paper's title says it comes from ("Evidence from Foster Carers Alliance
    Cymru to the ..."), and the title line naming it."""
    heads = [letter.clean(t) for t in lines[:20] if letter.clean(t)][:4]
    for h in heads:
        m = PAPER_FROM.search(h)
        if not m:
            continue
        body = m.group(1) or m.group(2)
        found = gazetteer.find_bodies(body)
        if found and found[0][0] == 0:
            return found[0][1], h
        if _is_body_name(body):
            return body, h
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




# --- the readers' proposals ---------------------------------------------------------------

FORM_NAME = re.compile(r"^\s*(?:full\s+)?name\s*\*?\s*:\s*(.+)$", re.IGNORECASE)
FORM_ORG = re.compile(r"^\s*(?:name\s+of\s+)?(?:organisation|organization|sefydliad)\s*\*?\s*:\s*(?:the\s+)?(.+?)\s*$",
                      re.IGNORECASE)
SPEAKS_AS_GOVERNMENT = re.compile(r"\b(?:The|the)\s+Government(?:'s|\u2019s)?\b")
SELECT_COMMITTEE_WORDS = re.compile(r"\bSelect\s+Committee\b")
# what marks a Select Committee as Westminster's (New Zealand's committees are select committees too)
WESTMINSTER = re.compile(r"\bHouse\s+of\s+(?:Commons|Lords)\b|\bSpecial\s+Report\b|^Select\s+Committee\s+on\b|\bHC\s+\d+",
                         re.MULTILINE)
OWN_DEPARTMENT = re.compile(r"\b(?:the|The|this|This|our|Our)\s+Department(?!\s+(?:for|of)\b)")
DEPARTMENT_NAME = re.compile(r"^(?:Department|Ministry)\b|\bOffice$|^HM Treasury$")
_MINISTER_ROLE = re.compile(
    r"\b((?:Cabinet\s+Secretary|Deputy\s+Minister|Minister|Secretary\s+of\s+State|First\s+Minister|Director-General)"
    r"\b(?:\s+(?:for|of)\s+[A-Z][\w&,' -]{2,60}?)?)(?=\s+(?:[A-Z][\w'\u2019-]+\s+){1,2}[A-Z][\w'\u2019-]+\s+(?:MSP|MS|AM|AS|MP|MLA|TD)\b|\s*$)")


def date_cues(p: Parts, titles: list, closing_block) -> list[Cue]:
    out: list[Cue] = []
    for t in titles:
        if t.date:
            out.append(Cue("date", t.date, "title line", t.line, 8))
    dated = tag_date(p)
    if dated:
        out.append(Cue("date", dated[0], "dateline", dated[1], 10))
    if p.signoff is not None and p.signature is not None:
        # a dateline under the signature ("John Evans / Chief Executive / 14 February 2018")
        for t in p.lines[p.signoff + 1:min(len(p.lines), p.signature.end + 4)]:
            d = letter.dateline(t)
            if d:
                out.append(Cue("date", d, "dateline under the signature", t, 12))
                break
    if closing_block and closing_block.date:
        out.append(Cue("date", closing_block.date, "dateline under the closing", closing_block.date_line, 12))
    for t in _heading_lines(p.lines)[:4]:
        d = heading_date(t)
        if d:
            out.append(Cue("date", d, "heading", t, 15))
            break
    # full dates printed in the opening lines: only to make a month-only date precise
    for t in [x for x in p.lines[:40] if letter.clean(x)][:12]:
        for m in dates.FULL_DATE.finditer(t):
            before = t[:m.start()]
            if not re.search(r"\b(on|of|by|until|since|before|after|from)\s*$", before, re.IGNORECASE):
                d = dates.find_full_date(m.group(0))
                if d:
                    out.append(Cue("date_precise", d, "date in the opening", t, 99))
    return out


_HEADING_DATE = re.compile(
    r"(?:[,\u2013\u2014-]|\bproceedings|\bminutes|\bmeeting|\bsession)\s*(?:of\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\s*\.?$", re.IGNORECASE)


def heading_date(line: str) -> str | None:
    """A full date ending a heading ("Minutes of proceedings 26 March 2025", "..., 04.02.21")."""
    m = _HEADING_DATE.search(letter.clean(line))
    if not m:
        return None
    d = title_line.parse_date(m.group(1))
    return d if d and len(d) == 10 else None


def author_cues(p: Parts, titles: list, closing_block, sender_line, written) -> list[Cue]:
    out: list[Cue] = []
    sig = p.signature
    if sig and sig.name:
        line = p.lines[p.signoff + 1:sig.end]
        where = next((t for t in line if sig.name.split()[-1] in t), sig.name)
        out.append(Cue("author", sig.name, "signature block", where, 10))
        if sig.role:
            out.append(Cue("author_role", sig.role, "signature block", where, 10))
    for t in p.lines[:40]:
        m = FORM_NAME.match(letter.clean(t))
        if m:
            name, role = letter.typed_name(m.group(1))
            if name:
                out.append(Cue("author", name, "form field", t, 10))
                if role:
                    out.append(Cue("author_role", role, "form field", t, 10))
            break
    if closing_block and closing_block.name:
        out.append(Cue("author", closing_block.name, "closing block", closing_block.lines[0], 20))
        if closing_block.role:
            out.append(Cue("author_role", closing_block.role, "closing block", closing_block.lines[0], 20))
    for t in titles:
        if t.sender and t.sender.name:
            out.append(Cue("author", t.sender.name, "title line", t.line, 25))
            if t.sender.role:
                out.append(Cue("author_role", t.sender.role, "title line", t.line, 25))
            break
    if sender_line:
        name, role, line = sender_line
        out.append(Cue("author", name, "sender line", line, 25))
        if role:
            out.append(Cue("author_role", role, "sender line", line, 25))
    if written:
        out.append(Cue("author", written[0], "body statement", written[3], 30))
    return out


def more_organisation_cues(p: Parts, titles: list, closing_block, sender_line, written, recipient_org) -> list[Cue]:
    """Cues for the sending body beyond the signature and letterhead."""
    out: list[Cue] = []
    text = "\n".join(p.lines)
    for t in p.lines[:40]:
        m = FORM_ORG.match(letter.clean(t))
        if m:
            value = m.group(1).strip(" .,")
            body = gazetteer.canonical(value) or value  # the field's value is the body's name
            out.append(Cue("organisation", body, "form field", t, 10))
            break
    for t in titles:
        if t.sender and t.sender.body:
            out.append(Cue("organisation", t.sender.body, "title line", t.line, 15))
            break
    for t in _heading_lines(p.lines)[:4]:
        m = title_line.BODY_RESPONSE.match(t) or title_line.BODY_PAPER.match(t)
        body = orgnames.body_in(m.group("body")) if m else None
        if m and body is None and title_line.looks_like_body(m.group("body")):
            body = m.group("body").strip()
        if body and body != recipient_org:
            out.append(Cue("organisation", body, "heading", t, 15))
            break
    if sender_line and sender_line[1]:
        body = orgnames.office_body(sender_line[1], sender_line[2])
        if body:
            out.append(Cue("organisation", body, "sender line", sender_line[2], 15))
    if written and written[1]:
        out.append(Cue("organisation", written[1], "body statement", written[3], 18))
    sig = p.signature
    head = "\n".join(p.lines[:p.salutation if p.salutation is not None else 6])
    if sig and sig.name:
        role_text = ", ".join(sig.lines)
        body = orgnames.office_body(role_text, role_text + "\n" + head) if role_text else None
        body = body or (orgnames.body_in(role_text) if role_text else None)
        if body and body != recipient_org:
            out.append(Cue("organisation", body, "signature block", role_text, 25))
    if closing_block and closing_block.office_lines:
        office = ", ".join(closing_block.office_lines)
        body = orgnames.body_in(office) or orgnames.office_body(office, office + "\n" + head)
        if body and body != recipient_org:
            out.append(Cue("organisation", body, "closing block", office, 25))
    own = statements.writer_body("\n".join(p.lines[:p.letter_end]))
    if own:
        out.append(Cue("organisation", own[0], "writer's office", own[1], 22))
    head_end = p.salutation if p.salutation is not None else min(len(p.lines), 4)
    block = p.recipient_block
    for i, t in enumerate(p.lines[:head_end]):
        if block and block[0] <= i < block[1]:
            continue
        m = _MINISTER_ROLE.search(letter.clean(t))
        body = orgnames.office_body(m.group(1), letter.clean(t)) if m else None
        if body and body != recipient_org:
            out.append(Cue("organisation", body, "letterhead office", t, 45))
            break
    acting = statements.acting_committee("\n".join(p.lines[:p.letter_end]))
    if acting and acting[0] != recipient_org:
        out.append(Cue("organisation", acting[0], "body statement", acting[1], 55))
    if p.salutation is None and SPEAKS_AS_GOVERNMENT.search(text):
        if OWN_DEPARTMENT.search(text):
            depts = {c for _, c in gazetteer.find_bodies(text) if DEPARTMENT_NAME.search(c)}
            if len(depts) == 1:
                out.append(Cue("organisation", depts.pop(), "speaks as the Department", OWN_DEPARTMENT.search(text).group(0), 60))
        heads = "\n".join(letter.clean(t) for t in p.lines[:12])
        if SELECT_COMMITTEE_WORDS.search(heads) and WESTMINSTER.search(heads):
            out.append(Cue("organisation", "HM Government", "speaks as the Government to a Select Committee",
                           SPEAKS_AS_GOVERNMENT.search(text).group(0), 70))
    return out


def recipient_title_cues(p: Parts, titles: list, written) -> list[Cue]:
    out: list[Cue] = []
    committee = title_line.heading_committee(p.lines)
    for t in titles:
        if t.addressee:
            who = t.addressee.name or title_line.resolve_committee(t.addressee.office, committee)
            if letter.is_all_caps(who):
                who = who.title().replace(" Of ", " of ").replace(" The ", " the ").replace(" And ", " and ")
            if t.addressee.name or letter.ROLE_WORDS.search(who) or who != t.addressee.office:
                out.append(Cue("recipient", who, "title line", t.line, 20))
            break
    if written:
        out.append(Cue("recipient", written[2], "body statement", written[3], 30))
    return out


TRIED = {
    "author": ["signature block", "form field", "closing block", "title line", "sender line", "body statement"],
    "organisation": ["signature block", "form field", "title line", "heading", "sender line", "writer's office",
                     "paper title", "letterhead", "letterhead office", "closing block", "body statement",
                     "speaks as the Government"],
    "date": ["title line", "dateline", "dateline under the signature", "dateline under the closing", "heading"],
    "recipient": ["salutation and address block", "title line", "body statement"],
}


def read_all(p: Parts) -> list[Cue]:
    """Every reader's proposals for the document's tags."""
    titles = [t for t in (title_line.read_title(x) for x in _title_candidates(p)) if t]
    closing_block = closing.closing(p.lines) if p.signoff is None else None
    head = " ".join(letter.clean(t) for t in p.lines[:p.salutation if p.salutation is not None else 6])
    sender_line = title_line.from_line(head)
    written = statements.has_written("\n".join(p.lines[:12]))  # "the Chairman of X, NAME, has written to Y"
    cues = recipient_cues(p)
    rorg = next((c.value for c in cues if c.field == "recipient_org"), None)
    cues += recipient_title_cues(p, titles, written)
    cues += organisation_cues(p, rorg)
    cues += letterhead_shape_cues(p, rorg)
    cues += more_organisation_cues(p, titles, closing_block, sender_line, written, rorg)
    cues += author_cues(p, titles, closing_block, sender_line, written)
    cues += date_cues(p, titles, closing_block)
    return cues


def _title_candidates(p: Parts) -> list[str]:
    """Lines that may be a title line: the first lines of the document (past its page heading),
    up to its salutation or first paragraph."""
    end = p.salutation if p.salutation is not None else len(p.lines)
    out = []
    for t in p.lines[:min(end, 30)]:
        c = letter.clean(t)
        if c:
            out.append(c)
        if len(out) >= 8:
            break
    return out
