"""Generation and exposure bias: top-k and greedy picks, the sentences task, the CS182 demo (feeding samples back
gives valid sentences, independent marginals do not), the scheduled-sampling schedules, and a scheduled forward
that passes no gradient through what it feeds back."""

import math

import numpy as np
import pytest
import torch

from rnnviz.exposure import (LEVEL, SCHEDULES, build, cs182_demo, draw_autoregressive, draw_independent,
                             exposure_demo, fit, mixed_forward, teacher_probability, valid_share)
from rnnviz.generate import pick, sample_ids
from rnnviz.model import SequenceModel
from rnnviz.tasks.sentences import IGNORE, Sentences
from rnnviz.tasks.sine import Sine


@pytest.fixture(scope="module")
def demo():
    return cs182_demo(seed=0)


def test_pick_is_the_argmax_at_temperature_0_and_top_1():
    logits = torch.tensor([[3.0, 1.0, 2.0, 0.0], [0.0, 5.0, 1.0, 4.9]])
    gen = torch.Generator().manual_seed(0)
    assert pick(logits, 0, None, gen).tolist() == [0, 1]
    assert pick(logits, 1.0, 1, gen).tolist() == [0, 1]


def test_top_k_restricts_the_support_and_keeps_the_relative_odds():
    logits = torch.tensor([[3.0, 1.0, 2.0, 0.0]]).expand(20_000, -1)
    drawn = pick(logits, 1.0, 2, torch.Generator().manual_seed(1))
    assert set(drawn.tolist()) == {0, 2}
    share = (drawn == 0).double().mean().item()
    assert share == pytest.approx(math.e / (math.e + 1), abs=0.015)  # e³ / (e³ + e²)
    everything = pick(logits, 1.0, None, torch.Generator().manual_seed(1))
    assert set(everything.tolist()) == {0, 1, 2, 3}


def test_a_tiny_temperature_is_greedy_and_a_seed_is_reproducible(demo):
    prime = torch.full((50, 1), demo.task.bos)
    greedy = sample_ids(demo.model, prime, 8, temperature=0)
    assert (greedy == greedy[0]).all()  # greedy decoding draws nothing: every row is the same path
    assert torch.equal(sample_ids(demo.model, prime, 8, temperature=1e-6, seed=3), greedy)
    first = sample_ids(demo.model, prime, 8, temperature=1.0, seed=3)
    assert torch.equal(first, sample_ids(demo.model, prime, 8, temperature=1.0, seed=3))
    assert not torch.equal(first, sample_ids(demo.model, prime, 8, temperature=1.0, seed=4))
    with pytest.raises(ValueError, match="top_k"):
        sample_ids(demo.model, prime, 8, top_k=0)


def test_sentences_are_read_from_a_start_token_with_the_target_shifted_by_one():
    task = Sentences()
    assert task.words[:3] == ["<s>", "</s>", "I"] and task.seq_len == 8
    row = task.sentences.index("I like machine learning".split())
    assert task.decode(task.xs[row, 1:]) == "I like machine learning".split()
    assert task.decode(task.ys[row]) == "I like machine learning".split()
    assert (task.ys[row, 5:] == IGNORE).all()
    batch = task.sample(30, torch.Generator().manual_seed(0))
    assert torch.bincount(batch.x[:, 2], minlength=task.vocab_size)[task.encode(["think", "like", "am"])].tolist() \
        == [10, 10, 10]  # every sentence equally often
    assert task.is_sentence("I am not just a neural network".split()) and not task.is_sentence(["I", "am"])
    with pytest.raises(ValueError, match="zebra"):
        task.encode(["zebra"])


def test_cs182_marginals_after_i_are_think_like_am_and_sum_to_one(demo):
    task, marginals = demo.task, demo.marginals
    np.testing.assert_allclose(marginals.sum(1), 1, atol=1e-9)
    assert marginals[0, task.index["I"]] > 0.99
    after_i = marginals[1, task.encode(["think", "like", "am"])]
    np.testing.assert_allclose(after_i, 1 / 3, atol=0.1)


def test_cs182_autoregressive_samples_are_sentences_and_independent_ones_are_not(demo):
    autoregressive = valid_share(demo.task, draw_autoregressive(demo, 1000, seed=0))
    independent = valid_share(demo.task, draw_independent(demo.marginals, 1000, seed=0))
    assert autoregressive >= 0.95
    assert independent <= 0.1  # about (1/3)⁴ + … ≈ 2 %


@pytest.mark.parametrize("kind", SCHEDULES)
def test_every_schedule_ends_at_the_level(kind):
    steps = 200
    values = np.array([teacher_probability(kind, i, steps) for i in range(steps + 1)])
    assert values[-1] == pytest.approx(LEVEL, rel=1e-6)
    assert np.all(np.diff(values) <= 1e-12)  # never rises
    if kind != "constant":
        assert values[0] > 0.95


def test_the_schedules_follow_their_formulas():
    assert teacher_probability("constant", 50, 100, level=0.3) == 0.3
    assert teacher_probability("linear", 50, 100, level=0.2) == pytest.approx(0.6)
    assert teacher_probability("exponential", 50, 100, level=0.25) == pytest.approx(0.5)
    k_half = teacher_probability("inverse_sigmoid", 0, 100, level=0.1)
    assert 0.95 < k_half < 1
    k = k_half / (1 - k_half)  # ε_0 = k / (k + 1)
    assert teacher_probability("inverse_sigmoid", 40, 100, level=0.1) == pytest.approx(k / (k + math.exp(40 / k)))
    with pytest.raises(ValueError, match="schedule"):
        teacher_probability("cosine", 0, 10)


@pytest.mark.parametrize("cell, layers", [("lstm", 1), ("gru", 1), ("rnn", 1), ("lstm", 2)])
def test_mixed_forward_with_every_input_true_is_the_fused_forward(cell, layers):
    task = Sine(length=12, noise=0.0)
    with torch.random.fork_rng():
        torch.manual_seed(0)
        model = SequenceModel(task, cell, 8, num_layers=layers)
    x = task.sample(4, torch.Generator().manual_seed(0)).x
    mixed = mixed_forward(model, x, torch.ones(4, 12, dtype=torch.bool), torch.Generator())
    torch.testing.assert_close(mixed, model(x)[0], rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="first step"):
        mixed_forward(model, x, torch.zeros(4, 12, dtype=torch.bool), torch.Generator())


def test_no_gradient_flows_through_the_fed_back_prediction():
    """Feeding every prediction back gives the gradients of the fused model reading those predictions as data."""
    task = Sine(length=10, noise=0.0)
    model = build(task, "gru", 8, seed=1)
    batch = task.sample(4, torch.Generator().manual_seed(0))
    own = torch.zeros(4, 10, dtype=torch.bool)
    own[:, 0] = True
    pred = mixed_forward(model, batch.x, own, torch.Generator())
    task.loss(pred, batch.y).backward()
    mixed_grads = [p.grad.clone() for p in model.parameters()]
    model.zero_grad()
    fed = torch.cat([batch.x[:, :1], pred[:, :-1].detach()], 1)  # what the model read, as plain data
    task.loss(model(fed)[0], batch.y).backward()
    for mixed, data in zip(mixed_grads, (p.grad for p in model.parameters())):
        torch.testing.assert_close(mixed, data, rtol=1e-5, atol=1e-7)


def test_token_tasks_feed_back_a_sampled_token_and_fit_returns_a_loss_per_step():
    task = Sentences()
    model = build(task, "gru", 8, seed=0)
    losses = fit(model, task, steps=5, lr=1e-2, batch_size=6, seed=0, schedule="linear")
    assert len(losses) == 5 and all(math.isfinite(v) for v in losses)
    own = torch.zeros(6, task.seq_len, dtype=torch.bool)
    own[:, 0] = True
    pred = mixed_forward(model, task.xs[[0, 1, 2, 0, 1, 2]], own, torch.Generator().manual_seed(0))
    assert pred.shape == (6, task.seq_len, task.vocab_size)


def test_exposure_demo_scores_both_models_at_every_rollout_length():
    demo = exposure_demo(seed=0, steps=3, length=12, warmup=4, hidden_size=4)
    assert list(demo.horizons) == list(range(1, 10))
    for label in ("teacher forcing", "scheduled sampling"):
        assert demo.free[label].shape == demo.one_step[label].shape == demo.zero.shape == (9,)
        assert demo.free[label][0] == pytest.approx(demo.one_step[label][0], rel=1e-5)  # step 1 reads true values
        assert demo.gap(label) > 0
