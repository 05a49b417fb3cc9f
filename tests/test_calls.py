"""A page's small demo computed in a worker process (`workers.Job.call`, `runner.Call`): the value is the in-process
one, an exception comes back as a message, a call can be stopped, and one call serves every session that asks."""

import numpy as np
import pytest
import torch

from rnnviz import workers
from rnnviz.exposure import cs182_demo, next_logits, teacher_probability
from rnnviz.train import TrainConfig
from rnnviz.ui import plain
from rnnviz.ui.runner import LiveRun, call, clear_cache
from rnnviz.ui.text import t

SLOW = ("rnnviz.exposure.exposure_demo", 1, "linear")  # trains two wave models: a second or two


@pytest.fixture(autouse=True)
def fresh():
    clear_cache()
    yield
    clear_cache()


def test_a_call_returns_what_the_function_returns_in_process():
    small = call("rnnviz.exposure.teacher_probability", "inverse_sigmoid", 30, 150)
    demo = call("rnnviz.exposure.cs182_demo", 0)
    assert small.join(120) and demo.join(120)
    assert small.status == "done" and small.value == teacher_probability("inverse_sigmoid", 30, 150)
    here = cs182_demo(0)
    assert demo.status == "done" and np.array_equal(demo.value.marginals, here.marginals)
    assert torch.equal(next_logits(demo.value, ["I"]), next_logits(here, ["I"]))  # the model travels too
    assert call("rnnviz.exposure.cs182_demo", 0) is demo  # computed once for every session


def test_an_exception_comes_back_as_its_message():
    failed = call("rnnviz.exposure.teacher_probability", "cosine", 1, 10)
    outside = call("os.getcwd")
    assert failed.join(120) and outside.join(120)
    assert failed.status == "error" and failed.value is None
    assert failed.message == "ValueError: schedule must be one of " + \
        "('constant', 'linear', 'exponential', 'inverse_sigmoid'), got 'cosine'"
    assert outside.status == "error" and "only functions of rnnviz" in outside.message
    assert call("rnnviz.exposure.teacher_probability", "cosine", 1, 10) is failed  # not asked again
    closure = call("rnnviz.exposure.one_step", torch.nn.GRU(1, 2))  # returns a function, which cannot travel
    assert closure.join(120) and closure.status == "error" and "cannot be sent back" in closure.message


def test_a_stopped_call_frees_its_worker_and_is_asked_afresh():
    running = call(*SLOW)
    while running.place != 0 and not running.finished:
        running.join(0.05)
    running.stop()
    assert running.join(1.0) and running.status == "stopped" and running.value is None
    again = call(*SLOW)
    assert again is not running and again.join(120) and again.status == "done"


def test_a_call_stops_only_when_no_session_that_asked_still_watches(monkeypatch):
    monkeypatch.setattr(workers, "ABANDON_SECONDS", 0.5)
    busy = TrainConfig(task="recall", task_params={"distance": 10}, hidden_size=8, batch_size=16, steps=100_000)
    blockers = [LiveRun({"busy": busy.replace(seed=s)}, owner=f"b{s}").start() for s in range(workers.pool().size)]
    alone = call(*SLOW, owner="a", is_watched=lambda: False)  # both wait in the queue behind the blockers
    shared = call(*SLOW[:2], "constant", owner="c", is_watched=lambda: False)
    assert call(*SLOW[:2], "constant", owner="d", is_watched=lambda: True) is shared
    assert alone.join(30) and alone.status == "stopped"
    for run in blockers:
        run.stop()
    assert shared.join(120) and shared.status == "done"


def test_a_page_shows_a_failed_call_as_a_message_and_goes_on():
    from streamlit.testing.v1 import AppTest

    def page():
        import streamlit as st

        from rnnviz.ui import computed
        st.text(repr(computed("rnnviz.exposure.teacher_probability", "cosine", 1, 10)))
        st.text(repr(computed("rnnviz.exposure.teacher_probability", "linear", 5, 10)))

    at = AppTest.from_function(page, default_timeout=120).run()
    assert not at.exception
    why = "ValueError: schedule must be one of ('constant', 'linear', 'exponential', 'inverse_sigmoid'), got 'cosine'"
    assert [e.value for e in at.error] == [t("common.error", message=plain(why))]  # shown as typed, no traceback
    assert [e.value for e in at.text] == ["None", repr(teacher_probability("linear", 5, 10))]
