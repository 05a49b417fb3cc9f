"""The recorder: states, gates and total gradients of every step, checked against independent math."""

import numpy as np
import pytest
import torch
from torch import nn

from rnnviz import InstrumentedRNN, record

CELLS = {"rnn": (nn.RNN, nn.RNNCell), "lstm": (nn.LSTM, nn.LSTMCell), "gru": (nn.GRU, nn.GRUCell)}


def _loss(out):
    return (out[:, -3:] * torch.linspace(-1, 1, out.shape[-1], dtype=out.dtype)).sum() + out.pow(2).mean()


def _reference_grads(module, x, cell):
    """dL/dh_t and dL/dc_t by an independent route: torch's own *Cell classes, with a zero
    perturbation added to every state so that its gradient is the total gradient of that state.
    LSTMCell returns h_t = o_t·tanh(c_t) already computed, so the perturbation of c_t reaches only the
    next step; the path into h_t is added by the chain rule with o_t = h_t / tanh(c_t)."""
    step = CELLS[cell][1](module.input_size, module.hidden_size).double()
    step.load_state_dict({k[:-3]: v for k, v in module.state_dict().items()})
    batch, steps, _ = x.shape
    h = torch.zeros(batch, module.hidden_size, dtype=torch.float64)
    c = torch.zeros_like(h)
    dh = [torch.zeros_like(h, requires_grad=True) for _ in range(steps)]
    dc = [torch.zeros_like(h, requires_grad=True) for _ in range(steps)]
    outs, cells = [], []
    for t in range(steps):
        if cell == "lstm":
            h, c = step(x[:, t], (h, c))
            cells.append((h.detach(), c.detach()))
            c = c + dc[t]
        else:
            h = step(x[:, t], h)
        h = h + dh[t]
        outs.append(h)
    loss = _loss(torch.stack(outs, 1).float())
    gh = torch.autograd.grad(loss, dh + dc, allow_unused=True, materialize_grads=True)
    grad_h, grad_c = gh[:steps], list(gh[steps:])
    for t, (h_t, c_t) in enumerate(cells):
        tanh_c = torch.tanh(c_t)
        grad_c[t] = grad_c[t] + grad_h[t] * (h_t / tanh_c) * (1 - tanh_c ** 2)
    norms = lambda gs: torch.stack(gs, 1).norm(dim=-1).mean(0).numpy()  # noqa: E731
    return norms(grad_h), norms(grad_c)


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_grad_norms_equal_an_independent_autograd_computation(cell):
    torch.manual_seed(3)
    module = CELLS[cell][0](4, 6, batch_first=True)
    x = torch.randn(5, 12, 4)
    trace = record(module, x, loss_fn=_loss)
    ref_h, ref_c = _reference_grads(module, x.double(), cell)
    np.testing.assert_allclose(trace.grad_norms(), ref_h, rtol=1e-6)
    if cell == "lstm":
        np.testing.assert_allclose(trace.grad_norms(quantity="c"), ref_c, rtol=1e-6)
    # dL/dx_t: against plain autograd on the fused module
    xg = x.clone().requires_grad_(True)
    (gx,) = torch.autograd.grad(_loss(module(xg)[0]), xg)
    np.testing.assert_allclose(trace.grad_norms(quantity="x"), gx.norm(dim=-1).mean(0).numpy(), rtol=1e-4)


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_states_match_the_fused_module_and_gates_lie_in_range(cell):
    torch.manual_seed(4)
    module = CELLS[cell][0](3, 5, num_layers=2, bidirectional=True, batch_first=True)
    x = torch.randn(4, 9, 3) * 3
    trace = record(module, x)
    out, _ = module(x)
    for direction in (0, 1):
        h = trace.get("h", layer=1, direction=direction)
        np.testing.assert_allclose(h, out[..., direction * 5:(direction + 1) * 5].detach().numpy(), atol=1e-6)
    for layer in (0, 1):
        for gate in trace.gate_names:
            values = trace.get(gate, layer, 1)
            low, high = (-1, 1) if gate in ("g", "n") else (0, 1)
            assert values.min() > low and values.max() < high, gate


@pytest.mark.parametrize("scale", [0.9, 1.1])
def test_linear_regime_profile_scales_by_s_per_step(scale):
    """W_hh = s·Q (orthogonal), tiny signals so tanh ≈ identity: dL/dh_t = (sQ)^(T-t)ᵀ dL/dh_T,
    whose norm changes by exactly a factor s per step."""
    torch.manual_seed(5)
    hidden, steps = 16, 40
    module = nn.RNN(2, hidden, batch_first=True).double()
    q, _ = torch.linalg.qr(torch.randn(hidden, hidden, dtype=torch.float64))
    with torch.no_grad():
        module.weight_hh_l0.copy_(scale * q)
        module.bias_ih_l0.zero_(), module.bias_hh_l0.zero_()
        module.weight_ih_l0.mul_(1e-4)
    x = torch.randn(3, steps, 2, dtype=torch.float64)
    trace = record(module, x, loss_fn=lambda out: out[:, -1].sum())
    ratios = trace.grad_norms()[1:] / trace.grad_norms()[:-1]
    np.testing.assert_allclose(ratios, 1 / scale, rtol=1e-4)
    jac = trace.jacobian_norms()
    np.testing.assert_allclose(jac, scale ** (steps - 1 - np.arange(steps)), rtol=1e-4)


def test_vanished_gradient_is_tiny_not_zero():
    """At distance 100 a vanilla RNN's gradient underflows float32 to exactly 0; the float64 replay keeps it."""
    torch.manual_seed(0)
    module = nn.RNN(4, 32, batch_first=True)
    with torch.no_grad():
        module.weight_hh_l0.mul_(0.3)
    x = torch.randn(4, 101, 4)
    f32 = record(module, x, loss_fn=lambda out: out[:, -1].sum(), dtype=None).grad_norms()
    f64 = record(module, x, loss_fn=lambda out: out[:, -1].sum()).grad_norms()
    assert f32[0] == 0.0
    assert 0.0 < f64[0] < 1e-30


def test_record_leaves_the_module_and_its_grads_alone():
    torch.manual_seed(6)
    module = nn.LSTM(3, 4, batch_first=False)
    head = nn.Linear(4, 1)
    x = torch.randn(7, 2, 3)  # (T, B, I): seq-first module
    before = {k: v.clone() for k, v in module.state_dict().items()}
    trace = record(module, x, loss_fn=lambda out: head(out[-1]).sum())
    assert trace.get("h").shape == (2, 7, 4)
    np.testing.assert_allclose(trace.get("h")[:, -1], module(x)[0][-1].detach().numpy(), atol=1e-6)
    assert all(p.grad is None for p in head.parameters()) and all(p.grad is None for p in module.parameters())
    assert all(torch.equal(before[k], v) for k, v in module.state_dict().items())
    assert module.weight_hh_l0.dtype == torch.float32


def test_to_frame_is_tidy_and_instrumented_modules_record_too():
    torch.manual_seed(7)
    module = InstrumentedRNN("gru", 2, 3, num_layers=2)
    trace = record(module, torch.randn(2, 5, 2), loss_fn=lambda out: out.sum())
    frame = trace.to_frame()
    assert list(frame.columns) == ["layer", "direction", "t", "unit", "quantity", "value"]
    assert set(frame.quantity) == {"h", "r", "z", "n", "grad_h", "grad_x"}
    one = frame[(frame.layer == 1) & (frame.quantity == "z") & (frame.t == 4) & (frame.unit == 2)].value.item()
    assert one == pytest.approx(trace.get("z", 1)[:, 4, 2].mean())
    assert not module._step_hooks  # the recorder removed its hook
    with pytest.raises(ValueError, match="probe"):
        record(module, torch.randn(2, 5, 2), probe=["weights"])


def test_a_compact_trace_keeps_exactly_the_gradient_norms():
    torch.manual_seed(8)
    trace = record(nn.LSTM(3, 6, num_layers=2, batch_first=True), torch.randn(4, 7, 3), loss_fn=lambda o: o.sum())
    small = trace.compact()
    for quantity in ("h", "c", "x"):
        np.testing.assert_allclose(small.grad_norms(0, 0, quantity), trace.grad_norms(0, 0, quantity), rtol=1e-12)
    assert small.get("grad_h").shape == (4, 7, 1)
    with pytest.raises(KeyError):
        small.get("f")
    with pytest.raises(ValueError, match="layer"):
        trace.get("h", layer=2)


def _autograd_step_grads(module, x, loss_fn, hx):
    """Every total gradient the recorder reports, by plain autograd through the instrumented cells in
    float64: the step hook keeps each h_t, c_t and layer input x_t, and one autograd.grad call asks for all."""
    twin = InstrumentedRNN.from_torch(module).double()
    kept = []
    twin.register_step_hook(lambda layer, direction, t, tensors: kept.append(
        ((layer, direction, t), {k: tensors[k] for k in ("h", "c", "x") if k in tensors})))
    xs = x.double().requires_grad_(True)
    hxs = None if hx is None else tuple(s.double() for s in hx) if isinstance(hx, tuple) else hx.double()
    out, _ = twin(xs, hxs)
    names = [(key, name) for key, found in kept for name in found]
    tensors = [found[name] for _, found in kept for name in found]
    grads = torch.autograd.grad(loss_fn(out.float()), tensors, allow_unused=True, materialize_grads=True)
    return {(key, name): g for (key, name), g in zip(names, grads)}


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("batch_first,with_state", [(True, False), (False, True)])
def test_every_step_gradient_equals_autograd_in_deep_bidirectional_layers(cell, batch_first, with_state):
    """The replay's hand-written BPTT against autograd, quantity by quantity, step by step (≤ 1e-6)."""
    torch.manual_seed(11)
    module = CELLS[cell][0](3, 5, num_layers=2, bidirectional=True, batch_first=batch_first)
    x = torch.randn(4, 7, 3) if batch_first else torch.randn(7, 4, 3)
    hx = None
    if with_state:
        h0 = torch.randn(4, 4, 5)
        hx = (h0, torch.randn(4, 4, 5)) if cell == "lstm" else h0
    head = nn.Linear(10, 2)
    loss_fn = lambda out: head(out).tanh().sum() + out[..., 3].pow(2).sum()  # noqa: E731
    trace = record(module, x, loss_fn=loss_fn, hx=hx)
    for ((layer, direction, t), name), want in _autograd_step_grads(module, x, loss_fn, hx).items():
        if name == "x" and direction == 1:
            continue  # both directions read the same x_t; grad_x is its total gradient
        got = trace.get(f"grad_{name}", layer, 0 if name == "x" else direction)[:, t]
        np.testing.assert_allclose(got, want.numpy(), rtol=1e-6, atol=1e-12, err_msg=f"{name} {layer} {direction} {t}")
