"""Sign-in through the identity provider: roles by address and by domain, access requests."""
import pytest

from conftest import ADMIN, EDITOR
from core import access, sso, users


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr(users, "BCRYPT_ROUNDS", 4)


@pytest.fixture
def s(fresh_store):
    users.add_user(fresh_store, ADMIN, "Ada", "admin", email="ada@bedrijf.nl")
    return fresh_store


def test_the_identity_email_is_the_verified_address():
    assert sso.identity_email({"email": " Ada@Bedrijf.NL ", "email_verified": True}) == "ada@bedrijf.nl"
    # Entra ID sends the UPN in preferred_username when no e-mail claim is configured.
    assert sso.identity_email({"preferred_username": "jan@bedrijf.nl"}) == "jan@bedrijf.nl"
    assert sso.identity_email({"preferred_username": "jan"}) is None
    assert sso.identity_email({"email": "eve@bedrijf.nl", "email_verified": False}) is None
    assert sso.identity_email({}) is None


def test_a_user_with_the_address_then_the_domain_then_nothing(s):
    db = s.read()
    assert sso.actor_for_identity(db, "ada@bedrijf.nl") == access.Actor("Ada", "admin", False)
    assert sso.actor_for_identity(db, "jan@bedrijf.nl") is None
    assert sso.set_domain_role(s, ADMIN, "@Bedrijf.nl", "viewer") == "bedrijf.nl"
    db = s.read()
    assert sso.actor_for_identity(db, "jan@bedrijf.nl") == access.Actor("jan@bedrijf.nl", "viewer", False)
    assert sso.actor_for_identity(db, "ada@bedrijf.nl").role == "admin"     # her own role wins
    assert sso.actor_for_identity(db, "jan@sub.bedrijf.nl") is None         # not a subdomain
    assert sso.actor_for_identity(db, "jan@bedrijf.nl.evil.example") is None
    sso.set_domain_role(s, ADMIN, "bedrijf.nl", "editor", see_notes=True)   # replaces
    assert [(d["domain"], d["role"], d["see_notes"]) for d in sso.list_domain_roles(s.read())] == [
        ("bedrijf.nl", "editor", True)]
    sso.remove_domain_role(s, ADMIN, "bedrijf.nl")
    assert sso.actor_for_identity(s.read(), "jan@bedrijf.nl") is None
    log = s.read().execute("SELECT actor, action, entity_id, detail FROM audit_log "
                           "WHERE action LIKE 'domain.%' ORDER BY id").fetchall()
    assert [r[:3] for r in log] == [("anna.admin", "domain.role", "bedrijf.nl")] * 2 + [
        ("anna.admin", "domain.remove", "bedrijf.nl")]
    assert log[1][3] == '{"role": "editor", "see_notes": true}'


def test_domain_roles_are_for_admins_and_checked(s):
    with pytest.raises(access.PermissionDenied):
        sso.set_domain_role(s, EDITOR, "bedrijf.nl", "viewer")
    for bad in ("", "bedrijf", "bed rijf.nl", "-x.nl", "a@b.nl"):
        with pytest.raises(users.UserError) as refused:
            sso.set_domain_role(s, ADMIN, bad, "viewer")
        assert refused.value.code == "domain_invalid"
    with pytest.raises(users.UserError) as refused:
        sso.set_domain_role(s, ADMIN, "bedrijf.nl", "owner")
    assert refused.value.code == "role_unknown"
    with pytest.raises(users.UserError) as refused:
        sso.remove_domain_role(s, ADMIN, "elders.nl")
    assert refused.value.code == "domain_unknown"
    assert sso.list_domain_roles(s.read()) == []


def test_an_access_request_once_then_granted_or_dismissed(s):
    assert sso.request_access(s, "Jan@Elders.nl", "Jan de Vries", "microsoft") is True
    assert sso.request_access(s, "jan@elders.nl", "Jan de Vries", "microsoft") is False
    assert sso.request_access(s, "eve@elders.nl", "Eve\x1b[31m", "google") is True
    found = sso.list_requests(s.read())
    assert [(r["email"], r["name"], r["provider"]) for r in found] == [
        ("jan@elders.nl", "Jan de Vries", "microsoft"), ("eve@elders.nl", None, "google")]
    with pytest.raises(access.PermissionDenied):
        sso.grant_request(s, EDITOR, found[0]["id"], "viewer")
    added = sso.grant_request(s, ADMIN, found[0]["id"], "editor")
    assert added == access.Actor("Jan de Vries", "editor", False)
    assert sso.actor_for_identity(s.read(), "jan@elders.nl") == added
    # No name from the provider: the user is named by the address.
    sso.dismiss_request(s, ADMIN, found[1]["id"])
    assert sso.list_requests(s.read()) == []
    with pytest.raises(users.UserError) as refused:
        sso.dismiss_request(s, ADMIN, found[1]["id"])
    assert refused.value.code == "request_unknown"
    log = s.read().execute("SELECT actor, action, entity_id, detail FROM audit_log "
                           "WHERE action LIKE 'access.%' OR action = 'user.add' ORDER BY id").fetchall()
    assert [r[:3] for r in log] == [
        ("anna.admin", "user.add", "Ada"), ("jan@elders.nl", "access.request", "jan@elders.nl"),
        ("eve@elders.nl", "access.request", "eve@elders.nl"), ("anna.admin", "user.add", "Jan de Vries"),
        ("anna.admin", "access.dismiss", "eve@elders.nl")]
    assert log[1][3] == '{"provider": "microsoft"}'


def test_granting_a_request_whose_name_is_taken_names_the_user_by_address(s):
    sso.request_access(s, "ada@elders.nl", "Ada", "google")
    added = sso.grant_request(s, ADMIN, sso.list_requests(s.read())[0]["id"], "viewer")
    assert added.name == "ada@elders.nl"


def test_a_provider_sign_in_is_audited_with_the_provider(s):
    sso.record_login(s, access.Actor("Ada", "admin"), "microsoft")
    assert users.list_users(s.read())[0]["last_login"] is not None
    assert s.read().execute("SELECT actor, action, detail FROM audit_log ORDER BY id DESC LIMIT 1").fetchone() == (
        "Ada", "user.login", '{"provider": "microsoft"}')


def test_a_restore_brings_back_no_revoked_domain_role_and_loses_no_request(s):
    from core import backup, restore

    sso.set_domain_role(s, ADMIN, "bedrijf.nl", "editor")
    saved = backup.backup(s.path, reason="manual")
    sso.remove_domain_role(s, ADMIN, "bedrijf.nl")
    sso.set_domain_role(s, ADMIN, "elders.nl", "viewer")
    sso.request_access(s, "piet@derden.nl", "Piet", "google")
    restore.restore(s.path, saved, actor=ADMIN)
    db = s.read()
    assert [d["domain"] for d in sso.list_domain_roles(db)] == ["elders.nl"]
    assert [r["email"] for r in sso.list_requests(db)] == ["piet@derden.nl"]
    assert sso.actor_for_identity(db, "jan@bedrijf.nl") is None


def test_a_reload_with_the_same_token_is_not_a_new_sign_in(s):
    ada = access.Actor("Ada", "admin")
    assert sso.record_login(s, ada, "google", 1_790_000_000) is True
    assert sso.record_login(s, ada, "google", 1_790_000_000) is False
    assert sso.record_login(s, ada, "google", 1_790_003_600) is True
    assert s.read().execute("SELECT detail FROM audit_log WHERE action = 'user.login'").fetchall() == [
        ('{"provider": "google", "issued": 1790000000}',), ('{"provider": "google", "issued": 1790003600}',)]
