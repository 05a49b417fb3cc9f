"""The trainable model around a fused torch.nn recurrent layer: input encoding → RNN → readout.

    tokens ──one-hot or embedding──► torch.nn.RNN/LSTM/GRU ──Linear──► prediction
                                      (recorded by replay)

The recurrent layer is the plain, fused torch module, so training runs at full speed; `record()` looks
inside it by replaying a probe batch through an instrumented copy.  Its forward is split into
`encode`, `self.rnn` and `readout` so that a recorder can stand between them.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .cells import TORCH_CLASSES
from .tasks import Task

ENCODINGS = ("onehot", "learned")


class SequenceModel(nn.Module):
    def __init__(self, task: Task, cell: str = "lstm", hidden_size: int = 32, num_layers: int = 1,
                 bidirectional: bool = False, nonlinearity: str = "tanh", encoding: str = "onehot",
                 embedding_size: int = 16):
        super().__init__()
        if cell not in TORCH_CLASSES:
            raise ValueError(f"cell must be one of {tuple(TORCH_CLASSES)}, got {cell!r}")
        if encoding not in ENCODINGS:
            raise ValueError(f"encoding must be one of {ENCODINGS}, got {encoding!r}")
        self.task_shape, self.vocab_size = task.shape, task.vocab_size
        self.encoding = encoding if task.vocab_size else "real"
        rnn_in = task.input_size
        if self.encoding == "learned":
            self.embedding = nn.Embedding(task.vocab_size, embedding_size)
            rnn_in = embedding_size
        kwargs = dict(num_layers=num_layers, bidirectional=bidirectional, batch_first=True)
        if cell == "rnn":
            kwargs["nonlinearity"] = nonlinearity
        self.cell = cell
        self.rnn = TORCH_CLASSES[cell](rnn_in, hidden_size, **kwargs)
        self.head = nn.Linear(hidden_size * (2 if bidirectional else 1), task.output_size)

    def encode(self, x: Tensor) -> Tensor:
        """Task input → the float sequence the RNN reads (B, T, rnn input size)."""
        if self.encoding == "onehot":
            return F.one_hot(x, self.vocab_size).to(self.head.weight.dtype)
        if self.encoding == "learned":
            return self.embedding(x)
        return x

    def readout(self, output: Tensor) -> Tensor:
        """RNN output (B, T, D·H) → prediction.  Many-to-one reads the last step of the forward
        direction and, when bidirectional, the first step of the reverse one (both have seen it all)."""
        if self.task_shape == "many_to_one":
            hidden = self.rnn.hidden_size
            last = output[:, -1, :hidden]
            if self.rnn.bidirectional:
                last = torch.cat([last, output[:, 0, hidden:]], dim=-1)
            return self.head(last)
        return self.head(output)

    def forward(self, x: Tensor, hx=None):
        output, state = self.rnn(self.encode(x), hx)
        return self.readout(output), state
