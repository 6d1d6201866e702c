"""Fixtures for the pipeline tests: small hand-written files in tmp_path, the
fake ingest of pipeline_fakes.py (which obeys each file's first word), and a way to run
an index run in its own process.

Every test that indexes through ``index``, ``driver`` or ``scheduler`` runs twice: with
the local worker pool and on a Dask LocalCluster (two single-threaded worker processes
on loopback, no dashboard) that this session starts once, on first use."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from indexer.pipeline import Event, RunSummary, run_index
from pipeline_fakes import fake_ingest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


@pytest.fixture
def docs_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "papers"
    folder.mkdir()
    return folder


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


@pytest.fixture(scope="session")
def dask_cluster():
    """The scheduler address of a LocalCluster of 2 workers for the whole session, the
    one ``evidex index --scheduler local:2`` starts. Its workers carry
    EVIDEX_TEST_CLUSTER, which lets the fake ingest kill them."""
    from indexer.executor_dask import start_local_cluster

    cluster = start_local_cluster(2, env={"EVIDEX_TEST_CLUSTER": "1"})
    yield cluster.scheduler_address
    cluster.close()


@pytest.fixture(scope="module", params=["local", "dask"])
def scheduler(request) -> str | None:
    """What run_index's ``scheduler`` is for this module's runs: None (the local pool)
    or the test cluster's address."""
    return request.getfixturevalue("dask_cluster") if request.param == "dask" else None


@pytest.fixture
def index(index_dir: Path, scheduler: str | None) -> Callable[..., RunSummary]:
    """index(*paths, **options): one run with the fake ingest into index_dir, on this
    module's executor."""
    def run(*paths: Path, events: list[Event] | None = None, **options) -> RunSummary:
        options.setdefault("scheduler", scheduler)
        options.setdefault("ingest", fake_ingest)
        options.setdefault("jobs", 2)
        options.setdefault("timeout", 10.0)
        progress = events.append if events is not None else None
        return run_index(list(paths), index_dir, progress=progress, **options)
    return run


@pytest.fixture
def driver(index_dir: Path, scheduler: str | None):
    """driver(folder, commit_every): an index run in a child process (pipeline_driver.py),
    on this module's executor, whose stdout is one line per progress event."""
    children: list[subprocess.Popen] = []

    def start(folder: Path, commit_every: int = 1) -> subprocess.Popen:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), str(HERE)]))
        child = subprocess.Popen(
            [sys.executable, str(HERE / "pipeline_driver.py"), str(index_dir), str(folder),
             str(commit_every), scheduler or ""],
            stdout=subprocess.PIPE, text=True, env=env, cwd=REPO)
        children.append(child)
        return child

    yield start
    for child in children:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()
