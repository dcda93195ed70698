"""Backups of the store, restoring one, and telling a damaged store from a sound one.

Backups use SQLite's online backup API, so they are consistent even while the app writes.
They live in a ``backups`` folder beside the store, named ``<store>-<UTC time>[-<reason>].db``;
the newest ``keep_backups`` (setting, default 10) are kept.
"""
import datetime as dt
import re
import sqlite3
from pathlib import Path

DEFAULT_KEEP = 10
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}\d*Z)(?:-(?P<reason>[a-z0-9_]+))?\.db$")


class StoreProblem(Exception):
    """The store file cannot be used; ``code`` says why (not_sqlite, damaged, integrity)."""

    def __init__(self, code, detail=""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def backup_dir(store_path):
    return Path(store_path).resolve().parent / "backups"


def _stamp():
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def _copy(source, target):
    """Copy the SQLite file ``source`` to ``target`` with SQLite's online backup API (safe
    while others read and write the source)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def backup(store_path, to=None, reason=None, keep=None):
    """Copy the store to ``to`` (default: a new file in the backups folder) and return its path.

    :param reason: a short word in the file name (``migration``, ``import``, ``manual``).
    :param keep: prune the backups folder to this many files afterwards (default: no pruning).
    """
    store_path = Path(store_path)
    if to is None:
        folder = backup_dir(store_path)
        folder.mkdir(parents=True, exist_ok=True)
        suffix = f"-{reason}" if reason else ""
        to = folder / f"{store_path.stem}-{_stamp()}{suffix}.db"
    to = Path(to)
    if to.exists():
        raise FileExistsError(f"{to} already exists")
    _copy(store_path, to)
    if keep is not None:
        prune(store_path, keep)
    return to


def list_backups(store_path):
    """Backups of this store, newest first, as dicts (path, taken_at, reason, size)."""
    folder = backup_dir(store_path)
    found = []
    for path in folder.glob(f"{Path(store_path).stem}-*.db") if folder.exists() else ():
        match = _NAME.match(path.name)
        if not match or match["stem"] != Path(store_path).stem:
            continue
        taken = dt.datetime.strptime(match["stamp"][:15], "%Y%m%dT%H%M%S").replace(
            tzinfo=dt.timezone.utc)
        found.append({"path": path, "taken_at": taken, "reason": match["reason"],
                      "size": path.stat().st_size, "stamp": match["stamp"]})
    return sorted(found, key=lambda b: b["stamp"], reverse=True)


def prune(store_path, keep=DEFAULT_KEEP):
    """Delete all but the newest ``keep`` backups of this store."""
    for old in list_backups(store_path)[max(0, keep):]:
        old["path"].unlink()


def check(path, full=True):
    """Raise ``StoreProblem`` when the file at ``path`` is not a sound SQLite store.

    The quick part (always) reads the header: the SQLite signature, and a file at least as
    long as the page count it declares (a copy broken off half-way is shorter), then the
    schema. ``full`` adds ``PRAGMA integrity_check``, which reads every page (seconds on a
    large store). A missing file is fine: a new store will be made. Never changes the file.
    """
    path = Path(path)
    if not path.exists():
        return
    size = path.stat().st_size
    with open(path, "rb") as fh:
        header = fh.read(100)
    if size == 0:
        return
    if not header.startswith(b"SQLite format 3\x00"):
        raise StoreProblem("not_sqlite")
    if len(header) < 100:
        raise StoreProblem("damaged", f"{size} bytes")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if pages and size < pages * page_size:
        raise StoreProblem("damaged", f"{size} of {pages * page_size} bytes")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            result = conn.execute("PRAGMA integrity_check(5)").fetchall() if full else [("ok",)]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreProblem("damaged", str(exc)) from None
    if [r[0] for r in result] != ["ok"]:
        raise StoreProblem("integrity", "; ".join(r[0] for r in result))


def restore(store_path, backup_path, actor=None):
    """Put a backup's contents in the store's place and return where the replaced state is kept.

    The backup is first prepared in a temporary copy beside the store (migrated to the
    current schema). When the current store is sound, the copy takes over from it what a
    backup must not turn back: the ``users``, ``login_failures``, ``domain_roles`` and
    ``access_requests`` tables (no removed user, old role, old password or revoked domain
    role comes back), every ``audit_log`` row the backup lacks (the log
    is append-only, so the backup's log is normally a prefix of the current one: the newer
    rows are appended with their ids; otherwise every current row not in the backup, matched
    on time, actor, action and entity, is appended), the ``erasures`` list and the pseudonym
    secret; then everyone listed in ``erasures`` is erased again
    (``privacy.reapply_erasures``). One audit entry ``store.restore`` names the actor, the
    backup's file name and time, and how many people were erased again. The current store
    is backed up (reason ``before_restore``) and overwritten through the online backup API,
    so a running app sees the restored data on its next rerun; the state is read once more
    under the store's write lock just before, so a sign-in made meanwhile is not lost (one
    made in the instant between that lock and the copy can be). A damaged store is renamed
    to ``<name>.damaged-<time>.db`` and the prepared copy put in its place. The data version
    ends above both, so no cache serves figures of the replaced state. A damaged or missing
    backup raises and changes nothing.

    :param actor: an ``access.Actor``; must be an admin (checked before anything is touched).
        ``None`` acts as ``access.SYSTEM`` (the command line, the damaged-store page).
    :raises access.PermissionDenied: ``actor`` is not an admin.
    """
    from core import access

    if actor is not None:
        access.require(actor, "admin")
    actor = actor or access.SYSTEM
    store_path, backup_path = Path(store_path), Path(backup_path)
    if not backup_path.exists():
        raise FileNotFoundError(backup_path)
    check(backup_path)
    try:
        check(store_path)
        sound = store_path.exists() and store_path.stat().st_size > 0
    except StoreProblem:
        sound = False
    tmp = store_path.with_name(store_path.name + ".restoring")
    _remove_db(tmp)
    _copy(backup_path, tmp)
    try:
        prepared = _prepare(tmp)
        try:
            last = _last_audit(prepared)
            if sound:
                state = _current_state(store_path)
                reerased = _carry_over(prepared, state, last)
                # Once more under the store's write lock: what changed while preparing.
                lock = sqlite3.connect(store_path, timeout=15, isolation_level=None)
                try:
                    lock.execute("BEGIN IMMEDIATE")
                    fresh = _read_state(lock)
                    if fresh != state:
                        reerased += _carry_over(prepared, fresh, last)
                    version = _data_version_of(lock)
                    lock.execute("ROLLBACK")
                finally:
                    lock.close()
            else:
                reerased, version = _reapply(prepared), 0
            _finish(prepared, actor, backup_path, last, reerased, version)
        finally:
            prepared.close()
        if sound:
            kept = backup(store_path, reason="before_restore")
            src = sqlite3.connect(tmp)
            dst = sqlite3.connect(store_path, timeout=15)
            try:
                src.backup(dst)
                # No copy of re-erased rows, nor of the replaced state, stays in the WAL.
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                src.close()
                dst.close()
        else:
            kept = set_aside(store_path) if store_path.exists() else None
            tmp.rename(store_path)
    finally:
        _remove_db(tmp)
    return kept


def _remove_db(path):
    for side in [path] + [path.with_name(path.name + x) for x in ("-journal", "-wal", "-shm")]:
        if side.exists():
            side.unlink()


def _prepare(path):
    """Open the copy of the backup, migrated to the current schema, with secure_delete on."""
    from core import store

    db = store._connect(path, readonly=False)
    db.execute("PRAGMA secure_delete = ON")
    store.migrate(db)
    return db


_TABLES = ("users", "login_failures", "erasures", "domain_roles", "access_requests")


def _read_state(conn):
    """``{table: (columns, rows)}`` of the tables a restore carries over, the audit log, and
    the pseudonym secret, read through ``conn`` (a plain sqlite3 connection)."""
    state = {}
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in _TABLES + ("audit_log",):
        if table in have:
            cur = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
            state[table] = (tuple(c[0] for c in cur.description), cur.fetchall())
    row = conn.execute("SELECT value FROM settings WHERE key = 'pseudonym_secret'").fetchone() \
        if "settings" in have else None
    state["secret"] = row[0] if row else None
    return state


def _current_state(store_path):
    conn = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True, timeout=15)
    try:
        return _read_state(conn)
    finally:
        conn.close()


def _data_version_of(conn):
    row = conn.execute("SELECT value FROM settings WHERE key = 'data_version'").fetchone()
    return int(row[0]) if row and str(row[0]).isdigit() else 0


def _last_audit(db):
    row = db.execute("SELECT MAX(id) FROM audit_log").fetchone()
    return row[0] or 0


def _carry_over(db, state, backup_last):
    """Carry the current ``state`` into the prepared copy ``db`` (one transaction); return
    how many people were erased again. Idempotent: running it twice changes nothing more."""
    from core.importers.common import SECRET_KEY
    from core import store

    db.execute("BEGIN IMMEDIATE")
    try:
        for table in _TABLES:
            if table not in state:
                continue
            columns, rows = state[table]
            known = [c for c in columns if c in {r[1] for r in db.execute(f"PRAGMA table_info({table})")}]
            idx = [columns.index(c) for c in known]
            if table == "erasures":
                db.conn.executemany(
                    f"INSERT OR IGNORE INTO erasures ({', '.join(known)}) VALUES "
                    f"({', '.join('?' * len(known))})", [[r[i] for i in idx] for r in rows])
                continue
            db.execute(f"DELETE FROM {table}")
            db.conn.executemany(
                f"INSERT INTO {table} ({', '.join(known)}) VALUES ({', '.join('?' * len(known))})",
                [[r[i] for i in idx] for r in rows])
        if state.get("secret") and store.get_setting(db, SECRET_KEY) is None:
            store.set_setting(db, SECRET_KEY, state["secret"])
        _append_audit(db, state.get("audit_log"), backup_last)
        reerased = _reapply(db, in_transaction=True)
        db.execute("COMMIT")
    except BaseException:
        db.conn.rollback()
        raise
    return reerased


def _append_audit(db, current, backup_last):
    """Append the current audit rows the restored log lacks (see ``restore``)."""
    if not current:
        return
    columns, rows = current
    rows = [dict(zip(columns, r)) for r in rows]
    have = {r[0]: r[1:] for r in db.execute(
        "SELECT id, at, actor, action, entity FROM audit_log WHERE id <= ?", [backup_last])}
    ident = lambda r: (r["at"], r["actor"], r["action"], r["entity"])   # noqa: E731
    prefix = all(have.get(r["id"]) == ident(r) for r in rows if r["id"] <= backup_last) and \
        len([r for r in rows if r["id"] <= backup_last]) == len(have)
    cols = ("at", "actor", "action", "entity", "entity_id", "detail")
    if prefix:
        # Entries an erasure blanked since the backup stay blank.
        db.conn.executemany(
            "UPDATE audit_log SET detail = CASE WHEN ? IS NULL THEN NULL ELSE detail END, "
            "entity_id = CASE WHEN ? IS NULL THEN NULL ELSE entity_id END WHERE id = ?",
            [(r["detail"], r["entity_id"], r["id"]) for r in rows if r["id"] <= backup_last
             and (r["detail"] is None or r["entity_id"] is None)])
        present = {r[0] for r in db.execute("SELECT id FROM audit_log WHERE id > ?", [backup_last])}
        db.conn.executemany(
            f"INSERT INTO audit_log (id, {', '.join(cols)}) VALUES (?, {', '.join('?' * len(cols))})",
            [[r["id"]] + [r[c] for c in cols] for r in rows
             if r["id"] > backup_last and r["id"] not in present])
        return
    from collections import Counter

    held = Counter(tuple(r) for r in db.execute("SELECT at, actor, action, entity FROM audit_log"))
    missing = []
    for r in rows:
        if held[ident(r)]:
            held[ident(r)] -= 1
        else:
            missing.append([r[c] for c in cols])
    db.conn.executemany(
        f"INSERT INTO audit_log ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", missing)


def _reapply(db, in_transaction=False):
    from core import privacy

    if in_transaction:
        return privacy.reapply_erasures(db)
    db.execute("BEGIN IMMEDIATE")
    try:
        n = privacy.reapply_erasures(db)
        db.execute("COMMIT")
    except BaseException:
        db.conn.rollback()
        raise
    return n


def _finish(db, actor, backup_path, backup_last, reerased, version):
    """The ``store.restore`` audit entry and a data version above both stores'."""
    from core import store

    match = _NAME.match(Path(backup_path).name)
    taken = (dt.datetime.strptime(match["stamp"][:15], "%Y%m%dT%H%M%S").replace(
        tzinfo=dt.timezone.utc).isoformat(timespec="seconds") if match else None)
    db.execute("BEGIN IMMEDIATE")
    try:
        store.audit(db, actor, "store.restore", "store", None,
                    {"backup": Path(backup_path).name, "taken_at": taken,
                     "backup_last_audit_id": backup_last, "reerased": reerased})
        mine = _data_version_of(db.conn)
        store.set_setting(db, "data_version", max(mine, version) + 1)
        db.execute("COMMIT")
    except BaseException:
        db.conn.rollback()
        raise
    db.execute("PRAGMA journal_mode = DELETE")


def set_aside(store_path):
    """Rename a store (and its WAL files) to ``<name>.damaged-<time>.db``; return the new path."""
    store_path = Path(store_path)
    kept = store_path.with_name(f"{store_path.stem}.damaged-{_stamp()}{store_path.suffix}")
    store_path.rename(kept)
    for suffix in ("-wal", "-shm"):
        side = store_path.with_name(store_path.name + suffix)
        if side.exists():
            side.rename(kept.with_name(kept.name + suffix))
    return kept
