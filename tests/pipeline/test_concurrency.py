"""Two index runs never write at once, and searches work while a run writes."""
from __future__ import annotations

import pytest

from pipeline_support import read_until, write
from indexer.errors import IndexLockedError
from indexer.lock import index_lock
from indexer.store import Index


def test_a_second_run_is_refused_while_the_first_holds_the_index(docs_dir, index_dir, driver, index):
    for n in range(3):
        write(docs_dir, f"paper-{n}.txt", f"SLOW 2\n\npaper {n}")
    first = driver(docs_dir)
    read_until(first, lambda line: line.startswith("start"))
    with pytest.raises(IndexLockedError, match=rf"in progress on .*index \(pid {first.pid}\)"):
        index(docs_dir, lock_wait=0.1)


def test_the_lock_is_free_again_once_a_run_has_ended(docs_dir, index_dir, index):
    write(docs_dir, "paper.txt", "a paper")
    index(docs_dir)
    with index_lock(index_dir, wait=0):
        pass


def test_a_lock_held_in_this_process_also_refuses_a_second_holder(tmp_path):
    with index_lock(tmp_path, wait=0):
        with pytest.raises(IndexLockedError, match=f"pid {__import__('os').getpid()}"):
            with index_lock(tmp_path, wait=0.05):
                pass


def test_searches_during_a_run_see_each_commit(docs_dir, index_dir, driver, index):
    write(docs_dir, "first.txt", "zanzibarite opening paper")
    index(docs_dir)
    for n in range(4):
        write(docs_dir, f"later-{n}.txt", f"SLOW 0.3\n\nzanzibarite paper {n}")
    run = driver(docs_dir)
    seen = []
    reader = Index.open(index_dir)
    for line in run.stdout:
        if line.startswith(("commit", "summary")):
            seen.append(reader.search("zanzibarite").total)
    assert run.wait() == 0
    assert seen == sorted(seen) and seen[0] >= 1 and seen[-1] == 5
