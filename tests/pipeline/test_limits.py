"""The time limit holds even with one worker: a hung extraction is killed,
its file reported, and the next file is still indexed."""
from __future__ import annotations

from pathlib import Path

from pipeline_support import write


def test_a_hang_is_cut_off_by_the_time_limit_with_one_job(docs_dir, index):
    write(docs_dir, "hangs.txt", "HANG")
    write(docs_dir, "fine.txt", "an ordinary letter")
    summary = index(docs_dir, jobs=1, timeout=1.0)
    assert [(Path(s).name, r) for s, r, _ in summary.failures] == [("hangs.txt", "timed out")]
    assert summary.added == 1


def test_a_crashed_worker_is_replaced_for_the_files_after_it(docs_dir, index):
    write(docs_dir, "a-crash.txt", "CRASH")
    for n in range(3):
        write(docs_dir, f"b-{n}.txt", f"letter {n}")
    summary = index(docs_dir, jobs=1)
    assert (summary.added, summary.failed) == (3, 1)


def test_a_missing_path_is_a_usage_error(tmp_path, index):
    import pytest
    from indexer.errors import UsageError
    with pytest.raises(UsageError, match="no such file or folder"):
        index(tmp_path / "nowhere")
