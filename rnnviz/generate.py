"""Text from a trained character model: autoregressive sampling, and the hidden states it has on a text.

    sample_text(model, task, prime="Shall I", length=200, temperature=0.8, seed=0)

reads the prime through the fused model, then at every step draws the next character from
softmax(logits / temperature) and feeds it back in, carrying the recurrent state (curriculum §4).
Low temperatures approach the greedy path (always the most likely character); 1 samples the model's
own distribution; higher ones flatten it.  An empty prime reads a line break instead (the sample is
then the start of a line), or the text's most common character when it has no line breaks.  `unigram_bits` is the bits per character of that frequency table
alone, the bar a model must beat.  `hidden_states` replays a text through an instrumented copy of the
recurrent layer (`record`) so a page can colour the text by one unit.  Pure torch; no Streamlit.
"""

from __future__ import annotations

import math

import torch

from .model import SequenceModel
from .record import Trace, record
from .tasks.charlm import CharLM

MAX_LENGTH = 100_000


def _check(model: SequenceModel, task: CharLM, length: int, temperature: float) -> None:
    if model.task_shape != "many_to_many" or model.vocab_size != task.vocab_size:
        raise ValueError(f"model must be a character model of this task's vocabulary ({task.vocab_size} characters)")
    if isinstance(length, bool) or not isinstance(length, int) or not 0 <= length <= MAX_LENGTH:
        raise ValueError(f"length must be a whole number between 0 and {MAX_LENGTH}, got {length!r}")
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) \
            or not math.isfinite(temperature) or temperature <= 0:
        raise ValueError(f"temperature must be a finite number above 0, got {temperature!r}")


def default_prime(task: CharLM) -> str:
    """What an unprimed sample reads first: a line break, or the most common character without one."""
    if "\n" in task.index:
        return "\n"
    return task.chars[int(torch.bincount(task.data, minlength=task.vocab_size).argmax())]


@torch.no_grad()
def sample_text(model: SequenceModel, task: CharLM, prime: str, length: int, temperature: float,
                seed: int) -> str:
    """`length` characters that follow `prime` (the prime itself is not included).

    Same seed, same model, same text.  temperature must be finite and > 0; prime characters outside
    the vocabulary raise ValueError naming them.  An empty prime reads `default_prime(task)`."""
    _check(model, task, length, temperature)
    prime_ids = task.encode(prime or default_prime(task))
    generator = torch.Generator().manual_seed(int(seed))
    was_training = model.training
    model.eval()
    try:
        device = next(model.parameters()).device
        out: list[int] = []
        logits, state = model(prime_ids.to(device)[None])
        while len(out) < length:
            probs = torch.softmax(logits[0, -1].double().cpu() / temperature, dim=-1)
            if not torch.isfinite(probs).all():
                raise ValueError("the model's predictions are not finite numbers (did training diverge?)")
            nxt = torch.multinomial(probs, 1, generator=generator)
            out.append(int(nxt))
            logits, state = model(nxt.to(device)[None], state)
        return task.decode(out)
    finally:
        model.train(was_training)


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
