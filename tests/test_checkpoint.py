"""Checkpoints: save → load gives the same predictions; a hostile, corrupt, truncated or mismatched file is
refused with one line that says why, and nothing in it runs."""

import io
import json
import pickle
import random

import pytest
import torch

from rnnviz import checkpoint
from rnnviz.checkpoint import CheckpointError
from rnnviz.train import TrainConfig, Training

CONFIG = TrainConfig(task="recall", task_params={"distance": 6}, cell="lstm", hidden_size=8, steps=4,
                     device="cpu", snapshot_steps=100)
SEQ2SEQ = TrainConfig(task="reverse", task_params={"length": 5}, cell="gru", hidden_size=8, attention="additive",
                      steps=4, device="cpu", snapshot_steps=100)


def trained(config: TrainConfig) -> Training:
    training = Training(config)
    for _ in training:
        pass
    return training


@pytest.fixture(scope="module")
def lstm() -> Training:
    return trained(CONFIG)


@pytest.fixture(scope="module")
def saved(lstm) -> bytes:
    return checkpoint.to_bytes(lstm.model, lstm.config, lstm.step)


def refused(data, *words: str) -> str:
    with pytest.raises(CheckpointError) as error:
        checkpoint.load(data)
    message = str(error.value)
    assert "\n" not in message and all(word in message for word in words), message
    return message


@pytest.mark.parametrize("config", [CONFIG, SEQ2SEQ], ids=["lstm", "seq2seq"])
def test_round_trip_gives_identical_predictions(tmp_path, config):
    training = trained(config)
    path = tmp_path / "model.pt"
    checkpoint.save(training.model, training.config, path, training.step)
    assert [p.name for p in tmp_path.iterdir()] == ["model.pt"]  # the temporary name is gone
    loaded = checkpoint.load(path)
    assert loaded.config == training.config and loaded.step == 4
    batch = training.task.sample(16, torch.Generator().manual_seed(7))
    model, original = loaded.model(), training.model.eval()
    with torch.no_grad():
        if training.task.shape == "seq2seq":
            want, got = original(batch.x, steps=batch.y.shape[1]), model(batch.x, steps=batch.y.shape[1])
        else:
            want, got = original(batch.x)[0], model(batch.x)[0]
    assert torch.equal(want, got)


def test_loads_from_bytes_and_file_objects(saved):
    assert checkpoint.load(saved).step == checkpoint.load(io.BytesIO(saved)).step == 4


class Plant:
    """Unpickling it would create a file: what a hostile checkpoint could do."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return open, (str(self.path), "w")


@pytest.mark.parametrize("how", ["torch.save", "pickle.dump"])
def test_a_pickle_that_would_run_code_is_refused_unrun(tmp_path, lstm, how):
    marker = tmp_path / "planted"
    payload = {"format": checkpoint.FORMAT, "version": checkpoint.VERSION, "config": "{}", "step": 0,
               "model": Plant(marker)}
    buffer = io.BytesIO()
    (torch.save if how == "torch.save" else pickle.dump)(payload, buffer)
    refused(buffer.getvalue(), "refused", "nothing in it was run")
    assert not marker.exists()


def test_corrupt_truncated_and_foreign_files_are_refused(saved):
    refused(random.Random(0).randbytes(4096), "torch checkpoint")
    refused(saved[:200] + bytes(b ^ 0xFF for b in saved[200:400]) + saved[400:], "corrupt")
    refused(saved[: len(saved) // 2], "truncated")
    refused(b"", "empty")
    other = io.BytesIO()
    torch.save({"weight": torch.zeros(3)}, other)
    refused(other.getvalue(), "not an rnnviz checkpoint")


def fake(model_state: dict, **changes) -> bytes:
    raw = {"format": checkpoint.FORMAT, "version": checkpoint.VERSION, "step": 4,
           "config": json.dumps(CONFIG.to_dict()), "model": model_state, **changes}
    buffer = io.BytesIO()
    torch.save(raw, buffer)
    return buffer.getvalue()


def test_weights_that_do_not_fit_the_config_are_refused(lstm):
    state = lstm.model.state_dict()
    bigger = Training(CONFIG.replace(hidden_size=16)).model.state_dict()
    refused(fake(bigger), "rnn.weight_ih_l0 has shape (64, 8)", "needs (32, 8)")
    refused(fake({k: v.double() for k, v in state.items()}), "dtype torch.float64", "torch.float32")
    refused(fake({k: v for k, v in state.items() if k != "head.bias"}), "missing head.bias")
    refused(fake({**state, "extra": torch.zeros(1)}), "unexpected extra")
    refused(fake({**state, "head.bias": [0.0] * 4}), "head.bias is not a dense tensor")


def test_a_broken_config_or_header_is_refused(lstm):
    state = lstm.model.state_dict()
    refused(fake(state, config="{not json"), "not valid JSON")
    refused(fake(state, config=json.dumps({**CONFIG.to_dict(), "hidden_size": 0})), "hidden_size")
    refused(fake(state, version=99), "version 99")
    refused(fake(state, step=-1), "step")
    refused(fake(state, surprise=1), "unexpected entries")
