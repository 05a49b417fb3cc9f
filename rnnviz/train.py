"""Live training: `train(config)` is an iterator of events that any front end can consume.

    for event in rnnviz.train(rnnviz.TrainConfig(task="recall", cell="lstm", gate_bias=4.0)):
        print(event.step, event.loss, event.metric)       # event.trace: a snapshot, now and then

The model trains on the fused torch.nn module (for seq2seq tasks, an encoder–decoder with or without
attention: `seq2seq.py`).  Every `snapshot_seconds` (or `snapshot_steps`; timed
snapshots also wait at least 9× their own cost, so they never take more than a tenth of the run) the
fixed probe batch is replayed through an instrumented copy (`record`), and that Trace rides on the
event.  The first event is a snapshot at step 0, before any update; the last is "done" (with a final
snapshot), "diverged" (the loss became NaN or infinite: the run ends, the model is kept), or nothing
more if the caller stops iterating.  Same seed, same curve on the CPU.
"""

from __future__ import annotations

import copy
import json
import math
import threading
import time
from dataclasses import asdict, dataclass, field, fields
from typing import Iterator

import pandas as pd
import torch

from .cells import CELLS
from .init import W_HH_SCHEMES, init_recurrent_weights, set_memory_gate_bias
from .model import ENCODINGS, SequenceModel
from .record import Trace, record
from .seq2seq import ATTENTIONS, Seq2SeqModel, Seq2SeqTrace, record_seq2seq
from .tasks import Task, make_task

OPTIMIZERS = ("adam", "sgd")
DEVICES = ("auto", "cpu", "cuda", "mps")
EVENT_KINDS = ("snapshot", "step", "done", "diverged")
ROW_COLUMNS = ["step", "loss", "metric", "grad_norm", "clipped", "elapsed"]
SNAPSHOT_SHARE = 9  # timed snapshots wait at least 9× their own cost: they never take over 10 % of a run
EVAL_SEED = 2**40 + 99  # the evaluation batch: above every training data seed, like the probe's (tasks/base.py)
_BUILD_LOCK = threading.Lock()  # torch's global RNG initialises modules: one build at a time


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides a run.  Invalid values raise ValueError naming the field."""

    task: str = "recall"
    task_params: dict = field(default_factory=dict)
    cell: str = "lstm"
    hidden_size: int = 32
    num_layers: int = 1
    bidirectional: bool = False
    nonlinearity: str = "tanh"          # vanilla RNN only: "tanh" | "relu"
    encoding: str = "onehot"            # token tasks: "onehot" | "learned"
    init: str = "default"               # W_hh: "default" | "gaussian" | "orthogonal" | "identity"
    init_scale: float = 1.0             # gain (≈ spectral radius) for gaussian / orthogonal / identity
    gate_bias: float | str | None = None  # LSTM forget / GRU keep gate: None (PyTorch's), a number, "chrono"
    optimizer: str = "adam"
    lr: float = 3e-3
    clip: float | None = 1.0            # gradient-norm clipping threshold; None: no clipping
    batch_size: int = 64
    steps: int = 600
    seed: int = 0
    device: str = "auto"
    snapshot_seconds: float = 0.5
    snapshot_steps: int | None = None   # when set, snapshot every N steps instead of every N seconds
    probe_size: int = 8
    threads: int | None = None          # torch CPU threads; None leaves torch's setting
    attention: str = "none"             # seq2seq tasks: "none" | "additive" | "dot" | "general"

    def __post_init__(self):
        _choice("cell", self.cell, CELLS)
        _choice("nonlinearity", self.nonlinearity, ("tanh", "relu"))
        _choice("encoding", self.encoding, ENCODINGS)
        _choice("init", self.init, W_HH_SCHEMES)
        _choice("optimizer", self.optimizer, OPTIMIZERS)
        _choice("device", self.device, DEVICES)
        _choice("attention", self.attention, ATTENTIONS)
        _whole("hidden_size", self.hidden_size, 1, 1024)
        _whole("num_layers", self.num_layers, 1, 4)
        _whole("batch_size", self.batch_size, 1, 4096)
        _whole("steps", self.steps, 0, 10_000_000)
        _whole("seed", self.seed, 0, 2**31 - 1)
        _whole("probe_size", self.probe_size, 1, 256)
        _real("lr", self.lr, 0.0, 10.0, open_low=True)
        _real("init_scale", self.init_scale, 0.0, 100.0)
        _real("snapshot_seconds", self.snapshot_seconds, 0.0, 3600.0)
        if self.clip is not None:
            _real("clip", self.clip, 0.0, 1e6, open_low=True)
        if self.snapshot_steps is not None:
            _whole("snapshot_steps", self.snapshot_steps, 1, 10_000_000)
        if self.threads is not None:
            _whole("threads", self.threads, 1, 256)
        if self.gate_bias is not None:
            if self.cell == "rnn":
                raise ValueError("gate_bias applies to the LSTM and GRU only (cell is 'rnn')")
            if isinstance(self.gate_bias, str):
                _choice("gate_bias", self.gate_bias, ("chrono",))
            else:
                _real("gate_bias", self.gate_bias, -50.0, 50.0)
        task = make_task(self.task, **self.task_params)  # validates the task and its parameters
        if self.attention != "none" and task.shape != "seq2seq":
            raise ValueError(f"attention applies to seq2seq tasks only (reverse, sort, dates); task {self.task!r} "
                             f"is {task.shape}")
        if self.gate_bias == "chrono" and task.seq_len < 3:
            raise ValueError(f"gate_bias 'chrono' needs sequences of at least 3 steps; this task has {task.seq_len}")

    def replace(self, **changes) -> "TrainConfig":
        return TrainConfig(**{**asdict(self), **changes})

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "TrainConfig":
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown config fields: {sorted(unknown)}")
        return cls(**data)

    def key(self) -> str:
        """A stable string identifying the run's result: everything but how it is watched, with the
        task's parameters in full (so {"distance": 100} and {"distance": 100, "n_symbols": 4} agree)."""
        watched = {"snapshot_seconds", "snapshot_steps", "threads"}
        fields_ = {k: v for k, v in asdict(self).items() if k not in watched}
        fields_["task_params"] = make_task(self.task, **self.task_params).params
        return json.dumps(fields_, sort_keys=True, default=str)


@dataclass
class Event:
    kind: str                 # one of EVENT_KINDS
    step: int                 # optimizer updates done so far
    loss: float = math.nan
    metric: float = math.nan
    grad_norm: float = math.nan
    clipped: bool = False
    elapsed: float = 0.0      # seconds since the run started
    trace: Trace | Seq2SeqTrace | None = None
    message: str = ""


def available_devices() -> list[str]:
    """The devices this machine can train on, "cpu" first."""
    found = ["cpu"]
    if torch.cuda.is_available():
        found.append("cuda")
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        found.append("mps")
    return found


def resolve_device(name: str, config: TrainConfig | None = None) -> torch.device:
    """The device `name` names.  "auto" is the GPU only where `config`'s updates measure faster there
    (`faster_device`): a small RNN steps through time one kernel launch at a time on a GPU, and often
    trains faster on the CPU."""
    available = available_devices()
    if name == "auto":
        name = "cpu" if "cuda" not in available else faster_device(config) if config else "cuda"
    if name not in available:
        raise ValueError(f"device {name!r} was asked for, but this machine has only {', '.join(available)}")
    return torch.device(name)


TIMED_UPDATES = 3          # updates timed per device, after one warm-up
_FASTER: dict[str, str] = {}  # a config's size → the device that measured faster, in this process


def update_seconds(config: TrainConfig, device: str) -> float:
    """Seconds per update of a throwaway copy of `config`'s run on `device` (one warm-up update first).
    The copy has its own model, optimizer and data generator: the real run is untouched."""
    trial = Training(config.replace(device=device))
    trial._train_step()
    start = time.perf_counter()
    for _ in range(TIMED_UPDATES):
        trial._train_step()  # ends in .item(): the device has finished
    return (time.perf_counter() - start) / TIMED_UPDATES


def faster_device(config: TrainConfig) -> str:
    """"cuda" or "cpu", whichever ran a few updates of this size faster (measured once per size)."""
    size = json.dumps({k: getattr(config, k) for k in ("task", "task_params", "cell", "hidden_size", "num_layers",
                                                       "bidirectional", "encoding", "attention", "batch_size")},
                      sort_keys=True, default=str)
    if size not in _FASTER:
        _FASTER[size] = min(("cuda", "cpu"), key=lambda device: update_seconds(config, device))
    return _FASTER[size]


def build_model(config: TrainConfig) -> tuple[Task, SequenceModel | Seq2SeqModel]:
    """The config's task and its untrained model on the CPU, with the config's seed and initialisation."""
    task = make_task(config.task, **config.task_params)
    with _BUILD_LOCK, torch.random.fork_rng(devices=[]):  # same seed, same weights, whatever else runs
        torch.manual_seed(config.seed)
        if task.shape == "seq2seq":
            model = Seq2SeqModel(task, config.cell, config.hidden_size, config.num_layers, config.bidirectional,
                                 config.nonlinearity, config.encoding, config.attention)
        else:
            model = SequenceModel(task, config.cell, config.hidden_size, config.num_layers, config.bidirectional,
                                  config.nonlinearity, config.encoding)
    init_gen = torch.Generator().manual_seed(config.seed + 1)
    init_recurrent_weights(model.rnn, config.init, config.init_scale, init_gen)
    if config.gate_bias is not None:
        set_memory_gate_bias(model.rnn, config.gate_bias, max_len=task.seq_len, generator=init_gen)
    return task, model


class Training:
    """One run: the task, the model, the optimizer, and the event iterator over them."""

    def __init__(self, config: TrainConfig):
        self.config = config
        if config.threads is not None:
            torch.set_num_threads(config.threads)
        self.device = resolve_device(config.device, config)
        self.task, self.model = build_model(config)
        self.model.to(self.device)
        params = self.model.parameters()
        self.optimizer = (torch.optim.Adam(params, lr=config.lr) if config.optimizer == "adam"
                          else torch.optim.SGD(params, lr=config.lr))
        self.data_gen = torch.Generator().manual_seed(config.seed + 2)
        self.probe = self.task.probe_batch(config.probe_size).to(self.device)
        self.step = 0
        self.rows: list[tuple] = []  # one per update, columns ROW_COLUMNS
        self._update_lock = threading.Lock()  # held while the weights change, so copies are never torn
        self._events = self._run()

    def __iter__(self) -> Iterator[Event]:
        return self

    def __next__(self) -> Event:
        return next(self._events)

    def snapshot(self) -> Trace | Seq2SeqTrace:
        """Replay the probe batch through an instrumented copy of the current model (float64; float32 on
        Apple MPS, which has no float64)."""
        y = self.probe.y
        dtype = torch.float32 if self.device.type == "mps" else torch.float64
        if self.task.shape == "seq2seq":
            return record_seq2seq(self.model, self.task, self.probe.x, y, dtype=dtype)
        x = self.model.encode(self.probe.x).detach()
        return record(self.model.rnn, x, loss_fn=lambda out: self.task.loss(self.model.readout(out), y), dtype=dtype)

    def copy_model(self) -> SequenceModel | Seq2SeqModel:
        """A copy of the model between two updates, safe to use while training goes on in another thread."""
        with self._update_lock:
            return copy.deepcopy(self.model)

    @torch.no_grad()
    def evaluate(self, batch_size: int = 512) -> float:
        """The task metric on a fixed batch the model never trains on (seq2seq: greedy decoding)."""
        batch = self.task.sample(batch_size, torch.Generator().manual_seed(EVAL_SEED)).to(self.device)
        model = self.copy_model().eval()
        if self.task.shape == "seq2seq":
            return self.task.metric(model(batch.x, steps=batch.y.shape[1]), batch.y)
        pred, _ = model(batch.x)
        return self.task.metric(pred, batch.y)

    def history(self) -> pd.DataFrame:
        """One row per update: step, loss, metric, grad_norm, clipped, elapsed."""
        return pd.DataFrame(self.rows, columns=ROW_COLUMNS)

    def _train_step(self) -> tuple[float, float, float, bool]:
        batch = self.task.sample(self.config.batch_size, self.data_gen).to(self.device)
        pred = self.model(batch.x, batch.y) if self.task.shape == "seq2seq" else self.model(batch.x)[0]
        loss = self.task.loss(pred, batch.y)
        if not torch.isfinite(loss):
            return loss.item(), math.nan, math.nan, False
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        clip = self.config.clip
        norm = torch.nn.utils.clip_grad_norm_(self.model.parameters(), clip if clip else math.inf).item()
        if math.isfinite(norm):
            with self._update_lock:
                self.optimizer.step()
        return loss.item(), self.task.metric(pred.detach(), batch.y), norm, bool(clip and norm > clip)

    def _run(self) -> Iterator[Event]:
        cfg = self.config
        start = time.perf_counter()
        yield Event("snapshot", 0, trace=self.snapshot())
        last_snap = time.perf_counter()
        snap_cost = last_snap - start
        self.model.train()
        while self.step < cfg.steps:
            loss, metric, norm, clipped = self._train_step()
            elapsed = time.perf_counter() - start
            if not (math.isfinite(loss) and math.isfinite(norm)):
                what = "loss" if not math.isfinite(loss) else "gradient norm"
                yield Event("diverged", self.step, loss, metric, norm, clipped, elapsed,
                            message=f"the {what} became {loss if what == 'loss' else norm} at step {self.step + 1}; "
                                    "training stopped (try a smaller learning rate, or clipping)")
                return
            self.step += 1
            self.rows.append((self.step, loss, metric, norm, clipped, elapsed))
            due = (self.step % cfg.snapshot_steps == 0) if cfg.snapshot_steps else (
                time.perf_counter() - last_snap >= max(cfg.snapshot_seconds, SNAPSHOT_SHARE * snap_cost))
            trace = None
            if due and self.step < cfg.steps:
                before = time.perf_counter()
                trace = self.snapshot()
                last_snap = time.perf_counter()
                snap_cost = last_snap - before
            yield Event("step", self.step, loss, metric, norm, clipped, elapsed, trace)
        last = self.rows[-1] if self.rows else (0, math.nan, math.nan, math.nan, False, 0.0)
        yield Event("done", self.step, *last[1:5], time.perf_counter() - start, self.snapshot())


def train(config: TrainConfig | None = None, **overrides) -> Training:
    """Start a run; iterate over it for events.  `train(cell="gru", steps=200)` works too."""
    config = (config or TrainConfig()).replace(**overrides) if overrides else (config or TrainConfig())
    return Training(config)


def _choice(name, value, allowed):
    if value not in allowed:
        raise ValueError(f"{name} must be one of {tuple(allowed)}, got {value!r}")


def _whole(name, value, low, high):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number between {low} and {high}, got {value!r}")


def _real(name, value, low, high, open_low=False):
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or value > high or value < low or (open_low and value == low):
        bound = f"({low}, {high}]" if open_low else f"[{low}, {high}]"
        raise ValueError(f"{name} must be a finite number in {bound}, got {value!r}")
