"""The Streamlit layer: the only code outside pages/ that imports Streamlit.

Pages import from here: `page_setup`, `control`, `figure`, `live_training`, `t`.  The engine below
(`rnnviz.*`) stays free of Streamlit so notebooks and the CLI get the same figures.
"""

import torch

from .pages import PAGES, Page
from .widgets import Settings, control, figure, live_training, page_setup, t

# Small recurrent models train fastest on one thread, and a server for a class runs several
# sessions at once on two cores: one thread per run, at most two runs at a time (runner.py).
torch.set_num_threads(1)

__all__ = ["PAGES", "Page", "Settings", "control", "figure", "live_training", "page_setup", "t"]
