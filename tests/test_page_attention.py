"""Page 8, attention: controls reach the configs, training fills both maps with the engine's numbers, typed
input is validated."""

import numpy as np
import pytest
from conftest import array, figures, finish_training, run_page, titled

from rnnviz.figures.attention import relative_encoder_grad
from rnnviz.ui.runner import clear_cache

PAGE = "pages/8_attention.py"


@pytest.fixture(scope="module")
def trained():
    """The page after training both models (reverse, length 8, 100 steps) from an empty cache."""
    clear_cache()
    at = run_page(PAGE)
    at.select_slider(key="attention.length").set_value(8).run()
    at.select_slider(key="attention.steps").set_value(100).run()
    at.button(key="attention.run.train").click().run()
    return finish_training(at)


def test_renders_controls_and_no_figure_before_training():
    at = run_page(PAGE)
    assert figures(at) == []
    assert any("reverse order" in c.value for c in at.caption)
    at.selectbox(key="attention.task").set_value("sort").run()
    assert any("sorted order" in c.value for c in at.caption)
    run = at.session_state["live_runs"]["attention.run"]
    assert {c.task for c in run.configs.values()} == {"sort"}
    at.selectbox(key="attention.mode").set_value("dot").run()
    modes = {label: c.attention for label, c in at.session_state["live_runs"]["attention.run"].configs.items()}
    assert modes == {"no attention": "none", "attention": "dot"}


def test_training_draws_both_maps_from_the_engine(trained):
    at = trained
    run = at.session_state["live_runs"]["attention.run"]
    assert run.configs["attention"].task_params["length"] == 8
    (bottleneck,) = titled(at, "one vector")
    (heat,) = titled(at, "where output step t looks")
    trace = run.results["attention"].latest_trace
    source, rows = trace.input_tokens[0], len(trace.target_tokens[0])  # a row per target token, <eos> included
    np.testing.assert_allclose(array(heat["data"][0]["z"]), trace.weights[0, :rows, :len(source)], rtol=1e-6)
    assert heat["layout"]["xaxis"]["ticktext"] == source
    plain = run.results["no attention"].latest_trace
    assert len(bottleneck["layout"]["yaxis"]["ticktext"]) == len(plain.target_tokens[0])  # a row per target token
    accuracy = titled(at, "while training")[0]
    assert {d["name"] for d in accuracy["data"]} == {"no attention", "attention"}
    gradient = titled(at, "each encoder step")[0]
    lines = {d["name"]: d for d in gradient["data"] if d.get("mode") == "lines"}
    expected = relative_encoder_grad(plain.encoder_grad, [len(x) for x in plain.input_tokens])
    drawn = array(lines["no attention"]["y"])
    np.testing.assert_allclose(drawn[np.isfinite(drawn)], expected[expected > 0], rtol=1e-6)
    assert titled(at, "against input length")  # drawn once both runs have finished
    (formed,) = titled(at, "formed during training")
    assert len(formed["frames"]) == len(run.results["attention"].snapshots)
    assert any(r"c_{" in latex.value for latex in at.latex)  # the live equation of the selected output step


def test_moving_a_probe_control_changes_the_map(trained):
    at = trained
    (before,) = titled(at, "where output step t looks")
    at.slider(key="attention.out_step").set_value(2).run()
    (after,) = titled(at, "where output step t looks")
    assert before["layout"]["shapes"][0]["y0"] == -0.5 and after["layout"]["shapes"][0]["y0"] == 1.5
    at.slider(key="attention.example").set_value(3).run()
    (other,) = titled(at, "where output step t looks")
    trace = at.session_state["live_runs"]["attention.run"].results["attention"].latest_trace
    assert other["layout"]["xaxis"]["ticktext"] == trace.input_tokens[3]


def test_typed_input_is_replayed_and_bad_input_gets_a_message(trained):
    at = trained
    at.text_input(key="attention.typed").set_value("abcabc").run()
    assert not at.exception
    (heat,) = titled(at, "where output step t looks")
    assert heat["layout"]["xaxis"]["ticktext"] == list("abcabc")
    at.text_input(key="attention.typed").set_value("ab*_[x](y)").run()
    assert not at.exception
    assert at.warning and "cannot be used" in at.warning[0].value
    assert any("*" in text.value for text in at.text)  # the engine's message, as plain text
    at.text_input(key="attention.typed").set_value("").run()
