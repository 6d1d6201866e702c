"""INTERIM: a JSON-file stand-in for indexer.store.Index, used only until the
real store lands (conftest installs it when ``indexer.store`` cannot be imported).
Commits are atomic (write a temp file, then rename)."""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from indexer.errors import IndexMissingError
from indexer.model import Document


@dataclass(frozen=True)
class FileRecord:
    source: str
    content_hash: str
    status: str
    n_docs: int
    indexed_at: str = ""
    reason: str | None = None
    detail: str | None = None


class Batch:
    def __init__(self, state):
        self.state = state

    def put_file(self, source, content_hash, docs):
        self.state["docs"] = [d for d in self.state["docs"] if d["source"] != source]
        self.state["docs"] += [d.to_dict() for d in docs]
        self.state["files"][source] = [source, content_hash, "ok", len(docs), "", None, None]

    def put_failure(self, source, content_hash, reason, detail):
        self.state["docs"] = [d for d in self.state["docs"] if d["source"] != source]
        self.state["files"][source] = [source, content_hash, "failed", 0, "", reason, detail]

    def remove_file(self, source):
        self.state["docs"] = [d for d in self.state["docs"] if d["source"] != source]
        self.state["files"].pop(source, None)


class Index:
    def __init__(self, path):
        self.path = Path(path)

    @classmethod
    def open(cls, index_dir, create=False):
        path = Path(index_dir)
        if not (path / "interim.json").exists():
            if not create:
                raise IndexMissingError(f"no index at {path}")
            path.mkdir(parents=True, exist_ok=True)
            cls(path)._save({"files": {}, "docs": []})
        return cls(path)

    def _load(self):
        return json.loads((self.path / "interim.json").read_text())

    def _save(self, state):
        tmp = self.path / "interim.json.tmp"
        tmp.write_text(json.dumps(state))
        os.replace(tmp, self.path / "interim.json")

    def files(self):
        return {s: FileRecord(*r) for s, r in self._load()["files"].items()}

    @contextmanager
    def batch(self):
        state = self._load()
        yield Batch(state)
        self._save(state)

    def documents(self):
        return [Document.from_dict(d) for d in self._load()["docs"]]

    def failures(self):
        return [{"source": r.source, "reason": r.reason, "detail": r.detail}
                for r in self.files().values() if r.status == "failed"]
