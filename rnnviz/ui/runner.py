"""Live training behind a page: runs train() on a background thread that the page polls.

A `LiveRun` trains one or more labelled configs round-robin, one step each in turn, so that curves
that are compared grow side by side.  The page never blocks: it reads `run.results` every half second
and draws.  Stop takes effect before the next step or snapshot (well under a second for the models
the pages offer).  Only the latest snapshot of a result is kept whole; older ones are compacted to
their gradient norms, which is all that the animations over training read.

Finished results are kept in a small process-wide cache keyed by the config: training is
deterministic for a seed, so a control moved back is instant, and a class of students asking for the
same default trains it once.  A semaphore lets at most `MAX_CONCURRENT` runs train at once, so a
two-core server stays responsive with a room full of sessions.  Nothing here imports Streamlit.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd
import torch

from ..record import Trace
from ..train import ROW_COLUMNS, TrainConfig, Training

MAX_CONCURRENT = 2
TORCH_THREADS = 1  # small RNNs train fastest on one thread; a class shares two cores
CACHE_SIZE = 16
MAX_SNAPSHOTS = 64  # per result; beyond it every other snapshot is dropped (first and last kept)
ABANDON_SECONDS = 30  # a run nobody is connected to (its tab was closed) stops after this, freeing its core
_slots = threading.BoundedSemaphore(MAX_CONCURRENT)
_cache: OrderedDict[str, "Result"] = OrderedDict()
_cache_lock = threading.Lock()


@dataclass
class Result:
    """What one config's training produced, as far as it got."""

    config: TrainConfig
    training: Training | None = None
    snapshots: list = field(default_factory=list)     # (step, Trace)
    status: str = "idle"                  # idle | waiting (for a free core) | running | done | diverged | stopped | error
    message: str = ""
    diverged_at: int | None = None

    @property
    def finished(self) -> bool:
        return self.status in ("done", "diverged", "stopped", "error")

    @property
    def rows(self) -> list[tuple]:
        """One row per update (ROW_COLUMNS), as the training records them."""
        return self.training.rows if self.training is not None else []

    @property
    def step(self) -> int:
        return self.rows[-1][0] if self.rows else 0

    @property
    def latest_trace(self) -> Trace | None:
        return self.snapshots[-1][1] if self.snapshots else None

    def recent(self, column: str = "metric", steps: int = 20) -> float:
        """The mean of a history column over the last `steps` updates (one batch alone is noisy)."""
        return float(pd.Series([row[ROW_COLUMNS.index(column)] for row in self.rows[-steps:]]).mean())

    def history(self) -> pd.DataFrame:
        frame = pd.DataFrame(list(self.rows), columns=ROW_COLUMNS)
        if self.diverged_at is not None:
            frame.attrs["diverged_at"] = self.diverged_at
        return frame


def cached(config: TrainConfig) -> Result | None:
    with _cache_lock:
        result = _cache.get(config.key())
        if result is not None:
            _cache.move_to_end(config.key())
        return result


def _remember(result: Result) -> None:
    if result.status not in ("done", "diverged"):
        return
    with _cache_lock:
        _cache[result.config.key()] = result
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


class LiveRun:
    """Train `configs` (label → TrainConfig) round-robin on one background thread.

    `is_watched()`, when given, says whether anyone is still connected to the run (the session behind
    the browser tab); after ABANDON_SECONDS without anyone, the run stops as if Stop were pressed."""

    def __init__(self, configs: dict[str, TrainConfig], is_watched: Callable[[], bool] | None = None):
        if not configs:
            raise ValueError("a LiveRun needs at least one config")
        self.results: dict[str, Result] = {label: cached(config) or Result(config) for label, config in configs.items()}
        self.from_cache = all(r.finished for r in self.results.values())
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._is_watched = is_watched
        self._last_watched = self._last_check = time.monotonic()

    @property
    def configs(self) -> dict[str, TrainConfig]:
        return {label: r.config for label, r in self.results.items()}

    def histories(self) -> dict[str, pd.DataFrame]:
        """label → history, for the results that have made at least one update."""
        return {label: r.history() for label, r in self.results.items() if r.rows}

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def finished(self) -> bool:
        return all(r.finished for r in self.results.values())

    @property
    def progress(self) -> float:
        total = sum(r.config.steps for r in self.results.values()) or 1
        done = sum(r.config.steps if r.status in ("done", "diverged") else r.step for r in self.results.values())
        return min(1.0, done / total)

    def start(self) -> "LiveRun":
        if self.finished or self.running:
            return self
        for result in self.results.values():
            if not result.finished:
                result.status = "waiting"
        self._last_watched = self._last_check = time.monotonic()
        self._thread = threading.Thread(target=self._work, name="rnnviz-train", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the thread; True when it has ended."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.running

    def _work(self) -> None:
        torch.set_num_threads(TORCH_THREADS)  # per thread: each new thread starts with torch's default
        with _slots:
            if self._stop.is_set():  # stopped while it waited for a core
                for result in self.results.values():
                    if not result.finished:
                        result.status = "stopped"
                return
            for label, result in self.results.items():  # trained by another session while this one waited
                if not result.finished:
                    self.results[label] = cached(result.config) or result
            pending = {label: r for label, r in self.results.items() if not r.finished}
            iterators = {}
            for label, result in pending.items():
                try:
                    result.training = Training(result.config)
                    iterators[label] = iter(result.training)
                    result.status = "running"
                except Exception as exc:  # a bad device, a task that cannot be built: say so on the page
                    result.status, result.message = "error", f"{type(exc).__name__}: {exc}"
            while iterators and not self._stop.is_set():
                if self._abandoned():
                    break
                for label in list(iterators):
                    if self._stop.is_set():
                        break
                    self._advance(label, iterators)
            for label in iterators:
                self.results[label].status = "stopped"

    def _abandoned(self) -> bool:
        """True once nobody has watched the run for ABANDON_SECONDS (asked at most once a second)."""
        now = time.monotonic()
        if self._is_watched is None or now - self._last_check < 1.0:
            return False
        self._last_check = now
        if self._is_watched():
            self._last_watched = now
        return now - self._last_watched > ABANDON_SECONDS

    def _advance(self, label: str, iterators: dict) -> None:
        result = self.results[label]
        try:
            event = next(iterators[label])
        except StopIteration:
            del iterators[label]
            return
        except Exception as exc:  # keep the page alive; show the reason
            result.status, result.message = "error", f"{type(exc).__name__}: {exc}"
            traceback.print_exc()
            del iterators[label]
            return
        if event.trace is not None:
            if result.snapshots:
                step, previous = result.snapshots[-1]
                result.snapshots[-1] = (step, previous.compact())
            result.snapshots.append((event.step, event.trace))
            if len(result.snapshots) > MAX_SNAPSHOTS:
                result.snapshots[1:-1] = result.snapshots[2:-1:2]
        if event.kind in ("done", "diverged"):
            result.status, result.message = event.kind, event.message
            if event.kind == "diverged":
                result.diverged_at = event.step + 1
            _remember(result)
            del iterators[label]
