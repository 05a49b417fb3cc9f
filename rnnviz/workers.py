"""Training off the web process: a pool of worker processes fed by a fair queue.

A `Pool` keeps `size` worker processes, each on one torch thread, that iterate `rnnviz.train()`
and send back what a page needs: new rows (batched every FLUSH_SECONDS), every snapshot Trace, the
model's weights now and then (WEIGHTS_SECONDS) and at the end, and each run's final status.  A `Job`
is one or more labelled configs that one worker trains round-robin, a step each in turn, so compared
curves grow side by side.  Jobs wait in a fair queue: one line per owner (a browser session), served
round-robin, so a session that asks for several runs never keeps another one waiting behind them.
A job may instead `call` a function of the package by its dotted name with picklable arguments (a page's
demo that trains a small model in a second or two): the worker sends back its value or the error's message.

`cancel()` takes effect at once for the job's results; the worker is asked to stop before its next
step and, when it has not within STOP_GRACE seconds (a long step, a snapshot), it is killed and a fresh
one takes its place.  A job whose owner has gone (`is_watched()` false for ABANDON_SECONDS) is
cancelled the same way.  Nothing here imports Streamlit; notebooks call `rnnviz.train()` in-process
and never start a pool.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import importlib
import itertools
import os
import pickle
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Callable

import torch

from .budget import estimate
from .train import TrainConfig, Training

FLUSH_SECONDS = 0.2      # rows reach the page at most this late (a page redraws twice a second)
WEIGHTS_SECONDS = 1.0    # the model's weights travel at most this often while it trains, and at the end
STOP_GRACE = 0.5         # seconds a worker gets to stop by itself before it is killed and replaced
ABANDON_SECONDS = 30.0   # a job nobody watches any more (its tab was closed) is cancelled after this
RECYCLE_GROWTH = 64 << 20  # a worker that grew by more than this is replaced once nothing waits
TRIM_SECONDS = 30.0       # how often an idle server hands freed memory back to the system
TORCH_THREADS = 1        # small RNNs train fastest on one thread; the workers share the machine's cores
NICE = 19                # training yields the CPU to the web process and the browsers: a person waits for a redraw
ROOT = Path(__file__).resolve().parents[1]  # the folder that holds the package, so the worker imports this copy

# One BLAS thread per worker: the replay (record.py) runs its BPTT in NumPy, whose OpenBLAS threads
# torch.set_num_threads does not limit; a pool already has one worker per core.
WORKER_ENV = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def default_size() -> int:
    """Workers for this machine: one per core ($RNNVIZ_WORKERS overrides; bench/concurrent_sessions.py
    measured 1 and 2 on two cores)."""
    return int(os.environ.get("RNNVIZ_WORKERS", 0)) or max(1, os.cpu_count() or 1)


@dataclass(eq=False)
class Job:
    """Labelled configs to train in one worker.  `deliver(message)` is called from the pool's threads with
    ("status", label, status, message), ("rows", label, rows), ("snapshot", label, step, trace),
    ("weights", label, step, state_dict) and ("end", label, status, message, diverged_at).  A label in
    `weights` starts from that state dict (a checkpoint's) instead of its config's fresh initialisation.
    A job with `call` = (dotted name, args) trains nothing: the worker calls that function of the package with
    the args and it delivers ("returned", value) or ("failed", message); give it its `seconds` estimate."""

    configs: dict[str, TrainConfig]
    deliver: Callable[[tuple], None]
    owner: str = ""
    is_watched: Callable[[], bool] | None = None
    weights: dict[str, dict] = field(default_factory=dict)
    call: tuple[str, tuple] | None = None
    seconds: float | None = None            # estimated time: all configs' training unless given
    started: float | None = None            # time.monotonic() when a worker took it
    steps_done: int = 0
    ended: threading.Event = field(default_factory=threading.Event)
    _last_watched: float = field(default_factory=time.monotonic)

    def __post_init__(self):
        if self.seconds is None:
            self.seconds = sum(estimate(config).seconds for config in self.configs.values())

    @property
    def steps(self) -> int:
        return sum(config.steps for config in self.configs.values()) or 1

    def remaining(self, now: float, pace: float = 1.0) -> float:
        """Seconds still to train: from its own pace once it has one, else the estimate × `pace` (how much
        slower than estimated the running jobs go)."""
        if self.started is None:
            return self.seconds * pace
        elapsed = now - self.started
        if self.steps_done >= 10:
            return elapsed * (self.steps / self.steps_done - 1)
        return max(0.0, self.seconds * pace - elapsed)

    def pace(self, now: float) -> float | None:
        """Seconds taken per second estimated, once it has trained a little."""
        if self.started is None or self.steps_done < 10:
            return None
        return (now - self.started) / (self.seconds * self.steps_done / self.steps)


class Channel:
    """Messages over a socket, pickled plainly (torch's own pickler would try to share tensor memory)."""

    def __init__(self, fd: int):
        self._conn = Connection(fd)

    def send(self, message) -> None:
        self._conn.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def recv(self):
        return pickle.loads(self._conn.recv_bytes())

    def poll(self) -> bool:
        return self._conn.poll()


class _Worker:
    """One worker process (`python -m rnnviz.workers`, so that nothing of the parent's main module runs
    again in it) and the thread that reads what it sends over a socket pair."""

    def __init__(self, pool: "Pool"):
        self.pool, self.job, self.ready, self.ready_rss = pool, None, False, 0
        mine, theirs = socket.socketpair()
        self.process = subprocess.Popen([sys.executable, "-m", "rnnviz.workers", str(theirs.fileno())],
                                        pass_fds=[theirs.fileno()], cwd=ROOT, env=WORKER_ENV)
        _lower_priority(self.process.pid)  # already while it imports torch: a replacement starts mid-class
        theirs.close()
        self.conn = Channel(mine.detach())
        threading.Thread(target=self._read, daemon=True, name="rnnviz-worker-reader").start()

    def _read(self) -> None:
        while True:
            try:
                message = self.conn.recv()
            except (EOFError, OSError):
                self.process.wait()
                self.pool._lost(self)
                return
            self.pool._received(self, message)

    def send(self, message) -> bool:
        try:
            self.conn.send(message)
            return True
        except (OSError, ValueError):
            return False

    def rss(self) -> int:
        try:
            with open(f"/proc/{self.process.pid}/statm") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:  # not Linux: never recycled
            return 0

    def kill(self) -> None:
        self.process.kill()


class Pool:
    """`size` worker processes and the fair queue in front of them."""

    def __init__(self, size: int | None = None):
        self.size = size or default_size()
        self._lock = threading.RLock()
        self._queue: OrderedDict[str, deque[Job]] = OrderedDict()  # owner → jobs, owners served in turn
        self._workers = [_Worker(self) for _ in range(self.size)]
        self._closed = False
        threading.Thread(target=self._watch, daemon=True, name="rnnviz-pool-watch").start()

    def submit(self, job: Job) -> Job:
        with self._lock:
            self._queue.setdefault(job.owner, deque()).append(job)
            self._dispatch()
        return job

    def cancel(self, job: Job) -> None:
        """End the job now: its unfinished results become "stopped"; its worker stops or is replaced."""
        with self._lock:
            line = self._queue.get(job.owner)
            if line is not None and job in line:
                line.remove(job)
                if not line:
                    del self._queue[job.owner]
            worker = next((w for w in self._workers if w.job is job), None)
            self._end(job, "stopped")
            if worker is not None:
                worker.send("stop")
                threading.Timer(STOP_GRACE, self._kill_if_still, args=(worker, job)).start()

    def place(self, job: Job) -> int | None:
        """0 while a worker trains the job, n ≥ 1 when n − 1 jobs will start before it, None once ended."""
        with self._lock:
            if any(w.job is job for w in self._workers):
                return 0
            order = self._order()
            return order.index(job) + 1 if job in order else None

    def pace(self) -> float:
        """How much slower than estimated the running jobs train (1 until one has a pace): a loaded
        machine makes every estimate in the queue longer by as much."""
        now = time.monotonic()
        with self._lock:
            paces = [p for w in self._workers if w.job is not None and (p := w.job.pace(now)) is not None]
        return sum(paces) / len(paces) if paces else 1.0

    def wait(self, job: Job) -> float:
        """Seconds until the job should start: every job ahead of it, on the first worker to be free."""
        now, pace = time.monotonic(), self.pace()
        with self._lock:
            free = sorted(w.job.remaining(now, pace) if w.job is not None else 0.0 for w in self._workers)
            for ahead in self._order():
                if ahead is job:
                    return free[0]
                free[0] += ahead.seconds * pace
                free.sort()
        return 0.0

    def busy(self) -> int:
        with self._lock:
            return sum(w.job is not None for w in self._workers)

    def active(self) -> int:
        """Jobs training or waiting."""
        with self._lock:
            return self.busy() + sum(len(line) for line in self._queue.values())

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for job in [*self._order(), *(w.job for w in self._workers if w.job is not None)]:
                self._end(job, "stopped")
            self._queue.clear()
            for worker in self._workers:
                worker.kill()

    # -- inside the pool (callers hold no lock; these take it) --

    def _order(self) -> list[Job]:
        """The queued jobs in the order they will start: each owner's first, then each owner's second, …"""
        lines = [list(line) for line in self._queue.values()]
        return [job for round_ in itertools.zip_longest(*lines) for job in round_ if job is not None]

    def _dispatch(self) -> None:
        for worker in self._workers:
            if not self._queue:
                return
            if worker.ready and worker.job is None:
                owner, line = next(iter(self._queue.items()))
                job = line.popleft()
                if line:
                    self._queue.move_to_end(owner)
                else:
                    del self._queue[owner]
                worker.job, job.started = job, time.monotonic()
                if job.call is not None:
                    worker.send(("call", *job.call))
                else:
                    worker.send(("run", {label: c.to_dict() for label, c in job.configs.items()}, job.weights))

    def _received(self, worker: _Worker, message: tuple) -> None:
        with self._lock:
            if worker not in self._workers:  # replaced (killed): what it sent before it died no longer counts
                return
            job = worker.job
            if message[0] == "ready":
                worker.ready, worker.ready_rss = True, worker.rss()
            elif message[0] == "idle":
                worker.job = None
                if job is not None:
                    self._end(job, "stopped")
                if not self._queue and worker.rss() > worker.ready_rss + RECYCLE_GROWTH:
                    self._replace(worker)
            elif job is not None and not job.ended.is_set():
                if message[0] == "rows":
                    job.steps_done += len(message[2])
                job.deliver(message)
            if not self._closed:
                self._dispatch()

    def _lost(self, worker: _Worker) -> None:
        with self._lock:
            if worker.job is not None:
                self._end(worker.job, "error", "the training process ended unexpectedly")
            if worker in self._workers and not self._closed:
                self._replace(worker)
                self._dispatch()

    def _replace(self, worker: _Worker) -> None:
        index = self._workers.index(worker)
        self._workers[index] = _Worker(self)
        worker.job = None
        worker.kill()

    def _kill_if_still(self, worker: _Worker, job: Job) -> None:
        with self._lock:
            if worker.job is job and worker in self._workers:
                self._replace(worker)

    def _end(self, job: Job, status: str, message: str = "") -> None:
        """Mark every result of the job that has not ended with `status`, once."""
        if job.ended.is_set():
            return
        job.deliver(("ended", status, message))
        job.ended.set()

    def _watch(self) -> None:
        """Once a second: cancel jobs nobody has watched for ABANDON_SECONDS; while nothing trains, hand
        the memory that closed sessions freed back to the system now and then."""
        trimmed = time.monotonic()
        while not self._closed:
            time.sleep(1.0)
            now = time.monotonic()
            with self._lock:
                jobs = [*self._order(), *(w.job for w in self._workers if w.job is not None)]
            if not jobs and now - trimmed > TRIM_SECONDS:
                _trim()
                trimmed = now
            for job in jobs:
                if job.is_watched is None:
                    continue
                if job.is_watched():
                    job._last_watched = now
                elif now - job._last_watched > ABANDON_SECONDS:
                    self.cancel(job)


def _trim() -> None:
    """Collect cycles and return free heap pages to the system (glibc; elsewhere only the collection)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


_pool: Pool | None = None
_pool_lock = threading.Lock()


def pool() -> Pool:
    """The process-wide pool, started on first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = Pool()
        return _pool


def _lower_priority(pid: int) -> None:
    """Run process `pid` (0: this one) at NICE, however often it is asked (os.nice would add up)."""
    with contextlib.suppress(OSError):  # it has just exited
        os.setpriority(os.PRIO_PROCESS, pid, NICE)


# -- the worker process --

def serve(conn: Channel, threads: int) -> None:
    """A worker's whole life: train each job it is sent, until its connection closes.  It runs at a lower
    priority than the web process, so a page redraw never waits behind training."""
    _lower_priority(0)
    torch.set_num_threads(threads)
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message == "stop":  # arrived after its job had ended
            continue
        if message[0] == "call":
            _call(*message[1:], conn)
        else:
            _, configs, weights = message
            _train({label: TrainConfig.from_dict(c) for label, c in configs.items()}, conn, weights)
        conn.send(("idle",))


def _call(name: str, args: tuple, conn) -> None:
    """Call the package's function `name` (dotted: "rnnviz.module.function") with `args` and send its value, or
    why it failed in one line (the traceback goes to the server's log).  A "stop" is not read while it runs:
    the pool kills a worker that has not stopped within STOP_GRACE."""
    try:
        module, function = name.rsplit(".", 1)
        if module.split(".")[0] != __package__:
            raise ValueError(f"only functions of {__package__} can be called, not {name!r}")
        reply = ("returned", getattr(importlib.import_module(module), function)(*args))
    except Exception as exc:
        traceback.print_exc()
        reply = ("failed", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(reply)  # pickled whole before a byte is sent
    except OSError:  # the web process has gone: nobody to answer
        raise SystemExit(0)
    except Exception as exc:  # a value that cannot be pickled
        conn.send(("failed", f"{name} returned what cannot be sent back: {type(exc).__name__}: {exc}"))


def _train(configs: dict[str, TrainConfig], conn, weights: dict[str, dict] | None = None) -> None:
    """Train the configs round-robin, a step each in turn, sending what the page shows; a label in `weights`
    starts from that state dict."""
    runs = {}
    for label, config in configs.items():
        try:
            training = Training(config)
            if weights and label in weights:
                training.model.load_state_dict(weights[label])
            runs[label] = _Run(label, training, iter(training), conn)
            conn.send(("status", label, "running", ""))
        except Exception as exc:  # a bad device, a task that cannot be built: say so on the page
            conn.send(("end", label, "error", f"{type(exc).__name__}: {exc}", None))
    while runs:
        if conn.poll():  # "stop"
            conn.recv()
            break
        for label in list(runs):
            if not runs[label].advance():
                del runs[label]


class _Run:
    """One config's events, turned into messages."""

    def __init__(self, label: str, training: Training, events, conn):
        self.label, self.training, self.events, self.conn = label, training, events, conn
        self.sent_rows, self.flushed, self.weighed = 0, 0.0, 0.0

    def advance(self) -> bool:
        """One event; False once the run has ended."""
        try:
            event = next(self.events)
        except StopIteration:
            return False
        except Exception as exc:  # keep the page alive; show the reason
            traceback.print_exc()
            self.flush()
            self.conn.send(("end", self.label, "error", f"{type(exc).__name__}: {exc}", None))
            return False
        now = time.monotonic()
        ending = event.kind in ("done", "diverged")
        if event.trace is not None or ending or now - self.flushed >= FLUSH_SECONDS:
            self.flush()
        if event.trace is not None:
            self.conn.send(("snapshot", self.label, event.step, event.trace))
            if ending or now - self.weighed >= WEIGHTS_SECONDS:
                self.send_weights()
        if ending:
            if event.trace is None:  # diverged: the model as it was
                self.send_weights()
            diverged_at = event.step + 1 if event.kind == "diverged" else None
            self.conn.send(("end", self.label, event.kind, event.message, diverged_at))
            return False
        return True

    def flush(self) -> None:
        rows = self.training.rows[self.sent_rows:]
        if rows:
            self.conn.send(("rows", self.label, rows))
            self.sent_rows += len(rows)
        self.flushed = time.monotonic()

    def send_weights(self) -> None:
        state = {name: tensor.detach().cpu().clone() for name, tensor in self.training.model.state_dict().items()}
        self.conn.send(("weights", self.label, self.training.step, state))
        self.weighed = time.monotonic()


if __name__ == "__main__":
    try:
        serve(Channel(int(sys.argv[1])), TORCH_THREADS)
    except OSError:  # the web process went away mid-message (it shut down): nobody is left to tell
        sys.exit(0)
