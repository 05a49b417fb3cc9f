"""lookahead: tag every "Teddy" as a person or a toy, from a word that comes only later.

The synthetic form of "He said, Teddy Roosevelt was a great President" against "Teddy bears are on
sale" (curriculum §5): at the word Teddy (token T) nothing read so far tells the two apart; the word
that decides, P (a person word, "Roosevelt") or B (a toy word, "bears"), follows `min_gap` to
`max_gap` steps later, with neutral distractor words around it.

A sequence is cut into blocks of `max_gap + 2` steps; each block holds one T, at a random offset,
and its deciding word d steps later (d drawn from min_gap..max_gap), so a T's word always comes
before the next T.  Targets are per step (many-to-many): 1 = person, 2 = toy at a T, 0 elsewhere.
Loss and metric count the T steps only.  Each T's class is a fair coin, independent of everything
before it, so a model that reads only the past scores at most 50% there (`chance`, the ceiling of a
unidirectional RNN of any size); a bidirectional one can reach 100%.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from .base import Batch, Param, Task

TEDDY, PERSON, TOY = 0, 1, 2   # token ids; distractors follow
NO_TAG = 0                     # target at steps that are not a T; classes 1 and 2 follow the cue tokens


class Lookahead(Task):
    name = "lookahead"
    shape = "many_to_many"
    metric_name = "tag accuracy at the T words"
    higher_is_better = True
    output_size = 3
    chance = 0.5  # the best any past-only predictor can do at the T steps: a coin

    PARAMS = (
        Param("length", int, 28, 3, 2000, "sequence length (at least max_gap + 2)", length=True),
        Param("min_gap", int, 2, 1, 50, "fewest steps from a word to the later word that decides it"),
        Param("max_gap", int, 5, 1, 50, "most steps from a word to the later word that decides it"),
        Param("n_distractors", int, 4, 1, 64, "distractor tokens", flag="distractors"),
    )

    def setup(self):
        if self.min_gap > self.max_gap:
            raise ValueError(f"min_gap must be at most max_gap ({self.max_gap}), got {self.min_gap}")
        self.block = self.max_gap + 2
        if self.length < self.block:
            raise ValueError(f"length must be at least max_gap + 2 = {self.block}, got {self.length}")
        self.seq_len = self.length
        self.vocab_size = self.input_size = 3 + self.n_distractors

    @property
    def tags_per_sequence(self) -> int:
        return self.length // self.block

    def sample(self, batch_size: int, generator: torch.Generator) -> Batch:
        B, n = batch_size, self.tags_per_sequence
        x = torch.randint(3, self.vocab_size, (B, self.length), generator=generator)
        gap = torch.randint(self.min_gap, self.max_gap + 1, (B, n), generator=generator)
        offset = (torch.rand(B, n, generator=generator) * (self.block - gap)).long()  # 0 .. block-1-gap
        toy = torch.randint(2, (B, n), generator=generator)
        teddy = torch.arange(n) * self.block + offset
        rows = torch.arange(B)[:, None]
        x[rows, teddy] = TEDDY
        x[rows, teddy + gap] = PERSON + toy
        y = torch.full((B, self.length), NO_TAG)
        y[rows, teddy] = 1 + toy
        return Batch(x, y)

    def loss(self, pred, y):
        tagged = y != NO_TAG
        return F.cross_entropy(pred[tagged], y[tagged])

    def metric(self, pred, y):
        tagged = y != NO_TAG
        return (pred[tagged].argmax(-1) == y[tagged]).float().mean().item()

    def token_labels(self):
        return ["T", "P", "B"] + [f"·{i}" for i in range(self.n_distractors)]

    def describe(self):
        return (f"Tag each Teddy (T) as a person or a toy: the word that decides, P (“Roosevelt”) or "
                f"B (“bears”), comes {self.min_gap}–{self.max_gap} steps later, among {self.n_distractors} "
                f"distractor words. {self.tags_per_sequence} T per sequence of {self.length}; "
                f"reading only the past, the best possible is {self.chance:.0%}.")

