"""Lesson presets and link notes in a real browser: a preset's click writes its settings into the address bar,
that address opened elsewhere shows the same preset, and a bad link value gets its note (as test_browser.py)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from test_browser import browser, server  # noqa: F401 (module-scoped fixtures: one server, one browser)

from rnnviz.ui import PAGES, url_path
from rnnviz.ui.presets import PRESETS

pytestmark = pytest.mark.browser


def test_a_presets_link_is_shared_like_any_other_screen(server, browser):  # noqa: F811
    page = next(p for p in PAGES if p.key == "flow")
    preset = PRESETS["flow"]["chrono150"]
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    tab.goto(f"{server}/{url_path(page)}", wait_until="networkidle")
    tab.get_by_text(preset.name["en"], exact=True).click()
    tab.wait_for_function("location.search.includes('flow.distance=150')", timeout=30_000)
    assert parse_qs(urlsplit(tab.url).query) == {"flow.distance": ["150"], "flow.steps": ["400"]}  # chrono: default

    shared = browser.new_page(viewport={"width": 1400, "height": 1000})
    shared.goto(tab.url, wait_until="networkidle")
    shared.get_by_text(preset.about["en"]).wait_for(timeout=30_000)  # lit at once, with its description
    assert shared.locator('[data-testid="stSlider"]').first.inner_text().count("150")
    tab.close()
    shared.close()


def test_a_link_value_the_page_cannot_take_gets_a_note_as_plain_text(server, browser):  # noqa: F811
    page = next(p for p in PAGES if p.key == "flow")
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    tab.goto(f"{server}/{url_path(page)}?flow.distance=5000&flow.init=[x](http://example.com)", wait_until="networkidle")
    notes = tab.locator('[data-testid="stAlert"]', has_text="The link sets")
    notes.nth(1).wait_for(timeout=30_000)
    said = [text.replace("\u2060", "") for text in notes.all_inner_texts()]  # plain()'s invisible word joiners
    assert any("The link sets flow.distance to “5000”" in text for text in said)
    assert any("The link sets flow.init to “[x](http://example.com)”" in text for text in said)
    assert notes.locator("a").count() == 0  # the URL's Markdown is shown, neither followed nor autolinked
    tab.close()
