"""End to end: signing in and out of the real waitress server in headless chromium."""
from __future__ import annotations

import pytest

from .auth_fixtures import MEMBER, confidential_dir, secured_index  # noqa: F401
from .conftest import serving
from .test_browser import browser, click_to_navigate, csp_violations, downloads, element, elements  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def secured_server(secured_index):
    with serving(secured_index) as url:
        yield url


def test_sign_in_search_and_sign_out(browser, secured_server):
    browser.delete_all_cookies()
    browser.get(secured_server + "/?q=targets")
    assert "/sign-in" in browser.current_url
    element(browser, "#username").send_keys(MEMBER[0])
    element(browser, "#password").send_keys(MEMBER[1])
    click_to_navigate(browser, element(browser, "form.sign-in button[type=submit]"))
    assert browser.current_url == secured_server + "/?q=targets"
    assert element(browser, ".account .who").text == "Signed in as bob (member)"
    assert elements(browser, ".hit")

    cookie = browser.get_cookie("evidex_session")
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Lax" and cookie["secure"] is False

    browser.get(secured_server + "/?q=quillfeather")
    assert element(browser, "#results-h").text == "No documents found"

    click_to_navigate(browser, element(browser, ".account button"))
    assert "/sign-in" in browser.current_url
    assert "You have signed out." in element(browser, ".notice").text
    browser.get(secured_server + "/")
    assert "/sign-in" in browser.current_url and elements(browser, "#password")
    assert csp_violations(browser) == []


def test_a_wrong_password_stays_on_the_sign_in_page(browser, secured_server):
    browser.delete_all_cookies()
    browser.get(secured_server + "/sign-in")
    element(browser, "#username").send_keys(MEMBER[0])
    element(browser, "#password").send_keys("not-the-password")
    click_to_navigate(browser, element(browser, "form.sign-in button[type=submit]"))
    assert "do not match" in element(browser, ".error").text
    assert element(browser, "#username").get_attribute("value") == MEMBER[0]
