"""Record what happens inside a recurrent layer: `record()` replays a batch and returns a `Trace`.

The replay runs through an instrumented copy of the module (see `cells.py`) in float64 by default,
so a gradient that has vanished below float32's range still shows as a tiny number instead of 0.
Nothing here touches the module being trained: it keeps running on the fused torch.nn path.

A Trace holds, per (layer, direction) and for every timestep t (indexed by the input position, also
for the reverse direction), arrays of shape (batch, T, hidden):
    h, c (LSTM)                      states after reading x_t
    pre (RNN), i f g o (LSTM), r z n (GRU)   gates after their nonlinearity
    grad_h, grad_c (LSTM)            total dL/dh_t, dL/dc_t through the recurrence
and per layer, at direction 0, grad_x (batch, T, layer input size): dL/dx_t of that layer's input.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np
import pandas as pd
import torch
from torch import Tensor, nn

from .cells import GATES, InstrumentedRNN

PROBES = ("states", "gates", "grads")
LossFn = Callable[[Tensor], Tensor]


@dataclass
class Trace:
    """Everything one replay saw.  Arrays are NumPy, batch first."""

    cell: str
    num_layers: int
    num_directions: int
    hidden_size: int
    inputs: np.ndarray                       # (B, T, input_size)
    output: np.ndarray                       # (B, T, directions * hidden)
    steps: dict[tuple[int, int], dict[str, np.ndarray]]
    loss: float | None = None
    _replica: InstrumentedRNN | None = field(default=None, repr=False)
    _x: Tensor | None = field(default=None, repr=False)
    _hx: object = field(default=None, repr=False)
    _jacobians: dict = field(default_factory=dict, repr=False)

    @property
    def seq_len(self) -> int:
        return self.inputs.shape[1]

    @property
    def gate_names(self) -> tuple[str, ...]:
        return GATES[self.cell]

    def _key(self, layer: int, direction: int) -> tuple[int, int]:
        if not -self.num_layers <= layer < self.num_layers:
            raise ValueError(f"layer must be in -{self.num_layers}..{self.num_layers - 1}, got {layer}")
        layer = layer % self.num_layers
        if direction not in range(self.num_directions):
            raise ValueError(f"direction must be in 0..{self.num_directions - 1}, got {direction}")
        return layer, direction

    def quantities(self, layer: int = -1, direction: int = 0) -> list[str]:
        return list(self.steps[self._key(layer, direction)])

    def get(self, quantity: str, layer: int = -1, direction: int = 0) -> np.ndarray:
        """One recorded quantity, shape (B, T, units)."""
        found = self.steps[self._key(layer, direction)]
        if quantity not in found:
            raise KeyError(f"{quantity!r} was not recorded; have {sorted(found)}")
        return found[quantity]

    def grad_norms(self, layer: int = -1, direction: int = 0, quantity: str = "h") -> np.ndarray:
        """Length-T array: batch mean of the per-example L2 norm of dL/d<quantity>_t
        (quantity "h", "c" for the LSTM, or "x" for the layer's input)."""
        if quantity == "x":
            direction = 0
        grads = self.get(f"grad_{quantity}", layer, direction)
        return np.linalg.norm(grads, axis=-1).mean(axis=0)

    def jacobian_norms(self, layer: int = -1, direction: int = 0, ord: str | int = 2) -> np.ndarray:
        """Length-T array: batch mean of ||dh_final / dh_t|| (spectral norm by default, "fro" for
        Frobenius), where h_final is the direction's last state (t = T-1 forward, t = 0 reverse)."""
        key = (*self._key(layer, direction), ord)
        if key not in self._jacobians:
            if self._replica is None:
                raise RuntimeError("this Trace was built without its replica; jacobians are unavailable")
            self._jacobians[key] = _jacobian_norms(self._replica, self._x, self._hx, key[0], key[1], ord)
        return self._jacobians[key]

    def compact(self) -> "Trace":
        """A small copy for keeping many snapshots: only the gradients, each reduced to its per-example
        norm (shape (B, T, 1)), so `grad_norms()` answers exactly as before while states, gates and
        jacobians are gone."""
        steps = {key: {name: np.linalg.norm(values, axis=-1, keepdims=True)
                       for name, values in found.items() if name.startswith("grad_")}
                 for key, found in self.steps.items()}
        return Trace(self.cell, self.num_layers, self.num_directions, self.hidden_size,
                     inputs=self.inputs[:, :, :0], output=self.output[:, :, :0], steps=steps, loss=self.loss)

    def to_frame(self, example: int | None = None) -> pd.DataFrame:
        """Tidy table: layer, direction, t, unit, quantity, value (batch mean, or one example)."""
        frames = []
        for (layer, direction), found in self.steps.items():
            for quantity, values in found.items():
                data = values.mean(axis=0) if example is None else values[example]
                steps, units = data.shape
                frames.append(pd.DataFrame({
                    "layer": layer, "direction": direction,
                    "t": np.repeat(np.arange(steps), units), "unit": np.tile(np.arange(units), steps),
                    "quantity": quantity, "value": data.reshape(-1),
                }))
        return pd.concat(frames, ignore_index=True)


def instrumented_copy(module: nn.Module, dtype: torch.dtype | None = torch.float64) -> InstrumentedRNN:
    """A detached instrumented replica of an InstrumentedRNN or torch.nn.RNN/LSTM/GRU, in eval mode."""
    if isinstance(module, InstrumentedRNN):
        replica = copy.deepcopy(module)
        replica._step_hooks.clear()
    else:
        replica = InstrumentedRNN.from_torch(module)
    for p in replica.parameters():
        p.requires_grad_(False)
    if dtype is not None:
        replica.to(dtype)
    return replica.eval()


def _as_state(hx, dtype):
    if hx is None:
        return None
    if isinstance(hx, (tuple, list)):
        return tuple(s.detach().to(dtype) for s in hx)
    return hx.detach().to(dtype)


def record(module: nn.Module, x: Tensor, loss_fn: LossFn | None = None, probe: Iterable[str] = PROBES,
           hx=None, dtype: torch.dtype | None = torch.float64) -> Trace:
    """Replay `x` through an instrumented copy of `module` and return a Trace.

    module:  an InstrumentedRNN, or a torch.nn.RNN / LSTM / GRU (copied; the original is untouched).
    x:       the input, laid out as the module expects (batch_first or not).
    loss_fn: loss_fn(output) -> scalar, given the output in x's dtype and layout.  When given, the
             Trace holds the total gradients dL/dh_t, dL/dc_t and dL/dx_t.
    probe:   which of "states", "gates", "grads" to keep.
    dtype:   replay precision (float64 keeps vanished gradients visible; None keeps the module's).
    """
    probe = set(probe)
    unknown = probe - set(PROBES)
    if unknown:
        raise ValueError(f"probe must name some of {PROBES}, got {sorted(unknown)}")
    replica = instrumented_copy(module, dtype)
    replay_dtype = next(replica.parameters()).dtype
    xr = x.detach().to(replay_dtype)
    if not replica.batch_first:
        xr = xr.transpose(0, 1)
        replica.batch_first = True
    hx_r = _as_state(hx, replay_dtype)
    want_grads = loss_fn is not None and "grads" in probe
    xr.requires_grad_(want_grads)

    taps: dict[tuple[int, int], dict[str, list]] = {}
    layer_inputs: dict[int, list] = {}

    def hook(layer, direction, t, tensors):
        slot = taps.setdefault((layer, direction), {})
        for name, value in tensors.items():
            if name == "x":
                if direction == 0 and want_grads:
                    layer_inputs.setdefault(layer, [None] * xr.shape[1])[t] = value
                continue
            slot.setdefault(name, [None] * xr.shape[1])[t] = value

    handle = replica.register_step_hook(hook)
    try:
        with torch.enable_grad():
            output, _ = replica(xr, hx_r)
            loss = None
            grads: dict = {}
            if loss_fn is not None:
                out_for_loss = output.to(x.dtype)
                if not module_batch_first(module):
                    out_for_loss = out_for_loss.transpose(0, 1)
                loss = loss_fn(out_for_loss)
                if want_grads:
                    grads = _gradients(loss, taps, layer_inputs, replica.cell, xr.shape[1])
    finally:
        handle.remove()

    steps = {}
    keep_states, keep_gates = "states" in probe, "gates" in probe
    for key, slot in taps.items():
        found = {}
        for name, values in slot.items():
            is_state = name in ("h", "c")
            if (is_state and keep_states) or (not is_state and keep_gates):
                found[name] = _stack(values)
        found.update(grads.get(key, {}))
        steps[key] = found
    return Trace(cell=replica.cell, num_layers=replica.num_layers, num_directions=replica.num_directions,
                 hidden_size=replica.hidden_size, inputs=_numpy(xr), output=_numpy(output), steps=steps,
                 loss=None if loss is None else loss.item(), _replica=replica, _x=xr.detach(), _hx=hx_r)


def module_batch_first(module: nn.Module) -> bool:
    return bool(getattr(module, "batch_first", True))


def _stack(values: list[Tensor]) -> np.ndarray:
    return _numpy(torch.stack(values, dim=1))


def _numpy(t: Tensor) -> np.ndarray:
    return t.detach().cpu().numpy()


def _gradients(loss: Tensor, taps, layer_inputs, cell: str, steps: int) -> dict:
    """Total gradients of the loss w.r.t. every recorded h_t, c_t and layer input x_t, in one pass."""
    wanted: list[tuple[tuple[int, int], str, int, Tensor]] = []
    for key, slot in taps.items():
        for name in ("h", "c") if cell == "lstm" else ("h",):
            wanted += [(key, f"grad_{name}", t, v) for t, v in enumerate(slot[name])]
    for layer, values in layer_inputs.items():
        wanted += [((layer, 0), "grad_x", t, v) for t, v in enumerate(values)]
    results = torch.autograd.grad(loss, [w[3] for w in wanted], allow_unused=True, materialize_grads=True)
    out: dict = {}
    for (key, name, t, value), grad in zip(wanted, results):
        out.setdefault(key, {}).setdefault(name, [None] * steps)[t] = grad
    return {key: {name: _stack(vals) for name, vals in found.items()} for key, found in out.items()}


def _jacobian_norms(replica: InstrumentedRNN, x: Tensor, hx, layer: int, direction: int, ord) -> np.ndarray:
    """||dh_final/dh_t|| for every t, from one batched backward pass: the batch is repeated once per
    hidden unit k, and copy k back-propagates unit k of h_final, which yields row k of every Jacobian."""
    batch, steps, _ = x.shape
    units = replica.hidden_size
    xs = x.detach().repeat_interleave(units, dim=0).requires_grad_(True)  # so every h_t joins the graph
    hs = None
    if hx is not None:
        hs = tuple(s.repeat_interleave(units, dim=1) for s in hx) if isinstance(hx, tuple) else hx.repeat_interleave(units, dim=1)
    states: list = [None] * steps

    def hook(l, d, t, tensors):
        if (l, d) == (layer, direction):
            states[t] = tensors["h"]

    handle = replica.register_step_hook(hook)
    try:
        with torch.enable_grad():
            replica(xs, hs)
    finally:
        handle.remove()
    final = states[-1] if direction == 0 else states[0]
    pick = torch.eye(units, dtype=final.dtype, device=final.device).repeat(batch, 1)
    rows = torch.autograd.grad((final * pick).sum(), states, allow_unused=True, materialize_grads=True)
    jac = torch.stack(rows, dim=1).reshape(batch, units, steps, units).permute(0, 2, 1, 3)  # (B, T, out, in)
    return torch.linalg.matrix_norm(jac, ord=ord).mean(dim=0).cpu().numpy()
