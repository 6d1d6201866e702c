"""Where files are extracted: the one interface the pipeline drives, and how to pick one.

    open_executor(scheduler, jobs, ingest, timeout, memory_mb, ...) -> Executor

An executor takes the pipeline's tasks (one per file to extract) and yields each
with its outcome, ``_Done`` (the file's documents) or ``_Failed`` (a reason and a
detail), as it finishes; it never writes the index: the pipeline's one writer does.
Whatever the executor, every task ends with exactly one outcome, a file that hangs,
blows its memory cap or crashes its process fails alone with a named reason, and
the run goes on.

Two implementations:

* ``scheduler=None``: the local pool (``indexer.pipeline._WorkerPool``), ``jobs``
  forkserver processes on this machine;
* ``scheduler="tcp://HOST:8786"`` or ``"local:N"``: a Dask distributed cluster
  (``indexer.executor_dask``); each Dask worker thread runs the same local pool of one
  process, so the limits, isolation and reasons are the local pool's own code.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from indexer.errors import UsageError

if TYPE_CHECKING:
    from indexer.pipeline import Ingest, _Done, _Failed, _Task

ENV_SCHEDULER = "EVIDEX_SCHEDULER"
_LOCAL = re.compile(r"local:(\d+)")


class Executor(Protocol):
    """Runs extraction tasks; a context manager that stops its processes on exit."""

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...

    def run(self, tasks: Iterable[_Task],
            on_start: Callable[[_Task], None]) -> Iterator[tuple[_Task, _Done | _Failed]]:
        """Extract every task (calling ``on_start`` as each is handed out) and yield
        each with its outcome as it finishes, in any order."""
        ...


def open_executor(scheduler: str | None, jobs: int | None, ingest: Ingest, timeout: float,
                  memory_mb: int, *, send_bytes: bool = False,
                  notice: Callable[[str], None] | None = None) -> Executor:
    """The local pool when ``scheduler`` is None or empty, else a Dask client for it:
    ``tcp://HOST:PORT`` (any address Dask takes) or ``local:N`` (a LocalCluster of N
    worker processes on this machine, for trying it). ``send_bytes`` sends each file's
    bytes to the workers instead of its path (no shared storage). ``notice`` hears
    one-off messages about the cluster (a worker without Tesseract, say).
    No process is started and nothing is contacted until there is a file to extract."""
    if not scheduler:
        from indexer.pipeline import _WorkerPool
        return _WorkerPool(jobs or os.cpu_count() or 1, ingest, timeout, memory_mb)
    from indexer.executor_dask import DaskExecutor
    return DaskExecutor(parse_scheduler(scheduler), ingest, timeout, memory_mb,
                        send_bytes=send_bytes, notice=notice or _ignore)


def parse_scheduler(scheduler: str) -> str | int:
    """``local:N`` -> N (the workers to start), any other address as given.
    Raises UsageError for ``local:`` without a positive count or an address without a scheme."""
    if scheduler.startswith("local"):
        match = _LOCAL.fullmatch(scheduler)
        if not match or int(match.group(1)) < 1:
            raise UsageError(f"bad scheduler {scheduler!r}: local:N needs a worker count of 1 or more")
        return int(match.group(1))
    if "://" not in scheduler:
        raise UsageError(f"bad scheduler {scheduler!r}: give an address such as tcp://HOST:8786, or local:N")
    return scheduler


def _ignore(message: Any) -> None:
    pass
