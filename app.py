"""Draagvlak: the app shell — page config, navigation, and the shared sidebar."""
import sqlite3
from pathlib import Path

import streamlit as st

from core import access, i18n, store
from core.backup import StoreProblem
from ui import auth, context

# Every page the product has, in menu order: (page in pages/, section, icon, the least role
# that may open it). Each one's title is the catalog's ``nav.<view>``; a page is listed once
# its view exists. A page a role may not open is not in its navigation, so its URL leads to
# the default page instead.
PAGES = (
    ("overview", "dashboard", ":material/dashboard:", "viewer"),
    ("acceptance", "dashboard", ":material/sentiment_satisfied:", "viewer"),
    ("adoption", "dashboard", ":material/trending_up:", "viewer"),
    ("stakeholders", "dashboard", ":material/groups:", "viewer"),
    ("pilots", "dashboard", ":material/speed:", "viewer"),
    ("data", "manage", ":material/database:", "editor"),
    ("steering", "manage", ":material/co_present:", "viewer"),
    ("admin", "manage", ":material/admin_panel_settings:", "admin"),
)
PAGES_DIR = Path(__file__).resolve().parent / "pages"


def alone(render, url_path, title):
    """Show a screen that is no page of the product (the login, a damaged store) through
    ``st.navigation``, then stop: every URL of the product (``/data``, a shared link) shows
    this screen, without Streamlit's "page not found", and no page can be reached from it."""
    screens = [st.Page(render, title=title, url_path=url_path, default=True)] + [
        st.Page(render, title=title, url_path=name) for name, *_ in PAGES]
    st.navigation(screens, position="hidden").run()
    st.stop()


def shell():
    """The app on every run: page config, the sidebar, the store, the login, the navigation,
    and the page asked for, run with its view."""
    st.set_page_config(page_title="Draagvlak", page_icon=":material/groups:", layout="wide")

    # Filled out of order: the language decides every other label, but sits at the bottom.
    filters_box = st.sidebar.container()
    demo_box = st.sidebar.container()
    session_box = st.sidebar.container()
    lang_box = st.sidebar.container()
    lang = context.render_language(lang_box)

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
        # Nobody can log in to a damaged store: only a browser on this computer may restore it.
        alone(lambda found=problem: context.render_damaged_store(path, found, lang,
                                                                 may_restore=auth.is_local_browser()),
              "store", i18n.t("damaged.title", lang))

    actor = auth.current_actor(s, lang)
    if actor is None:
        alone(lambda: auth.render_gate(s, lang), "login", i18n.t("login.title", lang))

    pages, allowed = {}, {}
    for name, section, icon, role in PAGES:
        if actor.can(role) and (PAGES_DIR / f"{name}.py").exists():
            allowed[name] = st.Page(PAGES_DIR / f"{name}.py", title=i18n.t(f"nav.{name}", lang),
                                    icon=icon,
                                    url_path=name, default=name == "overview")
            pages.setdefault(i18n.t(f"nav.section.{section}", lang), []).append(allowed[name])
    page = st.navigation(pages)
    # A link opened before logging in leads, after the login, to the page it named — if the
    # role may open it.
    target = auth.take_target()
    if target in allowed and allowed[target].url_path != page.url_path:
        st.switch_page(allowed[target])
    elif target and target not in allowed and target in {p[0] for p in PAGES}:
        st.info(i18n.t("access.page_denied", lang, page=i18n.t(f"nav.{target}", lang)))
    auth.render_session(session_box, actor, lang, s)

    view = context.render_filters(filters_box, s, lang, actor)
    context.render_demo_controls(demo_box, view)

    if view.demo:
        st.badge(view.t("demo.badge"), icon=":material/science:", color="orange")
        st.caption(view.t("demo.banner", company=context.md_escape(view.company)))
    try:
        with context.shell_run(view):
            page.run()
    except access.PermissionDenied:
        # The pages offer only what the role may do; core refuses anything else, should a page
        # ever offer more.
        st.error(view.t("access.denied", role=view.t(f"access.role.{actor.role}")))
    except (sqlite3.Error, StoreProblem) as exc:
        # Only errors about the file (damaged, disk full, busy): a constraint or query error
        # means something else and is shown as the bug it is.
        if not context.render_store_fault(path, exc, lang, may_restore=auth.is_local_browser()):
            raise


# Streamlit runs an app with a ``pages/`` folder in its legacy pages-folder mode until
# ``st.navigation`` first runs (a server's first run, every AppTest run): see
# ``context.as_main_script``.
with context.as_main_script():
    shell()
