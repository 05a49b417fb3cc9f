"""The memory page in a real browser: after training, a click on a character of a coloured text picks it."""

import pytest
from test_browser import browser, server  # noqa: F401  (fixtures: Streamlit on 127.0.0.1, headless Chromium)

from rnnviz.ui.text import t

pytestmark = pytest.mark.browser


def test_clicking_a_character_picks_it(server, browser):  # noqa: F811
    tab = browser.new_page(viewport={"width": 1400, "height": 3000})
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(f"{server}/memory?memory.hidden=32&memory.steps=100", wait_until="networkidle")
    tab.get_by_role("button", name=t("memory.button")).click()
    tab.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 6", timeout=180_000)
    tab.get_by_text("at t = 198").wait_for(timeout=30_000)  # the default: the last character with a next one
    texts = tab.locator(".js-plotly-plot:has(.scatterlayer .textpoint)")
    texts.nth(2).wait_for(timeout=30_000)
    assert texts.count() == 3  # vanilla RNN, LSTM, GRU
    letters = texts.first.locator(".scatterlayer .textpoint")
    assert letters.count() == 200
    letters.nth(40).click(force=True)
    tab.get_by_text("at t = 40;").wait_for(timeout=30_000)
    assert tab.locator('[data-testid="stException"]').count() == 0 and not errors, errors
    tab.close()
