"""Figures that need no training: the eigenvalues of W_hh against the unit circle, and the
activation functions with their derivatives (why sigmoid' ≤ 0.25 makes gradients vanish)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .style import BLACK, BLUE, GREEN, ORANGE, VERMILLION, apply_theme
from .words import words_for

ACTIVATIONS = {  # name: (function, derivative, colour, dash)
    "sigmoid σ": (lambda z: 1 / (1 + np.exp(-z)), lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2, BLUE, "solid"),
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2, VERMILLION, "dash"),
    "ReLU": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float), GREEN, "dot"),
    "leaky ReLU (0.1)": (lambda z: np.where(z > 0, z, 0.1 * z), lambda z: np.where(z > 0, 1.0, 0.1), ORANGE, "dashdot"),
}


def eigenvalues(w_hh: np.ndarray, projector: bool = False, words: dict | None = None) -> go.Figure:
    """Eigenvalues of W_hh on the complex plane with the unit circle.  Outside the circle a
    direction grows at every step, inside it shrinks; the largest |λ| is the spectral radius."""
    w = words_for(words)
    lam = np.linalg.eigvals(np.asarray(w_hh, dtype=float))
    radius = float(np.abs(lam).max()) if lam.size else 0.0
    angle = np.linspace(0, 2 * np.pi, 241)
    fig = go.Figure(go.Scatter(x=np.cos(angle), y=np.sin(angle), mode="lines", name=w["unit_circle"],
                               line=dict(color=BLACK, width=1.5), hoverinfo="skip"))
    for name, keep, color, symbol in ((w["shrinks"], np.abs(lam) <= 1, BLUE, "circle"),
                                      (w["grows"], np.abs(lam) > 1, VERMILLION, "diamond")):
        fig.add_scatter(x=lam.real[keep], y=lam.imag[keep], mode="markers", name=name, customdata=np.abs(lam[keep]),
                        marker=dict(color=color, symbol=symbol, size=10, line=dict(color="white", width=1)),
                        hovertemplate="λ = %{x:.3f} %{y:+.3f}i<br>|λ| = %{customdata:.3f}<extra></extra>")
    extent = 1.15 * max(1.0, radius)
    fig.update_layout(title=w["eig_title"].format(radius=radius))
    fig.update_xaxes(title=w["real_part"], range=[-extent, extent], zeroline=True)
    fig.update_yaxes(title=w["imaginary_part"], range=[-extent, extent], zeroline=True, scaleanchor="x", scaleratio=1)
    return apply_theme(fig, projector)


def activation_functions(projector: bool = False, words: dict | None = None) -> go.Figure:
    """sigmoid, tanh, ReLU and leaky ReLU (left) and their derivatives (right) on [-5, 5]."""
    w = words_for(words)
    z = np.linspace(-5, 5, 401)
    fig = make_subplots(rows=1, cols=2, subplot_titles=[w["function"], w["derivative"]], horizontal_spacing=0.1)
    for name, (f, df, color, dash) in ACTIVATIONS.items():
        for col, values in ((1, f(z)), (2, df(z))):
            fig.add_scatter(x=z, y=values, mode="lines", name=name, legendgroup=name, showlegend=col == 1,
                            line=dict(color=color, dash=dash), row=1, col=col,
                            hovertemplate=f"{name}<br>z = %{{x:.2f}}<br>%{{y:.3f}}<extra></extra>")
    for text, y in (("max σ' = 0.25", 0.25), ("max tanh' = 1", 1.0)):
        fig.add_annotation(text=text, x=0, y=y, xref="x2", yref="y2", ax=60, ay=-30, arrowhead=2)
    fig.update_layout(title=w["activations_title"])
    fig.update_xaxes(title=w["input_z"])
    fig.update_yaxes(title="g(z)", range=[-1.2, 5.2], row=1, col=1)
    fig.update_yaxes(title="g′(z)", range=[-0.05, 1.2], row=1, col=2)
    return apply_theme(fig, projector)
