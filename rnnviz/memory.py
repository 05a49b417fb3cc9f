"""What a character model remembers of a text it reads (curriculum §2, §4; distill's "Memorization in RNNs"
and RNNbow): the connectivity of every prediction to every earlier character, its mean against distance,
and the itemised gradient of one prediction's error.

    conn = connectivity(model, task, text)       # (T, T): ‖∂ŷ_t/∂x_k‖, ŷ the logits, x the RNN's input
    profile = distance_profile(conn)             # mean of conn[t, t − d] over t, for d = 0 … T − 1
    bars = itemised_gradient(model, task, text, t)   # ‖step k's share of ∂L_t/∂W_hh‖, L_t the error at t

Everything is exact: the replay of `record`, the connectivity in the model's dtype and the itemised gradient
in float64; no Streamlit.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from .model import SequenceModel
from .record import Trace, record
from .tasks.charlm import CharLM


def _inputs(model: SequenceModel, task: CharLM, text: str) -> tuple[torch.Tensor, torch.Tensor]:
    """The ids of `text` and what the recurrent layer reads, (1, T, input size); unknown characters raise."""
    ids = task.encode(text)
    if len(ids) < 2:
        raise ValueError("text needs at least two characters: one to read and one to predict")
    with torch.no_grad():
        x = model.encode(ids[None].to(next(model.parameters()).device))
    return ids, x


def connectivity(model: SequenceModel, task: CharLM, text: str) -> np.ndarray:
    """(T, T): entry [t, k] is ‖∂ŷ_t/∂x_k‖_F, how strongly the prediction after reading character t (its
    logits) depends on the input at character k; zero for k > t.  Replayed in the model's own dtype:
    in float32 about twice as fast as float64, and within about 1e-7 of it (bench/connectivity.py)."""
    _, x = _inputs(model, task, text)
    return record(model.rnn, x, probe=(), dtype=None).connectivity(readout=model.readout)


def distance_profile(conn: np.ndarray) -> np.ndarray:
    """Length-T array: the mean of conn[t, t − d] over every t ≥ d, for each distance d."""
    steps = conn.shape[0]
    return np.array([np.diagonal(conn, -d).mean() for d in range(steps)])


def read_with_loss(model: SequenceModel, task: CharLM, text: str, at: int) -> Trace:
    """The Trace of the model reading `text` with the loss of one prediction: the cross-entropy of ŷ_at
    against the character that follows position `at` (0 ≤ at ≤ T − 2)."""
    ids, x = _inputs(model, task, text)
    if not 0 <= at < len(ids) - 1:
        raise ValueError(f"at must be a position with a next character, 0 … {len(ids) - 2}, got {at}")
    target = ids[at + 1:at + 2]
    return record(model.rnn, x, lambda out: F.cross_entropy(model.readout(out)[0, at:at + 1], target),
                  probe=("grads",))


def itemised_gradient(model: SequenceModel, task: CharLM, text: str, at: int) -> np.ndarray:
    """Length-T array: the Frobenius norm of what each step contributed to ∂L_at/∂W_hh (RNNbow), L_at the
    error of the prediction at `at`; zero after `at`."""
    return read_with_loss(model, task, text, at).itemised_grad_norms()
