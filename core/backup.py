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
BUSY_TIMEOUT_S = 15.0
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}\d*Z)(?:-(?P<reason>[a-z0-9_]+))?\.db$")


class StoreProblem(Exception):
    """The store (or a backup) cannot be used; ``code`` says why, and is the key of its
    translated message (``damaged.<code>``).

    ``not_sqlite`` (SQLite says it is no database), ``damaged`` (SQLite cannot read it),
    ``integrity`` (``PRAGMA integrity_check`` fails), ``busy`` (still being written: try
    again), ``disk_full``, and, for a backup: ``empty`` (0 bytes or no tables),
    ``not_store`` (a database, but not a Draagvlak store) and ``newer`` (made by a newer
    Draagvlak).
    """

    def __init__(self, code, detail=""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


# SQLite's primary result codes that say something about the file rather than the query.
_FILE_CODES = {sqlite3.SQLITE_NOTADB: "not_sqlite", sqlite3.SQLITE_CORRUPT: "damaged",
               sqlite3.SQLITE_IOERR: "damaged", sqlite3.SQLITE_CANTOPEN: "damaged",
               sqlite3.SQLITE_FULL: "disk_full", sqlite3.SQLITE_BUSY: "busy",
               sqlite3.SQLITE_LOCKED: "busy"}


# Writes the disk refused (full, or the file may not grow: EFBIG is an I/O error to SQLite).
_WRITE_REFUSED = {sqlite3.SQLITE_IOERR_WRITE, sqlite3.SQLITE_IOERR_FSYNC,
                  sqlite3.SQLITE_IOERR_TRUNCATE, sqlite3.SQLITE_IOERR_DIR_FSYNC}


def store_fault(exc):
    """The ``StoreProblem`` an ``sqlite3.Error`` stands for when it is about the file (not a
    database, damaged, disk full, busy), from SQLite's own result code; ``None`` for an
    error of the query itself (a constraint, a missing table)."""
    extended = getattr(exc, "sqlite_errorcode", None) or 0
    if extended in _WRITE_REFUSED:
        return StoreProblem("disk_full", str(exc))
    code = extended & 0xFF
    if code in _FILE_CODES:
        return StoreProblem(_FILE_CODES[code], str(exc))
    if type(exc) is sqlite3.DatabaseError:       # "malformed" without a code
        return StoreProblem("damaged", str(exc))
    return None


def problem_of(exc):
    """The ``StoreProblem`` an ``sqlite3.Error`` met while reading or copying a whole file
    stands for: ``store_fault``'s, else ``damaged``."""
    return store_fault(exc) or StoreProblem("damaged", str(exc))


def backup_dir(store_path):
    return Path(store_path).resolve().parent / "backups"


def _stamp():
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def _copy(source, target):
    """Copy the SQLite file ``source`` to ``target`` with SQLite's online backup API (safe
    while others read and write the source). A failure (the disk full) removes what was
    written of ``target`` and raises ``StoreProblem``."""
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        _remove_db(Path(target))
        raise problem_of(exc) from None


def backup(store_path, to=None, reason=None, keep=None):
    """Copy the store to ``to`` (default: a new file in the backups folder) and return its path.

    The copy is written under a temporary name (``.<name>.partial``, which no listing
    counts as a backup), checked, and only then given its name: a full disk or a crash
    never leaves a 0-byte or half backup that looks like one. A failure raises
    ``StoreProblem`` (``disk_full``) and leaves nothing behind.

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
    partial = to.with_name(f".{to.name}.partial")
    _remove_db(partial)
    _copy(store_path, partial)
    try:
        check(partial, full=False)
        partial.rename(to)
    except BaseException:
        _remove_db(partial)
        raise
    if keep is not None:
        prune(store_path, keep)
    return to


def list_backups(store_path):
    """Backups of this store, newest first, as dicts (path, taken_at, reason, size).

    Files of 0 bytes are not backups (an older Draagvlak left them behind on a full disk).
    """
    folder = backup_dir(store_path)
    found = []
    for path in folder.glob(f"{Path(store_path).stem}-*.db") if folder.exists() else ():
        match = _NAME.match(path.name)
        if not match or match["stem"] != Path(store_path).stem:
            continue
        size = path.stat().st_size
        if not size:
            continue
        found.append({"path": path, "taken_at": taken_at(path), "reason": match["reason"],
                      "size": size, "stamp": match["stamp"]})
    return sorted(found, key=lambda b: b["stamp"], reverse=True)


def prune(store_path, keep=DEFAULT_KEEP):
    """Delete all but the newest ``keep`` backups of this store."""
    for old in list_backups(store_path)[max(0, keep):]:
        old["path"].unlink()


def _connect_checked(path):
    """A connection to ``path`` that reads only (``query_only``), through SQLite alone."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute("PRAGMA query_only = ON")
    return conn


def check(path, full=True):
    """Raise ``StoreProblem`` when SQLite finds the file at ``path`` unusable.

    Only SQLite reads the file — never Python's ``open()``: closing any descriptor of a
    file drops every POSIX lock this process holds on it, the app's SQLite locks included
    (SQLite's "How To Corrupt An SQLite Database File", section 2.2). The verdict is
    SQLite's, WAL included: the quick part (always) opens the file and reads its schema;
    ``full`` adds ``PRAGMA integrity_check``, which reads every page (seconds on a large
    store). The sizes only decide whether the full check is needed now: with no WAL to
    hold the rest, a main file shorter than the pages it declares (a copy broken off
    half-way) is checked in full at once. A missing file is fine: a new store will be
    made. Never changes the file's contents.
    """
    path = Path(path)
    if not path.exists():
        return
    try:
        conn = _connect_checked(path)
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            if not full:
                full = _shorter_than_declared(path, conn)
            result = conn.execute("PRAGMA integrity_check(5)").fetchall() if full else [("ok",)]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise problem_of(exc) from None
    if [r[0] for r in result] != ["ok"]:
        raise StoreProblem("integrity", "; ".join(r[0] for r in result))


def _shorter_than_declared(path, conn):
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False        # the WAL may hold the pages the main file lacks
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    return path.stat().st_size < pages * page_size


# What makes a file a Draagvlak store: its migrations and these tables.
_STORE_TABLES = ("employees", "settings", "surveys", "import_batches", "audit_log")


def inspect(path, full=True):
    """Check that ``path`` is a sound Draagvlak store and describe it; raise ``StoreProblem``
    (``empty``, ``not_sqlite``, ``damaged``, ``integrity``, ``not_store``, ``newer``) if not.
    ``full``: with SQLite's integrity check (see ``check``).

    Returns ``{"migrations": [names], "batches": {id: batch}, "last_audit": id,
    "employees": n}``; a batch is ``{id, kind, filename, imported_at, rows, status}``.
    """
    from core.schema import known_migrations, migrations

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(path)
    if path.stat().st_size == 0:
        raise StoreProblem("empty")
    check(path, full=full)
    try:
        conn = _connect_checked(path)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                raise StoreProblem("empty")
            if "_sqlite_migrations" not in tables or not set(_STORE_TABLES) <= tables:
                raise StoreProblem("not_store")
            applied = [r[0] for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                [migrations.name])]
            if "0001_initial" not in applied:
                raise StoreProblem("not_store")
            known = set(known_migrations())
            unknown = [n for n in applied if n not in known]
            if unknown:
                raise StoreProblem("newer", ", ".join(unknown))
            batches = {r[0]: dict(zip(("id", "kind", "filename", "imported_at", "rows", "status"), r))
                       for r in conn.execute("SELECT id, kind, filename, imported_at, rows, status "
                                             "FROM import_batches ORDER BY id")}
            last_audit = conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit_log").fetchone()[0]
            employees = conn.execute("SELECT COUNT(*) FROM employees").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise problem_of(exc) from None
    return {"migrations": applied, "batches": batches, "last_audit": last_audit,
            "employees": employees}


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
        conn = _connect_checked(store_path)
        try:
            changes = conn.execute(
                "SELECT COUNT(*) FROM audit_log WHERE id > ? AND action NOT LIKE 'import.%' "
                "AND action NOT LIKE 'login%' AND action NOT LIKE 'user.%' "
                "AND action NOT LIKE 'store.%' AND action NOT LIKE 'access.%'",
                [chosen["last_audit"]]).fetchone()[0]
        finally:
            conn.close()
    return {"against": against, "batches": lost, "changes": changes}


def taken_at(backup_path):
    """When a backup was taken (UTC), from its file name; ``None`` for another name."""
    match = _NAME.match(Path(backup_path).name)
    if not match:
        return None
    return dt.datetime.strptime(match["stamp"][:15], "%Y%m%dT%H%M%S").replace(tzinfo=dt.timezone.utc)


def describe_losses(losses, lang):
    """``restore_losses``'s answer as lines of text in ``lang``, for a screen or a terminal."""
    from core import i18n

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
    from core import access

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
    _remove_db(tmp)
    _copy(backup_path, tmp)
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
    from core import store

    store_path = Path(store_path)
    # A rename under open connections would leave them writing to the renamed file.
    store.close_all(store_path)
    kept = store_path.with_name(f"{store_path.stem}.damaged-{_stamp()}{store_path.suffix}")
    store_path.rename(kept)
    for suffix in ("-wal", "-shm"):
        side = store_path.with_name(store_path.name + suffix)
        if side.exists():
            side.rename(kept.with_name(kept.name + suffix))
    return kept
