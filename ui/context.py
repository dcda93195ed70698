"""What every page shares: the store, the sidebar filters and the language.

Filters live in ``st.session_state`` and in the URL (``?lang=en&period=6m&dept=IT``), so
a copied link reproduces the view. Cached figures are keyed by the store's data
version, which every write bumps.
"""
import dataclasses
import datetime as dt
import contextlib
import importlib
import re
import runpy
import threading
from pathlib import Path

import streamlit as st

from core import access, i18n, kpis, store
from core.filters import DEFAULT_PERIOD, PERIODS, Filters, for_period


@dataclasses.dataclass(frozen=True)
class View:
    """The store and filters of the current rerun."""

    store: store.Store
    lang: str
    filters: Filters | None     # None while the store holds no dated data
    company: str
    demo: bool
    version: int
    actor: access.Actor         # who is using this session; pages offer only what it may do

    def t(self, key, **values):
        return i18n.t(key, self.lang, **values)

    @property
    def can_edit(self):
        """Whether this session may import, edit and record (role editor or admin)."""
        return self.actor.can("editor")


# Characters that start markup anywhere in a line: emphasis, code, links, HTML, LaTeX ($),
# strikethrough, tables, entities, and Streamlit's :emoji: / :material/…: / :red[…] codes.
_MD_INLINE = frozenset("\\`*_[]<>$~|&")
# A colon only opens a :shortcode: when text follows it directly ("Row 2: …" is left alone).
_MD_COLON = re.compile(r":(?=\S)")
# What starts markup only at the beginning of a line: headings, quotes, lists, rules.
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))", re.MULTILINE)


# GitHub-flavoured Markdown turns bare URLs, "www." and e-mail addresses into links after
# parsing, so no backslash escape stops it: a zero-width space after the scheme, the "www"
# or the "@" does, and leaves the text looking the same.
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|xmpp)(?=\\?:)|\b(www)(?=\\?\.)|(@)")


def md_escape(text):
    """Return user text backslash-escaped so st.markdown, captions and alerts show it literally.

    "**Bob** <script>" stays exactly that on screen instead of bold text or an HTML tag, and
    "https://…" stays text instead of a link (an invisible zero-width space follows the scheme);
    ``None`` becomes "". Use it wherever a name, note or title typed by a user meets markdown.
    """
    if text is None:
        return ""
    escaped = "".join("\\" + ch if ch in _MD_INLINE else ch for ch in str(text))
    escaped = _MD_COLON.sub(r"\\:", escaped)
    escaped = _AUTOLINK.sub(lambda m: m.group(0) + "\u200b", escaped)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


@st.cache_resource(show_spinner=False)
def get_store(path):
    """Open the store at ``path``; on first start (no file yet) fill it with the demo company."""
    first_start = not store.Path(path).exists()
    s = store.Store(path)
    if first_start:
        from core import demo
        demo.build_demo(s)
    else:
        # Opening checked the header and schema; the full check reads every page, which
        # takes seconds on a large store, so it runs beside the first page views.
        s.check_in_background()
    return s


def _state_from_url():
    """Seed the filter widgets' state from the URL once per session (a shared link)."""
    if st.session_state.get("_url_read"):
        return
    st.session_state["_url_read"] = True
    params = st.query_params
    lang = params.get("lang")
    st.session_state["lang"] = lang if lang in i18n.LANGS else i18n.DEFAULT_LANG
    period = params.get("period")
    st.session_state["period"] = period if period in PERIODS else DEFAULT_PERIOD
    st.session_state["dept"] = params.get_all("dept")
    try:
        st.session_state["range"] = (dt.date.fromisoformat(params["from"]),
                                     dt.date.fromisoformat(params["to"]))
    except (KeyError, ValueError):
        pass


def _state_to_url(view):
    """Write the view into the URL with stable codes (lang=en, period=3m, dept=…, from/to)."""
    params = {}
    if view.lang != i18n.DEFAULT_LANG:
        params["lang"] = view.lang
    period = st.session_state.get("period", DEFAULT_PERIOD)
    if period != DEFAULT_PERIOD:
        params["period"] = period
    if period == "custom" and view.filters is not None and view.filters.start is not None:
        params["from"] = view.filters.start.isoformat()
        params["to"] = view.filters.as_of.isoformat()
    if view.filters is not None and view.filters.departments:
        params["dept"] = list(view.filters.departments)
    if {k: st.query_params.get_all(k) for k in st.query_params} != {
            k: v if isinstance(v, list) else [v] for k, v in params.items()}:
        st.query_params.from_dict(params)


def render_language(container):
    """Draw the language switch; return the chosen language (from the URL's ``lang``, Dutch by default)."""
    _state_from_url()
    with container:
        lang = st.segmented_control(
            f"{i18n.t('sidebar.language', 'nl')} / {i18n.t('sidebar.language', 'en')}",
            options=list(i18n.LANGS), format_func=i18n.LANG_NAMES.get, key="lang",
            required=True,
        )
    return lang if lang in i18n.LANGS else i18n.DEFAULT_LANG


def render_filters(container, s, lang, actor):
    """Draw the period and department filters; return the resulting ``View``.

    The widgets are not bound to query parameters: a bound widget puts its translated label
    in the URL, and a link must not depend on the language it was copied in.
    """
    db = s.read()
    as_of = kpis.data_as_of(db)
    company = store.get_setting(db, "company_name", "") or ""
    is_demo = store.is_demo(db)
    version = s.data_version()
    names = kpis.departments(db)
    # A link may name departments this store does not have; drop them rather than fail.
    st.session_state["dept"] = [d for d in st.session_state.get("dept", []) if d in names]
    with container:
        st.subheader(i18n.t("sidebar.filters", lang))
        # A run whose widget state lacks the period (a client sending only one widget's
        # state) gets the default, not a traceback.
        if st.session_state.get("period") not in PERIODS:
            st.session_state["period"] = DEFAULT_PERIOD
        # A segmented control, not a selectbox: a selectbox keeps showing the old
        # language's label for its chosen option after the language switch.
        period = st.segmented_control(
            i18n.t("sidebar.period", lang), options=list(PERIODS),
            format_func=lambda p: i18n.t(f"period.short.{p}", lang), required=True,
            help=i18n.t("sidebar.period.help", lang), key="period", width="stretch",
        )
        custom = None
        if period == "custom":
            end = as_of or dt.date.today()
            st.session_state.setdefault("range", (end - dt.timedelta(days=90), end))
            picked = st.date_input(
                i18n.t("sidebar.custom_range", lang),
                format="DD-MM-YYYY" if lang == "nl" else "YYYY-MM-DD", key="range",
            )
            if isinstance(picked, (tuple, list)) and len(picked) == 2:
                custom = tuple(picked)
            else:
                st.caption(i18n.t("sidebar.custom_incomplete", lang))
        chosen = st.multiselect(
            i18n.t("sidebar.departments", lang), options=names,
            format_func=lambda name: i18n.department_label(name, lang),
            placeholder=i18n.t("sidebar.departments.placeholder", lang), key="dept",
        )
    filters = None
    if as_of is not None:
        if period == "custom" and custom is None:
            period = "all"
        filters = for_period(period, as_of, chosen, custom)
    view = View(store=s, lang=lang, filters=filters, company=company, demo=is_demo,
                version=version, actor=actor)
    _state_to_url(view)
    return view


def render_demo_controls(container, view):
    """Offer to swap the demo company for an empty store, or to load the demo into an empty one."""
    if not view.actor.can("admin"):
        return
    with container:
        if view.demo:
            with st.expander(view.t("demo.badge"), icon=":material/science:"):
                st.caption(view.t("demo.start_empty.help"))
                sure = st.checkbox(view.t("demo.confirm"), key="confirm_empty")
                if st.button(view.t("demo.start_empty"), disabled=not sure, key="start_empty",
                             type="primary"):
                    store.clear_data(view.store, actor=view.actor)
                    st.session_state.pop("confirm_empty", None)
                    st.cache_data.clear()
                    st.rerun()
        elif view.filters is None:
            if st.button(view.t("demo.load"), key="load_demo"):
                from core import demo
                demo.build_demo(view.store, actor=view.actor)
                st.cache_data.clear()
                st.rerun()


def render_first_start(view, expanded):
    """The first start's checklist (``kpis.first_steps``): each step ticks itself off once
    its data is in the store and links to the page where it is done (the Data page for
    editors only). Drawn until every step is done; ``expanded`` on an empty store."""
    from core import kpis

    steps = kpis.first_steps(view.store.read())
    done = sum(s["done"] for s in steps)
    if done == len(steps):
        return
    box = st.expander(view.t("start.title", done=done, total=len(steps)), expanded=expanded,
                      icon=":material/checklist:")
    with box:
        st.caption(view.t("start.intro"))
        for n, s in enumerate(steps, 1):
            icon = ":material/check_circle:" if s["done"] else ":material/radio_button_unchecked:"
            with st.container(horizontal=True, vertical_alignment="center", gap="small",
                              key=f"start_step_{s['step']}"):
                label = view.t(f"start.{s['step']}")
                st.markdown(f"{icon} **{n}. {label}**"
                            + (f" — {view.t('start.done')}" if s["done"] else ""))
                if not s["done"] and (s["page"] != "data" or view.can_edit):
                    st.page_link(f"pages/{s['page']}.py", label=view.t(f"start.{s['step']}.go"),
                                 icon=":material/arrow_forward:")
            if not s["done"]:
                st.caption(view.t(f"start.{s['step']}.help"))


def render_store_fault(path, exc, lang, may_restore=True):
    """Explain an ``sqlite3.Error`` or ``backup.StoreProblem`` a page met, when it is about
    the file; return whether it was (else the caller re-raises it).

    A disk that is full or a store being written gets its message; "damaged" is only said
    when SQLite's full integrity check agrees (a read can fail for a passing reason), and
    then the damaged-store page follows.
    """
    from core import backup

    problem = exc if isinstance(exc, backup.StoreProblem) else backup.store_fault(exc)
    if problem is None:
        return False
    if problem.code in ("disk_full", "busy"):
        st.error(i18n.t(f"damaged.{problem.code}", lang, path=path))
        return True
    with st.spinner(i18n.t("damaged.checking", lang)):
        try:
            backup.check(path, full=True)
        except backup.StoreProblem as found:
            problem = found
        else:
            problem = None
    if problem is None or problem.code == "busy":
        st.warning(i18n.t("damaged.read_failed", lang, detail=str(exc)))
    else:
        render_damaged_store(path, problem, lang, may_restore=may_restore)
    return True


def render_damaged_store(path, problem, lang, may_restore=True):
    """Explain that the store cannot be opened and offer its newest usable backup, with
    what that backup lacks; never a traceback.

    :param problem: what SQLite found (``backup.StoreProblem``); a store that is only busy
        or on a full disk is not damaged, and gets no backup offered.
    :param may_restore: whether this browser may restore (a browser on this computer); no
        one can log in to a damaged store, so others only read how an admin restores it.
    """
    from core import backup, restore

    if problem.code in ("busy", "disk_full"):
        st.title(i18n.t("damaged.title", lang))
        st.warning(i18n.t(f"damaged.{problem.code}", lang, path=path))
        if st.button(i18n.t("damaged.retry", lang), key="store_retry"):
            st.rerun()
        return
    st.title(i18n.t("damaged.title", lang))
    st.error(i18n.t(f"damaged.{problem.code}", lang, path=path))
    st.markdown(i18n.t("damaged.kept", lang))
    if not may_restore:
        st.info(i18n.t("damaged.remote", lang))
        st.code("python -m core restore", language="bash")
        return
    newest = losses = None
    for candidate in backup.list_backups(path):
        try:
            losses = restore.restore_losses(path, candidate["path"])
        except (backup.StoreProblem, OSError):
            continue
        newest = candidate
        break
    sure = st.checkbox(i18n.t("damaged.confirm", lang), key="confirm_restore")
    if newest:
        st.info(i18n.t("damaged.newest", lang, name=newest["path"].name,
                       date=i18n.fmt_datetime(newest["taken_at"], lang)))
        st.text("\n".join(restore.describe_losses(losses, lang)))
        if st.button(i18n.t("damaged.restore", lang), disabled=not sure, type="primary",
                     key="restore_newest"):
            try:
                restore.restore(path, newest["path"], actor=access.SYSTEM)
            except backup.StoreProblem as failed:
                st.error(i18n.t("damaged.backup_bad", lang) + " "
                         + i18n.t(f"damaged.{failed.code}", lang, path=newest["path"].name))
                return
            st.cache_resource.clear()
            st.cache_data.clear()
            st.rerun()
    else:
        st.info(i18n.t("damaged.no_backup", lang))
        if st.button(i18n.t("damaged.start_new", lang), disabled=not sure, key="start_new"):
            restore.set_aside(path)
            st.cache_resource.clear()
            st.rerun()


def page_title(view, key):
    """Write a page's title: the catalog text ``key`` and the company's name (shown as text)."""
    company = f" · {md_escape(view.company)}" if view.company else ""
    st.title(view.t(key) + company)


def scope_caption(view, period=True, note=None):
    """Write the line under a page's title: data as of, the period (or ``note``), the scope."""
    f, lang = view.filters, view.lang
    sources = kpis.source_dates(view.store.read(), f)
    if sources["usage"] and sources["usage"] < f.as_of:
        # Usage figures stop at the last usage day: say so beside the surveys' date.
        parts = [i18n.t("data_as_of.usage", lang, date=i18n.fmt_date(sources["usage"], lang))]
        if sources["surveys"]:
            parts.append(i18n.t("data_as_of.surveys", lang, date=i18n.fmt_date(sources["surveys"], lang)))
    else:
        parts = [i18n.t("data_as_of", lang, date=i18n.fmt_date(f.as_of, lang))]
    if note:
        parts.append(note)
    elif period:
        parts.append(i18n.t("period.caption", lang, start=i18n.fmt_date(f.start, lang),
                            end=i18n.fmt_date(f.as_of, lang)) if f.start
                     else i18n.t("period.caption_all", lang, end=i18n.fmt_date(f.as_of, lang)))
    parts.append(i18n.t("scope.departments", lang, names=", ".join(md_escape(i18n.department_label(d, lang))
                                                               for d in f.departments))
                 if f.departments else i18n.t("scope.company", lang))
    st.caption(" · ".join(parts))


_SHELL = threading.local()
# The app's shell, which a page run by itself runs in its place (see ``current``).
APP = Path(__file__).resolve().parent.parent / "app.py"


@contextlib.contextmanager
def shell_run(view):
    """The app's shell runs a page with ``view``: ``current()`` hands it over only inside."""
    _SHELL.view = view
    try:
        yield
    finally:
        _SHELL.view = None


def current():
    """Return the ``View`` the app's shell set for this run of a page.

    A page run without the shell — a file of ``pages/`` that Streamlit's pages-folder mode
    runs by itself (see ``as_main_script``) — runs the shell in its place: the shell
    asks for the login, checks the role and runs the page with its view. No URL reaches a
    page before the login.
    """
    view = getattr(_SHELL, "view", None)
    if view is None:
        runpy.run_path(str(APP), run_name="__main__")
        st.stop()
    return view


@contextlib.contextmanager
def as_main_script():
    """Run the shell under the main script's identity, whichever way Streamlit started the run.

    Streamlit runs an app whose script has a ``pages/`` folder beside it in its legacy
    pages-folder mode until ``st.navigation`` first runs in the process — a server's first
    run, and every ``AppTest`` run. That mode runs the shell as a page of its own, or a page
    file by itself (which runs the shell in its place, see ``current``), and a widget's
    identity includes the script it is drawn in: the sidebar's widgets would get other
    identities than on the next, ordinary run, and the first change a person makes would be
    lost. Under the main script's identity they are the same widgets in every run; each page
    still runs under its own (``Page.run``).
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        yield
        return
    with ctx.run_with_active_hash(ctx.pages_manager.main_script_hash):
        yield


# Bounded: a figure is a few kB, so 256 entries (every figure of every page for a handful
# of views at once) stay far below the memory target; an entry unused for an hour goes.
CACHE_MAX_ENTRIES = 256
CACHE_TTL_S = 3600


@st.cache_data(show_spinner=False, max_entries=CACHE_MAX_ENTRIES, ttl=CACHE_TTL_S)
def _cached(fn_path, path, version, filters, args):
    # ``path``, ``version`` and ``filters`` are the cache key: every write bumps the version,
    # so every session recomputes on its next rerun and entries of older versions are never
    # read again (they age out by max_entries and ttl). Functions are named by path
    # ("core.kpis.enps") because a function object is no stable cache key.
    module, _, name = fn_path.rpartition(".")
    return getattr(importlib.import_module(module), name)(get_store(path).read(), filters, *args)


def figure(view, fn, *args):
    """Return ``fn(db, view.filters, *args)`` for a core function, cached per data version and filters.

    :param fn: a module-level function of ``core`` taking ``(db, filters, *args)``, or its
        name in ``core.kpis`` (``"adoption_rate"``).
    :param args: further hashable arguments.
    """
    fn_path = f"core.kpis.{fn}" if isinstance(fn, str) else f"{fn.__module__}.{fn.__qualname__}"
    return _cached(fn_path, str(view.store.path), view.version, view.filters, args)
