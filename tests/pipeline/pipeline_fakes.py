"""Stand-ins for ``indexer.ingest.ingest_file``, importable by name so worker
processes can receive them.

``fake_ingest`` obeys the first word of the file it is given, so a test makes
a misbehaving file just by writing it:

    HANG            never returns
    SLOW <seconds>  sleeps, then indexes the file
    RAISE <reason>  raises ExtractionError(reason)
    CRASH           kills its own process with SIGSEGV
    HOG             allocates memory until it runs out
    BUG             raises ValueError (an unexpected error)
    KILL-WORKER     notes the attempt in <file>.attempts, then kills the Dask worker it
                    runs under (only on the test cluster, whose workers carry
                    EVIDEX_TEST_CLUSTER): the extraction process's grandparent
    anything else   one document holding the file's text, a passage per paragraph
"""
from __future__ import annotations

import hashlib
import os
import signal
import time
from pathlib import Path

from indexer.errors import ExtractionError
from indexer.model import Document, Passage


def fake_ingest(path: Path, source: str) -> list[Document]:
    text = path.read_text(encoding="utf-8")
    command, _, argument = text.partition(" ")
    argument = argument.split("\n", 1)[0].strip()
    if command.strip() == "HANG":
        while True:
            time.sleep(60)
    if command == "SLOW":
        time.sleep(float(argument))
    elif command == "RAISE":
        raise ExtractionError(argument, "raised by the fake ingest")
    elif command.strip() == "CRASH":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif command.strip() == "HOG":
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
    elif command.strip() == "BUG":
        raise ValueError("a bug in the fake ingest")
    elif command.strip() == "KILL-WORKER" and os.environ.get("EVIDEX_TEST_CLUSTER"):
        attempts = Path(source + ".attempts")
        attempts.write_text(attempts.read_text() + "x" if attempts.exists() else "x")
        os.kill(_parent_of(os.getppid()), signal.SIGKILL)  # worker <- forkserver <- this
        time.sleep(5)
        os._exit(1)
    return [document(source, text)]


def _parent_of(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])


def refuse_every_file(path: Path, source: str) -> list[Document]:
    """For runs that must extract nothing: any call fails its file."""
    raise ExtractionError("extracted when it should have been skipped", source)


def document(source: str, text: str) -> Document:
    doc_id = hashlib.sha1(source.encode()).hexdigest()[:12] + "-0"
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    passages = tuple(Passage(doc_id=doc_id, ordinal=i, text=p, page=1)
                     for i, p in enumerate(paragraphs))
    return Document(id=doc_id, source=source, text=text,
                    title=text.strip().split("\n", 1)[0][:80], doc_type="letter",
                    pages=(1, 1), page_starts=((1, 0),), passages=passages)
