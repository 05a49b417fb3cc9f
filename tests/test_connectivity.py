"""Connectivity (‖∂h_t/∂x_k‖ for every pair of steps) and the itemised gradient of W_hh, against autograd and analytic results."""

import sys

import numpy as np
import pytest
import torch
from torch import nn

from rnnviz import record

CELLS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


def _brute_force(module, x, readout=None):
    """Batch mean of ‖∂y_t/∂x_k‖_F from the full autograd Jacobian of a float64 copy (y = output or readout(output))."""
    twin = CELLS[type(module).__name__.lower()](module.input_size, module.hidden_size, num_layers=module.num_layers,
                                               bidirectional=module.bidirectional, batch_first=True).double()
    twin.load_state_dict(module.state_dict())
    batch, steps, _ = x.shape

    def outputs(inputs):
        out = twin(inputs)[0]
        return out if readout is None else readout(out)

    jac = torch.autograd.functional.jacobian(outputs, x.double())  # (B, T, out, B, T, in)
    per_example = torch.stack([jac[b, :, :, b] for b in range(batch)])  # (B, T, out, T, in)
    return torch.linalg.matrix_norm(per_example.permute(0, 1, 3, 2, 4)).mean(0).numpy()


@pytest.mark.parametrize("rescaled", [False, True])
@pytest.mark.parametrize("cell,bidirectional", [("lstm", False), ("lstm", True), ("gru", False), ("rnn", True)])
def test_connectivity_equals_brute_force_autograd_through_two_layers(cell, bidirectional, rescaled, monkeypatch):
    """Also when every block of tangents is rescaled by a power of two at every step (DRIFT 0), which
    a longer or more saturated sequence needs: the powers must follow the tangents between layers."""
    if rescaled:
        monkeypatch.setattr(sys.modules["rnnviz.record"], "DRIFT", 0)
    torch.manual_seed(1)
    module = CELLS[cell](3, 4, num_layers=2, bidirectional=bidirectional, batch_first=True)
    x = torch.randn(3, 9, 3)
    got = record(module, x, probe=()).connectivity()
    want = _brute_force(module, x)
    assert got.shape == (9, 9)
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-14)
    if not bidirectional:
        assert np.all(got[np.triu_indices(9, 1)] == 0)  # the future never reaches the past
        assert np.all(np.diag(got) > 0)


def test_connectivity_through_a_readout_and_in_chunks(monkeypatch):
    """‖∂ŷ_t/∂x_k‖ through a nonlinear readout, also when memory allows only one input step per pass and
    no folded step Jacobians kept between passes."""
    torch.manual_seed(2)
    module = nn.LSTM(5, 6, num_layers=2, batch_first=True).double()
    head = nn.Linear(6, 4).double()
    readout = lambda out: torch.softmax(head(out), dim=-1)  # noqa: E731
    x = torch.randn(2, 8, 5, dtype=torch.float64)
    trace = record(module, x, probe=())
    want = _brute_force(module, x, readout)
    np.testing.assert_allclose(trace.connectivity(readout=readout), want, rtol=1e-6, atol=1e-14)
    np.testing.assert_allclose(trace._replayed().connectivity(trace._readout_jacobian(readout), budget_bytes=1),
                               want, rtol=1e-6, atol=1e-14)
    monkeypatch.setattr(sys.modules["rnnviz.record"], "FOLD_BUDGET", 0)  # the module, not the function it exports
    one = trace._replayed().connectivity(trace._readout_jacobian(readout), budget_bytes=1)
    np.testing.assert_allclose(one, want, rtol=1e-6, atol=1e-14)
    shared = trace._replayed().connectivity(trace._readout_jacobian(readout), budget_bytes=1, threads=3)
    np.testing.assert_array_equal(shared, one)  # the chunks are independent: threads change nothing


@pytest.mark.parametrize("scale", [0.8, 1.05])
def test_linear_relu_rnn_with_scaled_identity_decays_as_s_to_the_distance(scale):
    """W_hh = s·I and every pre-activation positive, so h_t = W_ih x_t + b + s h_{t-1} exactly and
    ∂h_t/∂x_k = s^(t-k) W_ih: connectivity[t, k] = s^(t-k)·‖W_ih‖_F below the diagonal, 0 above."""
    torch.manual_seed(3)
    steps = 30
    module = nn.RNN(4, 8, nonlinearity="relu", batch_first=True).double()
    with torch.no_grad():
        module.weight_hh_l0.copy_(scale * torch.eye(8, dtype=torch.float64))
        module.bias_ih_l0.fill_(10.0), module.bias_hh_l0.zero_()
    x = 0.1 * torch.randn(2, steps, 4, dtype=torch.float64)
    trace = record(module, x, probe=("gates",))
    assert trace.get("pre").min() > 0  # the linear regime holds at every step
    distance = np.arange(steps)[:, None] - np.arange(steps)[None, :]
    want = np.where(distance >= 0, scale ** np.maximum(distance, 0), 0.0) * module.weight_ih_l0.norm().item()
    np.testing.assert_allclose(trace.connectivity(), want, rtol=1e-10, atol=0)


def test_float32_connectivity_keeps_what_fades_below_float32s_range():
    """The s^(t-k) law at s = 0.5 over 200 steps reaches 2^-199 ≈ 1e-60, far below float32's smallest
    number (1e-45): the tangents' powers of two keep every entry, within float32's precision."""
    torch.manual_seed(3)
    steps, scale = 200, 0.5
    module = nn.RNN(4, 8, nonlinearity="relu", batch_first=True)
    with torch.no_grad():
        module.weight_hh_l0.copy_(scale * torch.eye(8))
        module.bias_ih_l0.fill_(10.0), module.bias_hh_l0.zero_()
    x = 0.1 * torch.randn(2, steps, 4)
    trace = record(module, x, probe=("gates",), dtype=torch.float32)
    assert trace.get("pre").min() > 0
    distance = np.arange(steps)[:, None] - np.arange(steps)[None, :]
    want = np.where(distance >= 0, scale ** np.maximum(distance, 0), 0.0) * module.weight_ih_l0.norm().item()
    got = trace.connectivity()
    assert got[-1, 0] > 0
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=0)


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_itemised_gradient_sums_to_autograd_dL_dWhh(cell):
    torch.manual_seed(4)
    module = CELLS[cell](3, 5, num_layers=2, bidirectional=True, batch_first=True).double()
    x = torch.randn(4, 7, 3, dtype=torch.float64)
    loss_fn = lambda out: out[:, -2:].pow(2).sum() + out[:, :, 1].sum()  # noqa: E731
    trace = record(module, x, loss_fn=loss_fn, probe=("grads",))
    grads = torch.autograd.grad(loss_fn(module(x)[0]), [p for n, p in module.named_parameters() if "weight_hh" in n])
    for (layer, direction), want in zip([(0, 0), (0, 1), (1, 0), (1, 1)], grads):
        parts = trace.itemised_grad(layer, direction)
        assert parts.shape == (7, *want.shape)
        np.testing.assert_allclose(parts.sum(axis=0), want.numpy(), rtol=1e-6, atol=1e-12)
        np.testing.assert_allclose(trace.itemised_grad_norms(layer, direction),
                                   np.linalg.norm(parts, axis=(1, 2)), rtol=1e-6, atol=1e-12)


def test_itemised_gradient_needs_a_loss():
    trace = record(nn.GRU(2, 3, batch_first=True), torch.randn(1, 4, 2))
    with pytest.raises(RuntimeError, match="loss_fn"):
        trace.itemised_grad()


def test_connectivity_through_a_readout_of_both_directions():
    torch.manual_seed(5)
    module = nn.GRU(3, 4, bidirectional=True, batch_first=True).double()
    head = nn.Linear(8, 3).double()
    x = torch.randn(2, 6, 3, dtype=torch.float64)
    np.testing.assert_allclose(record(module, x, probe=()).connectivity(readout=head), _brute_force(module, x, head),
                               rtol=1e-6, atol=1e-14)
