"""Record what happens inside a recurrent layer: `record()` replays a batch and returns a `Trace`.

The replay runs in float64 by default, so a gradient that has vanished below float32's range still
shows as a tiny number instead of 0.  Nothing here touches the module being trained: it keeps running
on the fused torch.nn path.  The replay is hand-written backpropagation through time in NumPy on the
CPU (`_Replay`): the forward keeps every state and gate of every step, all input projections and
gate derivatives are computed in one batched product each, and only the recurrences run step by
step (small BLAS calls on the CPU; a probe of a few sequences gains nothing from a GPU).  Its
gradients are those of autograd on the instrumented cells (`cells.py`) to rounding; the tests check
both against torch.

A Trace holds, per (layer, direction) and for every timestep t (indexed by the input position, also
for the reverse direction), arrays of shape (batch, T, hidden):
    h, c (LSTM)                      states after reading x_t
    pre (RNN, before tanh/relu), i f g o (LSTM), r z n (GRU)   the gates
    grad_h, grad_c (LSTM)            total dL/dh_t, dL/dc_t through the recurrence
and per layer, at direction 0, grad_x (batch, T, layer input size): dL/dx_t of that layer's input.
From the kept replay it also answers `connectivity()` (‖∂h_t/∂x_k‖ for every pair of steps, also
through a readout) and `itemised_grad()` (each step's share of dL/dW_hh, RNNbow's itemised gradient).
"""

from __future__ import annotations

import copy
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np
import pandas as pd
import torch
from threadpoolctl import threadpool_limits
from torch import Tensor, nn

from .cells import GATE_ROWS, GATES, InstrumentedRNN

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
    _grad_output: np.ndarray | None = field(default=None, repr=False)  # dL/d output, (T, D·H, B)
    _output_dtype: torch.dtype | None = field(default=None, repr=False)  # what loss_fn and readouts receive
    _replay: "_Replay | None" = field(default=None, repr=False)         # rebuilt on demand, never pickled
    _jacobians: dict = field(default_factory=dict, repr=False)

    def __getstate__(self):
        return {**self.__dict__, "_replay": None}

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

    def connectivity(self, readout: Callable[[Tensor], Tensor] | None = None, threads: int | None = None) -> np.ndarray:
        """(T, T) array: entry [t, k] is the batch mean of the Frobenius norm of dh_t/dx_k, where h_t is
        the output at step t (last layer, both directions when bidirectional) and x_k the input at step
        k; zero where k > t for a one-directional module.  With `readout` (a callable or module that
        maps the output (B, T, D·H) to predictions (B, T, O) step by step, e.g. SequenceModel.readout
        or a Linear head), of dŷ_t/dx_k instead.  Exact: forward-mode derivatives of the replay, one
        column per input feature of every step, batched over all columns, in the replay's dtype (a
        float32 replay is about twice as fast and strays about 1e-7 from float64's, bench/connectivity.py).
        Computed on `threads` threads, torch.get_num_threads() unless given."""
        replay = self._replayed()
        return replay.connectivity(None if readout is None else self._readout_jacobian(readout),
                                   threads=threads or torch.get_num_threads())

    def itemised_grad(self, layer: int = -1, direction: int = 0) -> np.ndarray:
        """(T, *W_hh.shape): what each step contributed to dL/dW_hh of one layer and direction (t is the
        input position, also for the reverse direction); the contributions sum to dL/dW_hh."""
        key, replay = self._key(layer, direction), self._replayed()
        dg, h_prev = replay.step_factors(key)
        return np.matmul(dg, h_prev.transpose(0, 2, 1))[:, replay.torch_rows]

    def itemised_grad_norms(self, layer: int = -1, direction: int = 0) -> np.ndarray:
        """Length-T array: the Frobenius norm of each step's contribution to dL/dW_hh, without forming
        them: ‖Σ_b g_b h_bᵀ‖² = Σ_bb' (g_b·g_b')(h_b·h_b') over the examples b of the batch."""
        dg, h_prev = self._replayed().step_factors(self._key(layer, direction))
        grams = np.matmul(dg.transpose(0, 2, 1), dg) * np.matmul(h_prev.transpose(0, 2, 1), h_prev)
        return np.sqrt(np.maximum(grams.sum(axis=(1, 2)), 0))

    def _replayed(self) -> "_Replay":
        """The replay's buffers, rebuilt from the replica when this Trace came through pickle."""
        if self._replay is None:
            if self._replica is None:
                raise RuntimeError("this Trace was built without its replica (a compact copy); record again")
            self._replay = _Replay(self._replica, self._x, self._hx)
            if self._grad_output is not None:
                self._replay.backward(self._grad_output)
        return self._replay

    def _readout_jacobian(self, readout: Callable[[Tensor], Tensor]) -> np.ndarray:
        """dŷ_t/dh_t of every step and example, (T, B, O, D·H), from one batched backward pass."""
        with torch.enable_grad():
            out = torch.from_numpy(np.ascontiguousarray(self.output)).to(self._x.device, self._output_dtype)
            out.requires_grad_(True)
            y = readout(out)
            if y.shape[:2] != out.shape[:2]:
                raise ValueError(f"readout must map the output {tuple(out.shape)} to (B, T, outputs) step by step, "
                                 f"got {tuple(y.shape)}")
            outputs = y.shape[-1]
            basis = torch.eye(outputs, dtype=y.dtype, device=y.device).reshape(outputs, 1, 1, outputs).expand(outputs, *y.shape)
            (jac,) = torch.autograd.grad(y, out, basis, is_grads_batched=True)  # (O, B, T, D·H)
        return np.ascontiguousarray(_numpy(jac.permute(2, 1, 0, 3)).astype(self.output.dtype))

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
    """Replay `x` through a copy of `module` and return a Trace.

    module:  an InstrumentedRNN, or a torch.nn.RNN / LSTM / GRU (copied; the original is untouched).
    x:       the input, laid out as the module expects (batch_first or not); a 2-D x is one sequence.
    loss_fn: loss_fn(output) -> scalar, given the output in x's dtype and layout.  When given, the
             Trace holds the total gradients dL/dh_t, dL/dc_t and dL/dx_t.
    probe:   which of "states", "gates", "grads" to keep.
    dtype:   replay precision (float64 keeps vanished gradients visible; None keeps the module's).
    """
    probe = set(probe)
    unknown = probe - set(PROBES)
    if unknown:
        raise ValueError(f"probe must name some of {PROBES}, got {sorted(unknown)}")
    batch_first = module_batch_first(module)
    replica = instrumented_copy(module, dtype)
    replay_dtype = next(replica.parameters()).dtype
    xr = x.detach().to(replay_dtype)
    if xr.dim() == 2:
        xr = xr.unsqueeze(0 if batch_first else 1)
    if not batch_first:
        xr = xr.transpose(0, 1)
    replica.batch_first = True
    hx_r = _as_state(hx, replay_dtype)
    replay = _Replay(replica, xr, hx_r)

    loss, grad_output = None, None
    if loss_fn is not None:
        want_grads = "grads" in probe
        with torch.enable_grad():
            out = torch.from_numpy(_batch_first(replay.output)).to(xr.device).requires_grad_(want_grads)
            out_for_loss = out.to(x.dtype) if batch_first else out.to(x.dtype).transpose(0, 1)
            if x.dim() == 2:
                out_for_loss = out_for_loss.squeeze(0 if batch_first else 1)
            loss = loss_fn(out_for_loss)
            if want_grads:
                (grad,) = torch.autograd.grad(loss, out, allow_unused=True, materialize_grads=True)
                grad_output = np.ascontiguousarray(_numpy(grad).transpose(1, 2, 0))
                replay.backward(grad_output)

    steps = {key: replay.quantities(key, "states" in probe, "gates" in probe) for key in replay.fwd}
    return Trace(cell=replica.cell, num_layers=replica.num_layers, num_directions=replica.num_directions,
                 hidden_size=replica.hidden_size, inputs=_numpy(xr), output=_batch_first(replay.output),
                 steps=steps, loss=None if loss is None else loss.item(), _replica=replica, _x=xr, _hx=hx_r,
                 _grad_output=grad_output, _output_dtype=x.dtype, _replay=replay)


def module_batch_first(module: nn.Module) -> bool:
    return bool(getattr(module, "batch_first", True))


def _numpy(t: Tensor) -> np.ndarray:
    return t.detach().cpu().numpy()


# -- the replay: hand-written BPTT in NumPy ------------------------------------------------------------
#
# Arrays are feature-major, (T, features, B), so that every step and every gate block of a step is one
# contiguous piece for the small BLAS calls and ufuncs of the recursions; a Trace shows them batch first
# through a transposed view.  Per (layer, direction) the forward fills `fwd[key]` with the gates and
# states of every step; the backward fills `bwd[key]` with the total gradients of h (and c) and the
# gradients of the pre-activations: "dg_h" of the part W_hh produced (it carries the recursion and gives
# dL/dW_hh) and "dg_x" of the part W_ih produced (it gives dL/dx).  They differ only in the GRU's
# candidate n, where the reset gate scales W_hh's part.  The LSTM keeps its gates in the order o i f g,
# so that its three sigmoids are one block and so are the three gates that dc_t drives.  The forward weights of every sigmoid row are negated, so that a
# sigmoid is exp, +1 and reciprocal in place: exact at both tails.

CACHED_BYTES = 1 << 19  # tangents per pass of the connectivity: a step's (state rows × columns) stays in cache
DRIFT = 32  # how many powers of two a block of tangents may drift from norm 1 before it is rescaled
_BLAS_LIMIT = threading.Lock()  # one connectivity at a time sets the process's BLAS threads, and puts them back
EMPTY = -(1 << 30)  # the power of two of a block of tangent columns that is still all zero: 2**EMPTY is 0
FOLD_BUDGET = 1 << 28  # bytes of folded step Jacobians the connectivity keeps instead of remaking them per chunk
LSTM_ORDER = (3, 0, 1, 2)  # torch's i f g o rows, regrouped as o i f g
SIGMOID_ROWS = {"rnn": 0, "lstm": 3, "gru": 2}  # leading gate blocks that pass through a sigmoid


class _Replay:
    def __init__(self, replica: InstrumentedRNN, x: Tensor, hx):
        self.cell, self.nonlinearity = replica.cell, replica.nonlinearity
        self.num_layers, self.num_directions = replica.num_layers, replica.num_directions
        self.hidden_size = hidden = replica.hidden_size
        u = np.ascontiguousarray(_numpy(x).transpose(1, 2, 0))
        steps, batch = u.shape[0], u.shape[2]
        zeros = np.zeros((self.num_layers * self.num_directions, batch, hidden), u.dtype)
        if hx is None:
            h0, c0 = zeros, zeros
        else:
            h0, c0 = (_numpy(hx[0]), _numpy(hx[1])) if self.cell == "lstm" else (_numpy(hx), zeros)
        self.weights, self.inputs, self.fwd, self.bwd, self.grad_x = {}, [], {}, {}, {}
        with np.errstate(over="ignore"):  # exp overflow in a saturated sigmoid gives exactly 0 or 1
            for layer in range(self.num_layers):
                self.inputs.append(u)
                u_one = np.ones((steps, u.shape[1] + 1, batch), u.dtype)
                u_one[:, :-1] = u
                outs = []
                for direction in range(self.num_directions):
                    k = layer * self.num_directions + direction
                    w = self.weights[layer, direction] = _weights(replica, layer, direction)
                    xw = np.matmul(w["w_ih_fwd"], u_one)  # W_ih x_t + bias for every t in one product
                    h_init, c_init = np.ascontiguousarray(h0[k].T), np.ascontiguousarray(c0[k].T)
                    buf = FORWARD[self.cell](xw, w, h_init, c_init, _order(direction, steps), self.nonlinearity)
                    buf["h0"], buf["c0"] = h_init, c_init
                    self.fwd[layer, direction] = buf
                    outs.append(buf["h"])
                u = np.concatenate(outs, axis=1) if len(outs) > 1 else outs[0]
        self.output = u  # (T, D·H, B)

    def backward(self, grad_output: np.ndarray) -> None:
        """Gradients of the loss, given dL/d output (T, D·H, B), into every step of every layer."""
        e = grad_output
        hidden = self.hidden_size
        for layer in reversed(range(self.num_layers)):
            grad_x = 0
            for direction in range(self.num_directions):
                w, buf = self.weights[layer, direction], self.fwd[layer, direction]
                e_d = np.ascontiguousarray(e[:, direction * hidden:(direction + 1) * hidden])
                got = self.bwd[layer, direction] = BACKWARD[self.cell](
                    e_d, buf, w, _order(direction, e.shape[0]), self.nonlinearity)
                grad_x = grad_x + np.matmul(w["w_ih_t"], got["dg_x"])
            self.grad_x[layer] = e = grad_x

    @property
    def torch_rows(self) -> np.ndarray:
        """Indices that put the rows of a gate-stacked array back in torch's gate order."""
        hidden, blocks = self.hidden_size, GATE_ROWS[self.cell]
        order = LSTM_ORDER if self.cell == "lstm" else tuple(range(blocks))
        return np.concatenate([np.arange(hidden) + order.index(g) * hidden for g in range(blocks)])

    def step_factors(self, key: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
        """dL/d(W_hh h_{t-1}) (T, rows, B) and h_{t-1} (T, H, B): step t adds their product to dL/dW_hh."""
        if key not in self.bwd:
            raise RuntimeError("the itemised gradient needs a Trace recorded with a loss_fn and the 'grads' probe")
        buf = self.fwd[key]
        return self.bwd[key]["dg_h"], _previous(buf["h"], buf["h0"], key[1])

    def connectivity(self, readout_jac: np.ndarray | None = None, budget_bytes: int = 1 << 26,
                     threads: int = 1) -> np.ndarray:
        """(T, T) batch means of ‖dy_t/dx_k‖_F, y the output or, given readout_jac (T, B, O, D·H), the
        readout.  Forward mode: the columns are the input features of the input steps k, a chunk of
        steps at a time, carried through each step by one product with its folded Jacobian (`folds`).
        A chunk's tangents take about CACHED_BYTES, so that a step's arrays stay in the CPU's cache,
        and fewer when the tangents kept for the next layer would not fit in budget_bytes; the folds
        of every step are kept when they fit in FOLD_BUDGET and remade per chunk otherwise.  A
        one-directional layer starts at the chunk's first step and carries only the columns it has
        already read.  The tangents are kept in the replay's dtype, each input step's block of
        columns scaled by its own power of two (`_tangents`), so float32 neither underflows nor
        overflows where the norm itself stays within float64's range; the norms add up in float64.
        The chunks are shared out among `threads` threads (NumPy lets go of the GIL)."""
        steps, inputs, batch = self.inputs[0].shape
        hidden, directions = self.hidden_size, self.num_directions
        dtype = self.output.dtype
        outputs = 0 if readout_jac is None else readout_jac.shape[2]
        kept = ((directions * hidden * dtype.itemsize if self.num_layers > 1 else 0)  # bytes per column and step
                + (outputs * 8 if directions > 1 else 0))
        per_step = steps * inputs * batch * kept
        state_rows = 2 * hidden if self.cell == "lstm" else hidden
        cached = CACHED_BYTES // (state_rows * dtype.itemsize * inputs * batch)
        chunk = int(min(steps, max(1, budget_bytes // max(per_step, 1)), max(1, cached)))
        coefficients = {key: self.coefficients(key) for key in self.fwd}
        carried = {key: [{name: values[t].T[:, :, None] for name, values in coef.items()} for t in range(steps)]
                   for key, coef in coefficients.items()}
        fold_bytes = sum(steps * batch * state_rows * (hidden + w["w_ih"].shape[1]) * dtype.itemsize
                         for w in self.weights.values())
        folds = {key: self.folds(key, coefficients[key], keep=fold_bytes <= FOLD_BUDGET) for key in self.fwd}
        squares = np.zeros((steps, steps, batch))  # [t, k, b]
        chunks = [(k0, min(steps, k0 + chunk)) for k0 in range(0, steps, chunk)]
        # One BLAS thread under each of ours: OpenBLAS's own threads fight over the cores when two of
        # our threads call it at once (2 threads: 0.77 s instead of 1.84 s, bench/connectivity.py).
        with (_BLAS_LIMIT, threadpool_limits(1, user_api="blas"),
              ThreadPoolExecutor(min(threads, len(chunks))) as pool):
            list(pool.map(lambda span: self._connect(*span, folds, carried, readout_jac, squares), chunks))
        return np.sqrt(squares).mean(axis=-1)

    def _connect(self, k0, k1, folds, carried, readout_jac, squares) -> None:
        """Add to squares[t, k0:k1] the squared norms of dy_t/dx_k of one chunk of input steps."""
        steps, inputs, batch = self.inputs[0].shape
        hidden, directions = self.hidden_size, self.num_directions
        dtype = self.output.dtype
        outputs = 0 if readout_jac is None else readout_jac.shape[2]
        width = (k1 - k0) * inputs
        below = None
        for layer in range(self.num_layers):
            last = layer == self.num_layers - 1
            out = None if last else (np.zeros((steps, batch, directions * hidden, width), dtype),
                                     np.full((steps, directions, batch, k1 - k0), EMPTY))
            ys = np.zeros((steps, batch, outputs, width)) if last and outputs and directions > 1 else None
            for direction in range(directions):
                units = slice(direction * hidden, (direction + 1) * hidden)
                key = layer, direction
                tangents = self._tangents(layer, direction, folds[key], carried[key], below, k0, k1)
                for t, live, dh, power, blocks in tangents:
                    cols = slice(live.start * inputs, live.stop * inputs)
                    if out is not None:
                        out[0][t][:, units, cols] = dh
                        out[1][t, direction, :, live] = power
                        continue
                    if outputs:  # through the readout: (B, O, H) @ (B, H, columns)
                        dh = np.matmul(readout_jac[t][:, :, units], dh)
                    if ys is not None:  # both directions reach ŷ_t: add before the norm
                        ys[t][:, :, cols] += _scaled(dh, np.ldexp(1.0, power))
                    else:
                        if outputs:
                            blocks = _block_squares(dh, inputs)
                        squares[t, k0 + live.start:k0 + live.stop] += (blocks * np.ldexp(1.0, 2 * power)).T
            below = out
        if ys is not None:
            squares[:, k0:k1] = (np.square(ys).sum(axis=2).reshape(steps, batch, k1 - k0, inputs).sum(axis=3)
                                 .transpose(0, 2, 1))

    def folds(self, key: tuple[int, int], coef: dict[str, np.ndarray], keep: bool) -> Callable:
        """t → one step's Jacobians of the state it updates (S = H, or the LSTM's o part of dh_t then
        dc_t, S = 2H) with respect to h_{t-1} (B, S, H) and to x_t (B, S, inputs): the gate
        derivatives folded into W_hh and W_ih, so that a tangent step is one product with S rows
        instead of one with every gate row.  `keep` computes every step's once, up front."""
        fold, w = FOLD[self.cell], self.weights[key]

        def at(t: int) -> tuple[np.ndarray, np.ndarray]:
            return fold({name: values[t] for name, values in coef.items()}, w)

        return [at(t) for t in range(len(self.fwd[key]["h"]))].__getitem__ if keep else at

    def _tangents(self, layer, direction, fold, carried, below, k0, k1):
        """Yield (t, live, dh_t, power, squares) of one layer and direction: dh_t (B, H, columns) times
        2**power (B, blocks), one power per block of `inputs` columns, is the derivative of h_t along
        each input feature of the input steps k0..k1-1 in the blocks `live`, outside which it is zero;
        squares (B, blocks) are the blocks' squared norms before that power.  A block whose norm (of dh
        and dc) has drifted more than 2**DRIFT from 1 is then rescaled to about 1: exact, and far from
        float32's underflow and overflow.  `carried[t]` are step t's coefficients for CARRY.  Layer 0
        reads the inputs themselves; a layer above reads `below`, the scaled tangents of its input
        (T, B, features, columns) and their powers (T, directions, B, blocks)."""
        steps, inputs, batch = self.inputs[0].shape
        hidden, span = self.hidden_size, k1 - k0
        causal = layer == 0 or self.num_directions == 1  # only the steps on one side of k reach h_t
        order = (range(k0, steps) if direction == 0 else range(k1 - 1, -1, -1)) if causal else _order(direction, steps)
        dh = np.zeros((batch, hidden, span * inputs), self.output.dtype)
        dc = np.zeros_like(dh) if self.cell == "lstm" else None
        powers = np.full((batch, span), 0 if layer == 0 else EMPTY)
        for t in order:
            if not causal:
                live = slice(0, span)
            elif direction == 0:
                live = slice(0, min(t - k0, span - 1) + 1)
            else:
                live = slice(max(t - k0, 0), span)
            cols = slice(live.start * inputs, live.stop * inputs)
            state = [dh[:, :, cols]] + ([] if dc is None else [dc[:, :, cols]])
            power = powers[:, live]
            by_h, by_x = fold(t)
            if layer > 0:  # bring this layer's blocks and the input's to the larger of their two powers
                fed, fed_power = below[0][t][:, :, cols], below[1][t][:, :, live]
                common = np.maximum(power, fed_power.max(axis=0))
                _rescale(state, power - common)
                power[...] = common
            step = np.matmul(by_h, state[0])
            if layer > 0:
                directions = fed_power.shape[0]
                factors = np.ldexp(np.ones((), fed.dtype), fed_power - common).transpose(1, 0, 2)  # (B, D, blocks)
                fed = _scaled(fed.reshape(batch, directions, -1, fed.shape[-1]), factors)
                step += np.matmul(by_x, fed.reshape(batch, -1, fed.shape[-1]))
            elif k0 <= t < k1:  # x_t itself: one column per input feature
                start = (t - k0 - live.start) * inputs
                step[:, :, start:start + inputs] += by_x
            CARRY[self.cell](carried[t], step, *state)
            squares = _block_squares(state[0], inputs)
            yield t, live, state[0], power, squares
            largest = squares if dc is None else np.maximum(squares, _block_squares(state[1], inputs))
            shift = np.frexp(largest)[1] // 2  # the power of two of each block's norm; 0 for an all-zero block
            if np.abs(shift).max() > DRIFT:
                _rescale(state, -shift)
                power += shift

    def coefficients(self, key: tuple[int, int]) -> dict[str, np.ndarray]:
        """Every step's local derivatives of one layer and direction, as the backward uses them."""
        buf, cell = self.fwd[key], self.cell
        if cell == "rnn":
            return {"slope": 1 - buf["h"] ** 2 if self.nonlinearity == "tanh" else (buf["pre"] > 0).astype(buf["h"].dtype)}
        steps, rows, batch = buf["act" if cell == "lstm" else "hw"].shape
        n = self.hidden_size
        coef, scratch = np.empty((steps, rows, batch), buf["h"].dtype), np.empty((steps, n, batch), buf["h"].dtype)
        if cell == "lstm":
            c_prev = _previous(buf["c"], buf["c0"], key[1])
            for t in range(steps):
                _lstm_coefficients(buf["act"][t], buf["h"][t], buf["tanh_c"][t], c_prev[t], coef[t], scratch[t])
            return {"coef": coef, "h_to_c": scratch, "f": buf["act"][:, 2 * n:3 * n]}
        h_prev, spare = _previous(buf["h"], buf["h0"], key[1]), np.empty((n, batch), buf["h"].dtype)
        for t in range(steps):
            _gru_coefficients(buf["rz"][t], buf["n"][t], buf["hw"][t], h_prev[t], coef[t], scratch[t], spare)
        coef_x = coef.copy()
        coef_x[:, 2 * n:] = scratch
        return {"coef_h": coef, "coef_x": coef_x, "z": buf["rz"][:, n:]}

    def quantities(self, key: tuple[int, int], states: bool, gates: bool) -> dict[str, np.ndarray]:
        """What a Trace shows of one (layer, direction), batch first, in the order h, gates, c, grads."""
        buf, found = self.fwd[key], {}
        if states:
            found["h"] = _batch_first(buf["h"])
        if gates:
            found.update({name: _batch_first(v) for name, v in _gates(self.cell, buf, self.hidden_size).items()})
        if states and self.cell == "lstm":
            found["c"] = _batch_first(buf["c"])
        if key in self.bwd:
            found["grad_h"] = _batch_first(self.bwd[key]["grad_h"])
            if self.cell == "lstm":
                found["grad_c"] = _batch_first(self.bwd[key]["grad_c"])
            if key[1] == 0:
                found["grad_x"] = _batch_first(self.grad_x[key[0]])
        return found


def _scaled(a: np.ndarray, factors: np.ndarray) -> np.ndarray:
    """a (..., rows, blocks · inputs) with each block of columns times its factor, factors (..., blocks)."""
    blocks = factors.shape[-1]
    return (a.reshape(*a.shape[:-1], blocks, -1) * factors[..., None, :, None]).reshape(a.shape)


def _block_squares(a: np.ndarray, inputs: int) -> np.ndarray:
    """The squared Frobenius norm of each block of `inputs` columns of a (B, rows, columns): (B, blocks)."""
    return np.einsum("brc,brc->bc", a, a).reshape(a.shape[0], -1, inputs).sum(axis=2)


def _rescale(arrays: list[np.ndarray], powers: np.ndarray) -> None:
    """Multiply, in place, each block of columns of every array (B, rows, blocks · inputs) by 2**powers
    (B, blocks): exact, a change of exponent only."""
    if not powers.any():
        return
    for a in arrays:
        a.reshape(*a.shape[:-1], powers.shape[-1], -1)[...] *= np.ldexp(np.ones((), a.dtype), powers)[:, None, :, None]


def _batch_first(a: np.ndarray) -> np.ndarray:
    return a.transpose(2, 0, 1)


def _weights(replica: InstrumentedRNN, layer: int, direction: int) -> dict[str, np.ndarray]:
    """One layer's weights as NumPy: W_ih and W_hh (rows regrouped for the LSTM) and their transposes
    for the backward; for the forward, copies with every sigmoid row negated ("_fwd"), W_ih's with the
    bias as a last column (all of it but the GRU's b_hh, which is "b_h")."""
    w_ih, w_hh, b_ih, b_hh = (None if p is None else _numpy(p) for p in replica.layer_weights(layer, direction))
    rows, hidden = w_hh.shape
    b_ih = np.zeros(rows, w_hh.dtype) if b_ih is None else b_ih
    b_hh = np.zeros(rows, w_hh.dtype) if b_hh is None else b_hh
    if replica.cell == "lstm":
        order = np.concatenate([np.arange(hidden) + g * hidden for g in LSTM_ORDER])
        w_ih, w_hh, b_ih, b_hh = w_ih[order], w_hh[order], b_ih[order], b_hh[order]
    sign = np.ones((rows, 1), w_hh.dtype)
    sign[:SIGMOID_ROWS[replica.cell] * hidden] = -1
    gru = replica.cell == "gru"
    return {"w_ih": np.ascontiguousarray(w_ih), "w_hh": np.ascontiguousarray(w_hh),
            "w_ih_t": np.ascontiguousarray(w_ih.T), "w_hh_t": np.ascontiguousarray(w_hh.T),
            "w_ih_fwd": sign * np.concatenate([w_ih, (b_ih if gru else b_ih + b_hh)[:, None]], axis=1),
            "w_hh_fwd": sign * w_hh, "b_h": sign * b_hh[:, None]}


def _order(direction: int, steps: int) -> range:
    return range(steps) if direction == 0 else range(steps - 1, -1, -1)


def _previous(values: np.ndarray, initial: np.ndarray, direction: int) -> np.ndarray:
    """The state each step started from: values one step earlier in the direction's order."""
    prev = np.empty_like(values)
    if direction == 0:
        prev[0], prev[1:] = initial, values[:-1]
    else:
        prev[-1], prev[:-1] = initial, values[1:]
    return prev


def _sigmoid_of_negated_(a: np.ndarray) -> None:
    """sigmoid(x) in place, given a = -x."""
    np.exp(a, a)
    np.add(a, 1, a)
    np.divide(1, a, a)


def _gates(cell: str, buf: dict, hidden: int) -> dict[str, np.ndarray]:
    if cell == "rnn":
        return {"pre": buf["pre"]}
    if cell == "gru":
        return {"r": buf["rz"][:, :hidden], "z": buf["rz"][:, hidden:], "n": buf["n"]}
    act = buf["act"]  # o i f g
    return {"i": act[:, hidden:2 * hidden], "f": act[:, 2 * hidden:3 * hidden], "g": act[:, 3 * hidden:],
            "o": act[:, :hidden]}


def _rnn_forward(xw, w, h, _c, order, nonlinearity):
    pre, hs = xw, np.empty_like(xw)  # xw is this replay's own array: the pre-activations fill it
    hw = np.empty_like(h)
    for t in order:
        np.dot(w["w_hh_fwd"], h, out=hw)
        pre[t] += hw
        h = np.tanh(pre[t], out=hs[t]) if nonlinearity == "tanh" else np.maximum(pre[t], 0, out=hs[t])
    return {"pre": pre, "h": hs}


def _rnn_backward(e, buf, w, order, nonlinearity):
    slope = 1 - buf["h"] ** 2 if nonlinearity == "tanh" else (buf["pre"] > 0).astype(e.dtype)
    grad_h, dg = np.empty_like(e), np.empty_like(e)
    later = None
    for t in reversed(order):
        if later is None:
            grad_h[t] = e[t]
        else:
            np.dot(w["w_hh_t"], dg[later], out=grad_h[t])
            grad_h[t] += e[t]
        np.multiply(grad_h[t], slope[t], out=dg[t])
        later = t
    return {"grad_h": grad_h, "dg_h": dg, "dg_x": dg}


def _lstm_forward(xw, w, h, c, order, _nonlinearity):
    steps, rows, batch = xw.shape
    n = rows // 4
    act = xw  # this replay's own array: the gates fill it, o i f g
    cs, tanh_c, hs = (np.empty((steps, n, batch), xw.dtype) for _ in range(3))
    hw, ig = np.empty((rows, batch), xw.dtype), np.empty((n, batch), xw.dtype)
    sig, o, i, f, g = act[:, :3 * n], act[:, :n], act[:, n:2 * n], act[:, 2 * n:3 * n], act[:, 3 * n:]
    w_hh, dot, add, multiply, tanh, exp, divide = w["w_hh_fwd"], np.dot, np.add, np.multiply, np.tanh, np.exp, np.divide
    for t in order:
        add(act[t], dot(w_hh, h, hw), act[t])
        s = exp(sig[t], sig[t])                     # sigmoid of the negated rows: 1 / (1 + exp(-x))
        divide(1, add(s, 1, s), s)
        tanh(g[t], g[t])
        c = multiply(f[t], c, cs[t])
        add(c, multiply(i[t], g[t], ig), c)
        h = multiply(o[t], tanh(c, tanh_c[t]), hs[t])
    return {"act": act, "c": cs, "tanh_c": tanh_c, "h": hs}


def _lstm_coefficients(a, h, tanh_c, c_prev, coef, h_to_c) -> None:
    """One step's local derivatives, into `coef` (4H, B): d pre-activation of o per unit of dh_t and of
    i f g per unit of dc_t (order o i f g), and into `h_to_c` (H, B): dh_t/dc_t = o (1 - tanh² c_t)."""
    n = tanh_c.shape[0]
    o, i, g = a[:n], a[n:2 * n], a[3 * n:]
    subtract, multiply = np.subtract, np.multiply
    sig = subtract(1, a[:3 * n], coef[:3 * n])
    multiply(sig, a[:3 * n], sig)                   # sigmoid' = s (1 - s)
    multiply(coef[:n], tanh_c, coef[:n])
    multiply(coef[n:2 * n], g, coef[n:2 * n])
    multiply(coef[2 * n:3 * n], c_prev, coef[2 * n:3 * n])
    ig = multiply(i, g, coef[3 * n:])               # i (1 - g²) = i - (i g) g
    subtract(i, multiply(ig, g, ig), ig)
    subtract(o, multiply(h, tanh_c, h_to_c), h_to_c)


def _lstm_backward(e, buf, w, order, _nonlinearity):
    act, cs, tanh_c, hs = buf["act"], buf["c"], buf["tanh_c"], buf["h"]
    steps, rows, batch = act.shape
    n = rows // 4
    grad_h, grad_c, dg = np.empty_like(e), np.empty_like(e), np.empty_like(act)
    coef, h_to_c, carried = np.empty((rows, batch), e.dtype), np.empty((n, batch), e.dtype), np.empty((n, batch), e.dtype)
    coef_o, coef_c = coef[:n], coef[n:].reshape(3, n, batch)
    dg_o, dg_c, f = dg[:, :n], dg[:, n:].reshape(steps, 3, n, batch), act[:, 2 * n:3 * n]
    w_hh_t, dot, add, multiply = w["w_hh_t"], np.dot, np.add, np.multiply
    later = None
    for t in reversed(order):
        _lstm_coefficients(act[t], hs[t], tanh_c[t], buf["c0"] if t == order[0] else cs[t - order.step], coef, h_to_c)
        gh, gc = grad_h[t], grad_c[t]
        if later is None:
            np.copyto(gh, e[t])
            multiply(gh, h_to_c, gc)
        else:
            add(dot(w_hh_t, dg[later], gh), e[t], gh)
            multiply(gh, h_to_c, gc)
            add(gc, multiply(grad_c[later], f[later], carried), gc)
        multiply(coef_c, gc, dg_c[t])
        multiply(coef_o, gh, dg_o[t])
        later = t
    return {"grad_h": grad_h, "grad_c": grad_c, "dg_h": dg, "dg_x": dg}


def _gru_forward(xw, w, h, _c, order, _nonlinearity):
    steps, rows, batch = xw.shape
    n = rows // 3
    hw = np.empty_like(xw)                          # W_hh h_{t-1} + b_hh (r and z rows negated)
    rz = np.empty((steps, 2 * n, batch), xw.dtype)
    cand, hs = (np.empty((steps, n, batch), xw.dtype) for _ in range(2))
    for t in order:
        np.dot(w["w_hh_fwd"], h, out=hw[t])
        hw[t] += w["b_h"]
        np.add(xw[t, :2 * n], hw[t, :2 * n], out=rz[t])
        _sigmoid_of_negated_(rz[t])
        np.multiply(rz[t, :n], hw[t, 2 * n:], out=cand[t])
        cand[t] += xw[t, 2 * n:]
        np.tanh(cand[t], out=cand[t])
        h_new = np.subtract(h, cand[t], out=hs[t])
        h_new *= rz[t, n:]
        h_new += cand[t]
        h = h_new
    return {"hw": hw, "rz": rz, "n": cand, "h": hs}


def _gru_coefficients(rz, cand, hw, h_prev, coef, dn, scratch) -> None:
    """One step's local derivatives: into `coef` (3H, B) those of the pre-activations r z n (W_hh's part
    of n) per unit of dh_t, into `dn` (H, B) that of W_ih's part of n: (1 - z)(1 - n²)."""
    n = cand.shape[0]
    r, z = rz[:n], rz[n:]
    subtract, multiply = np.subtract, np.multiply
    multiply(cand, cand, dn)
    subtract(1, dn, dn)
    multiply(dn, subtract(1, z, scratch), dn)
    multiply(multiply(subtract(1, r, coef[:n]), r, coef[:n]), hw[2 * n:], coef[:n])
    multiply(coef[:n], dn, coef[:n])
    multiply(subtract(1, z, coef[n:2 * n]), z, coef[n:2 * n])
    multiply(coef[n:2 * n], subtract(h_prev, cand, scratch), coef[n:2 * n])
    multiply(dn, r, coef[2 * n:])


def _gru_backward(e, buf, w, order, _nonlinearity):
    rz, cand, hw, hs = buf["rz"], buf["n"], buf["hw"], buf["h"]
    steps, rows, batch = hw.shape
    n = rows // 3
    grad_h, dg_h, dg_x = np.empty_like(e), np.empty_like(hw), np.empty_like(hw)
    coef, dn, scratch = np.empty((rows, batch), e.dtype), np.empty((n, batch), e.dtype), np.empty((n, batch), e.dtype)
    coef3, dg3 = coef.reshape(3, n, batch), dg_h.reshape(steps, 3, n, batch)
    later = None
    for t in reversed(order):
        _gru_coefficients(rz[t], cand[t], hw[t], buf["h0"] if t == order[0] else hs[t - order.step], coef, dn, scratch)
        gh = grad_h[t]
        if later is None:
            np.copyto(gh, e[t])
        else:
            np.dot(w["w_hh_t"], dg_h[later], out=gh)
            gh += e[t]
            np.multiply(grad_h[later], rz[later, n:], out=scratch)
            gh += scratch
        np.multiply(coef3, gh, out=dg3[t])
        np.copyto(dg_x[t, :2 * n], dg_h[t, :2 * n])
        np.multiply(dn, gh, out=dg_x[t, 2 * n:])    # the reset gate does not scale W_ih's part of n
        later = t
    return {"grad_h": grad_h, "dg_h": dg_h, "dg_x": dg_x}


def _gate_scaled(coef: np.ndarray, w: np.ndarray) -> np.ndarray:
    """diag(coef_b) W for every example b: (rows, B) and (rows, in) → (B, rows, in)."""
    return coef.T[:, :, None] * w


def _rnn_fold(coef, w):
    return _gate_scaled(coef["slope"], w["w_hh"]), _gate_scaled(coef["slope"], w["w_ih"])


def _lstm_fold(coef, w):
    """o's rows (→ dh_t), then the sum of i f g's (→ dc_t), of the gate-scaled W_hh and W_ih."""
    def fold(scaled):
        n = scaled.shape[1] // 4
        return np.concatenate([scaled[:, :n], scaled[:, n:2 * n] + scaled[:, 2 * n:3 * n] + scaled[:, 3 * n:]], axis=1)
    return fold(_gate_scaled(coef["coef"], w["w_hh"])), fold(_gate_scaled(coef["coef"], w["w_ih"]))


def _gru_fold(coef, w):
    """The sum of r z n's gate-scaled rows, with W_hh's and W_ih's own coefficients (the reset gate
    scales only W_hh's part of n)."""
    def fold(scaled):
        n = scaled.shape[1] // 3
        return scaled[:, :n] + scaled[:, n:2 * n] + scaled[:, 2 * n:]
    return fold(_gate_scaled(coef["coef_h"], w["w_hh"])), fold(_gate_scaled(coef["coef_x"], w["w_ih"]))


def _rnn_carry(_coef, step, dh):
    """The tangents dh_t (in place) from the folded product `step` (B, S, columns)."""
    dh[...] = step


def _lstm_carry(coef, step, dh, dc):
    n = dc.shape[1]
    dc *= coef["f"]
    dc += step[:, n:]
    np.multiply(coef["h_to_c"], dc, out=dh)
    dh += step[:, :n]


def _gru_carry(coef, step, dh):
    dh *= coef["z"]
    dh += step


FORWARD = {"rnn": _rnn_forward, "lstm": _lstm_forward, "gru": _gru_forward}
BACKWARD = {"rnn": _rnn_backward, "lstm": _lstm_backward, "gru": _gru_backward}
FOLD = {"rnn": _rnn_fold, "lstm": _lstm_fold, "gru": _gru_fold}
CARRY = {"rnn": _rnn_carry, "lstm": _lstm_carry, "gru": _gru_carry}


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
