"""What the cell holds over time: state and gate heatmaps (time × unit), how often each gate is
saturated (the scatter of Karpathy, Johnson & Fei-Fei 2015), and the PCA path of the hidden state."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..analysis import pca, saturation
from ..record import Trace
from .style import DIVERGING, GATE_COLORS, GREY, MAGNITUDE_SCALE, SEQUENTIAL, apply_theme, token_label
from .words import words_for

# Panels of gate_heatmaps per cell: (quantity, is a sigmoid gate in [0, 1]); titles: words "panel.<cell>.<q>".
PANELS = {
    "lstm": [("i", True), ("f", True), ("g", False), ("o", True), ("c", False)],
    "gru": [("r", True), ("z", True), ("n", False), ("h", False)],
    "rnn": [("pre", False), ("h", False)],
}
SIGMOID_GATES = {cell: [q for q, gate in panels if gate] for cell, panels in PANELS.items()}
KINDS = ("state", "gate", "grad")


def _color_axis(kind: str, values: np.ndarray, w: dict) -> dict:
    if kind == "gate":
        return dict(colorscale=SEQUENTIAL, cmin=0, cmax=1, colorbar_title=w["gate"])
    if kind == "grad":
        return dict(colorscale=MAGNITUDE_SCALE, colorbar_title="log₁₀|∂L/∂h|")
    finite = np.abs(values[np.isfinite(values)])
    bound = max(1.0, float(finite.max()) if finite.size else 1.0)
    return dict(colorscale=DIVERGING, cmid=0, cmin=-bound, cmax=bound, colorbar_title=w["value"])


def _heat(values: np.ndarray, tokens, z_name: str, w: dict, coloraxis: str = "coloraxis") -> go.Heatmap:
    """values (T, units) as a heatmap with x = t, y = unit, and the token in the hover."""
    steps, units = values.shape
    labels = [token_label(tok) for tok in tokens] if tokens is not None else [str(t) for t in range(steps)]
    return go.Heatmap(z=values.T, x=np.arange(steps), y=np.arange(units), coloraxis=coloraxis,
                      customdata=np.tile(np.array(labels, dtype=object), (units, 1)),
                      hovertemplate=f"t = %{{x}} (%{{customdata}})<br>{w['unit']} %{{y}}<br>{z_name} = %{{z:.3f}}"
                                    "<extra></extra>")


def _token_ticks(fig: go.Figure, tokens, **where) -> None:
    if tokens is not None and len(tokens) <= 80:
        fig.update_xaxes(tickvals=list(range(len(tokens))), ticktext=[token_label(t) for t in tokens],
                         tickangle=0, **where)


def state_heatmap(values: np.ndarray, tokens: list[str] | None = None, title: str | None = None,
                  kind: str = "state", projector: bool = False, words: dict | None = None) -> go.Figure:
    """values (T, units) as a time × unit heatmap.  kind "state": diverging, centred at 0;
    "gate": Viridis on [0, 1]; "grad": log₁₀ of the magnitude (exact zeros are left blank)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    w = words_for(words)
    values = np.asarray(values, dtype=float)
    z_name = w["value"]
    if kind == "grad":
        magnitude = np.abs(values)
        values = np.log10(np.where(magnitude > 0, magnitude, np.nan))
        z_name = "log₁₀|∂L/∂h|"
    fig = go.Figure(_heat(values, tokens, z_name, w))
    fig.update_layout(title=title or w["state_title"], coloraxis=_color_axis(kind, values, w))
    fig.update_xaxes(title=w["timestep"])
    fig.update_yaxes(title=w["hidden_unit"], autorange="reversed")
    _token_ticks(fig, tokens)
    return apply_theme(fig, projector)


def gate_heatmaps(trace: Trace, example: int = 0, layer: int = -1, direction: int = 0,
                  tokens: list[str] | None = None, projector: bool = False, words: dict | None = None) -> go.Figure:
    """One time × unit heatmap per gate and state of the cell, stacked on a shared time axis.
    Sigmoid gates share a [0, 1] Viridis scale; tanh candidates and states a diverging one."""
    w = words_for(words)
    panels = PANELS[trace.cell]
    data = {q: trace.get(q, layer, direction)[example] for q, _ in panels}
    signed = np.concatenate([data[q].ravel() for q, gate in panels if not gate])
    fig = make_subplots(rows=len(panels), cols=1, shared_xaxes=True, vertical_spacing=0.25 / len(panels),
                        subplot_titles=[w[f"panel.{trace.cell}.{q}"] for q, _ in panels])
    for row, (q, gate) in enumerate(panels, start=1):
        fig.add_trace(_heat(data[q], tokens, q, w, "coloraxis" if gate else "coloraxis2"), row=row, col=1)
        fig.update_yaxes(title=w["unit"], autorange="reversed", row=row, col=1)
    gate_axis = _color_axis("gate", signed, w)
    state_axis = _color_axis("state", signed, w)
    gate_axis["colorbar"] = dict(title=w["gate"], y=1, yanchor="top", len=0.48)
    state_axis["colorbar"] = dict(title=w["value"], y=0, yanchor="bottom", len=0.48)
    fig.update_layout(coloraxis=gate_axis, coloraxis2=state_axis, height=(200 if projector else 150) * len(panels) + 120,
                      title=w["gates_title"].format(cell=trace.cell.upper(), example=example))
    fig.update_xaxes(title=w["timestep"], row=len(panels), col=1)
    _token_ticks(fig, tokens, row=len(panels), col=1)
    return apply_theme(fig, projector)


def saturation_scatter(trace: Trace, layer: int = -1, direction: int = 0, projector: bool = False,
                       words: dict | None = None) -> go.Figure:
    """Per unit and sigmoid gate: share of (example, t) with gate < 0.1 (x) against > 0.9 (y).
    Points near the corners are switches, near the origin are never saturated."""
    w = words_for(words)
    fig = go.Figure(go.Scatter(x=[0, 1], y=[1, 0], mode="lines", name="x + y = 1", hoverinfo="skip",
                               line=dict(color=GREY, dash="dot", width=1.5)))
    for color, gate in zip(GATE_COLORS, SIGMOID_GATES[trace.cell]):
        low, high = saturation(trace.get(gate, layer, direction))
        hover = w["saturation_hover"].format(gate=gate, unit="%{customdata}", low="%{x:.0%}", high="%{y:.0%}")
        fig.add_scatter(x=low, y=high, mode="markers", name=w["saturation_gate"].format(gate=gate),
                        customdata=np.arange(len(low)),
                        marker=dict(color=color, size=10, opacity=0.8, line=dict(color="white", width=1)),
                        hovertemplate=hover + "<extra></extra>")
    if not SIGMOID_GATES[trace.cell]:
        fig.add_annotation(text=w["no_gates"], x=0.5, y=0.5, showarrow=False)
    fig.update_layout(title=w["saturation_title"])
    fig.update_xaxes(title=w["saturation_x"], range=[-0.03, 1.03], constrain="domain")
    fig.update_yaxes(title=w["saturation_y"], range=[-0.03, 1.03],
                     scaleanchor="x", scaleratio=1)
    return apply_theme(fig, projector)


def pca_trajectory(states: np.ndarray, tokens: list[str] | None = None,
                   title: str | None = None, projector: bool = False, words: dict | None = None) -> go.Figure:
    """The hidden-state trajectory states (T, units) projected on its first two principal
    components, as a line with markers coloured by t."""
    w = words_for(words)
    points, ratio = pca(states, k=2)
    steps = np.arange(len(points))
    labels = [token_label(tok) for tok in tokens] if tokens is not None else [""] * len(points)
    token_line = f"<br>{w['token']} %{{customdata[1]}}" if tokens is not None else ""
    fig = go.Figure(go.Scatter(x=points[:, 0], y=points[:, 1], mode="lines", line=dict(color=GREY, width=1),
                               hoverinfo="skip", showlegend=False))
    fig.add_scatter(x=points[:, 0], y=points[:, 1], mode="markers", showlegend=False,
                    customdata=np.stack([steps.astype(object), np.array(labels, dtype=object)], axis=1),
                    marker=dict(color=steps, colorscale=SEQUENTIAL, size=9, colorbar=dict(title=w["timestep"])),
                    hovertemplate="t = %{customdata[0]}" + token_line + "<extra></extra>")
    fig.update_layout(title=title or w["pca_title"])
    fig.update_xaxes(title=w["pca_axis"].format(k=1, share=ratio[0]))
    fig.update_yaxes(title=w["pca_axis"].format(k=2, share=ratio[1]), scaleanchor="x", scaleratio=1)
    return apply_theme(fig, projector)
