"""The web interface in a real browser: Debian's Chromium, headless, driven by Selenium.

Against `livetail run` (a subprocess) following a growing local live blog: the dashboard shows the
source, the source page inserts a new update without a reload, marks an edit and strikes through
a retraction; hostile content planted in the blog never runs. Screenshots of both pages land in
``test-artifacts/`` (CI keeps them). Skipped, saying why, where Chromium or its driver is missing.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import PageServer
from needs import missing
from test_poll_integration import START
from test_server import free_port

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

try:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover - the test extra installs it
    webdriver = None  # type: ignore[assignment]

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _browser_installed() -> None:
    if webdriver is None:
        missing("selenium is not installed (pip install -e '.[test]')")
    if CHROMIUM is None or DRIVER is None:
        missing("Chromium and its driver are not installed (apt-get install chromium chromium-driver)")


def blog_html(updates: list[dict[str, str]], url: str) -> str:
    """A LiveBlogPosting page; ``</`` is escaped in the JSON-LD so hostile titles survive intact."""
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": "Browser test blog",
        "url": url,
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "@id": f"{url}#{u['id']}",
                "url": u.get("url", f"{url}#{u['id']}"),
                "headline": u["headline"],
                "articleBody": u["body"],
                "datePublished": u["published"],
                **({"dateModified": u["modified"]} if "modified" in u else {}),
            }
            for u in updates
        ],
    }
    data = json.dumps(ld).replace("</", "<\\/")
    articles = "".join(
        f'<article id="{u["id"]}"><h2>{u["headline"]}</h2><p>{u["body"]}</p></article>' for u in updates
    )
    return (
        "<!doctype html><html><head><title>Browser test blog</title>"
        f'<script type="application/ld+json">{data}</script></head><body>{articles}</body></html>'
    )


class Blog:
    """A live blog on the page server whose updates the test adds, edits and removes."""

    def __init__(self, server: PageServer) -> None:
        self.server = server
        self.url = server.url("/live")
        self.items: dict[int, dict[str, str]] = {}

    def add(self, k: int, **fields: str) -> None:
        self.items[k] = {
            "id": f"post-{k}",
            "headline": f"Update number {k} from the scene",
            "body": f"Paragraph of update {k}. Officials said more details would follow.",
            "published": (START + timedelta(minutes=7 * k)).isoformat(),
            **fields,
        }

    def publish(self) -> None:
        newest_first = [self.items[k] for k in sorted(self.items, reverse=True)]
        self.server.set("/live", blog_html(newest_first, self.url))


class Livetail:
    def __init__(self, base: str, proc: subprocess.Popen[bytes], log: Path) -> None:
        self.base = base
        self.proc = proc
        self.log = log


@pytest.fixture
def blog(page_server: PageServer) -> Blog:
    b = Blog(page_server)
    for k in (1, 2, 3, 4):
        b.add(k)
    b.publish()
    return b


@pytest.fixture
def livetail(tmp_path: Path, blog: Blog) -> Iterator[Livetail]:
    port = free_port()
    config = tmp_path / "config.toml"
    config.write_text(
        f"""
[state]
path = "state/livetail.db"
[publish]
dir = "public"
base_url = "http://127.0.0.1:{port}/"
[server]
listen = "127.0.0.1:{port}"
[[sources]]
name = "storm"
url = "{blog.url}"
interval = "1s"
""",
        encoding="utf-8",
    )
    log = tmp_path / "livetail.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "livetail", "run", "-c", str(config)], stderr=sink)
    base = f"http://127.0.0.1:{port}"
    try:
        wait(lambda: (tmp_path / "public" / "feeds" / "storm.atom").exists() and up(base), 30, log)
        yield Livetail(base, proc, log)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def up(base: str) -> bool:
    try:
        return httpx.get(base + "/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def wait(condition: Callable[[], object], timeout: float, log: Path | None = None) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    tail = log.read_text(encoding="utf-8", errors="replace")[-3000:] if log else ""
    raise AssertionError(f"timed out after {timeout}s\n{tail}")


@pytest.fixture
def browser() -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,1000",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def screenshot(driver: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / name))


def item(driver: Any, uid: str) -> Any:
    found = driver.find_elements(By.CSS_SELECTOR, f'#timeline li.update[data-uid="{uid}"]')
    return found[0] if found else None


def test_dashboard_and_live_source_page(browser: Any, livetail: Livetail, blog: Blog) -> None:
    browser.get(livetail.base + "/")
    row = wait(lambda: browser.find_elements(By.CSS_SELECTOR, 'tr[data-source="storm"].state-live'), 20)[0]
    assert "Browser test blog" in row.text and "ok" in row.text
    assert row.find_element(By.CSS_SELECTOR, "svg.spark polyline")
    assert row.find_element(By.CSS_SELECTOR, "[data-stored]").text == "4"
    # The script localised the times: the title keeps the ISO form.
    stamp = row.find_element(By.CSS_SELECTOR, "time[data-local]")
    assert stamp.get_attribute("title").endswith("Z") and "UTC" not in stamp.text
    screenshot(browser, "dashboard.png")

    row.find_element(By.CSS_SELECTOR, 'a[href="/sources/storm"]').click()
    wait(lambda: len(browser.find_elements(By.CSS_SELECTOR, "#timeline li.update")) == 4, 10)
    wait(lambda: browser.find_element(By.ID, "live-status").text == "live", 10)
    browser.execute_script("window.__sameDocument = true;")
    uids = [
        li.get_attribute("data-uid") for li in browser.find_elements(By.CSS_SELECTOR, "#timeline li.update")
    ]
    assert uids == ["post-4", "post-3", "post-2", "post-1"]

    blog.add(5)
    blog.publish()
    new = wait(lambda: item(browser, "post-5"), 20, livetail.log)
    assert "Update number 5 from the scene" in new.text
    first = browser.find_element(By.CSS_SELECTOR, "#timeline li.update")
    assert first.get_attribute("data-uid") == "post-5", "newest first"

    blog.add(
        2,
        body="Paragraph of update 2, corrected: the figure was wrong.",
        modified=(START + timedelta(minutes=40)).isoformat(),
    )
    blog.publish()
    wait(lambda: item(browser, "post-2").find_elements(By.CSS_SELECTOR, ".badge-edited"), 20, livetail.log)
    assert "corrected" in item(browser, "post-2").text

    del blog.items[3]
    blog.publish()
    wait(lambda: "retracted" in (item(browser, "post-3").get_attribute("class") or ""), 20, livetail.log)
    retracted = item(browser, "post-3")
    title = retracted.find_element(By.CSS_SELECTOR, ".title")
    assert "line-through" in title.value_of_css_property("text-decoration-line")
    assert retracted.find_elements(By.CSS_SELECTOR, ".title del")
    assert retracted.find_elements(By.CSS_SELECTOR, ".badge-retracted time")
    assert browser.execute_script("return window.__sameDocument === true;"), "the page was not reloaded"
    screenshot(browser, "source.png")

    # The server renders the same state for a fresh load (and without script).
    browser.refresh()
    wait(lambda: item(browser, "post-3"), 10)
    assert item(browser, "post-3").find_elements(By.CSS_SELECTOR, ".badge-retracted")
    assert item(browser, "post-2").find_elements(By.CSS_SELECTOR, ".badge-edited")
    assert [
        li.get_attribute("data-uid") for li in browser.find_elements(By.CSS_SELECTOR, "#timeline li.update")
    ][:2] == [
        "post-5",
        "post-4",
    ]


HOSTILE_TITLE = "</script><script>window.__pwned='title'</script><img src=x onerror=\"window.__pwned='img'\">"
HOSTILE_BODY = (
    "<script>document.body.appendChild(Object.assign(document.createElement('div'), {id: 'pwned'}))</script>"
    "<img src=x onerror=\"window.__pwned='body-img'\">"
    "<a href=\"javascript:window.__pwned='link'\">click</a>"
    '<svg onload="alert(\'svg\')"></svg><div id="pwned-attr" onmouseover="alert(\'hover\')">hover</div>'
    "<iframe src=\"javascript:alert('frame')\"></iframe>"
)


def assert_nothing_ran(driver: Any) -> None:
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        raise AssertionError(f"a dialog opened: {text}")
    except NoAlertPresentException:
        pass
    assert driver.execute_script("return window.__pwned === undefined;"), "injected script ran"
    assert not driver.find_elements(By.ID, "pwned"), "an injected element exists"
    assert not driver.find_elements(By.CSS_SELECTOR, "#timeline script, #timeline iframe, #timeline svg")
    assert not driver.find_elements(
        By.CSS_SELECTOR,
        "#timeline a[href^='javascript'], #timeline [onerror], #timeline [onmouseover], #timeline [onload]",
    )


def test_hostile_content_never_executes(browser: Any, livetail: Livetail, blog: Blog) -> None:
    blog.add(5, headline=HOSTILE_TITLE, body=HOSTILE_BODY, url="javascript:alert('permalink')")
    blog.publish()
    wait(lambda: "post-5" in httpx.get(livetail.base + "/sources/storm", timeout=5).text, 20, livetail.log)
    try:
        browser.get(livetail.base + "/sources/storm")
        wait(lambda: item(browser, "post-5"), 10)
        wait(lambda: browser.find_element(By.ID, "live-status").text == "live", 10)
        assert_nothing_ran(browser)
        assert "</script>" in item(browser, "post-5").text  # shown as text
        # And through the live path, which builds the DOM in the browser.
        blog.add(6, headline="Live " + HOSTILE_TITLE, body=HOSTILE_BODY, url="javascript:alert('live')")
        blog.publish()
        wait(lambda: item(browser, "post-6"), 20, livetail.log)
        time.sleep(0.5)
        assert_nothing_ran(browser)
        assert "</script>" in item(browser, "post-6").text
        ActionChains = webdriver.ActionChains
        for hover in browser.find_elements(By.CSS_SELECTOR, "#timeline li.update .body *"):
            ActionChains(browser).move_to_element(hover).perform()
        for link in browser.find_elements(By.CSS_SELECTOR, "#timeline li.update a"):
            assert (link.get_attribute("href") or "http").startswith("http")
        assert_nothing_ran(browser)
        browser.get(livetail.base + "/")
        wait(lambda: browser.find_elements(By.CSS_SELECTOR, 'tr[data-source="storm"]'), 10)
        assert_nothing_ran(browser)
    except UnexpectedAlertPresentException as e:
        raise AssertionError(f"a dialog opened: {e.alert_text}") from None
    # Every HTML response carries the CSP.
    for path in ("/", "/sources/storm", "/login", "/sources/nope"):
        response = httpx.get(livetail.base + path, headers={"Accept": "text/html"}, timeout=5)
        assert "script-src 'self'" in response.headers["content-security-policy"], path
