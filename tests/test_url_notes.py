"""A link whose value a control cannot take: the control keeps its default and a note beside it names the
parameter, quoting the value as plain text (issue 9, safe defaults)."""

import pytest
from conftest import ROOT, shown
from streamlit.testing.v1 import AppTest

FLOW = str(ROOT / "pages/3_gradient_flow.py")


def opened(**params):
    """The headline page opened from a link with `params` in its query string."""
    at = AppTest.from_file(FLOW, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def notes(at) -> list[str]:
    return [shown(w.value) for w in at.warning]


@pytest.mark.parametrize("value", ["abc", "5000", "-10"])
def test_a_slider_value_out_of_range_or_not_a_number_falls_back_with_a_note(value):
    at = opened(**{"flow.distance": value})
    assert at.slider(key="flow.distance").value == 100
    assert notes(at) == [f"The link sets **flow.distance** to “{value}”, which this control cannot take; "
                         "it shows 100 instead."]
    assert "flow.distance" not in at.query_params  # Streamlit dropped it; the next link shared is clean
    at.run()
    assert notes(at) == []  # said once, where the link was opened


def test_an_unknown_option_of_a_translated_selectbox_falls_back_with_a_note():
    at = opened(**{"flow.init": "nonsense"})
    assert at.selectbox(key="flow.init").value == "chrono"
    assert len(notes(at)) == 1 and "**flow.init**" in notes(at)[0] and "“nonsense”" in notes(at)[0]
    assert "chrono (Tallec & Ollivier 2018)" in notes(at)[0]  # what it shows, in the page's language


def test_a_number_input_value_below_its_minimum_falls_back_and_a_fraction_is_named():
    at = opened(seed="-5")
    assert at.number_input(key="seed").value == 0
    assert "**seed**" in notes(at)[0] and "“-5”" in notes(at)[0]
    at = opened(seed="3.5")  # Streamlit takes the whole part: the note says which value is used
    assert at.number_input(key="seed").value == 3
    assert notes(at) == ["The link sets **seed** to “3.5”, which this control cannot take; it shows 3 instead."]


def test_valid_values_and_the_defaults_make_no_note():
    at = opened(**{"flow.distance": "40", "flow.init": "bias1", "seed": "7", "flow.steps": "400"})
    assert (at.slider(key="flow.distance").value, at.selectbox(key="flow.init").value) == (40, "bias1")
    assert (at.number_input(key="seed").value, at.select_slider(key="flow.steps").value) == (7, 400)
    assert notes(at) == []
    assert notes(opened(**{"flow.distance": "100", "seed": "0"})) == []


def test_a_markdown_payload_in_the_url_is_quoted_as_plain_text():
    payload = "[x](https://example.com)![i](http://host/img.png)"
    at = opened(**{"flow.init": payload})
    note = at.warning[0].value
    assert "\\[x\\]\\(https\u2060\\://example\\.com\\)\\!\\[i\\]" in note  # every mark escaped, no autolink
    assert payload in shown(note)


def test_the_note_is_in_chinese_on_a_chinese_page():
    at = opened(lang="zh", **{"flow.distance": "abc"})
    assert notes(at) == ["链接把 **flow.distance** 设为“abc”，这个控件无法使用该值，现在显示的是 100。"]
