"""Backups of the store, restoring one, and telling a damaged store from a sound one.

Backups use SQLite's online backup API, so they are consistent even while the app writes.
They live in a ``backups`` folder beside the store, named ``<store>-<UTC time>[-<reason>].db``;
the newest ``keep_backups`` (setting, default 10) are kept.
"""
import datetime as dt
import re
import shutil
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
    src = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True)
    dst = sqlite3.connect(to)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
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


def restore(store_path, backup_path):
    """Put a backup's contents in the store's place and return where the replaced state is kept.

    A sound store is first backed up (reason ``before_restore``) and then overwritten through
    the online backup API, so a running app sees the restored data on its next rerun. A
    damaged store is renamed to ``<name>.damaged-<time>.db`` and the backup copied in its
    place. The data version ends above both, so no cache serves figures of the replaced
    state. A damaged or missing backup raises and changes nothing.
    """
    store_path, backup_path = Path(store_path), Path(backup_path)
    if not backup_path.exists():
        raise FileNotFoundError(backup_path)
    check(backup_path)
    try:
        check(store_path)
        sound = store_path.exists()
    except StoreProblem:
        sound = False
    if sound:
        version = _data_version(store_path)
        kept = backup(store_path, reason="before_restore")
        src = sqlite3.connect(f"file:{backup_path}?mode=ro", uri=True)
        dst = sqlite3.connect(store_path, timeout=15)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
    else:
        version = 0
        kept = set_aside(store_path) if store_path.exists() else None
        tmp = store_path.with_name(store_path.name + ".restoring")
        shutil.copyfile(backup_path, tmp)
        tmp.rename(store_path)
    _bump_version(store_path, version)
    return kept


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


def _data_version(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'data_version'").fetchone()
        return int(row[0]) if row else 0
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def _bump_version(path, at_least):
    conn = sqlite3.connect(path, timeout=15, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "UPDATE settings SET value = MAX(CAST(value AS INTEGER), ?) + 1 WHERE key = 'data_version'",
            [at_least])
        conn.execute("COMMIT")
    except sqlite3.OperationalError:
        # A backup from before the settings table existed: the migrations will make it.
        conn.rollback() if conn.in_transaction else None
    finally:
        conn.close()
