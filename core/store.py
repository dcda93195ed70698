"""The SQLite store: where it lives, how it is opened, and the one way to write to it.

Many readers, one writer (as Datasette does it). Reads use a connection per thread —
Streamlit runs every rerun on a thread of its own — in WAL mode, so a read never waits for
a write. Every write goes through ``Store.write(actor, …)``, which first checks the actor's
role (``core.access``): one process-wide lock, one writer
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
import time
import weakref
from pathlib import Path

import sqlite_utils

from core import access, backup
from core.schema import migrations

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT / "data" / "draagvlak.db"
ENV_VAR = "DRAAGVLAK_DB"
BUSY_TIMEOUT_S = 15.0
CHECKPOINT_ATTEMPTS = 10
CHECKPOINT_WAIT_MS = 100


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
        if get_setting(db, "usage_rollups_stale") == "1":
            # A migration marked the rollups: rebuilt from the raw rows by today's code.
            refresh_usage_weekly(db)
            set_setting(db, "usage_rollups_stale", "0")
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
        # Every live read connection of every thread, so close() can close them all; weak,
        # so a finished thread's connection still goes when its thread-local data does.
        self._readers = weakref.WeakSet()
        self._readers_lock = threading.Lock()
        with _OPEN_LOCK:
            _OPEN.add(self)
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
                if problem.code != "busy":      # busy says nothing about damage
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
            with self._readers_lock:
                self._readers.add(db)
        return db

    @contextlib.contextmanager
    def write(self, actor, action=None, entity=None, entity_id=None, detail=None, role="editor",
              bump_version=True):
        """Run a block as one write transaction for ``actor``; all of it lands, or none of it.

        ``access.require(actor, role)`` is checked first, before anything begins: an actor
        below ``role`` (or a non-``Actor``) raises ``access.PermissionDenied`` and nothing
        is written. Bumps ``data_version`` (unless ``bump_version`` is false: writes no
        figure depends on, such as a login) and, when ``action`` is given, adds an audit
        log entry naming ``actor.name`` in the same transaction.
        """
        access.require(actor, role)
        with self._write_lock:
            db = self._writer_db
            if db.conn.in_transaction:
                # A nested write joins the outer transaction, as a savepoint.
                with db.atomic():
                    yield db
                    if action:
                        audit(db, actor, action, entity, entity_id, detail)
                return
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                if action:
                    audit(db, actor, action, entity, entity_id, detail)
                if bump_version:
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

    def checkpoint(self, attempts=CHECKPOINT_ATTEMPTS, wait_ms=CHECKPOINT_WAIT_MS):
        """Copy the WAL into the store file and truncate it, and switch ``secure_delete`` off;
        return whether the WAL was truncated.

        Run after an erasure (which turns ``secure_delete`` on for its transaction): the
        erased rows are then zeroed in the file and no copy of them is left in the WAL.
        A reader still on an older snapshot keeps the checkpoint busy: it is tried up to
        ``attempts`` times, each waiting at most ``wait_ms`` for readers (the writer lock is
        held meanwhile, so at most ``attempts × 2 × wait_ms``); ``False`` when still busy.
        """
        with self._write_lock:
            db = self._writer_db
            db.execute("PRAGMA secure_delete = OFF")
            db.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
            try:
                for attempt in range(max(1, attempts)):
                    if attempt:
                        time.sleep(wait_ms / 1000)
                    if db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0:
                        return True
                return False
            finally:
                db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")

    def data_version(self):
        """Return the counter every write bumps; cache keys include it."""
        return int(get_setting(self.read(), "data_version", "0"))

    def close(self):
        """Close the writer and every thread's read connection (a thread that reads again
        afterwards gets an error, not a connection to whatever file now has this name)."""
        with _OPEN_LOCK:
            _OPEN.discard(self)
        with self._write_lock:
            self._writer_db.close()
        with self._readers_lock:
            readers, self._readers = list(self._readers), weakref.WeakSet()
        for db in readers:
            db.close()
        self._local = threading.local()


# Every open Store of this process, for close_all.
_OPEN = weakref.WeakSet()
_OPEN_LOCK = threading.Lock()


def close_all(path):
    """Close every ``Store`` this process has open on ``path`` (before its file is renamed)."""
    target = Path(path).resolve()
    with _OPEN_LOCK:
        stores = [s for s in _OPEN if s.path.resolve() == target]
    for s in stores:
        s.close()


def audit(db, actor, action, entity=None, entity_id=None, detail=None):
    """Append an audit log entry (inside the caller's transaction), recording ``actor.name``.

    The log is append-only: triggers (migration ``0005_access``) refuse any DELETE, and
    any UPDATE except an erasure blanking ``detail`` / ``entity_id``.
    """
    if not isinstance(actor, access.Actor):
        raise TypeError(f"audit needs an access.Actor, not {actor!r}")
    db["audit_log"].insert(
        {
            "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "actor": actor.name,
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
    "use_cases", "stakeholder_assessments", "licence_holders", "licences", "usage_series", "usage_daily", "employees", "departments", "import_changes", "import_batches",
)


def clear_data(s, actor):
    """Delete all company data from store ``s`` in one transaction (admin only); schema,
    questionnaire, targets, settings, users and the audit log stay. The store is no longer
    marked as demo."""
    with s.write(actor, action="store.clear", role="admin") as db:
        for table in DATA_TABLES:
            db.execute(f"DELETE FROM {table}")
        set_setting(db, "demo", "0")
        set_setting(db, "company_name", "")


def refresh_usage_weekly(db, first_day=None, last_day=None, employees=None, rows=None):
    """Bring the usage rollup up to date for the ISO weeks touching ``first_day``..``last_day``.

    THE one call after any change to ``usage_daily`` (import, undo, erasure, demo), inside the
    same write transaction. The rollup, computed from the rows with ``actions > 0``:
    ``usage_series`` (one row per person, ``tool = ''``, and one per person and tool; the
    tool name '' is reserved): the person's whole history in one row, so a page reads one
    row per person however many years the store holds. ``actions`` = int32 little-endian
    per week, ``days`` = one byte per week whose bit i is set when Monday + i days had an
    action; ``first_week`` is the Monday of the first stored week and ``weeks`` their
    number. Leading and trailing weeks without actions are not stored; a person without
    any has no row. (The person × week table ``usage_weekly`` was read by no page and is
    gone, migration 0008.)

    Department, level, segment and licence are not rolled up: readers join the small
    ``employees`` table, so a staff-list change needs no refresh. Without dates, every week
    is rebuilt. ``employees`` (ids), when given, limits the refresh to those people: the
    caller promises nobody else's raw rows changed (an import names the people in its file).
    Weeks before setting ``usage_pruned_before`` (raw rows pruned by the retention setting)
    keep their rollups, whatever the dates.

    :param rows: the raw rows instead of reading them back, when the caller holds them (an
        import): ``(people, tools, person, tool, day, actions)`` as ``_raw_usage`` returns
        them (``tools[0]`` is ''; ``day`` counts days from ``_EPOCH``), and the caller
        promises they are ALL the rows of ``employees`` in the ISO weeks touching
        ``first_day``..``last_day`` (both required then). Rows with ``actions = 0`` or
        outside those weeks are ignored.
    """
    import numpy as np

    lo = None if first_day is None else _week_no(first_day)
    hi = None if last_day is None else _week_no(last_day)
    pruned = get_setting(db, "usage_pruned_before")
    if pruned:
        lo = _week_no(pruned) if lo is None else max(lo, _week_no(pruned))
    if lo is not None and hi is not None and hi < lo:
        return
    if rows is None:
        who = None if employees is None else json.dumps(sorted(set(employees)))
        _refresh(db, lo, hi, who, *_raw_usage(db, lo, hi, who))
        return
    if lo is None or hi is None or employees is None:
        raise ValueError("rows need first_day, last_day and employees")
    people, tools, emp, tool, day_no, actions = rows
    keep = (actions > 0) & (day_no >= 7 * lo) & (day_no < 7 * (hi + 1))
    if not keep.all():
        emp, tool, day_no, actions = emp[keep], tool[keep], day_no[keep], actions[keep]
    # A block of people at a time: the working arrays of a million-row import, all alive at
    # once, took 150 MB. Each person's series depends on their own rows only.
    ids = sorted(set(employees))
    block_of = {p: i // REFRESH_BLOCK for i, p in enumerate(ids)}
    code_block = np.array([block_of.get(p, -1) for p in people], dtype=np.int64)
    row_block = code_block[emp] if emp.size else emp
    for b in range(-(-len(ids) // REFRESH_BLOCK)):
        mine = row_block == b
        _refresh(db, lo, hi, json.dumps(ids[b * REFRESH_BLOCK:(b + 1) * REFRESH_BLOCK]), people, tools,
                 emp[mine], tool[mine], day_no[mine], actions[mine])


REFRESH_BLOCK = 500     # people per pass when an import hands its rows to the refresh


def _refresh(db, lo, hi, who, people, tools, emp, tool, day_no, actions):
    """``refresh_usage_weekly``'s work for the people in JSON array ``who`` (``None`` =
    everyone), from all their raw rows in weeks ``lo``..``hi`` (``_raw_usage``'s shape)."""
    import numpy as np

    week = day_no // 7
    w0 = int(week.min()) if week.size else 0
    n_weeks = int(week.max()) - w0 + 1 if week.size else 1
    n_people = max(len(people), 1)
    bit = np.left_shift(1, day_no % 7)

    # Per tool, person and week: a (person, day, tool) is one raw row, so the sum of the day
    # bits is their OR. All tools together: each person-day's bit counts once.
    tool_keys, inv = np.unique((tool * n_people + emp) * n_weeks + (week - w0), return_inverse=True)
    tool_actions = np.bincount(inv, weights=actions).astype(np.int64)
    tool_days = np.bincount(inv, weights=bit).astype(np.int64)
    person_keys, inv = np.unique(emp * n_weeks + (week - w0), return_inverse=True)
    person_actions = np.bincount(inv, weights=actions).astype(np.int64)
    person_day, first = np.unique(emp * (7 * n_weeks) + (day_no - 7 * w0), return_index=True)
    person_days = np.bincount(
        np.searchsorted(person_keys, person_day // 7), weights=bit[first],
        minlength=person_keys.size).astype(np.int64)
    p_emp, p_week = person_keys // n_weeks, person_keys % n_weeks

    # The series: each (tool, person)'s weeks in the range, spliced into its stored row.
    fresh = {}
    groups = ((np.zeros_like(p_emp), p_emp, p_week, person_actions, person_days),
              (tool_keys // (n_people * n_weeks), (tool_keys // n_weeks) % n_people,
               tool_keys % n_weeks, tool_actions, tool_days))
    for t_code, e_code, w_idx, acts, days in groups:
        pair = t_code * n_people + e_code       # sorted: each (tool, person) is one run
        starts = np.flatnonzero(np.diff(pair, prepend=-1)).tolist()
        for a, b in zip(starts, starts[1:] + [pair.size]):
            fresh[(tools[int(t_code[a])], people[int(e_code[a])])] = (
                w0 + w_idx[a:b], acts[a:b], days[a:b])
    stored = _stored_series(db, lo, hi, set(fresh), who)
    write, drop = [], []
    for pair in set(stored) | set(fresh):
        row = _splice(stored.get(pair), fresh.get(pair), lo, hi)
        if row is None:
            drop.append(pair)
        else:
            start, acts, days = row
            write.append((pair[0], pair[1], _week_date(start), len(acts),
                          acts.astype("<i4").tobytes(), days.astype(np.uint8).tobytes()))
    db.conn.executemany("DELETE FROM usage_series WHERE tool = ? AND employee_id = ?", drop)
    db.conn.executemany(
        "INSERT OR REPLACE INTO usage_series (tool, employee_id, first_week, weeks, actions, days) "
        "VALUES (?, ?, ?, ?, ?, ?)", write)


# Week numbers count ISO weeks from this Monday (negative before it).
_EPOCH = dt.date(2000, 1, 3)
_EPOCH_JD = _EPOCH.toordinal() + 1721424.5     # its julianday(), as SQLite computes it
_WIDE_DAYS = 92     # a longer span is read in key order: one pass, no sort


def _week_no(day):
    """The ISO week number (from ``_EPOCH``) of a date or ISO date text."""
    day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
    return (day - _EPOCH).days // 7


def _week_date(week_no):
    """The Monday of week number ``week_no``, as ISO text."""
    return (_EPOCH + dt.timedelta(weeks=int(week_no))).isoformat()


def _raw_usage(db, lo, hi, who=None):
    """The raw usage rows with actions > 0 in weeks ``lo``..``hi`` (``None`` = open) of the
    people in JSON array ``who`` (``None`` = everyone), as arrays.

    Returns ``(people, tools, person, tool, day, actions)``: the names, then per row the
    person's index in ``people``, the tool's index in ``tools`` (``tools[0]`` is '', all
    tools), the day number from ``_EPOCH`` and the action count. One row per person comes
    back from SQLite, its days, counts and tools concatenated: far fewer Python objects
    than a row per day.
    """
    import warnings

    import numpy as np

    where, params = ["actions > 0"], []
    if who is not None:
        where.append("employee_id IN (SELECT value FROM json_each(?))")
        params.append(who)
    if lo is not None:
        where.append("day >= ?")
        params.append(_week_date(lo))
    if hi is not None:
        where.append("day < ?")
        params.append(_week_date(hi + 1))
    where = " AND ".join(where)
    span = db.execute(f"SELECT MIN(day), MAX(day) FROM usage_daily WHERE {where}", params).fetchone()
    empty = np.zeros(0, dtype=np.int64)
    if span[0] is None:
        return [], [""], empty, empty, empty, empty
    wide = (dt.date.fromisoformat(span[1][:10]) - dt.date.fromisoformat(span[0][:10])).days > _WIDE_DAYS
    # Tools are coded 1, 2, … in the query; the tools already rolled up are tried first, and
    # only a tool new to the store (coded 0) makes it look for the tools in the raw rows.
    tools = [""] + [t for (t,) in db.execute(
        "SELECT DISTINCT tool FROM usage_series WHERE tool != '' ORDER BY tool")]
    for attempt in (0, 1):
        if attempt:
            tools = [""] + [t for (t,) in db.execute(
                f"SELECT DISTINCT tool FROM usage_daily WHERE {where} ORDER BY tool", params)]
        cases = " ".join("WHEN ? THEN ?" for _ in tools[1:]) or "WHEN NULL THEN 0"
        rows = db.execute(
            f"""
            SELECT employee_id, group_concat(CAST(julianday(day) - ? AS INTEGER)),
                   group_concat(actions), group_concat(CASE tool {cases} ELSE 0 END),
                   MIN(CASE tool {cases} ELSE 0 END)
            FROM usage_daily{" NOT INDEXED" if wide else ""} WHERE {where}
            GROUP BY employee_id
            """,
            [_EPOCH_JD] + 2 * [x for i, t in enumerate(tools[1:], 1) for x in (t, i)] + params,
        ).fetchall()
        if all(r[4] for r in rows):
            break
    people = [r[0] for r in rows]
    counts = np.array([r[1].count(",") + 1 for r in rows], dtype=np.int64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        parse = lambda i: np.fromstring(",".join(r[i] for r in rows), dtype=np.int64, sep=",")  # noqa: E731
        day_no, actions, tool = parse(1), parse(2), parse(3)
    return people, tools, np.repeat(np.arange(len(rows)), counts), tool, day_no, actions


# Up to this many series missing from the first query are looked up one by one; more are
# found in one pass over the table.
STORED_LOOKUP_LIMIT = 1000


def _stored_series(db, lo, hi, keys, who=None):
    """``{(tool, employee_id): (first week no, actions, days)}`` of the stored series that
    overlap weeks ``lo``..``hi`` (``None`` = open), of the people in JSON array ``who``
    (``None`` = everyone), and of the ``(tool, employee_id)`` in ``keys``."""
    import numpy as np

    where, params = [], []
    if who is not None:
        where.append("employee_id IN (SELECT value FROM json_each(?))")
        params.append(who)
    if lo is not None:
        where.append("date(first_week, '+' || (7 * weeks - 1) || ' days') >= ?")
        params.append(_week_date(lo))
    if hi is not None:
        where.append("first_week <= ?")
        params.append(_week_date(hi))
    query = "SELECT tool, employee_id, first_week, actions, days FROM usage_series"
    rows = db.execute(query + (f" WHERE {' AND '.join(where)}" if where else ""), params).fetchall()
    found = {(r[0], r[1]) for r in rows}
    missing = [k for k in keys if k not in found]
    if len(missing) > STORED_LOOKUP_LIMIT:
        # Only the missing keys: any other series returned here would be spliced as if its
        # person had no rows in these weeks, wiping their figures.
        wanted = set(missing)
        rows += [r for r in db.execute(query) if (r[0], r[1]) in wanted]
    else:
        for tool, emp in missing:
            rows += db.execute(query + " WHERE tool = ? AND employee_id = ?", [tool, emp]).fetchall()
    return {(tool, emp): (_week_no(first), np.frombuffer(acts, dtype="<i4").astype(np.int64),
                          np.frombuffer(days, dtype=np.uint8).astype(np.int64))
            for tool, emp, first, acts, days in rows}


def _splice(stored, fresh, lo, hi):
    """A series with weeks ``lo``..``hi`` (``None`` = open) replaced by ``fresh``.

    :param stored: ``(first week no, actions, days)`` or ``None``.
    :param fresh: ``(week numbers, actions, days)`` of the weeks with actions, or ``None``.
    :returns: ``(first week no, actions, days)`` trimmed to weeks with actions, or ``None``.
    """
    import numpy as np

    starts, ends = [], []
    if stored is not None:
        starts.append(stored[0])
        ends.append(stored[0] + len(stored[1]))
    if fresh is not None:
        starts.append(int(fresh[0][0]))
        ends.append(int(fresh[0][-1]) + 1)
    start, end = min(starts), max(ends)
    acts = np.zeros(end - start, dtype=np.int64)
    days = np.zeros(end - start, dtype=np.int64)
    if stored is not None:
        s0 = stored[0] - start
        acts[s0:s0 + len(stored[1])] = stored[1]
        days[s0:s0 + len(stored[2])] = stored[2]
        cut_lo = 0 if lo is None else max(0, lo - start)
        cut_hi = len(acts) if hi is None else min(len(acts), hi - start + 1)
        if cut_lo < cut_hi:
            acts[cut_lo:cut_hi] = 0
            days[cut_lo:cut_hi] = 0
    if fresh is not None:
        acts[fresh[0] - start] = fresh[1]
        days[fresh[0] - start] = fresh[2]
    used = np.flatnonzero(days)
    if not used.size:
        return None
    return start + int(used[0]), acts[used[0]:used[-1] + 1], days[used[0]:used[-1] + 1]
