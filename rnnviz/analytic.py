"""Numbers for the pages that train nothing: a tiny vanilla RNN unrolled over a typed text, and how
much the last state of a freshly initialised cell still depends on each earlier one.

Both build an `InstrumentedRNN`, set its weights from a seed (with `rnnviz.init` for the recurrent
matrix) and read the answer from `rnnviz.record`, so the pages show the engine's own numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from .cells import InstrumentedRNN
from .init import init_recurrent_weights, set_memory_gate_bias
from .record import record

MAX_TEXT = 40
ENCODINGS = ("onehot", "embedding")
EMBEDDING_SIZE = 4
# The cells of the analytic playground: name → (cell, nonlinearity).
CELL_KINDS = {"tanh": ("rnn", "tanh"), "relu": ("rnn", "relu"), "lstm": ("lstm", "tanh"), "gru": ("gru", "tanh")}
# Which block of the stacked W_hh the playground shows: the candidate (LSTM g, GRU n; all of a vanilla W_hh).
CANDIDATE_BLOCK = {"rnn": 0, "lstm": 2, "gru": 2}


def characters(text: str, max_len: int = MAX_TEXT) -> tuple[list[str], bool]:
    """The text as a list of characters (Unicode code points), cut to `max_len`; and whether it was cut."""
    chars = list(text)
    return chars[:max_len], len(chars) > max_len


def vocabulary(tokens: list[str]) -> list[str]:
    """The distinct tokens in order of first appearance."""
    return list(dict.fromkeys(tokens))


@dataclass
class Unroll:
    """A tiny tanh RNN run over one text: everything the unroll figure prints, as NumPy arrays."""

    tokens: list[str]        # the characters read, one per step
    vocab: list[str]         # the distinct characters: the one-hot dimensions
    encoding: str
    x: np.ndarray            # (T, input_size): what the RNN reads at each step
    h: np.ndarray            # (T, hidden): h_t after reading x_t
    pre: np.ndarray          # (T, hidden): W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
    w_ih: np.ndarray         # (hidden, input_size)  weight_ih_l0 = Ng's W_ax
    w_hh: np.ndarray         # (hidden, hidden)      weight_hh_l0 = Ng's W_aa
    bias: np.ndarray         # (hidden,)             bias_ih_l0 + bias_hh_l0 = Ng's b_a

    def h_prev(self, t: int) -> np.ndarray:
        """h_{t-1} for step t (0-based), with h_{-1} = 0 (Ng's a<0> = 0)."""
        return self.h[t - 1] if t > 0 else np.zeros(self.h.shape[1])


def unroll_text(tokens: list[str], hidden_size: int = 4, encoding: str = "onehot", seed: int = 0) -> Unroll:
    """Run a seeded tanh RNN over `tokens`: one-hot over the text's own characters, or a random
    (untrained) embedding of size 4.  W_hh and the biases depend only on the seed and hidden size,
    not on the text, so the recurrent matrix stays put while the user types."""
    if not tokens:
        raise ValueError("text must contain at least one character")
    if encoding not in ENCODINGS:
        raise ValueError(f"encoding must be one of {ENCODINGS}, got {encoding!r}")
    vocab = vocabulary(tokens)
    ids = torch.tensor([vocab.index(tok) for tok in tokens])
    gen = torch.Generator().manual_seed(seed)
    bound = 1 / math.sqrt(hidden_size)  # PyTorch's default: uniform in ±1/sqrt(hidden)

    def uniform(*shape):
        return (torch.rand(*shape, generator=gen) * 2 - 1) * bound

    w_hh, b_ih, b_hh = uniform(hidden_size, hidden_size), uniform(hidden_size), uniform(hidden_size)
    if encoding == "onehot":
        x = torch.nn.functional.one_hot(ids, len(vocab)).float()
    else:
        x = torch.randn(len(vocab), EMBEDDING_SIZE, generator=gen)[ids]
    w_ih = uniform(hidden_size, x.shape[1])
    rnn = InstrumentedRNN("rnn", x.shape[1], hidden_size)
    rnn.load_state_dict({"weight_ih_l0": w_ih, "weight_hh_l0": w_hh, "bias_ih_l0": b_ih, "bias_hh_l0": b_hh})
    trace = record(rnn, x[None], probe=("states", "gates"))
    return Unroll(tokens=list(tokens), vocab=vocab, encoding=encoding, x=x.numpy().astype(float),
                  h=trace.get("h")[0], pre=trace.get("pre")[0], w_ih=w_ih.numpy().astype(float),
                  w_hh=w_hh.numpy().astype(float), bias=(b_ih + b_hh).numpy().astype(float))


def fresh_cell(kind: str, hidden_size: int = 32, input_size: int = 8, init: str = "gaussian", scale: float = 1.0,
               gate_bias: float | None = None, seed: int = 0) -> InstrumentedRNN:
    """A cell of `kind` (see CELL_KINDS) with every W_hh block initialised by `init` × `scale` and,
    for the LSTM / GRU, the forget / keep gate bias set (None keeps PyTorch's)."""
    if kind not in CELL_KINDS:
        raise ValueError(f"cell must be one of {tuple(CELL_KINDS)}, got {kind!r}")
    cell, nonlinearity = CELL_KINDS[kind]
    rnn = InstrumentedRNN(cell, input_size, hidden_size, nonlinearity=nonlinearity)
    gen = torch.Generator().manual_seed(seed)
    rnn.reset_parameters(generator=gen)  # PyTorch's default init, from the seed rather than the global RNG
    init_recurrent_weights(rnn, init, scale, gen)
    if gate_bias is not None and cell != "rnn":
        set_memory_gate_bias(rnn, gate_bias)
    return rnn


@dataclass
class JacobianStudy:
    """‖∂h_T/∂h_t‖ of a fresh cell on random inputs, with its recurrent matrix."""

    profile: np.ndarray      # (T,): batch mean of the spectral norm of ∂h_{T-1}/∂h_t, t = 0..T-1
    w_hh: np.ndarray         # the block of W_hh shown (the candidate's for LSTM / GRU)
    radius: float            # its spectral radius, max |λ|
    theory: np.ndarray       # (T,): radius^(T-1-t), what a linear RNN with this W_hh does (roughly)


def jacobian_study(kind: str = "tanh", length: int = 50, init: str = "gaussian", scale: float = 1.0,
                   gate_bias: float | None = None, hidden_size: int = 32, input_size: int = 8, examples: int = 4,
                   seed: int = 0) -> JacobianStudy:
    """Jacobian profile of `fresh_cell(...)` over `examples` random inputs x_t ~ N(0, 1) of `length` steps."""
    if not 2 <= length <= 2000:
        raise ValueError(f"length must be between 2 and 2000, got {length}")
    rnn = fresh_cell(kind, hidden_size, input_size, init, scale, gate_bias, seed)
    x = torch.randn(examples, length, input_size, generator=torch.Generator().manual_seed(seed + 2))
    profile = record(rnn, x, probe=("states",)).jacobian_norms()
    block = CANDIDATE_BLOCK[rnn.cell]
    w_hh = rnn.weight_hh_l0.detach()[block * hidden_size:(block + 1) * hidden_size].double().numpy()
    radius = float(np.abs(np.linalg.eigvals(w_hh)).max())
    theory = radius ** np.arange(length - 1, -1, -1, dtype=float)
    return JacobianStudy(profile=profile, w_hh=w_hh, radius=radius, theory=theory)
