"""rnnviz dashboard: `streamlit run app.py`.  Builds the navigation; every page is a file in pages/.

The navigation carries no icons: Streamlit would make a page's Material icon its favicon, fetched
from a font server that an offline classroom cannot reach.  Pages set a local favicon instead."""

import streamlit as st

from rnnviz.ui import PAGES, language, t
from rnnviz.ui.pages import HOME
from rnnviz.ui.priority import TURNS

language()  # the navigation's titles are in it: read ?lang= before the first t()
sections: dict[str, list] = {t(HOME.section): [st.Page(HOME.path, title=t("home.title"), default=True)]}
for page in PAGES:
    sections.setdefault(t(page.section), []).append(st.Page(page.path, title=t(page.key + ".title")))
with TURNS.page():  # a person is waiting for this run: live panels' timed redraws wait for it
    st.navigation(sections).run()
