"""Generation figures (curriculum §4): a language model's next-word distribution (as sampled at a temperature
and top-k), its per-step marginals, the scheduled-sampling schedules, and error against rollout length with
teacher forcing and with scheduled sampling.

Like every builder, each takes `words=` (see words.py); the words only these figures print are `WORDS` below.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .style import GREY, PALETTE, SEQUENTIAL, apply_theme, token_label
from .words import words_for

WORDS = {
    "gen_next_title": "Next word after “{prime}”",
    "gen_word": "word",
    "gen_probability": "probability",
    "gen_marginals_title": "Marginals: P(word) at each position",
    "gen_position": "position in the sentence",
    "gen_marginal_hover": "position {t}: {word}<br>P = {p}",
    "gen_schedule_title": "Probability of feeding the true previous value",
    "gen_teacher_probability": "ε (true value fed)",
    "gen_rollout_title": "Error against rollout length",
    "gen_horizon": "steps since the last true value (rollout length)",
    "gen_mse": "mean squared error (log scale)",
    "gen_free": "{label}, free-running",
    "gen_one_step": "{label}, one step (teacher-forced)",
    "gen_zero": "always predicting 0",
}


def next_word_bars(probs: dict[str, np.ndarray], vocab: list[str], prime: str, title: str | None = None,
                   projector: bool = False, words: dict | None = None) -> go.Figure:
    """One group of bars per word of `vocab`, one bar per label (e.g. the model's own distribution, and the
    one sampled from at a temperature and top-k), each label's probabilities (V,) summing to 1."""
    w = words_for(words, WORDS)
    fig = go.Figure()
    ticks = [token_label(word) for word in vocab]
    for color, (label, p) in zip(PALETTE, probs.items()):
        fig.add_bar(x=ticks, y=np.asarray(p, dtype=float), name=label, marker_color=color,
                    hovertemplate=f"%{{x}}: %{{y:.3f}}<extra>{label}</extra>")
    fig.update_layout(title=title or w["gen_next_title"].format(prime=prime), barmode="group", bargap=0.25)
    fig.update_xaxes(title=w["gen_word"])
    fig.update_yaxes(title=w["gen_probability"], range=[0, 1.02])
    return apply_theme(fig, projector)


def marginals_heatmap(marginals: np.ndarray, vocab: list[str], title: str | None = None, projector: bool = False,
                      words: dict | None = None) -> go.Figure:
    """marginals (T, V): P(word at position t), as a word × position heatmap on [0, 1] with the probabilities
    written in the cells that are not ~0.  Position 1 is the first word."""
    w = words_for(words, WORDS)
    marginals = np.asarray(marginals, dtype=float)
    steps, size = marginals.shape
    if len(vocab) != size:
        raise ValueError(f"marginals have {size} words per step; got a vocabulary of {len(vocab)}")
    z = marginals.T
    text = np.where(z >= 0.005, np.vectorize(lambda p: f"{p:.2f}")(z), "")
    positions = np.arange(1, steps + 1)
    hover = w["gen_marginal_hover"].format(t="%{x}", word="%{y}", p="%{z:.3f}")
    fig = go.Figure(go.Heatmap(z=z, x=positions, y=[token_label(word) for word in vocab], zmin=0, zmax=1,
                               colorscale=SEQUENTIAL, text=text, texttemplate="%{text}", xgap=1, ygap=1,
                               colorbar=dict(title="P", thickness=14), hovertemplate=hover + "<extra></extra>"))
    fig.update_layout(title=title or w["gen_marginals_title"], height=max(380, (30 if projector else 24) * size + 160))
    fig.update_xaxes(title=w["gen_position"], tickvals=positions, showgrid=False, zeroline=False)
    fig.update_yaxes(autorange="reversed", showgrid=False, zeroline=False)
    return apply_theme(fig, projector)


def schedule_curves(curves: dict[str, np.ndarray], chosen: str | None = None, title: str | None = None,
                    projector: bool = False, words: dict | None = None) -> go.Figure:
    """Each schedule's teacher probability ε_i (one value per training step) against training step; the
    `chosen` one drawn thick, the others thin."""
    w = words_for(words, WORDS)
    fig = go.Figure()
    for color, (label, values) in zip(PALETTE, curves.items()):
        values = np.asarray(values, dtype=float)
        fig.add_scatter(x=np.arange(len(values)), y=values, mode="lines", name=label,
                        line=dict(color=color, width=4 if label == chosen else 1.5,
                                  dash="solid" if label == chosen or chosen is None else "dot"),
                        hovertemplate=f"{w['step_hover']} %{{x}}: ε = %{{y:.2f}}<extra>{label}</extra>")
    fig.update_layout(title=title or w["gen_schedule_title"], hovermode="x unified")
    fig.update_xaxes(title=w["training_step"])
    fig.update_yaxes(title=w["gen_teacher_probability"], range=[0, 1.02])
    return apply_theme(fig, projector)


def rollout_errors(horizons: np.ndarray, free: dict[str, np.ndarray], one_step: dict[str, np.ndarray],
                   zero: np.ndarray | None = None, title: str | None = None, projector: bool = False,
                   words: dict | None = None) -> go.Figure:
    """Mean squared error against rollout length on a log axis: per label a solid line free-running (the model
    fed its own predictions) and a dashed one at one step (fed the true values), in the same colour; `zero`,
    the error of always predicting 0, in grey."""
    w = words_for(words, WORDS)
    fig = go.Figure()
    for color, label in zip(PALETTE, free):
        for values, dash, name in ((free[label], "solid", w["gen_free"]), (one_step[label], "dash", w["gen_one_step"])):
            shown = name.format(label=label)
            fig.add_scatter(x=horizons, y=np.asarray(values, dtype=float), mode="lines+markers", name=shown,
                            line=dict(color=color, dash=dash), marker=dict(size=5),
                            hovertemplate=f"%{{x}}: %{{y:.3g}}<extra>{shown}</extra>")
    if zero is not None:
        fig.add_scatter(x=horizons, y=np.asarray(zero, dtype=float), mode="lines", name=w["gen_zero"],
                        line=dict(color=GREY, dash="dot"),
                        hovertemplate=f"%{{x}}: %{{y:.3g}}<extra>{w['gen_zero']}</extra>")
    fig.update_layout(title=title or w["gen_rollout_title"], hovermode="x unified")
    fig.update_xaxes(title=w["gen_horizon"])
    fig.update_yaxes(title=w["gen_mse"], type="log")
    return apply_theme(fig, projector)

