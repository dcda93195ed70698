"""Users of the app: names, roles, bcrypt password hashes, sign-in with lockout.

A store without users runs in single-user local mode (``access.LOCAL``); once one user
exists every page needs a sign-in. Passwords are kept only as bcrypt hashes; an e-mail
address (for sign-in through an identity provider, ``st.login``) only as ``email_key``,
the keyed pseudonym the importers use (HMAC-SHA256 with the store's secret) of
``"login:" + the lower-cased address`` — the prefix keeps a user's key different from the
pseudonym their usage rows carry, so an account cannot be joined to that person's data.

Managing users is for admins (``role="admin"`` on every write); a user may change their
own password. Sign-in writes (failure counts, last login) act as ``access.SYSTEM`` and do
not bump the data version, so a failed sign-in never empties the figure caches.
"""
import datetime as dt
import re

import bcrypt

from core import access, settings, store as store_mod, validate
from core.importers.common import SECRET_KEY, new_secret, pseudonym, store_secret

MIN_PASSWORD = 10
MAX_PASSWORD_BYTES = 72        # bcrypt reads no further
MAX_NAME = 60
BCRYPT_ROUNDS = 12
MAX_LOGIN_FAILURE_ROWS = 1000  # unknown names remembered at most (oldest dropped)
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

_COLUMNS = ("name", "role", "see_notes", "created_at", "failed_logins", "locked_until",
            "last_login", "has_password", "has_email")


class UserError(access.InputError):
    """Bad input for a user (catalog key ``access.error.<code>`` with ``params``)."""

    def __init__(self, code, **params):
        super().__init__(f"access.error.{code}", **params)
        self.code = code


class LoginFailed(access.InputError):
    """A sign-in that did not succeed: ``reason`` ``invalid`` or ``locked``; ``until`` (UTC
    ``datetime``) when the lock ends, for ``locked``.

    ``invalid`` never says whether the name or the password was wrong.
    """

    def __init__(self, reason, until=None):
        params = {"until": until.strftime("%H:%M UTC")} if until else {}
        super().__init__(f"access.login.{reason}", **params)
        self.reason = reason
        self.until = until


def _utc(now=None):
    now = now or dt.datetime.now(dt.timezone.utc)
    return now if now.tzinfo else now.replace(tzinfo=dt.timezone.utc)


def _iso(moment):
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def _parse(text):
    return None if not text else _utc(dt.datetime.fromisoformat(text))


def _hash(password):
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(BCRYPT_ROUNDS)).decode("ascii")


_DUMMY = {}


def _dummy_check(password):
    # An unknown name (or a user without a password) costs one bcrypt check too, so the
    # time a refusal takes does not tell which names exist.
    if BCRYPT_ROUNDS not in _DUMMY:
        _DUMMY[BCRYPT_ROUNDS] = _hash("dummy password, never matches")
    bcrypt.checkpw(password.encode("utf-8")[:MAX_PASSWORD_BYTES], _DUMMY[BCRYPT_ROUNDS].encode("ascii"))


def _check_password(password):
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise UserError("password_short", min=MIN_PASSWORD)
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise UserError("password_long", max=MAX_PASSWORD_BYTES)


def _check_name(name):
    try:
        name = validate.clean_text(name, max_len=MAX_NAME)
    except validate.TextProblem as problem:
        if problem.code == "too_long":
            raise UserError("name_long", max=MAX_NAME) from None
        raise UserError("name_invalid") from None
    if not name:
        raise UserError("name_required")
    return name


def _check_role(role):
    if role not in access.ROLES:
        raise UserError("role_unknown", role=str(role))
    return role


def _email_key(secret, email):
    return pseudonym(secret, "login:" + email.strip().lower())


def _check_email(email):
    email = str(email).strip()
    if not EMAIL_RE.match(email) or len(email) > 254:
        raise UserError("email_invalid")
    return email


def _find(db, name):
    """The user row whose name equals ``name`` ignoring case (Unicode case folding), or None."""
    wanted = str(name).strip().casefold()
    for row in db.execute("SELECT id, name, role, password_hash, see_notes, failed_logins, "
                          "locked_until FROM users"):
        if row[1].casefold() == wanted:
            return dict(zip(("id", "name", "role", "password_hash", "see_notes", "failed_logins",
                             "locked_until"), row))
    return None


def _actor(row):
    return access.Actor(row["name"], row["role"], bool(row["see_notes"]))


def actor_named(db, name):
    """The ``access.Actor`` of user ``name`` (case ignored) with their role as stored now,
    or ``None`` when no such user exists (any more)."""
    row = _find(db, name)
    return None if row is None else _actor(row)


def has_users(db):
    """Whether any user is defined (then every page needs a sign-in)."""
    return db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None


def list_users(db, now=None):
    """Every user, by name: ``name, role, see_notes, created_at, failed_logins, locked_until,
    last_login, has_password, has_email, locked`` (``locked``: the lock holds at ``now``,
    default the present). Never a hash or a key."""
    now = _utc(now)
    rows = db.execute(
        "SELECT name, role, see_notes, created_at, failed_logins, locked_until, last_login, "
        "password_hash IS NOT NULL, email_key IS NOT NULL FROM users ORDER BY name COLLATE NOCASE")
    return [dict(zip(_COLUMNS, r), see_notes=bool(r[2]), has_password=bool(r[7]),
                 has_email=bool(r[8]), locked=bool(r[5]) and now < _parse(r[5])) for r in rows]


def add_user(store, actor, name, role, password=None, email=None, see_notes=False):
    """Add a user (admin only); return their ``access.Actor``.

    :param password: at least 10 characters (at most 72 bytes), kept as a bcrypt hash.
    :param email: for sign-in through the organisation's identity provider; kept only as a
        keyed pseudonym. A password or an e-mail address is required.
    :param see_notes: let a viewer read the stakeholder notes.
    :raises UserError: ``name_required``, ``name_long``, ``name_invalid``, ``name_taken``,
        ``role_unknown``, ``password_or_email``, ``password_short``, ``password_long``,
        ``email_invalid``, ``email_taken``.
    :raises access.PermissionDenied: ``actor`` is not an admin.
    """
    access.require(actor, "admin")
    name = _check_name(name)
    _check_role(role)
    if not password and not email:
        raise UserError("password_or_email")
    if password:
        _check_password(password)
    if email:
        email = _check_email(email)
    hashed = _hash(password) if password else None
    with store.write(actor, action="user.add", entity="users", entity_id=name,
                     detail={"role": role, "see_notes": bool(see_notes), "password": bool(password),
                             "email": bool(email)},
                     role="admin", bump_version=False) as db:
        if _find(db, name):
            raise UserError("name_taken", name=name)
        key = None
        if email:
            secret = store_secret(db)
            if secret is None:
                secret = new_secret()
                store_mod.set_setting(db, SECRET_KEY, secret)
            key = _email_key(secret, email)
            if db.execute("SELECT 1 FROM users WHERE email_key = ?", [key]).fetchone():
                raise UserError("email_taken")
        db.execute(
            "INSERT INTO users (name, role, password_hash, email_key, see_notes, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [name, role, hashed, key, int(bool(see_notes)), _iso(_utc())])
    return access.Actor(name, role, bool(see_notes))


def set_password(store, actor, name, password):
    """Set a user's password (an admin for anyone; any user for themself); unlocks the account.

    :raises UserError: ``user_unknown``, ``password_short``, ``password_long``.
    """
    own = isinstance(actor, access.Actor) and actor.name.casefold() == str(name).strip().casefold()
    access.require(actor, "viewer" if own else "admin")
    _check_password(password)
    hashed = _hash(password)
    with store.write(actor, role="viewer" if own else "admin", bump_version=False) as db:
        row = _find(db, name)
        if row is None:
            raise UserError("user_unknown", name=str(name))
        db.execute("UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL "
                   "WHERE id = ?", [hashed, row["id"]])
        store_mod.audit(db, actor, "user.passwd", "users", row["name"])


def _admins(db):
    return db.execute("SELECT COUNT(*) FROM users WHERE role = 'admin'").fetchone()[0]


def set_role(store, actor, name, role, see_notes=None):
    """Change a user's role, and ``see_notes`` when given (admin only).

    :raises UserError: ``user_unknown``, ``role_unknown``, ``last_admin`` (the only admin
        cannot be made anything else).
    """
    access.require(actor, "admin")
    _check_role(role)
    with store.write(actor, role="admin", bump_version=False) as db:
        row = _find(db, name)
        if row is None:
            raise UserError("user_unknown", name=str(name))
        if row["role"] == "admin" and role != "admin" and _admins(db) == 1:
            raise UserError("last_admin", name=row["name"])
        notes = row["see_notes"] if see_notes is None else int(bool(see_notes))
        db.execute("UPDATE users SET role = ?, see_notes = ? WHERE id = ?", [role, notes, row["id"]])
        store_mod.audit(db, actor, "user.role", "users", row["name"],
                        {"role": role, "see_notes": bool(notes)})


def remove_user(store, actor, name):
    """Remove a user (admin only); their past actions stay in the audit log under their name.

    :raises UserError: ``user_unknown``, ``last_admin`` (the only admin cannot be removed).
    """
    access.require(actor, "admin")
    with store.write(actor, role="admin", bump_version=False) as db:
        row = _find(db, name)
        if row is None:
            raise UserError("user_unknown", name=str(name))
        if row["role"] == "admin" and _admins(db) == 1:
            raise UserError("last_admin", name=row["name"])
        db.execute("DELETE FROM users WHERE id = ?", [row["id"]])
        store_mod.audit(db, actor, "user.remove", "users", row["name"])


def authenticate(store, name, password, now=None):
    """Check a name and password; return the user's ``access.Actor``.

    After ``login_max_failures`` (setting, default 5) failures in a row the account is
    locked for ``login_lock_minutes`` (default 15); the attempt that reaches the limit
    already reports the lock. A name that matches no user costs the same bcrypt time and is
    rate-limited the same way (table ``login_failures``, keyed by a keyed hash of the
    case-folded name, never the typed text: it is often a password typed in the wrong field).

    The slow bcrypt check runs outside the write lock; whether the account is locked, and
    the new failure count, are decided inside it (``store.write``, ``BEGIN IMMEDIATE``):
    the row is read again there and the count incremented in SQL, so parallel attempts
    cannot overwrite each other's count and slip past the limit.

    :param now: the moment of the attempt (UTC; for tests), default now.
    :raises LoginFailed: ``invalid`` (wrong name or password, never saying which) or
        ``locked`` with ``until``.
    """
    now = _utc(now)
    password = password if isinstance(password, str) else ""
    db = store.read()
    row = _find(db, name)
    if row is None:
        return _refuse_unknown(store, str(name).strip().casefold()[:200], password, now)
    until = _parse(row["locked_until"])
    if until and now < until:
        _dummy_check(password)
        raise LoginFailed("locked", until)
    if row["password_hash"]:
        typed = password.encode("utf-8")
        # bcrypt refuses more than 72 bytes; such a password was never accepted, so it
        # cannot match (checked all the same, for the time it takes).
        ok = bcrypt.checkpw(typed if len(typed) <= MAX_PASSWORD_BYTES else b"",
                            row["password_hash"].encode("ascii"))
    else:
        _dummy_check(password)
        ok = False
    outcome = None
    with store.write(access.SYSTEM, role="admin", bump_version=False) as w:
        max_failures = settings.value(w, "login_max_failures")
        lock = dt.timedelta(minutes=settings.value(w, "login_lock_minutes"))
        current = w.execute("SELECT name, role, see_notes, locked_until, password_hash FROM users "
                            "WHERE id = ?", [row["id"]]).fetchone()
        if current is None or current[4] != row["password_hash"]:
            # Removed, or the password changed while this attempt was being checked.
            outcome = LoginFailed("invalid")
        else:
            until = _parse(current[3])
            if until and now < until:
                outcome = LoginFailed("locked", until)
            elif ok:
                actor = access.Actor(current[0], current[1], bool(current[2]))
                w.execute("UPDATE users SET failed_logins = 0, locked_until = NULL, last_login = ? "
                          "WHERE id = ?", [_iso(now), row["id"]])
                store_mod.audit(w, actor, "user.login", "users", current[0])
            else:
                # A passed lock starts the count afresh.
                w.execute("UPDATE users SET failed_logins = CASE WHEN locked_until IS NULL "
                          "THEN failed_logins + 1 ELSE 1 END, locked_until = NULL WHERE id = ?",
                          [row["id"]])
                failures = w.execute("SELECT failed_logins FROM users WHERE id = ?",
                                     [row["id"]]).fetchone()[0]
                if failures >= max_failures:
                    w.execute("UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?",
                              [_iso(now + lock), row["id"]])
                    store_mod.audit(w, access.SYSTEM, "user.locked", "users", current[0],
                                    {"failures": failures})
                    outcome = LoginFailed("locked", now + lock)
                else:
                    outcome = LoginFailed("invalid")
    if outcome is not None:
        raise outcome
    return actor


def _name_key(db, typed):
    """The ``login_failures`` key of a typed name: HMAC-SHA256 (the store's pseudonym secret,
    made when missing — inside the caller's write) of ``"login-name:" + typed``."""
    secret = store_secret(db)
    if secret is None:
        secret = new_secret()
        store_mod.set_setting(db, SECRET_KEY, secret)
    return pseudonym(secret, "login-name:" + typed)


def _refuse_unknown(store, typed, password, now):
    _dummy_check(password)
    with store.write(access.SYSTEM, role="admin", bump_version=False) as w:
        max_failures = settings.value(w, "login_max_failures")
        lock = dt.timedelta(minutes=settings.value(w, "login_lock_minutes"))
        key = _name_key(w, typed)
        found = w.execute("SELECT locked_until FROM login_failures WHERE name = ?", [key]).fetchone()
        until = _parse(found[0]) if found else None
        if until and now < until:
            outcome = LoginFailed("locked", until)
        else:
            # Keep the table small: forget names whose lock has passed or that failed long ago.
            w.execute("DELETE FROM login_failures WHERE (locked_until IS NOT NULL AND locked_until < ?) "
                      "OR last_at < ?", [_iso(now), _iso(now - dt.timedelta(days=1))])
            w.execute("INSERT INTO login_failures (name, failures, locked_until, last_at) "
                      "VALUES (?, 1, NULL, ?) ON CONFLICT(name) DO UPDATE SET "
                      "failures = CASE WHEN locked_until IS NULL THEN failures + 1 ELSE 1 END, "
                      "locked_until = NULL, last_at = excluded.last_at", [key, _iso(now)])
            failures = w.execute("SELECT failures FROM login_failures WHERE name = ?",
                                 [key]).fetchone()[0]
            if failures >= max_failures:
                w.execute("UPDATE login_failures SET failures = 0, locked_until = ? WHERE name = ?",
                          [_iso(now + lock), key])
                outcome = LoginFailed("locked", now + lock)
            else:
                outcome = LoginFailed("invalid")
            w.execute("DELETE FROM login_failures WHERE name NOT IN (SELECT name FROM login_failures "
                      "ORDER BY last_at DESC LIMIT ?)", [MAX_LOGIN_FAILURE_ROWS])
    raise outcome


def actor_for_email(db, email):
    """The ``access.Actor`` of the user with this e-mail address (sign-in through ``st.login``),
    or ``None`` when no user has it (or the store has no pseudonym secret yet)."""
    secret = store_secret(db)
    if not secret or not email:
        return None
    row = db.execute("SELECT name, role, see_notes FROM users WHERE email_key = ?",
                     [_email_key(secret, str(email))]).fetchone()
    return None if row is None else access.Actor(row[0], row[1], bool(row[2]))


def session_timeout_minutes(db):
    """Minutes of inactivity after which a session signs out (setting, default 30)."""
    return settings.value(db, "session_timeout_minutes")
