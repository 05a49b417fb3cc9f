"""Live training behind a page: a `LiveRun` sends its configs to the worker pool and collects what comes back.

A `LiveRun` trains one or more labelled configs in one worker process, a step each in turn, so that
curves that are compared grow side by side (`rnnviz.workers`: the pool, its fair queue, stop and
replacement).  The page never blocks: it reads `run.results` every half second and draws.  Stop takes
effect at once.  Only the latest snapshot of a result is kept whole; older ones are compacted to their
gradient norms, which is all that the animations over training read, and at most MAX_SNAPSHOTS are
kept, so a session holds a bounded amount of memory and gives it back when its runs are dropped.

A `Result` gives a page the task, the probe batch and `model()`: a local copy of the model, rebuilt
from the config and loaded with the latest weights the worker sent.  Before a run is queued its cost
is checked against the machine's budget (`rnnviz.budget`); a run that cannot fit ends at once with
status "error" and a message naming the limit and the setting to change.

Finished results are kept in a small process-wide cache keyed by the config: training is
deterministic for a seed, so a control moved back is instant, and a class of students asking for the
same default trains it once.  A `Call` computes one function of the package in a worker the same
way (a page's small demo) and is shared, finished or under way, by every session that asks for it.
Nothing here imports Streamlit.
"""

from __future__ import annotations

import copy
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

import pandas as pd

from .. import workers
from ..budget import check, machine_budget
from ..tasks import make_task
from ..tasks.base import Batch, Task
from ..train import ROW_COLUMNS, TrainConfig, build_model

CACHE_SIZE = 16
MAX_SNAPSHOTS = 64  # per result; beyond it every other snapshot is dropped (first and last kept)
CALL_SECONDS = 2.0  # a Call's estimate before one of its function has finished
_cache: OrderedDict[str, "Result"] = OrderedDict()
_calls: OrderedDict[tuple, "Call"] = OrderedDict()  # (name, repr(args)) → Call, under _cache_lock
_took: dict[str, float] = {}  # function name → seconds its last Call took in a worker
_cache_lock = threading.Lock()


@dataclass(eq=False)
class Result:
    """What one config's training produced, as far as it got."""

    config: TrainConfig
    rows: list = field(default_factory=list)          # one row per update (ROW_COLUMNS)
    snapshots: list = field(default_factory=list)     # (step, Trace)
    status: str = "idle"                  # idle | waiting (for a free worker) | running | done | diverged | stopped | error
    message: str = ""
    diverged_at: int | None = None
    model_step: int | None = None         # the update after which the latest weights were sent
    from_checkpoint: bool = False         # started from a checkpoint's weights: never shared through the cache
    _weights: dict | None = field(default=None, repr=False)
    _model: tuple | None = field(default=None, repr=False)  # (model_step, model) built from the weights

    @property
    def finished(self) -> bool:
        return self.status in ("done", "diverged", "stopped", "error")

    @property
    def step(self) -> int:
        return self.rows[-1][0] if self.rows else 0

    @property
    def latest_trace(self):
        return self.snapshots[-1][1] if self.snapshots else None

    @cached_property
    def task(self) -> Task:
        return make_task(self.config.task, **self.config.task_params)

    @cached_property
    def probe(self) -> Batch:
        """The fixed batch every snapshot replays."""
        return self.task.probe_batch(self.config.probe_size)

    def model(self):
        """The model as the worker last sent it (after training: the trained model), rebuilt here on the
        CPU; None before any weights arrived.  The same object until newer weights arrive: read it, do not
        train it."""
        step, weights = self.model_step, self._weights
        if weights is None:
            return None
        if self._model is None or self._model[0] != step:
            model = copy.deepcopy(_skeleton(self.config))
            model.load_state_dict(weights)
            self._model = (step, model)
        return self._model[1]

    def recent(self, column: str = "metric", steps: int = 20) -> float:
        """The mean of a history column over the last `steps` updates (one batch alone is noisy)."""
        return float(pd.Series([row[ROW_COLUMNS.index(column)] for row in self.rows[-steps:]]).mean())

    def history(self) -> pd.DataFrame:
        frame = pd.DataFrame(list(self.rows), columns=ROW_COLUMNS)
        if self.diverged_at is not None:
            frame.attrs["diverged_at"] = self.diverged_at
        return frame

    def receive(self, message: tuple) -> None:
        """Apply one message from the worker (see `workers.Job`)."""
        kind = message[0]
        if kind == "status":
            self.status, self.message = message[2], message[3]
        elif kind == "rows":
            self.rows.extend(message[2])
        elif kind == "snapshot":
            if self.snapshots:
                step, previous = self.snapshots[-1]
                self.snapshots[-1] = (step, previous.compact())
            self.snapshots.append((message[2], message[3]))
            if len(self.snapshots) > MAX_SNAPSHOTS:
                self.snapshots[1:-1] = self.snapshots[2:-1:2]
        elif kind == "weights":
            self._weights, self.model_step = message[3], message[2]
        elif kind == "end":
            self.status, self.message, self.diverged_at = message[2], message[3], message[4]
            _remember(self)


_skeletons: OrderedDict[str, object] = OrderedDict()
_skeleton_lock = threading.Lock()


def _skeleton(config: TrainConfig):
    """An untrained CPU model of the config's shape, built once per config (a few kept)."""
    key = config.key()
    with _skeleton_lock:
        if key not in _skeletons:
            _skeletons[key] = build_model(config)[1]  # no optimizer: its first build imports torch._dynamo
            while len(_skeletons) > CACHE_SIZE:
                _skeletons.popitem(last=False)
        return _skeletons[key]


def cached(config: TrainConfig) -> Result | None:
    with _cache_lock:
        result = _cache.get(config.key())
        if result is not None:
            _cache.move_to_end(config.key())
        return result


def _remember(result: Result) -> None:
    if result.status not in ("done", "diverged") or result.from_checkpoint:
        return
    with _cache_lock:
        _cache[result.config.key()] = result
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()
        _calls.clear()


class LiveRun:
    """Train `configs` (label → TrainConfig) in a worker process, round-robin.

    `owner` names the session the run belongs to (the queue serves owners in turn); `is_watched()`,
    when given, says whether anyone is still connected to it: after workers.ABANDON_SECONDS without
    anyone, the run stops as if Stop were pressed.  A label in `weights` (label → state dict, a checkpoint's)
    continues training those weights instead of starting afresh."""

    def __init__(self, configs: dict[str, TrainConfig], is_watched: Callable[[], bool] | None = None,
                 owner: str = "", weights: dict[str, dict] | None = None):
        if not configs:
            raise ValueError("a LiveRun needs at least one config")
        self.weights = weights or {}
        self.results: dict[str, Result] = {
            label: Result(config, from_checkpoint=True) if label in self.weights else cached(config) or Result(config)
            for label, config in configs.items()}
        self.from_cache = all(r.finished for r in self.results.values())
        self._is_watched, self._owner = is_watched, owner
        self._job: workers.Job | None = None
        workers.pool()  # started while the page is being read, so Train finds its workers ready

    @property
    def configs(self) -> dict[str, TrainConfig]:
        return {label: r.config for label, r in self.results.items()}

    def histories(self) -> dict[str, pd.DataFrame]:
        """label → history, for the results that have made at least one update."""
        return {label: r.history() for label, r in self.results.items() if r.rows}

    @property
    def running(self) -> bool:
        return self._job is not None and not self._job.ended.is_set()

    @property
    def finished(self) -> bool:
        return all(r.finished for r in self.results.values())

    @property
    def progress(self) -> float:
        total = sum(r.config.steps for r in self.results.values()) or 1
        done = sum(r.config.steps if r.status in ("done", "diverged") else r.step for r in self.results.values())
        return min(1.0, done / total)

    @property
    def place(self) -> int | None:
        """0 while training, n ≥ 1 while n − 1 runs will start before it, None when not queued."""
        return workers.pool().place(self._job) if self.running else None

    def seconds_left(self) -> float:
        """Honest-as-possible seconds until it is done: the wait in the queue plus its own training."""
        if not self.running:
            return 0.0
        pool = workers.pool()
        wait = pool.wait(self._job) if self.place else 0.0
        return wait + self._job.remaining(time.monotonic(), pool.pace())

    def refused(self) -> dict[str, str]:
        """label → why this machine's budget refuses that config (the limit and what to lower), for the
        configs still to train; empty when every one fits."""
        budget, found = machine_budget(workers.default_size()), {}
        for label, result in self.results.items():
            if not result.finished:
                try:
                    check(result.config, budget)
                except ValueError as exc:
                    found[label] = str(exc)
        return found

    def start(self) -> "LiveRun":
        if self.finished or self.running:
            return self
        for label, result in self.results.items():  # trained by another session meanwhile
            if not result.finished and not result.from_checkpoint:
                self.results[label] = cached(result.config) or result
        pending = {label: r for label, r in self.results.items() if not r.finished}
        for label, why in self.refused().items():
            pending[label].status, pending[label].message = "error", why
            del pending[label]
        if not pending:
            return self
        for result in pending.values():
            result.status = "waiting"
        weights = {label: self.weights[label] for label in pending if label in self.weights}
        self._job = workers.Job({label: r.config for label, r in pending.items()}, self._deliver, self._owner,
                                self._is_watched, weights)
        workers.pool().submit(self._job)
        return self

    def stop(self) -> None:
        if self._job is not None:
            workers.pool().cancel(self._job)

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the run to end; True when it has."""
        return self._job is None or self._job.ended.wait(timeout)

    def _deliver(self, message: tuple) -> None:
        if message[0] == "ended":  # the job is over: what did not end by itself ends with its status
            for result in self.results.values():
                if not result.finished:
                    result.status, result.message = message[1], message[2]
            return
        self.results[message[1]].receive(message)


class Call:
    """`name(*args)` — a function of the package, by its dotted name, with picklable args — computed in a
    worker process (`workers.Job.call`), for pages whose demo trains a small model in a second or two.
    `status` goes from waiting (in the queue or computing: see `place`) to done (`value` holds what it
    returned), error (`message` says why) or stopped.  One Call serves every session that asks for the same
    args (`call()`): it is queued under the session that asked first and abandoned only when no session that
    asked still watches it."""

    def __init__(self, name: str, args: tuple = (), owner: str = "", is_watched: Callable[[], bool] | None = None):
        self.name, self.args = name, args
        self.status, self.value, self.message = "waiting", None, ""
        self.answered = False  # the function returned or raised (not stopped, nor its worker lost)
        self._watchers = [is_watched]
        self._job = workers.Job({}, self._deliver, owner, self._watched, call=(name, args),
                                seconds=_took.get(name, CALL_SECONDS))

    @property
    def finished(self) -> bool:
        return self.status in ("done", "stopped", "error")

    @property
    def place(self) -> int | None:
        """0 while a worker computes it, n ≥ 1 while n − 1 jobs will start before it, None once finished."""
        return workers.pool().place(self._job) if not self.finished else None

    def seconds_left(self) -> float:
        """The wait in the queue plus its own estimate (how long the last call of this function took)."""
        if self.finished:
            return 0.0
        pool = workers.pool()
        wait = pool.wait(self._job) if self.place else 0.0
        return wait + self._job.remaining(time.monotonic(), pool.pace())

    def start(self) -> "Call":
        workers.pool().submit(self._job)
        return self

    def stop(self) -> None:
        workers.pool().cancel(self._job)

    def join(self, timeout: float | None = None) -> bool:
        """Wait for it to finish; True when it has."""
        return self._job.ended.wait(timeout)

    def watch(self, is_watched: Callable[[], bool] | None) -> None:
        """Another session waits for it too."""
        self._watchers.append(is_watched)

    def _watched(self) -> bool:
        return any(watched is None or watched() for watched in self._watchers)

    def _deliver(self, message: tuple) -> None:
        kind = message[0]
        if kind == "returned":
            self.status, self.value, self.answered = "done", message[1], True
            _took[self.name] = time.monotonic() - self._job.started
        elif kind == "failed":
            self.status, self.message, self.answered = "error", message[1], True
        elif kind == "ended" and not self.finished:
            self.status, self.message = message[1], message[2]


def call(name: str, *args, owner: str = "", is_watched: Callable[[], bool] | None = None) -> Call:
    """The Call of `name(*args)`: finished (from the process-wide cache, computed once for every session),
    under way for another session (which this one now watches too), or queued now under `owner`.  A call
    that ended unanswered (stopped, its worker lost) is asked afresh; an error the function raised is
    remembered, as the same args fail alike."""
    key = (name, repr(args))
    with _cache_lock:
        found = _calls.get(key)
        if found is not None and (found.answered or not found.finished):
            _calls.move_to_end(key)
            if not found.finished:
                found.watch(is_watched)
            return found
        found = _calls[key] = Call(name, args, owner, is_watched)
        while len(_calls) > CACHE_SIZE:
            _calls.popitem(last=False)
    return found.start()
