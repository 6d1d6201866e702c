"""Word files and e-mails through the whole pipeline: the folder walk finds them, the same
letter as a PDF and as a Word file is one document and its duplicate, an e-mail's
attachments are stored with the e-mail (re-indexing a changed e-mail replaces them), and a
file indexed without some of its parts is listed with what was lost. Invented letters."""
from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from indexer.pipeline import PARTLY_READ, run_index
from indexer.store import Index

docx = pytest.importorskip("docx")
fpdf = pytest.importorskip("fpdf")

LETTER = ["Welsh Local Government Association", "", "9 June 2021", "", "Dear Chair,", "",
          "Councils across Wales have seen demand for home to school transport rise by a fifth since 2019, "
          "and the cost of each contract has risen faster still.",
          "", "We ask the Committee to press for a review of the funding formula this year.", "",
          "Yours sincerely,", "", "Owain Price", "Head of Finance"]


def write_docx(path: Path) -> Path:
    d = docx.Document()
    for line in LETTER:
        d.add_paragraph(line)
    d.save(str(path))
    return path


def write_pdf(path: Path) -> Path:
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, "\n".join(LETTER))
    pdf.output(str(path))
    return path


def write_email(path: Path, attachments: dict[str, bytes]) -> Path:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "owain@example.org", "clerk@example.org", "Transport"
    msg.set_content("Please find our letter attached.\n")
    for name, data in attachments.items():
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    path.write_bytes(bytes(msg))
    return path


def test_the_same_letter_as_pdf_and_as_word_is_a_duplicate(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_pdf(folder / "a-letter.pdf")
    write_docx(folder / "b-letter.docx")
    summary = run_index([folder], tmp_path / "ix", jobs=1)
    assert summary.added == 2 and summary.failed == 0
    docs = {Path(d.source).suffix: d for d in Index.open(tmp_path / "ix").documents()}
    assert docs[".docx"].duplicate_of == docs[".pdf"].id or docs[".pdf"].duplicate_of == docs[".docx"].id


def test_reindexing_a_changed_email_replaces_its_attachments(tmp_path):
    mail = tmp_path / "in" / "message.eml"
    mail.parent.mkdir()
    letter = write_docx(tmp_path / "letter.docx").read_bytes()
    write_email(mail, {"letter.docx": letter, "copy.pdf": write_pdf(tmp_path / "copy.pdf").read_bytes()})
    run_index([mail.parent], tmp_path / "ix", jobs=1)
    write_email(mail, {"letter.docx": letter})
    summary = run_index([mail.parent], tmp_path / "ix", jobs=1)
    assert summary.updated == 1
    sources = sorted(d.source for d in Index.open(tmp_path / "ix").documents())
    assert sources == [f"{mail} \u203a letter.docx"]


def test_a_file_indexed_in_part_is_listed_with_what_was_lost(tmp_path):
    mail = write_email(tmp_path / "m.eml", {"letter.docx": write_docx(tmp_path / "l.docx").read_bytes(),
                                            "scan.tiff": b"II*\0"})
    summary = run_index([mail], tmp_path / "ix", jobs=1)
    assert summary.added == 1 and summary.partial == [(str(mail), "attachment scan.tiff: unsupported file type (.tiff)")]
    assert Index.open(tmp_path / "ix").failures() == [
        {"source": str(mail), "reason": PARTLY_READ, "detail": "attachment scan.tiff: unsupported file type (.tiff)"}]
