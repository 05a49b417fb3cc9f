"""Page 3, the headline demo: controls change the configs, training fills the figures with the engine's numbers."""

import numpy as np
from conftest import array, figures, finish_training, run_page

from rnnviz.ui.runner import clear_cache


def _by_title(at, words):
    return next(f for f in figures(at) if words in f["layout"]["title"]["text"])


def test_renders_with_the_honest_explanation_and_no_figure_before_training():
    at = run_page("pages/3_gradient_flow.py")
    assert figures(at) == []
    assert any("Chrono initialisation" in m.value for m in at.markdown)  # the default start
    assert at.selectbox(key="flow.init").value == "chrono"
    at.selectbox(key="flow.init").set_value("pytorch").run()
    assert any("σ(0) = 0.5" in m.value and "0.5^100 ≈ 8e-31" in m.value for m in at.markdown)
    at.selectbox(key="flow.init").set_value("bias4").run()
    assert any("σ(4)^100 ≈ 0.16" in m.value for m in at.markdown)


def _trained_at_distance_20():
    """The page after training all three cells (200 steps, distance 20) from an empty cache."""
    clear_cache()
    at = run_page("pages/3_gradient_flow.py")
    at.slider(key="flow.distance").set_value(20).run()
    at.select_slider(key="flow.steps").set_value(200).run()
    at.button(key="flow.run.train").click().run()
    return finish_training(at)


def test_training_draws_accuracy_and_gradient_profiles_equal_to_the_engine():
    at = _trained_at_distance_20()
    accuracy = _by_title(at, "Accuracy")
    assert {d["name"] for d in accuracy["data"]} >= {"vanilla RNN", "LSTM", "GRU"}
    lstm_curve = next(d for d in accuracy["data"] if d["name"] == "LSTM")
    assert len(array(lstm_curve["y"])) == 200
    run = at.session_state["live_runs"]["flow.run"]
    trace = run.results["LSTM"].latest_trace
    assert trace.seq_len == 21  # the distance slider reached the task
    flow = _by_title(at, "gradient reaches")
    plotted = next(d for d in flow["data"] if d["name"] == "LSTM ‖∂L/∂c_t‖")
    np.testing.assert_allclose(array(plotted["y"]), trace.grad_norms(quantity="c"), rtol=1e-6)
    assert _by_title(at, "as training goes")["frames"]  # the animation over snapshots


def test_a_control_moved_back_shows_the_cached_result_at_once():
    at = _trained_at_distance_20()
    at.slider(key="flow.distance").set_value(30).run()
    assert not any("Accuracy" in f["layout"]["title"]["text"] for f in figures(at))
    at.slider(key="flow.distance").set_value(20).run()
    assert any("Accuracy" in f["layout"]["title"]["text"] for f in figures(at))
    assert any("already trained" in c.value for c in at.caption)
