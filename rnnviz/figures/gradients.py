"""Gradient flow through time: ‖∂L/∂h_t‖ (or ‖∂h_T/∂h_t‖) against t on a log axis, one line per
cell, still or animated over training.  Values that underflowed to exactly 0 cannot sit on a log
axis, so they are drawn as hollow markers on the axis floor instead of silently disappearing."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..analysis import ratio_first_last
from .style import apply_theme, line_styles
from .words import words_for


def _log_range(profiles) -> tuple[float, float]:
    """(floor, top) of a log axis in decades, leaving one decade under the smallest positive value
    for the underflow markers."""
    values = np.concatenate([np.ravel(p) for p in profiles] or [np.zeros(0)])
    positive = values[np.isfinite(values) & (values > 0)]
    if positive.size == 0:
        return -1.0, 1.0
    return float(np.floor(np.log10(positive.min()))) - 1, float(np.log10(positive.max())) + 0.3


def _profile_traces(label: str, profile: np.ndarray, floor: float, style: dict, y_name: str,
                    w: dict) -> list[go.Scatter]:
    """The line of one profile (zeros left out) and its underflow markers on the axis floor."""
    y = np.asarray(profile, dtype=float)
    t = np.arange(len(y))
    zero = y == 0
    line = go.Scatter(x=t, y=np.where(zero, np.nan, y), name=label, mode="lines", line=style,
                      legendgroup=label, hovertemplate=f"t = %{{x}}<br>{y_name} = %{{y:.3g}}")
    under = go.Scatter(x=t[zero], y=np.full(zero.sum(), 10.0**floor), name=f"{label}: {w['underflowed']}",
                       mode="markers", marker=dict(symbol="circle-open", size=11, color=style["color"], line_width=2),
                       legendgroup=label, showlegend=bool(zero.any()), hovertemplate=f"t = %{{x}}<br>{w['underflowed']}")
    return [line, under]


def _log_axes(fig: go.Figure, title: str, y_name: str, floor: float, top: float, projector: bool,
              w: dict) -> go.Figure:
    fig.update_layout(title=title, hovermode="closest")
    fig.update_xaxes(title=w["timestep"])
    fig.update_yaxes(title=w["log_scale"].format(name=y_name), type="log", range=[floor - 0.3, top],
                     exponentformat="power")
    return apply_theme(fig, projector)


def _log_profile_figure(profiles: dict[str, np.ndarray], title: str, y_name: str, ratio_symbol: str,
                        annotate_ratio: bool, projector: bool, w: dict) -> go.Figure:
    floor, top = _log_range(profiles.values())
    styles = line_styles(profiles)
    fig = go.Figure()
    for i, (label, profile) in enumerate(profiles.items()):
        fig.add_traces(_profile_traces(label, profile, floor, styles[label], y_name, w))
        if annotate_ratio:
            symbol = "c" if styles[label]["dash"] == "dash" else ratio_symbol
            ratio = ratio_first_last(profile)
            text = f"{label}: {symbol}₀/{symbol}_T = {w['underflowed'] if ratio == 0 else f'{ratio:.1g}'}"
            # bottom right: vanishing profiles rise from bottom left to top right, so it stays clear
            fig.add_annotation(text=text, xref="paper", yref="paper", x=0.99, y=0.02 + 0.08 * (len(profiles) - 1 - i),
                               xanchor="right", yanchor="bottom", showarrow=False, font_color=styles[label]["color"],
                               bgcolor="rgba(255,255,255,0.8)")
    return _log_axes(fig, title, y_name, floor, top, projector, w)


def grad_flow(profiles: dict[str, np.ndarray], title: str | None = None, quantity: str = "h",
              annotate_ratio: bool = False, projector: bool = False, words: dict | None = None) -> go.Figure:
    """‖∂L/∂h_t‖ against t, one line per label ("vanilla RNN", "LSTM", "GRU", "LSTM ‖∂L/∂c_t‖" …)."""
    w = words_for(words)
    return _log_profile_figure(profiles, title or w["grad_flow_title"], f"‖∂L/∂{quantity}_t‖", quantity,
                               annotate_ratio, projector, w)


def jacobian_profile(profiles: dict[str, np.ndarray], title: str | None = None, annotate_ratio: bool = False,
                     projector: bool = False, words: dict | None = None) -> go.Figure:
    """‖∂h_T/∂h_t‖ against t, one line per label (e.g. from Trace.jacobian_norms())."""
    w = words_for(words)
    return _log_profile_figure(profiles, title or w["jacobian_title"], "‖∂h_T/∂h_t‖", "J", annotate_ratio,
                               projector, w)


def grad_flow_animation(snapshots: dict[str, list[tuple[int, np.ndarray]]], title: str | None = None,
                        quantity: str = "h", projector: bool = False, words: dict | None = None) -> go.Figure:
    """grad_flow over training: frame i shows every label's i-th (step, profile) snapshot (a label
    with fewer snapshots holds its last one).  The axes stay fixed, so the motion means something."""
    w = words_for(words)
    y_name = f"‖∂L/∂{quantity}_t‖"
    floor, top = _log_range(p for pairs in snapshots.values() for _, p in pairs)
    styles = line_styles(snapshots)
    count = max((len(pairs) for pairs in snapshots.values()), default=0)

    def traces(i):
        return [tr for label, pairs in snapshots.items() if pairs
                for tr in _profile_traces(label, pairs[min(i, len(pairs) - 1)][1], floor, styles[label], y_name, w)]

    steps = [next(pairs[i][0] for pairs in snapshots.values() if len(pairs) > i) for i in range(count)]
    frames = [go.Frame(name=str(i), data=[go.Scatter(x=tr.x, y=tr.y) for tr in traces(i)]) for i in range(count)]
    fig = go.Figure(data=traces(0) if count else [], frames=frames)
    longest = max((len(p) for pairs in snapshots.values() for _, p in pairs), default=1)
    fig.update_xaxes(range=[-0.5, longest - 0.5])
    still = dict(frame=dict(duration=0, redraw=False), mode="immediate", transition=dict(duration=0))
    fig.update_layout(
        updatemenus=[dict(type="buttons", direction="left", x=0, y=-0.15, xanchor="left", yanchor="top", buttons=[
            dict(label=w["play"], method="animate",
                 args=[None, dict(frame=dict(duration=400, redraw=False), fromcurrent=True, transition=dict(duration=150))]),
            dict(label=w["pause"], method="animate", args=[[None], still]),
        ])],
        sliders=[dict(x=0.18, y=-0.12, len=0.82, currentvalue=dict(prefix=w["training_step"] + " "),
                      steps=[dict(label=str(step), method="animate", args=[[str(i)], still])
                             for i, step in enumerate(steps)])],
    )
    fig = _log_axes(fig, title or w["animation_title"], y_name, floor, top, projector, w)
    fig.update_layout(margin_b=160)
    return fig
