"""One file in, its tagged documents out: extract -> split -> tag -> passages.

Pure with respect to the index (no Whoosh here), so it can run in a worker process."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from .errors import ExtractionError
from .extract import extract_file, text_pages
from .extract_ocr import OcrOptions
from .model import Document, Page, Passage
from .passages import passage_blocks
from .split import Segment, split
from .tag import tag


def doc_id(source: str, ordinal: int) -> str:
    """A stable id: the same file path and position give the same id on every run."""
    return hashlib.sha1(f"{source}#{ordinal}".encode("utf-8")).hexdigest()[:16]


class Ingested(list):
    """A file's documents, and ``lost``: what of the file could not be read
    ("pages 3-4 unreadable (...)"), "" when nothing was lost."""

    def __init__(self, docs=(), lost: str = ""):
        super().__init__(docs)
        self.lost = lost


def ingest_file(path: Path, source: str, ocr: OcrOptions = OcrOptions()) -> Ingested:
    """The documents in the file at ``path``, recorded under ``source``; pages without a
    text layer are read by OCR unless ``ocr.enabled`` is false.
    Raises ExtractionError for a file that cannot be read."""
    if Path(path).suffix.lower() == ".eml":
        return ingest_email(Path(path), source, ocr)
    extraction = extract_file(Path(path), ocr)
    docs = documents_of(extraction.pages, source)
    return Ingested(docs, extraction.lost)


ATTACHED = " › "  # "message.eml › attachment.pdf"
MAX_NESTING = 3        # e-mails forwarded as attachments of attachments


def ingest_email(path: Path, source: str, ocr: OcrOptions = OcrOptions(), *,
                 file_source: str | None = None, depth: int = 0) -> Ingested:
    """An e-mail's documents: its body when it holds a letter (or nothing is attached), and
    each attachment's own, recorded as ``source › name`` and ``attached_to`` the e-mail file.
    An attachment that cannot be read is named in ``lost``; the rest is indexed."""
    from .extract_email import read_email

    file_source = file_source or source
    docs: list[Document] = []
    lost: list[str] = []
    with read_email(path) as mail:
        if mail.holds_letter or not mail.attachments:
            docs += documents_of(text_pages(mail.body), source)
        for att in mail.attachments:
            where = f"{source}{ATTACHED}{att.name}"
            try:
                if att.path.suffix == ".eml" and depth < MAX_NESTING:
                    part = ingest_email(att.path, where, ocr, file_source=file_source, depth=depth + 1)
                else:
                    extraction = extract_file(att.path, ocr)
                    part = Ingested(documents_of(extraction.pages, where), extraction.lost)
            except ExtractionError as error:
                lost.append(f"attachment {att.name}: {error.reason}" + (f" ({error.detail})" if error.detail else ""))
                continue
            docs += [replace(doc, attached_to=file_source) for doc in part]
            if part.lost:
                lost.append(f"attachment {att.name}: {part.lost}")
    if not docs:
        raise ExtractionError(ExtractionError.EMPTY, "; ".join(lost) or "no text in the message")
    return Ingested(docs, "; ".join(lost))


def documents_of(pages: list[Page], source: str) -> list[Document]:
    """Split and tag ``pages`` into the documents recorded under ``source``."""
    read_by_ocr = {p.number: p.ocr_confidence for p in pages if p.ocr}
    docs = [build_document(seg, source, i) for i, seg in enumerate(split(pages))]
    return [_mark_ocr(doc, read_by_ocr) for doc in docs] if read_by_ocr else docs


def _mark_ocr(doc: Document, read_by_ocr: dict[int, float | None]) -> Document:
    """Say which of the document's pages (and passages) were read by OCR, and how surely."""
    pages = sorted({n for n, _ in doc.page_starts if n in read_by_ocr})
    if not pages:
        return doc
    confs = [read_by_ocr[n] for n in pages if read_by_ocr[n] is not None]
    passages = tuple(replace(p, ocr_confidence=read_by_ocr.get(p.page)) if p.page in read_by_ocr else p
                     for p in doc.passages)
    return replace(doc, ocr_pages=tuple(pages), passages=passages,
                   ocr_confidence=round(sum(confs) / len(confs), 1) if confs else None)


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
        recommendations=tags.recommendations, paper_ref=tags.paper_ref, evidence=tags.evidence,
        pages=(min(pages), max(pages)) if pages else None,
        page_starts=tuple(page_starts), passages=passages,
    )
