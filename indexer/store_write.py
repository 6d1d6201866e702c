"""How the store writes Whoosh segments: the codec, the writer's pool, and merging.

Part of the store (it drives Whoosh's writer); nothing outside indexer/store*.py uses it.
Profiled on generated letters, Whoosh's own write path spent its time on per-posting
Python work; each part below removes one such cost and keeps what is written readable
by Whoosh's readers (and by ``store_score``).

**Analysed in the workers.** ``PreAnalysedText`` is a text field that also accepts its
postings already computed (``Analysed``: words, counts, encoded positions, as columns),
so extraction workers tokenise on the other core and the one writer only files them.
``analyse`` gives what the field's own ``index`` gives (tested).

**Positions** are ``CompactPositions``: a width byte and the positions at that width
(two bytes for a word seen once), where Whoosh's ``Positions`` pickles a list.

**Pool.** ``TermPool`` groups postings by term as they arrive; Whoosh's pool keeps every
posting as a tuple, sorts them all and feeds them to the codec one call at a time.
``FieldWriter`` writes each term's list at once, a block at a time (``PostingsWriter``),
blocks packed as arrays (``_packed_block``) and pickled with protocol 5; short lists are
kept in the term table (``INLINE``).

**Codec.** Whoosh's default codec records, for every block, the shortest and longest
field length among its records, for block-max scoring; reading those lengths back was
the largest single cost of a commit, and ``store_score`` scores every match. ``Codec``
is Whoosh's with those statistics off.

**Merging.** Every commit writes one segment. A segment's *tier* is the base-``FANOUT``
logarithm of its live record count; once a tier holds ``FANOUT`` segments its smallest
are merged, up to ``LARGEST_MERGE`` records, so one commit never pays for rewriting
much of the archive (Whoosh's default policy re-merged most of the index at every
commit). Segments with many deleted records are merged early (``choose_merge``; the
merge itself runs beside the batch, ``store_merge``). A merge copies a segment's full
posting blocks as they are but for their first docnum (``Shifted``), and records' stored
values still compressed.

**Band tables.** Each segment also writes a ``TermTable`` of the fields in
``Codec.table_fields`` (the duplicate bands): terms and docnums searched with numpy.
"""
from __future__ import annotations

import heapq
import math
import operator
from itertools import accumulate
import pickle
import struct
import zlib
from array import array

import numpy as np
from whoosh import columns, formats
from whoosh.columns import VarBytesColumn
from whoosh.codec.whoosh3 import (WHOOSH3_HEADER_MAGIC, W3Codec, W3FieldWriter, W3LeafMatcher,
                                  W3PostingsWriter, W3TermInfo)
from whoosh.fields import TEXT
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

FANOUT = 10
SMALLEST = 10_000        # records: every segment below this shares the lowest tier
DELETED_SHARE = 0.3    # a segment this much deleted is rewritten with its tier
# records: a merge never makes a segment larger than this, so that no one commit pays for
# rewriting the archive (Lucene's TieredMergePolicy caps merged segments the same way);
# at about 0.1 ms a record, a merge costs at most some 6 s
LARGEST_MERGE = 60_000
INLINE = 4               # postings: a shorter list is kept in its term's table entry
_ANALYSED_KEPT = 4096    # metadata values whose postings a writer remembers
_WORTH_COMPRESSING = 48  # bytes: a block's data shorter than this is stored as it is


def _tier(live: int) -> int:
    return 0 if live < SMALLEST else 1 + int(math.log(live / SMALLEST, FANOUT))


def tiered_merge(writer, segments):
    """A Whoosh ``mergetype``: merge ``choose_merge``'s segments into the writer's new
    segment; keep the rest as they are."""
    from whoosh.reading import SegmentReader

    merge = choose_merge(segments)
    for seg in merge:
        writer.add_reader(SegmentReader(writer.storage, writer.schema, seg))
    return [s for s in segments if s not in merge]


def choose_merge(segments: list) -> list:
    """The segments to merge now: those of the lowest tier that has FANOUT segments (or
    a much-deleted segment), its smallest up to LARGEST_MERGE records in all; none when
    no tier is full."""
    tiers: dict[int, list] = {}
    for seg in segments:
        tiers.setdefault(_tier(seg.doc_count()), []).append(seg)
    for tier in sorted(tiers):
        members = sorted(tiers[tier], key=lambda s: s.doc_count())
        worn = [s for s in members if s.doc_count_all()
                and s.deleted_count() / s.doc_count_all() >= DELETED_SHARE]
        if len(members) >= FANOUT or worn:
            merge = _within_cap(members, worn)
            if merge:
                return merge
    return []


def _within_cap(members: list, worn: list) -> list:
    """The segments of one tier to merge: every worn one, then the smallest others,
    while the merged segment stays within LARGEST_MERGE live records."""
    chosen, total = [], 0
    for seg in worn + [s for s in members if s not in worn]:
        if chosen and total + seg.doc_count() > LARGEST_MERGE:
            break
        chosen.append(seg)
        total += seg.doc_count()
    if len(chosen) < 2 and not worn:
        return []
    return chosen


class Codec(W3Codec):
    """Whoosh 3's codec without per-block length statistics (see the module doc), with
    postings written a block at a time (``FieldWriter``) and blocks pickled with a
    current protocol. Segments record their codec: this class keeps its name and module."""

    length_stats = False
    table_fields: tuple[str, ...] = ()  # fields each segment also writes a TermTable of

    def __init__(self, blocklimit=128, compression=3, inlinelimit=INLINE, table_fields=()):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)
        self.table_fields = tuple(table_fields)

    def field_writer(self, storage, segment):
        return FieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return PostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                              compression=self._compression, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return BlockMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class PostingsWriter(W3PostingsWriter):
    """Whoosh 3's posting-list writer, taking a term's postings as lists (``add_list``)
    rather than one call per posting. Blocks are the same tuples, pickled with protocol
    5 (protocol 2 pickles each bytes value as a call to ``codecs.encode``); Whoosh's
    reader unpickles either."""

    _raw = None  # a copied block not yet written (see ``add_shifted``)

    def add_list(self, ids: list[int], weights: list[float], values: list[bytes]) -> None:
        """Postings of the current term, in docnum order after any already added
        (``values`` empty for a format without values)."""
        limit, at = self._blocklimit, 0
        while at < len(ids):
            if len(self._ids) >= limit:
                self._write_block()
            take = limit - len(self._ids)
            self._ids.extend(ids[at:at + take])
            self._weights.extend(weights[at:at + take])
            self._values.extend(values[at:at + take])
            at += take

    def add_shifted(self, m: BlockMatcher, offset: int) -> None:
        """A merged segment's posting list for the current term (``m`` at its start),
        every docnum moved up by ``offset``. A full block is copied as it is but for its
        first docnum (its ids are gaps from it): its values are neither split nor joined,
        nor its weights decoded. A partial block (a list's last) is decoded into the buffer."""
        limit, fmt = self._blocklimit, self._format
        while m.is_active():
            raw = _shifted_block(m, offset) if m._blocklength == limit else None
            if raw is not None:
                if self._ids:
                    self._write_block()
                self._write_raw(m, offset, *raw)
            else:
                m._read_data()
                data = m._data
                ids = (np.cumsum(np.asarray(data[0], dtype=np.int64)) + offset).tolist()
                w = data[1]
                weights = ([1.0] * len(ids) if w is None else [w] * len(ids)
                           if isinstance(w, float) else list(w))
                values = []
                if fmt.fixed_value_size() != 0:
                    m._read_values()
                    values = [v if v is not None else b"" for v in m._values]
                self.add_list(ids, weights, values)
            m._next_block()

    def _write_raw(self, m: BlockMatcher, offset: int, databytes: bytes, comp: int,
                   weight: float, first: int) -> None:
        """Hold a source block that ``_shifted_block`` has re-based; it is written when
        the next block comes or the term ends (a list's last block is marked as such)."""
        self._flush_raw()
        info, count, maxid = self._terminfo, m._blocklength, m._maxid + offset
        info._weight += weight
        info._df += count
        info._maxweight = max(info._maxweight, m._maxweight)
        if info._minid is None:
            info._minid = first
        info._maxid = maxid
        infobytes = pickle.dumps((count, maxid, m._maxweight, comp,
                                  length_to_byte(m._minlength), length_to_byte(m._maxlength)), 2)
        self._raw = (infobytes, databytes)

    def _flush_raw(self, last: bool = False) -> None:
        if self._raw is None:
            return
        infobytes, databytes = self._raw
        self._raw = None
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        length = len(infobytes) + len(databytes)
        self._postfile.write_int(-length if last else length)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1

    def finish_postings(self):
        """As Whoosh's, but a short list goes into its term's entry in the term table
        (Whoosh 3 calls a method its term info does not have, so it never inlines)."""
        terminfo = self._terminfo
        self._flush_raw(last=not self._ids)
        if self._ids:
            self._maxweight = max(self._weights)
        if not self.written() and len(self) < self._inlinelimit:
            terminfo.add_block(self)
            terminfo.set_inlined(self._ids.tolist(), self._weights.tolist(), self._values)
            self._terminfo = None
            return terminfo
        return super().finish_postings()

    def _write_block(self, last=False):
        self._flush_raw()
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        databytes = pickle.dumps(_packed_block(self._mini_ids(), self._mini_weights(),
                                               self._mini_values()), 5)
        comp = self._compression
        if comp and len(databytes) > _WORTH_COMPRESSING:
            packed = zlib.compress(databytes, comp)
            comp, databytes = (comp, packed) if len(packed) < len(databytes) else (0, databytes)
        else:
            comp = 0   # most terms are rare: their one small block would only grow
        ids = self._ids
        self._maxweight = max(self._weights)
        infobytes = pickle.dumps((len(ids), ids[-1], self._maxweight, comp,
                                  length_to_byte(self._minlength), length_to_byte(self._maxlength)), 2)
        length = len(infobytes) + len(databytes)
        self._postfile.write_int(-length if last else length)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()

    def _mini_ids(self):
        """The gaps between docnums, the first from 0 (as Whoosh's ``delta_encode``)."""
        ids = self._ids
        return (ids[0], *map(operator.sub, ids[1:], ids[:-1]))

    def _mini_weights(self):
        """None when every weight is 1, one float when all are equal, else the weights;
        as ``_pack_ints`` bytes when they are all counts (as the text field's are)."""
        weights = self._weights
        first = weights[0]
        if weights.count(first) == len(weights):
            return None if first == 1.0 else first
        counts = list(map(int, weights))
        if counts == weights.tolist() and 0 <= min(counts) and max(counts) < 2**32:
            return _pack_ints(counts)
        return tuple(weights)


def _packed_block(ids: tuple, weights, values) -> tuple:
    """A block's (id gaps, weights, values) as Whoosh minifies them, packed as arrays
    (four pickled items rather than up to three per posting): id gaps as ``_pack_ints``,
    values joined, with their lengths. ``BlockMatcher`` reads it back."""
    if isinstance(values, tuple):
        return _pack_ints(ids), weights, b"".join(values), _pack_ints([len(v) for v in values])
    return _pack_ints(ids), weights, values, None


def _unpacked_block(data: tuple) -> tuple:
    """``_packed_block`` undone: the tuple Whoosh's matcher reads."""
    if len(data) != 4:
        return data
    ids, weights, values, lengths = data
    if isinstance(weights, bytes):
        weights = array("f", _unpack_ints(weights))
    if lengths is not None:
        ends = list(accumulate(_unpack_ints(lengths)))
        values = tuple(values[a:b] for a, b in zip([0] + ends, ends))
    return tuple(_unpack_ints(ids)), weights, values


def _pack_ints(numbers: list[int]) -> bytes:
    top = max(numbers) if numbers else 0
    code = "B" if top < 2**8 else "H" if top < 2**16 else "I"
    return code.encode() + array(code, numbers).tobytes()


def _unpack_ints(packed: bytes) -> list[int]:
    return array(chr(packed[0]), packed[1:]).tolist()


def _shifted_block(m, offset: int) -> tuple[bytes, int, float, int] | None:
    """The data of the block ``m`` is at with every docnum moved up by ``offset``, as
    (data bytes, compression, sum of weights, first docnum); None for a block not in
    ``_packed_block``'s form. Only the first id gap changes: it is the first docnum."""
    comp = m._compression
    raw = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
    data = pickle.loads(zlib.decompress(raw) if comp else raw)
    if len(data) != 4:
        return None
    ids, weights, values, lengths = data
    gaps = _unpack_ints(ids)
    gaps[0] += offset
    count = len(gaps)
    weight = (float(count) if weights is None else count * weights if isinstance(weights, float)
              else float(sum(_unpack_ints(weights) if isinstance(weights, bytes) else weights)))
    databytes = pickle.dumps((_pack_ints(gaps), weights, values, lengths), 5)
    if comp:
        databytes = zlib.compress(databytes, comp)
    return databytes, comp, weight, gaps[0]


class BlockMatcher(W3LeafMatcher):
    """Whoosh 3's posting reader for blocks written by ``PostingsWriter``."""

    def _read_data(self):
        super()._read_data()
        self._data = _unpacked_block(self._data)


class TermInfo(W3TermInfo):
    """Whoosh 3's term info, its inlined postings pickled with protocol 5 (Whoosh's
    reader unpickles any protocol; protocol 2 spells each bytes value out as text)."""

    def to_bytes(self):
        if not self.is_inlined():
            return super().to_bytes()
        minlength = 0 if self._minlength is None else length_to_byte(self._minlength)
        head = self._struct.pack(True, self._weight, self._df, minlength,
                                 length_to_byte(self._maxlength), self._maxweight,
                                 0xFFFFFFFF if self._minid is None else self._minid,
                                 0xFFFFFFFF if self._maxid is None else self._maxid)
        return head + pickle.dumps(self._inlined, 5)


class FieldWriter(W3FieldWriter):
    """Writes a ``TermPool``'s postings term by term, each term's list at once."""

    def start_term(self, btext):
        self._btext = btext
        self._postwriter.start_postings(self._fieldobj.format, TermInfo())

    def add_postings(self, schema, lengths, items):
        if not isinstance(items, TermPool):
            return super().add_postings(schema, lengths, items)
        tables = {name: [] for name in self._codec.table_fields}
        for fieldname, terms in items.fields(schema):
            fieldobj = schema[fieldname]
            no_values = fieldobj.format.fixed_value_size() == 0
            table = tables.get(fieldname)
            self.start_field(fieldname, fieldobj)
            postwriter = self._postwriter
            for btext, runs in terms:
                self.start_term(btext)
                for run in runs:
                    if isinstance(run, Shifted):
                        postwriter.add_shifted(run.matcher(), run.offset)
                    else:
                        ids, weights, values = run
                        postwriter.add_list(ids, weights, [] if no_values else values)
                if table is not None:
                    table.append((btext, [i for run in runs for i in
                                          (run.lists()[0] if isinstance(run, Shifted) else run[0])]))
                self.finish_term()
            self.finish_field()
        for fieldname, table in tables.items():
            out = self._create_file(TermTable.ext(fieldname))
            out.write(TermTable.of(table).to_bytes())
            out.close()


class TermTable:
    """One field's terms in one segment, with the docnums holding each, in a file written
    with the segment (for the fields in ``Codec.table_fields``). The duplicate check
    looks up each new document's band tokens in every segment: numpy finds them in one
    call, where Whoosh's term table takes a hash lookup and a matcher per token, and
    its lexicon must be read whole to be held in memory."""

    _HEAD = struct.Struct("<4sIIQ")  # magic, terms, bytes per term, docnums
    _MAGIC = b"EVT1"

    def __init__(self, terms: np.ndarray, starts: np.ndarray, docnums: np.ndarray):
        self.terms, self.starts, self.docnums = terms, starts, docnums

    @staticmethod
    def ext(fieldname: str) -> str:
        return f".{fieldname}.tbl"

    @classmethod
    def of(cls, items: list[tuple[bytes, list[int]]]) -> TermTable:
        """From (term, its docnums) in term order."""
        width = max((len(t) for t, _ in items), default=1)
        terms = np.array([t for t, _ in items], dtype=f"S{width}")
        lengths = np.array([len(ids) for _, ids in items], dtype=np.int64)
        starts = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
        docnums = np.array([i for _, ids in items for i in ids], dtype=np.int32)
        return cls(terms, starts, docnums)

    def to_bytes(self) -> bytes:
        head = self._HEAD.pack(self._MAGIC, len(self.terms), self.terms.dtype.itemsize,
                               len(self.docnums))
        return head + self.terms.tobytes() + self.starts.astype("<i8").tobytes() + \
            self.docnums.astype("<i4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> TermTable:
        """Raises ValueError for data that is not a whole table."""
        if len(data) < cls._HEAD.size:
            raise ValueError("term table too short")
        magic, n, width, total = cls._HEAD.unpack_from(data)
        at = cls._HEAD.size
        if magic != cls._MAGIC or len(data) != at + n * width + 8 * (n + 1) + 4 * total:
            raise ValueError("not a whole term table")
        terms = np.frombuffer(data, dtype=f"S{width}", count=n, offset=at)
        at += n * width
        starts = np.frombuffer(data, dtype="<i8", count=n + 1, offset=at)
        docnums = np.frombuffer(data, dtype="<i4", count=total, offset=at + 8 * (n + 1))
        return cls(terms, starts, docnums)

    def docnums_of(self, terms: list[bytes]) -> np.ndarray:
        """The docnums holding any of ``terms``, each once, in order."""
        width = self.terms.dtype.itemsize
        terms = [t for t in terms if len(t) <= width]  # a longer term is in no table entry
        if not len(self.terms) or not terms:
            return np.zeros(0, dtype=np.int32)
        wanted = np.array(terms, dtype=self.terms.dtype)
        at = np.searchsorted(self.terms, wanted)
        found = at < len(self.terms)
        found[found] = self.terms[at[found]] == wanted[found]
        parts = [self.docnums[self.starts[i]:self.starts[i + 1]] for i in at[found].tolist()]
        return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int32)


class TermPool:
    """A segment's postings before they are written: grouped by term as they arrive
    (Whoosh's pool keeps every posting as a tuple and sorts them all at the end), and,
    for segments being merged in, their readers, whose posting lists are copied a
    block at a time when the segment is written (Whoosh copies them one posting at
    a time into its pool)."""

    def __init__(self):
        self._terms: dict[tuple[str, bytes], tuple[list, list, list]] = {}
        self._readers: list[tuple] = []  # (reader, old -> new docnum, offset or None, terms by field)
        self.fieldnames: set[str] = set()

    def add_analysed(self, fieldname: str, docnum: int, analysed: Analysed) -> int:
        """A record's postings in one field; returns the record's length in it."""
        terms = self._terms
        for btext, count, value in zip(analysed.words, analysed.counts, analysed.values):
            got = terms.get((fieldname, btext))
            if got is None:
                got = terms[(fieldname, btext)] = ([], [], [])
            got[0].append(docnum)
            got[1].append(count)
            got[2].append(value)
        self.fieldnames.add(fieldname)
        return sum(analysed.counts)

    def add(self, item) -> None:
        fieldname, btext, docnum, weight, value = item
        got = self._terms.get((fieldname, btext))
        if got is None:
            got = self._terms[(fieldname, btext)] = ([], [], [])
            self.fieldnames.add(fieldname)
        got[0].append(docnum)
        got[1].append(weight)
        got[2].append(value if value is not None else b"")

    def add_reader(self, reader, docmap: np.ndarray) -> None:
        """A segment being merged in: its terms (with where their postings are) by field,
        read once from its term table, and ``docmap`` (its docnums in the new segment,
        -1 for deleted records)."""
        by_field: dict[str, list] = {}
        for (fieldname, btext), info in reader._terms.items():
            by_field.setdefault(fieldname, []).append((btext, info))
        # without deletions the docnums move up together: blocks can be copied (``Shifted``)
        offset = int(docmap[0]) if len(docmap) and not reader.has_deletions() else None
        self._readers.append((reader, docmap, offset, by_field))
        self.fieldnames.update(by_field)

    def docmap_of_last(self) -> np.ndarray:
        """The docnums in the new segment of the segment last added (-1: deleted)."""
        return self._readers[-1][1]

    def iter_postings(self):
        return self

    def __iter__(self):
        """Every posting as (field, term, docnum, weight, value), in order (for any
        other consumer than ``FieldWriter``)."""
        for fieldname, terms in self.fields(None):
            for btext, runs in terms:
                for run in runs:
                    ids, weights, values = run.lists() if isinstance(run, Shifted) else run
                    for i, docnum in enumerate(ids):
                        yield fieldname, btext, docnum, weights[i], values[i] if values else None

    def fields(self, schema):
        """(field name, its terms in order as (term, runs)), by field name. A term's runs
        hold its postings in docnum order: (ids, weights, values) lists, or a ``Shifted``
        posting list of a merged segment."""
        by_field: dict[str, list[bytes]] = {}
        for fieldname, btext in self._terms:
            by_field.setdefault(fieldname, []).append(btext)
        for fieldname in sorted(set(by_field) | {f for *_, fields in self._readers for f in fields}):
            if schema is not None and fieldname not in schema:
                continue
            yield fieldname, self._terms_of(fieldname, sorted(by_field.get(fieldname, ())),
                                            schema[fieldname].format if schema is not None else None)

    def _terms_of(self, fieldname: str, mine: list[bytes], format_):
        if not self._readers:
            for btext in mine:
                yield btext, [self._terms[(fieldname, btext)]]
            return
        # every source's terms in order: this writer's (source -1), then each segment's
        sources = [[(btext, -1, None) for btext in mine]]
        for i, (_, _, _, fields) in enumerate(self._readers):
            sources.append([(btext, i, info) for btext, info in fields.get(fieldname, ())])
        merged = heapq.merge(*sources, key=lambda item: (item[0], item[1]))
        current, runs = None, []
        for btext, source, info in merged:
            if btext != current:
                if runs:
                    yield current, runs
                current = btext
                got = self._terms.get((fieldname, btext))
                runs = [got] if got else []
            if source < 0:
                continue
            reader, docmap, offset, _ = self._readers[source]
            if offset is not None and not info.is_inlined():
                runs.append(Shifted(reader, info, format_, offset))
            else:
                got = _read(reader, info, format_, docmap)
                if got[0]:  # not every posting deleted
                    runs.append(got)
        if runs:
            yield current, runs

    def cleanup(self) -> None:
        self._terms.clear()
        for reader, *_ in self._readers:
            reader.close()
        self._readers.clear()


class Shifted:
    """A term's posting list in a segment being merged whose records all move up by
    ``offset`` docnums (it has no deletions): ``PostingsWriter.add_shifted`` copies it."""

    def __init__(self, reader, info, format_, offset: int):
        self.reader, self.info, self.format, self.offset = reader, info, format_, offset

    def matcher(self) -> BlockMatcher:
        return _postings_reader(self.reader, self.info, self.format)

    def lists(self) -> tuple[list, list, list]:
        return _read(self.reader, self.info, self.format, None, self.offset)


def _read(reader, info, format_, docmap: np.ndarray | None, offset: int = 0):
    """A term's live postings in a merged segment (``info``: its term info there),
    renumbered for the new segment."""
    from .store_score import _decode

    ids, weights, values = _decode(_postings_reader(reader, info, format_), values=True)
    new = docmap[ids] if docmap is not None else ids + offset
    live = new >= 0
    if not live.all():
        new, weights = new[live], weights[live]
        values = [v for v, ok in zip(values, live.tolist()) if ok] if values else values
    return new.tolist(), weights.tolist(), [v if v is not None else b"" for v in values]


def _postings_reader(reader, info, format_):
    """The matcher over the posting list ``info`` describes in ``reader``'s segment."""
    terms = reader._terms
    return terms._codec.postings_reader(terms._postfile, info, format_)


class Writer(SegmentWriter):
    """Whoosh's segment writer with a ``TermPool`` for its postings."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool.cleanup()
        self.pool = TermPool()
        self._analysed: dict = {}

    def add_document(self, **fields):
        """Whoosh's ``add_document`` for the store's schema, which has no boosts, term
        vectors or spelling fields: a field given as ``Analysed`` goes to the pool as a
        whole (Whoosh's loop makes a tuple and a call for each posting)."""
        self._check_state()
        if any(name.startswith("_") for name in fields):
            raise ValueError("boosts and custom stored values are not supported here")
        perdoc, schema, pool, docnum = self.perdocwriter, self.schema, self.pool, self.docnum
        names = sorted(fields)
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    if isinstance(value, Analysed):
                        length = pool.add_analysed(name, docnum, value)
                    else:
                        for btext, freq, weight, vbytes in self._postings_of(name, field, value):
                            length += freq
                            pool.add((name, btext, docnum, weight, vbytes))
                perdoc.add_field(name, field, value if field.stored else None,
                                 length if field.scorable else 0)
                if field.column_type:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        except BaseException:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _postings_of(self, name: str, field, value) -> list:
        """``field.index(value)``, remembered: a file's passages repeat the same source,
        document id and kind, so most metadata values are analysed once, not per record."""
        key = (name, value)
        got = self._analysed.get(key)
        if got is None:
            if len(self._analysed) >= _ANALYSED_KEPT:
                self._analysed.clear()
            got = self._analysed[key] = list(field.index(value))
        return got

    def write_per_doc(self, fieldnames, reader):
        """Whoosh's copy of a merged segment's records (stored values, lengths, columns),
        for the store's schema (no term vectors). Each field's lengths are read once per
        segment: Whoosh asks the codec for each record's length in each field, and for a
        field without lengths that is a file-system ``stat`` every time."""
        from .store_score import _segment_lengths

        schema = self.schema
        docmap = {} if reader.has_deletions() else None
        pdw = self.perdocwriter
        count = reader.doc_count_all()
        names = sorted(name for name in fieldnames if name in schema)
        if any(schema[name].vector for name in names):
            return super().write_per_doc(fieldnames, reader)
        lengths = {name: _segment_lengths(reader, name, count).astype(np.int64).tolist()
                   for name in names if schema[name].scorable}
        cols = {}
        for name in names:
            coltype = schema[name].column_type
            if coltype and reader.has_column(name):
                creader = reader.column_reader(name, coltype)
                if isinstance(creader, columns.TranslatingColumnReader):
                    creader = creader.raw_column()
                cols[name] = (coltype, creader)
        stored_in, stored_out = _raw_stored(reader, pdw)
        for docnum in reader.all_doc_ids():
            if docmap is not None:
                docmap[docnum] = self.docnum
            pdw.start_doc(self.docnum)
            for name in names:
                lens = lengths.get(name)
                if lens and lens[docnum]:
                    pdw.add_field(name, schema[name], None, lens[docnum])
                if name in cols:
                    coltype, creader = cols[name]
                    pdw.add_column_value(name, coltype, creader[docnum])
            pdw.finish_doc()
            raw = VarBytesColumn.Reader.__getitem__(stored_in, docnum)
            if raw:   # the record's stored values, copied still pickled and compressed
                VarBytesColumn.Writer.add(stored_out, self.docnum, raw)
            self.docnum += 1
        return docmap

    def add_postings_to_pool(self, reader, startdoc, docmap):
        count = reader.doc_count_all()
        if docmap is None:
            new = np.arange(startdoc, startdoc + count, dtype=np.int64)
        else:
            new = np.full(count, -1, dtype=np.int64)
            for old, to in docmap.items():
                new[old] = to
        self.pool.add_reader(reader, new)


def _raw_stored(reader, perdoc):
    """The stored-values column of a segment being merged and of the segment being
    written, as the byte columns under their pickling and compression (Whoosh 3's
    ``PickleColumn(CompressedBytesColumn())``), so a record's values are copied as they
    are rather than inflated, unpickled, pickled and deflated again."""
    from whoosh.codec.whoosh3 import STORED_COLUMN

    source = reader._perdoc._cached_reader("_stored", STORED_COLUMN)
    target = perdoc._colwriters["_stored"]
    if not (isinstance(source._child, columns.CompressedBytesColumn.Reader)
            and isinstance(target._child, columns.CompressedBytesColumn.Writer)):
        raise TypeError("not Whoosh 3's stored-values column")
    return source._child, target._child


def writer_options(table_fields: tuple[str, ...] = ()) -> dict:
    """Keyword arguments for ``Writer``: this codec (writing a ``TermTable`` of each of
    ``table_fields``), and segments left as separate files rather than copied into one
    compound file at every commit."""
    return {"codec": Codec(table_fields=table_fields), "compound": False}


class Analysed:
    """A text's postings in one field, as three parallel columns: each distinct word
    (bytes), its count, and its encoded positions. The weight of a posting is its count
    (the field has no boost). Columns pickle small and fast, for the trip from a worker
    to the writer."""

    __slots__ = ("words", "counts", "values")

    def __init__(self, words: list[bytes], counts: array, values: list[bytes]):
        self.words, self.counts, self.values = words, counts, values

    def __getstate__(self):
        return self.words, self.counts, self.values

    def __setstate__(self, state):
        self.words, self.counts, self.values = state

    @property
    def items(self) -> list[tuple[bytes, int, float, bytes]]:
        """The postings as a field's ``index`` gives them: (word, count, weight, value)."""
        return [(w, c, float(c), v) for w, c, v in zip(self.words, self.counts, self.values)]


class PreAnalysedText(TEXT):
    """A TEXT field whose value may be ``Analysed`` already (see the module doc), with
    positions kept as ``CompactPositions``. The schema records its fields' classes,
    so this class must keep its name and module."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.format = CompactPositions(field_boost=self.format.field_boost)

    def index(self, value, **kwargs):
        if isinstance(value, Analysed):
            return iter(value.items)
        return super().index(value, **kwargs)

    def analyse(self, text: str, words) -> Analysed:
        """What ``index(text)`` gives, computed directly: ``words`` is the compiled pattern
        of the field's tokenizer, whose matches, lowercased, are its tokens (the field's
        analyzer is that tokenizer and a lowercase filter)."""
        return self.analyse_tokens(list(map(str.lower, words.findall(text))))

    def analyse_tokens(self, tokens: list[str]) -> Analysed:
        """``analyse`` of a text whose tokens are ``tokens``."""
        if self.format.field_boost != 1.0:
            raise ValueError("Analysed postings carry no boost")
        positions: dict[str, list[int]] = {}
        for at, word in enumerate(tokens):
            got = positions.get(word)
            if got is None:
                positions[word] = [at]
            else:
                got.append(at)
        return Analysed([word.encode("utf-8") for word in positions],
                        array("I", map(len, positions.values())),
                        [encode_positions(at) for at in positions.values()])


# --- positions, compactly ----------------------------------------------------------------

_WIDTHS = ((0xFF, 1, "B"), (0xFFFF, 2, "H"), (0xFFFFFFFF, 4, "I"))


def encode_positions(positions: list[int]) -> bytes:
    """A word's positions in one record: a byte giving the width (1, 2 or 4 bytes), then
    each position at that width. A word seen once in a passage costs two bytes, where
    Whoosh's ``Positions`` pickles a list (about fourteen)."""
    top = positions[-1]
    for limit, width, code in _WIDTHS:
        if top <= limit:
            return bytes((width,)) + (bytes(positions) if width == 1
                                      else array(code, positions).tobytes())
    raise ValueError("a position beyond 2**32")


def decode_positions(value: bytes) -> list[int]:
    width = value[0]
    if width == 1:
        return list(value[1:])
    return array("H" if width == 2 else "I", value[1:]).tolist()


def positions_array(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(how many positions each value holds, all their positions in order), at once."""
    if not values:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    widths = np.frombuffer(bytes(v[0] for v in values), dtype=np.uint8).astype(np.int64)
    counts = (lengths - 1) // widths
    if (widths == 1).all():
        blob = np.frombuffer(b"".join(values), dtype=np.uint8)
        keep = np.ones(len(blob), dtype=bool)
        keep[np.cumsum(lengths) - lengths] = False   # each value's width byte
        return counts, blob[keep].astype(np.int64)
    flat = np.fromiter((p for v in values for p in decode_positions(v)), dtype=np.int64,
                       count=int(counts.sum()))
    return counts, flat


class CompactPositions(formats.Positions):
    """Whoosh's ``Positions`` with ``encode_positions`` as the value (the schema records
    its format's class: it must keep its name and module)."""

    def encode(self, poslist):
        return encode_positions(list(poslist))

    def decode_positions(self, valuestring):
        return decode_positions(valuestring)

    def decode_frequency(self, valuestring):
        return (len(valuestring) - 1) // valuestring[0]

    def decode_weight(self, valuestring):
        return self.decode_frequency(valuestring) * self.field_boost

    def combine(self, vs):
        return self.encode(sorted(set(p for v in vs for p in decode_positions(v))))
