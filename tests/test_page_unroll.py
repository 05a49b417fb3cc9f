"""Page 1: the step slider moves the states through the unroll figure while the weights stay put."""

import numpy as np
from conftest import array, figures, run_page

from rnnviz.analytic import unroll_text

PAGE = "pages/1_unrolled_rnn.py"


def _panels(at) -> dict[str, np.ndarray]:
    """The unroll figure's heatmaps by the first line of their title: "W_xh = W_ax", "x_t", "h_t", …"""
    fig = next(f for f in figures(at) if f["layout"]["title"]["text"].startswith("Step"))
    return {d["name"].split("<br>")[0]: array(d["z"]) for d in fig["data"]}


def _heatmap(at) -> dict:
    return next(f for f in figures(at) if f["layout"]["title"]["text"].startswith("Hidden state"))


def test_the_step_slider_changes_x_and_h_but_never_the_weights():
    at = run_page(PAGE)
    first = _panels(at)
    at.slider(key="unroll.step").set_value(3).run()
    third = _panels(at)
    assert "Step t = 3: reading “l”" in figures(at)[0]["layout"]["title"]["text"]
    assert not np.array_equal(first["x_t"], third["x_t"])
    assert not np.array_equal(first["h_t"], third["h_t"])
    for weights in ("W_hh = W_aa", "W_xh = W_ax", "b = b_a"):
        np.testing.assert_array_equal(first[weights], third[weights])
    engine = unroll_text(list("hello"), hidden_size=4, seed=0)  # the page's defaults
    np.testing.assert_allclose(third["h_t"].ravel(), engine.h[2], atol=1e-12)
    np.testing.assert_allclose(third["h_{t−1}"].ravel(), engine.h[1], atol=1e-12)
    np.testing.assert_allclose(third["W_hh = W_aa"], engine.w_hh, atol=1e-12)


def test_hidden_size_sets_the_rows_of_the_heatmap_and_the_box_follows_the_step():
    at = run_page(PAGE)
    assert array(_heatmap(at)["data"][0]["z"]).shape == (4, 5)  # units × characters
    at.slider(key="unroll.hidden").set_value(7).run()
    heat = _heatmap(at)
    assert array(heat["data"][0]["z"]).shape == (7, 5)
    assert heat["layout"]["xaxis"]["ticktext"] == list("hello")
    at.slider(key="unroll.step").set_value(4).run()
    box = _heatmap(at)["layout"]["shapes"][0]
    assert (box["x0"], box["x1"]) == (2.5, 3.5)


def test_empty_text_warns_and_draws_nothing():
    at = run_page(PAGE)
    at.text_input(key="unroll.text").input("").run()
    assert not at.exception
    assert any("at least one character" in w.value for w in at.warning)
    assert figures(at) == []


def test_long_odd_and_shrinking_text_and_the_embedding():
    at = run_page(PAGE)
    at.slider(key="unroll.step").set_value(5).run()
    at.text_input(key="unroll.text").input("hi").run()  # shorter than the step shown: the slider follows
    assert not at.exception and at.slider(key="unroll.step").value == 2
    at.text_input(key="unroll.text").input("a").run()  # one character: no slider needed
    assert not at.exception and len(figures(at)) == 2
    at.text_input(key="unroll.text").input("Señor 👋 <b>&" * 5).run()
    assert not at.exception
    assert any("only the first 40" in i.value for i in at.info)
    assert array(_heatmap(at)["data"][0]["z"]).shape[1] == 40
    at.radio(key="unroll.encoding").set_value("embedding").run()
    assert _panels(at)["x_t"].shape == (4, 1)
