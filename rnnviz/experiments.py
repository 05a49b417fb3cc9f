"""Named experiments: the exact configs a page runs, so a notebook, a test or the CLI can run the same.

`cell_comparison` is the headline demo (curriculum §2–3): a vanilla RNN, an LSTM and a GRU, same
hidden size, same seed, same budget, on a task that needs a memory of `distance` steps.  Whether the
gated cells start out remembering (their forget / keep gate biased open) decides whether they learn.
"""

from __future__ import annotations

import numpy as np

from .record import Trace
from .tasks import TASKS
from .train import TrainConfig

CELL_LABELS = {"rnn": "vanilla RNN", "lstm": "LSTM", "gru": "GRU"}
REMEMBER_BIAS = 4.0  # σ(4) ≈ 0.98: the gate keeps 98 % of the memory per step at the start


def cell_comparison(distance: int = 100, remember: bool = True, task: str = "recall", steps: int = 400,
                    hidden_size: int = 32, seed: int = 0, device: str = "cpu",
                    cells: tuple[str, ...] = ("rnn", "lstm", "gru")) -> dict[str, TrainConfig]:
    """label → TrainConfig for each cell.  Adam 3e-3, clipping 1.0, batch 64; `remember` sets the
    LSTM forget-gate and GRU keep-gate bias to +4 (PyTorch's default init leaves them near σ(0) = 0.5)."""
    params = {TASKS[task].length_param().name: distance}
    base = TrainConfig(task=task, task_params=params, hidden_size=hidden_size, steps=steps, seed=seed,
                       device=device, lr=3e-3, clip=1.0, batch_size=64)
    return {CELL_LABELS[cell]: base.replace(cell=cell, gate_bias=REMEMBER_BIAS if remember and cell != "rnn" else None)
            for cell in cells}


def gradient_profiles(trace: Trace, label: str) -> dict[str, np.ndarray]:
    """‖∂L/∂h_t‖ of a trace under `label`, plus ‖∂L/∂c_t‖ (the LSTM's highway) when it has one."""
    profiles = {label: trace.grad_norms()}
    if trace.cell == "lstm":
        profiles[f"{label} ‖∂L/∂c_t‖"] = trace.grad_norms(quantity="c")
    return profiles

