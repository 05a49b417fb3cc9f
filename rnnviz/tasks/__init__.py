"""Seeded toy tasks behind one interface (see base.py); `make_task(name, **params)` builds one."""

from .base import SHAPES, Batch, Param, Task
from .adding import Adding
from .charlm import CharLM
from .dates import Dates
from .lookahead import Lookahead
from .recall import Recall
from .reverse import Reverse
from .sine import Sine
from .sort import Sort

# Registered tasks by name: many-to-one, many-to-many, then the seq2seq ones (curriculum §6).
TASKS: dict[str, type[Task]] = {cls.name: cls for cls in (Recall, Adding, Sine, CharLM, Lookahead, Reverse, Sort, Dates)}


def make_task(name: str, **params) -> Task:
    """Build a task by name; unknown names and bad parameters raise ValueError."""
    if name not in TASKS:
        raise ValueError(f"task must be one of {sorted(TASKS)}, got {name!r}")
    return TASKS[name](**params)  # Task.__init__ checks every parameter against its PARAMS


__all__ = ["SHAPES", "TASKS", "Batch", "Param", "Task", "make_task"]
