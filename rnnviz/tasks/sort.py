"""sort: read a sequence of symbols, write them in alphabetical order ("dbca" → "abcd").

Unlike reversal, where each output symbol sits at one input position, a sorted output symbol can come
from anywhere: attention must find the smallest symbol not yet written, so its map is no diagonal.
"""

from __future__ import annotations

import torch

from .seq2seq import PAD, SymbolTask


class Sort(SymbolTask):
    name = "sort"

    def answer(self, x):
        lengths = (x != PAD).sum(dim=1)
        ranked = torch.where(x == PAD, self.n_symbols + 1, x).sort(dim=1).values
        return self.finish(ranked, lengths)

    def describe(self):
        return (f"Read {self.min_length} to {self.length} symbols from {self.n_symbols} "
                f"({' '.join(self.in_symbols)}) and write them in sorted order.")
