"""Generation and exposure bias (curriculum §4): what a language model's samples need, and what teacher forcing
leaves out.

Teacher forcing trains every step on the true previous token; generation feeds the model its own output, a
distribution it never trained on, so errors can compound (exposure bias).  Scheduled sampling (Bengio et al.
2015) feeds the model's own prediction instead of the true previous input with probability 1 − ε_i, where the
teacher probability ε_i follows a schedule over training (`teacher_probability`: constant, linear,
exponential, inverse sigmoid).  The prediction is fed back as data: no gradient flows through it (`mixed_forward`).

Two small demos, trained in-process on one CPU thread (about 1 s and 2 s), their defaults declared once here:
    cs182_demo       a word-level model of three sentences (Berkeley CS182): per-step marginals, sentences drawn
                     independently from them against sentences drawn autoregressively, and the share valid
    exposure_demo    a teacher-forced and a scheduled model of the `sine` trajectory, rolled out free-running:
                     error against rollout length next to the one-step (teacher-forced) error
Pure torch; no Streamlit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from .generate import sample_ids
from .model import SequenceModel
from .tasks.base import Task
from .tasks.sentences import IGNORE, Sentences
from .tasks.sine import Sine

SCHEDULES = ("constant", "linear", "exponential", "inverse_sigmoid")
LEVEL = 0.1        # the teacher probability every schedule ends at
EVAL_SEED = 2**40 + 7
CS182 = dict(cell="lstm", hidden_size=32, steps=300, lr=1e-2, batch_size=48)
SINE = dict(length=30, warmup=10, cell="gru", hidden_size=32, steps=150, lr=1e-2, batch_size=32,
            schedule="inverse_sigmoid")
SAMPLES = 1000     # sentences drawn for each share of valid sentences
TEACHER, SCHEDULED = "teacher forcing", "scheduled sampling"  # the two models of `exposure_demo`


def teacher_probability(kind: str, step: int, steps: int, level: float = LEVEL) -> float:
    """ε_i: the probability of feeding the true previous input at training step `step` of `steps`.  Every schedule
    starts at 1 (constant: stays at `level`) and ends at `level`: linearly, geometrically (exponential), or
    along Bengio's inverse sigmoid k / (k + exp(i / k)) with k chosen so it reaches `level` at the last step."""
    if kind not in SCHEDULES:
        raise ValueError(f"schedule must be one of {SCHEDULES}, got {kind!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (both excluded), got {level!r}")
    u = step / max(steps, 1)
    if kind == "constant":
        return level
    if kind == "linear":
        return 1 - (1 - level) * u
    if kind == "exponential":
        return level ** u
    k = _sigmoid_k(max(steps, 1), level)
    return k / (k + math.exp(step / k))


def _sigmoid_k(steps: int, level: float) -> float:
    """The k for which k / (k + exp(steps / k)) = level (it rises with k): bisection on log k."""
    low, high = 0.0, math.log(1e9)
    for _ in range(100):
        mid = (low + high) / 2
        k = math.exp(mid)
        low, high = (mid, high) if k / (k + math.exp(min(steps / k, 700))) < level else (low, mid)
    return math.exp((low + high) / 2)


def feedback(pred: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """What the model's prediction of one step (B, out) feeds back as the next input, detached: the value itself
    for real-valued tasks; for token tasks a token drawn from its softmax (B,)."""
    pred = pred.detach()
    if pred.shape[-1] == 1:
        return pred
    return torch.multinomial(torch.softmax(pred.float().cpu(), -1), 1, generator=generator)[:, 0].to(pred.device)


def one_step(rnn: torch.nn.RNNBase):
    """`step(x (B, in), state) → (output (B, H), state)`: one step of `rnn`.  A layer with one layer, one direction
    and biases runs the cell function that nn.LSTMCell, nn.GRUCell and nn.RNNCell call, on its own weights (the
    same numbers as the fused layer, at half the cost per step); any other runs itself one step long."""
    if rnn.num_layers > 1 or rnn.bidirectional or not rnn.bias:
        def step(x, state):
            out, state = rnn(x[:, None], state)
            return out[:, 0], state
        return step
    weights = (rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0)
    if isinstance(rnn, torch.nn.LSTM):
        def step(x, state):
            zeros = x.new_zeros(len(x), rnn.hidden_size)
            h, c = torch.lstm_cell(x, (zeros, zeros) if state is None else state, *weights)
            return h, (h, c)
        return step
    cell = torch.gru_cell if isinstance(rnn, torch.nn.GRU) else \
        torch.rnn_tanh_cell if rnn.nonlinearity == "tanh" else torch.rnn_relu_cell

    def step(x, state):
        h = cell(x, x.new_zeros(len(x), rnn.hidden_size) if state is None else state, *weights)
        return h, h
    return step


def mixed_forward(model: SequenceModel, x: torch.Tensor, use_true: torch.Tensor,
                  generator: torch.Generator) -> torch.Tensor:
    """Predictions (B, T, out) when the input at step t is x[:, t] where use_true[:, t], else the model's own
    prediction of step t − 1 (`feedback`, no gradient through it).  use_true[:, 0] must be all True: the first
    step has no prediction before it.  The task must be autoregressive: x[:, t + 1] is the target of step t."""
    if not bool(use_true[:, 0].all()):
        raise ValueError("the first step must read the true input")
    step = one_step(model.rnn)
    preds, state, fed = [], None, None
    for t in range(x.shape[1]):
        x_t = x[:, t] if fed is None else torch.where(use_true[:, t].view(-1, *[1] * (x.dim() - 2)), x[:, t], fed)
        out, state = step(model.encode(x_t[:, None])[:, 0], state)
        preds.append(model.readout(out[:, None])[:, 0])
        fed = feedback(preds[-1], generator)
    return torch.stack(preds, 1)


def build(task: Task, cell: str, hidden_size: int, seed: int) -> SequenceModel:
    """A fresh model of `task` with seeded weights (torch's global generator is left as it was)."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return SequenceModel(task, cell, hidden_size, encoding="learned" if task.vocab_size else "onehot")


def fit(model: SequenceModel, task: Task, steps: int, lr: float, batch_size: int, seed: int,
        schedule: str | None = None, level: float = LEVEL) -> list[float]:
    """Train with Adam (clipping at 1): teacher-forced (`schedule` None, the fused forward) or with scheduled
    sampling, each input kept true with probability `teacher_probability(schedule, step, steps, level)`.
    Returns the loss of every step."""
    data, coins = torch.Generator().manual_seed(seed + 2), torch.Generator().manual_seed(seed + 3)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    model.train()
    for step in range(steps):
        batch = task.sample(batch_size, data)
        if schedule is None:
            pred = model(batch.x)[0]
        else:
            p = teacher_probability(schedule, step, steps, level)
            use_true = torch.rand(batch.x.shape[:2], generator=coins) < p
            use_true[:, 0] = True
            pred = mixed_forward(model, batch.x, use_true, coins)
        loss = task.loss(pred, batch.y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        losses.append(loss.item())
    model.eval()
    return losses


# ---- the CS182 sentences --------------------------------------------------------------------------

@dataclass
class SentenceDemo:
    task: Sentences
    model: SequenceModel
    marginals: np.ndarray  # (T, V): the model's next-word distribution at each step, averaged over the sentences


def cs182_demo(seed: int = 0, text: str | None = None) -> SentenceDemo:
    """The CS182 word-level model (`CS182` settings) trained on the three sentences (or `text`), and its marginals."""
    task = Sentences() if text is None else Sentences(text=text)
    model = build(task, CS182["cell"], CS182["hidden_size"], seed)
    fit(model, task, CS182["steps"], CS182["lr"], CS182["batch_size"], seed)
    return SentenceDemo(task, model, step_marginals(model, task))


@torch.no_grad()
def next_logits(demo: SentenceDemo, words: list[str]) -> torch.Tensor:
    """The model's logits (1, V) for the word that follows <s> and `words`."""
    ids = torch.cat([torch.tensor([demo.task.bos]), demo.task.encode(words)])
    return demo.model(ids[None])[0][:, -1]


@torch.no_grad()
def step_marginals(model: SequenceModel, task: Sentences) -> np.ndarray:
    """P(w_t) at each step t (T, V): the model's distribution after each corpus sentence's own prefix, averaged
    over the sentences (all equally likely); a sentence that has ended contributes </s>."""
    probs = torch.softmax(model(task.xs)[0].double(), -1)
    ended = task.ys == IGNORE
    probs[ended] = torch.nn.functional.one_hot(torch.tensor(task.eos), task.vocab_size).double()
    return probs.mean(0).numpy()


def draw_independent(marginals: np.ndarray, n: int, seed: int) -> torch.Tensor:
    """n sentences (n, T) whose every word is drawn on its own from that step's marginal, nothing fed back."""
    generator = torch.Generator().manual_seed(seed)
    p = torch.as_tensor(marginals, dtype=torch.double)
    return torch.stack([torch.multinomial(p_t, n, replacement=True, generator=generator) for p_t in p], 1)


def draw_autoregressive(demo: SentenceDemo, n: int, seed: int, temperature: float = 1.0,
                        top_k: int | None = None) -> torch.Tensor:
    """n sentences (n, T), each word drawn from the model given the words drawn before it (`sample_ids`)."""
    prime = torch.full((n, 1), demo.task.bos)
    return sample_ids(demo.model, prime, demo.task.seq_len, temperature, top_k, seed)


def valid_share(task: Sentences, ids: torch.Tensor) -> float:
    """The share of rows that read, up to their first </s>, as one of the corpus sentences."""
    return float(np.mean([task.is_sentence(task.decode(row)) for row in ids]))


# ---- exposure bias on the sine trajectory ---------------------------------------------------------

@dataclass
class ExposureDemo:
    horizons: np.ndarray        # 1 … H: steps since the model last read a true value
    free: dict[str, np.ndarray]  # label → MSE at each horizon, rolled out free-running
    one_step: dict[str, np.ndarray]  # label → MSE at the same positions, reading the true values
    zero: np.ndarray            # MSE of always predicting 0, the wave's centre: knowing nothing about the phase

    def gap(self, label: str) -> float:
        """Mean free-running MSE over the rollout ÷ mean one-step MSE over the same positions."""
        return float(self.free[label].mean() / self.one_step[label].mean())


def held_out(task: Sine, n: int = 256):
    """The fixed batch every rollout is scored on (never a training batch)."""
    return task.sample(n, torch.Generator().manual_seed(EVAL_SEED))


@torch.no_grad()
def rollout_errors(model: SequenceModel, task: Sine, warmup: int) -> tuple[np.ndarray, np.ndarray]:
    """MSE at each horizon 1 … length − warmup + 1 on the `held_out` batch: free-running after reading `warmup`
    true values, and one-step (every input true) at the same positions."""
    batch = held_out(task)
    use_true = torch.arange(task.seq_len)[None].expand(len(batch.x), -1) < warmup
    free = mixed_forward(model, batch.x, use_true, torch.Generator())
    one = model(batch.x)[0]
    return tuple(((pred - batch.y) ** 2).mean((0, 2))[warmup - 1:].numpy() for pred in (free, one))


def exposure_demo(seed: int = 0, schedule: str = SINE["schedule"], level: float = LEVEL, **changes) -> ExposureDemo:
    """The `SINE` setup (with `changes`): a teacher-forced and a scheduled-sampling model, same start and data."""
    s = {**SINE, **changes}
    task = Sine(length=s["length"], noise=0.0)
    free, one_step = {}, {}
    for label, kind in ((TEACHER, None), (SCHEDULED, schedule)):
        model = build(task, s["cell"], s["hidden_size"], seed)
        fit(model, task, s["steps"], s["lr"], s["batch_size"], seed, kind, level)
        free[label], one_step[label] = rollout_errors(model, task, s["warmup"])
    zero = (held_out(task).y ** 2).mean((0, 2))[s["warmup"] - 1:].numpy()
    return ExposureDemo(np.arange(1, len(zero) + 1), free, one_step, zero)
