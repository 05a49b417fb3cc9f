"""The encoder–decoder: attention weights, the replay that records them, training through train(), and the
two lessons: reversal attends to the mirrored position, dates attend to the field being written."""

import json

import numpy as np
import pandas as pd
import pytest
import torch

from rnnviz.cli import main
from rnnviz.experiments import SEQ2SEQ_DEFAULTS, attention_comparison
from rnnviz.seq2seq import ATTENTIONS, Seq2SeqModel, Seq2SeqTrace, accuracy_by_length, record_seq2seq
from rnnviz.tasks import make_task
from rnnviz.tasks.dates import ISO_FIELDS, render
from rnnviz.tasks.seq2seq import PAD
from rnnviz.train import TrainConfig, Training, train

SMALL = dict(task="reverse", task_params={"length": 7, "min_length": 2}, hidden_size=12, batch_size=16, steps=6,
             snapshot_steps=3)


def model_and_batch(attention="additive", cell="gru", seed=0, **kwargs):
    torch.manual_seed(seed)
    task = make_task("reverse", length=9, min_length=2)
    return task, Seq2SeqModel(task, cell, 10, attention=attention, **kwargs), task.sample(12, torch.Generator().manual_seed(seed))


@pytest.mark.parametrize("attention", ["additive", "dot", "general"])
def test_attention_rows_sum_to_one_and_padding_gets_no_weight(attention):
    task, model, batch = model_and_batch(attention)
    trace = record_seq2seq(model, task, batch.x, batch.y)
    padding = (batch.x == PAD).numpy()[:, None, :].repeat(trace.weights.shape[1], axis=1)
    assert trace.weights.shape == (12, task.out_len, task.seq_len)
    np.testing.assert_allclose(trace.weights.sum(axis=-1), 1.0, atol=1e-12)
    assert (trace.weights[padding] == 0).all() and (trace.weights[~padding] > 0).all()
    assert np.isneginf(trace.scores[padding]).all()
    assert (trace.encoder_grad[batch.x == PAD] == 0).all() and (trace.encoder_grad[batch.x != PAD] > 0).all()
    np.testing.assert_allclose(trace.context, np.einsum("bts,bsh->bth", trace.weights, trace.encoder_states))


@pytest.mark.parametrize("attention", ATTENTIONS)
@pytest.mark.parametrize("cell,layers,bidirectional", [("gru", 1, False), ("lstm", 2, True), ("rnn", 1, True)])
def test_the_replay_matches_the_fused_model(attention, cell, layers, bidirectional):
    task, model, batch = model_and_batch(attention, cell, num_layers=layers, bidirectional=bidirectional)
    trace = record_seq2seq(model, task, batch.x, batch.y)
    with torch.no_grad():
        memory, _, _ = model.encode(batch.x)
        logits = model(batch.x, steps=batch.y.shape[1])
    np.testing.assert_allclose(trace.encoder_states, memory.numpy(), atol=1e-5)
    np.testing.assert_allclose(trace.logits, logits.numpy(), atol=1e-5)
    assert trace.predicted_tokens == task.output_tokens(logits.argmax(-1))
    assert (trace.weights is None) == (attention == "none")
    assert trace.encoder_states.shape == (12, task.seq_len, 10 * (1 + bidirectional))


def test_one_typed_example_replays_against_the_models_own_answer():
    task, model, _ = model_and_batch()
    trace = record_seq2seq(model, task, task.encode_input("abc"))
    assert trace.input_tokens == [["a", "b", "c"]] and trace.target_tokens == [[]]
    assert trace.weights.shape == (1, task.out_len, 3) and trace.encoder_grad_norms().shape == (3,)
    small = trace.compact()
    assert small.encoder_states.shape[-1] == 0 and small.weights is trace.weights
    np.testing.assert_array_equal(small.encoder_grad_norms(), trace.encoder_grad_norms())


def test_training_a_seq2seq_task_goes_through_train():
    events = list(train(TrainConfig(**SMALL, attention="dot")))
    assert isinstance(events[0].trace, Seq2SeqTrace) and events[-1].kind == "done"
    assert [e.step for e in events if e.trace is not None] == [0, 3, 6]
    again = [e.loss for e in train(TrainConfig(**SMALL, attention="dot")) if e.kind == "step"]
    assert again == [e.loss for e in events if e.kind == "step"]  # same seed, same curve
    assert 0.0 <= Training(TrainConfig(**SMALL)).evaluate() <= 1.0


def test_attention_is_for_seq2seq_tasks_only():
    with pytest.raises(ValueError, match="attention"):
        TrainConfig(task="recall", attention="additive")
    with pytest.raises(ValueError, match="attention"):
        TrainConfig(**SMALL, attention="multiplicative")


def test_the_comparison_differs_in_attention_only():
    configs = attention_comparison(length=12, seed=3)
    none, attention = configs["no attention"], configs["attention"]
    assert none.attention == "none" and attention.attention == "additive"
    assert none.replace(attention="additive") == attention
    assert none.task_params == {"length": 12} and none.seed == 3
    assert all(getattr(none, field) == value for field, value in SEQ2SEQ_DEFAULTS.items())


def test_with_attention_every_encoder_step_is_one_hop_from_the_loss():
    """Before any training: without attention the gradient reaches the first input only through the chain of
    encoder steps and arrives faded; with attention it arrives about as strong as at the last input."""
    for seed in (0, 1):
        first_over_last = {}
        for label, config in attention_comparison(length=16, seed=seed).items():
            norms = Training(config).snapshot().encoder_grad_norms()
            first_over_last[label] = norms[0] / norms[7]  # position 7: the last one every input has
        assert first_over_last["no attention"] < 0.1 and first_over_last["attention"] > 0.5


def test_accuracy_by_length_covers_lengths_beyond_training():
    task, model, _ = model_and_batch()
    frame = accuracy_by_length(model, task, [2, 9, 20], n=16)
    assert list(frame.columns) == ["length", "exact_match", "token_accuracy"] and frame["length"].tolist() == [2, 9, 20]
    assert frame[["exact_match", "token_accuracy"]].stack().between(0, 1).all()
    dates = make_task("dates")
    frame = accuracy_by_length(Seq2SeqModel(dates, "gru", 8), dates, n=64)
    assert len(frame) > 3 and frame["length"].is_monotonic_increasing


def test_cli_writes_attention_csv_and_held_out_exact_match(tmp_path):
    out = tmp_path / "run"
    assert main(["run", "--task", "reverse", "--attention", "additive", "--length", "5", "--steps", "20",
                 "--hidden", "8", "--snapshots", "2", "--out", str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text())
    config = TrainConfig.from_dict(summary["config"])
    assert summary["metric_name"] == "exact match" and config.cell == SEQ2SEQ_DEFAULTS["cell"]
    assert config.lr == SEQ2SEQ_DEFAULTS["lr"] and config.hidden_size == 8
    again = Training(config)
    for _ in again:
        pass
    assert summary["final_metric"] == again.evaluate()  # held out, greedy: not the last batch's score
    weights = pd.read_csv(out / "attention.csv")
    assert list(weights.columns) == ["example", "out_step", "in_step", "weight"]
    np.testing.assert_allclose(weights.groupby(["example", "out_step"])["weight"].sum(), 1.0, atol=1e-9)
    assert set(pd.read_csv(out / "grad_flow.csv")["step"]) == {0, 10, 20}


@pytest.mark.slow
def test_reversal_attends_to_the_mirrored_position():
    """The issue's check: length 12, seed 5, the page's settings."""
    training = Training(attention_comparison(length=12, seed=5)["attention"])
    for _ in training:
        pass
    assert training.evaluate() >= 0.9
    batch = training.task.probe_batch(64)
    trace = record_seq2seq(training.model, training.task, batch.x, batch.y)
    near = []
    for b, source in enumerate(trace.input_tokens):
        n = len(source)
        for t in range(n):  # the EOS row has no mirror
            mirror = n - 1 - t
            near.append(trace.weights[b, t, max(0, mirror - 1):mirror + 2].sum())
    assert np.mean(near) >= 0.8


@pytest.mark.slow
def test_dates_attend_to_the_field_being_written():
    task = make_task("dates")
    training = Training(attention_comparison(task="dates", seed=0, steps=300)["attention"])
    for _ in training:
        pass
    assert training.evaluate() >= 0.95
    pairs = task.draw(64, torch.Generator().manual_seed(11))
    rendered = [render(day, form) for day, form in pairs]
    x = torch.stack([torch.nn.functional.pad(task.encode_input(text), (0, task.seq_len - len(text)))
                     for text, _ in rendered])
    weights = record_seq2seq(training.model, task, x).weights
    for field in ("year", "month", "day"):
        rows = [t for t, f in enumerate(ISO_FIELDS) if f == field]
        on_field = [weights[b, t, [j for j, f in enumerate(fields) if f == field]].sum()
                    for b, (_, fields) in enumerate(rendered) for t in rows]
        assert np.mean(on_field) >= 0.5, field
