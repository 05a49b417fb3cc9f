"""Landing page: what rnnviz is, one button into the classroom demo, and a card per page."""

from pathlib import Path

import streamlit as st

from rnnviz.ui import PAGES, page_setup, t

THUMBNAILS = Path(__file__).resolve().parents[1] / "assets" / "thumbnails"

page_setup("home")
if st.button(t("home.start_demo"), type="primary", icon=":material/play_arrow:", help=t("home.start_demo_help"),
             key="home.start"):
    st.switch_page("pages/3_gradient_flow.py")

for row in range(0, len(PAGES), 3):
    for column, page in zip(st.columns(3), PAGES[row:row + 3]):
        with column.container(border=True):
            thumbnail = THUMBNAILS / f"{page.key}.png"
            if thumbnail.exists():
                st.image(str(thumbnail))
            st.page_link(page.path, label=t(page.key + ".title"), icon=page.icon)
            st.caption(t(page.key + ".card"))
