"""charlm: a character-level language model: read text, predict the next character at every step.

Each sequence is a random window of `seq_len` characters from the text; the target is the same window
moved one character on (curriculum §4: target = input shifted by one).  The text is the bundled
sonnets (assets/sonnets.txt) unless you pass your own.  It is normalised first (line endings to "\\n",
Unicode to NFC), so any script or emoji works; the vocabulary is its sorted distinct characters.
`encode` refuses characters outside the vocabulary (ValueError naming them) rather than guessing.
"""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from .base import Batch, Param, Task, accuracy

ASSETS = Path(__file__).resolve().parents[2] / "assets"
DEFAULT_TEXT = "sonnets.txt"
MAX_CHARS = 2_000_000
MAX_VOCAB = 200
SHOWN = {" ": "␣", "\n": "↵", "\t": "⇥"}


def bundled_text(filename: str = DEFAULT_TEXT) -> str:
    """One of the texts shipped in assets/ (sonnets.txt, tiny_corpus.txt)."""
    return (ASSETS / filename).read_text(encoding="utf-8")


def normalise(text: str) -> str:
    """Line endings to "\\n" and Unicode to NFC, so the same text always gives the same tokens."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def show_char(ch: str) -> str:
    """A character as a readable label: ␣ for space, ↵ for newline, escapes for other invisibles."""
    if ch in SHOWN:
        return SHOWN[ch]
    return ch if ch.isprintable() else f"\\u{ord(ch):04x}"


class CharLM(Task):
    name = "charlm"
    shape = "many_to_many"
    metric_name = "next-char accuracy"
    higher_is_better = True

    PARAMS = (
        Param("seq_len", int, 64, 2, 1000, "characters per training window", length=True),
        Param("text", str, None, help="a UTF-8 text file to learn instead of the bundled sonnets", from_file=True),
    )

    def setup(self):
        text = self.text  # the parameter; the attribute becomes the normalised corpus
        if text is not None and len(text) > 2 * MAX_CHARS:  # refuse before normalising a huge string
            raise ValueError(f"text is too long: {len(text):,} characters, at most {MAX_CHARS:,}")
        self.text = normalise(bundled_text() if text is None else text)
        n = len(self.text)
        if not self.text.strip():
            raise ValueError("text is empty (or only whitespace)")
        if n > MAX_CHARS:
            raise ValueError(f"text is too long: {n:,} characters, at most {MAX_CHARS:,}")
        if n < self.seq_len + 1:
            raise ValueError(f"text is too short for seq_len={self.seq_len}: {n} characters, "
                             f"need at least seq_len + 1 = {self.seq_len + 1}")
        codes = np.frombuffer(self.text.encode("utf-32-le"), dtype=np.uint32)  # one code point per char
        vocab, ids, counts = np.unique(codes, return_inverse=True, return_counts=True)  # sorted
        if len(vocab) > MAX_VOCAB:
            raise ValueError(f"text has a vocabulary too large: {len(vocab)} distinct characters, "
                             f"at most {MAX_VOCAB}")
        self.chars = [chr(c) for c in vocab]
        self.index = {c: i for i, c in enumerate(self.chars)}
        self.vocab_size = self.input_size = self.output_size = len(self.chars)
        self.chance = float(counts.max()) / n  # always guess the most common character
        self.data = torch.from_numpy(ids.astype(np.int64).reshape(-1))

    def encode(self, text: str) -> torch.Tensor:
        """Text → LongTensor of ids (normalised like the corpus); unknown characters raise ValueError."""
        text = normalise(text)
        unknown = sorted(set(text) - self.index.keys())
        if unknown:
            raise ValueError(f"text has characters outside the vocabulary: {''.join(unknown)!r}")
        return torch.tensor([self.index[c] for c in text], dtype=torch.long)

    def decode(self, ids) -> str:
        """Ids (tensor or list) → text."""
        ids = ids.tolist() if isinstance(ids, torch.Tensor) else ids
        return "".join(self.chars[i] for i in ids)

    @staticmethod
    def bits_per_char(loss):
        """Cross-entropy in nats per character → bits per character (a number, array or Series)."""
        return loss / math.log(2)

    def sample(self, batch_size: int, generator: torch.Generator) -> Batch:
        starts = torch.randint(len(self.data) - self.seq_len, (batch_size,), generator=generator)
        window = self.data[starts[:, None] + torch.arange(self.seq_len + 1)]
        return Batch(window[:, :-1], window[:, 1:])

    def loss(self, pred, y):
        return F.cross_entropy(pred.reshape(-1, pred.shape[-1]), y.reshape(-1))

    def metric(self, pred, y):
        return accuracy(pred, y)

    def token_labels(self):
        return [show_char(c) for c in self.chars]

    def describe(self):
        source = "the bundled sonnets" if self._params["text"] is None else "your text"
        return (f"Read {self.seq_len} characters of {source} ({len(self.text):,} characters, "
                f"{self.vocab_size} distinct) and predict each next character (chance {self.chance:.0%}).")

