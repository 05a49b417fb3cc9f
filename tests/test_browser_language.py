"""The Chinese dashboard in a real browser (headless Debian chromium, the server and browser of test_browser.py).

A page opened with ?lang=zh is in Chinese, and stays so when the person clicks through the navigation; an
option chosen in Chinese goes into the URL by name and opens the same in English; and the browser has a font
for Chinese, so figures show characters, not boxes.  Screenshots land in tests/screenshots/ (*.zh.png).
"""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from test_browser import SHOTS, _settle, browser, server  # noqa: F401  (fixtures)

from rnnviz.figures.style import FONT
from rnnviz.ui import PAGES, url_path
from rnnviz.ui.text import t

pytestmark = pytest.mark.browser
PAGE = {page.key: page for page in PAGES}


def _open(browser, url: str):
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(url, wait_until="networkidle")
    tab.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    _settle(tab)
    return tab, errors


def _query(tab) -> dict[str, str]:
    return {key: values[-1] for key, values in parse_qs(urlparse(tab.url).query).items()}


def _heading(tab) -> str:
    return tab.locator('[data-testid="stMainBlockContainer"] h1').first.inner_text()


def _shown(tab, label: str) -> str:
    """The option a select box shows (its label names the box)."""
    return tab.locator('[data-testid="stSelectbox"]').filter(has_text=label).locator("input").input_value()


@pytest.fixture(scope="module")
def warm(server, browser):  # noqa: F811
    """Render one page first: until then Streamlit shows its file-based sidebar instead of the app's navigation."""
    tab, _ = _open(browser, f"{server}/{url_path(PAGES[0])}")
    tab.close()
    return server


def test_chinese_survives_a_click_through_the_navigation(warm, browser):  # noqa: F811
    server = warm
    tab, errors = _open(browser, f"{server}/{url_path(PAGE['vanish'])}?lang=zh")
    assert _heading(tab) == t("vanish.title", "zh")
    nav = tab.locator('[data-testid="stSidebarNav"]')
    assert t("nav.basics", "zh") in nav.inner_text() and t("nav.gates", "zh") in nav.inner_text()
    nav.get_by_role("link", name=t("unroll.title", "zh")).click()
    tab.wait_for_url(re.compile(url_path(PAGE["unroll"])), timeout=30_000)
    _settle(tab)
    assert _heading(tab) == t("unroll.title", "zh")
    assert _query(tab).get("lang") == "zh"
    assert t("nav.basics", "zh") in tab.locator('[data-testid="stSidebarNav"]').inner_text()
    tab.locator(".js-plotly-plot").first.wait_for(timeout=30_000)  # the screenshot shows the figures' Chinese
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / "unroll.zh.png"), full_page=True)
    assert tab.locator('[data-testid="stException"]').count() == 0
    assert not errors, errors
    tab.close()


def test_an_option_chosen_in_chinese_opens_the_same_in_english(warm, browser):  # noqa: F811
    server = warm
    tab, errors = _open(browser, f"{server}/{url_path(PAGE['flow'])}?lang=zh")
    tab.locator('[data-testid="stSelectbox"]').filter(has_text=t("flow.init", "zh")).click()
    tab.get_by_role("option", name=t("flow.init.bias1", "zh")).click()
    why = t("flow.why.bias1", "zh").split("：")[0]  # the page explains the start it now has
    tab.get_by_text(why).first.wait_for(timeout=30_000)
    _settle(tab)
    assert _query(tab) == {"lang": "zh", "flow.init": "bias1"}  # the option's name, not the label shown
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / "flow.zh.png"), full_page=True)
    tab.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    tab.get_by_role("heading", name=t("flow.title")).wait_for(timeout=30_000)
    _settle(tab)
    assert "lang" not in _query(tab) and _query(tab)["flow.init"] == "bias1"
    assert _shown(tab, t("flow.init")) == t("flow.init.bias1")
    tab.locator('[data-testid="stSidebar"]').get_by_text("中文", exact=True).click()  # and back: still the same
    tab.get_by_role("heading", name=t("flow.title", "zh")).wait_for(timeout=30_000)
    _settle(tab)
    assert _shown(tab, t("flow.init", "zh")) == t("flow.init.bias1", "zh")
    assert _query(tab) == {"lang": "zh", "flow.init": "bias1"}
    assert tab.locator('[data-testid="stException"]').count() == 0
    assert not errors, errors
    tab.close()


def test_the_browser_draws_chinese_in_the_figures_font(server, browser):  # noqa: F811
    """Two different characters drawn in the figures' font: with no CJK font both become the same empty box."""
    tab, _ = _open(browser, f"{server}/?lang=zh")
    different = tab.evaluate("""font => {
        const draw = ch => {
            const canvas = document.createElement("canvas");
            canvas.width = canvas.height = 40;
            const ctx = canvas.getContext("2d");
            ctx.font = "32px " + font;
            ctx.fillText(ch, 2, 32);
            return Array.from(ctx.getImageData(0, 0, 40, 40).data).join();
        };
        return draw("梯") !== draw("度");
    }""", FONT)
    assert different, "no CJK font: Chinese text renders as boxes (install fonts-wqy-microhei, see scripts/bootstrap.sh)"
    tab.close()
