"""End to end in headless chromium: a question typed in the box, and the page saying how it read it."""
from __future__ import annotations

import pytest

from .test_browser import browser, click_to_navigate, csp_violations, downloads, element, elements  # noqa: F401

pytestmark = pytest.mark.browser


def test_a_question_typed_in_the_box_is_answered_with_its_reading(browser, live_server):  # noqa: F811
    browser.get(live_server + "/")
    element(browser, "#q").send_keys("Which bodies commented on targets or financial penalties?")
    click_to_navigate(browser, element(browser, ".query-row button[type=submit]"))
    assert "/bodies" in browser.current_url
    reading = element(browser, ".reading")
    assert reading.is_displayed()
    assert 'targets OR "financial penalties"' in reading.text
    assert "Children's Commissioner for Wales" in {th.text for th in elements(browser, "table.bodies tbody th")}
    assert csp_violations(browser) == []


def test_removing_a_part_of_the_reading_searches_without_it(browser, live_server):  # noqa: F811
    browser.get(live_server + "/")
    element(browser, "#q").send_keys("What did the WLGA write in November 2019?")
    click_to_navigate(browser, element(browser, ".query-row button[type=submit]"))
    parts = [li.text for li in elements(browser, ".reading li")]
    assert any("Welsh Local Government Association" in p for p in parts)
    click_to_navigate(browser, element(browser, ".reading a[aria-label^='Remove Organisation']"))
    assert "org=Welsh" not in browser.current_url and "from=2019-11-01" in browser.current_url
    orgs = {dd.text for dd in elements(browser, ".hit dl.meta div:first-child dd")}
    assert len(orgs) > 1  # every body's November letters now
