"""rnnviz dashboard: `streamlit run app.py`.  Builds the navigation; every page is a file in pages/."""

import streamlit as st

from rnnviz.ui import PAGES, t
from rnnviz.ui.pages import HOME

sections: dict[str, list] = {t(HOME.section): [st.Page(HOME.path, title=t("home.title"), icon=HOME.icon, default=True)]}
for page in PAGES:
    sections.setdefault(t(page.section), []).append(st.Page(page.path, title=t(page.key + ".title"), icon=page.icon))
st.navigation(sections).run()
