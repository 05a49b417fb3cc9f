"""The SVG export of a figure, made by the browser from the chart on screen (no image engine on the server).

Plotly's toolbar has one image button, set to PNG (`widgets.plotly_config`).  `svg_button(key)` draws a
second button, in the figure's export menu, that presses the same image button once with the format set to
SVG: the file gets the figure's own name, fonts and colours, and the server needs neither kaleido nor a
browser of its own.  It reaches into Plotly.js's modebar (`_fullLayout._modeBar`, `_context`), which
Streamlit bundles: where those change in a later version, the button does nothing and the PNG, CSV and
JSON exports stay.
"""

from __future__ import annotations

import re

import streamlit as st

JS = """
export default function ({ parentElement, data }) {
  const button = parentElement.querySelector("button");
  button.textContent = data.label;
  button.onclick = () => {
    const chart = document.querySelector(`.${data.target} .js-plotly-plot`);
    const modebar = chart && chart._fullLayout && chart._fullLayout._modeBar;
    const camera = modebar && modebar.buttons.flat().find((b) => b.name === "toImage");
    if (!camera) return;
    const options = chart._context.toImageButtonOptions;
    chart._context.toImageButtonOptions = { ...options, format: "svg", scale: 1 };
    try { camera.click(chart); } finally { chart._context.toImageButtonOptions = options; }
  };
}
"""
CSS = """
button { font: inherit; color: inherit; background: transparent; border: 1px solid rgba(49, 51, 63, 0.2);
         border-radius: 0.5rem; padding: 0.25rem 0.75rem; cursor: pointer; }
button:hover { border-color: currentColor; }
"""
_BUTTON = st.components.v2.component("rnnviz.svg_export", html="<button></button>", css=CSS, js=JS)


def chart_class(key: str) -> str:
    """The CSS class Streamlit gives the element drawn with `key` (its front end's own rule)."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def svg_button(key: str, label: str) -> None:
    """A button that saves the figure drawn with `key` as SVG, under the name its toolbar gives the PNG."""
    _BUTTON(key=f"{key}.svg", data={"label": label, "target": chart_class(key)})
