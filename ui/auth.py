"""Who is using this session: single-user local mode, a password login or OIDC (``st.login``).

The rules (README, "Access and privacy"):

- A store without users runs in single-user local mode, as the local admin — but only for a
  browser on this computer (loopback, not forwarded by a proxy). Anyone else is told how to
  create the first user.
- Once a user exists, every page requires a login: a password checked by ``core.users``
  (bcrypt, lockout after repeated failures), or the OIDC provider configured in
  ``.streamlit/secrets.toml`` with the role taken from the user whose e-mail matches.
- A session that is idle longer than the ``session_timeout_minutes`` setting is logged out.
- The role is read from the store on every rerun, so a changed role or a removed user takes
  effect at once.
"""
import datetime as dt
import math
from urllib.parse import urlparse

import streamlit as st

from core import access, i18n, users
from ui.context import md_escape

_ACTOR = "_auth_name"       # session key: the logged-in user's name
_SEEN = "_auth_seen"        # session key: when this session last ran
_FLASH = "_auth_flash"      # session key: a message for the login screen
_FORWARDED = ("x-forwarded-for", "x-real-ip", "forwarded")


def is_local(ip_address, headers):
    """Whether a connection comes from this computer: Streamlit reports no IP address for
    loopback (``st.context.ip_address``), and a reverse proxy on this computer is recognised
    by the forwarding headers it adds."""
    if ip_address is not None:
        return False
    return not {str(k).lower() for k in (headers or {})} & set(_FORWARDED)


def is_local_browser():
    """Whether this session's browser runs on this computer (loopback and not via a proxy)."""
    return is_local(st.context.ip_address, st.context.headers)


def oidc_configured():
    """Whether ``.streamlit/secrets.toml`` holds an ``[auth]`` section for ``st.login``."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, ValueError):
        return False


def _oidc_email():
    try:
        return st.user.get("email") if st.user.is_logged_in else None
    except (AttributeError, KeyError):
        return None


def logout(message_key=None):
    """End this session's login (and the OIDC cookie when there is one)."""
    for key in (_ACTOR, _SEEN):
        st.session_state.pop(key, None)
    if message_key:
        st.session_state[_FLASH] = message_key
    if oidc_configured() and _oidc_email():
        st.logout()


def current_actor(s, lang, now=None):
    """Return the ``access.Actor`` of this session, or ``None`` when it must log in first.

    ``None`` means the caller shows :func:`render_login` (or, with no users and a remote
    browser, :func:`render_remote_without_users`) and nothing else.
    """
    db = s.read()
    if not users.has_users(db):
        return access.LOCAL if is_local_browser() else None
    now = now or dt.datetime.now()
    name = st.session_state.get(_ACTOR)
    seen = st.session_state.get(_SEEN)
    if name and seen and now - seen > dt.timedelta(minutes=users.session_timeout_minutes(db)):
        logout("login.expired")
        return None
    actor = users.actor_named(db, name) if name else None
    if actor is None and name:
        logout("login.removed")      # the user was removed while logged in
        return None
    if actor is None and oidc_configured():
        email = _oidc_email()
        if email:
            actor = users.actor_for_email(db, email)
            if actor is None:
                st.session_state[_FLASH] = "login.sso_unknown"
            else:
                st.session_state[_ACTOR] = actor.name
    if actor is not None:
        st.session_state[_SEEN] = now
    return actor


def _remember_target():
    """Remember which page the URL named (``/data`` → ``data``), to open it after the login."""
    url = st.context.url
    if isinstance(url, str) and "_auth_target" not in st.session_state:
        st.session_state["_auth_target"] = urlparse(url).path.rstrip("/").rpartition("/")[2]


def take_target():
    """Return, once, the page a link named before the login (``""`` for the home page)."""
    return st.session_state.pop("_auth_target", None)


def render_login(s, lang):
    """Draw the login screen (no figures, no filters): name and password, and SSO if configured."""
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    _remember_target()
    st.title(t("login.title"))
    st.caption(t("login.caption"))
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.info(t(flash))
    if oidc_configured():
        if _oidc_email() and flash == "login.sso_unknown":
            st.button(t("login.sso_logout"), on_click=st.logout, key="login_sso_logout")
        else:
            st.button(t("login.sso"), on_click=st.login, type="primary", key="login_sso",
                      icon=":material/key:")
        st.divider()
    with st.form("login_form", width=480):
        name = st.text_input(t("login.name"), key="login_name", autocomplete="username")
        password = st.text_input(t("login.password"), type="password", key="login_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("login.submit"), type="primary", key="login_submit")
    if submitted:
        try:
            actor = users.authenticate(s, name.strip(), password)
        except users.LoginFailed as failed:
            if failed.reason == "locked" and failed.until is not None:
                left = failed.until - dt.datetime.now(dt.timezone.utc)
                st.error(t("login.locked", minutes=max(1, math.ceil(left.total_seconds() / 60))))
            else:
                st.error(t("login.invalid"))
        else:
            st.session_state[_ACTOR] = actor.name
            st.session_state[_SEEN] = dt.datetime.now()
            st.session_state.pop("login_password", None)
            st.rerun()


def render_remote_without_users(lang):
    """A browser on another computer reached a store without users: say how to add one."""
    st.title(i18n.t("login.title", lang))
    st.warning(i18n.t("login.no_users_remote", lang))
    st.code("python -m core user add NAME --role admin", language="bash")


def _render_own_password(s, actor, lang):
    """Let a logged-in user change their own password (the current one is asked first)."""
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    with st.popover(t("login.own_password"), icon=":material/password:"):
        with st.form("own_password_form", clear_on_submit=True, border=False):
            old = st.text_input(t("login.own_password.current"), type="password", key="own_pw_old",
                                autocomplete="current-password")
            new = st.text_input(t("login.own_password.new"), type="password", key="own_pw_new",
                                autocomplete="new-password", help=t("admin.users.password.help"))
            again = st.text_input(t("admin.users.password_again"), type="password", key="own_pw_again",
                                  autocomplete="new-password")
            submitted = st.form_submit_button(t("login.own_password.save"), key="own_pw_save")
        if submitted:
            try:
                users.authenticate(s, actor.name, old)
            except users.LoginFailed:
                st.error(t("login.own_password.wrong"))
                return
            if new != again:
                st.error(t("admin.users.mismatch"))
                return
            try:
                users.set_password(s, actor, actor.name, new)
            except users.UserError as error:
                st.error(md_escape(error.message(lang)))
            else:
                st.success(t("login.own_password.saved"))


def render_session(container, actor, lang, s=None):
    """Sidebar: who is logged in with which role (or the local-mode mark), a log-out button
    and, for a password user, a way to change the password."""
    with container:
        if actor is access.LOCAL:
            st.badge(i18n.t("login.local_badge", lang), icon=":material/computer:", color="blue")
            st.caption(i18n.t("login.local_help", lang))
            return
        st.caption(i18n.t("login.as", lang, name=md_escape(actor.name),
                          role=i18n.t(f"access.role.{actor.role}", lang)))
        with st.container(horizontal=True):
            if st.button(i18n.t("login.logout", lang), key="logout", icon=":material/logout:"):
                logout("login.logged_out")
                st.rerun()
            if s is not None and any(u["name"] == actor.name and u["has_password"]
                                     for u in users.list_users(s.read())):
                _render_own_password(s, actor, lang)
