"""Readers of what a document says about its own writer, in running text:

    I write in my capacity as Chair of the X Committee        -> the writer's body
    At its meeting the Finance Committee considered ...        -> the writing committee
    The X Committee have decided to hold an inquiry            -> the writing committee
    my predecessor as Lord Chancellor                          -> the writer's office
    In this report Defra responds to the Committee's report    -> the responding body
    the memorandum below from the Ministry of X, which ...     -> the body it is from
    the Chairman of the X Committee, Rt Hon Jo Bloggs MP, has written to the Chairman of Y
                                                               -> author, body, addressee

Each returns (value, the sentence it came from)."""
from __future__ import annotations

import re

from . import letter, orgnames
from .needles import Needles

_CAP = r"[A-Z\u00C0-\u00DE][\w'\u2019&-]*"
_NAME_WORDS = r"(?:" + _CAP + r"(?:,)?\s+(?:(?:and|of|for|the|on|a|y|ac)\s+)*){0,9}"
# "the Finance Committee considered", "The X Committeehave decided" (spacing lost in the source)
COMMITTEE_ACTS = Needles(re.compile(
    r"\b[Tt]he\s+(?P<body>" + _NAME_WORDS + r"Committee)(?:'s|\u2019s)?\s*"
    r"(?:ha(?:s|ve)\s+(?:decided|agreed|considered|resolved|written|noted)|considered|agreed|decided|resolved|"
    r"remit\b|wishes|welcomes)"), ("Committee",))
SELF_OFFICE = re.compile(
    r"\b(?:I|me|my)\b[^.\n]{0,60}?\b(?:in\s+my\s+capacity\s+)?as\s+(?:the\s+)?(?P<office>(?:Chair|Chairman|Chairperson|"
    r"Clerk|Convener|Convenor|Cadeirydd|Lord\s+Chancellor|Secretary\s+of\s+State|Minister|Cabinet\s+Secretary|"
    r"Comptroller)\b[^,.;\n]{0,90})")
PREDECESSOR = Needles(re.compile(
    r"\bmy\s+predecessor\s+as\s+(?P<office>[A-Z][\w ]{3,60}?)(?=[,.;]|\s+(?:raised|had|was|said)\b)"), ("predecessor",))
RESPONDS = re.compile(
    r"\b(?:In\s+this\s+(?:report|paper|memorandum|response)\s*,?\s+)(?P<body>" + _CAP + r"(?:\s+" + _CAP + r"){0,6})"
    r"\s+(?:responds|replies|sets\s+out)\b")
MEMO_FROM = re.compile(
    r"\b(?:memorandum|letter|response|reply|submission)\s+(?:below\s+|attached\s+|printed\s+below\s+)?from\s+the\s+"
    r"(?P<body>(?:Ministry|Department|Office)\s+(?:of|for)\s+[^.;]{3,80}?)(?=,\s+which\b|\.|;|\s+which\b)")
HAS_WRITTEN = Needles(re.compile(
    r"\b(?:the\s+)?(?P<office>(?:Chairman|Chair|Chairperson|Convener|Convenor|Clerk)\s+of\s+the\s+[^,]{3,80}),\s+"
    r"(?P<name>(?:(?:Rt\.?\s+Hon\.?|Mr|Mrs|Ms|Dr|Sir|Dame)\.?\s+)*[A-Z][^,]{2,40}?),\s+has\s+(?:written|replied)\s+to\s+"
    r"(?:the\s+)?(?P<to>[^.,;]{3,80})"), ("written", "replied"))


def _sentences(text: str) -> str:
    """``text`` with each run of white space one space (re.sub(r"\\s+", " ", text), cheaper on a
    long text: str.split's white space is re's \\s)."""
    words = text.split()
    if not words:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + " ".join(words) + (" " if text[-1].isspace() else "")


def writer_body(text: str) -> tuple[str, str] | None:
    """The body the writer speaks for, from what the text says of itself."""
    flat = _sentences(text)
    for m in SELF_OFFICE.finditer(flat):
        body = orgnames.body_in(m.group("office")) or orgnames.office_body(m.group("office"), flat)
        if body:
            return body, m.group(0)
    for m in PREDECESSOR.finditer(flat):
        body = orgnames.office_body(m.group("office"), flat)
        if body:
            return body, m.group(0)
    for pattern in (RESPONDS, MEMO_FROM):
        m = pattern.search(flat)
        if m:
            body = orgnames.body_in(m.group("body")) or (m.group("body") if pattern is MEMO_FROM else None)
            if body:
                return body, m.group(0)
    return None


def acting_committee(text: str) -> tuple[str, str] | None:
    """The committee the text presents as acting ("the Finance Committee considered ...")."""
    m = COMMITTEE_ACTS.search(_sentences(text))
    if not m:
        return None
    body = m.group("body").strip(" ,")
    if len(body.split()) < 2:
        return None
    return orgnames.body_in(body) or body, m.group(0)


def has_written(text: str) -> tuple[str, str | None, str, str] | None:
    """(author, body, addressee, sentence) from "the Chairman of X, NAME, has written to Y"."""
    m = HAS_WRITTEN.search(_sentences(text))
    if not m:
        return None
    name = letter.person_name(m.group("name"))
    if not name:
        return None
    return name, orgnames.body_in(m.group("office")), m.group("to").strip(), m.group(0)
