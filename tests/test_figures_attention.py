"""The attention page's figure builders draw exactly the data they are given."""

import numpy as np
import pandas as pd
import pytest

from rnnviz.figures import attention_animation, attention_heatmap, bottleneck_map, encoder_gradient, length_accuracy
from rnnviz.figures.attention import MISSING, relative_encoder_grad, strongest
from rnnviz.figures.style import ORANGE, VERMILLION

INPUT = ["3", "1", "<", "&"]
TARGET = ["&", "<", "1", "3"]


def _weights(rows=4, cols=4, seed=0):
    w = np.random.default_rng(seed).uniform(size=(rows, cols))
    return w / w.sum(1, keepdims=True)


def _is_figure(fig):
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    for trace in fig.data:
        assert trace.hovertemplate or trace.hoverinfo == "skip", trace.name


def test_heatmap_has_output_steps_down_and_input_tokens_across():
    weights = _weights()
    fig = attention_heatmap(weights, INPUT, TARGET, TARGET)
    _is_figure(fig)
    heat = fig.data[0]
    np.testing.assert_array_equal(heat.z, weights)
    assert (heat.zmin, heat.zmax) == (0, 1)
    assert list(fig.layout.xaxis.ticktext) == ["3", "1", "&lt;", "&amp;"]  # escaped for Plotly
    assert list(fig.layout.yaxis.ticktext) == ["&amp;", "&lt;", "1", "3"]
    assert fig.layout.yaxis.autorange == "reversed"  # the first output on top
    assert "α = %{z" in heat.hovertemplate
    assert heat.customdata[1][2][1] == "&lt;"  # row 1, column 2: the input token in the hover


def test_heatmap_marks_wrong_outputs_and_the_highlighted_step():
    predicted = ["&", "<", "3", "3"]
    fig = attention_heatmap(_weights(), INPUT, predicted, TARGET, highlight=2)
    ticks = list(fig.layout.yaxis.ticktext)
    assert VERMILLION in ticks[2] and "✗ (1)" in ticks[2]
    assert VERMILLION not in ticks[0] + ticks[1] + ticks[3]
    (box,) = fig.layout.shapes
    assert (box.y0, box.y1) == (1.5, 2.5) and box.line.color == ORANGE


def test_heatmap_rejects_input_tokens_that_do_not_match_the_weights():
    with pytest.raises(ValueError, match="3 input"):
        attention_heatmap(_weights(), INPUT[:3], TARGET)


def test_heatmap_marks_the_steps_after_an_early_stop():
    fig = attention_heatmap(_weights(), INPUT, ["&", "<eos>"], TARGET)
    ticks = list(fig.layout.yaxis.ticktext)
    assert len(ticks) == 4 and ticks[0] == "&amp;"
    assert "&lt;eos&gt; ✗ (&lt;)" in ticks[1] and f"{MISSING} ✗ (3)" in ticks[3]


def test_heatmap_of_different_lengths_in_and_out():
    weights = _weights(rows=2, cols=5)
    fig = attention_heatmap(weights, list("abcde"), ["x", "y"])
    assert np.asarray(fig.data[0].z).shape == (2, 5)
    assert tuple(fig.layout.xaxis.range) == (-0.5, 4.5)


def test_animation_has_a_frame_per_snapshot_on_fixed_axes():
    snapshots = [(0, _weights(seed=1)), (50, _weights(seed=2)), (100, _weights(seed=3))]
    fig = attention_animation(snapshots, INPUT, TARGET)
    _is_figure(fig)
    assert len(fig.frames) == 3
    np.testing.assert_array_equal(fig.frames[2].data[0].z, snapshots[2][1])
    np.testing.assert_array_equal(fig.data[0].z, snapshots[-1][1])  # it opens trained, and plays from the start
    assert fig.layout.sliders[0].active == 2 and list(fig.layout.updatemenus[0].buttons[0].args[0]) == ["0", "1", "2"]
    assert [s.label for s in fig.layout.sliders[0].steps] == ["0", "50", "100"]
    assert list(fig.layout.yaxis.ticktext) == ["&amp;", "&lt;", "1", "3"]  # the right answer, nothing marked wrong


def test_bottleneck_map_shows_the_same_grid_with_only_the_last_state():
    fig = bottleneck_map(INPUT, ["&", "<", "3", "1"], TARGET, hidden_size=64, note="no weights")
    _is_figure(fig)
    assert np.asarray(fig.data[0].z).shape == (4, 4) and not np.asarray(fig.data[0].z).any()
    bridge = fig.data[1]
    assert set(bridge.x) == {3}  # the last encoder step is the only bridge
    assert any("64 numbers" in a.text for a in fig.layout.annotations)
    assert fig.layout.title.subtitle.text == "no weights"
    assert VERMILLION in fig.layout.yaxis.ticktext[2]


def test_encoder_gradient_draws_each_model_on_a_log_axis():
    profiles = {"no attention": np.geomspace(1e-5, 1e-1, 6), "attention": np.array([0.2, 0.3, 0.0, 0.1, 0.2, 0.3])}
    fig = encoder_gradient(profiles)
    _is_figure(fig)
    assert fig.layout.yaxis.type == "log" and "‖∂L/∂h_j‖" in fig.layout.yaxis.title.text
    lines = {trace.name: trace for trace in fig.data if trace.mode == "lines"}
    np.testing.assert_allclose(lines["no attention"].y, profiles["no attention"])
    assert np.isnan(lines["attention"].y[2])  # an exact zero cannot sit on a log axis: a marker instead
    assert lines["no attention"].line.color != lines["attention"].line.color
    assert lines["attention"].hovertemplate.startswith("j = %{x}")


def test_relative_encoder_grad_divides_each_example_by_its_own_last_input():
    grad = np.array([[1e-3, 1e-2, 1e-1, 1.0],     # length 4: falls tenfold per step back
                     [4.0, 2.0, 0.0, 0.0]])        # length 2: halves per step back, then padding
    profile = relative_encoder_grad(grad, [4, 2])
    # step 0: geometric mean of 1e-3 and 2; step 1: of 1e-2 and 1; steps 2 and 3: the long example alone
    np.testing.assert_allclose(profile, [np.sqrt(2e-3), np.sqrt(1e-2), 1e-1, 1.0])
    assert np.isnan(relative_encoder_grad(np.zeros((1, 3)), [2])).all()  # a zero last step cannot be a unit


def test_encoder_gradient_says_when_its_lines_are_relative():
    fig = encoder_gradient({"attention": np.array([0.5, 1.0])}, relative=True)
    assert "h_last" in fig.layout.yaxis.title.text


def test_length_accuracy_shades_the_training_lengths():
    frames = {"no attention": pd.DataFrame(dict(length=[8, 4, 12], exact_match=[0.5, 0.9, 0.1], token_accuracy=0.5)),
              "attention": pd.DataFrame(dict(length=[4, 8, 12], exact_match=[1.0, 1.0, 0.8], token_accuracy=0.9))}
    fig = length_accuracy(frames, trained=(4, 8))
    _is_figure(fig)
    none = next(tr for tr in fig.data if tr.name == "no attention")
    assert list(none.x) == [4, 8, 12] and list(none.y) == [0.9, 0.5, 0.1]  # sorted by length
    (band,) = fig.layout.shapes
    assert (band.x0, band.x1) == (3.5, 8.5)
    assert "training" in fig.layout.annotations[0].text
    assert fig.layout.yaxis.tickformat == ".0%"


def test_projector_mode_enlarges_the_heatmap():
    small = attention_heatmap(_weights(), INPUT, TARGET)
    big = attention_heatmap(_weights(), INPUT, TARGET, projector=True)
    assert big.layout.font.size > small.layout.font.size


def test_strongest_orders_input_steps_by_weight():
    assert strongest(np.array([0.1, 0.5, 0.1, 0.3]), k=3) == [1, 3, 0]
