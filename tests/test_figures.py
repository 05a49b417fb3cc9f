"""Figure builders draw exactly the data they are given, the way the lesson needs it drawn."""

import html
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
import torch

from rnnviz import record
from rnnviz.analysis import pca, saturation
from rnnviz.figures import (CELL_COLORS, PALETTE, activation_functions, apply_theme, eigenvalues, gate_heatmaps,
                            grad_flow, grad_flow_animation, grad_norm_curve, jacobian_profile, pca_trajectory,
                            saturation_scatter, state_heatmap, text_heat_html, training_curves, unroll_step)
from rnnviz.figures.style import line_styles


@pytest.fixture(scope="module")
def traces():
    torch.manual_seed(0)
    x = torch.randn(3, 7, 2)
    out = {}
    for cell, klass in (("rnn", torch.nn.RNN), ("lstm", torch.nn.LSTM), ("gru", torch.nn.GRU)):
        out[cell] = record(klass(2, 4, batch_first=True), x, loss_fn=lambda o: o[:, -1].pow(2).sum())
    return out


def _history(n=6, diverge=None):
    steps = np.arange(n) * 10
    loss = np.linspace(2, 1, n)
    metric = np.linspace(0.2, 0.9, n)
    grad = np.array([0.5, 2.0, 0.8, 3.0, 1.0, 0.9][:n])
    if diverge is not None:
        loss[diverge] = np.inf
        loss[diverge + 1:] = np.nan
        metric[diverge:] = np.nan
        grad[diverge:] = np.nan
    return pd.DataFrame(dict(step=steps, loss=loss, metric=metric, grad_norm=grad, clipped=grad > 1))


def _is_figure(fig):
    """What every figure owes the class: a title, axis titles, hover text on every trace."""
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    for trace in fig.data:
        assert trace.hovertemplate or trace.hoverinfo == "skip", trace.name


# -- style ------------------------------------------------------------------------------------------
def test_cell_colours_are_fixed_and_distinct():
    styles = line_styles(["GRU", "vanilla RNN", "LSTM ‖∂L/∂c_t‖", "LSTM", "LSTM, forget bias 1"])
    assert styles["vanilla RNN"]["color"] == CELL_COLORS["rnn"]
    assert styles["LSTM"]["color"] == CELL_COLORS["lstm"]
    assert styles["GRU"]["color"] == CELL_COLORS["gru"]
    assert styles["LSTM ‖∂L/∂c_t‖"] == dict(color=CELL_COLORS["highway"], dash="dash")
    assert styles["LSTM, forget bias 1"]["color"] in PALETTE
    assert len({s["color"] for s in styles.values()}) == 5


def test_projector_mode_enlarges_text_and_lines():
    profiles = {"LSTM": np.array([0.1, 1.0])}
    small, big = grad_flow(profiles), grad_flow(profiles, projector=True)
    assert big.layout.font.size >= 20 > small.layout.font.size
    assert big.data[0].line.width > small.data[0].line.width
    again = apply_theme(go.Figure(go.Scatter(y=[1, 2])), projector=True)
    assert again.layout.font.size == big.layout.font.size


# -- gradients --------------------------------------------------------------------------------------
def test_grad_flow_draws_the_profile_on_a_log_axis(traces):
    profile = traces["lstm"].grad_norms()
    fig = grad_flow({"LSTM": profile, "LSTM ‖∂L/∂c_t‖": traces["lstm"].grad_norms(quantity="c")})
    _is_figure(fig)
    assert fig.layout.yaxis.type == "log"
    assert "‖∂L/∂h_t‖" in fig.layout.yaxis.title.text and "log" in fig.layout.yaxis.title.text
    line = fig.data[0]
    assert np.array_equal(line.y, profile) and np.array_equal(line.x, np.arange(len(profile)))
    assert line.line.color == CELL_COLORS["lstm"]
    assert fig.data[2].line.dash == "dash"


def test_grad_flow_marks_underflowed_zeros_on_the_axis_floor():
    profile = np.array([0.0, 0.0, 1e-20, 1e-3, 1.0])
    fig = grad_flow({"vanilla RNN": profile})
    line, under = fig.data
    assert np.isnan(line.y[:2]).all() and np.array_equal(line.y[2:], profile[2:])
    assert list(under.x) == [0, 1]
    assert np.all(np.isfinite(under.y)) and np.all(under.y > 0)
    floor = np.log10(under.y[0])
    low, high = fig.layout.yaxis.range
    assert low < floor < np.log10(1e-20) < np.log10(1.0) < high
    assert under.marker.symbol == "circle-open"
    assert "0 (underflowed)" in under.hovertemplate


def test_grad_flow_ratio_annotation():
    fig = grad_flow({"vanilla RNN": np.array([3e-14, 0.5, 1.0])}, annotate_ratio=True)
    texts = [a.text for a in fig.layout.annotations]
    assert any("h₀/h_T = 3e-14" in t for t in texts)
    assert not grad_flow({"GRU": np.array([1.0, 1.0])}).layout.annotations


def test_jacobian_profile_shares_the_log_axis(traces):
    profile = traces["gru"].jacobian_norms()
    fig = jacobian_profile({"GRU": profile})
    _is_figure(fig)
    assert fig.layout.yaxis.type == "log" and "∂h_T/∂h_t" in fig.layout.yaxis.title.text
    assert np.array_equal(fig.data[0].y, profile)


def test_grad_flow_animation_has_one_frame_per_snapshot_and_a_fixed_range():
    snaps = {
        "vanilla RNN": [(0, np.array([1e-8, 1e-4, 1.0])), (50, np.array([0.0, 1e-2, 1.0])), (100, np.array([0.1, 0.5, 2.0]))],
        "LSTM": [(0, np.array([0.1, 0.3, 1.0])), (50, np.array([0.2, 0.4, 1.0])), (100, np.array([0.3, 0.5, 1.0]))],
    }
    fig = grad_flow_animation(snaps)
    _is_figure(fig)
    assert len(fig.frames) == 3
    assert [s.label for s in fig.layout.sliders[0].steps] == ["0", "50", "100"]
    assert {b.label for b in fig.layout.updatemenus[0].buttons} == {"▶ play", "❚❚ pause"}
    low, high = fig.layout.yaxis.range
    assert low < -8 and high >= np.log10(2.0)
    assert fig.layout.yaxis.type == "log"
    # frame 1: the RNN's first value underflowed; it sits on the floor as a marker
    rnn_line, rnn_under = fig.frames[1].data[:2]
    assert np.isnan(rnn_line.y[0]) and list(rnn_under.x) == [0]
    assert np.array_equal(fig.frames[2].data[2].y, snaps["LSTM"][2][1])
    assert all(len(f.data) == len(fig.data) for f in fig.frames)


# -- training ---------------------------------------------------------------------------------------
def test_training_curves_draw_the_metric_and_a_chance_line():
    histories = {"LSTM": _history(), "GRU": _history()}
    fig = training_curves(histories, chance=0.25)
    _is_figure(fig)
    assert np.allclose(fig.data[0].y, histories["LSTM"]["metric"])
    chance = [t for t in fig.data if t.name.startswith("chance")]
    assert len(chance) == 1 and list(chance[0].y) == [0.25, 0.25] and chance[0].line.dash == "dash"
    assert list(chance[0].x) == [0, 50]
    assert "higher is better" in fig.layout.yaxis.title.text
    lower = training_curves(histories, y="loss", higher_is_better=False)
    assert "lower is better" in lower.layout.yaxis.title.text


def test_training_curves_mark_divergence_without_raising():
    histories = {"vanilla RNN": _history(diverge=3)}
    fig = training_curves(histories, y="loss")
    texts = [t for tr in fig.data for t in (tr.text or ())]
    assert "diverged (NaN/inf) at step 30" in texts
    marker = next(tr for tr in fig.data if tr.text)
    assert marker.marker.symbol == "x" and marker.y[0] == pytest.approx(histories["vanilla RNN"].loss[2])
    assert np.isnan(fig.data[0].y[3:]).all()  # Inf is not drawn
    tagged = _history()
    tagged.attrs["diverged_at"] = 40
    assert any("step 40" in t for tr in training_curves({"GRU": tagged}).data for t in (tr.text or ()))


def test_grad_norm_curve_log_axis_clip_line_and_clipped_steps():
    history = _history(diverge=4)
    fig = grad_norm_curve({"LSTM": history}, clip=1.0)
    _is_figure(fig)
    assert fig.layout.yaxis.type == "log"
    line, clipped = fig.data[:2]
    assert np.allclose(line.y[:4], history.grad_norm[:4]) and np.isnan(line.y[4:]).all()
    assert list(clipped.x) == [10, 30] and list(clipped.y) == [2.0, 3.0]
    threshold = next(t for t in fig.data if t.name.startswith("clip threshold"))
    assert list(threshold.y) == [1.0, 1.0]
    assert any("diverged (NaN/inf) at step 40" in t for tr in fig.data for t in (tr.text or ()))


# -- states -----------------------------------------------------------------------------------------
def test_state_heatmap_kinds(traces):
    h = traces["lstm"].get("h")[1]
    tokens = list("ab <c>\n")
    fig = state_heatmap(h, tokens=tokens)
    _is_figure(fig)
    assert np.array_equal(fig.data[0].z, h.T)
    assert fig.layout.coloraxis.cmid == 0 and fig.layout.coloraxis.cmin == -fig.layout.coloraxis.cmax
    assert list(fig.layout.xaxis.ticktext) == ["a", "b", "␣", "&lt;", "c", "&gt;", "↵"]
    gate = state_heatmap(traces["lstm"].get("f")[0], kind="gate")
    assert (gate.layout.coloraxis.cmin, gate.layout.coloraxis.cmax) == (0, 1)
    assert gate.layout.coloraxis.colorscale == go.Figure(layout=dict(coloraxis_colorscale="Viridis")).layout.coloraxis.colorscale
    grads = np.array([[0.0, 1e-3], [0.1, -10.0]])
    g = state_heatmap(grads, kind="grad")
    assert np.isnan(g.data[0].z[0, 0]) and np.allclose(g.data[0].z.T[1], [-1, 1])
    with pytest.raises(ValueError):
        state_heatmap(h, kind="nope")


@pytest.mark.parametrize("cell,panels", [("lstm", ["i", "f", "g", "o", "c"]), ("gru", ["r", "z", "n", "h"]),
                                         ("rnn", ["pre", "h"])])
def test_gate_heatmaps_one_panel_per_gate(traces, cell, panels):
    trace = traces[cell]
    fig = gate_heatmaps(trace, example=2)
    assert len(fig.data) == len(panels)
    for q, heat in zip(panels, fig.data):
        assert np.array_equal(heat.z, trace.get(q)[2].T)
    titles = [a.text for a in fig.layout.annotations]
    assert [t.split(" ")[0] for t in titles] == panels
    assert fig.layout.title.text and fig.layout[f"xaxis{len(panels)}"].title.text == "timestep t"
    sigmoid = {"i", "f", "o", "r", "z"}
    assert [h.coloraxis for h in fig.data] == ["coloraxis" if q in sigmoid else "coloraxis2" for q in panels]


def test_gate_heatmap_titles_explain_the_gates(traces):
    lstm = [a.text for a in gate_heatmaps(traces["lstm"]).layout.annotations]
    assert "f — forget gate (1 = keep)" in lstm
    gru = [a.text for a in gate_heatmaps(traces["gru"]).layout.annotations]
    assert any(t.startswith("z — update gate") and "1 − Γu" in t for t in gru)


def test_saturation_scatter_matches_analysis(traces):
    trace = traces["lstm"]
    fig = saturation_scatter(trace)
    _is_figure(fig)
    dots = {t.name: t for t in fig.data if t.mode == "markers"}
    assert set(dots) == {"i gate", "f gate", "o gate"}
    for gate in "ifo":
        low, high = saturation(trace.get(gate))
        assert np.array_equal(dots[f"{gate} gate"].x, low) and np.array_equal(dots[f"{gate} gate"].y, high)
        assert list(dots[f"{gate} gate"].customdata) == [0, 1, 2, 3]
    diagonal = fig.data[0]
    assert list(diagonal.x) == [0, 1] and list(diagonal.y) == [1, 0]
    assert len({t.marker.color for t in dots.values()}) == 3
    assert not [t for t in saturation_scatter(traces["rnn"]).data if t.mode == "markers"]


def test_pca_trajectory(traces):
    states = traces["gru"].get("h")[0]
    fig = pca_trajectory(states, tokens=list("abcdefg"))
    _is_figure(fig)
    points, ratio = pca(states)
    dots = fig.data[1]
    assert np.allclose(dots.x, points[:, 0]) and np.allclose(dots.y, points[:, 1])
    assert list(dots.marker.color) == list(range(7))
    assert f"{ratio[0]:.0%}" in fig.layout.xaxis.title.text
    assert dots.customdata[3].tolist() == [3, "d"]


# -- unroll, analytic, text --------------------------------------------------------------------------
def test_unroll_step_shows_every_number():
    rng = np.random.default_rng(0)
    w_xh, w_hh, b = rng.normal(size=(3, 2)), rng.normal(size=(3, 3)), rng.normal(size=3)
    x, h_prev = np.array([1.0, 0.0]), rng.normal(size=3)
    pre = w_xh @ x + w_hh @ h_prev + b
    fig = unroll_step(x, h_prev, w_xh, w_hh, b, pre, np.tanh(pre), tokens=["a", "b"])
    assert fig.layout.title.text
    assert len(fig.data) == 7 and all(t.texttemplate for t in fig.data)
    assert np.array_equal(fig.data[0].z, w_xh) and np.array_equal(fig.data[2].z, w_hh)
    assert np.array_equal(fig.data[6].z.ravel(), np.tanh(pre))
    titles = " ".join(a.text for a in fig.layout.annotations).replace("<br>", " ")
    assert "W_hh = W_aa (weight_hh_l0)" in titles and "W_xh = W_ax (weight_ih_l0)" in titles
    with pytest.raises(ValueError):
        unroll_step(x, h_prev, w_xh, w_hh[:2], b, pre, np.tanh(pre))


def test_eigenvalues_of_a_scaled_orthogonal_matrix_lie_on_radius_s():
    q, _ = np.linalg.qr(np.random.default_rng(0).normal(size=(6, 6)))
    fig = eigenvalues(1.3 * q)
    _is_figure(fig)
    points = [t for t in fig.data if t.mode == "markers"]
    radii = np.hypot(np.concatenate([t.x for t in points]), np.concatenate([t.y for t in points]))
    assert len(radii) == 6 and np.allclose(radii, 1.3)
    assert "ρ = 1.3" in fig.layout.title.text
    assert fig.layout.yaxis.scaleanchor == "x"
    circle = fig.data[0]
    assert np.allclose(np.hypot(circle.x, circle.y), 1)


def test_activation_functions_and_their_derivatives():
    fig = activation_functions()
    _is_figure(fig)
    derivative = {t.name: t for t in fig.data if t.xaxis == "x2"}
    assert set(derivative) == {"sigmoid σ", "tanh", "ReLU", "leaky ReLU (0.1)"}
    assert max(derivative["sigmoid σ"].y) == pytest.approx(0.25)
    assert max(derivative["tanh"].y) == pytest.approx(1.0)
    assert min(derivative["leaky ReLU (0.1)"].y) == pytest.approx(0.1)
    texts = {a.text for a in fig.layout.annotations}
    assert {"max σ' = 0.25", "max tanh' = 1"} <= texts


def test_text_heat_html_escapes_and_keeps_every_character():
    text = 'if a<b:\n  print("<script>") 🙂'
    values = np.linspace(-1, 1, len(text))
    out = text_heat_html(text, values)
    assert "<script>" not in out and "&lt;" in out and "&gt;" in out
    assert "<" not in re.sub(r"</?(span|div)[^>]*>", "", out)  # every other "<" is escaped
    spans = re.findall(r'<span style="([^"]*)" title="([^"]*)">(.*?)</span>', out, flags=re.S)
    assert "".join(html.unescape(s[2]) for s in spans) == text
    assert [float(s[1]) for s in spans] == pytest.approx(values, abs=1e-3)
    assert "pre-wrap" in out and "\n" in out
    assert spans[0][0] != spans[-1][0]  # the two ends get different colours
    assert text_heat_html(["a", "b"], np.array([0.0, np.nan])).count("background") == 1
    with pytest.raises(ValueError):
        text_heat_html("abc", np.zeros(2))


def test_builders_are_deterministic(traces):
    build = lambda: gate_heatmaps(traces["lstm"]).to_json() + grad_flow({"LSTM": traces["lstm"].grad_norms()}).to_json()  # noqa: E731
    assert build() == build()


def test_token_labels_make_invisible_characters_visible_and_escape_html():
    from rnnviz.figures.style import token_label

    assert [token_label(c) for c in (" ", "\n", "\u200b", "<EOS>")] == ["␣", "↵", "\\u200b", "&lt;EOS&gt;"]
