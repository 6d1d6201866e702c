"""Fixtures for the store's tests: one small index per session in a temporary
folder, built from hand-made Documents (search_fixtures.py) through the same
batch API the pipeline uses."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.store import Index
from search_fixtures import build


@pytest.fixture(scope="session")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """The shared read-only index; tests that write build their own."""
    return build(tmp_path_factory.mktemp("search") / "index")


@pytest.fixture
def fresh_index(tmp_path: Path) -> Index:
    return build(tmp_path / "index")
