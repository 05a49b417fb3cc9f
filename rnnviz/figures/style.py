"""The one place for how figures look: colours, colour scales, fonts, and the projector mode.

Colours are Okabe & Ito's colour-blind-safe palette, with one fixed colour per cell so a class
learns "blue is the LSTM" once.  Scales are perceptual: Viridis for gates in [0, 1] and for time,
a diverging blue–white–red (RdBu reversed, centred at 0) for signed values, Cividis for magnitudes.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
import plotly.io as pio

from ..tasks.charlm import show_char

# Okabe & Ito (2008), "Color Universal Design".
BLUE, VERMILLION, GREEN, ORANGE = "#0072B2", "#D55E00", "#009E73", "#E69F00"
SKY, PURPLE, BLACK, YELLOW = "#56B4E9", "#CC79A7", "#000000", "#F0E442"
PALETTE = [BLUE, VERMILLION, GREEN, ORANGE, SKY, PURPLE, BLACK, YELLOW]
GREY = "#7f7f7f"

CELL_COLORS = {"rnn": VERMILLION, "lstm": BLUE, "gru": GREEN, "highway": SKY}  # highway: the LSTM's c_t
GATE_COLORS = [ORANGE, PURPLE, BLACK]  # gates of one cell, kept apart from the cell colours

SEQUENTIAL = "Viridis"    # gates in [0, 1], time
DIVERGING = "RdBu_r"      # signed values, negative blue, positive red; use with a midpoint of 0
MAGNITUDE_SCALE = "Cividis"

FONT = "Open Sans, Verdana, Arial, sans-serif"
LINE_WIDTH = 2.5


def cell_in_label(label: str) -> str | None:
    """Which fixed colour a label asks for: "highway" for c_t gradients, else the cell it names."""
    low = label.lower()
    if "c_t" in low or "∂l/∂c" in low:
        return "highway"
    return next((cell for cell in ("lstm", "gru", "rnn") if cell in low), None)


def line_styles(labels) -> dict[str, dict]:
    """A line style (colour, dash) per label: the cell's fixed colour the first time a cell appears,
    otherwise the next unused palette colour.  Lines of the LSTM's cell state c_t are dashed."""
    styles, used = {}, set()
    for label in labels:
        cell = cell_in_label(label)
        color = CELL_COLORS.get(cell)
        if color is None or color in used:
            color = next((c for c in PALETTE if c not in used and c not in CELL_COLORS.values()),
                         PALETTE[len(styles) % len(PALETTE)])
        used.add(color)
        styles[label] = dict(color=color, dash="dash" if cell == "highway" else "solid")
    return styles


def token_label(token: str) -> str:
    """A token as a tick or hover label: whitespace and other invisible characters made visible (as the
    character model shows them), and <, >, & escaped for Plotly."""
    return html.escape("".join(show_char(ch) for ch in token), quote=False)


# What the theme keeps of plotly_white's layout.
WHITE_LAYOUT = ("autotypenumbers", "colorway", "font", "hovermode", "hoverlabel", "paper_bgcolor", "plot_bgcolor",
                "coloraxis", "colorscale", "xaxis", "yaxis", "shapedefaults", "annotationdefaults", "title")


def _theme(projector: bool) -> tuple[go.layout.Template, go.Layout]:
    """The template (plotly_white, cut to the layout and the trace types drawn here, with this module's
    title, legend and hover text sizes) and the layout that every figure carries itself (font and
    margins, which builders read back, e.g. to widen a margin)."""
    size = 20 if projector else 14
    white = pio.templates["plotly_white"].to_plotly_json()
    template = go.layout.Template(layout={key: white["layout"][key] for key in WHITE_LAYOUT},
                                  data={kind: white["data"][kind] for kind in ("scatter", "heatmap", "bar")})
    template.layout.update(title=dict(font_size=size + 4, x=0.02, xanchor="left"), hoverlabel=dict(font_size=size),
                           legend=dict(font_size=size))
    return template, go.Layout(font=dict(family=FONT, size=size, color="#222"), margin=dict(l=80, r=30, t=90, b=70))


THEMES = {projector: _theme(projector) for projector in (False, True)}


def apply_theme(fig: go.Figure, projector: bool = False) -> go.Figure:
    """Clean template, readable fonts and margins.  projector=True: ~20 px text, thicker lines.

    Cheap, since every live redraw of every session builds its figures anew: the template is built and
    validated once (`THEMES`) and assigned as Plotly assigns its own default template, without
    validating it again (Plotly's `_validate` switch; were it gone, the assignment would only be slower).
    That costs ~1 ms a figure instead of ~14 ms for `update_layout(template="plotly_white", ...)`."""
    template, layout = THEMES[projector]
    fig.layout._validate = False
    try:
        fig.layout.template = template
    finally:
        fig.layout._validate = True
    fig.layout.font, fig.layout.margin = layout.font, layout.margin
    size = layout.font.size
    fig.update_annotations(font_size=size)
    scale = 1.6 if projector else 1.0
    for trace in fig.data:
        if trace.type == "scatter":
            trace.line.width = (trace.line.width or LINE_WIDTH) * scale
            if isinstance(trace.marker.size, (int, float)):
                trace.marker.size *= scale
    return fig


def legend_below(fig: go.Figure) -> go.Figure:
    """Legend under the plot, so a half-width figure keeps its width for the data."""
    return fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.25, x=0), margin_b=120)
