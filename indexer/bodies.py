"""Bodies the gazetteer does not list, recognised by the shape of their names, and the
body a minister's or official's role speaks for. Pure functions, no I/O beyond reading
the package's data tables once (roles.json, through the gazetteer's orgs.json).

    bodies_by_shape("I write as Chair of the Enterprise and Business Committee.")
        -> [(23, "Enterprise and Business Committee")]
    committee_name("Select Committee on Home Affairs") -> "Home Affairs Committee"
    minister_body("Minister of State, Home Office") -> "Home Office"
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import gazetteer
from .memo import per_line

_ROLES_DATA = Path(__file__).with_name("roles.json")

# ---------------------------------------------------------------- words

# a word (with its hyphens and apostrophes: "Pen-y-bont", "Children's", "Farmers'"), a number, or
# one other character
_TOKEN = re.compile(r"[^\W\d_](?:[\w\-]|['\u2019](?=\w)|(?<=s)['\u2019])*|\d+|\S")


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int
    key: str  # lower case, curly apostrophes straightened


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        t = _Tok(m.group(), m.start(), m.end(), m.group().replace("\u2019", "'").lower())
        out.extend(_unfuse(t))
    return out


def _unfuse(t: _Tok) -> list[_Tok]:
    """ "Committeehave" (flattened web text) -> "Committee", "have"."""
    if not t.text[:1].isupper() or len(t.key) < 8:
        return [t]
    for f in gazetteer.FUSED:
        head = t.key[:-len(f)]
        if t.key.endswith(f) and head in _BACK_HEADS and t.text[len(head):].islower():
            cut = t.start + len(head)
            return [_Tok(t.text[:len(head)], t.start, cut, head), _Tok(t.text[len(head):], cut, t.end, f)]
    return [t]


def _cap(t: _Tok) -> bool:
    return t.text[0].isupper()


# Heads whose name stands before them ("Enterprise and Business Committee") and may go on
# with "for/of/on ..." ("Children's Commissioner for Wales", "Committee for the Economy").
_BACK_HEADS = {
    "committee", "sub-committee", "subcommittee", "council", "board", "commission", "commissioner",
    "trust", "association", "society", "university", "agency", "authority", "foundation", "institute",
    "federation", "confederation", "union", "alliance", "network", "forum", "partnership",
    "inspectorate", "ombudsman", "college", "office", "executive", "department",
}
# heads that need a name after them: "Department for X", "Ministry of X", "Office of X"
_FORWARD_ONLY = {"ministry"}
_TAIL_PREPS = {"for", "of", "on"}
# a company's suffix ends its name ("BAE Systems plc"); SYSTEMS only in capitals
_SUFFIXES = {"ltd", "limited", "plc", "llp", "inc", "cyf", "cyfyngedig"}
_CAPS_SUFFIXES = {"SYSTEMS"}
# Welsh heads: the name follows ("Pwyllgor Cyllid", "Cyngor Gwynedd", "Bwrdd Iechyd Prifysgol ...")
_WELSH_HEADS = {"pwyllgor", "cyngor", "comisiynydd", "comisiwn", "bwrdd", "prifysgol", "swyddfa",
                "cymdeithas", "ymddiriedolaeth", "adran", "awdurdod", "asiantaeth", "arolygiaeth"}
_WELSH_LINKS = {"a", "ac", "y", "yr", "'r", "a'r", "ar", "i", "o", "dros", "ym", "yn", "gyda", "am", "ei",
                "&", ","}
_WELSH_AND = {"a", "ac", "&", "a'r"}

# Capitalised words that are not part of a body's name when they stand before it
_DETERMINERS = {
    "the", "this", "that", "these", "those", "our", "your", "their", "its", "his", "her", "my", "a", "an",
    "each", "every", "any", "which", "what", "whose", "such", "both", "all", "another", "other", "same",
    "said", "no", "y", "yr", "mae'r",
}
_OPENERS = {
    "however", "therefore", "thus", "also", "in", "on", "at", "as", "if", "when", "whilst", "while", "since",
    "although", "because", "but", "and", "so", "then", "yet", "for", "from", "to", "by", "with", "without",
    "under", "following", "given", "after", "before", "dear", "yours", "annwyl", "re", "subject", "cc",
    "copy", "i", "we", "you", "he", "she", "it", "they", "thank", "please", "gan", "gyda", "mae", "dyma",
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rt", "hon", "cllr",
    "councillor",
}
_ROLES = {
    "chair", "chairman", "chairwoman", "chairperson", "vice-chair", "vice", "deputy", "convener", "convenor",
    "deputy-convener", "clerk", "clerks", "member", "members", "secretary", "minister", "ministers",
    "cadeirydd", "clerc", "aelod", "aelodau", "head", "director", "chief", "officer", "president", "leader",
    "spokesperson", "rapporteur", "adviser", "advisor", "manager", "senior", "lead", "staff", "witnesses",
    "chancellor", "vice-chancellor", "pro-vice-chancellor", "registrar", "principal", "provost", "dean",
    "secretary-general", "director-general", "governor", "governors", "trustee", "trustees", "chairs",
    "officers", "representative", "representatives", "team", "employees", "executive", "chief-executive",
    "convenors", "conveners", "directors", "controller", "comptroller",
}
_DOCS = {
    "letter", "report", "evidence", "response", "memorandum", "memoranda", "minutes", "paper", "papers",
    "inquiry", "consultation", "meeting", "agenda", "submission", "note", "annex", "appendix", "written",
    "oral", "briefing", "summary", "recommendation", "recommendations", "page", "item", "correspondence",
    "reply", "update", "statement", "transcript", "record", "session", "attached", "enclosed",
    "contents", "previous", "next",
}
_POST_NOMINALS = {
    "mp", "ms", "am", "as", "msp", "mla", "td", "qc", "kc", "obe", "mbe", "cbe", "kbe", "dbe", "frs", "phd",
    "jp", "dl", "mba", "bsc", "ma", "pc", "frcp", "frcn", "frse",
}
# one word that makes a generic office, not a body, when it is all the name has ("Private Office",
# "Select Committee", "Health Board"); "House of Lords Select Committee" is no more a name
_GENERIC = {"private", "press", "registered", "regional", "main", "branch", "constituency", "local", "head",
            "select", "joint", "standing", "steering", "special", "sub", "academic", "health", "management",
            "programme", "project", "advisory", "ad", "hoc", "house", "of", "lords", "commons", "parliamentary",
            "new", "full", "whole", "relevant", "lead", "responsible", "scrutiny", "policy", "national",
            "government", "ministerial", "departmental", "county", "city", "district", "town", "community",
            "parish", "borough", "university", "college", "school", "charity", "charitable", "education",
            "research", "care", "nhs", "services", "service"}
# words whose possessive owns the name after it ("the National Assembly's Public Accounts Committee")
_OWNERS = {"lord", "lords", "commons", "house", "assembly", "parliament", "government", "senedd", "council",
           "committee", "board", "executive", "commission", "office", "department", "ministry", "authority",
           "union", "wales", "england", "britain", "ireland", "uk"}
_ORDINALS = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
    "nineteenth", "twentieth", "thirtieth", "fortieth", "special", "appendices", "appendix", "reports",
    "volume", "part", "chapter", "previous", "next", "contents", "publications",
}
_DATES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
_STOP_CAP = _DETERMINERS | _OPENERS | _ROLES | _DOCS | _POST_NOMINALS | _DATES
# after "Committee on ...": what starts the next thing on a page heading, not the name
_STOP_TAIL = _DOCS | _POST_NOMINALS | _DATES | _ORDINALS | {"i", "we", "you", "he", "she", "they", "dear"}
# a committee (or commission) takes "on X" only when nothing else names it before, or when what does
# is a kind of committee ("Select Committee on X", "Royal Commission on X")
_ON_KINDS = {"select", "joint", "standing", "special", "ad", "hoc", "sub", "royal", "independent", "temporary",
             "grand", "scrutiny", "house", "of", "commons", "lords"}
# a head word inside a name before another head ends the first name ("Convenor, Justice Committee
# Justice Committee Clerks") except the combinations bodies use ("University Health Board")
_INNER_STOP = {"committee", "sub-committee", "subcommittee", "ministry", "department"}
_BACK_LINKS = {"and", "&", ",", "of", "for"}
_FORWARD_LINKS = {"and", "&", ",", "of", "for", "the", "on"}


def _gap_ok(left: _Tok, right: _Tok, text: str) -> bool:
    """May a name run on across the space between two tokens? Not across a blank line, and
    across a line break only when the line visibly goes on (ends with "and", "of", a comma)."""
    gap = text[left.end:right.start]
    if "\n" not in gap:
        return True
    if gap.count("\n") > 1:
        return False
    return left.key in {"and", "&", ",", "of", "for", "the", "on", "a", "ac", "y", "yr"}


def _possessive(t: _Tok) -> str | None:
    """The stem of a possessive word ("assembly" for "Assembly's", "lords" for "Lords'")."""
    if t.key.endswith("'s"):
        return t.key[:-2]
    if t.key.endswith("s'"):
        return t.key[:-1]
    return None


def _back(toks: list[_Tok], h: int, text: str) -> int:
    """Index of the first token of the name standing before head ``h`` (``h`` when none)."""
    i = h - 1
    first = h
    seen_and = False
    while i >= 0:
        t = toks[i]
        if not _gap_ok(t, toks[i + 1], text):
            break
        if t.key in _BACK_HEADS | _WELSH_HEADS and i + 1 < h and toks[i + 1].key in {"and", "&", ","}:
            break  # "Cardiff Council and the Vale ... Board": a whole body ends here
        if t.key in _WELSH_HEADS or t.key in _INNER_STOP:
            break
        if t.key in {"and", "&"}:
            seen_and = True
        elif t.key == ",":
            if not seen_and:
                break
        elif t.key in {"of", "for"}:
            before = toks[i - 1] if i else None
            if before is None or not _cap(before) or before.key in _STOP_CAP:
                break
        elif t.key in {"her", "his"} and i + 1 < h and toks[i + 1].key == "majesty's":
            first = i  # "Her Majesty's Stationery Office"
        elif _cap(t) and t.key not in _STOP_CAP and not t.text.isdigit():
            first = i
        else:
            break
        i -= 1
    # a possessive owner before the name is not part of it ("the National Assembly's Public Accounts
    # Committee", "NHS Tayside's Executive")
    for k in range(h - 1, first - 1, -1):
        stem = _possessive(toks[k])
        if stem is None:
            continue
        owned = stem in _OWNERS or any(
            gazetteer.canonical(text[toks[x].start:toks[k].end - (2 if toks[k].key.endswith("'s") else 1)])
            for x in range(first, k + 1))
        if owned:
            first = k + 1
            break
    # the name starts at a capitalised word, and the word before the head is one too
    while first < h and toks[first].key in _BACK_LINKS:
        first += 1
    if first < h and toks[h - 1].key in _BACK_LINKS:
        return h
    return first


def _forward(toks: list[_Tok], j: int, text: str, links: set[str], and_words: set[str],
             stop: set[str]) -> int:
    """Index one past the last token of a name running from ``j`` (``j`` when none)."""
    k = j
    last = j
    and_at: list[int] = []
    commas: list[int] = []
    while k < len(toks):
        t = toks[k]
        if k > j and not _gap_ok(toks[k - 1], t, text):
            break
        if t.key in links:
            if t.key in and_words:
                and_at.append(k)
            if t.key == ",":
                commas.append(k)
        elif _cap(t) and t.key not in stop:
            if t.key.endswith("'s") and not (k + 1 < len(toks) and _cap(toks[k + 1])):
                return j  # "the Committee on Welsh Government's plans" names no committee
            last = k + 1
        else:
            break
        k += 1
    # a comma after the list's last "and" ends the name ("Department for Education, Welsh Government")
    for c in commas:
        if c < last and not any(a > c for a in and_at):
            last = c
            break
    while last > j and toks[last - 1].key in links:
        last -= 1
    return last


def _tail(toks: list[_Tok], h: int, first: int, text: str) -> int:
    """End (token index) of "for/of/on ..." after head ``h``, whose name begins at ``first``;
    ``h + 1`` when none. "on X" names only a committee or commission with nothing but its kind
    before it ("Select Committee on X"): "the Finance Committee on the Bill" is about the Bill."""
    j = h + 1
    if j >= len(toks) or toks[j].key not in _TAIL_PREPS or not _gap_ok(toks[h], toks[j], text):
        return h + 1
    key = toks[h].key
    if key == "executive":
        return h + 1  # "Chief Executive of X" is a role
    if toks[j].key == "on" and (key not in {"committee", "sub-committee", "subcommittee", "commission"}
                                or any(t.key not in _ON_KINDS for t in toks[first:h])):
        return h + 1
    end = _forward(toks, j + 1, text, _FORWARD_LINKS, {"and", "&"}, _STOP_TAIL)
    if not any(_cap(t) and t.key not in _FORWARD_LINKS for t in toks[j + 1:end]):
        return h + 1  # "Committee for the" with nothing named after it
    return end


_NATION_WORDS = {"cymru", "wales", "scotland", "england", "uk", "alba", "ireland"}


def _nation_tail(toks: list[_Tok], end: int, text: str) -> int:
    """A name runs on through the nation its branch serves ("Carers Trust Wales", "Young Carers
    Association Cymru"), when the nation ends the name (no capitalised word follows it)."""
    k = end
    if k < len(toks) and toks[k].key == "northern" and k + 1 < len(toks) and toks[k + 1].key == "ireland":
        k += 1
    if k >= len(toks) or toks[k].key not in _NATION_WORDS or not _gap_ok(toks[end - 1], toks[end], text):
        return end
    if toks[k].key == "ireland" and k == end:
        return end  # "Ireland" alone after a name is rarely its branch
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is not None and _gap_ok(toks[k], nxt, text) and _cap(nxt) and nxt.text[:1].isalpha():
        return end
    return k + 1


def _society_suffix(text: str, end: int) -> int:
    m = re.match(r"\s*\((?:Inc|Incorporated)\.?\)", text[end:])
    return end + m.end() if m else end


def _spans(text: str) -> list[tuple[int, int]]:
    toks = _tokens(text)
    spans: list[tuple[int, int]] = []
    for h, t in enumerate(toks):
        if not _cap(t) and t.key not in _SUFFIXES:
            continue
        key = t.key
        if key in _SUFFIXES or t.text in _CAPS_SUFFIXES:
            first = _back(toks, h, text)
            if first < h:
                end = toks[h].end
                if text[end:end + 1] == "." and key in {"ltd", "inc"}:
                    end += 1
                spans.append((toks[first].start, end))
            continue
        if key in _WELSH_HEADS:
            last = _forward(toks, h + 1, text, _WELSH_LINKS, _WELSH_AND, _STOP_CAP - {"y", "yr"})
            if last > h + 1:
                spans.append((toks[h].start, toks[last - 1].end))
            continue
        if key in _BACK_HEADS or key in _FORWARD_ONLY:
            first = h if key in _FORWARD_ONLY else _back(toks, h, text)
            end = _tail(toks, h, first, text)
            if end == h + 1 and all(tk.key in _GENERIC for tk in toks[first:h]):
                continue  # "the Committee", "our Council", "Select Committee", "Health Board"
            end = _nation_tail(toks, end, text)
            stop = toks[end - 1].end
            if key == "society" and end == h + 1:
                stop = _society_suffix(text, stop)
            spans.append((toks[first].start, stop))
    # longest first, then keep those that do not overlap a longer one
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    kept: list[tuple[int, int]] = []
    for s, e in spans:
        if all(e <= ks or s >= ke for ks, ke in kept):
            kept.append((s, e))
    return sorted(kept)


def _tidy(name: str) -> str:
    name = " ".join(name.split())
    name = re.sub(r"^(?:the|The|THE)\s+", "", name)
    return name.rstrip(" .,;:")


def bodies_by_shape(text: str) -> list[tuple[int, str]]:
    """Every body named in ``text`` by the shape of its name, as the text gives it:
    (offset, name), in text order. "The Committee", "our Council", "Members of the Committee"
    are not bodies; a name stops at a lower-case word that is not "and", "of", "for", "the"."""
    return [(s, _tidy(text[s:e])) for s, e in _spans(text)]


# ---------------------------------------------------------------- committees

def _strip_legislature(name: str) -> str:
    """ "National Assembly for Wales Finance Committee" -> "Finance Committee": a committee named
    with its legislature in front (the legislatures are listed in orgs.json as "_legislatures")."""
    for s, e, canon in gazetteer.find_spans(name):
        if s == 0 and canon in gazetteer.legislatures():
            rest = re.sub(r"^(?:'s?|\u2019s?)?\s+", "", name[e:]) if e < len(name) and not name[e].isalnum() else ""
            if rest and re.search(r"\bCommittee\b", rest, re.IGNORECASE):
                return rest
    n = re.sub(r"^(?:Commons|Lords)(?:'s?)?\s+(?=\S+.*\bCommittee\b)", "", name)
    return n


def committee_name(name: str) -> str:
    """A committee's usual name: "Select Committee on Home Affairs" -> "Home Affairs Committee",
    "Treasury Select Committee" -> "Treasury Committee", "House of Lords Select Committee on the
    Constitution" -> "Constitution Committee", "Scottish Parliament Finance Committee" -> "Finance
    Committee"; the gazetteer's canonical name when it knows it. Other names come back tidied but
    unchanged ("Committee for the Executive Office", "Joint Committee on Human Rights")."""
    n = _tidy(name)
    known = gazetteer.canonical(n)
    if known:
        return known
    n = _strip_legislature(n)
    m = re.match(r"^Select\s+Committee\s+on\s+(?:the\s+)?(.+)$", n, re.IGNORECASE)
    if m:
        n = f"{m.group(1)} Committee"
    n = re.sub(r"\s+Select\s+Committee$", " Committee", n, flags=re.IGNORECASE)
    return gazetteer.canonical(n) or n


# ---------------------------------------------------------------- the best body in a snippet

def best_body(text: str) -> str | None:
    """The body ``text`` names first: the gazetteer's canonical name where it knows it, else the
    name as written (by shape). A name by shape that holds a known one and goes on beyond it
    wins ("Scottish Parliament Health and Sport Committee" over "Scottish Parliament")."""
    if not text or not text.strip():
        return None
    whole = gazetteer.canonical(_tidy(text))
    if whole:
        return whole
    known = [(s + 4 if text[s:s + 4].lower() == "the " else s, e, c) for s, e, c in gazetteer.find_spans(text)]
    shaped = [(s, e, _tidy(text[s:e])) for s, e in _spans(text)]
    cands: list[tuple[int, str]] = []
    for s, e, canon in known:
        if any(ss <= s and se >= e and se - ss > e - s for ss, se, _ in shaped):
            continue  # a modifier of a longer name ("Scottish Parliament" in "... Committee")
        cands.append((s, canon))
    for ss, se, n in shaped:
        if any(s <= ss and e >= se for s, e, _ in known):
            continue  # the shape is (inside) a known name
        if any(ss < e and s < se and not (ss <= s and se >= e) for s, e, _ in known):
            continue  # overlaps a known name partly: trust the gazetteer
        cands.append((ss, _shape_canonical(n)))
    if not cands:
        return None
    return min(cands, key=lambda c: c[0])[1]


def _shape_canonical(name: str) -> str:
    if re.search(r"\bCommittee\b", name):
        return committee_name(name)
    return gazetteer.canonical(name) or gazetteer.canonical("Y " + name) or name


# ---------------------------------------------------------------- a role's body

@lru_cache(maxsize=1)
def _roles() -> dict:
    return json.loads(_ROLES_DATA.read_text(encoding="utf-8"))


@per_line  # the same role and roles.json phrases are normalised for every office tried
def _norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("&", "and")
    return " ".join(s.split())  # str.split's white space is re's \s: runs folded, ends stripped


@lru_cache(maxsize=1024)  # needles are roles.json's phrases: compiled once each, not per search
def _phrase_pattern(needle: str) -> re.Pattern:
    return re.compile(r"(?<![\w'])" + re.escape(needle).replace(r"\ ", r"\s+") + r"(?![\w'])", re.IGNORECASE)


def _phrase(hay: str, needle: str) -> re.Match | None:
    return _phrase_pattern(needle).search(hay)


def _post_nominal(hay: str, marks: list[str], after_name: bool) -> bool:
    """Does ``hay`` hold one of the post-nominals ``marks`` (in capitals, as a word)? In a context
    (``after_name``) only right after a capitalised name ("Jane Rees MS", not "10 AM" or "MS Teams")."""
    for c in marks:
        lead = r"(?:^|(?<=\s))[A-Z\u00C0-\u00DE][a-z\u00DF-\u024F'\-]+[ \t,]+" if after_name else r"(?<![\w])"
        if re.search(lead + re.escape(c) + r"(?![\w])", hay):
            return True
    return False


def _cue(hay: str, cues: list[str]) -> bool:
    return any(_phrase(hay, c) for c in cues)


def _government_named(context: str, nation: str) -> str | None:
    """The name a text first gives its devolved government ("Welsh Assembly Government" in 2009)."""
    found = []
    for name in _roles()["governments"][nation]["names"]:
        m = _phrase(context, name)
        if m:
            found.append((m.start(), -len(name), name))
    if not found:
        return None
    name = min(found)[2]
    return gazetteer.canonical(name) or name


_NATIONS_ORDER = ("northern ireland", "scotland", "wales")


def _devolved_by_role(role: str) -> str | None:
    """The nation whose minister or official the role itself shows (MSP, MLA, MS/AM, "Gweinidog",
    "NHSScotland"); None otherwise."""
    govs = _roles()["governments"]
    for nation in _NATIONS_ORDER:
        g = govs[nation]
        if _post_nominal(role, g["post_nominals"], after_name=False) or _cue(role, g["role_cues"]):
            return nation
    return None


def _devolved_by_context(role: str, context: str) -> str | None:
    """The nation of a "Minister ..." or "Cabinet Secretary for ..." whose context (the letterhead,
    the signature block) names that nation's government; for a Cabinet Secretary, whom only the
    devolved governments have, a member with that nation's post-nominal will do too (a UK
    minister's letter to "Jane Rees MSP" is no Scottish minister's)."""
    cabinet = _phrase(role, "Cabinet Secretary for")
    if not (cabinet or re.search(r"\bMinister\b", role, re.IGNORECASE)):
        return None
    govs = _roles()["governments"]
    for nation in _NATIONS_ORDER:
        g = govs[nation]
        if any(_phrase(context, n) for n in g["names"]) or (
                cabinet and _post_nominal(context, g["post_nominals"], after_name=True)):
            return nation
    return None


_ROLE_ALIAS = re.compile(r"^(?:the\s+|y\s+)?(?:deputy\s+|dirprwy\s+)?(?:first\s+)?(?:minister|cabinet\s+secretary|"
                         r"gweinidog|weinidog|prif\s+weinidog|ysgrifennydd)\b", re.IGNORECASE)


def _named_body(role: str) -> str | None:
    """The body a role names outright ("Minister of State, Home Office"), not counting the
    gazetteer's names that are themselves ministers' titles ("Minister for Education")."""
    masked = role
    for s, e, _ in gazetteer.find_spans(role):
        if _ROLE_ALIAS.match(role[s:e]):
            masked = masked[:s] + " " * (e - s) + masked[e:]
    return best_body(masked)


def _role_alias_body(role: str) -> str | None:
    for s, e, canon in gazetteer.find_spans(role):
        if _ROLE_ALIAS.match(role[s:e]):
            return canon
    return None


def _ni_department(role: str) -> str | None:
    role = re.sub(r"(?:[\s,]+(?:MLA|MP|OBE|MBE|CBE))+$", "", role)
    named = best_body(role)
    if named and named.startswith(("Department", "The Executive Office", "Executive Office")):
        return named
    m = re.search(r"\bMinister\s+(?:of|for)\s+(?:the\s+)?(.+?)(?:,|$)", role, re.IGNORECASE)
    if m:
        table = _roles()["ni_portfolios"]
        want = _norm(m.group(1)).lower()
        for portfolio, dept in table.items():
            if _norm(portfolio).lower() == want:
                return dept
    return None


# "Secretary of State for Justice and Lord Chancellor": a second office, not more of the portfolio
_SECOND_OFFICE = re.compile(r"\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?(?:lord|minister|first|leader|chancellor|"
                            r"president|deputy|secretary|chief|attorney|solicitor|lord privy seal)\b", re.IGNORECASE)


def _portfolio(role: str) -> str | None:
    m = re.search(r"\bSecretary\s+of\s+State\s+for\s+(?:the\s+)?(.+)$", role, re.IGNORECASE)
    if not m:
        return None
    rest = _norm(m.group(1)).lower()
    table = _roles()["uk_portfolios"]
    for portfolio in sorted(table, key=len, reverse=True):
        p = _norm(portfolio).lower()
        after = rest[len(p):]
        if rest == p or (rest.startswith(p) and not re.match(r"[\w']", after) and (
                not re.match(r"\s*(?:,\s*)?(?:and|&)\b", after) or _SECOND_OFFICE.match(after))):
            return table[portfolio]
    return None


@lru_cache(maxsize=1)
def _offices_longest_first() -> list[str]:
    return sorted(_roles()["offices"], key=len, reverse=True)


def _office(role: str, context: str) -> str | None:
    offices = _roles()["offices"]
    for office in _offices_longest_first():
        if _phrase(_norm(role), _norm(office)):
            body = offices[office]
            if isinstance(body, str):
                return body
            for cue, b in body.items():
                if cue and (_phrase(role, cue) or _phrase(context, cue)):
                    return b
            return body.get("")
    return None


def _uk_minister(role: str) -> str | None:
    m = re.search(r"\bMinister\s+(?:of\s+State\s+)?for\s+(?:the\s+)?(.+?)\s*(?:,|$)", role, re.IGNORECASE)
    if not m:
        return None
    want = re.sub(r"(?:[\s,]+(?:MP|QC|KC|OBE|MBE|CBE))+$", "", _norm(m.group(1))).lower()
    for portfolio, dept in _roles()["uk_ministers"].items():
        if _norm(portfolio).lower() == want:
            return dept
    return None


def minister_body(role: str, context: str = "") -> str | None:
    """The body a minister's or official's role speaks for.

    "Minister of State, Home Office" -> "Home Office"; "Secretary of State for Health and Social
    Care" -> "Department of Health and Social Care"; "Chancellor of the Exchequer" -> "HM Treasury";
    a minister with MS/AM, or "Welsh Government" in ``context`` -> "Welsh Government" (or the name the
    context gives it, "Welsh Assembly Government"); with MSP -> "Scottish Government"; with MLA ->
    the Northern Ireland department the role names, else "Northern Ireland Executive". None when
    the role names no body and nothing shows whose it is. Offices and portfolios are data
    (roles.json). ``context`` is best the letterhead and signature block, not the letter's body."""
    if not role or not role.strip():
        return None
    role = _norm(role)
    context = _norm(context or "")
    found = _office(role, context) or _portfolio(role)
    if found:
        return found
    nation = _devolved_by_role(role)
    if nation is None:
        named = _named_body(role) or _uk_minister(role)
        if named:
            return named
        nation = _devolved_by_context(role, context)
    if nation == "northern ireland":
        return _ni_department(role) or _roles()["governments"][nation]["default"]
    if nation:
        return _government_named(role, nation) or _government_named(context, nation) or \
            _roles()["governments"][nation]["default"]
    return _role_alias_body(role)
