"""Runs one index run with the fake ingest in its own process, printing each
progress event as a line on stdout, so tests can kill it or race it.

    python pipeline_driver.py INDEX_DIR FOLDER [COMMIT_EVERY [SCHEDULER]]
"""
from __future__ import annotations

import sys

from pipeline_fakes import fake_ingest
from indexer.pipeline import Event, run_index


def show(event: Event) -> None:
    print(event.kind, event.source or "", event.done, flush=True)


if __name__ == "__main__":
    index_dir, folder = sys.argv[1], sys.argv[2]
    commit_every = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    scheduler = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else None
    summary = run_index([folder], index_dir, jobs=1, ingest=fake_ingest,
                        commit_every=commit_every, progress=show, scheduler=scheduler)
    print("summary", summary.summary_line(), flush=True)
