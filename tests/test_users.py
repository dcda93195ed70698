"""Users: bcrypt hashes, roles, failed sign-ins slowing down their client (never a lock of the
account), remembered sessions, e-mail only as a pseudonym."""
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
    assert row["last_login"] == "2026-11-27T09:00:00+00:00" and row["slowed_until"] is None
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
    assert set(listed[0]) == {"name", "role", "see_notes", "created_at", "last_login", "has_password",
                              "has_email", "slowed_until"}


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


ATTACKER = users.Client("203.0.113.9", "a" * 32)
OWNER = users.Client("local", "b" * 32)


def _fail(s, name, client, now, password="wrong password"):
    with pytest.raises(users.LoginFailed) as failed:
        users.authenticate(s, name, password, client=client, now=now)
    return failed.value


def test_failures_slow_down_the_client_with_growing_waits_never_the_account(s):
    for attempt in range(4):
        failed = _fail(s, "Anna", ATTACKER, NOW + dt.timedelta(seconds=attempt))
        assert failed.reason == "invalid" and failed.until is None
    # The 5th failure in a row: this browser waits 30 s.
    failed = _fail(s, "Anna", ATTACKER, NOW + dt.timedelta(seconds=4))
    assert (failed.reason, failed.until) == ("wait", NOW + dt.timedelta(seconds=34))
    assert failed.message("en") == "Too many failed attempts from this browser: try again after 09:00 UTC."
    # While it waits, even the right password from there is not checked.
    assert _fail(s, "Anna", ATTACKER, NOW + dt.timedelta(seconds=33), PASSWORD).reason == "wait"
    # The owner, in another browser, signs in at once: the account is not locked.
    assert users.authenticate(s, "Anna", PASSWORD, client=OWNER, now=NOW + dt.timedelta(seconds=5)).name == "Anna"
    # Each further failure from the attacker's browser doubles its wait: 60 s, 120 s.
    failed = _fail(s, "Anna", ATTACKER, NOW + dt.timedelta(seconds=34))
    assert failed.until == NOW + dt.timedelta(seconds=34 + 60)
    failed = _fail(s, "Anna", ATTACKER, NOW + dt.timedelta(seconds=94))
    assert failed.until == NOW + dt.timedelta(seconds=94 + 120)
    # The admin's list shows until when some client must wait for the account.
    assert users.list_users(s.read(), now=NOW + dt.timedelta(seconds=100))[0]["slowed_until"] == "2026-11-27T09:03:34+00:00"
    assert users.list_users(s.read(), now=NOW + dt.timedelta(seconds=214))[0]["slowed_until"] is None
    # The audit log has every attempt, with the provider and the client's address.
    log = s.read().execute("SELECT actor, action, entity_id, detail FROM audit_log "
                           "WHERE action LIKE 'user.login%' ORDER BY id").fetchall()
    assert [(a, e) for _, a, e, _ in log] == [("user.login_failed", "Anna")] * 5 + [
        ("user.login", "Anna")] + [("user.login_failed", "Anna")] * 2
    assert '"provider": "password"' in log[0][3] and '"client": "203.0.113.9"' in log[0][3]
    assert '"wait_seconds": 30' in log[4][3] and '"client": "local"' in log[5][3]


def test_the_wait_is_capped_and_a_success_starts_afresh(s):
    settings.save(s, ADMIN, {"login_max_failures": 3, "login_lock_minutes": 1})
    moment = NOW
    waits = []
    for _ in range(5):
        failed = _fail(s, "Anna", ATTACKER, moment)
        waits.append(None if failed.until is None else (failed.until - moment).total_seconds())
        moment = failed.until or moment
    assert waits == [None, None, 30, 60, 60]             # at most login_lock_minutes
    users.authenticate(s, "Anna", PASSWORD, client=ATTACKER, now=moment)
    assert _fail(s, "Anna", ATTACKER, moment).reason == "invalid"


def test_throttle_wait_grows_from_the_setting():
    assert [users.throttle_wait(n, 5, 15) for n in (1, 4, 5, 6, 7, 10, 20)] == [0, 0, 30, 60, 120, 900, 900]


def test_browsers_at_one_address_share_a_larger_allowance(s):
    # A script that throws its cookies away gets a new browser id each time: the address
    # as a whole waits after four times as many failures.
    for n in range(19):
        assert _fail(s, "Anna", users.Client("203.0.113.9", f"{n:032x}"), NOW).reason == "invalid"
    failed = _fail(s, "Anna", users.Client("203.0.113.9", "f" * 32), NOW)
    assert failed.reason == "wait"
    assert _fail(s, "Anna", users.Client("203.0.113.9", "e" * 32), NOW, PASSWORD).reason == "wait"
    # This computer is another address: the owner signs in.
    assert users.authenticate(s, "Anna", PASSWORD, client=OWNER, now=NOW).name == "Anna"


def test_unknown_names_cost_a_bcrypt_check_and_are_slowed_down_alike(s, monkeypatch):
    checks = []
    real = bcrypt.checkpw
    monkeypatch.setattr(users.bcrypt, "checkpw", lambda p, h: checks.append(h) or real(p, h))
    for attempt in range(4):
        failed = _fail(s, "Mallory" if attempt % 2 else "MALLORY", ATTACKER, NOW, "guess guess")
        assert failed.reason == "invalid"
    assert len(checks) == 4
    # Keyed by keyed hashes of the case-folded name and the client, never the typed text.
    secret = store_secret(s.read())
    keys = {pseudonym(secret, f"login-client:mallory|203.0.113.9|{'a' * 32}"),
            pseudonym(secret, "login-address:mallory|203.0.113.9")}
    assert set(s.read().execute("SELECT name, account, failures FROM login_failures").fetchall()) == {
        (k, None, 4) for k in keys}
    failed = _fail(s, "mallory", ATTACKER, NOW, "guess guess")
    assert failed.reason == "wait" and failed.until == NOW + dt.timedelta(seconds=30)
    assert s.read().execute("SELECT entity_id FROM audit_log WHERE action = 'user.login_failed'").fetchall() == [(None,)] * 5


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


def test_a_session_token_resumes_the_sign_in_until_it_expires(s):
    token, expires = users.session_token(s, "Anna", now=NOW)
    assert expires == NOW + dt.timedelta(minutes=30)               # session_timeout_minutes
    actor, issued = users.actor_for_token(s.read(), token, now=NOW + dt.timedelta(minutes=29))
    assert actor == access.Actor("Anna", "admin", False) and issued == NOW
    assert users.actor_for_token(s.read(), token, now=expires) is None
    # A token re-issued later for the same sign-in keeps its sign-in time and lasts longer.
    later, _ = users.session_token(s, "Anna", issued=issued, now=NOW + dt.timedelta(minutes=20))
    assert users.actor_for_token(s.read(), later, now=NOW + dt.timedelta(minutes=49))[1] == NOW
    # The role is read from the store, not from the token.
    users.add_user(s, ADMIN, "Bea", "admin", password=PASSWORD)
    users.set_role(s, ADMIN, "Anna", "viewer")
    assert users.actor_for_token(s.read(), token, now=NOW)[0].role == "viewer"


def test_a_forged_or_altered_token_resumes_nothing(s):
    token, _ = users.session_token(s, "Anna", now=NOW)
    body, mac = token.split(".")
    users.add_user(s, ADMIN, "Bea", "viewer", password=PASSWORD)
    other, _ = users.session_token(s, "Bea", now=NOW)
    for bad in (None, "", "garbage", body + "." + "0" * 64, other.split(".")[0] + "." + mac,
                body + "." + mac[:-1] + ("0" if mac[-1] != "0" else "1")):
        assert users.actor_for_token(s.read(), bad, now=NOW) is None


def test_a_new_password_a_log_out_or_a_removal_voids_the_tokens(s):
    users.add_user(s, ADMIN, "Bea", "admin", password=PASSWORD)
    token, _ = users.session_token(s, "Anna", now=dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1))
    assert users.actor_for_token(s.read(), token) is not None
    users.set_password(s, SYSTEM, "Anna", "fresh password")
    assert users.actor_for_token(s.read(), token) is None
    token, _ = users.session_token(s, "Anna")
    assert users.actor_for_token(s.read(), token) is not None      # signed in after the change
    users.end_sessions(s, access.Actor("Anna", "admin"))
    assert users.actor_for_token(s.read(), token) is None
    assert s.read().execute("SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone() == (
        "Anna", "user.logout")
    token, _ = users.session_token(s, "Bea")
    users.remove_user(s, ADMIN, "Bea")
    assert users.actor_for_token(s.read(), token) is None


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


def test_parallel_wrong_passwords_are_all_counted(s):
    # 12 attempts at once: the count is decided inside the write lock, so exactly the
    # 5th starts the wait and the 7 after it find it; none of the counts is lost.
    reasons = _in_parallel(12, lambda: users.authenticate(s, "Anna", "wrong password", client=ATTACKER, now=NOW))
    assert reasons == ["invalid"] * 4 + ["wait"] * 8
    assert s.read().execute("SELECT COUNT(*) FROM audit_log WHERE action = 'user.login_failed'").fetchone()[0] == 5
    assert users.authenticate(s, "Anna", PASSWORD, client=OWNER, now=NOW).name == "Anna"


def test_parallel_unknown_names_are_slowed_down_too(s):
    reasons = _in_parallel(12, lambda: users.authenticate(s, "mallory", "guess guess", client=ATTACKER, now=NOW))
    assert reasons == ["invalid"] * 4 + ["wait"] * 8


def test_a_typed_unknown_name_is_not_stored_in_plain_text(s):
    typed = "Hunter2-Secret-Typed-As-Name"
    with pytest.raises(users.LoginFailed):
        users.authenticate(s, typed, "whatever", now=NOW)
    assert s.read().execute("SELECT COUNT(*) FROM login_failures").fetchone()[0] == 2
    data = _file_bytes(s).lower()
    assert typed.lower().encode() not in data


def test_actor_named_reads_the_current_role(s):
    users.add_user(s, ADMIN, "Dora", "viewer", password="correct horse 42", see_notes=True)
    assert users.actor_named(s.read(), "dora") == access.Actor("Dora", "viewer", True)
    users.set_role(s, ADMIN, "Dora", "editor")
    assert users.actor_named(s.read(), "DORA").role == "editor"
    users.remove_user(s, ADMIN, "Dora")
    assert users.actor_named(s.read(), "Dora") is None
