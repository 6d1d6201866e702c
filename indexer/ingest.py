"""One file in, its tagged documents out: extract -> split -> tag -> passages.

Pure with respect to the index (no Whoosh here), so it can run in a worker process."""
from __future__ import annotations

import hashlib
from pathlib import Path

from .extract import extract
from .model import Document, Passage
from .passages import passage_blocks
from .split import Segment, split
from .tag import tag


def doc_id(source: str, ordinal: int) -> str:
    """A stable id: the same file path and position give the same id on every run."""
    return hashlib.sha1(f"{source}#{ordinal}".encode("utf-8")).hexdigest()[:16]


def ingest_file(path: Path, source: str) -> list[Document]:
    """The documents in the file at ``path``, recorded under ``source``.
    Raises ExtractionError for a file that cannot be read."""
    pages = extract(Path(path))
    return [build_document(seg, source, i) for i, seg in enumerate(split(pages))]


def build_document(seg: Segment, source: str, ordinal: int) -> Document:
    texts = seg.texts
    tags = tag(texts)
    did = doc_id(source, ordinal)
    # text with its page starts
    page_starts: list[tuple[int, int]] = []
    offset = 0
    for ln in seg.lines:
        if not page_starts or page_starts[-1][0] != ln.page:
            page_starts.append((ln.page, offset))
        offset += len(ln.text) + 1
    passages = tuple(Passage(did, k, text, page, rec)
                     for k, (text, page, rec) in enumerate(passage_blocks(seg.lines)))
    pages = [ln.page for ln in seg.lines]
    return Document(
        id=did, source=source, text=seg.text, title=tags.title, doc_type=tags.doc_type,
        date=tags.date, author=tags.author, author_role=tags.author_role,
        organisation=tags.organisation, recipient=tags.recipient, recipient_org=tags.recipient_org,
        recommendations=tags.recommendations, paper_ref=tags.paper_ref,
        pages=(min(pages), max(pages)) if pages else None,
        page_starts=tuple(page_starts), passages=passages,
    )
