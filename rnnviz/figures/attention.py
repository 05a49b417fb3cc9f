"""Encoder–decoder figures (curriculum §6): where each output token looks in the input (the attention
map), what the decoder has instead when there is no attention (the bottleneck), the gradient that
reaches each encoder step, and accuracy against input length.

Output steps run down the y axis (first output on top), input steps along x: the orientation of
Bahdanau et al. (2015), Fig. 3.  Output tokens the model got wrong are drawn in vermillion, so the
mistakes sit next to the row that made them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..tasks.charlm import show_char
from .gradients import _log_profile_figure
from .style import GREY, ORANGE, SEQUENTIAL, VERMILLION, apply_theme, line_styles, token_label

EMPTY = "#f2f2f2"


def _output_ticks(predicted: list[str], target: list[str] | None) -> list[str]:
    """Tick labels of the output rows: the predicted token; a wrong one in vermillion, "✗ (target)"."""
    ticks = []
    for i, token in enumerate(predicted):
        wanted = target[i] if target is not None and i < len(target) else token
        if token == wanted:
            ticks.append(token_label(token))
        else:
            ticks.append(f'<span style="color:{VERMILLION}">{token_label(token)} ✗ ({token_label(wanted)})</span>')
    return ticks


def _grid_axes(fig: go.Figure, input_tokens: list[str], output_ticks: list[str], x_title: str, y_title: str):
    fig.update_xaxes(title=x_title, tickvals=list(range(len(input_tokens))),
                     ticktext=[token_label(tok) for tok in input_tokens], tickangle=0, side="bottom",
                     showgrid=False, zeroline=False, range=[-0.5, len(input_tokens) - 0.5])
    fig.update_yaxes(title=y_title, tickvals=list(range(len(output_ticks))), ticktext=output_ticks,
                     autorange="reversed", showgrid=False, zeroline=False)


def _highlight_row(fig: go.Figure, row: int | None, width: int) -> None:
    if row is not None:
        fig.add_shape(type="rect", x0=-0.5, x1=width - 0.5, y0=row - 0.5, y1=row + 0.5,
                      line=dict(color=ORANGE, width=3), fillcolor="rgba(0,0,0,0)")


def attention_heatmap(weights: np.ndarray, input_tokens: list[str], predicted: list[str],
                      target: list[str] | None = None, title: str = "Attention weights α_tj",
                      highlight: int | None = None, projector: bool = False) -> go.Figure:
    """weights (T_out, T_in), each row summing to 1, as an output step × input step heatmap on [0, 1]:
    input tokens along x, predicted output tokens down y (wrong ones marked), the weight in the hover.
    `highlight` outlines one output step (the one whose numbers the page spells out)."""
    weights = np.asarray(weights, dtype=float)
    rows, cols = weights.shape
    if len(input_tokens) != cols or len(predicted) != rows:
        raise ValueError(f"weights are {rows} × {cols}; got {len(predicted)} output and {len(input_tokens)} input tokens")
    wanted = target if target is not None else predicted
    hover = np.array([[f"{token_label(predicted[t])} (target {token_label(wanted[t]) if t < len(wanted) else '–'})"
                       for _ in range(cols)] for t in range(rows)], dtype=object)
    inputs = np.tile(np.array([token_label(tok) for tok in input_tokens], dtype=object), (rows, 1))
    fig = go.Figure(go.Heatmap(
        z=weights, x=np.arange(cols), y=np.arange(rows), zmin=0, zmax=1, colorscale=SEQUENTIAL,
        colorbar=dict(title="α", thickness=14), customdata=np.dstack([hover, inputs]), xgap=1, ygap=1,
        hovertemplate="output step t = %{y}: %{customdata[0]}<br>input step j = %{x}: %{customdata[1]}"
                      "<br>α = %{z:.3f}<extra></extra>"))
    fig.update_layout(title=title)
    _grid_axes(fig, input_tokens, _output_ticks(predicted, target), "input token (encoder step j)",
               "output token (decoder step t)")
    _highlight_row(fig, highlight, cols)
    return apply_theme(fig, projector)


def bottleneck_map(input_tokens: list[str], predicted: list[str], target: list[str] | None = None,
                   hidden_size: int | None = None, title: str = "No attention: one vector carries the input",
                   note: str = "", projector: bool = False) -> go.Figure:
    """The same grid as `attention_heatmap` for a model without attention, which has no weights to show:
    empty cells, the last encoder step outlined as the only bridge to the decoder (its final state h_T,
    `hidden_size` numbers), `note` written across the grid, and the same output ticks (mistakes marked)."""
    rows, cols = len(predicted), len(input_tokens)
    fig = go.Figure(go.Heatmap(z=np.zeros((rows, cols)), x=np.arange(cols), y=np.arange(rows),
                               colorscale=[[0, EMPTY], [1, EMPTY]], showscale=False, xgap=1, ygap=1,
                               hoverinfo="skip"))
    bridge = "h_T" + (f" ({hidden_size} numbers)" if hidden_size else "")
    fig.add_trace(go.Scatter(x=[cols - 1] * rows, y=np.arange(rows), mode="markers", name=bridge,
                             marker=dict(symbol="square-open", size=10, color=GREY), showlegend=False,
                             hovertemplate=f"input step j = %{{x}}: the final encoder state {bridge}<br>"
                                           "the decoder starts from it and never sees the input again<extra></extra>"))
    fig.add_shape(type="rect", x0=cols - 1.5, x1=cols - 0.5, y0=-0.5, y1=rows - 0.5,
                  line=dict(color=GREY, width=3, dash="dot"))
    fig.add_annotation(x=cols - 0.5, y=-0.5, xanchor="right", yanchor="bottom", text=bridge, showarrow=False,
                       font_color=GREY)
    if note:
        fig.add_annotation(x=(cols - 2) / 2, y=(rows - 1) / 2, text=note, showarrow=False, align="center",
                           bgcolor="rgba(255,255,255,0.9)", bordercolor=GREY, borderpad=6)
    fig.update_layout(title=title)
    _grid_axes(fig, input_tokens, _output_ticks(predicted, target), "input token (encoder step j)",
               "output token (decoder step t)")
    return apply_theme(fig, projector)


def encoder_gradient(profiles: dict[str, np.ndarray], title: str = "How much gradient reaches each encoder step",
                     annotate_ratio: bool = True, projector: bool = False) -> go.Figure:
    """‖∂L/∂h_j‖ against encoder step j on a log axis, one line per model (zeros drawn as hollow
    markers on the axis floor, as in grad_flow).  The loss is summed over every output step."""
    fig = _log_profile_figure({label: np.asarray(p, dtype=float) for label, p in profiles.items()}, title,
                              "‖∂L/∂h_j‖", "h", annotate_ratio, projector)
    for trace in fig.data:
        if trace.hovertemplate:
            trace.hovertemplate = trace.hovertemplate.replace("t = %{x}", "encoder step j = %{x}")
    fig.update_xaxes(title="encoder step j (input position)")
    return fig


def length_accuracy(frames: dict[str, pd.DataFrame], train_length: int | None = None, column: str = "exact_match",
                       title: str = "Accuracy against input length", y_title: str = "exact-match accuracy",
                       train_label: str = "training length", projector: bool = False) -> go.Figure:
    """`column` of each model's frame (columns length, exact_match, token_accuracy) against input length,
    lines with markers on [0, 1], and a dashed vertical line at the length the models were trained on."""
    styles = line_styles(frames)
    fig = go.Figure()
    for label, frame in frames.items():
        frame = frame.sort_values("length")
        fig.add_scatter(x=frame["length"], y=frame[column], mode="lines+markers", name=label, line=styles[label],
                        marker=dict(size=8), legendgroup=label,
                        hovertemplate=f"input length %{{x}}<br>{y_title} = %{{y:.0%}}<extra>{label}</extra>")
    if train_length is not None:
        fig.add_vline(x=train_length, line=dict(color=GREY, dash="dash", width=2),
                      annotation=dict(text=f"{train_label} = {train_length}", font_color=GREY),
                      annotation_position="top")
    fig.update_layout(title=title, hovermode="closest")
    fig.update_xaxes(title="input length (tokens)")
    fig.update_yaxes(title=f"{y_title} (higher is better)", range=[-0.03, 1.03], tickformat=".0%")
    return apply_theme(fig, projector)



def strongest(weights: np.ndarray, k: int = 3) -> list[int]:
    """The input steps of one output step's `k` largest weights, largest first (ties: earlier step)."""
    weights = np.asarray(weights, dtype=float)
    order = np.argsort(-weights, kind="stable")
    return [int(j) for j in order[:k]]


LATEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
                 "%": r"\%", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


def latex_text(token: str) -> str:
    """A token made safe inside LaTeX's \\text{…}: invisible characters shown (␣ for a space), specials escaped."""
    return "".join(LATEX_ESCAPES.get(ch, ch) for ch in "".join(show_char(c) for c in token))
