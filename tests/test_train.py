"""Training: events, determinism, divergence, initialisation, and the classic long-memory result."""

import importlib
import math
import threading

import numpy as np
import pytest
import torch

from rnnviz.init import init_recurrent_weights, set_memory_gate_bias
from rnnviz.train import TrainConfig, train

SMALL = dict(task="recall", task_params={"distance": 8}, hidden_size=8, batch_size=16, steps=20, snapshot_steps=10)


def test_events_start_with_a_snapshot_before_any_update_and_end_with_done():
    events = list(train(TrainConfig(**SMALL)))
    assert events[0].kind == "snapshot" and events[0].step == 0 and events[0].trace is not None
    assert [e.step for e in events if e.kind == "step"] == list(range(1, 21))
    assert [e.step for e in events if e.trace is not None] == [0, 10, 20]
    assert events[-1].kind == "done" and events[-1].trace.get("c").shape == (8, 9, 8)


def test_same_seed_same_curve_and_another_seed_another_curve():
    curves = [train(TrainConfig(**SMALL, seed=s)) for s in (1, 1, 2)]
    losses = [[e.loss for e in run if e.kind == "step"] for run in curves]
    assert losses[0] == losses[1] and losses[0] != losses[2]


def test_a_nan_loss_ends_the_run_with_a_clear_event():
    run = train(TrainConfig(**{**SMALL, "steps": 200}, cell="rnn", nonlinearity="relu", init="identity",
                            init_scale=3.0, optimizer="sgd", lr=5.0, clip=None))
    events = list(run)
    assert events[-1].kind == "diverged" and "step" in events[-1].message
    assert len(run.history()) < 200 and np.isfinite(run.history().loss).all()


def test_clipping_caps_the_update_and_flags_it():
    """With SGD at lr 1 an update is the clipped gradient itself, so no step can move the weights
    further than the threshold."""
    run = train(TrainConfig(**{**SMALL, "steps": 5}, optimizer="sgd", lr=1.0, clip=1e-3))
    before = torch.cat([p.detach().flatten().clone() for p in run.model.parameters()])
    events = [e for e in run if e.kind == "step"]
    after = torch.cat([p.detach().flatten() for p in run.model.parameters()])
    assert all(e.clipped and e.grad_norm > 1e-3 for e in events)
    assert (after - before).norm() <= 5 * 1e-3 * (1 + 1e-5)


def test_models_built_at_the_same_time_in_threads_get_their_seeds_weights():
    """torch initialises modules from its global RNG; concurrent builds must not draw from each other."""
    expected = {seed: train(TrainConfig(**SMALL, seed=seed)).model.rnn.weight_hh_l0.detach().clone() for seed in (0, 5)}
    built = []

    def build(seed):
        for _ in range(10):
            built.append((seed, train(TrainConfig(**SMALL, seed=seed)).model.rnn.weight_hh_l0.detach()))

    threads = [threading.Thread(target=build, args=(seed,)) for seed in (0, 5, 0, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 40 and all(torch.equal(w, expected[seed]) for seed, w in built)


def test_cache_key_names_the_full_task_and_chrono_needs_a_sequence():
    assert TrainConfig(task_params={"distance": 100}).key() == TrainConfig(
        task_params={"distance": 100, "n_symbols": 4, "n_distractors": 4}).key()
    assert TrainConfig(task_params={"distance": 100}).key() != TrainConfig(task_params={"distance": 99}).key()
    assert TrainConfig(snapshot_steps=5).key() == TrainConfig().key()  # how a run is watched is not its result
    with pytest.raises(ValueError, match="chrono"):
        TrainConfig(task="adding", task_params={"length": 2}, gate_bias="chrono")


def test_auto_device_takes_whichever_device_measured_faster_once_per_size(monkeypatch):
    tr = importlib.import_module("rnnviz.train")  # the package exports a function of the same name

    monkeypatch.setattr(tr, "available_devices", lambda: ["cpu", "cuda"])
    monkeypatch.setattr(tr, "_FASTER", {})
    timed = []

    def fake_seconds(config, device):
        timed.append((config.hidden_size, device))
        return {"cpu": 1.0, "cuda": 2.0}[device] if config.hidden_size == 8 else {"cpu": 2.0, "cuda": 1.0}[device]

    monkeypatch.setattr(tr, "update_seconds", fake_seconds)
    small, large = TrainConfig(**SMALL), TrainConfig(**SMALL | {"hidden_size": 256})
    assert tr.resolve_device("auto", small).type == "cpu"
    assert tr.resolve_device("auto", small.replace(seed=5, lr=0.1)).type == "cpu"  # same size: measured once
    assert tr.resolve_device("auto", large).type == "cuda"
    assert sorted(timed) == [(8, "cpu"), (8, "cuda"), (256, "cpu"), (256, "cuda")]
    monkeypatch.setattr(tr, "available_devices", lambda: ["cpu"])
    assert tr.resolve_device("auto", large).type == "cpu"  # no GPU: nothing to measure


def test_timing_a_device_leaves_the_run_and_the_random_state_alone():
    tr = importlib.import_module("rnnviz.train")  # the package exports a function of the same name

    before = torch.random.get_rng_state()
    assert tr.update_seconds(TrainConfig(**SMALL), "cpu") > 0
    assert torch.equal(before, torch.random.get_rng_state())
    alone = [e.loss for e in train(TrainConfig(**SMALL)) if e.kind == "step"]
    assert alone == [e.loss for e in train(TrainConfig(**SMALL, device="auto")) if e.kind == "step"]


def test_a_built_model_is_the_one_a_run_starts_from():
    from rnnviz.train import build_model

    config = TrainConfig(**SMALL, gate_bias="chrono", init="orthogonal")
    task, model = build_model(config)
    started = train(config).model
    assert task.seq_len == 9
    for (name, built), (_, trained) in zip(model.state_dict().items(), started.state_dict().items()):
        assert torch.equal(built, trained), name


def test_evaluate_leaves_the_model_training():
    run = train(TrainConfig(**SMALL))
    next(run)
    assert 0.0 <= run.evaluate(64) <= 1.0 and run.model.training


@pytest.mark.parametrize("field,value", [("hidden_size", 0), ("lr", -1.0), ("lr", math.nan), ("cell", "transformer"),
                                         ("clip", 0.0), ("steps", 2.5), ("gate_bias", "high"), ("device", "tpu")])
def test_bad_config_values_name_the_field(field, value):
    with pytest.raises(ValueError, match=field):
        TrainConfig(**{field: value})


def test_bad_task_parameters_are_rejected_up_front():
    with pytest.raises(ValueError, match="distance"):
        TrainConfig(task="recall", task_params={"distance": -5})
    with pytest.raises(ValueError, match="rnn"):
        TrainConfig(cell="rnn", gate_bias=4.0)


def test_initialisation_schemes():
    rnn = torch.nn.RNN(3, 16)
    init_recurrent_weights(rnn, "orthogonal", 0.7, torch.Generator().manual_seed(0))
    assert np.allclose(np.abs(np.linalg.eigvals(rnn.weight_hh_l0.detach().numpy())), 0.7, atol=1e-5)
    init_recurrent_weights(rnn, "identity", 1.0)
    assert torch.equal(rnn.weight_hh_l0, torch.eye(16)) and not rnn.bias_hh_l0.any()
    lstm = torch.nn.LSTM(3, 5, num_layers=2)
    set_memory_gate_bias(lstm, 4.0)
    total = (lstm.bias_ih_l1 + lstm.bias_hh_l1).detach()
    assert torch.equal(total[5:10], torch.full((5,), 4.0)) and not torch.equal(total[:5], torch.full((5,), 4.0))
    gru = torch.nn.GRU(3, 5)
    set_memory_gate_bias(gru, "chrono", max_len=100, generator=torch.Generator().manual_seed(0))
    z_bias = gru.bias_ih_l0[5:10].detach()
    assert ((z_bias >= 0) & (z_bias <= math.log(99))).all() and z_bias.std() > 0


@pytest.mark.slow
def test_gates_that_start_out_remembering_solve_distance_100_and_a_vanilla_rnn_does_not():
    """The classic result, measured with the same budget for both: recall at distance 100,
    4 symbols, hidden 32, Adam 3e-3, clip 1.0, batch 64."""
    base = TrainConfig(task="recall", task_params={"distance": 100}, steps=300, snapshot_steps=10**6)
    lstm = train(base.replace(cell="lstm", gate_bias=4.0))
    vanilla = train(base.replace(cell="rnn"))
    for run in (lstm, vanilla):
        for _ in run:
            pass
    assert lstm.evaluate() >= 0.95
    assert abs(vanilla.evaluate() - 0.25) <= 0.10
