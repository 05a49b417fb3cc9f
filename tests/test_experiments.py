"""The headline claim of the gradient-flow page, measured on its default settings."""

import pytest

from rnnviz.experiments import cell_comparison
from rnnviz.train import train


def _run(config):
    run = train(config.replace(snapshot_steps=10**6))
    events = list(run)
    return events[0].trace, events[-1].trace  # at initialisation, after training


def _ratio(profile):
    return profile[0] / profile[-1]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 3])
def test_vanilla_gradient_vanishes_and_the_lstm_highway_carries_it(seed):
    """Page 3's defaults (distance 100, hidden 32, Adam 3e-3, 400 steps, gates start out remembering):
    the vanilla RNN's ‖∂L/∂h_0‖ is ≤ 1e-6 ‖∂L/∂h_T‖ before and after training; the LSTM's ‖∂L/∂h_0‖ is
    ≥ 0.1 ‖∂L/∂h_T‖ at initialisation, and after training its memory (and gradient) lives in c."""
    configs = cell_comparison(seed=seed, cells=("rnn", "lstm"))
    assert configs["LSTM"].gate_bias == 4.0 and configs["LSTM"].steps == 400
    vanilla_start, vanilla_end = _run(configs["vanilla RNN"])
    lstm_start, lstm_end = _run(configs["LSTM"])
    assert _ratio(vanilla_start.grad_norms()) <= 1e-6
    assert _ratio(vanilla_end.grad_norms()) <= 1e-6
    assert _ratio(lstm_start.grad_norms()) >= 0.1
    assert _ratio(lstm_end.grad_norms(quantity="c")) >= 0.1


def test_the_remember_switch_sets_only_the_gated_cells_bias():
    on, off = cell_comparison(remember=True), cell_comparison(remember=False)
    assert [c.gate_bias for c in on.values()] == [None, 4.0, 4.0]
    assert all(c.gate_bias is None for c in off.values())
    assert {c.task_params["distance"] for c in on.values()} == {100}
    assert cell_comparison(task="adding", distance=50)["GRU"].task_params == {"length": 50}
