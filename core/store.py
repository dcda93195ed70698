"""The SQLite store: where it lives, how it is opened, and the one way to write to it.

Many readers, one writer (as Datasette does it). Reads use a connection per thread —
Streamlit runs every rerun on a thread of its own — in WAL mode, so a read never waits for
a write. Every write goes through ``Store.write()``: one process-wide lock, one writer
connection, ``BEGIN IMMEDIATE`` (a deferred transaction that later upgrades to a write
lock fails with "database is locked" under concurrency, whatever the busy timeout), and a
data version bumped in the same transaction so caches keyed on it refresh.
"""
import contextlib
import datetime as dt
import json
import os
import sqlite3
import threading
from pathlib import Path

import sqlite_utils

from core import backup
from core.schema import migrations

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT / "data" / "draagvlak.db"
ENV_VAR = "DRAAGVLAK_DB"
BUSY_TIMEOUT_S = 15.0


def resolve_path(path=None):
    """Return the store path: ``path`` (from ``--db``), else ``$DRAAGVLAK_DB``, else ``data/draagvlak.db``."""
    if path:
        return Path(path)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    return DEFAULT_PATH


def _connect(path, *, readonly):
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None
    )
    # Per connection, and silently ignored inside a transaction: set it before anything else.
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    if readonly:
        conn.execute("PRAGMA query_only = ON")
    return sqlite_utils.Database(conn)


def open_db(path):
    """Open (creating if needed) the store at ``path``, in WAL mode, migrated to the latest schema.

    A file that is not a sound store raises ``backup.StoreProblem`` and is left untouched.

    :param path: file path of the store; its folder is created when missing.
    """
    path = Path(path)
    backup.check(path, full=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = _connect(path, readonly=False)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        migrate(db, path)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise backup.StoreProblem("damaged", str(exc)) from None
    return db


def migrate(db, path=None):
    """Apply pending migrations inside one BEGIN IMMEDIATE, so two processes never race.

    A store that already holds data is backed up first (reason ``migration``).
    """
    if not migrations.pending(db):
        return
    if path is not None and migrations.applied(db):
        backup.backup(path, reason="migration", keep=keep_backups(db))
    db.execute("BEGIN IMMEDIATE")
    try:
        # Inside an open transaction, sqlite-utils runs each migration as a savepoint.
        migrations.apply(db)
        db.execute("COMMIT")
    except BaseException:
        db.conn.rollback()
        raise


class Store:
    """A store file with per-thread read connections and one serialised writer.

    :param path: the SQLite file; created and migrated on first use.
    """

    def __init__(self, path):
        self.path = Path(path)
        self._writer_db = open_db(self.path)
        self._write_lock = threading.RLock()
        self._local = threading.local()
        # Set by check_in_background: a backup.StoreProblem when the full integrity check
        # failed; ``integrity_checked`` tells whether the check has finished.
        self.integrity_problem = None
        self.integrity_checked = threading.Event()

    def check_in_background(self):
        """Start SQLite's full integrity check (it reads every page) on a thread of its own."""
        def run():
            try:
                backup.check(self.path, full=True)
            except backup.StoreProblem as problem:
                self.integrity_problem = problem
            finally:
                self.integrity_checked.set()

        threading.Thread(target=run, name="integrity-check", daemon=True).start()

    def read(self):
        """Return this thread's read-only connection (a ``sqlite_utils.Database``)."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = _connect(self.path, readonly=True)
            self._local.db = db
        return db

    @contextlib.contextmanager
    def write(self, actor="system", action=None, entity=None, entity_id=None, detail=None):
        """Run a block as one write transaction; all of it lands, or none of it.

        Bumps ``data_version`` and, when ``action`` is given, adds an audit log entry in
        the same transaction.
        """
        with self._write_lock:
            db = self._writer_db
            if db.conn.in_transaction:
                # A nested write joins the outer transaction, as a savepoint.
                with db.atomic():
                    yield db
                return
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                if action:
                    audit(db, actor, action, entity, entity_id, detail)
                db.execute(
                    "UPDATE settings SET value = CAST(value AS INTEGER) + 1 "
                    "WHERE key = 'data_version'"
                )
                db.execute("COMMIT")
            except BaseException:
                # rollback() is a no-op if the error already ended the transaction, so the
                # original exception is the one that propagates.
                db.conn.rollback()
                raise

    def data_version(self):
        """Return the counter every write bumps; cache keys include it."""
        return int(get_setting(self.read(), "data_version", "0"))

    def close(self):
        self._writer_db.close()
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None


def audit(db, actor, action, entity=None, entity_id=None, detail=None):
    """Append an audit log entry (inside the caller's transaction)."""
    db["audit_log"].insert(
        {
            "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": None if entity_id is None else str(entity_id),
            "detail": None if detail is None else json.dumps(detail, ensure_ascii=False),
        }
    )


def get_setting(db, key, default=None):
    """Return a setting's text value, or ``default`` when it is not set."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return default if row is None or row[0] is None else row[0]


def set_setting(db, key, value):
    """Set a setting (inside the caller's write transaction)."""
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, None if value is None else str(value)],
    )


def keep_backups(db):
    """How many automatic backups to keep (setting ``keep_backups``, default 10, at least 1)."""
    try:
        return max(1, int(get_setting(db, "keep_backups", str(backup.DEFAULT_KEEP))))
    except (ValueError, sqlite3.Error):
        return backup.DEFAULT_KEEP


def is_demo(db):
    return get_setting(db, "demo", "0") == "1"


# Tables holding a company's data, children before parents (foreign keys are enforced).
DATA_TABLES = (
    "meeting_items", "meetings", "survey_answers", "survey_respondents", "surveys",
    "training_attendance", "trainings", "training_requests", "suggestions", "measurements",
    "use_cases", "stakeholder_assessments", "usage_weekly", "usage_daily", "employees", "departments", "import_changes", "import_batches",
)


def clear_data(s, actor="system"):
    """Delete all company data from store ``s`` in one transaction; schema, questionnaire,
    targets, settings and the audit log stay. The store is no longer marked as demo."""
    with s.write(actor=actor, action="store.clear") as db:
        for table in DATA_TABLES:
            db.execute(f"DELETE FROM {table}")
        set_setting(db, "demo", "0")
        set_setting(db, "company_name", "")


def refresh_usage_weekly(db, first_day=None, last_day=None):
    """Rebuild the weekly usage rollup for the ISO weeks touching ``first_day``..``last_day``.

    Run inside the write transaction that changed ``usage_daily``; with no dates, the whole
    rollup is rebuilt.
    """
    where, params = "", []
    if first_day is not None:
        monday = _monday(first_day)
        where = " WHERE day >= ?"
        params.append(monday)
        db.execute("DELETE FROM usage_weekly WHERE week >= ?" + (" AND week <= ?" if last_day else ""),
                   [monday] + ([_monday(last_day)] if last_day else []))
    else:
        db.execute("DELETE FROM usage_weekly")
    if last_day is not None:
        where += (" AND" if where else " WHERE") + " day < date(?, 'weekday 0', '+1 day')"
        params.append(str(last_day))
    db.execute(
        f"""
        INSERT INTO usage_weekly (week, employee_id, actions, active_days)
        SELECT date(day, 'weekday 0', '-6 days') AS week, employee_id,
               SUM(actions), COUNT(DISTINCT CASE WHEN actions > 0 THEN day END)
        FROM usage_daily{where}
        GROUP BY week, employee_id
        HAVING SUM(actions) > 0
        """,
        params,
    )


def _monday(day):
    day = dt.date.fromisoformat(str(day)[:10])
    return (day - dt.timedelta(days=day.weekday())).isoformat()
