"""Take the README's screenshots and the landing page's thumbnails from a running dashboard.

Starts `streamlit run app.py` on 127.0.0.1, opens every page in headless Debian Chromium, presses its
main button, waits until training has finished, and saves
    assets/screenshots/<page>.png   the top of the page (1400 × 1000), for the README
    assets/thumbnails/<page>.png    a 480-pixel-wide copy, for the landing page's cards

    .venv/bin/python scripts/screenshots.py [--pages flow gates]
"""

import argparse
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from rnnviz.ui import PAGES, url_path

ROOT = Path(__file__).resolve().parents[1]
# True while a live run trains: the page's own Stop button (not Streamlit's toolbar one) is enabled.
TRAINING = ("[...document.querySelectorAll('[data-testid=\"stMainBlockContainer\"] button')]"
            ".some(b => b.innerText.trim() === 'Stop' && !b.disabled)")
PRIMARY = '[data-testid="stMainBlockContainer"] [data-testid="stBaseButton-primary"]'
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]


def serve() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address",
                             "127.0.0.1", "--server.port", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("streamlit did not start")


def shoot(tab, url: str, key: str) -> None:
    tab.goto(url, wait_until="networkidle")
    tab.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    tab.wait_for_timeout(1500)
    try:  # the page's main button, once the script run has drawn it (pages without one go on)
        tab.wait_for_selector(PRIMARY + ":not([disabled])", timeout=10_000)
    except PlaywrightTimeout:
        pass
    primary = tab.locator(PRIMARY)
    if primary.count() and primary.first.is_enabled():
        primary.first.click()
        tab.wait_for_timeout(2000)
        try:  # training has started (a result already cached ends at once)
            tab.wait_for_function(TRAINING, timeout=15_000)
        except PlaywrightTimeout:
            pass
        tab.wait_for_function(f"!({TRAINING})", timeout=900_000)  # a busy two-core machine takes minutes
        tab.wait_for_timeout(2500)
    shot = ROOT / "assets" / "screenshots" / f"{key}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(shot))
    thumb = ROOT / "assets" / "thumbnails" / f"{key}.png"
    thumb.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(shot) as image:
        image.crop((300, 80, image.width, image.height)).resize((480, 360)).save(thumb, optimize=True)
    print("saved", shot.relative_to(ROOT), "and", thumb.relative_to(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description="Take the README's screenshots and the thumbnails.")
    parser.add_argument("--pages", nargs="*", default=[p.key for p in PAGES], help="page keys (default: all)")
    args = parser.parse_args()
    proc, url = serve()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
            tab = browser.new_page(viewport={"width": 1400, "height": 1000})
            tab.goto(url, wait_until="networkidle")  # the landing page first: it declares the app's navigation
            tab.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
            for page in PAGES:
                if page.key in args.pages:
                    shoot(tab, f"{url}/{url_path(page)}", page.key)
            browser.close()
    finally:
        proc.terminate()


if __name__ == "__main__":
    main()
