"""The attention page's default comparison over seeds: does the lesson hold, and how soon does it show?

    .venv/bin/python bench/attention_seeds.py                  # seeds 0-9, the page's defaults
    .venv/bin/python bench/attention_seeds.py --seeds 3 --first 5 --steps 600 --hidden-size 32

For each seed both models train round-robin in one thread on one torch thread, one step each in turn, as
the page trains them (snapshots included).  Printed per seed: held-out exact match (greedy decoding, 512
examples) of both models, seconds for the whole run, and the first visible result: the second at which the
attention model's exact match over its last 20 batches is at least 0.5 and 0.25 above the other's (each
batch is fresh, scored before the model learns from it).  Seconds are CPU seconds of this process, which
equal wall-clock seconds on a free core and stay honest on a busy machine.  Then `solved n/10` lines:
attention ≥ 0.95, no attention ≤ 0.7, and both.
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch

from rnnviz.experiments import ATTENTION_LABELS, SEQ2SEQ_DEFAULTS, attention_comparison
from rnnviz.train import Training

NONE, ATTENTION = ATTENTION_LABELS["none"], ATTENTION_LABELS["attention"]
WINDOW, AHEAD, SHOWN = 20, 0.25, 0.5
GOAL_ATTENTION, GOAL_NONE = 0.95, 0.7


def recent(training: Training) -> float:
    rows = training.rows[-WINDOW:]
    return sum(row[2] for row in rows) / len(rows) if rows else 0.0


def run_seed(seed: int, length: int, task: str, overrides: dict) -> dict:
    trainings = {label: Training(config) for label, config in
                 attention_comparison(length=length, seed=seed, task=task, **overrides).items()}
    events = {label: iter(training) for label, training in trainings.items()}
    start, visible = time.process_time(), None
    while events:
        for label in list(events):
            if next(events[label], None) is None:
                del events[label]
        if visible is None and recent(trainings[ATTENTION]) >= max(SHOWN, recent(trainings[NONE]) + AHEAD):
            visible = time.process_time() - start
    seconds = time.process_time() - start
    return {"seed": seed, "seconds": seconds, "visible": visible,
            **{label: training.evaluate() for label, training in trainings.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="how many seeds (default %(default)s)")
    parser.add_argument("--first", type=int, default=0, help="the first seed (default %(default)s)")
    parser.add_argument("--task", default="reverse")
    parser.add_argument("--length", type=int, default=16)
    for name, value in SEQ2SEQ_DEFAULTS.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=value)
    args = parser.parse_args()
    torch.set_num_threads(1)
    overrides = {name: getattr(args, name) for name in SEQ2SEQ_DEFAULTS}
    print(f"task {args.task}, length {args.length}, " + ", ".join(f"{k} {v}" for k, v in overrides.items()))
    print(f"{'seed':>4} {NONE:>13} {ATTENTION:>10} {'visible at':>11} {'run':>6}")
    results = []
    for seed in range(args.first, args.first + args.seeds):
        r = run_seed(seed, args.length, args.task, overrides)
        results.append(r)
        shown = "never" if r["visible"] is None else f"{r['visible']:.1f} s"
        print(f"{seed:>4} {r[NONE]:>13.3f} {r[ATTENTION]:>10.3f} {shown:>11} {r['seconds']:>5.1f}s", flush=True)
    n = len(results)
    solved_attention = sum(r[ATTENTION] >= GOAL_ATTENTION for r in results)
    solved_none = sum(r[NONE] <= GOAL_NONE for r in results)
    both = sum(r[ATTENTION] >= GOAL_ATTENTION and r[NONE] <= GOAL_NONE for r in results)
    print(f"solved {solved_attention}/{n}: attention ≥ {GOAL_ATTENTION}")
    print(f"solved {solved_none}/{n}: no attention ≤ {GOAL_NONE}")
    print(f"solved {both}/{n}: both (the lesson holds)")
    shown = [r["visible"] for r in results if r["visible"] is not None]
    if shown:
        print(f"first visible result: median {statistics.median(shown):.1f} s, slowest {max(shown):.1f} s "
              f"({len(shown)}/{n} seeds); whole run: median {statistics.median(r['seconds'] for r in results):.1f} s")


if __name__ == "__main__":
    main()
