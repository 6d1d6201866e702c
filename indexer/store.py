"""The store: the one module (with its ``store_*`` helpers) that knows Whoosh.

One Whoosh index holds three kinds of record, told apart by ``kind``:

- ``doc``: a Document (its JSON in ``data``, its whole text indexed);
- ``passage``: one Passage, carrying its document's metadata so filters apply
  to passages directly, with no join;
- ``file``: what the last run did with a source file (a FileRecord).

Search ranks *documents* (collapsing duplicates) and then picks each shown
document's best passages; `bodies` works on *passages* and groups them by
organisation.
"""
from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from whoosh import index as windex
from whoosh import query as wq
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.index import LockError
from whoosh.reading import TermNotFound

from . import dedupe, gazetteer
from .dates import date_span, parse_bound
from .errors import IndexLockedError, IndexMissingError, QueryError
from .highlight import WORD, highlight
from .model import (Body, BodiesResult, Document, Filters, Passage, PassageHit, SearchHit,
                    SearchResult)
from .store_query import (ParsedQuery, QueryBuilder, ScoreCache, date_number, normalise_paper,
                          score_all, word_forms)

PASSAGES_PER_HIT = 3
# what an empty query marks in a passage: nothing
_NOTHING = ParsedQuery(text="", query=wq.NullQuery)
PASSAGES_PER_BODY = 5
# "did you mean" respells words up to this long: the corrector's cost grows with the word
SUGGEST_MAX_WORD = 24
# passages scored per organisation to pick its best ones: scoring every match of a
# common word is what makes `bodies` slow on a large index
CANDIDATES_PER_BODY = 40
INDEX_NAME = "evidex"
# Whoosh's posting pool before it spills sorted runs to disk: at 256 MB a batch of
# 100 PDFs stays in memory (measured: 80 PDFs written in 6.8 s, against 10.2 s at 128 MB)
WRITER_MB = 256


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


def _schema() -> Schema:
    words = RegexTokenizer(WORD.pattern) | LowercaseFilter()
    stemmed = words | StopFilter() | StemFilter()
    return Schema(
        key=ID(unique=True, stored=True),
        kind=ID(stored=True),
        source=ID(stored=True),
        doc_id=ID(stored=True, sortable=True),
        group=ID,                      # the id of the first-indexed copy of a document
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
        # passage text, and (d-) a document's whole text
        exact=TEXT(analyzer=words, phrase=True),
        stem=TEXT(analyzer=stemmed, phrase=False),
        dexact=TEXT(analyzer=words, phrase=True),
        dstem=TEXT(analyzer=stemmed, phrase=False),
        lsh=KEYWORD,
        seq=NUMERIC(int, bits=64, stored=True),
        sig=STORED,
        meta=STORED,                   # small JSON a searcher generation caches (DocInfo)
        data=STORED,
    )


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


def _meta_fields(doc: Document, group: str) -> dict:
    """Metadata indexed on a document and on each of its passages."""
    f: dict = {"source": doc.source, "doc_id": doc.id, "group": group,
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


def _doc_meta(doc: Document, group: str, seq: int) -> str:
    """What searches need to know of a document without reading it (see DocInfo)."""
    span = date_span(doc.date)
    return json.dumps({
        "id": doc.id, "org": doc.organisation or "", "author": (doc.author or "").lower(),
        "date": doc.date or "", "start": date_number(span[0]) if span else 0,
        "end": date_number(span[1]) if span else 0, "year": str(doc.year) if doc.year else "",
        "type": doc.doc_type or "other", "recs": [r.number for r in doc.recommendations],
        "paper": normalise_paper(doc.paper_ref) if doc.paper_ref else "",
        "group": group, "seq": seq, "restricted": doc.restricted})


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

    def put_file(self, source: str, content_hash: str, docs: list[Document],
                 lost: tuple[str, str] | None = None, restricted: bool | None = None) -> None:
        """Replace everything ``source`` had with ``docs``, marking duplicates. ``lost`` is
        (reason, detail) for a file indexed without some of its pages; ``failures`` lists it.
        ``restricted`` marks them received in confidence; None keeps the file's mark."""
        restricted = self._restricted(source, restricted)
        self._forget(source)
        for doc in docs:
            self._add_doc(replace(doc, restricted=restricted))
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
            doc = Document.from_dict(json.loads(stored["data"]))
            doc = replace(doc, restricted=restricted,
                          passages=self._index._stored_passages(self._s, doc.id))
            self._w.delete_by_term("key", "d:" + doc.id)
            self._w.delete_by_term("doc_id", doc.id)
            self._add_doc(doc, seq=stored["seq"], sig=tuple(stored["sig"]))
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
        self._w.delete_by_term("source", source)
        self._gone_sources.add(source)

    def _add_file(self, rec: FileRecord) -> None:
        self._written_sources.add(rec.source)
        self._w.add_document(key="f:" + rec.source, kind="file", source=rec.source,
                             data=json.dumps(asdict(rec)))

    def _add_doc(self, doc: Document, seq: int | None = None, sig: tuple[int, ...] | None = None) -> None:
        if sig is None:
            sig = dedupe.signature(doc.text)
        if seq is None:
            self._seq += 1
            seq = self._seq
            doc = replace(doc, duplicate_of=self._original_of(doc.id, sig, dedupe.identity(doc)))
        group = doc.duplicate_of or doc.id
        meta = _meta_fields(doc, group)
        data = doc.to_dict(include_text=True)
        data.pop("also_in", None)
        self._w.add_document(key="d:" + doc.id, kind="doc", dup_of=doc.duplicate_of or "",
                             title=doc.title, dexact=doc.text, dstem=doc.text,
                             lsh=" ".join(dedupe.band_tokens(sig)), seq=seq, sig=list(sig),
                             meta=_doc_meta(doc, group, seq), data=json.dumps(data), **meta)
        for p in passages_of(doc):
            self._w.add_document(key=f"p:{doc.id}:{p.ordinal}", kind="passage", exact=p.text,
                                 stem=p.text, data=json.dumps(p.to_dict()), **meta)
        seen = _Seen(doc.id, doc.source, seq, sig, group, dedupe.identity(doc))
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
        tokens = dedupe.band_tokens(sig)
        if not tokens:
            return
        for tok in tokens:
            yield from self._new_by_band.get(tok, ())
        q = wq.And([wq.Term("kind", "doc"), wq.Or([wq.Term("lsh", t) for t in tokens])])
        for docnum in self._s.docs_for_query(q):
            stored = self._s.stored_fields(docnum)
            if stored["source"] in self._gone_sources:
                continue
            data = json.loads(stored["data"])
            yield _Seen(data["id"], stored["source"], stored["seq"], tuple(stored["sig"]),
                        data.get("duplicate_of") or data["id"],
                        dedupe.identity_of(data.get("recipient"), data.get("date")))

    def finish(self) -> None:
        """Re-point duplicates whose original was removed in this batch."""
        removed = self._removed_doc_ids()
        if not removed:
            return
        q = wq.And([wq.Term("kind", "doc"), wq.Or([wq.Term("dup_of", i) for i in removed])])
        orphans: dict[str, list[tuple[int, Document, tuple[int, ...]]]] = defaultdict(list)
        for docnum in self._s.docs_for_query(q):
            stored = self._s.stored_fields(docnum)
            if stored["source"] in self._gone_sources:
                continue
            doc = Document.from_dict(json.loads(stored["data"]))
            orphans[doc.duplicate_of].append((stored["seq"], doc, tuple(stored["sig"])))
        for members in orphans.values():
            members.sort(key=lambda m: m[0])
            root = members[0][1].id
            for seq, doc, sig in members:
                new_doc = replace(doc, duplicate_of=None if doc.id == root else root,
                                  passages=self._index._stored_passages(self._s, doc.id))
                self._w.delete_by_term("key", "d:" + doc.id)
                self._w.delete_by_term("doc_id", doc.id)
                self._add_doc(new_doc, seq=seq, sig=sig)

    def _removed_doc_ids(self) -> set[str]:
        if not self._gone_sources:
            return set()
        q = wq.And([wq.Term("kind", "doc"), wq.Or([wq.Term("source", s) for s in self._gone_sources])])
        old = {self._s.stored_fields(n)["key"][2:] for n in self._s.docs_for_query(q)}
        return old - {s.id for s in self._new}


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


class _Generation:
    """What one searcher generation knows about its documents, read once."""

    def __init__(self, searcher):
        self.doc_of: list[str] = list(searcher.reader().column_reader("doc_id"))
        self.docs: dict[str, _DocInfo] = {}
        for n in searcher.docs_for_query(wq.Term("kind", "doc")):
            info = _DocInfo.from_meta(n, searcher.stored_fields(n)["meta"])
            self.docs[info.id] = info
        self.doc_docnums = {d.docnum for d in self.docs.values()}  # read-only
        self.groups: dict[str, list[str]] = defaultdict(list)
        for info in sorted(self.docs.values(), key=lambda d: d.seq):
            self.groups[info.group].append(info.id)
        self.scores = ScoreCache()

    def allowed(self, filters: Filters) -> set[int]:
        """Docnums of the documents the filters let through."""
        if filters.is_empty() and not filters.published_only:
            return self.doc_docnums
        spec = _FilterSpec(filters)
        return {d.docnum for d in self.docs.values() if spec.accepts(d)}


class Index:
    """A search index in one folder. Open with ``Index.open``."""

    def __init__(self, path: Path, ix):
        self.path = path
        self._ix = ix
        self._queries = QueryBuilder(ix.schema)
        self._lock = threading.RLock()
        self._searcher = None
        self._gen: tuple[object, _Generation] | None = None

    @classmethod
    def open(cls, index_dir: str | Path, create: bool = False) -> "Index":
        path = Path(index_dir)
        if windex.exists_in(str(path), indexname=INDEX_NAME):
            return cls(path, windex.open_dir(str(path), indexname=INDEX_NAME))
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
        """One writer: committed when the block ends normally, cancelled on an exception."""
        try:
            writer = self._ix.writer(timeout=0.0, limitmb=WRITER_MB)
        except LockError:
            raise IndexLockedError(f"the index at {self.path} is being updated by another run;"
                                   " try again when it has finished") from None
        searcher = self._ix.searcher()
        try:
            b = Batch(self, writer, searcher)
            yield b
            b.finish()
        except BaseException:
            writer.cancel()
            raise
        else:
            writer.commit()
        finally:
            searcher.close()

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
            self._gen = (s, _Generation(s))
        return self._gen[1]

    def files(self) -> dict[str, FileRecord]:
        with self._reading() as s:
            recs = [FileRecord(**json.loads(s.stored_fields(n)["data"]))
                    for n in s.docs_for_query(wq.Term("kind", "file"))]
        return {r.source: r for r in recs}

    def failures(self) -> list[dict]:
        return [{"source": r.source, "reason": r.reason, "detail": r.detail}
                for r in sorted(self.files().values(), key=lambda r: r.source) if r.status == "failed" or r.reason]

    def documents(self) -> list[Document]:
        with self._reading() as s:
            docs = [Document.from_dict(json.loads(s.stored_fields(n)["data"]))
                    for n in s.docs_for_query(wq.Term("kind", "doc"))]
        return sorted(docs, key=lambda d: (d.source, d.pages[0] if d.pages else 0, d.id))

    def get(self, doc_id: str, published_only: bool = False) -> Document | None:
        """One document with its passages; None when there is none (or, with
        ``published_only``, when it is restricted)."""
        with self._reading() as s:
            n = s.document_number(key="d:" + doc_id)
            if n is None:
                return None
            doc = Document.from_dict(json.loads(s.stored_fields(n)["data"]))
            if published_only and doc.restricted:
                return None
            also = self._also_in(s, self._generation(s), doc.id, published_only)
            return replace(doc, passages=self._stored_passages(s, doc_id), also_in=also)

    @staticmethod
    def _stored_passages(s, doc_id: str) -> tuple[Passage, ...]:
        q = wq.And([wq.Term("kind", "passage"), wq.Term("doc_id", doc_id)])
        ps = [Passage.from_dict(json.loads(s.stored_fields(n)["data"])) for n in s.docs_for_query(q)]
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
            n_passages = sum(1 for _ in s.docs_for_query(wq.Term("kind", "passage")))
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
        return Lexicon(self._reading, self._hidden_passages if published_only else None)

    def _hidden_passages(self, s):
        """docnum -> whether it belongs to a restricted document; None when none is."""
        gen = self._generation(s)
        hidden = {d.id for d in gen.docs.values() if d.restricted}
        return (lambda n: gen.doc_of[n] in hidden) if hidden else None

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
            gen = self._generation(s)
            allowed = gen.allowed(filters)
            ranked = self._ranked_documents(s, gen, parsed, allowed, collapse)
            hits = self._hits(s, gen, parsed, ranked[offset:offset + limit], filters.published_only)
            suggestion = None if ranked else self._suggest(
                s, gen, parsed, lambda t: bool(self._ranked_documents(s, gen, self._queries.parse(t), allowed, collapse)),
                filters.published_only)
        return SearchResult(query=query, total=len(ranked), hits=tuple(hits),
                            facets=_facets([info for _, info in ranked]), suggestion=suggestion)

    def _every_document(self, query: str, filters: Filters, limit: int, offset: int,
                        collapse: bool) -> SearchResult:
        """Every document the filters let through, newest first (undated last), each
        with its opening passage; copies of one document shown once (``collapse``)."""
        with self._reading() as s:
            gen = self._generation(s)
            allowed = gen.allowed(filters)
            docs = sorted((d for d in gen.docs.values() if d.docnum in allowed),
                          key=lambda d: (-d.end, d.seq))
            if collapse:
                firsts = {}
                for d in docs:
                    firsts.setdefault(d.group, d)
                docs = [d for d in docs if firsts[d.group] is d]
            ranked = [(0.0, d) for d in docs]
            hits = []
            for _, info in ranked[offset:offset + limit]:
                doc = Document.from_dict(json.loads(s.stored_fields(info.docnum)["data"]))
                opening = self._stored_passages(s, info.id)[:1]
                hits.append(SearchHit(doc=replace(doc, text="", page_starts=()), score=0.0,
                                      passages=tuple(_passage_hit(p, _NOTHING, 0.0) for p in opening),
                                      also_in=self._also_in(s, gen, info.id, filters.published_only)))
        return SearchResult(query=query, total=len(ranked), hits=tuple(hits),
                            facets=_facets([info for _, info in ranked]))

    @staticmethod
    def _ranked_documents(s, gen: _Generation, parsed: ParsedQuery, allowed: set[int],
                          collapse: bool) -> list[tuple[float, _DocInfo]]:
        """Every matching document, best first, in one scoring pass; with ``collapse``
        only the best-scoring copy of each duplicate group."""
        if not allowed:
            return []
        scores = score_all(s, parsed.document_query, gen.scores)
        matched = sorted(((v, n) for n, v in scores.items() if n in allowed),
                         key=lambda sn: (-sn[0], sn[1]))
        ranked, groups = [], set()
        for score, n in matched:
            info = gen.docs[gen.doc_of[n]]
            if collapse:
                if info.group in groups:
                    continue
                groups.add(info.group)
            ranked.append((score, info))
        return ranked

    def _hits(self, s, gen: _Generation, parsed: ParsedQuery,
              ranked: list[tuple[float, _DocInfo]], published_only: bool = False) -> list[SearchHit]:
        if not ranked:
            return []
        best = self._best_passages(s, gen, parsed, [info.id for _, info in ranked])
        hits = []
        for score, info in ranked:
            doc_id = info.id
            doc = Document.from_dict(json.loads(s.stored_fields(info.docnum)["data"]))
            doc = replace(doc, text="", page_starts=())
            hits.append(SearchHit(doc=doc, score=score, passages=tuple(best.get(doc_id, ())),
                                  also_in=self._also_in(s, gen, doc_id, published_only)))
        return hits

    def _best_passages(self, s, gen: _Generation, parsed: ParsedQuery,
                       doc_ids: list[str]) -> dict[str, list[PassageHit]]:
        """Up to PASSAGES_PER_HIT best passages of each document; when no single passage
        matches the whole query (its words spread over the document), passages with any of them.
        Only these documents' passages are scored (the matcher skips to them)."""
        q = wq.Or([wq.Term("doc_id", i) for i in doc_ids])
        passages = [n for n in s.docs_for_query(q) if n not in gen.doc_docnums]
        found = self._passage_hits(s, gen, parsed, parsed.query, passages)
        missing = set(doc_ids) - set(found)
        words = [wq.Term(f, t) for f, t in parsed.query.iter_all_terms() if f in ("exact", "stem")]
        if missing and words:
            rest = [n for n in passages if gen.doc_of[n] in missing]
            for doc_id, ps in self._passage_hits(s, gen, parsed, wq.Or(words), rest).items():
                found.setdefault(doc_id, ps)
        return found

    @staticmethod
    def _passage_hits(s, gen: _Generation, parsed: ParsedQuery, q: wq.Query,
                      docnums: list[int]) -> dict[str, list[PassageHit]]:
        out: dict[str, list[PassageHit]] = defaultdict(list)
        scored = sorted(_score_docnums(s, q, docnums).items(), key=lambda kv: (-kv[1], kv[0]))
        for n, score in scored:
            doc_id = gen.doc_of[n]
            if len(out[doc_id]) < PASSAGES_PER_HIT:
                p = Passage.from_dict(json.loads(s.stored_fields(n)["data"]))
                out[doc_id].append(_passage_hit(p, parsed, score))
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
            for option in corrector.suggest(word, limit=3):
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
        Documents without an organisation are left out; copies of a document count once."""
        if not query.strip():
            raise QueryError("say what to look for: `bodies` lists the organisations whose"
                             " passages match the words or phrases you give")
        parsed = self._queries.parse(query, precise=True, aliases=False)
        with self._reading() as s:
            gen = self._generation(s)
            allowed = gen.allowed(filters)
            per_org = _passages_by_org(gen, s.docs_for_query(parsed.query), allowed)
            ranked = sorted(per_org.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
            candidates = [n for _, ns in ranked for n in ns[:CANDIDATES_PER_BODY]]
            best = self._best_per_org(s, gen, parsed, candidates)
            bodies = [self._body(gen, org, docnums, best[org]) for org, docnums in ranked]
            suggestion = None if per_org else self._suggest(s, gen, parsed, lambda t: bool(_passages_by_org(
                gen, s.docs_for_query(self._queries.parse(t, precise=True, aliases=False).query), allowed)),
                filters.published_only)
        return BodiesResult(query=query, bodies=tuple(bodies), suggestion=suggestion)

    def _best_per_org(self, s, gen: _Generation, parsed: ParsedQuery,
                      docnums: list[int]) -> dict[str, list[PassageHit]]:
        """The PASSAGES_PER_BODY best-scoring of these passages for each organisation,
        scored in one pass. A passage found in several documents (one circular sent to
        several people) is shown once, with the other documents in its ``also_in``."""
        best: dict[str, list[PassageHit]] = defaultdict(list)
        seen: dict[tuple[str, str], int] = {}   # (org, folded text) -> its place in best[org]
        scored = sorted(_score_docnums(s, parsed.query, docnums).items(), key=lambda kv: (-kv[1], kv[0]))
        for n, score in scored:
            org = gen.docs[gen.doc_of[n]].org
            p = Passage.from_dict(json.loads(s.stored_fields(n)["data"]))
            key = (org, " ".join(p.text.lower().split()))
            if key in seen:
                first = best[org][seen[key]]
                best[org][seen[key]] = replace(first, also_in=first.also_in + (
                    {"doc_id": p.doc_id, "page": p.page, "ordinal": p.ordinal},))
            elif len(best[org]) < PASSAGES_PER_BODY:
                seen[key] = len(best[org])
                best[org].append(_passage_hit(p, parsed, score))
        return best

    @staticmethod
    def _body(gen: _Generation, org: str, docnums: list[int], passages: list[PassageHit]) -> Body:
        docs = sorted({gen.docs[gen.doc_of[n]] for n in docnums}, key=lambda d: (d.start or 99999999, d.id))
        dated = [d for d in docs if d.start]
        return Body(organisation=org, documents=tuple(d.id for d in docs),
                    first_date=min(dated, key=lambda d: d.start).date if dated else None,
                    last_date=max(dated, key=lambda d: d.end).date if dated else None,
                    passages=tuple(passages))


def _word_check(s, gen: _Generation, published_only: bool):
    """word -> whether a passage uses it (with ``published_only``: a published one's)."""
    if not published_only:
        return lambda word: bool(s.doc_frequency("exact", word))
    hidden = {d.id for d in gen.docs.values() if d.restricted}
    if not hidden:
        return lambda word: bool(s.doc_frequency("exact", word))

    def has(word: str) -> bool:
        try:
            postings = s.postings("exact", word)
        except TermNotFound:
            return False
        for n in postings.all_ids():
            if gen.doc_of[n] not in hidden:
                return True
        return False
    return has


def _score_docnums(s, q: wq.Query, docnums: list[int]) -> dict[int, float]:
    """Scores of ``q`` for just these documents: the matcher skips to each one
    instead of walking every match, as a collector would."""
    wanted = sorted(set(docnums))
    scores: dict[int, float] = {}
    context = s.context()
    for sub, offset in s.leaf_searchers():
        end = offset + sub.doc_count_all()
        here = [n - offset for n in wanted if offset <= n < end]
        if not here:
            continue
        m = q.matcher(sub, context)
        for local in here:
            if not m.is_active():
                break
            if m.id() < local:
                m.skip_to(local)
            if m.is_active() and m.id() == local:
                scores[local + offset] = m.score()
    return scores


def _passages_by_org(gen: _Generation, docnums, allowed) -> dict[str, list[int]]:
    """Matching passage docnums per organisation, one copy of each document counting."""
    per_org: dict[str, list[int]] = defaultdict(list)
    counted: dict[str, str] = {}   # duplicate group -> the copy that counts
    doc_of, docs, doc_docnums = gen.doc_of, gen.docs, gen.doc_docnums
    for n in docnums:
        if n in doc_docnums:
            continue
        info = docs.get(doc_of[n])
        if info is None or not info.org or info.docnum not in allowed:
            continue
        if counted.setdefault(info.group, info.id) != info.id:
            continue
        per_org[info.org].append(n)
    return per_org


def _facets(docs: list[_DocInfo]) -> dict[str, dict[str, int]]:
    """Counts by organisation, year and type over every matching document."""
    org = Counter(d.org for d in docs if d.org)
    year = Counter(d.year for d in docs if d.year)
    doc_type = Counter(d.type for d in docs if d.type)
    return {"organisation": dict(org.most_common()),
            "year": dict(sorted(year.items())),
            "doc_type": dict(doc_type.most_common())}


def _passage_hit(p: Passage, parsed: ParsedQuery, score: float) -> PassageHit:
    return PassageHit(doc_id=p.doc_id, text=p.text,
                      highlight=highlight(p.text, parsed.is_match, parsed.phrases),
                      page=p.page, recommendation=p.recommendation, score=score,
                      ordinal=p.ordinal)


# quoted phrases and field:value parts, where a respelling is not offered
_QUOTED_OR_FIELD = re.compile(r'"[^"]*"|\b\w+:\S+')


def _replace_word(text: str, word: str, new: str) -> str:
    return re.sub(r"(?i)(?<!\w)" + re.escape(word) + r"(?!\w)", new, text)
