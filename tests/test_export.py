"""Figure exports: PNG from the toolbar, SVG from the export menu, data as CSV, all named after page and figure.
The downloads themselves happen in a browser: tests/test_browser_export.py."""

import json

from conftest import run_page

from rnnviz.ui.svg_export import chart_class
from rnnviz.ui.widgets import export_name, plotly_config


def test_every_figure_saves_its_image_under_its_page_and_figure_name():
    at = run_page("pages/1_unrolled_rnn.py")
    charts = at.get("plotly_chart")
    assert len(charts) == 2
    for chart in charts:
        options = json.loads(chart.proto.config)["toImageButtonOptions"]
        assert options["filename"] == chart.proto.id.rsplit("-", 1)[1]  # the figure's key: "<page>.<figure>"
        assert options["filename"].startswith("unroll.") and options["format"] == "png"
    assert {json.loads(c.proto.config)["toImageButtonOptions"]["filename"] for c in charts} == \
        {"unroll.step_figure", "unroll.heatmap"}


def test_a_translated_figure_key_becomes_a_file_name_every_system_accepts():
    assert export_name("flow.accuracy") == "flow.accuracy"
    assert export_name("attention.map.no attention") == "attention.map.no_attention"
    assert export_name('attention.map.a/b:c*"d"') == "attention.map.a_b_c_d_"
    assert export_name("attention.map.无注意力") == "attention.map.无注意力"
    assert plotly_config("vanish.profile")["toImageButtonOptions"] == {"format": "png", "scale": 2,
                                                                         "filename": "vanish.profile"}


def test_every_figures_export_menu_offers_svg_of_that_same_chart():
    at = run_page("pages/1_unrolled_rnn.py")
    charts = [c.proto.id.rsplit("-", 1)[1] for c in at.get("plotly_chart")]
    buttons = [json.loads(b.proto.json) for b in at.get("bidi_component") if b.proto.component_name == "rnnviz.svg_export"]
    assert [b["target"] for b in buttons] == [chart_class(key) for key in charts] == \
        ["st-key-unroll-step_figure", "st-key-unroll-heatmap"]  # the class Streamlit's front end gives each chart
    assert {b["label"] for b in buttons} == {"Figure (SVG)"}
