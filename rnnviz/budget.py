"""What a run will cost before it starts: memory and seconds estimated from its config, and a check
against a budget that refuses, with a message naming the limit and the settings to change, what would
not fit.

The estimates count what dominates: the fused layer's activations kept for backward (batch × length
× layers × directions × gates × units, float32), the float64 step-by-step replay of the probe batch
(probe size × the same), the parameters with their gradients and Adam's two moments; time is a fixed
cost per step, a cost per timestep of every layer and direction, and the matrix products at about
3e10 floating-point operations a second on one CPU thread (the replay's small float64 ones at 2e9),
measured on this project's 2-core machine to within a factor of a few.  They are for refusing the
impossible and for telling a waiting student roughly how long, not for promises: a running job's pace
replaces them (`workers.Job.remaining`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .tasks import make_task
from .train import TrainConfig

GATES = {"rnn": 1, "gru": 3, "lstm": 4}
FLOPS = 3e10                 # floating-point operations per second, one thread (large products)
STEP_OVERHEAD = 5e-3         # seconds per update: sampling, loss, optimizer
TIMESTEP_OVERHEAD = 5e-5     # seconds per timestep, layer and direction, plus as much again per gate
REPLAY_OVERHEAD = 2e-3       # the replay steps in Python: seconds per timestep, layer and direction
REPLAY_FLOPS = 2e9           # the replay's small float64 products, one thread
ACTIVATION_FACTOR = 2.5      # autograd keeps about this many copies of the gates and states (measured)


@dataclass(frozen=True)
class Estimate:
    memory: int          # bytes at the peak of a step or a snapshot
    step: float          # seconds per update
    snapshot: float      # seconds per snapshot
    seconds: float       # the whole run, snapshots included


@dataclass(frozen=True)
class Budget:
    memory: int = 4 << 30       # bytes one run may hold
    step: float = 5.0           # seconds one update may take (the first curve point must come soon)
    snapshot: float = 10.0      # seconds one snapshot may take
    seconds: float = 900.0      # the whole run


def machine_budget(workers: int) -> Budget:
    """A share of this machine: half its memory split between `workers` runs, at most 4 GiB each."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        total = 8 << 30
    return Budget(memory=min(4 << 30, total // (2 * max(1, workers))))


def estimate(config: TrainConfig) -> Estimate:
    task = make_task(config.task, **config.task_params)
    length, units, layers = task.seq_len, config.hidden_size, config.num_layers
    directions, gates = 1 + config.bidirectional, GATES[config.cell]
    inputs = task.input_size if config.encoding == "onehot" or task.vocab_size is None else units
    cells = length * layers * directions                              # (timestep, layer, direction) pairs
    macs = gates * units * (max(inputs, units * directions) + units)  # per example and pair
    weights = layers * directions * gates * units * (max(inputs, units * directions) + units + 2)
    train_bytes = 4 * ACTIVATION_FACTOR * config.batch_size * cells * units * (gates + 3)
    replay_bytes = 8 * 2 * config.probe_size * cells * units * (gates + 6)
    memory = int(train_bytes + replay_bytes + 4 * 4 * weights)
    step = STEP_OVERHEAD + cells * TIMESTEP_OVERHEAD * (1 + gates) + 6 * config.batch_size * cells * macs / FLOPS
    snapshot = cells * REPLAY_OVERHEAD + 6 * config.probe_size * cells * macs / REPLAY_FLOPS
    training = config.steps * step
    if config.snapshot_steps:
        snapshots = 2 + config.steps // config.snapshot_steps
    else:
        snapshots = 2 + training / max(config.snapshot_seconds, 9 * snapshot, 1e-3)
    return Estimate(memory, step, snapshot, training + min(snapshots, config.steps + 2) * snapshot)


def check(config: TrainConfig, budget: Budget) -> Estimate:
    """The estimate, or ValueError naming the limit crossed and the settings that would bring the run
    within it."""
    cost = estimate(config)
    length = make_task(config.task, **config.task_params).seq_len
    shape = (f"batch_size ({config.batch_size}), hidden_size ({config.hidden_size}), num_layers "
             f"({config.num_layers}){', bidirectional' if config.bidirectional else ''} or the sequence length "
             f"({length})")
    if cost.memory > budget.memory:
        raise ValueError(f"this run needs about {_bytes(cost.memory)} of memory, more than the {_bytes(budget.memory)} "
                         f"a run may use on this server: lower {shape}")
    if cost.step > budget.step:
        raise ValueError(f"one update of this run would take about {cost.step:.0f} s, more than the {budget.step:.0f} s "
                         f"allowed on this server: lower {shape}")
    if cost.snapshot > budget.snapshot:
        raise ValueError(f"one snapshot of this run would take about {cost.snapshot:.0f} s, more than the "
                         f"{budget.snapshot:.0f} s allowed on this server: lower probe_size ({config.probe_size}), "
                         f"hidden_size, num_layers or the sequence length ({length})")
    if cost.seconds > budget.seconds:
        raise ValueError(f"this run would take about {cost.seconds / 60:.0f} min, more than the "
                         f"{budget.seconds / 60:.0f} min a run may take on this server: lower steps ({config.steps}) "
                         f"or {shape}")
    return cost


def _bytes(n: int) -> str:
    return f"{n / (1 << 30):.1f} GiB" if n >= 1 << 30 else f"{n / (1 << 20):.0f} MiB"
