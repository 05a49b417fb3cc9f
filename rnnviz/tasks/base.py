"""The one interface every task shares: what goes in, what comes out, how it is scored.

A task is a seeded, deterministic generator of batches plus its loss, metric and chance level.
Each task declares its parameters once, in `PARAMS` (name, type, range, default, help): the
constructor validates against it, and the CLI's options, the pages' inputs and `TrainConfig`
read the same declaration.
Inputs are either token ids (LongTensor (B, T), `vocab_size` set; the model one-hot encodes or
embeds them) or real vectors (FloatTensor (B, T, input_size), `vocab_size` None).

Shapes (curriculum §1):
    many_to_one   one prediction per sequence, read at the last step      pred (B, output_size)
    many_to_many  one prediction per step                                 pred (B, T, output_size)
    seq2seq       an input sequence mapped to an output sequence of its own length (encoder-decoder)
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

import torch
from torch import Tensor

SHAPES = ("many_to_one", "many_to_many", "seq2seq")
# The fixed probe batch's seed: above every training data seed (TrainConfig.seed + 2 ≤ 2³¹ + 1), so the
# probe is never a training batch.
PROBE_SEED = 2**40 + 1234


@dataclass
class Batch:
    x: Tensor  # LongTensor (B, T) of token ids, or FloatTensor (B, T, input_size)
    y: Tensor  # targets: class ids (long) or values (float), shaped like the prediction minus its last axis for classes

    def to(self, device) -> "Batch":
        return Batch(self.x.to(device), self.y.to(device))


@dataclass(frozen=True)
class Param:
    """One parameter of a task.  Pages label it with the catalogue key "param.<name>"."""

    name: str
    kind: type                 # int, float or str
    default: Any
    low: float | None = None   # inclusive bounds for numbers
    high: float | None = None
    help: str = ""             # one sentence for `rnnviz run --help`
    length: bool = False       # the task's sequence length (or memory distance): pages cap it, sliders use it
    flag: str = ""             # the CLI option without "--"; default: the name with dashes
    from_file: bool = False    # the CLI reads the value from the file it names (a text)

    @property
    def option(self) -> str:
        return "--" + (self.flag or self.name.replace("_", "-"))

    def check(self, value):
        """The value, validated against the declaration (ValueError names the parameter)."""
        if self.kind is int:
            return check_int(self.name, value, self.low, self.high)
        if self.kind is float:
            return check_float(self.name, value, self.low, self.high)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{self.name} must be a string, got {type(value).__name__}")
        return value


class Task(ABC):
    """Subclasses set the class attributes, declare `PARAMS`, and finish building in `setup()`,
    where cross-parameter checks belong.  Parameters become attributes of the same name."""

    PARAMS: tuple[Param, ...] = ()

    name: str = ""
    shape: str = "many_to_one"
    metric_name: str = "accuracy"
    higher_is_better: bool = True
    vocab_size: int | None = None  # token inputs when set
    input_size: int = 0  # = vocab_size for token inputs
    output_size: int = 0
    seq_len: int = 0
    chance: float = 0.0  # the metric of the best predictor that ignores the input

    def __init__(self, **params):
        names = [p.name for p in self.PARAMS]
        unknown = sorted(set(params) - set(names))
        if unknown:
            raise ValueError(f"task {self.name!r} has no parameter {', '.join(unknown)} (it takes {', '.join(names)})")
        self._params = {p.name: p.check(params.get(p.name, p.default)) for p in self.PARAMS}
        for name, value in self._params.items():
            setattr(self, name, value)
        self.setup()

    def setup(self) -> None:
        """Derive sizes from the parameters and check how they combine."""

    @classmethod
    def param(cls, name: str) -> Param:
        for p in cls.PARAMS:
            if p.name == name:
                return p
        raise KeyError(f"task {cls.name!r} has no parameter {name!r}")

    @classmethod
    def length_param(cls) -> Param | None:
        """The parameter that sets how far the model must remember, if the task has one."""
        return next((p for p in cls.PARAMS if p.length), None)

    @abstractmethod
    def sample(self, batch_size: int, generator: torch.Generator) -> Batch:
        """A fresh batch drawn with `generator` (CPU tensors)."""

    @abstractmethod
    def loss(self, pred: Tensor, y: Tensor) -> Tensor:
        """Scalar training loss."""

    @abstractmethod
    def metric(self, pred: Tensor, y: Tensor) -> float:
        """The task's score for a batch, comparable with `chance`."""

    def probe_batch(self, batch_size: int = 8, seed: int = PROBE_SEED) -> Batch:
        """A fixed batch to look inside the model with: same seed, same batch."""
        return self.sample(batch_size, torch.Generator().manual_seed(seed))

    def token_labels(self) -> list[str] | None:
        """Display names of the input tokens (None for real-valued inputs)."""
        return None

    def describe(self) -> str:
        """One sentence for the page: what the model must do."""
        return self.name

    @property
    def params(self) -> dict:
        """The parameters the task was built with (enough to rebuild it with make_task)."""
        return dict(self._params)


def check_int(name: str, value, low: int, high: int) -> int:
    """Validate an integer parameter, naming it in the error."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if not low <= int(value) <= high:
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")
    return int(value)


def check_float(name: str, value, low: float, high: float) -> float:
    """Validate a real parameter (finite, within bounds), naming it in the error."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not (low <= v <= high):  # also rejects NaN
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")
    return v


def accuracy(pred: Tensor, y: Tensor) -> float:
    """Share of correct class predictions; pred (..., classes), y (...)."""
    return (pred.argmax(-1) == y).float().mean().item()
