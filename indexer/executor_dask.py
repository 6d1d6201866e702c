"""Extraction on a Dask distributed cluster; the index is still written here, by one writer.

    DaskExecutor(target, ingest, timeout, memory_mb, send_bytes=False, notice=print)

``target`` is a scheduler address (``tcp://HOST:8786``) or a worker count N, which
starts a LocalCluster of N single-threaded worker processes on loopback.

Each file is one Dask task, ``extract_on_worker``. On the worker it does not run the
ingest in the worker's own process: it hands the file to a local pool of one
extraction process (``indexer.pipeline._WorkerPool``, one per worker thread, kept
between files), so on the cluster a file gets exactly what it gets on one machine:
a wall-clock deadline (extended for each OCR page), a memory cap (``RLIMIT_AS``), a
crash that kills only that process and is named with its signal, and every failure
named with its reason. A task therefore returns an outcome, never raises for a bad
file, and the Dask worker outlives any file.

What the task cannot survive is its worker being lost (the machine dies, the worker
is killed, the network drops). The scheduler then reports the task as failed
(``KilledWorker``, or whatever error the worker raised); this client submits it once
more and, if that fails too, reports the file as ``crashed`` with the cause. On a
LocalCluster the scheduler itself is told not to retry (``allowed-failures`` 0), so
"once" is exact; a separate scheduler retries as its own configuration says first.

The client keeps at most twice the cluster's thread count of tasks in flight, so the
scheduler is never handed 10^5 files at once and, with ``send_bytes``, only those
files' bytes are in memory. Results come back as they finish and go to the
pipeline's committer like the local pool's.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import multiprocessing
import os
import pickle
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from indexer import extract_ocr
from indexer.errors import EvidexError, ExtractionError
from indexer.pipeline import (CRASHED, INTERNAL_ERROR, Ingest, _Done, _Failed, _Task,
                              _WorkerPool, content_hash)

CONNECT_SECONDS = 10.0
# How often the client asks the scheduler how many worker threads it has.
_RECOUNT_SECONDS = 2.0


class SchedulerError(EvidexError):
    """The Dask scheduler cannot be reached, or went away during the run."""

    exit_code = 2


class DaskExecutor:
    """The pipeline's executor on a Dask cluster (see the module's docstring)."""

    def __init__(self, target: str | int, ingest: Ingest, timeout: float, memory_mb: int, *,
                 send_bytes: bool = False, notice: Callable[[str], None]):
        self._target = target
        self._ingest = ingest
        self._timeout = timeout
        self._memory_mb = memory_mb
        self._send_bytes = send_bytes
        self._notice = notice
        self._client: Any = None
        self._cluster: Any = None
        self._told: set[str] = set()  # workers whose missing OCR has been reported
        self._jobs: dict[str, tuple[_Task, int]] = {}  # future key -> (task, attempt)

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def run(self, tasks: Iterable[_Task],
            on_start: Callable[[_Task], None]) -> Iterator[tuple[_Task, _Done | _Failed]]:
        from distributed import as_completed

        waiting = deque(tasks)
        if not waiting:
            return
        client = self._connect()
        finished = as_completed()
        window = _Window(client, self._notice, self._where())
        in_flight = 0
        priority = len(waiting)  # the plan is largest file first: keep that order
        while waiting or in_flight:
            while waiting and in_flight < window.size():
                task = waiting.popleft()
                on_start(task)
                finished.add(self._submit(client, task, 1, priority))
                priority -= 1
                in_flight += 1
            future = next(finished)
            task, attempt = self._jobs.pop(future.key)
            outcome = self._outcome(future, task)
            if outcome is None and attempt == 1:
                finished.add(self._submit(client, task, 2, priority))
                continue
            in_flight -= 1
            yield task, outcome or self._lost(future, task)

    # --- the client's side -------------------------------------------------------------

    def _where(self) -> str:
        return (f"the LocalCluster of {self._target} workers" if isinstance(self._target, int)
                else f"the scheduler at {self._target}")

    def _connect(self) -> Any:
        from distributed import Client

        if isinstance(self._target, int):
            self._cluster = start_local_cluster(self._target)
            self._client = Client(self._cluster)
            return self._client
        try:
            self._client = Client(self._target, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as error:
            raise SchedulerError(f"cannot reach the Dask scheduler at {self._target}: {error}") from None
        return self._client

    def _submit(self, client: Any, task: _Task, attempt: int, priority: int) -> Any:
        data = task.path.read_bytes() if self._send_bytes else None
        future = client.submit(extract_on_worker, task, data, self._ingest, self._timeout,
                               self._memory_mb, key=f"evidex-extract-{uuid.uuid4().hex}",
                               priority=priority, pure=False)
        self._jobs[future.key] = (task, attempt)
        return future

    def _outcome(self, future: Any, task: _Task) -> _Done | _Failed | None:
        """The file's outcome, or None when the task itself failed (its worker was lost)."""
        if future.status == "cancelled":
            raise SchedulerError(f"lost {self._where()} while extracting {task.source}")
        if future.status != "finished":
            return None
        outcome, worker, ocr_missing = future.result()
        return self._tell_missing_ocr(outcome, worker, ocr_missing)

    def _lost(self, future: Any, task: _Task) -> _Failed:
        error = future.exception()
        if type(error).__name__ == "KilledWorker":
            return _Failed(CRASHED, "the Dask worker running it was lost, twice")
        return _Failed(INTERNAL_ERROR, f"failed twice on the cluster: {type(error).__name__}: {error}")

    def _tell_missing_ocr(self, outcome: _Done | _Failed, worker: str,
                          ocr_missing: str | None) -> _Done | _Failed:
        """Say once per worker that it cannot OCR, the first time a file needed it there;
        the file's own detail then just says OCR was not available on that worker."""
        if ocr_missing is None:
            return outcome
        said = outcome.detail if isinstance(outcome, _Failed) else outcome.lost
        if ocr_missing not in said:
            return outcome
        if worker not in self._told:
            self._told.add(worker)
            self._notice(f"Dask worker {worker} cannot read scanned pages: {ocr_missing}")
        short = said.replace(ocr_missing, f"no OCR on Dask worker {worker}")
        if isinstance(outcome, _Failed):
            return replace(outcome, detail=short)
        return replace(outcome, lost=short)


def start_local_cluster(workers: int, env: dict[str, str] | None = None) -> Any:
    """A LocalCluster of ``workers`` single-threaded worker processes on loopback, with
    no dashboard (its HTTP endpoint on a free loopback port), whose scheduler does not
    retry a task whose worker died (the executor retries it once) and whose workers may
    start processes. ``env`` is set in each worker process."""
    import dask
    from distributed import LocalCluster

    settings = {"distributed.scheduler.allowed-failures": 0, "distributed.worker.daemon": False}
    with dask.config.set(settings):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            host="127.0.0.1", dashboard_address=None,
                            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                            silence_logs=logging.ERROR, env=env or {})


class _Window:
    """How many tasks to keep in flight: twice the cluster's threads, recounted now and
    then (workers come and go); while the scheduler has no worker, one, said once."""

    def __init__(self, client: Any, notice: Callable[[str], None], where: str):
        self._client = client
        self._notice = notice
        self._where = where
        self._size = 1
        self._counted = -float("inf")
        self._waiting_told = False

    def size(self) -> int:
        now = time.monotonic()
        if now - self._counted >= _RECOUNT_SECONDS:
            self._counted = now
            workers = self._client.scheduler_info(n_workers=-1).get("workers", {})
            threads = sum(info.get("nthreads", 1) for info in workers.values())
            if not threads and not self._waiting_told:
                self._waiting_told = True
                self._notice(f"{self._where} has no workers yet; waiting for one to join")
            self._size = max(1, 2 * threads)
        return self._size


# --- on a Dask worker --------------------------------------------------------------------

_here = threading.local()  # this worker thread's pool and the settings it was made with


def extract_on_worker(task: _Task, data: bytes | None, ingest: Ingest, timeout: float,
                      memory_mb: int) -> tuple[_Done | _Failed, str, str | None]:
    """One file, in this worker thread's one-process pool. Returns the outcome, this
    worker's address and why this worker cannot OCR (None when it can)."""
    _allow_children()
    worker = _worker_address()
    pool = _pool(ingest, timeout, memory_mb)
    if data is None:
        outcome = _not_here(task, worker) or _extract(pool, task)
    else:
        if hashlib.sha256(data).hexdigest() != task.content_hash:
            return _Failed(ExtractionError.UNREADABLE, "changed during the run; index it again"), worker, None
        with tempfile.TemporaryDirectory(prefix="evidex-sent-") as folder:
            copy = Path(folder, task.path.name)
            copy.write_bytes(data)
            outcome = _extract(pool, replace(task, path=copy))
    return outcome, worker, _ocr_missing()


def _extract(pool: _WorkerPool, task: _Task) -> _Done | _Failed:
    [(_, outcome)] = list(pool.run([task], _ignore))
    return outcome


def _not_here(task: _Task, worker: str) -> _Failed | None:
    """A file this worker does not see as the client hashed it (no shared storage, or
    the file changed since): failed, rather than indexed under the wrong hash."""
    try:
        seen = content_hash(task.path)
    except OSError as error:
        return _Failed(ExtractionError.UNREADABLE,
                       f"not readable on Dask worker {worker} ({error.strerror or error}); "
                       "without shared storage, send the files' bytes (--send-files)")
    if seen != task.content_hash:
        return _Failed(ExtractionError.UNREADABLE,
                       f"Dask worker {worker} reads different bytes at this path "
                       "(changed during the run, or not the same storage)")
    return None


def _pool(ingest: Ingest, timeout: float, memory_mb: int) -> _WorkerPool:
    """This thread's pool, made again when a run asks for other settings."""
    settings = (pickle.dumps(ingest), timeout, memory_mb)
    if getattr(_here, "settings", None) != settings:
        if getattr(_here, "pool", None) is not None:
            _here.pool.close()
        _here.pool = _WorkerPool(1, ingest, timeout, memory_mb)
        _here.settings = settings
    return _here.pool


def _allow_children() -> None:
    """Dask starts workers as daemonic processes unless configured not to
    (``distributed.worker.daemon``), and multiprocessing refuses to start children
    from a daemon. The flag only decides whether multiprocessing kills children at
    exit: our extraction processes die with the worker anyway (their pipes close and
    their CPU limit stops them), so it is cleared rather than making every worker's
    operator set it."""
    me = multiprocessing.current_process()
    if me.daemon:
        me._config["daemon"] = False  # noqa: SLF001 - no public way on a running process


@functools.lru_cache(maxsize=1)
def _ocr_missing() -> str | None:
    return extract_ocr.missing()


def _worker_address() -> str:
    from distributed import get_worker

    try:
        return get_worker().address
    except ValueError:  # not in a worker (called directly): name the host
        return f"{os.uname().nodename} pid {os.getpid()}"


def _ignore(_: object) -> None:
    pass
