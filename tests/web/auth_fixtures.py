"""Fixtures for the sign-in and restricted-evidence tests: an index of the shared corpus,
the hand-written hostile letter and one letter received in confidence (indexed
``--restricted``), with a clerk and a member account."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.accounts import Accounts
from indexer.pipeline import run_index
from webui import create_app
from webui.throttle import Throttle

from .conftest import CORPUS

CLERK, MEMBER = ("alice", "clerk-password-1"), ("bob", "member-password-1")

# words found in the confidential letter and nowhere else
SECRET_WORDS = ("quillfeather", "zephyrmantle", "Brindlecombe", "Marrowglen")

CONFIDENTIAL_LETTER = """\
Marrowglen Community Council
1 Riverside Lane, Aberzephyr AB1 2CD

3 March 2020

Nick Ramsay MS
Chair, Public Accounts Committee

Dear Nick,

Re: quillfeather funding, in confidence

We write in confidence about the quillfeather grant and the zephyrmantle targets
for local authorities. Our trustees ask that this letter is not published.

Yours sincerely,

Orla Brindlecombe
Chief Executive, Marrowglen Community Council
"""


class FakeClock:
    """Time that moves only when a test says so."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="session")
def confidential_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("confidential") / "in-confidence"
    folder.mkdir()
    (folder / "council_letter.txt").write_text(CONFIDENTIAL_LETTER, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def secured_index(tmp_path_factory, hostile_dir, confidential_dir) -> Path:
    ix = tmp_path_factory.mktemp("secured") / "ix"
    assert run_index([CORPUS, hostile_dir], ix, jobs=1).failed == 0
    assert run_index([confidential_dir], ix, jobs=1, restricted=True).added == 1
    accounts = Accounts(ix)
    accounts.add(CLERK[0], "clerk", CLERK[1])
    accounts.add(MEMBER[0], "member", MEMBER[1])
    return ix


def make_app(index_dir: Path, **config):
    return create_app(index_dir, {"TESTING": True, "THROTTLE": Throttle(FakeClock()), **config})


@pytest.fixture(scope="session")
def secured_app(secured_index):
    return make_app(secured_index)


@pytest.fixture(scope="session")
def restricted_id(secured_index) -> str:
    from indexer.store import Index
    ids = [d.id for d in Index.open(secured_index).documents() if d.restricted]
    assert len(ids) == 1
    return ids[0]


@pytest.fixture(scope="session")
def published_id(secured_app) -> str:
    client = secured_app.test_client()
    sign_in(client, *MEMBER)
    return client.get("/api/search?q=zanzibarite").get_json()["hits"][0]["doc_id"]


def csrf_from(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page should carry a CSRF token"
    return found.group(1)


def sign_in(client, name: str, password: str, **form):
    """Sign in as a browser would: fetch the form, post it back with its token."""
    token = csrf_from(client.get("/sign-in").get_data(as_text=True))
    return client.post("/sign-in", data={"username": name, "password": password,
                                         "csrf_token": token, **form})


@pytest.fixture
def nobody(secured_app):
    return secured_app.test_client()


@pytest.fixture(scope="session")
def member(secured_app):
    client = secured_app.test_client()
    assert sign_in(client, *MEMBER).status_code == 302
    return client


@pytest.fixture(scope="session")
def clerk(secured_app):
    client = secured_app.test_client()
    assert sign_in(client, *CLERK).status_code == 302
    return client
