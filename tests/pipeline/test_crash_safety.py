"""A run killed with SIGKILL leaves an index that opens, with every committed
document intact; the next run finishes the work without duplicating any."""
from __future__ import annotations

import os
import signal
from collections import Counter

from pipeline_support import read_until, write
from pipeline_fakes import fake_ingest
from indexer.pipeline import run_index
from indexer.store import Index

FILES = 8


def test_sigkill_mid_run_loses_nothing_and_the_next_run_completes(docs_dir, index_dir, driver,
                                                                   scheduler):
    for n in range(FILES):
        write(docs_dir, f"paper-{n}.txt", f"SLOW 0.3\n\npaper number {n}")
    child = driver(docs_dir, commit_every=1)
    read_until(child, lambda line: line.startswith("commit") and int(line.split()[-1]) >= 2)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    committed = Index.open(index_dir).files()
    assert 2 <= len(committed) < FILES
    assert len(Index.open(index_dir).documents()) == len(committed)

    summary = run_index([docs_dir], index_dir, jobs=2, ingest=fake_ingest, scheduler=scheduler)
    assert (summary.unchanged, summary.added) == (len(committed), FILES - len(committed))
    per_source = Counter(doc.source for doc in Index.open(index_dir).documents())
    assert sorted(per_source.values()) == [1] * FILES
