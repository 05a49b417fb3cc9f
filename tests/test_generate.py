"""Sampling from a character model: seeded, honours its length and vocabulary, tends to greedy as the
temperature falls (0 is greedy), refuses bad input; hidden_states replays the model's own recurrent layer."""

import math

import numpy as np
import pytest
import torch

from rnnviz.generate import default_prime, hidden_states, sample_text, unigram_bits
from rnnviz.model import SequenceModel
from rnnviz.tasks import make_task
from rnnviz.train import TrainConfig, Training

TEXT = "I think therefore I am\nI like machine learning\nI am not just a neural network\n"


@pytest.fixture(scope="module")
def trained():
    """A small LSTM trained briefly on the tiny corpus, so its predictions are far from uniform."""
    training = Training(TrainConfig(task="charlm", task_params={"text": TEXT, "seq_len": 32}, hidden_size=32,
                                    lr=2e-2, steps=60, encoding="learned"))
    for _ in training:
        pass
    return training.model, training.task


def _greedy(model, task, prime, length):
    ids = task.encode(prime)[None]
    with torch.no_grad():
        logits, state = model(ids)
        out = []
        for _ in range(length):
            nxt = logits[0, -1].argmax()
            out.append(int(nxt))
            logits, state = model(nxt.view(1, 1), state)
    return task.decode(out)


def test_same_seed_same_sample_and_another_seed_another(trained):
    model, task = trained
    first = sample_text(model, task, "I ", 80, 1.0, seed=3)
    assert first == sample_text(model, task, "I ", 80, 1.0, seed=3)
    assert first != sample_text(model, task, "I ", 80, 1.0, seed=4)


def test_length_is_honoured_and_every_character_is_in_the_vocabulary(trained):
    model, task = trained
    for length in (0, 1, 57):
        text = sample_text(model, task, "I am", length, 0.8, seed=0)
        assert len(text) == length
        assert set(text) <= set(task.chars)


def test_a_very_low_temperature_follows_the_greedy_path(trained):
    model, task = trained
    assert sample_text(model, task, "I like", 60, 1e-4, seed=0) == _greedy(model, task, "I like", 60)
    assert sample_text(model, task, "I like", 60, 1e-4, seed=7) == _greedy(model, task, "I like", 60)


def test_temperature_0_is_greedy_decoding_and_top_1_too(trained):
    model, task = trained
    assert sample_text(model, task, "I like", 60, 0, seed=5) == _greedy(model, task, "I like", 60)
    assert sample_text(model, task, "I like", 60, 1.0, seed=5, top_k=1) == _greedy(model, task, "I like", 60)


def test_an_empty_prime_starts_a_new_line_or_from_the_most_common_character(trained):
    model, task = trained
    assert default_prime(task) == "\n"
    assert sample_text(model, task, "", 40, 0.8, seed=1) == sample_text(model, task, "\n", 40, 0.8, seed=1)
    assert default_prime(make_task("charlm", text="abcbb" * 10, seq_len=4)) == "b"


def test_sampling_leaves_the_model_in_its_training_mode(trained):
    model, task = trained
    model.train()
    sample_text(model, task, "I", 5, 1.0, seed=0)
    assert model.training


@pytest.mark.parametrize("temperature", [-1.0, math.nan, math.inf])
def test_a_temperature_that_is_negative_or_not_finite_is_refused(trained, temperature):
    model, task = trained
    with pytest.raises(ValueError, match="temperature"):
        sample_text(model, task, "I", 10, temperature, seed=0)


def test_prime_characters_outside_the_vocabulary_are_named(trained):
    model, task = trained
    with pytest.raises(ValueError, match="Z"):
        sample_text(model, task, "Zebra", 10, 1.0, seed=0)


def test_a_model_of_another_task_is_refused(trained):
    _, task = trained
    other = SequenceModel(make_task("recall", distance=5))
    with pytest.raises(ValueError, match="character model"):
        sample_text(other, task, "I", 10, 1.0, seed=0)


def test_hidden_states_is_the_trace_of_the_models_own_rnn(trained):
    model, task = trained
    trace = hidden_states(model, task, "I am not")
    h = trace.get("h")
    assert h.shape == (1, 8, 32) and "f" in trace.quantities()
    with torch.no_grad():
        expected, _ = model.rnn(model.encode(task.encode("I am not")[None]))
    np.testing.assert_allclose(h, expected.numpy(), atol=1e-5)
    with pytest.raises(ValueError, match="Q"):
        hidden_states(model, task, "Qat")
    with pytest.raises(ValueError, match="empty"):
        hidden_states(model, task, "")


def test_unigram_bits_is_the_entropy_of_the_character_frequencies():
    assert unigram_bits(make_task("charlm", text="abab" * 10, seq_len=4)) == pytest.approx(1.0)
    assert unigram_bits(make_task("charlm", text="aaab" * 10, seq_len=4)) == pytest.approx(
        -(0.75 * math.log2(0.75) + 0.25 * math.log2(0.25)))
