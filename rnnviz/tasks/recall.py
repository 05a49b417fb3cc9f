"""recall: remember the symbol shown at step 0 and name it after `distance` distractor steps.

The synthetic form of "The cat, which already ate ..., was full": the answer depends on one token
far back, and nothing in between helps.  Tokens 0..n_symbols-1 are the symbols to remember, the next
n_distractors tokens are noise; inputs are one-hot (or embedded) by the model.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from .base import Batch, Param, Task, accuracy


class Recall(Task):
    name = "recall"
    shape = "many_to_one"
    metric_name = "accuracy"
    PARAMS = (
        Param("distance", int, 100, 1, 2000, "distractor steps between the symbol and the question", length=True),
        Param("n_symbols", int, 4, 2, 64, "symbols to choose from", flag="symbols"),
        Param("n_distractors", int, 4, 1, 64, "distractor tokens", flag="distractors"),
    )

    def setup(self):
        self.vocab_size = self.input_size = self.n_symbols + self.n_distractors
        self.output_size = self.n_symbols
        self.seq_len = self.distance + 1
        self.chance = 1.0 / self.n_symbols

    def sample(self, batch_size: int, generator: torch.Generator) -> Batch:
        symbol = torch.randint(self.n_symbols, (batch_size,), generator=generator)
        noise = torch.randint(self.n_symbols, self.vocab_size, (batch_size, self.distance), generator=generator)
        return Batch(torch.cat([symbol[:, None], noise], dim=1), symbol)

    def loss(self, pred, y):
        return F.cross_entropy(pred, y)

    def metric(self, pred, y):
        return accuracy(pred, y)

    def token_labels(self):
        return [chr(ord("A") + i) for i in range(self.n_symbols)] + [f"·{i}" for i in range(self.n_distractors)]

    def describe(self):
        return (f"See one of {self.n_symbols} symbols, then {self.distance} distractors; "
                f"name the first symbol at the end (chance {self.chance:.0%}).")

