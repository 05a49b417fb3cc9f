"""The list of pages, in one place: the navigation, the landing page's cards and the tests read it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    key: str        # catalogue prefix: "<key>.title", "<key>.intro", "<key>.card"
    path: str       # the page file, relative to the repository root
    section: str    # catalogue key of its navigation section
    icon: str


PAGES = [
    Page("unroll", "pages/1_unrolled_rnn.py", "nav.basics", "🔁"),
    Page("vanish", "pages/2_vanishing_exploding.py", "nav.basics", "📉"),
    Page("flow", "pages/3_gradient_flow.py", "nav.gates", "🌊"),
    Page("gates", "pages/4_inside_the_gates.py", "nav.gates", "🚪"),
    Page("charlm", "pages/5_char_model.py", "nav.beyond", "🔤"),
    Page("deep", "pages/6_deep_bidirectional.py", "nav.beyond", "🧱"),
    Page("lab", "pages/7_training_lab.py", "nav.beyond", "🧪"),
]
HOME = Page("home", "pages/home.py", "nav.start", "🏠")
