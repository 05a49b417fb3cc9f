"""Where does a GPU pay?  Seconds per update on the CPU and on the GPU for a grid of model sizes, and
what `device="auto"` chose for each.

    python bench/device_choice.py [--threads 1]

Each row trains a few updates of a throwaway run (`rnnviz.train.update_seconds`): the recall task at
distance 100, batch 64 unless the row says otherwise.  Printed: ms per update on each device, the
GPU's speed-up (CPU time / GPU time) and auto's choice.  Without a GPU the CPU column alone is
printed.  The last line is `ratio R`: auto's update time over the faster device's, summed over the
rows (1.00 means auto always picked the faster one; it measures, so above 1 only from noise).
"""

from __future__ import annotations

import argparse

import torch

from rnnviz.train import TrainConfig, available_devices, faster_device, update_seconds

SIZES = [  # (cell, hidden_size, num_layers, batch_size)
    ("rnn", 8, 1, 16), ("lstm", 32, 1, 64), ("lstm", 128, 1, 64), ("lstm", 256, 2, 256), ("gru", 512, 2, 512),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    gpu = "cuda" in available_devices()
    print(f"{'cell':>5} {'units':>5} {'layers':>6} {'batch':>5} {'cpu ms':>8} {'gpu ms':>8} {'speed-up':>8} auto")
    chosen = best = 0.0
    for cell, units, layers, batch in SIZES:
        config = TrainConfig(task="recall", task_params={"distance": 100}, cell=cell, hidden_size=units,
                             num_layers=layers, batch_size=batch)
        cpu = update_seconds(config, "cpu")
        if not gpu:
            print(f"{cell:>5} {units:>5} {layers:>6} {batch:>5} {cpu * 1e3:8.1f} {'-':>8} {'-':>8} cpu")
            chosen, best = chosen + cpu, best + cpu
            continue
        cuda = update_seconds(config, "cuda")
        pick = faster_device(config)
        print(f"{cell:>5} {units:>5} {layers:>6} {batch:>5} {cpu * 1e3:8.1f} {cuda * 1e3:8.1f} {cpu / cuda:8.2f} {pick}")
        chosen += cpu if pick == "cpu" else cuda
        best += min(cpu, cuda)
    print(f"ratio {chosen / best:.2f}")


if __name__ == "__main__":
    main()
