"""What the sequence-to-sequence tasks (reverse, sort, dates) share: vocabularies, padding, masked loss, exact match.

    input   LongTensor (B, seq_len): input ids, right-padded with PAD; an example's length is its count of non-PAD ids
    target  LongTensor (B, out_len): the answer's output ids, then EOS, then PAD

Id 0 is PAD on both sides; the output vocabulary adds EOS (id 1), so a decoder knows where to stop.
Loss and metrics skip the PAD positions of the target.  The metric is exact match: every target token,
EOS included, right.  Judged on teacher-forced logits it equals greedy decoding's exact match (if every
step's argmax is right, greedy decoding feeds itself exactly the teacher's tokens), so training reports it
for free on each fresh batch, before the batch is learned from.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import Tensor

from .base import Batch, Param, Task
from .charlm import show_char

PAD, EOS = 0, 1
PAD_LABEL, EOS_LABEL = "<pad>", "<eos>"


class Seq2SeqTask(Task):
    """Subclasses set `in_symbols`, `out_symbols`, `seq_len` and `out_len` in `setup()` (then call
    `super().setup()`) and write `sample`."""

    shape = "seq2seq"
    metric_name = "exact match"
    higher_is_better = True
    chance = 0.0
    in_symbols: list[str] = []
    out_symbols: list[str] = []
    out_len: int = 0  # target width: the longest answer plus EOS

    def setup(self):
        self.vocab_size = self.input_size = len(self.in_symbols) + 1
        self.output_size = len(self.out_symbols) + 2
        self.in_index = {s: i + 1 for i, s in enumerate(self.in_symbols)}

    def loss(self, pred: Tensor, y: Tensor) -> Tensor:
        return F.cross_entropy(pred.reshape(-1, pred.shape[-1]), y.reshape(-1), ignore_index=PAD)

    def metric(self, pred: Tensor, y: Tensor) -> float:
        return exact_match(pred.argmax(-1), y)

    def token_labels(self) -> list[str]:
        return [PAD_LABEL, *map(show_char, self.in_symbols)]

    def output_labels(self) -> list[str]:
        return [PAD_LABEL, EOS_LABEL, *map(show_char, self.out_symbols)]

    def split(self, text: str) -> list[str]:
        """Typed text → input symbols: one per character, spaces ignored (dates keeps them)."""
        return [c for c in text if not c.isspace()]

    def encode_input(self, text: str) -> Tensor:
        """Typed text → LongTensor (T,) of input ids; ValueError says what is wrong with it."""
        symbols = self.split(text)
        unknown = sorted(set(symbols) - self.in_index.keys())
        if unknown:
            raise ValueError(f"{' '.join(unknown)} {'is not a symbol' if len(unknown) == 1 else 'are not symbols'} "
                             f"of this task; use {' '.join(self.in_symbols)}")
        if not 1 <= len(symbols) <= self.seq_len:
            raise ValueError(f"type between 1 and {self.seq_len} symbols, got {len(symbols)}")
        return torch.tensor([self.in_index[s] for s in symbols], dtype=torch.long)

    def input_tokens(self, x: Tensor) -> list[list[str]]:
        """Input ids (B, T) → each example's symbols, padding removed."""
        labels = self.token_labels()
        return [[labels[i] for i in row if i != PAD] for row in x.tolist()]

    def output_tokens(self, y: Tensor) -> list[list[str]]:
        """Output ids (B, T) → each example's symbols up to its first EOS (included) or PAD (left out)."""
        labels, out = self.output_labels(), []
        for row in y.tolist():
            tokens = []
            for i in row:
                if i == PAD:
                    break
                tokens.append(labels[i])
                if i == EOS:
                    break
            out.append(tokens)
        return out


class SymbolTask(Seq2SeqTask):
    """Sequences of `n_symbols` symbols, `min_length` (by default half of `length`) to `length` long; the answer is a rearrangement of the
    input (`answer`), so input and output share one alphabet."""

    PARAMS = (
        Param("length", int, 16, 1, 200, "longest input sequence (the padded width)", length=True),
        Param("min_length", int, 0, 0, 200, "shortest input sequence; 0: half the longest"),
        Param("n_symbols", int, 10, 2, 26, "symbols to choose from", flag="symbols"),
    )
    alphabet = "abcdefghijklmnopqrstuvwxyz"

    def setup(self):
        self.min_length = self.min_length or max(1, self.length // 2)
        if self.min_length > self.length:
            raise ValueError(f"min_length must be at most length ({self.length}), got {self.min_length}")
        self.in_symbols = self.out_symbols = list(self.alphabet[:self.n_symbols])
        self.seq_len, self.out_len = self.length, self.length + 1
        super().setup()

    def sample(self, batch_size: int, generator: torch.Generator) -> Batch:
        lengths = torch.randint(self.min_length, self.length + 1, (batch_size,), generator=generator)
        ids = torch.randint(1, self.n_symbols + 1, (batch_size, self.length), generator=generator)
        x = torch.where(torch.arange(self.length) < lengths[:, None], ids, PAD)
        return Batch(x, self.answer(x))

    def answer(self, x: Tensor) -> Tensor:
        """Padded input ids (B, T) → padded target ids (B, T + 1), EOS after each answer."""
        raise NotImplementedError

    @staticmethod
    def finish(answer: Tensor, lengths: Tensor) -> Tensor:
        """The answer as input ids (B, T), valid up to `lengths` → output ids with EOS and PAD (B, T + 1)."""
        steps = torch.arange(answer.shape[1] + 1)
        y = torch.where(steps[:-1] < lengths[:, None], answer + 1, PAD)  # input id i is output id i + 1
        y = torch.cat([y, torch.full_like(y[:, :1], PAD)], dim=1)
        return torch.where(steps == lengths[:, None], EOS, y)


def exact_match(ids: Tensor, y: Tensor) -> float:
    """Share of sequences whose every non-PAD target token is predicted (ids and y: (B, T))."""
    keep = y != PAD
    return ((ids == y) | ~keep).all(dim=1).float().mean().item()


def token_accuracy(ids: Tensor, y: Tensor) -> float:
    """Share of non-PAD target tokens predicted."""
    keep = y != PAD
    return (ids[keep] == y[keep]).float().mean().item()
