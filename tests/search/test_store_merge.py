"""Background merges (indexer/store_merge.py): the segments a batch's merge takes are
replaced by the merged one at the commit, with every record the batch deleted meanwhile
still deleted; a merge that fails costs nothing but the merge."""
from __future__ import annotations

from concurrent.futures import Future

from indexer import store
from indexer.store import Index
from indexer.store_merge import BackgroundMerge
from search_fixtures import doc

FILES = 10  # one segment each: a full tier, so the next batch merges
SIGNERS = ["Alder", "Birch", "Cedar", "Elm", "Hazel", "Larch", "Maple", "Oak", "Rowan", "Yew"]


def _letter(i: int, words: str = "") -> list:
    return [doc(f"l{i}", f"l{i}.txt", f"A letter on school transport {words}.\n\n"
                f"Yours sincerely, {SIGNERS[i]} Jones.")]


def _ten_segments(tmp_path) -> Index:
    index = Index.open(tmp_path / "ix", create=True)
    for i in range(FILES):
        with index.batch() as b:
            b.put_file(f"l{i}.txt", f"h{i}", _letter(i))
    assert len(index._ix._segments()) == FILES
    return index


def test_a_merge_run_beside_a_batch_replaces_the_segments_it_merged(tmp_path):
    index = _ten_segments(tmp_path)
    with index.batch() as b:
        b.put_file("new.txt", "hn", [doc("new", "new.txt", "A new letter on ferries.")])
    assert len(index._ix._segments()) < FILES
    assert index.stats()["documents"] == FILES + 1
    for i in range(FILES):
        assert [h.doc.id for h in index.search(f'"{SIGNERS[i]} Jones"').hits] == [f"l{i}"]


def test_records_a_batch_deletes_while_its_merge_runs_stay_deleted(tmp_path):
    index = _ten_segments(tmp_path)
    with index.batch() as b:  # every letter is in a merged segment; two are replaced
        b.put_file("l0.txt", "h0b", _letter(0, "and buses"))
        b.remove_file("l5.txt")
    assert len(index._ix._segments()) < FILES
    assert index.stats()["documents"] == FILES - 1
    assert [h.doc.id for h in index.search('"school transport and buses"').hits] == ["l0"]
    assert index.search('"Larch Jones"').hits == ()
    assert len(index.search('"school transport"').hits) == FILES - 1


def test_a_failed_merge_leaves_the_batch_committed_without_it(tmp_path, monkeypatch):
    index = _ten_segments(tmp_path)
    failed: Future = Future()
    failed.set_exception(OSError("No space left on device"))
    monkeypatch.setattr(store.BackgroundMerge, "start",
                        classmethod(lambda cls, ix, chosen, fields: cls(chosen, failed, None)))
    with index.batch() as b:
        b.put_file("new.txt", "hn", [doc("new", "new.txt", "A new letter on ferries.")])
    assert len(index._ix._segments()) == FILES + 1
    assert [h.doc.id for h in index.search("ferries").hits] == ["new"]


def test_no_merge_is_started_while_no_tier_is_full(tmp_path, monkeypatch):
    index = Index.open(tmp_path / "ix", create=True)
    started = []
    monkeypatch.setattr(BackgroundMerge, "start",
                        classmethod(lambda cls, *args: started.append(args)))
    for i in range(FILES):
        with index.batch() as b:
            b.put_file(f"l{i}.txt", f"h{i}", _letter(i))
    assert started == []
