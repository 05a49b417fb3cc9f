"""Text coloured by a hidden unit: every character's background shows the unit's value as it read
that character (Karpathy, Johnson & Fei-Fei 2015).  Plain HTML, for st.html / st.markdown."""

from __future__ import annotations

import html

import numpy as np
from plotly.colors import sample_colorscale, unlabel_rgb

from .style import DIVERGING


def _text_color(background: str) -> str:
    r, g, b = unlabel_rgb(background)
    return "#000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#fff"


def text_heat_html(chars: list[str] | str, values: np.ndarray, vmin: float = -1, vmax: float = 1) -> str:
    """HTML of the text, each character on a background coloured by its value (blue = vmin, white
    = midway, red = vmax; NaN uncoloured).  Newlines are kept, characters HTML-escaped, and each
    character's title (its tooltip) is its value."""
    chars = list(chars)
    values = np.asarray(values, dtype=float)
    if values.shape != (len(chars),):
        raise ValueError(f"need one value per character: {len(chars)} characters, values shape {values.shape}")
    if not vmax > vmin:
        raise ValueError(f"vmax must exceed vmin, got vmin={vmin}, vmax={vmax}")
    where = np.clip((np.nan_to_num(values) - vmin) / (vmax - vmin), 0, 1)
    colors = sample_colorscale(DIVERGING, list(where)) if chars else []
    spans = []
    for ch, value, color in zip(chars, values, colors):
        style = f"background:{color};color:{_text_color(color)}" if np.isfinite(value) else ""
        spans.append(f'<span style="{style}" title="{value:.3f}">{html.escape(ch)}</span>')
    return ('<div style="font-family:monospace;white-space:pre-wrap;line-height:1.5;font-size:1.1em">'
            + "".join(spans) + "</div>")
