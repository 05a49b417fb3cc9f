"""The live-training runner behind every page: worker processes, the fair queue, stop, budget, cache, errors."""

import os
import time

import pytest
import torch

from rnnviz import workers
from rnnviz.budget import Budget, check, machine_budget
from rnnviz.train import TrainConfig, Training
from rnnviz.ui.runner import LiveRun, cached, clear_cache

SMALL = TrainConfig(task="recall", task_params={"distance": 10}, hidden_size=8, batch_size=16, steps=40)
# The lab's largest settings: activations of ~35 GiB, refused before anything is allocated.
HUGE = TrainConfig(task="recall", task_params={"distance": 500, "n_symbols": 64}, hidden_size=256, num_layers=4,
                   bidirectional=True, batch_size=512, steps=300)
# One snapshot of this takes seconds (64 examples replayed step by step through 2 × 300 steps).
SLOW_SNAPSHOT = TrainConfig(task="recall", task_params={"distance": 300}, hidden_size=64, num_layers=2,
                            probe_size=64, steps=100)


def _curve(rows):
    return [row[:5] for row in rows]  # every column but the wall-clock time


def _solo(config):
    training = Training(config)
    list(training)
    return training


def test_configs_train_round_robin_and_the_result_is_cached():
    clear_cache()
    run = LiveRun({"lstm": SMALL, "rnn": SMALL.replace(cell="rnn")})
    assert {r.status for r in run.results.values()} == {"idle"} and not run.from_cache
    assert run.start().join(120)
    assert all(r.status == "done" and r.step == 40 and len(r.history()) == 40 for r in run.results.values())
    snapshots = run.results["lstm"].snapshots
    assert snapshots[0][0] == 0  # the snapshot before any update
    assert snapshots[-1][1].get("h").shape[1] == 11  # the latest is whole …
    assert all(trace.get("grad_h").shape[-1] == 1 for _, trace in snapshots[:-1])  # … older ones compact
    again = LiveRun({"lstm": SMALL})
    assert again.from_cache and again.results["lstm"] is cached(SMALL)


def test_a_result_rebuilds_the_trained_model_task_and_probe_locally():
    clear_cache()
    run = LiveRun({"gru": SMALL.replace(cell="gru", seed=5)}).start()
    assert run.join(120)
    result, solo = run.results["gru"], _solo(SMALL.replace(cell="gru", seed=5))
    assert result.model_step == 40
    for (name, mine), theirs in zip(result.model().state_dict().items(), solo.model.state_dict().values()):
        assert torch.equal(mine, theirs), name
    assert result.task.params == solo.task.params and torch.equal(result.probe.x, solo.probe.x)
    assert result.model() is result.model()  # rebuilt once per weights received


def test_three_concurrent_sessions_each_get_their_solo_curve():
    clear_cache()
    configs = {f"session {seed}": SMALL.replace(seed=seed, steps=60) for seed in (11, 12, 13)}
    runs = {owner: LiveRun({"run": config}, owner=owner).start() for owner, config in configs.items()}
    assert all(run.join(180) for run in runs.values())
    for owner, run in runs.items():
        result = run.results["run"]
        assert result.status == "done"
        assert _curve(result.rows) == _curve(_solo(configs[owner]).rows), owner


def test_stop_during_a_snapshot_frees_the_worker_within_a_second():
    clear_cache()
    run = LiveRun({"slow": SLOW_SNAPSHOT}).start()
    result = run.results["slow"]
    deadline = time.time() + 120
    while result.status != "running" and time.time() < deadline:  # built; the step-0 snapshot has begun
        time.sleep(0.02)
    time.sleep(0.3)
    assert result.status == "running" and not result.snapshots, "the first snapshot is still being taken"
    pool = workers.pool()
    began = time.perf_counter()
    run.stop()
    assert run.join(1.0) and result.status == "stopped"
    while pool.busy() and time.perf_counter() - began < 1.0:
        time.sleep(0.01)
    assert pool.busy() == 0 and time.perf_counter() - began < 1.0
    assert LiveRun({"next": SMALL.replace(seed=21)}).start().join(120), "the replaced worker trains the next run"


def test_an_oversized_config_is_refused_with_the_limit_and_the_settings_to_change():
    with pytest.raises(ValueError, match=r"GiB of memory, more than the 4\.0 GiB .* lower batch_size \(512\)"):
        check(HUGE, Budget(memory=4 << 30))
    with pytest.raises(ValueError, match=r"lower steps \(100000\)"):
        check(SMALL.replace(steps=100_000, hidden_size=64), Budget(seconds=60))
    run = LiveRun({"huge": HUGE, "small": SMALL})
    assert list(run.refused()) == ["huge"]  # what the page shows before Train is pressed
    result = run.start().results["huge"]
    assert result.status == "error" and result.message.startswith("this run needs about")
    assert "lower batch_size (512)" in result.message and run.join(120) and run.results["small"].status == "done"
    assert machine_budget(2).memory <= 4 << 30


def test_the_queue_serves_sessions_in_turn():
    pool = workers.Pool(size=1)
    try:
        blocker = pool.submit(workers.Job({"x": SMALL.replace(steps=100_000)}, lambda m: None, owner="x"))
        deadline = time.time() + 120
        while pool.place(blocker) != 0 and time.time() < deadline:
            time.sleep(0.05)
        jobs = {name: pool.submit(workers.Job({name: SMALL}, lambda m: None, owner=name[0]))
                for name in ("a1", "a2", "a3", "b1")}
        assert {name: pool.place(job) for name, job in jobs.items()} == {"a1": 1, "b1": 2, "a2": 3, "a3": 4}
        assert pool.wait(jobs["b1"]) >= pool.wait(jobs["a1"]) > 0
        pool.cancel(jobs["a1"])
        assert pool.place(jobs["a1"]) is None
        assert [pool.place(jobs[name]) for name in ("a2", "b1", "a3")] == [1, 2, 3]
    finally:
        pool.close()


def test_workers_run_at_a_lower_priority_from_their_first_import():
    """A worker (a replacement too, mid-class) imports torch for a second or two: not at the web process's priority."""
    pool = workers.Pool(size=1)
    try:
        (worker,) = pool._workers
        assert os.getpriority(os.PRIO_PROCESS, worker.process.pid) == workers.NICE  # before it is ready
    finally:
        pool.close()


def test_a_message_from_a_worker_already_replaced_is_dropped(monkeypatch):
    """A worker killed for not stopping in time may have sent "idle" just before: its reader still delivers
    it after the replacement, and a grown worker's "idle" asks for a replacement of one no longer there."""
    monkeypatch.setattr(workers, "RECYCLE_GROWTH", -(1 << 40))  # every idle worker counts as grown
    pool = workers.Pool(size=1)
    try:
        (old,) = pool._workers
        with pool._lock:
            pool._replace(old)
        (new,) = pool._workers
        pool._received(old, ("idle",))  # raised ValueError in the reader thread
        assert pool._workers == [new]
    finally:
        pool.close()


def test_stop_halts_within_a_second():
    clear_cache()
    run = LiveRun({"long": SMALL.replace(steps=100_000)}).start()
    deadline = time.time() + 120
    while run.results["long"].step < 5 and time.time() < deadline:
        time.sleep(0.05)
    began = time.perf_counter()
    run.stop()
    assert run.join(1.0) and time.perf_counter() - began < 1.0
    assert run.results["long"].status == "stopped" and cached(SMALL.replace(steps=100_000)) is None


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_a_run_that_cannot_start_reports_an_error_instead_of_raising():
    run = LiveRun({"gpu": SMALL.replace(device="cuda")}).start()
    assert run.join(120)
    result = run.results["gpu"]
    assert result.status == "error" and "cuda" in result.message.lower()


def test_a_diverging_run_is_marked_and_cached_with_its_step():
    clear_cache()
    config = SMALL.replace(cell="rnn", nonlinearity="relu", init="identity", init_scale=3.0, optimizer="sgd",
                           lr=5.0, clip=None, steps=200)
    run = LiveRun({"boom": config}).start()
    assert run.join(120)
    result = run.results["boom"]
    assert result.status == "diverged" and result.history().attrs["diverged_at"] == result.step + 1
    assert run.progress == 1.0 and result.model() is not None


def test_a_run_stopped_while_it_waits_for_a_worker_never_trains():
    clear_cache()
    blockers = [LiveRun({"busy": SMALL.replace(steps=100_000, seed=s)}, owner=f"b{s}").start()
                for s in range(workers.pool().size)]
    waiting = LiveRun({"queued": SMALL.replace(seed=99)}, owner="w").start()
    time.sleep(0.3)
    assert waiting.results["queued"].status == "waiting" and waiting.place >= 1
    waiting.stop()
    for run in blockers:
        run.stop()
    assert waiting.join(10) and all(run.join(10) for run in blockers)
    assert waiting.results["queued"].status == "stopped" and not waiting.results["queued"].rows


def test_a_run_nobody_watches_any_more_stops_and_frees_its_worker(monkeypatch):
    monkeypatch.setattr(workers, "ABANDON_SECONDS", 0.5)
    watchers = {"open tab": lambda: True, "closed tab": lambda: False}
    runs = {name: LiveRun({name: SMALL.replace(steps=100_000, seed=i)}, watch, owner=name).start()
            for i, (name, watch) in enumerate(watchers.items())}
    assert runs["closed tab"].join(30), "an abandoned run must stop by itself"
    assert runs["closed tab"].results["closed tab"].status == "stopped"
    assert runs["open tab"].running
    runs["open tab"].stop()
    assert runs["open tab"].join(10)


def test_estimates_follow_the_pace_the_running_jobs_show():
    job = workers.Job({"x": SMALL}, lambda message: None)  # 40 steps
    assert job.remaining(0.0, pace=3.0) == pytest.approx(3 * job.seconds) and job.pace(0.0) is None
    job.started, job.steps_done = 100.0, 20  # half done after 10 s: 10 s to go, whatever was estimated
    assert job.remaining(110.0, pace=3.0) == pytest.approx(10.0)
    assert job.pace(110.0) == pytest.approx(10.0 / (job.seconds / 2))
