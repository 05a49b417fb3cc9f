"""An encoder–decoder with or without attention (curriculum §6), and what a replay of it records.

    input ids ──embed──► fused torch.nn RNN/LSTM/GRU ──► h_1 … h_n (encoder states), final state
                                                              │ attention: c_t = Σ_j α_tj h_j
    BOS, y_1 … ──embed──► decoder cell, one step per output ──┴──► s_t ──Linear──► logits of y_t

The decoder starts from the encoder's final state (both directions of the top layer side by side), so
without attention that one vector is the only bridge: the bottleneck.  With attention, step t scores every
encoder state against the decoder's previous state s_{t-1} (Bahdanau et al. 2015), normalises the scores
over the real input positions (padding gets weight 0), and feeds the context c_t to the cell beside the
previous token and to the readout beside s_t:
    additive  e_tj = vᵀ tanh(W s_{t-1} + U h_j)     (Bahdanau)
    dot       e_tj = s_{t-1}ᵀ h_j                   (Luong)
    general   e_tj = s_{t-1}ᵀ W h_j                 (Luong)
    α_tj = softmax_j(e_tj),   c_t = Σ_j α_tj h_j
Training is teacher-forced (the decoder reads the true previous token); evaluation decodes greedily.

`record_seq2seq` replays a batch through a float64 copy with the encoder stepped one position at a time
(masked, so padding leaves the state alone, as packing does in the fused module) and returns a
`Seq2SeqTrace`: attention weights, scores and contexts, encoder and decoder states, and the gradient of the
loss with respect to every encoder state, ‖∂L/∂h_j‖, through the recurrence and through attention.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch import Tensor, nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from .cells import TORCH_CLASSES, gru_step, lstm_step, param_names, rnn_step
from .tasks import Batch, make_task
from .tasks.seq2seq import PAD, Seq2SeqTask, exact_match, token_accuracy

ATTENTIONS = ("none", "additive", "dot", "general")
CELL_CLASSES = {"rnn": nn.RNNCell, "lstm": nn.LSTMCell, "gru": nn.GRUCell}


class Seq2SeqModel(nn.Module):
    def __init__(self, task: Seq2SeqTask, cell: str = "gru", hidden_size: int = 64, num_layers: int = 1,
                 bidirectional: bool = False, nonlinearity: str = "tanh", encoding: str = "learned",
                 attention: str = "additive", embedding_size: int = 16):
        super().__init__()
        if cell not in TORCH_CLASSES:
            raise ValueError(f"cell must be one of {tuple(TORCH_CLASSES)}, got {cell!r}")
        if attention not in ATTENTIONS:
            raise ValueError(f"attention must be one of {ATTENTIONS}, got {attention!r}")
        self.cell, self.attention, self.out_len = cell, attention, task.out_len
        self.bos = task.output_size  # the decoder's first input, an id beyond the output vocabulary
        self.embed_in, size_in = _embedding(task.vocab_size, encoding, embedding_size)
        self.embed_out, size_out = _embedding(task.output_size + 1, encoding, embedding_size)
        kwargs = dict(num_layers=num_layers, bidirectional=bidirectional, batch_first=True)
        cell_kwargs = {}
        if cell == "rnn":
            kwargs["nonlinearity"] = cell_kwargs["nonlinearity"] = nonlinearity
        self.rnn = TORCH_CLASSES[cell](size_in, hidden_size, **kwargs)  # the encoder
        size = hidden_size * (2 if bidirectional else 1)  # of an encoder state h_j and of the decoder state s_t
        attends = attention != "none"
        self.decoder = CELL_CLASSES[cell](size_out + size * attends, size, **cell_kwargs)
        if attention == "additive":
            self.W = nn.Linear(size, size, bias=False)
            self.U = nn.Linear(size, size)
            self.v = nn.Linear(size, 1, bias=False)
        elif attention == "general":
            self.W = nn.Linear(size, size, bias=False)
        self.head = nn.Linear(size * (1 + attends), task.output_size)

    def forward(self, x: Tensor, y: Tensor | None = None, steps: int | None = None) -> Tensor:
        """Logits (B, T_out, output_size): teacher-forced on the targets `y`, else greedy for `steps`
        outputs (default: the task's target width)."""
        memory, state, mask = self.encode(x)
        return self.decode(memory, state, mask, y, steps)

    def encode(self, x: Tensor) -> tuple[Tensor, object, Tensor]:
        """Encoder states (B, T, size), the decoder's initial state, and the mask of real positions (B, T)."""
        mask = x != PAD
        lengths = mask.sum(dim=1).clamp(min=1).cpu()
        packed = pack_padded_sequence(self.embed_in(x), lengths, batch_first=True, enforce_sorted=False)
        output, state = self.rnn(packed)
        memory, _ = pad_packed_sequence(output, batch_first=True, total_length=x.shape[1])
        return memory, self.bridge(state), mask

    def bridge(self, state) -> object:
        """The encoder's final state (num_layers·directions, B, H) → the decoder's initial state (B, size):
        the top layer's directions side by side."""
        directions = 2 if self.rnn.bidirectional else 1
        top = lambda s: torch.cat(list(s[-directions:]), dim=-1)  # noqa: E731
        return tuple(map(top, state)) if self.cell == "lstm" else top(state)

    def decode(self, memory: Tensor, state, mask: Tensor, y: Tensor | None = None, steps: int | None = None,
               watch=None) -> Tensor:
        """The decoder over the encoder's output; `watch(t, values)`, when given, sees every step's scores,
        weights, context and state."""
        steps = y.shape[1] if y is not None else steps or self.out_len
        keys = self.U(memory) if self.attention == "additive" else memory
        token = torch.full(mask.shape[:1], self.bos, dtype=torch.long, device=mask.device)
        logits = []
        for t in range(steps):
            s = state[0] if self.cell == "lstm" else state
            values = {}
            if self.attention == "none":
                inputs = self.embed_out(token)
            else:
                scores = self.score(s, keys).masked_fill(~mask, -torch.inf)
                weights = torch.softmax(scores, dim=-1)
                context = torch.bmm(weights[:, None], memory)[:, 0]
                values = {"scores": scores, "weights": weights, "context": context}
                inputs = torch.cat([self.embed_out(token), context], dim=-1)
            state = self.decoder(inputs, state)
            s = state[0] if self.cell == "lstm" else state
            logits.append(self.head(torch.cat([s, values["context"]], dim=-1) if values else s))
            if watch is not None:
                watch(t, {**values, "state": s})
            token = y[:, t] if y is not None else logits[-1].argmax(-1)
        return torch.stack(logits, dim=1)

    def score(self, s: Tensor, keys: Tensor) -> Tensor:
        """e_tj for the decoder state s (B, size) against every key (B, T, size) → (B, T)."""
        if self.attention == "additive":
            return self.v(torch.tanh(self.W(s)[:, None] + keys))[..., 0]
        query = self.W(s) if self.attention == "general" else s
        return torch.bmm(keys, query[:, :, None])[..., 0]


def _embedding(vocab: int, encoding: str, size: int) -> tuple[nn.Module, int]:
    if encoding == "learned":
        return nn.Embedding(vocab, size), size
    return OneHot(vocab), vocab


class OneHot(nn.Module):
    def __init__(self, vocab: int):
        super().__init__()
        self.vocab = vocab
        self.register_buffer("eye", torch.eye(vocab))

    def forward(self, ids: Tensor) -> Tensor:
        return self.eye[ids]


@dataclass
class Seq2SeqTrace:
    """What one replay of a batch saw (NumPy arrays, batch first; T_in: the padded input width, T_out:
    the decoding steps).  Token lists are per example, padding removed, outputs up to EOS."""

    cell: str
    attention: str
    input_tokens: list[list[str]]
    target_tokens: list[list[str]]            # [] per example when no targets were given
    predicted_tokens: list[list[str]]         # greedy decoding
    weights: np.ndarray | None                # (B, T_out, T_in) α_tj, rows sum to 1, 0 on padding; None without attention
    scores: np.ndarray | None                 # (B, T_out, T_in) e_tj before the softmax, -inf on padding
    context: np.ndarray | None                # (B, T_out, size) c_t = Σ_j α_tj h_j
    encoder_states: np.ndarray                # (B, T_in, size) h_j, 0 on padding
    decoder_states: np.ndarray                # (B, T_out, size) s_t
    encoder_grad: np.ndarray                  # (B, T_in) ‖∂L/∂h_j‖, 0 on padding
    logits: np.ndarray                        # (B, T_out, output_size) of the greedy decoding
    loss: float                               # teacher-forced loss on the targets (or on the prediction)

    def encoder_grad_norms(self) -> np.ndarray:
        """(T_in,) mean ‖∂L/∂h_j‖ over the examples where position j is not padding (nan where all are)."""
        real = np.zeros(self.encoder_grad.shape, dtype=bool)
        for b, tokens in enumerate(self.input_tokens):
            real[b, :len(tokens)] = True
        with np.errstate(invalid="ignore"):
            return np.where(real, self.encoder_grad, 0).sum(axis=0) / real.sum(axis=0)

    def compact(self) -> "Seq2SeqTrace":
        """A small copy for keeping many snapshots: tokens, attention weights and scores, gradient norms;
        the states, contexts and logits keep their shape but no units (last axis 0)."""
        empty = lambda a: None if a is None else a[..., :0]  # noqa: E731
        return replace(self, context=empty(self.context), encoder_states=empty(self.encoder_states),
                       decoder_states=empty(self.decoder_states), logits=empty(self.logits))


def record_seq2seq(model: Seq2SeqModel, task: Seq2SeqTask, x: Tensor, y: Tensor | None = None,
                   dtype: torch.dtype = torch.float64) -> Seq2SeqTrace:
    """Replay the input ids `x` (B, T) — or one example (T,) — through a copy of `model` in `dtype`.

    The displayed quantities come from greedy decoding.  The gradients ‖∂L/∂h_j‖ are of the teacher-forced
    loss on the targets `y`, or, without targets, on the model's own greedy answer."""
    x = x[None] if x.dim() == 1 else x
    replica = copy.deepcopy(model).to(dtype).eval().requires_grad_(False)
    with torch.enable_grad():
        memory, state, mask, states = replay_encoder(replica, x)
        watched = []
        with torch.no_grad():
            logits = replica.decode(memory, state, mask, steps=y.shape[1] if y is not None else None,
                                    watch=lambda t, values: watched.append(values))
        predicted = logits.argmax(-1)
        target = y if y is not None else predicted
        loss = task.loss(replica.decode(memory, state, mask, target), target)
        grads = torch.autograd.grad(loss, [h for direction in states for h in direction], materialize_grads=True)
    T = x.shape[1]
    grad = torch.cat([torch.stack(grads[d * T:(d + 1) * T], dim=1) for d in range(len(states))], dim=-1)
    stacked = {k: _numpy(torch.stack([w[k] for w in watched], dim=1)) for k in watched[0]}
    return Seq2SeqTrace(
        cell=model.cell, attention=model.attention, input_tokens=task.input_tokens(x),
        target_tokens=task.output_tokens(y) if y is not None else [[] for _ in range(len(x))],
        predicted_tokens=task.output_tokens(predicted), weights=stacked.get("weights"),
        scores=stacked.get("scores"), context=stacked.get("context"), encoder_states=_numpy(memory),
        decoder_states=stacked["state"], encoder_grad=_numpy(grad.norm(dim=-1) * mask), logits=_numpy(logits),
        loss=loss.item())


def replay_encoder(model: Seq2SeqModel, x: Tensor) -> tuple[Tensor, object, Tensor, list[list[Tensor]]]:
    """`model.encode(x)`, stepped one position at a time: padding positions keep the state as it was (so the
    forward direction ends on the last real input and the backward one starts there, as with packing).
    Also returns the top layer's state tensors h_j per direction, to differentiate the loss by."""
    rnn, mask = model.rnn, x != PAD
    directions = 2 if rnn.bidirectional else 1
    layer_input = model.embed_in(x).requires_grad_(True)  # so every state joins the graph
    finals = []
    for layer in range(rnn.num_layers):
        outputs, top_states = [], []
        for direction in range(directions):
            w = [getattr(rnn, name) for name in param_names(layer, direction)]
            h = layer_input.new_zeros(x.shape[0], rnn.hidden_size)
            c = torch.zeros_like(h)
            states = [None] * x.shape[1]
            for t in (range(x.shape[1]) if direction == 0 else reversed(range(x.shape[1]))):
                if model.cell == "lstm":
                    h_new, c_new, _ = lstm_step(layer_input[:, t], h, c, *w)
                    c = torch.where(mask[:, t, None], c_new, c)
                elif model.cell == "gru":
                    h_new, _ = gru_step(layer_input[:, t], h, *w)
                else:
                    h_new, _ = rnn_step(layer_input[:, t], h, *w, nonlinearity=rnn.nonlinearity)
                h = states[t] = torch.where(mask[:, t, None], h_new, h)
            finals.append((h, c))
            top_states.append(states)
            outputs.append(torch.stack(states, dim=1) * mask[..., None])
        layer_input = torch.cat(outputs, dim=-1)
    h_n = torch.stack([h for h, _ in finals])
    state = (h_n, torch.stack([c for _, c in finals])) if model.cell == "lstm" else h_n
    return layer_input, model.bridge(state), mask, top_states


@torch.no_grad()
def accuracy_by_length(model: Seq2SeqModel, task: Seq2SeqTask, lengths=None, n: int = 256,
                       seed: int = 2**40 + 7) -> pd.DataFrame:
    """Exact match and token accuracy of greedy decoding on `n` fresh examples of each input length in
    `lengths` (shorter and longer than the training lengths too).  Tasks without a length parameter (dates)
    are sampled once, n examples, and scored per input length that occurs (those in `lengths`, if given)."""
    model = copy.deepcopy(model).eval()
    device = next(model.parameters()).device
    generator = lambda: torch.Generator().manual_seed(seed)  # noqa: E731
    if task.length_param() is not None:
        batches = [(length, make_task(task.name, **{**task.params, "length": length, "min_length": length})
                    .sample(n, generator())) for length in lengths]
    else:
        batch = task.sample(n, generator())
        found = (batch.x != PAD).sum(dim=1)
        batches = [(length, Batch(batch.x[found == length], batch.y[found == length]))
                   for length in sorted(set(found.tolist())) if lengths is None or length in lengths]
    rows = []
    for length, batch in batches:
        batch = batch.to(device)
        ids = model(batch.x, steps=batch.y.shape[1]).argmax(-1)
        rows.append((length, exact_match(ids, batch.y), token_accuracy(ids, batch.y)))
    return pd.DataFrame(rows, columns=["length", "exact_match", "token_accuracy"])


def _numpy(t: Tensor) -> np.ndarray:
    return t.detach().cpu().numpy()
