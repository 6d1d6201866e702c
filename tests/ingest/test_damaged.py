"""Damaged PDFs are read as far as they can be: page by page, rebuilt by qpdf when pdfminer
cannot open them, and what is lost is named ("pages 3-4 missing"). Over a small set made by
../shared/pdfs/mutate_pdfs.py with a fixed seed, every file ends with text or a named reason,
never an exception of pdfminer's, and no fewer files give text than poppler's pdftotext
gives (benchmarks/bench_damaged.py measures 1,000)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indexer import extract_ocr
from indexer.errors import ExtractionError
from indexer.extract import extract_file
from indexer.extract_ocr import OcrOptions

from .conftest import SHARED

fpdf = pytest.importorskip("fpdf")
NO_OCR = OcrOptions(enabled=False)
CLERK_REASONS = {ExtractionError.ENCRYPTED, ExtractionError.NOT_PDF, ExtractionError.MALFORMED,
                 ExtractionError.NO_TEXT, ExtractionError.EMPTY}


def four_pages(path: Path) -> bytes:
    """An invented four-page paper, uncompressed, so its objects can be cut out by offset."""
    pdf = fpdf.FPDF(format="A4")
    pdf.set_compression(False)
    for n in range(1, 5):
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, f"Page {n} of the paper. " + "The committee heard evidence about rural bus routes. " * 6)
    pdf.output(str(path))
    return path.read_bytes()


def offset_of(data: bytes, obj: int) -> int:
    return re.search(rb"\n%d 0 obj" % obj, data).start() + 1


def test_pages_lost_from_a_damaged_pdf_are_named_and_the_rest_indexed(tmp_path):
    data = four_pages(tmp_path / "paper.pdf")
    damaged = tmp_path / "damaged.pdf"  # the objects of pages 3 and 4 are gone; the xref now lies
    damaged.write_bytes(data[:offset_of(data, 7)] + data[offset_of(data, 11):])
    extraction = extract_file(damaged, NO_OCR)
    assert [p.number for p in extraction.pages] == [1, 2]
    assert "Page 2 of the paper." in extraction.pages[1].text
    assert extraction.lost == "pages 3-4 missing (the file is damaged or cut short)"


def test_a_pdf_cut_short_is_rebuilt_and_its_missing_page_named(tmp_path):
    data = four_pages(tmp_path / "paper.pdf")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[:offset_of(data, 9)])  # no page 4, no fonts, no xref, no trailer
    extraction = extract_file(cut, NO_OCR)
    assert [p.number for p in extraction.pages][:2] == [1, 2]
    assert extraction.lost.startswith("page 4 missing (the file is damaged or cut short); the rest rebuilt by qpdf")


@pytest.fixture(scope="module")
def damaged_set(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("damaged")
    sources = [SHARED / "eval" / "dev" / "pdf" / name for name in ("002.pdf", "020.pdf")]
    subprocess.run([sys.executable, str(SHARED / "pdfs" / "mutate_pdfs.py"), str(folder), "16",
                    *map(str, sources), "--seed", "3"], check=True)
    return sorted(folder.glob("*.pdf"))


def _words(text: str) -> int:
    return len(re.findall(r"\w+", re.sub(r"\(cid:\d+\)", " ", text)))


def test_every_damaged_pdf_ends_with_text_or_a_named_reason(damaged_set):
    for path in damaged_set:
        try:
            extraction = extract_file(path, NO_OCR)
        except ExtractionError as error:
            assert error.reason in CLERK_REASONS and error.detail, path.name
        else:
            assert extraction.pages and "(cid:" not in "".join(p.text for p in extraction.pages)


@pytest.mark.skipif(extract_ocr.missing() is not None or not shutil.which("pdftotext"),
                    reason=f"needs Tesseract and pdftotext: {extract_ocr.missing()}")
def test_no_fewer_damaged_pdfs_give_text_than_pdftotext_gives(damaged_set):
    def ours(path: Path) -> int:
        try:
            return sum(_words(p.text) for p in extract_file(path).pages)
        except ExtractionError:
            return 0

    poppler = [_words(subprocess.run(["pdftotext", "-q", str(p), "-"], capture_output=True, text=True,
                                     errors="replace").stdout) for p in damaged_set]
    evidex = [ours(p) for p in damaged_set]
    assert sum(n > 50 for n in evidex) >= sum(n > 50 for n in poppler)
