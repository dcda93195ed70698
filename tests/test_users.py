"""Users: bcrypt hashes, roles, lockout after repeated failures, e-mail only as a pseudonym."""
import datetime as dt
import threading

import bcrypt
import pytest

from conftest import ADMIN, EDITOR, SYSTEM, VIEWER
from core import access, settings, store, users
from core.importers.common import pseudonym, store_secret

NOW = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.timezone.utc)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr(users, "BCRYPT_ROUNDS", 4)


@pytest.fixture
def s(fresh_store):
    users.add_user(fresh_store, ADMIN, "Anna", "admin", password=PASSWORD)
    return fresh_store


def _file_bytes(st):
    st.checkpoint()
    data = st.path.read_bytes()
    wal = st.path.with_name(st.path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def test_a_store_without_users_is_in_local_mode(fresh_store):
    assert not users.has_users(fresh_store.read())
    users.add_user(fresh_store, access.LOCAL, "anna", "admin", password=PASSWORD)
    assert users.has_users(fresh_store.read())


def test_add_and_authenticate(s):
    actor = users.authenticate(s, "anna", PASSWORD, now=NOW)      # name ignores case
    assert actor == access.Actor("Anna", "admin", False)
    row = users.list_users(s.read())[0]
    assert row["last_login"] == "2026-11-27T09:00:00+00:00" and row["failed_logins"] == 0
    assert s.read().execute("SELECT actor, action FROM audit_log ORDER BY id").fetchall() == [
        ("anna.admin", "user.add"), ("Anna", "user.login")]


def test_only_a_bcrypt_hash_is_stored(s):
    stored = s.read().execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$2b$04$") and bcrypt.checkpw(PASSWORD.encode(), stored.encode())
    assert PASSWORD.encode() not in _file_bytes(s)


def test_list_users_never_shows_hashes_or_keys(s):
    users.add_user(s, ADMIN, "Dirk", "viewer", email="dirk@example.com", see_notes=True)
    listed = users.list_users(s.read())
    assert [(u["name"], u["role"], u["see_notes"], u["has_password"], u["has_email"]) for u in listed] == [
        ("Anna", "admin", False, True, False), ("Dirk", "viewer", True, False, True)]
    assert "$2b$" not in repr(listed) and "p-" not in repr(listed)
    assert set(listed[0]) == {"name", "role", "see_notes", "created_at", "failed_logins",
                              "locked_until", "last_login", "has_password", "has_email", "locked"}


@pytest.mark.parametrize("kwargs, code", [
    ({"name": "bob", "role": "viewer", "password": "short"}, "password_short"),
    ({"name": "bob", "role": "viewer", "password": "é" * 37}, "password_long"),   # 74 bytes
    ({"name": "bob", "role": "viewer"}, "password_or_email"),
    ({"name": "bob", "role": "boss", "password": PASSWORD}, "role_unknown"),
    ({"name": "  ", "role": "viewer", "password": PASSWORD}, "name_required"),
    ({"name": "b" * 61, "role": "viewer", "password": PASSWORD}, "name_long"),
    ({"name": "bo\x00b", "role": "viewer", "password": PASSWORD}, "name_invalid"),
    ({"name": "ANNA", "role": "viewer", "password": PASSWORD}, "name_taken"),
    ({"name": "bob", "role": "viewer", "email": "not an address"}, "email_invalid"),
])
def test_bad_input_is_refused_with_a_catalog_key(s, kwargs, code):
    with pytest.raises(users.UserError) as refused:
        users.add_user(s, ADMIN, **kwargs)
    assert refused.value.code == code and isinstance(refused.value, ValueError)
    assert refused.value.message("nl") != refused.value.message("en")
    assert len(users.list_users(s.read())) == 1


def test_messages_in_both_languages(s):
    with pytest.raises(users.UserError) as refused:
        users.add_user(s, ADMIN, "bob", "viewer", password="short")
    assert refused.value.message("en") == "A password has at least 10 characters."
    assert refused.value.message("nl") == "Een wachtwoord heeft minstens 10 tekens."


def test_names_are_unique_ignoring_unicode_case(s):
    users.add_user(s, ADMIN, "Élise", "viewer", password=PASSWORD)
    with pytest.raises(users.UserError) as refused:
        users.add_user(s, ADMIN, "éLISE", "editor", password=PASSWORD)
    assert refused.value.code == "name_taken"
    assert users.authenticate(s, "ÉLISE", PASSWORD, now=NOW).name == "Élise"


def test_lockout_after_repeated_failures_and_unlock_after_the_time(s):
    for attempt in range(4):
        with pytest.raises(users.LoginFailed) as failed:
            users.authenticate(s, "Anna", "wrong password", now=NOW + dt.timedelta(seconds=attempt))
        assert failed.value.reason == "invalid" and failed.value.until is None
    assert users.list_users(s.read())[0]["failed_logins"] == 4
    with pytest.raises(users.LoginFailed) as failed:
        users.authenticate(s, "Anna", "wrong password", now=NOW + dt.timedelta(seconds=5))
    until = NOW + dt.timedelta(seconds=5, minutes=15)
    assert (failed.value.reason, failed.value.until) == ("locked", until)
    assert failed.value.message("en") == "Too many failed attempts: try again after 09:15 UTC."
    # The user list says whether the lock holds at a given moment (the admin page shows it).
    assert users.list_users(s.read(), now=until - dt.timedelta(seconds=1))[0]["locked"] is True
    assert users.list_users(s.read(), now=until)[0]["locked"] is False
    # Locked: even the right password is refused until the lock has passed.
    with pytest.raises(users.LoginFailed) as failed:
        users.authenticate(s, "Anna", PASSWORD, now=until - dt.timedelta(seconds=1))
    assert failed.value.reason == "locked"
    assert users.authenticate(s, "Anna", PASSWORD, now=until).name == "Anna"
    row = users.list_users(s.read())[0]
    assert (row["failed_logins"], row["locked_until"], row["locked"]) == (0, None, False)
    assert s.read().execute("SELECT actor, entity_id FROM audit_log WHERE action = 'user.locked'").fetchall() == [
        ("system", "Anna")]


def test_a_success_resets_the_count_and_settings_change_the_limits(s):
    settings.save(s, ADMIN, {"login_max_failures": 3, "login_lock_minutes": 60})
    for _ in range(2):
        with pytest.raises(users.LoginFailed):
            users.authenticate(s, "Anna", "nope nope nope", now=NOW)
    users.authenticate(s, "Anna", PASSWORD, now=NOW)
    for _ in range(2):
        with pytest.raises(users.LoginFailed) as failed:
            users.authenticate(s, "Anna", "nope nope nope", now=NOW)
        assert failed.value.reason == "invalid"
    with pytest.raises(users.LoginFailed) as failed:
        users.authenticate(s, "Anna", "nope nope nope", now=NOW)
    assert failed.value.until == NOW + dt.timedelta(minutes=60)


def test_unknown_names_cost_a_bcrypt_check_and_are_rate_limited(s, monkeypatch):
    checks = []
    real = bcrypt.checkpw
    monkeypatch.setattr(users.bcrypt, "checkpw", lambda p, h: checks.append(h) or real(p, h))
    for attempt in range(4):
        with pytest.raises(users.LoginFailed) as failed:
            users.authenticate(s, "Mallory" if attempt % 2 else "MALLORY", "guess guess", now=NOW)
        assert failed.value.reason == "invalid"
    assert len(checks) == 4
    # Keyed by a keyed hash of the case-folded name, never the typed text.
    key = pseudonym(store_secret(s.read()), "login-name:mallory")
    assert s.read().execute("SELECT name, failures FROM login_failures").fetchall() == [(key, 4)]
    with pytest.raises(users.LoginFailed) as failed:
        users.authenticate(s, "mallory", "guess guess", now=NOW)
    assert failed.value.reason == "locked" and failed.value.until == NOW + dt.timedelta(minutes=15)
    with pytest.raises(users.LoginFailed) as failed:
        users.authenticate(s, "mallory", "guess guess", now=NOW + dt.timedelta(minutes=14))
    assert failed.value.reason == "locked" and len(checks) == 6
    # After the lock the name starts afresh, and the passed lock is forgotten.
    with pytest.raises(users.LoginFailed) as failed:
        users.authenticate(s, "mallory", "guess guess", now=NOW + dt.timedelta(minutes=16))
    assert failed.value.reason == "invalid"
    assert s.read().execute("SELECT failures, locked_until FROM login_failures").fetchall() == [(1, None)]


def test_failed_logins_do_not_bump_the_data_version(s):
    version = s.data_version()
    with pytest.raises(users.LoginFailed):
        users.authenticate(s, "Anna", "wrong password", now=NOW)
    with pytest.raises(users.LoginFailed):
        users.authenticate(s, "nobody", "wrong password", now=NOW)
    users.authenticate(s, "Anna", PASSWORD, now=NOW)
    assert s.data_version() == version


def test_email_is_kept_only_as_a_keyed_pseudonym(s):
    users.add_user(s, ADMIN, "Dirk", "viewer", email="Dirk.Director@Example.com", see_notes=True)
    db = s.read()
    key = db.execute("SELECT email_key FROM users WHERE name = 'Dirk'").fetchone()[0]
    secret = store_secret(db)
    assert key == pseudonym(secret, "login:dirk.director@example.com")
    # Not the pseudonym the usage rows of the same address carry: the account is not linkable.
    assert key != pseudonym(secret, "dirk.director@example.com")
    assert b"example.com" not in _file_bytes(s).lower()
    assert users.actor_for_email(db, " dirk.director@EXAMPLE.com ") == access.Actor("Dirk", "viewer", True)
    assert users.actor_for_email(db, "someone@example.com") is None
    with pytest.raises(users.UserError) as refused:
        users.add_user(s, ADMIN, "Dirk2", "viewer", email="dirk.director@example.com")
    assert refused.value.code == "email_taken"
    # A user with only an e-mail address cannot sign in with a password.
    with pytest.raises(users.LoginFailed):
        users.authenticate(s, "Dirk", "", now=NOW)


def test_roles_and_the_last_admin(s):
    users.add_user(s, ADMIN, "Eva", "editor", password=PASSWORD)
    users.set_role(s, ADMIN, "eva", "viewer", see_notes=True)
    assert users.authenticate(s, "Eva", PASSWORD, now=NOW) == access.Actor("Eva", "viewer", True)
    users.set_role(s, ADMIN, "Eva", "editor")                       # see_notes kept when not given
    assert users.list_users(s.read())[1]["see_notes"] is True
    for change in (lambda: users.set_role(s, ADMIN, "Anna", "editor"),
                   lambda: users.remove_user(s, ADMIN, "Anna")):
        with pytest.raises(users.UserError) as refused:
            change()
        assert refused.value.code == "last_admin"
    users.set_role(s, ADMIN, "Eva", "admin")
    users.remove_user(s, ADMIN, "Anna")
    assert [u["name"] for u in users.list_users(s.read())] == ["Eva"]
    with pytest.raises(users.UserError) as refused:
        users.remove_user(s, ADMIN, "Anna")
    assert refused.value.code == "user_unknown"


def test_passwords_are_set_by_admins_or_by_the_user_themself(s):
    users.add_user(s, ADMIN, "Vera", "viewer", password=PASSWORD)
    vera = users.authenticate(s, "Vera", PASSWORD, now=NOW)
    users.set_password(s, vera, "vera", "a new password!")
    assert users.authenticate(s, "Vera", "a new password!", now=NOW) == vera
    with pytest.raises(access.PermissionDenied):
        users.set_password(s, vera, "Anna", "a new password!")
    with pytest.raises(access.PermissionDenied):
        users.set_password(s, EDITOR, "Vera", "a new password!")
    users.set_password(s, ADMIN, "Vera", "reset by the admin")
    assert users.authenticate(s, "Vera", "reset by the admin", now=NOW) == vera
    assert ("anna.admin", "user.passwd", "Vera") in s.read().execute(
        "SELECT actor, action, entity_id FROM audit_log").fetchall()


def test_setting_a_password_unlocks(s):
    for _ in range(5):
        with pytest.raises(users.LoginFailed):
            users.authenticate(s, "Anna", "wrong password", now=NOW)
    users.set_password(s, SYSTEM, "Anna", "fresh password")
    assert users.authenticate(s, "Anna", "fresh password", now=NOW).name == "Anna"


def test_session_timeout_setting(s):
    assert users.session_timeout_minutes(s.read()) == 30
    settings.save(s, ADMIN, {"session_timeout_minutes": 45})
    assert users.session_timeout_minutes(s.read()) == 45
    with s.write(SYSTEM) as db:
        store.set_setting(db, "session_timeout_minutes", "garbage")
    assert users.session_timeout_minutes(s.read()) == 30


def test_a_viewer_cannot_manage_users(s):
    with pytest.raises(access.PermissionDenied):
        users.add_user(s, VIEWER, "x", "admin", password=PASSWORD)
    assert len(users.list_users(s.read())) == 1


def _in_parallel(n, attempt):
    """Run ``attempt()`` on ``n`` threads started together; return each LoginFailed reason."""
    barrier, reasons, errors = threading.Barrier(n), [], []

    def run():
        barrier.wait()
        try:
            attempt()
        except users.LoginFailed as failed:
            reasons.append(failed.reason)
        except Exception as exc:          # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return sorted(reasons)


def test_parallel_wrong_passwords_still_lock_the_account(s):
    # 12 attempts at once: the count is decided inside the write lock, so exactly the
    # 5th locks and the 7 after it find the lock; none of the counts is lost.
    reasons = _in_parallel(12, lambda: users.authenticate(s, "Anna", "wrong password", now=NOW))
    assert reasons == ["invalid"] * 4 + ["locked"] * 8
    row = users.list_users(s.read())[0]
    assert (row["failed_logins"], row["locked_until"]) == (0, "2026-11-27T09:15:00+00:00")
    with pytest.raises(users.LoginFailed) as failed:
        users.authenticate(s, "Anna", PASSWORD, now=NOW + dt.timedelta(minutes=1))
    assert failed.value.reason == "locked"
    assert s.read().execute("SELECT COUNT(*) FROM audit_log WHERE action = 'user.locked'").fetchone()[0] == 1


def test_parallel_unknown_names_are_rate_limited_too(s):
    reasons = _in_parallel(12, lambda: users.authenticate(s, "mallory", "guess guess", now=NOW))
    assert reasons == ["invalid"] * 4 + ["locked"] * 8
    assert s.read().execute("SELECT failures, locked_until FROM login_failures").fetchall() == [
        (0, "2026-11-27T09:15:00+00:00")]


def test_a_typed_unknown_name_is_not_stored_in_plain_text(s):
    typed = "Hunter2-Secret-Typed-As-Name"
    with pytest.raises(users.LoginFailed):
        users.authenticate(s, typed, "whatever", now=NOW)
    assert s.read().execute("SELECT COUNT(*) FROM login_failures").fetchone()[0] == 1
    data = _file_bytes(s).lower()
    assert typed.lower().encode() not in data


def test_actor_named_reads_the_current_role(s):
    users.add_user(s, ADMIN, "Dora", "viewer", password="correct horse 42", see_notes=True)
    assert users.actor_named(s.read(), "dora") == access.Actor("Dora", "viewer", True)
    users.set_role(s, ADMIN, "Dora", "editor")
    assert users.actor_named(s.read(), "DORA").role == "editor"
    users.remove_user(s, ADMIN, "Dora")
    assert users.actor_named(s.read(), "Dora") is None
