"""Draagvlak: the app shell — page config, navigation, and the shared sidebar."""
from pathlib import Path

import streamlit as st

from core import i18n, store
from core.backup import StoreProblem
from ui import context

st.set_page_config(page_title="Draagvlak", page_icon=":material/groups:", layout="wide")

# Filled out of order: the language decides every other label, but sits at the bottom.
filters_box = st.sidebar.container()
demo_box = st.sidebar.container()
lang_box = st.sidebar.container()
lang = context.render_language(lang_box)

pages = {
    i18n.t("nav.section.dashboard", lang): [
        st.Page("views/overview.py", title=i18n.t("nav.overview", lang),
                icon=":material/dashboard:", url_path="overview", default=True),
    ],
}
page = st.navigation(pages)

path = store.resolve_path()
try:
    if not path.exists():
        with st.spinner(i18n.t("demo.building", lang)):
            s = context.get_store(str(path))
    else:
        s = context.get_store(str(path))
except StoreProblem as problem:
    context.render_damaged_store(path, problem, lang)
    st.stop()
view = context.render_filters(filters_box, s, lang)
context.render_demo_controls(demo_box, view)
st.session_state["_view"] = view

if view.demo:
    st.badge(view.t("demo.badge"), icon=":material/science:", color="orange")
    st.caption(view.t("demo.banner", company=view.company))
page.run()
