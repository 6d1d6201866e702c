"""`evidex users`, `evidex index --restricted/--published` and who `evidex serve` listens to."""
from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from indexer.accounts import Accounts

SHARED = Path(__file__).resolve().parents[3] / "shared"
LETTER = SHARED / "corpus" / "text" / "000_d213c0d0656fecb4.txt"


def run(index_dir, *args, input=None):
    return CliRunner().invoke(main, ["--index", str(index_dir), *args], input=input)


def test_users_add_reads_the_password_from_stdin_and_lists_the_account(tmp_path):
    assert run(tmp_path, "users", "add", "alice", "--role", "clerk", "--password-stdin",
               input="a-long-password\n").exit_code == 0
    listed = json.loads(run(tmp_path, "users", "list", "--format", "json").output)
    assert [(a["name"], a["role"], a["token"]) for a in listed] == [("alice", "clerk", False)]


def test_users_add_asks_for_the_password_twice(tmp_path):
    res = run(tmp_path, "users", "add", "bob", "--role", "member",
              input="a-long-password\na-long-password\n")
    assert res.exit_code == 0
    assert Accounts(tmp_path).authenticate("bob", "a-long-password") is not None


def test_the_accounts_file_is_readable_by_its_owner_only_and_holds_no_password(tmp_path):
    run(tmp_path, "users", "add", "alice", "--role", "clerk", "--password-stdin", input="a-long-password\n")
    path = tmp_path / "accounts.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert "a-long-password" not in text and "scrypt:" in text


def test_a_short_password_is_refused_in_one_line(tmp_path):
    res = run(tmp_path, "users", "add", "alice", "--role", "clerk", "--password-stdin", input="short\n")
    assert res.exit_code == 2 and res.output.strip() == "evidex: a password needs at least 8 characters"


@pytest.mark.parametrize("args, message", [
    (["users", "add", "bad name", "--role", "member", "--password-stdin"], "account name 'bad name'"),
    (["users", "remove", "nobody"], "there is no account 'nobody'"),
    (["users", "token", "nobody"], "there is no account 'nobody'"),
    (["users", "passwd", "nobody", "--password-stdin"], "there is no account 'nobody'"),
])
def test_bad_account_commands_are_one_line_and_exit_2(tmp_path, args, message):
    res = run(tmp_path, *args, input="a-long-password\n")
    assert res.exit_code == 2 and message in res.output and len(res.output.strip().splitlines()) == 1


def test_users_passwd_changes_the_password(tmp_path):
    run(tmp_path, "users", "add", "alice", "--role", "clerk", "--password-stdin", input="first-password\n")
    assert run(tmp_path, "users", "passwd", "alice", "--password-stdin", input="second-password\n").exit_code == 0
    accounts = Accounts(tmp_path)
    assert accounts.authenticate("alice", "first-password") is None
    assert accounts.authenticate("alice", "second-password") is not None


def test_users_token_prints_a_new_token_and_the_old_one_stops_working(tmp_path):
    run(tmp_path, "users", "add", "alice", "--role", "clerk", "--password-stdin", input="first-password\n")
    old = run(tmp_path, "users", "token", "alice").output.strip()
    new = run(tmp_path, "users", "token", "alice").output.strip()
    accounts = Accounts(tmp_path)
    assert accounts.from_token(new).name == "alice" and accounts.from_token(old) is None
    assert new not in (tmp_path / "accounts.json").read_text()


def test_users_remove_removes_the_account(tmp_path):
    run(tmp_path, "users", "add", "alice", "--role", "clerk", "--password-stdin", input="first-password\n")
    assert run(tmp_path, "users", "remove", "alice").exit_code == 0
    assert json.loads(run(tmp_path, "users", "list", "--format", "json").output) == []


def test_serving_another_address_without_accounts_is_refused_with_how_to_add_one(tmp_path):
    res = run(tmp_path, "serve", "--host", "0.0.0.0", "--port", "0")
    assert res.exit_code == 2
    assert "evidex users add NAME --role clerk" in res.output and "--public" in res.output


def test_serving_another_address_is_allowed_with_accounts_or_public(tmp_path):
    from webui.server import check_listening
    check_listening(tmp_path, "0.0.0.0", public=True)
    Accounts(tmp_path).add("alice", "clerk", "a-long-password")
    check_listening(tmp_path, "0.0.0.0", public=False)


def docs(index_dir) -> list[dict]:
    return json.loads(run(index_dir, "docs", "--format", "json").output)


def test_index_restricted_marks_the_documents_and_published_marks_them_back(tmp_path):
    ix = tmp_path / "ix"
    assert run(ix, "index", "-q", "--jobs", "1", "--restricted", str(LETTER)).exit_code == 0
    assert {d["restricted"] for d in docs(ix)} == {True}
    res = run(ix, "index", "-q", "--jobs", "1", "--published", str(LETTER))
    assert "0 added, 0 updated, 1 unchanged" in res.output  # marked without reading it again
    assert {d["restricted"] for d in docs(ix)} == {False}


def test_a_restricted_file_stays_restricted_when_it_changes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    letter = folder / "letter.txt"
    letter.write_text(LETTER.read_text())
    run(tmp_path / "ix", "index", "-q", "--jobs", "1", "--restricted", str(folder))
    letter.write_text(LETTER.read_text() + "\nA postscript.\n")
    assert "1 updated" in run(tmp_path / "ix", "index", "-q", "--jobs", "1", str(folder)).output
    assert {d["restricted"] for d in docs(tmp_path / "ix")} == {True}


def test_show_says_whether_a_document_is_restricted(tmp_path):
    ix = tmp_path / "ix"
    run(ix, "index", "-q", "--jobs", "1", "--restricted", str(LETTER))
    out = run(ix, "show", docs(ix)[0]["id"]).output
    assert "access:          restricted (received in confidence)" in out
