"""A folder mixing good and bad files: every file ends with an outcome, every
bad one is named with its reason, and none stops the run."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_support import write
from pipeline_fakes import fake_ingest
from indexer.pipeline import run_index
from indexer.store import Index

BAD_FILES = [
    ("locked.pdf.txt", "RAISE encrypted", "encrypted"),
    ("scan.txt", "RAISE no text layer (needs OCR)", "no text layer (needs OCR)"),
    ("hangs.txt", "HANG", "timed out"),
    ("segfaults.txt", "CRASH", "crashed"),
    ("hogs.txt", "HOG", "too large"),
    ("buggy.txt", "BUG", "internal error"),
]
GOOD_FILES = ["letter.txt", "sub/evidence.md", "sub/deeper/page.HTML", "UPPER.TXT"]


@pytest.fixture(scope="module")
def mixed_dirs(tmp_path_factory, scheduler) -> tuple[Path, Path]:  # fresh for each executor
    return tmp_path_factory.mktemp("mixed"), tmp_path_factory.mktemp("index") / "ix"


@pytest.fixture(scope="module")
def mixed_run(mixed_dirs, scheduler):
    docs_dir, index_dir = mixed_dirs
    for name in GOOD_FILES:
        write(docs_dir, name, f"A good paper called {name}\n\nAbout penalties.")
    for name, text, _ in BAD_FILES:
        write(docs_dir, name, text)
    write(docs_dir, "ignored.xlsx", "not an indexable extension")
    return run_index([docs_dir], index_dir, jobs=2, timeout=3.0, memory_mb=300,
                     ingest=fake_ingest, scheduler=scheduler)


def test_every_good_file_is_added(mixed_run):
    assert (mixed_run.added, mixed_run.updated, mixed_run.unchanged) == (len(GOOD_FILES), 0, 0)


def test_every_bad_file_is_named_with_its_reason(mixed_run):
    reasons = {Path(source).name: reason for source, reason, _ in mixed_run.failures}
    assert reasons == {name: reason for name, _, reason in BAD_FILES}
    assert mixed_run.failed == len(BAD_FILES)


def test_failures_are_recorded_in_the_index(mixed_run, mixed_dirs):
    index_dir = mixed_dirs[1]
    recorded = {Path(f["source"]).name: f["reason"] for f in Index.open(index_dir).failures()}
    assert recorded == {name: reason for name, _, reason in BAD_FILES}


def test_sources_are_resolved_absolute_paths(mixed_run, mixed_dirs):
    docs_dir, index_dir = mixed_dirs
    sources = set(Index.open(index_dir).files())
    assert str((docs_dir / "sub" / "evidence.md").resolve()) in sources


def test_summary_line_counts_each_outcome(mixed_run):
    assert mixed_run.summary_line().startswith("4 added, 0 updated, 0 unchanged, 6 failed, 0 removed in ")


def test_progress_reports_plan_each_file_commit_and_done(docs_dir, index):
    write(docs_dir, "a.txt", "first")
    write(docs_dir, "b.txt", "RAISE malformed")
    events = []
    index(docs_dir, events=events)
    kinds = [e.kind for e in events]
    assert kinds[0] == "plan" and events[0].total == 2
    assert kinds.count("start") == 2 and kinds.count("finish") == 2
    assert kinds[-2:] == ["commit", "done"]
    finished = {Path(e.source).name: (e.outcome, e.reason) for e in events if e.kind == "finish"}
    assert finished == {"a.txt": ("added", None), "b.txt": ("failed", "malformed")}
