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

from . import dedupe, gazetteer
from .dates import date_span
from .errors import IndexLockedError, IndexMissingError
from .highlight import WORD, highlight
from .model import (Body, BodiesResult, Document, Filters, Passage, PassageHit, SearchHit,
                    SearchResult)
from .store_query import ParsedQuery, QueryBuilder, date_number, filter_query, normalise_paper

PASSAGES_PER_HIT = 3
PASSAGES_PER_BODY = 5
INDEX_NAME = "evidex"


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


def _schema() -> Schema:
    words = RegexTokenizer(WORD.pattern) | LowercaseFilter()
    stemmed = words | StopFilter() | StemFilter()
    return Schema(
        key=ID(unique=True, stored=True),
        kind=ID(stored=True),
        source=ID(stored=True),
        doc_id=ID(stored=True, sortable=True),
        group=ID(sortable=True),       # the id of the first-indexed copy of a document
        dup_of=ID,
        org_key=ID(sortable=True),     # folded canonical organisation name
        org_name=ID(sortable=True),    # canonical organisation name, for facets
        org=TEXT(analyzer=words),      # its words, for org:welsh
        author=TEXT(analyzer=words),
        type=ID(sortable=True),
        year=ID(sortable=True),
        date=ID(sortable=True),
        date_start=NUMERIC(int, bits=32, sortable=True),
        date_end=NUMERIC(int, bits=32, sortable=True),
        paper=ID,
        rec=KEYWORD,
        title=TEXT(analyzer=words),
        exact=TEXT(analyzer=words, phrase=True),
        stem=TEXT(analyzer=stemmed, phrase=False),
        lsh=KEYWORD,
        seq=NUMERIC(int, bits=64, stored=True),
        sig=STORED,
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
               "type": doc.doc_type or "other", "org_name": doc.organisation or "",
               "year": str(doc.year) if doc.year else "", "date": doc.date or ""}
    if doc.organisation:
        f["org_key"] = gazetteer.fold(doc.organisation)
        f["org"] = doc.organisation
    if doc.author:
        f["author"] = doc.author
    span = date_span(doc.date)
    if span:
        f["date_start"], f["date_end"] = date_number(span[0]), date_number(span[1])
    if doc.paper_ref:
        f["paper"] = normalise_paper(doc.paper_ref)
    if doc.recommendations:
        f["rec"] = " ".join(str(r.number) for r in doc.recommendations)
    return f


@dataclass
class _Seen:
    """A document the batch knows for duplicate detection."""

    id: str
    source: str
    seq: int
    sig: tuple[int, ...]
    root: str


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

    def put_file(self, source: str, content_hash: str, docs: list[Document]) -> None:
        """Replace everything ``source`` had with ``docs``, marking duplicates."""
        self._forget(source)
        for doc in docs:
            self._add_doc(doc)
        self._add_file(FileRecord(source, content_hash, "ok", len(docs), _now()))

    def put_failure(self, source: str, content_hash: str, reason: str, detail: str = "") -> None:
        """Record that ``source`` could not be indexed (and drop what it had)."""
        self._forget(source)
        self._add_file(FileRecord(source, content_hash, "failed", 0, _now(), reason, detail))

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
            doc = replace(doc, duplicate_of=self._original_of(doc.id, sig))
        group = doc.duplicate_of or doc.id
        meta = _meta_fields(doc, group)
        data = doc.to_dict(include_text=True)
        data.pop("also_in", None)
        self._w.add_document(key="d:" + doc.id, kind="doc", dup_of=doc.duplicate_of or "",
                             title=doc.title, exact=doc.text, stem=doc.text,
                             lsh=" ".join(dedupe.band_tokens(sig)), seq=seq, sig=list(sig),
                             data=json.dumps(data), **meta)
        for p in passages_of(doc):
            self._w.add_document(key=f"p:{doc.id}:{p.ordinal}", kind="passage", exact=p.text,
                                 stem=p.text, data=json.dumps(p.to_dict()), **meta)
        seen = _Seen(doc.id, doc.source, seq, sig, group)
        self._new.append(seen)
        for tok in dedupe.band_tokens(sig):
            self._new_by_band[tok].append(seen)

    def _original_of(self, doc_id: str, sig: tuple[int, ...]) -> str | None:
        """The id of the earliest-indexed copy of this document, if it has one."""
        best: _Seen | None = None
        for cand in self._candidates(sig):
            if cand.id == doc_id or not dedupe.is_duplicate(sig, cand.sig):
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
                        data.get("duplicate_of") or data["id"])

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


@dataclass
class _DocInfo:
    id: str
    org: str
    year: str
    doc_type: str
    date: str
    group: str


class _Generation:
    """Per-searcher-generation lookups, read once from the index's columns."""

    def __init__(self, searcher):
        reader = searcher.reader()
        self.doc_of = list(reader.column_reader("doc_id"))
        docs = searcher.docs_for_query(wq.Term("kind", "doc"))
        cols = {name: reader.column_reader(name) for name in ("org_name", "year", "type", "date", "group")}
        self.info: dict[str, _DocInfo] = {}
        for n in docs:
            i = self.doc_of[n]
            self.info[i] = _DocInfo(i, cols["org_name"][n], cols["year"][n], cols["type"][n],
                                    cols["date"][n], cols["group"][n])
        self.groups: dict[str, list[str]] = defaultdict(list)
        for info in self.info.values():
            self.groups[info.group].append(info.id)


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

    # --- writing ---

    @contextmanager
    def batch(self) -> Iterator[Batch]:
        """One writer: committed when the block ends normally, cancelled on an exception."""
        try:
            writer = self._ix.writer(timeout=0.0, limitmb=128)
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
            else:
                self._searcher = self._searcher.refresh()
            yield self._searcher

    def _generation(self, s) -> _Generation:
        gen_key = s.reader().generation()
        if self._gen is None or self._gen[0] != gen_key or gen_key is None:
            self._gen = (gen_key, _Generation(s))
        return self._gen[1]

    def files(self) -> dict[str, FileRecord]:
        with self._reading() as s:
            recs = [FileRecord(**json.loads(s.stored_fields(n)["data"]))
                    for n in s.docs_for_query(wq.Term("kind", "file"))]
        return {r.source: r for r in recs}

    def failures(self) -> list[dict]:
        return [{"source": r.source, "reason": r.reason, "detail": r.detail}
                for r in sorted(self.files().values(), key=lambda r: r.source) if r.status == "failed"]

    def documents(self) -> list[Document]:
        with self._reading() as s:
            docs = [Document.from_dict(json.loads(s.stored_fields(n)["data"]))
                    for n in s.docs_for_query(wq.Term("kind", "doc"))]
        return sorted(docs, key=lambda d: (d.source, d.pages[0] if d.pages else 0, d.id))

    def get(self, doc_id: str) -> Document | None:
        with self._reading() as s:
            n = s.document_number(key="d:" + doc_id)
            if n is None:
                return None
            doc = Document.from_dict(json.loads(s.stored_fields(n)["data"]))
            also = self._also_in(s, self._generation(s), doc.id)
            return replace(doc, passages=self._stored_passages(s, doc_id), also_in=also)

    @staticmethod
    def _stored_passages(s, doc_id: str) -> tuple[Passage, ...]:
        q = wq.And([wq.Term("kind", "passage"), wq.Term("doc_id", doc_id)])
        ps = [Passage.from_dict(json.loads(s.stored_fields(n)["data"])) for n in s.docs_for_query(q)]
        return tuple(sorted(ps, key=lambda p: p.ordinal))

    def _also_in(self, s, gen: _Generation, doc_id: str) -> tuple[dict, ...]:
        info = gen.info.get(doc_id)
        if info is None:
            return ()
        out = []
        for other in sorted(gen.groups.get(info.group, ())):
            if other != doc_id:
                n = s.document_number(key="d:" + other)
                data = json.loads(s.stored_fields(n)["data"])
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
            "documents": len(gen.info),
            "passages": n_passages,
            "organisations": len({i.org for i in gen.info.values() if i.org}),
            "failures": sum(1 for r in files.values() if r.status == "failed"),
            "last_indexed": max((r.indexed_at for r in files.values()), default=None),
        }

    # --- searching ---

    def search(self, query: str, filters: Filters = Filters(), limit: int = 10, offset: int = 0,
               collapse: bool = True) -> SearchResult:
        """Documents matching ``query`` and ``filters``, best first, each with its best
        passages highlighted; copies of one document are shown once (``collapse``)."""
        parsed = self._queries.parse(query)
        q = _with_filters(wq.Term("kind", "doc"), parsed.query, filters)
        with self._reading() as s:
            gen = self._generation(s)
            matched = [gen.doc_of[n] for n in s.docs_for_query(q)]
            shown_groups = _representatives(gen, matched, collapse)
            facets = _facets(gen, shown_groups)
            page = s.search(q, limit=offset + limit, collapse="group" if collapse else None,
                            terms=False)
            ranked = [(h.score, gen.doc_of[h.docnum]) for h in page][offset:]
            hits = self._hits(s, gen, parsed, filters, ranked)
            suggestion = None if matched else self._suggest(s, parsed)
        return SearchResult(query=query, total=len(shown_groups), hits=tuple(hits),
                            facets=facets, suggestion=suggestion)

    def _hits(self, s, gen: _Generation, parsed: ParsedQuery, filters: Filters,
              ranked: list[tuple[float, str]]) -> list[SearchHit]:
        if not ranked:
            return []
        ids = [doc_id for _, doc_id in ranked]
        best = self._best_passages(s, parsed, ids)
        hits = []
        for score, doc_id in ranked:
            n = s.document_number(key="d:" + doc_id)
            doc = Document.from_dict(json.loads(s.stored_fields(n)["data"]))
            doc = replace(doc, text="", page_starts=())
            hits.append(SearchHit(doc=doc, score=score, passages=tuple(best.get(doc_id, ())),
                                  also_in=self._also_in(s, gen, doc_id)))
        return hits

    def _best_passages(self, s, parsed: ParsedQuery, doc_ids: list[str]) -> dict[str, list[PassageHit]]:
        """Up to PASSAGES_PER_HIT best passages of each document; when no single passage
        matches the whole query (words spread over the document), passages with any of its words."""
        in_docs = wq.Or([wq.Term("doc_id", i) for i in doc_ids])
        found = self._passage_hits(s, parsed, wq.And([wq.Term("kind", "passage"), in_docs, parsed.query]))
        missing = [i for i in doc_ids if i not in found]
        if missing:
            words = [wq.Term(f, t) for f, t in parsed.query.iter_all_terms() if f in ("exact", "stem")]
            if words:
                loose = wq.And([wq.Term("kind", "passage"), wq.Or([wq.Term("doc_id", i) for i in missing]),
                                wq.Or(words)])
                for doc_id, ps in self._passage_hits(s, parsed, loose).items():
                    found.setdefault(doc_id, ps)
        return found

    def _passage_hits(self, s, parsed: ParsedQuery, q: wq.Query) -> dict[str, list[PassageHit]]:
        out: dict[str, list[PassageHit]] = defaultdict(list)
        for hit in s.search(q, limit=None, terms=False):
            p = Passage.from_dict(json.loads(hit["data"]))
            if len(out[p.doc_id]) < PASSAGES_PER_HIT:
                out[p.doc_id].append(_passage_hit(p, parsed, hit.score))
        return out

    def _suggest(self, s, parsed: ParsedQuery) -> str | None:
        """A respelling of the query from the index's words, when one exists."""
        corrector = s.corrector("exact")
        text = parsed.text
        changed = False
        for word in sorted(parsed.exact_words):
            if s.doc_frequency("exact", word):
                continue
            options = corrector.suggest(word, limit=1)
            if options:
                text = _replace_word(text, word, options[0])
                changed = True
        return text if changed else None

    def bodies(self, query: str, filters: Filters = Filters(), limit: int = 50) -> BodiesResult:
        """Organisations whose passages match ``query``, those that said most first."""
        parsed = self._queries.parse(query, precise=True, aliases=False)
        q = _with_filters(wq.Term("kind", "passage"), parsed.query, filters)
        with self._reading() as s:
            gen = self._generation(s)
            results = s.search(q, limit=None, terms=False)
            per_org: dict[str, list[tuple[float, int, str]]] = defaultdict(list)
            seen_groups: dict[str, str] = {}
            for score, docnum in results.top_n:
                info = gen.info.get(gen.doc_of[docnum])
                if info is None or not info.org:
                    continue
                # one copy of a document counts: the first one met
                if seen_groups.setdefault(info.group, info.id) != info.id:
                    continue
                per_org[info.org].append((score, docnum, info.id))
            ranked = sorted(per_org.items(), key=lambda kv: (-len(kv[1]), -sum(x[0] for x in kv[1]), kv[0]))
            bodies = [self._body(s, gen, parsed, org, rows) for org, rows in ranked[:limit]]
            suggestion = None if per_org else self._suggest(s, parsed)
        return BodiesResult(query=query, bodies=tuple(bodies), suggestion=suggestion)

    def _body(self, s, gen: _Generation, parsed: ParsedQuery, org: str,
              rows: list[tuple[float, int, str]]) -> Body:
        doc_ids = list(dict.fromkeys(doc_id for _, _, doc_id in rows))
        dates = sorted((gen.info[i].date for i in doc_ids if gen.info[i].date), key=_date_key)
        doc_ids.sort(key=lambda i: (_date_key(gen.info[i].date) if gen.info[i].date else "9", i))
        passages = []
        for score, docnum, _ in rows[:PASSAGES_PER_BODY]:
            p = Passage.from_dict(json.loads(s.stored_fields(docnum)["data"]))
            passages.append(_passage_hit(p, parsed, score))
        return Body(organisation=org, documents=tuple(doc_ids),
                    first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
                    passages=tuple(passages))


def _with_filters(kind: wq.Query, q: wq.Query, filters: Filters) -> wq.Query:
    fq = filter_query(filters)
    return wq.And([kind, q] + ([fq] if fq is not None else []))


def _representatives(gen: _Generation, matched: list[str], collapse: bool) -> list[_DocInfo]:
    """One matched document per duplicate group (or every one when not collapsing)."""
    if not collapse:
        return [gen.info[i] for i in matched]
    reps: dict[str, _DocInfo] = {}
    for doc_id in matched:
        info = gen.info[doc_id]
        reps.setdefault(info.group, info)
    return list(reps.values())


def _facets(gen: _Generation, docs: list[_DocInfo]) -> dict[str, dict[str, int]]:
    org = Counter(d.org for d in docs if d.org)
    year = Counter(d.year for d in docs if d.year)
    doc_type = Counter(d.doc_type for d in docs if d.doc_type)
    return {"organisation": dict(org.most_common()),
            "year": dict(sorted(year.items())),
            "doc_type": dict(doc_type.most_common())}


def _passage_hit(p: Passage, parsed: ParsedQuery, score: float) -> PassageHit:
    return PassageHit(doc_id=p.doc_id, text=p.text,
                      highlight=highlight(p.text, parsed.is_match, parsed.phrases),
                      page=p.page, recommendation=p.recommendation, score=score)


def _date_key(date: str) -> str:
    span = date_span(date)
    return span[0] if span else ""


def _replace_word(text: str, word: str, new: str) -> str:
    return re.sub(r"(?i)(?<!\w)" + re.escape(word) + r"(?!\w)", new, text)
