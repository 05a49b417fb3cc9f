"""Page 6: uni- and bidirectional models train side by side; one heatmap and one gradient line per layer and
direction."""

import numpy as np
from conftest import array, figures, finish_training, run_page

from rnnviz.ui.runner import clear_cache

PAGE = "pages/6_deep_bidirectional.py"


def _by_title(at, words):
    return next(f for f in figures(at) if words in f["layout"]["title"]["text"])


def _heatmaps(at):
    return [f for f in figures(at) if f["data"] and f["data"][0]["type"] == "heatmap"]


def _lines(fig):
    return {d["name"]: array(d["y"]) for d in fig["data"] if d.get("mode") == "lines"}


def _train(at, steps=20):
    at.select_slider(key="deep.steps").set_value(steps).run()
    at.button(key="deep.run.train").click().run()
    return finish_training(at)


def test_renders_equations_and_parameter_names_before_training():
    at = run_page(PAGE)
    assert figures(at) == []
    assert len(at.latex) == 2
    names = list(at.dataframe[0].value.iloc[:, 0])
    assert "weight_ih_l0_reverse" in names and names[-2:] == ["head.weight", "head.bias"]
    at.slider(key="deep.layers").set_value(3).run()
    names = list(at.dataframe[0].value.iloc[:, 0])
    assert "weight_hh_l2_reverse" in names and len(names) == 3 * 2 * 4 + 2


def test_training_draws_both_curves_under_the_ceiling_and_heatmaps_from_the_engine():
    clear_cache()
    at = _train(run_page(PAGE))
    accuracy = _by_title(at, "while training")
    curves = _lines(accuracy)
    assert set(curves) == {"unidirectional LSTM", "bidirectional LSTM", "best possible without the future = 50%"}
    assert len(curves["unidirectional LSTM"]) == len(curves["bidirectional LSTM"]) == 20
    assert curves["best possible without the future = 50%"].tolist() == [0.5, 0.5]
    run = at.session_state["live_runs"]["deep.run"]
    trace = run.results["bidirectional LSTM"].latest_trace
    heatmaps = _heatmaps(at)
    assert len(heatmaps) == 2  # one layer, two directions
    np.testing.assert_allclose(array(heatmaps[1]["data"][0]["z"]), trace.get("h", 0, 1)[0].T, rtol=1e-6)
    flow = _lines(_by_title(at, "gradient reaches"))
    np.testing.assert_allclose(flow["layer 1 backward ←"], trace.grad_norms(0, 1), rtol=1e-6)


def test_layers_and_the_model_view_change_the_heatmaps_and_gradient_lines():
    clear_cache()
    at = run_page(PAGE)
    at.slider(key="deep.layers").set_value(2).run()
    at = _train(at)
    assert len(_heatmaps(at)) == 4
    assert len(_lines(_by_title(at, "gradient reaches"))) == 4
    at.segmented_control(key="deep.view").set_value("uni").run()
    assert not at.exception
    assert len(_heatmaps(at)) == 2  # one direction per layer
    assert set(_lines(_by_title(at, "gradient reaches"))) == {"layer 1 forward →", "layer 2 forward →"}


def test_recall_gets_a_chance_line_and_its_own_caption():
    clear_cache()
    at = run_page(PAGE)
    at.selectbox(key="deep.task").select("recall").run()
    at = _train(at)
    accuracy = _by_title(at, "while training")
    assert any(d["name"] == "chance = 0.25" for d in accuracy["data"])
    assert any("reads the first symbol last" in c.value for c in at.caption)
    assert array(_heatmaps(at)[0]["data"][0]["z"]).shape[1] == 31  # distance 30 + the symbol
