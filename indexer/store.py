"""The store: the one module (with its ``store_*`` helpers) that knows Whoosh.

One Whoosh index holds three kinds of record, told apart by ``kind``:

- ``doc``: a Document (its metadata JSON in ``data``, its text compressed in
  ``text``); only the words none of its passages hold are indexed on it;
- ``passage``: one Passage: its text, its document's id and source (a query's
  metadata terms match on the document record and cover its passages);
- ``file``: what the last run did with a source file (a FileRecord).

Each word of a text is indexed once, in ``exact`` (with positions): stemmed
matches and whole-document matches are computed from those postings at query
time (``store_score``), rather than indexing the text four times (exact and
stemmed, passage and document) as before.

Search ranks *documents* (collapsing duplicates) and then picks each shown
document's best passages; `bodies` works on *passages* and groups them by
organisation.
"""
from __future__ import annotations

import json
import re
import threading
import time
from collections import OrderedDict, defaultdict
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from itertools import accumulate
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import numpy as np
from whoosh import index as windex
from whoosh import query as wq
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.index import LockError

from . import dedupe, gazetteer
from .dates import date_span, parse_bound
from .errors import IndexLockedError, IndexMissingError, QueryError
from .highlight import WORD, highlight
from .model import (Body, BodiesResult, Document, Filters, Passage, PassageHit, SearchHit,
                    SearchResult)
from .limits import MAX_READ_BODIES
from .store_limits import check_cost
from .store_query import ParsedQuery, QueryBuilder, date_number, normalise_paper, stem, word_forms
from .store_score import Hits, Scorer
from .store_merge import BackgroundMerge
from .store_write import (Analysed, CompactPositions, PreAnalysedText, TermTable, Writer,
                          choose_merge, tiered_merge, writer_options)

PASSAGES_PER_HIT = 3
# what an empty query marks in a passage: nothing
_NOTHING = ParsedQuery(text="", query=wq.NullQuery)
PASSAGES_PER_BODY = 5
# passages read per organisation at most while picking its best (and their copies)
CANDIDATES_PER_BODY = 200
# "did you mean" respells words up to this long: the corrector's cost grows with the word
SUGGEST_MAX_WORD = 24
# ... keeping their first letter (as most misspellings do): the corrector then reads only the
# words beginning with it, not the whole vocabulary (a query with no hits: 60-88 ms -> 2 ms
# at 125,000 passages; "advocasy", respelt and answered: 13 ms)
SUGGEST_PREFIX = 1
# fields whose terms each segment also writes as a TermTable: the duplicate bands, which
# every writing run looks up for each new document
TABLE_FIELDS = ("lsh",)
INDEX_NAME = "evidex"
# filter masks a searcher generation keeps (a filter set is shared by every page of a search)
_MASKS_CACHED = 64
# passage records' stored values a generation keeps (the passages searches show)
_PASSAGES_CACHED = 50_000
# documents' passage texts a generation keeps (read with the passages searches show)
_TEXTS_CACHED = 2_000


@dataclass(frozen=True)
class FileRecord:
    """What the index knows about one source file."""

    source: str
    content_hash: str
    status: str            # "ok" | "failed"
    n_docs: int
    indexed_at: str        # ISO 8601, UTC
    reason: str | None = None
    detail: str | None = None
    restricted: bool = False   # its documents were received in confidence


def _words():
    return RegexTokenizer(WORD.pattern) | LowercaseFilter()


def _schema() -> Schema:
    words = _words()
    return Schema(
        key=ID(unique=True),
        kind=ID,
        source=ID,
        doc_id=ID(sortable=True),
        dup_of=ID,
        # metadata for ``field:value`` in queries, on documents and passages alike
        org_key=ID,                    # folded canonical organisation name
        org=TEXT(analyzer=words),      # its words, for org:welsh
        author=TEXT(analyzer=words),
        type=ID,
        year=ID,
        paper=ID,
        rec=KEYWORD,
        title=TEXT(analyzer=words),
        # a passage's words; on a document record the words its passages do not hold
        exact=PreAnalysedText(analyzer=words, phrase=True),
        lsh=KEYWORD,
        # small JSON a searcher generation reads for every document (DocInfo): a column,
        # so reading it does not load each document's stored text
        meta=COLUMN(VarBytesColumn()),
        data=STORED,                   # doc: metadata JSON; passage: (ordinal, page, rec, text); file: JSON
        text=STORED,                   # doc: JSON of its text and page starts
        # doc: its passages' texts, in order. Kept beside its text, where they compress to
        # little (they repeat it), rather than each on its passage record
        ptexts=STORED,
    )


def _current(schema: Schema) -> bool:
    """Whether an index's schema is this version's (else it must be rebuilt)."""
    return ("text" in schema and "meta" in schema and schema["meta"].column_type is not None
            and "dstem" not in schema and "sig" not in schema
            and isinstance(schema["exact"].format, CompactPositions) and "ptexts" in schema)


def _query_schema() -> Schema:
    """The index's schema plus ``stem``, the field the query parser stems words for:
    it is not indexed; stemmed terms are looked up among the exact words (store_score)."""
    schema = _schema()
    schema.add("stem", TEXT(analyzer=_words() | StopFilter() | StemFilter(), phrase=False))
    return schema


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def passages_of(doc: Document) -> tuple[Passage, ...]:
    """The document's passages; paragraphs of its text when ingest gave none."""
    if doc.passages:
        return doc.passages
    out, offset = [], 0
    for i, para in enumerate(doc.text.split("\n\n")):
        if para.strip():
            out.append(Passage(doc.id, len(out), para.strip(), page=doc.page_at(offset)))
        offset += len(para) + 2
    return tuple(out)


def _lowered(words: list[str]) -> list[str]:
    return list(map(str.lower, words))


def _covered(words: list[str], runs: list[list[str]]) -> bytearray:
    """Which of ``words`` the ``runs`` (each passage's words) cover. Each run is found
    in the words after the previous one's; a run that cannot be found covers nothing."""
    covered = bytearray(len(words))
    at = 0
    for run in runs:
        if not run:
            continue
        start = _find_run(words, run, at)
        if start is None:
            continue
        covered[start:start + len(run)] = b"\x01" * len(run)
        at = start + len(run)
    return covered


def _find_run(words: list[str], run: list[str], at: int) -> int | None:
    first, n = run[0], len(run)
    i = at
    while True:
        try:
            i = words.index(first, i)
        except ValueError:
            return None
        if words[i:i + n] == run:
            return i
        i += 1


def file_of(doc: Document) -> str:
    """The indexed file a document is stored under: an e-mail's attachments go with the
    e-mail (``doc.source`` is then "message.eml › name"), so they are replaced with it."""
    return doc.attached_to or doc.source


def _meta_fields(doc: Document) -> dict:
    """Metadata indexed on a document's record, for ``field:value`` in queries (a match
    there covers the document's passages too: store_score)."""
    f: dict = {"source": file_of(doc), "doc_id": doc.id,
               "type": doc.doc_type or "other", "year": str(doc.year) if doc.year else ""}
    if doc.organisation:
        f["org_key"] = gazetteer.fold(doc.organisation)
        f["org"] = doc.organisation
    if doc.author:
        f["author"] = doc.author
    if doc.paper_ref:
        f["paper"] = normalise_paper(doc.paper_ref)
    if doc.recommendations:
        f["rec"] = " ".join(str(r.number) for r in doc.recommendations)
    return f


def _doc_meta(doc: Document, group: str, seq: int, sig: tuple[int, ...]) -> str:
    """What searches and duplicate detection need to know of a document without
    reading it (see _DocInfo)."""
    span = date_span(doc.date)
    return json.dumps({
        "id": doc.id, "source": file_of(doc), "org": doc.organisation or "",
        "author": (doc.author or "").lower(),
        "date": doc.date or "", "start": date_number(span[0]) if span else 0,
        "end": date_number(span[1]) if span else 0, "year": str(doc.year) if doc.year else "",
        "type": doc.doc_type or "other", "recs": [r.number for r in doc.recommendations],
        "paper": normalise_paper(doc.paper_ref) if doc.paper_ref else "",
        "group": group, "seq": seq, "restricted": doc.restricted, "recipient": doc.recipient or "",
        "dup_of": doc.duplicate_of or "", "sig": list(sig)})


def _document_of(stored: dict) -> Document:
    """A document record's stored fields back to its Document (without passages)."""
    data = json.loads(stored["data"])
    data.update(json.loads(stored["text"]))
    return Document.from_dict(data)


def _passage_value(p: Passage, at: int) -> tuple:
    """What a passage record stores: its place, where its text is among its document
    record's ``ptexts``, and any further fields of Passage (kept by name, so fields
    added to Passage are kept too)."""
    extra = {k: v for k, v in p.to_dict().items()
             if k not in ("doc_id", "ordinal", "text", "page", "recommendation")}
    return (p.ordinal, p.page, p.recommendation, at, extra or None)


def _with_text(value: tuple, texts: list[str]) -> tuple:
    """A passage record's stored value with its text in place of where to find it."""
    return value[:3] + (texts[value[3]],) + value[4:]


def _passage_of(doc_id: str, value) -> Passage:
    """A passage from its record's stored value (``_with_text`` done)."""
    ordinal, page, rec, text, extra = value
    return Passage.from_dict({**(extra or {}), "doc_id": doc_id, "ordinal": ordinal,
                              "text": text, "page": page, "recommendation": rec})


def _stored_texts(s, doc_id: str) -> list[str]:
    n = s.document_number(key="d:" + doc_id)
    return _texts_of(s, n) if n is not None else []


def _texts_of(s, doc_docnum: int) -> list[str]:
    """The passage texts a document record keeps (``ptexts``), in passage order."""
    return list(s.stored_fields(doc_docnum).get("ptexts") or ())


@dataclass(frozen=True)
class Prepared:
    """The costly part of writing a document, done where it was extracted (a worker):
    its duplicate signature, the postings of its record's and its passages' words, and
    the values its records store (texts compressed)."""

    sig: tuple[int, ...]
    rest: Analysed
    passages: tuple[Analysed, ...]
    text: str = ""                    # the document record's ``text`` (_doc_text)
    stored: tuple[tuple, ...] = ()    # each passage record's ``data`` (_passage_value)


_EXACT = None


def prepare(docs: list[Document]) -> list[Prepared]:
    """``Prepared`` for each document, for ``Batch.put_file(..., prepared=)``."""
    return [_prepared(doc, dedupe.signature(doc.text)) for doc in docs]


def _prepared(doc: Document, sig: tuple[int, ...]) -> Prepared:
    """One document's ``Prepared``. Its record indexes the words of its text that none of
    its passages holds (letterhead, address, sign-off), in order."""
    global _EXACT
    if _EXACT is None:
        _EXACT = _schema()["exact"]
    passages = passages_of(doc)
    words = _lowered(WORD.findall(doc.text))   # tokens as the field's analyzer makes them
    runs = [_lowered(WORD.findall(p.text)) for p in passages]
    covered = _covered(words, runs)
    rest = [w for w, c in zip(words, covered) if not c]
    return Prepared(sig, _EXACT.analyse_tokens(rest), tuple(_EXACT.analyse_tokens(run) for run in runs),
                    _doc_text(doc), tuple(_passage_value(p, i) for i, p in enumerate(passages)))


def _doc_text(doc: Document) -> str:
    return (json.dumps({"text": doc.text, "page_starts": [list(p) for p in doc.page_starts]}))


@dataclass
class _Seen:
    """A document the batch knows for duplicate detection."""

    id: str
    source: str
    seq: int
    sig: tuple[int, ...]
    root: str
    ident: tuple[str, str] = ("", "")  # (recipient, date): copies of one letter agree on both


class Batch:
    """Changes made through one Whoosh writer; see ``Index.batch``."""

    def __init__(self, index: "Index", writer, searcher):
        self._index = index
        self._w = writer
        self._s = searcher
        self._seq = time.time_ns()
        self._gone_sources: set[str] = set()
        self._written_sources: set[str] = set()
        self._new: list[_Seen] = []
        self._new_by_band: dict[str, list[_Seen]] = defaultdict(list)
        self._known: dict[int, _Seen] = {}   # docnum -> what the committed index says of it
        self._held: list | None = None  # the committed segments' band tokens (Index.band_tokens)
        self._metas = None

    def put_file(self, source: str, content_hash: str, docs: list[Document],
                 lost: tuple[str, str] | None = None, restricted: bool | None = None,
                 prepared: list[Prepared] | None = None) -> None:
        """Replace everything ``source`` had with ``docs``, marking duplicates. ``lost`` is
        (reason, detail) for a file indexed without some of its pages; ``failures`` lists it.
        ``restricted`` marks them received in confidence; None keeps the file's mark.
        ``prepared`` is ``prepare(docs)``, when a worker has done it."""
        restricted = self._restricted(source, restricted)
        self._forget(source)
        if prepared is None or len(prepared) != len(docs):
            prepared = [None] * len(docs)
        for doc, prep in zip(docs, prepared):
            self._add_doc(replace(doc, restricted=restricted), prepared=prep)
        reason, detail = lost or (None, None)
        self._add_file(FileRecord(source, content_hash, "ok", len(docs), _now(), reason, detail,
                                  restricted=restricted))

    def put_failure(self, source: str, content_hash: str, reason: str, detail: str = "",
                    restricted: bool | None = None) -> None:
        """Record that ``source`` could not be indexed (and drop what it had)."""
        restricted = self._restricted(source, restricted)
        self._forget(source)
        self._add_file(FileRecord(source, content_hash, "failed", 0, _now(), reason, detail,
                                  restricted=restricted))

    def mark_restricted(self, source: str, restricted: bool) -> None:
        """Mark an indexed file's documents restricted (or published), without re-reading it."""
        n = self._s.document_number(key="f:" + source)
        if n is None:
            return
        rec = FileRecord(**json.loads(self._s.stored_fields(n)["data"]))
        if rec.restricted == restricted:
            return
        q = wq.And([wq.Term("kind", "doc"), wq.Term("source", source)])
        for docnum in self._s.docs_for_query(q):
            stored = self._s.stored_fields(docnum)
            m = self._meta(docnum)
            doc = replace(_document_of(stored), restricted=restricted,
                          passages=_passages_by_query(self._s, m["id"]))
            self._w.delete_by_term("key", "d:" + doc.id)
            self._w.delete_by_term("doc_id", doc.id)
            self._add_doc(doc, seq=m["seq"], sig=tuple(m["sig"]))
        self._w.delete_by_term("key", "f:" + source)
        self._add_file(replace(rec, restricted=restricted))

    def _restricted(self, source: str, given: bool | None) -> bool:
        if given is not None:
            return given
        n = self._s.document_number(key="f:" + source)
        return bool(n is not None and json.loads(self._s.stored_fields(n)["data"]).get("restricted"))

    def remove_file(self, source: str) -> None:
        self._forget(source)

    def _forget(self, source: str) -> None:
        if source in self._written_sources:
            raise ValueError(f"{source} was already written in this batch")
        if self._s.doc_frequency("source", source):
            self._w.delete_by_term("source", source)
            self._gone_sources.add(source)

    def _add_file(self, rec: FileRecord) -> None:
        self._written_sources.add(rec.source)
        data = json.dumps(asdict(rec))
        # the record in the meta column too: a run's plan reads every file's (Index.files)
        self._w.add_document(key="f:" + rec.source, kind="file", source=rec.source,
                             data=data, meta=data.encode())

    def _add_doc(self, doc: Document, seq: int | None = None, sig: tuple[int, ...] | None = None,
                 prepared: Prepared | None = None) -> None:
        passages = passages_of(doc)
        if prepared is None or not len(prepared.passages) == len(passages) == len(prepared.stored):
            prepared = _prepared(doc, sig if sig is not None else dedupe.signature(doc.text))
        sig = prepared.sig
        if seq is None:
            self._seq += 1
            seq = self._seq
            doc = replace(doc, duplicate_of=self._original_of(doc.id, sig, dedupe.identity(doc)))
        group = doc.duplicate_of or doc.id
        meta = _meta_fields(doc)
        data = doc.to_dict(include_text=False)
        data.pop("also_in", None)
        self._w.add_document(key="d:" + doc.id, kind="doc", dup_of=doc.duplicate_of or "",
                             title=doc.title, exact=prepared.rest,
                             lsh=" ".join(dedupe.band_tokens(sig)),
                             meta=_doc_meta(doc, group, seq, sig).encode(), data=json.dumps(data),
                             text=prepared.text, ptexts=[p.text for p in passages], **meta)
        for words, value in zip(prepared.passages, prepared.stored):
            self._w.add_document(kind="passage", source=file_of(doc), doc_id=doc.id, exact=words,
                                 data=value)
        seen = _Seen(doc.id, file_of(doc), seq, sig, group, dedupe.identity(doc))
        self._new.append(seen)
        for tok in dedupe.band_tokens(sig):
            self._new_by_band[tok].append(seen)

    def _original_of(self, doc_id: str, sig: tuple[int, ...], ident: tuple[str, str]) -> str | None:
        """The id of the earliest-indexed copy of this document, if it has one."""
        best: _Seen | None = None
        for cand in self._candidates(sig):
            if (cand.id == doc_id or not dedupe.is_duplicate(sig, cand.sig)
                    or not dedupe.same_identity(ident, cand.ident)):
                continue
            if best is None or cand.seq < best.seq:
                best = cand
        if best is None or best.root == doc_id:
            return None
        return best.root

    def _candidates(self, sig: tuple[int, ...]) -> Iterator[_Seen]:
        """Documents sharing a band token with ``sig``: those written in this batch, and
        those of the committed index (read straight from the ``lsh`` postings); each
        once, however many tokens it shares."""
        tokens = dedupe.band_tokens(sig)
        if not tokens:
            return
        given: set[int] = set()
        for tok in tokens:
            for seen in self._new_by_band.get(tok, ()):
                if id(seen) not in given:
                    given.add(id(seen))
                    yield seen
        if self._held is None:
            self._held = self._index.band_tokens(self._s)
        wanted = [tok.encode("utf-8") for tok in tokens]
        docnums: list[int] = []
        for reader, offset, bands in self._held:
            found = bands.docnums_of(wanted).tolist()
            if reader.has_deletions():
                found = [n for n in found if not reader.is_deleted(n)]
            docnums.extend(offset + n for n in found)
        for docnum in docnums:
            seen = self._known.get(docnum)
            if seen is None:
                seen = self._known[docnum] = self._committed(docnum)
            if seen.source not in self._gone_sources:
                yield seen

    def _meta(self, docnum: int) -> dict:
        if self._metas is None:
            self._metas = self._s.reader().column_reader("meta")
        return json.loads(self._metas[docnum])

    def _committed(self, docnum: int) -> _Seen:
        m = self._meta(docnum)
        return _Seen(m["id"], m["source"], m["seq"], tuple(m["sig"]), m["group"],
                     dedupe.identity_of(m.get("recipient"), m.get("date")))

    def finish(self) -> None:
        """Re-point duplicates whose original was removed in this batch."""
        removed = self._removed_doc_ids()
        if not removed:
            return
        q = wq.And([wq.Term("kind", "doc"), wq.Or([wq.Term("dup_of", i) for i in removed])])
        orphans: dict[str, list[tuple[int, Document, tuple[int, ...]]]] = defaultdict(list)
        for docnum in self._s.docs_for_query(q):
            stored = self._s.stored_fields(docnum)
            m = self._meta(docnum)
            if m["source"] in self._gone_sources:
                continue
            doc = _document_of(stored)
            orphans[doc.duplicate_of].append((m["seq"], doc, tuple(m["sig"])))
        for members in orphans.values():
            members.sort(key=lambda m: m[0])
            root = members[0][1].id
            for seq, doc, sig in members:
                new_doc = replace(doc, duplicate_of=None if doc.id == root else root,
                                  passages=_passages_by_query(self._s, doc.id))
                self._w.delete_by_term("key", "d:" + doc.id)
                self._w.delete_by_term("doc_id", doc.id)
                self._add_doc(new_doc, seq=seq, sig=sig)

    def _removed_doc_ids(self) -> set[str]:
        if not self._gone_sources:
            return set()
        q = wq.And([wq.Term("kind", "doc"), wq.Or([wq.Term("source", s) for s in self._gone_sources])])
        old = {self._meta(n)["id"] for n in self._s.docs_for_query(q)}
        return old - {s.id for s in self._new}


def _passages_by_query(s, doc_id: str) -> tuple[Passage, ...]:
    q = wq.And([wq.Term("kind", "passage"), wq.Term("doc_id", doc_id)])
    texts = _stored_texts(s, doc_id)
    ps = [_passage_of(doc_id, _with_text(s.stored_fields(n)["data"], texts)) for n in s.docs_for_query(q)]
    return tuple(sorted(ps, key=lambda p: p.ordinal))


@dataclass(frozen=True)
class _DocInfo:
    """A document as searches see it: enough to filter, facet and collapse."""

    id: str
    docnum: int
    org: str
    author: str          # lower case
    date: str
    start: int           # first and last day its date covers, as yyyymmdd; 0 when undated
    end: int
    year: str
    type: str
    recs: frozenset[int]
    paper: str           # normalised
    group: str
    seq: int
    restricted: bool = False

    @classmethod
    def from_meta(cls, docnum: int, meta: str) -> "_DocInfo":
        m = json.loads(meta)
        return cls(m["id"], docnum, m["org"], m["author"], m["date"], m["start"], m["end"],
                   m["year"], m["type"], frozenset(m["recs"]), m["paper"], m["group"], m["seq"],
                   bool(m.get("restricted")))


class _FilterSpec:
    """Filters compiled once per query into a predicate on _DocInfo."""

    def __init__(self, f: Filters):
        self.org = gazetteer.fold(gazetteer.resolve_filter(f.org)) if f.org else None
        self.author = re.findall(r"\w+", f.author.lower()) if f.author else None
        self.start = date_number(parse_bound(f.date_from)) if f.date_from else None
        self.end = date_number(parse_bound(f.date_to, end=True)) if f.date_to else None
        self.rec = int(f.rec) if f.rec is not None else None
        self.type = f.doc_type.strip().lower() if f.doc_type else None
        self.paper = normalise_paper(f.paper) if f.paper else None
        self.published_only = f.published_only

    def accepts(self, d: _DocInfo) -> bool:
        if self.published_only and d.restricted:
            return False
        if self.org is not None and gazetteer.fold(d.org) != self.org:
            return False
        if self.author is not None and not _author_matches(d.author, self.author):
            return False
        if (self.start is not None or self.end is not None) and not d.start:
            return False
        if self.start is not None and d.end < self.start:
            return False
        if self.end is not None and d.start > self.end:
            return False
        if self.rec is not None and self.rec not in d.recs:
            return False
        if self.type is not None and d.type != self.type:
            return False
        return self.paper is None or d.paper == self.paper


def _author_matches(author: str, wanted: list[str]) -> bool:
    """Every wanted word is a word of the author's name; the last may be a word's start."""
    names = re.findall(r"\w+", author)
    if not wanted:
        return True
    *whole, last = wanted
    return all(w in names for w in whole) and any(n.startswith(last) for n in names)


def _column_values(searcher, name: str) -> list[str]:
    """Every record's value in the text column ``name``, in docnum order. Segment by
    segment: a segment none of whose records has a value (one of failed files only) has
    no column, and Whoosh's multi-segment column reader then skips it, shifting later
    values. Each segment's column is read in one piece (Whoosh reads value by value)."""
    out: list[str] = []
    for sub, _ in searcher.leaf_searchers():
        reader = sub.reader()
        count = reader.doc_count_all()
        values = _segment_column(reader, name) if reader.has_column(name) else []
        out += values[:count] + [""] * (count - len(values))
    return out


def _segment_column(reader, name: str) -> list[str]:
    raw = reader.column_reader(name, translate=False)   # an ID field's VarBytesColumn
    lengths = raw._lengths
    blob = bytes(raw._dbfile.get(raw._basepos, sum(lengths)))
    ends = list(accumulate(lengths))
    return [blob[a:b].decode("utf-8") for a, b in zip([0] + ends, ends)]


def _bands_of(reader, segment, storage) -> TermTable | frozenset[bytes]:
    """A segment's duplicate bands: its ``lsh`` TermTable, or when it has none (written
    before them) or it cannot be read, its ``lsh`` terms (for ``_LexiconBands``)."""
    if segment is not None:
        try:
            with segment.open_file(storage, TermTable.ext("lsh")) as f:
                return TermTable.from_bytes(f.read())
        except (OSError, ValueError):
            pass
    try:
        return frozenset(reader.lexicon("lsh"))
    except Exception:  # a segment without the field
        return frozenset()


class _LexiconBands:
    """``TermTable.docnums_of`` for a segment without a table: its ``lsh`` terms, held,
    and the postings of those asked for, read through ``reader``."""

    def __init__(self, reader, held: frozenset[bytes]):
        self._reader, self._held = reader, held

    def docnums_of(self, terms: list[bytes]) -> np.ndarray:
        found = {n for t in terms if t in self._held
                 for n in self._reader.postings("lsh", t).all_ids()}
        return np.array(sorted(found), dtype=np.int64)


class _Generation:
    """What one searcher generation knows about its records, read once: each record's
    document, each document's metadata, and the arrays scoring and grouping use."""

    def __init__(self, searcher, words_cache: dict):
        n = searcher.doc_count_all()
        alive = np.ones(n, dtype=bool)
        for sub, offset in searcher.leaf_searchers():
            dead = list(getattr(sub.reader(), "deleted_docs_set", ()))
            if dead:
                alive[np.array(dead, dtype=np.int64) + offset] = False
        self.docs: dict[str, _DocInfo] = {}
        metas = searcher.reader().column_reader("meta")
        for d in searcher.docs_for_query(wq.Term("kind", "doc")):
            info = _DocInfo.from_meta(d, metas[d])
            self.docs[info.id] = info
        self.by_docnum: dict[int, _DocInfo] = {d.docnum: d for d in self.docs.values()}
        self.doc_docnums = set(self.by_docnum)  # read-only
        docnum_of = {d.id: d.docnum for d in self.docs.values()}
        doc_ids = _column_values(searcher, "doc_id")
        doc_for = np.fromiter((docnum_of.get(i, -1) for i in doc_ids), dtype=np.int64, count=n)
        doc_for[~alive] = -1
        is_doc = np.zeros(n, dtype=bool)
        is_doc[list(self.doc_docnums)] = True
        is_passage = (doc_for >= 0) & ~is_doc
        self.doc_for = doc_for
        self.is_passage = is_passage
        self.scorer = Scorer(searcher, doc_for, is_doc, is_passage, words_cache, stem)
        # each document's passages, in docnum (= ordinal) order: passages[start[d]:end[d]]
        p = np.flatnonzero(is_passage)
        order = np.argsort(doc_for[p], kind="stable")
        self._passages = p[order]
        owners = doc_for[self._passages]
        self._start = np.searchsorted(owners, np.arange(n), side="left")
        self._end = np.searchsorted(owners, np.arange(n), side="right")
        # per-document codes for collapsing, facets and bodies (0 = none)
        self.groups: dict[str, list[str]] = defaultdict(list)
        for info in sorted(self.docs.values(), key=lambda d: d.seq):
            self.groups[info.group].append(info.id)
        group_code = {g: i for i, g in enumerate(self.groups)}
        self.orgs = [""] + sorted({d.org for d in self.docs.values() if d.org})
        self.years = [""] + sorted({d.year for d in self.docs.values() if d.year})
        self.types = [""] + sorted({d.type for d in self.docs.values() if d.type})
        org_code = {o: i for i, o in enumerate(self.orgs)}
        year_code = {y: i for i, y in enumerate(self.years)}
        type_code = {t: i for i, t in enumerate(self.types)}
        self.group_of = np.full(n, -1, dtype=np.int64)
        self.org_of = np.zeros(n, dtype=np.int64)
        self.year_of = np.zeros(n, dtype=np.int64)
        self.type_of = np.zeros(n, dtype=np.int64)
        self.start_of = np.zeros(n, dtype=np.int64)
        self.end_of = np.zeros(n, dtype=np.int64)
        self.doc_rank = np.zeros(n, dtype=np.int64)   # documents by date, undated last, then id
        for rank, info in enumerate(sorted(self.docs.values(), key=lambda d: (d.start or 99999999, d.id))):
            self.doc_rank[info.docnum] = rank
        for info in self.docs.values():
            self.start_of[info.docnum] = info.start
            self.end_of[info.docnum] = info.end
            self.group_of[info.docnum] = group_code[info.group]
            self.org_of[info.docnum] = org_code[info.org]
            self.year_of[info.docnum] = year_code[info.year]
            self.type_of[info.docnum] = type_code[info.type]
        self._masks: OrderedDict = OrderedDict()
        self._stored: OrderedDict = OrderedDict()
        self._ptexts: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def hidden(self):
        """docnum -> whether it belongs to a restricted document; None when none is."""
        restricted = np.zeros(len(self.doc_for), dtype=bool)
        ids = [d.docnum for d in self.docs.values() if d.restricted]
        if not ids:
            return None
        restricted[ids] = True
        owner = self.doc_for
        return lambda n: owner[n] >= 0 and bool(restricted[owner[n]])

    def doc_id_of(self, docnum: int) -> str:
        return self.by_docnum[int(self.doc_for[docnum])].id

    def stored_passage(self, s, docnum: int) -> tuple:
        """A passage record's stored value, kept for later requests (it cannot change
        under this generation)."""
        return self._kept(self._stored, docnum, _PASSAGES_CACHED, lambda: _with_text(
            s.stored_fields(docnum)["data"], self._texts(s, int(self.doc_for[docnum]))))

    def _texts(self, s, doc_docnum: int) -> list[str]:
        """The passage texts a document record keeps (a few recent documents' kept)."""
        return self._kept(self._ptexts, doc_docnum, _TEXTS_CACHED, lambda: _texts_of(s, doc_docnum))

    def _kept(self, cache: OrderedDict, key, limit: int, load):
        """``cache[key]``, loaded by ``load()`` the first time; the oldest beyond ``limit`` forgotten."""
        got = cache.get(key)
        if got is None:
            got = load()
            with self.lock:
                cache[key] = got
                if len(cache) > limit:
                    cache.popitem(last=False)
        return got

    def passages(self, docnum: int) -> np.ndarray:
        return self._passages[self._start[docnum]:self._end[docnum]]

    def allowed(self, filters: Filters) -> np.ndarray:
        """A mask over docnums: True for the document records the filters let through."""
        key = tuple(sorted(asdict(filters).items()))
        with self.lock:
            got = self._masks.get(key)
            if got is not None:
                self._masks.move_to_end(key)
                return got
        mask = self.scorer.is_doc.copy()
        if not filters.is_empty() or filters.published_only:
            spec = _FilterSpec(filters)
            mask[:] = False
            ok = [d.docnum for d in self.docs.values() if spec.accepts(d)]
            mask[ok] = True
        with self.lock:
            self._masks[key] = mask
            if len(self._masks) > _MASKS_CACHED:
                self._masks.popitem(last=False)
        return mask


class Index:
    """A search index in one folder. Open with ``Index.open``."""

    def __init__(self, path: Path, ix):
        self.path = path
        self._ix = ix
        self._queries = QueryBuilder(_query_schema())
        self._lock = threading.RLock()
        self._searcher = None
        self._gen: tuple[object, _Generation] | None = None
        self._words: dict = {}      # segment -> its words by stem (segments never change)
        self._bands: dict = {}      # segment id -> its duplicate bands (_bands_of)

    @classmethod
    def open(cls, index_dir: str | Path, create: bool = False) -> "Index":
        path = Path(index_dir)
        if windex.exists_in(str(path), indexname=INDEX_NAME):
            ix = windex.open_dir(str(path), indexname=INDEX_NAME)
            if not _current(ix.schema):
                raise IndexMissingError(
                    f"the index at {path} was written by an older evidex; delete it and run"
                    " `evidex index PATH` again")
            return cls(path, ix)
        if not create:
            raise IndexMissingError(f"no index at {path} yet — run `evidex index PATH` first")
        path.mkdir(parents=True, exist_ok=True)
        return cls(path, windex.create_in(str(path), _schema(), indexname=INDEX_NAME))

    def close(self) -> None:
        """Let go of the open searcher (an Index can still be used afterwards)."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher, self._gen = None, None

    # --- writing ---

    @contextmanager
    def batch(self) -> Iterator[Batch]:
        """One writer: committed when the block ends normally, cancelled on an exception.
        Each commit adds one segment. Segments of like size are merged (``choose_merge``:
        a long run does not re-merge the whole index at every commit), in another process
        while the batch is written (``BackgroundMerge``), or at the commit when the merge
        is wanted only then (a segment the batch has left much deleted)."""
        try:
            writer = Writer(self._ix, timeout=0.0, **writer_options(TABLE_FIELDS))
        except LockError:
            raise IndexLockedError(f"the index at {self.path} is being updated by another run;"
                                   " try again when it has finished") from None
        searcher = self._ix.searcher()
        chosen = choose_merge(writer.segments)
        merge = BackgroundMerge.start(self._ix, chosen, TABLE_FIELDS) if chosen else None
        try:
            b = Batch(self, writer, searcher)
            yield b
            b.finish()
        except BaseException:
            writer.cancel()
            raise
        else:
            writer.commit(mergetype=merge.swap_in if merge else tiered_merge)
        finally:
            if merge is not None:
                merge.close()
            searcher.close()

    def band_tokens(self, searcher) -> list[tuple[object, int, object]]:
        """(segment reader, its first docnum, its duplicate bands) for each segment: a
        ``TermTable`` of the ``lsh`` field, read from the file written with the segment,
        or for a segment written before those files, its ``lsh`` terms (``_LexiconBands``).
        Each is read once per segment and kept while the segment lives (``_bands``)."""
        out, keys = [], set()
        for sub, offset in searcher.leaf_searchers():
            reader = sub.reader()
            seg = reader.segment()
            key = seg.segment_id() if seg is not None else id(reader)
            keys.add(key)
            got = self._bands.get(key)
            if got is None:
                got = _bands_of(reader, seg, self._ix.storage)
                with self._lock:
                    self._bands[key] = got
            out.append((reader, offset, got if isinstance(got, TermTable)
                        else _LexiconBands(reader, got)))
        with self._lock:  # forget segments merged away
            for gone in set(self._bands) - keys:
                del self._bands[gone]
        return out

    # --- reading ---

    @contextmanager
    def _reading(self):
        """The shared searcher, brought up to date with the last commit."""
        with self._lock:
            if self._searcher is None:
                self._searcher = self._ix.searcher()
            elif not self._searcher.up_to_date():
                # a fresh searcher, not refresh(): refresh() shares segment readers with
                # the old searcher, so closing the old one would close them under the new
                self._searcher.close()
                self._searcher = self._ix.searcher()
            yield self._searcher

    def _generation(self, s) -> _Generation:
        """The cache for searcher ``s``: a new searcher means a new commit to read."""
        if self._gen is None or self._gen[0] is not s:
            self._gen = (s, _Generation(s, self._words))
        return self._gen[1]

    def files(self) -> dict[str, FileRecord]:
        """Every file's record, read from the meta column (a fraction of the cost of
        stored values), or from the stored values for records written before it."""
        recs = []
        with self._reading() as s:
            for sub, _ in s.leaf_searchers():  # segment by segment: see _column_values
                reader = sub.reader()
                metas = reader.column_reader("meta") if reader.has_column("meta") else None
                for n in sub.docs_for_query(wq.Term("kind", "file")):
                    raw = metas[n] if metas is not None else b""
                    recs.append(FileRecord(**json.loads(raw or sub.stored_fields(n)["data"])))
        return {r.source: r for r in recs}

    def failures(self) -> list[dict]:
        return [{"source": r.source, "reason": r.reason, "detail": r.detail}
                for r in sorted(self.files().values(), key=lambda r: r.source) if r.status == "failed" or r.reason]

    def documents(self) -> list[Document]:
        with self._reading() as s:
            docs = [_document_of(s.stored_fields(n)) for n in s.docs_for_query(wq.Term("kind", "doc"))]
        return sorted(docs, key=lambda d: (d.source, d.pages[0] if d.pages else 0, d.id))

    def get(self, doc_id: str, published_only: bool = False) -> Document | None:
        """One document with its passages; None when there is none (or, with
        ``published_only``, when it is restricted)."""
        with self._reading() as s:
            gen = self._generation(s)
            info = gen.docs.get(doc_id)
            if info is None or (published_only and info.restricted):
                return None
            doc = _document_of(s.stored_fields(info.docnum))
            also = self._also_in(s, gen, doc.id, published_only)
            return replace(doc, passages=self._stored_passages(s, gen, info), also_in=also)

    @staticmethod
    def _stored_passages(s, gen: _Generation, info: _DocInfo) -> tuple[Passage, ...]:
        ps = [_passage_of(info.id, gen.stored_passage(s, int(n))) for n in gen.passages(info.docnum)]
        return tuple(sorted(ps, key=lambda p: p.ordinal))

    def _also_in(self, s, gen: _Generation, doc_id: str,
                 published_only: bool = False) -> tuple[dict, ...]:
        """The other copies of a document: [{"id", "source", "pages"}], earliest first."""
        info = gen.docs.get(doc_id)
        if info is None:
            return ()
        out = []
        for other in gen.groups.get(info.group, ()):
            if other != doc_id and not (published_only and gen.docs[other].restricted):
                data = json.loads(s.stored_fields(gen.docs[other].docnum)["data"])
                out.append({"id": other, "source": data["source"], "pages": data.get("pages")})
        return tuple(out)

    def stats(self) -> dict:
        with self._reading() as s:
            gen = self._generation(s)
            files = self.files()
            n_passages = int(gen.is_passage.sum())
        return {
            "index": str(self.path),
            "files": len(files),
            "documents": len(gen.docs),
            "passages": n_passages,
            "organisations": len({d.org for d in gen.docs.values() if d.org}),
            "failures": sum(1 for r in files.values() if r.status == "failed"),
            "last_indexed": max((r.indexed_at for r in files.values()), default=None),
        }

    def lexicon(self, published_only: bool = False):
        """What the question reader asks of this index's words (indexer.store_words);
        with ``published_only``, of the words of published documents alone."""
        from .store_words import Lexicon
        return Lexicon(self._reading, self._hidden_passages if published_only else None,
                       cache=lambda s: self._generation(s).__dict__.setdefault(
                           "lexicon_cache", {}).setdefault(published_only, {}))

    def restricted_ids(self) -> frozenset[str]:
        """The ids of the documents received in confidence."""
        with self._reading() as s:
            return frozenset(d.id for d in self._generation(s).docs.values() if d.restricted)

    def _hidden_passages(self, s):
        """docnum -> whether it belongs to a restricted document; None when none is."""
        return self._generation(s).hidden()

    # --- searching ---

    def search(self, query: str, filters: Filters = Filters(), limit: int = 10, offset: int = 0,
               collapse: bool = True) -> SearchResult:
        """Documents matching ``query`` and ``filters``, best first, each with its best
        passages highlighted; copies of one document are shown once (``collapse``).
        ``total`` and ``facets`` count every matching document, not just the page.
        An empty query means every document (the filters alone narrow it), newest first."""
        if not query.strip():
            return self._every_document(query, filters, limit, offset, collapse)
        parsed = self._queries.parse(query)
        with self._reading() as s:
            check_cost(s, parsed.query)
            gen = self._generation(s)
            allowed = gen.allowed(filters)
            ranked, scores = self._ranked_documents(gen, parsed, allowed, collapse)
            page = ranked[offset:offset + limit]
            hits = self._hits(s, gen, parsed, [(float(scores[n]), gen.by_docnum[n]) for n in page],
                              filters.published_only)
            suggestion = None if len(ranked) else self._suggest(
                s, gen, parsed, lambda t: bool(len(self._ranked_documents(
                    gen, self._queries.parse(t), allowed, collapse)[0])), filters.published_only)
            facets = _facets(gen, ranked)
        return SearchResult(query=query, total=len(ranked), hits=tuple(hits),
                            facets=facets, suggestion=suggestion)

    def _every_document(self, query: str, filters: Filters, limit: int, offset: int,
                        collapse: bool) -> SearchResult:
        """Every document the filters let through, newest first (undated last), each
        with its opening passage; copies of one document shown once (``collapse``)."""
        with self._reading() as s:
            gen = self._generation(s)
            allowed = gen.allowed(filters)
            docs = sorted((d for d in gen.docs.values() if allowed[d.docnum]),
                          key=lambda d: (-d.end, d.seq))
            if collapse:
                firsts = {}
                for d in docs:
                    firsts.setdefault(d.group, d)
                docs = [d for d in docs if firsts[d.group] is d]
            hits = []
            for info in docs[offset:offset + limit]:
                doc = Document.from_dict(json.loads(s.stored_fields(info.docnum)["data"]))
                opening = self._stored_passages(s, gen, info)[:1]
                hits.append(SearchHit(doc=doc, score=0.0,
                                      passages=tuple(_passage_hit(p, _NOTHING, 0.0) for p in opening),
                                      also_in=self._also_in(s, gen, info.id, filters.published_only)))
            ranked = np.array([d.docnum for d in docs], dtype=np.int64)
        return SearchResult(query=query, total=len(docs), hits=tuple(hits),
                            facets=_facets(gen, ranked))

    @staticmethod
    def _ranked_documents(gen: _Generation, parsed: ParsedQuery, allowed: np.ndarray,
                          collapse: bool) -> tuple[np.ndarray, np.ndarray]:
        """Every matching document's docnum, best first, and the scores by docnum;
        with ``collapse`` only the best-scoring copy of each duplicate group."""
        hits = gen.scorer.documents(parsed.document_query)
        matched = np.flatnonzero(hits.mask & allowed)
        order = np.lexsort((matched, -hits.scores[matched]))
        ranked = matched[order]
        if collapse and len(ranked):
            _, first = np.unique(gen.group_of[ranked], return_index=True)
            ranked = ranked[np.sort(first)]
        return ranked, hits.scores

    def _hits(self, s, gen: _Generation, parsed: ParsedQuery,
              ranked: list[tuple[float, _DocInfo]], published_only: bool = False) -> list[SearchHit]:
        if not ranked:
            return []
        best = self._best_passages(s, gen, parsed, [info for _, info in ranked])
        hits = []
        for score, info in ranked:
            doc = Document.from_dict(json.loads(s.stored_fields(info.docnum)["data"]))
            hits.append(SearchHit(doc=doc, score=score, passages=tuple(best.get(info.id, ())),
                                  also_in=self._also_in(s, gen, info.id, published_only)))
        return hits

    def _best_passages(self, s, gen: _Generation, parsed: ParsedQuery,
                       infos: list[_DocInfo]) -> dict[str, list[PassageHit]]:
        """Up to PASSAGES_PER_HIT best passages of each document; when no single passage
        matches the whole query (its words spread over the document), passages with any of them."""
        found = self._passage_hits(s, gen, parsed, gen.scorer.records(parsed.query), infos)
        missing = [info for info in infos if info.id not in found]
        words = [wq.Term(f, t) for f, t in parsed.query.iter_all_terms() if f in ("exact", "stem")]
        if missing and words:
            rest = gen.scorer.records(wq.Or(words))
            found.update(self._passage_hits(s, gen, parsed, rest, missing))
        return found

    @staticmethod
    def _passage_hits(s, gen: _Generation, parsed: ParsedQuery, hits: Hits,
                      infos: list[_DocInfo]) -> dict[str, list[PassageHit]]:
        out: dict[str, list[PassageHit]] = {}
        for info in infos:
            ps = gen.passages(info.docnum)
            ps = ps[hits.mask[ps]]
            if not len(ps):
                continue
            best = ps[np.lexsort((ps, -hits.scores[ps]))[:PASSAGES_PER_HIT]]
            out[info.id] = [_passage_hit(_passage_of(info.id, gen.stored_passage(s, int(n))),
                                         parsed, float(hits.scores[n])) for n in best]
        return out

    def _suggest(self, s, gen: _Generation, parsed: ParsedQuery, gives_results,
                 published_only: bool = False) -> str | None:
        """A respelling of the query, or None. Only a word typed in the query that the
        index does not hold (in any singular/plural form) is replaced, by a word the index
        holds, and only when the respelt query gives results (``gives_results(text)``);
        never the query itself again. Only words of ordinary length are respelt, and with
        ``published_only`` "holds" means "a published document uses"."""
        corrector = s.corrector("exact")
        has = _word_check(s, gen, published_only)
        text = parsed.text
        typed = {w.lower() for w in WORD.findall(_QUOTED_OR_FIELD.sub(" ", text))}
        absent = [w for w in sorted(parsed.exact_words & typed)
                  if len(w) <= SUGGEST_MAX_WORD and not any(has(f) for f in word_forms(w))]
        for word in absent:
            for option in corrector.suggest(word, limit=3, prefix=SUGGEST_PREFIX):
                if not has(option):
                    continue
                candidate = _replace_word(text, word, option)
                if candidate.lower() != text.lower() and (word is not absent[-1] or gives_results(candidate)):
                    text = candidate
                    break
        return text if text.lower() != parsed.text.lower() and gives_results(text) else None

    def bodies(self, query: str, filters: Filters = Filters(), limit: int = 50) -> BodiesResult:
        """Organisations with passages that match ``query`` themselves (no stemming:
        the passage says the words), those with most matching passages first.
        Documents without an organisation are left out; copies of a document count once
        (the copy whose passage comes first in the index)."""
        if not query.strip():
            raise QueryError("say what to look for: `bodies` lists the organisations whose"
                             " passages match the words or phrases you give")
        parsed = self._queries.parse(query, precise=True, aliases=False)
        with self._reading() as s:
            check_cost(s, parsed.query, read=MAX_READ_BODIES)
            gen = self._generation(s)
            allowed = gen.allowed(filters)
            hits, m, d = _body_passages(gen, parsed, allowed)
            orgs = gen.org_of[d]
            counts = np.bincount(orgs, minlength=len(gen.orgs))
            ranked = sorted((o for o in range(1, len(gen.orgs)) if counts[o]),
                            key=lambda o: (-counts[o], gen.orgs[o]))[:limit]
            order = np.lexsort((m, -hits.scores[m], orgs))
            m, d, orgs = m[order], d[order], orgs[order]
            lo = np.searchsorted(orgs, ranked, side="left")
            hi = np.searchsorted(orgs, ranked, side="right")
            bodies = []
            for o, a, b in zip(ranked, lo, hi):
                best = self._best_of_body(s, gen, parsed, hits, m[a:b])
                bodies.append(_body(gen, gen.orgs[o], d[a:b], best))
            suggestion = None if len(m) else self._suggest(
                s, gen, parsed, lambda t: bool(len(_body_passages(
                    gen, self._queries.parse(t, precise=True, aliases=False), allowed)[1])),
                filters.published_only)
        return BodiesResult(query=query, bodies=tuple(bodies), suggestion=suggestion)

    @staticmethod
    def _best_of_body(s, gen: _Generation, parsed: ParsedQuery, hits: Hits,
                      ranked: np.ndarray) -> list[PassageHit]:
        """The PASSAGES_PER_BODY best of one organisation's matching passages (``ranked``
        best first). A passage found in several documents (one circular sent to several
        people) is shown once, with the other documents in its ``also_in``: its copies
        score alike, so they come together; reading stops at the first passage after
        the last kept that cannot be one of its copies, and after CANDIDATES_PER_BODY.
        Copies are told by their stored (compressed) text, without decompressing it."""
        kept: list[list] = []            # [docnum, score, value, copies]
        by_blob: dict[bytes, int] = {}
        by_text: dict[str, int] = {}
        last_score = None
        for n in ranked[:CANDIDATES_PER_BODY].tolist():
            score = float(hits.scores[n])
            if len(kept) >= PASSAGES_PER_BODY and score != last_score:
                break
            value = gen.stored_passage(s, n)
            blob = value[3]
            at = by_blob.get(blob)
            if at is None:
                folded = " ".join(blob.lower().split())
                at = by_text.get(folded)
                if at is None and len(kept) < PASSAGES_PER_BODY:
                    by_text[folded] = by_blob[blob] = len(kept)
                    kept.append([n, score, value, []])
                    last_score = score
                    continue
                if at is not None:
                    by_blob[blob] = at
            if at is not None:
                kept[at][3].append(n)
                last_score = score
        out = []
        for n, score, value, copies in kept:
            hit = _passage_hit(_passage_of(gen.doc_id_of(n), value), parsed, score)
            if copies:
                also = tuple({"doc_id": gen.doc_id_of(c), "page": gen.stored_passage(s, c)[1],
                              "ordinal": gen.stored_passage(s, c)[0]} for c in copies)
                hit = replace(hit, also_in=also)
            out.append(hit)
        return out


def _body_passages(gen: _Generation, parsed: ParsedQuery, allowed: np.ndarray):
    """(scores, passage docnums, their document docnums) of the passages `bodies`
    counts: matching, of an allowed document with an organisation, one copy of each
    document (the copy whose passage comes first)."""
    hits = gen.scorer.records(parsed.query)
    m = np.flatnonzero(hits.mask & gen.is_passage)
    d = gen.doc_for[m]
    keep = allowed[d] & (gen.org_of[d] > 0)
    m, d = m[keep], d[keep]
    if len(m):
        g = gen.group_of[d]
        groups, first = np.unique(g, return_index=True)
        chosen = np.full(int(groups.max()) + 1, -1, dtype=np.int64)
        chosen[groups] = d[first]
        keep = d == chosen[g]
        m, d = m[keep], d[keep]
    return hits, m, d


def _word_check(s, gen: _Generation, published_only: bool):
    """word -> whether a record uses it (with ``published_only``: a published one)."""
    hidden = gen.hidden() if published_only else None
    if hidden is None:
        return lambda word: bool(s.doc_frequency("exact", word))

    def has(word: str) -> bool:
        ids, _ = gen.scorer.postings("exact", word)
        return any(not hidden(n) for n in ids.tolist())
    return has


def _body(gen: _Generation, org: str, docnums: np.ndarray, passages: list[PassageHit]) -> Body:
    """One organisation's answer: its documents (earliest first, undated last) and the
    span of their dates."""
    docs = np.unique(docnums)
    docs = docs[np.argsort(gen.doc_rank[docs], kind="stable")]
    starts, ends = gen.start_of[docs], gen.end_of[docs]
    dated = starts > 0
    first = last = None
    if dated.any():
        first = gen.by_docnum[int(docs[dated][np.argmin(starts[dated])])].date
        last = gen.by_docnum[int(docs[dated][np.argmax(ends[dated])])].date
    return Body(organisation=org, documents=tuple(gen.by_docnum[n].id for n in docs.tolist()),
                first_date=first, last_date=last, passages=tuple(passages))


def _facets(gen: _Generation, ranked: np.ndarray) -> dict[str, dict[str, int]]:
    """Counts by organisation, year and type over every matching document (``ranked``,
    best first: a tie in a count keeps the order its first documents are ranked in)."""
    return {"organisation": _counts(gen.org_of[ranked], gen.orgs, by_count=True),
            "year": dict(sorted(_counts(gen.year_of[ranked], gen.years, by_count=False).items())),
            "doc_type": _counts(gen.type_of[ranked], gen.types, by_count=True)}


def _counts(codes: np.ndarray, names: list[str], by_count: bool) -> dict[str, int]:
    """name -> how many of ``codes`` (code 0, no value, not counted)."""
    if not len(codes):
        return {}
    present, first, counts = np.unique(codes, return_index=True, return_counts=True)
    rows = [(int(c), int(f), int(k)) for c, f, k in zip(present, first, counts) if c]
    rows.sort(key=lambda r: (-r[2], r[1]) if by_count else r[1])
    return {names[c]: k for c, _, k in rows}


def _passage_hit(p: Passage, parsed: ParsedQuery, score: float) -> PassageHit:
    return PassageHit(doc_id=p.doc_id, text=p.text,
                      highlight=highlight(p.text, parsed.is_match, parsed.phrases),
                      page=p.page, recommendation=p.recommendation, score=score,
                      ordinal=p.ordinal)


# quoted phrases and field:value parts, where a respelling is not offered
_QUOTED_OR_FIELD = re.compile(r'"[^"]*"|\b\w+:\S+')


def _replace_word(text: str, word: str, new: str) -> str:
    return re.sub(r"(?i)(?<!\w)" + re.escape(word) + r"(?!\w)", new, text)
