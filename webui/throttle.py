"""Failed sign-ins, counted per account and per address: after a few, each further try
must wait longer (1, 2, 4 ... seconds after the last failure), and after many the key is
refused for a quarter of an hour. Nothing sleeps: a try that comes too early is refused
with the number of seconds to wait, so an attacker cannot tie up the server's threads.

Pure bookkeeping with an injectable clock, kept in the server's memory.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

FREE_FAILURES = 3          # failures allowed before tries are slowed
LOCK_FAILURES = 10         # failures after which the key is refused for LOCK_SECONDS
LOCK_SECONDS = 15 * 60
FORGET_SECONDS = 15 * 60   # a key with no failure for this long starts afresh
MAX_KEYS = 10_000          # memory bound: the oldest keys are forgotten first

Key = tuple[str, str]      # ("account", name) | ("address", ip)


@dataclass
class _Record:
    failures: int
    last: float


def delay_after(failures: int) -> float:
    """Seconds a try must wait after the last of ``failures`` failed ones."""
    if failures < FREE_FAILURES:
        return 0.0
    if failures >= LOCK_FAILURES:
        return float(LOCK_SECONDS)
    return float(2 ** (failures - FREE_FAILURES))


class Throttle:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._records: dict[Key, _Record] = {}

    def wait(self, keys: Iterable[Key]) -> float:
        """Seconds until a try for all of ``keys`` is allowed; 0 when it is allowed now."""
        now = self._clock()
        with self._lock:
            waits = [r.last + delay_after(r.failures) - now
                     for r in (self._fresh(k, now) for k in keys) if r is not None]
        return max([0.0, *waits])

    def failures(self, key: Key) -> int:
        with self._lock:
            r = self._fresh(key, self._clock())
        return r.failures if r else 0

    def failed(self, keys: Iterable[Key]) -> None:
        now = self._clock()
        with self._lock:
            for key in keys:
                r = self._fresh(key, now)
                if r is None:
                    if len(self._records) >= MAX_KEYS:
                        self._forget_oldest()
                    self._records[key] = _Record(1, now)
                else:
                    r.failures += 1
                    r.last = now

    def succeeded(self, key: Key) -> None:
        with self._lock:
            self._records.pop(key, None)

    def _fresh(self, key: Key, now: float) -> _Record | None:
        r = self._records.get(key)
        if r is not None and now - r.last > max(FORGET_SECONDS, delay_after(r.failures)):
            del self._records[key]
            return None
        return r

    def _forget_oldest(self) -> None:
        for key, _ in sorted(self._records.items(), key=lambda kv: kv[1].last)[:MAX_KEYS // 10]:
            del self._records[key]
