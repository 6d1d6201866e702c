"""Every odd or broken PDF in ../shared/pdfs/wild ends as its MANIFEST.tsv says:
``text`` indexed, ``no-text`` reported as needing OCR, ``error`` named with a
reason, ``slow`` cut off by the time limit. Uses the real ingest."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from indexer.errors import ExtractionError
from indexer.pipeline import CRASHED, INTERNAL_ERROR, RunSummary, run_index

WILD = Path(__file__).resolve().parents[3] / "shared" / "pdfs" / "wild"
MANIFEST = list(csv.DictReader((WILD / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t"))
# Reasons that are not a reading of the file itself.
NOT_A_VERDICT = {ExtractionError.TIMED_OUT, ExtractionError.NO_TEXT, CRASHED, INTERNAL_ERROR}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, str | None]:
    """File name -> failure reason (None when indexed)."""
    index_dir = tmp_path_factory.mktemp("wild") / "ix"
    slow = [WILD / row["file"] for row in MANIFEST if row["expect"] == "slow"]
    others = [WILD / row["file"] for row in MANIFEST if row["expect"] != "slow"]
    runs: list[RunSummary] = [run_index(others, index_dir, timeout=60.0),
                              run_index(slow, index_dir, timeout=3.0)]
    failed = {Path(source).name: reason for run in runs for source, reason, _ in run.failures}
    return {row["file"]: failed.get(row["file"]) for row in MANIFEST}


@pytest.mark.parametrize("row", MANIFEST, ids=[row["file"] for row in MANIFEST])
def test_wild_pdf_ends_as_the_manifest_says(row, outcomes):
    reason = outcomes[row["file"]]
    if row["expect"] == "text":
        assert reason is None
    elif row["expect"] == "no-text":
        assert reason == ExtractionError.NO_TEXT
    elif row["expect"] == "slow":
        assert reason == ExtractionError.TIMED_OUT
    else:
        assert reason and reason not in NOT_A_VERDICT
