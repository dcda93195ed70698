"""Access in the app: the login screen, what each role sees and may do, throttled sign-in, expiry,
local mode, the Admin page (users, audit, erasure, settings)."""
import ast
import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core import access, i18n, settings, store, users
from tests.apptest_helpers import APP

FIXTURES = __import__("pathlib").Path(__file__).resolve().parent / "fixtures"

PASSWORD = "correct horse 42"
PEOPLE = {"dora": "viewer", "nina": "viewer", "erik": "editor", "ada": "admin"}


@pytest.fixture
def guarded(demo_copy):
    """The demo store with users: dora (viewer), nina (viewer, granted notes), erik (editor), ada (admin)."""
    s = store.Store(demo_copy)
    for name, role in PEOPLE.items():
        users.add_user(s, access.SYSTEM, name, role, password=PASSWORD, see_notes=name == "nina")
    s.close()
    return demo_copy


def start(monkeypatch, db_path, page=None):
    monkeypatch.setenv("DRAAGVLAK_DB", str(db_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at


def login(at, name, password=PASSWORD):
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    at.button(key="login_submit").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def goto(at, page):
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def titles(at):
    return [t.value for t in at.title]


def keys(at):
    return {w.key for w in at.button} | {w.key for w in at.text_input}


import ui.auth  # noqa: E402  (before conftest's autouse fixture replaces it)

REAL_IS_LOCAL_BROWSER = ui.auth.is_local_browser


def test_anonymous_gets_the_login_screen_and_no_figures(monkeypatch, guarded):
    at = start(monkeypatch, guarded)
    assert titles(at) == ["Inloggen bij Draagvlak"]
    assert len(at.metric) == 0 and len(at.dataframe) == 0
    assert not [m for m in at.multiselect if m.key == "dept"]     # no filters (they list departments)
    assert "Demo Machinebouw" not in " ".join(c.value for c in list(at.caption) + list(at.markdown))
    # No page of the product can be reached from here: the navigation holds the login
    # screen alone, under every page's URL (the browser test opens /data to see it).
    with pytest.raises(ValueError) as refused:
        goto(at, "data")
    known = ast.literal_eval(str(refused.value).split("Known pages: ")[1].rstrip("."))
    assert "Inloggen bij Draagvlak" in known and not [k for k in known if k.endswith(".py")]


@pytest.mark.parametrize("page", ["overview", "data", "admin"])
def test_a_page_run_by_itself_asks_for_the_login_first(monkeypatch, guarded, page):
    # As Streamlit's pages-folder mode runs one on a fresh server: the file alone. It runs
    # the shell in its place, which asks for the login and shows no figure.
    monkeypatch.setenv("DRAAGVLAK_DB", str(guarded))
    at = AppTest.from_file(str(Path(APP).parent / "pages" / f"{page}.py"), default_timeout=60).run()
    assert not at.exception
    assert titles(at) == ["Inloggen bij Draagvlak"]
    assert len(at.metric) == 0 and len(at.dataframe) == 0


def test_wrong_passwords_slow_down_that_browser_not_the_admin_elsewhere(monkeypatch, guarded):
    attacker = start(monkeypatch, guarded)
    for _ in range(settings.BY_KEY["login_max_failures"].default - 1):
        login(attacker, "ada", "wrong password 1")
        assert [e.value for e in attacker.error] == ["Gebruikersnaam of wachtwoord klopt niet."]
    login(attacker, "ada", "wrong password 1")        # the 5th: this browser must wait
    assert "Te veel mislukte pogingen vanaf deze browser" in attacker.error[0].value
    assert "30 seconden" in attacker.error[0].value
    login(attacker, "ada")                             # even the right password, from there
    assert "Te veel mislukte pogingen" in attacker.error[0].value
    assert titles(attacker) == ["Inloggen bij Draagvlak"] and len(attacker.metric) == 0
    # The admin, in another session (another browser), signs in with the right password.
    admin = login(start(monkeypatch, guarded), "ada")
    assert titles(admin)[0].startswith("Overzicht") and len(admin.metric) >= 4
    # The audit log shows the attempts, with the provider.
    rows = sqlite_db(guarded).execute("SELECT action, entity_id, detail FROM audit_log "
                                      "WHERE action LIKE 'user.login%' ORDER BY id").fetchall()
    assert [(a, e) for a, e, _ in rows] == [("user.login_failed", "ada")] * 5 + [("user.login", "ada")]
    assert all('"provider": "password"' in d for _, _, d in rows)


def test_viewer_reads_every_dashboard_but_cannot_edit(monkeypatch, guarded):
    at = login(start(monkeypatch, guarded), "dora")
    assert titles(at) == ["Overzicht · Demo Machinebouw B.V."]
    assert len(at.metric) >= 4
    assert any("dora" in c.value and "Kijker" in c.value for c in at.caption)
    # Data and Admin are not in a viewer's navigation (a browser asking for their URL gets
    # the Overview: test_browser_access.py); AppTest knows only registered pages.
    for page in ("data", "admin"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"pages/{page}.py")
    goto(at, "stakeholders")
    assert [t.label for t in at.tabs] == ["Invloed × houding", "Focuslijst",
                                          "Rollen (RACI + Influencer)", "Verloop"]
    assert at.dataframe[-1].value.columns[0] == "Beoordeeld op"      # the history table
    assert not any("Notitie" in d.value.columns for d in at.dataframe)
    assert any("Notities bij beoordelingen" in c.value for c in at.caption)
    goto(at, "pilots")
    assert [t.label for t in at.tabs] == ["Portfolio", "Per use case"]
    goto(at, "acceptance")
    assert "acc_wave_submit" not in keys(at)
    goto(at, "steering")
    assert "steer_add" not in keys(at) and "steer_save_status" not in keys(at)


def test_a_viewer_granted_notes_sees_them(monkeypatch, guarded):
    at = goto(login(start(monkeypatch, guarded), "nina"), "stakeholders")
    assert at.dataframe[-1].value.columns[0] == "Beoordeeld op"
    assert "Notitie" in at.dataframe[-1].value.columns


def import_file(at, name):
    at.file_uploader[0].set_value([(name, (FIXTURES / name).read_bytes(), "text/csv")]).run()
    at.button(key="data_import").click().run()
    assert not at.exception, [e.message for e in at.exception]


def test_editor_edits_and_imports_but_has_no_admin_page(monkeypatch, guarded):
    admin = goto(login(start(monkeypatch, guarded), "ada"), "data")
    import_file(admin, "suggestions.csv")
    at = login(start(monkeypatch, guarded), "erik")
    goto(at, "data")
    assert titles(at) == ["Gegevens"]
    import_file(at, "chatgpt_weekly.csv")
    # An editor undoes only their own imports; restoring a backup is for admins.
    batches = {r[1]: r[0] for r in sqlite_db(guarded).execute("SELECT id, imported_by FROM import_batches")}
    assert set(batches) == {"ada", "erik"}
    offered = at.selectbox(key="data_undo_pick").options
    assert len(offered) == 1 and offered[0].startswith(f"#{batches['erik']} · chatgpt_weekly.csv · ")
    assert any("eigen imports" in c.value for c in at.caption)
    assert "data_restore" not in keys(at)
    # The admin may undo either.
    admin.run()
    assert len(admin.selectbox(key="data_undo_pick").options) == 2
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/admin.py")
    goto(at, "stakeholders")
    assert "Bijwerken" in [t.label for t in at.tabs]
    assert any("Notitie" in d.value.columns for d in at.dataframe)
    goto(at, "pilots")
    assert len(at.tabs) == 4


def test_a_changed_role_applies_at_the_next_rerun_and_removal_logs_out(monkeypatch, guarded):
    at = login(start(monkeypatch, guarded), "erik")
    goto(at, "data")
    assert titles(at) == ["Gegevens"]
    s = store.Store(guarded)
    users.set_role(s, access.SYSTEM, "erik", "viewer")
    at.run()
    assert titles(at)[0].startswith("Overzicht")     # no longer allowed on Data
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/data.py")
    users.remove_user(s, access.SYSTEM, "erik")
    s.close()
    at.run()
    assert titles(at) == ["Inloggen bij Draagvlak"]
    assert [i.value for i in at.info] == ["Uw account bestaat niet meer."]


def test_an_idle_session_expires(monkeypatch, guarded):
    at = login(start(monkeypatch, guarded), "dora")
    assert titles(at)[0].startswith("Overzicht")
    at.session_state["_auth_seen"] = dt.datetime.now() - dt.timedelta(minutes=31)
    at.run()
    assert titles(at) == ["Inloggen bij Draagvlak"]
    assert "niets deed" in at.info[0].value


def test_logout(monkeypatch, guarded):
    at = login(start(monkeypatch, guarded), "dora")
    at.button(key="logout").click().run()
    assert titles(at) == ["Inloggen bij Draagvlak"]
    assert [i.value for i in at.info] == ["U bent uitgelogd."]


def test_local_mode_without_users_is_marked_and_is_admin(monkeypatch, demo_copy):
    at = start(monkeypatch, demo_copy)
    assert titles(at)[0].startswith("Overzicht")
    assert any("Lokale modus" in m.value for m in at.sidebar.markdown)
    assert not [b for b in at.button if b.key == "logout"]
    # A director's sidebar shows no command and no file path (admins find them on the
    # Access page).
    sidebar = [e.value for kind in ("markdown", "caption", "info", "warning", "code")
               for e in getattr(at.sidebar, kind)]
    assert sidebar and not [v for v in sidebar if "python -m" in v or ".db" in v
                            or re.search(r"(^|[\s(`])(/|~/|[A-Z]:\\)[\w.-]", v)]
    goto(at, "admin")
    assert titles(at) == ["Toegang & privacy"]


def test_a_remote_browser_without_users_is_refused(monkeypatch, demo_copy):
    import ui.auth
    monkeypatch.setattr(ui.auth, "is_local_browser", lambda: False)
    at = start(monkeypatch, demo_copy)
    assert titles(at) == ["Inloggen bij Draagvlak"]
    assert len(at.metric) == 0
    assert "nog geen gebruikers" in at.warning[0].value
    assert "python -m core user add" in at.code[0].value


@pytest.mark.parametrize("client", ["127.0.0.1", "::1", "::ffff:127.0.0.1", None])
@pytest.mark.parametrize("bind", ["127.0.0.1", "::1", "localhost", "127.0.1.1"])
def test_local_mode_on_this_computer_with_a_loopback_bind(client, bind):
    from ui.auth import is_local
    assert is_local(bind, client, {})
    # A reverse proxy on this computer forwards others: not local.
    assert not is_local(bind, client, {"X-Forwarded-For": "203.0.113.9"})


@pytest.mark.parametrize("client", ["127.0.0.1", "::1", "::ffff:127.0.0.1", None])
@pytest.mark.parametrize("bind", ["", None, "0.0.0.0", "::", "192.168.1.20", "::ffff:10.0.0.1", "example.com"])
def test_local_mode_is_refused_with_a_non_loopback_bind(client, bind):
    from ui.auth import is_local
    assert not is_local(bind, client, {})


def test_a_remote_address_is_never_local():
    from ui.auth import is_local
    for client in ("10.0.0.7", "203.0.113.9", "::ffff:203.0.113.9", "2001:db8::1"):
        assert not is_local("127.0.0.1", client, {})


@pytest.mark.parametrize("client", ["127.0.0.1", "::1", "::ffff:127.0.0.1"])
def test_the_app_opens_in_local_mode_only_with_a_loopback_bind(monkeypatch, demo_copy, client):
    import ui.auth
    monkeypatch.setattr(ui.auth, "is_local_browser", REAL_IS_LOCAL_BROWSER)
    monkeypatch.setattr(ui.auth, "_client_address", lambda: client)
    monkeypatch.setattr(ui.auth, "_bind_address", lambda: "127.0.0.1")
    at = start(monkeypatch, demo_copy)
    assert titles(at)[0].startswith("Overzicht")
    assert any("Lokale modus" in m.value for m in at.sidebar.markdown)
    monkeypatch.setattr(ui.auth, "_bind_address", lambda: "::")
    at = start(monkeypatch, demo_copy)
    assert titles(at) == ["Inloggen bij Draagvlak"] and len(at.metric) == 0
    assert "nog geen gebruikers" in at.warning[0].value


def test_a_remote_browser_cannot_restore_a_damaged_store(monkeypatch, tmp_path):
    import ui.auth
    monkeypatch.setattr(ui.auth, "is_local_browser", lambda: False)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    at = start(monkeypatch, bad)
    assert not at.exception
    assert "restore_newest" not in keys(at) and "start_new" not in keys(at)
    assert "python -m core restore" in at.code[0].value


def test_admin_adds_changes_and_removes_a_user(monkeypatch, guarded):
    at = goto(login(start(monkeypatch, guarded), "ada"), "admin")
    assert titles(at) == ["Toegang & privacy"]
    table = at.dataframe[0].value
    assert sorted(table["Gebruikersnaam"]) == ["ada", "dora", "erik", "nina"]
    # Too short a password: a clear message, nothing saved.
    at.text_input(key="admin_add_name").input("piet")
    at.selectbox(key="admin_add_role").select("editor")
    at.text_input(key="admin_add_pw").input("short")
    at.text_input(key="admin_add_pw2").input("short")
    at.button(key="admin_add_submit").click().run()
    assert "10" in at.error[0].value
    assert "piet" not in [u["name"] for u in users.list_users(sqlite_db(guarded))]
    at.text_input(key="admin_add_pw").input("a long enough one")
    at.text_input(key="admin_add_pw2").input("a long enough one")
    at.button(key="admin_add_submit").click().run()
    assert not at.exception
    assert at.success[0].value == "Gebruiker piet is toegevoegd."
    assert {u["name"]: u["role"] for u in users.list_users(sqlite_db(guarded))}["piet"] == "editor"

    at.selectbox(key="admin_pick").select("piet").run()
    at.selectbox(key="admin_role_piet").select("viewer")
    at.button(key="admin_role_save").click().run()
    assert at.success[0].value == "piet is nu Kijker."
    at.selectbox(key="admin_pick").select("piet").run()
    at.checkbox(key="admin_rm_ok_piet").check().run()
    at.button(key="admin_rm").click().run()
    assert at.success[0].value == "Gebruiker piet is verwijderd."
    assert "piet" not in [u["name"] for u in users.list_users(sqlite_db(guarded))]
    # The audit tab lists these changes, by ada.
    audit = at.dataframe[1].value
    assert {"gebruiker toegevoegd", "rol gewijzigd", "gebruiker verwijderd"} <= set(audit["Actie"])
    assert set(audit[audit["Actie"] == "gebruiker verwijderd"]["Door"]) == {"ada"}


def test_admin_sees_which_accounts_are_slowed_down(monkeypatch, guarded):
    s = store.Store(guarded)
    for _ in range(5):
        with pytest.raises(users.LoginFailed):
            users.authenticate(s, "dora", "not the password", client=users.Client("203.0.113.9", "x" * 32))
    until = users.list_users(s.read())[1]["slowed_until"]
    s.close()
    at = goto(login(start(monkeypatch, guarded), "ada"), "admin")
    slowed = dict(zip(at.dataframe[0].value["Gebruikersnaam"], at.dataframe[0].value["Inlogpogingen vertraagd tot"]))
    assert slowed["dora"] == i18n.fmt_datetime(until, "nl") and slowed["dora"]
    assert slowed["ada"] == slowed["erik"] == slowed["nina"] == ""


def test_admin_cannot_remove_the_last_admin(monkeypatch, guarded):
    at = goto(login(start(monkeypatch, guarded), "ada"), "admin")
    at.selectbox(key="admin_pick").select("ada").run()
    at.checkbox(key="admin_rm_ok_ada").check().run()
    at.button(key="admin_rm").click().run()
    assert at.error and "beheerder" in at.error[0].value
    assert "ada" in [u["name"] for u in users.list_users(sqlite_db(guarded))]


def test_admin_erases_a_person_from_the_app(monkeypatch, guarded):
    db = sqlite_db(guarded)
    eid = db.execute("SELECT employee_id FROM usage_daily LIMIT 1").fetchone()[0]
    at = goto(login(start(monkeypatch, guarded), "ada"), "admin")
    at.text_input(key="admin_people_q").input(eid).run()
    counts = dict(zip(at.dataframe[2].value["Tabel"], at.dataframe[2].value["Rijen"]))
    assert counts["Medewerkers"] == 1 and counts["Dagelijks gebruik"] > 0
    at.checkbox(key=f"admin_erase_ok_{eid}").check().run()
    at.button(key="admin_erase").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Verwijderd:")
    db = sqlite_db(guarded)
    assert db.execute("SELECT COUNT(*) FROM employees WHERE id = ?", [eid]).fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM usage_daily WHERE employee_id = ?", [eid]).fetchone()[0] == 0
    last = db.execute("SELECT actor, action, detail FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert last[:2] == ("ada", "person.erase") and eid not in (last[2] or "")


def test_admin_saves_settings(monkeypatch, guarded):
    at = goto(login(start(monkeypatch, guarded), "ada"), "admin")
    at.number_input(key="admin_set_session_timeout_minutes").set_value(45)
    at.button(key="admin_settings_save").click().run()
    assert at.success[0].value == "1 instelling(en) gewijzigd."
    assert settings.value(sqlite_db(guarded), "session_timeout_minutes") == 45


def test_core_refuses_a_viewer_even_when_a_page_would_let_it(guarded):
    s = store.Store(guarded)
    viewer = access.Actor("dora", "viewer")
    with pytest.raises(access.PermissionDenied):
        settings.save(s, viewer, {"session_timeout_minutes": 10})
    with pytest.raises(access.PermissionDenied):
        store.clear_data(s, actor=viewer)
    s.close()


def sqlite_db(path):
    import sqlite_utils
    return sqlite_utils.Database(sqlite3.connect(path))


def test_a_form_left_open_cannot_write_after_the_user_is_demoted(monkeypatch, guarded):
    """The pilots forms write in callbacks, which run before the app checks the session:
    they ask who is acting at that moment, so a demoted user's click changes nothing."""
    at = goto(login(start(monkeypatch, guarded), "erik"), "pilots")
    before = sqlite_db(guarded).execute("SELECT COUNT(*) FROM measurements").fetchone()[0]
    s = store.Store(guarded)
    users.set_role(s, access.SYSTEM, "erik", "viewer")
    s.close()
    at.date_input(key="m_date").set_value(dt.date(2026, 10, 1))
    at.segmented_control(key="m_phase").set_value("after")
    at.number_input(key="m_minutes").set_value(90.0)
    at.number_input(key="m_units").set_value(20.0)
    at.button(key="m_submit").click().run()
    assert not at.exception
    assert sqlite_db(guarded).execute("SELECT COUNT(*) FROM measurements").fetchone()[0] == before
    # The next draw is a viewer's page: no entry tabs, and the refusal was said.
    assert [t.label for t in at.tabs] == ["Portfolio", "Per use case"]
    assert "niet (meer) bevoegd" in at.error[0].value


def test_a_user_changes_their_own_password(monkeypatch, guarded):
    at = login(start(monkeypatch, guarded), "dora")
    at.text_input(key="own_pw_old").input("not my password")
    at.text_input(key="own_pw_new").input("a brand new secret")
    at.text_input(key="own_pw_again").input("a brand new secret")
    at.button(key="own_pw_save").click().run()
    assert any("huidige wachtwoord klopt niet" in e.value for e in at.error)
    at.text_input(key="own_pw_old").input(PASSWORD)
    at.text_input(key="own_pw_new").input("a brand new secret")
    at.text_input(key="own_pw_again").input("a brand new secret")
    at.button(key="own_pw_save").click().run()
    assert "Uw wachtwoord is gewijzigd." in [m.value for m in at.success]
    s = store.Store(guarded)
    assert users.authenticate(s, "dora", "a brand new secret").role == "viewer"
    with pytest.raises(users.LoginFailed):
        users.authenticate(s, "dora", PASSWORD)
    s.close()
