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


def stamp():
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def copy_store(source, target):
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
        remove_files(Path(target))
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
        to = folder / f"{store_path.stem}-{stamp()}{suffix}.db"
    to = Path(to)
    if to.exists():
        raise FileExistsError(f"{to} already exists")
    partial = to.with_name(f".{to.name}.partial")
    remove_files(partial)
    copy_store(store_path, partial)
    try:
        check(partial, full=False)
        partial.rename(to)
    except BaseException:
        remove_files(partial)
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


def connect_readonly(path):
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
        conn = connect_readonly(path)
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
        conn = connect_readonly(path)
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


def taken_at(backup_path):
    """When a backup was taken (UTC), from its file name; ``None`` for another name."""
    match = _NAME.match(Path(backup_path).name)
    if not match:
        return None
    return dt.datetime.strptime(match["stamp"][:15], "%Y%m%dT%H%M%S").replace(tzinfo=dt.timezone.utc)


def remove_files(path):
    for side in [path] + [path.with_name(path.name + x) for x in ("-journal", "-wal", "-shm")]:
        if side.exists():
            side.unlink()


