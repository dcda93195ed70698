"""Restoring a backup, and what a restore takes away: above the store, which it reads and
overwrites only through SQLite (``core.backup`` below it checks and copies files).

A restore brings back the data, not the access: see ``restore``.
"""
import sqlite3
from pathlib import Path

from core import access, i18n, privacy, store
from core.backup import (StoreProblem, connect_readonly, copy_store, remove_files, stamp,
                         backup, check, inspect, list_backups, problem_of, taken_at)
from core.pseudonyms import SECRET_KEY


def restore_losses(store_path, backup_path):
    """What restoring ``backup_path`` would take away, for the user to read before confirming.

    Compared with the current store when SQLite can read it, else with the newest backup
    that can be read (a damaged store's changes are lost anyway; the user still learns
    what the newest backup holds that this one lacks). Returns ``{"against": "store" |
    "backup" | None, "batches": [batch, …], "changes": n}``: the imports (still in force)
    the restored store will lack, and how many other recorded changes (edits,
    assessments, measurements, decisions) were made after the backup. Raises
    ``StoreProblem`` when the backup itself is not a Draagvlak store SQLite can open (the
    full integrity check is ``restore``'s, which this does not repeat: it is shown on
    every rerun of a page).
    """
    chosen = inspect(backup_path, full=False)
    against, reference = None, None
    try:
        reference, against = inspect(store_path, full=False), "store"
    except (StoreProblem, FileNotFoundError):
        for other in list_backups(store_path):
            if Path(other["path"]) == Path(backup_path):
                continue
            try:
                reference, against = inspect(other["path"], full=False), "backup"
                break
            except (StoreProblem, FileNotFoundError):
                continue
    if reference is None:
        return {"against": None, "batches": [], "changes": 0}
    lost = [b for i, b in reference["batches"].items()
            if b["status"] == "done" and i not in chosen["batches"]]
    changes = 0
    if against == "store":
        conn = connect_readonly(store_path)
        try:
            changes = conn.execute(
                "SELECT COUNT(*) FROM audit_log WHERE id > ? AND action NOT LIKE 'import.%' "
                "AND action NOT LIKE 'login%' AND action NOT LIKE 'user.%' "
                "AND action NOT LIKE 'store.%' AND action NOT LIKE 'access.%'",
                [chosen["last_audit"]]).fetchone()[0]
        finally:
            conn.close()
    return {"against": against, "batches": lost, "changes": changes}


def describe_losses(losses, lang):
    """``restore_losses``'s answer as lines of text in ``lang``, for a screen or a terminal."""
    if losses["against"] is None:
        return [i18n.t("restore.loses.unknown", lang)]
    batches = losses["batches"]
    lines = []
    if not batches:
        lines.append(i18n.t("restore.loses.nothing", lang))
    else:
        key = "restore.loses.batches" if losses["against"] == "store" else "restore.loses.batches_newest"
        lines.append(i18n.t(key, lang, n=len(batches)))
        lines += ["- " + i18n.t("restore.loses.batch", lang, file=b["filename"] or "–", kind=b["kind"],
                                rows=i18n.fmt_number(b["rows"], lang),
                                when=i18n.fmt_datetime(b["imported_at"], lang))
                  for b in batches]
    if losses["changes"]:
        lines.append(i18n.t("restore.loses.changes", lang, n=losses["changes"]))
    return lines


def restore(store_path, backup_path, actor=None):
    """Put a backup's contents in the store's place and return where the replaced state is kept.

    The backup must be a sound Draagvlak store (``inspect``): a 0-byte file, a foreign
    SQLite file or one of a newer Draagvlak raises ``StoreProblem`` and changes nothing.
    What the restore takes away (``restore_losses``) is for the caller to show and confirm
    first. The backup is then prepared in a temporary copy beside the store (migrated to the
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
    made in the instant between that lock and the copy can be). A store SQLite cannot read
    is renamed to ``<name>.damaged-<time>.db`` (this process's connections to it closed
    first) and the prepared copy put in its place. The data version ends above both, so no
    cache serves figures of the replaced state.

    :param actor: an ``access.Actor``; must be an admin (checked before anything is touched).
        ``None`` acts as ``access.SYSTEM`` (the command line, the damaged-store page).
    :raises access.PermissionDenied: ``actor`` is not an admin.
    """
    if actor is not None:
        access.require(actor, "admin")
    actor = actor or access.SYSTEM
    store_path, backup_path = Path(store_path), Path(backup_path)
    inspect(backup_path)
    try:
        check(store_path)
        sound = store_path.exists() and store_path.stat().st_size > 0
    except StoreProblem as problem:
        if problem.code in ("busy", "disk_full"):
            raise
        sound = False
    tmp = store_path.with_name(store_path.name + ".restoring")
    remove_files(tmp)
    copy_store(backup_path, tmp)
    try:
        try:
            prepared = _prepare(tmp)
        except sqlite3.Error as exc:
            raise problem_of(exc) from None
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
            except sqlite3.Error as exc:
                raise problem_of(exc) from None
            finally:
                src.close()
                dst.close()
        else:
            kept = set_aside(store_path) if store_path.exists() else None
            tmp.rename(store_path)
    finally:
        remove_files(tmp)
    return kept


def _prepare(path):
    """Open the copy of the backup, migrated to the current schema, with secure_delete on."""
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
    taken = taken_at(backup_path)
    taken = taken.isoformat(timespec="seconds") if taken else None
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
    """Rename a store (and its WAL files) to ``<name>.damaged-<time>.db``; return the new path.

    Every connection this process has to it is closed first (``store.close_all``)."""
    store_path = Path(store_path)
    # A rename under open connections would leave them writing to the renamed file.
    store.close_all(store_path)
    kept = store_path.with_name(f"{store_path.stem}.damaged-{stamp()}{store_path.suffix}")
    store_path.rename(kept)
    for suffix in ("-wal", "-shm"):
        side = store_path.with_name(store_path.name + suffix)
        if side.exists():
            side.rename(kept.with_name(kept.name + suffix))
    return kept
