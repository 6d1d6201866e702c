"""Readers of the lines that say what a document is, who it is from and to whom, as
published pages print them above a letter:

    Letter to the Chairman of the Committee from Mr Charles Clarke MP, Minister of State, Home Office
    Letter of 20 May 2009 from Professor J S Brooks, Vice-Chancellor of X University, to Mr Y MP, Chairman of the Committee
    Response from Michael Wills MP, Minister of State, Ministry of Justice, dated 8 April 2008
    Supplementary memorandum submitted by HM Treasury (PAC 140)
    Appendix 2: National Audit Office Response
    From the Rt Hon Jane Doe MP Secretary of State for Health and Social Care

and of page headings that name the committee a page belongs to ("Select Committee on Home
Affairs Appendices to the Minutes of Evidence" -> "Home Affairs Committee"), so that "the
Chairman of the Committee" can be said in full. Pure functions on strings."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import dates, gazetteer, letter, orgnames

_KIND = r"(?:letter|response|reply|memorandum|memoranda|note|submission|evidence|correspondence|gohebiaeth|statement|paper|briefing)"
TITLE = re.compile(
    r"^\s*(?:.{0,120}?\s[\u2013\u2014-]\s+)?(?:(?:appendix|annex|annexe|enclosure)\s*[\w.]{0,4}\s*[:.\u2013-]\s*)?"
    r"(?:(?:supplementary|further|additional|written|joint|second|first)\s+)*(?P<kind>" + _KIND + r")\b(?P<rest>.*)$",
    re.IGNORECASE)
# "<Body> Response" as a heading ("Appendix 2: National Audit Office Response")
BODY_RESPONSE = re.compile(
    r"^\s*(?:(?:appendix|annex|annexe)\s*[\w.]{0,4}\s*[:.\u2013-]\s*)?(?P<body>.{3,80}?)\s+(?:response|reply|memorandum)\s*$",
    re.IGNORECASE)
# "<Body> Submission on the X Bill", "<Body> Evidence to the Y Committee"
BODY_PAPER = re.compile(
    r"^\s*(?P<body>[A-Z][^:;]{2,80}?)\s+(?:submission|evidence|response|memorandum)\s+(?:on|to|regarding)\b",
    re.IGNORECASE)
_PARTY_WORD = re.compile(r"\b(from|to|by|submitted\s+by|dated|of)\b", re.IGNORECASE)
_TRAILING_REF = re.compile(r"\s*\((?=[^)]*\d)[^)]{1,20}\)\s*$")  # "(PAC 140)", "(SHP 6A)"
_TRAILING_DATE = re.compile(
    r"[,\s]+(?:dated\s+)?(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}|\w+\s+\d{1,2},?\s+\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\s*\.?$",
    re.IGNORECASE)
_SHORT_YEAR = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{2})$")
SELECT_COMMITTEE = re.compile(
    r"^\s*Select\s+Committee\s+on\s+(?P<subject>.+?)\s+(?=(?:Appendices|Appendix|Minutes|Written|Memoranda|Evidence|"
    r"Report|Special|Annex|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth|"
    r"\d+(?:st|nd|rd|th))\b)", re.IGNORECASE)
FROM_LINE = re.compile(
    r"(?:^|\s)From:?\s+(?:the\s+)?(?P<name>(?:(?:Rt\.?\s+Hon\.?|Right\s+Honourable|Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Baroness|"
    r"Professor)\.?\s+)*(?:[A-Z][\w'\u2019-]+\s+){1,3}?[A-Z][\w'\u2019-]+)\s*,?\s+(?P<post>MP|MSP|MS|AM|AS|MLA|TD|QC|KC)\b"
    r"[\s,]*(?P<role>[^\d_\n]{0,90})")
_ROLE_STOP = re.compile(r"\s+(?:The|the)\s+(?:Rt|Right)\b.*$|\s+[A-Z]{2,}(?:[_\s].*)?$|\s*[:;].*$")


@dataclass(frozen=True)
class Party:
    """One side of a title line: who, in what office, for which body."""

    text: str
    name: str | None
    role: str | None
    body: str | None

    @property
    def office(self) -> str:
        """The party as an office ("Chairman of the Committee"), without a leading "the"."""
        return re.sub(r"^(?:the)\s+", "", self.text, flags=re.IGNORECASE).strip(" ,.")


@dataclass(frozen=True)
class TitleLine:
    line: str
    kind: str
    sender: Party | None
    addressee: Party | None
    date: str | None


def read_title(line: str) -> TitleLine | None:
    """A title line's sender, addressee and date, or None when the line is not one."""
    text = letter.clean(line)
    if not text or len(text) > 260:
        return None
    m = TITLE.match(text)
    if not m:
        return None
    rest = m.group("rest")
    date = None
    d = _TRAILING_DATE.search(rest)
    if d:
        date = parse_date(d.group("date"))
        if date:
            rest = rest[:d.start()]
    rest = rest.strip(" ,.:")
    of = re.match(r"^of\s+(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4})\s*,?\s*", rest, re.IGNORECASE)
    if of and parse_date(of.group("date")):
        date = date or parse_date(of.group("date"))
        rest = rest[of.end():]
    parts = _parties(rest, letter.is_all_caps(text))
    if not parts:
        return None
    sender = parts.get("from")
    addressee = parts.get("to")
    if sender is None and addressee is None:
        return None
    return TitleLine(text, m.group("kind").lower(), sender, addressee, date)


def _parties(rest: str, in_capitals: bool = False) -> dict[str, Party]:
    """ "to the Chairman ... from Mr X, Minister of State, Home Office" -> {"to": ..., "from": ...}."""
    rest = " " + rest.strip()
    marks = [(m.start(), m.end(), m.group(1).lower()) for m in re.finditer(
        r"\s(from|to|by|submitted\s+by)\s+(?=(?:the\s+|mr\.?\s|mrs\.?\s|ms\.?\s|dr\.?\s|rt\.?\s|professor\s|sir\s|dame\s|"
        r"lord\s|baroness\s)?[A-Z\u00C0-\u00DE])", rest, re.IGNORECASE)]
    if not marks or marks[0][0] > 2:
        return {}
    out: dict[str, Party] = {}
    for k, (s, e, word) in enumerate(marks):
        end = marks[k + 1][0] if k + 1 < len(marks) else len(rest)
        role = "to" if word == "to" else "from"
        if role in out:
            continue
        chunk = _TRAILING_REF.sub("", rest[e:end]).strip(" ,.;:")
        if chunk:
            out[role] = party(chunk, in_capitals)
    return out


def party(text: str, line_in_capitals: bool = False) -> Party:
    segs = [s.strip() for s in text.split(",") if s.strip()]
    name = (letter.person_name(segs[0]) or letter.peer_name(segs[0])) if segs else None
    if name and letter.is_all_caps(segs[0]) and not line_in_capitals:
        name = None  # "from ACME HOLDINGS" in a title written in lower case: a body in capitals
    if name and " of " in segs[0] and segs[0].lower().startswith(("lord ", "the lord ", "baroness ", "lady ")):
        name = re.sub(r"^(?:the\s+)", "", segs[0], flags=re.IGNORECASE)  # a peer's title is the name
    role_segs = segs[1:] if name else segs[:1]
    role = next((s for s in role_segs if letter.ROLE_WORDS.search(s)), None)
    body = orgnames.body_in(text)
    office = orgnames.office_body(", ".join(role_segs), text) if body is None and role_segs else None
    body = body or office
    if office is None and name is None and role is None and looks_like_body(text):
        # "Memorandum from Acme Widgets Cymru": the party is the body itself, named in full
        whole = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
        body = gazetteer.canonical(whole) or (body if body and len(body) > len(whole) else whole)
    return Party(text, name, role, body)


def looks_like_body(text: str) -> bool:
    """A proper name of a body as a title line gives it: capitalised words, not a person,
    not an office, not "the Government"."""
    t = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    words = t.split()
    if (not 1 <= len(words) <= 8 or (letter.person_name(t) and not letter.is_all_caps(t)) or letter.ROLE_WORDS.search(t)
            or re.fullmatch(r"(?i)(?:(?:the|her|his|hm)\s+)?(?:majesty's\s+)?government|committee|petitioner|written|"
                            r"volume\s+\d+", t)):
        return False
    caps = [w for w in words if w[0].isupper() or not w[0].isalpha()]
    small = [w for w in words if w.lower() in letter.SMALL_WORDS]
    return len(caps) + len(small) == len(words) and bool(caps)


def parse_date(text: str) -> str | None:
    t = text.strip()
    m = _SHORT_YEAR.match(t)
    if m:
        t = f"{m.group(1)}/{m.group(2)}/20{m.group(3)}" if int(m.group(3)) < 50 else f"{m.group(1)}/{m.group(2)}/19{m.group(3)}"
    return dates.find_full_date(t) or dates.find_month_year(t)


def heading_committee(lines: list[str] | tuple[str, ...]) -> str | None:
    """The committee a published page belongs to, from its heading ("Select Committee on
    Culture, Media and Sport First Special Report" -> "Culture, Media and Sport Committee")."""
    for t in lines[:6]:
        m = SELECT_COMMITTEE.match(letter.clean(t))
        if m:
            return m.group("subject").strip(" ,") + " Committee"
    return None


def resolve_committee(office: str, committee: str | None) -> str:
    """ "Chairman of the Committee" said in full when the page names its committee."""
    if not committee:
        return office
    return re.sub(r"\b(?:the|your|our)\s+Committee\b(?!\s+(?:on|for|of)\b)", "the " + committee, office, count=1)


def from_line(text: str) -> tuple[str, str | None, str] | None:
    """A sender line ("From the Rt Hon Jane Doe MP Secretary of State for X"): (name, role, the line)."""
    m = FROM_LINE.search(text)
    if not m:
        return None
    name = letter.person_name(m.group("name"))
    if not name:
        return None
    role = _ROLE_STOP.sub("", m.group("role")).strip(" ,.") or None
    return name, role, m.group(0).strip()
