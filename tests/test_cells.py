"""InstrumentedRNN must compute exactly what torch.nn.RNN / LSTM / GRU compute."""

import itertools
import zlib

import pytest
import torch
from torch import nn

from rnnviz.cells import InstrumentedRNN, TORCH_CLASSES

CASES = list(itertools.product(["rnn", "lstm", "gru"], [1, 2, 3], [False, True], [False, True]))


def _pair(cell, layers, bidirectional, dtype, batch_first=True, nonlinearity="tanh"):
    kwargs = dict(num_layers=layers, bidirectional=bidirectional, batch_first=batch_first)
    if cell == "rnn":
        kwargs["nonlinearity"] = nonlinearity
    ref = TORCH_CLASSES[cell](5, 7, **kwargs).to(dtype)
    return ref, InstrumentedRNN.from_torch(ref)


def _state(cell, layers, bidirectional, batch, dtype, gen):
    shape = (layers * (2 if bidirectional else 1), batch, 7)
    h = torch.randn(shape, dtype=dtype, generator=gen)
    return (h, torch.randn(shape, dtype=dtype, generator=gen)) if cell == "lstm" else h


@pytest.mark.parametrize("dtype,tol", [(torch.float32, 1e-5), (torch.float64, 1e-10)])
@pytest.mark.parametrize("cell,layers,bidirectional,with_state", CASES)
def test_outputs_states_and_gradients_match_torch(cell, layers, bidirectional, with_state, dtype, tol):
    gen = torch.Generator().manual_seed(zlib.crc32(repr((cell, layers, bidirectional, with_state)).encode()))
    torch.manual_seed(gen.initial_seed())
    ref, twin = _pair(cell, layers, bidirectional, dtype)
    x = torch.randn(3, 6, 5, dtype=dtype, generator=gen)
    hx = _state(cell, layers, bidirectional, 3, dtype, gen) if with_state else None
    out_ref, state_ref = ref(x, hx)
    out_twin, state_twin = twin(x, hx)
    torch.testing.assert_close(out_twin, out_ref, atol=tol, rtol=0)
    for a, b in zip(torch.utils._pytree.tree_leaves(state_twin), torch.utils._pytree.tree_leaves(state_ref)):
        torch.testing.assert_close(a, b, atol=tol, rtol=0)
    # one scalar that depends on every output and final state
    def scalar(out, state):
        return (out * torch.linspace(-1, 1, out.shape[-1], dtype=dtype)).sum() + sum(
            s.pow(2).sum() for s in torch.utils._pytree.tree_leaves(state))
    g_ref = torch.autograd.grad(scalar(out_ref, state_ref), list(ref.parameters()))
    g_twin = torch.autograd.grad(scalar(out_twin, state_twin), list(twin.parameters()))
    assert [n for n, _ in ref.named_parameters()] == [n for n, _ in twin.named_parameters()]
    for a, b in zip(g_twin, g_ref):
        torch.testing.assert_close(a, b, atol=tol * 10, rtol=tol)


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_state_dict_round_trip_and_seq_first(cell):
    torch.manual_seed(0)
    twin = InstrumentedRNN(cell, 4, 6, num_layers=2, bidirectional=True, batch_first=False)
    fused = twin.to_torch()
    assert isinstance(fused, TORCH_CLASSES[cell]) and not fused.batch_first
    x = torch.randn(9, 2, 4)  # (T, B, I)
    torch.testing.assert_close(twin(x)[0], fused(x)[0], atol=1e-5, rtol=0)
    fresh = InstrumentedRNN(cell, 4, 6, num_layers=2, bidirectional=True, batch_first=False)
    fresh.load_state_dict(fused.state_dict())
    torch.testing.assert_close(fresh(x)[0], fused(x)[0], atol=1e-5, rtol=0)


def test_relu_rnn_and_unbatched_input():
    torch.manual_seed(1)
    ref, twin = _pair("rnn", 2, False, torch.float64, nonlinearity="relu")
    x = torch.randn(6, 5, dtype=torch.float64)
    torch.testing.assert_close(twin(x)[0], ref(x)[0], atol=1e-10, rtol=0)


def test_bad_arguments_raise_clear_errors():
    with pytest.raises(ValueError, match="cell"):
        InstrumentedRNN("transformer", 3, 4)
    with pytest.raises(ValueError, match="hidden_size"):
        InstrumentedRNN("lstm", 3, 0)
    with pytest.raises(TypeError):
        InstrumentedRNN.from_torch(nn.Linear(3, 4))
