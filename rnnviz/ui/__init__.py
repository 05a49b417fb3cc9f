"""The Streamlit layer: the only code outside pages/ that imports Streamlit.

Pages import from here: `page_setup`, `control`, `figure`, `live_training`, `t`.  The engine below
(`rnnviz.*`) stays free of Streamlit so notebooks and the CLI get the same figures.
"""

from .pages import PAGES, Page
from .widgets import Settings, control, figure, live_training, page_setup, t

__all__ = ["PAGES", "Page", "Settings", "control", "figure", "live_training", "page_setup", "t"]
