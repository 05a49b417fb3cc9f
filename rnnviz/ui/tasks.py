"""A task's sentence and metric name in the session's language.  The engine's Task.describe() and
metric_name are English (for notebooks and the CLI); the pages say the same from the catalogue
("task.<name>.describe", "task.<name>.metric"), filled in with the task's own numbers."""

from __future__ import annotations

from ..tasks.adding import TOLERANCE
from ..tasks.base import Task
from ..tasks.dates import FORMATS
from .widgets import t


def facts(task: Task) -> dict:
    """Everything a task's sentence quotes: its parameters, chance and size, and a few task-specific numbers."""
    values = {param.name: getattr(task, param.name) for param in task.PARAMS}  # as set up: 0 may mean "default"
    values.update({"chance": task.chance, "vocab": task.vocab_size, "seq_len": task.seq_len,
                   "tolerance": TOLERANCE, "formats": len(FORMATS)})
    if task.name == "charlm":
        values.update(chars=len(task.text), source=t("task.charlm.bundled" if task.params["text"] is None
                                                      else "task.charlm.own"))
    if task.name == "lookahead":
        values["tags"] = task.tags_per_sequence
    if hasattr(task, "in_symbols"):
        values["symbols"] = " ".join(task.in_symbols)
    return values


def describe(task: Task) -> str:
    """What the model must do, in one sentence."""
    return t(f"task.{task.name}.describe", **facts(task))


def metric_name(task: Task) -> str:
    """The name of the task's score."""
    return t(f"task.{task.name}.metric", **facts(task))
