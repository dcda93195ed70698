"""Sign-in through the organisation's identity provider (``st.login``): who gets which role.

A person who signed in at the provider (Microsoft Entra ID, Google, any OpenID Connect
provider configured in ``.streamlit/secrets.toml``) gets, by their e-mail address:

1. the role of the user whose e-mail address it is (``users.add_user(..., email=...)``);
2. else the role given to the address's whole domain (``set_domain_role``: everyone at
   ``bedrijf.nl`` is a viewer), acting under their address;
3. else no role: they see "ask your admin", and an access request (``request_access``)
   waits on the Access & privacy page until an admin grants it (``grant_request``, which
   adds them as a user) or dismisses it.

An address the provider marks as not verified (``email_verified`` false) gets no role.
Pages never see a figure without a role. Every sign-in (``user.login``), domain role change
and request is in the audit log, with the provider.
"""
import datetime as dt
import json
import re

from core import access, store as store_mod, users, validate

DOMAIN_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def _now():
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def check_domain(domain):
    """``domain`` in lower case without a leading ``@``.

    :raises users.UserError: ``domain_invalid``.
    """
    clean = str(domain).strip().lower().lstrip("@")
    if not DOMAIN_RE.match(clean):
        raise users.UserError("domain_invalid", domain=str(domain).strip()[:80])
    return clean


def identity_email(claims):
    """The e-mail address the provider vouches for in ``claims`` (``st.user``), lower-cased,
    or ``None``: the ``email`` claim, else an address-shaped ``preferred_username`` (Entra
    ID sends the UPN there when no e-mail claim is configured); ``None`` when the provider
    says the address is not verified."""
    if claims.get("email_verified") is False:
        return None
    for field in ("email", "preferred_username", "upn"):
        value = claims.get(field)
        if isinstance(value, str) and users.EMAIL_RE.match(value.strip()):
            return value.strip().lower()
    return None


def actor_for_identity(db, email):
    """The ``access.Actor`` for a person the provider signed in with ``email``: the user with
    that address, else their domain's role (named by the address), else ``None``."""
    if not email:
        return None
    actor = users.actor_for_email(db, email)
    if actor is not None:
        return actor
    domain = email.rpartition("@")[2].lower()
    row = db.execute("SELECT role, see_notes FROM domain_roles WHERE domain = ?", [domain]).fetchone()
    return None if row is None else access.Actor(email.lower(), row[0], bool(row[1]))


def list_domain_roles(db):
    """Every domain with a role: ``domain, role, see_notes, created_at``, by domain."""
    return [{"domain": r[0], "role": r[1], "see_notes": bool(r[2]), "created_at": r[3]}
            for r in db.execute("SELECT domain, role, see_notes, created_at FROM domain_roles "
                                "ORDER BY domain")]


def set_domain_role(store, actor, domain, role, see_notes=False):
    """Give everyone who signs in at the provider with an address at ``domain`` ``role``
    (admin only); a user with their own e-mail address keeps their own role. Returns the
    clean domain.

    :raises users.UserError: ``domain_invalid``, ``role_unknown``.
    """
    access.require(actor, "admin")
    domain = check_domain(domain)
    if role not in access.ROLES:
        raise users.UserError("role_unknown", role=str(role))
    with store.write(actor, action="domain.role", entity="domain_roles", entity_id=domain,
                     detail={"role": role, "see_notes": bool(see_notes)},
                     role="admin", bump_version=False) as db:
        db.execute("INSERT INTO domain_roles (domain, role, see_notes, created_at) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT(domain) DO UPDATE SET role = excluded.role, "
                   "see_notes = excluded.see_notes", [domain, role, int(bool(see_notes)), _now()])
    return domain


def remove_domain_role(store, actor, domain):
    """Take the role away from a domain (admin only).

    :raises users.UserError: ``domain_invalid``, ``domain_unknown``.
    """
    access.require(actor, "admin")
    domain = check_domain(domain)
    with store.write(actor, role="admin", bump_version=False) as db:
        if not db.execute("DELETE FROM domain_roles WHERE domain = ?", [domain]).rowcount:
            raise users.UserError("domain_unknown", domain=domain)
        store_mod.audit(db, actor, "domain.remove", "domain_roles", domain)


def request_access(store, email, name=None, provider=None):
    """Record that ``email`` signed in at ``provider`` without a role (once: a second
    request for the address changes nothing); return whether it is new. Audited as
    ``access.request``."""
    email = str(email).strip().lower()
    try:
        name = validate.clean_text(str(name), max_len=10_000)[:users.MAX_NAME].strip() if name else None
    except validate.TextProblem:
        name = None     # control characters: the admin names them when granting
    with store.write(access.SYSTEM, role="admin", bump_version=False) as db:
        if db.execute("SELECT 1 FROM access_requests WHERE email = ?", [email]).fetchone():
            return False
        db.execute("INSERT INTO access_requests (email, name, provider, requested_at) "
                   "VALUES (?, ?, ?, ?)", [email, name or None, provider, _now()])
        store_mod.audit(db, access.Actor(email, "viewer"), "access.request", "access_requests",
                        email, {"provider": provider})
    return True


def list_requests(db):
    """Open access requests, oldest first: ``id, email, name, provider, requested_at``."""
    return [dict(zip(("id", "email", "name", "provider", "requested_at"), r)) for r in db.execute(
        "SELECT id, email, name, provider, requested_at FROM access_requests ORDER BY id")]


def _request(db, request_id):
    row = db.execute("SELECT email, name FROM access_requests WHERE id = ?", [request_id]).fetchone()
    if row is None:
        raise users.UserError("request_unknown")
    return row


def grant_request(store, actor, request_id, role, see_notes=False):
    """Grant an access request (admin only): add its person as a user with their e-mail
    address and ``role`` (named as the provider named them, else by the address) and
    remove the request. Returns the new user's ``access.Actor``.

    :raises users.UserError: ``request_unknown`` and whatever ``users.add_user`` raises.
    """
    access.require(actor, "admin")
    email, name = _request(store.read(), request_id)
    with store.write(actor, role="admin", bump_version=False) as db:
        taken = name and users.actor_named(db, name) is not None
        added = users.add_user(store, actor, email if taken or not name else name, role,
                               email=email, see_notes=see_notes)
        db.execute("DELETE FROM access_requests WHERE id = ?", [request_id])
    return added


def dismiss_request(store, actor, request_id):
    """Remove an access request without granting it (admin only); audited as
    ``access.dismiss``. The person may ask again by signing in again.

    :raises users.UserError: ``request_unknown``.
    """
    access.require(actor, "admin")
    with store.write(actor, role="admin", bump_version=False) as db:
        email, _ = _request(db, request_id)
        db.execute("DELETE FROM access_requests WHERE id = ?", [request_id])
        store_mod.audit(db, actor, "access.dismiss", "access_requests", email)


def record_login(store, actor, provider, issued=None):
    """Audit a sign-in through the identity provider (``user.login`` with the provider);
    a user with their own address gets their ``last_login`` updated. ``issued`` is the ID
    token's ``iat``: a reload brings the same token again, and that sign-in is not
    recorded twice. Returns whether it was recorded."""
    detail = {"provider": provider}
    if isinstance(issued, (int, float)) and not isinstance(issued, bool):
        detail["issued"] = int(issued)
    with store.write(access.SYSTEM, role="admin", bump_version=False) as db:
        if "issued" in detail and db.execute(
                "SELECT 1 FROM audit_log WHERE action = 'user.login' AND actor = ? AND detail = ?",
                [actor.name, json.dumps(detail, ensure_ascii=False)]).fetchone():
            return False
        db.execute("UPDATE users SET last_login = ? WHERE name = ?", [_now(), actor.name])
        store_mod.audit(db, actor, "user.login", "users", actor.name, detail)
    return True
