"""Every page in a real browser: `streamlit run` on 127.0.0.1 and headless Debian Chromium via Playwright.

For each page: open it, press its main (primary) button when it has one, wait for the figures, and
assert that neither a Streamlit exception box nor a browser console error appeared.  Screenshots
land in tests/screenshots/ (git-ignored) for a person to look at.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from rnnviz.ui import PAGES, t, url_path
from rnnviz.ui.pages import HOME

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"]
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("streamlit did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield b
        b.close()


# Loading a page below the root makes Streamlit's front end probe these endpoints relative to the
# page path first (404) before it falls back to the root: not an error of this app.
BASE_PATH_PROBES = ("/_stcore/host-config", "/_stcore/health")


def _settle(tab, timeout: float = 30) -> None:
    """Wait until Streamlit's script run has finished (its status widget is gone)."""
    deadline = time.time() + timeout
    tab.wait_for_timeout(500)
    while time.time() < deadline and tab.locator('[data-testid="stStatusWidget"]').count():
        tab.wait_for_timeout(250)


@pytest.mark.parametrize("page", [*PAGES, HOME], ids=lambda p: p.key)  # deep links first, on a fresh server
def test_page_opens_trains_and_shows_no_error(server, browser, page):
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors, probes = [], []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("requestfailed", lambda r: errors.append("request failed: " + r.url))
    tab.on("response", lambda r: probes.append(r.url) if r.status == 404 and r.url.endswith(BASE_PATH_PROBES) else None)
    tab.goto(f"{server}/{url_path(page)}", wait_until="networkidle")
    tab.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    _settle(tab)
    nav = tab.locator('[data-testid="stSidebarNav"]').inner_text()  # also for the first deep link on a fresh server
    assert t("nav.basics") in nav and t("nav.gates") in nav, f"the app's navigation is missing: {nav!r}"
    main = tab.locator('[data-testid="stMainBlockContainer"]')
    primary = main.locator('[data-testid="stBaseButton-primary"]')
    if page is not HOME and primary.count() and primary.first.is_enabled():
        figures_before = main.locator(".js-plotly-plot").count()
        primary.first.click()
        tab.wait_for_function(f"document.querySelectorAll('.js-plotly-plot').length > {figures_before}",
                              timeout=90_000)
        tab.wait_for_timeout(3000)  # let the live figures grow a little
        stop = main.get_by_role("button", name="Stop")
        if stop.count() and stop.first.is_enabled():
            try:
                stop.first.click(timeout=3000)
            except PlaywrightTimeout:  # the run ended (and Stop was disabled) just before the click
                pass
        _settle(tab)
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{page.key}.png"), full_page=True)
    exceptions = tab.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()
    benign = ["Failed to load resource: the server responded with a status of 404 (Not Found)"] * len(probes)
    for message in benign:
        if message in errors:
            errors.remove(message)
    assert not errors, errors
    tab.close()


def test_attention_page_trains_and_shows_both_maps(server, browser):
    """Press Train on the attention page with few steps; both models' maps must appear: the attention
    heatmap of one and the bottleneck of the other."""
    page = next(p for p in PAGES if p.key == "attention")
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(f"{server}/{url_path(page)}?attention.steps=100&attention.length=8", wait_until="networkidle")
    tab.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    _settle(tab)
    tab.locator('[data-testid="stMainBlockContainer"] [data-testid="stBaseButton-primary"]').first.click()
    titles = [t("attention.heat_title", label=t("attention.model.with")),
              t("attention.bottleneck_title", label=t("attention.model.none"))]
    for title in titles:
        tab.locator(".js-plotly-plot .gtitle", has_text=title).first.wait_for(timeout=90_000)
    heatmaps = tab.locator(".js-plotly-plot .heatmaplayer image")
    assert heatmaps.count() >= 2, "both maps are drawn as heatmaps"
    _settle(tab)
    assert tab.locator('[data-testid="stException"]').count() == 0
    assert not errors, errors
    tab.close()
