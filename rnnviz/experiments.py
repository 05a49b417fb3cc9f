"""Named experiments: the exact configs each page runs, so a notebook, a test, the CLI and the claims
benchmark (`rnnviz.claims`) run the same thing the page shows.

`cell_comparison` is the headline demo (curriculum §2–3): a vanilla RNN, an LSTM and a GRU, same
hidden size, same seed, same budget, on a task that needs a memory of `distance` steps.  How the
gated cells' memory gates start out (`GATE_INITS`) decides whether they learn.

`attention_comparison` is the attention page's demo (curriculum §6): one encoder–decoder without attention
and one with it, same seed, data and budget, on a seq2seq task.  `SEQ2SEQ_DEFAULTS` are its settings and
the CLI's defaults for seq2seq tasks, chosen by measurement (bench/attention_seeds.py).
"""

from __future__ import annotations

import numpy as np

from .record import Trace
from .tasks import TASKS
from .train import TrainConfig

CELL_LABELS = {"rnn": "vanilla RNN", "lstm": "LSTM", "gru": "GRU"}
# How the LSTM forget gate / GRU keep gate z start (rnnviz.init.set_memory_gate_bias): key → gate_bias.
GATE_INITS = {"pytorch": None, "bias1": 1.0, "bias4": 4.0, "chrono": "chrono"}
# Runs compared side by side train round-robin in one worker, so each run's snapshot clock ticks while the others
# step: every 1.5 s per run is one snapshot every half second on the page (0.5 s per run sent ~280 traces, 476 MB,
# through the web process for one headline comparison).
SHARED_SNAPSHOT_SECONDS = 1.5
HEADLINE_INIT = "chrono"  # measured (bench/claims.py): the only start where both gated cells solve on ≥ 9 of 10 seeds
# Measured over seeds 0–9 at length 16 (bench/attention_seeds.py): exact match 0.98–1.00 with attention, 0.07–0.14
# without; at 3e-3 for 800 steps the attention model swung after learning (0.94, 0.90 on seeds 1, 2).
SEQ2SEQ_DEFAULTS = dict(cell="gru", hidden_size=64, encoding="learned", lr=2e-3, batch_size=64, steps=1000)
ATTENTION_LABELS = {"none": "no attention", "attention": "attention"}


def cell_comparison(distance: int = 100, gate_init: str = HEADLINE_INIT, task: str = "recall", steps: int = 800,
                    hidden_size: int = 32, seed: int = 0, device: str = "cpu",
                    cells: tuple[str, ...] = ("rnn", "lstm", "gru")) -> dict[str, TrainConfig]:
    """label → TrainConfig for each cell.  Adam 3e-3, clipping 1.0, batch 64; `gate_init` (a key of
    GATE_INITS) sets how the LSTM forget gate and the GRU keep gate start; the vanilla RNN has none."""
    if gate_init not in GATE_INITS:
        raise ValueError(f"gate_init must be one of {tuple(GATE_INITS)}, got {gate_init!r}")
    params = {TASKS[task].length_param().name: distance}
    base = TrainConfig(task=task, task_params=params, hidden_size=hidden_size, steps=steps, seed=seed,
                       device=device, lr=3e-3, clip=1.0, batch_size=64, snapshot_seconds=SHARED_SNAPSHOT_SECONDS)
    return {CELL_LABELS[cell]: base.replace(cell=cell, gate_bias=None if cell == "rnn" else GATE_INITS[gate_init])
            for cell in cells}


def gate_bias_run(cell: str = "lstm", task: str = "recall", length: int = 20, hidden_size: int = 16,
                  steps: int = 800, gate_bias: float = 2.0, seed: int = 0, device: str = "cpu") -> TrainConfig:
    """The gates page: one LSTM or GRU whose memory gate starts at `gate_bias`, Adam 1e-2 (measured: recall
    over 20 steps is learned in ~40–300 steps with a bias of 2 or 4)."""
    return TrainConfig(task=task, task_params={TASKS[task].length_param().name: length}, cell=cell,
                       hidden_size=hidden_size, gate_bias=float(gate_bias), lr=1e-2, steps=steps, seed=seed,
                       device=device, snapshot_seconds=1.0)


def clipping_comparison(clip: float = 1.0, seed: int = 0, device: str = "cpu") -> dict[str, TrainConfig]:
    """The vanishing page's clipping demo: a ReLU RNN with W_hh = 1.5·I learns recall over 20 steps with SGD
    at 0.03, once unclipped ("free") and once clipped at `clip` ("clipped")."""
    base = TrainConfig(task="recall", task_params={"distance": 20}, cell="rnn", nonlinearity="relu",
                       init="identity", init_scale=1.5, optimizer="sgd", lr=0.03, hidden_size=32, batch_size=32,
                       steps=300, seed=seed, device=device)
    return {"free": base.replace(clip=None), "clipped": base.replace(clip=clip)}


BIDIRECTIONAL_TASKS = {"lookahead": {}, "recall": {"distance": 30}}


def bidirectional_comparison(task: str = "lookahead", cell: str = "lstm", layers: int = 1, steps: int = 200,
                             seed: int = 0, device: str = "cpu") -> dict[bool, TrainConfig]:
    """The deep & bidirectional page: the same model reading one way (False) and both ways (True)."""
    base = TrainConfig(task=task, task_params=BIDIRECTIONAL_TASKS[task], cell=cell, hidden_size=32,
                       num_layers=layers, steps=steps, seed=seed, device=device)
    return {bi: base.replace(bidirectional=bi) for bi in (False, True)}


def char_model(text: str | None = None, cell: str = "lstm", hidden_size: int = 128, steps: int = 250,
               seed: int = 0, device: str = "cpu") -> TrainConfig:
    """The character-model page: windows of 64 characters, a learned embedding, Adam 2e-2 (measured: LSTM 128,
    ≈ 250 steps in ≈ 20 s on one thread go from noise to words).  No mid-run snapshots: the page shows none."""
    return TrainConfig(task="charlm", task_params={"text": text, "seq_len": 64}, cell=cell, hidden_size=hidden_size,
                       encoding="learned", lr=2e-2, steps=steps, seed=seed, device=device, snapshot_steps=10_000_000)


MEMORY_DEFAULTS = dict(hidden_size=64, steps=250, probe_chars=200)  # the memory page; its maps cost ∝ probe_chars²


def memory_comparison(text: str | None = None, hidden_size: int = MEMORY_DEFAULTS["hidden_size"],
                      steps: int = MEMORY_DEFAULTS["steps"], seed: int = 0, device: str = "cpu") -> dict[str, TrainConfig]:
    """The memory page: a vanilla RNN, an LSTM and a GRU trained as the character page's model (`char_model`),
    same text, size, seed and budget."""
    return {CELL_LABELS[cell]: char_model(text, cell, hidden_size, steps, seed, device) for cell in CELL_LABELS}


def attention_comparison(length: int = 16, seed: int = 0, device: str = "cpu", task: str = "reverse",
                         attention: str = "additive", **overrides) -> dict[str, TrainConfig]:
    """{"no attention": TrainConfig, "attention": TrainConfig}: SEQ2SEQ_DEFAULTS (any of them overridden by
    keyword: cell=, steps=, hidden_size=, ...), the task at its defaults with its length set to `length`
    (tasks without a length, like dates, ignore it)."""
    length_param = TASKS[task].length_param()
    params = {length_param.name: length} if length_param else {}
    base = TrainConfig(task=task, task_params=params, seed=seed, device=device, **{**SEQ2SEQ_DEFAULTS, **overrides})
    return {ATTENTION_LABELS["none"]: base, ATTENTION_LABELS["attention"]: base.replace(attention=attention)}


def gradient_profiles(trace: Trace, label: str) -> dict[str, np.ndarray]:
    """‖∂L/∂h_t‖ of a trace under `label`, plus ‖∂L/∂c_t‖ (the LSTM's highway) when it has one."""
    profiles = {label: trace.grad_norms()}
    if trace.cell == "lstm":
        profiles[f"{label} ‖∂L/∂c_t‖"] = trace.grad_norms(quantity="c")
    return profiles
