"""One step of the unrolled vanilla RNN with its live numbers:
W_xh·x_t + W_hh·h_{t−1} + b = pre → tanh → h_t, each matrix named in both notations
(MIT/PyTorch and Ng) and by the PyTorch tensor that holds it."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .style import DIVERGING, apply_theme, token_label
from .words import words_for

OPERATORS = ["·", "+", "·", "+", "=", "→"]


def unroll_step(x_t: np.ndarray, h_prev: np.ndarray, w_xh: np.ndarray, w_hh: np.ndarray, bias: np.ndarray,
                pre: np.ndarray, h_t: np.ndarray, tokens: list[str] | None = None,
                projector: bool = False, words: dict | None = None) -> go.Figure:
    """Seven small heatmaps in a row with every value printed in its cell.  x_t (input_size,),
    h_prev, bias, pre, h_t (hidden,), w_xh (hidden, input_size), w_hh (hidden, hidden).
    tokens: optional names of the input dimensions (e.g. the vocabulary of a one-hot x_t)."""
    w = words_for(words)
    x_t, h_prev, bias, pre, h_t = (np.asarray(v, dtype=float).reshape(-1, 1) for v in (x_t, h_prev, bias, pre, h_t))
    w_xh, w_hh = np.asarray(w_xh, dtype=float), np.asarray(w_hh, dtype=float)
    hidden, inputs = w_xh.shape
    if w_hh.shape != (hidden, hidden) or len(x_t) != inputs or any(len(v) != hidden for v in (h_prev, bias, pre, h_t)):
        raise ValueError("shapes do not fit: need w_xh (H, I), w_hh (H, H), x_t (I,), h_prev, bias, pre, h_t (H,)")
    panels = [
        (w_xh, "W_xh = W_ax<br>(weight_ih_l0)"),
        (x_t, "x_t<br>= x⟨t⟩"),
        (w_hh, "W_hh = W_aa<br>(weight_hh_l0)"),
        (h_prev, "h_{t−1}<br>= a⟨t−1⟩"),
        (bias, "b = b_a<br>(bias_ih_l0<br>+ bias_hh_l0)"),
        (pre, "pre"),
        (h_t, "h_t<br>= tanh(pre)<br>= a⟨t⟩"),
    ]
    widths = [max(m.shape[1], 1.5) for m, _ in panels]
    fig = make_subplots(rows=1, cols=len(panels), column_widths=widths, horizontal_spacing=0.05,
                        subplot_titles=[title for _, title in panels])
    hover = w["unroll_hover"].format(row="%{y}", column="%{x}")
    for col, (matrix, title) in enumerate(panels, start=1):
        fig.add_trace(go.Heatmap(z=matrix, coloraxis="coloraxis", texttemplate="%{z:.2f}", name=title,
                                 textfont_size=16 if projector else 13,
                                 hovertemplate=hover + "<br>%{z:.4f}<extra>" + title + "</extra>"),
                      row=1, col=col)
        fig.update_yaxes(autorange="reversed", showticklabels=False, row=1, col=col)
        fig.update_xaxes(showticklabels=matrix.shape[1] > 1, dtick=1, row=1, col=col)
    names = [token_label(t) for t in tokens] if tokens is not None else [str(j) for j in range(inputs)]
    fig.update_yaxes(title=w["hidden_unit_i"], showticklabels=True, dtick=1, row=1, col=1)
    fig.update_xaxes(title=w["input_j"], tickvals=list(range(inputs)), ticktext=names, row=1, col=1)
    fig.update_yaxes(showticklabels=True, tickvals=list(range(inputs)), ticktext=names, row=1, col=2)
    fig.update_xaxes(title=w["unit_j"], row=1, col=3)
    for i, op in enumerate(OPERATORS, start=1):
        left, right = fig.layout[f"xaxis{i}"].domain[1], fig.layout[f"xaxis{i + 1}"].domain[0]
        fig.add_annotation(text=f"<b>{op}</b>", x=(left + right) / 2, y=0.5, xref="paper", yref="paper",
                           showarrow=False, name="operator")
    fig.update_layout(
        title=w["unroll_title"],
        coloraxis=dict(colorscale=DIVERGING, cmin=-1, cmax=1, colorbar_title=w["value"]),
        height=max(320, 55 * max(hidden, inputs) + 200),
    )
    fig = apply_theme(fig, projector)
    fig.update_layout(margin_t=190 if projector else 160)
    fig.update_annotations(font_size=32 if projector else 24, selector=dict(name="operator"))
    return fig
