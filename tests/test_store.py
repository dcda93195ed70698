"""The store: schema, migrations, pragmas, transactions and concurrent writers."""
import sqlite3
import threading

import pytest
import sqlite_utils

from core import questionnaire, store
from core.schema import migrations
from conftest import ADMIN, EDITOR, SYSTEM


def test_new_store_is_migrated_wal_and_seeded(fresh_store):
    db = fresh_store.read()
    assert migrations.pending(db) == []
    assert [m.name for m in migrations.applied(db)][0] == "0001_initial"
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    codes = [r[0] for r in db.execute("SELECT code FROM survey_questions ORDER BY position")]
    assert codes == [q["code"] for q in questionnaire.QUESTIONS]
    assert db.execute("SELECT text_nl FROM survey_questions WHERE code='INT1'").fetchone()[0] == \
        "Ik wil de AI-tools blijven gebruiken."
    assert store.get_setting(db, "min_group_size") == "5"


def test_reopening_does_not_reapply(tmp_path):
    path = tmp_path / "s.db"
    s = store.Store(path)
    before = s.read().execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0]
    s.close()
    s = store.Store(path)
    assert s.read().execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0] == before
    s.close()
    assert not (tmp_path / "backups").exists()        # nothing migrated, nothing backed up


def test_older_store_upgrades_itself(tmp_path):
    # A store made before any migration existed: only the bookkeeping table.
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.ensure_migrations_table(old)
    old.conn.close()
    s = store.Store(path)
    assert "employees" in s.read().table_names()
    s.close()


def test_foreign_keys_are_enforced(fresh_store):
    with pytest.raises(sqlite3.IntegrityError):
        with fresh_store.write(SYSTEM) as db:
            db.execute("INSERT INTO employees (id, department, level) VALUES ('E1', 'Nowhere', 'employee')")


def test_impossible_values_are_refused(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        db.execute("INSERT INTO departments VALUES ('IT')")
        db.execute("INSERT INTO employees (id, department, level) VALUES ('E1', 'IT', 'it')")
    with pytest.raises(sqlite3.IntegrityError):
        with fresh_store.write(SYSTEM) as db:
            db.execute("INSERT INTO stakeholder_assessments (employee_id, assessed_on, influence, "
                       "attitude, category) VALUES ('E1', '2026-01-01', 7, 0, 'neutral')")


def test_failed_write_changes_nothing(fresh_store):
    version = fresh_store.data_version()
    with pytest.raises(RuntimeError):
        with fresh_store.write(SYSTEM, action="test") as db:
            db.execute("INSERT INTO departments VALUES ('Verkoop')")
            raise RuntimeError("boom")
    db = fresh_store.read()
    assert db.execute("SELECT COUNT(*) FROM departments").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == 0
    assert fresh_store.data_version() == version


def test_write_bumps_version_and_audits(fresh_store):
    version = fresh_store.data_version()
    with fresh_store.write(actor=EDITOR, action="department.add", entity="departments",
                           entity_id="IT", detail={"n": 1}) as db:
        db.execute("INSERT INTO departments VALUES ('IT')")
    assert fresh_store.data_version() == version + 1
    row = fresh_store.read().execute("SELECT actor, action, entity_id, detail FROM audit_log").fetchone()
    assert row == (EDITOR.name, "department.add", "IT", '{"n": 1}')


def test_reads_are_read_only(fresh_store):
    with pytest.raises(sqlite3.OperationalError):
        fresh_store.read().execute("INSERT INTO departments VALUES ('X')")


def test_concurrent_writers_never_see_locked(tmp_path):
    # Two Store objects on one file stand for two processes (separate locks); each has
    # threads doing read-then-write. BEGIN IMMEDIATE plus the busy timeout serialise them.
    path = tmp_path / "c.db"
    stores = [store.Store(path), store.Store(path)]
    with stores[0].write(SYSTEM) as db:
        db.execute("INSERT INTO departments VALUES ('IT')")
        db.execute("INSERT INTO employees (id, department, level) VALUES ('E1', 'IT', 'it')")
    errors = []

    def worker(s, n):
        try:
            for i in range(25):
                with s.write(SYSTEM) as db:
                    count = db.execute("SELECT COUNT(*) FROM usage_daily").fetchone()[0]
                    db.execute("INSERT INTO usage_daily (employee_id, day, tool, actions) "
                               "VALUES ('E1', ?, ?, 1)", [f"2026-01-{1 + i % 28:02d}", f"t{n}-{i}-{count}"])
        except Exception as exc:  # noqa: BLE001 - any failure fails the test below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(stores[n % 2], n)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert stores[0].read().execute("SELECT COUNT(*) FROM usage_daily").fetchone()[0] == 100
    for s in stores:
        s.close()


def test_weekly_rollup(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        db.execute("INSERT INTO departments VALUES ('IT')")
        db.execute("INSERT INTO employees (id, department, level) VALUES ('E1', 'IT', 'it')")
        db["usage_daily"].insert_all([
            {"employee_id": "E1", "day": "2026-10-26", "tool": "a", "actions": 2},   # Monday
            {"employee_id": "E1", "day": "2026-10-26", "tool": "b", "actions": 1},
            {"employee_id": "E1", "day": "2026-11-01", "tool": "a", "actions": 4},   # Sunday
            {"employee_id": "E1", "day": "2026-11-02", "tool": "a", "actions": 0},   # next Monday
        ])
        store.refresh_usage_weekly(db)
    assert _series(fresh_store.read()) == {"": ("2026-10-26", [7], [0b1000001]),
                                           "a": ("2026-10-26", [6], [0b1000001]),
                                           "b": ("2026-10-26", [1], [0b1])}
    with fresh_store.write(SYSTEM) as db:
        db["usage_daily"].insert({"employee_id": "E1", "day": "2026-11-03", "tool": "a", "actions": 5})
        store.refresh_usage_weekly(db, "2026-11-03", "2026-11-03")
    assert _series(fresh_store.read())[""] == ("2026-10-26", [7, 5], [0b1000001, 0b10])
    assert "usage_weekly" not in {r[0] for r in fresh_store.read().execute(
        "SELECT name FROM sqlite_master")}      # dropped by migration 0008


def _series(db):
    """E1's usage_series rows: {tool: (first week, actions per week, day bits per week)}."""
    import numpy as np

    return {t: (first, np.frombuffer(a, dtype="<i4").tolist(), list(d)) for t, first, a, d in db.execute(
        "SELECT tool, first_week, actions, days FROM usage_series WHERE employee_id = 'E1'")}


def test_clear_data_keeps_schema_and_questionnaire(fresh_store):
    with fresh_store.write(SYSTEM) as db:
        db.execute("INSERT INTO departments VALUES ('IT')")
        store.set_setting(db, "demo", "1")
    store.clear_data(fresh_store, ADMIN)
    db = fresh_store.read()
    assert db.execute("SELECT COUNT(*) FROM departments").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM survey_questions").fetchone()[0] == 12
    assert not store.is_demo(db)


def test_resolve_path(monkeypatch, tmp_path):
    monkeypatch.delenv(store.ENV_VAR, raising=False)
    assert store.resolve_path() == store.DEFAULT_PATH
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "env.db"))
    assert store.resolve_path() == tmp_path / "env.db"
    assert store.resolve_path(tmp_path / "cli.db") == tmp_path / "cli.db"
