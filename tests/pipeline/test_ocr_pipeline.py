"""OCR inside the worker pool: a page read by OCR gets its own time limit on top of the
file's, the index records which pages OCR read, and ``evidex index --no-ocr`` reports a
scan as needing OCR, exiting 1 like any failed file."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from indexer import extract_ocr
from indexer.pipeline import run_index
from indexer.store import Index

SCAN = Path(__file__).resolve().parents[3] / "shared" / "pdfs" / "scanned" / "scan-002.pdf"


@pytest.mark.skipif(extract_ocr.missing() is not None, reason=f"OCR unavailable: {extract_ocr.missing()}")
def test_an_ocr_page_has_its_own_time_limit_beyond_the_files(tmp_path, scheduler):
    # reading a scanned page takes seconds; the file's own limit here is shorter than that
    summary = run_index([SCAN], tmp_path / "ix", jobs=1, timeout=1.5, ocr_timeout=120.0,
                        scheduler=scheduler)
    assert summary.failures == [] and summary.added == 1
    [doc] = Index.open(tmp_path / "ix").documents()
    assert doc.ocr_pages == (1,) and doc.ocr_confidence > 80
    passages = Index.open(tmp_path / "ix").get(doc.id).passages
    assert passages and all(p.ocr_confidence is not None for p in passages)


def test_no_ocr_reports_the_scan_as_needing_ocr(tmp_path):
    result = CliRunner().invoke(main, ["--index", str(tmp_path / "ix"), "index", "-q", "--no-ocr", str(SCAN)])
    assert result.exit_code == 1
    assert f"{SCAN.name}: no text layer (needs OCR)" in result.output
    assert "OCR is off" in result.output
