"""reverse: read a sequence of symbols, write it backwards ("abcd" → "dcba").

The toy task of the attention papers: the first output symbol is the last input symbol, and the last
output symbol is the first input one, which an encoder–decoder without attention must carry through the
whole sequence in its final state (curriculum §6, the bottleneck).  With attention, output step t looks
straight at input position n - 1 - t.
"""

from __future__ import annotations

import torch

from .seq2seq import PAD, SymbolTask


class Reverse(SymbolTask):
    name = "reverse"

    def answer(self, x):
        lengths = (x != PAD).sum(dim=1)
        mirror = (lengths[:, None] - 1 - torch.arange(x.shape[1])).clamp(min=0)
        return self.finish(x.gather(1, mirror), lengths)

    def describe(self):
        return (f"Read {self.min_length} to {self.length} symbols from {self.n_symbols} "
                f"({' '.join(self.in_symbols)}) and write them in reverse order.")
