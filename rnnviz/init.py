"""Initialisation schemes, first-class because they decide the lesson.

`W_hh` (every gate block of it): "default" (PyTorch's uniform), "gaussian" (N(0, scale²/H): spectral
radius ≈ scale), "orthogonal" (scale · Q), "identity" (scale · I with zero biases: the IRNN of
Le, Jaitly & Hinton 2015).

The "remember by default" gate bias: the LSTM forget gate f, or the GRU update gate z (PyTorch's z is
the share of the old state kept, Ng's 1 − Γu).  A number sets the gate's total bias (b_ih + b_hh);
"chrono" draws log(U(1, T_max − 1)) per unit (Tallec & Ollivier 2018), and for the LSTM sets the
input gate's bias to its negative.  Works on torch.nn modules and InstrumentedRNN alike: they share
parameter names.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from .cells import CELLS, GATE_ROWS

W_HH_SCHEMES = ("default", "gaussian", "orthogonal", "identity")
GATE_OF_MEMORY = {"lstm": 1, "gru": 1}  # block index: LSTM rows i,f,g,o → f; GRU rows r,z,n → z


def cell_of(module: nn.Module) -> str:
    """'rnn' | 'lstm' | 'gru' for a torch.nn recurrent module or an InstrumentedRNN."""
    cell = getattr(module, "cell", None) or getattr(module, "mode", "").lower()
    cell = {"rnn_tanh": "rnn", "rnn_relu": "rnn"}.get(cell, cell)
    if cell not in CELLS:
        raise TypeError(f"not a recurrent module: {type(module).__name__}")
    return cell


def _names(module, prefix: str) -> list[str]:
    return [n for n, _ in module.named_parameters() if n.startswith(prefix)]


@torch.no_grad()
def init_recurrent_weights(module: nn.Module, scheme: str = "default", scale: float = 1.0,
                           generator: torch.Generator | None = None) -> None:
    """Re-initialise every W_hh gate block by `scheme` (see module docstring)."""
    if scheme not in W_HH_SCHEMES:
        raise ValueError(f"init must be one of {W_HH_SCHEMES}, got {scheme!r}")
    if not (math.isfinite(scale) and scale >= 0):
        raise ValueError(f"init_scale must be a finite number ≥ 0, got {scale}")
    if scheme == "default":
        return
    blocks = GATE_ROWS[cell_of(module)]
    for name in _names(module, "weight_hh"):
        w = getattr(module, name)
        hidden = w.shape[1]
        for b in range(blocks):
            block = w[b * hidden:(b + 1) * hidden]
            if scheme == "gaussian":
                block.copy_(torch.randn(hidden, hidden, generator=generator) * scale / math.sqrt(hidden))
            elif scheme == "orthogonal":
                q, r = torch.linalg.qr(torch.randn(hidden, hidden, generator=generator, dtype=torch.float64))
                block.copy_(q * torch.sign(torch.diagonal(r)) * scale)  # sign fix: Haar-uniform
            else:
                block.copy_(torch.eye(hidden) * scale)
    if scheme == "identity":
        for name in _names(module, "bias"):
            getattr(module, name).zero_()


@torch.no_grad()
def set_memory_gate_bias(module: nn.Module, bias: float | str, max_len: int | None = None,
                         generator: torch.Generator | None = None) -> None:
    """Set the LSTM forget-gate / GRU keep-gate bias to a number, or to chrono initialisation."""
    cell = cell_of(module)
    if cell not in GATE_OF_MEMORY:
        raise ValueError("gate_bias applies to the LSTM and GRU only")
    if not getattr(module, "bias", True):
        raise ValueError("gate_bias needs a module built with bias=True")
    if isinstance(bias, str) and bias != "chrono":
        raise ValueError(f"gate_bias must be a number or 'chrono', got {bias!r}")
    if not isinstance(bias, str) and not math.isfinite(float(bias)):
        raise ValueError(f"gate_bias must be finite, got {bias}")
    if bias == "chrono" and (max_len is None or max_len < 3):
        raise ValueError("chrono gate_bias needs max_len ≥ 3 (the longest dependency to remember)")
    block = GATE_OF_MEMORY[cell]
    for b_ih, b_hh in zip(_names(module, "bias_ih"), _names(module, "bias_hh")):
        b_ih, b_hh = getattr(module, b_ih), getattr(module, b_hh)
        hidden = b_ih.shape[0] // GATE_ROWS[cell]
        rows = slice(block * hidden, (block + 1) * hidden)
        if bias == "chrono":
            value = torch.log(1 + torch.rand(hidden, generator=generator) * (max_len - 2))
            if cell == "lstm":  # input gate opens rarely, in step with the forget gate
                b_ih[:hidden], b_hh[:hidden] = -value, 0.0
        else:
            value = torch.full((hidden,), float(bias))
        b_ih[rows], b_hh[rows] = value, 0.0
