"""End to end: the real waitress server driven by Debian's headless chromium."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from .conftest import CORPUS

pytestmark = pytest.mark.browser

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--window-size=1280,1000"]
WAIT = 20  # seconds: the deadline for every polling wait


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory, downloads):
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("browser tests need Debian's chromium: apt-get install -y chromium chromium-driver")
    webdriver = pytest.importorskip("selenium.webdriver", reason="pip install selenium")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('profile')}"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
        "safebrowsing.enabled": False,
    })
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    yield driver
    driver.quit()


def wait_for(condition, what: str):
    """Poll ``condition`` until it returns something truthy or the deadline passes."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


def element(driver, css: str):
    from selenium.webdriver.common.by import By

    return wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, css), css)[0]


def elements(driver, css: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, css)


def click_to_navigate(driver, target) -> None:
    """Click ``target`` and wait until the next page has replaced this one and loaded."""
    from selenium.common.exceptions import WebDriverException

    old_page = element(driver, "html")
    target.click()

    def replaced() -> bool:
        try:
            old_page.is_enabled()
            return False
        except WebDriverException:
            pass  # stale, or (chromium under load) "Node with given id does not belong to the document"
        try:  # the old page is gone: wait for the new one to finish loading
            return driver.execute_script("return document.readyState") == "complete"
        except WebDriverException:
            return False

    wait_for(replaced, "the next page to load")


def csp_violations(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]


def test_search_narrow_open_and_download(browser, live_server, downloads, hostile_dir):
    browser.get(live_server + "/")
    box = element(browser, "#q")
    box.send_keys("targets")
    click_to_navigate(browser, element(browser, ".query-row button[type=submit]"))
    heading = element(browser, "#results-h")
    assert "document" in heading.text
    assert elements(browser, ".hit mark")

    click_to_navigate(browser, element(browser, ".facets a[href*='org=Welsh+Local+Government+Association']"))
    assert "org=Welsh+Local+Government+Association" in browser.current_url
    orgs = {dd.text for dd in elements(browser, ".hit dl.meta div:first-child dd")}
    assert orgs == {"Welsh Local Government Association"}
    assert element(browser, "#org").get_attribute("value") == "Welsh Local Government Association"

    click_to_navigate(browser, element(browser, ".hit h3 a"))
    title = element(browser, "#doc-h")
    assert title.text
    assert elements(browser, ".page-text .passage")
    download = element(browser, "a[href$='/original']")
    doc_id = download.get_attribute("href").rsplit("/", 2)[-2]
    download.click()
    shown = browser.execute_script("return document.querySelector('.source').textContent")
    assert not Path(shown).is_absolute()  # relative to the indexed folder, no server path
    arrived = wait_for(lambda: [p for p in downloads.iterdir() if not p.name.endswith(".crdownload")],
                       f"the original of {doc_id} to download")
    originals = [root / shown for root in (CORPUS, hostile_dir) if (root / shown).is_file()]
    assert originals and arrived[0].read_bytes() == originals[0].read_bytes()
    assert csp_violations(browser) == []


def test_bodies_view_expands_to_the_passages(browser, live_server):
    browser.get(live_server + "/bodies?q=targets")
    summary = element(browser, "table.bodies details summary")
    assert not element(browser, "table.bodies details blockquote").is_displayed()
    summary.click()
    assert element(browser, "table.bodies details blockquote").is_displayed()
    assert csp_violations(browser) == []


def test_styles_load_under_the_csp_and_the_skip_link_takes_focus(browser, live_server):
    from selenium.webdriver.common.keys import Keys

    browser.get(live_server + "/")
    header = element(browser, "header.site")
    assert header.value_of_css_property("background-color") == "rgba(29, 53, 87, 1)"
    element(browser, "body").send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("class") == "skip" and focused.is_displayed()


def test_phone_width_shows_one_column(browser, live_server):
    browser.set_window_size(390, 844)
    try:
        browser.get(live_server + "/?q=children")
        facets, results = element(browser, ".facets"), element(browser, ".results")
        assert facets.rect["x"] == results.rect["x"]  # stacked, not side by side
    finally:
        browser.set_window_size(1280, 1000)
