"""Every odd or broken PDF in ../shared/pdfs/wild ends as its MANIFEST.tsv says:
``text`` indexed, ``no-text`` read by OCR (or reported as needing OCR when OCR
finds no words in it, or Tesseract is not installed), ``error`` named with a
reason, ``slow`` cut off by the time limit. Uses the real ingest."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from indexer import extract_ocr
from indexer.errors import ExtractionError
from indexer.pipeline import CRASHED, INTERNAL_ERROR, RunSummary, run_index
from indexer.store import Index

WILD = Path(__file__).resolve().parents[3] / "shared" / "pdfs" / "wild"
MANIFEST = list(csv.DictReader((WILD / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t"))
# Reasons that are not a reading of the file itself.
NOT_A_VERDICT = {ExtractionError.TIMED_OUT, ExtractionError.NO_TEXT, CRASHED, INTERNAL_ERROR}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("wild") / "ix"


@pytest.fixture(scope="module")
def outcomes(index_dir) -> dict[str, str | None]:
    """File name -> failure reason (None when indexed)."""
    slow = [WILD / row["file"] for row in MANIFEST if row["expect"] == "slow"]
    others = [WILD / row["file"] for row in MANIFEST if row["expect"] != "slow"]
    runs: list[RunSummary] = [run_index(others, index_dir, timeout=60.0),
                              run_index(slow, index_dir, timeout=3.0)]
    failed = {Path(source).name: reason for run in runs for source, reason, _ in run.failures}
    return {row["file"]: failed.get(row["file"]) for row in MANIFEST}


@pytest.fixture(scope="module")
def ocr_pages(outcomes, index_dir) -> dict[str, set[int]]:
    """File name -> the pages of its documents that were read by OCR."""
    read: dict[str, set[int]] = {}
    for doc in Index.open(index_dir).documents():
        read.setdefault(Path(doc.source).name, set()).update(doc.ocr_pages)
    return read


@pytest.mark.parametrize("row", MANIFEST, ids=[row["file"] for row in MANIFEST])
def test_wild_pdf_ends_as_the_manifest_says(row, outcomes, ocr_pages):
    reason = outcomes[row["file"]]
    if row["expect"] == "text":
        assert reason is None
        assert not ocr_pages.get(row["file"])  # a text layer is read as it is, not by OCR
    elif row["expect"] == "no-text":
        if reason is None:  # read by OCR, every word of it
            assert ocr_pages.get(row["file"]) and extract_ocr.missing() is None
        else:
            assert reason == ExtractionError.NO_TEXT
    elif row["expect"] == "slow":
        assert reason == ExtractionError.TIMED_OUT
    else:
        assert reason and reason not in NOT_A_VERDICT
