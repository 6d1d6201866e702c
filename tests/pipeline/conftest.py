"""Fixtures for the pipeline tests: small hand-written files in tmp_path, the
fake ingest of pipeline_fakes.py (which obeys each file's first word), and a way to run
an index run in its own process."""
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


@pytest.fixture
def index(index_dir: Path) -> Callable[..., RunSummary]:
    """index(*paths, **options): one run with the fake ingest into index_dir."""
    def run(*paths: Path, events: list[Event] | None = None, **options) -> RunSummary:
        options.setdefault("ingest", fake_ingest)
        options.setdefault("jobs", 2)
        options.setdefault("timeout", 10.0)
        progress = events.append if events is not None else None
        return run_index(list(paths), index_dir, progress=progress, **options)
    return run


@pytest.fixture
def driver(index_dir: Path):
    """driver(folder, commit_every): an index run in a child process (pipeline_driver.py)
    whose stdout is one line per progress event."""
    children: list[subprocess.Popen] = []

    def start(folder: Path, commit_every: int = 1) -> subprocess.Popen:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), str(HERE)]))
        child = subprocess.Popen(
            [sys.executable, str(HERE / "pipeline_driver.py"), str(index_dir), str(folder),
             str(commit_every)],
            stdout=subprocess.PIPE, text=True, env=env, cwd=REPO)
        children.append(child)
        return child

    yield start
    for child in children:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()
