from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS_TEXT = SHARED / "corpus" / "text"
CORPUS_PDF = SHARED / "corpus" / "pdf"
WILD = SHARED / "pdfs" / "wild"


@pytest.fixture(scope="session")
def shared_docs():
    """Documents of the shared text corpus, by file stem."""
    from indexer.ingest import ingest_file
    return {p.stem: ingest_file(p, str(p)) for p in sorted(CORPUS_TEXT.glob("*.txt"))}


@pytest.fixture(scope="session")
def shared_pdf_docs():
    from indexer.ingest import ingest_file
    return {p.stem: ingest_file(p, str(p)) for p in sorted(CORPUS_PDF.glob("*.pdf"))}


def holding(docs, phrase):
    """The one document whose text holds ``phrase`` (white space folded)."""
    import re
    fold = lambda s: re.sub(r"\s+", " ", s)
    found = [d for d in docs if fold(phrase) in fold(d.text)]
    assert len(found) == 1, f"{len(found)} documents hold {phrase!r}"
    return found[0]
