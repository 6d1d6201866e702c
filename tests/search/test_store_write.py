"""The store's write path (indexer/store_write.py): what it writes reads back as
Whoosh's own writer would have written it."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.highlight import WORD
from indexer.ingest import ingest_file
from indexer.store import Index, _schema
from indexer.store_write import (LARGEST_MERGE, TermTable, Writer, _within_cap, decode_positions,
                                 encode_positions, positions_array, writer_options)
from search_fixtures import doc
from whoosh.formats import Positions
from whoosh.reading import SegmentReader

SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.mark.parametrize("positions", [[0], [3, 9, 200], [255], [256], [7, 70_000], [1, 2**31]])
def test_positions_round_trip_at_every_width(positions):
    assert decode_positions(encode_positions(positions)) == positions


def test_positions_of_many_values_at_once_match_one_by_one():
    values = [encode_positions(p) for p in ([1, 4], [0], [300, 301], [9])]
    counts, flat = positions_array(values)
    assert counts.tolist() == [2, 1, 2, 1]
    assert flat.tolist() == [1, 4, 0, 300, 301, 9]


def test_positions_of_narrow_values_only():
    values = [encode_positions(p) for p in ([1, 4], [0], [250])]
    counts, flat = positions_array(values)
    assert counts.tolist() == [2, 1, 1] and flat.tolist() == [1, 4, 0, 250]


@pytest.mark.parametrize("text", [
    "The Committee's report, para. 3.2: targets and financial penalties — targets again.",
    "Annwyl Gadeirydd, diolch am eich llythyr ynghylch y Bil Addysg (Cymru) 2024.",
    "", "e.g. 1.5 million; i.e. the WLGA's view; U.K.-wide",
])
def test_analysed_postings_are_the_fields_own(text):
    field = _schema()["exact"]
    fast = field.analyse(text, WORD)
    slow = list(field.index(text))
    decoded = {w: (c, wt, field.format.decode_positions(v)) for w, c, wt, v in fast.items}
    whoosh = Positions()
    expected = {w: (c, wt, whoosh.decode_positions(whoosh.encode(field.format.decode_positions(v))))
                for w, c, wt, v in slow}
    assert decoded == expected


def test_merge_cap_takes_the_smallest_segments_within_the_cap():
    class Seg:
        def __init__(self, n):
            self.n = n

        def doc_count(self):
            return self.n

    segs = [Seg(LARGEST_MERGE // 4) for _ in range(3)] + [Seg(LARGEST_MERGE // 2)]
    chosen = _within_cap(sorted(segs, key=Seg.doc_count), [])
    assert sum(s.n for s in chosen) <= LARGEST_MERGE and len(chosen) == 3


def test_merged_segments_answer_as_before(tmp_path):
    """Many small commits force merges, one of them over a segment with deleted records
    (a re-indexed file); every document is kept once and found by a phrase of it."""
    corpus = sorted((SHARED / "eval" / "dev" / "docs").glob("*.txt"))[:12]
    index = Index.open(tmp_path / "ix", create=True)
    docs = {p: list(ingest_file(p, str(p))) for p in corpus}
    for p in corpus:  # one commit per file: twelve segments, merged by tiers of ten
        with index.batch() as b:
            b.put_file(str(p), "h1", docs[p])
    with index.batch() as b:  # the first file again: its old records are deleted
        b.put_file(str(corpus[0]), "h2", docs[corpus[0]])
    assert index.stats()["documents"] == sum(len(d) for d in docs.values())
    for p in corpus:
        words = docs[p][0].passages[0].text.split()[:3]
        hits = index.search('"' + " ".join(words) + '"')
        assert any(h.doc.source == str(p) for h in hits.hits), p.name


def test_a_commit_of_failed_files_only_leaves_every_document_searchable(tmp_path):
    """A segment of failure records has no document columns; the documents of the
    segments around it are still found (Whoosh's column reader skipped such a segment,
    and every search then failed)."""
    first, second = sorted((SHARED / "eval" / "dev" / "docs").glob("*.txt"))[:2]
    index = Index.open(tmp_path / "ix", create=True)
    with index.batch() as b:
        b.put_file(str(first), "h1", list(ingest_file(first, str(first))))
    with index.batch() as b:
        b.put_failure("/evidence/broken.pdf", "h2", "malformed", "no xref table")
    with index.batch() as b:
        b.put_file(str(second), "h3", list(ingest_file(second, str(second))))
    for p in (first, second):
        words = list(ingest_file(p, str(p)))[0].passages[0].text.split()[:3]
        hits = index.search('"' + " ".join(words) + '"').hits
        assert [h.doc.source for h in hits][:1] == [str(p)]


def _postings(ix) -> list[tuple]:
    """Every posting of every segment as (field, term, record (its document and stored
    values), weight, value), sorted: what a merge must keep, whatever docnums it gives."""
    out = []
    with ix.searcher() as searcher:
        for sub, _ in searcher.leaf_searchers():
            reader = sub.reader()
            doc_ids = reader.column_reader("doc_id")
            for fieldname, btext in reader.all_terms():
                m = reader.postings(fieldname, btext)
                while m.is_active():
                    record = repr((doc_ids[m.id()], sorted(reader.stored_fields(m.id()).items())))
                    out.append((fieldname, btext, record, m.weight(), m.value()))
                    m.next()
    return sorted(out)


def _merge_all(ix) -> None:
    def policy(writer, segments):
        for seg in segments:
            writer.add_reader(SegmentReader(writer.storage, writer.schema, seg))
        return []

    Writer(ix, **writer_options()).commit(mergetype=policy)


def _letters(prefix: str, count: int) -> list:
    """``count`` one-file letters whose common words fill whole posting blocks (128)."""
    return [doc(f"{prefix}-{i}", f"{prefix}/{i}.txt",
                f"The committee wrote about targets {i} and {prefix}.\n\n"
                f"The committee thanks witness {i * 7} for the evidence.", date="2020-01-13")
            for i in range(count)]


@pytest.mark.parametrize("letters", [100, 64])  # 64: "committee"'s list is one full block
def test_a_merge_keeps_every_posting_of_full_and_partial_blocks(tmp_path, letters):
    """Two segments of letters with two passages each, merged: the full blocks copied as
    they are (their ids moved up past the first segment's records) and the partial ones
    decoded give the same postings, read back by Whoosh's own matcher, as before."""
    index = Index.open(tmp_path / "ix", create=True)
    for prefix in ("first", "second"):
        with index.batch() as b:
            for d in _letters(prefix, letters):
                b.put_file(d.source, "h-" + d.id, [d])
    ix = index._ix
    before = _postings(ix)
    assert sum(1 for p in before if p[1] == b"committee") >= 256  # a block or more a segment
    _merge_all(ix)
    assert len(ix._segments()) == 1
    assert _postings(ix) == before


def test_a_merge_drops_the_postings_of_deleted_records(tmp_path):
    """A segment with deleted records is decoded, not copied: its deleted records'
    postings go, the others stay."""
    index = Index.open(tmp_path / "ix", create=True)
    for prefix in ("first", "second"):
        with index.batch() as b:
            for d in _letters(prefix, 100):
                b.put_file(d.source, "h-" + d.id, [d])
    with index.batch() as b:
        b.remove_file("first/3.txt")
    ix = index._ix
    before = _postings(ix)
    _merge_all(ix)
    after = _postings(ix)
    assert after == before
    assert not any('"first-3"' in p[2] for p in after)
    assert any('"first-4"' in p[2] for p in after)
    assert [h.doc.id for h in index.search('"committee thanks witness 21"').hits] == ["second-3"]
    assert sorted(h.doc.id for h in index.search('"committee thanks witness 28"').hits) == [
        "first-4", "second-4"]


def test_a_term_table_gives_the_docnums_of_the_terms_it_holds():
    table = TermTable.of([(b"0xaa", [1, 5]), (b"1xbb", [2]), (b"2xcc", [5, 7])])
    found = table.docnums_of([b"2xcc", b"0xaa", b"0xab", b"9x" + b"f" * 40])
    assert found.tolist() == [1, 5, 7]
    assert TermTable.of([]).docnums_of([b"0xaa"]).tolist() == []


def test_a_term_table_round_trips_and_a_cut_one_is_refused():
    data = TermTable.of([(b"0xaa", [1, 5]), (b"1xbbb", [2])]).to_bytes()
    assert TermTable.from_bytes(data).docnums_of([b"1xbbb"]).tolist() == [2]
    with pytest.raises(ValueError):
        TermTable.from_bytes(data[:-1])
