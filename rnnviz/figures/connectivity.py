"""What a character model remembers (distill's "Memorization in RNNs", RNNbow): the text coloured by how
strongly one prediction depends on every earlier character, the mean of that connectivity against
distance, and the itemised gradient of one prediction's error as a bar per timestep.

Connectivity spans many decades (a vanilla RNN's falls a billionfold within 50 characters), so colours and
axes are logarithmic.  The text is laid out as a grid of characters, one cell each, escaped for Plotly: a
typed `<b>` shows as the three characters it is.  Each builder takes `words=` (see words.py); the words only
these figures print are `WORDS` below.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .style import BLUE, GREY, apply_theme, line_styles, token_label
from .words import words_for

WORDS = {
    "conn_text_title": "What the prediction after character {t} depends on",
    "conn_colorbar": "‖∂ŷ_t/∂x_k‖ ÷ largest",
    "conn_hover": "“{char}” at k = {k}, t − k = {d}<br>‖∂ŷ_t/∂x_k‖ = {value}<br>÷ largest = {relative}",
    "conn_future": "“{char}” at k = {k}: after t, not read yet",
    "conn_distance_title": "Mean connectivity against distance",
    "conn_distance_axis": "distance t − k (characters back)",
    "conn_relative_axis": "mean ‖∂ŷ_t/∂x_(t−d)‖ ÷ its value at d = 0",
    "conn_distance_hover": "{label}<br>d = {d}: {value}",
    "itemised_title": "Itemised gradient of ∂L_t/∂W_hh, t = {t}",
    "itemised_axis": "‖share of step k‖",
    "position_axis": "position k in the text",
    "itemised_hover": "{label}<br>“{char}” at k = {k}: {value}",
}
COLOURS = [[0.0, "#ffffff"], [1.0, BLUE]]  # white (no dependence) to the strongest
WIDTH = 48  # characters per line of the coloured text
SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _glyph(ch: str) -> str:
    """A character as one grid cell shows it: a space stays blank, a line break shows as ↵, the rest as the
    character models show them, escaped for Plotly."""
    return " " if ch == " " else token_label(ch)


def text_grid(chars: list[str] | str, width: int = WIDTH) -> list[tuple[int, int]]:
    """(row, column) of every character: `width` to a line, and a new line after each line break."""
    places, row, col = [], 0, 0
    for ch in chars:
        if col == width:
            row, col = row + 1, 0
        places.append((row, col))
        col += 1
        if ch == "\n":
            row, col = row + 1, 0
    return places


def relative_decades(values: np.ndarray, picked: int, decades: float) -> np.ndarray:
    """log10 of each value over the largest of values[:picked + 1], clipped at −decades; NaN after `picked`."""
    values = np.asarray(values, dtype=float)
    out = np.full(values.shape, np.nan)
    read = values[:picked + 1]
    top = read.max() if read.size else 0.0
    if top > 0:
        with np.errstate(divide="ignore"):
            out[:picked + 1] = np.maximum(np.log10(read / top), -decades)
    else:
        out[:picked + 1] = -decades
    return out


def connectivity_text(chars: list[str] | str, values: np.ndarray, picked: int, decades: float = 6,
                      title: str | None = None, width: int = WIDTH, projector: bool = False,
                      words: dict | None = None) -> go.Figure:
    """The text as a grid of characters, each up to `picked` on a colour for values[k] (one row of the
    connectivity map, ‖∂ŷ_picked/∂x_k‖) relative to the largest, on a log scale over `decades` decades;
    the picked character outlined, the characters after it grey and uncoloured."""
    w = words_for(words, WORDS)
    chars = list(chars)
    values = np.asarray(values, dtype=float)
    if values.shape != (len(chars),):
        raise ValueError(f"need one value per character: {len(chars)} characters, values shape {values.shape}")
    if not 0 <= picked < len(chars):
        raise ValueError(f"picked must be a position of the text, 0 … {len(chars) - 1}, got {picked}")
    places = text_grid(chars, width)
    rows = places[-1][0] + 1 if places else 1
    shade = relative_decades(values, picked, decades)
    z = np.full((rows, width), np.nan)
    hover = []
    for k, ((row, col), ch) in enumerate(zip(places, chars)):
        z[row, col] = shade[k]
        label = token_label(ch)
        hover.append(w["conn_future"].format(char=label, k=k) if k > picked else
                           w["conn_hover"].format(char=label, k=k, d=picked - k, value=f"{values[k]:.3g}",
                                                  relative=f"{10 ** shade[k]:.2g}"))
    ticks = list(range(-int(decades), 1))
    fig = go.Figure(go.Heatmap(
        z=z, zmin=-decades, zmax=0, colorscale=COLOURS, hoverinfo="skip", xgap=1, ygap=1,
        colorbar=dict(title=dict(text=w["conn_colorbar"], side="top"), tickvals=ticks, thickness=10, tickangle=0,
                      orientation="h", y=-0.02, yanchor="top", len=1,
                      ticktext=["1" if d == 0 else "10" + str(d).translate(SUPERSCRIPTS) for d in ticks])))
    dark = np.nan_to_num(shade, nan=-decades) > -decades / 3  # white letters on the darkest cells
    fig.add_trace(go.Scatter(
        x=[col for _, col in places], y=[row for row, _ in places], mode="text", hoverinfo="text",
        hovertext=hover, text=[_glyph(ch) for ch in chars], showlegend=False,
        textfont=dict(family="monospace", size=18 if projector else 13, color=[GREY if k > picked else "#fff" if dark[k] else "#000"
                                                 for k in range(len(chars))])))
    if chars:
        row, col = places[picked]
        fig.add_shape(type="rect", x0=col - 0.5, x1=col + 0.5, y0=row - 0.5, y1=row + 0.5,
                      line=dict(color="#D55E00", width=3))
    fig.update_xaxes(visible=False, range=[-0.5, width - 0.5])
    fig.update_yaxes(visible=False, autorange="reversed")
    fig.update_layout(title=title or w["conn_text_title"].format(t=picked),
                      height=(30 if projector else 24) * rows + 170, plot_bgcolor="#fff")
    fig = apply_theme(fig, projector)
    return fig.update_layout(margin=dict(l=10, r=10, t=60, b=90))


def connectivity_distance(profiles: dict[str, np.ndarray], title: str | None = None, projector: bool = False,
                          words: dict | None = None) -> go.Figure:
    """Mean connectivity against distance d = t − k, one line per label, each divided by its value at d = 0
    and drawn on a log axis (values that underflowed to 0 are left out)."""
    w = words_for(words, WORDS)
    styles = line_styles(profiles)
    fig = go.Figure()
    for label, profile in profiles.items():
        profile = np.asarray(profile, dtype=float)
        relative = profile / profile[0] if profile[0] > 0 else np.full(profile.shape, np.nan)
        relative = np.where(relative > 0, relative, np.nan)
        fig.add_trace(go.Scatter(
            x=np.arange(len(relative)), y=relative, mode="lines", name=label, line=styles[label],
            hoverinfo="text", text=[w["conn_distance_hover"].format(label=label, d=d, value=f"{v:.2g}")
                                    for d, v in enumerate(relative)]))
    fig.update_xaxes(title=w["conn_distance_axis"])
    fig.update_yaxes(title=w["conn_relative_axis"], type="log", exponentformat="power")
    fig.update_layout(title=title or w["conn_distance_title"], height=520)
    return apply_theme(fig, projector)


def itemised_bars(bars: dict[str, np.ndarray], chars: list[str] | str, picked: int, title: str | None = None,
                  projector: bool = False, words: dict | None = None) -> go.Figure:
    """One row per label: a bar per timestep k ≤ picked, the norm of what step k contributed to ∂L/∂W_hh
    (RNNbow's itemised gradient), on a log axis; steps after `picked`, and zeros, have no bar."""
    w = words_for(words, WORDS)
    chars = list(chars)
    styles = line_styles(bars)
    fig = make_subplots(rows=len(bars), cols=1, shared_xaxes=True, vertical_spacing=0.06,
                        subplot_titles=list(bars))
    for i, (label, norms) in enumerate(bars.items(), start=1):
        norms = np.asarray(norms, dtype=float)
        if norms.shape != (len(chars),):
            raise ValueError(f"{label}: need one value per character, {len(chars)} characters, shape {norms.shape}")
        shown = np.where((np.arange(len(norms)) <= picked) & (norms > 0), norms, np.nan)
        fig.add_trace(go.Bar(
            x=np.arange(len(norms)), y=shown, name=label, marker_color=styles[label]["color"], showlegend=False,
            hoverinfo="text", text=[w["itemised_hover"].format(label=label, char=token_label(ch), k=k, value=f"{v:.2g}")
                                    for k, (ch, v) in enumerate(zip(chars, norms))], textposition="none"),
            row=i, col=1)
        fig.update_yaxes(type="log", exponentformat="power", row=i, col=1)
    fig.update_yaxes(title=w["itemised_axis"], row=(len(bars) + 1) // 2, col=1)
    fig.update_xaxes(title=w["position_axis"], row=len(bars), col=1)
    fig.update_layout(title=title or w["itemised_title"].format(t=picked), height=170 * len(bars) + 160,
                      bargap=0.1)
    return apply_theme(fig, projector)
