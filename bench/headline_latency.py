"""How long the headline demo (page 3, default settings) makes a class wait.

Runs the page's own LiveRun on its default configs (vanilla RNN, LSTM and GRU at distance 100) the way
the page does, and reports when the first result (a point and a gradient profile for all three
cells) is on screen, when the LSTM first holds ≥ 90 % accuracy, and when all three have finished.
The target is a first result within 15 s on 2 CPU cores; the last line is `ratio <first result / 15 s>`
(below 1 meets the target).

    .venv/bin/python bench/headline_latency.py [--threads 1]
"""

import argparse
import time

import torch

from rnnviz.experiments import cell_comparison
from rnnviz.ui.runner import LiveRun, clear_cache

TARGET_SECONDS = 15.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads (the app uses 1)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    clear_cache()
    start = time.perf_counter()
    run = LiveRun(cell_comparison()).start()
    first = solved = None
    while run.running:
        results = run.results.values()
        now = time.perf_counter() - start
        if first is None and all(r.rows and r.snapshots for r in results):
            first = now
        lstm = run.results["LSTM"]
        if solved is None and len(lstm.rows) >= 20 and lstm.recent("metric") >= 0.9:
            solved = now, lstm.step
        time.sleep(0.05)
    total = time.perf_counter() - start
    print(f"threads {args.threads}, {sum(r.config.steps for r in run.results.values())} steps in all")
    print(f"first result on screen   {first:6.2f} s")
    print("LSTM at ≥ 90 % accuracy  " + (f"{solved[0]:6.2f} s (step {solved[1]})" if solved else "never"))
    print(f"all three finished       {total:6.2f} s")
    for label, result in run.results.items():
        print(f"  {label:12s} final accuracy {result.recent('metric'):.2f}")
    print(f"ratio {first / TARGET_SECONDS:.3f}")


if __name__ == "__main__":
    main()
