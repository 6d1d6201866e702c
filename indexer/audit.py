"""The audit log beside the index: one line per sign-in, failed sign-in, sign-out and
download (and account changes made with `evidex users`), readable by its owner only.

Each line is tab-separated: time (UTC, ISO 8601), account (``-`` for none), address
(``-`` for the command line), what happened. Values a visitor typed are cut short and
stripped of control characters, so a line is always one line.
"""
from __future__ import annotations

import os
import re
import threading
from datetime import datetime, timezone
from pathlib import Path

AUDIT_FILE = "audit.log"
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_lock = threading.Lock()


def clean(value: str | None, limit: int = 200) -> str:
    """``value`` safe for one field of one line."""
    if not value:
        return "-"
    text = _UNPRINTABLE.sub("?", value)
    return text if len(text) <= limit else text[:limit] + "…"


def audit_path(index_dir: str | os.PathLike) -> Path:
    return Path(index_dir) / AUDIT_FILE


def record(index_dir: str | os.PathLike, account: str | None, address: str | None,
           what: str) -> None:
    """Append one line to the audit log (created with mode 0600)."""
    when = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    line = "\t".join([when, clean(account, 64), clean(address, 64), clean(what, 500)]) + "\n"
    path = audit_path(index_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _lock:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(line)
