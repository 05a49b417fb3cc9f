"""The live-training runner behind every page: background thread, stop, cache, errors."""

import time

import pytest
import torch

from rnnviz.train import TrainConfig
from rnnviz.ui import runner
from rnnviz.ui.runner import LiveRun, cached, clear_cache

SMALL = TrainConfig(task="recall", task_params={"distance": 10}, hidden_size=8, batch_size=16, steps=40)


def test_configs_train_round_robin_and_the_result_is_cached():
    clear_cache()
    run = LiveRun({"lstm": SMALL, "rnn": SMALL.replace(cell="rnn")})
    assert {r.status for r in run.results.values()} == {"idle"} and not run.from_cache
    assert run.start().join(60)
    assert all(r.status == "done" and r.step == 40 and len(r.history()) == 40 for r in run.results.values())
    snapshots = run.results["lstm"].snapshots
    assert snapshots[0][0] == 0  # the snapshot before any update
    assert snapshots[-1][1].get("h").shape[1] == 11  # the latest is whole …
    assert all(trace.get("grad_h").shape[-1] == 1 for _, trace in snapshots[:-1])  # … older ones compact
    again = LiveRun({"lstm": SMALL})
    assert again.from_cache and again.results["lstm"] is cached(SMALL)


def test_stop_halts_within_a_second():
    clear_cache()
    run = LiveRun({"long": SMALL.replace(steps=100_000)}).start()
    deadline = time.time() + 30
    while run.results["long"].step < 5 and time.time() < deadline:
        time.sleep(0.05)
    began = time.perf_counter()
    run.stop()
    assert run.join(1.0) and time.perf_counter() - began < 1.0
    assert run.results["long"].status == "stopped" and cached(SMALL.replace(steps=100_000)) is None


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_a_run_that_cannot_start_reports_an_error_instead_of_raising():
    run = LiveRun({"gpu": SMALL.replace(device="cuda")}).start()
    assert run.join(30)
    result = run.results["gpu"]
    assert result.status == "error" and "cuda" in result.message.lower()


def test_a_diverging_run_is_marked_and_cached_with_its_step():
    clear_cache()
    config = SMALL.replace(cell="rnn", nonlinearity="relu", init="identity", init_scale=3.0, optimizer="sgd",
                           lr=5.0, clip=None, steps=200)
    run = LiveRun({"boom": config}).start()
    assert run.join(60)
    result = run.results["boom"]
    assert result.status == "diverged" and result.history().attrs["diverged_at"] == result.step + 1
    assert run.progress == 1.0


def test_a_run_stopped_while_it_waits_for_a_core_never_trains():
    clear_cache()
    blockers = [LiveRun({"busy": SMALL.replace(steps=100_000, seed=s)}).start() for s in (1, 2)]
    waiting = LiveRun({"queued": SMALL.replace(seed=3)}).start()
    time.sleep(0.3)
    assert waiting.results["queued"].status == "waiting"
    waiting.stop()
    for run in blockers:
        run.stop()
    assert waiting.join(10) and all(run.join(10) for run in blockers)
    assert waiting.results["queued"].status == "stopped" and waiting.results["queued"].training is None


def test_a_run_nobody_watches_any_more_stops_and_frees_its_core(monkeypatch):
    monkeypatch.setattr(runner, "ABANDON_SECONDS", 0.5)
    watchers = {"open tab": lambda: True, "closed tab": lambda: False}
    runs = {name: LiveRun({name: SMALL.replace(steps=100_000, seed=i)}, watch).start()
            for i, (name, watch) in enumerate(watchers.items())}
    assert runs["closed tab"].join(10), "an abandoned run must stop by itself"
    assert runs["closed tab"].results["closed tab"].status == "stopped"
    assert runs["open tab"].running
    runs["open tab"].stop()
    assert runs["open tab"].join(10)
