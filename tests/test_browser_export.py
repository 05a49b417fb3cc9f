"""A figure's image exports in a real browser: the toolbar's camera saves a PNG and the export menu an SVG,
both named after the page and figure (Debian Chromium via Playwright, as in test_browser.py)."""

import pytest
from test_browser import browser, server  # noqa: F401 (module-scoped fixtures: one server, one browser)

from rnnviz.ui import PAGES, t, url_path

pytestmark = pytest.mark.browser


def test_the_first_figure_downloads_as_png_and_svg_under_its_own_name(server, browser):  # noqa: F811
    page = next(p for p in PAGES if p.key == "unroll")
    tab = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(f"{server}/{url_path(page)}", wait_until="networkidle")
    chart = tab.locator(".st-key-unroll-step_figure .js-plotly-plot")
    chart.wait_for(timeout=60_000)

    chart.hover()
    with tab.expect_download(timeout=30_000) as png:
        chart.locator('.modebar-btn[data-title="Download plot as a PNG"]').click()
    assert png.value.suggested_filename == "unroll.step_figure.png"
    assert open(png.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"

    tab.locator('[data-testid="stPopover"] button').first.click()
    with tab.expect_download(timeout=30_000) as svg:
        tab.get_by_role("button", name=t("share.download_svg")).first.click()
    assert svg.value.suggested_filename == "unroll.step_figure.svg"
    text = open(svg.value.path(), encoding="utf-8").read()
    assert text.startswith("<svg") and "W_hh" in text  # the figure itself, its words as text
    assert not errors, errors
    tab.close()
