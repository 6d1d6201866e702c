"""Fixtures for the web tests: one real index in a temporary folder per session,
built from the shared corpus plus a hand-written letter full of HTML-looking text."""
from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import pytest

from indexer.pipeline import run_index
from webui import create_app
from webui.server import make_server

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "text"

HOSTILE_LETTER = """\
Welsh Local Government Association
Local Government House, Drake Walk, Cardiff CF10 4LG

12 December 2019

Nick Ramsay MS
Chair, Public Accounts Committee

Dear Nick,

Re: <script>alert(1)</script> and zanzibarite targets

We write about <b>zanzibarite</b> targets & "penalties" <img src=x onerror=alert(2)>
for local authorities. The word zanzibarite appears here so tests can find this letter.

Further text about <a href="javascript:alert(3)">a link</a> that must stay text.

Yours sincerely,

Naomi Alleyne
Director of Social Services and Housing
"""


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile_letter.txt").write_text(HOSTILE_LETTER, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, hostile_dir) -> Path:
    ix = tmp_path_factory.mktemp("index") / "ix"
    summary = run_index([CORPUS, hostile_dir], ix)
    assert summary.failed == 0, summary.failures
    return ix


@pytest.fixture(scope="session")
def app(index_dir):
    return create_app(index_dir, {"TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def hostile_doc_id(app) -> str:
    """The id of the hand-written letter, found through the API like any client would."""
    hits = app.test_client().get("/api/search?q=zanzibarite").get_json()["hits"]
    assert hits, "the hand-written letter should be indexed"
    return hits[0]["doc_id"]


@contextlib.contextmanager
def serving(index_dir):
    """The real waitress server over ``index_dir`` on a free port, serving in a thread: its URL."""
    server = make_server(index_dir, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        server.task_dispatcher.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(index_dir):
    """The real waitress server on a free port, serving in a thread."""
    with serving(index_dir) as url:
        yield url
