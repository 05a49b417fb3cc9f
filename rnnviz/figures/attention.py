"""Encoder–decoder figures (curriculum §6): where each output token looks in the input (the attention
map), what the decoder has instead when there is no attention (the bottleneck), the gradient that
reaches each encoder step, and accuracy against input length.

Output steps run down the y axis (first output on top), input steps along x: the orientation of
Bahdanau et al. (2015), Fig. 3.  Output tokens the model got wrong are drawn in vermillion, so the
mistakes sit next to the row that made them.  Like every builder, each takes `words=` (see words.py);
the words only these figures print are `WORDS` below.  `attention_animation` replays the map over training.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .gradients import _log_profile_figure
from .style import GREY, ORANGE, SEQUENTIAL, VERMILLION, apply_theme, line_styles, token_label
from .words import words_for

EMPTY = "#f2f2f2"
MISSING = "–"  # an output step the model did not write (it stopped early)

WORDS = {
    "attn_title": "Attention weights α_tj",
    "attn_input_axis": "input token (encoder step j)",
    "attn_output_axis": "output token (decoder step t)",
    "attn_hover": "output step t = {t}: {out}<br>input step j = {j}: {inp}<br>α = {alpha}",
    "attn_animation_title": "How the attention map formed during training",
    "attn_bottleneck_title": "No attention: one vector carries the input",
    "attn_bridge": "h_T ({size} numbers)",
    "attn_bridge_hover": "input step j = {j}: the final encoder state {bridge}<br>"
                         "the decoder starts from it and never sees the input again",
    "attn_grad_title": "Gradient reaching each encoder step",
    "attn_encoder_step": "encoder step j (input position)",
    "attn_grad": "‖∂L/∂h_j‖",
    "attn_grad_relative": "‖∂L/∂h_j‖ ÷ ‖∂L/∂h_last‖",
    "attn_length_title": "Accuracy against input length",
    "attn_exact_match": "exact-match accuracy",
    "attn_input_length": "input length (tokens)",
    "attn_trained": "lengths seen in training",
}


def _output_ticks(predicted: list[str], target: list[str] | None, rows: int) -> list[str]:
    """Tick labels of the `rows` output steps: the predicted token; a wrong one in vermillion, "✗ (target)"."""
    ticks = []
    for i in range(rows):
        token = predicted[i] if i < len(predicted) else MISSING
        wanted = target[i] if target and i < len(target) else token
        if token == wanted:
            ticks.append(token_label(token))
        else:
            ticks.append(f'<span style="color:{VERMILLION}">{token_label(token)} ✗ ({token_label(wanted)})</span>')
    return ticks


def _grid(fig: go.Figure, title: str, input_tokens: list[str], output_ticks: list[str], w: dict,
          projector: bool) -> go.Figure:
    """Axes shared by both maps: input tokens along x, output tokens down y, a row height that keeps every
    tick label readable."""
    rows = len(output_ticks)
    fig.update_layout(title=title, height=max(380, (34 if projector else 26) * rows + 180))
    fig.update_xaxes(title=w["attn_input_axis"], tickvals=list(range(len(input_tokens))),
                     ticktext=[token_label(tok) for tok in input_tokens], tickangle=0, showgrid=False,
                     zeroline=False, range=[-0.5, len(input_tokens) - 0.5])
    fig.update_yaxes(title=w["attn_output_axis"], tickvals=list(range(rows)), ticktext=output_ticks,
                     autorange="reversed", showgrid=False, zeroline=False)
    return apply_theme(fig, projector)


def attention_heatmap(weights: np.ndarray, input_tokens: list[str], predicted: list[str],
                      target: list[str] | None = None, title: str | None = None, highlight: int | None = None,
                      projector: bool = False, words: dict | None = None) -> go.Figure:
    """weights (T_out, T_in), each row summing to 1, as an output step × input step heatmap on [0, 1]:
    input tokens along x, the predicted output tokens down y (wrong ones marked against `target`; steps
    after the model stopped show "–"), the weight in the hover.  `highlight` outlines one output step
    (the one whose numbers the page spells out)."""
    w = words_for(words, WORDS)
    weights = np.asarray(weights, dtype=float)
    rows, cols = weights.shape
    if len(input_tokens) != cols:
        raise ValueError(f"weights are {rows} × {cols}; got {len(input_tokens)} input tokens")
    ticks = _output_ticks(predicted, target, rows)
    inputs = [token_label(tok) for tok in input_tokens]
    hover = w["attn_hover"].format(t="%{y}", out="%{customdata[0]}", j="%{x}", inp="%{customdata[1]}",
                                   alpha="%{z:.3f}")
    fig = go.Figure(go.Heatmap(
        z=weights, x=np.arange(cols), y=np.arange(rows), zmin=0, zmax=1, colorscale=SEQUENTIAL,
        colorbar=dict(title="α", thickness=14), xgap=1, ygap=1, hovertemplate=hover + "<extra></extra>",
        customdata=np.array([[[tick, inp] for inp in inputs] for tick in ticks], dtype=object)))
    if highlight is not None:
        fig.add_shape(type="rect", x0=-0.5, x1=cols - 0.5, y0=highlight - 0.5, y1=highlight + 0.5,
                      line=dict(color=ORANGE, width=3), fillcolor="rgba(0,0,0,0)")
    return _grid(fig, title or w["attn_title"], input_tokens, ticks, w, projector)


def attention_animation(snapshots: list[tuple[int, np.ndarray]], input_tokens: list[str], output_tokens: list[str],
                        title: str | None = None, projector: bool = False, words: dict | None = None) -> go.Figure:
    """attention_heatmap over training: frame i shows the weights (T_out, T_in) of the i-th (step, weights)
    snapshot.  It opens on the last snapshot and ▶ plays from the first; rows are labelled with the right output
    tokens (what the model was asked for), and the axes and the colour scale stay fixed, so only the weights move."""
    w = words_for(words, WORDS)
    fig = attention_heatmap(snapshots[-1][1], input_tokens, output_tokens, title=title or w["attn_animation_title"],
                            projector=projector, words=words)
    fig.frames = [go.Frame(name=str(i), data=[go.Heatmap(z=np.asarray(weights, dtype=float))])
                  for i, (_, weights) in enumerate(snapshots)]
    still = dict(frame=dict(duration=0, redraw=True), mode="immediate", transition=dict(duration=0))
    fig.update_layout(
        updatemenus=[dict(type="buttons", direction="left", x=0, y=-0.3, xanchor="left", yanchor="top", buttons=[
            dict(label=w["play"], method="animate",
                 args=[[str(i) for i in range(len(snapshots))],
                       dict(frame=dict(duration=300, redraw=True), transition=dict(duration=0))]),
            dict(label=w["pause"], method="animate", args=[[None], still]),
        ])],
        sliders=[dict(x=0.22, y=-0.26, len=0.78, active=len(snapshots) - 1,
                      currentvalue=dict(prefix=w["training_step"] + " ", xanchor="right"),
                      steps=[dict(label=str(step), method="animate", args=[[str(i)], still])
                             for i, (step, _) in enumerate(snapshots)])],
        height=fig.layout.height + 120)
    fig.update_layout(margin_b=fig.layout.margin.b + 120)
    return fig


def bottleneck_map(input_tokens: list[str], predicted: list[str], target: list[str] | None = None,
                   hidden_size: int | None = None, title: str | None = None, note: str = "",
                   projector: bool = False, words: dict | None = None) -> go.Figure:
    """The same grid as `attention_heatmap` for a model without attention, which has no weights to show:
    empty cells, the last encoder step outlined as the only bridge to the decoder (its final state h_T,
    `hidden_size` numbers), `note` under the title, and the same output ticks (mistakes marked).
    It has a row per target token (per predicted token without a target)."""
    w = words_for(words, WORDS)
    rows, cols = max(len(target or predicted), 1), len(input_tokens)
    bridge = w["attn_bridge"].format(size=hidden_size) if hidden_size else "h_T"
    fig = go.Figure(go.Heatmap(z=np.zeros((rows, cols)), x=np.arange(cols), y=np.arange(rows), showscale=False,
                               colorscale=[[0, EMPTY], [1, EMPTY]], xgap=1, ygap=1, hoverinfo="skip"))
    fig.add_scatter(x=[cols - 1] * rows, y=np.arange(rows), mode="markers", name=bridge, showlegend=False,
                    marker=dict(symbol="square-open", size=10, color=GREY),
                    hovertemplate=w["attn_bridge_hover"].format(j="%{x}", bridge=bridge) + "<extra></extra>")
    fig.add_shape(type="rect", x0=cols - 1.5, x1=cols - 0.5, y0=-0.5, y1=rows - 0.5,
                  line=dict(color=GREY, width=3, dash="dot"))
    fig.add_annotation(x=cols - 0.5, y=-0.5, xanchor="right", yanchor="bottom", text=bridge, showarrow=False,
                       font_color=GREY)
    fig = _grid(fig, title or w["attn_bottleneck_title"], input_tokens, _output_ticks(predicted, target, rows), w,
                projector)
    if note:  # under the title, where a narrow grid cannot hide it
        fig.update_layout(title_subtitle=dict(text=note, font=dict(color=GREY, size=fig.layout.font.size - 1)),
                          margin_t=fig.layout.margin.t + 30)
    return fig


def relative_encoder_grad(encoder_grad: np.ndarray, lengths) -> np.ndarray:
    """‖∂L/∂h_j‖ of each example (B, T) divided by its value at the example's own last input, then the geometric
    mean over the examples that reach step j → (T,), nan where none does.  Inputs of different lengths
    line up at their start, and each one's tilt counts, whatever its loss."""
    grad = np.asarray(encoder_grad, dtype=float)
    logs = np.full(grad.shape, np.nan)
    for b, n in enumerate(lengths):
        row, last = grad[b, :n], grad[b, n - 1] if n else 0.0
        if last > 0:
            with np.errstate(divide="ignore"):
                logs[b, :n] = np.log(row / last)
    with np.errstate(invalid="ignore"):
        counts = np.isfinite(logs).sum(axis=0)
        mean = np.where(counts > 0, np.nansum(np.where(np.isfinite(logs), logs, 0), axis=0) / np.maximum(counts, 1),
                        np.nan)
    return np.exp(mean)


def encoder_gradient(profiles: dict[str, np.ndarray], title: str | None = None, relative: bool = False,
                     annotate_ratio: bool = True, projector: bool = False, words: dict | None = None) -> go.Figure:
    """‖∂L/∂h_j‖ against encoder step j on a log axis, one line per model (zeros drawn as hollow
    markers on the axis floor, as in grad_flow).  `relative`: the profiles are ratios to the last input
    step (`relative_encoder_grad`), and the axis says so."""
    w = words_for(words, WORDS)
    w["timestep"] = w["attn_encoder_step"]
    lines = {label: np.asarray(p, dtype=float) for label, p in profiles.items()}
    fig = _log_profile_figure(lines, title or w["attn_grad_title"],
                              w["attn_grad_relative" if relative else "attn_grad"], "h", annotate_ratio, projector, w)
    for trace in fig.data:
        trace.hovertemplate = trace.hovertemplate.replace("t = %{x}", "j = %{x}")
    return fig


def length_accuracy(frames: dict[str, pd.DataFrame], trained: tuple[int, int] | None = None,
                    column: str = "exact_match", title: str | None = None, y_title: str | None = None,
                    projector: bool = False, words: dict | None = None) -> go.Figure:
    """`column` of each model's frame (columns length, exact_match, token_accuracy) against input length,
    lines with markers on [0, 1], and the range of lengths the models trained on, `trained` = (shortest,
    longest), shaded."""
    w = words_for(words, WORDS)
    y_title = y_title or w["attn_exact_match"]
    styles = line_styles(frames)
    fig = go.Figure()
    for label, frame in frames.items():
        frame = frame.sort_values("length")
        fig.add_scatter(x=frame["length"], y=frame[column], mode="lines+markers", name=label, line=styles[label],
                        marker=dict(size=8), legendgroup=label,
                        hovertemplate=f"{w['attn_input_length']}: %{{x}}<br>{y_title} = %{{y:.0%}}"
                                      f"<extra>{label}</extra>")
    if trained is not None:
        fig.add_vrect(x0=trained[0] - 0.5, x1=trained[1] + 0.5, fillcolor=GREY, opacity=0.15, line_width=0,
                      layer="below", annotation=dict(text=w["attn_trained"], font_color=GREY, xanchor="left",
                                                 yanchor="bottom"),
                      annotation_position="outside top left")
    lengths = [length for frame in frames.values() for length in frame["length"]] + list(trained or ())
    fig.update_layout(title=title or w["attn_length_title"], hovermode="closest")
    fig.update_xaxes(title=w["attn_input_length"], range=[min(lengths) - 1, max(lengths) + 1] if lengths else None)
    fig.update_yaxes(title=w["axis_better"].format(name=y_title, better=w["higher_is_better"]), range=[-0.03, 1.03],
                     tickformat=".0%")
    return apply_theme(fig, projector)


def strongest(weights: np.ndarray, k: int = 3) -> list[int]:
    """The input steps of one output step's `k` largest weights, largest first (ties: earlier step)."""
    order = np.argsort(-np.asarray(weights, dtype=float), kind="stable")
    return [int(j) for j in order[:k]]
