"""The one record type: a Document with its Passages, shared by indexer, CLI and web page.

Its JSON form is the contract's (../shared/docs/contract.md); ``to_dict``/``from_dict``
live here and nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass, field, asdict
from typing import Any

DOC_TYPES = ("letter", "evidence", "response", "report", "minutes", "annex", "other")


@dataclass(frozen=True)
class Page:
    """One page of extracted text. ``number`` is the printed page number
    (e.g. the N of a "Pack Page N" footer) when there is one, else the physical page."""

    number: int
    text: str
    ocr: bool = False                    # read by OCR, not from a text layer
    ocr_confidence: float | None = None  # then Tesseract's mean word confidence, 0-100


@dataclass(frozen=True)
class Recommendation:
    number: int
    report: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "report": self.report}


@dataclass(frozen=True)
class Passage:
    """A paragraph-sized piece of a document, carrying where it sits."""

    doc_id: str
    ordinal: int
    text: str
    page: int | None = None
    recommendation: int | None = None
    ocr_confidence: float | None = None  # set when its page was read by OCR

    def to_dict(self) -> dict[str, Any]:
        d = {"doc_id": self.doc_id, "ordinal": self.ordinal, "text": self.text,
             "page": self.page, "recommendation": self.recommendation}
        if self.ocr_confidence is not None:
            d["ocr_confidence"] = self.ocr_confidence
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Passage":
        return cls(doc_id=d["doc_id"], ordinal=int(d["ordinal"]), text=d["text"],
                   page=d.get("page"), recommendation=d.get("recommendation"),
                   ocr_confidence=d.get("ocr_confidence"))


@dataclass(frozen=True)
class Document:
    id: str
    source: str
    text: str
    title: str = ""
    doc_type: str = "other"
    date: str | None = None  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY" | None
    author: str | None = None
    author_role: str | None = None
    organisation: str | None = None
    recipient: str | None = None
    recipient_org: str | None = None
    recommendations: tuple[Recommendation, ...] = ()
    paper_ref: str | None = None
    pages: tuple[int, int] | None = None  # first and last page
    duplicate_of: str | None = None
    ocr_pages: tuple[int, ...] = ()      # pages read by OCR (no usable text layer)
    ocr_confidence: float | None = None  # Tesseract's mean word confidence over those pages, 0-100
    attached_to: str | None = None       # the e-mail file this document came attached to
    restricted: bool = False  # received in confidence: clerks see it, members and the public never
    # what decided each tag: {"author": {"cue", "line"}, ..., "recommendations": [{"number", "cue", "line"}]};
    # a field left null has {"cue": None, "tried": [...]}
    evidence: dict = field(default_factory=dict, compare=False)
    # (page number, character offset in ``text`` where that page starts)
    page_starts: tuple[tuple[int, int], ...] = ()
    passages: tuple[Passage, ...] = field(default=(), compare=False)
    # where the same document also appears: [{"id", "source", "pages"}], filled by the store
    also_in: tuple[dict, ...] = field(default=(), compare=False)

    EVIDENCE_FIELDS = ("author", "organisation", "date", "recipient")

    def evidence_rows(self) -> list[dict[str, Any]]:
        """Each tag beside what decided it, for people to read: field, value, cue, line, tried."""
        rows = []
        for name in self.EVIDENCE_FIELDS:
            ev = self.evidence.get(name) or {}
            rows.append({"field": name, "value": getattr(self, name), "cue": ev.get("cue"),
                         "line": ev.get("line"), "tried": list(ev.get("tried") or [])})
        for ev in self.evidence.get("recommendations") or []:
            rows.append({"field": f"recommendation {ev.get('number')}", "value": ev.get("number"),
                         "cue": ev.get("cue"), "line": ev.get("line"), "tried": []})
        return rows

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def page_spans(self) -> list[tuple[int | None, int, int]]:
        """(page number, start, end) of each page's text, covering the whole text; text
        before the first page marker (or all of it, when there are none) has page None."""
        n = len(self.text)
        starts = [(page, min(max(at, 0), n)) for page, at in self.page_starts]
        if not starts or starts[0][1] > 0:
            starts.insert(0, (None, 0))
        ends = [at for _, at in starts[1:]] + [n]
        return [(page, at, end) for (page, at), end in zip(starts, ends)]

    def page_at(self, offset: int) -> int | None:
        """The page number of the character at ``offset`` in ``text``."""
        page = None
        for number, start in self.page_starts:
            if start > offset:
                break
            page = number
        return page

    def to_dict(self, include_text: bool = True, include_passages: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id, "source": self.source, "title": self.title,
            "doc_type": self.doc_type, "date": self.date,
            "author": self.author, "author_role": self.author_role,
            "organisation": self.organisation,
            "recipient": self.recipient, "recipient_org": self.recipient_org,
            "recommendations": [r.to_dict() for r in self.recommendations],
            "paper_ref": self.paper_ref,
            "pages": list(self.pages) if self.pages else None,
            "duplicate_of": self.duplicate_of,
            "restricted": self.restricted,
            "also_in": list(self.also_in),
            "ocr_pages": list(self.ocr_pages), "ocr_confidence": self.ocr_confidence,
            "attached_to": self.attached_to,
            "evidence": self.evidence,
        }
        if include_text:
            d["text"] = self.text
            d["page_starts"] = [list(p) for p in self.page_starts]
        if include_passages:
            d["passages"] = [p.to_dict() for p in self.passages]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        return cls(
            id=d["id"], source=d["source"], text=d.get("text", ""), title=d.get("title", ""),
            doc_type=d.get("doc_type", "other"), date=d.get("date"),
            author=d.get("author"), author_role=d.get("author_role"),
            organisation=d.get("organisation"),
            recipient=d.get("recipient"), recipient_org=d.get("recipient_org"),
            recommendations=tuple(Recommendation(int(r["number"]), r.get("report"))
                                  for r in d.get("recommendations", [])),
            paper_ref=d.get("paper_ref"),
            pages=tuple(d["pages"]) if d.get("pages") else None,
            duplicate_of=d.get("duplicate_of"),
            ocr_pages=tuple(int(n) for n in d.get("ocr_pages") or ()),
            ocr_confidence=d.get("ocr_confidence"), attached_to=d.get("attached_to"),
            restricted=bool(d.get("restricted", False)),
            evidence=d.get("evidence") or {},
            page_starts=tuple((int(a), int(b)) for a, b in d.get("page_starts", [])),
            passages=tuple(Passage.from_dict(p) for p in d.get("passages", [])),
            also_in=tuple(d.get("also_in", [])),
        )


@dataclass(frozen=True)
class Filters:
    """Search filters shared by `search` and `bodies`, CLI and web alike.

    Dates are already normalised by ``indexer.dates.parse_bound`` to inclusive
    "YYYY-MM-DD" bounds."""

    org: str | None = None        # canonical organisation name (resolve aliases first)
    author: str | None = None
    date_from: str | None = None  # inclusive, "YYYY-MM-DD"
    date_to: str | None = None    # inclusive, "YYYY-MM-DD"
    rec: int | None = None
    doc_type: str | None = None
    paper: str | None = None
    # who is looking, not what they typed: True leaves out restricted documents
    published_only: bool = False

    def is_empty(self) -> bool:
        """No filter typed (whoever is looking)."""
        return not any(v for k, v in asdict(self).items() if k != "published_only")


@dataclass(frozen=True)
class PassageHit:
    doc_id: str
    text: str
    highlight: str  # HTML-safe: escaped text with only <mark> added
    page: int | None
    recommendation: int | None
    score: float = 0.0
    ordinal: int | None = None  # the passage's place in its document: the page anchors #p-<ordinal>
    # the same passage in other documents (one circular sent to several people):
    # [{"doc_id", "page", "ordinal"}]; filled by `bodies`, which shows such a passage once
    also_in: tuple[dict, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = {"doc_id": self.doc_id, "text": self.text, "highlight": self.highlight,
             "page": self.page, "recommendation": self.recommendation, "ordinal": self.ordinal}
        if self.also_in:
            d["also_in"] = list(self.also_in)
        return d


@dataclass(frozen=True)
class SearchHit:
    doc: Document  # without passages; text may be empty
    score: float
    passages: tuple[PassageHit, ...]
    also_in: tuple[dict, ...] = ()  # other locations of the same document (duplicates)

    def to_dict(self) -> dict[str, Any]:
        d = self.doc
        return {"doc_id": d.id, "title": d.title, "organisation": d.organisation,
                "author": d.author, "date": d.date, "doc_type": d.doc_type,
                "paper_ref": d.paper_ref, "source": d.source, "pages": list(d.pages) if d.pages else None,
                "restricted": d.restricted, "score": round(self.score, 4),
                "passages": [p.to_dict() for p in self.passages],
                "also_in": list(self.also_in)}


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[SearchHit, ...]
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None  # "did you mean" when nothing matched
    # how a question was read (indexer.question.Reading); None when the input was a query
    interpreted: Any = None

    def to_dict(self) -> dict[str, Any]:
        d = {"query": self.query, "total": self.total,
             "hits": [h.to_dict() for h in self.hits], "facets": self.facets}
        if self.suggestion:
            d["suggestion"] = self.suggestion
        if self.interpreted is not None:
            d["interpreted"] = self.interpreted.to_dict()
        return d


@dataclass(frozen=True)
class Body:
    organisation: str
    documents: tuple[str, ...]
    first_date: str | None
    last_date: str | None
    passages: tuple[PassageHit, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"organisation": self.organisation, "documents": list(self.documents),
                "first_date": self.first_date, "last_date": self.last_date,
                "passages": [p.to_dict() for p in self.passages]}


@dataclass(frozen=True)
class BodiesResult:
    query: str
    bodies: tuple[Body, ...]
    suggestion: str | None = None
    interpreted: Any = None  # as on SearchResult

    def to_dict(self) -> dict[str, Any]:
        d = {"query": self.query, "bodies": [b.to_dict() for b in self.bodies]}
        if self.suggestion:
            d["suggestion"] = self.suggestion
        if self.interpreted is not None:
            d["interpreted"] = self.interpreted.to_dict()
        return d
