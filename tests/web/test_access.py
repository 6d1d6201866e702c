"""Who gets what, route by route, once accounts exist: no one is sent to sign in (pages)
or answered 401 (API); a member and a clerk get the pages; a restricted document is a
404 to a member and a 200 to a clerk; nothing is ever a 500."""
from __future__ import annotations

import pytest

from .auth_fixtures import (CLERK, MEMBER, clerk, confidential_dir, member, nobody,  # noqa: F401
                            published_id, restricted_id, secured_app, secured_index, sign_in)

PAGES = ["/", "/?q=targets", "/bodies?q=targets", "/doc/{pub}", "/doc/{pub}/original",
         "/doc/{secret}", "/doc/{secret}/original", "/doc/no-such-id", "/no-such-page"]
API = ["/api/search?q=targets", "/api/bodies?q=targets", "/api/ask?q=targets", "/api/docs/{pub}", "/api/docs/{secret}",
       "/api/docs/no-such-id"]

# route -> (member's status, clerk's status)
SIGNED_IN = {
    "/": (200, 200), "/?q=targets": (200, 200), "/bodies?q=targets": (200, 200),
    "/doc/{pub}": (200, 200), "/doc/{pub}/original": (200, 200),
    "/doc/{secret}": (404, 200), "/doc/{secret}/original": (404, 200),
    "/doc/no-such-id": (404, 404), "/no-such-page": (404, 404),
    "/api/search?q=targets": (200, 200), "/api/bodies?q=targets": (200, 200),
    "/api/ask?q=targets": (200, 200),
    "/api/docs/{pub}": (200, 200), "/api/docs/{secret}": (404, 200), "/api/docs/no-such-id": (404, 404),
}


def url(route: str, pub: str, secret: str) -> str:
    return route.format(pub=pub, secret=secret)


@pytest.mark.parametrize("route", PAGES)
def test_no_one_is_sent_to_sign_in_from_every_page(nobody, route, published_id, restricted_id):
    res = nobody.get(url(route, published_id, restricted_id))
    assert res.status_code == 302
    assert res.headers["Location"].startswith("/sign-in?next=")


@pytest.mark.parametrize("route", API)
def test_no_one_gets_401_json_from_every_api_route(nobody, route, published_id, restricted_id):
    res = nobody.get(url(route, published_id, restricted_id))
    assert res.status_code == 401
    assert "Bearer" in res.get_json()["error"]
    assert res.headers["WWW-Authenticate"].startswith("Bearer")


def test_no_one_may_load_the_sign_in_page_and_its_styles(nobody):
    assert nobody.get("/sign-in").status_code == 200
    assert nobody.get("/static/style.css").status_code == 200


def test_the_sign_in_page_has_username_and_password_fields(nobody):
    html = nobody.get("/sign-in").get_data(as_text=True)
    assert 'name="username"' in html and 'name="password"' in html and 'type="password"' in html


@pytest.mark.parametrize("route", list(SIGNED_IN))
def test_a_member_gets_published_evidence_only(member, route, published_id, restricted_id):
    assert member.get(url(route, published_id, restricted_id)).status_code == SIGNED_IN[route][0]


@pytest.mark.parametrize("route", list(SIGNED_IN))
def test_a_clerk_gets_restricted_evidence_too(clerk, route, published_id, restricted_id):
    assert clerk.get(url(route, published_id, restricted_id)).status_code == SIGNED_IN[route][1]


def test_signing_in_returns_to_the_page_asked_for(nobody):
    res = sign_in(nobody, *MEMBER, next="/bodies?q=targets")
    assert res.status_code == 302 and res.headers["Location"] == "/bodies?q=targets"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example"])
def test_signing_in_never_sends_a_visitor_to_another_site(nobody, target):
    res = sign_in(nobody, *MEMBER, next=target)
    assert res.headers["Location"] == "/"


def test_a_wrong_password_is_401_with_the_form_again(nobody):
    res = sign_in(nobody, MEMBER[0], "not-the-password")
    assert res.status_code == 401
    assert "do not match" in res.get_data(as_text=True)
    assert nobody.get("/").status_code == 302


def test_an_api_token_opens_the_api(secured_app, secured_index):
    from indexer.accounts import Accounts
    client = secured_app.test_client()
    token = Accounts(secured_index).new_token(MEMBER[0])
    res = client.get("/api/search?q=targets", headers={"Authorization": f"Bearer {token}"})
    assert res.status_code == 200 and res.get_json()["total"] > 0


def test_a_wrong_api_token_is_401(secured_app):
    res = secured_app.test_client().get("/api/search?q=targets",
                                        headers={"Authorization": "Bearer bob.not-a-token"})
    assert res.status_code == 401 and "not valid" in res.get_json()["error"]


def test_a_clerk_sees_a_restricted_document_marked(clerk, restricted_id):
    html = clerk.get(f"/doc/{restricted_id}").get_data(as_text=True)
    assert "Restricted" in html
    assert clerk.get(f"/api/docs/{restricted_id}").get_json()["restricted"] is True


def test_the_page_says_who_is_signed_in(member):
    html = member.get("/").get_data(as_text=True)
    assert "Signed in as <strong>bob</strong> (member)" in html and "Sign out" in html
