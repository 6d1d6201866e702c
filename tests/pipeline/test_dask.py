"""What only the Dask executor has: a worker lost under a file, files sent as bytes,
a worker without Tesseract, and the --scheduler option. The behaviours both executors
share are the other test modules, run on each."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from pipeline_fakes import fake_ingest
from pipeline_support import write
from indexer.errors import ExtractionError
from indexer.executor_dask import start_local_cluster
from indexer.extract_ocr import INSTALL_HINT
from indexer.pipeline import CRASHED, run_index
from indexer.store import Index

SCANNED = Path(__file__).resolve().parents[3] / "shared" / "pdfs" / "scanned"


@pytest.fixture(scope="module")
def cluster_to_break():
    """A cluster of its own for the test that kills workers, so the others never wait
    for a worker to come back."""
    cluster = start_local_cluster(2, env={"EVIDEX_TEST_CLUSTER": "1"})
    yield cluster.scheduler_address
    cluster.close()


def test_a_file_whose_worker_is_lost_is_tried_once_more_then_reported(docs_dir, index_dir,
                                                                      cluster_to_break):
    killer = write(docs_dir, "kills-its-worker.txt", "KILL-WORKER")
    summary = run_index([killer], index_dir, ingest=fake_ingest, scheduler=cluster_to_break)
    assert [(Path(s).name, r) for s, r, _ in summary.failures] == [("kills-its-worker.txt", CRASHED)]
    assert "lost" in summary.failures[0][2]
    assert Path(str(killer.resolve()) + ".attempts").read_text() == "xx"
    # and the workers it killed were replaced: the cluster still indexes
    later = write(docs_dir, "later.txt", "a letter after the loss")
    assert run_index([later], index_dir, ingest=fake_ingest, scheduler=cluster_to_break).added == 1


def test_files_sent_as_bytes_are_indexed_under_their_own_path(docs_dir, index_dir, dask_cluster):
    letter = write(docs_dir, "letter.txt", "sent as bytes\n\nabout penalties")
    summary = run_index([docs_dir], index_dir, ingest=fake_ingest, scheduler=dask_cluster,
                        send_bytes=True)
    assert summary.added == 1
    [doc] = Index.open(index_dir).documents()
    assert (doc.source, doc.text) == (str(letter.resolve()), "sent as bytes\n\nabout penalties")


def test_a_worker_without_tesseract_says_so_once_not_per_file(tmp_path, index_dir):
    scans = [SCANNED / "scan-002.pdf", SCANNED / "scan-007.pdf"]
    no_programs = tmp_path / "empty-bin"
    no_programs.mkdir()
    cluster = start_local_cluster(1, env={"PATH": str(no_programs)})
    events = []
    try:
        summary = run_index(scans, index_dir, scheduler=cluster.scheduler_address,
                            progress=events.append)
    finally:
        cluster.close()
    notices = [e.reason for e in events if e.kind == "notice"]
    assert len(notices) == 1 and "tesseract is not installed" in notices[0] and INSTALL_HINT in notices[0]
    assert [r for _, r, _ in summary.failures] == [ExtractionError.NO_TEXT] * 2
    assert all(INSTALL_HINT not in detail and "no OCR on Dask worker" in detail
               for _, _, detail in summary.failures)


def test_index_takes_the_scheduler_from_the_environment(docs_dir, index_dir, dask_cluster):
    write(docs_dir, "letter.txt", "a letter")
    result = CliRunner().invoke(main, ["--index", str(index_dir), "index", "-q", str(docs_dir)],
                                env={"EVIDEX_SCHEDULER": dask_cluster})
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output


@pytest.mark.parametrize("scheduler", ["local:0", "local:two", "127.0.0.1:8786"])
def test_a_bad_scheduler_is_a_one_line_usage_error(docs_dir, index_dir, scheduler):
    write(docs_dir, "letter.txt", "a letter")
    result = CliRunner().invoke(main, ["--index", str(index_dir), "index", "--scheduler", scheduler,
                                       str(docs_dir)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith(f"evidex: bad scheduler '{scheduler}'")
