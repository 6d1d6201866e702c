"""The document page says where a document's text came from: the pages read by OCR (with
Tesseract's confidence), and the e-mail an attachment came with (whose file is the download)."""
from __future__ import annotations

import pytest

from indexer.model import Document
from indexer.store import Index
from webui import create_app

TEXT = "Cyngor Sir Enghraifft\n\nDear Chair,\n\nA scanned reply about school transport.\n\nYours sincerely,\n\nGwen Morgan\n"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("prov")
    ix = folder / "ix"
    mail = folder / "message.eml"
    mail.write_bytes(b"From: a@example.org\r\n\r\nsee attached\r\n")
    attached = Document(id="att1", source=f"{mail} \u203a reply.pdf", text=TEXT, attached_to=str(mail))
    index = Index.open(ix, create=True)
    scanned = Document(id="scan1", source="/papers/pack.pdf", text=TEXT, title="Letter from Cyngor Sir Enghraifft",
                       doc_type="letter", pages=(1, 2), page_starts=((1, 0), (2, 23)),
                       ocr_pages=(2,), ocr_confidence=91.4)
    with index.batch() as batch:
        batch.put_file("/papers/pack.pdf", "h1", [scanned])
        batch.put_file(str(mail), "h2", [attached])
    index.close()
    return create_app(ix, {"TESTING": True}).test_client()


def test_document_page_names_the_pages_read_by_ocr_and_the_confidence(client):
    html = client.get("/doc/scan1").get_data(as_text=True)
    assert "<dt>Read by OCR</dt><dd>page 2 (no text layer); Tesseract's confidence 91%</dd>" in html
    assert 'id="page-2">Page 2 <span class="ocr-mark">(read by OCR)</span>' in html
    assert 'id="page-1">Page 1</h3>' in html


def test_an_attachment_names_its_email_and_downloads_the_email(client):
    html = client.get("/doc/att1").get_data(as_text=True)
    assert "message.eml \u203a reply.pdf" in html and "attached to the e-mail" in html
    download = client.get("/doc/att1/original")
    assert download.status_code == 200 and download.data.startswith(b"From: a@example.org")
