"""How long the headline demo (page 3, default settings) makes a class wait.

Three ways of timing the page's default configs (vanilla RNN, LSTM and GRU at distance 100):
- `engine` (default): the engine alone, the three `train()` iterators stepped round-robin in this
  process, as a worker does; reports when the first result (a point and a gradient profile for all
  three cells) exists, when the LSTM first holds ≥ 90 % accuracy, and when all three have finished.
  The target is a first result within 15 s on 2 CPU cores; the last line is `ratio <first / 15 s>`.
- `worker`: the page's own `LiveRun`, trained in the worker pool; the same figures and last line.
- `browser`: `streamlit run app.py` and headless Chromium: open the page, press its button, and time
  until the page shows all three finished; then the engine alone on the same machine.  The target is
  at most 1.3× the engine's time; the last line is `ratio <browser / engine>`.

    .venv/bin/python bench/headline_latency.py [--mode engine|worker|browser] [--threads 1]
"""

import argparse
import sys
import time
from pathlib import Path

import torch

from rnnviz.experiments import cell_comparison
from rnnviz.train import Training
from rnnviz.ui.runner import LiveRun, clear_cache

TARGET_SECONDS = 15.0


class _Engine:
    """The three runs stepped round-robin in this process, shaped like a LiveRun's results."""

    def __init__(self, configs):
        self.results = {label: Training(config) for label, config in configs.items()}
        self.snapshots = {label: [] for label in configs}
        self._events = {label: iter(training) for label, training in self.results.items()}

    def advance(self) -> bool:
        for label in list(self._events):
            try:
                event = next(self._events[label])
            except StopIteration:
                del self._events[label]
                continue
            if event.trace is not None:
                self.snapshots[label].append(event.step)
        return bool(self._events)


def lstm_recent(rows) -> float:
    return sum(row[2] for row in rows[-20:]) / max(1, len(rows[-20:]))


def engine() -> dict:
    start = time.perf_counter()
    run = _Engine(cell_comparison())
    first = solved = None
    while run.advance():
        now = time.perf_counter() - start
        if first is None and all(t.rows and run.snapshots[label] for label, t in run.results.items()):
            first = now
        lstm = run.results["LSTM"]
        if solved is None and len(lstm.rows) >= 20 and lstm_recent(lstm.rows) >= 0.9:
            solved = now, lstm.step
    finals = {label: lstm_recent(t.rows) for label, t in run.results.items()}
    return {"first": first, "solved": solved, "total": time.perf_counter() - start, "finals": finals}


def worker() -> dict:
    clear_cache()
    start = time.perf_counter()
    run = LiveRun(cell_comparison()).start()
    first = solved = None
    while run.running:
        now = time.perf_counter() - start
        if first is None and all(r.rows and r.snapshots for r in run.results.values()):
            first = now
        lstm = run.results["LSTM"]
        if solved is None and len(lstm.rows) >= 20 and lstm.recent("metric") >= 0.9:
            solved = now, lstm.step
        time.sleep(0.05)
    finals = {label: r.recent("metric") for label, r in run.results.items()}
    return {"first": first, "solved": solved, "total": time.perf_counter() - start, "finals": finals}


def browser() -> float:
    """Seconds from pressing the page's button until it shows every run done."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from browser import chromium, server, settle

    from rnnviz.ui import PAGES, url_path

    steps = sum(config.steps for config in cell_comparison().values())
    flow = url_path(next(p for p in PAGES if p.key == "flow"))
    with server() as (url, _), chromium() as b:
        tab = b.new_page(viewport={"width": 1400, "height": 1000})
        tab.goto(f"{url}/{flow}", wait_until="networkidle")
        tab.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=120_000)
        settle(tab)
        tab.wait_for_timeout(8000)  # the worker pool, started by the page, is ready
        began = time.perf_counter()
        tab.locator('[data-testid="stMainBlockContainer"] [data-testid="stBaseButton-primary"]').first.click()
        tab.wait_for_function("s => Array.from(document.querySelectorAll('[data-testid=\"stProgress\"]'))"
                              ".some(e => e.innerText.includes(`step ${s} of ${s}`) && e.innerText.includes('done'))",
                              arg=steps, timeout=600_000, polling=100)
        return time.perf_counter() - began


def report(found: dict) -> None:
    print(f"first result on screen   {found['first']:6.2f} s")
    solved = found["solved"]
    print("LSTM at ≥ 90 % accuracy  " + (f"{solved[0]:6.2f} s (step {solved[1]})" if solved else "never"))
    print(f"all three finished       {found['total']:6.2f} s")
    for label, accuracy in found["finals"].items():
        print(f"  {label:12s} final accuracy {accuracy:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["engine", "worker", "browser"], default="engine")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads (the app uses 1)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    steps = sum(config.steps for config in cell_comparison().values())
    print(f"mode {args.mode}, threads {args.threads}, {steps} steps in all")
    if args.mode == "browser":
        seconds = browser()
        print(f"browser: all three finished on the page  {seconds:6.2f} s")
        alone = engine()
        print(f"engine alone: all three finished         {alone['total']:6.2f} s")
        print(f"ratio {seconds / alone['total']:.3f}")
        return
    found = engine() if args.mode == "engine" else worker()
    report(found)
    print(f"ratio {found['first'] / TARGET_SECONDS:.3f}")


if __name__ == "__main__":
    main()
