"""Training curves: loss or metric per step, and the total gradient norm with its clipping.

A history is a DataFrame with columns step, loss, metric, grad_norm, clipped.  A run that blew up
is drawn up to where it did, with an ✕ and "diverged (NaN/inf) at step N"; NaN and Inf never raise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .style import GREY, apply_theme, line_styles
from .words import words_for


def diverged_at(history: pd.DataFrame) -> int | None:
    """The step where a run diverged: history.attrs["diverged_at"], else the first non-finite loss."""
    if history.attrs.get("diverged_at") is not None:
        return int(history.attrs["diverged_at"])
    if "loss" in history:
        bad = ~np.isfinite(history["loss"].to_numpy(float))
        if bad.any():
            return int(history["step"].to_numpy()[bad.argmax()])
    return None


def _finite(values, positive: bool = False) -> np.ndarray:
    """Values as floats with NaN where they cannot be drawn (non-finite, or <= 0 on a log axis)."""
    v = np.asarray(values, dtype=float)
    keep = np.isfinite(v) & ((v > 0) if positive else True)
    return np.where(keep, v, np.nan)


def _divergence_marker(history: pd.DataFrame, y: np.ndarray, label: str, color: str, w: dict) -> go.Scatter | None:
    """An ✕ at the divergence step, at the last drawable value before it."""
    at = diverged_at(history)
    if at is None:
        return None
    before = y[(history["step"].to_numpy() <= at) & np.isfinite(y)]
    text = w["diverged"].format(step=at)
    return go.Scatter(x=[at], y=[before[-1] if before.size else np.nan], mode="markers+text", text=[text],
                      textposition="top center", name=f"{label}: {text}", legendgroup=label, showlegend=False,
                      marker=dict(symbol="x", size=16, color=color), textfont_color=color,
                      hovertemplate=f"{text}<extra>{label}</extra>")


def _hline(histories: dict[str, pd.DataFrame], y: float, name: str) -> go.Scatter:
    """A dashed grey horizontal reference line across all steps, with a legend entry and hover."""
    steps = np.concatenate([h["step"].to_numpy(float) for h in histories.values()] or [np.zeros(0)])
    lo, hi = (np.nanmin(steps), np.nanmax(steps)) if steps.size else (0.0, 1.0)
    return go.Scatter(x=[lo, hi], y=[y, y], mode="lines", name=name, line=dict(color=GREY, dash="dash"),
                      hovertemplate=f"{name}<extra></extra>")


def training_curves(histories: dict[str, pd.DataFrame], y: str = "metric", y_title: str | None = None,
                    chance: float | None = None, higher_is_better: bool = True, title: str | None = None,
                    projector: bool = False, words: dict | None = None) -> go.Figure:
    """Column `y` against training step, one line per label, with an optional chance line."""
    w = words_for(words)
    y_title = y_title or w.get(y, y)
    styles = line_styles(histories)
    fig = go.Figure()
    for label, history in histories.items():
        values = _finite(history[y])
        fig.add_scatter(x=history["step"], y=values, mode="lines", name=label, line=styles[label],
                        legendgroup=label, hovertemplate=f"{w['step_hover']} %{{x}}<br>{y_title} = %{{y:.4g}}")
        marker = _divergence_marker(history, values, label, styles[label]["color"], w)
        if marker is not None:
            fig.add_trace(marker)
    if chance is not None:
        fig.add_trace(_hline(histories, chance, w["chance"].format(value=chance)))
    better = w["higher_is_better" if higher_is_better else "lower_is_better"]
    default_title = w["during_training"].format(name=y_title)
    fig.update_layout(title=title or default_title[:1].upper() + default_title[1:], hovermode="x unified")
    fig.update_xaxes(title=w["training_step"])
    fig.update_yaxes(title=w["axis_better"].format(name=y_title, better=better))
    return apply_theme(fig, projector)


def grad_norm_curve(histories: dict[str, pd.DataFrame], clip: float | None = None, title: str | None = None,
                    projector: bool = False, words: dict | None = None) -> go.Figure:
    """‖∇L‖ per step on a log axis; steps where clipping rescaled the gradient get a hollow ring,
    and the clipping threshold is a dashed line."""
    w = words_for(words)
    styles = line_styles(histories)
    fig = go.Figure()
    for label, history in histories.items():
        color = styles[label]["color"]
        norms = _finite(history["grad_norm"], positive=True)
        fig.add_scatter(x=history["step"], y=norms, mode="lines", name=label, line=styles[label],
                        legendgroup=label, hovertemplate=f"{w['step_hover']} %{{x}}<br>‖∇L‖ = %{{y:.3g}}")
        if "clipped" in history:
            hit = history["clipped"].eq(True).to_numpy()
            fig.add_scatter(x=history["step"].to_numpy()[hit], y=norms[hit], mode="markers", name=f"{label}: {w['clipped']}",
                            legendgroup=label, marker=dict(symbol="circle-open", size=10, color=color, line_width=2),
                            hovertemplate=f"{w['step_hover']} %{{x}}<br>‖∇L‖ = %{{y:.3g}}, {w['clipped']}")
        marker = _divergence_marker(history, norms, label, color, w)
        if marker is not None:
            fig.add_trace(marker)
    if clip is not None:
        fig.add_trace(_hline(histories, clip, w["clip_threshold"].format(clip=clip)))
    fig.update_layout(title=title or w["grad_norm_title"], hovermode="closest")
    fig.update_xaxes(title=w["training_step"])
    fig.update_yaxes(title=w["log_scale"].format(name=w["grad_norm"]), type="log", exponentformat="power")
    return apply_theme(fig, projector)
