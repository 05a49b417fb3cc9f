"""sentences: a word-level language model of a few whole sentences (the Berkeley CS182 demo, curriculum §4).

The corpus is three sentences, "I think therefore I am", "I like machine learning" and "I am not just a
neural network", or your own, one per line.  Each example is one sentence read from a start token:
x = <s> w1 … wn, y = w1 … wn </s> (the target is the input shifted by one), padded with </s> to the longest
sentence; the padding is not scored.  A batch holds every sentence equally often (as nearly as its size
allows), in random order, so the model's next-word probabilities after "I" settle at the corpus's shares.
The vocabulary is <s>, </s>, then the words in order of first appearance.  Not in `TASKS`: the generation
page trains it in-process (`rnnviz.exposure`).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from .base import Batch, Param, Task

CS182 = "I think therefore I am\nI like machine learning\nI am not just a neural network"
BOS, EOS = "<s>", "</s>"
IGNORE = -100  # targets of the padding: cross_entropy skips them
MAX_SENTENCES, MAX_WORDS = 50, 30


class Sentences(Task):
    name = "sentences"
    shape = "many_to_many"
    metric_name = "next-word accuracy"

    PARAMS = (Param("text", str, CS182, help="the sentences, one per line, words separated by spaces"),)

    def setup(self):
        self.sentences = [line.split() for line in self.text.splitlines() if line.strip()]
        if not self.sentences:
            raise ValueError("text has no sentence")
        if len(self.sentences) > MAX_SENTENCES or max(map(len, self.sentences)) > MAX_WORDS:
            raise ValueError(f"text must have at most {MAX_SENTENCES} sentences of at most {MAX_WORDS} words")
        self.words = [BOS, EOS, *dict.fromkeys(w for s in self.sentences for w in s)]
        self.index = {w: i for i, w in enumerate(self.words)}
        self.vocab_size = self.input_size = self.output_size = len(self.words)
        self.seq_len = max(map(len, self.sentences)) + 1
        self.bos, self.eos = self.index[BOS], self.index[EOS]
        # every sentence as x and y rows, padded: (n, seq_len)
        self.xs = torch.full((len(self.sentences), self.seq_len), self.eos)
        self.ys = torch.full((len(self.sentences), self.seq_len), IGNORE)
        for row, sentence in enumerate(self.sentences):
            ids = self.encode(sentence)
            self.xs[row, :len(ids) + 1] = torch.cat([torch.tensor([self.bos]), ids])
            self.ys[row, :len(ids) + 1] = torch.cat([ids, torch.tensor([self.eos])])
        first = torch.bincount(self.ys[self.ys != IGNORE], minlength=self.vocab_size)
        self.chance = float(first.max() / first.sum())  # always guess the most common word

    def encode(self, words: list[str]) -> torch.Tensor:
        unknown = sorted(set(words) - self.index.keys())
        if unknown:
            raise ValueError(f"words outside the vocabulary: {', '.join(unknown)}")
        return torch.tensor([self.index[w] for w in words], dtype=torch.long)

    def decode(self, ids) -> list[str]:
        """Ids → the words up to (not including) the first </s>."""
        ids = ids.tolist() if isinstance(ids, torch.Tensor) else list(ids)
        ids = ids[:ids.index(self.eos)] if self.eos in ids else ids
        return [self.words[i] for i in ids]

    def is_sentence(self, words: list[str]) -> bool:
        """Whether `words` is one of the corpus sentences, word for word."""
        return words in self.sentences

    def sample(self, batch_size: int, generator: torch.Generator) -> Batch:
        rows = (torch.randperm(batch_size, generator=generator) + torch.randint(len(self.sentences), (1,),
                                                                                 generator=generator)) % len(self.sentences)
        return Batch(self.xs[rows], self.ys[rows])

    def loss(self, pred, y):
        return F.cross_entropy(pred.reshape(-1, pred.shape[-1]), y.reshape(-1), ignore_index=IGNORE)

    def metric(self, pred, y):
        scored = y != IGNORE
        return (pred.argmax(-1)[scored] == y[scored]).float().mean().item()

    def token_labels(self):
        return list(self.words)

    def describe(self):
        return f"Read {len(self.sentences)} sentences word by word and predict each next word (or the end)."
