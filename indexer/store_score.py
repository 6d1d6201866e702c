"""Scoring side of the store: every match of a query at once, as numpy arrays.

Part of the store (it reads Whoosh's posting lists directly); nothing outside
indexer/store*.py uses it.

The index holds each word of a text once, in ``exact`` (lower-cased words with
positions): a passage's text on its passage record, and on a document's record
only the words none of its passages hold (letterhead, signature). So:

- a *stemmed* term (``stem:target``, which the query parser makes from "targets")
  is the exact words of the index that share its stem (target, targets, targeted),
  found from the lexicon once per segment;
- a *document's* match of a word sums its passages' and its own record's counts,
  and its length is the sum of their lengths: BM25 over the whole document, as if
  its text had been indexed a second time, without indexing it twice;
- a phrase is matched within one record's positions.

A query becomes a pair of arrays over the searcher's records: which match and
their scores (``Hits``). Whoosh's own matchers walk one posting at a time in
Python; here a term's postings are decoded a block at a time into arrays, which
are cached per searcher generation (the index does not change under a
generation, so a cached array can never be stale).
"""
from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from functools import reduce

import numpy as np
from whoosh import query as wq
from whoosh.analysis import STOP_WORDS
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from .store_write import positions_array

K1, B = 1.2, 0.75
TEXT = "exact"          # the one indexed text field
STEM = "stem"           # the query parser's stemmed field: not indexed, looked up in TEXT
_POSTINGS_CACHED = 4096  # terms whose decoded postings a generation keeps
_SHIFT = 24              # bits for a word's position within a record
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


@dataclass
class Hits:
    """Which records (or documents) match, and their scores (0 where they do not)."""

    mask: np.ndarray    # bool, one per docnum
    scores: np.ndarray  # float64, one per docnum


class SegmentWords:
    """One segment's exact words grouped by stem; segments never change, so this is
    computed once per segment and shared by every generation that contains it."""

    def __init__(self, reader, stem):
        self.by_stem: dict[str, list[str]] = {}
        for word in reader.lexicon(TEXT):
            text = word.decode("utf-8") if isinstance(word, bytes) else word
            if text in STOP_WORDS or len(text) < 2:
                continue
            self.by_stem.setdefault(stem(text), []).append(text)


class Scorer:
    """What one searcher generation needs to score queries; built once per generation.

    ``doc_for[n]`` is the docnum of record n's document record (itself for a document,
    -1 for file records and deleted records); ``is_doc``/``is_passage`` mark the kinds.
    """

    def __init__(self, searcher, doc_for: np.ndarray, is_doc: np.ndarray,
                 is_passage: np.ndarray, words_cache: dict, stem):
        self.s = searcher
        self.n = searcher.doc_count_all()
        self.doc_for = doc_for
        self.is_doc = is_doc
        self.is_passage = is_passage
        self.alive = doc_for >= 0
        self._owned = self.alive & ~is_doc
        self._owner = np.where(self.alive, doc_for, 0)
        self.leaves = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
        self._stem = stem
        self._postings: OrderedDict = OrderedDict()
        self.length = self._lengths(TEXT)
        rec = self.alive & (self.length > 0)
        self.n_records = max(1, int(rec.sum()))
        self.avg_record = float(self.length[rec].mean()) if rec.any() else 1.0
        live = np.flatnonzero(self.alive)
        self.doc_length = np.bincount(doc_for[live], weights=self.length[live], minlength=self.n)
        self.n_docs = max(1, int(is_doc.sum()))
        self.avg_doc = float(self.doc_length[is_doc].mean()) if is_doc.any() else 1.0
        self._words = []
        for reader, _ in self.leaves:
            key = _segment_key(reader)
            if key not in words_cache:
                words_cache[key] = SegmentWords(reader, stem)
            self._words.append(words_cache[key])

    # --- public ---

    def records(self, q: wq.Query) -> Hits:
        """Each record scored by its own text (passages; documents by their rest)."""
        return self._eval(q, False)

    def documents(self, q: wq.Query) -> Hits:
        """Each document record scored by its whole text (its passages and itself)."""
        return self._eval(q, True)

    def none(self) -> Hits:
        return Hits(np.zeros(self.n, dtype=bool), np.zeros(self.n))

    # --- evaluation ---

    def _eval(self, q: wq.Query, docs: bool) -> Hits:
        if q is wq.NullQuery or isinstance(q, wq.NullQuery.__class__):
            return self.none()
        if isinstance(q, wq.Term):
            return self._boost(self._term(q.fieldname, q.text, docs), q.boost)
        if isinstance(q, wq.Phrase):
            return self._boost(self._phrase(q, docs), q.boost)
        if isinstance(q, wq.Every):
            return Hits(self._universe(docs).copy(), np.zeros(self.n))
        if isinstance(q, wq.Not):
            inner = self._eval(q.query, docs)
            return Hits(self._universe(docs) & ~inner.mask, np.zeros(self.n))
        if isinstance(q, wq.AndNot):
            a, b = self._eval(q.a, docs), self._eval(q.b, docs)
            mask = a.mask & ~b.mask
            return self._boost(Hits(mask, np.where(mask, a.scores, 0.0)), q.boost)
        if isinstance(q, wq.AndMaybe):
            a, b = self._eval(q.a, docs), self._eval(q.b, docs)
            return self._boost(Hits(a.mask, np.where(a.mask, a.scores + b.scores, 0.0)), q.boost)
        if isinstance(q, (wq.DisjunctionMax, wq.Or)):
            parts = [self._eval(sub, docs) for sub in q.subqueries]
            if not parts:
                return self.none()
            mask = reduce(np.logical_or, [p.mask for p in parts])
            combine = np.maximum if isinstance(q, wq.DisjunctionMax) else np.add  # best part, or the sum
            return self._boost(Hits(mask, reduce(combine, [p.scores for p in parts])), q.boost)
        if isinstance(q, wq.And):
            parts = [self._eval(sub, docs) for sub in q.subqueries]
            if not parts:
                return self.none()
            mask = reduce(np.logical_and, [p.mask for p in parts])
            scores = np.where(mask, reduce(np.add, [p.scores for p in parts]), 0.0)
            return self._boost(Hits(mask, scores), q.boost)
        if isinstance(q, wq.MultiTerm) and getattr(q, "fieldname", None) is not None:
            return self._boost(self._multiterm(q, docs), q.boost)
        return self._fallback(q, docs)

    def _universe(self, docs: bool) -> np.ndarray:
        return self.is_doc if docs else (self.is_doc | self.is_passage)

    @staticmethod
    def _boost(h: Hits, boost: float) -> Hits:
        return h if boost == 1.0 else Hits(h.mask, h.scores * boost)

    def _term(self, field: str, text: str, docs: bool) -> Hits:
        if field == STEM:
            return self._stemmed(text, docs)
        ids, weights = self.postings(field, text)
        if field != TEXT:
            return self._flag(ids, docs)
        return self._bm25(ids, weights, docs)

    def _stemmed(self, stem_text: str, docs: bool) -> Hits:
        """Every exact word with this stem, counted together as one term."""
        words = {w for sw in self._words for w in sw.by_stem.get(stem_text, ())}
        if not words:
            return self.none()
        got = [self.postings(TEXT, w) for w in sorted(words)]
        ids = np.concatenate([g[0] for g in got])
        weights = np.concatenate([g[1] for g in got])
        return self._bm25(ids, weights, docs)

    def _flag(self, ids: np.ndarray, docs: bool) -> Hits:
        """A metadata term (org_key, type, year...): it matches or not, score 1."""
        mask = np.zeros(self.n, dtype=bool)
        mask[ids] = True
        mask = self._spread(mask, docs)
        return Hits(mask, mask.astype(np.float64))

    def _spread(self, mask: np.ndarray, docs: bool) -> np.ndarray:
        """Metadata lives on document records: a document's match covers its passages."""
        if docs:
            return mask & self.is_doc
        return mask | (self._owned & mask[self._owner] & self.is_doc[self._owner])

    def _bm25(self, ids: np.ndarray, weights: np.ndarray, docs: bool) -> Hits:
        if docs:
            tf = np.bincount(self.doc_for[ids], weights=weights, minlength=self.n)
            length, avg, total = self.doc_length, self.avg_doc, self.n_docs
        else:
            tf = np.bincount(ids, weights=weights, minlength=self.n)
            length, avg, total = self.length, self.avg_record, self.n_records
        mask = tf > 0
        df = int(mask.sum())
        if not df:
            return self.none()
        idf = math.log(1.0 + (total - df + 0.5) / (df + 0.5))
        scores = np.zeros(self.n)
        at = np.flatnonzero(mask)
        t = tf[at]
        scores[at] = idf * t * (K1 + 1) / (t + K1 * (1 - B + B * length[at] / avg))
        return Hits(mask, scores)

    def _phrase(self, q: wq.Phrase, docs: bool) -> Hits:
        """Records with the words at consecutive positions (``slop`` apart at most), scored
        as Whoosh scores a phrase: the sum of its words' scores, times the phrase's boost."""
        words = [w.lower() for w in q.words] if q.fieldname == TEXT else list(q.words)
        if not words:
            return self.none()
        if len(words) == 1:
            return self._term(q.fieldname, words[0], docs)
        lists = [self.postings(q.fieldname, w) for w in words]
        if any(not len(ids) for ids, _ in lists):
            return self.none()
        where = self._phrase_records(q.fieldname, words, q.slop)
        if not len(where):
            return self.none()
        if q.fieldname != TEXT:
            return self._flag(where, docs)
        mask = np.zeros(self.n, dtype=bool)
        mask[self.doc_for[where] if docs else where] = True
        total = reduce(np.add, [self._bm25(ids, w, docs).scores for ids, w in lists])
        return Hits(mask, np.where(mask, total, 0.0))

    def _phrase_records(self, field: str, words: list[str], slop: int) -> np.ndarray:
        """The records holding the phrase, sorted (cached: a search asks for them twice,
        for its documents and for its passages)."""
        key = (field, tuple(words), slop, "phrase")
        got = self._postings.get(key)
        if got is not None:
            self._postings.move_to_end(key)
            return got
        # each occurrence as one number, record * 2**SHIFT + position: the phrase is where
        # word i's occurrence, moved back i places, lands on the first word's
        starts = self.positions(field, words[0])
        for i, word in enumerate(words[1:], start=1):
            at = self.positions(field, word)
            if slop <= 1:
                starts = _sorted_intersection(starts, at - i)
            else:
                starts = np.unique(np.concatenate([_sorted_intersection(starts, at - i - k)
                                                   for k in range(slop)]))
            if not len(starts):
                break
        where = np.unique(starts >> _SHIFT)
        self._remember(key, where)
        return where

    def positions(self, field: str, word: str) -> np.ndarray:
        """Every occurrence of ``word`` as record * 2**_SHIFT + position, sorted (cached)."""
        key = (field, word, "positions")
        got = self._postings.get(key)
        if got is None:
            ids, _, values = self.postings(field, word, values=True)
            counts, flat = positions_array(values)
            got = np.sort((np.repeat(ids, counts) << _SHIFT) + flat)
            self._remember(key, got)
        else:
            self._postings.move_to_end(key)
        return got

    def _multiterm(self, q: wq.MultiTerm, docs: bool) -> Hits:
        """Prefixes, wildcards, fuzzy terms: each matching word, constant score."""
        if q.fieldname == STEM:
            return self.none()  # its exact twin covers the same words
        mask = np.zeros(self.n, dtype=bool)
        for reader, _ in self.leaves:
            try:
                btexts = list(q._btexts(reader))
            except (TermNotFound, KeyError):
                continue
            for btext in btexts:
                ids, _ = self.postings(q.fieldname, btext)
                if docs and q.fieldname == TEXT:
                    mask[self.doc_for[ids]] = True
                else:
                    mask[ids] = True
        if q.fieldname != TEXT:
            mask = self._spread(mask, docs)
        mask &= self._universe(docs)
        return Hits(mask, mask.astype(np.float64))

    def _fallback(self, q: wq.Query, docs: bool) -> Hits:
        """Anything else (ranges, ...) through Whoosh: which records match, score 1."""
        ids = np.fromiter(self.s.docs_for_query(q), dtype=np.int64)
        mask = np.zeros(self.n, dtype=bool)
        text = any(f in (TEXT, STEM) for f, _ in q.iter_all_terms()) if q.has_terms() else False
        if len(ids):
            if docs and text:
                ids = self.doc_for[ids]
                ids = ids[ids >= 0]
            mask[ids] = True
        if not text:
            mask = self._spread(mask, docs)
        return Hits(mask, mask.astype(np.float64))

    # --- postings ---

    def postings(self, field: str, text, values: bool = False):
        """(docnums, weights[, values]) of a term over the live records, sorted by docnum."""
        key = (field, text, values)
        got = self._postings.get(key)
        if got is not None:
            self._postings.move_to_end(key)
            return got
        got = self._read_postings(field, text, values)
        self._remember(key, got)
        return got

    def _remember(self, key, value) -> None:
        self._postings[key] = value
        if len(self._postings) > _POSTINGS_CACHED:
            self._postings.popitem(last=False)

    def _read_postings(self, field: str, text, values: bool):
        ids_parts, w_parts, v_parts = [], [], []
        schema = self.s.schema
        if field in schema:
            try:
                btext = text if isinstance(text, bytes) else schema[field].to_bytes(text)
            except ValueError:
                btext = None
            for reader, offset in (self.leaves if btext is not None else ()):
                if (field, btext) not in reader:
                    continue
                ids, w, v = _decode(reader.postings(field, btext), values)
                ids_parts.append(ids + offset)
                w_parts.append(w)
                v_parts.extend(v)
        if not ids_parts:
            empty = (np.zeros(0, dtype=np.int64), np.zeros(0))
            return empty + ([],) if values else empty
        ids = np.concatenate(ids_parts)
        weights = np.concatenate(w_parts)
        live = self.alive[ids]
        if not live.all():
            v_parts = [v for v, ok in zip(v_parts, live.tolist()) if ok] if values else v_parts
            ids, weights = ids[live], weights[live]
        return (ids, weights, v_parts) if values else (ids, weights)

    def _lengths(self, field: str) -> np.ndarray:
        out = np.zeros(self.n)
        for reader, offset in self.leaves:
            count = reader.doc_count_all()
            out[offset:offset + count] = _segment_lengths(reader, field, count)
        return out


def _sorted_intersection(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values in both sorted, duplicate-free arrays: the shorter one looked up in the
    longer by binary search (``np.intersect1d`` sorts both again)."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return a
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    return a[b[at] == a]


def _segment_key(reader):
    seg = reader.segment()
    return (seg.segment_id(), seg.deleted_count()) if seg is not None else id(reader)


def _segment_lengths(reader, field: str, count: int) -> np.ndarray:
    """Every record's length in ``field``: Whoosh keeps one byte per record in a column."""
    try:
        col = reader._perdoc._cached_reader("_%s_len" % field, _lengths_column())
        if col is None:
            return np.zeros(count)
        out = np.zeros(count)
        have = min(col._count, count)   # records after the last with a length have none
        if have:
            raw = col._dbfile.get(col._basepos, have)
            out[:have] = _LENGTH_OF_BYTE[np.frombuffer(raw, dtype=np.uint8)]
        return out
    except AttributeError:  # another codec: ask record by record
        return np.array([reader.doc_field_length(n, field, 0) for n in range(count)], dtype=np.float64)


def _lengths_column():
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN
    return LENGTHS_COLUMN


def _decode(m, values: bool):
    """A posting list's (docnums, weights, values) read a block at a time."""
    if isinstance(m, FilterMatcher):
        m = m.child  # deleted records are dropped by the caller's ``alive`` mask
    ids, weights, vals = [], [], []
    if isinstance(m, W3LeafMatcher):
        while m.is_active():
            if m._data is None:
                m._read_data()
            data = m._data
            ids.append(np.cumsum(np.asarray(data[0], dtype=np.int64)))
            w = data[1]
            count = len(data[0])
            if w is None:
                weights.append(np.ones(count))
            elif isinstance(w, float):
                weights.append(np.full(count, w))
            else:
                weights.append(np.asarray(w, dtype=np.float64))
            if values:
                m._read_values()
                vals.extend(m._values)
            m._next_block()
    else:  # inlined postings (a short list) or another matcher: one at a time
        i, w = [], []
        while m.is_active():
            i.append(m.id())
            w.append(m.weight())
            if values:
                vals.append(m.value())
            m.next()
        ids.append(np.array(i, dtype=np.int64))
        weights.append(np.array(w, dtype=np.float64))
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0), vals
    return np.concatenate(ids), np.concatenate(weights), vals
