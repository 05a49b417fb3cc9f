"""The list of pages, in one place: the navigation, the landing page's cards and the tests read it."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Page:
    key: str        # catalogue prefix: "<key>.title", "<key>.intro", "<key>.card"
    path: str       # the page file, relative to the repository root
    section: str    # catalogue key of its navigation section
    icon: str       # a Material icon, bundled with Streamlit (emoji need a font the projector PC may lack)


PAGES = [
    Page("unroll", "pages/1_unrolled_rnn.py", "nav.basics", ":material/replay:"),
    Page("vanish", "pages/2_vanishing_exploding.py", "nav.basics", ":material/trending_down:"),
    Page("flow", "pages/3_gradient_flow.py", "nav.gates", ":material/waves:"),
    Page("gates", "pages/4_inside_the_gates.py", "nav.gates", ":material/tune:"),
    Page("charlm", "pages/5_char_model.py", "nav.beyond", ":material/text_fields:"),
    Page("generation", "pages/10_generation.py", "nav.beyond", ":material/edit_note:"),
    Page("memory", "pages/9_memory.py", "nav.beyond", ":material/history:"),
    Page("deep", "pages/6_deep_bidirectional.py", "nav.beyond", ":material/layers:"),
    Page("attention", "pages/8_attention.py", "nav.beyond", ":material/center_focus_strong:"),
    Page("lab", "pages/7_training_lab.py", "nav.beyond", ":material/science:"),
]
HOME = Page("home", "pages/home.py", "nav.start", ":material/home:")


def url_path(page: Page) -> str:
    """The page's address under the app: its file name without the number prefix (/gradient_flow)."""
    return "" if page is HOME else Path(page.path).stem.split("_", 1)[1]


def use_declared_navigation() -> None:
    """Make Streamlit route by app.py's st.navigation from now on.

    Streamlit treats an app with a pages/ folder as an old-style (v1) multipage app until some session
    has run st.navigation.  A shared deep link opened first after the server starts would then show
    the old, unsectioned sidebar for the rest of that session.  Every page imports this package, so
    flipping Streamlit's flag here limits that to the very first run, which `page_setup` then reruns
    (`redo_first_run`).  Best effort: the flag is internal, and a Streamlit without it simply keeps its
    own behaviour."""
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:
        return
    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False
        _FLIPPED.set()


_FLIPPED = threading.Event()  # set while the run that flipped Streamlit's flag has not been rerun


def redo_first_run() -> bool:
    """True once, if use_declared_navigation changed Streamlit's routing during this process's first run:
    that run drew the old sidebar and should be rerun."""
    flipped = _FLIPPED.is_set()
    _FLIPPED.clear()
    return flipped
