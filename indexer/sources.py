"""Where documents came from, as the web page may show it: relative to the folder that
was indexed, never the server's absolute path.

``evidex index`` remembers the folders it was given (a file's own folder when a file is
named) in ``roots.json`` inside the index folder; ``relative_source`` cuts the outermost
of those off a document's source, so ``/home/clerk/evidence/PAC/letter.pdf`` indexed
from ``/home/clerk/evidence`` is shown as ``PAC/letter.pdf``.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

ROOTS_FILE = "roots.json"


def _roots_path(index_dir: str | os.PathLike) -> Path:
    return Path(index_dir) / ROOTS_FILE


def load_roots(index_dir: str | os.PathLike) -> list[str]:
    """The folders indexed into ``index_dir``, outermost first."""
    try:
        roots = json.loads(_roots_path(index_dir).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return []
    return sorted({str(r) for r in roots if isinstance(r, str)}, key=lambda r: (len(r), r))


def remember_roots(index_dir: str | os.PathLike, roots: Iterable[Path]) -> None:
    """Add the folders of ``roots`` (resolved paths) to those the index remembers."""
    folders = {str(r if r.is_dir() else r.parent) for r in roots}
    known = set(load_roots(index_dir))
    if folders <= known:
        return
    path = _roots_path(index_dir)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(sorted(known | folders), indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def relative_source(source: str, roots: Iterable[str]) -> str:
    """``source`` without the outermost indexed folder that holds it; a file's name
    alone when none does. Whatever follows the file (an e-mail attachment's
    `` › name.pdf``) is kept."""
    for root in sorted(roots, key=len):
        prefix = root.rstrip(os.sep) + os.sep
        if source.startswith(prefix) and len(source) > len(prefix):
            return source[len(prefix):]
    head, sep, tail = source.partition(" › ")
    return os.path.basename(head) + sep + tail
