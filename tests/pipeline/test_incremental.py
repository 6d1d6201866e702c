"""Re-runs: unchanged files are skipped without extraction, changed ones are
replaced (never duplicated), and --prune removes files that are gone."""
from __future__ import annotations

from pathlib import Path

from pipeline_support import write
from pipeline_fakes import refuse_every_file
from indexer.store import Index


def sources_of(index_dir: Path) -> list[str]:
    return sorted(doc.source for doc in Index.open(index_dir).documents())


def test_a_rerun_over_an_unchanged_folder_extracts_nothing(docs_dir, index):
    for n in range(3):
        write(docs_dir, f"letter-{n}.txt", f"letter {n}")
    write(docs_dir, "broken.txt", "RAISE malformed")
    index(docs_dir)
    events = []
    # An ingest that fails every file would show up as failures if it were called.
    again = index(docs_dir, events=events, ingest=refuse_every_file)
    assert (again.unchanged, again.added, again.updated, again.failed) == (4, 0, 0, 0)
    assert [e.kind for e in events if e.kind == "start"] == []


def test_a_changed_file_is_replaced_not_duplicated(docs_dir, index, index_dir):
    paper = write(docs_dir, "paper.txt", "first draft about penalties")
    index(docs_dir)
    paper.write_text("final version about penalties", encoding="utf-8")
    summary = index(docs_dir)
    assert (summary.updated, summary.added, summary.unchanged) == (1, 0, 0)
    assert [d.text for d in Index.open(index_dir).documents()] == ["final version about penalties"]


def test_a_fixed_file_that_had_failed_is_added(docs_dir, index, index_dir):
    paper = write(docs_dir, "paper.txt", "RAISE malformed")
    index(docs_dir)
    paper.write_text("readable now", encoding="utf-8")
    summary = index(docs_dir)
    assert (summary.added, summary.failed) == (1, 0)
    assert Index.open(index_dir).failures() == []


def test_a_changed_file_that_now_fails_loses_its_old_documents(docs_dir, index, index_dir):
    paper = write(docs_dir, "paper.txt", "readable")
    index(docs_dir)
    paper.write_text("RAISE malformed", encoding="utf-8")
    index(docs_dir)
    assert sources_of(index_dir) == []


def test_prune_removes_documents_whose_file_is_gone(docs_dir, index, index_dir):
    keep = write(docs_dir, "keep.txt", "stays")
    write(docs_dir, "gone-too.txt", "will be deleted")
    index(docs_dir)
    (docs_dir / "gone-too.txt").unlink()
    summary = index(docs_dir, prune=True)
    assert summary.removed == 1
    assert sources_of(index_dir) == [str(keep.resolve())]


def test_without_prune_documents_of_gone_files_stay(docs_dir, index, index_dir):
    write(docs_dir, "gone.txt", "will be deleted")
    index(docs_dir)
    (docs_dir / "gone.txt").unlink()
    assert index(docs_dir).removed == 0
    assert len(sources_of(index_dir)) == 1


def test_prune_only_touches_files_under_the_given_paths(tmp_path, index, index_dir):
    elsewhere = write(tmp_path / "other", "old.txt", "indexed from another folder")
    here = tmp_path / "here"
    write(here, "new.txt", "indexed now")
    index(elsewhere.parent)
    elsewhere.unlink()
    assert index(here, prune=True).removed == 0
    assert len(sources_of(index_dir)) == 2
