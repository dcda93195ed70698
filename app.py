"""Draagvlak: the app shell — page config, navigation, and the shared sidebar."""
import sqlite3
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

# Every page the product has, in menu order: (view in views/, section, icon). Each one's
# title is the catalog's ``nav.<view>``; a page is listed once its view exists.
PAGES = (
    ("overview", "dashboard", ":material/dashboard:"),
    ("acceptance", "dashboard", ":material/sentiment_satisfied:"),
    ("adoption", "dashboard", ":material/trending_up:"),
    ("stakeholders", "dashboard", ":material/groups:"),
    ("pilots", "dashboard", ":material/speed:"),
    ("data", "manage", ":material/database:"),
    ("steering", "manage", ":material/co_present:"),
)
VIEWS = Path(__file__).resolve().parent / "views"
pages = {}
for name, section, icon in PAGES:
    if (VIEWS / f"{name}.py").exists():
        pages.setdefault(i18n.t(f"nav.section.{section}", lang), []).append(
            st.Page(f"views/{name}.py", title=i18n.t(f"nav.{name}", lang), icon=icon,
                    url_path=name, default=name == "overview"))
page = st.navigation(pages)

path = store.resolve_path()
try:
    if not path.exists():
        with st.spinner(i18n.t("demo.building", lang)):
            s = context.get_store(str(path))
    else:
        s = context.get_store(str(path))
    if s.integrity_problem is not None:
        raise s.integrity_problem
except StoreProblem as problem:
    context.render_damaged_store(path, problem, lang)
    st.stop()
view = context.render_filters(filters_box, s, lang)
context.render_demo_controls(demo_box, view)
st.session_state["_view"] = view

if view.demo:
    st.badge(view.t("demo.badge"), icon=":material/science:", color="orange")
    st.caption(view.t("demo.banner", company=view.company))
try:
    page.run()
except sqlite3.DatabaseError as exc:
    # Only SQLite's own "malformed" error: locked or constraint errors are subclasses and
    # mean something else.
    if type(exc) is not sqlite3.DatabaseError:
        raise
    context.render_damaged_store(path, StoreProblem("damaged", str(exc)), lang)
