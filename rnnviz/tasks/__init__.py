"""Seeded toy tasks behind one interface (see base.py); `make_task(name, **params)` builds one."""

from .base import SHAPES, Batch, Param, Task
from .adding import Adding
from .charlm import CharLM
from .lookahead import Lookahead
from .recall import Recall
from .sine import Sine

# Registered tasks by name.  The seq2seq tasks (reverse, sort, dates; curriculum §6) will be added
# here later, next to these many-to-one and many-to-many ones.
TASKS: dict[str, type[Task]] = {cls.name: cls for cls in (Recall, Adding, Sine, CharLM, Lookahead)}


def make_task(name: str, **params) -> Task:
    """Build a task by name; unknown names and bad parameters raise ValueError."""
    if name not in TASKS:
        raise ValueError(f"task must be one of {sorted(TASKS)}, got {name!r}")
    return TASKS[name](**params)  # Task.__init__ checks every parameter against its PARAMS


__all__ = ["SHAPES", "TASKS", "Batch", "Param", "Task", "make_task"]
