"""Pages without a usable text layer are read by Tesseract (English and Welsh), page by
page, and said to be: a scanned letter is split and tagged like its typed original, a pack
of typed and scanned pages keeps both, ``--no-ocr`` and a missing Tesseract report the
scan as before (with the install hint), and a page past its OCR time limit is named.

OCR costs seconds of CPU a page, so these tests read one or two small pages each; the
whole set of scans is measured by benchmarks/bench_ocr.py."""
from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from indexer import extract_ocr
from indexer.errors import ExtractionError
from indexer.extract import extract_file
from indexer.extract_ocr import OcrOptions
from indexer.ingest import ingest_file

from .conftest import SHARED

SCANNED = SHARED / "pdfs" / "scanned"
DEV_PDF = SHARED / "eval" / "dev" / "pdf"

needs_tesseract = pytest.mark.skipif(extract_ocr.missing() is not None,
                                     reason=f"OCR unavailable: {extract_ocr.missing()}")
TAGS = ("doc_type", "date", "author", "organisation", "recipient", "recommendations")


def _tags(doc) -> dict:
    return {name: getattr(doc, name) for name in TAGS}


@needs_tesseract
def test_a_scanned_letter_is_tagged_like_its_typed_original():
    [original] = ingest_file(DEV_PDF / "002.pdf", "002.pdf")
    [scan] = ingest_file(SCANNED / "scan-002.pdf", "scan-002.pdf")
    assert _tags(scan) == _tags(original)
    assert scan.ocr_pages == (1,) and scan.ocr_confidence > 80
    assert all(p.ocr_confidence is not None for p in scan.passages)


@needs_tesseract
def test_a_pack_of_a_typed_page_and_a_scanned_page_keeps_both(tmp_path):
    pack = _typed_then_scanned(tmp_path)
    extraction = extract_file(pack)
    assert [(p.number, p.ocr) for p in extraction.pages] == [(1, False), (2, True)]
    assert "Pwyllgor" in extraction.pages[0].text
    assert "Caerphilly" in extraction.pages[1].text
    assert extraction.lost == ""


def test_without_ocr_a_scan_is_reported_as_needing_it():
    with pytest.raises(ExtractionError) as e:
        extract_file(SCANNED / "scan-002.pdf", OcrOptions(enabled=False))
    assert e.value.reason == ExtractionError.NO_TEXT
    assert "OCR is off" in e.value.detail


def test_without_tesseract_a_scan_is_reported_with_the_install_hint(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract, no pdftoppm
    with pytest.raises(ExtractionError) as e:
        extract_file(SCANNED / "scan-002.pdf")
    assert e.value.reason == ExtractionError.NO_TEXT
    assert "apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-cym" in e.value.detail


@pytest.mark.skipif(not Path("/usr/bin/pdftoppm").exists(), reason="poppler-utils is not installed")
def test_a_page_past_its_ocr_time_limit_is_named_and_the_rest_kept(monkeypatch, tmp_path):
    pack = _typed_then_scanned(tmp_path, render=False)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    slow = bin_dir / "tesseract"  # knows its languages, then never finishes a page
    slow.write_text("#!/bin/sh\nif [ \"$1\" = --list-langs ]; then printf 'langs\\neng\\ncym\\n'; exit 0; fi\nexec /bin/sleep 30\n")
    slow.chmod(slow.stat().st_mode | stat.S_IEXEC)
    os.symlink("/usr/bin/pdftoppm", bin_dir / "pdftoppm")
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setattr(extract_ocr, "_LANGS", None)
    extraction = extract_file(pack, OcrOptions(page_seconds=1.0))
    assert [p.number for p in extraction.pages] == [1]
    assert extraction.lost == "page 2 not read by OCR (OCR gave up after 1 s on the page)"


def test_mean_confidence_counts_words_only():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90\tAnnwyl\n"
           "5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t70\tGadeirydd\n"
           "5\t1\t1\t1\t1\t3\t0\t0\t10\t10\t95\t \n")
    assert extract_ocr.mean_confidence(tsv) == 80.0


# --- an invented pack: one typed page, then one page "scanned" (rasterised, no text layer) ---

def _typed_then_scanned(tmp_path: Path, render: bool = True) -> Path:
    fpdf = pytest.importorskip("fpdf")
    typed = fpdf.FPDF(format="A4")
    typed.add_page()
    typed.set_font("helvetica", size=11)
    typed.multi_cell(0, 6, "Pwyllgor Cyllid / Finance Committee\n\nAgenda item 3: papers to note.\n\n"
                           "The Committee is asked to note the letters that follow.")
    letter = fpdf.FPDF(format="A4")
    letter.add_page()
    letter.set_font("helvetica", size=13)
    letter.multi_cell(0, 8, "Caerphilly County Borough Council\n\n12 March 2021\n\nDear Chair,\n\n"
                            "Thank you for your letter about school transport. We will reply in full "
                            "before the end of the month.\n\nYours sincerely,\n\nGwen Morgan\nChief Executive")
    letter_pdf = tmp_path / "letter.pdf"
    letter.output(str(letter_pdf))
    subprocess.run(["pdftoppm", "-r", "100", "-gray", "-png", "-singlefile", str(letter_pdf),
                    str(tmp_path / "scan")], check=True)
    typed.add_page()
    typed.image(str(tmp_path / "scan.png"), x=0, y=0, w=210, h=297)
    out = tmp_path / "pack.pdf"
    typed.output(str(out))
    return out
