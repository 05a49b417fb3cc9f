"""Lesson presets (assets/presets.toml): every preset names every control of its page, in both languages, with
values its page's controls take; choosing one sets the controls and the URL, so its link can be shared."""

import pytest
from conftest import ROOT, run_page
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

from rnnviz.claims import CLAIMS
from rnnviz.ui import PAGES
from rnnviz.ui.presets import PRESETS, names
from rnnviz.ui.runner import clear_cache
from rnnviz.ui.text import LANGUAGES

PAGE_FILES = {page.key: page.path for page in PAGES}
NOT_CONTROLS = {"button", "download_button", "file_uploader"}  # keyed widgets a preset does not set


def controls(at, page: str) -> dict:
    """key → widget of every control of `page` drawn now (the sidebar's shared settings excepted)."""
    return {w.key: w for w in at if isinstance(w, Widget) and w.key and w.key.startswith(page + ".")
            and w.type not in NOT_CONTROLS}


def test_every_preset_belongs_to_a_page_and_speaks_both_languages():
    assert set(PRESETS) <= set(PAGE_FILES)
    for page, found in PRESETS.items():
        assert len(found) >= 2, page
        for preset in found.values():
            for words in (preset.name, preset.about):
                assert set(words) == set(LANGUAGES), (page, preset.key)
                assert all(line.strip() and "\n" not in line for line in words.values()), (page, preset.key)
            assert all(name.startswith(page + ".") for name in preset.values), (page, preset.key)
        settings = [tuple(sorted(preset.values.items())) for preset in found.values()]
        assert len(set(settings)) == len(settings), page  # else the later one could never be the one on screen


def test_the_claims_a_preset_repeats_are_registered():
    registered = {claim.key for claim in CLAIMS}
    for found in PRESETS.values():
        for preset in found.values():
            assert set(preset.claims) <= registered, preset.key


@pytest.mark.parametrize("page", sorted(PRESETS))
def test_each_preset_sets_every_control_of_its_page_to_a_value_it_takes(page):
    clear_cache()  # as a first visitor sees it: no result of an earlier test's run (a diverged one warns)
    at = run_page(PAGE_FILES[page])
    defaults = {key: w.value for key, w in controls(at, page).items()}
    for key, preset in PRESETS[page].items():
        at.pills(key=f"presets.{page}").set_value(key).run()
        assert not at.exception, (key, [e.value for e in at.exception])
        drawn = controls(at, page)
        assert set(drawn) == set(preset.values), key  # every control it names is there, and it names them all
        for name, value in preset.values.items():
            widget = drawn[name]
            assert widget.value == value and type(widget.value) is type(value), (key, name, widget.value)
            if widget.type in ("slider", "number_input"):  # inside the range (a list's value is one of its options)
                assert widget.min <= value <= widget.max, (key, name)
            if name in at.query_params:  # the link holds what differs from the page's defaults
                assert names(at.query_params[name], value), (key, name, at.query_params[name])
            else:
                assert defaults.get(name, value) == value, (key, name)
        assert at.pills(key=f"presets.{page}").value == key  # its pill stays lit, with its description
        assert any(preset.about["en"] in caption.value for caption in at.caption), key
        assert not at.warning and not at.error, (key, [w.value for w in [*at.warning, *at.error]])


def test_a_preset_on_screen_is_described_in_the_pages_language():
    """Controls holding a preset's values light its pill, with its Chinese description on a Chinese page.
    (Set before the first run: AppTest cannot rerun a page whose translated options changed language.)"""
    at = AppTest.from_file(str(ROOT / "pages/3_gradient_flow.py"), default_timeout=120)
    at.query_params["lang"] = "zh"
    for name, value in PRESETS["flow"]["bias1"].values.items():
        at.session_state[name] = value
    at.run()
    pills = at.pills(key="presets.flow")
    assert (pills.label, pills.value) == ("课堂预设", "bias1")
    assert pills.options[0] == PRESETS["flow"]["headline"].name["zh"]
    assert any(PRESETS["flow"]["bias1"].about["zh"] in caption.value for caption in at.caption)


def test_a_preset_goes_dark_when_a_control_moves_away_from_it():
    at = run_page("pages/3_gradient_flow.py")
    at.pills(key="presets.flow").set_value("bias1").run()
    at.slider(key="flow.distance").set_value(40).run()
    assert at.pills(key="presets.flow").value is None
    assert not any(PRESETS["flow"]["bias1"].about["en"] in caption.value for caption in at.caption)
    assert at.selectbox(key="flow.init").value == "bias1"  # the other controls keep the preset's values


def test_a_shared_preset_link_lights_its_pill_on_the_first_run():
    run_page("pages/3_gradient_flow.py")  # any earlier visit on this server declares the controls' defaults
    at = AppTest.from_file(str(ROOT / "pages/3_gradient_flow.py"), default_timeout=120)
    at.query_params["flow.init"], at.query_params["flow.steps"] = "bias1", "400"  # what the preset's link holds
    at.run()
    assert at.pills(key="presets.flow").value == "bias1"
    assert any(PRESETS["flow"]["bias1"].about["en"] in caption.value for caption in at.caption)
