"""Instrumented RNN, LSTM and GRU layers with the gate math written out, one timestep at a time.

`InstrumentedRNN` has exactly the parameters of `torch.nn.RNN / LSTM / GRU` (same names, shapes,
gate order and initialisation), so state dicts load both ways, and it returns what the torch
module returns. It is slower than the fused torch kernels and exists to be looked at: every step
can be observed through `register_step_hook`, which costs nothing while no hook is registered.

Gate order of the stacked weight rows, as in PyTorch:
    LSTM: i (input), f (forget), g (cell candidate), o (output)
    GRU:  r (reset), z (update: the share of the *old* state kept), n (candidate)
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import Callable

import torch
import torch.nn.functional as F
from torch import Tensor, nn
from torch.utils.hooks import RemovableHandle

CELLS = ("rnn", "lstm", "gru")
GATES = {"rnn": (), "lstm": ("i", "f", "g", "o"), "gru": ("r", "z", "n")}
GATE_ROWS = {"rnn": 1, "lstm": 4, "gru": 3}
TORCH_CLASSES = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}

StepHook = Callable[[int, int, int, dict], None]


def rnn_step(x, h, w_ih, w_hh, b_ih, b_hh, nonlinearity="tanh"):
    """h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh).  Returns (h_t, {"pre": pre-activation})."""
    pre = F.linear(x, w_ih, b_ih) + F.linear(h, w_hh, b_hh)
    h_new = torch.tanh(pre) if nonlinearity == "tanh" else torch.relu(pre)
    return h_new, {"pre": pre}


def lstm_step(x, h, c, w_ih, w_hh, b_ih, b_hh):
    """One LSTM step.  Returns (h_t, c_t, gates) with every gate after its nonlinearity."""
    i, f, g, o = (F.linear(x, w_ih, b_ih) + F.linear(h, w_hh, b_hh)).chunk(4, dim=-1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c_new = f * c + i * g          # the cell state: a sum, not a product with W_hh
    h_new = o * torch.tanh(c_new)
    return h_new, c_new, {"i": i, "f": f, "g": g, "o": o}


def gru_step(x, h, w_ih, w_hh, b_ih, b_hh):
    """One GRU step in PyTorch's convention: z is the share of the old state that is kept."""
    x_r, x_z, x_n = F.linear(x, w_ih, b_ih).chunk(3, dim=-1)
    h_r, h_z, h_n = F.linear(h, w_hh, b_hh).chunk(3, dim=-1)
    r = torch.sigmoid(x_r + h_r)
    z = torch.sigmoid(x_z + h_z)
    n = torch.tanh(x_n + r * h_n)  # the reset gate acts after the matrix product
    h_new = (1 - z) * n + z * h
    return h_new, {"r": r, "z": z, "n": n}


def param_names(layer: int, direction: int, bias: bool = True) -> list[str]:
    """PyTorch's parameter names for one layer and direction, in registration order."""
    suffix = "_reverse" if direction == 1 else ""
    names = [f"weight_ih_l{layer}{suffix}", f"weight_hh_l{layer}{suffix}"]
    if bias:
        names += [f"bias_ih_l{layer}{suffix}", f"bias_hh_l{layer}{suffix}"]
    return names


class InstrumentedRNN(nn.Module):
    """A drop-in, step-by-step twin of torch.nn.RNN / LSTM / GRU (see the module docstring)."""

    def __init__(self, cell: str, input_size: int, hidden_size: int, num_layers: int = 1,
                 bidirectional: bool = False, nonlinearity: str = "tanh", bias: bool = True,
                 batch_first: bool = True, dropout: float = 0.0):
        super().__init__()
        if cell not in CELLS:
            raise ValueError(f"cell must be one of {CELLS}, got {cell!r}")
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"nonlinearity must be 'tanh' or 'relu', got {nonlinearity!r}")
        if cell != "rnn" and nonlinearity != "tanh":
            raise ValueError("nonlinearity only applies to cell='rnn'")
        for name, value in (("input_size", input_size), ("hidden_size", hidden_size), ("num_layers", num_layers)):
            if int(value) < 1:
                raise ValueError(f"{name} must be at least 1, got {value}")
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout must lie in [0, 1), got {dropout}")
        self.cell, self.input_size, self.hidden_size = cell, int(input_size), int(hidden_size)
        self.num_layers, self.bidirectional = int(num_layers), bool(bidirectional)
        self.nonlinearity, self.bias, self.batch_first, self.dropout = nonlinearity, bool(bias), bool(batch_first), float(dropout)
        self.num_directions = 2 if bidirectional else 1
        rows = GATE_ROWS[cell] * hidden_size
        for layer in range(num_layers):
            layer_in = input_size if layer == 0 else hidden_size * self.num_directions
            for direction in range(self.num_directions):
                shapes = [(rows, layer_in), (rows, hidden_size), (rows,), (rows,)]
                for name, shape in zip(param_names(layer, direction, bias), shapes):
                    self.register_parameter(name, nn.Parameter(torch.empty(shape)))
        self._step_hooks: OrderedDict[int, StepHook] = OrderedDict()
        self.reset_parameters()

    def reset_parameters(self, generator: torch.Generator | None = None) -> None:
        """PyTorch's default: every weight and bias uniform in ±1/sqrt(hidden_size), drawn from
        `generator` when given (reproducible whatever else uses torch's global RNG)."""
        bound = 1.0 / math.sqrt(self.hidden_size)
        for p in self.parameters():
            nn.init.uniform_(p, -bound, bound, generator=generator)

    def extra_repr(self) -> str:
        return (f"{self.cell}, {self.input_size}, {self.hidden_size}, num_layers={self.num_layers}, "
                f"bidirectional={self.bidirectional}, batch_first={self.batch_first}")

    # -- conversion -----------------------------------------------------------------------------
    @classmethod
    def from_torch(cls, module: nn.RNNBase) -> "InstrumentedRNN":
        """An instrumented copy of a torch.nn.RNN / LSTM / GRU, same weights, device and dtype."""
        for cell, klass in TORCH_CLASSES.items():
            if type(module) is klass:
                break
        else:
            raise TypeError(f"expected torch.nn.RNN, LSTM or GRU, got {type(module).__name__}")
        if getattr(module, "proj_size", 0):
            raise ValueError("LSTM with proj_size > 0 is not supported")
        twin = cls(cell, module.input_size, module.hidden_size, module.num_layers, module.bidirectional,
                   nonlinearity=getattr(module, "nonlinearity", "tanh"), bias=module.bias,
                   batch_first=module.batch_first, dropout=module.dropout)
        ref = next(module.parameters())
        twin.to(device=ref.device, dtype=ref.dtype).load_state_dict(module.state_dict())
        twin.train(module.training)
        return twin

    def to_torch(self) -> nn.RNNBase:
        """The fused torch.nn module with the same weights (for fast training)."""
        kwargs = dict(num_layers=self.num_layers, bias=self.bias, batch_first=self.batch_first,
                      dropout=self.dropout, bidirectional=self.bidirectional)
        if self.cell == "rnn":
            kwargs["nonlinearity"] = self.nonlinearity
        fused = TORCH_CLASSES[self.cell](self.input_size, self.hidden_size, **kwargs)
        ref = next(self.parameters())
        fused.to(device=ref.device, dtype=ref.dtype).load_state_dict(self.state_dict())
        return fused.train(self.training)

    # -- observation ----------------------------------------------------------------------------
    def register_step_hook(self, hook: StepHook) -> RemovableHandle:
        """Call `hook(layer, direction, t, tensors)` after every step; `tensors` holds the step's
        input "x", the new state "h" (and "c" for the LSTM) and every gate by name.  The tensors are
        live parts of the graph, so a hook may call `retain_grad()` or keep them for autograd.grad."""
        handle = RemovableHandle(self._step_hooks)
        self._step_hooks[handle.id] = hook
        return handle

    def layer_weights(self, layer: int, direction: int) -> list[Tensor | None]:
        """[W_ih, W_hh, b_ih, b_hh] of one layer and direction (biases None when bias=False)."""
        ws = [getattr(self, n) for n in param_names(layer, direction, self.bias)]
        return ws if self.bias else ws + [None, None]

    # -- forward --------------------------------------------------------------------------------
    def _initial_state(self, hx, batch: int, like: Tensor):
        shape = (self.num_layers * self.num_directions, batch, self.hidden_size)
        zeros = lambda: like.new_zeros(shape)  # noqa: E731
        if self.cell == "lstm":
            return hx if hx is not None else (zeros(), zeros())
        return (hx if hx is not None else zeros()), None

    def forward(self, input: Tensor, hx=None):
        unbatched = input.dim() == 2
        if unbatched:
            input = input.unsqueeze(0 if self.batch_first else 1)
            if hx is not None:
                hx = tuple(s.unsqueeze(1) for s in hx) if self.cell == "lstm" else hx.unsqueeze(1)
        x = input if self.batch_first else input.transpose(0, 1)
        batch, steps, _ = x.shape
        h0, c0 = self._initial_state(hx, batch, x)
        hooks = list(self._step_hooks.values())
        layer_input, h_n, c_n = x, [], []
        for layer in range(self.num_layers):
            if layer > 0 and self.dropout and self.training:
                layer_input = F.dropout(layer_input, self.dropout, training=True)
            xs = layer_input.unbind(1)  # shared by both directions, so hooks see one x_t tensor
            outputs = []
            for direction in range(self.num_directions):
                k = layer * self.num_directions + direction
                w = self.layer_weights(layer, direction)
                h, c = h0[k], (c0[k] if c0 is not None else None)
                out: list[Tensor] = [None] * steps  # type: ignore[list-item]
                for t in (range(steps) if direction == 0 else reversed(range(steps))):
                    if self.cell == "lstm":
                        h, c, gates = lstm_step(xs[t], h, c, *w)
                    elif self.cell == "gru":
                        h, gates = gru_step(xs[t], h, *w)
                    else:
                        h, gates = rnn_step(xs[t], h, *w, nonlinearity=self.nonlinearity)
                    if hooks:
                        tensors = {"x": xs[t], "h": h, **gates}
                        if c is not None:
                            tensors["c"] = c
                        for hook in hooks:
                            hook(layer, direction, t, tensors)
                    out[t] = h
                outputs.append(torch.stack(out, dim=1))
                h_n.append(h)
                if c is not None:
                    c_n.append(c)
            layer_input = torch.cat(outputs, dim=-1) if len(outputs) > 1 else outputs[0]
        output = layer_input if self.batch_first else layer_input.transpose(0, 1)
        state: Tensor | tuple = torch.stack(h_n)
        if self.cell == "lstm":
            state = (state, torch.stack(c_n))
        if unbatched:
            output = output.squeeze(0 if self.batch_first else 1)
            state = tuple(s.squeeze(1) for s in state) if self.cell == "lstm" else state.squeeze(1)
        return output, state
