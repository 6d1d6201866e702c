"""A small real index of the shared text corpus, built once per test module, and the CLI run over it."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    ix = tmp_path_factory.mktemp("cli") / "ix"
    result = CliRunner().invoke(main, ["--index", str(ix), "index", "-q", "--jobs", "1",
                                       str(SHARED / "corpus" / "text")])
    assert result.exit_code == 0, result.output
    return ix


def run(index_dir, *args):
    return CliRunner().invoke(main, ["--index", str(index_dir), *args])
