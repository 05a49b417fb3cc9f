"""The pages say what the engine says about each task: in English the catalogue's sentence, metric name and
parameter help equal the engine's own, so a translation translates the current wording."""

import pytest

from rnnviz.tasks import TASKS, make_task
from rnnviz.ui import describe, metric_name
from rnnviz.ui.text import t


@pytest.mark.parametrize("name", list(TASKS))
def test_the_catalogue_says_what_the_engine_says(name):
    task = make_task(name)
    assert describe(task) == task.describe()
    assert metric_name(task) == task.metric_name
    for param in TASKS[name].PARAMS:
        if param.kind is not str:
            assert t(f"task.{name}.{param.name}_help") == param.help, param.name


def test_the_sentence_follows_the_task_as_it_was_set_up():
    task = make_task("reverse", length=12)  # min_length 0 means half the longest
    assert describe(task).startswith("Read 6 to 12 symbols")
