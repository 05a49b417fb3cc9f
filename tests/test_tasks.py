"""Tasks must be deterministic, shaped as declared, and score what they claim to score."""

import math
import unicodedata
from collections import Counter

import pytest
import torch
import torch.nn.functional as F

from rnnviz.tasks import TASKS, make_task
from rnnviz.tasks.adding import Adding
from rnnviz.tasks.charlm import ASSETS, CharLM, bundled_text
from rnnviz.tasks.recall import Recall
from rnnviz.tasks.sine import Sine

SMALL = {"recall": {"distance": 12}, "adding": {"length": 20}, "sine": {"length": 30}, "charlm": {"seq_len": 16}}


def gen(seed):
    return torch.Generator().manual_seed(seed)


def pred_shape(task, batch_size):
    if task.shape == "many_to_one":
        return (batch_size, task.output_size)
    if task.shape == "seq2seq":
        return (batch_size, task.out_len, task.output_size)
    return (batch_size, task.seq_len, task.output_size)


def perfect(task, y):
    """A prediction that is exactly right: big logits on the answer, or the value itself."""
    if y.dtype == torch.long:
        return 10.0 * F.one_hot(y, task.output_size).float()
    return y.clone()


# --- every registered task ---------------------------------------------------------------------------

def test_all_tasks_are_registered():
    assert {"recall", "adding", "sine", "charlm"} <= set(TASKS)
    for name, cls in TASKS.items():
        assert cls.name == name


@pytest.mark.parametrize("name", sorted(TASKS))
def test_same_seed_same_batch_different_seed_different_batch(name):
    task = make_task(name, **SMALL.get(name, {}))
    a, b, c = task.sample(8, gen(3)), task.sample(8, gen(3)), task.sample(8, gen(4))
    assert torch.equal(a.x, b.x) and torch.equal(a.y, b.y)
    assert not torch.equal(a.x, c.x)
    assert torch.equal(task.probe_batch().x, task.probe_batch().x)


@pytest.mark.parametrize("name", sorted(TASKS))
def test_shapes_and_dtypes_match_the_declaration(name):
    task = make_task(name, **SMALL.get(name, {}))
    B = 5
    batch = task.sample(B, gen(0))
    assert task.shape in ("many_to_one", "many_to_many", "seq2seq")
    if task.vocab_size is not None:
        assert batch.x.dtype == torch.long and batch.x.shape == (B, task.seq_len)
        assert task.input_size == task.vocab_size
        assert 0 <= batch.x.min() and batch.x.max() < task.vocab_size
        labels = task.token_labels()
        assert len(labels) == task.vocab_size and all(isinstance(s, str) and s for s in labels)
    else:
        assert batch.x.dtype == torch.float32 and batch.x.shape == (B, task.seq_len, task.input_size)
        assert task.token_labels() is None
    shape = pred_shape(task, B)
    if batch.y.dtype == torch.long:
        assert batch.y.shape == shape[:-1]
        assert 0 <= batch.y.min() and batch.y.max() < task.output_size
    else:
        assert batch.y.dtype == torch.float32 and batch.y.shape == shape
    pred = torch.randn(shape, requires_grad=True)
    loss = task.loss(pred, batch.y)
    assert loss.dim() == 0 and torch.isfinite(loss)
    loss.backward()
    assert isinstance(task.metric(pred.detach(), batch.y), float)
    assert isinstance(task.describe(), str) and len(task.describe()) > 10


@pytest.mark.parametrize("name", sorted(TASKS))
def test_params_rebuild_the_same_task(name):
    task = make_task(name, **SMALL.get(name, {}))
    twin = make_task(name, **task.params)
    a, b = task.sample(4, gen(9)), twin.sample(4, gen(9))
    assert torch.equal(a.x, b.x) and torch.equal(a.y, b.y)


@pytest.mark.parametrize("name", sorted(TASKS))
def test_perfect_predictor_scores_one(name):
    task = make_task(name, **SMALL.get(name, {}))
    batch = task.sample(64, gen(1))
    assert task.metric(perfect(task, batch.y), batch.y) == pytest.approx(1.0)
    assert task.higher_is_better


def test_unknown_task_name_and_keyword_are_rejected():
    with pytest.raises(ValueError, match="task"):
        make_task("no-such-task")
    with pytest.raises(ValueError, match="colour"):
        make_task("adding", colour="red")


@pytest.mark.parametrize("name,params,word", [
    ("recall", {"distance": -1}, "distance"),
    ("adding", {"length": -5}, "length"),
    ("adding", {"length": 1}, "length"),
    ("adding", {"length": 2.5}, "length"),
    ("sine", {"length": -1}, "length"),
    ("sine", {"noise": -0.1}, "noise"),
    ("sine", {"noise": float("nan")}, "noise"),
    ("sine", {"noise": "lots"}, "noise"),
    ("charlm", {"seq_len": -1}, "seq_len"),
    ("charlm", {"seq_len": 5000}, "seq_len"),
    ("charlm", {"text": ""}, "text"),
    ("charlm", {"text": "  \n\t \r\n"}, "text"),
    ("charlm", {"text": 42}, "text"),
    ("charlm", {"text": "abc", "seq_len": 10}, "seq_len"),
    ("charlm", {"text": "ab" * 1_000_001}, "text is too long"),
    ("charlm", {"text": "".join(chr(0x4E00 + i) for i in range(201)) * 2}, "text.*vocabulary too large"),
])
def test_bad_parameters_raise_value_error_naming_them(name, params, word):
    with pytest.raises(ValueError, match=word):
        make_task(name, **params)


# --- recall -------------------------------------------------------------------------------------------

def test_recall_target_is_the_first_token_and_distractors_are_not_symbols():
    task = Recall(distance=30, n_symbols=5, n_distractors=3)
    batch = task.sample(500, gen(2))
    assert torch.equal(batch.y, batch.x[:, 0])
    assert (batch.x[:, 0] < task.n_symbols).all()
    assert (batch.x[:, 1:] >= task.n_symbols).all()


def test_recall_chance_is_what_a_constant_guess_scores():
    task = Recall(distance=5, n_symbols=4)
    batch = task.sample(40_000, gen(5))
    blind = torch.zeros(len(batch.y), task.output_size)
    blind[:, 0] = 1.0
    assert task.metric(blind, batch.y) == pytest.approx(task.chance, abs=0.01)


# --- adding -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("length", [2, 3, 17, 100])
def test_adding_has_two_markers_one_per_half_and_the_target_is_their_sum(length):
    task = Adding(length=length)
    batch = task.sample(300, gen(length))
    values, markers = batch.x[..., 0], batch.x[..., 1]
    assert ((values >= 0) & (values < 1)).all()
    assert set(markers.unique().tolist()) <= {0.0, 1.0}
    assert (markers.sum(1) == 2).all()
    half = length // 2
    assert (markers[:, :half].sum(1) == 1).all() and (markers[:, half:].sum(1) == 1).all()
    torch.testing.assert_close(batch.y[:, 0], (values * markers).sum(1))


def test_adding_chance_matches_monte_carlo_of_the_constant_one_predictor():
    task = Adding(length=10)
    assert task.chance == pytest.approx(0.0784)
    batch = task.sample(200_000, gen(11))
    blind = torch.ones_like(batch.y)
    assert task.metric(blind, batch.y) == pytest.approx(task.chance, abs=0.01)
    # and 1.0 is the best constant: a nearby constant does no better
    assert task.metric(torch.full_like(batch.y, 0.9), batch.y) < task.metric(blind, batch.y)


def test_adding_metric_counts_errors_under_the_tolerance():
    task = Adding(length=4)
    y = torch.tensor([[1.0], [1.0], [1.0], [1.0]])
    pred = torch.tensor([[1.03], [0.97], [1.05], [0.5]])
    assert task.metric(pred, y) == pytest.approx(0.5)


# --- sine ---------------------------------------------------------------------------------------------

def test_sine_target_is_the_next_clean_value():
    clean = Sine(length=40, noise=0.0).sample(64, gen(7))
    noisy = Sine(length=40, noise=0.3).sample(64, gen(7))
    # without noise the input is the clean wave, so the target is the input one step on
    torch.testing.assert_close(clean.x[:, 1:, 0], clean.y[:, :-1, 0])
    # with noise the target is unchanged (still clean) while the input is blurred by about `noise`
    torch.testing.assert_close(noisy.y, clean.y)
    residual = noisy.x - clean.x
    assert residual.std().item() == pytest.approx(0.3, rel=0.05)
    assert residual.mean().abs().item() < 0.02


def test_sine_waves_are_sums_of_one_or_two_sinusoids():
    # a single sinusoid obeys s[t+1] = 2 cos(w) s[t] - s[t-1]; two obey a 4-term linear recurrence,
    # so every clean sequence is annihilated by some 4-tap filter: the 5-column Hankel matrix is rank ≤ 4
    batch = Sine(length=60, noise=0.0).sample(32, gen(8))
    wave = torch.cat([batch.x[:, :1, 0], batch.y[..., 0]], dim=1).double()  # the whole clean path
    assert wave.abs().max() <= 1.0 + 1e-6
    for row in wave:
        hankel = row.unfold(0, 5, 1)
        s = torch.linalg.svdvals(hankel)
        assert s[-1] / s[0] < 1e-4


def test_sine_r2_of_mean_is_zero_and_of_offset_is_known():
    task = Sine(length=25)
    batch = task.sample(256, gen(3))
    y = batch.y
    assert task.metric(torch.full_like(y, y.mean().item()), y) == pytest.approx(0.0, abs=1e-5)
    assert task.metric(torch.zeros_like(y), y) == pytest.approx(task.chance, abs=0.05)  # blind guess 0
    c = 0.1
    assert task.metric(y + c, y) == pytest.approx(1 - c**2 / y.var(unbiased=False).item(), abs=1e-5)


# --- charlm -------------------------------------------------------------------------------------------

def test_bundled_texts_exist_and_are_clean():
    sonnets = bundled_text()
    assert len(sonnets) >= 12_000 and sonnets.startswith("I\n\nFrom fairest creatures")
    assert "Shall I compare thee to a summer's day?" in sonnets
    assert (ASSETS / "tiny_corpus.txt").read_text(encoding="utf-8") == (
        "I think therefore I am\nI like machine learning\nI am not just a neural network\n")
    assert CharLM().text == unicodedata.normalize("NFC", sonnets)


def test_charlm_target_is_the_input_shifted_by_one_within_the_text():
    task = CharLM(seq_len=32)
    batch = task.sample(50, gen(4))
    assert torch.equal(batch.y[:, :-1], batch.x[:, 1:])
    for x, y in zip(batch.x, batch.y):
        window = task.decode(x) + task.decode(y[-1:])
        assert window in task.text


def test_charlm_round_trips_odd_unicode_and_normalises():
    odd = "naïve café 😀 中文\r\n"
    task = CharLM(text=odd * 10, seq_len=8)
    assert "\r" not in task.text
    ids = task.encode("naïve café 😀 中文")
    assert ids.dtype == torch.long
    assert task.decode(ids) == "naïve café 😀 中文"
    assert task.decode(ids.tolist()) == "naïve café 😀 中文"
    assert torch.equal(task.encode("nai\u0308ve"), task.encode("naïve"))  # decomposed ï → NFC
    labels = task.token_labels()
    assert "␣" in labels and "↵" in labels and "😀" in labels and "中" in labels
    with pytest.raises(ValueError, match="Z"):
        task.encode("Zebra")


def test_charlm_chance_is_the_most_common_character_and_a_constant_guess_scores_it():
    task = CharLM(seq_len=64)
    char, count = Counter(task.text).most_common(1)[0]
    assert task.chance == pytest.approx(count / len(task.text))
    batch = task.sample(4000, gen(6))
    blind = torch.zeros(*batch.y.shape, task.vocab_size)
    blind[..., task.encode(char).item()] = 1.0
    assert task.metric(blind, batch.y) == pytest.approx(task.chance, abs=0.01)


def test_charlm_vocabulary_and_bits_per_char():
    task = CharLM(text=bundled_text("tiny_corpus.txt"))
    assert task.vocab_size == len(set(task.text))
    assert task.token_labels()[0] == "↵"  # "\n" sorts first
    assert task.params == {"text": task.text, "seq_len": 64}
    assert CharLM.bits_per_char(math.log(2)) == pytest.approx(1.0)
    uniform = task.loss(torch.zeros(2, 64, task.vocab_size), task.sample(2, gen(0)).y).item()
    assert task.bits_per_char(uniform) == pytest.approx(math.log2(task.vocab_size))
