"""Bulk indexing: walk, hash, extract in worker processes, commit in batches, under a lock.

    run_index(paths, index_dir) -> RunSummary

One run:

1. Walk the given files and folders for ``.pdf .txt .md .html .htm .docx .odt .eml`` (any case).
2. Take the index write lock (``indexer.lock``), then hash every file (sha256)
   and compare with ``Index.files()``: a file whose hash is already recorded,
   whether it succeeded or failed last time, is skipped without extraction.
3. Extract new and changed files in worker processes, each file under a wall
   clock time limit and a memory cap. A file that raises, hangs or kills its
   worker becomes a recorded failure with a reason; the run goes on.
4. The parent, the only writer, commits results in batches (every
   ``commit_every`` files or ``commit_seconds`` seconds) from a background
   thread, so indexing overlaps extraction. A file's hash is written in the
   same commit as its documents, so after a crash the next run redoes exactly
   the files whose documents were not committed.

Workers come from the ``forkserver`` start method, deliberately:

* the memory cap is ``RLIMIT_AS``, which counts every mapping of the process.
  A ``fork`` child would inherit this process's address space (Whoosh's
  mmapped segments, the results waiting to be committed), so the cap would
  measure the parent rather than the file. Forkserver children start from a
  small server process with only the extraction modules preloaded;
* a ``fork`` child would also inherit the write lock's open file, so a worker
  left hanging after the parent was killed would keep the index locked, and
  it would inherit whatever locks other threads held at the moment of the
  fork. Forkserver children inherit neither;
* starting or replacing a worker stays cheap (a fork of the preloaded
  server), unlike ``spawn``, which would import pdfminer afresh each time.

concurrent.futures pools cannot kill one running task, so this module keeps
its own small pool: one pipe per worker, one file at a time, a deadline per
file; a worker past its deadline is killed and replaced.
"""
from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import queue
import resource
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from indexer import executors, extract_ocr
from indexer import sources
from indexer.errors import ExtractionError, UsageError
from indexer.lock import index_lock
from indexer.model import Document
from indexer.store import Index, prepare

EXTENSIONS = frozenset({".pdf", ".txt", ".md", ".html", ".htm", ".docx", ".odt", ".eml"})
# the reason recorded for a file indexed in part: its detail says what was lost
PARTLY_READ = "partly unreadable"
DEFAULT_MEMORY_MB = 1024
# Reasons this module adds to those of ExtractionError.
CRASHED = "crashed"
INTERNAL_ERROR = "internal error"
# Extra CPU seconds beyond the time limit before the kernel stops a worker
# itself; this only matters when the parent died and cannot kill it.
_CPU_GRACE_SECONDS = 10

Ingest = Callable[[Path, str], Sequence[Document]]


@dataclass(frozen=True)
class Event:
    """What the ``progress`` callback hears, in this order:

    ``plan``    the work is known: ``total`` files to extract;
    ``start``   extraction of ``source`` began;
    ``finish``  ``source`` is done; ``outcome`` is "added", "updated" or
                "failed" (then ``reason`` says why); ``done`` of ``total``;
    ``commit``  ``done`` results (files and removals) are now durably in the index;
    ``notice``  something about where files are extracted, said once (``reason``:
                a cluster worker without Tesseract), at any point;
    ``done``    the run is over.
    """

    kind: str
    source: str | None = None
    outcome: str | None = None
    reason: str | None = None
    done: int = 0
    total: int = 0


@dataclass(frozen=True)
class RunSummary:
    """What one run did. ``failures`` holds (source, reason, detail) for each file
    that failed in this run; files skipped as unchanged are not in it, even if
    they failed before (``Index.failures()`` lists those)."""

    added: int
    updated: int
    unchanged: int
    failed: int
    removed: int
    failures: list[tuple[str, str, str]]
    seconds: float
    # (source, what was lost) for each file indexed without some of its pages
    partial: list[tuple[str, str]] = field(default_factory=list)

    def summary_line(self) -> str:
        part = f", {len(self.partial)} partly read" if self.partial else ""
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.failed} failed{part}, {self.removed} removed in {self.seconds:.1f} s")


def run_index(paths: Iterable[str | os.PathLike[str]], index_dir: str | os.PathLike[str],
              jobs: int | None = None, timeout: float = 60.0,
              memory_mb: int = DEFAULT_MEMORY_MB, prune: bool = False,
              progress: Callable[[Event], None] | None = None, *,
              ingest: Ingest | None = None, commit_every: int = 2000,
              commit_seconds: float = 10.0, lock_wait: float = 2.0, ocr: bool = True,
              ocr_timeout: float = extract_ocr.PAGE_SECONDS,
              restricted: bool | None = None, scheduler: str | None = None,
              send_bytes: bool = False) -> RunSummary:
    """Index ``paths`` (files and folders, recursively) into ``index_dir``.

    ``jobs`` worker processes extract (default: one per CPU), each file under
    ``timeout`` seconds and ``memory_mb`` MB of address space. ``prune``
    removes indexed files under ``paths`` that no longer exist. ``ingest``
    replaces ``indexer.ingest.ingest_file`` (it must be importable by name,
    since workers receive it by pickling). Raises ``UsageError`` for a path
    that does not exist and ``IndexLockedError`` when another run holds the
    index for longer than ``lock_wait`` seconds. Pages without a text layer are
    read by OCR unless ``ocr`` is false; each such page adds ``ocr_timeout``
    seconds to its file's time limit and is itself cut off after that long.
    index for longer than ``lock_wait`` seconds. ``restricted`` True marks the
    documents of these files received in confidence, False marks them published,
    None keeps each file's mark (new files are published). ``scheduler`` (a Dask
    address or ``local:N``) extracts on a Dask cluster instead of local workers
    (``indexer.executors``; ``jobs`` is then the cluster's business), sending each
    file's bytes rather than its path when ``send_bytes``.
    """
    started = time.monotonic()
    notify = progress or _ignore
    roots = _resolve_roots(paths)
    files = find_files(roots)
    with index_lock(index_dir, wait=lock_wait):
        index = Index.open(index_dir, create=True)
        plan = _plan(files, index.files(), roots if prune else None, restricted)
        sources.remember_roots(index_dir, roots)
        notify(Event("plan", total=len(plan.tasks)))
        pool = executors.open_executor(
            scheduler, jobs, ingest or _default_ingest(ocr, ocr_timeout), timeout, memory_mb,
            send_bytes=send_bytes, notice=lambda text: notify(Event("notice", reason=text)))
        with _Committer(index, commit_every, commit_seconds) as committer, pool:
            tally = _execute(plan, pool, committer, notify)
        if committer.committed:
            notify(Event("commit", done=committer.committed))
    notify(Event("done", done=tally.done, total=len(plan.tasks)))
    return tally.summary(time.monotonic() - started)


def _execute(plan: _Plan, pool: executors.Executor, committer: _Committer,
             notify: Callable[[Event], None]) -> _Tally:
    """Queue the plan's removals and failures, extract its tasks, and hand every
    result to the committer, telling ``notify`` as things happen."""
    tally = _Tally(unchanged=plan.unchanged)
    total = len(plan.tasks)
    for source in plan.removals:
        committer.add(_Removal(source))
        tally.removed += 1
    for source in plan.marks:
        committer.add(_Mark(source, plan.restricted))
    for failure in plan.unreadable:
        committer.add(failure)
        tally.record_failure(failure)

    def started_file(task: _Task) -> None:
        notify(Event("start", source=task.source, done=tally.done, total=total))

    reported = 0
    for task, outcome in pool.run(plan.tasks, started_file):
        result = _result_of(task, outcome)
        committer.add(result)
        tally.record(result)
        notify(Event("finish", source=task.source, outcome=result.outcome,
                     reason=result.reason, done=tally.done, total=total))
        if committer.committed > reported:
            reported = committer.committed
            notify(Event("commit", done=reported))
    return tally


def find_files(roots: Iterable[Path]) -> list[Path]:
    """Every indexable file under ``roots`` (resolved, each once, in walk order).
    A file named directly is taken whatever its extension: ingest judges it."""
    found: dict[Path, None] = {}
    for root in roots:
        if not root.is_dir():
            found[root] = None
            continue
        for folder, subfolders, names in os.walk(root):
            subfolders.sort()
            for name in sorted(names):
                if os.path.splitext(name)[1].lower() in EXTENSIONS:
                    found[Path(folder, name).resolve()] = None
    return list(found)


def content_hash(path: Path) -> str:
    """sha256 of the file's bytes, as hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _ignore(event: Event) -> None:
    pass


def _default_ingest(ocr: bool = True, ocr_timeout: float = extract_ocr.PAGE_SECONDS) -> Ingest:
    from indexer.ingest import ingest_file
    options = extract_ocr.OcrOptions(enabled=ocr, page_seconds=ocr_timeout)
    return functools.partial(ingest_file, ocr=options)


def _resolve_roots(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    roots = []
    for given in paths:
        root = Path(given).expanduser()
        if not root.exists():
            raise UsageError(f"no such file or folder: {given}")
        roots.append(root.resolve())
    return roots


# --- planning: what to extract, skip and remove ---------------------------------------


@dataclass(frozen=True)
class _Task:
    path: Path
    source: str
    content_hash: str
    size: int
    was_indexed: bool  # the source has documents from an earlier run
    restricted: bool | None = None  # the mark to give its documents (None: keep)


@dataclass(frozen=True)
class _Plan:
    tasks: list[_Task]
    unchanged: int
    unreadable: list[_Failure]
    removals: list[str]
    marks: list[str] = field(default_factory=list)  # unchanged files to mark `restricted`
    restricted: bool | None = None


def _plan(files: list[Path], known: dict[str, Any], prune_roots: list[Path] | None,
          restricted: bool | None = None) -> _Plan:
    tasks, unreadable, unchanged, marks = [], [], 0, []
    for path in files:
        source = str(path)
        try:
            digest, size = content_hash(path), path.stat().st_size
        except OSError as error:
            unreadable.append(_Failure(source, "", ExtractionError.UNREADABLE,
                                       error.strerror or str(error), restricted=restricted))
            continue
        record = known.get(source)
        if record is not None and record.content_hash == digest:
            unchanged += 1
            if restricted is not None and record.restricted != restricted:
                marks.append(source)
            continue
        was_indexed = record is not None and record.status == "ok"
        tasks.append(_Task(path, source, digest, size, was_indexed, restricted))
    # Largest first: a big file started last would leave the other workers idle.
    tasks.sort(key=lambda task: task.size, reverse=True)
    removals = _gone(known, prune_roots) if prune_roots is not None else []
    return _Plan(tasks, unchanged, unreadable, removals, marks, restricted)


def _gone(known: dict[str, Any], roots: list[Path]) -> list[str]:
    """Indexed sources under ``roots`` whose file no longer exists."""
    return [source for source in known
            if any(_is_within(Path(source), root) for root in roots)
            and not os.path.exists(source)]


def _is_within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


# --- results and committing ------------------------------------------------------------


@dataclass(frozen=True)
class _Stored:
    """A file whose documents go into the index."""

    source: str
    content_hash: str
    docs: list[Document]
    outcome: str  # "added" | "updated"
    reason: None = None
    lost: str = ""  # what of the file could not be read, when something could not
    restricted: bool | None = None
    prepared: list | None = None

    def apply(self, batch: Any) -> None:
        lost = (PARTLY_READ, self.lost) if self.lost else None
        batch.put_file(self.source, self.content_hash, self.docs, lost=lost,
                       restricted=self.restricted, prepared=self.prepared)


@dataclass(frozen=True)
class _Failure:
    """A file that could not be indexed; recorded so ``evidex failures`` lists it."""

    source: str
    content_hash: str
    reason: str
    detail: str
    outcome: str = field(default="failed", init=False)
    restricted: bool | None = None

    def apply(self, batch: Any) -> None:
        batch.put_failure(self.source, self.content_hash, self.reason, self.detail,
                          restricted=self.restricted)


@dataclass(frozen=True)
class _Mark:
    """An unchanged file whose documents are marked restricted or published."""

    source: str
    restricted: bool

    def apply(self, batch: Any) -> None:
        batch.mark_restricted(self.source, self.restricted)


@dataclass(frozen=True)
class _Removal:
    source: str

    def apply(self, batch: Any) -> None:
        batch.remove_file(self.source)


def _result_of(task: _Task, outcome: _Done | _Failed) -> _Stored | _Failure:
    if isinstance(outcome, _Failed):
        return _Failure(task.source, task.content_hash, outcome.reason, outcome.detail,
                        restricted=task.restricted)
    return _Stored(task.source, task.content_hash, outcome.docs,
                   "updated" if task.was_indexed else "added", lost=outcome.lost,
                   restricted=task.restricted, prepared=outcome.prepared)


@dataclass
class _Tally:
    unchanged: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    partial: list[tuple[str, str]] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.added + self.updated + len(self.failures)

    def record(self, result: _Stored | _Failure) -> None:
        if isinstance(result, _Failure):
            self.record_failure(result)
            return
        if result.lost:
            self.partial.append((result.source, result.lost))
        if result.outcome == "updated":
            self.updated += 1
        else:
            self.added += 1

    def record_failure(self, failure: _Failure) -> None:
        self.failures.append((failure.source, failure.reason, failure.detail))

    def summary(self, seconds: float) -> RunSummary:
        return RunSummary(added=self.added, updated=self.updated, unchanged=self.unchanged,
                          failed=len(self.failures), removed=self.removed,
                          failures=list(self.failures), seconds=seconds, partial=list(self.partial))


class _Cancelled(Exception):
    """Raised inside a batch to make the store drop it."""


_STOP, _DROP = object(), object()  # what the main thread sends when it is done


class _Committer:
    """Writes results to the index from a background thread, in batches: a
    batch is committed after ``every`` results or ``seconds`` seconds.

    The thread lets Whoosh's indexing (pure Python, a large share of the
    work) overlap extraction instead of idling the workers while the parent
    writes. The queue is bounded, so when writing falls behind, the main
    thread waits in ``add`` rather than piling results up in memory.

    On leaving the ``with`` block, waiting results are committed, unless the
    block raised: then the open batch is dropped (the next run redoes those
    files), except on Ctrl-C, where finished work is worth keeping. Only the
    main thread talks to the caller: ``committed`` is read from there.
    """

    def __init__(self, index: Index, every: int, seconds: float):
        self._index = index
        self._every = max(1, every)
        self._seconds = seconds
        # results waiting for the writer: enough to keep it busy, few enough to bound memory
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=min(self._every, 100))
        self._error: BaseException | None = None
        self.committed = 0
        self._thread = threading.Thread(target=self._write, name="evidex-writer", daemon=True)

    def __enter__(self) -> _Committer:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        keep = kind is None or issubclass(kind, KeyboardInterrupt)
        self._send(_STOP if keep else _DROP)
        self._thread.join()
        if kind is None and self._error is not None:
            raise self._error

    def add(self, result: _Stored | _Failure | _Removal) -> None:
        if not self._send(result):
            raise self._error or RuntimeError("the index writer thread ended early")

    def _send(self, item: object) -> bool:
        """Queue ``item`` unless the writer thread has ended; say whether it was queued."""
        while self._thread.is_alive():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _write(self) -> None:
        try:
            ending = None
            while ending is None:
                item = self._queue.get()
                if item is _STOP or item is _DROP:
                    return
                ending = self._write_batch(item)
        except _Cancelled:
            pass
        except BaseException as error:  # handed to the main thread, which raises it
            self._error = error

    def _write_batch(self, first: _Stored | _Failure | _Removal) -> object | None:
        """Commit ``first`` and what follows in one batch; return _STOP if seen."""
        written, ending = 0, None
        deadline = time.monotonic() + self._seconds
        with self._index.batch() as batch:
            item: Any = first
            while True:
                item.apply(batch)
                written += 1
                if written >= self._every:
                    break
                try:
                    item = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    break
                if item is _DROP:
                    raise _Cancelled
                if item is _STOP:
                    ending = _STOP
                    break
        self.committed += written
        return ending


# --- the worker pool -------------------------------------------------------------------


@dataclass(frozen=True)
class _Done:
    docs: list[Document]
    lost: str = ""
    prepared: list | None = None  # indexer.store.prepare(docs), done in the worker


@dataclass(frozen=True)
class _MoreTime:
    """From a worker: the file it is on needs ``seconds`` more (it is starting an OCR page)."""

    seconds: float


@dataclass(frozen=True)
class _Failed:
    reason: str
    detail: str
    retire: bool = False  # the worker should exit after reporting (its state is suspect)


class _Worker:
    """One extraction process and the parent's end of its pipe."""

    def __init__(self, context: Any, ingest: Ingest, memory_mb: int):
        self.conn, child_end = context.Pipe()
        self.process = context.Process(target=_serve, args=(child_end, ingest, memory_mb),
                                       name="evidex-extract", daemon=True)
        self.process.start()
        child_end.close()
        self.task: _Task | None = None
        self.deadline = float("inf")

    def stop(self) -> None:
        """Kill the process (idle or not) and wait for it."""
        self.process.kill()
        self.process.join()
        self.conn.close()

    def death(self) -> str:
        """Why the process ended (it has, or is about to: its pipe or sentinel said so)."""
        self.process.join(timeout=1.0)
        code = self.process.exitcode
        if code is None:
            return "the extracting process stopped answering"
        if code < 0:
            return f"the extracting process was killed by {signal.Signals(-code).name}"
        return f"the extracting process exited with status {code}"


class _WorkerPool:
    """Up to ``size`` extraction processes, each doing one file at a time
    under a deadline. Started lazily, so a run with nothing to extract starts
    no process at all."""

    def __init__(self, size: int, ingest: Ingest, timeout: float, memory_mb: int):
        self._size = max(1, size)
        self._ingest = ingest
        self._timeout = timeout
        self._memory_mb = memory_mb
        self._workers: list[_Worker] = []
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["indexer.pipeline", "indexer.ingest",
                                              "indexer.worker_preload"])

    def __enter__(self) -> _WorkerPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def run(self, tasks: Iterable[_Task],
            on_start: Callable[[_Task], None]) -> Iterator[tuple[_Task, _Done | _Failed]]:
        """Extract every task; yield each with its outcome as it finishes."""
        waiting = deque(tasks)
        while waiting or self._busy():
            while waiting and (worker := self._idle_worker()) is not None:
                task = waiting.popleft()
                on_start(task)
                refused = self._assign(worker, task)
                if refused is not None:
                    yield task, refused
            yield from self._collect()

    def close(self) -> None:
        for worker in self._workers:
            if worker.task is None:
                _send_quietly(worker.conn, None)
        for worker in self._workers:
            worker.process.join(timeout=0 if worker.task else 1.0)
            worker.stop()
        self._workers.clear()

    def _busy(self) -> list[_Worker]:
        return [worker for worker in self._workers if worker.task is not None]

    def _idle_worker(self) -> _Worker | None:
        for worker in self._workers:
            if worker.task is None:
                return worker
        if len(self._workers) < self._size:
            worker = _Worker(self._context, self._ingest, self._memory_mb)
            self._workers.append(worker)
            return worker
        return None

    def _assign(self, worker: _Worker, task: _Task) -> _Failed | None:
        """Hand ``task`` to ``worker``; a worker that died before taking it fails the task."""
        try:
            worker.conn.send((str(task.path), task.source, self._timeout))
        except (BrokenPipeError, ConnectionResetError):
            why = worker.death()
            self._retire(worker)
            return _Failed(CRASHED, why + " before it could start")
        worker.task = task
        worker.deadline = time.monotonic() + self._timeout
        return None

    def _collect(self) -> list[tuple[_Task, _Done | _Failed]]:
        """Wait for the first result, death or deadline among busy workers."""
        busy = self._busy()
        if not busy:
            return []
        soonest = min(worker.deadline for worker in busy)
        ready = set(wait([worker.conn for worker in busy]
                         + [worker.process.sentinel for worker in busy],
                         timeout=max(0.0, soonest - time.monotonic())))
        finished = []
        for worker in busy:
            task = worker.task
            if worker.conn in ready:
                outcome = self._receive(worker)
            elif worker.process.sentinel in ready:
                outcome = self._died(worker)
            elif time.monotonic() >= worker.deadline:
                outcome = self._expire(worker)
            else:
                continue
            if outcome is not None:
                finished.append((task, outcome))
        return finished

    def _receive(self, worker: _Worker) -> _Done | _Failed | None:
        try:
            outcome = worker.conn.recv()
        except (EOFError, ConnectionResetError):
            return self._died(worker)
        if isinstance(outcome, _MoreTime):
            worker.deadline += outcome.seconds
            return None
        worker.task = None
        if isinstance(outcome, _Failed) and outcome.retire:
            self._retire(worker)
        return outcome

    def _died(self, worker: _Worker) -> _Failed:
        why = worker.death()
        self._retire(worker)
        if worker.process.exitcode == -signal.SIGXCPU:
            return _Failed(ExtractionError.TIMED_OUT, why + " (CPU time limit)")
        return _Failed(CRASHED, why)

    def _expire(self, worker: _Worker) -> _Failed:
        self._retire(worker)
        return _Failed(ExtractionError.TIMED_OUT, f"no result after {self._timeout:g} s")

    def _retire(self, worker: _Worker) -> None:
        worker.task = None
        self._workers.remove(worker)
        worker.stop()


def _send_quietly(conn: Connection, message: object) -> None:
    """Send to a worker that may already be gone (its death is handled elsewhere)."""
    try:
        conn.send(message)
    except (BrokenPipeError, ConnectionResetError):
        pass


# --- inside a worker process -----------------------------------------------------------


def _serve(conn: Connection, ingest: Ingest, memory_mb: int) -> None:
    """Worker main loop: receive (path, source, timeout), send back _Done or _Failed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _limit(resource.RLIMIT_CORE, 0)  # a crash must not drop core files among the papers
    _limit(resource.RLIMIT_AS, memory_mb * 1024 * 1024)
    extract_ocr.on_page_start = functools.partial(_ask_more_time, conn)
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        path, source, timeout = request
        _limit_cpu(timeout)
        outcome = _extract(ingest, Path(path), source, memory_mb)
        try:
            conn.send(outcome)
        except MemoryError:
            outcome = _too_large(memory_mb)
            conn.send(outcome)
        except BrokenPipeError:
            return  # the parent is gone
        if isinstance(outcome, _Failed) and outcome.retire:
            return


def _ask_more_time(conn: Connection, seconds: float) -> None:
    conn.send(_MoreTime(seconds))


def _extract(ingest: Ingest, path: Path, source: str, memory_mb: int) -> _Done | _Failed:
    try:
        docs = ingest(path, source)
        # the store's share of the work that needs no index, done here on the worker's core
        return _Done(list(docs), getattr(docs, "lost", ""), prepare(list(docs)))
    except ExtractionError as error:
        return _Failed(error.reason, error.detail)
    except MemoryError:
        return _too_large(memory_mb)
    except Exception as error:  # the worker boundary: a bug fails this file, with its text
        return _Failed(INTERNAL_ERROR, _describe(error))


def _too_large(memory_mb: int) -> _Failed:
    return _Failed(ExtractionError.TOO_LARGE,
                   f"extraction needed more than the {memory_mb} MB memory cap", retire=True)


def _describe(error: Exception) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(error).__name__}: {error}{where}"


def _limit(which: int, value: int) -> None:
    """Lower the soft limit ``which`` to ``value`` (never above the hard limit)."""
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, hard))


def _limit_cpu(timeout: float) -> None:
    """Let the kernel stop this process if it spends ``timeout`` (plus grace)
    more CPU seconds on this file: the parent's wall-clock deadline normally
    comes first, but a worker orphaned by a killed parent must not spin on."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    spent = usage.ru_utime + usage.ru_stime
    _limit(resource.RLIMIT_CPU, int(spent + timeout) + _CPU_GRACE_SECONDS)
