"""Recognisers for the parts of a letter, line by line: salutation, sign-off,
datelines, paper references, letterhead/address lines, names and signature blocks.

Pure functions on strings, shared by the splitter and the tagger."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from . import dates, gazetteer
from .memo import per_line
from .needles import Needles

SALUTATION = re.compile(r"^\s*(?:\*\*)?(Dear|Annwyl)\s+(.{1,60}?)\s*[,:;]?\s*(?:\*\*)?\s*$", re.IGNORECASE)
_SIGNOFF_PHRASE = (
    r"(?:yours\s+(?:sincerely|faithfully|truly|ever|aye)|(?:kind|best|warm)(?:est)?\s+regards|"
    r"(?:all\s+(?:the\s+)?)?best\s+wishes|with\s+(?:best|kind|warm)(?:est)?\s+(?:wishes|regards)|regards|"
    r"(?:many\s+|with\s+(?:many\s+)?)thanks|(?:yr\s+eiddoch\s+)?yn\s+gywir|cofion(?:\s+gorau|\s+cynnes)?|"
    r"diolch(?:\s+yn\s+fawr(?:\s+iawn)?)?)")
# a sign-off alone on its line, or bilingual ("Yn gywir / Yours sincerely")
SIGNOFF = re.compile(
    r"^\s*(?:\*\*)?" + _SIGNOFF_PHRASE + r"\s*[,.]?(?:\s*/\s*" + _SIGNOFF_PHRASE + r"\s*[,.]?)?\s*(?:\*\*)?\s*$",
    re.IGNORECASE)
PAPER_REF = re.compile(
    r"\b([A-Z]{2,8})\s*\((\d)\)\s*[-\u2013]\s*(\d{1,2})\s*[-\u2013]\s*(\d{2})\s+((?:PTN|P|Papur|Paper)\s*\d+[A-Za-z]?)\b")
PACK_HEADER = re.compile(r"^\s*Y\s+Pwyllgor\b.*/.*\bCommittee\s*$", re.IGNORECASE)
ANNEX_HEADING = re.compile(
    r"^\s*(Appendix|Annex|Annexe|Atodiad|Enclosure|Attachment|Schedule|Executive Summary|Crynodeb Gweithredol)\b"
    r"\s*([A-Z0-9]{1,3}\b)?", re.IGNORECASE)
# a paper's title saying what it is and who it is from or for ("Paper to the ... Committee from the
# Minister for Education", "Written evidence from ...", "Written Response by the Welsh Government to ...")
PAPER_TITLE = re.compile(
    r"^\s*(?:\*\*)?(?:(?:written|additional|supplementary|further)\s+)?(?:evidence|paper|submission|response|"
    r"briefing|memorandum)\s+(?:submitted\s+)?(?:to|from|by)\s*:?\s+(?:the\s+)?[A-Z\u00C0-\u00DE][^.;!?]*$",
    re.IGNORECASE)
DOC_OPENING = re.compile(
    r"^\s*(?:\d{1,2}\.\s+)?(This|The purpose of this)\s+(paper|evidence paper|written evidence|submission|note|briefing)\b",
    re.IGNORECASE)
SIGNATURE_IMAGE = re.compile(r"^\s*(\[?signature\]?|signed|a handwritten signature\b.*|\(signed\)|"
                             r".{0,60}\bdescription\s+automatically\s+generated)\s*$",
                             re.IGNORECASE)
CC_LINE = re.compile(r"^\s*(cc|c\.c|copy to|copi i)\b[.:]?\s*", re.IGNORECASE)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
CONTACT = Needles(re.compile(
    r"(@|www\.|https?://|\.wales\b|\.cymru\b|\.org\b|\.gov\b|\.co\.uk\b|\b(tel|ffôn|ffon|phone|fax|e-?mail|ebost|"
    r"direct line|llinell uniongyrchol|please ask for|gofynnwch am|our ref|your ref|ein cyf|eich cyf)\b)",
    re.IGNORECASE), ("@", "www.", "http", ".wales", ".cymru", ".org", ".gov", ".co.uk", "tel", "ffôn", "ffon", "phone",
                     "fax", "mail", "ebost", "direct line", "llinell uniongyrchol", "please ask for", "gofynnwch am",
                     "our ref", "ein cyf", "eich cyf"))
DELIVERY = re.compile(r"^\s*(?:\*\*)?(by|via)\s+e-?mail(\s+only)?|^\s*to:\s|^\s*private\s+and\s+confidential|"
                      r"^\s*(?:\*\*)?(re|subject|ynghylch)\s*:", re.IGNORECASE)
_BOILERPLATE_PHRASES = (
    "we welcome correspondence", "croesawn ohebiaeth", "ni fydd defnyddio", "use of either language",
    "will not lead to a delay", "respond to correspondence in the same language", "alternative formats",
    "amryw o fformatau", "yn yr un iaith", "yn ogystal â", "in the same language")
BOILERPLATE = Needles(re.compile("(" + "|".join(_BOILERPLATE_PHRASES) + ")", re.IGNORECASE), _BOILERPLATE_PHRASES)
PHONE = re.compile(r"^\s*(\+?\d[\d ()]{7,})\s*$")
FOOTNOTE = re.compile(r"^\s*\d{1,2}\s+(https?://|www\.)")
SMALL_WORDS = {"of", "and", "for", "the", "on", "in", "to", "y", "yr", "a", "ac", "yng", "o", "at", "&", "an",
               "am", "i", "with", "de", "dros"}
TITLES = re.compile(
    r"^(?:(?:the\s+)?rt\.?\s+hon\.?|right\s+honourable|professor|prof\.?|dr\.?|mr\.?|mrs\.?|ms\.?|miss|"
    r"cllr\.?|councillor|sir|dame|lord|lady|baroness|the\s+hon\.?|y\s+gwir\s+anrhydeddus|yr\s+anrhydeddus)\s+",
    re.IGNORECASE)
POST_NOMINALS = re.compile(r"(?:[\s,/]+(?:AM|MS|MP|AS|AC|MSP|MLA|TD|MBE|OBE|CBE|QC|KC|FRCN|FRCP|RN|PhD|MA|BA|MSc|JP|DL|Am))+\s*$")
# a run of letters after a name: honours, degrees, fellowships, "AS/MS" ("OBE FRSA", "MSc, FRCPsych")
_POST_NOMINAL = re.compile(r"^(?:[A-Z]{2,6}|PhD|DPhil|MSc|BSc|MPhil|MBA|LLB|LLM|FRCPsych|FRCGP|MRCPsych|Am)$")
ROLE_WORDS = re.compile(
    r"\b(chair|chairman|chairperson|chief|officer|director|head|manager|president|commissioner|minister|"
    r"secretary|executive|nurse|clerk|member|lead|adviser|advisor|co-?ordinator|service|policy|cadeirydd|"
    r"prif|cyfarwyddwr|deputy|assistant|senior|principal|vice|treasurer|trustee|founder|partner|"
    r"spokesperson|convener|governor|registrar|dean|professor)\b", re.IGNORECASE)
ORG_WORDS = re.compile(
    r"\b(association|council|commissioner|network|trust|board|society|group|committee|cymru|wales|"
    r"foundation|federation|institute|alliance|partnership|services?|office|university|college|ltd|"
    r"limited|charity|government|authority|agency|inspectorate|union|llywodraeth|cymdeithas)\b", re.IGNORECASE)
_NAME_PART = r"(?:[A-Z\u00C0-\u00DE]['\u2019])?(?:Mc|Mac)?[A-Z\u00C0-\u00DE][a-z\u00DF-\u017F'\u2019]+"
# words that make a line the name of a body, not of a department ("Social Services and Housing")
BODY_WORDS = re.compile(
    r"\b(association|council|commissioner|network|trust|board|society|foundation|federation|institute|alliance|"
    r"partnership|university|college|ltd|limited|charity|authority|agency|inspectorate|union|cymru|wales|"
    r"committee|commission|llywodraeth|cymdeithas|cyngor|ymddiriedolaeth|rhwydwaith)\b", re.IGNORECASE)
NAME_TOKEN = re.compile(r"^" + _NAME_PART + r"(?:-" + _NAME_PART + r")?$")
INITIAL = re.compile(r"^[A-Z]\.?$")
PLACE_WORDS = re.compile(
    r"\b(cardiff|caerdydd|swansea|abertawe|newport|casnewydd|bay|bae|house|tŷ|court|road|street|way|walk|"
    r"square|avenue|lane|park|place|buildings?|centre|floor|llawr|parc|heol|stryd|ffordd|llys|plas|"
    r"london|bangor|wrexham|wrecsam|aberystwyth|carmarthen|caerfyrddin|cathays|llandudno)\b", re.IGNORECASE)
NAME_PARTICLES = {"ap", "ab", "van", "von", "de", "le", "la", "du", "di", "da", "o'"}


_TEXT_BOX = re.compile(r"^\s*text\s+box:\s*", re.IGNORECASE)


@per_line
def clean(line: str) -> str:
    """A line without markdown emphasis and with white space folded."""
    line = line.replace("**", "").replace("<sup>", "").replace("</sup>", "")
    line = _TEXT_BOX.sub("", line)  # a word processor's text-box label read with its text
    return " ".join(line.split())  # str.split's white space is re's \s: runs folded, ends stripped


@per_line
def salutation(line: str) -> str | None:
    """The addressee of a salutation line ("Dear Nick," -> "Nick"), or None."""
    m = SALUTATION.match(line)
    if not m:
        return None
    who = m.group(2).strip().rstrip(",;:")
    if len(who.split()) > 7:
        return None
    # bilingual: "Annwyl Jayne / Dear Jayne" names one person twice
    first, sep, second = who.partition(" / ")
    if sep and re.match(r"^(dear|annwyl)\s", second.strip(), re.IGNORECASE):
        who = first.strip().rstrip(",;:")
    return who


NOBODY = re.compile(r"^(sir\s*(or|/)\s*madam|madam\s*(or|/)\s*sir|sirs|all|colleagues?|friends|everyone|"
                    r"all\s+\w+|gyfeillion|bawb)$", re.IGNORECASE)
SIR_OR_MADAM = re.compile(r"^(sir|madam|syr|madam)$", re.IGNORECASE)


@per_line
def is_signoff(line: str) -> bool:
    return bool(SIGNOFF.match(line))


@per_line
def paper_ref(line: str) -> str | None:
    """A paper reference such as "PAC(5)-02-20 P3", normalised."""
    m = PAPER_REF.search(line) if "(" in line else None  # every reference has its "(5)"
    if not m:
        return None
    paper = re.sub(r"\s+", "", m.group(5)).upper()
    return f"{m.group(1)}({m.group(2)})-{int(m.group(3)):02d}-{m.group(4)} {paper}"


def normalise_paper(value: str) -> str:
    """A paper reference typed by a user, normalised like ``paper_ref`` (or as typed)."""
    return paper_ref(value) or re.sub(r"\s+", " ", value.strip()).upper()


_LABEL = re.compile(r"(dyddiad|date|dated|published|issued|cyhoeddwyd)\s*/?\s*(date)?\s*:?", re.IGNORECASE)
_WELSH_MONTH_ALT = "|".join(dates.WELSH_MONTHS)
_WELSH_DATE = re.compile(
    r"\b(\d{1,2})(?:af|il|ydd|ed|fed|eg|ain|ar)?\s+(" + _WELSH_MONTH_ALT + r")\s+(\d{4})\b", re.IGNORECASE)
_WELSH_MONTH_YEAR = re.compile(r"\b(" + _WELSH_MONTH_ALT + r")\s+(\d{4})\b", re.IGNORECASE)
# a reference printed on the dateline ("Our ref: AB/12      14 November 2019", "Ein cyf / Our ref: X")
_REF_LABEL = r"(?:(?:our|your|ein|eich)\s+)?(?:ref(?:erence)?|cyf(?:eirnod)?)\b\.?"
_REFERENCE = re.compile(_REF_LABEL + r"(?:\s*/\s*" + _REF_LABEL + r")?\s*:?\s*(?:[A-Z0-9][\w/.\-]*)?", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-\u2013\u2022\u25cf\uf0b7*\u00b7]|\d{1,2}[.)]\s)")
_SHORT_YEAR = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2})\b(?![/.]\d)")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|dydd\s+\w+)\b", re.IGNORECASE)


@per_line
def dateline(line: str) -> str | None:
    """The date of a line that is a dateline and nothing more ("21 June 2019",
    "Dyddiad /Date: 8th November 2019", "November 2019", "3 Mawrth 2020", a reference
    beside the date): ISO, or "YYYY-MM". A bulleted date is a list item, not a dateline."""
    text = re.sub(r"(\d)(st|nd|rd|th)?\s+of\s+", r"\1\2 ", clean(line), flags=re.IGNORECASE)
    text = _SHORT_YEAR.sub(r"\1/\2/20\3", text)  # "14/11/19" is 14/11/2019
    if not text or len(text) > 80 or _BULLET.match(text):
        return None
    found = _english_date(text) or _welsh_date(text)
    if not found:
        return None
    iso, rest = found
    rest = _WELSH_MONTH_YEAR.sub(" ", _WELSH_DATE.sub(" ", _LABEL.sub(" ", rest)))
    rest = _WEEKDAY.sub(" ", _REFERENCE.sub(" ", rest))
    if re.search(r"[A-Za-z\u00C0-\u017F]{2,}", rest):
        return None
    return iso


def _english_date(text: str) -> tuple[str | None, str] | None:
    """(ISO date, the line without it) for the first English full date or month and year."""
    full = dates.FULL_DATE.search(text)
    if full:
        return dates.find_full_date(text), text[:full.start()] + " " + text[full.end():]
    my = dates.MONTH_YEAR.search(text)
    if my:
        return dates.find_month_year(text), text[:my.start()] + " " + text[my.end():]
    return None


def _welsh_date(text: str) -> tuple[str | None, str] | None:
    """(ISO date, the line without it) for a Welsh date ("3ydd Mawrth 2020") or month ("Tachwedd 2019")."""
    m = _WELSH_DATE.search(text)
    if m:
        day, month, year = int(m.group(1)), dates.WELSH_MONTHS[m.group(2).lower()], int(m.group(3))
        try:
            iso = datetime(year, month, day).strftime("%Y-%m-%d")
        except ValueError:
            return None
        return iso, text[:m.start()] + " " + text[m.end():]
    m = _WELSH_MONTH_YEAR.search(text)
    if m:
        return f"{int(m.group(2)):04d}-{dates.WELSH_MONTHS[m.group(1).lower()]:02d}", text[:m.start()] + " " + text[m.end():]
    return None


@per_line
def is_all_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


@per_line
def title_case_ratio(line: str) -> float:
    words = [w for w in re.findall(r"[A-Za-z\u00C0-\u017F][\w'\u2019\-]*", line)]
    words = [w for w in words if w.lower() not in SMALL_WORDS]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


@per_line
def is_header_line(line: str) -> bool:
    """Could this line belong to a letterhead, address block or dateline?"""
    text = clean(line)
    if not text:
        return True
    if FOOTNOTE.match(text):
        return False
    if dateline(text) or paper_ref(text) or PACK_HEADER.match(text):
        return True
    if BOILERPLATE.search(text) or DELIVERY.match(text):
        return True
    if PHONE.match(text):
        return True
    if CONTACT.search(text) and len(text) < 120:
        return True
    if POSTCODE.search(text) and len(text) < 60:
        return True
    if len(text) > 80 or len(text.split()) > 10:
        return False
    if re.search(r"[.;!?]$", text) and not re.search(r"\b(St|Rd|Ltd|Hon|Dr|Mr|Mrs|Ms|Prof)\.$", text):
        return False
    return title_case_ratio(text) >= 0.6


_HONOURS = {"AM", "MS", "AS", "AC", "MSP", "MLA", "TD", "MP", "MBE", "OBE", "CBE", "DBE", "KBE", "QC", "KC", "JP", "DL"}


def strip_post_nominals(text: str) -> str:
    """A name without the letters after it ("Eira Vaughan MBE FRSA", "Jo Bell AS/MS" -> the name)."""
    tokens = re.split(r"(?<=\S)(?=[\s,/])", text.strip())
    has_lower = any(c.islower() for c in text)
    while len(tokens) > 1:
        last = tokens[-1].strip(" ,/")
        if last and not (_POST_NOMINAL.match(last) and (has_lower or last in _HONOURS)):
            break
        tokens.pop()
    return "".join(tokens).strip(" ,/")


@per_line
def person_name(line: str) -> str | None:
    """A personal name on a line by itself ("Professor Jean White" -> "Jean White"), or None.
    A name typed in capitals is given in title case ("EIRA VAUGHAN" -> "Eira Vaughan")."""
    text = clean(line).rstrip(",")
    if not text or len(text) > 60 or any(ch.isdigit() for ch in text):
        return None
    text = strip_post_nominals(text)
    if is_all_caps(text):
        text = " ".join(w.capitalize() if w.upper() == w and len(w) > 1 else w for w in text.split())
    while True:
        stripped = TITLES.sub("", text)
        if stripped == text:
            break
        text = stripped
    tokens = text.split()
    if not 2 <= len(tokens) <= 4 or re.match(r"(?i)^(?:the\s+)?(?:rt\.?|right)\s+hon", text):
        return None
    for i, tok in enumerate(tokens):
        if tok.lower() in NAME_PARTICLES and 0 < i < len(tokens) - 1:
            continue
        if INITIAL.match(tok) and i < len(tokens) - 1:
            continue
        if not NAME_TOKEN.match(tok):
            return None
    if not any(NAME_TOKEN.match(t) for t in tokens[:-1]) and INITIAL.match(tokens[0]) is None:
        return None
    if gazetteer.find_bodies(text) or ORG_WORDS.search(text) or ROLE_WORDS.search(text) or PLACE_WORDS.search(text):
        return None
    return text


PER_PRO = re.compile(r"(?:pp|p\.\s?p\.?|pp\.|per\s+pro\.?)", re.IGNORECASE)
ON_BEHALF = re.compile(r"^(?:(?:signed\s+)?on\s+behalf\s+of|ar\s+ran)\s+(?:the\s+)?(.+)$", re.IGNORECASE)


@per_line
def typed_name(line: str) -> tuple[str | None, str | None]:
    """The typed name under a sign-off and what follows it on the same line:
    "pp Eira Vaughan" -> ("Eira Vaughan", None); "Eira Vaughan, Chief Executive" ->
    ("Eira Vaughan", "Chief Executive")."""
    text = re.sub(r"^" + PER_PRO.pattern + r"\s+", "", clean(line), flags=re.IGNORECASE)
    name = person_name(text)
    if name:
        return name, None
    head, sep, tail = text.partition(",")
    name = person_name(head) if sep else None
    if name and tail.strip() and not digit_or_contact(tail):
        return name, tail.strip()
    return None, None


def digit_or_contact(text: str) -> bool:
    return any(ch.isdigit() for ch in text) or bool(CONTACT.search(text))


@dataclass(frozen=True)
class Signature:
    """What follows a sign-off: who signed, in what role, for which body."""

    name: str | None
    role: str | None
    organisation: str | None  # canonical when known, else the line as written
    lines: tuple[str, ...]    # the role/organisation lines after the name
    end: int                  # index of the first line after the signature block (and any cc list)


def signature(lines: list[str], signoff: int) -> Signature:
    """Read the signature block after the sign-off at ``lines[signoff]``."""
    i, n = signoff + 1, len(lines)
    name = None
    block: list[str] = []

    def skip_blank(j: int) -> int:
        while j < n and (not clean(lines[j]) or SIGNATURE_IMAGE.match(clean(lines[j])) or PER_PRO.fullmatch(clean(lines[j]))
                         or is_signoff(lines[j])):  # "Yn gywir," then "Yours sincerely," from a parallel column
            j += 1
        return j

    i = skip_blank(i)
    # a signed first name above the typed full name ("Sally" then "Sally Holland")
    if i < n and len(clean(lines[i]).split()) == 1:
        j = skip_blank(i + 1)
        if j < n and typed_name(lines[j])[0] and typed_name(lines[j])[0].split()[0] == clean(lines[i]):
            i = j
    if i < n and typed_name(lines[i])[0]:
        name, rest = typed_name(lines[i])
        if rest:
            block.append(rest)
        i += 1
    elif i < n and len(clean(lines[i])) > 80 and leading_name(lines[i], lines):
        # flattened text: the name, then the rest of the signature on the same line
        name, rest = leading_name(lines[i], lines)
        block.append(rest[:120])
        i += 1
    end = i
    j = i
    while j < n and len(block) < 4:
        text = clean(lines[j])
        if not text:
            if block or name is None:
                break
            j += 1
            continue
        if (CC_LINE.match(text) or salutation(text) or dateline(text) or paper_ref(text)
                or PACK_HEADER.match(text) or ANNEX_HEADING.match(text) or is_signoff(text)):
            break
        if len(text) > 90 or not (is_header_line(text) or ROLE_WORDS.search(text)):
            break
        nxt = clean(lines[j + 1]) if j + 1 < n else ""
        if nxt and nxt[0].islower() and len(text.split()) <= 2:
            break  # a heading broken over lines belongs to what follows
        if name is None and not block and not (gazetteer.find_bodies(text) or ORG_WORDS.search(text)):
            break
        if block and _names_body(block[-1]) and not _same_body(block[-1], text):
            break  # after the sending body's name only its other-language twin follows
        block.append(text)
        j += 1
        end = j
    end = _cc_list(lines, end)
    role, org = _role_and_org(block)
    return Signature(name, role, org, tuple(block), end)


def _names_body(text: str) -> bool:
    return bool(gazetteer.find_bodies(text)) or (bool(ORG_WORDS.search(text)) and not ROLE_WORDS.search(text))


def _same_body(a: str, b: str) -> bool:
    fa, fb = gazetteer.find_bodies(a), gazetteer.find_bodies(b)
    return bool(fa and fb and fa[0][1] == fb[0][1])


def _cc_list(lines: list[str], i: int) -> int:
    """Skip a "cc" list after a signature: the cc line and the "Name, Role, Body" lines under it."""
    n = len(lines)
    j = i
    while j < n and not clean(lines[j]):
        j += 1
    if j >= n or not CC_LINE.match(clean(lines[j])):
        return i
    j += 1
    end = j
    while j < n:
        text = clean(lines[j])
        if not text:
            j += 1
            continue
        if "," in text and len(text) < 140 and person_name(text.split(",")[0]):
            j += 1
            end = j
            continue
        if end == j and len(text.split()) <= 3 and not person_name(text) and not dateline(text):
            j += 1  # the wrapped tail of the entry above
            end = j
            continue
        break
    return end


def _role_and_org(block: list[str]) -> tuple[str | None, str | None]:
    org = None
    role_lines = []
    for text in block:
        if _contact_detail(text) and not gazetteer.find_bodies(text):
            continue  # a telephone, address or charity number line (or a page footer) is neither
        behalf = ON_BEHALF.match(text)
        if behalf:
            org = org or gazetteer.canonical(behalf.group(1)) or behalf.group(1)
            continue
        found = gazetteer.find_bodies(text)
        if found:
            org = org or found[0][1]
            rest = text
            # the role is what the line says besides the body ("Chair, Ministerial Advisory Group")
            rest = re.split(r",\s*|\s+(?:of|for)\s+the\s+", text)[0]
            if rest != text and not gazetteer.find_bodies(rest):
                role_lines.append(rest)
            elif ROLE_WORDS.search(text) and not gazetteer.canonical(text):
                role_lines.append(text)
        elif BODY_WORDS.search(text) and not ROLE_WORDS.search(text):
            org = org or text
        elif _role_then_body(text):
            role, body = _role_then_body(text)
            role_lines.append(role)
            org = org or body
        else:
            role_lines.append(text)
    role = role_lines[0] if role_lines else None
    if role is None and org:
        # an office that is itself the body ("Children's Commissioner for Wales")
        role = next((t for t in block if ROLE_WORDS.search(t) and gazetteer.canonical(t) == org), None)
    return role, org


def _contact_detail(text: str) -> bool:
    return bool(CONTACT.search(text) or PHONE.match(text) or POSTCODE.search(text) or re.search(r"\d{5,}", text))


def _role_then_body(text: str) -> tuple[str, str] | None:
    """ "Chief Executive, Foster Carers Alliance Cymru" -> (role, body) for a body the gazetteer does not know."""
    role, sep, body = text.partition(",")
    body = body.strip()
    if sep and ROLE_WORDS.search(role) and BODY_WORDS.search(body) and not ROLE_WORDS.search(body):
        return role.strip(), body
    return None


PEER = re.compile(r"^(?:the\s+)?(?:rt\.?\s+hon\.?\s+)?(?:the\s+)?((?:Lord|Baroness|Lady|Viscount|Earl)\s+"
                  r"[A-Z][\w'\u2019-]+(?:\s+of\s+[A-Z][\w'\u2019-]+)?)\s*,?$", re.IGNORECASE)


def peer_name(line: str) -> str | None:
    """A peer's name, title included ("The Rt Hon. the Lord Lang of Monkton" -> "Lord Lang of Monkton")."""
    m = PEER.match(strip_post_nominals(clean(line)))
    return m.group(1)[0].upper() + m.group(1)[1:] if m else None


# Welsh soft mutation after "Annwyl": the radical consonant a mutated office starts from
_RADICAL = {"b": ("p",), "g": ("c",), "d": ("t",), "f": ("b", "m"), "l": ("ll",), "r": ("rh",), "dd": ("d",),
            "ch": ("c",), "ph": ("p",), "th": ("t",)}


def _office_forms(office: str) -> list[str]:
    forms = [office]
    low = office.lower()
    for mutated, radicals in sorted(_RADICAL.items(), key=lambda kv: -len(kv[0])):
        if low.startswith(mutated):
            forms.extend(r + office[len(mutated):] for r in radicals)
            break
    if low[:1] in "aeiouwy":
        forms.append("G" + office)  # "Annwyl Weinidog" lost its G: "Gweinidog"
    return list(dict.fromkeys(forms))


_HOLDER = (r"((?:(?:Mc|Mac)?[A-Z\u00C0-\u00DE][\w'\u2019-]*\.?\s+){1,4}(?:Mc|Mac)?[A-Z\u00C0-\u00DE][\w'\u2019-]+)"
           r"(?:[\s,/]+(?:AM|MS|AS|AC|MP|MSP|MLA|TD|QC|KC|OBE|MBE|CBE))*[\s,]*\n?\s*(?:(?:the|y|yr)\s+)?(?:Acting\s+)?")


def office_holder(office: str, head: str) -> str | None:
    """The person the header gives an office: "Dear Chair" with "Darren Millar AM / Chair,
    Public Accounts Committee" -> "Darren Millar"; a mutated Welsh office ("Brif Weinidog")
    matches its radical form ("Prif Weinidog")."""
    office = office.strip()
    if not office:
        return None
    text = re.sub(r"\n\s*\n+", "\n", head)
    for form in _office_forms(office):
        holder = re.compile(_HOLDER + re.escape(form) + r"\b", re.IGNORECASE)
        if form.isascii() and form.isprintable():  # (printable ASCII needles are exact: indexer/needles.py)
            holder = Needles(holder, (form.lower(),))  # every match ends with the office
        for m in holder.finditer(text):
            words = m.group(1).split()
            for k in range(len(words) - 1):  # the name is the last words before the office
                name = person_name(" ".join(words[k:]))
                if name and words[k][0].isupper():
                    return name
    return None


def leading_name(line: str, lines) -> tuple[str, str] | None:
    """The name that opens a long flattened line ("Jo Bloggs St Andrew's House, ..." ->
    "Jo Bloggs"): the shortest run of two to four name words that the text also gives
    elsewhere, else the two-word run."""
    words = clean(line).split()
    whole = " ".join(clean(t) for t in lines)
    found = []
    for k in (2, 3, 4):
        if k < len(words):
            name = person_name(" ".join(words[:k]))
            if name:
                found.append((k, name))
    if not found:
        return None
    for k, name in found:
        if whole.count(name) > 1:
            return name, " ".join(words[k:])
    k, name = found[0]
    return (name, " ".join(words[k:])) if k == 2 else None
