"""Backups, restore, and damaged stores: nothing saved is lost, a damaged file is kept."""
import json
import sqlite3

import pytest

from core import backup, restore, store
from core.schema import migrations
from conftest import SYSTEM


def _count(path, table="departments"):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def filled(tmp_path):
    path = tmp_path / "s.db"
    s = store.Store(path)
    with s.write(SYSTEM) as db:
        db.execute("INSERT INTO departments VALUES ('IT'), ('Verkoop')")
    s.close()
    return path


def test_backup_while_open_and_list_newest_first(filled):
    s = store.Store(filled)                     # the app holds it open
    first = backup.backup(filled, reason="manual")
    with s.write(SYSTEM) as db:
        db.execute("INSERT INTO departments VALUES ('Inkoop')")
    second = backup.backup(filled)
    s.close()
    assert _count(first) == 2 and _count(second) == 3
    listed = backup.list_backups(filled)
    assert [b["path"] for b in listed] == [second, first]
    assert listed[1]["reason"] == "manual"


def test_backup_refuses_to_overwrite(filled, tmp_path):
    target = tmp_path / "copy.db"
    backup.backup(filled, to=target)
    with pytest.raises(FileExistsError):
        backup.backup(filled, to=target)


def test_prune_keeps_the_newest(filled):
    made = [backup.backup(filled) for _ in range(4)]
    backup.prune(filled, keep=2)
    assert [b["path"] for b in backup.list_backups(filled)] == made[:1:-1]


def test_restore_into_a_running_store(filled):
    s = store.Store(filled)
    saved = backup.backup(filled)
    version = s.data_version()
    with s.write(SYSTEM) as db:
        db.execute("DELETE FROM departments")
    kept = restore.restore(filled, saved)
    # The open store sees the restored rows at once, under a new data version.
    assert s.read().execute("SELECT COUNT(*) FROM departments").fetchone()[0] == 2
    assert s.data_version() > version + 1
    assert _count(kept) == 0                    # the replaced state is kept as a backup
    s.close()


def test_restore_refuses_a_damaged_backup(filled, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is no database at all" * 10)
    with pytest.raises(backup.StoreProblem):
        restore.restore(filled, bad)
    assert _count(filled) == 2


@pytest.mark.parametrize("damage,code", [
    (lambda p: p.write_bytes(b"PK\x03\x04 a zip, not a store" * 50), "not_sqlite"),
    (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), "damaged"),
])
def test_damaged_store_is_refused_and_kept(filled, damage, code):
    # Checkpoint so the whole store is in the main file, then break the file.
    conn = sqlite3.connect(filled)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    damage(filled)
    before = filled.read_bytes()
    with pytest.raises(backup.StoreProblem) as err:
        store.Store(filled)
    assert err.value.code == code
    assert filled.read_bytes() == before


def test_restore_replaces_a_damaged_store_and_keeps_it(filled):
    saved = backup.backup(filled)
    filled.write_bytes(b"garbage" * 100)
    kept = restore.restore(filled, saved)
    assert kept.read_bytes() == b"garbage" * 100 and ".damaged-" in kept.name
    s = store.Store(filled)
    assert s.read().execute("SELECT COUNT(*) FROM departments").fetchone()[0] == 2
    s.close()


def test_integrity_check_finds_a_corrupt_page(filled):
    conn = sqlite3.connect(filled)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'departments'").fetchone()[0]
    conn.close()
    data = bytearray(filled.read_bytes())
    start = (root - 1) * page_size
    data[start:start + 64] = b"\xff" * 64       # scribble over the table's b-tree page header
    filled.write_bytes(bytes(data))
    with pytest.raises(backup.StoreProblem) as err:
        backup.check(filled)
    assert err.value.code in ("integrity", "damaged")


def test_backup_before_a_migration(filled, monkeypatch):
    monkeypatch.setattr(migrations, "_migrations", list(migrations._migrations))

    @migrations(name="9999_test_column")
    def add_column(db):
        db.execute("ALTER TABLE departments ADD COLUMN note TEXT")

    s = store.Store(filled)
    s.close()
    (taken,) = backup.list_backups(filled)
    assert taken["reason"] == "migration"
    conn = sqlite3.connect(taken["path"])
    assert "note" not in [r[1] for r in conn.execute("PRAGMA table_info(departments)")]
    conn.close()


# --- Restoring keeps users, the audit log and erasures (core/backup.py restore) ---

from conftest import ADMIN, EDITOR, VIEWER, build_small_company  # noqa: E402
from core import access, privacy, users  # noqa: E402

PASSWORD = "correct horse battery"


@pytest.fixture
def company(tmp_path, monkeypatch):
    monkeypatch.setattr(users, "BCRYPT_ROUNDS", 4)
    s = store.Store(tmp_path / "c.db")
    build_small_company(s)
    with s.write(SYSTEM) as db:
        db.execute("UPDATE employees SET display_name = 'Vera Vos' WHERE id = 'V3'")
    users.add_user(s, ADMIN, "Anna", "admin", password=PASSWORD)
    users.add_user(s, ADMIN, "Bert", "editor", password=PASSWORD)
    yield s
    s.close()


def _audit(s):
    return s.read().execute("SELECT id, actor, action, entity_id FROM audit_log ORDER BY id").fetchall()


def test_restore_keeps_users_audit_and_erasures(company):
    s = company
    saved = backup.backup(s.path, reason="manual")
    before = _audit(s)
    # After the backup: Bert is removed, Anna's password changes, someone is added,
    # a person is erased, and data changes that the restore is meant to turn back.
    users.remove_user(s, ADMIN, "Bert")
    users.set_password(s, ADMIN, "Anna", "a brand new password")
    users.add_user(s, ADMIN, "Carla", "viewer", password=PASSWORD)
    privacy.erase_person(s, ADMIN, "V3")
    with s.write(SYSTEM, action="data.test") as db:
        db.execute("DELETE FROM measurements")
    current = _audit(s)
    version = s.data_version()

    kept = restore.restore(s.path, saved, actor=ADMIN)

    db = s.read()
    # The data is the backup's…
    assert db.execute("SELECT COUNT(*) FROM measurements").fetchone()[0] == 10
    # …but users are today's: Bert stays removed, Anna's new password holds, Carla exists.
    assert [u["name"] for u in users.list_users(db)] == ["Anna", "Carla"]
    with pytest.raises(users.LoginFailed):
        users.authenticate(s, "Bert", PASSWORD)
    with pytest.raises(users.LoginFailed):
        users.authenticate(s, "Anna", PASSWORD)
    assert users.authenticate(s, "Anna", "a brand new password").name == "Anna"
    # The audit log lost nothing: today's log, then the restore entry (then the sign-in).
    log = _audit(s)
    assert log[:len(current)] == current and current[:len(before)] == before
    entry = db.execute("SELECT actor, action, entity, detail FROM audit_log WHERE action = "
                       "'store.restore'").fetchone()
    detail = json.loads(entry[3])
    assert entry[:3] == ("anna.admin", "store.restore", "store")
    assert (detail["backup"], detail["reerased"], detail["backup_last_audit_id"]) == (
        saved.name, 1, before[-1][0])
    assert log[len(current)][2] == "store.restore"
    # The erased person does not come back: not in any table, and still listed as erased.
    assert db.execute("SELECT COUNT(*) FROM employees WHERE id = 'V3'").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM usage_daily WHERE employee_id = 'V3'").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM usage_series WHERE employee_id = 'V3'").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM erasures").fetchone()[0] == 1
    wal = s.path.with_name(s.path.name + "-wal")
    assert b"Vera Vos" not in s.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert s.data_version() > version
    # The replaced state is kept as before.
    assert _count(kept, "measurements") == 0 and _count(kept, "users") == 2


def test_restore_when_the_backup_log_is_not_a_prefix(company, tmp_path):
    s = company
    saved = backup.backup(s.path)
    # A backup whose log differs (e.g. made elsewhere): its rows stay, today's are added.
    conn = sqlite3.connect(saved)
    conn.execute("INSERT INTO audit_log (at, actor, action) VALUES ('2020-01-01T00:00:00+00:00', "
                 "'elsewhere', 'other.thing')")
    conn.commit()
    conn.close()
    users.add_user(s, ADMIN, "Carla", "viewer", password=PASSWORD)
    current = _audit(s)
    restore.restore(s.path, saved, actor=ADMIN)
    after = s.read().execute("SELECT actor, action FROM audit_log ORDER BY id").fetchall()
    assert ("elsewhere", "other.thing") in after
    # Every current entry is there exactly once, the restore entry last.
    for _, actor, action, _ in current:
        assert after.count((actor, action)) == sum(1 for r in current if r[1:3] == (actor, action))
    assert after[-1] == ("anna.admin", "store.restore")


@pytest.mark.parametrize("who", [VIEWER, EDITOR, "admin"])   # "admin": not an Actor
def test_restore_needs_an_admin(company, who):
    s = company
    saved = backup.backup(s.path)
    with s.write(SYSTEM) as db:
        db.execute("DELETE FROM measurements")
    before = s.path.read_bytes()
    with pytest.raises(access.PermissionDenied):
        restore.restore(s.path, saved, actor=who)
    assert s.read().execute("SELECT COUNT(*) FROM measurements").fetchone()[0] == 0
    assert [b["reason"] for b in backup.list_backups(s.path)] == [None]   # nothing kept, no copy
    assert s.path.read_bytes() == before


def test_restore_of_a_damaged_store_is_audited(company):
    s = company
    saved = backup.backup(s.path)
    s.close()
    s.path.write_bytes(b"garbage" * 100)
    for side in ("-wal", "-shm"):
        s.path.with_name(s.path.name + side).unlink(missing_ok=True)
    restore.restore(s.path, saved, actor=access.SYSTEM)
    restored = store.Store(s.path)
    assert restored.read().execute("SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1"
                                   ).fetchone() == ("system", "store.restore")
    assert [u["name"] for u in users.list_users(restored.read())] == ["Anna", "Bert"]
    restored.close()
