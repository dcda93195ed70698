"""Users of the app: names, roles, bcrypt password hashes, sign-in slowed down per client.

A store without users runs in single-user local mode (``access.LOCAL``); once one user
exists every page needs a sign-in. Passwords are kept only as bcrypt hashes; an e-mail
address (for sign-in through an identity provider, ``st.login``) only as ``email_key``,
the keyed pseudonym the importers use (HMAC-SHA256 with the store's secret) of
``"login:" + the lower-cased address`` — the prefix keeps a user's key different from the
pseudonym their usage rows carry, so an account cannot be joined to that person's data.

Managing users is for admins (``role="admin"`` on every write); a user may change their
own password. Sign-in writes (failure counts, last login) act as ``access.SYSTEM`` and do
not bump the data version, so a failed sign-in never empties the figure caches. A password
sign-in survives a reload of the page through a signed, expiring token the browser keeps
(``session_token`` / ``actor_for_token``).
"""
import base64
import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import re

import bcrypt

from core import access, settings, store as store_mod, validate
from core.pseudonyms import SECRET_KEY, new_secret, pseudonym, store_secret

MIN_PASSWORD = 10
MAX_PASSWORD_BYTES = 72        # bcrypt reads no further
MAX_NAME = 60
BCRYPT_ROUNDS = 12
MAX_LOGIN_FAILURE_ROWS = 1000  # unknown names remembered at most (oldest dropped)
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

_COLUMNS = ("name", "role", "see_notes", "created_at", "last_login", "has_password", "has_email")
FIRST_WAIT_SECONDS = 30        # the first wait after login_max_failures failures; doubles after
ADDRESS_ALLOWANCE = 4          # an address as a whole gets this many times the failures


class UserError(access.InputError):
    """Bad input for a user (catalog key ``access.error.<code>`` with ``params``)."""

    def __init__(self, code, **params):
        super().__init__(f"access.error.{code}", **params)
        self.code = code


class LoginFailed(access.InputError):
    """A sign-in that did not succeed: ``reason`` ``invalid`` or ``wait``; ``until`` (UTC
    ``datetime``) until when this client must wait, for ``wait``.

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
    for row in db.execute("SELECT id, name, role, password_hash, see_notes, sessions_after "
                          "FROM users"):
        if row[1].casefold() == wanted:
            return dict(zip(("id", "name", "role", "password_hash", "see_notes", "sessions_after"),
                            row))
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
    """Every user, by name: ``name, role, see_notes, created_at, last_login, has_password,
    has_email, slowed_until`` (``slowed_until``: until when some client must wait before it
    may try this account's password again, if that is after ``now``, default the present;
    else ``None``). Never a hash or a key."""
    now = _utc(now)
    waits = {}
    for account, until in db.execute("SELECT account, locked_until FROM login_failures "
                                     "WHERE account IS NOT NULL AND locked_until IS NOT NULL"):
        if now < _parse(until) and (account not in waits or waits[account] < until):
            waits[account] = until
    rows = db.execute(
        "SELECT name, role, see_notes, created_at, last_login, password_hash IS NOT NULL, "
        "email_key IS NOT NULL FROM users ORDER BY name COLLATE NOCASE")
    return [dict(zip(_COLUMNS, r), see_notes=bool(r[2]), has_password=bool(r[5]),
                 has_email=bool(r[6]), slowed_until=waits.get(r[0])) for r in rows]


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
    """Set a user's password (an admin for anyone; any user for themself); every remembered
    session of the user ends (``sessions_after``).

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
        db.execute("UPDATE users SET password_hash = ?, sessions_after = ? WHERE id = ?",
                   [hashed, _utc().isoformat(), row["id"]])
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


def _throttle_keys(db, typed, client):
    """The ``login_failures`` keys of a sign-in attempt: one for the account and the client
    (the browser), one for the account and the client's address (any browser there).

    Keyed hashes (the store's pseudonym secret, made when missing — inside the caller's
    write; before it exists no key can have a row) of the case-folded typed name, never the
    text itself: it is often a password typed in the wrong field."""
    secret = store_secret(db)
    if secret is None:
        secret = new_secret()
        store_mod.set_setting(db, SECRET_KEY, secret)
    return (pseudonym(secret, f"login-client:{typed}|{client.address}|{client.browser}"),
            pseudonym(secret, f"login-address:{typed}|{client.address}"))


@dataclasses.dataclass(frozen=True)
class Client:
    """Where a sign-in attempt comes from: ``address`` (the connection's IP address,
    ``"local"`` for this computer) and ``browser`` (an id the browser keeps, else the
    session's). Failed attempts slow down this client, never the account elsewhere."""

    address: str = "local"
    browser: str = ""


def _waits(db, keys, now):
    """The latest moment any of ``keys`` must wait until, if it is still ahead of ``now``."""
    found = [_parse(r[0]) for r in db.execute(
        f"SELECT locked_until FROM login_failures WHERE name IN ({', '.join('?' * len(keys))}) "
        "AND locked_until IS NOT NULL", list(keys))]
    ahead = [u for u in found if now < u]
    return max(ahead) if ahead else None


def throttle_wait(failures, free, longest_minutes):
    """Seconds a client waits after its ``failures``-th failure in a row: none before
    ``free`` failures, then ``FIRST_WAIT_SECONDS``, doubling with each further failure, at
    most ``longest_minutes``."""
    if failures < free:
        return 0
    return min(FIRST_WAIT_SECONDS * 2 ** min(failures - free, 30), longest_minutes * 60)


def authenticate(store, name, password, client=None, now=None):
    """Check a name and password; return the user's ``access.Actor``.

    Failed attempts slow down the client that makes them, never the account for everyone:
    after ``login_max_failures`` (setting, default 5) failures in a row for one account
    from one browser, that browser waits ``FIRST_WAIT_SECONDS`` before it may try again,
    twice as long after each further failure, at most ``login_lock_minutes`` (default 15).
    Any browser at the same address gets ``ADDRESS_ALLOWANCE`` times as many attempts
    before it waits (a script that throws its cookies away is slowed down too). The same
    account from another browser, another address or the identity provider signs in as
    usual. A name that matches no user costs the same bcrypt time and is slowed down the
    same way. Every sign-in and failed sign-in is in the audit log (``user.login``,
    ``user.login_failed``, with the provider ``password`` and the client's address); an
    attempt refused because its client must wait is not checked and not logged again.

    The slow bcrypt check runs outside the write lock; the wait and the new failure counts
    are decided inside it (``store.write``, ``BEGIN IMMEDIATE``): the counts are
    incremented in SQL, so parallel attempts cannot overwrite each other's count.

    :param client: a ``Client`` (default: this computer, no browser id).
    :param now: the moment of the attempt (UTC; for tests), default now.
    :raises LoginFailed: ``invalid`` (wrong name or password, never saying which) or
        ``wait`` with ``until``.
    """
    now = _utc(now)
    client = client or Client()
    password = password if isinstance(password, str) else ""
    typed = str(name).strip().casefold()[:200]
    db = store.read()
    secret = store_secret(db)
    if secret is not None:
        until = _waits(db, _throttle_keys(db, typed, client), now)
        if until:
            raise LoginFailed("wait", until)
    row = _find(db, name)
    if row is not None and row["password_hash"]:
        entered = password.encode("utf-8")
        # bcrypt refuses more than 72 bytes; such a password was never accepted, so it
        # cannot match (checked all the same, for the time it takes).
        ok = bcrypt.checkpw(entered if len(entered) <= MAX_PASSWORD_BYTES else b"",
                            row["password_hash"].encode("ascii"))
    else:
        _dummy_check(password)
        ok = False
    outcome, actor = None, None
    with store.write(access.SYSTEM, role="admin", bump_version=False) as w:
        keys = _throttle_keys(w, typed, client)
        current = None if row is None else w.execute(
            "SELECT name, role, see_notes, password_hash FROM users WHERE id = ?",
            [row["id"]]).fetchone()
        until = _waits(w, keys, now)
        if until:
            outcome = LoginFailed("wait", until)      # a parallel attempt started the wait
        elif ok and current is not None and current[3] == row["password_hash"]:
            actor = access.Actor(current[0], current[1], bool(current[2]))
            w.execute("UPDATE users SET last_login = ? WHERE id = ?", [_iso(now), row["id"]])
            w.execute("DELETE FROM login_failures WHERE name IN (?, ?)", list(keys))
            store_mod.audit(w, actor, "user.login", "users", current[0],
                            {"provider": "password", "client": client.address})
        else:
            outcome = _count_failure(w, keys, None if current is None else current[0], client, now)
    if outcome is not None:
        raise outcome
    return actor


def _count_failure(w, keys, account, client, now):
    """Count a failed attempt for both of its keys (inside the caller's write); return the
    ``LoginFailed`` to raise."""
    free = settings.value(w, "login_max_failures")
    longest = settings.value(w, "login_lock_minutes")
    # Keep the table small: forget sources whose wait has passed and that failed long ago.
    w.execute("DELETE FROM login_failures WHERE last_at < ? AND (locked_until IS NULL "
              "OR locked_until < ?)", [_iso(now - dt.timedelta(days=1)), _iso(now)])
    waits = []
    for key, allowance in zip(keys, (1, ADDRESS_ALLOWANCE)):
        w.execute("INSERT INTO login_failures (name, account, failures, locked_until, last_at) "
                  "VALUES (?, ?, 1, NULL, ?) ON CONFLICT(name) DO UPDATE SET "
                  "failures = failures + 1, last_at = excluded.last_at",
                  [key, account, _iso(now)])
        failures = w.execute("SELECT failures FROM login_failures WHERE name = ?", [key]).fetchone()[0]
        wait = throttle_wait(failures, free * allowance, longest)
        if wait:
            w.execute("UPDATE login_failures SET locked_until = ? WHERE name = ?",
                      [_iso(now + dt.timedelta(seconds=wait)), key])
        waits.append((wait, failures))
    wait, failures = max(waits)
    detail = {"provider": "password", "client": client.address, "failures": waits[0][1]}
    if wait:
        detail["wait_seconds"] = wait
    store_mod.audit(w, access.SYSTEM, "user.login_failed", "users", account, detail)
    w.execute("DELETE FROM login_failures WHERE name NOT IN (SELECT name FROM login_failures "
              "ORDER BY last_at DESC LIMIT ?)", [MAX_LOGIN_FAILURE_ROWS])
    return LoginFailed("wait", now + dt.timedelta(seconds=wait)) if wait else LoginFailed("invalid")


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


# ---------------------------------------------------------------- remembered password sessions

def _session_key(secret):
    return hmac.new(secret.encode(), b"draagvlak password session", hashlib.sha256).digest()


def _secret_of(store):
    """The store's pseudonym secret, made (in a write of its own) when there is none yet."""
    secret = store_secret(store.read())
    if secret is None:
        with store.write(access.SYSTEM, role="admin", bump_version=False) as w:
            secret = store_secret(w)
            if secret is None:
                secret = new_secret()
                store_mod.set_setting(w, SECRET_KEY, secret)
    return secret


def session_token(store, name, issued=None, now=None):
    """A signed token that lets this browser resume ``name``'s password sign-in after a
    reload, and its expiry (UTC): ``session_timeout_minutes`` after ``now``. ``issued`` is
    when the user signed in (default ``now``): a later token for the same sign-in keeps it,
    so a log-out or a new password (``sessions_after``) voids every token of that sign-in.

    The token holds the user's name, the sign-in time and the expiry, signed with a key
    derived from the store's secret (HMAC-SHA256); it grants nothing once the user is gone,
    has no password any more, or was logged out after ``issued``."""
    now = _utc(now)
    issued = _utc(issued) if issued else now
    expires = now + dt.timedelta(minutes=session_timeout_minutes(store.read()))
    body = base64.urlsafe_b64encode(json.dumps(
        {"u": str(name), "i": issued.timestamp(), "e": int(expires.timestamp())},
        separators=(",", ":")).encode()).decode().rstrip("=")
    mac = hmac.new(_session_key(_secret_of(store)), body.encode(), hashlib.sha256).hexdigest()
    return f"{body}.{mac}", expires


def actor_for_token(db, token, now=None):
    """``(actor, issued)`` of the password sign-in a token from ``session_token`` resumes,
    or ``None``: a bad signature, an expired token, an unknown user, a user without a
    password, or a token issued before the user's ``sessions_after``."""
    secret = store_secret(db)
    if not secret or not isinstance(token, str) or token.count(".") != 1:
        return None
    body, mac = token.split(".")
    wanted = hmac.new(_session_key(secret), body.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(wanted, mac):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        name, issued, expires = str(data["u"]), float(data["i"]), float(data["e"])
    except (ValueError, KeyError, TypeError):
        return None
    if _utc(now).timestamp() >= expires:
        return None
    row = _find(db, name)
    if row is None or not row["password_hash"]:
        return None
    if row["sessions_after"] and issued <= _parse(row["sessions_after"]).timestamp():
        return None
    return _actor(row), dt.datetime.fromtimestamp(issued, dt.timezone.utc)


def end_sessions(store, actor):
    """Void every remembered password session ``actor`` has (a log-out): a token issued
    before now no longer resumes a sign-in. Audited as ``user.logout``."""
    with store.write(access.SYSTEM, role="admin", bump_version=False) as w:
        row = _find(w, actor.name)
        if row is None:
            return
        w.execute("UPDATE users SET sessions_after = ? WHERE id = ?",
                  [_utc().isoformat(), row["id"]])
        store_mod.audit(w, actor, "user.logout", "users", row["name"])
