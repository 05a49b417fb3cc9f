"""What does one snapshot cost?  The instrumented replay against the fused forward + backward it explains.

    python bench/probe_replay.py [--repeats 7] [--threads 1]

The probe of issue 9: 8 sequences of 200 steps (recall over 199 distractors) through a 128-unit LSTM.
`record()` replays it keeping states, gates and the gradients of every step, in float64 (the
snapshot's precision) and in float32.  The baseline is what training pays for the same batch: the
fused torch.nn.LSTM as it trains (float32), forward, the same loss through the same readout, and
backward to every weight.  All are timed interleaved, `--repeats` times; the medians count, of wall
time and of this process's CPU time (the cost, whatever else the machine runs; on an idle machine the
two agree).  The last line is `ratio R`: float64 replay CPU time over fused CPU time (target: at most 2).
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch

from rnnviz.record import record
from rnnviz.train import TrainConfig, Training

CONFIG = TrainConfig(task="recall", task_params={"distance": 199}, cell="lstm", hidden_size=128, probe_size=8)
DTYPES = {"float64": torch.float64, "float32": torch.float32}


def setup():
    """The model, its probe input (B, T, I), and the loss the snapshot uses."""
    training = Training(CONFIG)
    model, probe = training.model, training.probe
    x = model.encode(probe.x).detach()
    return model, x, lambda out: training.task.loss(model.readout(out), probe.y)


def timed(run) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def fused(model, x, loss_fn) -> None:
    out, _ = model.rnn(x)
    torch.autograd.grad(loss_fn(out), list(model.rnn.parameters()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    model, x, loss_fn = setup()
    runs = {"fused": lambda: fused(model, x, loss_fn),
            **{name: (lambda d=dtype: record(model.rnn, x, loss_fn=loss_fn, dtype=d)) for name, dtype in DTYPES.items()}}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for repeat in range(args.repeats + 1):  # the first round warms up
        for name, run in runs.items():
            spent = timed(run)
            if repeat:
                times[name].append(spent)
    wall = {name: statistics.median(t[0] for t in values) for name, values in times.items()}
    cpu = {name: statistics.median(t[1] for t in values) for name, values in times.items()}
    print(f"{'':34s} {'wall ms':>8s} {'cpu ms':>8s} {'wall ratio':>11s} {'cpu ratio':>10s}")
    for name in runs:
        label = "fused forward+backward (float32)" if name == "fused" else f"replay in {name}"
        print(f"{label:34s} {wall[name] * 1e3:8.1f} {cpu[name] * 1e3:8.1f} "
              f"{wall[name] / wall['fused']:11.2f} {cpu[name] / cpu['fused']:10.2f}")
    print(f"ratio {cpu['float64'] / cpu['fused']:.2f}")

if __name__ == "__main__":
    main()
