"""Text from a trained language model: autoregressive sampling, and the hidden states it has on a text.

    sample_text(model, task, prime="Shall I", length=200, temperature=0.8, seed=0, top_k=None)

reads the prime through the fused model, then at every step draws the next character from
softmax(logits / temperature) and feeds it back in, carrying the recurrent state (curriculum §4).
`sample_ids` does the same for any token model (a batch of primes at once, word or character ids).
Low temperatures approach the greedy path (always the most likely character) and temperature 0 is
greedy decoding; 1 samples the model's own distribution; higher ones flatten it.  `top_k` keeps only
the k likeliest tokens at each step (`pick`, drawing from `next_distribution`).  An empty prime reads a
line break instead (the sample is then the start of a line), or the text's most common character when
it has no line breaks.  `unigram_bits` is the bits per character of that frequency table alone, the bar
a model must beat.  `hidden_states` replays a text through an instrumented copy of the recurrent layer
(`record`) so a page can colour the text by one unit.  Pure torch; no Streamlit.
"""

from __future__ import annotations

import math

import torch

from .model import SequenceModel
from .record import Trace, record
from .tasks.charlm import CharLM

MAX_LENGTH = 100_000


def _check(length: int, temperature: float, top_k: int | None) -> None:
    if isinstance(length, bool) or not isinstance(length, int) or not 0 <= length <= MAX_LENGTH:
        raise ValueError(f"length must be a whole number between 0 and {MAX_LENGTH}, got {length!r}")
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) \
            or not math.isfinite(temperature) or temperature < 0:
        raise ValueError(f"temperature must be a finite number, 0 or above, got {temperature!r}")
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1):
        raise ValueError(f"top_k must be a whole number of at least 1 (or None for all tokens), got {top_k!r}")


def next_distribution(logits: torch.Tensor, temperature: float, top_k: int | None) -> torch.Tensor:
    """What `pick` draws from, (B, V) float64: softmax(logits / temperature) over the `top_k` likeliest tokens
    (all when None; a tie with the k-th is kept); at temperature 0 all the mass on the argmax."""
    logits = logits.double().cpu()
    if not torch.isfinite(logits).all():
        raise ValueError("the model's predictions are not finite numbers (did training diverge?)")
    if temperature == 0:
        return torch.nn.functional.one_hot(logits.argmax(-1), logits.shape[-1]).double()
    if top_k is not None and top_k < logits.shape[-1]:
        kth = logits.topk(top_k, dim=-1).values[:, -1:]
        logits = logits.masked_fill(logits < kth, -math.inf)
    return torch.softmax(logits / temperature, dim=-1)


def pick(logits: torch.Tensor, temperature: float, top_k: int | None, generator: torch.Generator) -> torch.Tensor:
    """The next token of each row of `logits` (B, V) → LongTensor (B,): the argmax at temperature 0 (greedy
    decoding), else a draw from `next_distribution`."""
    probs = next_distribution(logits, temperature, top_k)
    if temperature == 0:
        return probs.argmax(-1)
    return torch.multinomial(probs, 1, generator=generator)[:, 0]


@torch.no_grad()
def sample_ids(model: SequenceModel, prime: torch.Tensor, length: int, temperature: float = 1.0,
               top_k: int | None = None, seed: int = 0) -> torch.Tensor:
    """`length` token ids that follow `prime` (LongTensor (P,) or (B, P), P ≥ 1) → LongTensor (B, length),
    each drawn by `pick` and fed back in.  Same seed, same model, same tokens."""
    if model.task_shape != "many_to_many" or not model.vocab_size:
        raise ValueError("model must be a language model: token inputs, one prediction per step")
    _check(length, temperature, top_k)
    prime = prime[None] if prime.dim() == 1 else prime
    generator = torch.Generator().manual_seed(int(seed))
    was_training = model.training
    model.eval()
    try:
        device = next(model.parameters()).device
        out = torch.zeros(prime.shape[0], length, dtype=torch.long)
        logits, state = model(prime.to(device))
        for i in range(length):
            out[:, i] = pick(logits[:, -1], temperature, top_k, generator)
            if i + 1 < length:
                logits, state = model(out[:, i:i + 1].to(device), state)
        return out
    finally:
        model.train(was_training)


def default_prime(task: CharLM) -> str:
    """What an unprimed sample reads first: a line break, or the most common character without one."""
    if "\n" in task.index:
        return "\n"
    return task.chars[int(torch.bincount(task.data, minlength=task.vocab_size).argmax())]


def sample_text(model: SequenceModel, task: CharLM, prime: str, length: int, temperature: float,
                seed: int, top_k: int | None = None) -> str:
    """`length` characters that follow `prime` (the prime itself is not included).

    Same seed, same model, same text.  temperature must be finite and ≥ 0 (0: greedy); prime characters
    outside the vocabulary raise ValueError naming them.  An empty prime reads `default_prime(task)`."""
    if model.task_shape != "many_to_many" or model.vocab_size != task.vocab_size:
        raise ValueError(f"model must be a character model of this task's vocabulary ({task.vocab_size} characters)")
    _check(length, temperature, top_k)
    prime_ids = task.encode(prime or default_prime(task))
    return task.decode(sample_ids(model, prime_ids, length, temperature, top_k, seed)[0])


def unigram_bits(task: CharLM) -> float:
    """Bits per character of the best model that ignores context: the entropy of the character
    frequencies.  A character model must beat this to have learned anything about order."""
    p = torch.bincount(task.data, minlength=task.vocab_size).double() / len(task.data)
    p = p[p > 0]
    return float(-(p * torch.log2(p)).sum())


def hidden_states(model: SequenceModel, task: CharLM, text: str) -> Trace:
    """The Trace of the model's recurrent layer reading `text` (one example: arrays (1, len, units)).
    States and gates only; characters outside the vocabulary raise ValueError naming them."""
    ids = task.encode(text)
    if len(ids) == 0:
        raise ValueError("text is empty: there is nothing to read")
    device = next(model.parameters()).device
    with torch.no_grad():
        x = model.encode(ids.to(device)[None])
    return record(model.rnn, x, probe=("states", "gates"))
