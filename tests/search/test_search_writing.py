"""Batches: replacing, removing, cancelling, locking, and keeping duplicates consistent."""
from __future__ import annotations

import pytest

from search_fixtures import WLGA_LETTER, doc
from indexer.errors import IndexLockedError


def test_put_file_replaces_what_the_source_had(fresh_index):
    with fresh_index.batch() as b:
        b.put_file("notes/anon.txt", "new-hash", [doc("anon-1", "notes/anon.txt", "Budgets were agreed.")])
    assert fresh_index.search("targets").total == 3
    assert fresh_index.search("budgets").hits[0].doc.id == "anon-1"
    assert fresh_index.files()["notes/anon.txt"].content_hash == "new-hash"


def test_put_file_clears_an_earlier_failure(fresh_index):
    with fresh_index.batch() as b:
        b.put_file("broken/secret.pdf", "h", [doc("secret-1", "broken/secret.pdf", "Now readable.")])
    assert fresh_index.failures() == []


def test_remove_file_drops_its_documents_and_record(fresh_index):
    with fresh_index.batch() as b:
        b.remove_file("letters/ccfw.txt")
    assert fresh_index.get("ccfw-1") is None
    assert "letters/ccfw.txt" not in fresh_index.files()


def test_an_exception_cancels_the_whole_batch(fresh_index):
    with pytest.raises(RuntimeError), fresh_index.batch() as b:
        b.remove_file("letters/ccfw.txt")
        raise RuntimeError("worker crashed")
    assert fresh_index.get("ccfw-1") is not None


def test_a_second_writer_gets_index_locked_error(fresh_index):
    with fresh_index.batch():
        with pytest.raises(IndexLockedError, match="another run"):
            with fresh_index.batch():
                pass


def test_searches_keep_working_while_a_batch_is_open(fresh_index):
    with fresh_index.batch() as b:
        b.remove_file("letters/ccfw.txt")
        assert fresh_index.search('"financial penalties"').total == 1


def test_removing_the_original_makes_the_earliest_copy_the_original(fresh_index):
    with fresh_index.batch() as b:
        b.remove_file("letters/wlga.txt")
    pack = fresh_index.get("pack-2")
    assert (pack.duplicate_of, pack.also_in) == (None, ())


def test_duplicates_within_one_batch_are_found(tmp_path):
    from indexer.store import Index
    index = Index.open(tmp_path / "ix", create=True)
    with index.batch() as b:
        b.put_file("a.txt", "1", [doc("a", "a.txt", WLGA_LETTER)])
        b.put_file("b.txt", "2", [doc("b", "b.txt", WLGA_LETTER + "\n\nPack Page 9")])
    assert index.get("b").duplicate_of == "a"


def test_a_copy_of_a_letter_committed_in_an_earlier_run_is_its_duplicate(tmp_path):
    from indexer.store import Index
    index = Index.open(tmp_path / "ix", create=True)
    with index.batch() as b:
        b.put_file("a.txt", "1", [doc("a", "a.txt", WLGA_LETTER)])
    with index.batch() as b:
        b.put_file("b.txt", "2", [doc("b", "b.txt", WLGA_LETTER + "\n\nPack Page 9")])
    assert index.get("b").duplicate_of == "a"


def test_a_segment_without_its_band_table_still_answers_the_duplicate_check(tmp_path):
    """Segments written before band tables (or with a damaged one) are read from their
    terms instead."""
    from indexer.store import Index
    index = Index.open(tmp_path / "ix", create=True)
    with index.batch() as b:
        b.put_file("a.txt", "1", [doc("a", "a.txt", WLGA_LETTER)])
    tables = list((tmp_path / "ix").glob("*.lsh.tbl"))
    assert len(tables) == 1
    tables[0].write_bytes(tables[0].read_bytes()[:-3])
    for name in ("b", "c"):  # the second batch finds the segment's terms already read
        with index.batch() as b:
            b.put_file(f"{name}.txt", name, [doc(name, f"{name}.txt", WLGA_LETTER + "\n\nPage 9")])
        assert index.get(name).duplicate_of == "a"


def test_a_letter_replaced_in_an_earlier_run_is_no_ones_original(tmp_path):
    """Its old records are deleted, though still in their segment (too few of its records
    to have it merged away) and in its band table."""
    from indexer.store import Index
    index = Index.open(tmp_path / "ix", create=True)
    with index.batch() as b:
        b.put_file("a.txt", "1", [doc("a", "a.txt", WLGA_LETTER)])
        for i in range(10):
            b.put_file(f"c{i}.txt", f"c{i}", [doc(f"c{i}", f"c{i}.txt", f"Another letter, number {i}.")])
    with index.batch() as b:
        b.put_file("a.txt", "1b", [doc("a2", "a.txt", "A different letter altogether now.")])
    with index.batch() as b:
        b.put_file("b.txt", "2", [doc("b", "b.txt", WLGA_LETTER + "\n\nPack Page 9")])
    assert any(seg.deleted_count() for seg in index._ix._segments())
    assert index.get("b").duplicate_of is None


def test_file_records_are_read_back_whether_or_not_they_have_the_meta_column(tmp_path):
    """Records written before file records went into the meta column are read from their
    stored values; the newer ones from the column."""
    import json
    from dataclasses import asdict

    from indexer.store import FileRecord, Index
    index = Index.open(tmp_path / "ix", create=True)
    old = FileRecord("old.txt", "h-old", "failed", 0, "2020-01-01T00:00:00Z", "malformed", "no xref")
    with index.batch() as b:
        b._w.add_document(key="f:old.txt", kind="file", source="old.txt",
                          data=json.dumps(asdict(old)))  # as an older evidex wrote it
    with index.batch() as b:
        b.put_file("a.txt", "h-a", [doc("a", "a.txt", WLGA_LETTER)])
    files = index.files()
    assert files["old.txt"] == old
    assert (files["a.txt"].content_hash, files["a.txt"].n_docs) == ("h-a", 1)
