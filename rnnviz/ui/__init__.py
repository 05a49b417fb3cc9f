"""The Streamlit layer: the only code outside pages/ that imports Streamlit.

Pages import from here: `page_setup`, `control`, `figure`, `live_training`, `computed`, `section`, `t`.  The engine below
(`rnnviz.*`) stays free of Streamlit so notebooks and the CLI get the same figures.
"""

import gc

from .pages import PAGES, Page, url_path, use_declared_navigation
from .tasks import describe, metric_name
from .widgets import (Settings, computed, control, figure, language, live_training, memo, page_setup, plain,
                      section, t)

use_declared_navigation()
# What the web process has imported by now (Streamlit, torch, Plotly, pandas: about 250 000 objects) lives as
# long as the server.  Frozen, it is no longer scanned by every full collection, which Python starts by itself
# now and then (four in a bench round of eight sessions) and which stalls every session while it runs.
gc.freeze()

__all__ = ["PAGES", "Page", "url_path", "Settings", "computed", "control", "describe", "figure", "language", "live_training", "memo", "metric_name", "page_setup", "plain", "section", "t"]
