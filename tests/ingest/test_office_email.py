"""Word (.docx), OpenDocument (.odt) and e-mail (.eml) files, built here from invented
letters: their text in reading order (header, paragraphs, tables, footer), split and tagged
like any letter; an e-mail's body is a document when it holds a letter, each attachment is a
document of its own recorded as ``message.eml › name`` and linked to the e-mail, and what
could not be read is named. Everyone in these letters is made up."""
from __future__ import annotations

import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from indexer.errors import ExtractionError
from indexer.extract import extract
from indexer.ingest import ingest_file

docx = pytest.importorskip("docx")

BODY = ("Thank you for your letter of 2 February about the Committee's report on school transport. "
        "The Association welcomes the report and sets out its response to each recommendation below.")
ROWS = [("Recommendation 3", "Accepted. Councils will publish their transport policies each year."),
        ("Recommendation 5", "Accepted in principle, subject to funding.")]


def make_docx(path: Path) -> Path:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Welsh Local Government Association"
    d.sections[0].footer.paragraphs[0].text = "Local Government House, Drake Walk, Cardiff"
    for line in ("14 March 2021", "", "Carys Bevan MS", "Chair, Children, Young People and Education Committee",
                 "", "Dear Carys,", "", BODY):
        d.add_paragraph(line)
    table = d.add_table(rows=0, cols=2)
    for left, right in ROWS:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = left, right
    for line in ("Yours sincerely,", "", "Rhodri Pugh", "Director of Education"):
        d.add_paragraph(line)
    d.save(str(path))
    return path


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">
<office:body><office:text>
<text:p>3 Mawrth 2021</text:p>
<text:p>Annwyl<text:s/>Gadeirydd,</text:p>
<text:h text:outline-level="1">Trafnidiaeth<text:s text:c="2"/>ysgol</text:h>
<text:p>Diolch am eich llythyr am <text:span>drafnidiaeth</text:span> ysgol.<text:line-break/>Byddwn yn ymateb yn llawn.</text:p>
<table:table><table:table-row><table:table-cell><text:p>Argymhelliad 1</text:p></table:table-cell>
<table:table-cell><text:p>Derbyn</text:p></table:table-cell></table:table-row></table:table>
<text:list><text:list-item><text:p>Pwynt cyntaf</text:p></text:list-item></text:list>
<text:p>Yn gywir,</text:p>
<text:p>Elin Rowlands</text:p>
</office:text></office:body></office:document-content>"""

ODT_STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
<office:master-styles><style:master-page style:name="Standard">
<style:header><text:p>Cyngor Sir Enghraifft</text:p></style:header>
<style:footer><text:p>Rhif elusen 123456</text:p></style:footer>
</style:master-page></office:master-styles></office:document-styles>"""


def make_odt(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", ODT_CONTENT)
        z.writestr("styles.xml", ODT_STYLES)
    return path


def make_pdf(path: Path, text: str) -> Path:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    pdf.output(str(path))
    return path


PDF_LETTER = ("Welsh Local Government Association\n\n20 April 2021\n\nDear Chair,\n\n"
              "We write about the funding of school meals in the coming year and the pressure it puts on "
              "councils across Wales.\n\nYours sincerely,\n\nSian Howells\nHead of Policy")


def make_email(path: Path, tmp: Path, body: str, attach: list[tuple[str, bytes, str]]) -> Path:
    msg = EmailMessage()
    msg["From"] = "Rhodri Pugh <rhodri.pugh@example.org>"
    msg["To"] = "Committee clerk <clerk@example.org>"
    msg["Subject"] = "Response to the school transport report"
    msg["Date"] = "Mon, 15 Mar 2021 09:30:00 +0000"
    msg.set_content(body)
    for name, data, mime in attach:
        main, sub = mime.split("/")
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    path.write_bytes(bytes(msg))
    return path


# --- Word and OpenDocument -------------------------------------------------------------

def test_docx_text_holds_header_paragraphs_table_cells_and_footer_in_order(tmp_path):
    text = extract(make_docx(tmp_path / "reply.docx"))[0].text
    order = ["Welsh Local Government Association", "Dear Carys,", BODY, "Recommendation 3",
             "Accepted. Councils will publish", "Yours sincerely,", "Rhodri Pugh", "Drake Walk"]
    where = [text.find(part) for part in order]
    assert -1 not in where and where == sorted(where)


def test_a_docx_letter_is_tagged_like_a_pdf_letter(tmp_path):
    [doc] = ingest_file(make_docx(tmp_path / "reply.docx"), "reply.docx")
    assert (doc.doc_type, doc.date, doc.author, doc.organisation, doc.recipient) == (
        "letter", "2021-03-14", "Rhodri Pugh", "Welsh Local Government Association", "Carys Bevan")
    assert [r.number for r in doc.recommendations] == [3, 5]


def test_odt_text_reads_spaces_spans_breaks_tables_lists_header_and_footer(tmp_path):
    text = extract(make_odt(tmp_path / "ateb.odt"))[0].text
    assert text.startswith("Cyngor Sir Enghraifft\n\n3 Mawrth 2021\n\nAnnwyl Gadeirydd,\n\nTrafnidiaeth  ysgol\n\n")
    assert "Diolch am eich llythyr am drafnidiaeth ysgol.\nByddwn yn ymateb yn llawn." in text
    assert "Argymhelliad 1\nDerbyn" in text and "Pwynt cyntaf" in text
    assert text.rstrip().endswith("Elin Rowlands\n\nRhif elusen 123456")


def test_an_odt_letter_is_dated_and_signed(tmp_path):
    [doc] = ingest_file(make_odt(tmp_path / "ateb.odt"), "ateb.odt")
    assert (doc.date, doc.author) == ("2021-03-03", "Elin Rowlands")


@pytest.mark.parametrize("name, data, reason", [
    ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ExtractionError.UNSUPPORTED),
    ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), ExtractionError.ENCRYPTED),
    ("cut.docx", b"PK\x03\x04 this zip was cut short", ExtractionError.MALFORMED),
    ("cut.odt", b"PK\x03\x04 this zip was cut short", ExtractionError.MALFORMED),
])
def test_a_bad_office_file_is_named_with_its_reason(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ExtractionError) as e:
        extract(tmp_path / name)
    assert e.value.reason == reason


# --- e-mail ----------------------------------------------------------------------------

def test_an_email_letter_and_each_attachment_are_documents_linked_to_the_email(tmp_path):
    body = "Dear Clerk,\n\nPlease find our reply attached, and a note on school meals.\n\nYours sincerely,\n\nRhodri Pugh\n"
    mail = make_email(tmp_path / "message.eml", tmp_path, body, [
        ("reply.docx", make_docx(tmp_path / "reply.docx").read_bytes(),
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("meals.pdf", make_pdf(tmp_path / "meals.pdf", PDF_LETTER).read_bytes(), "application/pdf"),
    ])
    docs = ingest_file(mail, "inbox/message.eml")
    assert [d.source for d in docs] == ["inbox/message.eml", "inbox/message.eml \u203a reply.docx",
                                        "inbox/message.eml \u203a meals.pdf"]
    assert [d.attached_to for d in docs] == [None, "inbox/message.eml", "inbox/message.eml"]
    assert docs[0].author == "Rhodri Pugh" and docs[0].date == "2021-03-15"  # sent date: the body has no dateline
    assert docs[1].date == "2021-03-14" and docs[2].author == "Sian Howells"
    assert docs.lost == ""


def test_a_covering_note_is_not_a_document_but_its_attachment_is(tmp_path):
    mail = make_email(tmp_path / "note.eml", tmp_path, "Please see the attached.\n", [
        ("meals.pdf", make_pdf(tmp_path / "meals.pdf", PDF_LETTER).read_bytes(), "application/pdf")])
    docs = ingest_file(mail, "note.eml")
    assert [d.source for d in docs] == ["note.eml \u203a meals.pdf"]


def test_an_attachment_that_cannot_be_read_is_named_and_the_rest_indexed(tmp_path):
    mail = make_email(tmp_path / "m.eml", tmp_path, "Please see the attached.\n", [
        ("meals.pdf", make_pdf(tmp_path / "meals.pdf", PDF_LETTER).read_bytes(), "application/pdf"),
        ("figures.xlsx", b"PK\x03\x04", "application/vnd.ms-excel"),
        ("broken.pdf", b"<html>404</html>", "application/pdf"),
    ])
    docs = ingest_file(mail, "m.eml")
    assert [d.source for d in docs] == ["m.eml \u203a meals.pdf"]
    assert docs.lost == ("attachment figures.xlsx: unsupported file type (.xlsx); "
                         "attachment broken.pdf: not a PDF (no %PDF header; the file holds HTML)")


def test_an_email_with_no_letter_and_no_attachment_is_still_indexed(tmp_path):
    mail = make_email(tmp_path / "short.eml", tmp_path, "The minutes of Tuesday's meeting are now final.\n", [])
    [doc] = ingest_file(mail, "short.eml")
    assert "Subject: Response to the school transport report" in doc.text
    assert "minutes of Tuesday" in doc.text
