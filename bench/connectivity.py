"""How long does a connectivity map take?  `Trace.connectivity()` on a 200-character probe, 128-unit LSTM.

    python bench/connectivity.py [--repeats 3] [--chars 200] [--hidden 128] [--threads N]

The character model of the bundled sonnets (one-hot input, one LSTM layer, a linear readout; untrained,
since the cost does not depend on the weights) reads the first `--chars` characters.  Each repeat
records the probe (states only) and computes the whole (T × T) map ‖∂h_t/∂x_k‖, and the map through
the readout ‖∂ŷ_t/∂x_k‖, in float64 (record's default replay) and in float32 (the model's own dtype,
which the memory page uses), on `--threads` threads (default: every core).  The medians of wall and
CPU seconds are printed, then how far the float32 map strays from the float64 one and how many of its
entries underflow to 0 (none should: the tangents carry their own powers of two); the last line is
`seconds S`, the float32 map's median wall time (goal: at most 1 on 2 cores).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np
import torch

from rnnviz.model import SequenceModel
from rnnviz.record import record
from rnnviz.tasks.charlm import CharLM

DTYPES = {"float64": torch.float64, "float32": torch.float32}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--chars", type=int, default=200)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)  # what Trace.connectivity shares its chunks among
    task = CharLM(seq_len=args.chars)
    torch.manual_seed(0)
    model = SequenceModel(task, "lstm", args.hidden)
    x = model.encode(task.data[:args.chars][None]).detach()
    print(f"probe: {args.chars} characters, {task.vocab_size} distinct (one-hot inputs), LSTM of {args.hidden} units, "
          f"{args.threads} threads")
    runs = {f"{name}{' + readout' if readout else ''}": (dtype, readout)
            for name, dtype in DTYPES.items() for readout in (None, model.readout)}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    maps = {}
    for _ in range(args.repeats):
        for name, (dtype, readout) in runs.items():
            wall, cpu = time.perf_counter(), time.process_time()
            maps[name] = record(model.rnn, x, probe=("states",), dtype=dtype).connectivity(readout=readout)
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    for name, spent in times.items():
        wall, cpu = statistics.median(s[0] for s in spent), statistics.median(s[1] for s in spent)
        print(f"{name:20s} wall {wall:6.2f} s   cpu {cpu:6.2f} s")
    for readout in ("", " + readout"):
        exact, rounded = maps[f"float64{readout}"], maps[f"float32{readout}"]
        print(f"float32{readout:10s} vs float64: largest relative difference "
              f"{np.max(np.abs(rounded - exact)[exact > 0] / exact[exact > 0]):.1e}; "
              f"{np.count_nonzero((rounded == 0) & (exact > 0))} of {np.count_nonzero(exact)} entries underflow to 0")
    print(f"seconds {statistics.median(s[0] for s in times['float32']):.2f}")


if __name__ == "__main__":
    main()
