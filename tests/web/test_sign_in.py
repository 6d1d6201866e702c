"""Signing in and out: the session cookie's flags, CSRF on every form that changes
state, failed tries slowed then refused per account and per address, sessions that end
with a new password, and an audit line for each."""
from __future__ import annotations

import pytest

from indexer.accounts import Accounts
from indexer.audit import audit_path
from webui.throttle import LOCK_SECONDS, Throttle

from .auth_fixtures import (CLERK, MEMBER, FakeClock, confidential_dir, csrf_from,  # noqa: F401
                            make_app, published_id, secured_app, secured_index, sign_in)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def app(secured_index, clock):
    return make_app(secured_index, THROTTLE=Throttle(clock))


@pytest.fixture
def client(app):
    return app.test_client()


def session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("evidex_session=")]
    assert cookies, "signing in should set the session cookie"
    return cookies[-1]


def audit_lines(index_dir) -> list[list[str]]:
    return [line.split("\t") for line in audit_path(index_dir).read_text().splitlines()]


def test_the_session_cookie_is_httponly_and_samesite_but_not_secure_over_http(client):
    flags = session_cookie(sign_in(client, *MEMBER))
    assert "HttpOnly" in flags and "SameSite=Lax" in flags and "Secure" not in flags


def test_the_session_cookie_is_secure_over_https(app):
    client = app.test_client()
    token = csrf_from(client.get("/sign-in", base_url="https://localhost").get_data(as_text=True))
    res = client.post("/sign-in", base_url="https://localhost",
                      data={"username": MEMBER[0], "password": MEMBER[1], "csrf_token": token})
    assert "Secure" in session_cookie(res)


def test_signing_out_ends_the_session(client):
    sign_in(client, *MEMBER)
    token = csrf_from(client.get("/").get_data(as_text=True))
    res = client.post("/sign-out", data={"csrf_token": token})
    assert res.status_code == 302 and res.headers["Location"].startswith("/sign-in")
    assert client.get("/").status_code == 302


def test_sign_in_without_the_csrf_token_is_refused(client):
    res = client.post("/sign-in", data={"username": MEMBER[0], "password": MEMBER[1]})
    assert res.status_code == 400
    assert client.get("/").status_code == 302


def test_sign_in_with_another_sessions_csrf_token_is_refused(app, client):
    other = app.test_client()
    token = csrf_from(other.get("/sign-in").get_data(as_text=True))
    client.get("/sign-in")
    res = client.post("/sign-in", data={"username": MEMBER[0], "password": MEMBER[1],
                                        "csrf_token": token})
    assert res.status_code == 400


def test_sign_out_without_the_csrf_token_is_refused_and_keeps_the_session(client):
    sign_in(client, *MEMBER)
    assert client.post("/sign-out").status_code == 400
    assert client.get("/").status_code == 200


def test_three_failures_then_tries_must_wait(client, clock):
    for _ in range(3):
        assert sign_in(client, CLERK[0], "wrong-password").status_code == 401
    early = sign_in(client, *CLERK)  # even the right password waits
    assert early.status_code == 429 and "Try again in" in early.get_data(as_text=True)
    clock.advance(1.5)
    assert sign_in(client, *CLERK).status_code == 302


def test_each_further_failure_doubles_the_wait(client, clock):
    for _ in range(3):
        sign_in(client, CLERK[0], "wrong-password")
    clock.advance(1.5)
    assert sign_in(client, CLERK[0], "wrong-password").status_code == 401   # 4th: wait 2 s
    clock.advance(1.5)
    assert sign_in(client, *CLERK).status_code == 429
    clock.advance(1.0)
    assert sign_in(client, *CLERK).status_code == 302


def test_ten_failures_refuse_the_account_for_a_quarter_of_an_hour(app, clock):
    for _ in range(10):
        clock.advance(200)
        assert sign_in(app.test_client(), CLERK[0], "wrong-password").status_code == 401
    clock.advance(LOCK_SECONDS - 60)
    assert sign_in(app.test_client(), *CLERK).status_code == 429
    clock.advance(120)
    assert sign_in(app.test_client(), *CLERK).status_code == 302


def test_failures_from_one_address_slow_every_account_tried_from_it(client):
    for name in ["mallory1", "mallory2", "mallory3"]:
        assert sign_in(client, name, "guess-guess").status_code == 401
    assert sign_in(client, *MEMBER).status_code == 429


def test_failures_on_one_account_do_not_slow_another_address(app):
    for _ in range(3):
        sign_in(app.test_client(), CLERK[0], "wrong-password")
    other = app.test_client()
    token = csrf_from(other.get("/sign-in", environ_base={"REMOTE_ADDR": "10.0.0.9"}).get_data(as_text=True))
    res = other.post("/sign-in", environ_base={"REMOTE_ADDR": "10.0.0.9"},
                     data={"username": MEMBER[0], "password": MEMBER[1], "csrf_token": token})
    assert res.status_code == 302


def test_sign_ins_and_failures_are_logged_with_account_and_address(client, secured_index):
    sign_in(client, CLERK[0], "wrong-password")
    sign_in(client, *CLERK)
    last = audit_lines(secured_index)[-2:]
    assert [(l[1], l[2], l[3]) for l in last] == [(CLERK[0], "127.0.0.1", "failed sign-in"),
                                                 (CLERK[0], "127.0.0.1", "signed in")]


def test_a_download_is_logged(client, secured_index, published_id):
    sign_in(client, *MEMBER)
    assert client.get(f"/doc/{published_id}/original").status_code == 200
    account, address, what = audit_lines(secured_index)[-1][1:]
    assert (account, address) == (MEMBER[0], "127.0.0.1")
    assert what == f"downloaded {published_id} (hostile_letter.txt)"


def test_a_typed_name_cannot_break_the_audit_line(client, secured_index):
    sign_in(client, "eve\nforged\tline", "wrong-password")
    assert audit_lines(secured_index)[-1][1:] == ["eve?forged?line", "127.0.0.1", "failed sign-in"]


def test_a_new_password_ends_the_old_sessions(tmp_path, secured_index):
    import shutil
    ix = tmp_path / "ix"
    shutil.copytree(secured_index, ix)
    app = make_app(ix)
    client = app.test_client()
    sign_in(client, *MEMBER)
    assert client.get("/").status_code == 200
    Accounts(ix).set_password(MEMBER[0], "another-password")
    assert client.get("/").status_code == 302


def test_a_removed_account_is_signed_out_at_once(tmp_path, secured_index):
    import shutil
    ix = tmp_path / "ix"
    shutil.copytree(secured_index, ix)
    client = make_app(ix).test_client()
    sign_in(client, *CLERK)
    Accounts(ix).remove(CLERK[0])
    assert client.get("/api/search?q=targets").status_code == 401
