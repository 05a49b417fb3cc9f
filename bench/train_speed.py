"""How much does watching cost?  Steps/s of `rnnviz.train` against a bare PyTorch loop doing the same work.

    python bench/train_speed.py [--steps 300] [--repeats 3] [--threads 1] [--device cpu|cuda]

Both train the classroom config (recall over 100 distractors, LSTM with forget-gate bias 4, hidden 32,
batch 64, Adam 3e-3, clipping at 1.0).  rnnviz.train also snapshots every 0.5 s, and all its events
are consumed.  Runs are interleaved and repeated; the median counts.  The last line is `ratio R`:
rnnviz steps/s divided by bare steps/s (target: at least 0.9).
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch
import torch.nn.functional as F
from torch import nn

from rnnviz.tasks import make_task
from rnnviz.train import TrainConfig, Training

CONFIG = TrainConfig(task="recall", task_params={"distance": 100}, cell="lstm", gate_bias=4.0, hidden_size=32,
                     batch_size=64, optimizer="adam", lr=3e-3, clip=1.0, snapshot_seconds=0.5)


def bare_loop(steps: int, device: torch.device) -> float:
    """Seconds for `steps` updates of a plain nn.LSTM model on the same task."""
    task = make_task(CONFIG.task, **CONFIG.task_params)
    torch.manual_seed(0)
    lstm = nn.LSTM(task.input_size, CONFIG.hidden_size, batch_first=True).to(device)
    head = nn.Linear(CONFIG.hidden_size, task.output_size).to(device)
    params = [*lstm.parameters(), *head.parameters()]
    optimizer = torch.optim.Adam(params, lr=CONFIG.lr)
    gen = torch.Generator().manual_seed(2)
    start = time.perf_counter()
    for _ in range(steps):
        batch = task.sample(CONFIG.batch_size, gen).to(device)
        out, _ = lstm(F.one_hot(batch.x, task.vocab_size).float())
        loss = F.cross_entropy(head(out[:, -1]), batch.y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(params, CONFIG.clip)
        optimizer.step()
        loss.item()
    return time.perf_counter() - start


def engine(steps: int, device: torch.device, threads: int) -> tuple[float, int, float]:
    """Seconds for `steps` updates through rnnviz.train, the snapshots it took, and their seconds."""
    training = Training(CONFIG.replace(steps=steps, device=device.type, threads=threads))
    snapshot, spent = training.snapshot, []

    def timed_snapshot():
        t = time.perf_counter()
        trace = snapshot()
        spent.append(time.perf_counter() - t)
        return trace

    training.snapshot = timed_snapshot
    start = time.perf_counter()
    for _ in training:
        pass
    return time.perf_counter() - start, len(spent), sum(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=300, help="updates per timed run (default %(default)s)")
    parser.add_argument("--repeats", type=int, default=3, help="interleaved runs of each; the median counts")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads, as the app uses (default %(default)s)")
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)

    bare_loop(30, device)  # warm up both paths
    engine(30, device, args.threads)
    bare, ours, snaps, snap_seconds = [], [], [], []
    for _ in range(args.repeats):
        bare.append(args.steps / bare_loop(args.steps, device))
        seconds, count, spent = engine(args.steps, device, args.threads)
        ours.append(args.steps / seconds)
        snaps.append(count)
        snap_seconds.append(spent / count)

    ratio = statistics.median(ours) / statistics.median(bare)
    print("config   recall distance 100, LSTM hidden 32 gate bias 4, batch 64, Adam 3e-3, clip 1.0")
    print(f"run      {args.device}, {args.threads} threads, {args.steps} steps x {args.repeats} (median), "
          f"torch {torch.__version__}")
    print(f"{'':22}{'steps/s':>10}")
    print(f"{'bare PyTorch loop':22}{statistics.median(bare):10.1f}")
    print(f"{'rnnviz.train':22}{statistics.median(ours):10.1f}   "
          f"{statistics.median(snaps):.0f} snapshots per run, "
          f"{1000 * statistics.median(snap_seconds):.1f} ms per snapshot")
    print(f"ratio {ratio:.2f}")


if __name__ == "__main__":
    main()
