"""The index write lock: one index run at a time per index folder.

An ``fcntl.flock`` on a small file inside the index folder. The kernel drops
the lock when its holder exits, however it exits (even SIGKILL), so a crashed
run never leaves a stale lock behind. Searches never take it: Whoosh readers
see the last commit and need no coordination with the writer.
"""
from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from indexer.errors import IndexLockedError

LOCK_NAME = "evidex-index.lock"


@contextmanager
def index_lock(index_dir: str | os.PathLike[str], wait: float = 2.0,
               poll: float = 0.05) -> Iterator[Path]:
    """Hold the write lock on ``index_dir`` (created if missing) for the ``with`` body.

    Waits up to ``wait`` seconds for another run to finish, then raises
    ``IndexLockedError`` naming the folder and the holder's pid. Yields the
    lock file's path.
    """
    folder = Path(index_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        _acquire(fd, folder, wait, poll)
        _write_pid(fd)
        yield path
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)  # closing also releases the lock if the body raised


def _acquire(fd: int, folder: Path, wait: float, poll: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise IndexLockedError(
                    f"an index run is already in progress on {folder} (pid {_read_pid(fd)})"
                ) from None
            time.sleep(poll)


def _write_pid(fd: int) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)


def _read_pid(fd: int) -> str:
    """The holder's pid as it wrote it, or "unknown" if it has not written it yet."""
    return os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
