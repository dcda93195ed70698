"""Who is using this session: single-user local mode, a password login or OIDC (``st.login``).

The rules (README, "Access and privacy"):

- A store without users runs in single-user local mode, as the local admin — but only when
  the server listens on a loopback address only (``server.address``: 127.0.0.1, ::1,
  localhost) and the browser is on this computer, not behind a proxy. Anyone else is told
  how to create the first user.
- Once a user exists, every page requires a sign-in: a password checked by ``core.users``
  (bcrypt; failures slow down the browser that makes them, never the account), or an
  identity provider configured in ``.streamlit/secrets.toml`` for ``st.login``, with the
  role of the user whose e-mail address matches or of the address's domain
  (``core.sso``); a person the provider knows but Draagvlak does not files an access request.
- Both survive a reload: a password sign-in through a signed, expiring cookie
  (``users.session_token``), a provider's through Streamlit's own cookie.
- A session that is idle longer than the ``session_timeout_minutes`` setting is logged out.
- The role is read from the store on every rerun, so a changed role or a removed user takes
  effect at once.
"""
import datetime as dt
import ipaddress
import json
import math
import secrets
from collections.abc import Mapping
from urllib.parse import urlparse

import streamlit as st

from core import access, i18n, sso, users
from ui.context import md_escape

_ACTOR = "_auth_name"       # session key: the password user's name
_ISSUED = "_auth_issued"    # session key: when that password sign-in was made (UTC)
_SEEN = "_auth_seen"        # session key: when this session last ran
_FLASH = "_auth_flash"      # session key: a message for the login screen
_SSO = "_auth_sso"          # session key: the address whose identity-provider sign-in is logged
_NO_RESUME = "_auth_no_resume"  # session key: logged out here; the cookie it came with is void
_COOKIE_AT = "_auth_cookie_at"  # session key: when the session cookie was last (re)issued
_COOKIE = "_auth_cookie"    # session key: that cookie's token and lifetime in seconds
_BROWSER = "_auth_browser"  # session key: this browser's id (throttling)
_FORWARDED = ("x-forwarded-for", "x-real-ip", "forwarded")
SESSION_COOKIE = "draagvlak_session"    # a password sign-in that survives a reload
BROWSER_COOKIE = "draagvlak_browser"    # a random id per browser: failed sign-ins slow it down
PROVIDER_LABELS = {"microsoft": "Microsoft", "google": "Google"}


def is_loopback(address):
    """Whether ``address`` is this computer: ``localhost``, 127.0.0.0/8, ``::1`` or an
    IPv4-mapped loopback address such as ``::ffff:127.0.0.1`` (a server listening on ``::``
    sees IPv4 clients so)."""
    if not isinstance(address, str) or not address.strip():
        return False
    text = address.strip().strip("[]")
    if text.lower() == "localhost":
        return True
    try:
        ip = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


def is_local(bind_address, client_address, headers=None):
    """Whether a session is "this computer": the server listens only on a loopback address
    (its own ``server.address``, which no client can change), the connection comes from a
    loopback address (or has none, as Streamlit reports ``127.0.0.1`` and ``::1``), and no
    reverse proxy on this computer forwarded it (its forwarding headers).

    A server bound to every interface (``0.0.0.0``, ``::``, unset) is never local, whatever
    a client's address says."""
    if not is_loopback(bind_address):
        return False
    if client_address is not None and not is_loopback(client_address):
        return False
    return not {str(k).lower() for k in (headers or {})} & set(_FORWARDED)


def _bind_address():
    return st.get_option("server.address")


def _client_address():
    address = st.context.ip_address
    return address if isinstance(address, str) else None


def is_local_browser():
    """Whether this session's browser runs on this computer (see :func:`is_local`)."""
    return is_local(_bind_address(), _client_address(), st.context.headers)


def _cookie(name):
    """A cookie the browser sent when this session connected (``st.context.cookies``)."""
    value = st.context.cookies.get(name)
    return value if isinstance(value, str) else None


def _auth_section():
    try:
        return st.secrets["auth"] if "auth" in st.secrets else None
    except (FileNotFoundError, KeyError, ValueError):
        return None


def providers():
    """The identity providers ``.streamlit/secrets.toml`` configures for ``st.login``: ``None``
    for an unnamed one (``client_id`` right in ``[auth]``), else each ``[auth.NAME]``."""
    auth = _auth_section()
    if not auth:
        return []
    named = [k for k, v in auth.items() if isinstance(v, Mapping) and "client_id" in v]
    return ([None] if "client_id" in auth else []) + named


def oidc_configured():
    """Whether ``.streamlit/secrets.toml`` configures at least one provider for ``st.login``."""
    return bool(providers())


def _oidc_claims():
    """``st.user`` when signed in through the identity provider, else ``None``."""
    try:
        return st.user if oidc_configured() and st.user.is_logged_in else None
    except (AttributeError, KeyError):
        return None


def provider_label(name):
    return PROVIDER_LABELS.get(str(name).lower(), str(name).replace("_", " ").title()) if name else None


def _set_cookie(name, value, max_age):
    """Have the browser keep a cookie (a script in the page: Streamlit can only read them)."""
    secure = str(st.context.url or "").startswith("https:")
    cookie = f"{name}={value}; Max-Age={int(max_age)}; Path=/; SameSite=Strict" + ("; Secure" if secure else "")
    st.html(f"<script>document.cookie = {json.dumps(cookie)};</script>", unsafe_allow_javascript=True)


def _remember(s, now):
    """Have the browser keep this password sign-in's session cookie, (re)issued at most once
    a minute; its expiry is the session timeout from then, so a reload after that asks for
    the password. The same script is drawn on every run in between (no layout shift)."""
    last = st.session_state.get(_COOKIE_AT)
    if last is None or now - last >= dt.timedelta(minutes=1) or _COOKIE not in st.session_state:
        token, expires = users.session_token(s, st.session_state[_ACTOR], issued=st.session_state.get(_ISSUED))
        st.session_state[_COOKIE_AT] = now
        st.session_state[_COOKIE] = (token, int((expires - dt.datetime.now(dt.timezone.utc)).total_seconds()))
    _set_cookie(SESSION_COOKIE, *st.session_state[_COOKIE])


def _client():
    """This attempt's ``users.Client``: its address and the id this browser keeps."""
    browser = st.session_state.get(_BROWSER)
    if browser is None:
        kept = _cookie(BROWSER_COOKIE)
        browser = kept if isinstance(kept, str) and len(kept) == 32 and kept.isalnum() else secrets.token_hex(16)
        st.session_state[_BROWSER] = browser
    address = _client_address()
    return users.Client(address="local" if address is None else address, browser=browser)


def logout(message_key=None, s=None):
    """End this session's sign-in: a password sign-in also in every browser that remembers
    it, one through the identity provider with ``st.logout``. Returns whether it handed over
    to ``st.logout``, whose redirect (to the provider's end of session, deleting the
    identity cookie) must then be left to happen: a rerun right after would drop it, and a
    reload would sign the person in again."""
    name = st.session_state.pop(_ACTOR, None)
    for key in (_SEEN, _ISSUED, _COOKIE_AT, _COOKIE, _SSO):
        st.session_state.pop(key, None)
    st.session_state[_NO_RESUME] = True
    if name and s is not None:
        actor = users.actor_named(s.read(), name)
        if actor is not None:
            users.end_sessions(s, actor)
    if message_key:
        st.session_state[_FLASH] = message_key
    if _oidc_claims() is not None:
        st.logout()
        return True
    return False


def current_actor(s, lang, now=None):
    """Return the ``access.Actor`` of this session, or ``None`` when it must sign in first.

    ``None`` means the caller shows :func:`render_gate` and nothing else. A password
    sign-in is resumed from this browser's session cookie after a reload; one through the
    identity provider from Streamlit's own cookie (``st.user``).
    """
    db = s.read()
    if not users.has_users(db):
        return access.LOCAL if is_local_browser() else None
    now = now or dt.datetime.now()
    seen = st.session_state.get(_SEEN)
    if seen and now - seen > dt.timedelta(minutes=users.session_timeout_minutes(db)):
        logout("login.expired", s)
        return None
    name = st.session_state.get(_ACTOR)
    if name is None and not st.session_state.get(_NO_RESUME):
        found = users.actor_for_token(db, _cookie(SESSION_COOKIE))
        if found is not None:
            name = st.session_state[_ACTOR] = found[0].name
            st.session_state[_ISSUED] = found[1]
    actor = None
    if name:
        actor = users.actor_named(db, name)
        if actor is None:
            logout("login.removed")      # the user was removed while logged in
            return None
    else:
        claims = _oidc_claims()
        email = sso.identity_email(claims) if claims is not None else None
        actor = sso.actor_for_identity(db, email)
        if actor is not None and st.session_state.get(_SSO) != email:
            st.session_state[_SSO] = email
            sso.record_login(s, actor, claims.get("provider") or "default", claims.get("iat"))
    if actor is not None:
        st.session_state[_SEEN] = now
    return actor


def render_gate(s, lang):
    """What a session without a role sees (never a figure): local mode refused, the
    request screen of a person the identity provider knows but Draagvlak does not, or the
    login screen."""
    if not users.has_users(s.read()):
        render_remote_without_users(lang)
    elif not st.session_state.get(_NO_RESUME) and _oidc_claims() is not None:
        # (After a log-out in this session st.user may still hold the identity until
        # st.logout's redirect lands: that is no request for access.)
        render_access_request(s, lang)
    else:
        render_login(s, lang)


def render_access_request(s, lang):
    """Signed in at the identity provider, but no role here: ask the admin, and file an
    access request the admin sees on the Access & privacy page."""
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    claims = _oidc_claims()
    email = sso.identity_email(claims)
    st.title(t("request.title"))
    if email is None:
        st.warning(t("request.no_email"))
    else:
        if st.session_state.get("_auth_requested") != email:
            sso.request_access(s, email, claims.get("name"), claims.get("provider") or "default")
            st.session_state["_auth_requested"] = email
        st.info(t("request.sent", email=md_escape(email)))
    st.button(t("login.sso_logout"), on_click=st.logout, key="login_sso_logout",
              icon=":material/logout:")


def _remember_target():
    """Remember which page the URL named (``/data`` → ``data``), to open it after the login."""
    url = st.context.url
    if isinstance(url, str) and "_auth_target" not in st.session_state:
        st.session_state["_auth_target"] = urlparse(url).path.rstrip("/").rpartition("/")[2]


def take_target():
    """Return, once, the page a link named before the login (``""`` for the home page)."""
    return st.session_state.pop("_auth_target", None)


def render_login(s, lang):
    """Draw the login screen (no figures, no filters): a button per identity provider, if
    any, and name and password."""
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    _remember_target()
    if st.session_state.get(_NO_RESUME):
        _set_cookie(SESSION_COOKIE, "", 0)      # logged out here: the browser forgets it
    client = _client()
    if not _cookie(BROWSER_COOKIE):
        _set_cookie(BROWSER_COOKIE, client.browser, 400 * 24 * 3600)
    st.title(t("login.title"))
    st.caption(t("login.caption"))
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.info(t(flash))
    names = providers()
    if names:
        with st.container(horizontal=True):
            for n, name in enumerate(names):
                st.button(t("login.sso.with", provider=provider_label(name)) if name else t("login.sso"),
                          on_click=st.login, args=(name,), type="primary" if n == 0 else "secondary",
                          key=f"login_sso_{name or 'default'}", icon=":material/key:")
        st.divider()
    with st.form("login_form", width=480):
        name = st.text_input(t("login.name"), key="login_name", autocomplete="username")
        password = st.text_input(t("login.password"), type="password", key="login_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("login.submit"), type="primary", key="login_submit")
    if submitted:
        try:
            actor = users.authenticate(s, name.strip(), password, client=client)
        except users.LoginFailed as failed:
            if failed.reason == "wait" and failed.until is not None:
                left = failed.until - dt.datetime.now(dt.timezone.utc)
                st.error(t("login.wait", seconds=max(1, math.ceil(left.total_seconds()))))
            else:
                st.error(t("login.invalid"))
        else:
            st.session_state[_ACTOR] = actor.name
            st.session_state[_ISSUED] = dt.datetime.now(dt.timezone.utc)
            st.session_state[_SEEN] = dt.datetime.now()
            for key in (_NO_RESUME, _COOKIE_AT, _COOKIE, "login_password"):
                st.session_state.pop(key, None)
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
        role = i18n.t(f"access.role.{actor.role}", lang)
        claims = None if st.session_state.get(_ACTOR) else _oidc_claims()
        if claims is not None:
            st.caption(i18n.t("login.as_via", lang, name=md_escape(actor.name), role=role,
                              provider=provider_label(claims.get("provider")) or i18n.t("login.org", lang)))
        else:
            st.caption(i18n.t("login.as", lang, name=md_escape(actor.name), role=role))
        with st.container(horizontal=True):
            if st.button(i18n.t("login.logout", lang), key="logout", icon=":material/logout:"):
                if logout("login.logged_out", s):
                    st.stop()       # st.logout's redirect follows; no rerun to drop it
                st.rerun()
            if s is not None and any(u["name"] == actor.name and u["has_password"]
                                     for u in users.list_users(s.read())):
                _render_own_password(s, actor, lang)
        if s is not None and st.session_state.get(_ACTOR):
            _remember(s, dt.datetime.now())        # an invisible script, after the buttons
