"""sine: watch a noisy wave and predict its next clean value, step by step.

The trajectory of something that swings (a pendulum, a tide, a note): each sequence is the sum of one
or two sinusoids with random frequency, phase and amplitude, seen through Gaussian noise of standard
deviation `noise`.  At every step the target is the *clean* value one step ahead, so the model must
both filter the noise and extrapolate.  Scored with R² = 1 - MSE / Var(target); predicting the mean
scores 0.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from .base import Batch, Param, Task

FREQUENCY = (0.1, 0.6)  # angular frequency in radians per step: periods of about 10 to 60 steps
AMPLITUDE = (0.5, 1.0)  # shared between the components, so the clean wave stays within ±1


class Sine(Task):
    name = "sine"
    shape = "many_to_many"
    metric_name = "R²"
    higher_is_better = True
    input_size = 1
    output_size = 1
    chance = 0.0  # predicting the mean of the targets

    PARAMS = (
        Param("length", int, 50, 2, 2000, "sequence length", length=True),
        Param("noise", float, 0.05, 0.0, 1.0, "standard deviation of the input noise"),
    )

    def setup(self):
        self.seq_len = self.length

    def sample(self, batch_size: int, generator: torch.Generator) -> Batch:
        B = batch_size
        freq = FREQUENCY[0] + (FREQUENCY[1] - FREQUENCY[0]) * torch.rand(B, 2, 1, generator=generator)
        phase = 2 * math.pi * torch.rand(B, 2, 1, generator=generator)
        n_waves = torch.randint(1, 3, (B, 1, 1), generator=generator)
        amp = AMPLITUDE[0] + (AMPLITUDE[1] - AMPLITUDE[0]) * torch.rand(B, 1, 1, generator=generator)
        weight = amp * (torch.arange(2)[None, :, None] < n_waves) / n_waves  # (B, 2, 1); unused wave → 0
        t = torch.arange(self.length + 1, dtype=torch.float32)
        clean = (weight * torch.sin(freq * t + phase)).sum(1)  # (B, T + 1)
        noisy = clean[:, :-1] + self.noise * torch.randn(B, self.length, generator=generator)
        return Batch(noisy[..., None], clean[:, 1:, None])

    def loss(self, pred, y):
        return F.mse_loss(pred, y)

    def metric(self, pred, y):
        return 1.0 - (F.mse_loss(pred, y) / y.var(unbiased=False).clamp_min(1e-12)).item()

    def describe(self):
        return (f"Watch {self.length} steps of a wave (one or two sines) blurred by noise of size {self.noise:g}, "
                f"and at every step predict the next clean value.")

