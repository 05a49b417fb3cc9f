"""The second language: ?lang=zh opens every page in Chinese, the sidebar switches it, and a link keeps its
settings across languages because the URL holds option names, never the labels shown."""

import pytest
from conftest import ROOT

from rnnviz.ui import PAGES
from rnnviz.ui.pages import HOME
from rnnviz.ui.text import t


def open_page(path: str, **params):
    """Render a page with AppTest as if opened from a URL with these query parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / path), default_timeout=120)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", [HOME, *PAGES], ids=lambda p: p.key)
def test_every_page_opens_in_chinese_from_the_url(page):
    at = open_page("app.py" if page is HOME else page.path, lang="zh")  # the landing page links to the app's pages
    assert at.title[0].value == t(f"{page.key}.title", "zh")
    assert at.sidebar.subheader[0].value == t("common.settings", "zh") == "设置"
    assert at.segmented_control(key="lang").value == "zh"
    assert at.query_params["lang"] == "zh"


def test_the_landing_page_and_its_cards_in_chinese():
    at = open_page("app.py", lang="zh")
    assert at.button(key="home.start").label == t("home.start_demo", "zh") != t("home.start_demo")
    assert [link.proto.label for link in at.get("page_link")] == [t(f"{p.key}.title", "zh") for p in PAGES]


def test_the_sidebar_switches_language_and_writes_it_to_the_url():
    at = open_page("app.py")  # AppTest resends a select box's old label after a switch; the browser test covers those
    assert "lang" not in at.query_params  # English is the default: a clean URL
    at.segmented_control(key="lang").set_value("zh").run()
    assert at.query_params["lang"] == "zh"
    assert at.button(key="home.start").label == t("home.start_demo", "zh")
    at.segmented_control(key="lang").set_value("en").run()
    assert "lang" not in at.query_params
    assert at.button(key="home.start").label == t("home.start_demo")


def test_a_link_made_in_english_opens_the_same_option_in_chinese():
    at = open_page("pages/3_gradient_flow.py")
    at.selectbox(key="flow.init").set_value("bias1").run()
    assert at.query_params["flow.init"] == "bias1"  # the option's name, not its English label
    at.segmented_control(key="lang").set_value("zh").run()
    assert at.selectbox(key="flow.init").value == "bias1"  # switching language keeps the setting
    link = dict(at.query_params)
    assert link == {"flow.init": "bias1", "lang": "zh"}
    zh = open_page("pages/3_gradient_flow.py", **link)
    assert zh.selectbox(key="flow.init").value == "bias1"
    en = open_page("pages/3_gradient_flow.py", **{**link, "lang": "en"})
    assert en.selectbox(key="flow.init").value == "bias1"


def test_an_unknown_option_in_the_url_is_ignored_and_cleaned():
    at = open_page("pages/3_gradient_flow.py", **{"flow.init": "bias +1 (Jozefowicz et al. 2015)", "lang": "xx"})
    assert at.selectbox(key="flow.init").value == "chrono"  # the page's default
    assert at.segmented_control(key="lang").value == "en"
    assert "flow.init" not in at.query_params and "lang" not in at.query_params
