"""The seq2seq tasks: answers right, padding and masks right, dates rendered and read back faithfully."""

import datetime as dt

import pytest
import torch

from rnnviz.tasks import make_task
from rnnviz.tasks.dates import FORMATS, ISO_FIELDS, render
from rnnviz.tasks.seq2seq import EOS, PAD, exact_match, token_accuracy


def gen(seed):
    return torch.Generator().manual_seed(seed)


@pytest.mark.parametrize("name,answer", [("reverse", lambda s: s[::-1]), ("sort", sorted)])
def test_symbol_tasks_answer_with_the_rearranged_input_then_eos(name, answer):
    task = make_task(name, length=9, min_length=3, n_symbols=5)
    batch = task.sample(200, gen(0))
    lengths = (batch.x != PAD).sum(dim=1)
    assert lengths.min() == 3 and lengths.max() == 9  # variable lengths, both ends reached
    assert batch.x.shape == (200, 9) and batch.y.shape == (200, 10)
    for x, y, n in zip(task.input_tokens(batch.x), task.output_tokens(batch.y), lengths.tolist()):
        assert len(x) == n and y == [*answer(x), "<eos>"]
    # padding only after the real input; targets: answer, one EOS, then PAD
    assert ((batch.x != PAD).long().diff(dim=1) <= 0).all()
    assert ((batch.y == EOS).sum(dim=1) == 1).all()
    assert torch.equal((batch.y != PAD).sum(dim=1), lengths + 1)


def test_dates_are_iso_renderings_of_the_same_day():
    task = make_task("dates")
    batch = task.sample(300, gen(1))
    lengths = set()
    for x, y in zip(task.input_tokens(batch.x), task.output_tokens(batch.y)):
        text, iso = "".join(x).replace("␣", " "), "".join(y[:-1])
        day = dt.date.fromisoformat(iso)
        assert dt.date(1950, 1, 1) <= day <= dt.date(2049, 12, 31) and y[-1] == "<eos>"
        assert text in {render(day, form)[0] for form in range(len(FORMATS))}
        lengths.add(len(x))
    assert len(lengths) > 5  # the formats give many input lengths
    assert batch.x.shape[1] == task.seq_len and max(lengths) <= task.seq_len


def test_render_marks_the_characters_of_each_field():
    text, fields = render(dt.date(2009, 6, 25), 0)
    assert text == "25th of June, 2009"
    assert "".join(c for c, f in zip(text, fields) if f == "day") == "25th"
    assert "".join(c for c, f in zip(text, fields) if f == "month") == "June"
    assert "".join(c for c, f in zip(text, fields) if f == "year") == "2009"
    assert render(dt.date(2009, 6, 25), 2)[0] == "25/06/09"
    assert render(dt.date(2009, 6, 25), 3)[0] == "Thursday 25 Jun 2009"
    assert render(dt.date(2001, 3, 1), 0)[0] == "1st of March, 2001"
    assert render(dt.date(2001, 3, 12), 0)[0] == "12th of March, 2001"
    assert "".join(f[0] if f else "-" for f in ISO_FIELDS) == "yyyy-mm-dd"


@pytest.mark.parametrize("name", ["reverse", "sort", "dates"])
def test_same_seed_same_batch(name):
    task = make_task(name)
    a, b = task.sample(16, gen(7)), task.sample(16, gen(7))
    assert torch.equal(a.x, b.x) and torch.equal(a.y, b.y)
    assert len(task.output_labels()) == task.output_size and task.output_labels()[:2] == ["<pad>", "<eos>"]


def test_loss_and_metrics_skip_padding():
    task = make_task("reverse", length=6, min_length=2)
    batch = task.sample(64, gen(2))
    perfect = 20.0 * torch.nn.functional.one_hot(batch.y, task.output_size).float()
    wrong_on_padding = perfect.clone()
    wrong_on_padding[batch.y == PAD] = 20.0 * torch.nn.functional.one_hot(
        torch.tensor(EOS + 1), task.output_size).float()
    assert task.metric(wrong_on_padding, batch.y) == 1.0
    assert task.loss(wrong_on_padding, batch.y).item() == pytest.approx(task.loss(perfect, batch.y).item())
    ids = batch.y.clone()
    ids[0, 0] = EOS if ids[0, 0] != EOS else EOS + 1  # one token wrong in one sequence
    assert exact_match(ids, batch.y) == pytest.approx(63 / 64)
    assert token_accuracy(ids, batch.y) == pytest.approx(1 - 1 / (batch.y != PAD).sum().item())


def test_typed_input_is_encoded_or_refused_with_a_clear_message():
    task = make_task("reverse", length=8, min_length=4, n_symbols=4)
    assert task.encode_input("a b cd").tolist() == [1, 2, 3, 4]
    with pytest.raises(ValueError, match="x is not a symbol.*a b c d"):
        task.encode_input("abx")
    with pytest.raises(ValueError, match="between 1 and 8"):
        task.encode_input("abcdabcda")
    with pytest.raises(ValueError, match="between 1 and 8"):
        task.encode_input("  ")
    dates = make_task("dates")
    ids = dates.encode_input("25th of  June, 2009")
    assert "".join(dates.input_tokens(ids[None])[0]) == "25th␣of␣June,␣2009"
    with pytest.raises(ValueError, match="é"):
        dates.encode_input("25 févr 2009")


@pytest.mark.parametrize("params,word", [
    ({"length": 4, "min_length": 5}, "min_length"),
    ({"length": 0}, "length"),
    ({"n_symbols": 1}, "n_symbols"),
])
def test_bad_parameters_are_refused(params, word):
    with pytest.raises(ValueError, match=word):
        make_task("reverse", **params)


def test_the_shortest_sequence_is_half_the_longest_unless_set():
    task = make_task("sort", length=9)
    assert task.min_length == 4 and task.params["min_length"] == 0
    assert (task.sample(300, gen(3)).x != PAD).sum(dim=1).min() == 4
    assert make_task("sort", length=1).min_length == 1
