"""The question reader: a question in plain English as a query, filters and the kind of answer.

    read("Which bodies commented on targets or financial penalties?", lexicon)
      -> Reading(query='targets OR "financial penalties"', answer="bodies", filters=Filters())
    read("What did the WLGA write in November 2019?", lexicon)
      -> Reading(query="", answer="documents",
                 filters=Filters(org="Welsh Local Government Association",
                                 date_from="2019-11-01", date_to="2019-11-30"))

No I/O: what the reader needs to know of the index (does it hold "financial penalties"
as a phrase? how common is a word?) it asks a ``Lexicon`` that the caller passes in
(``indexer.store.Index.lexicon()``). Input written in query syntax (upper-case
AND/OR/NOT, ``field:value``, parentheses) is not read: it passes through as a query.

How a question is read, in order:
1. filters written as patterns come out first: a paper reference, "(in response to)
   recommendation 7", dates ("in November 2019", "since March 2020", "between 2018 and
   2019", "in 2019");
2. the frame: question words, "which bodies/organisations", "who" (an answer of bodies),
   "what did X say", "show me", "letters from X" (an answer of documents), reporting
   verbs (said, commented, raised, wrote about, referred to ...), a document type named
   in the frame ("letters", "evidence papers", "minutes"), and the sender: an
   organisation by any alias of the gazetteer, or a person's name, as the subject ("did
   the WLGA say", "from the WLGA", "Welsh Government letters");
3. what is left is the topic: split on the question's own "or", "and", "not"; in each
   part, runs of words the index holds as a phrase are kept together (the longest
   first), names of bodies stay whole, and the other words are joined with AND; words
   that carry no meaning here (the, of, impact, issue) are left out unless inside a phrase.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Protocol, Sequence

from . import gazetteer
from .dates import MONTHS, parse_bound
from .errors import UsageError
from .letter import PAPER_REF, paper_ref
from .model import Filters

BODIES, DOCUMENTS = "bodies", "documents"
MAX_PHRASE = 8


class Lexicon(Protocol):
    """What the reader asks of the index: the forms of a run of words it holds as a
    phrase (the words as written, or with the last word singular/plural), and how many
    passages hold a word or phrase."""

    def phrase_forms(self, words: Sequence[str]) -> list[tuple[str, ...]]: ...

    def frequency(self, words: Sequence[str]) -> int: ...


class NoLexicon:
    """A lexicon that knows no phrases: every word stands alone (for tests and tools)."""

    def phrase_forms(self, words: Sequence[str]) -> list[tuple[str, ...]]:
        return []

    def frequency(self, words: Sequence[str]) -> int:
        return 0


@dataclass(frozen=True)
class Concept:
    """One thing the topic asks for: a word, or a phrase with its held forms."""

    forms: tuple[str, ...]    # query text of each form: 'targets', '"financial penalties"'
    words: tuple[str, ...]    # the words as the index holds them (lower case)
    optional: bool = False    # context after a preposition ("in children's care"): ranks, never required

    def query(self) -> str:
        return self.forms[0] if len(self.forms) == 1 else "(" + " OR ".join(self.forms) + ")"


@dataclass(frozen=True)
class Topic:
    """Groups of concepts: every concept of a group (AND), any group (OR), none of ``excluded``."""

    groups: tuple[tuple[Concept, ...], ...] = ()
    excluded: tuple[Concept, ...] = ()

    def query(self) -> str:
        parts = []
        for g in self.groups:
            required = [c for c in g if not c.optional] or list(g)
            q = " AND ".join(c.query() for c in required)
            q += "".join(f" ANDMAYBE {c.query()}" for c in g if c not in required)
            parts.append(f"({q})" if len(g) > 1 and len(self.groups) > 1 else q)
        q = " OR ".join(parts)
        if len(self.groups) > 1 and self.excluded:
            q = f"({q})"
        return " ".join([q, *(f"NOT {c.query()}" for c in self.excluded)]).strip()

    def is_empty(self) -> bool:
        return not self.groups


@dataclass(frozen=True)
class Reading:
    """How a question was read. ``query`` is Whoosh syntax ("" when the question names
    no topic); ``answer`` is "bodies", "documents" or None when the question does not say.
    ``is_question`` is False for input written as a query, which passes through unread."""

    question: str
    query: str
    answer: str | None = None
    filters: Filters = Filters()
    is_question: bool = True
    notes: tuple[str, ...] = ()
    topic: Topic = field(default_factory=Topic, compare=False)

    def to_dict(self, answer: str | None = None) -> dict:
        f = self.filters
        return {"question": self.question, "query": self.query,
                "answer": answer or self.answer or DOCUMENTS,
                "filters": {"org": f.org, "author": f.author, "from": f.date_from, "to": f.date_to,
                            "rec": f.rec, "type": f.doc_type, "paper": f.paper},
                "notes": list(self.notes)}

    def with_filters(self, explicit: Filters) -> Filters:
        """The filters to search with: those given explicitly win over those read."""
        return Filters(**{k: getattr(explicit, k) if getattr(explicit, k) not in (None, "")
                          else getattr(self.filters, k) for k in Filters.__dataclass_fields__})


# --- the words of the frame ------------------------------------------------------------

STOP = set("""a an the of in on at to for from by with about into over under as is are was were be
been being this that these those it its their they them there here any some all each every
such what which who whom whose when where why how do does did done has have had having
can could would should will shall may might must me my we our us you your i he she his her
than then so too very just also more most much many other others up down out own same
both either neither whether if but nor per via vs etc re upon within without""".split())

# nouns that only carry meaning inside a phrase: "the impact of poverty" -> poverty
SOFT = set("""impact impacts effect effects role issue issues matter matters question questions
subject subjects topic topics importance use level levels number numbers amount amounts area
areas aspect aspects thing things way ways kind sort lot lots point points idea ideas view
views position positions opinion opinions stance thoughts comment comments concern concerns
information detail details anything something everything anyone someone anybody somebody
respect regard relation reference mention""".split())

QUESTION_WORDS = set("""which what who whom whose where when how did does do has have had is are was
were any all show me find list get give tell search look please can could you would i we want
need see know there anyone anybody someone somebody ever every""".split())

BODY_NOUNS = set("""bodies body organisations organisation organizations organization orgs groups group
stakeholders stakeholder charities charity councils council authorities witnesses respondents
contributors departments department ministries agencies companies businesses unions boards
committees commissioners regulators institutions""".split())

# reporting verbs, every form: they say how something was said, not what
VERBS = set("""say said says saying write wrote written writes writing comment commented comments
commenting raise raised raises raising mention mentioned mentions mentioning refer referred refers
referring talk talked talks talking speak spoke spoken speaks discuss discussed discusses discussing
note noted highlight highlighted highlights highlighting express expressed expresses cite cited
cites argue argued argues call called calls ask asked asks respond responded responds reply replied
replies state stated states suggest suggested suggests propose proposed proposes warn warned warns
criticise criticised criticize criticized flag flagged flags describe described describes submit
submitted submits send sent sends give gave given gives make made makes provide provided provides
share shared touch touched cover covered covers deal dealt complain complained question questioned
challenge challenged address addressed addresses welcome welcomed welcomes support supported
supports oppose opposed opposes think thought feel felt believe believed want wants wanted sign signed signs""".split())

PARTICLES = {"about", "on", "upon", "regarding", "concerning", "over", "to", "for", "with", "of",
             "around", "re", "towards", "toward", "into"}

# a document type named in the frame -> the index's doc_type
TYPE_WORDS = {"letter": "letter", "letters": "letter", "correspondence": "letter",
              "evidence": "evidence", "submission": "evidence", "submissions": "evidence",
              "minutes": "minutes", "response": "response", "responses": "response",
              "report": "report", "reports": "report", "annex": "annex", "annexes": "annex",
              "annexe": "annex"}
TYPE_TAILS = {"paper", "papers"}          # "evidence papers", "evidence paper"
DOC_NOUNS = {"documents", "document", "papers", "paper", "files", "file", "items"}

RECIPIENTS = {"committee", "committees", "chair", "chairs", "chairman", "chairwoman", "minister",
              "ministers", "secretary", "clerk", "clerks", "members", "member", "senedd", "assembly",
              "government"}
# words that make a capitalised name an organisation rather than a person
ORG_WORDS = set("""commission commissioner committee council government association board trust office
network group service services authority department ministry university college society
federation union partnership nhs health care inspectorate agency alliance forum foundation
institute unit panel cymru wales""".split())

# a preposition after the topic's first concept starts its context: "profit in children's care"
QUALIFIERS = {"in", "for", "within", "among", "amongst", "across", "at", "by", "under", "with", "from",
              "on", "to", "into", "during", "around", "throughout", "between", "through", "towards"}
OR_WORDS = {"or"}
AND_WORDS = {"and", "plus"}
NOT_WORDS = {"not", "except", "excluding", "without"}

_MONTH = "|".join(MONTHS + [m[:3] for m in MONTHS] + ["sept"])
_DAY_MONTH_YEAR = (r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:" + _MONTH + r")\.?,?\s+(?:19|20)\d{2}"
                   r"|(?:19|20)\d{2}-\d{2}(?:-\d{2})?|(?:19|20)\d{2}")
_D = r"(" + _DAY_MONTH_YEAR + r")"
_FY = re.compile(r"(?i)\b(?:in\s+|during\s+|for\s+)?((?:19|20)\d{2})[/-](\d{2})\b(?!-)")
_DATE_PATTERNS = [  # (pattern, what the first and second dates bound)
    (re.compile(r"(?i)\b(?:between|from)\s+" + _D + r"\s+(?:and|to|until|till|-)\s+" + _D + r"\b"), "range"),
    (re.compile(r"(?i)\b(?:since|from|on\s+or\s+after)\s+" + _D + r"\b"), "since"),
    (re.compile(r"(?i)\bafter\s+" + _D + r"\b"), "after"),
    (re.compile(r"(?i)\b(?:before|prior\s+to)\s+" + _D + r"\b"), "before"),
    (re.compile(r"(?i)\b(?:until|till|up\s+to|by|on\s+or\s+before)\s+" + _D + r"\b"), "until"),
    (re.compile(r"(?i)\b(?:(?:in|during|of|on|dated|for)\s+)?" + _D + r"\b"), "in"),
]
_REC = re.compile(
    r"(?i)\b(?:(?:in\s+)?(?:response|responses|reply|replies)\s+to\s+|(?:responding|replying|responds?|"
    r"replies|answering|answers?|answered)\s+(?:to\s+)?|on\s+|about\s+|under\s+|for\s+|to\s+)?"
    r"(?:the\s+)?(?:recommendations?|recs?\.?)\s*(?:no\.?\s*|number\s+)?(\d{1,3})\b"
    r"((?:\s*(?:,|and|or|&)\s*\d{1,3}\b)*)")
_PAPER = re.compile(r"(?i)\b(?:(?:in|for|under|on)\s+)?(?:the\s+)?(?:paper\s+)?(?=[A-Z]{2,8}\s*\(\d\))")
_QUERY_SYNTAX = re.compile(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b|(?<![\w.])[A-Za-z_]\w*:(?=\S)")
_QUERY_MARKS = re.compile(r'[()*"]')
_TOKEN = re.compile(r'"[^"]*"|\w+(?:[-\'.]\w+)*\*?|[,;]|\S')
_INDEX_WORD = re.compile(r"\w+(?:\.?\w+)*")


@dataclass
class _Tok:
    text: str                 # as typed
    start: int
    end: int
    kind: str = "word"        # word | quoted | sep
    used: bool = False        # taken by the frame or a filter

    @property
    def low(self) -> str:
        return self.text.lower()


def uses_query_syntax(text: str) -> bool:
    """Upper-case AND/OR/NOT or ``field:value`` anywhere, or quotes, parentheses or
    wildcards in text that does not look like a question: a query, not a question."""
    bare = PAPER_REF.sub(" ", re.sub(r'"[^"]*"', " ", text))
    return bool(_QUERY_SYNTAX.search(bare)) or (bool(_QUERY_MARKS.search(PAPER_REF.sub(" ", text)))
                                                and not _looks_like_question(text))


def _looks_like_question(text: str) -> bool:
    first = (text.strip().split() or [""])[0].lower()
    return text.rstrip().endswith("?") or first in QUESTION_WORDS or first in TYPE_WORDS or first in DOC_NOUNS


def read(text: str, lexicon: Lexicon | None = None) -> Reading:
    """``text`` as a question; input in query syntax passes through as the query itself."""
    lexicon = lexicon or NoLexicon()
    typed = text.strip()
    clean = typed.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    if not clean or uses_query_syntax(clean):
        return Reading(question=typed, query=typed, is_question=False)
    if clean.count('"') % 2:
        clean = clean.replace('"', " ")
    return _Reader(clean, lexicon).read(typed)


class _Reader:
    def __init__(self, text: str, lexicon: Lexicon):
        self.text = re.sub(r"[?!.]+\s*$", "", text)
        self.lexicon = lexicon
        self.filters: dict = {}
        self.answer: str | None = None
        self.notes: list[str] = []

    def read(self, typed: str) -> Reading:
        masked = self._pattern_filters()
        toks = [_Tok(m.group(), m.start(), m.end(),
                     "quoted" if m.group().startswith('"') else "sep" if not re.match(r"\w", m.group()) else "word")
                for m in _TOKEN.finditer(masked)]
        toks = [t for t in toks if t.kind != "sep" or t.text in ",;\x00"]
        self._frame(toks)
        topic = self._topic(toks)
        filters = Filters(org=self.filters.get("org"), author=self.filters.get("author"),
                          date_from=self.filters.get("from"), date_to=self.filters.get("to"),
                          rec=self.filters.get("rec"), doc_type=self.filters.get("type"),
                          paper=self.filters.get("paper"))
        query = topic.query()
        if self.answer is None and _looks_like_question(typed):
            self.notes.append("the question's form was not recognised: searching its words")
        reading = Reading(question=typed, query=query, answer=self.answer, filters=filters,
                          notes=tuple(self.notes), topic=topic)
        if query == typed and filters.is_empty() and self.answer is None:
            return replace(reading, is_question=False, notes=())
        return reading

    # --- filters written as patterns -----------------------------------------------------

    def _pattern_filters(self) -> str:
        """Take paper references, recommendations and dates out of the text (each span
        becomes a separator, so no phrase is made across it)."""
        text = self.text
        out = list(text)

        def cut(s: int, e: int) -> None:
            out[s:e] = ["\x00"] + [" "] * (e - s - 1)

        for m in PAPER_REF.finditer(text):
            self.filters.setdefault("paper", paper_ref(m.group()))
            lead = _PAPER.search(text, max(0, m.start() - 20), m.start() + 1)
            cut(lead.start() if lead and lead.end() == m.start() else m.start(), m.end())
        masked = "".join(out)
        for m in _REC.finditer(masked):
            if "rec" in self.filters:
                continue
            self.filters["rec"] = int(m.group(1))
            more = re.findall(r"\d+", m.group(2) or "")
            if more:
                self.notes.append(f"evidex filters on one recommendation at a time: {m.group(1)}")
            cut(*m.span())
        masked = "".join(out)
        m = _FY.search(masked)
        if m and not re.fullmatch(r"(0[1-9]|1[0-2])", m.group(2)) or (m and masked[m.end(2):m.end(2) + 1] == "/"):
            y1 = int(m.group(1))
            y2 = y1 // 100 * 100 + int(m.group(2))
            if y2 >= y1:
                self._set_dates(f"{y1}", f"{y2}")
                cut(*m.span())
        masked = "".join(out)
        for pattern, how in _DATE_PATTERNS:
            if "from" in self.filters or "to" in self.filters:
                break
            m = next((m for m in pattern.finditer(masked) if not _year_of_a_name(masked, m)), None)
            if not m:
                continue
            try:
                self._date_filter(how, m.groups())
            except UsageError:
                continue
            cut(*m.span())
            masked = "".join(out)
        return "".join(out)

    def _date_filter(self, how: str, groups: tuple) -> None:
        first = groups[0]
        if how == "range":
            self._set_dates(first, groups[1])
        elif how == "since":
            self.filters["from"] = parse_bound(first)
        elif how == "after":
            self.filters["from"] = _shift(parse_bound(first, end=True), 1)
        elif how == "before":
            self.filters["to"] = _shift(parse_bound(first), -1)
        elif how == "until":
            self.filters["to"] = parse_bound(first, end=True)
        else:
            self._set_dates(first, first)

    def _set_dates(self, start: str, end: str) -> None:
        lo, hi = parse_bound(start), parse_bound(end, end=True)
        if lo > hi:
            lo, hi = parse_bound(end), parse_bound(start, end=True)
        self.filters["from"], self.filters["to"] = lo, hi

    # --- the frame ---------------------------------------------------------------------------

    def _frame(self, toks: list[_Tok]) -> None:
        """Mark the frame's words used; set the answer kind, type and sender filters."""
        words = [t for t in toks if t.kind == "word"]
        orgs = _org_spans(self.text, toks)
        i = 0
        aux = False
        # leading question words, body nouns, document types
        while i < len(toks):
            t = toks[i]
            low = t.low
            if t.kind == "sep":
                i += 1
                continue
            if t.kind != "word":
                break
            if low in ("who", "whom"):
                self.answer = self.answer or BODIES
            elif low in ("anyone", "anybody", "someone", "somebody"):
                self.answer = BODIES
            elif low in BODY_NOUNS and i > 0 and self.answer is None:
                self.answer = BODIES
            elif low in BODY_NOUNS and i == 0:
                self.answer = BODIES
            elif low in ("show", "find", "list", "get", "give", "search", "look"):
                self.answer = self.answer or DOCUMENTS
            elif low in ("did", "does", "do", "has", "have", "had"):
                aux = True
                self.answer = self.answer or DOCUMENTS
            elif self._type_at(toks, i):
                self.answer = self.answer or DOCUMENTS
                i = self._type_at(toks, i)
                continue
            elif low in DOC_NOUNS:
                self.answer = self.answer or DOCUMENTS
            elif low not in QUESTION_WORDS and low not in ("the", "a", "an", "that", "which", "for",
                                                         "of", "me", "us", "all", "any"):
                break
            t.used = True
            i += 1
        # the subject of "did X say", "has X written"
        if aux:
            j = i
            while j < len(toks) and not (toks[j].kind == "word" and toks[j].low in VERBS):
                j += 1
            if j < len(toks) and j - i <= 12:
                if any(t.low in ("anyone", "anybody", "someone", "somebody", "any", "organisations",
                                 "bodies", "organisation", "body") for t in toks[i:j]):
                    self.answer = BODIES
                self._sender(toks, i, j, orgs)
                for t in toks[i:j]:
                    t.used = True
        # "<org>'s letters", "WLGA letters", "from/by <sender>", reporting verbs, recipients
        self._senders_elsewhere(toks, orgs)
        self._verbs(toks)
        self._types_elsewhere(toks)
        if self.answer is None and words and words[0].low == "what":
            self.answer = DOCUMENTS

    def _type_at(self, toks: list[_Tok], i: int) -> int:
        """The index after a document type named at ``toks[i]`` (0 when there is none);
        records the type filter."""
        t = toks[i]
        if t.kind != "word" or t.low not in TYPE_WORDS:
            return 0
        j = i + 1
        if j < len(toks) and toks[j].kind == "word" and toks[j].low in TYPE_TAILS:
            j += 1
        elif t.low == "evidence" and not self._evidence_is_type(toks, i):
            return 0
        self.filters.setdefault("type", TYPE_WORDS[t.low])
        for k in range(i, j):
            toks[k].used = True
        return j

    @staticmethod
    def _evidence_is_type(toks: list[_Tok], i: int) -> bool:
        """"evidence" names the type in "evidence from X", "which evidence mentions", not in
        "gave evidence on"."""
        prev = toks[i - 1].low if i else ""
        return prev not in VERBS and prev not in ("their", "its", "oral", "gave", "give")

    def _sender(self, toks: list[_Tok], i: int, j: int, orgs: dict[int, tuple[int, str]]) -> bool:
        """Record the sender named by toks[i:j] (an organisation or a person)."""
        span = [t for t in toks[i:j] if t.kind == "word"]
        if not span:
            return False
        k = i
        while k < j and toks[k].low in ("the", "a", "an"):
            k += 1
        if k in orgs and orgs[k][0] >= j - 1:
            self.filters.setdefault("org", orgs[k][1])
            return True
        name = [t for t in toks[k:j] if t.kind == "word"]
        if not name or not all(t.text[:1].isupper() for t in name) or len(name) > 6:
            return False
        if any(t.low in ORG_WORDS for t in name):
            self.filters.setdefault("org", gazetteer.resolve_filter(" ".join(t.text for t in name)))
        else:
            self.filters.setdefault("author", " ".join(t.text for t in name))
        return True

    def _senders_elsewhere(self, toks: list[_Tok], orgs: dict[int, tuple[int, str]]) -> None:
        n = len(toks)
        for i, t in enumerate(toks):
            if t.used or t.kind != "word":
                continue
            if t.low in ("from", "by") and i + 1 < n:
                if t.low == "by" and not (i and (toks[i - 1].low in ("written", "signed", "sent", "submitted")
                                                 or toks[i - 1].low in TYPE_WORDS or toks[i - 1].low in DOC_NOUNS
                                                 or toks[i - 1].low in TYPE_TAILS)):
                    continue
                j = self._name_end(toks, i + 1, orgs)
                if j > i + 1 and self._sender(toks, i + 1, j, orgs):
                    for x in toks[i:j]:
                        x.used = True
            elif i in orgs:
                end, canon = orgs[i]
                nxt = toks[end + 1] if end + 1 < n else None
                possessive = toks[end].low.endswith("'s") or (nxt is not None and nxt.text == "'s")
                if nxt is not None and (nxt.low in TYPE_WORDS or nxt.low in DOC_NOUNS
                                        or (possessive and nxt.low in SOFT | TYPE_WORDS | DOC_NOUNS)):
                    self.filters.setdefault("org", canon)
                    for x in toks[i:end + 1]:
                        x.used = True
                    if self._type_at(toks, end + 1):
                        self.answer = self.answer or DOCUMENTS
                    start = i - 1
                    if start >= 0 and toks[start].low in ("the",):
                        toks[start].used = True

    @staticmethod
    def _name_end(toks: list[_Tok], i: int, orgs: dict[int, tuple[int, str]]) -> int:
        """The end of the organisation or name that starts at toks[i] (after "the")."""
        k = i
        while k < len(toks) and toks[k].low in ("the", "a", "an"):
            k += 1
        if k in orgs:
            return orgs[k][0] + 1
        j = k
        while j < len(toks) and toks[j].kind == "word" and toks[j].text[:1].isupper() and j - k < 6:
            j += 1
        return j if j > k else i

    def _verbs(self, toks: list[_Tok]) -> None:
        """The question's reporting verb (its first) and the particle after it, and any verbs
        chained to it ("commented on, written about or referred to"); "wrote to the Committee"
        drops the recipient; "concerns about", "views on" and the like go with the frame.
        A reporting verb later in the topic is a topic word ("commented on support for ...")."""
        n = len(toks)
        i = next((k for k, t in enumerate(toks) if not t.used and t.kind == "word" and t.low in VERBS
                  and self._verb_here(toks, k)), None)
        while i is not None:
            j = self._take_verb(toks, i)
            k = j
            while k < n and ((toks[k].kind == "sep" and toks[k].text == ",") or toks[k].low in OR_WORDS | AND_WORDS):
                k += 1
            if k < n and k > j and toks[k].kind == "word" and toks[k].low in VERBS and not toks[k].used:
                for x in toks[j:k]:
                    x.used = True
                i = k
            else:
                i = None

    def _take_verb(self, toks: list[_Tok], i: int) -> int:
        """Mark the verb at ``i`` and what goes with it used; the index after them."""
        n = len(toks)
        t = toks[i]
        t.used = True
        j = i + 1
        while j < n and toks[j].kind == "word" and toks[j].low in ("any", "their", "its", "some", "concerns",
                                                               "concern", "views", "comments", "evidence",
                                                               "anything", "something", "the"):
            if toks[j].low == "the" and not (j + 1 < n and toks[j + 1].low in SOFT):
                break
            toks[j].used = True
            j += 1
        if j < n and toks[j].kind == "word" and toks[j].low in PARTICLES:
            if toks[j].low == "to" and t.low in ("write", "wrote", "written", "writes", "writing", "sent",
                                                 "send", "sends", "submitted", "submit", "addressed",
                                                 "given", "gave", "give", "made", "provided"):
                k = self._recipient_end(toks, j + 1)
                if k > j + 1:
                    for x in toks[j:k]:
                        x.used = True
                    j = k
                    if j < n and toks[j].kind == "word" and toks[j].low in PARTICLES:
                        toks[j].used = True
                        j += 1
                    return j
            toks[j].used = True
            j += 1
        return j

    @staticmethod
    def _verb_here(toks: list[_Tok], i: int) -> bool:
        """A reporting verb used as a verb: not inside a phrase like "the Housing Support Grant"
        (capitalised inside a name) and not a noun after "the"/"a"."""
        t = toks[i]
        prev = toks[i - 1] if i else None
        if t.text[:1].isupper() and i > 0 and prev is not None and prev.text[:1].isupper() and not prev.used:
            return False
        if prev is not None and prev.low in ("the", "a", "an", "this", "that", "their", "its") and not prev.used:
            return t.low in ("said",)
        return True

    def _recipient_end(self, toks: list[_Tok], i: int) -> int:
        k = i
        while k < len(toks) and toks[k].low in ("the", "a", "an", "its", "their"):
            k += 1
        j = k
        while j < len(toks) and toks[j].kind == "word" and (toks[j].text[:1].isupper() or toks[j].low in RECIPIENTS
                                                            or toks[j].low in ("of", "for", "and")):
            j += 1
        while j > k and toks[j - 1].low in ("of", "for", "and"):
            j -= 1
        if j > k and any(toks[x].low in RECIPIENTS or toks[x].text[:1].isupper() for x in range(k, j)):
            return j
        return i

    def _types_elsewhere(self, toks: list[_Tok]) -> None:
        """"in the minutes", "in letters": a type; "in their letters/evidence": neither topic nor type."""
        for i, t in enumerate(toks):
            if t.used or t.kind != "word" or t.low not in TYPE_WORDS and t.low not in DOC_NOUNS:
                continue
            prev = toks[i - 1] if i else None
            prev2 = toks[i - 2] if i > 1 else None
            if prev is not None and prev.low in ("their", "its", "his", "her", "our", "your"):
                if prev2 is not None and prev2.low == "in":
                    for x in (prev2, prev, t):
                        x.used = True
                continue
            if prev is not None and (prev.low == "in" or (prev.low == "the" and prev2 is not None and prev2.low == "in")):
                if t.low in TYPE_WORDS:
                    self.filters.setdefault("type", TYPE_WORDS[t.low])
                for x in toks[max(0, i - 2 if prev.low == "the" else i - 1):i + 1]:
                    x.used = True
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                if nxt is not None and nxt.low in TYPE_TAILS:
                    nxt.used = True

    # --- the topic -------------------------------------------------------------------------

    def _topic(self, toks: list[_Tok]) -> Topic:
        """The unused tokens as groups of concepts, split on or/and/not."""
        rest = [t for t in toks if not t.used]
        orgs = _org_spans(self.text, rest)
        # clauses: runs of tokens between connectives, each with the connective before it
        clauses: list[tuple[str, list[_Tok]]] = []
        op, cur = "and", []
        i = 0
        while i < len(rest):
            t = rest[i]
            if i in orgs:  # a body's name stays whole, an "and" inside it included
                end = orgs[i][0]
                cur.append(_Tok(self.text[t.start:rest[end].end], t.start, rest[end].end, "name"))
                i = end + 1
                continue
            low = t.low if t.kind == "word" else ""
            if low in OR_WORDS | AND_WORDS | NOT_WORDS | {"but"} and not self._joins_phrase(rest, i):
                clauses.append((op, cur))
                op = "or" if low in OR_WORDS else "not" if low in NOT_WORDS else "and"
                cur = []
            else:
                cur.append(t)
            i += 1
        clauses.append((op, cur))
        # "A or B and C" is A OR (B AND C); a comma list takes the connective after it
        groups: list[list[Concept]] = []
        excluded: list[Concept] = []
        for n, (op, clause) in enumerate(clauses):
            pieces = _split_commas(clause)
            later = next((o for o, c in clauses[n + 1:] if c), op)
            for k, piece in enumerate(pieces):
                concepts = self._concepts(piece)
                if not concepts:
                    continue
                how = op if k == 0 else ("or" if later == "or" else "and")
                if how == "not":
                    excluded.extend(concepts)
                elif how == "or" or not groups:
                    groups.append(concepts)
                else:
                    groups[-1].extend(concepts)
        return Topic(tuple(tuple(g) for g in groups), tuple(excluded))

    def _joins_phrase(self, rest: list[_Tok], i: int) -> bool:
        """An "and" inside a run the index holds as a phrase ("health and social care")."""
        if rest[i].low not in AND_WORDS or i == 0 or i + 1 >= len(rest):
            return False
        for left in range(max(0, i - 3), i):
            for right in range(min(len(rest), i + 4), i + 1, -1):
                span = rest[left:right]
                if all(t.kind == "word" for t in span) and span[0].low not in STOP and span[-1].low not in STOP:
                    if self.lexicon.phrase_forms(_index_words(" ".join(t.text for t in span))):
                        return True
        return False

    def _concepts(self, toks: list[_Tok]) -> list[Concept]:
        """Words of one clause as concepts: quoted phrases and names as typed, the longest
        runs the index holds as phrases, then single words that carry meaning."""
        out: list[Concept] = []
        run: list[_Tok] = []
        self._qualifying = False

        def flush() -> None:
            out.extend(self._chunk(run, bool(out)))
            run.clear()

        for t in toks:
            if t.kind == "quoted":
                flush()
                words = _index_words(t.text.strip('"'))
                if words:
                    out.append(Concept(('"' + t.text.strip('"').strip() + '"',) if len(words) > 1 else (words[0],),
                                       tuple(words), optional=self._qualifying and bool(out)))
            elif t.kind == "name":
                flush()
                words = _index_words(t.text)
                text = " ".join(t.text.replace(",", " ").split())
                out.append(Concept((f'"{text}"',) if len(words) > 1 else (text,), tuple(words),
                                   optional=self._qualifying and bool(out)))
            elif t.kind == "sep":
                flush()
            else:
                run.append(t)
        flush()
        return out

    def _chunk(self, run: list[_Tok], after: bool = False) -> list[Concept]:
        """Greedy, leftmost-longest: a run of 2+ words the index holds as a phrase (starting
        and ending with a word that carries meaning), else a single meaningful word. Once a
        concept is found (here, or ``after`` one earlier in the clause), a preposition makes
        the concepts after it optional context."""
        # hyphenated words are split into their parts, which stay adjacent
        parts: list[str] = []
        for t in run:
            parts.extend(p for p in re.split(r"-", t.text) if p)
        out: list[Concept] = []
        i = 0
        while i < len(parts):
            w = parts[i]
            if _plain(w) in STOP:
                if _plain(w) in QUALIFIERS and (out or after):
                    self._qualifying = True
                i += 1
                continue
            optional = self._qualifying and bool(out or after)
            if w.endswith("*"):  # a word's start, as typed: a prefix, never part of a phrase
                out.append(Concept((w,), (w.lower(),), optional))
                i += 1
                continue
            found = None
            for j in range(min(len(parts), i + MAX_PHRASE), i + 1, -1):
                if _plain(parts[j - 1]) in STOP or any(p.endswith("*") for p in parts[i:j]):
                    continue
                words = _index_words(" ".join(parts[i:j]))
                forms = self.lexicon.phrase_forms(words)
                if forms:
                    found = (j, forms)
                    break
            if found:
                j, forms = found
                typed = " ".join(parts[i:j])
                shown = ['"' + (typed if tuple(f) == tuple(_index_words(typed)) else " ".join(f)) + '"'
                         for f in forms]
                out.append(Concept(tuple(shown), tuple(forms[0]), optional))
                i = j
                continue
            word = _plain(w)
            if re.fullmatch(r"\w+", word) and word not in SOFT:
                out.append(Concept((_term(w),), (word,), optional))
            i += 1
        return out


def _plain(word: str) -> str:
    """A word as the index holds it on its own: lower case, without a possessive 's."""
    w = word.lower()
    return w[:-2] if w.endswith("'s") else w.rstrip("'")


def _term(word: str) -> str:
    w = word[:-2] if word.lower().endswith("'s") else word.rstrip("'")
    return w if re.fullmatch(r"\w+", w) else _plain(w)


def _index_words(text: str) -> list[str]:
    """``text`` split into words as the index splits them (lower case)."""
    return [w.lower() for w in _INDEX_WORD.findall(text)]


def _split_commas(clause: list[_Tok]) -> list[list[_Tok]]:
    out: list[list[_Tok]] = [[]]
    for t in clause:
        if t.kind == "sep" and t.text in ",;":
            out.append([])
        else:
            out[-1].append(t)
    return [p for p in out if p]


def _org_spans(text: str, toks: list[_Tok]) -> dict[int, tuple[int, str]]:
    """Where the gazetteer names a body in ``toks``: start index -> (last index, canonical
    name), longest first. Short upper-case acronyms (WG, MAG) count only in upper case."""
    out: dict[int, tuple[int, str]] = {}
    i = 0
    while i < len(toks):
        hit = None
        if toks[i].kind == "word" and toks[i].low not in STOP:
            for j in range(min(len(toks), i + 12), i, -1):
                if toks[j - 1].kind != "word":
                    continue
                if any(t.kind not in ("word", "sep") or (t.kind == "sep" and t.text != ",") for t in toks[i:j]):
                    continue
                name = text[toks[i].start:toks[j - 1].end]
                canon = gazetteer.canonical(name) or gazetteer.canonical(name.replace(",", ""))
                if not canon and name.lower().endswith("'s"):
                    canon = gazetteer.canonical(name[:-2])
                if canon:
                    if j - i == 1 and len(name) <= 5 and not name.isupper():
                        continue
                    hit = (j - 1, canon)
                    break
        if hit:
            out[i] = hit
            i = hit[0] + 1
        else:
            i += 1
    return out


def _year_of_a_name(text: str, m: re.Match) -> bool:
    """A bare year that belongs to a name, not a date: "the Public Audit (Wales) Act 2013",
    "the 2016 Act", "Budget 2020"."""
    if not re.fullmatch(r"(?:19|20)\d{2}", m.group(0).strip()):
        return False
    before = re.findall(r"[\w']+|[()]", text[:m.start()])
    after = re.match(r"\s*([\w']+)", text[m.end():])
    prev = before[-1] if before else ""
    return (prev.lower() in ("the", "a", "an", "its", "their", ")") or prev == ")"
            or (prev[:1].isupper() and len(before) > 1) or bool(after and after.group(1)[:1].isupper()))


def _shift(iso_day: str, days: int) -> str:
    return (date.fromisoformat(iso_day) + timedelta(days=days)).isoformat()


# --- when a reading finds nothing ----------------------------------------------------------

def loosen(reading: Reading, lexicon: Lexicon) -> Reading | None:
    """A looser reading when no passage has every concept of a one-group topic: the concept
    the fewest passages hold stays, the most common is left out (None when nothing is left
    to drop). The reading says what was dropped."""
    t = reading.topic
    if len(t.groups) != 1:
        return None
    group = [c for c in t.groups[0] if not c.optional]
    if len(group) < 2:
        return None
    freq = {c: lexicon.frequency(c.words) for c in group}
    known = [c for c in group if freq[c]]
    drop = next((c for c in group if not freq[c]), None) or max(known, key=lambda c: (freq[c], group.index(c)))
    kept = tuple(c for c in t.groups[0] if c is not drop)
    topic = Topic((kept,), t.excluded)
    note = f"no passage has all of its words: left out {drop.query()}"
    return replace(reading, query=topic.query(), topic=topic, notes=reading.notes + (note,))


def describe(reading: Reading, answer: str | None = None) -> str:
    """One line saying how a question was read, for the table output."""
    kind = answer or reading.answer or DOCUMENTS
    head = ("Bodies that mention" if kind == BODIES else "Documents that mention") if reading.query else (
        "Bodies" if kind == BODIES else "Documents")
    parts = [f"{head}: {reading.query}" if reading.query else head]
    parts += [f"{label}: {value}" for label, value in filter_parts(reading.filters)]
    line = " · ".join(parts)
    if reading.notes:
        line += " (" + "; ".join(reading.notes) + ")"
    return line


def filter_parts(filters: Filters) -> list[tuple[str, str]]:
    """(label, value) of each filter set, in a fixed order; a date range is one part."""
    f = filters
    out = [(label, str(v)) for label, v in (("organisation", f.org), ("author", f.author)) if v]
    if f.date_from and f.date_to:
        out.append(("dated", f"{f.date_from} to {f.date_to}"))
    elif f.date_from:
        out.append(("dated", f"from {f.date_from}"))
    elif f.date_to:
        out.append(("dated", f"up to {f.date_to}"))
    out += [(label, str(v)) for label, v in (("recommendation", f.rec), ("type", f.doc_type),
                                             ("paper", f.paper)) if v not in (None, "")]
    return out
