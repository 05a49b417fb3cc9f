"""Figure exports: the toolbar's image and the data files are named after the page and the figure."""

import json

from conftest import run_page

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
