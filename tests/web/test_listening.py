"""Who may listen: without accounts only this machine, never through a proxy; with
--proxy, the proxy's forwarded address and scheme are believed (the audit log names
the visitor, the cookie is Secure over HTTPS)."""
from __future__ import annotations

import http.client
import re
import threading

import pytest

from indexer.audit import audit_path
from webui.server import make_server

from .auth_fixtures import MEMBER, confidential_dir, secured_index  # noqa: F401


def test_without_accounts_another_address_is_refused(client):
    res = client.get("/", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert res.status_code == 403 and "evidex users add" in res.get_data(as_text=True)


def test_without_accounts_the_api_refuses_another_address_in_json(client):
    res = client.get("/api/search?q=targets", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert res.status_code == 403 and "evidex users add" in res.get_json()["error"]


@pytest.mark.parametrize("header", ["X-Forwarded-For", "Forwarded", "X-Real-IP"])
def test_without_accounts_a_request_through_a_proxy_is_refused(client, header):
    assert client.get("/", headers={header: "192.0.2.7"}).status_code == 403


def test_without_accounts_this_machine_is_served(client):
    assert client.get("/?q=targets").status_code == 200


@pytest.fixture
def proxied(secured_index):
    server = make_server(secured_index, host="127.0.0.1", port=0, proxy="127.0.0.1")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield server.effective_port
    server.close()
    server.task_dispatcher.shutdown()
    thread.join(timeout=10)


def _request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    res = conn.getresponse()
    return res, res.read().decode()


def test_behind_a_proxy_the_visitors_address_is_logged_and_the_cookie_is_secure(proxied, secured_index):
    forwarded = {"X-Forwarded-For": "198.51.100.23", "X-Forwarded-Proto": "https"}
    res, page = _request(proxied, "GET", "/sign-in", headers=forwarded)
    cookie = res.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    body = f"username={MEMBER[0]}&password={MEMBER[1]}&csrf_token={token}"
    res, _ = _request(proxied, "POST", "/sign-in", body=body, headers={
        **forwarded, "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    assert res.status == 302
    assert "Secure" in res.getheader("Set-Cookie") and "HttpOnly" in res.getheader("Set-Cookie")
    last = audit_path(secured_index).read_text().splitlines()[-1].split("\t")
    assert last[1:] == [MEMBER[0], "198.51.100.23", "signed in"]
