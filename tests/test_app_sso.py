"""The app with sign-in through an identity provider (``st.user`` seeded by AppTest), the
access request screen, and a password sign-in resumed from the session cookie."""
import sqlite3

import pytest
from streamlit.testing.v1 import AppTest

from core import access, sso, store, users
from tests.apptest_helpers import APP

PASSWORD = "correct horse 42"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 40,
        "microsoft": {"client_id": "id", "client_secret": "secret",
                      "server_metadata_url": "https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration"},
        "google": {"client_id": "id", "client_secret": "secret",
                   "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration"}}


@pytest.fixture
def org(demo_copy):
    """The demo store with Ada (admin, by address), Dora (viewer, password) and @bedrijf.nl viewers."""
    s = store.Store(demo_copy)
    users.add_user(s, access.SYSTEM, "Ada", "admin", email="ada@bedrijf.nl")
    users.add_user(s, access.SYSTEM, "dora", "viewer", password=PASSWORD)
    s.close()
    return demo_copy


def start(monkeypatch, db_path, user=None):
    monkeypatch.setenv("DRAAGVLAK_DB", str(db_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = {"auth": AUTH}
    at.user = user or {"is_logged_in": False}
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def who(email, provider="microsoft", name=None):
    return {"is_logged_in": True, "email": email, "name": name, "provider": provider}


def titles(at):
    return [t.value for t in at.title]


def audit(path):
    return sqlite3.connect(path).execute(
        "SELECT actor, action, entity_id, detail FROM audit_log ORDER BY id").fetchall()


def test_the_login_screen_offers_each_provider(monkeypatch, org):
    at = start(monkeypatch, org)
    assert titles(at) == ["Inloggen bij Draagvlak"] and len(at.metric) == 0
    assert [(b.key, b.label) for b in at.button if b.key.startswith("login_sso")] == [
        ("login_sso_microsoft", "Inloggen met Microsoft"), ("login_sso_google", "Inloggen met Google")]
    assert at.text_input(key="login_name")          # the password form stays


def test_a_person_with_their_own_address_gets_their_role(monkeypatch, org):
    at = start(monkeypatch, org, who("Ada@Bedrijf.nl"))
    assert titles(at)[0].startswith("Overzicht") and len(at.metric) >= 4
    assert any("Ada" in c.value and "Beheerder" in c.value and "via Microsoft" in c.value
               for c in at.sidebar.caption)
    at.switch_page("pages/admin.py").run()
    assert titles(at) == ["Toegang & privacy"]
    logins = [r for r in audit(org) if r[1] == "user.login"]
    assert logins == [("Ada", "user.login", "Ada", '{"provider": "microsoft"}')]   # once per session


def test_a_domain_gives_its_role_and_a_removed_domain_takes_it_away(monkeypatch, org):
    s = store.Store(org)
    sso.set_domain_role(s, access.SYSTEM, "bedrijf.nl", "viewer")
    at = start(monkeypatch, org, who("jan@bedrijf.nl", "google"))
    assert titles(at)[0].startswith("Overzicht")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/data.py")
    sso.remove_domain_role(s, access.SYSTEM, "bedrijf.nl")
    s.close()
    at.run()
    assert titles(at) == ["Nog geen toegang"] and len(at.metric) == 0


def test_an_unknown_person_asks_the_admin_who_grants_it(monkeypatch, org):
    at = start(monkeypatch, org, who("piet@elders.nl", "google", "Piet Elders"))
    assert titles(at) == ["Nog geen toegang"]
    assert len(at.metric) == 0 and len(at.dataframe) == 0
    assert "Demo Machinebouw" not in " ".join(m.value for m in list(at.markdown) + list(at.caption))
    shown = at.info[0].value.replace("\u200b", "")     # md_escape keeps the address from becoming a link
    assert "piet@elders.nl" in shown and "beheerder" in shown
    assert at.button(key="login_sso_logout")
    at.run()                                              # asked once, however often it reruns
    assert [(r["email"], r["name"], r["provider"]) for r in sso.list_requests(sqlite3.connect(org))] == [
        ("piet@elders.nl", "Piet Elders", "google")]

    admin = start(monkeypatch, org, who("ada@bedrijf.nl"))
    admin.switch_page("pages/admin.py").run()
    rid = sso.list_requests(sqlite3.connect(org))[0]["id"]
    assert any("piet@elders.nl" in m.value.replace("\u200b", "") and "via Google" in m.value
               for m in admin.markdown)
    admin.selectbox(key=f"admin_req_role_{rid}").select("editor")
    admin.button(key=f"admin_req_grant_{rid}").click().run()
    assert not admin.exception
    assert admin.success[0].value == "Piet Elders is toegevoegd als Bewerker."
    at.run()
    assert titles(at) == ["Overzicht · Demo Machinebouw B.V."]
    at.switch_page("pages/data.py").run()
    assert titles(at) == ["Gegevens"]
    actions = [r[1] for r in audit(org)]
    assert "access.request" in actions and actions.count("access.request") == 1


def test_admin_sets_and_removes_a_domain_role_on_the_access_page(monkeypatch, org):
    at = start(monkeypatch, org, who("ada@bedrijf.nl"))
    at.switch_page("pages/admin.py").run()
    at.text_input(key="admin_domain_name").input("no domain")
    at.button(key="admin_domain_save").click().run()
    assert "geen domeinnaam" in at.error[0].value
    at.text_input(key="admin_domain_name").input("@Bedrijf.nl")
    at.selectbox(key="admin_domain_role").select("editor")
    at.button(key="admin_domain_save").click().run()
    assert at.success[0].value == "Iedereen van @bedrijf.nl is nu Bewerker."
    table = at.dataframe[1].value                          # after the users table
    assert list(table.iloc[0])[:2] == ["@bedrijf.nl", "Bewerker"]
    at.button(key="admin_domain_remove").click().run()
    assert at.success[0].value == "@bedrijf.nl heeft geen rol meer."
    assert sso.list_domain_roles(sqlite3.connect(org)) == []


def test_an_unverified_address_gets_no_role(monkeypatch, org):
    at = start(monkeypatch, org, dict(who("ada@bedrijf.nl"), email_verified=False))
    assert titles(at) == ["Nog geen toegang"] and len(at.metric) == 0
    assert "geen (bevestigd) e-mailadres" in at.warning[0].value
    assert sso.list_requests(sqlite3.connect(org)) == []


def test_logging_out_of_the_provider(monkeypatch, org):
    at = start(monkeypatch, org, who("ada@bedrijf.nl"))
    at.button(key="logout").click().run()
    assert not at.exception
    # The run ends on st.logout's redirect to the provider (which AppTest does not follow):
    # nothing of the pages is shown meanwhile.
    assert titles(at) == [] and len(at.metric) == 0 and len(at.dataframe) == 0


def test_a_password_sign_in_resumes_from_its_cookie_until_logged_out(monkeypatch, org):
    import ui.auth
    cookies = {}
    monkeypatch.setattr(ui.auth, "_cookie", lambda name: cookies.get(name))
    made = []
    monkeypatch.setattr(ui.auth, "_set_cookie", lambda name, value, age: made.append((name, value, age)))
    at = start(monkeypatch, org)
    at.text_input(key="login_name").input("dora")
    at.text_input(key="login_password").input(PASSWORD)
    at.button(key="login_submit").click().run()
    assert titles(at)[0].startswith("Overzicht")
    session = sorted({(v, age) for n, v, age in made if n == ui.auth.SESSION_COOKIE})
    assert len(session) == 1 and 29 * 60 < session[0][1] <= 30 * 60    # the session timeout
    # A reload: a new session that brings the cookie along is signed in.
    cookies[ui.auth.SESSION_COOKIE] = session[0][0]
    again = start(monkeypatch, org)
    assert titles(again)[0].startswith("Overzicht") and len(again.metric) >= 4
    assert any("dora" in c.value for c in again.sidebar.caption)
    # Logging out voids it: the next reload with the same cookie gets the login screen.
    again.button(key="logout").click().run()
    assert titles(again) == ["Inloggen bij Draagvlak"]
    assert (ui.auth.SESSION_COOKIE, "", 0) in made
    assert titles(start(monkeypatch, org)) == ["Inloggen bij Draagvlak"]
    # A forged cookie gets nothing.
    cookies[ui.auth.SESSION_COOKIE] = session[0][0][:-1] + "0"
    assert titles(start(monkeypatch, org)) == ["Inloggen bij Draagvlak"]
