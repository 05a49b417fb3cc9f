"""The list of pages, in one place: the navigation, the landing page's cards and the tests read it."""

from __future__ import annotations

from dataclasses import dataclass


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
    Page("deep", "pages/6_deep_bidirectional.py", "nav.beyond", ":material/layers:"),
    Page("lab", "pages/7_training_lab.py", "nav.beyond", ":material/science:"),
]
HOME = Page("home", "pages/home.py", "nav.start", ":material/home:")
