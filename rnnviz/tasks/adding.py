"""adding: the adding problem (Hochreiter & Schmidhuber 1997), a classic test of long memory.

Each step carries two numbers: a value drawn uniformly from [0, 1) and a marker.  The marker is 1 at
exactly two steps, one in the first half of the sequence and one in the second; the model must output
the sum of the two marked values at the end.  Predicting 1.0 every time (the best guess without
looking) lands within 0.04 of the answer for only 2a - a² = 7.84% of sequences (a = 0.04).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from .base import Batch, Param, Task

TOLERANCE = 0.04


class Adding(Task):
    name = "adding"
    shape = "many_to_one"
    metric_name = f"accuracy (|error| < {TOLERANCE})"
    higher_is_better = True
    input_size = 2
    output_size = 1
    chance = 2 * TOLERANCE - TOLERANCE**2  # P(|U1 + U2 - 1| < a) for the constant guess 1.0

    PARAMS = (Param("length", int, 100, 2, 2000, "sequence length", length=True),)

    def setup(self):
        self.seq_len = self.length

    def sample(self, batch_size: int, generator: torch.Generator) -> Batch:
        T, half = self.length, self.length // 2
        values = torch.rand(batch_size, T, generator=generator)
        first = torch.randint(0, half, (batch_size,), generator=generator)
        second = torch.randint(half, T, (batch_size,), generator=generator)
        markers = torch.zeros(batch_size, T)
        rows = torch.arange(batch_size)
        markers[rows, first] = 1.0
        markers[rows, second] = 1.0
        target = values[rows, first] + values[rows, second]
        return Batch(torch.stack([values, markers], dim=-1), target[:, None])

    def loss(self, pred, y):
        return F.mse_loss(pred, y)

    def metric(self, pred, y):
        return ((pred - y).abs() < TOLERANCE).float().mean().item()

    def describe(self):
        return (f"Read {self.length} random numbers, two of them marked, and output the sum of the two "
                f"marked ones at the end (counted right within {TOLERANCE}; chance {self.chance:.1%}).")

