"""Regenerate the README's screenshots: the sample corpus answering plain questions.

    .venv/bin/python tools/screenshots.py            # writes docs/screenshots/*.png
    .venv/bin/python tools/screenshots.py --out DIR

Indexes corpus/pdf, corpus/other and corpus/text into a temporary folder, serves them on
a free loopback port, and drives Debian's headless chromium (selenium, a test extra) to
the search page, the bodies answer and a document page. Needs `chromium` and
`chromium-driver` (`make browser` installs them).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
SEARCH_QUESTION = "What did the WLGA say about targets in January 2020?"
BODIES_QUESTION = "Which bodies commented on targets or financial penalties?"
WIDTH, HEIGHT = 1280, 1100


def _driver(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--hide-scrollbars", f"--window-size={WIDTH},{HEIGHT}",
                 f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


def _wait(driver, css: str, seconds: float = 20.0):
    from selenium.webdriver.common.by import By

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = driver.find_elements(By.CSS_SELECTOR, css)
        if found:
            return found[0]
        time.sleep(0.1)
    raise SystemExit(f"screenshots: the page never showed {css!r}")


def take(out: Path) -> list[Path]:
    from indexer.pipeline import run_index
    from webui.server import make_server

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="evidex-shots-") as tmp:
        index_dir = Path(tmp) / "index"
        summary = run_index([REPO / "corpus" / d for d in ("pdf", "other", "text")], index_dir, jobs=1)
        if summary.failed:
            raise SystemExit(f"screenshots: {summary.failed} sample file(s) failed to index")
        server = make_server(index_dir, host="127.0.0.1", port=0)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.effective_port}"
        driver = _driver(Path(tmp) / "profile")
        written = []
        try:
            driver.get(f"{base}/?{urlencode({'q': SEARCH_QUESTION})}")
            _wait(driver, ".reading")
            _wait(driver, ".hit")
            written.append(_save(driver, out / "search.png"))

            driver.get(f"{base}/bodies?{urlencode({'q': BODIES_QUESTION})}")
            _wait(driver, ".reading")
            _wait(driver, "table.bodies details summary").click()
            written.append(_save(driver, out / "bodies.png"))

            link = _wait(driver, "table.bodies details blockquote footer a")
            driver.get(link.get_attribute("href"))
            _wait(driver, "#doc-h")
            driver.execute_script("window.scrollTo(0, 0)")  # its title and metadata, above the passage
            written.append(_save(driver, out / "document.png"))
        finally:
            driver.quit()
            server.close()
            server.task_dispatcher.shutdown()
            thread.join(timeout=10)
    return written


def _save(driver, path: Path) -> Path:
    driver.save_screenshot(str(path))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        print("screenshots: needs Debian's chromium and chromium-driver (make browser)", file=sys.stderr)
        return 1
    for path in take(args.out):
        print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
